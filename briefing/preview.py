"""Incremental preview: during ``mkdocs serve``, reuse the finished HTML of pages whose inputs did not change.

MkDocs re-renders every page through the theme on every save. The plugin knows each page's final content
before the theme sees it, so a page whose content, title, table of contents and metadata are the same as in
the previous preview build, on a site whose navigation and configuration are the same, would come out
byte for byte the same: its previous output is reused instead of rendering the theme again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

CACHED_TEMPLATE = "briefing-preview-cached.html"
CACHED_TEMPLATE_SOURCE = "{{ briefing_cached_output }}"


def fingerprint(*parts: object) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


class PreviewCache:
    """Finished pages of the previous preview build, keyed by everything that shapes them."""

    def __init__(self) -> None:
        self._site_key: str | None = None
        self._pages: dict[str, tuple[str, str]] = {}  # src_uri -> (page key, finished HTML)
        self.reused = 0
        self.rendered = 0

    def begin(self, site_key: str, live: Iterable[str]) -> None:
        """Start a build; a different site (navigation, configuration) invalidates every page."""
        if site_key != self._site_key:
            self._pages.clear()
            self._site_key = site_key
        wanted = set(live)
        self._pages = {src: entry for src, entry in self._pages.items() if src in wanted}
        self.reused = self.rendered = 0

    def lookup(self, src_uri: str, page_key: str) -> str | None:
        entry = self._pages.get(src_uri)
        return entry[1] if entry is not None and entry[0] == page_key else None

    def store(self, src_uri: str, page_key: str, output: str) -> None:
        self._pages[src_uri] = (page_key, output)
