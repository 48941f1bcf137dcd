"""What an editor in a hurry meets: syntax errors that say what to do, no false cascades from a broken file or
record, refused characters reported with the file's other findings, placeholders and dates after the cutoff."""

from __future__ import annotations

import json
import shutil
import string
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import checks
from briefing.checks import CheckContext, index_by_id, run_checks
from briefing.diagnostics import (
    CODES,
    BriefingError,
    Diagnostic,
    Location,
    Severity,
    error,
    format_json,
    format_one,
    with_source_lines,
)
from briefing.loader import load_file, parse_document, read_document
from briefing.model import Briefing, Event, Person, Position, Quote, Record, Round, Source
from briefing.pipeline import Options, validate
from briefing.preview.documents import DocumentCache
from briefing.validation import Entry, Parsed, mentioned_ids, parse
from tests.helpers import ROOT

NAME = "data/quotes.yml"
TODAY = date(2026, 11, 27)
DOC = read_document("[]", "data/records.yml")


def syntax_error(text: str) -> Diagnostic:
    document = read_document(text, NAME)
    assert not document.readable and document.data is None
    assert [d.code for d in document.findings] == ["BR001"]
    return document.findings[0]


# --- syntax errors that say what to do ----------------------------------------------------------------


def test_unquoted_colon_names_the_field_and_writes_the_quoted_value() -> None:
    diag = syntax_error("- id: a\n  speaker: b\n  text: We came: to listen\n")
    assert diag.location == Location(NAME, 3, 16)
    assert diag.message == ("YAML syntax error: the value of 'text' contains ': ', which YAML reads as the start of "
                            "another key")
    assert diag.hint == 'put the value in quotes: text: "We came: to listen"'
    assert diag.context_line == 2


def test_quoting_a_value_with_double_quotes_uses_single_ones() -> None:
    hint = syntax_error('- id: a\n  text: He said "no": twice\n').hint
    assert hint == """put the value in quotes: text: 'He said "no": twice'"""


def test_a_trailing_comment_is_not_put_in_the_quotes() -> None:
    assert syntax_error("- id: a\n  text: We came: to listen  # check\n").hint.endswith('text: "We came: to listen"')


def test_unquoted_colon_inside_a_citation() -> None:
    diag = syntax_error("- id: a\n  sources:\n    - {source: s, note: Date inferred: the same day}\n")
    assert diag.location == Location(NAME, 3, 38)
    assert "inside {…}" in diag.message
    assert diag.hint == 'put the value in quotes: note: "Date inferred: the same day"'


def test_key_indented_under_a_plain_value() -> None:
    diag = syntax_error("- id: a\n  text: hello\n    speaker: b\n")
    assert diag.location == Location(NAME, 3, 5)
    assert diag.message == ("YAML syntax error: 'speaker:' is indented more than 'text:' above, so YAML reads it as "
                            "part of the value of 'text'")
    assert "2 spaces" in diag.hint


def test_key_indented_between_a_folded_block_and_the_fields_points_at_the_edited_line() -> None:
    text = "- id: a\n  context: >-\n    Some words\n    and more.\n   mode: direct\n  sources: [s]\n"
    diag = syntax_error(text)
    assert diag.location == Location(NAME, 5, 4)
    assert "less than the text of 'context:' above" in diag.message
    assert diag.hint == ("line it up with 'context:' (2 spaces) to make it a field, or indent it like the text "
                         "(4 spaces) to make it part of the text")
    assert diag.context_line == 2  # the block's key, shown above the line


@pytest.mark.parametrize(("text", "line", "hint"), [
    ("- id: a\n  text: x\nid: b\n  text: y\n", 3, "start each record with '- ': - id: b"),
    ("- id: a\n  sources:\n    - s1\n    s2\n  speaker: b\n", 4, "write it as an item, like the one above: - s2"),
    ("- id: a\n  sources:\n    - source: s1\n      locator: p\n    source: s2\n", 5,
     "start each item with '- ', as on line 3: - source: s2"),
])
def test_a_missing_dash_is_named_at_its_line(text: str, line: int, hint: str) -> None:
    diag = syntax_error(text)
    assert diag.message == "YAML syntax error: this line is in a list but has no '- '"
    assert (diag.location.line, diag.hint) == (line, hint)


