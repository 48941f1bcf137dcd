"""The built sites in a real browser: links and anchors, console errors, privacy, search, keyboard, RTL."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest

from .support import LOCAL_HOST, Browse, Site, goto

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Facts of the two briefings the search tests look for. Shipped data: a word from a quote, and a person.
SHIPPED_QUOTE_WORD = ("identifying", "quotes/albusaidi-good-progress/")
SHIPPED_PERSON = ("Baghaei", "people/esmaeil-baghaei/")
# tests/browser/site: "Dariush Rahimi" is only an alias of Darius Rahimi, never his name.
FIXTURE_ALIAS = ("Dariush", "people/darius-rahimi/")
FIXTURE_PERSIAN_PAGES = ("quotes/rahimi-ready-to-listen/", "people/darius-rahimi/")
MAX_TABS = 400

_COLLECT = """() => ({
  ids: [...document.querySelectorAll("[id]")].map(e => e.id)
       .concat([...document.querySelectorAll("a[name]")].map(a => a.name)),
  links: [...document.querySelectorAll("a[href]")].map(a => a.href),
})"""


def _page_key(url: str) -> str:
    """A page's URL without fragment or query, 'index.html' dropped: how links name it."""
    parts = urlsplit(url)
    path = parts.path.removesuffix("index.html")
    return f"{parts.scheme}://{parts.netloc}{path}"


@pytest.mark.parametrize("site_name", ["served_shipped", "served_fictional", "served_fixture"])
def test_every_link_and_anchor_resolves_no_console_errors_no_external_requests(
        site_name: str, request: pytest.FixtureRequest, browse: Browse) -> None:
    site: Site = request.getfixturevalue(site_name)
    page = browse.new_page()
    anchors: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    paths = site.pages()
    assert len(paths) > 10, f"suspiciously few pages: {paths}"
    for path in paths:
        url = site.url(path)
        goto(page, url)
        found: dict[str, list[str]] = page.evaluate(_COLLECT)
        anchors[_page_key(url)] = set(found["ids"])
        links += [(url, href) for href in found["links"]]
    broken = []
    checked = 0
    for origin, href in links:
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https") or parts.hostname != LOCAL_HOST:
            continue  # an external link is only an address on the page; nothing is fetched
        checked += 1
        target = _page_key(href)
        if target not in anchors:
            file = site.root / unquote(urlsplit(target).path).lstrip("/")
            if not (file.is_file() or (file / "index.html").is_file()):
                broken.append(f"{origin}: link to missing {href}")
            elif parts.fragment:
                broken.append(f"{origin}: anchor on a page that is not HTML: {href}")
            continue
        if parts.fragment and unquote(parts.fragment) not in anchors[target]:
            broken.append(f"{origin}: no element with id '{unquote(parts.fragment)}' on {target}")
    assert checked > len(paths), "the pages hold hardly any internal links: did the crawl work?"
    assert not broken, "\n".join(sorted(set(broken)))
    # Privacy: every request of every page stayed on the local server (fonts, scripts, search index).
    assert browse.watch.requests, "no request was recorded at all"
    assert browse.watch.external == [], f"requests left {LOCAL_HOST}: {browse.watch.external}"
    assert browse.watch.errors == []


def _search(page: Page, query: str, expected_path: str) -> None:
    """Type a query into Material's search box; a result must link to expected_path."""
    box = page.locator("input.md-search__input")
    box.click()
    # Material reads the box on keydown. Filling it and then pressing a key sends the whole query at once:
    # typing it letter by letter would show results for "Darius" while "Dariush" is still on its way.
    box.fill(query)
    box.press("End")
    # "No matching documents", "1 matching document", "12 matching documents": the search has answered.
    page.wait_for_function("() => /match/i.test(document.querySelector('.md-search-result__meta')?.textContent)")
    meta = page.locator(".md-search-result__meta").inner_text()
    found = [a.get_attribute("href") or "" for a in page.locator(".md-search-result a.md-search-result__link").all()]
    assert any(expected_path in href for href in found), f"searching {query!r}: {meta!r}, no {expected_path} in {found}"


def test_search_finds_a_quote_by_a_word_in_it(served_shipped: Site, browse: Browse) -> None:
    word, quote_page = SHIPPED_QUOTE_WORD
    page = browse.open(served_shipped.url())
    _search(page, word, quote_page)
    # The search index is fetched by a web worker: seeing it proves worker requests are watched too.
    assert any(url.endswith("search/search_index.json") for url in browse.watch.requests), browse.watch.requests


def test_search_finds_a_person_by_name(served_shipped: Site, browse: Browse) -> None:
    name, person_page = SHIPPED_PERSON
    _search(browse.open(served_shipped.url()), name, person_page)


def test_search_finds_a_person_by_an_alias(served_fixture: Site, browse: Browse) -> None:
    alias, person_page = FIXTURE_ALIAS
    _search(browse.open(served_fixture.url()), alias, person_page)


def _tab_until(page: Page, selector: str) -> dict[str, Any]:
    """Press Tab until the focused element is a link inside `selector`; returns what got focus."""
    seen: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused: dict[str, Any] = page.evaluate(
            """(selector) => {
              const el = document.activeElement;
              const rect = el ? el.getBoundingClientRect() : null;
              return {tag: el ? el.tagName : "", text: el ? el.textContent.trim() : "",
                      inside: !!(el && el.tagName === "A" && el.closest(selector)),
                      visible: !!rect && rect.width > 0 && rect.height > 0};
            }""",
            selector,
        )
        if focused["inside"]:
            return focused
        seen.append(f"{focused['tag']} {focused['text'][:30]!r}")
    pytest.fail(f"{MAX_TABS} Tab presses never reached a link in {selector}; focus went to: {seen[-10:]}")


@pytest.mark.parametrize(("path", "selector"), [("matrix/", "table.br-matrix"), ("timeline/", "ol.br-timeline")])
def test_matrix_and_timeline_links_are_reachable_with_tab(
        path: str, selector: str, served_shipped: Site, browse: Browse) -> None:
    page = browse.open(served_shipped.url(path))
    focused = _tab_until(page, selector)
    assert focused["visible"], focused
    assert focused["text"], f"a focused link in {selector} has no text"


@pytest.mark.parametrize("path", FIXTURE_PERSIAN_PAGES)
def test_original_persian_renders_right_to_left(path: str, served_fixture: Site, browse: Browse) -> None:
    page = browse.open(served_fixture.url(path))
    original = page.locator('.br-original[lang="fa"]').first
    assert original.get_attribute("dir") == "rtl"
    assert original.get_attribute("lang") == "fa"
    assert original.evaluate("el => getComputedStyle(el).direction") == "rtl"
    text = original.inner_text()
    assert any("\u0600" <= ch <= "\u06ff" for ch in text), text
