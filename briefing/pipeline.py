"""The one entry point shared by the MkDocs plugin and the CLI: data folder in, pages and diagnostics out.

``data/*.yml → load → parse (schema) → checks → corpus → render → pages``. Every step reports all it
finds; rendering happens only when no step found an error, so a broken edit never produces half a site.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import run_checks
from .content_links import check_page, markdown_pages
from .corpus import Corpus, build_corpus
from .diagnostics import BriefingError, Diagnostic, Location, error, sorted_diagnostics, with_source_lines
from .loader import Document, find_files, load_file, relative_name, unknown_file_diagnostic
from .model import BRIEFING_FILE, Record
from .preview import Session, changes_between
from .preview.documents import DocumentCache
from .urls import record_path
from .validation import Parsed, parse

if TYPE_CHECKING:
    from .render import Page, Renderer


@contextmanager
def fewer_full_collections() -> Iterator[None]:
    """Make Python's full garbage collections rare: for a check or build, and for a whole preview session.

    Loading a briefing creates millions of long-lived objects (values, positions, records), and a preview
    process also holds the last build's pages; every full collection walks them all, and the growth triggers
    many. At 5,000 records that was 30% of `briefing check` and a third of a preview rebuild. Young objects,
    where the short-lived cycles are, are still collected as usual.
    """
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, max(full, 1000))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


@dataclass(frozen=True)
class Options:
    today: date | None = None  # only the "held round in the future" check looks at the calendar
    directory_urls: bool = True
    template_dirs: tuple[Path, ...] = ()
    docs_dir: Path | None = None  # hand-written pages, checked for [[id]] references and blocks
    language: str | None = None  # the reader's (theme.language, when set); else the briefing's


@dataclass
class Result:
    diagnostics: list[Diagnostic]
    corpus: Corpus | None = None
    renderer: Renderer | None = None
    pages: list[Page] = field(default_factory=list)
    render_key: str = ""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Loaded:
    briefing: Document | None = None
    collections: dict[str, list[Document]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # collections with a file that could not be read
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _load(data_dir: Path, root: Path, documents: DocumentCache | None) -> _Loaded:
    loaded = _Loaded()
    if not data_dir.is_dir():
        name = data_dir.as_posix()
        loaded.diagnostics.append(error("BR009", f"data folder '{name}' does not exist", Location(name),
                                        hint="create it with one YAML file per collection, or set the plugin's "
                                        "'data_dir' option in mkdocs.yml"))
        loaded.unreadable.add(BRIEFING_FILE)  # BR009 says it all
        return loaded
    files = find_files(data_dir)
    loaded.diagnostics += [unknown_file_diagnostic(path, root) for path in files.unknown]
    for name, path in [(BRIEFING_FILE, files.briefing), *((n, p) for n, ps in files.collections.items() for p in ps)]:
        if path is None:
            continue
        try:
            document = documents.load(path, root) if documents is not None else load_file(path, root)
        except BriefingError as exc:
            loaded.diagnostics += exc.diagnostics
            loaded.unreadable.add(name)
            continue
        if name == BRIEFING_FILE:
            loaded.briefing = document
        else:
            loaded.collections.setdefault(name, []).append(document)
    return loaded


def validate(data_dir: Path, root: Path | None = None, options: Options | None = None,
             documents: DocumentCache | None = None) -> tuple[Parsed, Result]:
    """Load, parse and check the data; the result holds every diagnostic, sorted, with source lines."""
    options = options or Options()
    root = root if root is not None else data_dir.parent
    loaded = _load(data_dir, root, documents)
    diagnostics = loaded.diagnostics
    parsed = parse(loaded.briefing, loaded.collections)
    parsed.unreadable = loaded.unreadable
    diagnostics += parsed.diagnostics
    diagnostics += run_checks(parsed, options.today or date.today(),
                              relative_name(data_dir / f"{BRIEFING_FILE}.yml", root))
    result = Result(with_source_lines(sorted_diagnostics(diagnostics), root))
    return parsed, result


def compile(data_dir: Path, root: Path | None = None, options: Options | None = None, *,
            render: bool = True, session: Session[Result] | None = None) -> Result:
    """Validate the briefing and, when it has no errors, render every generated page.

    ``render=False`` checks without rendering (``briefing check``). A ``session`` (``mkdocs serve``) makes
    each build reuse what the one before it did for records that did not change, and keeps what the next can.
    """
    with fewer_full_collections():
        return _compile(data_dir, root, options or Options(), render, session)


def _compile(data_dir: Path, root: Path | None, options: Options, render: bool,
             session: Session[Result] | None) -> Result:
    previous = session.last_good if session is not None else None
    parsed, result = validate(data_dir, root, options, session.documents if session is not None else None)
    if not result.ok or parsed.briefing is None:
        return result
    result.corpus = build_corpus(parsed.briefing, [entry.record for entry in parsed.entries])
    # The modules for pages are imported only here (they cost a `briefing check` a fifth of its time when imported
    # on start): a check of broken data never gets this far, and a check gets here only for the hand-written pages
    # (_check_pages), which need the renderer's page paths and record pages, but not the files' summary (for the
    # "Data & feeds" page alone, and the one user of icalendar) nor the git history.
    from .i18n import load_translator  # noqa: PLC0415 - pages only, see above
    from .render import Renderer, Urls  # noqa: PLC0415 - pages only, see above

    files = history = None
    if render:
        from .git_history import load_history  # noqa: PLC0415 - builds only, see above
        from .outputs.files import files_summary  # noqa: PLC0415 - builds only, see above

        files = files_summary(result.corpus)
        # git, for "What changed" and "last changed": only pages need it, not a check.
        # While serving, a data file with uncommitted edits is compared with HEAD as the build just read it.
        top = root if root is not None else data_dir.parent
        working = partial(session.documents.load, root=top) if session is not None else None
        history = load_history(data_dir, result.corpus.by_id, working=working)
    language = options.language or result.corpus.briefing.language
    result.render_key = _render_key(options, language, data_dir)
    changes = None
    if previous is not None and previous.corpus is not None and previous.render_key == result.render_key:
        changes = changes_between(previous.corpus, result.corpus)
    result.renderer = Renderer(result.corpus, Urls(options.directory_urls), options.template_dirs, history,
                               files=files, previewing=session is not None,
                               previous=previous.renderer if previous is not None else None, changes=changes,
                               translator=load_translator(language, data_dir))
    try:
        if render:
            result.pages = result.renderer.all_pages()
        if options.docs_dir is not None:
            root = root if root is not None else data_dir.parent
            result.diagnostics += with_source_lines(_check_pages(options.docs_dir, root, result), root)
    except BriefingError as exc:
        result.diagnostics += exc.diagnostics
    if session is not None and render and result.ok:
        session.last_good = result
    return result


SHALLOW_NOTICE = ("briefing: the site is built from a shallow git clone, so records changed before its oldest "
                  "commit have no \"last changed\" date and \"What changed\" starts there; fetch the whole "
                  "history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)")


def history_notice(result: Result) -> str | None:
    """What to tell the builder about the git history behind the pages, when it is only partly there."""
    history = result.renderer.history if result.renderer is not None else None
    return SHALLOW_NOTICE if history is not None and history.shallow else None


def _render_key(options: Options, language: str = "en", data_dir: Path | None = None) -> str:
    """What shapes every page besides the data: URLs, the template overrides (edited during serve) and the
    language of the labels, with the briefing's own translations."""
    templates = sorted((str(p), p.stat().st_mtime_ns) for d in options.template_dirs if d.is_dir()
                       for p in d.rglob("*") if p.is_file())
    from .i18n import catalogue_paths  # noqa: PLC0415 - pages only, as in _compile

    labels = [(str(p), p.stat().st_mtime_ns) for p in catalogue_paths(language, data_dir)]
    return repr((options.directory_urls, [str(d) for d in options.template_dirs], templates, language, labels))


def _check_pages(docs_dir: Path, root: Path, result: Result) -> list[Diagnostic]:
    """References, blocks and path collisions in the hand-written pages (BR300-BR303)."""
    assert result.corpus is not None
    assert result.renderer is not None
    renderer = result.renderer
    rendered = {page.src_uri: page for page in result.pages}
    generated = set(renderer.page_paths())
    anchors: dict[str, frozenset[str]] = {}

    def page_anchors(record: Record) -> frozenset[str]:
        # Without a full render (briefing check), only the pages that [[id#anchor]] names are rendered.
        if record.id not in anchors:
            page = rendered.get(record_path(record)) or renderer.record_page(record)
            anchors[record.id] = page.anchors
        return anchors[record.id]

    found: list[Diagnostic] = []
    for src_uri, path in markdown_pages(docs_dir):
        name = relative_name(path, root)
        if src_uri in generated:
            found.append(error("BR303", f"{name} is in the place of a generated page", Location(name),
                               hint="generated pages own that path; rename or move the hand-written page"))
            continue
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        found += check_page(text, name, result.corpus.by_id, page_anchors)
    return sorted_diagnostics(found)
