"""The only place that knows where pages and files live and how to address them.

Pages are named by their source path (``rounds/round-2.md``); :class:`Urls` turns that into the address
MkDocs gives the page and into relative links between pages, and to the site's files (``feed.xml``). Files
written at build time (the feeds, ``briefing.json``) link with absolute addresses under ``site_url`` when it
is set, else relative to the site's root, where those files live. Used by both the pages and the files.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from briefing.model import COLLECTIONS, Record

# The machine-readable files, by their path in the site: the names are a contract with their readers.
BRIEFING_JSON = "briefing.json"
CSV_DIR = "csv"
ROUNDS_ICS = "rounds.ics"
ATOM_FEED = "feed.xml"
JSON_FEED = "feed.json"

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


def csv_path(collection: str) -> str:
    return f"{CSV_DIR}/{collection}.csv"


def record_id_of(src: str) -> str | None:
    """The id of the record whose page is built from ``src``, or None for any other page."""
    collection, _, name = src.partition("/")
    if collection in COLLECTIONS and name.endswith(".md") and name != "index.md" and "/" not in name:
        return name[: -len(".md")]
    return None


def to_root(page_url: str) -> str:
    """The relative path from the page at site-relative ``page_url`` (as MkDocs serves it) to the site's root."""
    return "../" * page_url.count("/")


class Urls:
    """Relative links between pages, as MkDocs will lay them out (with or without directory URLs)."""

    def __init__(self, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls
        # Pages that another plugin serves elsewhere than their path says (a Material blog post's date and
        # slug): links from them are worked out from where they really are.
        self._served_at: dict[str, str] = {}

    def served_at(self, src: str, url: str) -> None:
        """Record that the page built from ``src`` is served at the site-relative ``url``."""
        if url != self._url(src):
            self._served_at[src] = url
        else:
            self._served_at.pop(src, None)

    def url(self, src: str) -> str:
        """The site-relative URL MkDocs gives the page built from ``src``."""
        found = self._served_at.get(src)
        return found if found is not None else self._url(src)

    def _url(self, src: str) -> str:
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

    def file_href(self, from_src: str, path: str) -> str:
        """A link from the page built from ``from_src`` to a file at ``path`` in the site (e.g. ``feed.xml``)."""
        return _relative(self._folder(from_src), path)

    def _folder(self, src: str) -> str:
        """The folder a page's URL is resolved against: the page itself for directory URLs."""
        here = self.url(src)
        return here if here.endswith("/") or not here else posixpath.dirname(here) + "/"

    # --- absolute addresses, for the files written at build time -------------------------------------

    def page_url(self, src: str, site_url: str | None = None) -> str:
        """The URL of the page built from ``src``: absolute under ``site_url``, else relative to the site root."""
        relative = self.url(src) or "./"
        if not site_url:
            return relative
        return _base(site_url) + ("" if relative == "./" else relative)

    def record_url(self, record: Record, site_url: str | None = None) -> str:
        return self.page_url(record_path(record), site_url)

    def home_url(self, site_url: str | None = None) -> str:
        return self.page_url(HOME, site_url)


def source_link(from_src: str, to_src: str, anchor: str = "") -> str:
    """A Markdown link's target from the page built from ``from_src`` to the one built from ``to_src``, by
    their source paths, as MkDocs resolves them."""
    relative = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def file_url(path: str, site_url: str | None = None) -> str:
    """The URL of a file at ``path`` in the site (``feed.xml``): absolute under ``site_url``, else as is."""
    return _base(site_url) + path if site_url else path


def _base(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


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
