"""Material's instant navigation (``navigation.instant``): the plugin's pages keep working after a page swap."""

from __future__ import annotations

from pathlib import Path

from .support import Browse, goto, served_instant


def test_sorting_works_after_an_instant_navigation_and_record_pages_log_no_errors(
        tmp_path: Path, browse: Browse) -> None:
    with served_instant(tmp_path) as site:
        page = browse.open(site.url(""))
        # Instant navigation: the click swaps the content without loading a new document.
        page.evaluate("window.__briefing_marker = 1")
        page.click("a[href$='quotes/']")
        page.wait_for_url("**/quotes/")
        page.wait_for_selector("table.br-sortable")
        assert page.evaluate("window.__briefing_marker") == 1, "the page was loaded, not swapped in"
        first = page.locator("table.br-sortable tbody tr td").first.inner_text()
        page.locator("table.br-sortable th button.br-sort").nth(1).click()
        assert page.locator("table.br-sortable th").nth(1).get_attribute("aria-sort") == "ascending"
        page.locator("table.br-sortable th button.br-sort").nth(1).click()
        assert page.locator("table.br-sortable th").nth(1).get_attribute("aria-sort") == "descending"
        assert first  # the table has rows
        # Then on to a record page, still without a reload: its structured data must not run as script.
        page.click("table.br-sortable tbody a[href*='quotes/']")
        page.wait_for_url("**/quotes/*/")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__briefing_marker") == 1
        goto(page, site.url("rounds/round-2/"))
        page.wait_for_load_state("networkidle")
        assert browse.problems() == []
        browse.close()  # before the server stops, or the page's last requests fail
