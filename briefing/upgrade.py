"""``briefing upgrade``: rewrite data files written for an older model, keeping comments and layout.

Each rewrite changes only the characters of one value, found through the loader's positions; every other
byte of the file (comments, indentation, quoting elsewhere, line ends) stays as it was. Files are checked
after rewriting and written only if they still parse, so an upgrade never leaves a file half-written.

Rewrites, so far:

- an outlet's or organization's ``country`` that names a party (the model before countries were text) becomes
  the party's name: ``country: iran`` → ``country: Iran``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import BriefingError, Location, error
from .loader import Document, find_files, parse_document, read_text, relative_name

_COUNTRY_HOLDERS = ("outlets", "organizations")
_SPECIAL = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z .'’()-]*")  # a name that YAML reads as this text, unquoted


@dataclass(frozen=True)
class Rewrite:
    file: str
    line: int
    field: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.old} → {self.new}"


def _party_names(data_dir: Path, root: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for path in find_files(data_dir).collections.get("parties", []):
        document = parse_document(read_text(path, relative_name(path, root)), relative_name(path, root))
        for item in document.data if isinstance(document.data, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("name"), str):
                names[item["id"]] = item["name"]
    return names


def _yaml_scalar(text: str, quote: str = "") -> str:
    """``text`` as a YAML scalar, in the editor's quoting (``'``, ``"`` or none) where it can be."""
    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    # A name YAML would read as empty, or as a boolean in YAML 1.1 tools, is quoted.
    if quote == "" and _PLAIN_SAFE.fullmatch(text) and text.strip() == text and text.lower() not in _SPECIAL:
        return text
    return json.dumps(text, ensure_ascii=False)


def _country_rewrites(document: Document, parties: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """(line, col, old, name) for each country that is a party id."""
    found = []
    for index, item in enumerate(document.data if isinstance(document.data, list) else []):
        value = item.get("country") if isinstance(item, dict) else None
        if isinstance(value, str) and value in parties:
            where = document.values.get((index, "country"))
            if where is not None and where.line:
                found.append((where.line, where.col, value, parties[value]))
    return found


def apply_edits(text: str, name: str, edits: list[tuple[int, int, str, str]],
                write: Callable[[str, str], str] = _yaml_scalar) -> tuple[str, list[str]]:
    """``text`` with each value replaced by its new one, and the scalars written, in the order of ``edits``.

    Each edit is (line, col, old, new), at the position the loader recorded for the value; ``write`` gives
    the scalar for a new value in the editor's quoting (``'``, ``"`` or none). Shared with ``briefing rename``.
    """
    lines = text.splitlines(keepends=True)  # the line breaks YAML counts; CRLF stays one break, kept as is
    written_as: dict[tuple[int, int], str] = {}
    # From the end of each line, so that a longer value does not move the ones after it on the same line.
    for line, col, old, new in sorted(edits, key=lambda edit: (edit[0], -edit[1])):
        current = lines[line - 1]
        start = col - 1
        quote = current[start:start + 1] if current[start:start + 1] in ("'", '"') else ""
        end = start + len(old) + 2 * len(quote)
        if current[start:end] != quote + old + quote:  # the positions do not match: change nothing, not guess
            raise BriefingError([error("BR504", f"could not find '{old}' where the loader placed it",
                                       Location(name, line, col), hint="edit this value by hand")])
        written_as[line, col] = write(new, quote)
        lines[line - 1] = current[:start] + written_as[line, col] + current[end:]
    return "".join(lines), [written_as[line, col] for line, col, _old, _new in edits]


def upgrade(data_dir: Path, dry_run: bool = False) -> list[Rewrite]:
    """Rewrite every old shape under ``data_dir``; returns what was (or, with ``dry_run``, would be) changed."""
    root = data_dir.resolve().parent
    parties = _party_names(data_dir, root)
    done: list[Rewrite] = []
    files = find_files(data_dir).collections
    for collection in _COUNTRY_HOLDERS:
        for path in files.get(collection, []):
            name = relative_name(path, root)
            text = read_text(path, name)
            edits = _country_rewrites(parse_document(text, name), parties)
            if not edits:
                continue
            # Edit the file as it is on disk (the loader reads CRLF as LF): its line ends, mixed or not, stay.
            raw = path.read_bytes()
            bom = raw.startswith(b"\xef\xbb\xbf")
            new_text, written = apply_edits(raw.decode("utf-8-sig"), name, edits)
            # Raises, and nothing is written, if the result would not parse.
            parse_document(new_text.replace("\r\n", "\n"), name)
            done += [Rewrite(name, line, "country", old, new)
                     for (line, _col, old, _name), new in zip(edits, written, strict=True)]
            if not dry_run:
                encoded = ("\ufeff" if bom else "") + new_text
                temporary = path.with_name(f".{path.name}.upgrade")
                temporary.write_bytes(encoded.encode("utf-8"))
                temporary.replace(path)
    return done
