"""Incremental preview: during ``mkdocs serve``, reuse the finished HTML of pages whose inputs did not change.

MkDocs re-renders every page through the theme on every save. The plugin knows each page's final content
before the theme sees it, so a page whose content, title, table of contents and metadata are the same as in
the previous preview build, on a site whose navigation and configuration are the same, would come out
byte for byte the same: its previous output is reused instead of rendering the theme again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

CACHED_TEMPLATE = "briefing-preview-cached.html"
CACHED_TEMPLATE_SOURCE = "{{ briefing_cached_output }}"


def fingerprint(*parts: object) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


@dataclass
class CachedPage:
    key: str
    output: str = ""
    search_entries: list[Any] | None = None  # what the search plugin indexed for the page
    title: str | None = None


class PreviewCache:
    """Finished pages of the previous preview build, keyed by everything that shapes them."""

    def __init__(self) -> None:
        self._site_key: str | None = None
        self._pages: dict[str, CachedPage] = {}
        self.reused = 0
        self.rendered = 0

    def begin(self, site_key: str, live: Iterable[str]) -> bool:
        """Start a build; a different site (navigation, configuration) invalidates every page: returns True then."""
        redraw = site_key != self._site_key
        if redraw:
            self._pages.clear()
            self._site_key = site_key
        wanted = set(live)
        self._pages = {src: entry for src, entry in self._pages.items() if src in wanted}
        self.reused = self.rendered = 0
        return redraw

    def lookup(self, src_uri: str, page_key: str) -> CachedPage | None:
        entry = self._pages.get(src_uri)
        return entry if entry is not None and entry.key == page_key and entry.output else None

    def page(self, src_uri: str) -> CachedPage | None:
        """Whatever is kept of a page, whichever build it comes from."""
        return self._pages.get(src_uri)

    def entry(self, src_uri: str, page_key: str) -> CachedPage:
        """The entry to fill for a page rendered in this build."""
        entry = self._pages.get(src_uri)
        if entry is None or entry.key != page_key:
            entry = self._pages[src_uri] = CachedPage(page_key)
        return entry

