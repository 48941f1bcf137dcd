"""Incremental preview: a rebuild during `mkdocs serve` reuses unchanged pages and equals a full build."""

from __future__ import annotations

import filecmp
import logging
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from briefing.pipeline import Options, compile
from briefing.plugin import BriefingPlugin
from briefing.preview import Session
from tests.helpers import CONTESTED, FICTIONAL, build_site, copy_project


def _serve_config(project: Path, site: Path) -> MkDocsConfig:
    # `mkdocs serve` loads the configuration afresh for every rebuild; MkDocs keeps the plugin object.
    return load_config(str(project / "mkdocs.yml"), site_dir=str(site))


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Path, BriefingPlugin]]:
    project = copy_project(FICTIONAL, tmp_path / "project")
    config = _serve_config(project, tmp_path / "preview")
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["briefing"]
    assert isinstance(plugin, BriefingPlugin)
    build(config)
    yield project, plugin
    config.plugins.on_shutdown()


def _rename_a_person(project: Path) -> str:
    """Add a suffix to the first person's name; returns the person's id."""
    people = project / "data" / "people.yml"
    text = people.read_text(encoding="utf-8")
    found = re.search(r"- id: (\S+)\n  name: (.+)", text)
    assert found
    people.write_text(text.replace(found.group(0), f"- id: {found.group(1)}\n  name: {found.group(2)} Jr", 1),
                      encoding="utf-8")
    return found.group(1)


def _differences(a: Path, b: Path) -> list[str]:
    found = []
    compared = filecmp.dircmp(a, b, ignore=["sitemap.xml.gz"])
    found += [f"only in one: {name}" for name in compared.left_only + compared.right_only]
    found += [f"differs: {name}" for name in compared.diff_files]
    for name, sub in compared.subdirs.items():
        found += [f"{name}/{d}" for d in _differences(Path(sub.left), Path(sub.right))]
    return found


SUMMARY = re.compile(r"briefing: preview re-rendered (\d+) pages, reused (\d+)")


