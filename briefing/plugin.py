"""The MkDocs plugin: the only module that imports MkDocs. Each hook is a few lines around the pipeline."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from .content_links import EMBED, parse_options, rewrite_references
from .diagnostics import Diagnostic, format_one, summary_line
from .outputs.files import write_outputs
from .pipeline import Options, Result, compile, fewer_full_collections
from .preview import Session
from .preview.site import CACHED_TEMPLATE, CACHED_TEMPLATE_SOURCE, PreviewCache, fingerprint
from .render import Page
from .render.pageinfo import head_links, page_info
from .render.problems import problems_banner, with_banner
from .urls import record_path

log = logging.getLogger("mkdocs.plugins.briefing")
ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"
ASSET_FILES = ("briefing.css", "briefing.js", "print.css")


class BriefingConfig(Config):
    data_dir = c.Type(str, default="data")
    """Folder of YAML facts, relative to mkdocs.yml."""

    templates_dir = c.Optional(c.Type(str))
    """Folder of Jinja templates that override the built-in ones of the same name."""

    include_assets = c.Type(bool, default=True)
    """Add the plugin's stylesheet and table-sorting script to the site."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root = Path.cwd()
        self._session_gc = ExitStack()
        self._start(serving=False, dirty=False)

    def _start(self, *, serving: bool, dirty: bool) -> None:
        # MkDocs keeps this object across the rebuilds of one `mkdocs serve` (and, in one process, across
        # commands): everything a session learns starts empty here.
        self.serving = serving
        self.dirty = dirty
        self.result: Result | None = None  # the last good result
        self.problems: tuple[Diagnostic, ...] = ()  # while serving, the errors of the latest build, shown on pages
        self.problems_changed = False  # whether this build adds or removes the banner on every page
        # While previewing, pages that show no changed record are taken over from the last good build.
        self.session = Session[Result]() if serving else None
        self.pages: dict[str, Page] = {}
        self.fresh: set[str] = set()  # pages rendered anew by this build
        self.redraw_all = False  # whether this build changes what every page shares (navigation, configuration)
        self.files: Files | None = None
        self.preview = PreviewCache()
        self.page_keys: dict[str, str] = {}  # this build's key of each page that may be reused or stored
        self._search_mark: int | None = None  # length of the search index before the current page
        self._search_skipped: str | None = None  # the page whose indexing was skipped, to put its entries back

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._start(serving=command == "serve", dirty=dirty)
        if self.serving:
            self._session_gc.enter_context(fewer_full_collections())

    def on_shutdown(self) -> None:
        self._session_gc.close()
        self._start(serving=False, dirty=False)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if config.theme.name == "material" and str(THEME) not in config.theme.dirs:
            # Material partials the plugin fixes for accessibility (the search dialog's name); a site's own
            # custom_dir, which comes first, still wins.
            position = 1 if config.theme.custom_dir else 0
            config.theme.dirs.insert(position, str(THEME))
        if self.config.include_assets:
            for name, kind in (("briefing.css", config.extra_css), ("briefing.js", config.extra_javascript),
                               ("print.css", config.extra_css)):
                if f"assets/{name}" not in [str(x) for x in kind]:
                    kind.append(f"assets/{name}")
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Runs before MkDocs empties site/: a briefing with errors stops the build with the old site intact.
        templates = (self.root / self.config.templates_dir,) if self.config.templates_dir else ()
        options = Options(today=date.today(), directory_urls=config.use_directory_urls, template_dirs=templates,
                          docs_dir=Path(config.docs_dir))
        result = compile(self.root / self.config.data_dir, self.root, options, session=self.session)
        for diag in result.diagnostics:
            (log.error if diag.is_error else log.warning)(format_one(diag))
        problems = () if result.ok else tuple(result.diagnostics)
        self.problems_changed, self.problems = problems != self.problems, problems
        if not result.ok:
            message = f"the data has errors ({summary_line(result.diagnostics)}); fix them and the site will build"
            if not self.serving:
                raise PluginError(f"briefing: {message}")
            # MkDocs' live-reload loop would print a traceback and stop updating; serving the last good data
            # (or, on a first build, the hand-written pages alone) with the errors on every page keeps the
            # preview running while the editor fixes the file.
            log.error(f"briefing: {message}; the preview shows them on every page")
            return
        # Pages that look different from the last build (a page rendered anew may come out the same).
        self.fresh = {page.src_uri for page in result.pages if not _looks_the_same(self.pages.get(page.src_uri), page)}
        self.result = result
        self.pages = {page.src_uri: page for page in result.pages}

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Collisions with hand-written pages were reported (BR303) before the build started.
        for page in self.pages.values():
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content=_stub(page), inclusion=inclusion)
            if self.serving and self.dirty:
                # `mkdocs serve --dirty` rebuilds only modified files: a generated page is modified when it was
                # rendered anew, which the plugin knows better than file times.
                file.is_modified = partial(self._modified, page.src_uri)  # type: ignore[method-assign]
            files.append(file)
        if self.serving and self.dirty:
            for file in files.documentation_pages():
                if file.abs_src_path and file.src_uri not in self.pages:
                    # A page whose blocks may have changed is always rebuilt, any other when its file is newer.
                    shows_data = _shows_data(Path(file.abs_src_path))
                    file.is_modified = partial(  # type: ignore[method-assign]
                        self._modified, file.src_uri, (lambda: True) if shows_data else file.is_modified)
        self.files = files
        if self.config.include_assets:
            for name in ASSET_FILES:
                if files.get_file_from_path(f"assets/{name}") is None:
                    files.append(File.generated(config, f"assets/{name}", abs_src_path=str(ASSETS / name)))
        return files

    def _modified(self, src_uri: str, by_file: Callable[[], bool] | None = None) -> bool:
        """Whether ``serve --dirty`` must rebuild a page: when it changed, or when every page must be redrawn
        (a new navigation or configuration, which MkDocs' own --dirty would leave stale on unchanged pages)."""
        return self.redraw_all or (by_file() if by_file is not None else src_uri in self.fresh)

    def on_pre_page(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> MkDocsPage:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            # The page is finished HTML, put in by on_page_content: MkDocs' render would only build a Markdown
            # converter (with every extension) to convert nothing, a tenth of a plain preview rebuild.
            page.render = partial(_render_generated, page, generated)  # type: ignore[method-assign]
        return page

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # Generated pages are already HTML; giving Markdown nothing to do keeps data out of its reach.
        if page.file.src_uri in self.pages:
            return ""
        if self.result is None or self.result.renderer is None:
            return markdown
        renderer = self.result.renderer
        return rewrite_references(
            markdown, lambda record, anchor: renderer.urls.href(page.file.src_uri, record_path(record), anchor),
            renderer.corpus.by_id)

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        html = self._content(html, page)
        if self.serving and "template" not in page.meta:
            key = fingerprint(page.title, html, [(t.level, t.id, t.title) for t in page.toc.items], page.meta)
            self.page_keys[page.file.src_uri] = key
            if self.preview.lookup(page.file.src_uri, key) is not None:
                page.meta["template"] = CACHED_TEMPLATE
        return html

    def _content(self, html: str, page: MkDocsPage) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.toc = get_toc([
                {"level": t.level, "id": t.id, "name": t.title, "children": []} for t in generated.toc
            ])
            return generated.html + self._page_info(page.file.src_uri)
        renderer = self.result.renderer if self.result else None
        if renderer is None:
            return html
        # Blocks were checked with the page (BR302) before the build started.
        html = EMBED.sub(lambda m: renderer.embed(m["name"], page.file.src_uri, parse_options(m["options"])), html)
        return renderer.glossary.apply(html)[0] + self._page_info(page.file.src_uri)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self.serving:
            # Every page shows the navigation and is shaped by mkdocs.yml: either changing redraws them all.
            config_text = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
            self.redraw_all = self.preview.begin(fingerprint(_nav_signature(nav.items), config_text, config.theme.dirs),
                                                 (f.src_uri for f in files.documentation_pages()))
            self.redraw_all |= self.problems_changed  # the errors banner appears on, or leaves, every page
            self.page_keys = {}
        return nav

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serving and self.dirty:
            # Pages that --dirty did not read have no title, and the navigation of every rebuilt page would
            # show "None" for them: give them back the title they had.
            for file in files.documentation_pages():
                cached = self.preview.page(file.src_uri)
                if file.page is not None and file.page.content is None and cached is not None and cached.title:
                    file.page.title = cached.title
        if self.serving:
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({CACHED_TEMPLATE: CACHED_TEMPLATE_SOURCE}),
                                              env.loader or jinja2.DictLoader({})])
        return env

    @event_priority(100)  # before the search plugin, so that a reused page is not parsed again
    def _reuse_page(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig,
                    nav: Navigation) -> TemplateContext:
        index = _search_entries(config)
        self._search_mark = len(index) if index is not None else None
        if page.meta.get("template") == CACHED_TEMPLATE:
            cached = self.preview.lookup(page.file.src_uri, self.page_keys[page.file.src_uri])
            assert cached is not None
            context["briefing_cached_output"] = cached.output  # type: ignore[typeddict-unknown-key]
            self.preview.reused += 1
            if cached.search_entries is not None and "search" not in page.meta:
                page.meta["search"] = {"exclude": True}
                self._search_skipped = page.file.src_uri
        return context

    @event_priority(-100)  # after the search plugin: keep what it indexed, or put back what it skipped
    def _reuse_search(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig,
                      nav: Navigation) -> TemplateContext:
        index = _search_entries(config)
        key = self.page_keys.get(page.file.src_uri)
        if index is None or key is None or self._search_mark is None:
            return context
        if page.meta.get("template") == CACHED_TEMPLATE:
            cached = self.preview.lookup(page.file.src_uri, key)
            if cached is not None and cached.search_entries is not None and self._search_skipped == page.file.src_uri:
                del page.meta["search"]
                index.extend(cached.search_entries)
            self._search_skipped = None
        else:
            self.preview.entry(page.file.src_uri, key).search_entries = index[self._search_mark:]
        return context

    on_page_context = CombinedEvent(_reuse_page, _reuse_search)

    def _page_info(self, src_uri: str) -> str:
        # Every page ends with the information cutoff; record pages add when the record last changed.
        renderer = self.result.renderer if self.result else None
        return "" if renderer is None else page_info(renderer.corpus, renderer.urls, src_uri, renderer.history)

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        key = self.page_keys.get(page.file.src_uri)
        if key is not None and page.meta.get("template") != CACHED_TEMPLATE:
            entry = self.preview.entry(page.file.src_uri, key)
            entry.title = page.title
            # Under --dirty a generated page is only ever rebuilt with new content, so its output would never be
            # reused: keeping it would cost the preview about 45 KiB per page.
            if not (self.dirty and page.file.src_uri in self.pages):
                entry.output = output
            self.preview.rendered += 1
        output = with_banner(output, problems_banner(self.problems, self.result is not None))
        # Feed autodiscovery: a feed reader pointed at any page finds the Atom and JSON feeds.
        if self.result is None or self.result.corpus is None:
            return output
        links = head_links(page.url, self.result.corpus.briefing.title)
        return output.replace("</head>", links + "</head>", 1)

    @event_priority(100)  # before the search plugin writes its index
    def _complete_search_index(self, config: MkDocsConfig) -> None:
        """Under ``serve --dirty`` only rebuilt pages reach the search plugin, whose merge of the previous
        index expects a single changed page; give it the whole index instead, in the order of a full build."""
        if not (self.serving and self.dirty) or self.files is None:
            return
        search = _search_plugin(config)
        if search is None or not hasattr(search, "search_index_prev"):
            return
        entries: list[Any] = []
        for file in self.files.documentation_pages():
            cached = self.preview.page(file.src_uri)
            if cached is None or cached.search_entries is None:
                return  # not every page was indexed by this plugin: leave the search plugin to its own merge
            entries += cached.search_entries
        search.search_index.entries = entries
        search.search_index_prev = None

    def _write_outputs(self, config: MkDocsConfig) -> None:
        if self.serving:
            log.info(f"briefing: preview re-rendered {self.preview.rendered} pages, reused {self.preview.reused}")
        # briefing.json, csv/, rounds.ics and the feeds, from the same corpus as the pages.
        if self.result is not None and self.result.corpus is not None and self.result.renderer is not None:
            write_outputs(Path(config.site_dir), self.result.corpus, self.result.renderer.urls,
                          config.site_url or None)

    on_post_build = CombinedEvent(_complete_search_index, _write_outputs)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.root / self.config.data_dir))
        if self.config.templates_dir:
            server.watch(str(self.root / self.config.templates_dir))
        return server


