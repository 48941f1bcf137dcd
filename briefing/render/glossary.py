"""Glossary terms as tooltips: wrap the first plain-text mention of each term on a page in ``<abbr>``.

Works on finished HTML, so generated and hand-written pages are treated alike. Text inside links, code,
headings and existing abbreviations is left alone; the characters of the text never change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from markupsafe import escape

from briefing.model import GlossaryTerm

_SKIP = ("a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "time", "button",
         "title", "svg", "textarea")
# The start and end tags of the elements whose text gets no tooltip.
_SKIP_TAG = re.compile(r"<(/?)\s*(" + "|".join(_SKIP) + r")(?=[\s/>])[^>]*>", re.I)


class Glossary:
    def __init__(self, terms: Iterable[GlossaryTerm]) -> None:
        self.by_form: dict[str, GlossaryTerm] = {}
        for term in terms:
            for form in (term.term, *term.aliases):
                self.by_form.setdefault(str(escape(form)), term)
        self.term_count = len({term.id for term in self.by_form.values()})
        # Whole words only, so that "NPT" does not light up inside "NPTs" or "INPUT".
        self.pattern = re.compile(r"(?<![\w&#])(" + _alternatives(self.by_form) + r")(?!\w)") if self.by_form else None

    def apply(self, html: str) -> tuple[str, set[str]]:
        """The HTML with tooltips added, and the ids of the terms found on the page."""
        if self.pattern is None:
            return html, set()
        used: set[str] = set()
        out: list[str] = []
        done = 0  # html[:done] is in out
        # Only the mentions of terms not yet used need to know where they stand, so the skipped elements are
        # followed lazily, up to each such mention: on a long page most of the markup is never looked at.
        skip_tags = _SKIP_TAG.finditer(html)
        skip_tag = next(skip_tags, None)
        open_skips: list[str] = []
        for mention in self.pattern.finditer(html):
            term = self.by_form[mention.group(1)]
            if term.id in used:
                if len(used) == self.term_count:
                    break  # every term has its tooltip: the rest of the page (the print version's) stays as it is
                continue
            start = mention.start()
            while skip_tag is not None and skip_tag.start() < start:
                closing, name = skip_tag.group(1), skip_tag.group(2).lower()
                if closing:
                    if open_skips and open_skips[-1] == name:
                        open_skips.pop()
                elif not skip_tag.group(0).endswith("/>"):
                    open_skips.append(name)
                skip_tag = next(skip_tags, None)
            inside_tag = html.rfind("<", 0, start) > html.rfind(">", 0, start)  # an attribute or a comment
            if open_skips or inside_tag:
                continue
            used.add(term.id)
            out += [html[done:start], f'<abbr title="{escape(term.definition)}">{mention.group(1)}</abbr>']
            done = mention.end()
        out.append(html[done:])
        return "".join(out), used


def _alternatives(words: Iterable[str]) -> str:
    """A regular expression that matches any of ``words``, the longest first, as a trie ("enrich(?:ment)?"):
    a plain alternation is tried word by word at every position of the page, three times slower on long pages."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def expression(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + expression(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word is tried first

    return expression(trie)