def _summary(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """The last "re-rendered N pages, reused M" line the plugin logged."""
    found = [SUMMARY.search(r.getMessage()) for r in caplog.records]
    last = [m for m in found if m][-1]
    return int(last.group(1)), int(last.group(2))


def test_an_edit_rebuilds_only_what_changed_and_equals_a_full_build(
        serving: tuple[Path, BriefingPlugin], tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project, plugin = serving
    quotes = sorted((project / "data" / "quotes").glob("*.yml"))[0]
    text = quotes.read_text(encoding="utf-8")
    first_text = text.split("text:", 1)[1].splitlines()[0].strip()
    quotes.write_text(text.replace(first_text, first_text.rstrip("”\"'.") + " (edited)", 1), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        build(_serve_config(project, tmp_path / "preview"))
    rendered, reused = _summary(caplog)
    assert reused > rendered > 0, "most pages are unchanged by one quote and are reused"
    assert plugin.serve is not None
    plugin.serve.wait_for_writes()  # the data files follow the pages

    full = build_site(project, tmp_path / "full")
    assert full.returncode == 0, full.stderr
    assert _differences(tmp_path / "full", tmp_path / "preview") == []


def test_data_files_written_after_the_pages_while_serving_report_a_failure_and_recover(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # While previewing, briefing.json, the CSV files, the feeds and the calendar are written once the pages
    # are done; a failure is said, the preview goes on, and the next build writes them all again.
    project = copy_project(FICTIONAL, tmp_path / "project")
    site = tmp_path / "preview"
    config = _serve_config(project, site)
    config.plugins.on_startup(command="serve", dirty=True)
    plugin = config.plugins["briefing"]
    assert isinstance(plugin, BriefingPlugin) and plugin.serve is not None
    try:
        build(config, dirty=True)
        plugin.serve.wait_for_writes()
        shutil.rmtree(site / "csv")
        (site / "csv").write_text("in the way\n", encoding="utf-8")  # --dirty leaves it: no CSV folder
        _rename_a_person(project)
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
            build(_serve_config(project, site), dirty=True)
            plugin.serve.wait_for_writes()
        failures = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
        assert len(failures) == 1 and failures[0].startswith("briefing: the data files could not be written:")
        (site / "csv").unlink()
        build(_serve_config(project, site), dirty=True)
    finally:
        config.plugins.on_shutdown()
    full = build_site(project, tmp_path / "full")
    assert full.returncode == 0, full.stderr
    assert _differences(tmp_path / "full", site) == []


def test_a_configuration_change_redraws_every_page(serving: tuple[Path, BriefingPlugin], tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    project, _plugin = serving
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + "\ncopyright: Edited\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        build(_serve_config(project, tmp_path / "preview"))
    rendered, reused = _summary(caplog)
    assert reused == 0 and rendered > 20


SITE_EDITS = {
    "fictional: a quote's words": (FICTIONAL, "quotes/2021-03.yml", "  text: ", "  text: Reportedly, "),
    "fictional: a person renamed": (FICTIONAL, "people.yml", "  name: Ada North", "  name: Ada North Jr"),
    "fictional: a round moved": (FICTIONAL, "rounds.yml", "  start: 2021-03-01", "  start: 2021-03-02"),
    "fictional: a glossary term": (FICTIONAL, "glossary.yml", "  definition: ", "  definition: In short, "),
    "contested: an account's value": (CONTESTED, "rounds.yml", "    - value: Lakeport", "    - value: Lake Port"),
    "contested: a wording": (CONTESTED, "quotes.yml", "zero dams mean", "zero dams means"),
    "contested: an organization renamed": (CONTESTED, "organizations.yml", "  name: River Watch",
                                           "  name: River Watch Group"),
}


@pytest.mark.parametrize("edit", sorted(SITE_EDITS))
def test_a_served_site_after_any_edit_equals_a_full_build(edit: str, tmp_path: Path) -> None:
    briefing, file, old, new = SITE_EDITS[edit]
    project = copy_project(briefing, tmp_path / "project")
    config = _serve_config(project, tmp_path / "preview")
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        path = project / "data" / file
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        build(_serve_config(project, tmp_path / "preview"))
    finally:
        config.plugins.on_shutdown()
    full = build_site(project, tmp_path / "full")
    assert full.returncode == 0, full.stderr
    assert _differences(tmp_path / "full", tmp_path / "preview") == []


EDITS = {
    "outlet renamed": ("outlets.yml", "  name: River Gazette", "  name: River Gazette Daily"),
    "round date moved": ("rounds.yml", "  start: 2021-03-01", "  start: 2021-03-02"),
    "position moved to another round": ("positions.yml", "  round: round-1", "  round: round-2"),
    "party renamed": ("parties.yml", "  name: Midvale", "  name: Midvale Republic"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_taken_over_pages_equal_a_fresh_render_after_any_edit(edit: str, tmp_path: Path) -> None:
    project = copy_project(FICTIONAL, tmp_path / "project")
    options = Options(today=date(2026, 11, 27))
    session = Session()
    compile(project / "data", project, options, session=session)
    file, old, new = EDITS[edit]
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    second = compile(project / "data", project, options, session=session)
    fresh = compile(project / "data", project, options)
    assert second.ok and fresh.ok
    assert {p.src_uri: p.html for p in second.pages} == {p.src_uri: p.html for p in fresh.pages}


CONTESTED_EDITS = {
    "an account's value": ("rounds.yml", "    - value: Lakeport", "    - value: Lake Port"),
    "the accepted account": ("rounds.yml", "      accepted: true\n", ""),
    "a schedule entry": ("rounds.yml", "      start: 2024-04-06", "      start: 2024-04-07"),
    "a report's status": ("events.yml", "  report: denied", "  report: unconfirmed\n  # was denied"),
    "an organization renamed": ("organizations.yml", "  name: Lakeland Foreign Ministry",
                                "  name: Lakeland Ministry of Foreign Affairs"),
    "a wording": ("quotes.yml", "zero dams mean we do have a deal", "zero dams means we do have a deal"),
    "a figure revised": ("events.yml", "      value: \"610\"", "      value: \"612\""),
}


@pytest.mark.parametrize("edit", sorted(CONTESTED_EDITS))
def test_contested_facts_rebuild_as_a_fresh_render_would(edit: str, tmp_path: Path) -> None:
    project = copy_project(CONTESTED, tmp_path / "project")
    options = Options(today=date(2026, 11, 27))
    session = Session()
    compile(project / "data", project, options, session=session)
    file, old, new = CONTESTED_EDITS[edit]
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if edit == "a report's status":
        text = text.replace("  report_by: [informed-source-fake]\n", "", 1)
    path.write_text(text, encoding="utf-8")
    second = compile(project / "data", project, options, session=session)
    fresh = compile(project / "data", project, options)
    assert second.ok and fresh.ok, [str(d) for d in fresh.diagnostics]
    assert {p.src_uri: p.html for p in second.pages} == {p.src_uri: p.html for p in fresh.pages}


def _dirty_rebuild(project: Path, site: Path, edit: Callable[[], object]) -> dict[Path, bool]:
    """Build under `mkdocs serve --dirty`, edit, rebuild; whether each page of the first build was rewritten."""
    config = _serve_config(project, site)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        written = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
        edit()
        build(_serve_config(project, site), dirty=True)
    finally:
        config.plugins.on_shutdown()
    return {p: p.stat().st_mtime_ns != mtime for p, mtime in written.items()}


def test_serve_dirty_rebuilds_only_changed_files_and_equals_a_full_build(tmp_path: Path) -> None:
    project = copy_project(FICTIONAL, tmp_path / "project")
    renamed: list[str] = []
    pages = _dirty_rebuild(project, tmp_path / "preview", lambda: renamed.append(_rename_a_person(project)))
    person = renamed[0]
    rewritten = [p for p, changed in pages.items() if changed]
    assert tmp_path / "preview" / "people" / person / "index.html" in rewritten
    assert len(rewritten) < len(pages) // 2, "pages that show nothing of the edit are not written again"
    full = build_site(project, tmp_path / "full")
    assert full.returncode == 0, full.stderr
    assert _differences(tmp_path / "full", tmp_path / "preview") == []


def test_serve_dirty_redraws_every_page_when_the_configuration_changes(tmp_path: Path) -> None:
    project = copy_project(FICTIONAL, tmp_path / "project")
    config_file = project / "mkdocs.yml"
    pages = _dirty_rebuild(project, tmp_path / "preview", lambda: config_file.write_text(
        config_file.read_text(encoding="utf-8") + "\ncopyright: Edited\n", encoding="utf-8"))
    stale = [p for p, changed in pages.items() if not changed and p.name == "index.html"]
    assert stale == [], "MkDocs' own --dirty would leave the old footer on every unchanged page"
    assert "Edited" in (tmp_path / "preview" / "notes" / "overview" / "index.html").read_text(encoding="utf-8")
