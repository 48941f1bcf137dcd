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
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
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
    # What the loader refused but read past (an invisible bidi control, a control character): errors that are
    # reported with the file's other findings rather than instead of them.
    findings: list[Diagnostic] = field(default_factory=list)
    # False when the file could not be read at all (a syntax error, not UTF-8): ``data`` is then None.
    readable: bool = True
    # For a file that could not be read: every id-like word in its text, so that what its records refer to is
    # not reported as unused; None when not even its text could be read.
    mentions: frozenset[str] | None = frozenset()
    # Lines inside block scalars (``text: >-``) that read like a field (``speaker: x``), by the scalar's path:
    # a key indented into the text above it, which YAML silently reads as part of that text.
    folded_keys: dict[NodePath, list[tuple[str, Location]]] = field(default_factory=dict)
    # Values that start with TODO (the placeholders `briefing new` writes), by path.
    todos: dict[NodePath, str] = field(default_factory=dict)

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


def collection_of(relative: str | Path) -> str | None:
    """The collection a data file belongs to, by its path inside the data folder (``quotes.yml``,
    ``quotes/2026.yml``), ``"briefing"`` for ``briefing.yml``, or None: the one rule, for every reader."""
    path = Path(relative)
    if path.suffix not in YAML_SUFFIXES:
        return None
    if len(path.parts) == 1:
        if path.stem == BRIEFING_FILE:
            return BRIEFING_FILE
        return path.stem if path.stem in COLLECTIONS else None
    if len(path.parts) == 2 and path.parts[0] in COLLECTIONS:
        return path.parts[0]
    return None


def find_files(data_dir: Path) -> CollectionFiles:
    """Map ``data/NAME.yml`` and ``data/NAME/*.yml`` to collections; both forms may be used together."""
    found = CollectionFiles()
    for path in _yaml_files(data_dir):
        collection = collection_of(path.name)
        if collection == BRIEFING_FILE:
            found.briefing = path
        elif collection is not None:
            found.collections.setdefault(collection, []).append(path)
        else:
            found.unknown.append(path)
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        files = _yaml_files(folder)
        if folder.name in COLLECTIONS:
            found.collections.setdefault(folder.name, []).extend(files)
        elif files:
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
        raise BriefingError([_too_large(size, name)])
    return decode_text(path.read_bytes(), name)


def _too_large(size: int, name: str) -> Diagnostic:
    return error("BR002", f"file is {size / 1048576:.1f} MiB; data files may be at most "
                 f"{MAX_FILE_BYTES // 1048576} MiB", Location(name),
                 hint="split the collection into a folder of files, e.g. data/quotes/2026-02.yml")


def decode_text(raw: bytes, name: str) -> str:
    """The text of a data file's bytes (from disk or from git): UTF-8, a BOM accepted, CRLF read as LF; refused
    when too large or not UTF-8."""
    if len(raw) > MAX_FILE_BYTES:
        raise BriefingError([_too_large(len(raw), name)])
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
# What YAML's reader refuses (control characters and the like; tabs and line ends are allowed).
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Every character that one of the three above finds (all but the printable ones that are not bidi controls): one
# pass, which in almost every file finds nothing and spares the three.
_ANY_REFUSED = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\u2029\u202f-\u2065\u206a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Id-like words: what an unreadable file's records may refer to.
_ID_WORDS = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)*(?![\w-])")


def _refused_characters(text: str, name: str) -> tuple[str, list[Diagnostic]]:
    """Every refused character as a finding, and the text to parse: bidi controls are kept (YAML reads them, and
    the rest of the file is still checked), characters YAML cannot read are replaced one for one, so that every
    line and column stays where the editor sees it."""
    if not _ANY_REFUSED.search(text):
        return text, []
    findings = []
    for match in _BIDI_CONTROLS.finditer(text):
        line, col = _position(text, match.start())
        findings.append(error(
            "BR011", f"invisible bidirectional control character U+{ord(match.group()):04X}",
            Location(name, line, col),
            hint="remove it: it changes how the text is displayed without being visible; use the `original` "
            "field with its `lang` for right-to-left text"))
    for match in _SURROGATES.finditer(text):
        line, col = _position(text, match.start())
        findings.append(error("BR003", "text contains an unpaired UTF-16 surrogate, which is not valid UTF-8",
                              Location(name, line, col), hint="save the file as UTF-8"))
    for match in _NON_PRINTABLE.finditer(text):
        if _SURROGATES.fullmatch(match.group()):
            continue
        line, col = _position(text, match.start())
        findings.append(error(
            "BR001", f"character U+{ord(match.group()):04X} is not allowed in YAML", Location(name, line, col),
            hint="remove the control character (it is invisible in most editors)"))
    if any(f.code != "BR011" for f in findings):
        text = _NON_PRINTABLE.sub("\ufffd", text)
    return text, findings


