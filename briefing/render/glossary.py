"""Glossary terms as tooltips: wrap the first plain-text mention of each term on a page in ``<abbr>``.

Works on finished HTML, so generated and hand-written pages are treated alike. Text inside links, code,
headings and existing abbreviations is left alone; the characters of the text never change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import escape

from briefing.model import GlossaryTerm

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
_SKIP = frozenset({"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "time",
                   "button", "title", "svg", "textarea"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base"})


class Glossary:
    def __init__(self, terms: Iterable[GlossaryTerm]) -> None:
        self.by_form: dict[str, GlossaryTerm] = {}
        for term in terms:
            for form in (term.term, *term.aliases):
                self.by_form.setdefault(str(escape(form)), term)
        forms = sorted(self.by_form, key=len, reverse=True)
        # Whole words only, so that "NPT" does not light up inside "NPTs" or "INPUT".
        self.pattern = re.compile(r"(?<![\w&#])(" + "|".join(map(re.escape, forms)) + r")(?!\w)") if forms else None

    def apply(self, html: str) -> tuple[str, set[str]]:
        """The HTML with tooltips added, and the ids of the terms found on the page."""
        if self.pattern is None:
            return html, set()
        pattern = self.pattern
        used: set[str] = set()
        skipping: list[str] = []
        parts = _TAG.split(html)
        for index, part in enumerate(parts):
            if index % 2:
                name_match = _TAG_NAME.match(part)
                if not name_match or part.startswith("<!"):
                    continue
                name = name_match.group(1).lower()
                if name in _VOID or part.endswith("/>"):
                    continue
                if part.startswith("</"):
                    if skipping and skipping[-1] == name:
                        skipping.pop()
                elif name in _SKIP or skipping:
                    skipping.append(name)
                continue
            if skipping or not part.strip():
                continue

            def wrap(match: re.Match[str]) -> str:
                term = self.by_form[match.group(1)]
                if term.id in used:
                    return match.group(0)
                used.add(term.id)
                return f'<abbr title="{escape(term.definition)}">{match.group(1)}</abbr>'

            parts[index] = pattern.sub(wrap, part)
        return "".join(parts), used
