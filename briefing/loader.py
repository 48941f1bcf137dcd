"""Find the collection files in ``data/`` and parse them into plain values that remember where they came from.

Every scalar stays text: YAML 1.1's implicit typing (``NO`` becoming false, ``2026-02-17`` becoming a date,
``1:20`` becoming 80) would silently change facts, so the model decides what text means. The tree is built
from the parser's event stream rather than PyYAML's constructors, which lets the loader refuse what has no
place in hand-edited facts (tags, anchors and aliases, duplicate keys, several documents) with a position,
and keeps deep nesting from ever reaching Python's recursion limit.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import BriefingError, Diagnostic, Location, error, warning
from .model import BRIEFING_FILE, COLLECTIONS

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
YAML_SUFFIXES = (".yml", ".yaml")
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A path into a document: keys and list indexes from the root, e.g. (3, "sources", 0, "source").
NodePath = tuple[str | int, ...]


@dataclass
class Document:
    """One parsed YAML file: its value, and where each value (and each mapping key) stands in it."""

    file: str
    data: Any
    values: dict[NodePath, Location] = field(default_factory=dict)
    keys: dict[NodePath, Location] = field(default_factory=dict)

    def locate(self, path: NodePath, *, key: bool = False) -> Location:
        """The closest known location of ``path``: its key or value, else its nearest ancestor."""
        while True:
            found = (self.keys if key else self.values).get(path) or self.values.get(path)
            if found is not None:
                return found
            if not path:
                return Location(self.file)
            path = path[:-1]


@dataclass
class CollectionFiles:
    """Which files hold which collection; ``unknown`` are YAML files that match no collection."""

    briefing: Path | None = None
    collections: dict[str, list[Path]] = field(default_factory=dict)
    unknown: list[Path] = field(default_factory=list)


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)


def find_files(data_dir: Path) -> CollectionFiles:
    """Map ``data/NAME.yml`` and ``data/NAME/*.yml`` to collections; both forms may be used together."""
    found = CollectionFiles()
    for path in _yaml_files(data_dir):
        if path.stem == BRIEFING_FILE:
            found.briefing = path
        elif path.stem in COLLECTIONS:
            found.collections.setdefault(path.stem, []).append(path)
        else:
            found.unknown.append(path)
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if folder.name in COLLECTIONS:
            found.collections.setdefault(folder.name, []).extend(_yaml_files(folder))
        elif _yaml_files(folder):
            found.unknown.append(folder)
    return found


def unknown_file_diagnostic(path: Path, root: Path) -> Diagnostic:
    if path.is_dir():
        close = difflib.get_close_matches(path.name, list(COLLECTIONS), n=1)
        return warning(
            "BR004", f"folder '{path.name}/' is not a collection, so its files are not read",
            Location(relative_name(path, root)),
            hint="collection folders are named " + ", ".join(f"{n}/" for n in COLLECTIONS),
            suggestion=f"{close[0]}/" if close else "")
    names = [*COLLECTIONS, BRIEFING_FILE]
    close = difflib.get_close_matches(path.stem, names, n=1)
    return warning(
        "BR004",
        f"'{path.name}' is not a collection file, so it is not read",
        Location(relative_name(path, root)),
        hint="collection files are named " + ", ".join(f"{n}.yml" for n in names),
        suggestion=f"{close[0]}.yml" if close else "",
    )


def relative_name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def read_text(path: Path, name: str) -> str:
    """Read a data file as UTF-8 (a BOM is accepted), refusing oversized and undecodable files."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BriefingError([error(
            "BR002", f"file is {size / 1048576:.1f} MiB; data files may be at most {MAX_FILE_BYTES // 1048576} MiB",
            Location(name), hint="split the collection into a folder of files, e.g. data/quotes/2026-02.yml")])
    raw = path.read_bytes()
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        good = raw[bom:offset].decode("utf-8", errors="replace")
        line, col = _position(good, len(good))
        raise BriefingError([error(
            "BR003", f"byte 0x{raw[offset]:02x} at offset {offset} is not valid UTF-8",
            Location(name, line, col),
            hint="save the file as UTF-8 (it may be Windows-1252 or Latin-1); most editors have 'Save with "
            "encoding'")]) from None
    # CRLF files are accepted; normalising here keeps columns and the source lines in messages clean.
    return text.replace("\r\n", "\n")


# Embedding, override and isolate controls reorder how text is displayed ("Trojan Source"): a quote could
# read differently on the page than in review. Marks (LRM, RLM, ALM) are legitimate in Persian and kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def parse_document(text: str, name: str) -> Document:
    """Parse YAML text into a :class:`Document`, raising :class:`BriefingError` on anything refused."""
    surrogate = _SURROGATES.search(text)
    if surrogate:
        line, col = _position(text, surrogate.start())
        raise BriefingError([error("BR003", "text contains an unpaired UTF-16 surrogate, which is not valid UTF-8",
                                   Location(name, line, col), hint="save the file as UTF-8")])
    bidi = _BIDI_CONTROLS.search(text)
    if bidi:
        line, col = _position(text, bidi.start())
        raise BriefingError([error(
            "BR011", f"invisible bidirectional control character U+{ord(bidi.group()):04X}",
            Location(name, line, col),
            hint="remove it: it changes how the text is displayed without being visible; use the `original` "
            "field with its `lang` for right-to-left text")])
    return _Builder(text, name).build()


def load_file(path: Path, root: Path) -> Document:
    name = relative_name(path, root)
    return parse_document(read_text(path, name), name)


class DocumentCache:
    """Parsed files by name and text, so that each rebuild of a preview parses only the files that changed."""

    def __init__(self) -> None:
        self._documents: dict[str, tuple[str, Document]] = {}

    def load(self, path: Path, root: Path) -> Document:
        name = relative_name(path, root)
        text = read_text(path, name)
        kept = self._documents.get(name)
        if kept is not None and kept[0] == text:
            return kept[1]  # documents are only read downstream, so one object can serve every build
        document = parse_document(text, name)
        self._documents[name] = (text, document)
        return document

    def kept(self) -> dict[str, Document]:
        """The documents kept, by file name relative to the project."""
        return {name: document for name, (_text, document) in self._documents.items()}


class _Builder:
    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.doc = Document(name, None)

    def _loc(self, mark: Any) -> Location:
        return Location(self.doc.file, mark.line + 1, mark.column + 1)

    def _fail(self, code: str, message: str, mark: Any, hint: str) -> BriefingError:
        return BriefingError([error(code, message, self._loc(mark), hint=hint)])

    def build(self) -> Document:
        try:
            self._consume(yaml.parse(self.text, Loader=_Parser))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if exc.context_mark is not None and (mark is None or mark.line >= self.text.count("\n")):
                # The scanner reached the end of the file looking for a closing quote or bracket: the place
                # to fix is where it was opened.
                mark = exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            lines = self.text.splitlines()
            line_text = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
            hint = "check the indentation and quoting around this line"
            if "\t" in line_text:
                hint = "YAML does not allow tabs for indentation: indent with spaces"
            location = self._loc(mark) if mark is not None else Location(self.doc.file)
            raise BriefingError([error("BR001", f"YAML syntax error: {problem}", location, hint=hint)]) from None
        except yaml.reader.ReaderError as exc:
            line, col = _position(self.text, exc.position)
            raise BriefingError([error(
                "BR001", f"character U+{exc.character:04X} is not allowed in YAML" if isinstance(exc.character, int)
                else f"unreadable character: {exc.reason}", Location(self.doc.file, line, col),
                hint="remove the control character (it is invisible in most editors)")]) from None
        except yaml.YAMLError as exc:
            raise BriefingError([error("BR001", f"YAML syntax error: {exc}", Location(self.doc.file),
                                       hint="check the file's YAML syntax")]) from None
        return self.doc

    def _consume(self, events: Iterator[Any]) -> None:
        stack: list[_Frame] = []
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self._fail("BR001", "a data file holds one YAML document, this is a second one",
                                     event.start_mark, "remove the '---' line, or move the records into the "
                                     "first document")
                continue
            if isinstance(event, yaml.AliasEvent):
                raise self._fail("BR005", f"alias '*{event.anchor}' is not supported in data files",
                                 event.start_mark, "write the value out in full; anchors, aliases and merge "
                                 "keys make facts hard to review")
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                done = stack.pop()
                self._attach(stack, done.value)
                continue
            if not isinstance(event, yaml.ScalarEvent | yaml.MappingStartEvent | yaml.SequenceStartEvent):
                continue
            if event.anchor is not None:
                raise self._fail("BR005", f"anchor '&{event.anchor}' is not supported in data files",
                                 event.start_mark, "write each value out in full; remove the '&' anchor")
            if event.tag is not None:
                raise self._fail("BR006", f"YAML tag '{event.tag}' is not allowed in data files",
                                 event.start_mark, "remove the tag: every value is read as text and the "
                                 "model decides what it means")
            awaiting_key = bool(stack) and isinstance(stack[-1].value, dict) and stack[-1].pending_key is None
            if isinstance(event, yaml.ScalarEvent):
                plain = event.style in ("", None)
                scalar = None if plain and event.value in NULL_WORDS else event.value
                if awaiting_key:
                    self._start_key(stack[-1], event, "" if scalar is None else scalar)
                    continue
                self.doc.values[self._child_path(stack)] = self._loc(event.start_mark)
                self._attach(stack, scalar)
                continue
            if awaiting_key:
                raise self._fail("BR001", "a mapping key must be plain text, not a list or mapping",
                                 event.start_mark, "write 'key: value'")
            if len(stack) >= MAX_DEPTH:
                raise self._fail("BR007", f"nesting is deeper than {MAX_DEPTH} levels", event.start_mark,
                                 "records are flat mappings with short lists; check the indentation")
            path = self._child_path(stack)
            self.doc.values[path] = self._loc(event.start_mark)
            stack.append(_Frame({} if isinstance(event, yaml.MappingStartEvent) else [], path))

    def _start_key(self, frame: _Frame, event: Any, key: str) -> None:
        location = self._loc(event.start_mark)
        if key in frame.seen:
            first = frame.seen[key]
            raise self._fail("BR008", f"duplicate key '{key}' (first at line {first.line})",
                             event.start_mark, "a key may appear once per mapping: merge the two values or "
                             "remove one; YAML would otherwise silently keep only the last")
        frame.seen[key] = location
        frame.pending_key = key
        self.doc.keys[(*frame.path, key)] = location

    @staticmethod
    def _child_path(stack: list[_Frame]) -> NodePath:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.value, list):
            return (*frame.path, len(frame.value))
        assert frame.pending_key is not None
        return (*frame.path, frame.pending_key)

    def _attach(self, stack: list[_Frame], value: Any) -> None:
        if not stack:
            self.doc.data = value
            return
        frame = stack[-1]
        if isinstance(frame.value, list):
            frame.value.append(value)
        else:
            assert frame.pending_key is not None
            frame.value[frame.pending_key] = value
            frame.pending_key = None


@dataclass
class _Frame:
    """A mapping or list under construction, and the key whose value comes next (for mappings)."""

    value: dict[str, Any] | list[Any]
    path: NodePath
    pending_key: str | None = None
    seen: dict[str, Location] = field(default_factory=dict)
