"""Authoring: [[id]] references and blocks in prose, glossary tooltips, init/new, JSON Schema, ProperDocs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing.cli import main
from briefing.schema import collection_schemas, vscode_settings
from tests.helpers import ROOT, build_site, content, copy_project, mkdocs_env, page


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "talks"
    assert main(["init", str(target)]) == 0
    return target


def test_init_builds_strict_straight_away(scaffold: Path, tmp_path: Path) -> None:
    result = build_site(scaffold, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    home = content(tmp_path / "site", "index.html")
    assert home.find("section", cls="br-status").text().startswith("Status at a glance")
    # The example [[id]] references became links to the generated pages.
    assert "rounds/round-1/" in " ".join(home.links())
    for name in ("data/quotes.yml", "content/index.md", "README.md", ".vscode/settings.json",
                 "schema/quotes.schema.json"):
        assert (scaffold / name).is_file(), name


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_new_appends_a_valid_skeleton_and_keeps_comments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(ROOT / "briefing" / "scaffold", tmp_path / "p")
    quotes = project / "data" / "quotes.yml"
    quotes.write_text("# Quotes, newest last.\n" + quotes.read_text(encoding="utf-8"), encoding="utf-8")
    before = quotes.read_text(encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["new", "quote"]) == 0
    assert main(["new", "round"]) == 0
    out = capsys.readouterr().out
    assert "added 'quote-1'" in out and "added 'round-2'" in out
    after = quotes.read_text(encoding="utf-8")
    assert after.startswith(before), "the existing text, comments included, is kept byte for byte"
    assert "- id: quote-1\n  speaker: ada-west\n" in after
    assert "  number: 2\n  status: planned\n" in (project / "data" / "rounds.yml").read_text(encoding="utf-8")
    capsys.readouterr()
    # The skeletons are valid records, but their TODO values must not be published: only BR240 is left.
    assert main(["check", "data"]) == 1
    codes = set(re.findall(r"error\[(BR\d{3})\]", capsys.readouterr().err))
    assert codes == {"BR240"}


def test_new_refuses_an_unknown_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(ROOT / "briefing" / "scaffold", tmp_path / "p")
    monkeypatch.chdir(project)
    assert main(["new", "qoute"]) == 1
    assert "'qoute' is not a kind of record" in capsys.readouterr().err


def test_references_and_blocks_in_prose(tmp_path: Path) -> None:
    project = copy_project(ROOT / "briefing" / "scaffold", tmp_path / "p")
    (project / "content" / "analysis.md").write_text(
        "# Analysis\n\n"
        "Westland's *demand* ([[westland-quota-demand|the 50 % claim]]) came in [[round-1#outcomes]].\n\n"
        "Literal: `[[not-an-id]]`.\n\n```\n[[also-not-an-id]]\n```\n\n"
        "<!-- briefing:matrix issue=water-sharing -->\n\n<!-- briefing:quote id=ada-west-fair-share -->\n\n"
        "<!-- briefing:round id=round-1 -->\n\nThe quota is disputed.\n",
        encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    body = content(site, "analysis/index.html")
    links: dict[str, str] = {}
    for a in body.find_all("a"):  # the references come first, before the blocks' own links
        if a.text() in ("the 50 % claim", "Round 1"):
            links.setdefault(a.text(), a.attrs["href"])
    assert links == {"the 50 % claim": "../positions/westland-quota-demand/",
                     "Round 1": "../rounds/round-1/#outcomes"}
    codes = [c.text() for c in body.find_all("code")]
    assert "[[not-an-id]]" in codes and "[[also-not-an-id]]" in codes
    assert body.find("table", cls="br-matrix").find("th", scope="row").text() == "Water sharing"
    assert "We only ask for our fair share." in body.find("figure", cls="br-quote").text()
    assert body.find("section", cls="br-round-box").find("a").text() == "Round 1"
    assert body.find("abbr").attrs["title"] == "The share of the river's water a side may take."


def test_an_unknown_reference_fails_check_and_build_with_file_line_and_suggestion(tmp_path: Path) -> None:
    project = copy_project(ROOT / "briefing" / "scaffold", tmp_path / "p")
    (project / "content" / "analysis.md").write_text(
        "# Analysis\n\nAs [[ada-wset]] said.\n\n<!-- briefing:matrix isue=water-sharing -->\n", encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "briefing.cli", "check"], cwd=project, capture_output=True,
                           text=True, check=False, env=mkdocs_env())
    assert check.returncode == 1
    assert "content/analysis.md:3:4: error[BR300]: unknown id 'ada-wset' in [[…]]" in check.stderr
    assert "did you mean 'ada-west'?" in check.stderr
    assert "content/analysis.md:5:1: error[BR302]: block 'briefing:matrix' has no option 'isue'" in check.stderr
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    assert "content/analysis.md:3:4: error[BR300]" in build.stderr
    assert not (tmp_path / "site").exists(), "nothing is written when the pages have errors"


def test_glossary_terms_are_tooltips_and_the_term_page_lists_where_it_appears(shipped_site: Path) -> None:
    issue = content(shipped_site, "issues/uranium-enrichment/index.html")
    tooltips = {a.text(): a.attrs["title"] for a in issue.find_all("abbr")}
    assert tooltips["NPT"].startswith("The Treaty on the Non-Proliferation of Nuclear Weapons")
    npt = content(shipped_site, "glossary/npt/index.html")
    assert npt.find("h2", id="appears-on").text() == "Appears on"
    appears_on = npt.find("ul", cls="br-backlinks")  # the first such list follows that heading
    assert "../../issues/uranium-enrichment/" in appears_on.links()


def test_reference_pages_are_generated_from_the_model(shipped_site: Path) -> None:
    model = content(shipped_site, "editors/data-model/index.html")
    quotes = model.find("h3", id="quotes")
    assert quotes.text() == "quotes.yml"
    rows = {tr.find_all("td")[0].text(): tr.text() for tr in model.find_all("tr") if tr.find_all("td")}
    assert "id of a person" in rows["speaker"] and "required" in rows["speaker"]
    codes = content(shipped_site, "editors/diagnostics/index.html")
    cells = [td.text() for td in codes.find("tr", id="br201").find_all("td")]
    assert cells[:2] == ["BR201", "Unknown reference"]


def _yaml_12(path: Path) -> object:
    """Data as editors' YAML 1.2 tools read it: numbers and booleans typed, dates left as text."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


