"""The editor's day (issue 14): ``briefing rename``, ``new --id/--set/--from``, ``list``, ``show`` and ``init --empty``,
each run as an editor runs it, from the briefing's folder, on a copy of a real briefing.

Renames are checked byte for byte: with the new id put back to the old one, every file reads exactly as before,
so comments, layout, quoting and line ends survived; then the copy must build with ``mkdocs build --strict``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefing.authoring import id_scalar, yaml_value
from briefing.cli import main
from briefing.editing import data_mentions, load_project
from briefing.model import Citation, FuzzyDate, Quote, Round
from tests.helpers import CONTESTED, ROOT, built_site, content, copy_project, mkdocs_env

BRIEFING_COMMAND = Path(sys.executable).with_name("briefing")
SOURCE = "tehran-times-2026-02-17"  # the shipped briefing's only source: cited everywhere, and in a page


def shipped(tmp_path: Path) -> Path:
    """A copy of the repository's briefing: mkdocs.yml, content/ and data/."""
    project = tmp_path / "shipped"
    copy_project(ROOT / "data", project / "data")
    copy_project(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def scaffold(tmp_path: Path) -> Path:
    return copy_project(ROOT / "briefing" / "scaffold", tmp_path / "scaffold")


def files_of(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for folder in ("data", "content")
            for p in sorted((project / folder).rglob("*")) if p.is_file()}


def run(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str) -> tuple[int, str, str]:
    """``briefing ARGS`` from the briefing's folder: exit code, stdout, stderr."""
    monkeypatch.chdir(project)
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def word(record_id: str) -> re.Pattern[bytes]:
    return re.compile(rb"(?<![a-z0-9-])" + re.escape(record_id.encode()) + rb"(?![a-z0-9-])")


def assert_only_the_id_changed(before: dict[str, bytes], after: dict[str, bytes], old: str, new: str) -> None:
    assert before.keys() == after.keys()
    for name, original in before.items():
        assert not word(new).search(original), "the new id must not be in the original (the check relies on it)"
        assert after[name].replace(new.encode(), old.encode()) == original, f"{name}: more than the id changed"


# --- rename --------------------------------------------------------------------------------------------


def test_rename_the_shipped_source_everywhere_then_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = shipped(tmp_path)
    before = files_of(project)
    occurrences = sum(len(word(SOURCE).findall(text)) for text in before.values())
    code, out, err = run(project, monkeypatch, capsys, "rename", SOURCE, "tehran-times-feb-17")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "data/sources.yml:1: id: tehran-times-2026-02-17 → tehran-times-feb-17" in lines
    assert "data/briefing.yml:16: key_points[0].sources[0].source: tehran-times-2026-02-17 → tehran-times-feb-17" \
        in lines
    assert ("content/about.md:30: [[tehran-times-2026-02-17|one Tehran Times article of 17 February 2026]] → "
            "[[tehran-times-feb-17|one Tehran Times article of 17 February 2026]]") in lines
    # Every occurrence of the id in the shipped briefing is a reference (none is in a comment or a text).
    assert lines[-1] == f"rewrote {occurrences} ids in 12 files: '{SOURCE}' → 'tehran-times-feb-17'"
    assert len(lines) == occurrences + 1
    after = files_of(project)
    assert not any(word(SOURCE).search(text) for text in after.values()), "no old id remains in data/ or content/"
    assert_only_the_id_changed(before, after, SOURCE, "tehran-times-feb-17")
    comments = [line for text in after.values() for line in text.splitlines() if line.lstrip().startswith(b"#")]
    assert len(comments) > 20 and comments == [line for text in before.values() for line in text.splitlines()
                                                 if line.lstrip().startswith(b"#")]

    assert run(project, monkeypatch, capsys, "check")[0] == 0
    site = built_site(project, tmp_path / "site")
    assert (site / "sources" / "tehran-times-feb-17" / "index.html").is_file()
    assert not (site / "sources" / SOURCE).exists()
    about = content(site, "about/index.html")
    assert "../sources/tehran-times-feb-17/" in about.links()


def test_rename_a_party_reaches_every_field_that_holds_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = shipped(tmp_path)
    before = files_of(project)
    code, out, _err = run(project, monkeypatch, capsys, "rename", "oman", "sultanate-of-oman")
    assert code == 0
    assert out.splitlines() == [
        "data/parties.yml:28: id: oman → sultanate-of-oman",
        "data/people.yml:21: party: oman → sultanate-of-oman",
        "data/positions.yml:281: party: oman → sultanate-of-oman",
        "data/rounds.yml:29: mediator: oman → sultanate-of-oman",
        "rewrote 4 ids in 4 files: 'oman' → 'sultanate-of-oman'",
    ]
    assert_only_the_id_changed(before, files_of(project), "oman", "sultanate-of-oman")
    project_after = load_project(project / "data")
    assert not list(data_mentions(project_after, "oman"))
    assert len(list(data_mentions(project_after, "sultanate-of-oman"))) == 3


def test_rename_reaches_accounts_relay_chains_reports_and_agencies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(CONTESTED, tmp_path / "contested")
    before = files_of(project)
    code, out, _err = run(project, monkeypatch, capsys, "rename", "global-wire", "global-wire-service")
    assert code == 0
    fields = {line.split(": ")[1] for line in out.splitlines()[:-1]}
    # Outlets' ids are held by plain fields, lists, accounts of contested values and sources' agencies.
    assert {"id", "to", "outlet", "agency", "according_to", "relayed_by[0]", "start[1].according_to",
            "site[0].according_to", "published[0].according_to"} <= fields
    code, out, _err = run(project, monkeypatch, capsys, "rename", "lakeland-times-2024-03-05", "lakeland-march-5")
    assert code == 0
    assert any("report_by[0]: lakeland-times-2024-03-05 → lakeland-march-5" in line for line in out.splitlines())
    after = files_of(project)
    for old in ("global-wire", "lakeland-times-2024-03-05"):
        assert not any(word(old).search(text) for text in after.values())
    restored = {name: text.replace(b"global-wire-service", b"global-wire").replace(b"lakeland-march-5",
                                                                                  b"lakeland-times-2024-03-05")
                for name, text in after.items()}
    assert restored == before
    built_site(project, tmp_path / "site")


PAGE = """\
# Analysis

Ada said it ([[ada-west]]), and [[ ada-west | the minister ]] again; see [[ada-west#quotes]].
Literal: `[[ada-west]]`, and a plain link to [her page](people/ada-west.md).

```
[[ada-west]]
```

<!-- briefing:quote id=ada-west-fair-share -->

<!-- briefing:matrix issue=water-sharing party=westland -->
"""


def test_rename_in_pages_keeps_code_literal_and_lists_what_it_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    project = scaffold(tmp_path)
    (project / "content" / "analysis.md").write_text(PAGE, encoding="utf-8")
    (project / "content" / "notes.md").write_text("# Notes\n\nAda West's page: people/ada-west/.\n", encoding="utf-8")
    code, out, err = run(project, monkeypatch, capsys, "rename", "ada-west", "ada-north")
    assert code == 0
    assert "content/analysis.md:3: [[ ada-west | the minister ]] → [[ ada-north | the minister ]]" in out
    assert "content/analysis.md:3: [[ada-west#quotes]] → [[ada-north#quotes]]" in out
    page = (project / "content" / "analysis.md").read_text(encoding="utf-8")
    assert page == (PAGE.replace("([[ada-west]])", "([[ada-north]])").replace("[[ ada-west |", "[[ ada-north |")
                    .replace("[[ada-west#", "[[ada-north#"))
    # What still shows the old id, outside any reference, is listed and left alone.
    assert err.splitlines()[1:] == [
        "  content/analysis.md:4: Literal: `[[ada-west]]`, and a plain link to [her page](people/ada-west.md).",
        "  content/analysis.md:7: [[ada-west]]",
        "  content/notes.md:3: Ada West's page: people/ada-west/.",
    ]
    # Blocks: quote id=, matrix issue= and party=.
    assert run(project, monkeypatch, capsys, "rename", "ada-west-fair-share", "fair-share")[0] == 0
    assert run(project, monkeypatch, capsys, "rename", "westland", "westland-state")[0] == 0
    code, out, _err = run(project, monkeypatch, capsys, "rename", "water-sharing", "water")
    assert "content/analysis.md:12: <!-- briefing:matrix issue=water-sharing party=westland-state --> → " \
           "<!-- briefing:matrix issue=water party=westland-state -->" in out
    page = (project / "content" / "analysis.md").read_text(encoding="utf-8")
    assert "<!-- briefing:quote id=fair-share -->" in page
    assert "<!-- briefing:matrix issue=water party=westland-state -->" in page
    # The plain Markdown link was left to the editor; without it the strict build passes.
    (project / "content" / "analysis.md").write_text(page.replace("[her page](people/ada-west.md)", "her page"),
                                                    encoding="utf-8")
    assert run(project, monkeypatch, capsys, "check")[0] == 0
    built_site(project, tmp_path / "site")


def test_rename_keeps_crlf_a_bom_and_the_editors_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    project = scaffold(tmp_path)
    people = project / "data" / "people.yml"
    text = people.read_text(encoding="utf-8").replace("- id: ada-west", "- id: 'ada-west'  # quoted")
    people.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    before = files_of(project)
    assert run(project, monkeypatch, capsys, "rename", "ada-west", "ada-north")[0] == 0
    after = files_of(project)
    assert after["data/people.yml"].startswith(b"\xef\xbb\xbf")
    assert b"- id: 'ada-north'  # quoted\r\n" in after["data/people.yml"]
    assert_only_the_id_changed(before, after, "ada-west", "ada-north")


def test_dry_run_prints_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    project = shipped(tmp_path)
    before = files_of(project)
    code, out, _err = run(project, monkeypatch, capsys, "rename", "round-2", "geneva-round", "--dry-run")
    assert code == 0
    assert "data/rounds.yml:18: id: round-2 → geneva-round" in out.splitlines()
    assert out.splitlines()[-1].startswith("would rewrite ")
    assert files_of(project) == before


@pytest.mark.parametrize("case", [
    ("round-2", "round-1", "error[BR505]: the id 'round-1' is taken"),
    ("round-2", "Round_2", "error[BR505]: the id 'Round_2' is not a valid id"),
    ("round-2", "index", "error[BR505]: the id 'index' is reserved"),
    ("round-2", "round-2", "error[BR505]: 'round-2' is already the record's id"),
    ("abbas-araghchy", "abbas", "error[BR506]: no record has the id 'abbas-araghchy'"),
])
def test_rename_refuses_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str], case: tuple[str, str, str]) -> None:
    old, new, message = case
    project = shipped(tmp_path)
    before = files_of(project)
    code, out, err = run(project, monkeypatch, capsys, "rename", old, new)
    assert (code, out) == (1, "")
    assert message in err
    if old == "abbas-araghchy":
        assert "did you mean 'abbas-araghchi'?" in err
    assert files_of(project) == before


