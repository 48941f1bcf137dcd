"""The only place that knows where pages live and how one page links to another."""

from __future__ import annotations

import posixpath

from briefing.model import Record

TIMELINE = "timeline.md"
MATRIX = "matrix.md"
HOME = "index.md"
DATA = "data.md"  # "Data & feeds": the machine-readable files and how to use them
CHANGES = "changes.md"  # "What changed": the data's git history, record by record
PRINT = "print.md"  # the whole briefing on one page, for printing


def record_path(record: Record) -> str:
    return f"{record.collection}/{record.id}.md"


def index_path(collection: str) -> str:
    return f"{collection}/index.md"


class Urls:
    """Relative links between pages, as MkDocs will lay them out (with or without directory URLs)."""

    def __init__(self, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls

    def url(self, src: str) -> str:
        """The site-relative URL MkDocs gives the page built from ``src``."""
        stem = src[: -len(".md")]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        here = self.url(from_src)
        there = self.url(to_src)
        base = here if here.endswith("/") or not here else posixpath.dirname(here)
        target = there.rstrip("/") or "."
        relative = posixpath.relpath(target, base.rstrip("/") or ".")
        if there.endswith("/") or not there:
            relative = relative.rstrip("/") + "/" if relative != "." else "./"
        return relative + (f"#{anchor}" if anchor else "")
