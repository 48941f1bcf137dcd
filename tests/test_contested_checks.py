"""Contested and changing facts through the whole pipeline: accounts (BR100, BR230), report status (BR231),
schedules (BR232), figures over time (BR233), recorded divergences (BR234), forward `supersedes` (BR235),
and approximate dates; each rule with the cases that must fire and the cases that must not.

Every test writes a small briefing into ``tmp_path`` and runs :func:`briefing.pipeline.validate` on it, as
``briefing check`` does, so the codes and the file:line:col editors see are the ones asserted. The base data
refers to every party, person, outlet, source and issue, so a clean case reports nothing at all (no BR220).
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from briefing.diagnostics import Diagnostic
from briefing.model import Event, FuzzyDate, Position, Record, Round, Source
from briefing.pipeline import Options, validate
from briefing.validation import Parsed

TODAY = date(2025, 7, 1)

BASE = {
    "briefing": "title: T\nsubject: S\nas_of: 2025-07-01\n",
    "parties": "- {id: north, name: Northland}\n- {id: south, name: Southland}\n",
    "people": "- {id: ada, name: Ada North, party: north}\n- {id: bo, name: Bo South, party: south}\n",
    "outlets": "- {id: gazette, name: Gazette}\n",
    "sources": "- {id: s1, title: T, outlet: gazette, published: 2025-05-10}\n"
               "- {id: s2, title: U, outlet: gazette, published: 2025-05-20}\n",
    "issues": "- {id: water, title: Water}\n",
    # Two lines: records appended to quotes.yml start on line 3.
    "quotes": "- {id: base-ada, text: t, speaker: ada, to: gazette, issues: [water], sources: [s1, s2]}\n"
              "- {id: base-bo, text: t, speaker: bo, sources: [s1]}\n",
}

Found = tuple[str, str, str]


def run(tmp_path: Path, **collections: str) -> tuple[Parsed, list[Diagnostic]]:
    """Validate the base briefing plus ``collections`` (YAML text, appended to the base file of that name)."""
    data = tmp_path / "data"
    data.mkdir(parents=True)
    for name in {**BASE, **collections}:
        text = BASE.get(name, "") + textwrap.dedent(collections.get(name, ""))
        (data / f"{name}.yml").write_text(text, encoding="utf-8")
    parsed, result = validate(data, tmp_path, Options(today=TODAY))
    return parsed, result.diagnostics


def found(tmp_path: Path, **collections: str) -> list[Found]:
    """Each diagnostic as (code, file:line:col, the source text from the caret to the end of the line)."""
    _parsed, diagnostics = run(tmp_path, **collections)
    return [(d.code, str(d.location), d.source_line[d.location.col - 1:]) for d in diagnostics]


def messages(tmp_path: Path, **collections: str) -> list[str]:
    return [d.message for d in run(tmp_path, **collections)[1]]


def record(tmp_path: Path, record_id: str, **collections: str) -> Record:
    parsed, diagnostics = run(tmp_path, **collections)
    assert diagnostics == []
    return next(e.record for e in parsed.entries if e.record.id == record_id)


# --- plain values and accounts (BR100) -----------------------------------------------------------------

PLAIN_ROUND = """\
    - id: round-1
      number: 1
      status: held
      start: 2025-05-09
      end: 2025-05-10
      location: Rome
      site: the Omani embassy
      format: indirect
      mediator: south
      duration: over four hours
      sources: [s1]
    """


def test_plain_values_are_still_valid(tmp_path: Path) -> None:
    rnd = record(tmp_path, "round-1", rounds=PLAIN_ROUND,
                 events="- {id: e1, title: E, date: 2025-05-01, start: 2025-04-30, end: 2025-05-02, duration: "
                        "three days, sources: [s1]}\n")
    assert isinstance(rnd, Round)
    assert (str(rnd.start), rnd.location, rnd.format, rnd.mediator, rnd.duration) == (
        "2025-05-09", "Rome", "indirect", "south", "over four hours")
    assert rnd.accounts("location") == []
    assert not rnd.is_contested("location")


def test_accounts_of_every_contested_field_validate(tmp_path: Path) -> None:
    rounds = """\
        - id: round-1
          number: 1
          status: held
          start: [{value: 2025-05-09, according_to: gazette, sources: [s1]}, {value: 2025-05-10, sources: [s2]}]
          end: [{value: 2025-05-10, sources: [s1]}]
          location: [{value: Rome, sources: [s1]}, {value: Muscat, according_to: bo, sources: [s2]}]
          site: [{value: the embassy, wording: at the embassy, sources: [s1]}]
          format: [{value: direct, according_to: north, sources: [s1]}, {value: indirect, sources: [s2]}]
          mediator: [{value: south, note: As the paper says., sources: [s1]}]
          duration: [{value: four hours, sources: [s1]}, {value: seven hours, accepted: true, sources: [s2]}]
          sources: [s1]
        """
    rnd = record(tmp_path, "round-1", rounds=rounds)
    assert isinstance(rnd, Round)
    # Without a mark the first account is accepted; a mark overrides the order.
    assert (str(rnd.start), rnd.location, rnd.format, rnd.duration) == (
        "2025-05-09", "Rome", "direct", "seven hours")
    assert rnd.is_contested("location")
    assert not rnd.is_contested("site")


def test_contested_event_and_source_dates_validate(tmp_path: Path) -> None:
    events = "- {id: e1, title: E, date: [{value: 2025-05-01, sources: [s1]}, {value: 2025-05-02~, sources: [s2]}]," \
             " sources: [s1]}\n"
    sources = "- {id: s3, title: V, outlet: gazette, published: [{value: 2025-05-21, sources: [s3]}]}\n"
    parsed, diagnostics = run(tmp_path, events=events, sources=sources,
                              quotes="- {id: q3, text: t, speaker: ada, sources: [s3]}\n")
    assert diagnostics == []
    by_id = {e.record.id: e.record for e in parsed.entries}
    assert isinstance(by_id["e1"], Event)
    assert str(by_id["e1"].date) == "2025-05-01"
    assert isinstance(by_id["s3"], Source)
    assert str(by_id["s3"].published) == "2025-05-21"


def test_an_account_without_sources_is_refused(tmp_path: Path) -> None:
    events = """\
        - id: e1
          title: E
          date:
            - value: 2025-05-01
              sources: [s1]
            - value: 2025-05-02
              according_to: gazette
          sources: [s1]
        """
    assert found(tmp_path, events=events) == [("BR100", "data/events.yml:6:7", "value: 2025-05-02")]
    assert messages(tmp_path / "again", events=events) == ["'date[1].sources' is required"]


def test_an_empty_list_of_accounts_is_refused(tmp_path: Path) -> None:
    rounds = "- {id: round-1, number: 1, status: planned, location: [], sources: [s1]}\n"
    assert [code for code, _where, _at in found(tmp_path, rounds=rounds)] == ["BR100"]


# --- BR230: accepted accounts --------------------------------------------------------------------------

TWO_ACCEPTED = """\
    - id: round-1
      number: 1
      status: held
      start: 2025-05-10
      location:
        - value: Rome
          accepted: true
          sources: [s1]
        - value: Muscat
          accepted: true
          sources: [s2]
      sources: [s1]
    """


def test_two_accepted_accounts_are_reported_at_the_second(tmp_path: Path) -> None:
    assert found(tmp_path, rounds=TWO_ACCEPTED) == [("BR230", "data/rounds.yml:10:17", "true")]
    assert messages(tmp_path / "again", rounds=TWO_ACCEPTED) == [
        "'location' has more than one account marked accepted (also data/rounds.yml:7:17)"]


def test_each_extra_accepted_account_is_reported(tmp_path: Path) -> None:
    sources = """\
        - id: s3
          title: V
          outlet: gazette
          published:
            - {value: 2025-05-21, accepted: true, sources: [s1]}
            - {value: 2025-05-21, sources: [s2]}
            - {value: 2025-05-22, accepted: true, sources: [s2]}
            - {value: 2025-05-23, accepted: true, sources: [s2]}
        """
    quotes = "- {id: q3, text: t, speaker: ada, sources: [s3]}\n"
    assert found(tmp_path, sources=sources, quotes=quotes) == [
        ("BR230", "data/sources.yml:9:37", "true, sources: [s2]}"),
        ("BR230", "data/sources.yml:10:37", "true, sources: [s2]}"),
    ]


def test_accounts_that_agree_are_fine(tmp_path: Path) -> None:
    rounds = """\
        - id: round-1
          number: 1
          status: held
          start: 2025-05-10
          location:
            - {value: Rome, according_to: gazette, accepted: true, sources: [s1]}
            - {value: Rome, according_to: bo, wording: in the Italian capital, sources: [s2]}
          sources: [s1]
        """
    rnd = record(tmp_path, "round-1", rounds=rounds)
    assert isinstance(rnd, Round)
    assert rnd.location == "Rome"
    assert len(rnd.accounts("location")) == 2
    assert not rnd.is_contested("location")


def test_one_accepted_account_is_the_one_the_briefing_goes_by(tmp_path: Path) -> None:
    rounds = textwrap.dedent(TWO_ACCEPTED).replace("      accepted: true\n", "", 1)
    rnd = record(tmp_path, "round-1", rounds=rounds)
    assert isinstance(rnd, Round)
    assert rnd.location == "Muscat"


# --- BR231 and report_by references ------------------------------------------------------------------


def test_denied_without_report_by(tmp_path: Path) -> None:
    quotes = "- id: q1\n  text: t\n  speaker: ada\n  report: denied\n  sources: [s1]\n"
    assert found(tmp_path, quotes=quotes) == [("BR231", "data/quotes.yml:6:11", "denied")]
    assert messages(tmp_path / "again", quotes=quotes) == [
        "the report is marked 'denied' but does not say what denies it"]


def test_overtaken_without_report_by_in_a_schedule_entry(tmp_path: Path) -> None:
    rounds = """\
        - id: round-1
          number: 1
          status: postponed
          schedule:
            - {announced: 2025-05-01, status: scheduled, start: 2025-05-09, report: overtaken, sources: [s1]}
          sources: [s1]
        """
    assert found(tmp_path, rounds=rounds) == [
        ("BR231", "data/rounds.yml:5:77", "overtaken, sources: [s1]}")]
    assert "does not say what overtakes it" in messages(tmp_path / "again", rounds=rounds)[0]


@pytest.mark.parametrize(("status", "shown"), [(None, "not given"), ("reported", "'reported'"),
                                               ("unconfirmed", "'unconfirmed'")])
def test_report_by_needs_a_status_that_uses_it(tmp_path: Path, status: str | None, shown: str) -> None:
    report = f"  report: {status}\n" if status else ""
    quotes = f"- id: q1\n  text: t\n  speaker: ada\n{report}  report_by: [base-ada]\n  sources: [s1]\n"
    line = 7 if status else 6
    assert found(tmp_path, quotes=quotes) == [("BR231", f"data/quotes.yml:{line}:14", "[base-ada]")]
    assert messages(tmp_path / "again", quotes=quotes) == [
        f"'report_by' is given but the report's status is {shown}"]


def test_a_record_cannot_deny_itself(tmp_path: Path) -> None:
    quotes = "- {id: q1, text: t, speaker: ada, report: denied, report_by: [base-bo, q1], sources: [s1]}\n"
    assert found(tmp_path, quotes=quotes) == [("BR231", "data/quotes.yml:3:72", "q1], sources: [s1]}")]


@pytest.mark.parametrize("status", ["confirmed", "denied", "overtaken"])
def test_report_with_its_report_by_is_fine(tmp_path: Path, status: str) -> None:
    quotes = f"- {{id: q1, text: t, speaker: ada, report: {status}, report_by: [base-bo, s2], sources: [s1]}}\n"
    assert found(tmp_path, quotes=quotes) == []


def test_report_in_an_account_and_a_position_is_checked(tmp_path: Path) -> None:
    rounds = """\
        - id: round-1
          number: 1
          status: held
          start: 2025-05-10
          location:
            - {value: Rome, sources: [s1]}
            - {value: Muscat, report: denied, sources: [s2]}
          sources: [s1]
        """
    positions = "- {id: p1, party: north, issue: water, stance: s, report: overtaken, sources: [s1]}\n"
    assert found(tmp_path, rounds=rounds, positions=positions) == [
        ("BR231", "data/positions.yml:1:59", "overtaken, sources: [s1]}"),
        ("BR231", "data/rounds.yml:7:31", "denied, sources: [s2]}"),
    ]


def test_report_by_an_unknown_id(tmp_path: Path) -> None:
    quotes = "- {id: q1, text: t, speaker: ada, report: denied, report_by: [base-bob], sources: [s1]}\n"
    _parsed, diagnostics = run(tmp_path, quotes=quotes)
    assert [(d.code, str(d.location), d.suggestion) for d in diagnostics] == [
        ("BR201", "data/quotes.yml:3:63", "base-bo")]


def test_report_by_in_an_account_an_unknown_id(tmp_path: Path) -> None:
    rounds = """\
        - id: round-1
          number: 1
          status: held
          start: 2025-05-10
          location:
            - {value: Rome, sources: [s1]}
            - {value: Muscat, report: denied, report_by: [nowhere], sources: [s2]}
          sources: [s1]
        """
    assert found(tmp_path, rounds=rounds) == [("BR201", "data/rounds.yml:7:51", "nowhere], sources: [s2]}")]


@pytest.mark.parametrize(("target", "kind"), [("ada", "a person"), ("north", "a party"), ("gazette", "an outlet")])
def test_report_by_the_wrong_kind_of_record(tmp_path: Path, target: str, kind: str) -> None:
    rounds = f"""\
        - id: round-1
          number: 1
          status: held
          start: 2025-05-10
          schedule:
            - announced: 2025-05-01
              status: scheduled
              report: confirmed
              report_by: [{target}]
              sources: [s1]
          sources: [s1]
        """
    assert found(tmp_path, rounds=rounds) == [("BR202", "data/rounds.yml:9:19", f"{target}]")]
    [message] = messages(tmp_path / "again", rounds=rounds)
    assert message.startswith(f"'{target}' is {kind}, but 'schedule.report_by' takes a quote")


def test_hint_for_report_by_names_the_file_of_each_kind(tmp_path: Path) -> None:
    quotes = "- {id: q1, text: t, speaker: ada, report: denied, report_by: [s3], sources: [s1]}\n"
    [diagnostic] = run(tmp_path, quotes=quotes)[1]
    assert "data/sources.yml" in diagnostic.hint


def test_message_for_report_by_lists_the_kinds_as_a_sentence(tmp_path: Path) -> None:
    quotes = "- {id: q1, text: t, speaker: ada, report: denied, report_by: [s3], sources: [s1]}\n"
    assert messages(tmp_path, quotes=quotes) == ["unknown quote, position, event or source 's3'"]


# --- BR232: schedules ----------------------------------------------------------------------------------


def schedule_round(*announced: str, status: str = "held", start: str = "2025-05-10") -> str:
    entries = "".join(f"    - {{announced: {day}, status: planned, sources: [s1]}}\n" for day in announced)
    return (f"- id: round-1\n  number: 1\n  status: {status}\n  start: {start}\n  schedule:\n{entries}"
            "  sources: [s1]\n")


def test_schedule_entry_announced_after_the_round_was_held(tmp_path: Path) -> None:
    rounds = schedule_round("2025-04-01", "2025-05-11")
    assert found(tmp_path, rounds=rounds) == [
        ("BR232", "data/rounds.yml:7:19", "2025-05-11, status: planned, sources: [s1]}")]
    assert messages(tmp_path / "again", rounds=rounds) == [
        "round 1 was held on 2025-05-10, but this schedule entry was announced later (2025-05-11)"]


def test_schedule_entry_out_of_order(tmp_path: Path) -> None:
    rounds = schedule_round("2025-04-01", "2025-03-20", "2025-04-20")
    assert found(tmp_path, rounds=rounds) == [
        ("BR232", "data/rounds.yml:7:19", "2025-03-20, status: planned, sources: [s1]}")]
    assert messages(tmp_path / "again", rounds=rounds) == [
        "schedule entries go oldest first, but this one (2025-03-20) comes after one announced 2025-04-01"]


def test_undated_schedule_entry_keeps_the_order_of_the_one_before(tmp_path: Path) -> None:
    rounds = schedule_round("2025-04-01", "2025-03-20").replace(
        "    - {announced: 2025-03-20", "    - {status: postponed, sources: [s1]}\n    - {announced: 2025-03-20")
    assert found(tmp_path, rounds=rounds) == [
        ("BR232", "data/rounds.yml:8:19", "2025-03-20, status: planned, sources: [s1]}")]


def test_every_schedule_entry_out_of_order_is_reported_in_one_run(tmp_path: Path) -> None:
    rounds = schedule_round("2025-04-01", "2025-03-20", "2025-03-25")
    assert [(code, where) for code, where, _at in found(tmp_path, rounds=rounds)] == [
        ("BR232", "data/rounds.yml:7:19"), ("BR232", "data/rounds.yml:8:19")]


@pytest.mark.parametrize("announced", [("2025-03-20", "2025-04-01", "2025-05-09"), ("2025-05-10",),
                                       ("2025-05",), ("2025-04", "2025-04-15")])
def test_schedule_announced_before_the_round_is_fine(tmp_path: Path, announced: tuple[str, ...]) -> None:
    assert found(tmp_path, rounds=schedule_round(*announced)) == []


@pytest.mark.parametrize("status", ["postponed", "cancelled", "scheduled"])
def test_schedule_of_a_round_not_held_may_run_past_its_start(tmp_path: Path, status: str) -> None:
    assert found(tmp_path, rounds=schedule_round("2025-04-01", "2025-05-12", status=status)) == []


# --- BR233: figures over time --------------------------------------------------------------------------


def figures_event(*figures: str) -> str:
    return "- id: e1\n  title: E\n  figures:\n" + "".join(f"    - {f}\n" for f in figures) + "  sources: [s1]\n"


KILLED = "{id: killed-1, label: killed, value: '12', according_to: north, as_of: 2025-05-02, sources: [s1]}"


def test_figure_revising_a_figure_with_another_label(tmp_path: Path) -> None:
    events = figures_event(KILLED, "{label: injured, value: '40', according_to: north, as_of: 2025-05-05, "
                           "revises: killed-1, sources: [s1]}")
    assert found(tmp_path, events=events) == [("BR233", "data/events.yml:5:86", "killed-1, sources: [s1]}")]
    assert messages(tmp_path / "again", events=events) == [
        "a figure for 'injured' revises 'killed-1', a figure for 'killed'"]


def test_figure_revising_an_unknown_figure(tmp_path: Path) -> None:
    events = figures_event(KILLED, "{label: killed, value: '19', according_to: bo, revises: killed-2, "
                           "sources: [s1]}")
    _parsed, diagnostics = run(tmp_path, events=events)
    assert [(d.code, str(d.location), d.message, d.suggestion) for d in diagnostics] == [
        ("BR233", "data/events.yml:5:63", "no figure with id 'killed-2' in 'e1'", "killed-1")]


def test_figure_revising_itself(tmp_path: Path) -> None:
    events = figures_event("{id: a, label: killed, value: '1', according_to: bo, revises: a, sources: [s1]}")
    assert messages(tmp_path, events=events) == ["figure 'a' revises itself"]


def test_figure_ids_are_unique_in_a_record(tmp_path: Path) -> None:
    events = figures_event(KILLED, KILLED.replace("'12'", "'13'"))
    assert found(tmp_path, events=events) == [("BR233", "data/events.yml:5:12", KILLED.replace("'12'", "'13'")[5:])]


def test_figure_revising_a_later_figure(tmp_path: Path) -> None:
    events = figures_event(KILLED, "{label: killed, value: '9', according_to: bo, as_of: 2025-05-01, "
                           "revises: killed-1, sources: [s1]}")
    assert messages(tmp_path, events=events) == [
        "the figure as of 2025-05-01 revises 'killed-1', given later (2025-05-02)"]


def test_a_series_of_figures_is_fine_in_any_order(tmp_path: Path) -> None:
    events = figures_event(
        KILLED,
        "{id: killed-3, label: killed, value: '30', according_to: bo, as_of: 2025-05-09, revises: killed-2, "
        "sources: [s2]}",
        "{id: killed-2, label: killed, value: '19', according_to: gazette, as_of: 2025-05-05, revises: killed-1, "
        "sources: [s1]}",
        "{label: injured, value: '40', according_to: north, sources: [s1]}")
    assert found(tmp_path, events=events) == []
    rounds = "- id: round-1\n  number: 1\n  status: held\n  start: 2025-05-10\n  figures:\n    - " + KILLED + \
             "\n    - {label: killed, value: '13', according_to: north, revises: killed-1, sources: [s1]}\n" \
             "  sources: [s1]\n"
    assert found(tmp_path / "round", rounds=rounds) == []


def test_a_loop_of_revisions_is_reported(tmp_path: Path) -> None:
    events = figures_event("{id: a, label: k, value: '1', according_to: bo, revises: b, sources: [s1]}",
                           "{id: b, label: k, value: '2', according_to: bo, revises: a, sources: [s1]}")
    assert [code for code, _where, _at in found(tmp_path, events=events)] == ["BR233"]


# --- BR234: divergences ----------------------------------------------------------------------------------


def position(record_id: str, party: str = "north", venue: str = "table", issue: str = "water",
             **fields: str) -> str:
    extra = "".join(f", {key}: {value}" for key, value in fields.items())
    return f"- {{id: {record_id}, party: {party}, issue: {issue}, stance: s, venue: {venue}{extra}, sources: [s1]}}\n"


DIVERGES = "{position: north-table, sources: [s2]}"


def test_divergence_between_table_and_public_of_one_party_is_fine(tmp_path: Path) -> None:
    positions = position("north-table") + position("north-public", venue="public", diverges=DIVERGES)
    parsed, diagnostics = run(tmp_path, positions=positions)
    assert diagnostics == []
    public = next(e.record for e in parsed.entries if e.record.id == "north-public")
    assert isinstance(public, Position)
    assert public.diverges is not None
    assert public.diverges.position == "north-table"


def test_divergence_from_another_partys_position(tmp_path: Path) -> None:
    positions = position("north-table") + position("south-public", "south", "public", diverges=DIVERGES)
    assert found(tmp_path, positions=positions) == [
        ("BR234", "data/positions.yml:2:97", "north-table, sources: [s2]}, sources: [s1]}")]
    assert messages(tmp_path / "again", positions=positions) == [
        "position 'south-public' (south on water) diverges from 'north-table' (north on water)"]


def test_divergence_from_a_position_on_another_issue(tmp_path: Path) -> None:
    issues = "- {id: dams, title: Dams}\n"
    positions = position("north-table") + position("north-dams", venue="public", issue="dams", diverges=DIVERGES)
    assert messages(tmp_path, positions=positions, issues=issues) == [
        "position 'north-dams' (north on dams) diverges from 'north-table' (north on water)"]


@pytest.mark.parametrize("venues", [("public", "public"), ("table", "table"), ("unknown", "public")])
def test_divergence_between_two_positions_at_one_venue(tmp_path: Path, venues: tuple[str, str]) -> None:
    positions = position("north-table", venue=venues[0]) + position("north-later", venue=venues[1],
                                                                    diverges=DIVERGES)
    assert [(code, where) for code, where, _at in found(tmp_path, positions=positions)] == [
        ("BR234", "data/positions.yml:2:96" if venues[1] == "public" else "data/positions.yml:2:95")]
    shown = (f"both are '{venues[0]}'" if venues[0] == venues[1]
             else f"'north-later' is '{venues[1]}' and 'north-table' is '{venues[0]}'")
    assert messages(tmp_path / "again", positions=positions) == [
        f"a divergence needs one stance at the table and one in public; {shown}"]


def test_position_diverging_from_itself(tmp_path: Path) -> None:
    positions = position("north-table", diverges=DIVERGES)
    assert messages(tmp_path, positions=positions) == ["position 'north-table' diverges from itself"]


def test_divergence_from_a_quote_is_a_wrong_kind_reference_only(tmp_path: Path) -> None:
    positions = position("north-public", venue="public", diverges="{position: base-ada, sources: [s2]}")
    assert [code for code, _where, _at in found(tmp_path, positions=positions)] == ["BR202"]


# --- BR235: supersedes forward in time ------------------------------------------------------------------


def test_supersedes_pointing_forward_in_time(tmp_path: Path) -> None:
    positions = (position("north-may", date="2025-05-01", supersedes="north-june")
                 + position("north-june", date="2025-06-01"))
    assert found(tmp_path, positions=positions) == [
        ("BR235", "data/positions.yml:1:102", "north-june, sources: [s1]}")]
    assert messages(tmp_path / "again", positions=positions) == [
        "position 'north-may' (2025-05-01) supersedes 'north-june', which is later (2025-06-01)"]


@pytest.mark.parametrize(("newer", "older"), [("2025-06-01", "2025-05-01"), ("2025-05-01", "2025-05-01"),
                                              ("2025-05", "2025-05-20"), ("2025-05-20~", "2025-05-01")])
def test_supersedes_pointing_back_in_time_is_fine(tmp_path: Path, newer: str, older: str) -> None:
    positions = (position("north-new", date=newer, supersedes="north-old") + position("north-old", date=older))
    assert found(tmp_path, positions=positions) == []


def test_supersedes_between_undated_positions_is_fine(tmp_path: Path) -> None:
    positions = position("north-new", supersedes="north-old") + position("north-old", date="2025-06-01")
    assert found(tmp_path, positions=positions) == []


# --- approximate dates ---------------------------------------------------------------------------------


def test_round_with_an_approximate_start_validates(tmp_path: Path) -> None:
    rnd = record(tmp_path, "round-1", rounds="- {id: round-1, number: 1, status: held, start: 2025-06-13~, "
                 "sources: [s1]}\n")
    assert isinstance(rnd, Round)
    assert rnd.start is not None
    assert rnd.start.display() == "about 13 June 2025"
    assert (rnd.start.approximate, rnd.start.exact_day, rnd.start.iso, str(rnd.start)) == (
        True, False, "2025-06-13", "2025-06-13~")


@pytest.mark.parametrize(("written", "shown"), [
    ("2025-06-13~", "about 13 June 2025"), ("2025-06~", "about June 2025"), ("2025~", "about 2025"),
    ("2025-06-13", "13 June 2025"), ("2025-06-13T10:30+03:30~", "about 13 June 2025, 10:30+03:30")])
def test_approximate_dates_are_shown_as_such(written: str, shown: str) -> None:
    assert FuzzyDate.parse(written).display() == shown


def test_approximate_mark_goes_only_at_the_end(tmp_path: Path) -> None:
    rounds = "- {id: round-1, number: 1, status: held, start: 2025~-06-13, sources: [s1]}\n"
    assert [code for code, _where, _at in found(tmp_path, rounds=rounds)] == ["BR100"]


# --- locations of the older checks on contested fields ------------------------------------------------


def test_held_round_in_the_future_points_at_the_accepted_account(tmp_path: Path) -> None:
    rounds = """\
        - id: round-1
          number: 1
          status: held
          start:
            - {value: 2025-05-01, sources: [s1]}
            - {value: 2025-09-01, accepted: true, sources: [s2]}
          sources: [s1]
        """
    assert found(tmp_path, rounds=rounds) == [("BR204", "data/rounds.yml:6:15",
                                               "2025-09-01, accepted: true, sources: [s2]}")]
