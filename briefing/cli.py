"""The ``briefing`` command: check a briefing's data, scaffold a new one, add, list, show and rename records,
upgrade old files, write JSON Schema."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import yaml

from .diagnostics import FORMATTERS, BriefingError, format_text, summary_line
from .pipeline import Options, compile


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
    init.add_argument("--empty", action="store_true", help="no example records: placeholders in briefing.yml and "
                      "empty collection files")
    new = commands.add_parser("new", help="append a record to its file: a skeleton (next free id, dates the "
                              "briefing's as_of) or a copy")
    new.add_argument("kind", help="quote, position, round, event, person, organization, party, outlet, source, "
                     "issue, term")
    new.add_argument("--id", dest="record_id", default=None, help="the new record's id (default: the next free "
                     "KIND-N)")
    new.add_argument("--set", dest="settings", action="append", default=[], metavar="FIELD=VALUE",
                     help="a field's value, as YAML text (quoted for you when needed; [a, b] for a list); "
                     "repeatable")
    new.add_argument("--from", dest="copy_of", default=None, metavar="ID",
                     help="copy this record of the same kind (comments are not copied)")
    new.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    ren = commands.add_parser("rename", help="rename an id everywhere: the record, every reference in data/ and "
                              "the [[id]]s and blocks in the pages")
    ren.add_argument("old", help="the id to rename")
    ren.add_argument("new", help="the new id")
    ren.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    ren.add_argument("--docs", type=Path, default=None,
                     help="hand-written pages to rewrite (default: docs_dir of mkdocs.yml)")
    ren.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    lst = commands.add_parser("list", help="list records: id, title, file:line, in the site's order")
    lst.add_argument("kind", nargs="?", default=None, help="only this kind (quote, round, person…)")
    lst.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    show = commands.add_parser("show", help="one record as written, what it refers to, what refers to it")
    show.add_argument("id", help="the record's id")
    show.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    show.add_argument("--docs", type=Path, default=None,
                      help="hand-written pages to search for references (default: docs_dir of mkdocs.yml)")
    show.add_argument("--format", choices=("text", "json"), default="text")
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


def _rename(data_dir: Path, old: str, new: str, docs_dir: Path | None, dry_run: bool) -> int:
    from .editing import rename  # noqa: PLC0415 - see main

    done = rename(data_dir, old, new, docs_dir if docs_dir is not None else _docs_dir(data_dir), dry_run=dry_run)
    for change in done.changes:
        print(change)
    verb = "would rewrite" if dry_run else "rewrote"
    print(f"{verb} {len(done.changes)} id{'' if len(done.changes) == 1 else 's'} in {len(done.files)} "
          f"file{'' if len(done.files) == 1 else 's'}: '{old}' → '{new}'")
    if done.leftovers:
        print(f"'{old}' is still written, not as a reference, on these lines (left as they are):", file=sys.stderr)
        for leftover in done.leftovers:
            print(f"  {leftover}", file=sys.stderr)
    return 0


def _note_unread(unread: Sequence[object]) -> None:
    if unread:
        print(f"note: {len(unread)} error{'' if len(unread) == 1 else 's'} keep some records from being read: "
              "run briefing check", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()  # here, where a closed pipe can still be caught, rather than when Python exits
    except BrokenPipeError:
        # Whoever read the output stopped early (`briefing list | head`): nothing is wrong with the data, and
        # the rest has nowhere to go. Python would report the pipe again when it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return check(args.data_dir, args.format, args.strict, args.docs)
    # Each command imports what it alone uses: `briefing check`, the one run on every edit and in CI, would
    # otherwise start by importing the authoring and editing tools too.
    from .authoring import init_briefing, new_record  # noqa: PLC0415 - see above
    from .editing import format_list, format_shown, list_records, load_project, show_record  # noqa: PLC0415
    from .schema import write_schemas  # noqa: PLC0415 - see above
    from .upgrade import upgrade  # noqa: PLC0415 - see above

    try:
        if args.command == "init":
            files = init_briefing(args.target, empty=args.empty)
            print(f"created {args.target} ({len(files)} files); next: cd {args.target} && mkdocs serve")
        elif args.command == "new":
            target, new_id, placeholders = new_record(args.data, args.kind, record_id=args.record_id,
                                                      settings=args.settings, copy_of=args.copy_of)
            todo = ": replace its TODO values" if placeholders else ""
            copied = f", a copy of '{args.copy_of}'" if args.copy_of else ""
            print(f"added '{new_id}' to {target}{copied}{todo}")
        elif args.command == "rename":
            return _rename(args.data, args.old, args.new, args.docs, args.dry_run)
        elif args.command == "list":
            project = load_project(args.data)
            found = list_records(project, args.kind)
            if args.format == "json":
                print(json.dumps([asdict(item) for item in found], indent=2, ensure_ascii=False))
            elif found:
                print(format_list(found, with_kind=args.kind is None))
            _note_unread(project.unread)
        elif args.command == "show":
            project = load_project(args.data, args.docs if args.docs is not None else _docs_dir(args.data))
            shown = show_record(project, args.id)
            print(json.dumps(shown.as_json(), indent=2, ensure_ascii=False) if args.format == "json"
                  else format_shown(shown))
            _note_unread(project.unread)
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
