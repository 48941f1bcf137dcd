"""A record page on a phone: the drawer shows the record's section, active, with the record's table of contents."""

from __future__ import annotations

from .support import Browse, Site, screenshot_path


def test_the_phone_drawer_shows_the_section_and_the_records_table_of_contents(
        served_shipped: Site, browse: Browse) -> None:
    page = browse.open(served_shipped.url("rounds/round-2/"), width=390, height=844)
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_timeout(400)  # the drawer slides in
    active = page.locator(".md-nav--primary label.md-nav__link--active[for='__toc']")
    assert active.is_visible() and active.inner_text().strip() == "Rounds"
    active.click()  # open the table of contents, as a reader taps it
    page.wait_for_timeout(400)
    toc = page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link")
    titles = [t.strip() for t in toc.all_inner_texts()]
    assert "Sources" in titles and len(titles) >= 2, titles
    first = toc.first
    assert first.is_visible()
    page.screenshot(path=screenshot_path("record-drawer-toc-mobile"))
    target = first.get_attribute("href")
    assert target is not None and target.startswith("#")
    assert page.locator(target).count() == 1  # each entry leads to a heading of this page
