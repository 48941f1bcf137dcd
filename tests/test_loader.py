"""The loader: YAML text becomes plain values that remember where they were written, or a diagnostic."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefing.diagnostics import BriefingError, Diagnostic, Location, Severity
from briefing.loader import MAX_FILE_BYTES, find_files, load_file, parse_document, unknown_file_diagnostic
from briefing.pipeline import validate

NAME = "data/quotes.yml"


def refused(text: str) -> Diagnostic:
    """The one diagnostic the loader raises for ``text``."""
    with pytest.raises(BriefingError) as caught:
        parse_document(text, NAME)
    assert len(caught.value.diagnostics) == 1
    return caught.value.diagnostics[0]


def refused_file(path: Path, root: Path) -> Diagnostic:
    """The one finding of a file the loader could not read (load_file reports it rather than raising)."""
    document = load_file(path, root)
    assert not document.readable and document.data is None
    assert len(document.findings) == 1
    return document.findings[0]


# --- every scalar stays text --------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["NO", "yes", "on", "012", "1:20", "2026-02-17", "1.10", "0x1F", "1e3", ".inf",
                                     "true"])
def test_plain_scalars_stay_the_text_the_editor_wrote(written: str) -> None:
    doc = parse_document(f"value: {written}\nlist: [{written}]\n", NAME)
    assert doc.data == {"value": written, "list": [written]}


@pytest.mark.parametrize("written", ["", "~", "null", "Null", "NULL"])
def test_null_words_mean_no_value(written: str) -> None:
    assert parse_document(f"value: {written}\n", NAME).data == {"value": None}


@pytest.mark.parametrize("written", ["'null'", '"~"', "''"])
def test_quoted_null_words_stay_text(written: str) -> None:
    assert parse_document(f"value: {written}\n", NAME).data == {"value": written[1:-1]}


def test_block_scalars_keep_their_text() -> None:
    doc = parse_document("text: >-\n  Today’s indirect\n  negotiations\nnote: |\n  a\n  b\n", NAME)
    assert doc.data == {"text": "Today’s indirect negotiations", "note": "a\nb\n"}


# --- positions ----------------------------------------------------------------------------------------


POSITIONED = """\
- id: albusaidi-good-progress
  speaker: badr-albusaidi
  issues: [negotiation-process, pace]
  sources:
    - {source: tehran-times, locator: "para 5"}
