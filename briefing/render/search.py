"""Search entries for generated pages, as Material's search plugin would make them, and the normalisation of
Persian text in the index (issues 16 and 17).

Material's search plugin reads every page's HTML again with ``html.parser`` to cut it into sections, one per
heading with an id. For the pages the renderer makes, whose HTML is regular (escaped text, quoted attributes,
no raw ``<``), :func:`page_entries` gives the same entries from one regular-expression pass: the same
sections, titles and text, down to where Material's rules put text that follows a nested heading's
container (back in the section the container belongs to), which tags it keeps (``<p>``, lists, code,
``<sub>``, ``<sup>``) and how it collapses whitespace. Anything it does not know (a ``data-search-exclude``
block, an ``<object>``, a stray ``<``, a declaration) makes it answer None, and the page goes to Material's
own parser instead. The plugin checks, once per build, that this MkDocs and Material still give what
:func:`page_entries` gives for a sample page (``briefing.plugin.internals``).

:func:`normalise` folds the spellings of Persian that a reader's keyboard may type differently: Arabic yeh
and kaf, Arabic-Indic digits, the zero-width non-joiner, tatweel and diacritics. The index and the query
(``assets/search.js``) go through the same folding.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

# What Material's parser keeps of the markup (as "<p>…</p>"), and which elements it skips with their contents.
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
COUNTED = (*sorted(HEADINGS), "pre")  # open elements whose number matters: a section's heading, <pre>
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
RAW_TEXT = frozenset({"script", "style"})  # their contents are text to html.parser, and never indexed
_KEEP, _COUNTED, _HEADING, _VOID, _RAW = 1, 2, 4, 8, 16
_FLAGS = {tag: (_KEEP * (tag in KEEP) | _COUNTED * (tag in COUNTED) | _HEADING * (tag in HEADINGS)
                | _VOID * (tag in VOID) | _RAW * (tag in RAW_TEXT))
          for tag in (*KEEP, *COUNTED, *VOID, *RAW_TEXT)}

# A tag: a page split on it gives text, "/" or "", the name, the rest of the tag (attributes, a closing "/"),
# text, and so on. Read so loosely, it is html.parser's reading only when no attribute value holds a ">" or
# is written in single quotes: such pages are left to Material's parser.
_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)([^>]*)>")
UNUSUAL = ("data-search-exclude", "linenodiv", "headerlink", "<object", "<!--")
_UNUSUAL_VALUE = re.compile(r"=\s*(?:'|\"[^\"]*>)")
_ID = re.compile(r'\sid="([^"]*)"', re.I)
_ANY_ID = re.compile(r"\sid(?=[\s=/>]|$)", re.I)  # also an id written otherwise, or words in another attribute
_UNQUOTED_END = re.compile(r"=[^\"\s]*/$")  # <a href=x/> is no self-closing tag to html.parser

Entry = dict[str, Any]


class _Unusual(Exception):
    """Markup that html.parser may read otherwise than this module: the page is left to Material's parser."""


class _Section:
    __slots__ = ("depth", "id", "tag", "text", "title")

    def __init__(self, tag: str, depth: float = 0) -> None:
        self.tag = tag  # "hx" for the text before the first heading with an id: never an open element
        self.depth = depth
        self.id: str | None = None
        self.title: list[str] = []
        self.text: list[str] = []


def sections(content: str) -> list[_Section] | None:
    """``content`` cut into sections as Material's search parser cuts it; None for markup it does not know.

    One pass over the tags and text, following Material's rules event by event as html.parser reports them.
    Material compares open elements by their tag name, so only the number of open headings and ``<pre>``
    elements matters besides their order."""
    lowered = content.lower()
    if any(marker in lowered for marker in UNUSUAL) or _UNUSUAL_VALUE.search(content):
        return None
    try:
        return _cut(_TAG.split(content))
    except _Unusual:
        return None


class _Cut:
    """What is open and what was found so far, as Material's parser keeps it."""

    __slots__ = ("context", "counts", "found", "section")

    def __init__(self) -> None:
        self.found: list[_Section] = []
        self.section: _Section | None = None
        self.context: list[str] = []  # the open elements' tags
        self.counts = dict.fromkeys(COUNTED, 0)

    def current(self) -> _Section:
        if self.section is None:
            self.section = _Section("hx")
            self.found.append(self.section)
        return self.section

    def text(self, data: str) -> None:
        """A piece of text between two tags, as html.parser reports it."""
        if "<" in data:
            raise _Unusual  # a "<" that starts no tag, a declaration
        if "&" in data:
            data = html.unescape(data)
        pre = self.counts["pre"]
        if not pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        section = self.current()
        if self.counts.get(section.tag):
            section.title.append(html.escape(data, quote=False))
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or pre:
                text.append(data)
        else:
            section.text.append(html.escape(data, quote=False) if "&" in data or ">" in data else data)

    def start(self, tag: str, rest: str, flags: int) -> None:
        """A start tag (already in ``context``) that may start a section, or is kept."""
        if flags & _COUNTED:
            self.counts[tag] += 1
            if flags & _HEADING:
                self.section = _heading(self.found, tag, rest, len(self.context)) or self.section
        section = self.current()
        if flags & _KEEP:
            (section.title if self.counts.get(section.tag) else section.text).append(f"<{tag}>")

    def end(self, tag: str, flags: int) -> None:
        """The end tag of the element last opened."""
        context, section = self.context, self.current()
        if section.depth > len(context):  # leaving a nested heading's container: back to an earlier section
            for earlier in reversed(self.found):
                if earlier.depth <= len(context):
                    section.depth = float("inf")
                    self.section = section = earlier
                    break
        context.pop()
        if flags & _COUNTED:
            self.counts[tag] -= 1
        if flags & _KEEP:
            _close(section.title if self.counts.get(section.tag) else section.text, tag)


