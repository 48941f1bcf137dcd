"""Views derived from the records: the position matrix, stance histories, the timeline and the status box."""

from __future__ import annotations

from typing import Any

from briefing.corpus import Corpus, build_corpus
from briefing.model import Briefing, Event, Issue, Party, Person, Position, Quote, Record, Round

SRC = ["s1"]


def corpus(*records: Record, as_of: str = "2026-02-17") -> Corpus:
    return build_corpus(Briefing(title="T", subject="S", as_of=as_of), list(records))


def pos(record_id: str, party: str = "iran", issue: str = "enrichment", **fields: Any) -> Position:
    return Position(id=record_id, party=party, issue=issue, stance=fields.pop("stance", record_id), sources=SRC,
                    **fields)


def rnd(number: int, status: str = "held", start: str | None = None, **fields: Any) -> Round:
    return Round(id=f"round-{number}", number=number, status=status, start=start, sources=SRC, **fields)


def event(record_id: str, **fields: Any) -> Event:
    return Event(id=record_id, title=record_id, sources=SRC, **fields)


BASE = (Party(id="iran", name="Iran"), Party(id="united-states", name="United States"),
        Party(id="oman", name="Oman"), Issue(id="enrichment", title="Uranium enrichment"),
        Issue(id="missiles", title="Ballistic missiles"))


# --- matrix -------------------------------------------------------------------------------------------


def test_matrix_cells_hold_current_stances_newest_first() -> None:
    c = corpus(*BASE, pos("iran-old", date="2026-01-01"), pos("iran-new", date="2026-02-01", supersedes="iran-old"),
               pos("iran-public", date="2026-02-10", venue="public"))
    issues, parties, cells = c.matrix()
    assert [i.id for i in issues] == ["missiles", "enrichment"]  # by title: Ballistic…, Uranium…
    assert [p.id for p in parties] == ["iran"]  # only parties holding a position
    assert [p.id for p in cells[("enrichment", "iran")].positions] == ["iran-public", "iran-new"]
    assert ("missiles", "iran") not in cells


DIVERGES = {"position": "us-table", "sources": SRC}


def test_divergence_is_shown_where_the_data_records_it() -> None:
    c = corpus(*BASE, pos("us-table", party="united-states", venue="table", stance="respects red lines"),
               pos("us-public", party="united-states", venue="public", stance="zero enrichment", diverges=DIVERGES))
    cell = c.matrix()[2][("enrichment", "united-states")]
    assert cell.divergent
    assert [p.id for p in cell.divergences] == ["us-public"]
    assert not cell.red_line


def test_stances_worded_differently_are_not_a_divergence_unless_recorded() -> None:
    # The real case that misled readers: these two agree, though their labels differ.
    c = corpus(*BASE, pos("a", venue="table", stance="retain domestic enrichment"),
               pos("b", venue="public", stance="zero enrichment means no deal"))
    assert not c.matrix()[2][("enrichment", "iran")].divergent


def test_a_divergence_from_a_superseded_stance_is_not_marked_in_the_matrix() -> None:
    c = corpus(*BASE, pos("us-table", party="united-states", venue="table", stance="x"),
               pos("new-table", party="united-states", venue="table", stance="y", supersedes="us-table"),
               pos("public", party="united-states", venue="public", stance="z", diverges=DIVERGES))
    assert not c.matrix()[2][("enrichment", "united-states")].divergent


def test_red_line_cell() -> None:
    c = corpus(*BASE, pos("a", type="red-line"), pos("b", type="demand", issue="missiles"))
    cells = c.matrix()[2]
    assert cells[("enrichment", "iran")].red_line
    assert not cells[("missiles", "iran")].red_line


# --- stance chains ------------------------------------------------------------------------------------------


def test_stance_chains_follows_supersedes_oldest_first_grouped_by_party() -> None:
    c = corpus(*BASE, pos("us-1", party="united-states", date="2026-01-05"),
               pos("iran-3", date="2026-02-10", supersedes="iran-2"), pos("iran-1", date="2026-01-01"),
               pos("iran-2", date="2026-01-20", supersedes="iran-1"), pos("iran-other", date="2026-01-02"),
               pos("elsewhere", issue="missiles"))
    assert [[p.id for p in chain] for chain in c.stance_chains("enrichment")] == [
        ["iran-1", "iran-2", "iran-3"], ["iran-other"], ["us-1"]]


def test_stance_chains_of_an_issue_without_positions_is_empty() -> None:
    assert corpus(*BASE).stance_chains("missiles") == []


def test_stance_chains_keeps_every_position_when_two_supersede_the_same_one() -> None:
    c = corpus(*BASE, pos("old", date="2026-01-01"),
               pos("new-table", date="2026-02-01", venue="table", supersedes="old"),
               pos("new-public", date="2026-02-02", venue="public", supersedes="old"))
    chains = c.stance_chains("enrichment")
    assert {p.id for chain in chains for p in chain} == {"old", "new-table", "new-public"}
    assert all(chain[0].id == "old" for chain in chains)


