"""The ``briefing`` command: check a briefing's data, scaffold a new one, add records, upgrade old files, write
JSON Schema."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from .authoring import init_briefing, new_record
from .diagnostics import FORMATTERS, BriefingError, format_text, summary_line
from .pipeline import Options, compile
from .schema import write_schemas
from .upgrade import upgrade


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate data/ and report every problem with file:line")
    check.add_argument("data_dir", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                       help="text for people, github for pull-request annotations, json for tools")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--docs", type=Path, default=None,
                       help="hand-written pages to check for [[id]] references (default: docs_dir of mkdocs.yml)")
    init = commands.add_parser("init", help="create a new, working briefing in an empty folder")
    init.add_argument("target", type=Path, help="the folder to create")
    new = commands.add_parser("new", help="append a skeleton record (next free id, today's date) to its file")
    new.add_argument("kind", help="quote, position, round, event, person, organization, party, outlet, source, "
                     "issue, term")
    new.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    up = commands.add_parser("upgrade", help="rewrite data files written for an older model (comments and "
                             "layout kept)")
    up.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    up.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    schema = commands.add_parser("schema", help="write JSON Schema files for editors (schema/*.schema.json)")
    schema.add_argument("--root", type=Path, default=Path(), help="folder to write schema/ into (default: .)")
    return parser


def _docs_dir(data_dir: Path) -> Path | None:
    """The docs_dir of the mkdocs.yml beside the data folder, if there is one."""
    config = data_dir.resolve().parent / "mkdocs.yml"
    if not config.is_file():
        return None

    class _Tolerant(yaml.SafeLoader):
        pass

    # mkdocs.yml files may carry !!python/name tags (e.g. for emoji); they do not matter here.
    _Tolerant.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    try:
        settings = yaml.load(config.read_text(encoding="utf-8"), Loader=_Tolerant)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    docs = settings.get("docs_dir", "docs") if isinstance(settings, dict) else "docs"
    return config.parent / str(docs)


def check(data_dir: Path, output_format: str, strict: bool, docs_dir: Path | None = None) -> int:
    root = Path.cwd() if data_dir.resolve().is_relative_to(Path.cwd()) else data_dir.resolve().parent
    docs = docs_dir if docs_dir is not None else _docs_dir(data_dir)
    result = compile(data_dir, root, Options(docs_dir=docs), render=False)
    failing = result.diagnostics if strict else result.errors
    if output_format == "text":
        if result.diagnostics:
            print(FORMATTERS["text"](result.diagnostics), file=sys.stderr)
        else:
            print(f"{data_dir}: no problems found ({summary_line(result.diagnostics)})")
    else:
        print(FORMATTERS[output_format](result.diagnostics))
    return 1 if failing else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return check(args.data_dir, args.format, args.strict, args.docs)
    try:
        if args.command == "init":
            files = init_briefing(args.target)
            print(f"created {args.target} ({len(files)} files); next: cd {args.target} && mkdocs serve")
        elif args.command == "new":
            target, new_id = new_record(args.data, args.kind)
            print(f"added '{new_id}' to {target}: replace its TODO values")
        elif args.command == "upgrade":
            changes = upgrade(args.data, dry_run=args.dry_run)
            for change in changes:
                print(change)
            verb = "would rewrite" if args.dry_run else "rewrote"
            print(f"{args.data}: {verb} {len(changes)} value{'' if len(changes) == 1 else 's'}"
                  if changes else f"{args.data}: already up to date")
        elif args.command == "schema":
            for path in write_schemas(args.root):
                print(path)
    except BriefingError as exc:
        print(format_text(exc.diagnostics), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
