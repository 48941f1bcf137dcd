"""``briefing upgrade``, run as editors run it, on a copy of a briefing written for the older model.

Outlets (and organizations) used to give their ``country`` as a party id; now it is text. The upgrade rewrites
``country: iran`` to ``country: Iran`` and must leave every other byte of the file as it was: comments, blank
lines, quoting, flow mappings, CRLF line ends, a UTF-8 BOM. Each test compares the whole file, byte for byte.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.loader import load_file
from tests.helpers import FICTIONAL, build_site, built_site, copy_project

BRIEFING = "title: T\nsubject: S\nas_of: 2025-07-01\n"
PARTIES = """\
- {id: iran, name: Iran}
- id: united-states
  name: United States
- {id: ivory-coast, name: "Côte d'Ivoire"}
- {id: korea, name: "Korea, Republic of"}
"""
BRIEFING_COMMAND = Path(sys.executable).with_name("briefing")


def old_briefing(tmp_path: Path, files: Mapping[str, str | bytes]) -> Path:
    """A data folder with briefing.yml, parties.yml and ``files`` (path in data/ → text, or exact bytes)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "briefing.yml").write_text(BRIEFING, encoding="utf-8")
    (data / "parties.yml").write_text(PARTIES, encoding="utf-8")
    for name, content in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return data


def upgrade(data: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[str], str]:
    """``briefing upgrade --data DATA``: exit code, the lines it prints, what it prints on stderr."""
    code = main(["upgrade", "--data", str(data), *options])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def upgraded(tmp_path: Path, capsys: pytest.CaptureFixture[str], outlets: str | bytes) -> bytes:
    """The bytes of outlets.yml after a successful upgrade."""
    data = old_briefing(tmp_path, {"outlets.yml": outlets})
    code, _out, err = upgrade(data, capsys)
    assert (code, err) == (0, "")
    return (data / "outlets.yml").read_bytes()


# --- what is rewritten, and what is kept -----------------------------------------------------------------

OUTLETS = """\
# Outlets the briefing cites.
# The country is where the outlet is based.

- id: tasnim
  name: "Tasnim News Agency"   # quoted, as the editor wrote it
  kind: news-agency
  country: iran
  state_affiliated: true

- id: cnn
  name: 'CNN'
  country: united-states
  description: >-
    A broadcaster; its country: united-states is
    not a value to rewrite.

- id: x
  name: X
"""


def test_rewrites_each_party_id_and_keeps_every_other_byte(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    data = old_briefing(tmp_path, {"outlets.yml": OUTLETS})
    code, out, err = upgrade(data, capsys)
    assert (code, err) == (0, "")
    assert out == [
        "data/outlets.yml:7: country: iran → Iran",
        "data/outlets.yml:12: country: united-states → United States",
        f"{data}: rewrote 2 values",
    ]
    assert (data / "outlets.yml").read_text(encoding="utf-8") == OUTLETS.replace(
        "  country: iran\n", "  country: Iran\n").replace("  country: united-states\n", "  country: United States\n")


def test_a_comment_on_the_same_line_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outlets = "- id: tasnim\n  country: iran  # the party id, before the upgrade\n"
    assert upgraded(tmp_path, capsys, outlets) == b"- id: tasnim\n  country: Iran  # the party id, before the upgrade\n"


@pytest.mark.parametrize(("written", "becomes"), [
    ('"iran"', '"Iran"'),
    ("'iran'", "'Iran'"),
    ('"iran"   # quoted', '"Iran"   # quoted'),
    ('"ivory-coast"', '"Côte d\'Ivoire"'),
    ("'ivory-coast'", "'Côte d''Ivoire'"),
])
def test_a_quoted_country_keeps_its_quotes(tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str,
                                           becomes: str) -> None:
    assert upgraded(tmp_path, capsys, f"- id: tasnim\n  country: {written}\n").decode() == (
        f"- id: tasnim\n  country: {becomes}\n")


def test_flow_style_mappings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outlets = "- {id: tasnim, name: Tasnim, country: iran}\n- {id: cnn,   country: united-states,  name: CNN}\n"
    assert upgraded(tmp_path, capsys, outlets).decode() == (
        "- {id: tasnim, name: Tasnim, country: Iran}\n- {id: cnn,   country: United States,  name: CNN}\n")


def test_a_name_that_needs_quotes_is_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outlets = "- id: fraternite\n  country: ivory-coast\n- {id: yonhap, country: korea, name: Yonhap}\n"
    data = old_briefing(tmp_path, {"outlets.yml": outlets})
    assert upgrade(data, capsys)[0] == 0
    assert (data / "outlets.yml").read_text(encoding="utf-8") == (
        "- id: fraternite\n  country: \"Côte d'Ivoire\"\n"
        "- {id: yonhap, country: \"Korea, Republic of\", name: Yonhap}\n")
    loaded = load_file(data / "outlets.yml", tmp_path).data
    assert [item["country"] for item in loaded] == ["Côte d'Ivoire", "Korea, Republic of"]


def test_two_countries_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outlets = "[{id: a, country: ivory-coast}, {id: b, country: ivory-coast}]\n"
    assert upgraded(tmp_path, capsys, outlets).decode() == (
        "[{id: a, country: \"Côte d'Ivoire\"}, {id: b, country: \"Côte d'Ivoire\"}]\n")


def test_crlf_line_ends_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outlets = OUTLETS.replace("\n", "\r\n").encode()
    assert upgraded(tmp_path, capsys, outlets) == outlets.replace(b"country: iran\r\n", b"country: Iran\r\n").replace(
        b"  country: united-states\r\n", b"  country: United States\r\n")


def test_mixed_line_ends_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outlets = b"# edited on two systems\r\n- id: a\r\n  country: iran\r\n- id: b\n  country: iran\n"
    assert upgraded(tmp_path, capsys, outlets) == (
        b"# edited on two systems\r\n- id: a\r\n  country: Iran\r\n- id: b\n  country: Iran\n")


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_a_utf8_bom_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str], line_end: str) -> None:
    outlets = ("- id: tasnim" + line_end + "  country: iran" + line_end).encode()
    assert upgraded(tmp_path, capsys, b"\xef\xbb\xbf" + outlets) == b"\xef\xbb\xbf" + outlets.replace(b"iran", b"Iran")