DATA_FOLDERS = [ROOT / "data", ROOT / "briefing" / "scaffold" / "data", ROOT / "tests" / "fictional" / "data"]


@pytest.mark.parametrize("data_dir", DATA_FOLDERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_schema_accepts_the_shipped_and_test_data(data_dir: Path) -> None:
    schemas = collection_schemas()
    checked = 0
    for path in sorted(data_dir.rglob("*.yml")):
        stem = path.stem if path.parent == data_dir else path.parent.name
        jsonschema.validate(_yaml_12(path), schemas[stem])
        checked += 1
    assert checked >= 5


def test_the_schema_rejects_what_the_model_rejects() -> None:
    schema = collection_schemas()["quotes"]
    with pytest.raises(jsonschema.ValidationError, match="speker"):
        jsonschema.validate([{"id": "q", "text": "x", "speker": "a", "speaker": "a", "sources": ["s"]}], schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "Q 1", "text": "x", "speaker": "a", "sources": ["s"]}], schema)


def test_committed_schemas_and_editor_settings_match_the_model() -> None:
    for stem, schema in collection_schemas().items():
        committed = json.loads((ROOT / "schema" / f"{stem}.schema.json").read_text(encoding="utf-8"))
        assert committed == schema, f"schema/{stem}.schema.json is stale: run `briefing schema`"
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings == vscode_settings()


def test_properdocs_builds_the_shipped_briefing_unchanged(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, check=False, env=mkdocs_env(), timeout=180)
    assert result.returncode == 0, result.stderr
    quote = page(tmp_path / "site", "quotes/albusaidi-good-progress/index.html")
    assert "Today’s indirect negotiations" in quote.text()


def test_only_the_plugin_package_imports_mkdocs() -> None:
    importers = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "briefing").rglob("*.py")
                       if "import mkdocs" in p.read_text(encoding="utf-8")
                       or "from mkdocs" in p.read_text(encoding="utf-8"))
    assert importers == ["briefing/plugin/__init__.py", "briefing/plugin/internals.py", "briefing/plugin/serving.py"]


def test_init_ships_a_workflow_that_checks_pull_requests_and_deploys_with_full_history(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "talks")]) == 0
    workflow_file = tmp_path / "talks" / ".github" / "workflows" / "briefing.yml"
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    check = [step.get("run") for step in workflow["jobs"]["check"]["steps"]]
    assert "briefing check --strict --format github" in check
    deploy = workflow["jobs"]["deploy"]["steps"]
    assert deploy[0]["with"]["fetch-depth"] == 0
    assert "mkdocs gh-deploy --strict --force" in [step.get("run") for step in deploy]