def test_rename_writes_every_file_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = scaffold(tmp_path)
    quotes = project / "data" / "quotes.yml"
    # A value written as a block scalar: the loader's position is the '>-', not the id; nothing is guessed.
    quotes.write_text(quotes.read_text(encoding="utf-8").replace("speaker: ada-west", "speaker: >-\n    ada-west"),
                      encoding="utf-8")
    before = files_of(project)
    assert run(project, monkeypatch, capsys, "check")[0] == 0
    code, out, err = run(project, monkeypatch, capsys, "rename", "ada-west", "ada-north")
    assert (code, out) == (1, "")
    assert "error[BR504]: could not find 'ada-west' where the loader placed it" in err
    assert files_of(project) == before, "people.yml, which could be rewritten, is not written either"


def test_rename_needs_data_that_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    project = scaffold(tmp_path)
    people = project / "data" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8") + "- id: broken\n  nmae: x\n", encoding="utf-8")
    before = files_of(project)
    code, _out, err = run(project, monkeypatch, capsys, "rename", "ada-west", "ada-north")
    assert code == 1
    assert "unknown field 'nmae'" in err and "error[BR508]" in err
    assert files_of(project) == before


def test_rename_as_a_command(tmp_path: Path) -> None:
    project = scaffold(tmp_path)
    result = subprocess.run([str(BRIEFING_COMMAND), "rename", "eastland", "eastland-state", "--dry-run"],
                            cwd=project, capture_output=True, text=True, timeout=60, check=False, env=mkdocs_env())
    assert (result.returncode, result.stderr) == (0, "")
    assert "data/parties.yml:5: id: eastland → eastland-state" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1].startswith("would rewrite ")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # `briefing list | head -1`: the pipe is closed before the command writes; it stops without a word.
    project = scaffold(tmp_path)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written
    try:
        result = subprocess.run([str(BRIEFING_COMMAND), "list"], cwd=project, stdout=write,
                                stderr=subprocess.PIPE, text=True, timeout=60, check=False, env=mkdocs_env())
    finally:
        os.close(write)
    assert result.returncode == 1
    assert result.stderr == ""


