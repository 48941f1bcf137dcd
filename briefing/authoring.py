"""Helpers for editors: scaffold a new briefing (example or empty), and append records (skeletons, or copies of
existing ones) without touching the rest of a file."""

from __future__ import annotations

import difflib
import io
import json
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel

from .checks import RESERVED_IDS
from .diagnostics import BriefingError, Diagnostic, Location, error
from .loader import Document, collection_of, find_files, parse_document, read_text, relative_name
from .model import (
    BRIEFING_FILE,
    COLLECTIONS,
    DATE_PATTERN,
    MAX_ID_LENGTH,
    SLUG_PATTERN,
    FuzzyDate,
    Round,
    yaml_field_info,
    yaml_fields,
)
from .pipeline import validate
from .schema import vscode_settings, write_schemas
from .validation import Parsed, parse

SCAFFOLD = Path(__file__).parent / "scaffold"


def init_briefing(target: Path, empty: bool = False) -> list[Path]:
    """Copy the example briefing into ``target`` (which must be new or empty) with schemas and editor settings;
    ``empty``: the same site with no records, a ``briefing.yml`` of placeholders and ``[]`` collection files."""
    if target.exists() and any(target.iterdir()):
        raise BriefingError([error("BR500", f"'{target}' is not empty", Location(str(target)),
                                   hint="choose a new folder; nothing is overwritten")])
    shutil.copytree(SCAFFOLD, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    if empty:
        _empty_briefing(target)
    written = write_schemas(target)
    settings = target / ".vscode" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps(vscode_settings(), indent=2) + "\n", encoding="utf-8")
    (target / ".gitignore").write_text("site/\n", encoding="utf-8")
    return sorted([*written, settings, *(p for p in target.rglob("*") if p.is_file() and p not in written)])


_EMPTY_BRIEFING = """\
# The briefing as a whole. Replace the title and subject with your own; as_of is the information cutoff
# (nothing after it is covered), and new records' dates default to it.
title: My negotiation briefing
subject: What the negotiation is about, in a sentence.
as_of: {as_of}
language: en
"""
_EMPTY_HOME = """\
# My negotiation briefing

Replace this text with an introduction. The status box below is generated from `data/`: it fills in
as rounds are added (`briefing new round`).

<!-- briefing:status -->
"""


def _empty_briefing(target: Path) -> None:
    """Replace the scaffold's example records with placeholders that pass every check."""
    data = target / "data"
    for path in data.glob("*.yml"):
        path.unlink()
    (data / f"{BRIEFING_FILE}.yml").write_text(_EMPTY_BRIEFING.format(as_of=date.today().isoformat()),
                                              encoding="utf-8")
    for name, model in COLLECTIONS.items():
        (data / f"{name}.yml").write_text(f"# {model.__doc__}\n# Add one with: briefing new {model.singular}\n[]\n",
                                          encoding="utf-8")
    (target / "content" / "index.md").write_text(_EMPTY_HOME, encoding="utf-8")


_YAML_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})


def id_scalar(new_id: str, quote: str = "") -> str:
    """An id as a YAML scalar in the editor's quoting (``'``, ``"`` or none); a plain id that YAML tools would
    read as a number, date, boolean or null is double-quoted."""
    if quote:
        return quote + new_id + quote  # slugs hold nothing that either quoting escapes
    if new_id[:1].isalpha() and new_id not in _YAML_WORDS and yaml.safe_load(new_id) == new_id:
        return new_id
    return json.dumps(new_id)


def check_new_id(new_id: str, parsed: Parsed, where: Location) -> None:
    """Refuse an id that is not a valid slug, is reserved, or is in use (BR505): for rename and new --id."""
    problem = hint = ""
    taken = [entry for entry in parsed.entries if entry.record.id == new_id]
    if not re.fullmatch(SLUG_PATTERN, new_id) or len(new_id) > MAX_ID_LENGTH:
        problem = "is not a valid id"
        hint = (f"ids are lowercase letters and digits in parts joined by single hyphens, at most "
                f"{MAX_ID_LENGTH} characters, e.g. abbas-araghchi")
    elif new_id in RESERVED_IDS:
        problem = "is reserved"
        hint = "it names a section page, or a device on Windows; add a word, e.g. index-term"
    elif taken or new_id in parsed.invalid_ids:
        problem = "is taken"
        hint = (f"it is the id of the {taken[0].record.singular} at {taken[0].locate('id')}" if taken
                else "a record that does not pass the schema has it") + "; ids are unique across the briefing"
    if problem:
        raise BriefingError([error("BR505", f"the id '{new_id}' {problem}", where, hint=hint)])


