"""Helpers for editors: scaffold a new briefing, and append skeleton records without touching the rest of a file."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .diagnostics import BriefingError, Location, error
from .loader import find_files, load_file
from .model import COLLECTIONS, Round
from .parse import parse
from .pipeline import validate
from .schema import vscode_settings, write_schemas

SCAFFOLD = Path(__file__).parent / "scaffold"


def init_briefing(target: Path) -> list[Path]:
    """Copy the example briefing into ``target`` (which must be new or empty) with schemas and editor settings."""
    if target.exists() and any(target.iterdir()):
        raise BriefingError([error("BR500", f"'{target}' is not empty", Location(str(target)),
                                   hint="choose a new folder; nothing is overwritten")])
    shutil.copytree(SCAFFOLD, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    written = write_schemas(target)
    settings = target / ".vscode" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps(vscode_settings(), indent=2) + "\n", encoding="utf-8")
    (target / ".gitignore").write_text("site/\n", encoding="utf-8")
    return sorted([*written, settings, *(p for p in target.rglob("*") if p.is_file() and p not in written)])


@dataclass(frozen=True)
class _Context:
    ids: dict[str, list[str]]  # collection -> ids in file order
    today: str

    def first(self, collection: str, kind: str) -> str:
        found = self.ids.get(collection)
        if not found:
            raise BriefingError([error(
                "BR501", f"a new record needs a {kind} to refer to, and there is none yet",
                Location(f"data/{collection}.yml"), hint=f"create one first: briefing new {kind}")])
        return found[0]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _cite(ctx: _Context) -> str:
    return f'[{{source: {ctx.first("sources", "source")}, locator: "TODO: para N"}}]'


# For each collection, the required fields with values that pass every check, for the editor to replace.
_SKELETONS: dict[str, Callable[[_Context], list[tuple[str, str]]]] = {
    "parties": lambda c: [("name", _q("TODO: name"))],
    "people": lambda c: [("name", _q("TODO: name"))],
    "organizations": lambda c: [("name", _q("TODO: name"))],
    "outlets": lambda c: [("name", _q("TODO: name"))],
    "sources": lambda c: [("title", _q("TODO: headline as published")), ("outlet", c.first("outlets", "outlet")),
                          ("published", c.today)],
    "rounds": lambda c: [("status", "planned"), ("sources", _cite(c))],
    "events": lambda c: [("title", _q("TODO: title")), ("date", c.today), ("sources", _cite(c))],
    "issues": lambda c: [("title", _q("TODO: title"))],
    "positions": lambda c: [("party", c.first("parties", "party")), ("issue", c.first("issues", "issue")),
                            ("stance", _q("TODO: short label")), ("venue", "unknown"), ("date", c.today),
                            ("sources", _cite(c))],
    "quotes": lambda c: [("speaker", c.first("people", "person")), ("date", c.today),
                         ("text", _q("TODO: the words, verbatim as published")), ("sources", _cite(c))],
    "glossary": lambda c: [("term", _q("TODO: term")), ("definition", _q("TODO: definition"))],
}
KINDS = {**{name: name for name in COLLECTIONS}, **{m.singular: name for name, m in COLLECTIONS.items()},
         "person": "people", "term": "glossary"}


def new_record(data_dir: Path, kind: str, today: date | None = None) -> tuple[Path, str]:
    """Append a skeleton record of ``kind`` to its collection file; returns the file and the new id."""
    collection = KINDS.get(kind)
    if collection is None:
        raise BriefingError([error("BR502", f"'{kind}' is not a kind of record", Location(str(data_dir)),
                                   hint="kinds: " + ", ".join(sorted(m.singular for m in COLLECTIONS.values())))])
    parsed, result = validate(data_dir)
    if not result.ok:
        raise BriefingError(result.errors)
    ids: dict[str, list[str]] = {}
    for entry in parsed.entries:
        ids.setdefault(entry.record.collection, []).append(entry.record.id)
    taken = {i for found in ids.values() for i in found}
    model = COLLECTIONS[collection]
    fields = _SKELETONS[collection](_Context(ids, (today or date.today()).isoformat()))
    if collection == "rounds":
        numbers = [e.record.number for e in parsed.entries if isinstance(e.record, Round)]
        number = max(numbers, default=0) + 1
        new_id = f"round-{number}"
        fields.insert(0, ("number", str(number)))
    else:
        number = 1
        while f"{model.singular}-{number}" in taken:
            number += 1
        new_id = f"{model.singular}-{number}"
    if new_id in taken:
        raise BriefingError([error("BR503", f"the id '{new_id}' is taken", Location(str(data_dir)),
                                   hint="add the record by hand with another id")])
    block = f"- id: {new_id}\n" + "".join(f"  {key}: {value}\n" for key, value in fields)
    target = _target_file(data_dir, collection)
    _append(target, block, data_dir)
    return target, new_id


def _target_file(data_dir: Path, collection: str) -> Path:
    found = find_files(data_dir).collections.get(collection, [])
    return found[-1] if found else data_dir / f"{collection}.yml"


def _append(target: Path, block: str, data_dir: Path) -> None:
    """Append ``block`` after the file's last byte; restore the file if the result would not parse."""
    original = target.read_bytes() if target.exists() else None
    text = original.decode("utf-8-sig") if original is not None else ""
    if text.strip() in ("", "[]"):
        text = ""  # an empty flow list cannot take a block item after it
    elif not text.endswith("\n"):
        text += "\n"
    separator = "\n" if text else ""
    target.write_text(text + separator + block, encoding="utf-8")
    try:
        document = load_file(target, data_dir.parent)
        problems = parse(None, {target.stem if target.parent == data_dir else target.parent.name: [document]})
        if problems.diagnostics:
            raise BriefingError(problems.diagnostics)
    except BriefingError:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
        raise
