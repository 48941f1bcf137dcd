"""Outputs for readers and machines, all generated at build time from the same validated :class:`Corpus`.

One module per output, each a small function of the corpus (and, where links are involved, of
:class:`~briefing.render.urls.Urls` and the site's address):

| module | writes |
|---|---|
| ``jsonexport`` | ``briefing.json``: every record of every collection, the matrix, the timeline, the status |
| ``csvexport`` | ``csv/<collection>.csv``: one flat table per collection |
| ``calendar`` | ``rounds.ics``: the dated rounds as iCalendar events |
| ``feeds`` | ``feed.xml`` (Atom) and ``feed.json`` (JSON Feed 1.1): one entry per dated record |
| ``jsonld`` | the ``<script type="application/ld+json">`` of each record page |
| ``history`` | what changed in ``data/``, commit by commit, read from git with the project's own loader |
| ``svg`` | the timeline figure, an inline SVG drawn at build time |
| ``pageinfo`` | the information cutoff and "last changed" line of every page, and the feeds' ``<link>`` |
| ``sitepages`` | the "Data & feeds", "What changed" and print pages |
| ``files`` | writes the files into the built site |

Nothing here reads the clock: every file depends only on the data (and on git history for the changes
page), and everything is sorted, so two builds of the same commit are byte-for-byte identical.

The renderer imports ``jsonld``, ``svg`` and ``sitepages``, and most modules here import the renderer's URL
module; so siblings are imported as modules (``from . import links``) and their names looked up only when
called. Only ``history``, which imports nothing of the renderer, is imported by name.
"""

from __future__ import annotations

import json
from typing import Any

BRIEFING_JSON = "briefing.json"
CSV_DIR = "csv"
ROUNDS_ICS = "rounds.ics"
ATOM_FEED = "feed.xml"
JSON_FEED = "feed.json"


def csv_path(collection: str) -> str:
    return f"{CSV_DIR}/{collection}.csv"


def json_text(value: Any, levels: int) -> str:
    """JSON with the outer ``levels`` of objects and arrays indented and each value below them on one line:
    one record per line reads and diffs well, and Python's fast C encoder (which cannot indent) does the lines.
    """
    return _json_lines(value, levels, "") + "\n"


def _json_lines(value: Any, levels: int, indent: str) -> str:
    inner = indent + "  "
    if levels > 0 and isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(key, ensure_ascii=False)}: {_json_lines(item, levels - 1, inner)}"
                 for key, item in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if levels > 0 and isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _json_lines(item, levels - 1, inner) for item in value) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False)


__all__ = ["ATOM_FEED", "BRIEFING_JSON", "CSV_DIR", "JSON_FEED", "ROUNDS_ICS", "csv_path", "json_text"]
