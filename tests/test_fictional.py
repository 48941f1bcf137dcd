"""A second, fictional briefing (tests/fictional): folder-form data, a supersedes chain, Persian text, embeds."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.pipeline import validate
from tests.helpers import FICTIONAL, broken_links, build_site, content, copy_project, facts, page


def test_every_record_has_its_page_including_folder_form_quotes(fictional_site: Path) -> None:
    parsed, result = validate(FICTIONAL / "data", FICTIONAL)
    assert result.diagnostics == []
    files = {entry.record.id: entry.document.file for entry in parsed.entries}
    assert files["ada-share-the-river"] == "data/quotes/2021-03.yml"
    assert files["bahram-came-for-dialogue"] == "data/quotes/2021-04.yml"
    missing = [f"{e.record.collection}/{e.record.id}/" for e in parsed.entries
               if not (fictional_site / e.record.collection / e.record.id / "index.html").is_file()]
    assert missing == []
    index = content(fictional_site, "quotes/index.html")
    assert {"ada-share-the-river/", "cara-honoured-to-host/", "bahram-came-for-dialogue/",
            "north-official-upper-river/"} <= set(index.links())


def test_every_internal_link_resolves(fictional_site: Path) -> None:
    assert broken_links(fictional_site) == []


def test_issue_page_shows_the_supersedes_history_in_order(fictional_site: Path) -> None:
    issue = content(fictional_site, "issues/water-quota/index.html")
    sections = {s.find("h3").text(): s for s in issue.find_all("section", cls="br-history")}
    assert list(sections) == ["Northland: 2 stances", "Northland", "Southland"]
    chain = [li.find("strong").text() for li in sections["Northland: 2 stances"].find_all("li")]
    assert chain == ["half the flow", "sixty percent of the flow"]
    assert [li.find("strong").text() for li in sections["Northland"].find_all("li")] == ["the whole upper river"]


def test_position_pages_link_both_ways_through_supersedes(fictional_site: Path) -> None:
    newer = content(fictional_site, "positions/north-quota-sixty/index.html").find("h2", id="history")
    older = content(fictional_site, "positions/north-quota-half/index.html")
    assert "Replaces half the flow" in content(fictional_site, "positions/north-quota-sixty/index.html").text()
    assert newer.text() == "History"
    assert "Replaced by sixty percent of the flow" in older.text()
    assert "../north-quota-sixty/" in older.links()


def test_original_words_are_marked_right_to_left(fictional_site: Path) -> None:
    quote = content(fictional_site, "quotes/bahram-came-for-dialogue/index.html")
    original = quote.find("span", cls="br-original")
    assert (original.attrs["lang"], original.attrs["dir"]) == ("fa", "rtl")
    assert original.text() == "ما برای گفت‌وگو آمده‌ایم"
    assert quote.find("blockquote").find("p").text() == "“We came for dialogue”"
    name = content(fictional_site, "people/bahram-soltani/index.html").find("span", cls="br-original")
    assert (name.attrs["lang"], name.attrs["dir"], name.text()) == ("fa", "rtl", "بهرام سلطانی")


def test_english_quotes_have_no_original_block(fictional_site: Path) -> None:
    quote = content(fictional_site, "quotes/ada-share-the-river/index.html")
    assert quote.find_all("span", cls="br-original") == []
    assert quote.find("blockquote").text() == "“We’re here to share the river, not to divide it.”"


def test_status_box_on_the_home_page(fictional_site: Path) -> None:
    box = facts(content(fictional_site, "index.html").find("section", cls="br-status"))
    assert box == {
        "State of the talks": "ongoing",
        "Rounds held": "2",
        "Last round": "Second round, 12 April 2021 – 14 April 2021",
        "Next round": "Third round: scheduled, June 2021 (month only)",
        "Days between rounds": "42 days (round 1 → round 2)",
        "Days from last round to cutoff": "38",
        "Information cutoff": "20 May 2021",
    }


def test_embeds_on_a_nested_hand_written_page(fictional_site: Path) -> None:
    overview = content(fictional_site, "notes/overview/index.html")
    timeline = [li.find("p", cls="br-tl-title").find("a").text()
                for li in overview.find("ol", cls="br-timeline").find_all("li")]
    assert timeline == ["Spring flood on the Long River", "First round, Midvale City", "Second round", "Third round",
                        "Sluice gate incident at the border dam"]
    assert "../../rounds/round-1/" in overview.links()
    cells = overview.find("table", cls="br-matrix").find_all("td", cls="br-cell-divergent")
    assert len(cells) == 1
    assert "the whole upper river" in cells[0].text()
    assert "sixty percent of the flow" in cells[0].text()
    assert "half the flow" not in overview.find("table", cls="br-matrix").text()


def test_data_text_is_escaped_and_the_markup_subset_applies(fictional_site: Path) -> None:
    event = content(fictional_site, "events/spring-flood/index.html")
    summary = event.find("h2", id="summary")
    assert summary.text() == "Summary"
    text = event.text()
    assert '<script>alert("x")</script>, {{ not_a_template }} and --8<-- "snippets.md" stay text.' in text
    # The only script on the page is inert structured data, and the data's "</script>" did not end it early.
    scripts = event.find_all("script")
    assert [s.attrs.get("type") for s in scripts] in ([], ["application/ld+json"])
    for script in scripts:
        json.loads(script.text())
    assert [em.text() for em in event.find_all("em")] == ["worst"]
    source = content(fictional_site, "sources/gazette-2021-05-20/index.html")
    assert "https://example.org/gazette/style" in source.links()


def test_contested_figures_sit_side_by_side(fictional_site: Path) -> None:
    event = content(fictional_site, "events/spring-flood/index.html")
    assert [h.text() for h in event.find_all("h3")] == ["Homes flooded"]
    rows = [[td.text() for td in tr.find_all("td")][:3]
            for tr in event.find("table", cls="br-figures").find("tbody").find_all("tr")]
    assert rows == [["date not given", "about 2,000", "River Gazette"],
                    ["date not given", "fewer than 500", "Southland Radio"]]


def test_record_pages_stay_out_of_the_sidebar(fictional_site: Path) -> None:
    nav = page(fictional_site, "rounds/round-1/index.html").find("nav", cls="md-nav--primary")
    assert {"../", "../../people/", "../../quotes/"} <= set(nav.links())
    assert [link for link in nav.links() if "round-" in link or "ada-north" in link or "water-quota" in link] == []


def test_build_without_directory_urls_links_to_html_files(tmp_path: Path) -> None:
    project = copy_project(FICTIONAL, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "rounds" / "round-1.html").is_file()
    assert not (site / "rounds" / "round-1").exists()
    round_1 = content(site, "rounds/round-1.html")
    assert "../people/ada-north.html" in round_1.links()
    assert "rounds/round-2.html" in content(site, "index.html").links()
    assert "../rounds/round-1.html" in content(site, "notes/overview.html").links()
    assert broken_links(site) == []
