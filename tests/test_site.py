"""The shipped briefing (repository root), built for real with ``mkdocs build --strict``: what a reader sees."""

from __future__ import annotations

import json
from pathlib import Path

import material
import pytest

from briefing.model import Quote, Record
from briefing.pipeline import validate
from tests.helpers import (
    ROOT,
    Element,
    broken_links,
    built_site,
    content,
    copy_project,
    facts,
    page,
    pages_unlike_uncached_navigation,
)


@pytest.fixture(scope="module")
def records() -> list[Record]:
    parsed, result = validate(ROOT / "data", ROOT)
    assert result.ok, [str(d) for d in result.errors]
    return [entry.record for entry in parsed.entries]


def matrix_cell(tree: Element, issue: str, party: str) -> Element:
    table = tree.find("table", cls="br-matrix")
    parties = [th.text() for th in table.find("thead").find_all("th")][1:]
    for row in table.find("tbody").find_all("tr"):
        if row.find("th").text() == issue:
            return row.find_all("td")[parties.index(party)]
    raise AssertionError(f"no row for {issue!r} in the matrix")


def test_every_record_has_its_page(shipped_site: Path, records: list[Record]) -> None:
    missing = [f"{r.collection}/{r.id}/index.html" for r in records
               if not (shipped_site / r.collection / r.id / "index.html").is_file()]
    assert missing == []
    assert len(records) > 40
    for path in ("rounds/round-2/index.html", "people/abbas-araghchi/index.html", "quotes/index.html",
                 "sources/tehran-times-2026-02-17/index.html", "timeline/index.html", "matrix/index.html"):
        assert (shipped_site / path).is_file(), path


def test_record_pages_carry_the_record_title(shipped_site: Path) -> None:
    assert content(shipped_site, "rounds/round-2/index.html").find("h1").text() == "Second round, Geneva"
    assert page(shipped_site, "people/abbas-araghchi/index.html").find("title").text().startswith("Abbas Araghchi")


def test_every_internal_link_resolves(shipped_site: Path) -> None:
    assert broken_links(shipped_site) == []


def test_round_and_person_link_to_each_other(shipped_site: Path, records: list[Record]) -> None:
    round_links = content(shipped_site, "rounds/round-2/index.html").links()
    assert "../../people/abbas-araghchi/" in round_links
    person = content(shipped_site, "people/abbas-araghchi/index.html")
    assert "../../rounds/round-2/" in person.links()
    his_quotes = [r.id for r in records if isinstance(r, Quote) and r.speaker == "abbas-araghchi"]
    assert len(his_quotes) >= 5
    assert {f"../../quotes/{q}/" for q in his_quotes} <= set(person.links())
    shown = [fig.attrs["id"] for fig in person.find_all("figure", cls="br-quote")]
    assert sorted(shown) == sorted(his_quotes)


def test_source_page_lists_what_cites_it(shipped_site: Path, records: list[Record]) -> None:
    source = content(shipped_site, "sources/tehran-times-2026-02-17/index.html")
    assert source.find("h2", id="referred-to-by").text() == "Cited by"
    citing = [r for r in records if isinstance(r, Quote)
              and any(c.source == "tehran-times-2026-02-17" for c in r.sources)]
    assert len(citing) >= 10
    cited_by = source.find("ul", cls="br-backlinks").links()
    assert {f"../../quotes/{q.id}/" for q in citing} <= set(cited_by)


def test_home_page_status_box(shipped_site: Path) -> None:
    status = content(shipped_site, "index.html").find("section", cls="br-status")
    box = facts(status)
    assert box["Rounds held"] == "2"
    assert box["Last round"].startswith("Second round, Geneva, 16 February 2026 – 17 February 2026")
    assert "rounds/round-2/" in status.find("dl").find_all("dd")[2].links()
    assert box["Next round"] == "Third round: unscheduled, no date set"
    assert box["Days between rounds"] == "10 days (round 1 → round 2)"
    assert box["Information cutoff"] == "17 February 2026"


def test_round_without_a_reported_location_says_so(shipped_site: Path) -> None:
    round_1 = facts(content(shipped_site, "rounds/round-1/index.html"))
    assert round_1["Location"] == "not reported"
    assert round_1["Dates"] == "6 February 2026"
    assert facts(content(shipped_site, "rounds/round-2/index.html"))["Location"] == "Geneva"


def test_event_without_dates_and_with_an_attributed_figure(shipped_site: Path) -> None:
    event = content(shipped_site, "events/twelve-day-strikes/index.html")
    shown = facts(event)
    assert shown["Date"] == "not reported"
    assert shown["Duration"] == "12 days"
    assert "Iranians killed" in [h.text() for h in event.find_all("h3")]
    rows = [[td.text() for td in tr.find_all("td")] for tr in event.find("table", cls="br-figures").find_all("tr")]
    assert ["date not given", "more than 1,000", "Tehran Times"] in [row[:3] for row in rows]


def test_matrix_marks_divergence_and_red_lines(shipped_site: Path) -> None:
    matrix = content(shipped_site, "matrix/index.html")
    us = matrix_cell(matrix, "Uranium enrichment", "United States")
    assert "br-cell-divergent" in us.classes
    # Recorded in data/positions.yml with the Tehran Times' paragraph, and shown with that citation.
    assert "divergence recorded: public and table differ [Tehran Times, 17 February 2026, para 9]" in us.text()
    iran = matrix_cell(matrix, "Uranium enrichment", "Iran")
    assert "br-cell-divergent" not in iran.classes
    assert iran.find_all("span", cls="br-badge-redline")
    assert matrix_cell(matrix, "Ballistic missiles", "Iran").find_all("span", cls="br-badge-redline")
    assert not us.find_all("span", cls="br-badge-redline")