@dataclass(frozen=True)
class _Context:
    ids: dict[str, list[str]]  # collection -> ids in file order
    as_of: str  # the briefing's information cutoff: new records' dates default to it

    def first(self, collection: str, kind: str) -> str:
        found = self.ids.get(collection)
        if not found:
            raise BriefingError([error(
                "BR501", f"a new record needs a {kind} to refer to, and there is none yet",
                Location(f"data/{collection}.yml"), hint=f"create one first: briefing new {kind}, or give it "
                "with --set")])
        return found[0]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _cite(ctx: _Context) -> str:
    return f'[{{source: {ctx.first("sources", "source")}, locator: "TODO: para N"}}]'


_Value = Callable[[_Context], str]


def _text(placeholder: str) -> _Value:
    return lambda _c: _q(placeholder)


def _first(collection: str, kind: str) -> _Value:
    return lambda c: c.first(collection, kind)


def _as_of(c: _Context) -> str:
    return c.as_of


# For each collection, the required fields with values that pass every check, for the editor to replace.
# Values are computed only for fields that --set does not give.
_SKELETONS: dict[str, list[tuple[str, _Value]]] = {
    "parties": [("name", _text("TODO: name"))],
    "people": [("name", _text("TODO: name"))],
    "organizations": [("name", _text("TODO: name"))],
    "outlets": [("name", _text("TODO: name"))],
    "sources": [("title", _text("TODO: headline as published")), ("outlet", _first("outlets", "outlet")),
                ("published", _as_of)],
    "rounds": [("status", lambda _c: "planned"), ("sources", _cite)],
    "events": [("title", _text("TODO: title")), ("date", _as_of), ("sources", _cite)],
    "issues": [("title", _text("TODO: title"))],
    "positions": [("party", _first("parties", "party")), ("issue", _first("issues", "issue")),
                  ("stance", _text("TODO: short label")), ("venue", lambda _c: "unknown"), ("date", _as_of),
                  ("sources", _cite)],
    "quotes": [("speaker", _first("people", "person")), ("date", _as_of),
               ("text", _text("TODO: the words, verbatim as published")), ("sources", _cite)],
    "glossary": [("term", _text("TODO: term")), ("definition", _text("TODO: definition"))],
}
KINDS = {**{name: name for name in COLLECTIONS}, **{m.singular: name for name, m in COLLECTIONS.items()},
         "person": "people", "term": "glossary"}


def kind_names() -> str:
    return ", ".join(sorted(m.singular for m in COLLECTIONS.values()))


# --- --set: a field's value as YAML text -----------------------------------------------------------------


def _annotation_holds(annotation: Any, wanted: Callable[[Any], bool]) -> bool:
    if wanted(annotation):
        return True
    return any(_annotation_holds(arg, wanted) for arg in get_args(annotation))


def _is_list(annotation: Any) -> bool:
    """A field that is a list (optionally), not one that may also hold a plain value (accounts)."""
    if get_origin(annotation) is list:
        return True
    args = [a for a in get_args(annotation) if a is not type(None)]
    return get_origin(annotation) in (Union, UnionType) and len(args) == 1 and _is_list(args[0])


def _takes_structure(annotation: Any) -> bool:
    return _annotation_holds(annotation, lambda a: get_origin(a) is list
                             or (isinstance(a, type) and issubclass(a, BaseModel)))


def _reads_back(text: str) -> Any:
    try:
        return parse_document(f"k: {text}\n", "--set").data
    except BriefingError:
        return None


def _scalar_kind(annotation: Any) -> str:
    """What a plain scalar of the field stands for: a date, a whole number, true/false, or text."""
    if _annotation_holds(annotation, lambda a: a is FuzzyDate):
        return "date"
    if _annotation_holds(annotation, lambda a: a is int):
        return "int"
    return "bool" if _annotation_holds(annotation, lambda a: a is bool) else "text"