def test_text_after_a_line_separator_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # YAML and Python both count U+2028 as a line break: the value is still found on its line.
    outlets = '- id: tasnim\n  description: "one\u2028two"\n  country: iran\n'
    assert upgraded(tmp_path, capsys, outlets).decode() == outlets.replace("iran", "Iran")


def test_folder_form_files_and_organizations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {
        "outlets/iran.yml": "# Iranian outlets\n- id: tasnim\n  country: iran\n\n- id: irna\n  country: iran\n",
        "outlets/us.yml": "- {id: cnn, country: united-states}\n",
        "outlets/other.yml": "- {id: x, country: IR}\n",
        "organizations.yml": "- id: iran-fm\n  part_of: iran\n  country: iran  # to go\n",
    }
    data = old_briefing(tmp_path, files)
    code, out, _err = upgrade(data, capsys)
    assert code == 0
    assert out == [
        "data/outlets/iran.yml:3: country: iran → Iran",
        "data/outlets/iran.yml:6: country: iran → Iran",
        "data/outlets/us.yml:1: country: united-states → United States",
        "data/organizations.yml:3: country: iran → Iran",
        f"{data}: rewrote 4 values",
    ]
    assert (data / "outlets/iran.yml").read_text(encoding="utf-8") == (
        "# Iranian outlets\n- id: tasnim\n  country: Iran\n\n- id: irna\n  country: Iran\n")
    assert (data / "outlets/us.yml").read_text(encoding="utf-8") == "- {id: cnn, country: United States}\n"
    assert (data / "outlets/other.yml").read_text(encoding="utf-8") == "- {id: x, country: IR}\n"
    assert (data / "organizations.yml").read_text(encoding="utf-8") == (
        "- id: iran-fm\n  part_of: iran\n  country: Iran  # to go\n")


def test_only_country_is_rewritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A party id elsewhere (a person's party, an outlet's name or description) is not a country.
    files = {
        "people.yml": "- {id: ada, name: Ada, party: iran}\n",
        "outlets.yml": "- {id: iran-daily, name: iran, description: iran, country: Iran}\n",
    }
    data = old_briefing(tmp_path, files)
    assert upgrade(data, capsys) == (0, [f"{data}: already up to date"], "")
    assert (data / "outlets.yml").read_text(encoding="utf-8") == files["outlets.yml"]
    assert (data / "people.yml").read_text(encoding="utf-8") == files["people.yml"]


# --- dry runs, second runs, values it cannot find ------------------------------------------------------


