"""The validation step: parsed YAML documents become typed records, and pydantic's errors become diagnostics.

Each record keeps its origin (document and path) so that later steps can point at any of its fields.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Location, error
from .loader import Document, NodePath
from .model import (
    BRIEFING_FILE,
    COLLECTIONS,
    SLUG_PATTERN,
    UNION_TAGS,
    Briefing,
    Citation,
    Record,
    is_reference_field,
    nested_part,
    yaml_field_info,
    yaml_fields,
)


@dataclass(frozen=True)
class Entry:
    """A validated record and where it was written."""

    record: Record
    document: Document
    path: NodePath

    def locate(self, *field_path: str | int, key: bool = False) -> Any:
        return self.document.locate((*self.path, *field_path), key=key)


@dataclass
class Parsed:
    briefing: Briefing | None = None
    briefing_document: Document | None = None
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Ids of records that exist but failed the schema: references to them are not reported as unknown.
    invalid_ids: set[str] = field(default_factory=set)
    # Collections (and "briefing") with a file that could not be read at all, as the caller found them.
    unreadable: set[str] = field(default_factory=set)
    # The same, as parse found them: documents that the loader could not read (a syntax error, not UTF-8).
    broken: set[str] = field(default_factory=set)
    # Ids that records which failed the schema, or files that could not be read, refer to (or may: for a file,
    # every id-like word in it): what they refer to is not reported as unused.
    mentioned: set[str] = field(default_factory=set)
    # Collections (and "briefing") with a file whose text could not be read at all (too large): anything they
    # may refer to is not reported as unused.
    unseen: set[str] = field(default_factory=set)

    @property
    def not_read(self) -> set[str]:
        """Collections (and "briefing") with a file that could not be read."""
        return self.unreadable | self.broken


def _describe(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "record"


def _field_model(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that owns the last named part of ``loc`` (for 'did you mean' on unknown fields)."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if current is None or isinstance(part, int):
            continue
        info = yaml_field_info(current, part)
        if info is None:
            return None
        current = nested_part(info.annotation)
    return current


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "empty" if value is None else f"'{value}'"


def _value_problem(kind: str, name: str, value: Any, ctx: dict[str, Any], fallback: str) -> tuple[str, str]:
    """The message and hint for a field whose value has the wrong form."""
    shown = _kind_of(value)
    pattern = str(ctx.get("pattern", ""))
    if kind == "literal_error":
        return (f"'{name}' is {shown}, which is not one of the allowed values",
                f"use one of: {ctx.get('expected', '')}".replace("'", ""))
    if kind == "string_pattern_mismatch" and "[a-z0-9]" in pattern:
        return (f"'{name}' is {shown}, which is not a valid id",
                "ids are lowercase letters and digits in parts joined by single hyphens, e.g. abbas-araghchi")
    if kind == "string_pattern_mismatch" and name.endswith("url"):
        return (f"'{name}' is {shown}, which is not an http(s) address",
                "write a full address starting with https:// (other schemes are refused)")
    if kind == "string_pattern_mismatch" and "lang" in name:
        return f"'{name}' is {shown}, which is not a language tag", "use a lowercase language tag such as en, fa or ar"
    if kind == "string_type":
        return (f"'{name}' must be text, not {shown}",
                "write the value on the same line, quoted if it contains ': ' or starts with a symbol")
    if kind == "list_type":
        return (f"'{name}' must be a list, not {shown}",
                "write [a, b] or one '- item' per line; a single item still needs the brackets")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"'{name}' must be a mapping of fields, not {shown}", "write 'field: value' pairs indented under it"
    if kind == "too_short" and name.endswith("sources"):
        return (f"'{name}' needs at least one citation",
                'every fact carries its source, e.g. sources: [{source: SOURCE-ID, locator: "para 3"}]')
    if kind == "string_too_short":
        return (f"'{name}' is empty",
                "write the text, or remove the key if it is not known (the site then says 'not reported')")
    if kind == "string_too_long":
        return f"'{name}' is longer than {ctx.get('max_length')} characters", "shorten it"
    if kind == "date_text":
        return f"'{name}': {fallback}", "dates are text: 2026, 2026-02, 2026-02-17 or 2026-02-17T23:00+03:30"
    return f"'{name}': {fallback}", ""


_SLUG = re.compile(SLUG_PATTERN)


def mentioned_ids(model: type[BaseModel] | None, value: Any, reference: bool = False) -> Iterator[str]:
    """The ids a record refers to, read from its YAML as written (for a record that failed the schema): the
    values of its reference fields at any depth, bare citations, and the values of fields the model does not
    have (which may be misspelt reference fields)."""
    if isinstance(value, list):
        for item in value:
            yield from mentioned_ids(model, item, reference)
    elif isinstance(value, dict):
        for key, item in value.items():
            info = yaml_field_info(model, key) if model is not None else None
            if model is None or info is None:
                yield from mentioned_ids(None, item, True)
            else:
                yield from mentioned_ids(nested_part(info.annotation), item, is_reference_field(model, key))
    elif isinstance(value, str) and (reference or model is Citation) and _SLUG.fullmatch(value):
        yield value


def _folded_key(document: Document, owner: NodePath, key: str) -> tuple[NodePath, Location] | None:
    """Where ``key`` was written inside a block of text that is a field of the mapping at ``owner``."""
    for path, found in document.folded_keys.items():
        if path[:-1] == owner and isinstance(path[-1], str):
            for name, where in found:
                if name == key:
                    return path, where
    return None


def schema_diagnostics(exc: ValidationError, model: type[BaseModel], document: Document,
                       path: NodePath) -> list[Diagnostic]:
    """Turn pydantic's errors into diagnostics that name the field, the value and the fix."""
    found = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if isinstance(p, int | str) and p not in UNION_TAGS)
        kind = err["type"]
        name = _describe(loc)
        value = err.get("input")
        ctx = err.get("ctx") or {}
        suggestion = ""
        hint = ""
        context_line = 0
        folded = _folded_key(document, (*path, *loc[:-1]), str(loc[-1])) if kind == "missing" else None
        if folded is not None:
            block, location = folded
            message = (f"'{name}' is required: '{loc[-1]}:' is here, but indented into the text of '{block[-1]}' "
                       "above, so YAML reads it as part of that text")
            hint = f"line '{loc[-1]}:' up with '{block[-1]}:', so that it is a field of its own"
            context_line = document.locate(block, key=True).line
        elif kind == "missing":
            location = document.locate((*path, *loc[:-1]))
            message = f"'{name}' is required"
            owner = _field_model(model, loc)
            info = yaml_field_info(owner, str(loc[-1])) if owner else None
            hint = f"add '{loc[-1]}:' ({info.description})" if info and info.description else ""
        elif kind == "extra_forbidden":
            location = document.locate((*path, *loc), key=True)
            message = f"unknown field '{name}'"
            owner = _field_model(model, loc)
            allowed = list(yaml_fields(owner)) if owner else []
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            suggestion = close[0] if close else ""
            hint = "allowed fields: " + ", ".join(allowed)
        else:
            location = document.locate((*path, *loc))
            message, hint = _value_problem(kind, name, value, ctx, str(err["msg"]))
        found.append(replace(error("BR100", message, location, hint=hint, suggestion=suggestion),
                             context_line=context_line))
    return found