def read_document(text: str, name: str) -> Document:
    """Parse YAML text into a :class:`Document` that holds every finding instead of raising.

    A refused character is a finding and the file is read past it; a file that cannot be read at all (a syntax
    error, a duplicate key, an anchor…) is a Document with ``readable`` False, its finding, and its mentions.
    """
    parsed_text, findings = _refused_characters(text, name)
    try:
        document = _Builder(parsed_text, name).build()
    except BriefingError as exc:
        lines = {f.location.line for f in findings if f.code != "BR011"}
        # A replaced character may itself break the YAML around it: then its own finding says it all.
        findings += [d for d in exc.diagnostics if d.location.line not in lines or d.code != "BR001"]
        document = Document(name, None, readable=False, mentions=frozenset(_ID_WORDS.findall(text)))
    document.findings = findings
    return document


def parse_document(text: str, name: str) -> Document:
    """Parse YAML text into a :class:`Document`, raising :class:`BriefingError` on anything refused."""
    document = read_document(text, name)
    if document.findings:
        raise BriefingError(document.findings)
    return document


def unreadable_document(path: Path, name: str, refused: BriefingError) -> Document:
    """A file refused before its text could be parsed (too large, not UTF-8)."""
    mentions = None
    if path.stat().st_size <= MAX_FILE_BYTES:
        mentions = frozenset(_ID_WORDS.findall(path.read_bytes().decode("utf-8", errors="replace")))
    return Document(name, None, findings=list(refused.diagnostics), readable=False, mentions=mentions)


def load_file(path: Path, root: Path) -> Document:
    """Read one data file. Everything refused in it is in the Document's ``findings``; it never raises for
    what the file holds (:func:`parse_document` does)."""
    name = relative_name(path, root)
    try:
        text = read_text(path, name)
    except BriefingError as exc:
        return unreadable_document(path, name, exc)
    return read_document(text, name)


# A line that reads like a field: ``  speaker: ada`` (for keys indented into a block scalar's text).
_FIELD_LINE = re.compile(r"^(\s*)([a-z][a-z0-9_]*):(?:[ \t]|$)")
# ``key: value`` with optional list dashes before the key: the parts an explanation quotes back.
_KEY_VALUE = re.compile(r"^(\s*(?:-[ ]+)*)([A-Za-z0-9_][\w-]*):[ ]+(.*)$")
_BLOCK_INDICATOR = re.compile(r":[ ]+[|>][-+0-9]*[ ]*(?:#.*)?$")
# Where YAML breaks lines (marks count lines so): a lone CR, NEL and the Unicode separators too.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _yaml_lines(text: str) -> list[str]:
    return _LINE_BREAKS.split(text)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _line_above(lines: list[str], number: int) -> int:
    """The nearest line above ``number`` (0-based) with content, or -1."""
    number -= 1
    while number >= 0 and _blank(lines[number]):
        number -= 1
    return number


def _key_of(line: str) -> tuple[int, str] | None:
    """The column and name of the key a line starts with (after any list dashes)."""
    match = _KEY_VALUE.match(line) or re.match(r"^(\s*(?:-[ ]+)*)([A-Za-z0-9_][\w-]*):[ ]*$", line)
    return (match.end(1), match.group(2)) if match else None


