"""Every place where the plugin relies on MkDocs' or Material's internals rather than their documented events.

Each is a speed-up for ``mkdocs serve`` or a fix to another package's output; none is needed for a correct
site. :func:`check` looks once per command, in ``on_config``, whether the shapes relied on are there; when one
is not (a new MkDocs or Material release), it logs which, and the plugin falls back to the plain behaviour.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.plugins.briefing")
THEME = Path(__file__).resolve().parent.parent / "theme"
# mkdocs-static-i18n builds each language from files on disk and fails on pages that exist only in memory.
I18N_MESSAGE = ("briefing: the i18n plugin (mkdocs-static-i18n) cannot build pages that exist only in memory, as "
                "the briefing's do. Build one site per language instead: a mkdocs.yml per language that starts "
                "with `INHERIT: mkdocs.yml` and sets its own theme.language, docs_dir and site_dir (see README, "
                "'A site in several languages').")


@dataclass(frozen=True)
class Support:
    """Which internals this MkDocs and Material offer in the shape the plugin relies on."""

    modified_files: bool = False  # File.is_modified, which `serve --dirty` asks to decide what to rebuild
    page_render: bool = False  # Page.render, skipped for generated pages (their HTML is finished)
    search_index: bool = False  # Material's search plugin keeps its entries in search_index.entries (a list)
    search_merge: bool = False  # ... and merges the previous index through search_index_prev under --dirty


def theme_language(config: MkDocsConfig) -> str | None:
    """``theme.language`` as the site's configuration sets it; None when only the theme's default applies
    (Material's is always "en", which would hide the briefing's own language)."""
    for raw in reversed(getattr(config, "user_configs", [])):
        theme = raw.get("theme") if isinstance(raw, dict) else None
        if isinstance(theme, dict) and theme.get("language"):
            return str(theme["language"])
    return None


def search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, if the site uses it: the one whose index keeps a list of entries."""
    for plugin in config.plugins.values():
        if isinstance(getattr(getattr(plugin, "search_index", None), "entries", None), list):
            return plugin
    return config.plugins.get("search") or config.plugins.get("material/search")


def check(config: MkDocsConfig) -> Support:
    """What can be relied on, logging a warning for each speed-up that has to be left out."""
    search = search_plugin(config)
    found = Support(
        modified_files=callable(getattr(File, "is_modified", None)),
        page_render=callable(getattr(MkDocsPage, "render", None)),
        search_index=search is None or isinstance(getattr(getattr(search, "search_index", None), "entries", None),
                                                  list),
        search_merge=search is None or hasattr(search, "search_index_prev"),
    )
    missing = {"modified_files": "File.is_modified (serve --dirty rebuilds every page)",
               "page_render": "Page.render (generated pages go through MkDocs' Markdown step)",
               "search_index": "the search plugin's list of entries (the preview re-indexes every page)",
               "search_merge": "the search plugin's previous index (serve --dirty re-indexes every page)"}
    for name, what in missing.items():
        if not getattr(found, name):
            log.warning(f"briefing: this MkDocs or Material has no {what}; falling back to the plain behaviour")
    return found


def add_theme_partials(config: MkDocsConfig) -> None:
    """Material partials the plugin fixes for accessibility (the search dialog's name); a site's own
    custom_dir, which comes first, still wins."""
    if config.theme.name == "material" and str(THEME) not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))


def decide_modified(file: File, modified: Callable[[], bool]) -> None:
    """Let ``modified`` answer ``serve --dirty``'s question whether ``file`` must be rebuilt."""
    file.is_modified = modified  # type: ignore[method-assign]


def skip_render(page: MkDocsPage, anchors: Iterable[str]) -> None:
    """Skip MkDocs' Markdown step for a page whose HTML the plugin puts in itself (``on_page_content``): it
    would only build a converter, with every extension, to convert nothing. The anchors let MkDocs check
    links to the page."""
    def render(config: MkDocsConfig, files: Any) -> None:
        page.content = ""
        page.toc = get_toc([])
        page.present_anchor_ids = set(anchors)
        page.links_to_anchors = {}

    page.render = render  # type: ignore[method-assign]


def search_entries(config: MkDocsConfig, support: Support) -> list[Any] | None:
    """The search plugin's list of entries, or None when there is none to rely on."""
    search = search_plugin(config)
    if search is None or not support.search_index:
        return None
    entries: list[Any] = search.search_index.entries
    return entries


def replace_search_index(config: MkDocsConfig, support: Support, entries: list[Any]) -> bool:
    """Give the search plugin the whole index, and no previous index to merge it with; False when it cannot."""
    search = search_plugin(config)
    if search is None or not (support.search_index and support.search_merge):
        return False
    search.search_index.entries = entries
    search.search_index_prev = None
    return True


def section_of(page: MkDocsPage, files: Any) -> MkDocsPage | None:
    """For a record page, which is not in the navigation, the page of its collection (``quotes/index.md``),
    if that one is: marking it active highlights the record's section in the sidebar, as for any page in it."""
    if page.parent is not None or files is None:
        return None
    collection, _, name = page.file.src_uri.partition("/")
    index = files.get_file_from_path(f"{collection}/index.md") if name and name != "index.md" else None
    found = getattr(index, "page", None)
    return found if isinstance(found, MkDocsPage) and found is not page and found.parent is not None else None
