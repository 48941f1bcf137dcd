"""Every place where the plugin relies on MkDocs' or Material's internals rather than their documented events.

Each is a speed-up for ``mkdocs serve`` or a fix to another package's output; none is needed for a correct
site. :func:`check` looks once per command, in ``on_config``, whether the shapes relied on are there; when one
is not (a new MkDocs or Material release), it logs which, and the plugin falls back to the plain behaviour.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import mkdocs.structure.pages
import mkdocs.utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from briefing.render.search import Entry, normalise_entries, page_entries

log = logging.getLogger("mkdocs.plugins.briefing")
_PAGES: Any = mkdocs.structure.pages  # whose get_build_date Page.__init__ calls by name
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
    search_handover: bool = False  # ... which, for a sample page, holds what briefing.render.search gives
    build_date: bool = False  # Page.__init__ takes the build date from mkdocs.structure.pages.get_build_date


def theme_language(config: MkDocsConfig) -> str | None:
    """``theme.language`` as the site's configuration sets it (with what it inherits); None when only the
    theme's default applies (Material's is always "en", which would hide the briefing's own language), or
    when the configuration did not come from a file. MkDocs keeps no public record of what the user wrote,
    so the file is read again, as MkDocs reads it."""
    path = config.config_file_path
    if not path or not Path(path).is_file():
        return None
    try:
        with Path(path).open("rb") as file:
            raw = yaml_load(file, get_yaml_loader(config=config))
    except (OSError, ValueError, ConfigurationError):  # MkDocs itself has read it: nothing new to report
        return None
    theme = raw.get("theme")
    return str(theme["language"]) if isinstance(theme, dict) and theme.get("language") else None


def search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, if the site uses it: the one whose index keeps a list of entries."""
    for plugin in config.plugins.values():
        if isinstance(getattr(getattr(plugin, "search_index", None), "entries", None), list):
            return plugin
    return config.plugins.get("search") or config.plugins.get("material/search")


def check(config: MkDocsConfig, *, serving: bool = True, handover: bool = True) -> Support:
    """What can be relied on, logging a warning for each speed-up that has to be left out: those of
    ``mkdocs serve`` when ``serving``, and, when ``handover`` is asked for, the search entries of generated pages
    and their build date."""
    search = search_plugin(config)
    found = Support(
        modified_files=callable(getattr(File, "is_modified", None)),
        page_render=callable(getattr(MkDocsPage, "render", None)),
        search_index=search is None or isinstance(getattr(getattr(search, "search_index", None), "entries", None),
                                                  list),
        search_merge=search is None or hasattr(search, "search_index_prev"),
        search_handover=handover and _is_materials(search) and _indexes_like_material(search),
        build_date=handover and _build_date_by_name(),
    )
    missing = {"modified_files": "File.is_modified (serve --dirty rebuilds every page)",
               "page_render": "Page.render (generated pages go through MkDocs' Markdown step)",
               "search_index": "the search plugin's list of entries (the preview re-indexes every page)",
               "search_merge": "the search plugin's previous index (serve --dirty re-indexes every page)"} \
        if serving else {}
    if handover:
        if _is_materials(search):  # another search plugin (MkDocs' own) simply reads every page
            missing["search_handover"] = ("search entries of the shape briefing makes for generated pages (the "
                                          "search plugin reads their HTML again; search_entries: false says so "
                                          "without this warning)")
        missing["build_date"] = "Page build date by name (each generated page asks for the date again)"
    for name, what in missing.items():
        if not getattr(found, name):
            log.warning(f"briefing: this MkDocs or Material has no {what}; falling back to the plain behaviour")
    return found


# A page with what the renderer's pages hold, for checking that Material indexes it as page_entries does.
_SAMPLE = ('<div class="x">\n<p class="k">Kind</p>\n<h1>A &amp; B: “words”</h1>\n<figure id="q"><blockquote>\n'
           '<p>“One <abbr title="t">term</abbr> &lt;here&gt;, it&#39;s <q>quoted</q>.”</p>\n</blockquote>\n'
           '<figcaption><span class="s"><a href="../x/">X</a></span> <span aria-hidden="true">→</span>\n'
           '<span class="m"><time datetime="2026">2026</time> · <br>Y</span></figcaption></figure>\n'
           '<dl><dt>Said</dt>\n<dd><ul><li>one</li>\n<li></li></ul></dd></dl>\n<p> </p>\n'
           '<h2 id="sources">Sources &amp; <span>notes</span></h2>\n<p>[<span>a</span>; b]</p>\n'
           '<svg role="img"><title>T</title><style>.a{fill:red}</style><path d="M0 0"/></svg>\n'
           '<pre><code>line 1\n  line 2</code></pre>\n<h3 id="more">More</h3><p>x&nbsp;y</p>\n</div>\n'
           '<p class="info">Cutoff: <time datetime="2026">1 May</time> · <a href="../d/">Data &amp; feeds</a></p>\n')


