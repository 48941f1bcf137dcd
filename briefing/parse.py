"""The schema step: parsed YAML documents become typed records, and pydantic's errors become diagnostics.

Each record keeps its origin (document and path) so that later steps can point at any of its fields.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, error
from .loader import Document, NodePath
from .model import BRIEFING_FILE, COLLECTIONS, UNION_TAGS, Briefing, Record, nested_part, yaml_field_info, yaml_fields


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
    # Collections (and "briefing") with a file that could not be read at all.
    unreadable: set[str] = field(default_factory=set)


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
        if kind == "missing":
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
        found.append(error("BR100", message, location, hint=hint, suggestion=suggestion))
    return found


def parse(briefing_document: Document | None, collections: dict[str, list[Document]]) -> Parsed:
    """Validate every record of every document against the model, collecting every finding."""
    result = Parsed(briefing_document=briefing_document)
    if briefing_document is not None:
        data = briefing_document.data
        if not isinstance(data, dict):
            result.diagnostics.append(error(
                "BR010", f"{BRIEFING_FILE}.yml must be a mapping of fields, not {_kind_of(data)}",
                briefing_document.locate(()), hint="write 'title: …', 'subject: …', 'as_of: …' at the top level"))
        else:
            try:
                result.briefing = Briefing.model_validate(data)
            except ValidationError as exc:
                result.diagnostics += schema_diagnostics(exc, Briefing, briefing_document, ())
    for name, documents in collections.items():
        model = COLLECTIONS[name]
        for document in documents:
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
                continue
            for index, item in enumerate(data):
                if not isinstance(item, dict):
                    result.diagnostics.append(error(
                        "BR010", f"item {index + 1} must be a record (a mapping of fields), not {_kind_of(item)}",
                        document.locate((index,)), hint="write '- id: …' followed by indented 'field: value' lines"))
                    continue
                try:
                    record = model.model_validate(item)
                except ValidationError as exc:
                    result.diagnostics += schema_diagnostics(exc, model, document, (index,))
                    if isinstance(item.get("id"), str):
                        result.invalid_ids.add(item["id"])
                    continue
                result.entries.append(Entry(record, document, (index,)))
    return result
