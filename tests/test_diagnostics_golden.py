"""What ``briefing check`` prints for broken data: golden cases, exact text.

Each folder in tests/cases/ holds a small ``data/`` and ``expected.txt``: the exact stderr of
``briefing check`` run from that folder. ``UPDATE_GOLDEN=1`` rewrites the expected files from the current
output (then read every changed file before committing it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefing.cli import main

CASES = Path(__file__).parent / "cases"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
KNOWN_BUGS: dict[str, str] = {}


def _cases() -> list[object]:
    names = sorted(p.name for p in CASES.iterdir() if (p / "data").is_dir())
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_BUGS[name], strict=True)) if name in KNOWN_BUGS
        else name
        for name in names
    ]


def run_check(case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
              *options: str) -> tuple[int, str, str]:
    monkeypatch.chdir(case)
    code = main(["check", str(case / "data"), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_there_are_golden_cases() -> None:
    assert len(_cases()) >= 12


@pytest.mark.parametrize("name", _cases())
def test_check_output_matches_golden(name: str, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES / name
    code, out, err = run_check(case, monkeypatch, capsys)
    expected_file = case / "expected.txt"
    if UPDATE and name not in KNOWN_BUGS:
        # Regenerating is for an editor's machine, and never passes by itself: review the diff, then run again.
        assert not os.environ.get("CI"), "UPDATE_GOLDEN=1 is not for CI: golden files are compared there"
        before = expected_file.read_text(encoding="utf-8") if expected_file.exists() else None
        expected_file.write_text(err, encoding="utf-8")
        assert before == err, f"{name}/expected.txt regenerated: review `git diff tests/cases` and run again"
    assert out == ""
    assert err == expected_file.read_text(encoding="utf-8")
    # A case of warnings only (e.g. date-after-as-of) passes a plain check; any error fails it.
    assert code == (1 if " error[" in err else 0)
    assert err


# --- other formats and exit codes ---------------------------------------------------------------------


def test_json_format_gives_file_line_column_and_code(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_check(CASES / "missing-and-unknown-field", monkeypatch, capsys, "--format", "json")
    assert code == 1
    assert err == ""
    found = json.loads(out)
    assert found == [
        {"code": "BR100", "severity": "error", "message": "'speaker' is required", "file": "data/quotes.yml",
         "line": 6, "column": 3, "hint": "add 'speaker:' (Who said it: a person, or an organization for a "
                                         "statement.)", "suggestion": None},
        {"code": "BR100", "severity": "error", "message": "unknown field 'speeker'", "file": "data/quotes.yml",
         "line": 8, "column": 3,
         "hint": "allowed fields: id, text, speaker, to, relayed_by, posted_by, date, round, issues, context, "
                 "mode, language, original, original_language, translated_by, variant_of, report, report_by, "
                 "sources",
         "suggestion": "speaker"},
    ]


def test_github_format_gives_annotations(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run_check(CASES / "unknown-reference", monkeypatch, capsys, "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::error file=data/quotes.yml,line=8,col=12,title=BR201::unknown person or organization 'ada-nort'"
        "%0Ahint: 'speaker' takes the id of a person or organization defined in data/people.yml or "
        "data/organizations.yml%0Adid you mean 'ada-north'?"
    ]


def write_clean_data(folder: Path) -> Path:
    """A tiny briefing with nothing to report: one held round, its source and the source's outlet."""
    data = folder / "data"
    data.mkdir()
    files = {
        "briefing.yml": "title: T\nsubject: S\nas_of: 2020-03-01\n",
        "outlets.yml": "- id: gazette\n  name: Gazette\n",
        "sources.yml": "- id: s1\n  title: T\n  outlet: gazette\n  published: 2020-01-10\n",
        "rounds.yml": "- id: round-1\n  number: 1\n  status: held\n  start: 2020-01-09\n  sources: [s1]\n",
    }
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    return data


def test_clean_data_exits_zero_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    write_clean_data(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "data: no problems found (0 errors, 0 warnings)\n"
    assert captured.err == ""


def test_clean_data_in_json_is_an_empty_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    write_clean_data(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_warnings_pass_unless_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = write_clean_data(tmp_path)
    (data / "quote.yml").write_text("[]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    err = capsys.readouterr().err
    assert err == (
        "data/quote.yml: warning[BR004]: 'quote.yml' is not a collection file, so it is not read\n"
        "  hint: collection files are named parties.yml, people.yml, organizations.yml, outlets.yml, sources.yml, "
        "rounds.yml, "
        "events.yml, issues.yml, positions.yml, quotes.yml, glossary.yml, briefing.yml\n"
        "  did you mean 'quotes.yml'?\n"
        "\n"
        "0 errors, 1 warning\n"
    )
    assert main(["check", "--strict"]) == 1
    assert main(["check", "--strict", "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::warning file=data/quote.yml,title=BR004::")


def test_missing_data_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "nope"]) == 1
    err = capsys.readouterr().err
    assert "nope: error[BR009]: data folder 'nope' does not exist\n" in err


def test_every_problem_is_reported_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = write_clean_data(tmp_path)
    (data / "rounds.yml").write_text(
        "- id: round-1\n  number: 1\n  status: held\n  sources: [s1]\n"
        "- id: round-2\n  number: 2\n  status: held\n  start: 2020-02-01\n  delegates: [ada]\n"
        "  sources: [s2]\n", encoding="utf-8")
    (data / "people.yml").write_text("- id: bob\n  name: Bob\n  anonymous: yes\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json"]) == 1
    found = [(d["file"], d["line"], d["code"]) for d in json.loads(capsys.readouterr().out)]
    assert found == [
        ("data/people.yml", 3, "BR100"),
        ("data/rounds.yml", 3, "BR203"),
        ("data/rounds.yml", 9, "BR201"),
        ("data/rounds.yml", 10, "BR201"),
    ]
