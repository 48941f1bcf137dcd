"""The filters over the quotes, positions and events tables (briefing.js): select lists of the values present
with counts, a date range, "N of M shown", the state in the query string, with sorting and instant navigation.

The contested briefing has quotes from several parties, rounds and days; the shipped one is built with
``navigation.instant`` for the instant-navigation case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from .support import Browse, Scheme, Site, build_shipped, goto, screenshot_path, serve, served_instant

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

PHONE = 390
TABLE = "table.br-sortable"
SHOWN = f"{TABLE} tbody tr:not([hidden])"


@pytest.fixture(scope="module")
def contested(contested_site: Path) -> Iterator[Site]:
    with serve(contested_site) as base:
        yield Site(contested_site, base)


SPEAKERS_PARTY = "Speaker’s party"  # the party filter of the quotes table: the speaker's


def _rows_with(site: Site, collection: str, attribute: str, value: str) -> int:
    """How many rows of a collection's table carry ``value`` in a facet, read from the built HTML."""
    html = (site.root / collection / "index.html").read_text(encoding="utf-8")
    return sum(value in re.findall(rf'{attribute}="([^"]*)"', tag)[0].split()
               for tag in re.findall(r"<tr [^>]*>", html) if f'{attribute}="' in tag)


def _shown(page: Page, attribute: str) -> list[str]:
    return page.eval_on_selector_all(SHOWN, f"rows => rows.map(r => r.getAttribute('{attribute}') || '')")


def _field(page: Page, name: str) -> Locator:
    return page.locator(".br-filters").get_by_label(name, exact=True)


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_party_filter_shows_its_rows_keeps_them_in_the_address_and_clears(contested: Site, browse: Browse
                                                                            ) -> None:
    page = browse.open(contested.url("quotes/"))
    total = page.locator(f"{TABLE} tbody tr").count()
    expected = _rows_with(contested, "quotes", "data-party", "eastmark")
    assert 0 < expected < total
    party = _field(page, SPEAKERS_PARTY)
    # Datasette-style: the values present, each with the rows it would show.
    options = party.locator("option").all_inner_texts()
    assert options[0] == "All" and f"Eastmark ({expected})" in options
    assert page.locator(".br-filter-status").get_attribute("aria-live") == "polite"
    assert page.locator(".br-filter-status").inner_text() == f"{total} of {total} shown"

    party.select_option("eastmark")
    assert page.locator(SHOWN).count() == expected
    assert all("eastmark" in value.split() for value in _shown(page, "data-party"))
    assert page.locator(".br-filter-status").inner_text() == f"{expected} of {total} shown"
    assert _query(page) == {"party": ["eastmark"]}
    # The other selects count what they would show among these rows; what would show none cannot be picked.
    wendel = _field(page, "Speaker").locator("option[value='wendel-west']")
    assert wendel.inner_text() == "Wendel West (0)" and wendel.is_disabled()

    # Reloading the address (or opening it from a link someone shared) restores the view.
    page.reload(wait_until="load")
    assert _field(page, SPEAKERS_PARTY).input_value() == "eastmark"
    assert page.locator(SHOWN).count() == expected

    page.get_by_role("button", name="Clear filters").click()
    assert page.locator(SHOWN).count() == total
    assert _field(page, SPEAKERS_PARTY).input_value() == ""
    assert urlsplit(page.url).query == ""


def test_an_opened_address_restores_several_filters_and_a_date_range(contested: Site, browse: Browse) -> None:
    page = browse.open(contested.url("quotes/?party=eastmark&from=2024-03-12&to=2024-04-16&utm=kept"))
    assert _field(page, SPEAKERS_PARTY).input_value() == "eastmark"
    assert _field(page, "From").input_value() == "2024-03-12"
    assert _field(page, "To").input_value() == "2024-04-16"
    dates = _shown(page, "data-date")
    assert dates and all("2024-03-12" <= d.split("/")[0] <= "2024-04-16" for d in dates)
    assert all("eastmark" in value.split() for value in _shown(page, "data-party"))
    # The speaker's party of a statement by an organization (part_of) counts too.
    _field(page, SPEAKERS_PARTY).select_option("lakeland")
    assert _shown(page, "data-speaker") == ["lakeland-foreign-ministry"]
    assert _query(page) == {"party": ["lakeland"], "from": ["2024-03-12"], "to": ["2024-04-16"], "utm": ["kept"]}
    # A month in the address means its days; an unknown value is left out, not a filter that hides everything.
    goto(page, contested.url("quotes/?from=2024-04&round=no-such-round"))
    assert _field(page, "From").input_value() == "2024-04-01"
    assert _field(page, "Round").input_value() == ""
    assert all(d >= "2024-04-01" for d in _shown(page, "data-date"))