# --- new ---------------------------------------------------------------------------------------------------


def test_new_dates_default_to_as_of_and_set_gives_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = scaffold(tmp_path)
    quotes = project / "data" / "quotes.yml"
    before = quotes.read_text(encoding="utf-8")
    code, out, _err = run(project, monkeypatch, capsys, "new", "quote", "--id", "ada-west-agreed",
                          "--set", "text=Yes: we agree", "--set", "sources=example-report",
                          "--set", "issues=[water-sharing]", "--set", "mode=paraphrase")
    assert (code, out) == (0, "added 'ada-west-agreed' to data/quotes.yml\n")
    after = quotes.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before):] == (
        "\n- id: ada-west-agreed\n  speaker: ada-west\n  date: 2025-03-01\n"  # as_of, not today
        '  text: "Yes: we agree"\n  sources: [example-report]\n  issues: [water-sharing]\n  mode: paraphrase\n')
    assert run(project, monkeypatch, capsys, "check")[0] == 0
    code, out, _err = run(project, monkeypatch, capsys, "new", "event")
    assert code == 0
    assert "  date: 2025-03-01\n" in (project / "data" / "events.yml").read_text(encoding="utf-8")


def test_new_twice_while_the_first_skeletons_placeholders_are_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    project = scaffold(tmp_path)
    assert run(project, monkeypatch, capsys, "new", "quote")[1] == "added 'quote-1' to data/quotes.yml: replace its " \
        "TODO values\n"
    assert run(project, monkeypatch, capsys, "new", "quote")[1] == "added 'quote-2' to data/quotes.yml: replace its " \
        "TODO values\n"


