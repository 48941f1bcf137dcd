"""The Markdown twin of a plugin-built briefing: the same pages as hand-written Markdown, built without the plugin.

This is what a user of mkdocs-gen-files or mkdocs-macros ends up building: one ``.md`` file per page that goes
through Python-Markdown, Material and the search plugin like any other page. It is made from one plugin build:
:func:`dump_build` builds the project with ``dump_hook.py`` added, which records every page's body HTML, and
:func:`write_twin` converts each body back into Markdown:

* headings become ``#``..``######`` with their ids kept by ``attr_list`` (``## Outcomes {: #outcomes }``), so
  cross-page anchors still resolve; paragraphs, lists, block quotes and code blocks become their Markdown forms;
  tables become pipe tables (the ``tables`` extension is added); definition lists become bullet lists;
* links become Markdown links to the target's ``.md`` file (or to the copied data file), so MkDocs resolves
  and validates them as it does for hand-written pages; emphasis, strong and code spans become Markdown;
* inline elements without a Markdown form (``span``, ``time``, ``abbr``, ``q``, ``button``) stay inline HTML,
  whose contents Markdown still processes; wrapper blocks (``article``, ``figure``, ``div``) are unwrapped;
  what has no Markdown form at all (the timeline's ``svg``, JSON-LD ``script``) stays a raw HTML block.

The data files the plugin writes (``briefing.json``, ``csv/``, feeds) and its assets are copied into the twin's
docs folder, and ``mkdocs.yml`` is the plugin project's without the ``briefing`` plugin, with the same theme,
navigation, stylesheets and scripts.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import yaml

from benchmarks.dump_hook import DUMP_VARIABLE
from briefing.urls import Urls
from tests.helpers import VOID_TAGS, Element, mkdocs_env, parse_html

HOOK = Path(__file__).resolve().parent / "dump_hook.py"
DUMP_CONFIG = "mkdocs.bench-dump.yml"
# Theme files and MkDocs' own outputs are produced by the twin's build too; everything else is copied.
_NOT_COPIED = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "search/", "sitemap.xml")

UNWRAP = frozenset({"article", "section", "div", "figure", "figcaption", "header", "footer", "nav", "aside",
                    "main", "details", "summary", "center", "address", "hgroup", "fieldset"})
RAW = frozenset({"svg", "script", "style", "form", "iframe", "canvas", "video", "noscript", "object", "math",
                 "template"})
BLOCK = UNWRAP | RAW | frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote",
                                  "pre", "hr", "menu"})
# Python-Markdown passes these through as raw blocks; other raw elements are wrapped in a <div>.
MARKDOWN_BLOCK_LEVEL = frozenset({"script", "style", "form", "iframe", "canvas", "video", "noscript", "object",
                                  "math"})
_SPACE = re.compile(r"\s+")
_ESCAPED = str.maketrans({"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
                          "&": "&amp;", "<": "&lt;", ">": "&gt;"})
_LIST_START = re.compile(r"^(-|\d+\.) ")
_LINE_START = re.compile(r"^(#|>|[-+=]\s|\d+[.)]\s)")


# --- the HTML tree (the tests' own parser: tests/helpers.py) ------------------------------------------


def _attributes(element: Element) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in element.attrs.items())


def serialize(node: Element | str, raw_text: bool = False) -> str:
    """HTML for a node (text inside ``script``/``style`` is written back as it was)."""
    if isinstance(node, str):
        return node if raw_text else escape(node, quote=False)
    inner = "".join(serialize(child, raw_text or node.tag in ("script", "style")) for child in node.children)
    if node.tag in VOID_TAGS:
        return f"<{node.tag}{_attributes(node)}>"
    return f"<{node.tag}{_attributes(node)}>{inner}</{node.tag}>"


def text_of(node: Element | str) -> str:
    return node if isinstance(node, str) else "".join(text_of(child) for child in node.children)


# --- links -----------------------------------------------------------------------------------------------


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives the page built from ``src_uri`` (the plugin's own rule)."""
    return Urls(directory_urls).url(src_uri)


