"""Links and blocks in hand-written pages: ``[[id]]`` references and ``<!-- briefing:NAME … -->`` embeds.

Scanning skips fenced code blocks and inline code spans, so documentation can show the syntax literally.
The same scan serves checking (``briefing check`` and the build, before anything is written) and rewriting
(the plugin, page by page).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Location, error
from .model import Record

REFERENCE = re.compile(r"\[\[(?P<id>[^\[\]|#\n]*?)(?:#(?P<anchor>[^\[\]|\n]*?))?(?:\|(?P<label>[^\[\]]*?))?\]\]")
EMBED = re.compile(r"<!--\s*briefing:(?P<name>[\w-]*)(?P<options>[^>]*?)\s*-->")
_OPTION = re.compile(r"([a-z_]+)=([a-z0-9-]+)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")

# Each block, the options it takes, and which collection an option's id must belong to.
EMBED_OPTIONS: dict[str, dict[str, str]] = {
    "status": {},
    "timeline": {},
    "matrix": {"issue": "issues", "party": "parties"},
    "quote": {"id": "quotes"},
    "round": {"id": "rounds"},
}
REQUIRED_OPTIONS = {"quote": ("id",), "round": ("id",)}
# Markdown still reads the text between the tags of inline HTML: numeric entities keep it inert.
_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|~=^:<>&\"'")


@dataclass(frozen=True)
class Found:
    """One reference or embed in a page, with where it starts (1-based line and column)."""

    kind: str  # "reference" or "embed"
    start: int
    end: int
    line: int
    col: int
    target: str = ""
    anchor: str = ""
    label: str | None = None
    name: str = ""
    options: Mapping[str, str] = field(default_factory=dict)
    raw_options: str = ""


def parse_options(text: str) -> dict[str, str]:
    return dict(_OPTION.findall(text))


def _literal_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks and inline code spans."""
    spans: list[tuple[int, int]] = []
    offset = 0
    fence: str | None = None
    fence_start = 0
    prose_start = 0
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            spans += [(prose_start + m.start(), prose_start + m.end())
                      for m in _CODE_SPAN.finditer(text, prose_start, offset)]
            fence, fence_start = match.group(1), offset
        elif fence is not None and match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            spans.append((fence_start, offset + len(line)))
            fence = None
            prose_start = offset + len(line)
        offset += len(line)
    if fence is not None:
        spans.append((fence_start, offset))
    else:
        spans += [(m.start(), m.end()) for m in _CODE_SPAN.finditer(text, prose_start)]
    return spans


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def scan(text: str) -> list[Found]:
    literal = _literal_spans(text)

    def in_code(index: int) -> bool:
        return any(start <= index < end for start, end in literal)

    found = []
    for match in REFERENCE.finditer(text):
        if not in_code(match.start()):
            line, col = _position(text, match.start())
            found.append(Found("reference", match.start(), match.end(), line, col, match["id"].strip(),
                               (match["anchor"] or "").strip(), match["label"]))
    for match in EMBED.finditer(text):
        if not in_code(match.start()):
            line, col = _position(text, match.start())
            options = parse_options(match["options"])
            found.append(Found("embed", match.start(), match.end(), line, col, name=match["name"], options=options,
                               raw_options=match["options"].strip()))
    return sorted(found, key=lambda f: f.start)


def check_page(text: str, file: str, records: Mapping[str, Record],
               anchors: Callable[[Record], AbstractSet[str]]) -> Iterator[Diagnostic]:
    """Every problem with the references and embeds of one page (BR300-BR302)."""
    for item in scan(text):
        where = Location(file, item.line, item.col)
        if item.kind == "reference":
            record = records.get(item.target)
            if record is None:
                close = difflib.get_close_matches(item.target, list(records), n=1, cutoff=0.6)
                yield error("BR300", f"unknown id '{item.target}' in [[…]]", where,
                            hint="[[id]] links to the page of the record with that id; ids are listed on each "
                            "section page", suggestion=close[0] if close else "")
            elif item.anchor and item.anchor not in anchors(record):
                yield error("BR301", f"the page of '{item.target}' has no anchor '#{item.anchor}'", where,
                            hint="anchors on that page: " + ", ".join(sorted(anchors(record))))
            continue
        yield from _check_embed(item, where, records)


def _check_embed(item: Found, where: Location, records: Mapping[str, Record]) -> Iterator[Diagnostic]:
    allowed = EMBED_OPTIONS.get(item.name)
    if allowed is None:
        close = difflib.get_close_matches(item.name, list(EMBED_OPTIONS), n=1)
        yield error("BR302", f"unknown block 'briefing:{item.name}'", where,
                    hint="blocks: " + ", ".join(EMBED_OPTIONS), suggestion=close[0] if close else "")
        return
    leftover = _OPTION.sub("", item.raw_options).strip()
    if leftover:
        yield error("BR302", f"cannot read '{leftover}' in block 'briefing:{item.name}'", where,
                    hint="options are written name=id, e.g. <!-- briefing:matrix issue=uranium-enrichment -->")
    for option in REQUIRED_OPTIONS.get(item.name, ()):
        if option not in item.options:
            yield error("BR302", f"block 'briefing:{item.name}' needs {option}=…", where,
                        hint=f"e.g. <!-- briefing:{item.name} {option}=ID -->")
    for option, value in item.options.items():
        collection = allowed.get(option)
        if collection is None:
            yield error("BR302", f"block 'briefing:{item.name}' has no option '{option}'", where,
                        hint="its options: " + (", ".join(allowed) or "none"))
        elif value not in records or records[value].collection != collection:
            candidates = [i for i, r in records.items() if r.collection == collection]
            close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
            yield error("BR302", f"'{value}' is not an id in {collection}", where,
                        hint=f"{option}= takes the id of a record in data/{collection}.yml",
                        suggestion=close[0] if close else "")


def rewrite_references(text: str, link: Callable[[Record, str], str], records: Mapping[str, Record]) -> str:
    """Replace each valid ``[[id]]`` outside code with a Markdown link; ``link`` gives its target for an anchor.

    A Markdown link to the record page's source (``../rounds/round-2.md#outcomes``) is one MkDocs resolves
    itself, from wherever the page is served (a blog post's date and slug, its excerpt on the blog's index)
    and checks under ``--strict``, as it does the site's own links."""
    out = []
    last = 0
    for item in scan(text):
        record = records.get(item.target) if item.kind == "reference" else None
        if record is None:
            continue
        label = " ".join(item.label.split()) if item.label and item.label.strip() else record.label
        out += [text[last:item.start], f"[{markdown_safe(label)}](<{link(record, item.anchor)}>)"]
        last = item.end
    out.append(text[last:])
    return "".join(out)


def left_references(text: str, page: str) -> list[str]:
    """A message for each ``[[…]]`` still in ``text`` after :func:`rewrite_references`: an id that is not in
    the briefing, in text another plugin put into the page (the page's own file was checked before)."""
    return [f"briefing: {page}: [[{item.target}]] is not the id of a record in the briefing, so it stays as "
            "written; use an existing id (it arrived through another plugin: macros, include-markdown…)"
            for item in scan(text) if item.kind == "reference"]


def markdown_safe(label: str) -> str:
    """Text that HTML and Markdown's inline syntax both leave exactly as it is: specials become entities."""
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_SPECIALS else c for c in label)


def markdown_pages(docs_dir: Path) -> Iterator[tuple[str, Path]]:
    """``(src_uri, path)`` for every Markdown page of the docs folder, in a stable order."""
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*.md")):
            yield path.relative_to(docs_dir).as_posix(), path
