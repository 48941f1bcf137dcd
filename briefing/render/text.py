"""Plain text from data to safe HTML.

Data never passes through Markdown: it is escaped here, so raw HTML, Markdown structure, Jinja braces or
extension syntax in a fact appear on the page exactly as written. Summary-like fields may use a small,
documented subset: ``*emphasis*``, ``**strong**`` and ``[text](https://…)`` links.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((https?://[^\s()<>\"']+)\)")
_STRONG = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?![\w*])")


def format_html(template: str, *values: object) -> Markup:
    """``template`` (HTML) with its ``{}`` filled in by ``values``, each escaped unless it is Markup already:
    what ``Markup(template).format(*values)`` gives, without markupsafe's formatter, which is Python's
    ``string.Formatter`` and was a tenth of a build at 5,000 records."""
    return Markup(template.format(*[value if isinstance(value, Markup) else escape(value) for value in values]))


def plain(text: str) -> Markup:
    """Escaped inline text; line breaks inside are kept as spaces by the browser."""
    return escape(text)


def paragraphs(text: str, *, markup: bool = False, attributes: str = "") -> Markup:
    """Escaped text split into ``<p>`` at blank lines; ``markup`` enables the emphasis-and-links subset.
    ``attributes`` go on each ``<p>`` (``lang``/``dir`` when the text's language is not the page's)."""
    parts = [p.strip() for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]
    render = inline_markup if markup else plain
    return Markup("").join(format_html("<p{}>{}</p>", Markup(attributes), render(p)) for p in parts)


def inline_markup(text: str) -> Markup:
    """The emphasis-and-links subset, on escaped text; emphasis never reaches into a link's address."""
    out = []
    last = 0
    for match in _LINK.finditer(text):
        out.append(_emphasis(str(escape(text[last:match.start()]))))
        out.append(f'<a href="{escape(match.group(2))}" rel="noopener">{_emphasis(str(escape(match.group(1))))}</a>')
        last = match.end()
    out.append(_emphasis(str(escape(text[last:]))))
    return Markup("".join(out))


def _emphasis(html: str) -> str:
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    return _EMPHASIS.sub(r"<em>\1</em>", html)