def test_new_refuses_an_unknown_field_with_the_allowed_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    project = scaffold(tmp_path)
    before = files_of(project)
    code, _out, err = run(project, monkeypatch, capsys, "new", "quote", "--set", "speeker=ada-west")
    assert code == 1
    assert "error[BR507]: a quote has no field 'speeker'" in err
    assert "hint: fields of a quote: text, speaker, to, relayed_by," in err
    assert "did you mean 'speaker'?" in err
    assert "error[BR507]: cannot read --set 'speaker'" in run(project, monkeypatch, capsys, "new", "quote",
                                                              "--set", "speaker")[2]
    assert files_of(project) == before


def test_new_restores_the_file_when_a_value_does_not_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    project = scaffold(tmp_path)
    before = files_of(project)
    code, _out, err = run(project, monkeypatch, capsys, "new", "quote", "--set", "speaker=ada-wset")
    assert code == 1
    assert "error[BR201]" in err and "did you mean 'ada-west'?" in err
    code, _out, err = run(project, monkeypatch, capsys, "new", "quote", "--set", "date=17 March")
    assert code == 1 and "error[BR100]" in err
    code, _out, err = run(project, monkeypatch, capsys, "new", "quote", "--id", "ada-west")
    assert code == 1 and "error[BR505]: the id 'ada-west' is taken" in err
    assert files_of(project) == before


def test_new_from_copies_a_record_without_its_comments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    project = shipped(tmp_path)
    rounds = project / "data" / "rounds.yml"
    before = rounds.read_text(encoding="utf-8")
    code, out, _err = run(project, monkeypatch, capsys, "new", "round", "--from", "round-2",
                          "--set", "title=Fourth round")
    assert (code, out) == (0, "added 'round-4' to data/rounds.yml, a copy of 'round-2'\n")
    after = rounds.read_text(encoding="utf-8")
    assert after.startswith(before)
    added = after[len(before):]
    assert added.startswith("\n- id: round-4\n  number: 4\n  title: Fourth round\n  status: held\n")
    assert "#" not in added, "comments are not copied"
    assert "  outcomes:\n    - text: >-\n" in added, "lists and folded text are written as the file writes them"
    original = yaml.safe_load(before)[1]
    copy = yaml.safe_load(added)[0]
    assert {**original, "id": "round-4", "number": 4, "title": "Fourth round"} == copy
    assert run(project, monkeypatch, capsys, "check")[0] == 0

    code, out, _err = run(project, monkeypatch, capsys, "new", "quote", "--from", "araghchi-good-start",
                          "--id", "araghchi-good-start-again", "--set", "date=2026-02-06")
    assert code == 0
    quotes = yaml.safe_load((project / "data" / "quotes.yml").read_text(encoding="utf-8"))
    assert quotes[-1] == {**next(q for q in quotes if q["id"] == "araghchi-good-start"),
                          "id": "araghchi-good-start-again", "date": FuzzyDate.parse("2026-02-06").earliest}
    assert run(project, monkeypatch, capsys, "check")[0] == 0


