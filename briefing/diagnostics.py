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


@dataclass(frozen=True, order=True, init=False)
class Location:
    """A place in an input file; ``line`` and ``col`` are 1-based, as editors count."""

    file: str
    line: int = 0
    col: int = 0

    def __init__(self, file: str, line: int = 0, col: int = 0) -> None:
        # The loader makes one for every value and key (hundreds of thousands in a large briefing): filling the
        # instance's dict directly is twice as fast as the frozen dataclass's object.__setattr__ per field, and
        # the instance stays as frozen, comparable and hashable as before.
        fields = self.__dict__
        fields["file"] = file
        fields["line"] = line
        fields["col"] = col

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
    # A line shown above it for context (the line above a syntax error, the key of a block of text a field was
    # indented into): its number (0 for none) and, filled in with ``source_line``, its text.
    context_line: int = field(default=0, compare=False)
    context_source: str = field(default="", compare=False)

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
                above = diag.context_line
                context = lines[above - 1] if 0 < above < loc.line else ""
                result.append(replace(diag, source_line=lines[loc.line - 1], context_source=context))
                continue
        result.append(diag)
    return result


# Bidirectional controls in a quoted source line would reorder the message itself on the terminal: they are
# shown as U+FFFD, one character for one, so that the caret stays under its column.
_SHOWN = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], "\ufffd")


def _shown(line: str) -> str:
    return line.expandtabs(1).translate(_SHOWN)


def format_one(diag: Diagnostic) -> str:
    lines = [f"{diag.location}: {diag.severity.value}[{diag.code}]: {diag.message}"]
    if diag.source_line:
        number = str(diag.location.line)
        if diag.context_source:
            above = str(diag.context_line).rjust(len(number))
            lines.append(f" {above} | {_shown(diag.context_source)}".rstrip())
            if diag.context_line < diag.location.line - 1:
                lines.append(f" {' ' * len(number)} | ...")
        lines.append(f" {number} | {_shown(diag.source_line)}")
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


@dataclass(frozen=True)
class CodeInfo:
    """What a diagnostic code means, a minimal input that triggers it, and the fix (for the reference page)."""

    title: str
    example: str
    fix: str
    severity: Severity = Severity.ERROR


