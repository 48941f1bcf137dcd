"""The MkDocs plugin: the only package that imports MkDocs. Each hook hands its part of a build to a plain
function of the pipeline or the renderer, or, while serving, to the :class:`~.serving.ServeSession`.

``internals`` holds every reliance on MkDocs' and Material's internals, checked once in ``on_config``.
"""

from __future__ import annotations

import html
import json
import logging
from contextlib import ExitStack
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
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

from briefing.content_links import left_references, rewrite_references
from briefing.diagnostics import format_one, summary_line
from briefing.outputs.assets import asset_text, print_link
from briefing.outputs.files import write_outputs
from briefing.pipeline import Options, Result, compile, fewer_full_collections, history_notice
from briefing.render import Page
from briefing.render.pageinfo import head_links
from briefing.render.pages import CompiledTemplates
from briefing.render.problems import problems_banner, with_banner
from briefing.urls import record_path, source_link

from . import internals
from .navigation import NavigationCache
from .serving import ServeSession, nav_signature

THEME_TEMPLATES = CompiledTemplates()  # the theme's templates, compiled once per process
log = logging.getLogger("mkdocs.plugins.briefing")
ASSET_FILES = {"briefing.css": "extra_css", "briefing.js": "extra_javascript", "print.css": "head",
               "search.js": "extra_javascript"}


