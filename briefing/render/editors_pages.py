"""The editors' reference pages, generated from the model and the diagnostic registry, so they cannot drift."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union

from briefing.diagnostics import CODES, CodeInfo
from briefing.model import (
    BRIEFING_FILE,
    COLLECTIONS,
    Account,
    Briefing,
    Citation,
    Divergence,
    Figure,
    Framing,
    FuzzyDate,
    OriginalText,
    Part,
    RefTo,
    ScheduleEntry,
    SourcedText,
    yaml_fields,
)

DATA_MODEL = "editors/data-model.md"
DIAGNOSTICS = "editors/diagnostics.md"
PARTS: tuple[type[Part], ...] = (Citation, SourcedText, Framing, Figure, Account, ScheduleEntry, Divergence,
                                 OriginalText)


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str
    part: str = ""  # the nested part's anchor, when the field holds one


@dataclass(frozen=True)
class ModelDoc:
    anchor: str
    title: str
    file: str
    description: str
    fields: tuple[FieldDoc, ...]


def _singular(collection: str) -> str:
    return COLLECTIONS[collection].singular


def describe(annotation: Any, metadata: list[Any]) -> tuple[str, str]:
    """A reader's description of a field's type, and the anchor of a nested part it holds (if any)."""
    for item in metadata:
        if isinstance(item, RefTo):
            return "id of a " + " or ".join(_singular(c) for c in item.collections), ""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return describe(args[0], [*args[1:], *metadata])
    if origin in (Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        if len(present) == 2 and typing.get_origin(present[1]) is typing.Annotated:  # a contested field
            plain, _part = describe(present[0], [])
            return f"{plain}, or a list of accounts", "account"
        return describe(present[0], metadata) if len(present) == 1 else (" or ".join(
            describe(a, [])[0] for a in present), "")
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in args), ""
    if origin is list:
        inner, part = describe(args[0], [])
        return f"list of {inner}", part
    if annotation is FuzzyDate:
        return "date: 2026, 2026-02, 2026-02-17 or 2026-02-17T23:00+03:30 (2026-02-17~: about)", ""
    if isinstance(annotation, typing.TypeVar):
        return "the field's own kind of value", ""
    if annotation is bool:
        return "true or false", ""
    if annotation is int:
        return "whole number", ""
    if isinstance(annotation, type) and issubclass(annotation, Part):
        return annotation.__name__, annotation.__name__.lower()
    return "text", ""


def model_doc(model: type[Part], anchor: str, title: str, file: str) -> ModelDoc:
    fields = []
    for name, attribute in yaml_fields(model).items():
        info = model.model_fields[attribute]
        kind, part = describe(info.annotation, list(info.metadata))
        if name == "sources" and kind.startswith("list of Citation"):
            kind = "list of citations"
        fields.append(FieldDoc(name, kind, info.is_required(), info.description or "", part))
    description = " ".join((model.__doc__ or "").replace("``", "").split())
    return ModelDoc(anchor, title, file, description, tuple(fields))


def data_model_docs() -> tuple[list[ModelDoc], list[ModelDoc]]:
    """The collections (briefing.yml first) and the nested parts they use."""
    collections = [model_doc(Briefing, BRIEFING_FILE, "briefing.yml", f"data/{BRIEFING_FILE}.yml")]
    collections += [model_doc(m, name, f"{name}.yml", f"data/{name}.yml or data/{name}/*.yml")
                    for name, m in COLLECTIONS.items()]
    parts = [model_doc(p, p.__name__.lower(), p.__name__, "") for p in PARTS]
    return collections, parts


def diagnostic_docs() -> list[tuple[str, CodeInfo]]:
    return sorted(CODES.items())
