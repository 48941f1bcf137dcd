"""What a reader sees of a briefing whose sources disagree and whose facts change (tests/contested).

Every fact the sources dispute is shown with each account and its citation, marked contested, never
settled behind the reader's back; rounds that moved show their schedule; denied reports stay visible and
linked both ways; a revised toll reads as a series; a divergence is marked only where the data records it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tests.helpers import Element, content, facts, page


def _accounts(element: Element) -> list[str]:
    return [" ".join(li.text().split()) for li in element.find_all("li", cls="br-account")]


def _fact(site: Path, path: str, label: str) -> Element:
    dl = content(site, path).find("dl", cls="br-facts")
    items = [child for child in dl.children if isinstance(child, Element)]
    for term, value in zip(items[::2], items[1::2], strict=True):
        if term.text() == label:
            return value
    raise AssertionError(f"no {label!r} in {path}")


def test_a_disputed_venue_shows_the_accepted_one_marked_contested_with_every_account(contested_site: Path) -> None:
    location = _fact(contested_site, "rounds/round-1/index.html", "Location")
    assert location.text().startswith("Hillcrest contested")
    assert _accounts(location) == [
        "Hillcrest, according to Lara Lake accepted [Lakeland Times, 5 March 2024, para 1]",
        "Lakeport, according to East News Agency, in the Lakeland capital on March 10 overtaken by "
        "Hillcrest to host border talks, minister says [East News Agency, 1 March 2024, para 1]",
    ]
    assert "../../sources/lakeland-times-2024-03-05/" in location.links()


def test_a_disputed_date_format_and_length_each_keep_their_accounts(contested_site: Path) -> None:
    shown = facts(content(contested_site, "rounds/round-1/index.html"))
    assert shown["Dates"].startswith("10 March 2024 start contested")
    assert "9 March 2024, according to Global Wire, Every other source gives 10 March." in shown["Dates"]
    formats = _accounts(_fact(contested_site, "rounds/round-1/index.html", "Format"))
    assert [a.split(" [")[0] for a in formats] == [
        "direct, according to Wendel West, direct communication accepted",
        "indirect, according to Emil Spokes, two separate rooms",
        "mixed, according to unnamed Westmark official, direct and indirect"]
    assert shown["Duration"].startswith("over four hours contested")
    assert "more than seven hours, according to Eastmark" in shown["Duration"]
    assert shown["Building"].startswith("residence of the Lakeland ambassador contested")


def test_accounts_that_agree_or_stand_alone_are_not_marked_contested(contested_site: Path) -> None:
    date = _fact(contested_site, "events/river-clash/index.html", "Date")
    assert date.find_all("span", cls="br-contested") == []
    assert date.find_all("span", cls="br-accepted") == []
    assert _accounts(date) == ["about 13 February 2024, according to East News Agency, on Tuesday "
                               "[East News Agency, 20 February 2024, para 1]"]


def test_an_approximate_date_never_reads_or_marks_up_as_exact(contested_site: Path) -> None:
    html = (contested_site / "events/river-clash/index.html").read_text(encoding="utf-8")
    assert "about 13 February 2024" in html
    assert 'datetime="2024-02-13' not in html and "~" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert "about 16 April 2024" in page(contested_site, "sources/global-wire-2024-04-16/index.html").text()


def test_a_moved_round_shows_what_was_announced_in_order(contested_site: Path) -> None:
    schedule = content(contested_site, "rounds/round-2/index.html").find("ol", cls="br-schedule")
    items = [" ".join(li.text().split()) for li in schedule.find_all("li")]
    assert [item.split(" [")[0] for item in items] == [
        "12 March 2024 · Lara Lake: planned, 6 April 2024, Hillcrest",
        "2 April 2024 · Lakeland: postponed — Postponed “for logistical reasons”.",
        "5 April 2024: scheduled, 9 April 2024, Lakeport — “likely” moved to 9 April, the wire said. overtaken "
        "by Second round held in Lakeport",
        "Now: held, 14 April 2024, Lakeport"]


def test_status_box_counts_postponements_cancellations_and_the_delay(contested_site: Path) -> None:
    status = facts(content(contested_site, "index.html").find("section", cls="br-status"))
    assert status["Postponed or cancelled"] == "1 postponement, 1 cancelled round"
    assert status["Held later or earlier than first planned"] == (
        "Round 2 held 8 days after its first planned date (6 April 2024)")
    assert status["Rounds held"] == "2"
    assert status["Last round"] == "Second round, 14 April 2024, Lakeport"


def test_timeline_shows_the_postponement_and_the_cancellation_at_their_dates(contested_site: Path) -> None:
    timeline = content(contested_site, "timeline/index.html").find("ol", cls="br-timeline")
    entries = [(li.find("p", cls="br-tl-date").text(), " ".join(li.find("p", cls="br-tl-title").text().split()))
               for li in timeline.find_all("li", cls="br-tl-item")]
    assert entries == [
        ("about 13 February 2024", "Event Clash on the river border"),
        ("10 March 2024", "Round First round held"),
        ("2 April 2024", "Postponed Second round (held 14 April 2024)"),
        ("13 April 2024", "Event Lakeport's mayor welcomes the delegations"),
        ("14 April 2024", "Event Delegations reported to have met in the same room"),
        ("14 April 2024", "Round Second round held"),
        ("19 May 2024", "Cancelled Third round"),
        ("20 May 2024", "Round Third round cancelled"),
    ]
    assert "Hillcrest (contested)" in timeline.text()


def test_a_denied_report_stays_visible_and_links_both_ways(contested_site: Path) -> None:
    claim = content(contested_site, "events/same-room-report/index.html")
    note = claim.find("p", cls="br-report-note")
    assert " ".join(note.text().split()) == (
        "This report was denied: denied by The same-room story is fake.. It stays on the site as reported.")
    assert "../../quotes/informed-source-fake/" in note.links()
    denial = content(contested_site, "quotes/informed-source-fake/index.html").find("ul", cls="br-answers")
    assert " ".join(denial.text().split()) == "Denies Event Delegations reported to have met in the same room"
    overtaken = content(contested_site, "quotes/wendel-deal-by-april/index.html")
    assert "This report was overtaken: overtaken by talks suspended until further notice." in " ".join(
        overtaken.find("p", cls="br-report-note").text().split())
    # The quote card on the speaker's page carries the mark too.
    card = content(contested_site, "people/wendel-west/index.html").find("figure", cls="br-quote")
    assert card.find("span", cls="br-report-overtaken").text() == "overtaken"


def test_a_revised_toll_reads_as_a_series_in_date_order(contested_site: Path) -> None:
    event = content(contested_site, "events/river-clash/index.html")
    assert [h.text() for h in event.find_all("h3")] == ["people killed", "people injured"]
    killed = event.find_all("table", cls="br-figures")[0]
    rows = [[" ".join(td.text().split()) for td in tr.find_all("td")][:3] for tr in killed.find("tbody").find_all("tr")]
    assert rows == [["14 February 2024", "606", "Eastmark"],
                    ["15 February 2024", "610 (revises 606 of 14 February 2024)", "Eastmark"],
                    ["20 February 2024", "at least 1,060 (revises 610 of 15 February 2024)", "Eastmark"],
                    # Another voice's count sits in the same series, in date order, with who gives it.
                    ["22 February 2024", "at least 1,190", "River Watch"]]


def test_divergence_is_marked_only_where_the_data_records_it(contested_site: Path) -> None:
    matrix = content(contested_site, "matrix/index.html").find("table", cls="br-matrix")
    divergent = matrix.find_all("td", cls="br-cell-divergent")
    assert len(divergent) == 1
    assert "not one metre of the river" in divergent[0].text()
    assert "divergence recorded: public and table differ [Lakeland Times, 12 March 2024, para 4]" in divergent[0].text()
    # Westmark's "keep the northern dam" (table) and "no dam, no deal" (public) agree: no mark.
    assert "keep the northern dam" not in " ".join(td.text() for td in divergent)
    for html_file in contested_site.rglob("*.html"):
        marks = html_file.read_text(encoding="utf-8").count("br-cell-divergent")
        assert marks <= 1, html_file
    position = content(contested_site, "positions/east-border-table/index.html").find("ul", cls="br-divergences")
    assert "Not one metre of the river".lower() in position.text().lower()


def test_a_contested_publication_date_is_shown_with_both_accounts(contested_site: Path) -> None:
    published = _fact(contested_site, "sources/global-wire-2024-03-11/index.html", "Published")
    assert published.text().startswith("11 March 2024 contested")
    assert len(_accounts(published)) == 2


def test_exports_keep_every_account_and_the_accepted_value(contested_site: Path) -> None:
    data = json.loads((contested_site / "briefing.json").read_text(encoding="utf-8"))
    round_1 = next(r for r in data["collections"]["rounds"] if r["id"] == "round-1")
    assert [a["value"] for a in round_1["location"]] == ["Hillcrest", "Lakeport"]
    assert round_1["location"][1]["report"] == "overtaken"
    assert data["accepted"]["round-1"]["location"] == "Hillcrest"
    assert data["accepted"]["round-1"]["start"] == "2024-03-10"
    assert "round-2" not in data["accepted"]  # nothing in it has accounts
    [row] = [r for r in csv.DictReader(io.StringIO((contested_site / "csv/rounds.csv").read_text(encoding="utf-8")))
             if r["id"] == "round-1"]
    assert row["location"] == ("Hillcrest (lara-lake, accepted) [lakeland-times-2024-03-05 (para 1)]; "
                               "Lakeport (east-news-agency, “in the Lakeland capital on March 10”, overtaken, "
                               "lakeland-times-2024-03-05) [east-news-2024-03-01 (para 1)]")
    [round_2] = [r for r in csv.DictReader(io.StringIO((contested_site / "csv/rounds.csv").read_text(encoding="utf-8")))
                 if r["id"] == "round-2"]
    assert round_2["schedule"].startswith("planned 2024-04-06 Hillcrest (announced 2024-03-12, lara-lake)")


def test_search_finds_every_account(contested_site: Path) -> None:
    index = json.loads((contested_site / "search/search_index.json").read_text(encoding="utf-8"))
    round_1 = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("rounds/round-1/"))
    assert "Lakeport" in round_1 and "two separate rooms" in round_1


def test_print_version_keeps_accounts_schedule_and_report_marks(contested_site: Path) -> None:
    text = " ".join(content(contested_site, "print/index.html").text().split())
    assert "Lakeport, according to East News Agency" in text
    assert "Schedule as announced" in text and "postponed" in text
    assert "denied" in text
