"""The pages that present the outputs: "Data & feeds", "What changed" and the print version.

Each is laid out by a template (``data.html.j2``, ``changes.html.j2``, ``print.html.j2``) from values
computed here, so the templates hold no logic beyond loops and conditions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefing.model import COLLECTIONS
from briefing.render.urls import CHANGES, DATA, PRINT

from . import ATOM_FEED, BRIEFING_JSON, JSON_FEED, ROUNDS_ICS, calendar, csv_path, feeds, jsonexport, links
from .history import History

if TYPE_CHECKING:
    from briefing.render.pages import Page, Renderer


def _history(renderer: Renderer) -> History:
    return renderer.history or History.unavailable("the history of the data was not read for this build")


def _data_values(renderer: Renderer) -> dict[str, Any]:
    corpus = renderer.corpus
    entries, left_out = calendar.calendar_rounds(corpus)

    def href(path: str) -> str:
        return links.file_href(renderer.urls, DATA, path)

    return {
        "files": {name: href(name) for name in (BRIEFING_JSON, ROUNDS_ICS, ATOM_FEED, JSON_FEED)},
        "tables": [(name, href(csv_path(name)), len(corpus.of(name))) for name in sorted(COLLECTIONS)],
        "schema_version": jsonexport.SCHEMA_VERSION,
        "calendar_entries": entries,
        "calendar_left_out": left_out,
        "feed_count": len(feeds.dated_records(corpus)),
        "feed_collections": feeds.FEED_COLLECTIONS,
        "history": _history(renderer),
    }


EXTRA_PATHS = (DATA, CHANGES, PRINT)


def extra_pages(renderer: Renderer, reuse: Callable[[str, Callable[[], Page]], Page] | None = None) -> list[Page]:
    """The pages for the outputs, rendered with the renderer's templates (user overrides first).

    ``reuse`` may take over the print page from the previous build when none of its records changed; the
    other two show the git history, which the record-level tracking does not see, so they are always new.
    """
    def print_page() -> Page:
        return renderer.page(PRINT, "Print version", "print.html.j2", in_nav=True, searchable=False, options={})

    return [
        renderer.page(DATA, "Data & feeds", "data.html.j2", in_nav=True, tracked=False, **_data_values(renderer)),
        renderer.page(CHANGES, "What changed", "changes.html.j2", in_nav=True, tracked=False,
                      history=_history(renderer)),
        reuse(PRINT, print_page) if reuse else print_page(),
    ]
