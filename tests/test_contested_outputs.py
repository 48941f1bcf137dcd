"""The machine outputs of the multi-source briefing (tests/contested), read back as a subscriber's program would.

Rounds whose date or place the sources give differently, a round moved twice (once by a report later proved
wrong), a cancelled round and an event known only "about" its day: the calendar, the feeds, the JSON-LD and
the timeline figure must go by the accepted accounts, say what changed, and never state a day the sources do
not fix.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from icalendar.cal import Component

from briefing.corpus import build_corpus
from briefing.model import Briefing, Event, Outlet, Record, Round, Source
from briefing.outputs import calendar as ics
from briefing.outputs import feeds
from briefing.outputs.files import output_files
from briefing.outputs.ids import entry_name
from briefing.pipeline import compile
from briefing.render import Urls, jsonld
from tests.helpers import CONTESTED, parse_html

ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
SITE_URL = "https://example.org/border-talks/"


@pytest.fixture(scope="module")
def site(contested_site: Path) -> Path:
    return contested_site


@pytest.fixture(scope="module")
def events(site: Path) -> dict[str, Component]:
    cal = Calendar.from_ical((site / "rounds.ics").read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture(scope="module")
def json_feed(site: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def atom_entries(site: Path) -> dict[str, ET.Element]:
    root = ET.parse(site / "feed.xml").getroot()
    return {e.findtext(f"{ATOM}id", ""): e for e in root.findall(f"{ATOM}entry")}


def _jsonld(site: Path, path: str) -> dict[str, Any]:
    tree = parse_html((site / path / "index.html").read_text(encoding="utf-8"))
    [script] = tree.find_all("script", type="application/ld+json")
    loaded: dict[str, Any] = json.loads("".join(c for c in script.children if isinstance(c, str)))
    return loaded


def _description(event: Component) -> str:
    return str(event["DESCRIPTION"])


# --- rounds.ics -------------------------------------------------------------------------------------------


def test_a_moved_round_is_on_its_current_day_with_its_history(events: dict[str, Component]) -> None:
    second = events["round-2@example.org/border-talks"]
    assert second.decoded("DTSTART") == date(2024, 4, 14)
    assert second.decoded("DTEND") == date(2024, 4, 15)
    assert str(second["LOCATION"]) == "Lakeport"
    assert second.decoded("SEQUENCE") == 3  # one per schedule entry: an added change updates subscribers' copy
    note = _description(second)
    assert "Earlier announced: 6 April 2024, Hillcrest (planned, announced 12 March 2024); " \
           "postponed (announced 2 April 2024)" in note
    # The wire's "likely 9 April" is history too, marked as the report the sources later proved wrong.
    assert "9 April 2024, Lakeport (scheduled, announced 5 April 2024; report later proved wrong)" in note


def test_a_cancelled_round_stays_in_the_calendar_as_cancelled(events: dict[str, Component]) -> None:
    third = events["round-3@example.org/border-talks"]
    assert str(third["STATUS"]) == "CANCELLED"
    assert third.decoded("DTSTART") == date(2024, 5, 20)
    assert third.decoded("SEQUENCE") == 2
    assert "cancelled (announced 19 May 2024)" in _description(third)


def test_a_contested_date_and_place_use_the_accepted_accounts_and_name_the_others(
        events: dict[str, Component]) -> None:
    first = events["round-1@example.org/border-talks"]
    assert first.decoded("DTSTART") == date(2024, 3, 10)  # the first account: none is marked accepted
    assert str(first["LOCATION"]) == "Hillcrest"  # the account marked accepted, not the first
    assert "SEQUENCE" not in first  # no schedule: RFC 5545's default of 0
    note = _description(first)
    assert "The date is contested: 10 March 2024 according to Lakeland Times (the briefing goes by this " \
           "account); 9 March 2024 according to Global Wire." in note
    assert "Lakeport according to East News Agency (report later proved wrong)" in note


def test_the_calendar_is_the_same_on_every_build(site: Path) -> None:
    result = compile(CONTESTED / "data", CONTESTED)
    assert result.corpus is not None
    files = output_files(result.corpus, Urls(), SITE_URL)
    for name in ("rounds.ics", "feed.xml", "feed.json"):
        assert files[name] == (site / name).read_bytes(), name
    assert output_files(result.corpus, Urls(), SITE_URL) == files


def _source(**fields: str) -> Source:
    return Source.model_validate({"title": "T", "outlet": "o", **fields})


def _corpus(*records: Record) -> Any:
    briefing = Briefing.model_validate({"title": "T", "subject": "S", "as_of": "2024-06-30"})
    outlet = Outlet.model_validate({"id": "o", "name": "Outlet"})
    return build_corpus(briefing, [outlet, *records])


def test_an_approximate_start_is_left_out_of_the_calendar_with_the_reason() -> None:
    corpus = _corpus(
        _source(id="s", published="2024-04~"),
        Round.model_validate({"id": "r1", "number": "1", "status": "held", "start": "2024-04-14~", "sources": ["s"]}),
        Round.model_validate({"id": "r2", "number": "2", "status": "scheduled", "start": "2024-05-02",
                              "end": "2024-05-04~", "sources": ["s"]}),
    )
    entries, left_out = ics.calendar_rounds(corpus)
    assert [e.round.id for e in entries] == ["r2"]
    assert [(x.round.id, x.reason) for x in left_out] == [
        ("r1", "the date is known only approximately (about 14 April 2024); a calendar entry would claim a day")]
    assert entries[0].end == date(2024, 5, 3)  # an approximate last day is not drawn as one
    assert "Ends about 4 May 2024 (approximate)" in entries[0].notes[0]


# --- feeds ------------------------------------------------------------------------------------------------


def test_an_approximate_event_has_no_exact_date_in_the_feeds(json_feed: dict[str, Any],
                                                             atom_entries: dict[str, ET.Element]) -> None:
    [item] = [i for i in json_feed["items"] if i["id"] == "tag:example.org,2024:border-talks:river-clash"]
    assert "date_published" not in item and "date_modified" not in item
    assert item["content_text"].startswith("Event: about 13 February 2024.")
    entry = atom_entries["tag:example.org,2024:border-talks:river-clash"]
    # Atom requires an instant: the day the entry's source was published, never the first of "about 13 February".
    assert entry.findtext(f"{ATOM}updated") == "2024-02-20T00:00:00Z"
    assert "about 13 February 2024" in entry.findtext(f"{ATOM}summary", "")
    stamps = [i.get("date_published", "") for i in json_feed["items"]]
    stamps += [e.findtext(f"{ATOM}updated", "") for e in atom_entries.values()]
    assert not [s for s in stamps if s.startswith("2024-02-13")]


def test_postponements_and_cancellations_are_entries_with_unique_stable_ids(
        json_feed: dict[str, Any], atom_entries: dict[str, ET.Element]) -> None:
    ids = [item["id"] for item in json_feed["items"]]
    assert len(ids) == len(set(ids)) and list(atom_entries) == ids
    changes = {i["id"]: i for i in json_feed["items"] if len(i["tags"]) > 1}
    assert sorted(changes) == ["tag:example.org,2024:border-talks:round-2/postponed-2024-04-02",
                               "tag:example.org,2024:border-talks:round-3/cancelled-2024-05-19"]
    postponed = changes["tag:example.org,2024:border-talks:round-2/postponed-2024-04-02"]
    assert postponed["title"] == "Second round postponed"
    assert postponed["date_published"] == "2024-04-02T00:00:00Z"  # when it was announced
    assert postponed["url"] == SITE_URL + "rounds/round-2/"
    assert "The round now: held, 14 April 2024, Lakeport." in postponed["content_text"]
    cancelled = atom_entries["tag:example.org,2024:border-talks:round-3/cancelled-2024-05-19"]
    assert [c.attrib["term"] for c in cancelled.findall(f"{ATOM}category")] == ["rounds", "cancelled"]
    for item in json_feed["items"]:
        if "date_published" in item:
            assert datetime.fromisoformat(item["date_published"]).tzinfo is not None


def test_feed_entries_go_by_the_accepted_accounts(json_feed: dict[str, Any]) -> None:
    items = {entry_name(i["id"]): i for i in json_feed["items"]}
    first = items["round-1"]
    assert first["date_published"] == "2024-03-10T00:00:00Z"
    assert first["content_text"].startswith("Round 1, held: 10 March 2024, Hillcrest.")
    assert "9 March 2024 according to Global Wire" in first["content_text"]
    assert "Earlier announced: 6 April 2024, Hillcrest" in items["round-2"]["content_text"]


def test_an_approximate_entry_without_a_dated_source_is_stamped_with_the_cutoff() -> None:
    corpus = _corpus(_source(id="s", published="2024-03~"),
                     Event.model_validate({"id": "e", "title": "E", "date": "2024-03-02~", "sources": ["s"]}))
    [entry] = feeds.feed_entries(corpus)
    assert entry.updated is None
    root = ET.fromstring(feeds.atom_feed(corpus, Urls()))
    assert root.findtext(f"{ATOM}entry/{ATOM}updated") == "2024-06-30T00:00:00Z"
    assert "date_published" not in feeds.json_feed_data(corpus, Urls())["items"][0]


# --- JSON-LD ----------------------------------------------------------------------------------------------


def _date_values(node: Any, key: str = "") -> list[str]:
    if isinstance(node, dict):
        return [v for k, value in node.items() for v in _date_values(value, k)]
    if isinstance(node, list):
        return [v for value in node for v in _date_values(value, key)]
    return [node] if "date" in key.lower() and isinstance(node, str) else []


def test_no_jsonld_date_is_approximate(site: Path) -> None:
    dates = []
    for html_file in sorted(site.rglob("*/index.html")):
        tree = parse_html(html_file.read_text(encoding="utf-8"))
        for script in tree.find_all("script", type="application/ld+json"):
            dates += _date_values(json.loads("".join(c for c in script.children if isinstance(c, str))))
    assert dates and all(re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9:]+(Z|[+-][0-9:]+)?)?)?)?", d)
                         for d in dates), [d for d in dates if "~" in d]
    assert "startDate" not in _jsonld(site, "events/river-clash")  # "about 13 February": schema.org cannot say it
    assert "datePublished" not in _jsonld(site, "sources/global-wire-2024-04-16")


def test_jsonld_of_rounds_goes_by_the_accepted_accounts_and_the_schedule(site: Path) -> None:
    first = _jsonld(site, "rounds/round-1")
    assert first["startDate"] == "2024-03-10"
    assert first["location"] == {"@type": "Place", "name": "Hillcrest"}
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    second = _jsonld(site, "rounds/round-2")
    assert second["eventStatus"] == "https://schema.org/EventRescheduled"
    assert second["startDate"] == "2024-04-14"
    assert second["previousStartDate"] == ["2024-04-06"]  # not the 9 April the sources proved wrong
    third = _jsonld(site, "rounds/round-3")
    assert third["eventStatus"] == "https://schema.org/EventCancelled" and "previousStartDate" not in third
    assert _jsonld(site, "sources/global-wire-2024-03-11")["datePublished"] == "2024-03-11"  # the first account


def test_a_postponed_round_without_a_new_date_is_event_postponed() -> None:
    rnd = Round.model_validate({"id": "r1", "number": "1", "status": "postponed", "start": "2024-04-06",
                                "schedule": [{"status": "postponed", "announced": "2024-04-02", "sources": ["s"]}],
                                "sources": ["s"]})
    corpus = _corpus(_source(id="s", published="2024-04-02"), rnd)
    node = jsonld.record_jsonld(corpus, Urls(), rnd)
    assert node["eventStatus"] == "https://schema.org/EventPostponed" and "previousStartDate" not in node


# --- the timeline figure ----------------------------------------------------------------------------------


def _figure(site: Path) -> ET.Element:
    html = (site / "timeline/index.html").read_text(encoding="utf-8")
    [svg] = re.findall(r'<svg class="br-tlfig".*?</svg>', html, re.S)
    return ET.fromstring(svg)


def _titled_marks(root: ET.Element) -> dict[str, ET.Element]:
    return {g.findtext(f"{SVG}title", ""): g for g in root.iter(f"{SVG}g")}


def test_the_figure_marks_postponements_and_cancellations_with_titles(site: Path) -> None:
    root = _figure(site)
    marks = _titled_marks(root)
    postponed = marks["Second round postponed: announced 2 April 2024"]
    cancelled = marks["Third round cancelled: announced 19 May 2024"]
    assert [el.attrib["class"] for el in cancelled if el.tag != f"{SVG}title"] == ["br-tlfig-cross"]
    assert [el.tag for el in postponed if el.tag != f"{SVG}title"] == [f"{SVG}path"]
    not_held = marks["Third round, cancelled: not held on 20 May 2024"]
    assert [el.attrib["class"] for el in not_held if el.tag == f"{SVG}circle"] == ["br-tlfig-event"]  # hollow
    desc = root.findtext(f"{SVG}desc", "")
    assert "3 rounds, 3 events, 1 postponement and 1 cancellation at the day announced" in desc
    assert "Second round" not in desc  # the list that follows the figure names the entries
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"postponement announced", "cancellation announced", "round not held on that date",
            "date known only approximately"} <= set(texts)


def test_the_figure_draws_an_approximate_day_as_approximate(site: Path) -> None:
    marks = _titled_marks(_figure(site))
    clash = marks["Clash on the river border: about 13 February 2024"]
    assert [el.attrib["class"] for el in clash if el.tag != f"{SVG}title"] == ["br-tlfig-vague"]
    # The held rounds keep their plain, untitled dots.
    assert not [t for t in marks if t.startswith(("First round", "Second round (held)"))]


def test_the_stamp_is_the_cutoff_not_the_build_time(events: dict[str, Component]) -> None:
    assert {e.decoded("DTSTAMP") for e in events.values()} == {datetime(2024, 6, 30, tzinfo=UTC)}