_DATE = re.compile(DATE_PATTERN)
_YAML11_BOOLEANS = frozenset({"y", "n", "yes", "no", "on", "off"})  # read as true/false by YAML 1.1 tools


def yaml_value(text: str, annotation: Any = str) -> str:
    """``text`` as the YAML for a field of type ``annotation``: plain where every YAML tool reads it as
    written (a date, number or boolean plain only where the field is one), else double-quoted. For a field
    that holds lists or mappings, text written ``[…]`` or ``{…}`` is YAML and kept as it is; for a list field,
    one value becomes a one-item list."""
    if _takes_structure(annotation) and text.lstrip()[:1] in ("[", "{"):
        written = _reads_back(text)
        if isinstance(written, dict) and isinstance(written.get("k"), list | dict):
            return text.strip()
    scalar = _q(text)
    if _reads_back(text) == {"k": text} and text.lower() not in _YAML11_BOOLEANS:
        try:
            loaded = yaml.safe_load(f"k: {text}\n")["k"]
        except yaml.YAMLError:
            loaded = None
        kind = _scalar_kind(annotation)
        if (loaded == text and isinstance(loaded, str)) or (kind == "date" and _DATE.fullmatch(text)) or (
                kind == "int" and isinstance(loaded, int) and str(loaded) == text) or (
                kind == "bool" and text in ("true", "false")):
            scalar = text
    return f"[{scalar}]" if _is_list(annotation) else scalar



def _settings(collection: str, settings: Sequence[str], data_dir: Path) -> dict[str, str]:
    """``--set field=value`` pairs as YAML keys and values, refusing a field the kind does not have (BR507)."""
    model = COLLECTIONS[collection]
    allowed = [key for key in yaml_fields(model) if key != "id"]
    found: dict[str, str] = {}
    for setting in settings:
        key, equals, value = setting.partition("=")
        key = key.strip()
        if not equals or not key:
            raise BriefingError([error("BR507", f"cannot read --set '{setting}'", Location(str(data_dir)),
                                       hint="write --set field=value, e.g. --set speaker=abbas-araghchi")])
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = "give the id with --id" if key == "id" else f"fields of a {model.singular}: " + ", ".join(allowed)
            raise BriefingError([error("BR507", f"a {model.singular} has no field '{key}'", Location(str(data_dir)),
                                       hint=hint, suggestion=close[0] if close else "")])
        info = yaml_field_info(model, key)
        found[key] = yaml_value(value, info.annotation if info is not None else str)
    return found


# --- --from: a copy of a record, comments left out ---------------------------------------------------


class _Emitter(yaml.emitter.Emitter):
    """PyYAML's emitter, with lists in a mapping indented under their key as the data files write them."""

    def expect_block_sequence(self) -> None:
        self.increase_indent(flow=False, indentless=False)
        self.state = self.expect_first_block_sequence_item


def _item_events(text: str, index: int) -> list[yaml.Event]:
    """The events of the record at ``index`` of a collection file's top-level list."""
    events = list(yaml.parse(text, Loader=yaml.SafeLoader))
    depth = 0
    item = -1
    found: list[yaml.Event] = []
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth == 2:
                item += 1
        if depth >= 2 and item == index:
            found.append(event)
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return found


def _untyped(event: yaml.Event) -> yaml.Event:
    """An event without tag or anchor, whose scalars YAML reads as text in whatever style the emitter picks."""
    if isinstance(event, yaml.ScalarEvent):
        return yaml.ScalarEvent(None, None, (True, True), event.value, style=event.style)
    if isinstance(event, yaml.MappingStartEvent):
        return yaml.MappingStartEvent(None, None, True, flow_style=event.flow_style)
    if isinstance(event, yaml.SequenceStartEvent):
        return yaml.SequenceStartEvent(None, None, True, flow_style=event.flow_style)
    return event


