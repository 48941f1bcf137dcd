"""The MkDocs plugin under the real ``mkdocs build``: broken data stops the build and names the place."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.helpers import FICTIONAL, build_site, content, copy_project, run_mkdocs


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An editable copy of the fictional briefing."""
    return copy_project(FICTIONAL, tmp_path / "project")


def build(project: Path, *args: str) -> tuple[int, str]:
    result = run_mkdocs("build", *args, cwd=project)
    return result.returncode, result.stdout + result.stderr


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_data_error_fails_the_build_with_its_place_and_keeps_the_old_site(project: Path) -> None:
    code, log = build(project, "--strict")
    assert code == 0, log
    site = project / "site"
    (site / "marker.txt").write_text("written before the broken build", encoding="utf-8")
    before = snapshot(site)
    assert "rounds/round-1/index.html" in before

    replace_in(project / "data" / "quotes" / "2021-03.yml", "speaker: ada-north", "speaker: ada-nort")
    code, log = build(project, "--strict")
    assert code != 0
    assert "data/quotes/2021-03.yml:3:12: error[BR201]: unknown person or organization 'ada-nort'" in log
    assert "did you mean 'ada-north'?" in log
    assert "Traceback" not in log
    assert snapshot(site) == before


def test_schema_error_names_file_line_and_column(project: Path) -> None:
    replace_in(project / "data" / "rounds.yml", "status: scheduled", "status: soon")
    code, log = build(project)
    assert code != 0
    assert "data/rounds.yml:32:11: error[BR100]: 'status' is 'soon', which is not one of the allowed values" in log


def test_yaml_syntax_error_fails_the_build(project: Path) -> None:
    replace_in(project / "data" / "parties.yml", "  role: mediator", " role: mediator")
    code, log = build(project)
    assert code != 0
    assert "data/parties.yml:" in log
    assert "error[BR001]: YAML syntax error" in log


def test_hand_written_page_in_a_generated_place_fails_clearly(project: Path) -> None:
    (project / "content" / "rounds").mkdir()
    (project / "content" / "rounds" / "round-1.md").write_text("# My own round page\n", encoding="utf-8")
    code, log = build(project)
    assert code != 0
    assert "content/rounds/round-1.md" in log
    assert "generated page" in log


def test_unknown_block_fails_clearly(project: Path) -> None:
    with (project / "content" / "index.md").open("a", encoding="utf-8") as page:
        page.write("\n<!-- briefing:nope -->\n")
    code, log = build(project)
    assert code != 0
    assert "content/index.md:" in log
    assert "briefing:nope" in log
    assert "status" in log  # the message lists the blocks that exist


def test_missing_data_folder_fails_with_br009(project: Path) -> None:
    (project / "data").rename(project / "facts")
    code, log = build(project)
    assert code != 0
    assert "error[BR009]" in log
    assert "data_dir" in log


def test_data_dir_option_points_at_another_folder(project: Path, tmp_path: Path) -> None:
    (project / "data").rename(project / "facts")
    replace_in(project / "mkdocs.yml", "  - briefing\n", "  - briefing:\n      data_dir: facts\n")
    code, log = build(project, "--strict", "-d", str(tmp_path / "site"))
    assert code == 0, log
    assert content(tmp_path / "site", "rounds/round-1/index.html").find("h1").text() == "First round, Midvale City"


def test_warnings_fail_only_strict_builds(project: Path) -> None:
    with (project / "data" / "parties.yml").open("a", encoding="utf-8") as parties:
        parties.write("\n- id: eastland\n  name: Eastland\n")
    code, log = build(project, "--strict")
    assert code != 0
    assert "warning[BR220]: party 'eastland' is not referred to by any record" in log
    code, log = build(project)
    assert code == 0, log
    assert (project / "site" / "parties" / "eastland" / "index.html").is_file()


def test_fixing_the_data_builds_again(project: Path) -> None:
    quotes = project / "data" / "quotes" / "2021-04.yml"
    replace_in(quotes, "speaker: bahram-soltani", "speaker: bahram")
    assert build(project)[0] != 0
    replace_in(quotes, "speaker: bahram", "speaker: bahram-soltani")
    code, log = build(project, "--strict")
    assert code == 0, log
    assert (project / "site" / "quotes" / "bahram-came-for-dialogue" / "index.html").is_file()


def test_markdown_links_to_anchors_of_generated_pages_are_checked_by_mkdocs(tmp_path: Path) -> None:
    project = copy_project(FICTIONAL, tmp_path / "project")
    overview = project / "content" / "notes" / "overview.md"
    link = "[the quote](../quotes/ada-share-the-river.md#{})"
    text = overview.read_text(encoding="utf-8")
    overview.write_text(text + "\n" + link.format("ada-share-the-river") + "\n", encoding="utf-8")
    good = build_site(project, tmp_path / "good")
    assert good.returncode == 0, good.stderr  # strict, with `validation: anchors: warn`
    overview.write_text(text + "\n" + link.format("no-such-anchor") + "\n", encoding="utf-8")
    bad = build_site(project, tmp_path / "bad")
    assert bad.returncode != 0
    assert "no-such-anchor" in bad.stderr
