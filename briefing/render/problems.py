"""The banner that ``mkdocs serve`` puts on every page while the data or a page has errors.

The terminal shows each diagnostic; an editor looking at the browser would otherwise see the last good
page and think the edit had been taken. The banner repeats the errors there, as the terminal words them,
and goes away with the next good build. It is styled inline, so it reads the same whatever the theme.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup

from briefing.diagnostics import Diagnostic, summary_line

_BODY = re.compile(r"<body\b[^>]*>", re.I)
_STYLE = ("position:sticky;top:0;z-index:1000;margin:0;padding:.8rem 1.2rem;background:#fff4f4;color:#1a1a1a;"
          "border-bottom:3px solid #b00020;font:14px/1.45 system-ui,sans-serif;max-height:60vh;overflow:auto")


def problems_banner(diagnostics: Sequence[Diagnostic], showing_last_good: bool) -> str:
    """The banner's HTML for the errors among ``diagnostics`` ("" when there are none)."""
    errors = [d for d in diagnostics if d.is_error]
    if not errors:
        return ""
    items = Markup("").join(
        Markup('<li><code>{}</code>: {}{}</li>').format(
            str(d.location), d.message,
            Markup('<br><span style="color:#444">hint: {}</span>').format(d.hint) if d.hint else "")
        for d in errors)
    shown = ("The pages below are the last version that built; they do not include your latest edit."
             if showing_last_good else "The briefing's pages cannot be built until these are fixed.")
    return str(Markup(
        '<div class="br-problems" role="alert" style="{}"><p style="margin:0 0 .4rem;font-weight:600">'
        'Briefing: {}. {}</p><ul style="margin:0;padding-left:1.2rem">{}</ul></div>').format(
            _STYLE, summary_line(diagnostics), shown, items))


def with_banner(html: str, banner: str) -> str:
    """``html`` with ``banner`` first in its body (or first of all, for a fragment without one)."""
    if not banner:
        return html
    match = _BODY.search(html)
    return html[:match.end()] + banner + html[match.end():] if match else banner + html