def test_new_from_refuses_an_unknown_record_or_another_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    project = shipped(tmp_path)
    before = files_of(project)
    code, _out, err = run(project, monkeypatch, capsys, "new", "quote", "--from", "araghchi-god-start")
    assert code == 1
    assert "error[BR506]: no quote has the id 'araghchi-god-start'" in err
    assert "did you mean 'araghchi-good-start'?" in err
    code, _out, err = run(project, monkeypatch, capsys, "new", "quote", "--from", "abbas-araghchi")
    assert code == 1
    assert "error[BR506]: 'abbas-araghchi' is a person, not a quote" in err
    assert files_of(project) == before


def test_set_values_are_written_as_yaml_quoted_when_needed() -> None:
    text = Quote.model_fields["text"].annotation
    date = Quote.model_fields["date"].annotation
    issues = Quote.model_fields["issues"].annotation
    sources = Quote.model_fields["sources"].annotation
    number = Round.model_fields["number"].annotation
    assert yaml_value("We are ready.", text) == "We are ready."
    assert yaml_value("Yes: we agree", text) == '"Yes: we agree"'
    assert yaml_value("yes", text) == '"yes"'
    assert yaml_value("2026", text) == '"2026"'  # text that YAML tools would read as a number
    assert yaml_value("[sic] the words", text) == '"[sic] the words"'
    assert yaml_value("# not a comment", text) == '"# not a comment"'
    assert yaml_value("2026-02-17", date) == "2026-02-17"
    assert yaml_value("3", number) == "3"
    assert yaml_value("nuclear", issues) == "[nuclear]"
    assert yaml_value("[nuclear, sanctions]", issues) == "[nuclear, sanctions]"
    assert yaml_value('[{source: s, locator: "para 2"}]', sources) == '[{source: s, locator: "para 2"}]'
    assert Citation.model_validate("s").source == "s"
    assert id_scalar("round-3") == "round-3"
    assert id_scalar("2026-talks") == '"2026-talks"'
    assert id_scalar("null") == '"null"'
    assert id_scalar("round-3", "'") == "'round-3'"


# --- init --empty --------------------------------------------------------------------------------------


def test_init_empty_builds_strict_and_takes_new_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "talks"
    assert main(["init", "--empty", str(target)]) == 0
    data = target / "data"
    assert yaml.safe_load((data / "quotes.yml").read_text(encoding="utf-8")) == []
    briefing = yaml.safe_load((data / "briefing.yml").read_text(encoding="utf-8"))
    assert {"title", "subject", "as_of"} <= briefing.keys()
    capsys.readouterr()
    code, out, _err = run(target, monkeypatch, capsys, "list")
    assert (code, out) == (0, "")
    assert run(target, monkeypatch, capsys, "check")[0] == 0
    site = built_site(target, tmp_path / "site")
    assert content(site, "index.html").find("section", cls="br-status")

    people = data / "people.yml"
    comments = people.read_text(encoding="utf-8").replace("[]\n", "")
    code, out, _err = run(target, monkeypatch, capsys, "new", "person", "--id", "ada-west", "--set", "name=Ada West")
    assert (code, out) == (0, "added 'ada-west' to data/people.yml\n")
    assert people.read_text(encoding="utf-8") == comments + "\n- id: ada-west\n  name: Ada West\n"
    assert run(target, monkeypatch, capsys, "check")[0] == 0