def test_a_record_without_its_dash_inside_the_one_above_is_a_duplicate_id_that_says_so() -> None:
    with pytest.raises(BriefingError) as caught:
        parse_document("- id: a\n  text: x\n\n  id: b\n  text: y\n", NAME)
    diag = caught.value.diagnostics[0]
    assert (diag.code, diag.location.line) == ("BR008", 4)
    assert "is the '- ' missing before 'id:' on line 4?" in diag.hint


@pytest.mark.parametrize(("text", "col", "message"), [
    ("- id: a\n\tspeaker: b\n", 1, "YAML syntax error: a tab indents this line"),
    ("- id: a\n  \tspeaker: b\n", 3, "YAML syntax error: a tab indents this line"),
    ("- id: a\n  speaker: b\n\t\n", 1, "YAML syntax error: a tab on an empty line"),
])
def test_tabs_are_named(text: str, col: int, message: str) -> None:
    diag = syntax_error(text)
    assert (diag.message, diag.location.col) == (message, col)
    assert "tab" in diag.hint


def test_a_tab_indenting_a_field_says_how_many_spaces() -> None:
    assert syntax_error("- id: a\n\tspeaker: b\n").hint.endswith("(2 to line up with 'id:' above)")


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    ('- id: a\n  text: "We came\n  speaker: b\n', 2, 9, "the quote opened here is not closed"),
    ("- id: a\n  sources: [s1, s2\n  speaker: b\n", 2, 12, "the '[' opened here is not closed"),
    ('- id: a\n  text: "We came" to listen\n', 2, 19, "the value of 'text' goes on after its closing quote"),
    ("- id: a\n  speaker:ada\n  text: b\n", 2, 11, "no space after 'speaker:'"),
    ("- id: a\n  text: @handle said\n", 2, 9, "a value cannot start with '@'"),
])
def test_other_common_slips(text: str, line: int, col: int, message: str) -> None:
    diag = syntax_error(text)
    assert (diag.location.line, diag.location.col, diag.message) == (line, col, f"YAML syntax error: {message}")


def test_an_uncommon_error_keeps_the_parser_message() -> None:
    diag = syntax_error("- id: a\n  text: [a, b]]\n")
    assert diag.message.startswith("YAML syntax error: ")
    assert diag.hint


# --- the line above, in the text format ---------------------------------------------------------------


def test_the_line_above_is_shown_and_numbers_line_up() -> None:
    diag = Diagnostic("BR001", Severity.ERROR, "m", Location("f.yml", 10, 3), "h", source_line="  b: 2",
                      context_line=9, context_source="  a: 1")
    assert format_one(diag).splitlines()[1:4] == ["  9 |   a: 1", " 10 |   b: 2", "    |   ^"]


def test_a_line_further_up_is_marked_as_not_adjacent() -> None:
    diag = Diagnostic("BR100", Severity.ERROR, "m", Location("f.yml", 7, 5), source_line="    x: 1", context_line=4,
                      context_source="  text: >-")
    assert format_one(diag).splitlines()[1:5] == [" 4 |   text: >-", "   | ...", " 7 |     x: 1", "   |     ^"]


def test_source_lines_are_attached_with_their_context(tmp_path: Path) -> None:
    (tmp_path / "f.yml").write_text("a: 1\nb: 2\n", encoding="utf-8")
    diag = Diagnostic("BR001", Severity.ERROR, "m", Location("f.yml", 2, 1), context_line=1)
    [attached] = with_source_lines([diag], tmp_path)
    assert (attached.source_line, attached.context_source) == ("b: 2", "a: 1")


def test_bidi_controls_in_a_quoted_line_cannot_reorder_the_message() -> None:
    diag = error("BR011", "m", Location("f.yml", 1, 5))
    shown = format_one(Diagnostic(**{**diag.__dict__, "source_line": "ab \u202ecd"}))
    assert "\u202e" not in shown and "ab \ufffdcd" in shown


def test_json_keeps_its_fields() -> None:
    diag = Diagnostic("BR001", Severity.ERROR, "m", Location("f.yml", 2, 1), "h", source_line="x", context_line=1)
    assert list(json.loads(format_json([diag]))[0]) == ["code", "severity", "message", "file", "line", "column",
                                                         "hint", "suggestion"]


# --- refused characters: reported with the rest -------------------------------------------------------


