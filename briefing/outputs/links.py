"""Addresses of pages as the outputs give them: absolute under ``site_url`` when it is set, else relative.

Files such as ``feed.xml`` live at the root of the site, so a site-relative address (``rounds/round-2/``)
is also the address relative to the file itself.
"""

from __future__ import annotations

import posixpath

from briefing.model import Record
from briefing.render.urls import HOME, Urls, record_path


def _base(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


def file_url(path: str, site_url: str | None = None) -> str:
    """The URL of a file at ``path`` in the site (``feed.xml``): absolute under ``site_url``, else as is."""
    return _base(site_url) + path if site_url else path


def page_url(urls: Urls, src: str, site_url: str | None = None) -> str:
    """The URL of the page built from ``src``: absolute under ``site_url``, else relative to the site root."""
    relative = urls.url(src) or "./"
    if not site_url:
        return relative
    return _base(site_url) + ("" if relative == "./" else relative)


def record_url(urls: Urls, record: Record, site_url: str | None = None) -> str:
    return page_url(urls, record_path(record), site_url)


def home_url(urls: Urls, site_url: str | None = None) -> str:
    return page_url(urls, HOME, site_url)


def file_href(urls: Urls, from_src: str, path: str) -> str:
    """A link from the page built from ``from_src`` to a file at ``path`` in the site (e.g. ``feed.xml``)."""
    here = urls.url(from_src)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    return posixpath.relpath(path, base.rstrip("/") or ".")
