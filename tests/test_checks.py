"""Cross-reference and consistency checks, one rule at a time, on records built with the model classes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from briefing import checks
from briefing.checks import CheckContext, index_by_id, run_checks
from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.loader import Document, parse_document
from briefing.model import (
    Briefing,
    Event,
    Issue,
    Outlet,
    Party,
    Person,
    Position,
    Quote,
    Record,
    Round,
    Source,
)
from briefing.pipeline import validate
from briefing.validation import Entry, Parsed, parse

TODAY = date(2026, 11, 27)
DOC = Document("data/records.yml", None)


def context(*records: Record, today: date = TODAY, with_briefing: bool = True) -> CheckContext:
    entries = [Entry(record, DOC, (index,)) for index, record in enumerate(records)]
    briefing = Briefing(title="T", subject="S", as_of="2026-02-17") if with_briefing else None
    parsed = Parsed(briefing=briefing, briefing_document=Document("data/briefing.yml", {}) if with_briefing else None,
                    entries=entries)
    return CheckContext(parsed, index_by_id(entries), today)


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


def rnd(number: int, status: str = "held", start: str | None = None, end: str | None = None,
        record_id: str | None = None) -> Round:
    return Round(id=record_id or f"round-{number}", number=number, status=status, start=start, end=end,
                 sources=["s1"])


def pos(record_id: str, party: str = "north", issue: str = "water", supersedes: str | None = None,
        **fields: Any) -> Position:
    return Position(id=record_id, party=party, issue=issue, stance=record_id, supersedes=supersedes,
                    sources=["s1"], **fields)


PEOPLE = (Party(id="north", name="Northland"), Person(id="ada-north", name="Ada North", party="north"))


# --- BR210 --------------------------------------------------------------------------------------------


def test_missing_briefing_is_reported() -> None:
    found = list(checks.missing_briefing(context(with_briefing=False)))
    assert codes(found) == ["BR210"]
    assert found[0].message == "briefing.yml is missing"


def test_present_briefing_is_not_reported() -> None:
    assert list(checks.missing_briefing(context())) == []


# --- BR200 / BR209 ------------------------------------------------------------------------------------


def test_duplicate_id_across_collections_names_the_first_record() -> None:
    found = list(checks.duplicate_ids(context(Party(id="iran", name="Iran"), Person(id="iran", name="Iran"))))
    assert codes(found) == ["BR200"]
    assert found[0].message.startswith("id 'iran' is already used by a party at data/records.yml")
    assert "iran-person" in found[0].hint


def test_each_extra_use_of_an_id_is_reported() -> None:
    found = list(checks.duplicate_ids(context(*(Party(id="x", name=f"X{i}") for i in range(3)))))
    assert codes(found) == ["BR200", "BR200"]


def test_distinct_ids_pass() -> None:
    assert list(checks.duplicate_ids(context(*PEOPLE))) == []


@pytest.mark.parametrize("record_id", ["index", "con", "nul", "com1"])
def test_reserved_ids_are_refused(record_id: str) -> None:
    found = list(checks.reserved_ids(context(Party(id=record_id, name="X"))))
    assert codes(found) == ["BR209"]


def test_ordinary_ids_are_not_reserved() -> None:
    assert list(checks.reserved_ids(context(Party(id="index-fund", name="X")))) == []


# --- BR201 / BR202 ------------------------------------------------------------------------------------


def quote(speaker: str, **fields: Any) -> Quote:
    return Quote(id="q1", text="t", speaker=speaker, sources=["s1"], **fields)


SOURCES = (Outlet(id="gazette", name="Gazette"), Source(id="s1", title="T", outlet="gazette", published="2020"))


def test_unknown_reference_suggests_the_closest_id_of_the_right_kind() -> None:
    records = (*PEOPLE, *SOURCES, Party(id="ada-northe", name="Decoy"), quote("ada-nort"))
    found = list(checks.unknown_references(context(*records)))
    assert codes(found) == ["BR201"]
    assert found[0].message == "unknown person or organization 'ada-nort'"
    assert found[0].suggestion == "ada-north"
    assert found[0].hint == ("'speaker' takes the id of a person or organization defined in data/people.yml or "
                             "data/organizations.yml")


def test_unknown_reference_far_from_every_id_has_no_suggestion() -> None:
    found = list(checks.unknown_references(context(*PEOPLE, *SOURCES, quote("zzz"))))
    assert codes(found) == ["BR201"]
    assert found[0].suggestion == ""


def test_unknown_source_in_a_citation_is_reported() -> None:
    found = list(checks.unknown_references(context(*PEOPLE, *SOURCES, Quote(id="q", text="t", speaker="ada-north",
                                                                            sources=["s11"]))))
    assert [d.message for d in found] == ["unknown source 's11'"]
    assert found[0].suggestion == "s1"


def test_reference_to_the_wrong_kind_of_record() -> None:
    found = list(checks.unknown_references(context(*PEOPLE, *SOURCES, quote("north"))))
    assert codes(found) == ["BR202"]
    assert found[0].message == "'north' is a party, but 'speaker' takes a person or organization"


def test_voice_references_accept_outlets_people_and_parties() -> None:
    event = Event(id="flood", title="Flood", sources=["s1"], figures=[
        {"label": "homes", "value": "1", "according_to": who, "sources": ["s1"]}
        for who in ("gazette", "ada-north", "north")])
    assert list(checks.unknown_references(context(*PEOPLE, *SOURCES, event))) == []


def test_every_bad_reference_in_a_record_is_reported() -> None:
    found = list(checks.unknown_references(context(*PEOPLE, *SOURCES,
                                                   quote("ada-north", to="north", issues=["a", "b"]))))
    assert [(d.code, d.message.split("'")[1]) for d in found] == [("BR202", "north"), ("BR201", "a"), ("BR201", "b")]
    assert found[0].message.startswith("'north' is a party, but 'to' takes a")


def test_reference_messages_use_an_before_vowels() -> None:
    found = list(checks.unknown_references(context(*PEOPLE, *SOURCES, quote("ada-north", to="north",
                                                                            issues=["a"]))))
    assert "takes an outlet" in found[0].message
    assert "id of an issue" in found[1].hint


def test_references_are_located_at_the_value(tmp_path: Path) -> None:
    text = "- id: q1\n  text: t\n  speaker: ada-north\n  issues: [water, dams]\n  sources: [s1]\n"
    parsed = parse(None, {"quotes": [parse_document(text, "data/quotes.yml")]})
    entries = parsed.entries + [Entry(r, DOC, (i,)) for i, r in enumerate((*PEOPLE, *SOURCES,
                                                                          Issue(id="water", title="W")))]
    ctx = CheckContext(Parsed(entries=entries), index_by_id(entries), TODAY)
    found = list(checks.unknown_references(ctx))
    assert [(d.message, d.location) for d in found] == [("unknown issue 'dams'", Location("data/quotes.yml", 4, 19))]


# --- BR203-BR206 --------------------------------------------------------------------------------------


def test_held_round_needs_a_start() -> None:
    found = list(checks.round_chronology(context(rnd(1))))
    assert [d.message for d in found] == ["round 1 is 'held' but has no start date"]


@pytest.mark.parametrize("status", ["planned", "unscheduled", "scheduled", "postponed", "cancelled"])
def test_rounds_not_held_need_no_start(status: str) -> None:
    assert list(checks.round_chronology(context(rnd(1, status)))) == []


def test_held_round_cannot_start_after_today() -> None:
    found = list(checks.round_chronology(context(rnd(1, start="2026-11-28"))))
    assert codes(found) == ["BR204"]
    assert "starts in the future (2026-11-28)" in found[0].message


def test_held_round_may_start_today_or_in_the_current_month() -> None:
    assert list(checks.round_chronology(context(rnd(1, start="2026-11-27"), rnd(2, start="2026-11", record_id="r2"),
                                                today=date(2026, 11, 27)))) == []


def test_round_cannot_end_before_it_starts() -> None:
    found = list(checks.round_chronology(context(rnd(1, start="2026-02-17", end="2026-02-16"))))
    assert [d.message for d in found] == ["round 1 ends (2026-02-16) before it starts (2026-02-17)"]


def test_round_ending_in_the_month_it_starts_is_fine() -> None:
    assert list(checks.round_chronology(context(rnd(1, start="2026-02-17", end="2026-02")))) == []


def test_round_numbers_must_follow_dates() -> None:
    found = list(checks.round_chronology(context(rnd(1, start="2026-02-10"), rnd(2, start="2026-01-20"))))
    assert [d.message for d in found] == ["round 2 starts (2026-01-20) before round 1 (2026-02-10)"]


def test_round_number_used_twice() -> None:
    found = list(checks.round_chronology(context(rnd(1, start="2026-01-01"), rnd(1, "planned", record_id="again"))))
    assert codes(found) == ["BR206"]
    assert "round number 1 is used twice" in found[0].message


def test_rounds_in_order_pass_even_at_month_precision() -> None:
    records = (rnd(1, start="2026-02"), rnd(2, start="2026-02-10"), rnd(3, "planned"), rnd(4, "scheduled",
                                                                                          start="2026-12"))
    assert list(checks.round_chronology(context(*records))) == []


def test_round_order_is_checked_across_an_undated_round() -> None:
    records = (rnd(1, start="2026-02-10"), rnd(2, "cancelled"), rnd(3, start="2026-01-20"))
    found = list(checks.round_chronology(context(*records)))
    assert codes(found) == ["BR206"]


# --- BR207 / BR208 ------------------------------------------------------------------------------------


def test_supersedes_within_party_and_issue_passes() -> None:
    assert list(checks.supersedes_chains(context(pos("a"), pos("b", supersedes="a"), pos("c", supersedes="b")))) == []


@pytest.mark.parametrize(("party", "issue"), [("south", "water"), ("north", "dams")])
def test_supersedes_across_party_or_issue(party: str, issue: str) -> None:
    found = list(checks.supersedes_chains(context(pos("a"), pos("b", party=party, issue=issue, supersedes="a"))))
    assert codes(found) == ["BR207"]
    assert found[0].message == f"position 'b' ({party} on {issue}) supersedes 'a' (north on water)"


def test_supersedes_loop_is_reported_once() -> None:
    found = list(checks.supersedes_chains(context(pos("a", supersedes="c"), pos("b", supersedes="a"),
                                                  pos("c", supersedes="b"), pos("d", supersedes="c"))))
    assert codes(found) == ["BR208"]
    assert found[0].message == "'supersedes' forms a loop: a -> c -> b -> a"


def test_position_superseding_itself_is_a_loop() -> None:
    found = list(checks.supersedes_chains(context(pos("a", supersedes="a"))))
    assert [d.message for d in found] == ["'supersedes' forms a loop: a -> a"]


# --- warnings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["1404-11-28", "1899", "2037"])
def test_implausible_years_are_warned_about(written: str) -> None:
    found = list(checks.implausible_years(context(pos("a", date=written))))
    assert [(d.code, d.severity) for d in found] == [("BR211", Severity.WARNING)]
    assert "Solar Hijri" in found[0].hint


@pytest.mark.parametrize("written", ["1900", "2026-02-17", "2036"])
def test_plausible_years_pass(written: str) -> None:
    assert list(checks.implausible_years(context(pos("a", date=written)))) == []


def test_lookalike_names_are_warned_about() -> None:
    arabic_yeh, persian_yeh = "\u0639\u0644\u064a", "\u0639\u0644\u06cc"
    found = list(checks.lookalike_names(context(Person(id="ali-1", name=persian_yeh),
                                                Person(id="ali-2", name=arabic_yeh))))
    assert [(d.code, d.severity) for d in found] == [("BR213", Severity.WARNING)]
    assert "(ali-1)" in found[0].message


def test_different_names_are_not_lookalikes() -> None:
    assert list(checks.lookalike_names(context(*PEOPLE))) == []


def test_records_nothing_refers_to_are_warned_about() -> None:
    records = (*PEOPLE, *SOURCES, Party(id="south", name="Southland"), quote("ada-north"), rnd(1, start="2026-01-01"))
    found = list(checks.unreferenced_records(context(*records)))
    assert [(d.code, d.severity, d.message) for d in found] == [
        ("BR220", Severity.WARNING, "party 'south' is not referred to by any record")]


def test_run_checks_reports_every_rule_at_once() -> None:
    records = (*PEOPLE, *SOURCES, Person(id="north", name="Dup", party="north"), quote("ada-nort"),
               rnd(1), pos("a", supersedes="a"))
    parsed = Parsed(briefing=None, briefing_document=None,
                    entries=[Entry(r, DOC, (i,)) for i, r in enumerate(records)])
    assert sorted(set(codes(run_checks(parsed, TODAY)))) == ["BR200", "BR201", "BR203", "BR208", "BR210", "BR220"]


# --- through the pipeline -----------------------------------------------------------------------------


def write(folder: Path, files: dict[str, str]) -> Path:
    data = folder / "data"
    data.mkdir()
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    return data


BASE = {
    "briefing.yml": "title: T\nsubject: S\nas_of: 2020-03-01\n",
    "outlets.yml": "- id: gazette\n  name: Gazette\n",
    "sources.yml": "- id: s1\n  title: T\n  outlet: gazette\n  published: 2020-01-10\n",
    "rounds.yml": "- id: round-1\n  number: 1\n  status: held\n  start: 2020-01-09\n  sources: [s1]\n",
}


def test_unknown_source_in_key_points_is_reported(tmp_path: Path) -> None:
    briefing = BASE["briefing.yml"] + "key_points:\n  - text: A point.\n    sources: [s2]\n"
    data = write(tmp_path, {**BASE, "briefing.yml": briefing})
    _parsed, result = validate(data, tmp_path)
    assert [(d.code, d.location) for d in result.diagnostics] == [("BR201", Location("data/briefing.yml", 6, 15))]


def test_reference_errors_are_reported_with_a_briefing_error(tmp_path: Path) -> None:
    rounds = BASE["rounds.yml"].replace("sources: [s1]", "sources: [s1, s2]")
    data = write(tmp_path, {**BASE, "briefing.yml": "title: T\nsubject: S\n", "rounds.yml": rounds})
    _parsed, result = validate(data, tmp_path)
    assert sorted(d.code for d in result.diagnostics) == ["BR100", "BR201"]


def test_reference_to_a_record_with_a_schema_error_is_not_unknown(tmp_path: Path) -> None:
    data = write(tmp_path, {**BASE, "outlets.yml": "- id: gazette\n  name: Gazette\n  kind: paper\n"})
    _parsed, result = validate(data, tmp_path)
    assert [(d.code, d.location.file) for d in result.diagnostics] == [("BR100", "data/outlets.yml")]


def test_syntax_error_in_a_collection_is_reported_once(tmp_path: Path) -> None:
    data = write(tmp_path, {**BASE, "parties.yml": "- id: north\n name: Northland\n",
                            "people.yml": "- id: ada\n  name: Ada\n  party: north\n",
                            "quotes.yml": "- id: q1\n  text: t\n  speaker: ada\n  sources: [s1]\n"})
    _parsed, result = validate(data, tmp_path)
    assert [(d.code, d.location.file) for d in result.diagnostics] == [("BR001", "data/parties.yml")]
