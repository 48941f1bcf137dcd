"""The only place that knows where pages live and how one page links to another."""

from __future__ import annotations

import posixpath
from functools import lru_cache

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
        relative = _relative(self._folder(from_src), self.url(to_src))
        return relative + (f"#{anchor}" if anchor else "")

    def _folder(self, src: str) -> str:
        """The folder a page's URL is resolved against: the page itself for directory URLs."""
        here = self.url(src)
        return here if here.endswith("/") or not here else posixpath.dirname(here) + "/"


@lru_cache(maxsize=65536)
def _relative(base: str, target: str) -> str:
    """``target`` (site-relative) as seen from the folder ``base`` (site-relative, '' or ending in '/').

    The same result as ``posixpath.relpath`` for these simple paths (links are made hundreds of thousands
    of times in a large briefing), keeping a trailing slash and giving './' for the folder itself.
    """
    base_parts = [p for p in base.split("/") if p]
    target_parts = target.split("/")
    is_folder = target.endswith("/") or not target
    target_parts = [p for p in target_parts if p]
    common = 0
    while common < min(len(base_parts), len(target_parts)) and base_parts[common] == target_parts[common]:
        common += 1
    parts = [".."] * (len(base_parts) - common) + target_parts[common:]
    if not parts:
        return "./" if is_folder else "."
    return "/".join(parts) + ("/" if is_folder else "")
