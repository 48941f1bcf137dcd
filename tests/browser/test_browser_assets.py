"""The minified stylesheets and script at work in Chromium, and print.css, linked for print only, applied when
the page is printed (print emulation) and not on screen."""

from __future__ import annotations

from .support import Browse, Site

HIDDEN_IN_PRINT = ".md-header, .md-sidebar, .br-permalink"


def test_print_css_applies_in_print_and_not_on_screen(served_shipped: Site, browse: Browse) -> None:
    page = browse.open(served_shipped.url("quotes/"))
    sheets = page.evaluate("""() => [...document.styleSheets].filter(s => s.href && s.href.endsWith('/print.css'))
        .map(s => [s.media.mediaText, s.cssRules.length])""")
    assert len(sheets) == 1 and sheets[0][0] == "print" and sheets[0][1] > 0
    shown = "(s) => [...document.querySelectorAll(s)].filter(el => getComputedStyle(el).display !== 'none').length"
    assert page.evaluate(shown, ".md-header") == 1
    # The minified screen stylesheet and script did their part: the filter bar is there, styled.
    assert page.locator(".br-filters").evaluate("el => getComputedStyle(el).borderTopStyle") == "solid"
    page.emulate_media(media="print")
    assert page.evaluate(shown, HIDDEN_IN_PRINT) == 0
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    page.emulate_media(media="screen")
    assert page.evaluate(shown, ".md-header") == 1