def _looks_the_same(old: Page | None, new: Page) -> bool:
    return old is new or (old is not None and (old.title, old.html, old.toc, old.in_nav, old.searchable)
                           == (new.title, new.html, new.toc, new.in_nav, new.searchable))


def _render_generated(page: MkDocsPage, generated: Page, config: MkDocsConfig, files: Files) -> None:
    """What ``Page.render`` leaves for a generated page; its anchors let MkDocs check links to them."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set(generated.anchors)
    page.links_to_anchors = {}


def _shows_data(path: Path) -> bool:
    """Whether a hand-written page has [[id]] references or briefing blocks (which change with the data)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return "[[" in text or "briefing:" in text


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, if the site uses it: the one whose index keeps a list of entries."""
    for plugin in config.plugins.values():
        if isinstance(getattr(getattr(plugin, "search_index", None), "entries", None), list):
            return plugin
    return None


def _search_entries(config: MkDocsConfig) -> list[Any] | None:
    search = _search_plugin(config)
    return None if search is None else search.search_index.entries


def _nav_signature(items: list[Any]) -> list[Any]:
    return [(type(item).__name__, item.title, getattr(item, "url", None), _nav_signature(item.children or []))
            for item in items]


def _stub(page: Page) -> str:
    # The title is already HTML-escaped (Material prints page titles as HTML); JSON strings are valid YAML.
    # A page that repeats the others (the print version) stays out of the search index altogether, so that
    # the search plugin need not parse it only to skip its content.
    search = "" if page.searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {json.dumps(page.title)}\n{search}---\n"