def _is_materials(search: Any) -> bool:
    return search is not None and type(search).__module__.startswith("material.")


def _indexes_like_material(search: Any) -> bool:
    """Whether Material's search plugin indexes a sample page as :func:`page_entries` does."""
    index_class = getattr(sys.modules.get(type(search).__module__), "SearchIndex", None)
    try:
        index = index_class(**dict(search.config))  # type: ignore[misc]
        toc = get_toc([{"level": 2, "id": "sources", "name": "Sources", "children": [
            {"level": 3, "id": "more", "name": "More", "children": []}]}])
        for meta in ({}, {"search": {"boost": 2}, "tags": ["t", 1, None]}):
            page = SimpleNamespace(url="x/", title="Sample", meta=meta, content=_SAMPLE, toc=toc)
            index.add_entry_from_context(page)
            expected = page_entries(_SAMPLE, "x/", "Sample", meta, search_segmenter(search))
            if expected is None or index.entries != expected:
                return False
            index.entries = []
    except Exception:  # any change in Material's shape means: do not rely on it
        return False
    return True


def search_segmenter(search: Any) -> Callable[[str], str] | None:
    """Material's segmentation of Chinese text, which it applies to every entry when jieba is installed."""
    if getattr(sys.modules.get(type(search).__module__), "jieba", None) is None:
        return None
    segment: Callable[[str], str] = search.search_index._segment_chinese
    return segment


def search_enabled(config: MkDocsConfig) -> bool:
    """Whether the search plugin indexes pages in this build (Material's has an ``enabled`` setting)."""
    search = search_plugin(config)
    return search is not None and bool(getattr(search.config, "enabled", True))


def hand_over(config: MkDocsConfig, support: Support, page: MkDocsPage, content: str, title: str) -> list[Entry] | None:
    """The search entries of a generated page, to be added in place of the search plugin's reading of it
    (:func:`add_entries`); None when the plugin should read it itself. The page stays out of the search
    plugin's reading through its documented ``search: exclude`` until :func:`add_entries`."""
    if not support.search_handover or "search" in page.meta or not search_enabled(config):
        return None
    entries = page_entries(content, page.url, title, page.meta, search_segmenter(search_plugin(config)))
    if entries is not None:
        page.meta["search"] = {"exclude": True}
    return entries


def add_entries(config: MkDocsConfig, page: MkDocsPage, entries: list[Entry]) -> None:
    """After the search plugin has passed ``page``: its entries, where the plugin would have put them."""
    del page.meta["search"]
    search_plugin(config).search_index.entries.extend(entries)


def normalise_index(config: MkDocsConfig, support: Support) -> bool:
    """Fold the spellings of every entry of the index before the search plugin writes it; False when its list
    of entries is not there (:func:`normalise_index_file` then folds the written file). Only Material's search
    box gets assets/search.js, which folds the query: another search plugin's index stays as it is."""
    if not _is_materials(search_plugin(config)):
        return True
    entries = search_entries(config, support)
    if entries is None:
        return False
    normalise_entries(entries)  # under serve --dirty, the previous index it merges was folded when it was built
    return True


def normalise_index_file(config: MkDocsConfig) -> None:
    """The plain fallback of :func:`normalise_index`: fold the entries of the file the search plugin wrote."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if search_plugin(config) is None or not path.is_file():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        normalise_entries(data["docs"])
    except (ValueError, KeyError, TypeError):
        log.warning(f"briefing: {path} is not a search index of the expected shape; Persian spellings not folded")
        return
    path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")


def _build_date_by_name() -> bool:
    """Whether ``Page.__init__`` asks ``mkdocs.structure.pages.get_build_date`` for the page's date."""
    return (getattr(_PAGES, "get_build_date", None) is getattr(mkdocs.utils, "get_build_date", 0)
            and "get_build_date" in getattr(MkDocsPage.__init__, "__code__", SimpleNamespace(co_names=())).co_names)


def make_pages(files: Iterable[File], config: MkDocsConfig, support: Support) -> None:
    """Make the pages of ``files`` (generated, not in the navigation) as MkDocs' navigation would, with the
    build date asked for once rather than for each page: the same ``update_date``."""
    if not support.build_date:
        return
    date = mkdocs.utils.get_build_date()
    ask = _PAGES.get_build_date
    _PAGES.get_build_date = lambda: date
    try:
        for file in files:
            if file.page is None:
                MkDocsPage(None, file, config)
    finally:
        _PAGES.get_build_date = ask


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