def test_bidi_controls_are_all_reported_and_the_file_is_still_read() -> None:
    text = '- id: a\n  name: "x\u202ey"\n- id: b\n  name: "\u2067z"\n'
    document = read_document(text, NAME)
    assert document.readable
    assert document.data == [{"id": "a", "name": "x\u202ey"}, {"id": "b", "name": "\u2067z"}]
    assert [(d.code, d.location.line, d.location.col) for d in document.findings] == [("BR011", 2, 11),
                                                                                     ("BR011", 4, 10)]
    with pytest.raises(BriefingError) as caught:  # parse_document, for tools that rewrite files, still refuses
        parse_document(text, NAME)
    assert len(caught.value.diagnostics) == 2


def test_a_control_character_is_reported_and_the_rest_of_the_file_read() -> None:
    document = read_document("- id: a\n  text: bell\x07 here\n  speaker: b\n", NAME)
    assert [(d.code, d.location.line, d.location.col) for d in document.findings] == [("BR001", 2, 13)]
    assert document.data == [{"id": "a", "text": "bell\ufffd here", "speaker": "b"}]


def test_a_control_character_that_breaks_the_yaml_is_reported_once() -> None:
    document = read_document("- id: a\n\x07 text: x\n", NAME)
    assert [d.message for d in document.findings] == ["character U+0007 is not allowed in YAML"]


def test_bidi_and_lookalike_names_in_one_file_are_reported_together(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "briefing.yml").write_text("title: T\nsubject: S\nas_of: 2020-03-01\n", encoding="utf-8")
    (data / "people.yml").write_text('- id: a\n  name: "\u0639\u0644\u064a"\n- id: b\n  name: "\u0639\u0644\u06cc"\n'
                                     '- id: c\n  name: "C\u202e"\n  party: nowhere\n', encoding="utf-8")
    _parsed, result = validate(data, tmp_path, Options(today=TODAY))
    codes = [(d.code, d.location.line) for d in result.diagnostics]
    assert ("BR011", 6) in codes and ("BR213", 4) in codes and ("BR201", 7) in codes


def test_lookalike_names_ignore_invisible_controls() -> None:
    people = (Person(id="a", name="Ada"), Person(id="b", name="\u202eAda"))
    assert [d.code for d in checks.lookalike_names(_context(*people))] == ["BR213"]


# --- no false cascades --------------------------------------------------------------------------------


def test_a_broken_copy_of_the_shipped_briefing_reports_only_its_error(tmp_path: Path) -> None:
    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    quotes = data / "quotes.yml"
    text = quotes.read_text(encoding="utf-8")
    assert "\n  mode: direct\n" in text
    quotes.write_text(text.replace("\n  mode: direct\n", "\n  mode: direct: or not\n", 1), encoding="utf-8")
    _parsed, result = validate(data, tmp_path)
    assert [(d.code, d.location.file) for d in result.diagnostics] == [("BR001", "data/quotes.yml")]


def test_an_unreadable_file_mentions_its_ids(tmp_path: Path) -> None:
    document = read_document("- id: q\n  speaker: ada-north\n  text: a: b\n  sources: [s-1]\n", NAME)
    assert {"q", "ada-north", "s-1"} <= (document.mentions or set())
    path = tmp_path / "data" / "quotes.yml"
    path.parent.mkdir()
    path.write_bytes(b"- id: q\n  speaker: ada-north\n  text: caf\xe9\n")
    loaded = load_file(path, tmp_path)
    assert not loaded.readable and [d.code for d in loaded.findings] == ["BR003"]
    assert "ada-north" in (loaded.mentions or set())


def test_a_broken_document_is_reported_by_parse_and_counted_as_not_read() -> None:
    parsed = parse(None, {"quotes": [read_document("- id: q\n  speaker: ada\n  text: a: b\n", NAME)]})
    assert [d.code for d in parsed.diagnostics] == ["BR001"]
    assert parsed.broken == {"quotes"} and parsed.not_read == {"quotes"}
    assert "ada" in parsed.mentioned
    assert parsed.entries == []


def test_a_broken_briefing_file_is_not_reported_missing() -> None:
    parsed = parse(read_document("title: T\nsubject: a: b\n", "data/briefing.yml"), {})
    assert [d.code for d in run_checks(parsed, TODAY)] == []
    assert [d.code for d in parsed.diagnostics] == ["BR001"]