class Links:
    """Turns the plugin's rendered hrefs back into links between source files."""

    def __init__(self, pages: Iterable[str], static: Iterable[str], directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls
        self.by_url = {page_url(src, directory_urls): src for src in pages}
        self.static = set(static)

    def convert(self, src_uri: str, href: str) -> str:
        if not href or re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.IGNORECASE) or href.startswith("#"):
            return href
        path, hash_mark, fragment = href.partition("#")
        here = page_url(src_uri, self.directory_urls)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        target = posixpath.normpath(posixpath.join(base, path))
        target = "" if target == "." else target
        wanted = [target + "/", target, target + "index.html"] if path.endswith("/") or not path else [target]
        found = next((self.by_url[u] for u in wanted if u in self.by_url), None)
        if found is None and target in self.static:
            found = target
        if found is None:
            return href
        relative = posixpath.relpath(found, posixpath.dirname(src_uri) or ".")
        return relative + hash_mark + fragment


# --- HTML to Markdown ------------------------------------------------------------------------------------


def _text(value: str) -> str:
    return _SPACE.sub(" ", value).translate(_ESCAPED)


def _code_span(value: str) -> str:
    value = _SPACE.sub(" ", value)
    longest = max((len(m) for m in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {value} " if value.startswith("`") or value.endswith("`") or longest else value
    return f"{fence}{padded}{fence}"


def _wrap(marker: str, inner: str) -> str:
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return f"{lead}{marker}{stripped}{marker}{trail}"


class Converter:
    """Markdown for one page's body HTML."""

    def __init__(self, src_uri: str, links: Links) -> None:
        self.src_uri = src_uri
        self.links = links

    def convert(self, html: str) -> str:
        blocks = self.blocks(parse_html(html).children)
        return "\n\n".join(b for b in blocks if b.strip()) + "\n"

    # inline

    def inline(self, nodes: Iterable[Element | str], in_table: bool = False) -> str:
        out = "".join(self._inline(node, in_table) for node in nodes)
        return out.replace("|", "\\|") if in_table else out

    def _inline(self, node: Element | str, in_table: bool) -> str:
        if isinstance(node, str):
            return _text(node)
        tag = node.tag
        if tag == "a" and "headerlink" in node.attrs.get("class", "").split():
            return ""  # the toc extension adds its own permalink
        if tag == "a":
            label = self.inline(node.children).strip() or _text(node.attrs.get("href", ""))
            href = self.links.convert(self.src_uri, node.attrs.get("href", ""))
            title = node.attrs.get("title")
            title_part = ' "{}"'.format(title.replace('"', "&quot;")) if title else ""
            classes = node.attrs.get("class", "").split()
            attr = "{: " + " ".join(f".{c}" for c in classes) + " }" if classes else ""
            return f"[{label}](<{href}>{title_part}){attr}" if " " in href else f"[{label}]({href}{title_part}){attr}"
        if tag in ("strong", "b"):
            return _wrap("**", self.inline(node.children))
        if tag in ("em", "i"):
            return _wrap("*", self.inline(node.children))
        if tag == "code":
            return _code_span(text_of(node))
        if tag == "br":
            return "<br>"
        if tag == "img":
            return f"![{_text(node.attrs.get('alt', ''))}]({node.attrs.get('src', '')})"
        if tag in RAW:
            return serialize(node)
        if tag in BLOCK:  # a block inside inline content: keep its words
            return " " + self.inline(node.children) + " "
        return f"<{tag}{_attributes(node)}>{self.inline(node.children)}</{tag}>"

    # blocks

    def blocks(self, nodes: Iterable[Element | str]) -> list[str]:
        out: list[str] = []
        run: list[Element | str] = []

        def flush() -> None:
            paragraph = self.inline(run).strip()
            if paragraph:
                out.append(_protect_start(paragraph))
            run.clear()

        for node in nodes:
            if isinstance(node, Element) and node.tag in BLOCK:
                flush()
                out.extend(self.block(node))
            else:
                run.append(node)
        flush()
        return out

    def block(self, node: Element) -> list[str]:
        tag = node.tag
        if tag in UNWRAP:
            return self.blocks(node.children)
        if tag in RAW:
            raw = serialize(node)
            return [raw if tag in MARKDOWN_BLOCK_LEVEL else f"<div>{raw}</div>"]
        if tag == "p":
            text = _protect_start(self.inline(node.children).strip())
            return [text + _block_attrs(node)] if text else []
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            anchor = node.attrs.get("id")
            attrs = f" {{: #{anchor} }}" if anchor else ""
            return ["#" * int(tag[1]) + " " + self.inline(node.children).strip() + attrs]
        if tag in ("ul", "ol", "menu"):
            return [self.list_block(node)]
        if tag == "dl":
            return [self.definition_list(node)]
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(node.children))
            return ["\n".join(f"> {line}" if line else ">" for line in inner.splitlines())]
        if tag == "pre":
            code = text_of(node).rstrip("\n")
            longest = max((len(m) for m in re.findall(r"`{3,}", code)), default=2)
            fence = "`" * (longest + 1)
            return [f"{fence}\n{code}\n{fence}"]
        if tag == "table":
            return self.table(node)
        if tag == "hr":
            return ["* * *"]
        return self.blocks(node.children)

    def list_block(self, node: Element) -> str:
        items = [c for c in node.children if isinstance(c, Element) and c.tag == "li"]
        lines: list[str] = []
        for number, item in enumerate(items, 1):
            marker = f"{number}." if node.tag == "ol" else "-"
            parts = self.blocks(item.children) or [""]
            body, loose = parts[0], False
            for part in parts[1:]:  # a nested list stays tight; other blocks make the item loose
                nested = _LIST_START.match(part) is not None
                loose = loose or not nested
                body += ("\n" if nested else "\n\n") + part
            first, *rest = body.split("\n")
            lines.append(f"{marker} {first}".rstrip())
            lines.extend(f"    {line}" if line else "" for line in rest)
            if loose:
                lines.append("")
        return "\n".join(lines)

    def definition_list(self, node: Element) -> str:
        lines: list[str] = []
        for child in node.children:
            if not isinstance(child, Element) or child.tag not in ("dt", "dd"):
                continue
            if child.tag == "dt":
                lines.append(f"- **{self.inline(child.children).strip()}**:")
                continue
            if not lines:
                lines.append("-")
            parts = self.blocks(child.children)
            if len(parts) == 1 and "\n" not in parts[0]:
                lines[-1] += f" {parts[0]}"
            else:  # lists or paragraphs in the definition: nested under the item
                for part in parts:
                    lines.append("")
                    lines.extend(f"    {line}" if line else "" for line in part.splitlines())
                lines.append("")
        return "\n".join(lines).strip("\n")

    def table(self, node: Element) -> list[str]:
        rows: list[list[str]] = []
        header: list[str] | None = None
        before: list[str] = []
        for child in node.children:
            if not isinstance(child, Element):
                continue
            if child.tag == "caption":
                before.append(self.inline(child.children).strip())
                continue
            found = [child] if child.tag == "tr" else [r for r in child.children
                                                       if isinstance(r, Element) and r.tag == "tr"]
            for row in found:
                cells = [self.inline(c.children, in_table=True).strip() or " "
                         for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]
                if header is None and (child.tag == "thead" or all(
                        c.tag == "th" for c in row.children if isinstance(c, Element))):
                    header = cells
                else:
                    rows.append(cells)
        if header is None:
            header = rows.pop(0) if rows else [" "]
        width = max([len(header), *(len(r) for r in rows)])
        header += [" "] * (width - len(header))
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * width) + "|"]
        lines += ["| " + " | ".join(r + [" "] * (width - len(r))) + " |" for r in rows]
        return [*before, "\n".join(lines)]