def _value_events(value: str) -> list[yaml.Event]:
    """The events of a value written as YAML text (as ``--set`` writes it)."""
    events = [_untyped(e) for e in yaml.parse(f"k: {value}\n", Loader=yaml.SafeLoader)
              if isinstance(e, yaml.NodeEvent | yaml.CollectionEndEvent)]
    return events[2:-1]  # without the mapping around it and its key


def _copy_block(text: str, index: int, fields: list[tuple[str, str]]) -> str:
    """The record at ``index`` of ``text`` as a new list item, comments left out, with ``fields`` (YAML key,
    YAML text) replacing the values it has and added after them."""
    events = [_untyped(e) for e in _item_events(text, index)]
    replacements = dict(fields)
    body: list[yaml.Event] = [events[0]]
    position = 1
    while position < len(events) - 1:
        key = events[position]
        assert isinstance(key, yaml.ScalarEvent)
        end = position + 1
        depth = 0
        while True:  # the key's value: one scalar, or a collection up to its end
            event = events[end]
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            end += 1
            if depth == 0:
                break
        if key.value in replacements:
            body += [key, *_value_events(replacements.pop(key.value))]
        else:
            body += events[position:end]
        position = end
    for name, value in replacements.items():
        body += [yaml.ScalarEvent(None, None, (True, True), name), *_value_events(value)]
    body.append(events[-1])
    stream = io.StringIO()
    emitter = _Emitter(stream, width=100, allow_unicode=True, indent=2)
    for event in [yaml.StreamStartEvent(), yaml.DocumentStartEvent(explicit=False),
                  yaml.SequenceStartEvent(None, None, True, flow_style=False), *body, yaml.SequenceEndEvent(),
                  yaml.DocumentEndEvent(explicit=False), yaml.StreamEndEvent()]:
        emitter.emit(event)
    return stream.getvalue()


# --- new ------------------------------------------------------------------------------------------------


def new_record(data_dir: Path, kind: str, *, record_id: str | None = None, settings: Sequence[str] = (),
               copy_of: str | None = None) -> tuple[Path, str, bool]:
    """Append a record of ``kind`` to its collection file: a skeleton, or with ``copy_of`` a copy of that
    record; ``settings`` (``field=value``) give values; returns the file, the new id and whether it holds TODO
    placeholders. Dates default to the
    briefing's ``as_of``. The whole briefing is checked after the append; on any error the file is restored.
    Errors about the TODO placeholders themselves, which the check reports until they are replaced, do not
    count."""
    collection = KINDS.get(kind)
    if collection is None:
        raise BriefingError([error("BR502", f"'{kind}' is not a kind of record", Location(str(data_dir)),
                                   hint="kinds: " + kind_names())])
    parsed, result = validate(data_dir)
    errors = _blocking(parsed, result.errors)
    if errors:
        raise BriefingError(errors)
    assert parsed.briefing is not None  # without briefing.yml, validation fails (BR210)
    given = _settings(collection, settings, data_dir)
    ids: dict[str, list[str]] = {}
    for entry in parsed.entries:
        ids.setdefault(entry.record.collection, []).append(entry.record.id)
    taken = {i for found in ids.values() for i in found} | parsed.invalid_ids
    model = COLLECTIONS[collection]
    if collection == "rounds":
        numbers = [e.record.number for e in parsed.entries if isinstance(e.record, Round)]
        number = max(numbers, default=0) + 1
        given = {"number": str(number), **given}
        default_id = f"round-{given['number']}"
    else:
        number = 1
        while f"{model.singular}-{number}" in taken:
            number += 1
        default_id = f"{model.singular}-{number}"
    new_id = record_id or default_id
    if record_id is not None:
        check_new_id(record_id, parsed, Location(str(data_dir)))
    elif new_id in taken:
        raise BriefingError([error("BR503", f"the id '{new_id}' is taken", Location(str(data_dir)),
                                   hint="give another with --id")])
    if copy_of is not None:
        text, index = _original(parsed, copy_of, collection, data_dir)
        block = _copy_block(text, index, [("id", id_scalar(new_id)), *given.items()])
    else:
        context = _Context(ids, str(parsed.briefing.as_of))
        fields = [(key, given.pop(key) if key in given else value(context)) for key, value in _SKELETONS[collection]]
        if collection == "rounds" and "number" in given:
            fields.insert(0, ("number", given.pop("number")))
        fields += given.items()
        block = f"- id: {id_scalar(new_id)}\n" + "".join(f"  {key}: {value}\n" for key, value in fields)
    target = _target_file(data_dir, collection)
    _append(target, block, data_dir)
    return target, new_id, "TODO" in block