def test_the_document_cache_keeps_a_broken_file_until_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "data" / "quotes.yml"
    path.parent.mkdir()
    path.write_text("- id: q\n  text: a: b\n", encoding="utf-8")
    cache = DocumentCache()
    first = cache.load(path, tmp_path)
    assert not first.readable and cache.load(path, tmp_path) is first
    path.write_text("- id: q\n  text: 'a: b'\n", encoding="utf-8")
    assert cache.load(path, tmp_path).data == [{"id": "q", "text": "a: b"}]


def test_an_invalid_record_still_refers_to_what_it_names() -> None:
    raw = {"id": "flood", "title": "Flood", "parties": ["north"], "people": ["ada"], "organizations": ["watch"],
           "summary": "plain-words", "figures": [{"label": "killed", "value": "12", "as_of": "2020-01-11",
                                                  "sources": ["s2"]}],
           "date": [{"value": "2020-01-09", "according_to": "courier", "sources": [{"source": "s3"}]}],
           "sources": ["s1"], "speeker": "bob"}
    assert set(mentioned_ids(Event, raw)) == {"north", "ada", "watch", "s2", "courier", "s3", "s1", "bob"}


def test_a_record_with_one_bad_field_keeps_its_references_counted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    files = {
        "briefing.yml": "title: T\nsubject: S\nas_of: 2020-03-01\n",
        "parties.yml": "- id: north\n  name: North\n",
        "people.yml": "- id: ada\n  name: Ada\n",
        "outlets.yml": "- id: gazette\n  name: Gazette\n",
        "sources.yml": "- id: s1\n  title: T\n  outlet: gazette\n  published: 2020-01-10\n",
        "events.yml": "- id: flood\n  title: Flood\n  parties: [north]\n  people: [ada]\n  figures:\n"
                      "    - {label: killed, value: '12', sources: [s1]}\n  sources: [s1]\n",
    }
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    _parsed, result = validate(data, tmp_path)
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("BR100", "'figures[0].according_to' is required")]


def test_nothing_is_reported_unused_while_a_file_cannot_be_read_even_as_text() -> None:
    parsed = Parsed(entries=[Entry(Person(id="ada", name="Ada"), DOC, (0,))], unseen={"quotes"})
    assert list(checks.unreferenced_records(CheckContext(parsed, index_by_id(parsed.entries), TODAY))) == []


def test_the_language_check_waits_for_the_briefing() -> None:
    quote = Quote(id="q", text="t", speaker="ada", original={"lang": "en", "text": "t"}, sources=["s1"])
    assert list(checks.translations(_context(quote, with_briefing=False))) == []
    assert [d.code for d in checks.translations(_context(quote))] == ["BR237"]


# --- a key indented into a block of text --------------------------------------------------------------


FOLDED = "- id: q\n  text: t\n  context: >-\n    Some words.\n    speaker: ada\n  sources: [s1]\n"


def test_a_required_field_indented_into_a_block_is_reported_at_its_line() -> None:
    parsed = parse(None, {"quotes": [read_document(FOLDED, NAME)]})
    [diag] = parsed.diagnostics
    assert (diag.code, diag.location, diag.context_line) == ("BR100", Location(NAME, 5, 5), 3)
    assert diag.message.startswith("'speaker' is required: 'speaker:' is here, but indented into the text of "
                                   "'context' above")


def test_an_optional_field_indented_into_a_block_is_a_warning() -> None:
    text = FOLDED.replace("    speaker: ada\n", "    mode: paraphrase\n").replace("  text: t\n", "  text: t\n"
                                                                                     "  speaker: ada\n")
    parsed = parse(None, {"quotes": [read_document(text, NAME)]})
    assert parsed.diagnostics == []
    found = list(checks.folded_fields(CheckContext(parsed, index_by_id(parsed.entries), TODAY)))
    assert [(d.code, d.severity, d.location, d.context_line) for d in found] == [
        ("BR242", Severity.WARNING, Location(NAME, 6, 5), 4)]


@pytest.mark.parametrize("line", ["    Ceasefire: agreed.", "    speaker: again", "    words: many"])
def test_prose_in_a_block_is_not_taken_for_a_field(line: str) -> None:
    # Capitalised, a field the record gives anyway, a word that is no field.
    text = f"- id: q\n  text: t\n  speaker: ada\n  context: >-\n    Some words.\n{line}\n  sources: [s1]\n"
    parsed = parse(None, {"quotes": [read_document(text, NAME)]})
    assert list(checks.folded_fields(CheckContext(parsed, index_by_id(parsed.entries), TODAY))) == []


