"""Every machine-readable file of the site, by its path (the names are a contract), and writing them."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from pathlib import Path

from briefing.corpus import Corpus
from briefing.model import COLLECTIONS
from briefing.render.sitepages import FilesSummary
from briefing.urls import ATOM_FEED, BRIEFING_JSON, JSON_FEED, ROUNDS_ICS, Urls, csv_path

from . import calendar, csvexport, feeds, jsonexport


def output_files(corpus: Corpus, urls: Urls, site_url: str | None = None) -> dict[str, bytes]:
    """Every machine-readable file, by its path in the site, sorted by path."""
    return {name: make() for name, make in _makers(corpus, urls, site_url).items()}


def _makers(corpus: Corpus, urls: Urls, site_url: str | None) -> dict[str, Callable[[], bytes]]:
    """How to make each file, by its path, sorted: each is made when asked for, so that writing can stop
    between two files."""
    entries = cache(lambda: feeds.feed_entries(corpus, site_url))  # both feeds list the same entries
    makers: dict[str, Callable[[], bytes]] = {
        BRIEFING_JSON: lambda: jsonexport.briefing_json(corpus, urls).encode(),
        ROUNDS_ICS: lambda: calendar.rounds_ics(corpus, urls, site_url),
        ATOM_FEED: lambda: feeds.atom_feed(corpus, urls, site_url, entries()).encode(),
        JSON_FEED: lambda: feeds.json_feed(corpus, urls, site_url, entries()).encode(),
    }
    for collection in sorted(COLLECTIONS):
        table = cache(partial(csvexport.collection_csv, corpus, collection))  # the CSV and its Excel copy
        makers[csv_path(collection)] = partial(_encoded, table)
        makers[csvexport.excel_path(collection)] = partial(_encoded, table, csvexport.excel_csv)
    return dict(sorted(makers.items()))


def _encoded(make: Callable[[], str], then: Callable[[str], str] = str) -> bytes:
    return then(make()).encode()


def files_summary(corpus: Corpus) -> FilesSummary:
    """What the "Data & feeds" page says about the files, computed where the files are made."""
    entries, left_out = calendar.calendar_rounds(corpus)
    return FilesSummary(jsonexport.SCHEMA_VERSION, tuple(entries), tuple(left_out), len(feeds.dated_records(corpus)),
                        tuple(feeds.FEED_COLLECTIONS),
                        tuple((name, csvexport.excel_path(name)) for name in sorted(COLLECTIONS)))


def write_outputs(site_dir: Path, corpus: Corpus, urls: Urls, site_url: str | None = None, *,
                  keep_going: Callable[[], bool] = lambda: True) -> list[Path]:
    """Write every machine-readable file into the built site; returns the paths written, sorted. Stops
    before the next file once ``keep_going()`` is false (a preview's next build writes them all again)."""
    written = []
    for name, make in _makers(corpus, urls, site_url).items():
        if not keep_going():
            break
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Whole or not at all: while previewing, the server may hand the file to a reader meanwhile.
        staged = path.with_name(f".{path.name}.tmp")
        staged.write_bytes(make())
        staged.replace(path)
        written.append(path)
    return written
