"""The site's own pages besides records and collections: timeline, matrix, the editors' reference, "Data &
feeds", "What changed" and the print version, as one list.

Each is laid out by a template from values computed here, so the templates hold no logic beyond loops and
conditions. What the "Data & feeds" page says
of the files (how many feed entries, which rounds the calendar leaves out) is computed where the files are
made, in :mod:`briefing.outputs`, and handed to the renderer as a :class:`FilesSummary`: pages come before
files in the flow and do not reach into them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing.corpus import Corpus
from briefing.git_history import History
from briefing.model import COLLECTIONS
from briefing.urls import (
    ATOM_FEED,
    BRIEFING_JSON,
    CHANGES,
    DATA,
    JSON_FEED,
    MATRIX,
    PRINT,
    ROUNDS_ICS,
    TIMELINE,
    Urls,
    csv_path,
)

from .editors_pages import DATA_MODEL, DIAGNOSTICS, data_model_docs, diagnostic_docs


@dataclass(frozen=True)
class FilesSummary:
    """What the "Data & feeds" page says about the files written at build time."""

    schema_version: int = 0  # of briefing.json
    calendar_entries: tuple[Any, ...] = ()  # the rounds in rounds.ics
    calendar_left_out: tuple[Any, ...] = ()  # the rounds left out, each with .round and .reason
    feed_count: int = 0
    feed_collections: tuple[str, ...] = ()
    excel_tables: tuple[tuple[str, str], ...] = ()  # (collection, path of its Excel copy of the CSV)


@dataclass(frozen=True)
class PageSpec:
    """A generated page other than a record's or a collection's: where it goes and what lays it out."""

    src: str
    title: str
    template: str
    values: Callable[[], dict[str, Any]] = dict  # computed only when the page is rendered
    tracked: bool = True  # remembers the records it reads, so a preview can take it over unchanged
    searchable: bool = True


def site_pages(corpus: Corpus, urls: Urls, files: FilesSummary, history: History | None) -> list[PageSpec]:
    """The site's own pages, in the order of the navigation. "Data & feeds" and "What changed" show the git
    history, which record-level tracking does not see; the editors' pages show the model: never taken over."""
    known = history or History.unavailable("the history of the data was not read for this build")

    def data_values() -> dict[str, Any]:
        def href(path: str) -> str:
            return urls.file_href(DATA, path)

        return {
            "files": {name: href(name) for name in (BRIEFING_JSON, ROUNDS_ICS, ATOM_FEED, JSON_FEED)},
            "tables": [(name, href(csv_path(name)), len(corpus.of(name))) for name in sorted(COLLECTIONS)],
            "excel_tables": {name: (path, href(path)) for name, path in files.excel_tables},
            "schema_version": files.schema_version, "calendar_entries": files.calendar_entries,
            "calendar_left_out": files.calendar_left_out, "feed_count": files.feed_count,
            "feed_collections": files.feed_collections, "history": known,
        }

    def model_values() -> dict[str, Any]:
        collections, parts = data_model_docs()
        return {"collections": collections, "parts": parts}

    return [
        PageSpec(TIMELINE, "Timeline", "timeline.html.j2"),
        PageSpec(MATRIX, "Position matrix", "matrix.html.j2"),
        PageSpec(DATA_MODEL, "Data model", "data_model.html.j2", model_values, tracked=False),
        PageSpec(DIAGNOSTICS, "Error messages", "diagnostics.html.j2", lambda: {"codes": diagnostic_docs()},
                 tracked=False),
        PageSpec(DATA, "Data & feeds", "data.html.j2", data_values, tracked=False),
        PageSpec(CHANGES, "What changed", "changes.html.j2", lambda: {"history": known}, tracked=False),
        # The print version repeats every record page: out of search, where each fact would come up twice.
        PageSpec(PRINT, "Print version", "print.html.j2", lambda: {"options": {}}, searchable=False),
    ]
