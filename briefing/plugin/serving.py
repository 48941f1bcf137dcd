"""What the plugin keeps through one ``mkdocs serve``, and how each build of it takes over the last one's work.

The data side (parsed files, pages and pieces of pages) is :class:`briefing.preview.Session`; this is the
MkDocs side: finished HTML of whole pages, what the search plugin indexed for them, and which pages
``--dirty`` must rebuild. See ``briefing.preview`` for the rules.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from briefing.diagnostics import Diagnostic
from briefing.pipeline import Result
from briefing.preview import Session
from briefing.preview.site import CACHED_TEMPLATE, CACHED_TEMPLATE_SOURCE, PreviewCache, fingerprint
from briefing.render import Page

from . import internals

log = logging.getLogger("mkdocs.plugins.briefing")


class ServeSession:
    """One ``mkdocs serve``: each of the plugin's hooks hands its part of a build to one method here."""

    def __init__(self, dirty: bool) -> None:
        self.dirty = dirty
        self.data = Session[Result]()
        self.pages: dict[str, Page] = {}  # the generated pages of the last good build
        self.fresh: set[str] = set()  # pages that look different from the build before
        self.problems: tuple[Diagnostic, ...] = ()  # the errors of the latest build, shown on every page
        self.problems_changed = False
        self.redraw_all = False  # this build changes what every page shares (navigation, configuration, banner)
        self.cache = PreviewCache()
        self.page_keys: dict[str, str] = {}
        self.support = internals.Support()
        self._search_mark: int | None = None
        self._search_skipped: str | None = None
        self._writing: tuple[threading.Thread, threading.Event] | None = None

    # --- files written after the pages ---------------------------------------------------------------

    def write_later(self, write: Callable[..., object]) -> None:
        """Run ``write`` (the data files: JSON, CSV, feeds, calendar) once this build is done. MkDocs serves
        nothing until a rebuild ends, so the page being edited shows a second or two sooner at 5,000 records
        (a fifth of a rebuild), and the files follow; each is replaced whole, never seen half-written.
        ``write(keep_going=…)`` is given a function that turns false when the next build starts: that build
        writes every file again, so this one stops at the next file instead of taking turns with it."""
        self.stop_writing()
        superseded = threading.Event()

        def run() -> None:
            try:
                write(keep_going=lambda: not superseded.is_set())
            except Exception as exc:  # the preview goes on; the next build writes the files again
                log.error(f"briefing: the data files could not be written: {exc}")

        self._writing = (threading.Thread(target=run, name="briefing-data-files", daemon=True), superseded)
        self._writing[0].start()

    def stop_writing(self) -> None:
        """Before the next build, which writes the files again (and may empty the site first): the last
        build's writing stops after the file it is on."""
        if self._writing is not None:
            self._writing[1].set()
            self.wait_for_writes()

    def wait_for_writes(self) -> None:
        """Every file of the last build written (at the end of the session, or for a test that reads them)."""
        if self._writing is not None:
            self._writing[0].join()
            self._writing = None

    # --- the data ------------------------------------------------------------------------------------

    def built(self, result: Result) -> None:
        """Take in a build of the data: its pages if good, its errors either way."""
        problems = () if result.ok else tuple(result.diagnostics)
        self.problems_changed, self.problems = problems != self.problems, problems
        if result.ok:
            self.fresh = {p.src_uri for p in result.pages if not _looks_the_same(self.pages.get(p.src_uri), p)}
            self.pages = {page.src_uri: page for page in result.pages}

    # --- which pages `serve --dirty` rebuilds --------------------------------------------------------

    def decide_rebuilds(self, files: Files) -> None:
        """A generated page is rebuilt when it looks different; a hand-written one that shows data always, any
        other when its file is newer; every page when the site or the errors banner changed."""
        if not (self.dirty and self.support.modified_files):
            return
        for file in files.documentation_pages():
            if file.src_uri in self.pages:
                internals.decide_modified(file, self._modified_when(self._fresh(file.src_uri)))
            elif file.abs_src_path:
                by_file = (lambda: True) if _shows_data(Path(file.abs_src_path)) else file.is_modified
                internals.decide_modified(file, self._modified_when(by_file))

    def _fresh(self, src_uri: str) -> Callable[[], bool]:
        return lambda: src_uri in self.fresh

    def _modified_when(self, changed: Callable[[], bool]) -> Callable[[], bool]:
        return lambda: self.redraw_all or changed()

    def begin_pages(self, nav_signature: object, config: MkDocsConfig, files: Files) -> None:
        """Start rendering: a new navigation or configuration (or banner) invalidates every kept page."""
        config_text = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        self.redraw_all = self.cache.begin(fingerprint(nav_signature, config_text, config.theme.dirs),
                                           (f.src_uri for f in files.documentation_pages()))
        self.redraw_all |= self.problems_changed
        self.page_keys = {}

    # --- whole pages --------------------------------------------------------------------------------

    def offer_cached(self, page: MkDocsPage, html: str) -> None:
        """Mark ``page`` to be taken over when its content, title, toc and metadata are those of a kept page."""
        if "template" in page.meta:
            return
        key = fingerprint(page.title, html, [(t.level, t.id, t.title) for t in page.toc.items], page.meta)
        self.page_keys[page.file.src_uri] = key
        if self.cache.lookup(page.file.src_uri, key) is not None:
            page.meta["template"] = CACHED_TEMPLATE

    def theme_environment(self, env: jinja2.Environment, files: Files) -> None:
        """The template that prints a kept page; under --dirty, pages not read again keep their titles, or the
        navigation of every rebuilt page would show "None" for them."""
        if self.dirty:
            for file in files.documentation_pages():
                cached = self.cache.page(file.src_uri)
                if file.page is not None and file.page.content is None and cached is not None and cached.title:
                    file.page.title = cached.title
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({CACHED_TEMPLATE: CACHED_TEMPLATE_SOURCE}),
                                          env.loader or jinja2.DictLoader({})])

    def before_search(self, context: TemplateContext, page: MkDocsPage, config: MkDocsConfig) -> None:
        """Before the search plugin sees a page: a kept page is printed as it was, and not indexed again."""
        index = internals.search_entries(config, self.support)
        self._search_mark = len(index) if index is not None else None
        if page.meta.get("template") != CACHED_TEMPLATE:
            return
        cached = self.cache.lookup(page.file.src_uri, self.page_keys[page.file.src_uri])
        assert cached is not None
        context["briefing_cached_output"] = cached.output  # type: ignore[typeddict-unknown-key]
        self.cache.reused += 1
        if cached.search_entries is not None and "search" not in page.meta:
            page.meta["search"] = {"exclude": True}
            self._search_skipped = page.file.src_uri

    def after_search(self, page: MkDocsPage, config: MkDocsConfig) -> None:
        """After the search plugin: keep what it indexed for the page, or put back what it skipped."""
        index = internals.search_entries(config, self.support)
        key = self.page_keys.get(page.file.src_uri)
        if index is None or key is None or self._search_mark is None:
            return
        if page.meta.get("template") == CACHED_TEMPLATE:
            cached = self.cache.lookup(page.file.src_uri, key)
            if cached is not None and cached.search_entries is not None and self._search_skipped == page.file.src_uri:
                del page.meta["search"]
                index.extend(cached.search_entries)
            self._search_skipped = None
        else:
            self.cache.entry(page.file.src_uri, key).search_entries = index[self._search_mark:]

    def keep_output(self, page: MkDocsPage, output: str) -> None:
        """Keep a page rendered by this build for the next one."""
        key = self.page_keys.get(page.file.src_uri)
        if key is None or page.meta.get("template") == CACHED_TEMPLATE:
            return
        entry = self.cache.entry(page.file.src_uri, key)
        entry.title = page.title
        # Under --dirty a generated page is only ever rebuilt with new content, so its output would never be
        # reused: keeping it would cost the preview about 45 KiB per page.
        if not (self.dirty and page.file.src_uri in self.pages):
            entry.output = output
        self.cache.rendered += 1

    def complete_search_index(self, config: MkDocsConfig, files: Files | None) -> None:
        """Under ``--dirty`` only rebuilt pages reach the search plugin, whose merge of the previous index expects
        a single changed page; give it the whole index instead, in the order of a full build."""
        if not self.dirty or files is None:
            return
        entries: list[Any] = []
        for file in files.documentation_pages():
            cached = self.cache.page(file.src_uri)
            if cached is None or cached.search_entries is None:
                return  # not every page was indexed by this plugin: leave the search plugin to its own merge
            entries += cached.search_entries
        internals.replace_search_index(config, self.support, entries)

    def summary(self) -> str:
        return f"briefing: preview re-rendered {self.cache.rendered} pages, reused {self.cache.reused}"


def _looks_the_same(old: Page | None, new: Page) -> bool:
    return old is new or (old is not None and (old.title, old.html, old.toc, old.in_nav, old.searchable)
                           == (new.title, new.html, new.toc, new.in_nav, new.searchable))


def _shows_data(path: Path) -> bool:
    """Whether a hand-written page has [[id]] references or briefing blocks (which change with the data)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return "[[" in text or "briefing:" in text


def nav_signature(items: Iterable[Any]) -> list[Any]:
    return [(type(item).__name__, item.title, getattr(item, "url", None), nav_signature(item.children or []))
            for item in items]