"""


def test_values_and_keys_have_one_based_line_and_column() -> None:
    doc = parse_document(POSITIONED, NAME)
    assert doc.values[()] == Location(NAME, 1, 1)
    assert doc.values[(0,)] == Location(NAME, 1, 3)
    assert doc.keys[(0, "id")] == Location(NAME, 1, 3)
    assert doc.values[(0, "id")] == Location(NAME, 1, 7)
    assert doc.keys[(0, "speaker")] == Location(NAME, 2, 3)
    assert doc.values[(0, "speaker")] == Location(NAME, 2, 12)
    assert doc.values[(0, "issues", 0)] == Location(NAME, 3, 12)
    assert doc.values[(0, "issues", 1)] == Location(NAME, 3, 33)
    assert doc.values[(0, "sources", 0)] == Location(NAME, 5, 7)
    assert doc.keys[(0, "sources", 0, "locator")] == Location(NAME, 5, 30)
    assert doc.values[(0, "sources", 0, "locator")] == Location(NAME, 5, 39)


def test_locate_falls_back_to_the_nearest_written_ancestor() -> None:
    doc = parse_document(POSITIONED, NAME)
    # A field that is not written (a default) is reported at its record.
    assert doc.locate((0, "date")) == Location(NAME, 1, 3)
    assert doc.locate((0, "speaker"), key=True) == Location(NAME, 2, 3)
    assert str(doc.locate((0, "issues", 1))) == "data/quotes.yml:3:33"


# --- what the loader refuses --------------------------------------------------------------------------


def test_duplicate_key_is_refused_with_both_lines() -> None:
    diag = refused("- id: a\n  text: one\n  speaker: x\n  text: two\n")
    assert (diag.code, diag.severity) == ("BR008", Severity.ERROR)
    assert diag.location == Location(NAME, 4, 3)
    assert diag.message == "duplicate key 'text' (first at line 2)"


def test_duplicate_key_in_a_nested_mapping_is_refused() -> None:
    diag = refused("- id: a\n  sources:\n    - source: s\n      locator: p1\n      locator: p2\n")
    assert diag.code == "BR008"
    assert diag.location == Location(NAME, 5, 7)
    assert "'locator' (first at line 4)" in diag.message


def test_duplicate_key_in_a_flow_mapping_is_refused() -> None:
    diag = refused("- {id: a, id: b}\n")
    assert (diag.code, diag.location) == ("BR008", Location(NAME, 1, 11))


def test_same_key_in_two_records_is_fine() -> None:
    assert parse_document("- id: a\n- id: b\n", NAME).data == [{"id": "a"}, {"id": "b"}]


def test_anchor_is_refused() -> None:
    diag = refused("- id: a\n  speaker: &who abbas\n")
    assert diag.code == "BR005"
    assert diag.location == Location(NAME, 2, 12)
    assert "&who" in diag.message


def test_alias_is_refused() -> None:
    diag = refused("- id: a\n  speaker: *who\n")
    assert (diag.code, diag.location) == ("BR005", Location(NAME, 2, 12))
    assert "*who" in diag.message


def test_merge_key_with_alias_is_refused() -> None:
    assert refused("- id: a\n  <<: *base\n").code == "BR005"


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['ls']", "!!str 012", "!local x"])
def test_tags_are_refused(tag: str) -> None:
    diag = refused(f"- id: a\n  text: {tag}\n")
    assert diag.code == "BR006"
    assert diag.location == Location(NAME, 2, 9)
    assert "not allowed" in diag.message


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    diag = refused(f"- id: a\n  text: !!python/object/apply:os.system ['touch {marker}']\n")
    assert diag.code == "BR006"
    assert not marker.exists()


def test_a_second_document_is_refused() -> None:
    diag = refused("- id: a\n---\n- id: b\n")
    assert (diag.code, diag.location) == ("BR001", Location(NAME, 2, 1))
    assert "second" in diag.message


def test_one_explicit_document_start_is_fine() -> None:
    assert parse_document("---\n- id: a\n", NAME).data == [{"id": "a"}]


def test_mapping_as_key_is_refused() -> None:
    diag = refused("? [a, b]\n: value\n")
    assert diag.code == "BR001"
    assert diag.location.line == 1


def test_deeply_nested_flow_fails_fast_without_recursion_error() -> None:
    started = time.monotonic()
    with pytest.raises(BriefingError) as caught:
        parse_document("[" * 5000, NAME)
    assert time.monotonic() - started < 2
    assert caught.value.diagnostics[0].code in {"BR001", "BR007"}
    assert caught.value.diagnostics[0].location.line == 1


def test_deep_block_nesting_is_refused_with_its_line() -> None:
    text = "a:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 40))
    diag = refused(text)
    assert diag.code == "BR007"
    assert diag.location.line == 33


def test_tab_indentation_hint_mentions_tabs() -> None:
    diag = refused("- id: a\n\tspeaker: b\n")
    assert diag.code == "BR001"
    assert diag.location.line == 2
    assert "tab" in diag.hint


def test_syntax_error_points_at_the_problem() -> None:
    diag = refused("- id: a\n  text: We came: to listen\n")
    assert diag.code == "BR001"
    assert diag.location == Location(NAME, 2, 16)
    assert diag.message.startswith("YAML syntax error: ")
    assert "tab" not in diag.hint


def test_unclosed_quote_points_at_where_the_quote_starts() -> None:
    diag = refused('- id: a\n  text: "We came to listen.\n  speaker: b\n  sources: [s]\n')
    assert diag.location.line == 2 or "line 2" in diag.message


# --- files --------------------------------------------------------------------------------------------


def data_file(tmp_path: Path, content: bytes, name: str = "quotes.yml") -> Path:
    path = tmp_path / "data" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_bom_and_crlf_are_accepted_with_true_positions(tmp_path: Path) -> None:
    path = data_file(tmp_path, "\ufeff- id: a\r\n  text: “We’re here”\r\n".encode())
    doc = load_file(path, tmp_path)
    assert doc.file == "data/quotes.yml"
    assert doc.data == [{"id": "a", "text": "“We’re here”"}]
    assert doc.values[(0, "text")] == Location("data/quotes.yml", 2, 9)


def test_invalid_utf8_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    path = data_file(tmp_path, b"- id: a\n  text: caf\xe9 ok\n")
    diag = refused_file(path, tmp_path)
    assert diag.code == "BR003"
    assert diag.location == Location("data/quotes.yml", 2, 12)
    assert "0xe9" in diag.message
    assert "UTF-8" in diag.hint


def test_invalid_utf8_after_a_bom_is_reported_where_it_is(tmp_path: Path) -> None:
    path = data_file(tmp_path, b"\xef\xbb\xbf- id: a\n\xff text: b\n")
    diag = refused_file(path, tmp_path)
    assert diag.location == Location("data/quotes.yml", 2, 1)
    assert "0xff" in diag.message


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = data_file(tmp_path, b"#" * (MAX_FILE_BYTES + 1))
    diag = refused_file(path, tmp_path)
    assert diag.code == "BR002"
    assert diag.location == Location("data/quotes.yml")
    assert "data/quotes/" in diag.hint


# --- finding the collection files ---------------------------------------------------------------------


def touch(path: Path, text: str = "[]\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_find_files_single_file_form(tmp_path: Path) -> None:
    briefing = touch(tmp_path / "briefing.yml")
    quotes = touch(tmp_path / "quotes.yml")
    people = touch(tmp_path / "people.yaml")
    found = find_files(tmp_path)
    assert found.briefing == briefing
    assert found.collections == {"quotes": [quotes], "people": [people]}
    assert found.unknown == []


def test_find_files_folder_form_and_both_together(tmp_path: Path) -> None:
    single = touch(tmp_path / "quotes.yml")
    feb = touch(tmp_path / "quotes" / "2026-02.yml")
    jan = touch(tmp_path / "quotes" / "2026-01.yml")
    touch(tmp_path / "quotes" / "README.md")
    found = find_files(tmp_path)
    assert found.collections == {"quotes": [single, jan, feb]}


def test_unknown_file_is_reported_with_did_you_mean(tmp_path: Path) -> None:
    typo = touch(tmp_path / "data" / "quote.yml")
    found = find_files(tmp_path / "data")
    assert found.unknown == [typo]
    diag = unknown_file_diagnostic(typo, tmp_path)
    assert (diag.code, diag.severity) == ("BR004", Severity.WARNING)
    assert diag.location == Location("data/quote.yml")
    assert diag.suggestion == "quotes.yml"
    assert "quotes.yml" in diag.hint


def test_unknown_file_without_close_name_has_no_suggestion(tmp_path: Path) -> None:
    stray = touch(tmp_path / "data" / "zzzz.yml")
    assert unknown_file_diagnostic(stray, tmp_path).suggestion == ""


def test_unknown_folder_is_reported(tmp_path: Path) -> None:
    touch(tmp_path / "data" / "briefing.yml", "title: t\nsubject: s\nas_of: 2020\n")
    touch(tmp_path / "data" / "quote" / "2020-01.yml")
    _parsed, result = validate(tmp_path / "data", tmp_path)
    assert [d.code for d in result.diagnostics] == ["BR004"]
    assert result.diagnostics[0].suggestion.startswith("quotes")


def test_records_from_folder_files_are_all_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    touch(data / "briefing.yml", "title: t\nsubject: s\nas_of: 2020-03-01\n")
    touch(data / "outlets.yml", "- id: gazette\n  name: Gazette\n")
    touch(data / "sources.yml", "- id: s1\n  title: T\n  outlet: gazette\n  published: 2020-01-01\n")
    touch(data / "people.yml", "- id: ada\n  name: Ada\n")
    touch(data / "quotes" / "2020-01.yml", "- id: q1\n  text: One\n  speaker: ada\n  sources: [s1]\n")
    touch(data / "quotes" / "2020-02.yml", "- id: q2\n  text: Two\n  speaker: ada\n  sources: [s1]\n")
    parsed, result = validate(data, tmp_path)
    assert result.diagnostics == []
    quotes = {e.record.id: e.document.file for e in parsed.entries if e.record.collection == "quotes"}
    assert quotes == {"q1": "data/quotes/2020-01.yml", "q2": "data/quotes/2020-02.yml"}