# --- placeholders -------------------------------------------------------------------------------------


def _context(*records: Record, with_briefing: bool = True, as_of: str = "2026-02-17",
             today: date = TODAY) -> CheckContext:
    entries = [Entry(record, DOC, (index,)) for index, record in enumerate(records)]
    briefing = Briefing(title="T", subject="S", as_of=as_of) if with_briefing else None
    parsed = Parsed(briefing=briefing, briefing_document=read_document("{}", "data/briefing.yml"), entries=entries)
    return CheckContext(parsed, index_by_id(entries), today)


def _placeholders(quotes: str, briefing: str = "title: T\nsubject: S\nas_of: 2026-02-17\n") -> list[Diagnostic]:
    parsed = parse(read_document(briefing, "data/briefing.yml"), {"quotes": [read_document(quotes, NAME)]})
    return list(checks.placeholders(CheckContext(parsed, index_by_id(parsed.entries), TODAY)))


def test_todo_values_are_errors_named_by_field_at_their_line() -> None:
    found = _placeholders('- id: q\n  speaker: ada\n  text: "TODO: the words, verbatim as published"\n'
                          '  sources: [{source: s1, locator: "TODO: para N"}]\n')
    assert [(d.code, d.severity, d.message, d.location) for d in found] == [
        ("BR240", Severity.ERROR, "'text' is still a placeholder: 'TODO: the words, verbatim as published'",
         Location(NAME, 3, 9)),
        ("BR240", Severity.ERROR, "'sources[0].locator' is still a placeholder: 'TODO: para N'",
         Location(NAME, 4, 35))]
    assert CODES["BR240"].severity is Severity.ERROR


@pytest.mark.parametrize(("text", "flagged"), [("TODO", True), ("'  TODO name'", True), ("'TODO: x'", True),
                                               ("TODOS los días", False), ("todo el mundo", False),
                                               ("Nothing TODO here", False)])
def test_only_values_that_start_with_todo_are_placeholders(text: str, flagged: bool) -> None:
    found = _placeholders(f"- id: q\n  speaker: ada\n  text: {text}\n  sources: [s1]\n")
    assert bool(found) is flagged


def test_a_todo_in_the_briefing_is_found() -> None:
    found = _placeholders("[]\n", 'title: "TODO: title"\nsubject: S\nas_of: 2026-02-17\n')
    assert [(d.message, d.location.file) for d in found] == [("'title' is still a placeholder: 'TODO: title'",
                                                             "data/briefing.yml")]


def test_a_record_that_fails_the_schema_reports_its_own_error_only() -> None:
    assert _placeholders('- id: q\n  text: "TODO: words"\n  sources: [s1]\n') == []


# --- dates after the information cutoff ---------------------------------------------------------------


def _after(*records: Record, as_of: str = "2026-02-17") -> list[str]:
    return [d.message.split("'")[1] for d in checks.dates_after_cutoff(_context(*records, as_of=as_of))]


@pytest.mark.parametrize("record", [
    Quote(id="q", text="t", speaker="p", date="2026-02-18", sources=["s"]),
    Position(id="p", party="n", issue="i", stance="s", date="2026-03", sources=["s"]),
    Source(id="s", title="T", outlet="o", published="2026-02-20"),
    Event(id="e", title="E", date="2026-02-19", sources=["s"]),
    Event(id="e", title="E", start="2026-02-19", sources=["s"]),
    Round(id="r", number=1, status="held", start="2026-03-01", sources=["s"]),
])
def test_a_fact_dated_after_the_cutoff_is_a_warning(record: Record) -> None:
    found = list(checks.dates_after_cutoff(_context(record)))
    assert [(d.code, d.severity) for d in found] == [("BR241", Severity.WARNING)]
    assert "is after the information cutoff (as_of 2026-02-17)" in found[0].message


