"""The ``briefing`` command: check a briefing's data without building the site."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import FORMATTERS, summary_line
from .pipeline import validate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate data/ and report every problem with file:line")
    check.add_argument("data_dir", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                       help="text for people, github for pull-request annotations, json for tools")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    return parser


def check(data_dir: Path, output_format: str, strict: bool) -> int:
    _parsed, result = validate(data_dir, Path.cwd() if data_dir.resolve().is_relative_to(Path.cwd()) else None)
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
        return check(args.data_dir, args.format, args.strict)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