CODES: dict[str, CodeInfo] = {
    "BR001": CodeInfo("YAML syntax error", "- id: round-1\n\tnumber: 1",
                      "Indent with spaces, close brackets and quotes; one YAML document per file."),
    "BR002": CodeInfo("File too large", "(a data file over 5 MiB)",
                      "Split the collection into a folder of files: data/quotes/2026-02.yml, …"),
    "BR003": CodeInfo("Not UTF-8", "(a file saved as Windows-1252)", "Save the file as UTF-8."),
    "BR004": CodeInfo("Not a collection file", "data/quote.yml", "Rename it to a collection name, e.g. quotes.yml.",
                      Severity.WARNING),
    "BR005": CodeInfo("Anchors and aliases", "defaults: &d {status: held}\nround: *d", "Write each value out."),
    "BR006": CodeInfo("YAML tags", "date: !!timestamp 2026-02-17", "Remove the tag; every value is read as text."),
    "BR007": CodeInfo("Nesting too deep", "a: [[[[[[[[…]]]]]]]]", "Records are flat mappings with short lists."),
    "BR008": CodeInfo("Duplicate key", "- id: round-1\n  number: 1\n  number: 2",
                      "Keep one value: YAML would silently keep only the last."),
    "BR009": CodeInfo("No data folder", "(data/ missing)", "Create data/ or set the plugin's data_dir option."),
    "BR010": CodeInfo("Wrong shape", "id: round-1   # in rounds.yml, not a list",
                      "Collections are lists of records ('- id: …'); briefing.yml is one mapping."),
    "BR011": CodeInfo("Bidirectional control character", "text: \"\\u202egood\"",
                      "Remove the invisible control; put right-to-left text in `original` with its `lang`."),
    "BR100": CodeInfo("Field missing, unknown or malformed", "- id: q1\n  speker: abbas-araghchi",
                      "Follow the hint: it names the field, the allowed values or the expected form."),
    "BR200": CodeInfo("Duplicate id", "- id: iran   # in parties.yml and people.yml",
                      "Ids are unique across all collections; rename one."),
    "BR201": CodeInfo("Unknown reference", "speaker: abbas-araghchy",
                      "Use an existing id; the message suggests the closest one."),
    "BR202": CodeInfo("Reference to the wrong kind of record", "speaker: iran   # a party, not a person",
                      "Use the id of a record of the kind the field takes."),
    "BR203": CodeInfo("Held round without a start date", "- id: round-1\n  status: held",
                      "Add `start`, or use status planned/unscheduled."),
    "BR204": CodeInfo("Held round in the future", "status: held\nstart: 2999-01-01",
                      "Use status scheduled until the round has taken place."),
    "BR205": CodeInfo("Round ends before it starts", "start: 2026-02-17\nend: 2026-02-16", "Correct the dates."),
    "BR206": CodeInfo("Round numbers repeated or out of order", "round 2 on 2026-01-01, round 1 on 2026-02-01",
                      "Number rounds in the order they were held."),
    "BR207": CodeInfo("`supersedes` across parties or issues", "supersedes: a position of another party",
                      "Link stances of the same party on the same issue."),
    "BR208": CodeInfo("`supersedes` loop", "a supersedes b, b supersedes a",
                      "The oldest position in a chain supersedes nothing."),
    "BR209": CodeInfo("Reserved id", "- id: index", "Choose another id, e.g. index-term."),
    "BR210": CodeInfo("briefing.yml missing", "(no data/briefing.yml)", "Create it with title, subject and as_of."),
    "BR211": CodeInfo("Implausible year", "date: 1404-11-28", "Convert the date to the Gregorian calendar.",
                      Severity.WARNING),
    "BR213": CodeInfo("Look-alike names", "name: علي vs name: علی",
                      "Spell both the same way, or make them visibly different.", Severity.WARNING),
    "BR220": CodeInfo("Record nothing refers to", "a source no record cites",
                      "Refer to it from a fact, or remove it.", Severity.WARNING),
    "BR230": CodeInfo("Two accounts marked accepted", "location:\n  - {value: Rome, accepted: true, sources: [a]}\n"
                      "  - {value: Muscat, accepted: true, sources: [b]}",
                      "Mark only the account the briefing goes by; without a mark the first is accepted."),
    "BR231": CodeInfo("Report status without its link", "report: denied   # no report_by",
                      "Name what denies, overtakes or confirms the report in `report_by`, with a status to match."),
    "BR232": CodeInfo("Schedule entry out of order or after the round", "status: held\nstart: 2025-05-11\n"
                      "schedule:\n  - {announced: 2025-05-20, status: postponed, sources: [a]}",
                      "List what was announced before the round, oldest first."),
    "BR233": CodeInfo("Figure revision that does not fit", "figures:\n  - {id: a, label: killed, …}\n"
                      "  - {label: injured, revises: a, …}",
                      "`revises` names an earlier figure of the same label in the same record."),
    "BR234": CodeInfo("Divergence that does not link table and public", "diverges: {position: another-partys-stance}",
                      "Link one party's stances on one issue, one at the table and one in public."),
    "BR235": CodeInfo("`supersedes` pointing forward in time", "date: 2025-04-12\nsupersedes: a-stance-of-2025-05",
                      "Put `supersedes` on the newer position, naming the older one."),
    "BR236": CodeInfo("Variant by another speaker", "variant_of: a quote by someone else",
                      "Variants are one speaker's words as different outlets give them."),
    "BR237": CodeInfo("Translation in the original's language", "language: fa\noriginal: {lang: fa, text: …}",
                      "Set `language` to the language of the text shown."),
    "BR238": CodeInfo("Source without a title", "- id: reuters-copy\n  outlet: reuters",
                      "Copy the headline, or write `untitled: true` for a copy without one; never invent one."),
    "BR239": CodeInfo("Country written as a party id", "country: iran   # in outlets.yml",
                      "Run `briefing upgrade`, or write an ISO 3166 code or a country name."),
    "BR240": CodeInfo("Placeholder left in", 'text: "TODO: the words, verbatim as published"',
                      "Replace each TODO value that `briefing new` wrote with the fact as the sources give it; "
                      "nothing is published while one is left."),
    "BR241": CodeInfo("Date after the information cutoff", "as_of: 2026-02-20   # in briefing.yml\n"
                      "date: 2026-03-05   # a quote's date",
                      "Correct the date, or move `as_of` forward if the briefing now covers it. A scheduled round "
                      "and the dates a schedule announces may lie ahead.", Severity.WARNING),
    "BR242": CodeInfo("Field written inside a block of text", "context: >-\n  After the talks.\n  mode: paraphrase",
                      "Indent the field like the record's others: YAML read it as part of the text above.",
                      Severity.WARNING),
    "BR300": CodeInfo("Unknown reference in a page", "See [[abbas-araghchy]].",
                      "Use an existing id in [[id]]; the message suggests the closest one."),
    "BR301": CodeInfo("Unknown anchor in a page reference", "[[round-2#nowhere]]",
                      "Use a heading id that the record's page has."),
    "BR302": CodeInfo("Unknown or malformed block", "<!-- briefing:matrx -->",
                      "Use one of the documented blocks and its options."),
    "BR303": CodeInfo("Hand-written page in a generated page's place", "content/rounds/round-1.md",
                      "Rename or move the hand-written page."),
    "BR400": CodeInfo("Error in a template override", "{{ record.nonexistent }}  # in templates_dir",
                      "Fix the override, or remove it to fall back to the built-in template."),
    "BR500": CodeInfo("`briefing init` into a folder that is not empty", "briefing init .",
                      "Choose a new folder; nothing is overwritten."),
    "BR501": CodeInfo("`briefing new` needs a record to refer to", "briefing new quote  # with no people yet",
                      "Create the referred-to record first, e.g. briefing new person."),
    "BR502": CodeInfo("`briefing new` or `list` with an unknown kind", "briefing new qoute",
                      "Use one of the listed kinds."),
    "BR503": CodeInfo("`briefing new` found its id taken", "(an id like quote-1 used elsewhere)",
                      "Add the record by hand with another id."),
    "BR504": CodeInfo("`briefing upgrade` or `rename` could not place a value",
                      "(a value the loader and the file disagree on)", "Edit the value by hand; nothing was written."),
    "BR505": CodeInfo("New id taken, reserved or not valid", "briefing rename round-2 round-1",
                      "Choose an id no record has, written as a lowercase slug (`briefing rename`, `new --id`)."),
    "BR506": CodeInfo("No record has that id", "briefing show abbas-araghchy",
                      "Use an existing id (of the kind asked for, with `new --from`); the message suggests the "
                      "closest one."),
    "BR507": CodeInfo("`briefing new --set` with an unknown field", "briefing new quote --set speeker=x",
                      "Use one of the fields the message lists, written field=value."),
    "BR508": CodeInfo("`briefing rename` on data that does not read", "(a YAML or schema error in data/)",
                      "Fix the errors listed with it first; nothing was changed."),
}