def test_the_readme_init_writes_installs_from_source(tmp_path: Path) -> None:
    for options in ([], ["--empty"]):
        target = tmp_path / f"talks{len(options)}"
        assert main(["init", *options, str(target)]) == 0
        readme = (target / "README.md").read_text(encoding="utf-8")
        assert "pip install /path/to/briefing" in readme
        assert "git+https://" in readme
        assert not re.search(r"pip install briefing\b", readme), "Briefing is on no package registry"
    assert (tmp_path / "talks0" / "data" / "rounds.yml").read_text(encoding="utf-8").count("- id:") >= 1


# --- list and show -------------------------------------------------------------------------------------


def test_list_in_the_sites_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    project = shipped(tmp_path)
    code, out, _err = run(project, monkeypatch, capsys, "list", "round")
    assert code == 0
    assert out.splitlines() == ["round-1  First round           data/rounds.yml:3",
                                "round-2  Second round, Geneva  data/rounds.yml:18",
                                "round-3  Third round           data/rounds.yml:86"]
    code, out, _err = run(project, monkeypatch, capsys, "list", "--format", "json")
    records = json.loads(out)
    assert records[0] == {"id": "iran", "kind": "party", "collection": "parties", "label": "Iran",
                          "file": "data/parties.yml", "line": 2}
    kinds = [r["collection"] for r in records]
    assert kinds == sorted(kinds, key=["parties", "people", "organizations", "outlets", "sources", "rounds",
                                       "events", "issues", "positions", "quotes", "glossary"].index)
    quotes = [r for r in records if r["kind"] == "quote"]
    data = {q["id"]: q for q in yaml.safe_load((project / "data" / "quotes.yml").read_text(encoding="utf-8"))}
    dates = [str(data[q["id"]].get("date", "9999")) for q in quotes]
    assert dates == sorted(dates), "quotes by date, undated last, as the quotes page lists them"
    text_lines = run(project, monkeypatch, capsys, "list")[1].splitlines()
    assert len(text_lines) == len(records)
    assert text_lines[0].split() == ["party", "iran", "Iran", "data/parties.yml:2"]
    code, _out, err = run(project, monkeypatch, capsys, "list", "qoute")
    assert code == 1 and "error[BR502]: 'qoute' is not a kind of record" in err


def test_show_the_record_what_it_refers_to_and_what_refers_to_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project = shipped(tmp_path)
    code, out, _err = run(project, monkeypatch, capsys, "show", "abbas-araghchi")
    assert code == 0
    lines = out.splitlines()
    assert lines[:4] == ["person abbas-araghchi: Abbas Araghchi", "data/people.yml:2", "",
                         "    - id: abbas-araghchi"]
    assert "refers to:" in lines and "referred to by:" in lines
    assert any(re.fullmatch(r"  party +party iran: Iran  \(data/parties\.yml:2\)", line) for line in lines)
    assert any(re.fullmatch(r"  data/quotes\.yml:7 +quote araghchi-serious-discussions, speaker", line)
               for line in lines)

    shown = json.loads(run(project, monkeypatch, capsys, "show", "abbas-araghchi", "--format", "json")[1])
    written = (project / "data" / "people.yml").read_text(encoding="utf-8")
    assert shown["text"] in written and shown["text"].startswith("- id: abbas-araghchi\n")
    assert {"field": "party", "id": "iran", "kind": "party", "label": "Iran", "file": "data/parties.yml",
            "line": 2} in shown["refers_to"]
    referrers = {(link["kind"], link["id"], link["field"]) for link in shown["referred_by"]}
    assert ("quote", "araghchi-good-start", "speaker") in referrers
    assert ("position", "iran-round-2-assessment", "stated_by") in referrers
    assert ("round", "round-2", "delegates[0]") in referrers

    source = json.loads(run(project, monkeypatch, capsys, "show", SOURCE, "--format", "json")[1])
    pages = [link for link in source["referred_by"] if link["kind"] == "page"]
    assert pages == [{"field": "[[tehran-times-2026-02-17|one Tehran Times article of 17 February 2026]]",
                      "id": None, "kind": "page", "label": "content/about.md", "file": "content/about.md",
                      "line": 30}]
    assert any(link["kind"] == "briefing" and link["field"] == "key_points[0].sources[0].source"
               for link in source["referred_by"])

    code, _out, err = run(project, monkeypatch, capsys, "show", "abbas-araghchy")
    assert code == 1 and "did you mean 'abbas-araghchi'?" in err