def test_sorting_a_filtered_table_sorts_what_is_shown_and_hides_nothing_more(contested: Site, browse: Browse
                                                                            ) -> None:
    page = browse.open(contested.url("quotes/?round=round-2"))
    expected = _rows_with(contested, "quotes", "data-round", "round-2")
    assert page.locator(SHOWN).count() == expected
    page.locator(f"{TABLE} th button.br-sort").first.click()  # the date column
    assert page.locator(f"{TABLE} th").first.get_attribute("aria-sort") == "ascending"
    dates = _shown(page, "data-date")
    assert len(dates) == expected and dates == sorted(dates)
    page.locator(f"{TABLE} th button.br-sort").first.click()
    dates = _shown(page, "data-date")
    assert len(dates) == expected and dates == sorted(dates, reverse=True)
    assert set(_shown(page, "data-round")) == {"round-2"}
    # Filters still work on the sorted rows.
    _field(page, "Speaker").select_option("wendel-west")
    assert set(_shown(page, "data-speaker")) == {"wendel-west"}


def test_events_and_positions_have_their_own_facets_and_approximate_dates_stay_in_range(
        contested: Site, browse: Browse) -> None:
    page = browse.open(contested.url("events/"))
    names = page.locator(".br-filter-name").all_inner_texts()
    assert names[0] == "Kind" and "Party" in names and names[-2:] == ["From", "To"]
    # "2024-02-13~" (about 13 February) is within a range that holds that day.
    html = (contested.root / "events" / "index.html").read_text(encoding="utf-8")
    assert "br-approximate" in html
    _field(page, "From").fill("2024-02-13")
    _field(page, "To").fill("2024-02-13")
    assert _shown(page, "data-date") == ["2024-02-13/2024-02-13"]
    assert _query(page) == {"from": ["2024-02-13"], "to": ["2024-02-13"]}

    page = browse.open(contested.url("positions/"))
    names = page.locator(".br-filter-name").all_inner_texts()
    assert names[:2] == ["Party", "Issue"] and "Speaker" not in names
    venues = page.locator(".br-filter", has_text="Venue")
    if venues.count():  # only when the positions were stated at more than one venue
        venue = venues.locator("select").locator("option").nth(1).get_attribute("value")
        assert venue
        venues.locator("select").select_option(venue)
        assert set(_shown(page, "data-venue")) == {venue}


def test_the_filter_bar_speaks_the_pages_language(tmp_path: Path, browse: Browse) -> None:
    # The words come from the table (data-br-filter-labels, in the site's language), the counts in its digits.
    root = build_shipped(tmp_path, "  language: en\n", "  language: fa\n")
    with serve(root) as base:
        page = browse.open(f"{base}quotes/")
        total = page.locator(f"{TABLE} tbody tr").count()
        persian = str(total).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        assert page.locator(".br-filters-title").inner_text() == "پالایش"
        assert page.locator(".br-filter-status").inner_text() == f"{persian} از {persian} نشان داده شده"
        party = _field(page, "طرفِ گوینده")
        options = party.locator("option").all_inner_texts()
        assert options[0] == "همه" and all(re.search(r"\([۰-۹]+\)$", o) for o in options[1:])
        assert page.get_by_role("button", name="پاک کردن پالایه‌ها").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280


