"""Diagnostics: what went wrong, where, and how to fix it.

Errors are the product's main interface for editors, so every finding carries a location
(1-based line and column, converted once from YAML's 0-based marks in the loader), a stable code
that the documentation lists, and a hint that says what to do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file; ``line`` and ``col`` are 1-based, as editors count."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    suggestion: str = ""
    # The source line the location points into, filled in by the formatter's caller when available.
    source_line: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.file, self.location.line, self.location.col, self.code)


def error(code: str, message: str, location: Location, hint: str = "", suggestion: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, location, hint, suggestion)


def warning(code: str, message: str, location: Location, hint: str = "", suggestion: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, location, hint, suggestion)


class BriefingError(Exception):
    """The one exception the package raises for bad input: it carries every finding at once."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__(format_text(self.diagnostics))


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=Diagnostic.sort_key)


def with_source_lines(diagnostics: Iterable[Diagnostic], root: Path) -> list[Diagnostic]:
    """Attach the offending source line to each diagnostic, reading each file once."""
    cache: dict[str, list[str]] = {}
    result = []
    for diag in diagnostics:
        loc = diag.location
        if loc.line > 0 and not diag.source_line:
            if loc.file not in cache:
                try:
                    text = (root / loc.file).read_text(encoding="utf-8-sig", errors="replace")
                except OSError:
                    text = ""
                cache[loc.file] = text.splitlines()
            lines = cache[loc.file]
            if loc.line <= len(lines):
                result.append(replace(diag, source_line=lines[loc.line - 1]))
                continue
        result.append(diag)
    return result


def format_one(diag: Diagnostic) -> str:
    lines = [f"{diag.location}: {diag.severity.value}[{diag.code}]: {diag.message}"]
    if diag.source_line:
        number = str(diag.location.line)
        lines.append(f" {number} | {diag.source_line.expandtabs(1)}")
        caret_pad = " " * max(diag.location.col - 1, 0)
        lines.append(f" {' ' * len(number)} | {caret_pad}^")
    if diag.hint:
        lines.append(f"  hint: {diag.hint}")
    if diag.suggestion:
        lines.append(f"  did you mean '{diag.suggestion}'?")
    return "\n".join(lines)


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    body = "\n\n".join(format_one(d) for d in diagnostics)
    return f"{body}\n\n{summary_line(diagnostics)}" if body else summary_line(diagnostics)


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, so data errors show as annotations on pull requests."""
    out = []
    for diag in diagnostics:
        kind = "error" if diag.is_error else "warning"
        props = [f"file={_github_escape(diag.location.file, property_value=True)}"]
        if diag.location.line:
            props += [f"line={diag.location.line}", f"col={diag.location.col}"]
        props.append(f"title={_github_escape(diag.code, property_value=True)}")
        message = diag.message
        if diag.hint:
            message += f"\nhint: {diag.hint}"
        if diag.suggestion:
            message += f"\ndid you mean '{diag.suggestion}'?"
        out.append(f"::{kind} {','.join(props)}::{_github_escape(message)}")
    return "\n".join(out)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps(
        [
            {
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
                "file": d.location.file,
                "line": d.location.line,
                "column": d.location.col,
                "hint": d.hint,
                "suggestion": d.suggestion or None,
            }
            for d in diagnostics
        ],
        indent=2,
        ensure_ascii=False,
    )


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