def test_quotes_are_shown_verbatim(shipped_site: Path, records: list[Record]) -> None:
    card = content(shipped_site, "quotes/albusaidi-good-progress/index.html").find("blockquote")
    assert card.text().startswith("“Today’s indirect negotiations between the Islamic Republic of Iran")
    for quote in (r for r in records if isinstance(r, Quote) and r.mode == "direct"):
        shown = content(shipped_site, f"quotes/{quote.id}/index.html").find("blockquote").find("p").text()
        assert shown == "“" + " ".join(quote.text.split()) + "”", quote.id


def test_sidebar_lists_sections_not_every_record(shipped_site: Path, records: list[Record]) -> None:
    nav = page(shipped_site, "quotes/albusaidi-good-progress/index.html").find("nav", cls="md-nav--primary")
    links = nav.links()
    assert "../../people/" in links
    record_links = [link for link in links for r in records if link.rstrip("/").endswith(f"/{r.id}")]
    assert record_links == []
    assert len(links) < len(records) / 2


def test_search_index_has_the_words_of_a_quote(shipped_site: Path) -> None:
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert "good progress towards identifying common goals" in texts["quotes/albusaidi-good-progress/"]


def test_link_checker_reports_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="a/#here">ok</a><a href="#top">ok</a>'
                                         '<h1 id="top">T</h1><a href="b/">gone</a><a href="a/#nowhere">no anchor</a>'
                                         '<a href="https://example.org/x">external</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>', encoding="utf-8")
    assert broken_links(tmp_path) == ["index.html: b/ -> no file b/index.html",
                                      "index.html: a/#nowhere -> no id 'nowhere'"]


def test_a_record_page_highlights_its_section_in_the_sidebar(shipped_site: Path) -> None:
    # Record pages are not in the navigation (thousands of them would make it quadratic); the sidebar still
    # shows which section the reader is in.
    tree = page(shipped_site, "quotes/albusaidi-good-progress/index.html")
    active = [li for li in tree.find_all("li", cls="md-nav__item--active") if "md-nav__item--nested" not in li.classes]
    assert [li.find("a").text() for li in active] == ["Quotes"]
    other = page(shipped_site, "timeline/index.html")
    assert all(li.find("a").text() != "Quotes" for li in other.find_all("li", cls="md-nav__item--active"))


def test_the_section_holds_the_records_table_of_contents(shipped_site: Path) -> None:
    # On a phone the drawer is the only table of contents: Material puts it under the page's own nav item,
    # so the theme partial puts it under the section's (browser test: tests/browser/test_browser_drawer.py).
    tree = page(shipped_site, "rounds/round-2/index.html")
    toc = tree.find("nav", cls="md-nav--primary").find("nav", cls="md-nav--secondary")
    assert "#sources" in toc.links()
    section = page(shipped_site, "rounds/index.html").find("nav", cls="md-nav--primary")
    assert section.find_all("nav", cls="md-nav--secondary") == []  # a section page without headings, as before


@pytest.mark.parametrize("settings", [
    {},
    {"  features:\n": "  features:\n    - navigation.tabs\n    - navigation.indexes\n    - navigation.prune\n",
     "docs_dir: content\n": "docs_dir: content\nuse_directory_urls: false\n"},
], ids=["shipped", "tabs-indexes-prune-html-urls"])
def test_navigation_rendered_once_is_what_every_page_would_render(tmp_path: Path, settings: dict[str, str]) -> None:
    # Items that are the same on many pages are rendered once per build (briefing/plugin/navigation.py); every
    # page must still be byte for byte what rendering its whole navigation gives.
    project = copy_project(ROOT, tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for setting, new in settings.items():
        assert setting in text
        text = text.replace(setting, new, 1)
    config.write_text(text, encoding="utf-8")
    cached = built_site(project, tmp_path / "cached")
    assert len(list(cached.rglob("*.html"))) > 50
    assert pages_unlike_uncached_navigation(project, cached) == []


def test_the_partials_differ_from_materials_only_where_they_say() -> None:
    # The overrides are copies of Material's partials: a Material upgrade that changes one shows up here.
    ours = ROOT / "briefing" / "theme" / "partials"
    theirs = Path(material.__file__).parent / "templates" / "partials"
    stands_in = "  {% elif nav_item == page or (briefing_section and nav_item == briefing_section) %}"
    macro = "{% macro render(nav_item, path, level, parent) %}\n"
    once = ("{% macro render(nav_item, path, level, parent) -%}\n"
            "  {%- if briefing_navigation -%}\n"
            "    {{- briefing_navigation(render_item, nav_item, path, level, parent) -}}\n"
            "  {%- else -%}\n"
            "    {{- render_item(nav_item, path, level, parent) -}}\n"
            "  {%- endif -%}\n"
            "{%- endmacro %}\n"
            "{% macro render_item(nav_item, path, level, parent) %}\n")
    changed = {"nav-item.html": [("  {% elif nav_item == page %}", stands_in), (macro, once)]}
    for name, replacements in changed.items():
        mine = (ours / name).read_text(encoding="utf-8").split("-#}\n", 1)[1]
        upstream = (theirs / name).read_text(encoding="utf-8").split("-#}\n", 1)[1]
        expected = upstream
        for original, replacement in replacements:
            assert expected.count(original) == 1
            expected = expected.replace(original, replacement)
        assert mine == expected