def _protect_start(paragraph: str) -> str:
    """A paragraph that would start a heading, list or quote keeps its first character literal."""
    paragraph = "\n".join(line.strip() for line in paragraph.splitlines())
    return "\\" + paragraph if _LINE_START.match(paragraph) else paragraph


def _block_attrs(node: Element) -> str:
    classes = node.attrs.get("class", "").split()
    return "\n{: " + " ".join(f".{c}" for c in classes) + " }" if classes else ""


def to_markdown(html: str, src_uri: str, links: Links) -> str:
    return Converter(src_uri, links).convert(html)


# --- the twin project ------------------------------------------------------------------------------------


@dataclass
class Dump:
    pages: list[dict[str, str]]
    extra_css: list[str]
    extra_javascript: list[str]


def dump_build(project: Path, site_dir: Path, timeout: float = 1800) -> Dump:
    """``mkdocs build --strict`` of ``project`` with the recording hook; the pages as the plugin made them."""
    config = project / DUMP_CONFIG
    config.write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - {json.dumps(str(HOOK))}\n", encoding="utf-8")
    target = site_dir.parent / f"{site_dir.name}.dump.json"
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d",
                                 str(site_dir)], cwd=project, env={**mkdocs_env(), DUMP_VARIABLE: str(target)},
                                capture_output=True, text=True, timeout=timeout, check=False)
    finally:
        config.unlink()
    if result.returncode != 0:
        raise RuntimeError(f"plugin build failed:\n{result.stdout}{result.stderr}")
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    target.unlink()
    return Dump(data["pages"], data["extra_css"], data["extra_javascript"])