def _quoted(value: str) -> str:
    """``value`` as a YAML quoted scalar, in the quotes that need no escapes where possible."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _spaces(count: int) -> str:
    return f"{count} space{'s' * (count != 1)}"


@dataclass
class _Explained:
    message: str
    hint: str
    line: int  # 0-based, as YAML's marks
    col: int
    context: int = -2  # the line to show above (0-based); -2: the nearest line with content, -1: none


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str, name: str) -> Diagnostic:
    """A YAML syntax error as editors meet them: what is wrong in their terms, where they made the edit, and what
    to write instead; the generic parser message when the error is not one of the common ones."""
    lines = _yaml_lines(text)
    mark = exc.problem_mark or exc.context_mark
    unclosed = any(word in (exc.context or "") for word in ("quoted", "flow"))
    if exc.context_mark is not None and (mark is None or _at_end(lines, mark)) and unclosed:
        # The scanner reached the end of the file looking for a closing quote or bracket: the place to fix is
        # where it was opened.
        mark = exc.context_mark
    if mark is None:
        return error("BR001", f"YAML syntax error: {exc.problem or exc.context or 'invalid YAML'}", Location(name),
                     hint="check the indentation and quoting")
    try:
        found = _explain(exc, mark, lines) if mark.line < len(lines) else None
    except (IndexError, ValueError):  # an explanation is a nicety: never let it hide the error
        found = None
    if found is None:
        line_text = lines[mark.line] if mark.line < len(lines) else ""
        hint = "check the indentation and quoting around this line"
        if "\t" in line_text:
            hint = "YAML does not allow tabs for indentation: indent with spaces"
        found = _Explained(f"YAML syntax error: {exc.problem or exc.context or 'invalid YAML'}", hint, mark.line,
                           mark.column)
    context = _line_above(lines, min(found.line, len(lines))) if found.context == -2 else found.context
    diagnostic = error("BR001", found.message, Location(name, found.line + 1, found.col + 1), hint=found.hint)
    return replace(diagnostic, context_line=context + 1) if context >= 0 else diagnostic


def _at_end(lines: list[str], mark: Any) -> bool:
    """Whether nothing but blank space follows ``mark``."""
    rest = lines[mark.line][mark.column:] if mark.line < len(lines) else ""
    return not rest.strip() and not any(line.strip() for line in lines[mark.line + 1:])


def _explain(exc: yaml.MarkedYAMLError, mark: Any, lines: list[str]) -> _Explained | None:
    problem, context = exc.problem or "", exc.context or ""
    context_mark = exc.context_mark
    number, col = mark.line, mark.column
    line = lines[number] if number < len(lines) else ""
    tab = line.find("\t")
    if tab >= 0 and ("tab" in problem or "\\t" in problem or col == tab or not line[:tab].strip()):
        return _explain_tab(lines, number, tab)
    if "quoted scalar" in context and "end of stream" in problem and context_mark is not None:
        return _Explained("YAML syntax error: the quote opened here is not closed",
                          "end the value with the same quote mark; inside \"…\" write a \" as \\\", inside '…' "
                          "write a ' as ''", context_mark.line, context_mark.column)
    if context.startswith("while parsing a flow") and context_mark is not None:
        return _explain_flow(lines, mark, context_mark)
    if problem.startswith("mapping values are not allowed"):
        return _explain_colon(lines, number, col)
    if "while parsing a block mapping" in context and context_mark is not None:
        return _explain_mapping_indent(lines, number, col, context_mark.column)
    if "while parsing a block collection" in context and context_mark is not None:
        return _explain_list_item(lines, number, context_mark)
    if "could not find expected ':'" in problem and context_mark is not None:
        return _explain_no_key(lines, context_mark.line, context_mark.column)
    if "cannot start any token" in problem and col < len(line) and line[col] in "@`%":
        return _Explained(f"YAML syntax error: a value cannot start with '{line[col]}'",
                          f"put the value in quotes: {_quoted(line[col:].rstrip())}", number, col)
    return None


def _explain_tab(lines: list[str], number: int, tab: int) -> _Explained:
    line = lines[number]
    if not line.strip():
        return _Explained("YAML syntax error: a tab on an empty line",
                          "remove it: YAML does not allow tabs where it expects indentation", number, tab)
    if not line[:tab].strip():
        above = _line_above(lines, number)
        key = _key_of(lines[above]) if above >= 0 else None
        level = f" ({key[0]} to line up with '{key[1]}:' above)" if key else ""
        return _Explained("YAML syntax error: a tab indents this line",
                          f"YAML indents with spaces only: replace the tab with spaces{level}", number, tab)
    if line[:tab].rstrip().endswith(":"):
        written = line[:tab].strip().rstrip(":").lstrip("- ")
        return _Explained(f"YAML syntax error: a tab after '{written}:'",
                          "separate a key from its value with a space: YAML does not allow a tab there", number, tab)
    return _Explained("YAML syntax error: a tab in this line",
                      "replace the tab with spaces; a tab inside a value needs the value in quotes", number, tab)


def _explain_colon(lines: list[str], number: int, col: int) -> _Explained | None:
    """'mapping values are not allowed here': a second ': ' on a line, or a key indented under a value."""
    line = lines[number]
    match = _KEY_VALUE.match(line)
    if match and match.end(2) < col:
        key, value = match.group(2), match.group(3).split(" #")[0].rstrip()
        if value[:1] in ("'", '"'):
            return _text_after_quote(key, number, col)
        return _Explained(f"YAML syntax error: the value of '{key}' contains ': ', which YAML reads as the start "
                          "of another key", f"put the value in quotes: {key}: {_quoted(value)}", number, col)
    above = _line_above(lines, number)
    key = _key_of(line)
    over = _key_of(lines[above]) if above >= 0 and _KEY_VALUE.match(lines[above]) else None
    if key is not None and over is not None and key[0] > _indent(lines[above]):
        return _Explained(f"YAML syntax error: '{key[1]}:' is indented more than '{over[1]}:' above, so YAML reads "
                          f"it as part of the value of '{over[1]}'",
                          f"line it up with '{over[1]}:' ({_spaces(over[0])}) to make it a field of its own",
                          number, key[0], above)
    return _Explained("YAML syntax error: a value contains ': ', which YAML reads as the start of another key",
                      "put the value in quotes", number, col)


def _text_after_quote(key: str, number: int, col: int) -> _Explained:
    return _Explained(f"YAML syntax error: the value of '{key}' goes on after its closing quote",
                      "put the whole value in quotes: inside \"…\" write a \" as \\\", inside '…' write a ' as ''",
                      number, col)


def _explain_flow(lines: list[str], mark: Any, opened: Any) -> _Explained | None:
    """Errors inside ``[…]`` and ``{…}``: a bracket not closed on its line, or a ': ' in a value."""
    bracket = lines[opened.line][opened.column]
    closing = {"[": "]", "{": "}"}.get(bracket, "")
    if mark.line != opened.line or mark.column == opened.column:  # (the latter: it reached the end of the file)
        return _Explained(f"YAML syntax error: the '{bracket}' opened here is not closed",
                          f"close it with '{closing}' at the end of the line", opened.line, opened.column)
    line = lines[mark.line]
    if mark.column < len(line) and line[mark.column] == ":":
        start = max(line.rfind(",", 0, mark.column), line.rfind("{", 0, mark.column)) + 1
        key = line[start:mark.column].split(":")[0].strip()
        rest = line[start:]
        value = rest.split(":", 1)[1] if ":" in rest else ""
        value = re.split(r"[,}]", value, maxsplit=1)[0].strip()
        example = f": {key}: {_quoted(value)}" if key and value else ""
        return _Explained(f"YAML syntax error: a value inside {bracket}…{closing} contains ': ', which YAML reads as "
                          "the start of another key", f"put the value in quotes{example}", mark.line, mark.column)
    return None


def _explain_mapping_indent(lines: list[str], number: int, col: int, level: int) -> _Explained | None:
    """'did not find expected key' in a block mapping: a line indented to no field's level, or text after a
    quoted value."""
    line = lines[number]
    indent = _indent(line)
    if col > indent:
        match = _KEY_VALUE.match(line)
        if match and match.group(3)[:1] in ("'", '"'):
            return _text_after_quote(match.group(2), number, col)
        return None
    key = _key_of(line)
    name = f"'{key[1]}:'" if key else "this line"
    # The field of this mapping just above, and what lies between it and this line.
    above = _line_above(lines, number)
    field_line = above
    while field_line >= 0 and (_blank(lines[field_line]) or _indent(lines[field_line]) > level):
        field_line -= 1
    field = _key_of(lines[field_line]) if field_line >= 0 else None
    if field is None or field[0] != level:
        return _Explained(f"YAML syntax error: {name} is indented by {_spaces(indent)}, the fields around it by "
                          f"{_spaces(level)}", f"line it up with the fields ({_spaces(level)})", number, indent)
    if _BLOCK_INDICATOR.search(lines[field_line]) and above > field_line and _indent(lines[above]) > indent:
        return _Explained(f"YAML syntax error: {name} is indented by {_spaces(indent)}: less than the text of "
                          f"'{field[1]}:' above, more than the fields",
                          f"line it up with '{field[1]}:' ({_spaces(level)}) to make it a field, or indent it like "
                          f"the text ({_spaces(_indent(lines[above]))}) to make it part of the text",
                          number, indent, field_line)
    deeper = _key_of(lines[above]) if above > field_line else None
    also = (f", or with '{deeper[1]}:' ({_spaces(deeper[0])})" if deeper is not None and deeper[0] > indent
            else "")
    return _Explained(f"YAML syntax error: {name} is indented by {_spaces(indent)}, the fields above by "
                      f"{_spaces(level)}", f"line it up with '{field[1]}:' ({_spaces(level)}){also}",
                      number, indent, field_line)


def _explain_list_item(lines: list[str], number: int, opened: Any) -> _Explained | None:
    """'did not find expected '-' indicator': a list item (or record) written without its '- '."""
    line = lines[number]
    indent, dash = _indent(line), opened.column
    content = line.strip()
    if indent == dash and not content.startswith("-"):
        hint = (f"start each record with '- ': - {content}" if content.startswith("id:") else
                f"start each item with '- ', as on line {opened.line + 1}: - {content}")
        return _Explained("YAML syntax error: this line is in a list but has no '- '", hint, number, indent)
    first = lines[opened.line]
    fields = dash + 1 + _indent(first[dash + 1:])
    if dash < indent != fields:
        name = f"'{key[1]}:'" if (key := _key_of(line)) else "this line"
        return _Explained(f"YAML syntax error: {name} is indented by {_spaces(indent)}, the fields above by "
                          f"{_spaces(fields)}", f"line it up with the fields above ({_spaces(fields)})",
                          number, indent)
    return None


def _explain_no_key(lines: list[str], number: int, col: int) -> _Explained:
    """'could not find expected ':'': a line of plain text where a key or a list item was expected."""
    content = lines[number].strip()
    above = _line_above(lines, number)
    if above >= 0 and lines[above].lstrip().startswith("- ") and _indent(lines[above]) == col:
        return _Explained("YAML syntax error: this line is in a list but has no '- '",
                          f"write it as an item, like the one above: - {content}", number, col)
    if re.match(r"^[A-Za-z0-9_][\w-]*:\S", content):
        key, value = content.split(":", 1)
        return _Explained(f"YAML syntax error: no space after '{key}:'",
                          f"write a space after the colon: {key}: {value}", number, col + len(key) + 1)
    return _Explained("YAML syntax error: this line is neither 'key: value' nor a list item '- …'",
                      "write 'key: value' or '- item'; text that goes on from the line above must be indented "
                      "further than its key, or the value put in quotes", number, col)


class _Builder:
    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.doc = Document(name, None)
        self._lines: list[str] | None = None
        self._documents = 0

    def _loc(self, mark: Any) -> Location:
        return Location(self.doc.file, mark.line + 1, mark.column + 1)

    def _fail(self, code: str, message: str, mark: Any, hint: str) -> BriefingError:
        return BriefingError([error(code, message, self._loc(mark), hint=hint)])

    def build(self) -> Document:
        try:
            parser = _Parser(self.text)
            try:
                self._consume(parser.get_event)
            finally:
                parser.dispose()
        except yaml.MarkedYAMLError as exc:
            raise BriefingError([explain_syntax_error(exc, self.text, self.doc.file)]) from None
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

    def _consume(self, next_event: Callable[[], Any]) -> None:
        # This loop runs once per YAML event (160,000 for 5,000 records), so the common cases, a plain scalar key
        # or value and the end of a mapping or list, are handled here with what they touch in locals, and each path
        # tuple is built once (a key's path is also its value's); every other event goes to _other.
        file = self.doc.file
        values, keys, todos = self.doc.values, self.doc.keys, self.doc.todos
        stack: list[_Frame] = []
        top: _Frame | None = None
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is _MappingEndEvent or kind is _SequenceEndEvent:
                done = stack.pop()
                top = stack[-1] if stack else None
                if top is None:
                    self.doc.data = done.value
                elif top.mapping:
                    top.value[done.path[-1]] = done.value
                    top.pending_path = None
                else:
                    top.value.append(done.value)
                continue
            if kind is not _ScalarEvent or event.anchor is not None or event.tag is not None:
                top = self._other(event, stack)
                continue
            value, style = event.value, event.style
            mark: Any = event.start_mark  # (the C parser's marks are never None)
            scalar = None if style in ("", None) and value in NULL_WORDS else value
            where = Location(file, mark.line + 1, mark.column + 1)
            if top is None:
                path: NodePath = ()
            elif not top.mapping:
                path = (*top.path, len(top.value))
            elif top.pending_path is None:  # a key
                path = (*top.path, "" if scalar is None else scalar)
                if path in keys:
                    raise self._duplicate_key(top, path, where)
                keys[path] = where
                top.pending_path = path
                continue
            else:
                path = top.pending_path
            values[path] = where
            if style in ("|", ">"):
                self._note_folded_keys(path, event)
            if scalar is not None and "TODO" in scalar and scalar.lstrip().startswith("TODO"):
                todos[path] = scalar
            if top is None:
                self.doc.data = scalar
            elif top.mapping:
                top.value[path[-1]] = scalar
                top.pending_path = None
            else:
                top.value.append(scalar)

    def _other(self, event: Any, stack: list[_Frame]) -> _Frame | None:
        """Handle any event but a plain scalar's and an end's; returns the mapping or list now under construction."""
        top = stack[-1] if stack else None
        kind = type(event)
        if kind is _DocumentStartEvent:
            self._documents += 1
            if self._documents > 1:
                raise self._fail("BR001", "a data file holds one YAML document, this is a second one",
                                 event.start_mark, "remove the '---' line, or move the records into the "
                                 "first document")
            return top
        if kind is _AliasEvent:
            raise self._fail("BR005", f"alias '*{event.anchor}' is not supported in data files",
                             event.start_mark, "write the value out in full; anchors, aliases and merge "
                             "keys make facts hard to review")
        if kind is not _ScalarEvent and kind is not _MappingStartEvent and kind is not _SequenceStartEvent:
            return top
        if event.anchor is not None:
            raise self._fail("BR005", f"anchor '&{event.anchor}' is not supported in data files",
                             event.start_mark, "write each value out in full; remove the '&' anchor")
        if event.tag is not None:
            raise self._fail("BR006", f"YAML tag '{event.tag}' is not allowed in data files",
                             event.start_mark, "remove the tag: every value is read as text and the "
                             "model decides what it means")
        if top is not None and top.mapping and top.pending_path is None:
            raise self._fail("BR001", "a mapping key must be plain text, not a list or mapping",
                             event.start_mark, "write 'key: value'")
        if len(stack) >= MAX_DEPTH:
            raise self._fail("BR007", f"nesting is deeper than {MAX_DEPTH} levels", event.start_mark,
                             "records are flat mappings with short lists; check the indentation")
        if top is None:
            path: NodePath = ()
        else:
            path = top.pending_path if top.mapping and top.pending_path is not None else (*top.path, len(top.value))
        self.doc.values[path] = self._loc(event.start_mark)
        top = _Frame({}, path, True) if kind is _MappingStartEvent else _Frame([], path, False)
        stack.append(top)
        return top

    def _duplicate_key(self, frame: _Frame, path: NodePath, location: Location) -> BriefingError:
        key = path[-1]
        hint = ("a key may appear once per mapping: merge the two values or remove one; YAML would otherwise "
                "silently keep only the last")
        if key == "id" and len(frame.path) == 1:
            hint = f"is the '- ' missing before 'id:' on line {location.line}? Each record starts with '- id: …'"
        # A mapping's path is unique in its document, so the keys recorded under it are the mapping's own.
        first = self.doc.keys[path]
        return BriefingError([error("BR008", f"duplicate key '{key}' (first at line {first.line})", location,
                                    hint=hint)])

    def _note_folded_keys(self, path: NodePath, event: Any) -> None:
        if self._lines is None:
            self._lines = _yaml_lines(self.text)
        lines = self._lines
        last = min(event.end_mark.line, len(lines) - 1)
        for number in range(event.start_mark.line + 1, last + 1):
            match = _FIELD_LINE.match(lines[number])
            if match:
                location = Location(self.doc.file, number + 1, match.start(2) + 1)
                self.doc.folded_keys.setdefault(path, []).append((match.group(2), location))


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_AliasEvent = yaml.AliasEvent


class _Frame:
    """A mapping or list under construction and where it stands; for a mapping, the path of the value that comes
    next, None while its next key is awaited."""

    __slots__ = ("mapping", "path", "pending_path", "value")

    def __init__(self, value: dict[str, Any] | list[Any], path: NodePath, mapping: bool) -> None:
        self.value: Any = value
        self.path = path
        self.mapping = mapping
        self.pending_path: NodePath | None = None