@pytest.mark.parametrize("width", [1280, PHONE])
def test_the_filter_bar_fits_and_a_filtered_table_is_screenshotted(width: int, contested: Site, browse: Browse
                                                                   ) -> None:
    page = browse.open(contested.url("quotes/?party=eastmark&from=2024-03-12"), width=width, height=900)
    boxes = page.eval_on_selector_all(".br-filters, .br-filters select, .br-filters input, .br-filters button",
                                      "els => els.map(el => el.getBoundingClientRect().right)")
    assert boxes and max(boxes) <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(screenshot_path(f"filters-quotes-{width}")))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_filter_bar_passes_axe_in_both_schemes(scheme: Scheme, served_shipped: Site, browse: Browse,
                                                   axe_js: Path) -> None:
    page = browse.open(served_shipped.url("quotes/?party=iran"), scheme=scheme)
    page.add_script_tag(path=str(axe_js))
    result = page.evaluate("() => axe.run({include: [['.br-filters']]}, {resultTypes: ['violations']})")
    assert [(v["id"], v["impact"]) for v in result["violations"]] == []
    if scheme == "dark":
        page.screenshot(path=str(screenshot_path("filters-quotes-1280-dark")))


def test_a_printed_filtered_table_says_how_many_it_shows_without_the_controls(contested: Site, browse: Browse
                                                                             ) -> None:
    page = browse.open(contested.url("quotes/?party=westmark"))
    page.emulate_media(media="print")
    visible = page.evaluate("""() => ['.br-filters', '.br-filter-status', '.br-filters select', '.br-filter-clear']
        .map(s => [...document.querySelectorAll(s)].some(el => el.getClientRects().length > 0))""")
    assert visible == [True, True, False, False]


# --- navigation.instant ---------------------------------------------------------------------------------


def _wait_for_bar(page: Page, collection: str) -> None:
    # The address changes before Material swaps the content in: wait for the new table and its filter bar.
    page.wait_for_function(f"""() => document.querySelector('table.br-sortable[data-collection={collection}]')
                               && document.querySelector('.br-filters')""")


def test_filters_work_after_an_instant_navigation_and_a_shared_address_restores_them(
        tmp_path: Path, browse: Browse) -> None:
    with served_instant(tmp_path) as site:
        page = browse.open(site.url(""))
        page.evaluate("window.__briefing_marker = 1")
        page.click("a[href$='quotes/']")
        _wait_for_bar(page, "quotes")
        assert page.evaluate("window.__briefing_marker") == 1, "the page was loaded, not swapped in"
        expected = _rows_with(site, "quotes", "data-party", "iran")
        _field(page, SPEAKERS_PARTY).select_option("iran")
        assert page.locator(SHOWN).count() == expected
        assert _query(page) == {"party": ["iran"]}
        page.locator(f"{TABLE} th button.br-sort").nth(1).click()
        assert page.locator(SHOWN).count() == expected
        # Away and back by instant navigation, to an address with filters in it (a link someone shared).
        page.click("a[href$='positions/']")
        _wait_for_bar(page, "positions")
        assert page.locator(".br-filters").count() == 1
        page.evaluate("""() => { const a = document.createElement('a');
            a.href = '../quotes/?party=united-states'; a.textContent = 'shared'; a.id = 'shared';
            document.querySelector('article').append(a); }""")
        page.click("#shared")
        page.wait_for_url("**/quotes/?party=united-states")
        _wait_for_bar(page, "quotes")
        assert page.evaluate("window.__briefing_marker") == 1
        assert _field(page, SPEAKERS_PARTY).input_value() == "united-states"
        assert page.locator(SHOWN).count() == _rows_with(site, "quotes", "data-party", "united-states")
        assert page.locator(".br-filters").count() == 1
        page.go_back()
        _wait_for_bar(page, "positions")
        assert page.locator(f"{TABLE} tbody tr[hidden]").count() == 0
        # print.css, linked in the head that instant navigation keeps, still applies to the swapped page.
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
        assert page.evaluate("getComputedStyle(document.querySelector('.br-filters')).display") == "none"
        page.emulate_media(media="screen")
        page.wait_for_load_state("networkidle")
        assert browse.problems() == []
        browse.close()  # before the server stops, or the page's last requests fail