def _cut(parts: list[str]) -> list[_Section]:
    cut = _Cut()
    context, flags_of = cut.context, _FLAGS.get
    parts += ("/", "", "")  # an end tag that closes nothing, so that every piece of text comes before a tag
    pieces = iter(parts)
    skip_to = ""  # inside <script> or <style>: everything up to its end tag is text to html.parser, unindexed
    for data, slash, name, rest in zip(pieces, pieces, pieces, pieces, strict=True):
        if skip_to:
            if not (slash and name.lower() == skip_to):
                continue
            skip_to = ""
        elif data:
            cut.text(data)
        if not name:
            continue
        tag = name.lower()
        flags = flags_of(tag, 0)
        if not slash:
            if flags & _VOID:
                continue
            context.append(tag)
            if flags or cut.section is None:
                cut.start(tag, rest, flags)
            if not (rest.endswith("/") and not _UNQUOTED_END.search(rest)):
                if flags & _RAW:
                    skip_to = tag
                continue
            # <path/>: html.parser reports a start, then an end
        if context and context[-1] == tag:  # Material ignores an end tag that closes nothing open
            if flags or cut.section is None or cut.section.depth > len(context):
                cut.end(tag, flags)
            else:
                context.pop()
    if skip_to:
        raise _Unusual
    return cut.found


def _heading(found: list[_Section], tag: str, attributes: str, depth: int) -> _Section | None:
    """The section a heading with an id starts (None without one); the first one, unless an h1, comes after a
    section of what precedes it."""
    ids = _ID.findall(attributes)
    if len(ids) != len(_ANY_ID.findall(attributes)) or len(ids) > 1:
        raise _Unusual  # an id without a value or quotes, two of them, or "id" in another attribute's words
    if not ids:
        return None
    if tag != "h1" and not found:
        found.append(_Section("hx", depth))
    section = _Section(tag, depth)
    if found:
        section.id = html.unescape(ids[0])
    found.append(section)
    return section


def _close(data: list[str], tag: str) -> None:
    """A kept element ends: its closing tag, or nothing at all for one with nothing in it."""
    try:
        index = data.index(f"<{tag}>")  # the first one, as in Material
    except ValueError:
        raise _Unusual from None
    if any(not item.isspace() for item in data[index + 1:]):
        data.append(f"</{tag}>")
    else:
        del data[index:]


def page_entries(content: str, url: str, title: str, meta: Mapping[str, Any],
                 segment: Callable[[str], str] | None = None) -> list[Entry] | None:
    """The search entries of one page, as Material's search plugin makes them from the page's ``content``;
    None when the content holds markup that only Material's parser should read.

    ``url`` is the page's URL, ``title`` what Material uses for a section without a heading (the page's
    front-matter title, else its title), ``meta`` the page's metadata (``tags``, ``search: boost``) and
    ``segment`` Material's segmentation of Chinese text when it has one."""
    cut = sections(content)
    if cut is None:
        return None
    tags = meta.get("tags")
    search = meta.get("search") or {}
    entries = []
    for section in cut:
        entry: Entry = {
            "location": f"{url}#{section.id}" if section.id else url,
            "title": "".join(section.title or [title]).strip(),
            "text": "".join(section.text).strip(),
        }
        if segment is not None:
            entry["title"], entry["text"] = segment(entry["title"]), segment(entry["text"])
        if isinstance(tags, list):
            entry["tags"] = [str(name) for name in tags if name and isinstance(name, (str, int, float, bool))]
        if "boost" in search:
            entry["boost"] = search["boost"]
        entries.append(entry)
    return entries


# --- Persian as typed on any keyboard -----------------------------------------------------------------

# Arabic yeh and alef maksura → Persian yeh, Arabic kaf → Persian keheh, Arabic-Indic digits → Persian ones;
# the zero-width non-joiner, tatweel and Arabic diacritics (harakat, superscript alef) go. A reader who types
# میخواهیم finds می‌خواهیم; one who types on an Arabic keyboard finds Persian words. Keep in step with
# assets/search.js, which folds the query the same way.
FOLD = {0x064A: 0x06CC, 0x0649: 0x06CC, 0x0643: 0x06A9,
        **{0x0660 + digit: 0x06F0 + digit for digit in range(10)},
        0x200C: None, 0x0640: None, **dict.fromkeys(range(0x064B, 0x0660), None), 0x0670: None}
_FOLDED = re.compile("[" + "".join(re.escape(chr(c)) for c in FOLD) + "]")


def normalise(text: str) -> str:
    """``text`` with the spellings a search should not tell apart folded together (:data:`FOLD`)."""
    return text.translate(FOLD) if _FOLDED.search(text) else text


def normalise_entries(entries: Iterable[Entry]) -> None:
    """Fold the title and text of every entry in place."""
    for entry in entries:
        for field in ("title", "text"):
            value = entry.get(field)
            if isinstance(value, str):
                entry[field] = normalise(value)