def _without_plugin(plugins: list[Any], name: str) -> list[Any]:
    kept = []
    for item in plugins:
        key = item if isinstance(item, str) else next(iter(item))
        if key != name:
            kept.append(item)
    return kept


def write_twin(project: Path, site_dir: Path, dump: Dump, twin: Path) -> int:
    """Write the Markdown twin of ``project`` (built into ``site_dir``) into ``twin``; returns its page count."""
    config: dict[str, Any] = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = twin / config.get("docs_dir", "docs")
    if twin.exists():
        shutil.rmtree(twin)
    docs.mkdir(parents=True)
    custom_dir = config.get("theme", {}).get("custom_dir")
    if custom_dir:
        shutil.copytree(project / custom_dir, twin / custom_dir)

    static: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        name = path.relative_to(site_dir).as_posix()
        if path.is_dir() or name.endswith(".html") or name.startswith(_NOT_COPIED):
            continue
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs / name)
        static.append(name)

    directory_urls = bool(config.get("use_directory_urls", True))
    links = Links((p["src_uri"] for p in dump.pages), static, directory_urls)
    for page in dump.pages:
        body = to_markdown(page["html"], page["src_uri"], links)
        target = docs / page["src_uri"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: {json.dumps(page['title'], ensure_ascii=False)}\n---\n\n{body}",
                          encoding="utf-8")

    config["plugins"] = _without_plugin(config.get("plugins", []), "briefing")
    extensions = config.setdefault("markdown_extensions", [])
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    for needed in ("tables", "attr_list"):
        if needed not in names:
            extensions.append(needed)
    config["extra_css"] = dump.extra_css
    config["extra_javascript"] = dump.extra_javascript
    # As the plugin does for its record pages: built, linked, kept out of the sidebar without a notice.
    config["not_in_nav"] = "/*/*.md\n"
    (twin / "mkdocs.yml").write_text("# The Markdown twin, written by benchmarks/twin.py: no briefing plugin.\n"
                                     + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=110),
                                     encoding="utf-8")
    return len(dump.pages)


def make_twin(project: Path, work: Path) -> tuple[Path, int]:
    """Build ``project`` once with the plugin and write its Markdown twin into ``work/markdown``."""
    site = work / "plugin-site"
    dump = dump_build(project, site)
    twin = work / "markdown"
    count = write_twin(project, site, dump, twin)
    return twin, count