def test_dry_run_prints_the_same_lines_and_writes_nothing(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = old_briefing(tmp_path, {"outlets.yml": OUTLETS})
    before = {path: path.read_bytes() for path in data.rglob("*")}
    code, dry, _err = upgrade(data, capsys, "--dry-run")
    assert code == 0
    assert {path: path.read_bytes() for path in data.rglob("*")} == before
    assert sorted(p.name for p in data.iterdir()) == ["briefing.yml", "outlets.yml", "parties.yml"]
    _code, done, _err = upgrade(data, capsys)
    assert dry[:-1] == done[:-1]
    assert (dry[-1], done[-1]) == (f"{data}: would rewrite 2 values", f"{data}: rewrote 2 values")


def test_a_second_run_is_already_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = old_briefing(tmp_path, {"outlets.yml": OUTLETS})
    upgrade(data, capsys)
    after = (data / "outlets.yml").read_bytes()
    assert upgrade(data, capsys) == (0, [f"{data}: already up to date"], "")
    assert upgrade(data, capsys, "--dry-run") == (0, [f"{data}: already up to date"], "")
    assert (data / "outlets.yml").read_bytes() == after


def test_one_value_is_counted_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = old_briefing(tmp_path, {"outlets.yml": "- {id: a, country: iran}\n"})
    assert upgrade(data, capsys, "--dry-run")[1][-1] == f"{data}: would rewrite 1 value"


def test_a_value_it_cannot_place_is_left_to_the_editor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outlets = "- id: tasnim\n  country: >-\n    iran\n"
    data = old_briefing(tmp_path, {"outlets.yml": outlets})
    code, out, err = upgrade(data, capsys)
    assert (code, out) == (1, [])
    assert "error[BR504]: could not find 'iran' where the loader placed it" in err
    assert "hint: edit this value by hand" in err
    assert (data / "outlets.yml").read_text(encoding="utf-8") == outlets


def test_as_a_command_from_the_briefings_folder(tmp_path: Path) -> None:
    old_briefing(tmp_path, {"outlets.yml": "- id: tasnim\n  country: iran  # note\n"})
    result = subprocess.run([str(BRIEFING_COMMAND), "upgrade", "--data", "data"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "data/outlets.yml:2: country: iran → Iran\ndata: rewrote 1 value\n"
    assert (tmp_path / "data/outlets.yml").read_text(encoding="utf-8") == "- id: tasnim\n  country: Iran  # note\n"


# --- with check and the site build ---------------------------------------------------------------------


def test_check_fails_with_br239_before_and_passes_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    files = {
        "outlets.yml": "- id: tasnim\n  name: Tasnim\n  country: iran\n",
        "sources.yml": "- {id: s1, title: T, outlet: tasnim}\n",
        "people.yml": "- {id: ada, name: Ada, party: iran}\n",
        "quotes.yml": "- {id: q1, text: t, speaker: ada, sources: [s1]}\n",
    }
    data = old_briefing(tmp_path, files)
    (data / "parties.yml").write_text("- {id: iran, name: Iran}\n", encoding="utf-8")  # no unused parties
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "data/outlets.yml:3:12: error[BR239]: 'country' is the party id 'iran'; it now takes a country" in err
    assert "hint: run `briefing upgrade` to write the party's name instead" in err
    assert main(["upgrade"]) == 0
    assert capsys.readouterr().out == "data/outlets.yml:3: country: iran → Iran\ndata: rewrote 1 value\n"
    assert main(["check", "--strict"]) == 0
    assert capsys.readouterr().out == "data: no problems found (0 errors, 0 warnings)\n"


def test_site_of_an_old_briefing_fails_to_build_until_upgraded(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(FICTIONAL, tmp_path / "fictional")
    outlets = project / "data" / "outlets.yml"
    current = outlets.read_text(encoding="utf-8")
    old = current.replace("country: Northland", "country: northland").replace("country: Southland",
                                                                               "country: southland")
    assert old != current
    outlets.write_text(old, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/outlets.yml:4:12: error[BR239]: 'country' is the party id 'northland'; it now takes a country" \
        in output
    assert "hint: run `briefing upgrade` to write the party's name instead" in output
    code, out, _err = upgrade(project / "data", capsys)
    assert code == 0
    assert out[-1] == f"{project / 'data'}: rewrote 2 values"
    assert outlets.read_text(encoding="utf-8") == current
    built_site(project, tmp_path / "site")
