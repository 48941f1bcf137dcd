"""The one entry point shared by the MkDocs plugin and the CLI: data folder in, pages and diagnostics out.

``data/*.yml → load → parse (schema) → checks → corpus → render → pages``. Every step reports all it
finds; rendering happens only when no step found an error, so a broken edit never produces half a site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .checks import run_checks
from .corpus import Corpus, build_corpus
from .diagnostics import BriefingError, Diagnostic, Location, error, sorted_diagnostics, with_source_lines
from .loader import Document, find_files, load_file, unknown_file_diagnostic
from .parse import Parsed, parse
from .render import Page, Renderer, Urls


@dataclass(frozen=True)
class Options:
    today: date | None = None  # only the "held round in the future" check looks at the calendar
    directory_urls: bool = True
    template_dirs: tuple[Path, ...] = ()


@dataclass
class Result:
    diagnostics: list[Diagnostic]
    corpus: Corpus | None = None
    renderer: Renderer | None = None
    pages: list[Page] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def _load(data_dir: Path, root: Path) -> tuple[Document | None, dict[str, list[Document]], list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    if not data_dir.is_dir():
        name = data_dir.as_posix()
        diagnostics.append(error("BR009", f"data folder '{name}' does not exist", Location(name),
                                 hint="create it with one YAML file per collection, or set the plugin's "
                                 "'data_dir' option in mkdocs.yml"))
        return None, {}, diagnostics
    files = find_files(data_dir)
    diagnostics += [unknown_file_diagnostic(path, root) for path in files.unknown]
    briefing_doc = None
    documents: dict[str, list[Document]] = {}
    for name, path in [("briefing", files.briefing), *((n, p) for n, ps in files.collections.items() for p in ps)]:
        if path is None:
            continue
        try:
            document = load_file(path, root)
        except BriefingError as exc:
            diagnostics += exc.diagnostics
            continue
        if name == "briefing":
            briefing_doc = document
        else:
            documents.setdefault(name, []).append(document)
    return briefing_doc, documents, diagnostics


def validate(data_dir: Path, root: Path | None = None, options: Options | None = None) -> tuple[Parsed, Result]:
    """Load, parse and check the data; the result holds every diagnostic, sorted, with source lines."""
    options = options or Options()
    root = root if root is not None else data_dir.parent
    briefing_doc, documents, diagnostics = _load(data_dir, root)
    parsed = parse(briefing_doc, documents)
    diagnostics += parsed.diagnostics
    if briefing_doc is None or parsed.briefing is not None:
        diagnostics += run_checks(parsed, options.today or date.today())
    result = Result(with_source_lines(sorted_diagnostics(diagnostics), root))
    return parsed, result


def compile(data_dir: Path, root: Path | None = None, options: Options | None = None) -> Result:
    """Validate the briefing and, when it has no errors, render every generated page."""
    options = options or Options()
    parsed, result = validate(data_dir, root, options)
    if not result.ok or parsed.briefing is None:
        return result
    result.corpus = build_corpus(parsed.briefing, [entry.record for entry in parsed.entries])
    result.renderer = Renderer(result.corpus, Urls(options.directory_urls), options.template_dirs)
    result.pages = result.renderer.all_pages()
    return result
