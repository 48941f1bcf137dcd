"""JSON Schema for every collection, generated from the model, and the editor settings that use it.

Editors' YAML tools (the YAML language server in VS Code and others) read these files to offer completion
and flag mistakes while typing; ``briefing check`` remains the authority.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import BRIEFING_FILE, COLLECTIONS, Briefing, Part

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"


def _schema(model: type[Part], title: str, many: bool) -> dict[str, Any]:
    item = model.model_json_schema()
    defs = item.pop("$defs", {})
    schema: dict[str, Any] = {"$schema": SCHEMA_DIALECT, "title": title}
    if many:
        schema.update(type="array", description=f"A list of {title}: {model.__doc__ or ''}".strip(), items=item)
    else:
        schema.update(item)
    if defs:
        schema["$defs"] = defs
    return schema


def collection_schemas() -> dict[str, dict[str, Any]]:
    """File stem -> JSON Schema, for ``briefing.yml`` and every collection."""
    schemas = {BRIEFING_FILE: _schema(Briefing, "briefing", many=False)}
    schemas.update({name: _schema(model, name, many=True) for name, model in COLLECTIONS.items()})
    return schemas


def schema_file(stem: str) -> str:
    return f"{SCHEMA_DIR}/{stem}.schema.json"


def write_schemas(root: Path) -> list[Path]:
    """Write ``schema/*.schema.json`` under ``root``; returns the files written."""
    written = []
    for stem, schema in collection_schemas().items():
        path = root / schema_file(stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def vscode_settings(data_dir: str = "data") -> dict[str, Any]:
    """Settings for the YAML language server: which schema checks which data files."""
    schemas = {schema_file(BRIEFING_FILE): [f"{data_dir}/{BRIEFING_FILE}.yml"]}
    for name in COLLECTIONS:
        schemas[schema_file(name)] = [f"{data_dir}/{name}.yml", f"{data_dir}/{name}/*.yml"]
    return {"yaml.schemas": schemas, "files.encoding": "utf8", "[yaml]": {"editor.insertSpaces": True}}