class BriefingConfig(Config):
    data_dir = c.Type(str, default="data")
    """Folder of YAML facts, relative to mkdocs.yml."""

    templates_dir = c.Optional(c.Type(str))
    """Folder of Jinja templates that override the built-in ones of the same name."""

    include_assets = c.Type(bool, default=True)
    """Add the plugin's stylesheet and table-sorting script to the site."""

    search_entries = c.Type(bool, default=True)
    """Hand the search plugin the entries of generated pages, instead of letting it read their HTML again."""

    partial_history = c.Choice(("info", "warn"), default="info")
    """How to report a build from a shallow git clone: an INFO line, or a warning (which fails --strict)."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # MkDocs keeps this object across the rebuilds of one `mkdocs serve` (and, in one process, across
        # commands): what a command learns starts empty in on_startup.
        self.root = Path.cwd()
        self.result: Result | None = None  # the last good result
        self.serve: ServeSession | None = None
        self.files: Files | None = None
        self.generated_files: dict[str, File] = {}
        self._section: MkDocsPage | None = None  # the collection page shown active while a record page renders
        self.support = internals.Support()
        self._handed: tuple[MkDocsPage, list[Any]] | None = None  # search entries of the page being rendered
        self._fold_in_file = False  # fold the written search index, the search plugin's entries not being there
        self._session_gc = ExitStack()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.result, self.serve = None, ServeSession(dirty) if command == "serve" else None
        if self.serve is not None:
            self._session_gc.enter_context(fewer_full_collections())

    def on_shutdown(self) -> None:
        if self.serve is not None:
            self.serve.wait_for_writes()
        self._session_gc.close()
        self.result = self.serve = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if "i18n" in config.plugins:
            raise PluginError(internals.I18N_MESSAGE)
        internals.add_theme_partials(config)
        if self.config.include_assets:
            for name, kind in ASSET_FILES.items():  # "head": linked by on_post_page (print.css, for print only)
                if kind != "head" and f"assets/{name}" not in [str(x) for x in getattr(config, kind)]:
                    getattr(config, kind).append(f"assets/{name}")
        self.support = internals.check(config, serving=self.serve is not None, handover=self.config.search_entries)
        if self.serve is not None:
            self.serve.support = self.support
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Runs before MkDocs empties site/: a briefing with errors stops the build with the old site intact.
        if self.serve is not None:
            self.serve.stop_writing()
        result = compile(self.root / self.config.data_dir, self.root, self._options(config),
                         session=self.serve.data if self.serve else None)
        for diag in result.diagnostics:
            (log.error if diag.is_error else log.warning)(format_one(diag))
        notice = history_notice(result)
        if notice and (self.serve is None or self.result is None):  # once per serve session
            (log.warning if self.config.partial_history == "warn" else log.info)(notice)
        if self.serve is not None:
            self.serve.built(result)
        if result.ok:
            self.result = result
            return
        message = f"the data has errors ({summary_line(result.diagnostics)}); fix them and the site will build"
        if self.serve is None:
            raise PluginError(f"briefing: {message}")
        # Serving the last good data (or, on a first build, the hand-written pages alone) with the errors on
        # every page keeps the preview running while the editor fixes the file.
        log.error(f"briefing: {message}; the preview shows them on every page")

    def _options(self, config: MkDocsConfig) -> Options:
        templates = (self.root / self.config.templates_dir,) if self.config.templates_dir else ()
        return Options(today=date.today(), directory_urls=config.use_directory_urls, template_dirs=templates,
                       docs_dir=Path(config.docs_dir), language=internals.theme_language(config))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Collisions with hand-written pages were reported (BR303) before the build started.
        listed = _nav_paths(config.nav)  # None: MkDocs makes the navigation, and lists what is in it
        self.generated_files = {}
        for page in self.result.pages if self.result else ():
            in_nav = page.in_nav and (listed is None or page.src_uri in listed)
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            if files.get_file_from_path(page.src_uri) is not None:  # put there by another plugin (gen-files)
                raise PluginError(_taken([page.src_uri]))
            self.generated_files[page.src_uri] = file = File.generated(
                config, page.src_uri, content=_stub(page, config.site_name), inclusion=inclusion)
            files.append(file)
        internals.make_pages([f for f in self.generated_files.values() if not f.inclusion.is_in_nav()], config,
                             self.support)
        if self.config.include_assets:
            for name in ASSET_FILES:
                if files.get_file_from_path(f"assets/{name}") is None:
                    files.append(File.generated(config, f"assets/{name}", content=asset_text(name)))  # minified
        if self.serve is not None:
            self.serve.decide_rebuilds(files)
        self.files = files
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        # Another plugin (gen-files) adding a page at a generated page's path replaces it without a word.
        taken = [src for src, file in self.generated_files.items() if files.get_file_from_path(src) is not file]
        if taken:
            raise PluginError(_taken(taken))
        if self.serve is not None:
            self.serve.begin_pages(nav_signature(nav.items), config, files)
        return nav

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Read by theme/partials/nav-item.html; a new build (a serve rebuild) starts with an empty cache.
        env.globals["briefing_navigation"] = NavigationCache()
        if env.bytecode_cache is None:  # MkDocs makes the theme's environment anew for every serve rebuild
            env.bytecode_cache = THEME_TEMPLATES
        if self.serve is not None:
            self.serve.theme_environment(env, files)
        return env

    def on_pre_page(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> MkDocsPage:
        generated = self._generated(page)
        if generated is not None and (self.serve is None or self.serve.support.page_render):
            internals.skip_render(page, generated.anchors)
        return page

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # Generated pages are already HTML; giving Markdown nothing to do keeps data out of its reach.
        if self._generated(page) is not None:
            return ""
        renderer = self.result.renderer if self.result else None
        if renderer is None:
            return markdown
        renderer.urls.served_at(page.file.src_uri, page.url)  # where the page really is, wherever it came from
        rewritten = rewrite_references(markdown, lambda record, anchor: source_link(
            page.file.src_uri, record_path(record), anchor), renderer.corpus.by_id)
        for problem in left_references(rewritten, page.file.src_uri):
            log.warning(problem)  # text another plugin put in (macros, include-markdown): fails a strict build
        return rewritten

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        renderer = self.result.renderer if self.result else None
        if renderer is None:
            return html
        generated = self._generated(page)
        if generated is not None:
            page.toc = get_toc([{"level": t.level, "id": t.id, "name": t.title, "children": []}
                                for t in generated.toc])
        html = renderer.page_content(page.file.src_uri, html)
        if self.serve is not None:
            self.serve.offer_cached(page, html)
        return html

    @event_priority(100)  # before the search plugin, so that a reused page is not parsed again
    def _before_search(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig,
                       nav: Navigation) -> TemplateContext:
        self._section = internals.section_of(page, self.files) if self._generated(page) is not None else None
        if self._section is not None:
            self._section.active = True  # MkDocs makes it inactive again with the page: see on_post_page
        # theme/partials/nav-item.html puts the record's table of contents under it (MkDocs' context has no
        # key for a plugin's own values, hence the ignore)
        context["briefing_section"] = self._section  # type: ignore[typeddict-unknown-key]
        if self.serve is not None:
            self.serve.before_search(context, page, config)
        generated = self._generated(page)
        if generated is not None and page.content is not None:  # the search plugin need not read it again
            entries = internals.hand_over(config, self.support, page, page.content,
                                          str(page.meta.get("title", page.title)))
            self._handed = (page, entries) if entries is not None else None
        return context

    @event_priority(-100)  # after the search plugin: keep what it indexed, or put back what it skipped
    def _after_search(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig,
                      nav: Navigation) -> TemplateContext:
        if self._handed is not None and self._handed[0] is page:
            internals.add_entries(config, page, self._handed[1])
        self._handed = None
        if self.serve is not None:
            self.serve.after_search(page, config)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        if self._section is not None:
            self._section.active, self._section = False, None
        if self.serve is not None:
            self.serve.keep_output(page, output)  # as the theme made it, before the banner
            output = with_banner(output, problems_banner(self.serve.problems, self.result is not None))
        head = print_link(page.url) if self.config.include_assets else ""
        corpus = self.result.corpus if self.result else None
        if corpus is not None:
            # Feed autodiscovery (a feed reader pointed at any page finds the feeds), a record's structured data.
            generated = self._generated(page)
            head += head_links(page.url, corpus.briefing.title) + (generated.head if generated is not None else "")
        return output.replace("</head>", head + "</head>", 1) if head else output  # one pass over the page

    @event_priority(100)  # before the search plugin writes its index
    def _complete_search_index(self, config: MkDocsConfig) -> None:
        if self.serve is not None:
            self.serve.complete_search_index(config, self.files)
        # Persian as any keyboard types it, in the index as in the query (assets/search.js).
        self._fold_in_file = self.config.include_assets and not internals.normalise_index(config, self.support)

    @event_priority(-100)  # after the search plugin wrote its index
    def _fold_search_index_file(self, config: MkDocsConfig) -> None:
        if self._fold_in_file:
            internals.normalise_index_file(config)

    def _write_outputs(self, config: MkDocsConfig) -> None:
        if self.serve is not None:
            log.info(self.serve.summary())
        # briefing.json, csv/, rounds.ics and the feeds, from the same corpus as the pages.
        if self.result is not None and self.result.corpus is not None and self.result.renderer is not None:
            write = partial(write_outputs, Path(config.site_dir), self.result.corpus, self.result.renderer.urls,
                            config.site_url or None)
            if self.serve is not None:
                self.serve.write_later(write)
            else:
                write()

    on_post_build = CombinedEvent(_complete_search_index, _write_outputs, _fold_search_index_file)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.root / self.config.data_dir))
        if self.config.templates_dir:
            server.watch(str(self.root / self.config.templates_dir))
        return server

    def _generated(self, page: MkDocsPage) -> Page | None:
        return self.result.renderer.pages.get(page.file.src_uri) if self.result and self.result.renderer else None


def _taken(paths: list[str]) -> str:
    return ("briefing: error[BR303]: another plugin put a page in the place of a generated page: " + ", ".join(paths)
            + "; generated pages own that path: rename or move the other page")


def _nav_paths(nav: Any) -> set[str] | None:
    """The pages a site's own ``nav`` lists; a generated page it leaves out is not in the navigation on
    purpose, and MkDocs need not say so on every build."""
    if nav is None:
        return None
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


TITLE_LIMIT = 70  # "title - site name" in the <title>: longer ones are cut in search results and tabs


def short_title(title: str, site_name: str, limit: int = TITLE_LIMIT) -> str:
    """``title`` (HTML-escaped), cut after a word with "…" when "title - site name" would pass ``limit``;
    the page's <h1> keeps the whole title."""
    text = html.unescape(title)
    room = max(limit - len(" - ") - len(site_name), 20)
    if len(text) <= room:
        return title
    head = text[:room]
    head = head.rsplit(" ", 1)[0] if " " in head else head[:-1]
    return str(escape(head.rstrip(" ,;:.–—-…“‘(") + "…"))


def _stub(page: Page, site_name: str) -> str:
    # The title is already HTML-escaped (Material prints page titles as HTML); JSON strings are valid YAML.
    # A page that repeats the others (the print version) stays out of the search index altogether, so that
    # the search plugin need not parse it only to skip its content.
    search = "" if page.searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {json.dumps(short_title(page.title, site_name))}\n{search}---\n"