def _readable(document: Document, name: str, result: Parsed) -> bool:
    """Report what the loader found in ``document``; False (and what it mentions noted) when it could not be read."""
    result.diagnostics += document.findings
    if document.readable:
        return True
    result.broken.add(name)
    if document.mentions is None:
        result.unseen.add(name)
    else:
        result.mentioned.update(document.mentions)
    return False


def parse(briefing_document: Document | None, collections: dict[str, list[Document]]) -> Parsed:
    """Validate every record of every document against the model, collecting every finding."""
    result = Parsed(briefing_document=briefing_document)
    if briefing_document is not None and _readable(briefing_document, BRIEFING_FILE, result):
        data = briefing_document.data
        if not isinstance(data, dict):
            result.diagnostics.append(error(
                "BR010", f"{BRIEFING_FILE}.yml must be a mapping of fields, not {_kind_of(data)}",
                briefing_document.locate(()), hint="write 'title: …', 'subject: …', 'as_of: …' at the top level"))
            result.mentioned.update(mentioned_ids(None, data, True))
        else:
            try:
                result.briefing = Briefing.model_validate(data)
            except ValidationError as exc:
                result.diagnostics += schema_diagnostics(exc, Briefing, briefing_document, ())
                result.mentioned.update(mentioned_ids(Briefing, data))
    for name, documents in collections.items():
        model = COLLECTIONS[name]
        for document in documents:
            if not _readable(document, name, result):
                continue
            data = document.data
            if data is None:
                result.diagnostics.append(error(
                    "BR010", f"{document.file} is empty", document.locate(()),
                    hint=f"write the {name} as a list ('- id: …'), or '[]' for none yet"))
                continue
            if not isinstance(data, list):
                result.diagnostics.append(error(
                    "BR010", f"{document.file} must be a list of {name}, not {_kind_of(data)}",
                    document.locate(()), hint="start each record with '- id: …'"))
                result.mentioned.update(mentioned_ids(None, data, True))
                continue
            for index, item in enumerate(data):
                if not isinstance(item, dict):
                    result.diagnostics.append(error(
                        "BR010", f"item {index + 1} must be a record (a mapping of fields), not {_kind_of(item)}",
                        document.locate((index,)), hint="write '- id: …' followed by indented 'field: value' lines"))
                    result.mentioned.update(mentioned_ids(None, item, True))
                    continue
                try:
                    record = model.model_validate(item)
                except ValidationError as exc:
                    result.diagnostics += schema_diagnostics(exc, model, document, (index,))
                    if isinstance(item.get("id"), str):
                        result.invalid_ids.add(item["id"])
                    result.mentioned.update(mentioned_ids(model, item))
                    continue
                result.entries.append(Entry(record, document, (index,)))
    return result
