"""The files written into the built site for readers and machines, all from the same validated corpus.

One module per file, each a small function of the corpus (and, where links are involved, of
:class:`~briefing.urls.Urls` and the site's address); ``files`` writes them all.

| module | writes |
|---|---|
| ``jsonexport`` | ``briefing.json``: every record of every collection, the matrix, the timeline, the status |
| ``csvexport`` | ``csv/<collection>.csv``, one table per collection (formulas made inert), and ``csv-excel/`` |
| ``calendar`` | ``rounds.ics``: the dated rounds as iCalendar events |
| ``feeds`` | ``feed.xml`` (Atom) and ``feed.json`` (JSON Feed 1.1): one entry per dated record |
| ``ids`` | the feed entry ids and calendar UIDs, this briefing's own (from ``site_url``, else the title) |
| ``files`` | writes the files into the built site |

Nothing here reads the clock: every file depends only on the data, and everything is sorted, so two builds
of the same commit are byte-for-byte identical. ``files.files_summary`` tells the "Data & feeds" page
what the files hold.
"""

from __future__ import annotations

import json
from typing import Any


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


__all__ = ["json_text"]
