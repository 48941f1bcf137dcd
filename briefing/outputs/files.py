"""Every machine-readable file of the site, by its path (the names are a contract), and writing them."""

from __future__ import annotations

from pathlib import Path

from briefing.corpus import Corpus
from briefing.model import COLLECTIONS
from briefing.render.sitepages import FilesSummary
from briefing.urls import ATOM_FEED, BRIEFING_JSON, JSON_FEED, ROUNDS_ICS, Urls, csv_path

from . import calendar, csvexport, feeds, jsonexport


def output_files(corpus: Corpus, urls: Urls, site_url: str | None = None) -> dict[str, bytes]:
    """Every machine-readable file, by its path in the site, sorted by path."""
    entries = feeds.feed_entries(corpus, site_url)
    files: dict[str, bytes] = {
        BRIEFING_JSON: jsonexport.briefing_json(corpus, urls).encode(),
        ROUNDS_ICS: calendar.rounds_ics(corpus, urls, site_url),
        ATOM_FEED: feeds.atom_feed(corpus, urls, site_url, entries).encode(),
        JSON_FEED: feeds.json_feed(corpus, urls, site_url, entries).encode(),
    }
    for collection in sorted(COLLECTIONS):
        table = csvexport.collection_csv(corpus, collection)
        files[csv_path(collection)] = table.encode()
        files[csvexport.excel_path(collection)] = csvexport.excel_csv(table).encode()
    return dict(sorted(files.items()))


def files_summary(corpus: Corpus) -> FilesSummary:
    """What the "Data & feeds" page says about the files, computed where the files are made."""
    entries, left_out = calendar.calendar_rounds(corpus)
    return FilesSummary(jsonexport.SCHEMA_VERSION, tuple(entries), tuple(left_out), len(feeds.dated_records(corpus)),
                        tuple(feeds.FEED_COLLECTIONS),
                        tuple((name, csvexport.excel_path(name)) for name in sorted(COLLECTIONS)))


def write_outputs(site_dir: Path, corpus: Corpus, urls: Urls, site_url: str | None = None) -> list[Path]:
    """Write every machine-readable file into the built site; returns the paths written, sorted."""
    written = []
    for name, content in output_files(corpus, urls, site_url).items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Whole or not at all: while previewing, the server may hand the file to a reader meanwhile.
        staged = path.with_name(f".{path.name}.tmp")
        staged.write_bytes(content)
        staged.replace(path)
        written.append(path)
    return written
