"""Persian search in a real browser (issue 16): a query typed on an Arabic keyboard, or without the zero-width
non-joiner, finds the Persian quote; what the reader typed stays in the search box."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .support import Browse, Site

if TYPE_CHECKING:
    from playwright.sync_api import Page

# tests/fictional/data/quotes/2021-04.yml: original {lang: fa, text: "ما برای گفت‌وگو آمده‌ایم"}
PERSIAN_QUOTE_PAGE = "quotes/bahram-came-for-dialogue/"
QUERIES = {
    "arabic yeh": "براي",  # U+064A, as an Arabic keyboard types it, for برای (U+06CC)
    "no zwnj": "گفتوگو",  # گفت‌وگو without its zero-width non-joiner
    "both": "آمدهايم",  # آمده‌ایم with neither
    "as written": "گفت‌وگو",  # the Persian spelling itself still finds it
}


def _results(page: Page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reads the box on a key
    page.wait_for_function("() => /match/i.test(document.querySelector('.md-search-result__meta')?.textContent)")
    return [a.get_attribute("href") or "" for a in page.locator(".md-search-result a.md-search-result__link").all()]


@pytest.mark.parametrize("spelling", sorted(QUERIES))
def test_persian_quote_found_as_any_keyboard_types_it(spelling: str, served_fictional: Site, browse: Browse) -> None:
    page = browse.open(served_fictional.url())
    found = _results(page, QUERIES[spelling])
    assert any(PERSIAN_QUOTE_PAGE in href for href in found), f"{spelling}: {found}"
    # The reader keeps seeing what they typed; only Material's search gets the folded query.
    assert page.evaluate("""() => Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")
                                  .get.call(document.querySelector("input.md-search__input"))""") == QUERIES[spelling]


def test_search_without_persian_is_unchanged(served_fictional: Site, browse: Browse) -> None:
    page = browse.open(served_fictional.url())
    assert any(PERSIAN_QUOTE_PAGE in href for href in _results(page, "dialogue"))