@pytest.mark.parametrize("record", [
    Round(id="r", number=1, status="scheduled", start="2026-03-01", sources=["s"]),
    Round(id="r", number=1, status="planned", start="2026-04", sources=["s"]),
    Round(id="r", number=1, status="postponed", start="2026-03-01", end="2026-03-02", sources=["s"]),
    Round(id="r", number=1, status="scheduled", schedule=[{"announced": "2026-02-10", "status": "scheduled",
                                                           "start": "2026-03-01", "sources": ["s"]}],
          sources=["s"]),
    Event(id="e", title="Truce", start="2026-02-01", end="2026-03-30", sources=["s"]),
    Source(id="s", title="T", outlet="o", published="2026-02-10", accessed="2026-05-01"),
    Quote(id="q", text="t", speaker="p", date="2026-02-18~", sources=["s"]),
    Quote(id="q", text="t", speaker="p", date="2026-02", sources=["s"]),
    Quote(id="q", text="t", speaker="p", date="2026-02-17T23:30+03:30", sources=["s"]),
])
def test_dates_that_may_lie_after_the_cutoff_are_not_reported(record: Record) -> None:
    assert _after(record) == []


def test_a_cutoff_known_to_the_month_covers_the_month() -> None:
    quote = Quote(id="q", text="t", speaker="p", date="2026-02-27", sources=["s"])
    assert _after(quote, as_of="2026-02") == []
    assert _after(quote, as_of="2026-01") == ["date"]


def test_schedule_announcements_and_figures_are_dated_facts() -> None:
    rnd = Round(id="r", number=2, status="scheduled", start="2026-03-10",
                schedule=[{"announced": "2026-02-20", "status": "postponed", "start": "2026-03-10",
                           "sources": ["s"]}], sources=["s"])
    event = Event(id="e", title="E", date="2026-02-01", sources=["s"],
                  figures=[{"label": "l", "value": "1", "according_to": "n", "as_of": "2026-02-21", "sources": ["s"]}])
    assert _after(rnd, event) == ["schedule[0].announced", "figures[0].as_of"]


def test_the_accepted_account_of_a_contested_date_is_the_one_compared() -> None:
    event = Event(id="e", title="E", sources=["s"], date=[
        {"value": "2026-02-10", "sources": ["s"]}, {"value": "2026-02-25", "sources": ["s"]}])
    assert _after(event) == []
    event = Event(id="e", title="E", sources=["s"], date=[
        {"value": "2026-02-10", "sources": ["s"]}, {"value": "2026-02-25", "accepted": "true", "sources": ["s"]}])
    assert _after(event) == ["date"]


def test_a_held_round_in_the_future_is_reported_once_as_br204() -> None:
    rnd = Round(id="r", number=1, status="held", start="2026-12-01", sources=["s"])
    assert _after(rnd) == []
    assert [d.code for d in checks.round_chronology(_context(rnd))] == ["BR204"]


def test_an_implausible_year_is_reported_once_as_br211() -> None:
    quote = Quote(id="q", text="t", speaker="p", date="2999-01-01", sources=["s"])
    assert _after(quote) == []


def test_without_a_briefing_there_is_no_cutoff_to_compare() -> None:
    quote = Quote(id="q", text="t", speaker="p", date="2026-05-01", sources=["s"])
    assert list(checks.dates_after_cutoff(_context(quote, with_briefing=False))) == []


def test_new_codes_are_documented() -> None:
    assert CODES["BR241"].severity is Severity.WARNING
    assert CODES["BR242"].severity is Severity.WARNING
    assert CODES["BR240"].title == "Placeholder left in"


@pytest.mark.parametrize("text", ["- id: a\n  sources: [s1, s2\n", "- id: a\n  sources: [s1, s2"])
def test_a_bracket_left_open_at_the_end_of_the_file_is_named_where_it_opens(text: str) -> None:
    diag = syntax_error(text)
    assert (diag.location.line, diag.location.col) == (2, 12)
    assert diag.message == "YAML syntax error: the '[' opened here is not closed"


def test_an_error_on_a_last_line_without_a_line_end_is_explained_there() -> None:
    diag = syntax_error("- id: a\n  context: >-\n    Words.\n   mode: direct")
    assert diag.location == Location(NAME, 4, 4)


YAMLISH = st.text(alphabet=string.printable + "‘’“”ÄیيØ\u202e\x07\x85\u2028:-#>|[]{}\t ", max_size=200)


@settings(max_examples=400, deadline=None)
@given(YAMLISH)
def test_reading_never_raises_and_every_finding_is_in_the_file(text: str) -> None:
    for wrapped in (text, f"- id: x\n  text: {text}\n  context: >-\n    {text}\n  sources: [s]\n"):
        document = read_document(wrapped, NAME)
        assert all(d.location.file == NAME and d.code.startswith("BR") for d in document.findings)
        assert document.readable or document.findings
        parse(None, {"quotes": [document]})
