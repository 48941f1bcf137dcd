"""Shared helpers: run the real MkDocs, read built pages as a small element tree, check every internal link."""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FICTIONAL = TESTS / "fictional"
CONTESTED = TESTS / "contested"  # many sources that disagree, rounds that move, reports later denied

VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr"})


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_mkdocs(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real ``mkdocs`` command line, as a user would, and capture what it prints."""
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=mkdocs_env(),
                          capture_output=True, text=True, timeout=timeout, check=False)


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``project/mkdocs.yml`` into ``site_dir``."""
    return run_mkdocs("build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), cwd=project)


def built_site(project: Path, site_dir: Path) -> Path:
    """``build_site``, asserting that the strict build succeeded; returns the site folder."""
    result = build_site(project, site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}"
    return site_dir


# A hook that runs after the plugin's on_env (MkDocs runs hooks after plugins) and takes the navigation cache
# away, so the theme renders every item for every page as Material does; it fails if there was none to take.
_WITHOUT_NAVIGATION_CACHE = """\
def on_env(env, config, files):
    assert type(env.globals["briefing_navigation"]).__name__ == "NavigationCache"
    env.globals["briefing_navigation"] = None
    return env
"""


def pages_unlike_uncached_navigation(project: Path, site: Path) -> list[str]:
    """Build ``project`` again, beside ``site`` (its build), with every navigation item rendered for every
    page; the pages of ``site`` that differ from that build, or that only one of them has."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    (project / "no_navigation_cache.py").write_text(_WITHOUT_NAVIGATION_CACHE, encoding="utf-8")
    config.write_text(text + "hooks:\n  - no_navigation_cache.py\n", encoding="utf-8")
    try:
        plain = built_site(project, site.with_name(site.name + "-uncached"))
    finally:
        config.write_text(text, encoding="utf-8")
    pages = {path.relative_to(plain) for path in plain.rglob("*.html")}
    others = {path.relative_to(site) for path in site.rglob("*.html")}
    return sorted(str(path) for path in pages ^ others) + sorted(
        str(path) for path in pages & others if (site / path).read_bytes() != (plain / path).read_bytes())


def copy_project(source: Path, target: Path) -> Path:
    """A copy of a briefing project (mkdocs.yml, content/, data/) that a test may edit; of the repository, its
    git history comes along, but not the virtual environment or the browser tests' packages."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site", "__pycache__", ".venv", "node_modules",
                                                                  ".*_cache"))
    return target


# --- a small element tree ----------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        return [
            el for el in self.iter()
            if (tag is None or el.tag == tag) and (cls is None or cls in el.classes)
            and all(el.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> with class={cls!r} {attrs} in <{self.tag}>"
        return found[0]

    def text(self) -> str:
        """The text a reader sees, with runs of whitespace collapsed: without the words that are there for
        assistive technology only (``br-sr-only``; read them with ``find_all(cls="br-sr-only")``)."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children
                 if isinstance(c, str) or "br-sr-only" not in c.classes]
        return " ".join("".join(parts).split())

    def links(self) -> list[str]:
        return [a.attrs["href"] for a in self.find_all("a") if "href" in a.attrs]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def page(site: Path, path: str) -> Element:
    """The built page at ``path`` (relative to the site), parsed."""
    file = site / path
    assert file.is_file(), f"the site has no page {path}"
    return parse_html(file.read_text(encoding="utf-8"))


def content(site: Path, path: str) -> Element:
    """The main content of a built page: what the page shows besides Material's header, nav and footer."""
    return page(site, path).find("article", cls="md-content__inner")


def facts(element: Element) -> dict[str, str]:
    """The ``<dl class="br-facts">`` label → value pairs of a record page, as text."""
    dl = element.find("dl", cls="br-facts")
    labels = [dt.text() for dt in dl.find_all("dt")]
    values = [dd.text() for dd in dl.find_all("dd")]
    return dict(zip(labels, values, strict=True))


# --- link checking ------------------------------------------------------------------------------------


def _target_file(site: Path, page_path: str, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    base = posixpath.dirname(page_path)
    if not parts.path:
        return site / page_path, unquote(parts.fragment)
    # Root-relative links (MkDocs writes them on 404.html) assume the site is served at the root.
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path))).lstrip("/")
    target = site / joined
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """Every internal ``href`` in every built page that points to no file, or to no element id on that page."""
    ids: dict[Path, set[str]] = {}

    def ids_of(file: Path) -> set[str]:
        if file not in ids:
            tree = parse_html(file.read_text(encoding="utf-8"))
            ids[file] = {el.attrs["id"] for el in tree.iter() if "id" in el.attrs}
            ids[file] |= {el.attrs["name"] for el in tree.iter() if "name" in el.attrs}
        return ids[file]

    broken = []
    for html_file in sorted(site.rglob("*.html")):
        page_path = html_file.relative_to(site).as_posix()
        tree = parse_html(html_file.read_text(encoding="utf-8"))
        for element in tree.iter():
            href = element.attrs.get("href")
            if element.tag not in ("a", "link") or href is None:
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("//"):
                continue
            target, fragment = _target_file(site, page_path, href)
            if not target.is_file():
                broken.append(f"{page_path}: {href} -> no file {os.path.relpath(target, site)}")
            elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                broken.append(f"{page_path}: {href} -> no id '{fragment}'")
    return broken