def _original(parsed: Parsed, record_id: str, collection: str, data_dir: Path) -> tuple[str, int]:
    """The text of the file that holds ``record_id`` (of ``collection``) and its index there."""
    for entry in parsed.entries:
        if entry.record.id == record_id:
            if entry.record.collection != collection:
                raise BriefingError([error(
                    "BR506", f"'{record_id}' is a {entry.record.singular}, not a {COLLECTIONS[collection].singular}",
                    entry.locate("id"), hint=f"copy it with: briefing new {entry.record.singular} --from "
                    f"{record_id}")])
            name = entry.document.file
            index = entry.path[0]
            assert isinstance(index, int)
            return read_text(data_dir.parent / name, name), index
    close = difflib.get_close_matches(record_id, [e.record.id for e in parsed.entries
                                                  if e.record.collection == collection], n=1, cutoff=0.6)
    raise BriefingError([error("BR506", f"no {COLLECTIONS[collection].singular} has the id '{record_id}'",
                               Location(str(data_dir)), hint="`briefing list` shows every id",
                               suggestion=close[0] if close else "")])


def _target_file(data_dir: Path, collection: str) -> Path:
    found = find_files(data_dir).collections.get(collection, [])
    return found[-1] if found else data_dir / f"{collection}.yml"


_TODO = re.compile(r"\s*TODO(?![A-Za-z])")


def _todo_values(documents: Iterable[Document]) -> set[Location]:
    """Where values still read "TODO…": the placeholders a skeleton leaves for the editor to replace."""
    spots = set()
    for document in documents:
        for path, where in document.values.items():
            value: Any = document.data
            for part in path:
                value = value[part]
            if isinstance(value, str) and _TODO.match(value):
                spots.add(where)
    return spots


def _blocking(parsed: Parsed, errors: list[Diagnostic]) -> list[Diagnostic]:
    """The errors that keep a record from being added: every error but those about a TODO value itself, which
    `briefing check` reports until the editor replaces it."""
    documents = {id(e.document): e.document for e in parsed.entries}
    if parsed.briefing_document is not None:
        documents[id(parsed.briefing_document)] = parsed.briefing_document
    spots = _todo_values(documents.values())
    return [d for d in errors if d.location not in spots]


def _without_empty_list(text: str) -> str:
    """A file that holds only ``[]`` (and comments): its comments, ready for the first block item."""
    lines = text.splitlines(keepends=True)
    content = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    if not content:
        return text
    if len(content) == 1 and re.fullmatch(r"\[\s*\](\s+#.*)?", lines[content[0]].strip()):
        return "".join(lines[:content[0]] + lines[content[0] + 1:])  # an empty flow list takes no block item
    return text


def _append(target: Path, block: str, data_dir: Path) -> None:
    """Append ``block`` after the file's last byte; restore the file if the result would not parse, or the
    briefing would then fail ``briefing check``."""
    original = target.read_bytes() if target.exists() else None
    text = _without_empty_list(original.decode("utf-8-sig")) if original is not None else ""
    if text and not text.endswith("\n"):
        text += "\n"
    separator = "\n" if text.strip() else ""
    if "\r\n" in text:
        block, separator = block.replace("\n", "\r\n"), separator.replace("\n", "\r\n")
    bom = "\ufeff" if original is not None and original.startswith(b"\xef\xbb\xbf") else ""
    target.write_bytes((bom + text + separator + block).encode("utf-8"))
    try:
        name = relative_name(target, data_dir.parent)
        document = parse_document(read_text(target, name), name)
        problems = parse(None, {collection_of(target.relative_to(data_dir)) or target.stem: [document]})
        if problems.diagnostics:
            raise BriefingError(problems.diagnostics)
        parsed, result = validate(data_dir)
        errors = _blocking(parsed, result.errors)
        if errors:
            raise BriefingError(errors)
    except BriefingError:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
        raise
