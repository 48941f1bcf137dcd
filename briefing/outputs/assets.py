"""The plugin's stylesheets and script as the built site serves them, and how each page links them.

The readable sources stay in ``briefing/assets/``; the site gets minified copies (rcssmin, rjsmin: small,
dependency-free minifiers that keep the meaning of the code). ``print.css`` is linked from each page's head
with ``media="print"``, so that the browser neither waits for it nor applies it on screen.
"""

from __future__ import annotations

import functools
from pathlib import Path

import rcssmin
import rjsmin
from markupsafe import Markup

from briefing.urls import to_root

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PRINT_CSS = "print.css"


def minify(name: str, source: str) -> str:
    """``source`` of the asset ``name``, minified by its kind (a file of another kind is left as it is)."""
    if name.endswith(".css"):
        return str(rcssmin.cssmin(source))
    if name.endswith(".js"):
        return str(rjsmin.jsmin(source))
    return source


@functools.cache
def _minified(path: Path, stamp: tuple[int, int]) -> str:
    return minify(path.name, path.read_text(encoding="utf-8"))


def asset_text(name: str, folder: Path = ASSETS) -> str:
    """The text the site serves for ``folder/name``: minified once per version of the source file."""
    path = folder / name
    stat = path.stat()
    return _minified(path, (stat.st_mtime_ns, stat.st_size))


def print_link(page_url: str) -> str:
    """The ``<link>`` for the ``<head>`` of the page at site-relative ``page_url`` that loads print.css for
    print only (``extra_css`` would link it for every medium)."""
    href = f"{to_root(page_url)}assets/{PRINT_CSS}"
    return str(Markup('<link rel="stylesheet" href="{}" media="print">').format(href))