# --- timeline -----------------------------------------------------------------------------------------


def test_timeline_in_date_order_with_undated_entries_last() -> None:
    c = corpus(rnd(2, start="2026-02-16", end="2026-02-17"), rnd(1, start="2026-02-06"), rnd(3, "unscheduled"),
               rnd(4, "planned"), event("strikes", duration="12 days"), event("ceasefire", date="2025-06"),
               event("statement", date="2026-02-06T10:00Z"), event("talks-announced", start="2026-01-30",
                                                                  end="2026-02-01"))
    entries = c.timeline()
    assert [e.record.id for e in entries] == ["ceasefire", "talks-announced", "round-1", "statement", "round-2",
                                              "round-3", "round-4", "strikes"]
    by_id = {e.record.id: e for e in entries}
    assert str(by_id["round-2"].until) == "2026-02-17"
    assert str(by_id["talks-announced"].when) == "2026-01-30"
    assert by_id["strikes"].when is None


def test_month_precision_sorts_before_the_days_of_that_month() -> None:
    c = corpus(event("day", date="2026-02-01"), event("month", date="2026-02"), event("year", date="2026"))
    assert [e.record.id for e in c.timeline()] == ["year", "month", "day"]


# --- status -------------------------------------------------------------------------------------------


def test_status_counts_rounds_and_days() -> None:
    c = corpus(rnd(1, start="2026-02-06"), rnd(2, start="2026-02-16", end="2026-02-17"), rnd(3, "unscheduled"),
               as_of="2026-02-17")
    s = c.status()
    assert s.rounds_held == 2
    assert s.last_round is not None and s.last_round.id == "round-2"
    assert s.next_round is not None and s.next_round.id == "round-3"
    assert [(a.id, b.id, days) for a, b, days in s.gaps] == [("round-1", "round-2", 10)]
    assert s.days_since_last == 1
    assert str(s.as_of) == "2026-02-17"


def test_status_gaps_span_month_ends_and_leap_days() -> None:
    c = corpus(rnd(1, start="2024-01-31"), rnd(2, start="2024-03-01"), rnd(3, start="2024-03-11"),
               as_of="2024-04-10T12:00+03:30")
    s = c.status()
    assert [days for _a, _b, days in s.gaps] == [30, 10]
    assert s.days_since_last == 30


def test_status_never_counts_days_from_a_vague_date() -> None:
    c = corpus(rnd(1, start="2026-01"), rnd(2, start="2026-02-16"), as_of="2026-03")
    s = c.status()
    assert s.gaps == ()
    assert s.days_since_last is None


def test_next_round_skips_cancelled_rounds() -> None:
    c = corpus(rnd(1, start="2026-01-10"), rnd(2, "cancelled"), rnd(3, "scheduled", start="2026-03-01"))
    s = c.status()
    assert s.next_round is not None and s.next_round.id == "round-3"


def test_status_before_any_round() -> None:
    s = corpus(rnd(1, "planned")).status()
    assert (s.rounds_held, s.last_round, s.gaps, s.days_since_last) == (0, None, (), None)
    assert s.next_round is not None and s.next_round.id == "round-1"


def test_no_next_round_when_all_are_held() -> None:
    assert corpus(rnd(1, start="2026-01-10")).status().next_round is None


# --- backlinks and ordering ---------------------------------------------------------------------------


def test_referrers_by_collection_and_field() -> None:
    ada = Person(id="ada", name="Ada", party="iran")
    quotes = [Quote(id=f"q{i}", text="t", speaker="ada", round="round-1", date=f"2026-02-0{i}", sources=SRC)
              for i in (2, 1)]
    c = corpus(*BASE, ada, *quotes, rnd(1, start="2026-01-01", delegates=["ada"]),
               pos("p", stated_by="ada", according_to="ada"))
    assert [r.id for r in c.referrers("ada", "quotes", "speaker")] == ["q1", "q2"]
    assert [r.id for r in c.referrers("ada", "rounds")] == ["round-1"]
    assert [r.id for r in c.referrers("ada", "positions")] == ["p"]  # once, though it refers twice
    assert [b.field for b in c.backlinks["ada"] if b.source.id == "p"] == ["stated_by", "according_to"]
    assert {r.id for r in c.referrers("s1")} == {"q1", "q2", "round-1", "p"}


def test_dated_records_sort_by_date_with_undated_last() -> None:
    c = corpus(Quote(id="a", text="t", speaker="x", sources=SRC),
               Quote(id="b", text="t", speaker="x", date="2026-02-17", sources=SRC),
               Quote(id="c", text="t", speaker="x", date="2026-02-06", sources=SRC))
    assert [q.id for q in c.quotes] == ["c", "b", "a"]
