"""The search entries the plugin hands Material's search plugin (issue 17) and the folding of Persian spellings
in the index (issue 16): real builds, compared with what Material's search plugin makes by itself."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from briefing.pipeline import compile
from briefing.render.search import FOLD, normalise, normalise_entries, page_entries
from tests.helpers import CONTESTED, FICTIONAL, ROOT, build_site, copy_project
from tests.test_serve import QUOTE_PAGE, serving

BRIEFINGS = {"shipped": ROOT, "fictional": FICTIONAL, "contested": CONTESTED}
PERSIAN_QUOTE = "ما برای گفت‌وگو آمده‌ایم"  # tests/fictional/data/quotes/2021-04.yml


def _project(source: Path, target: Path, **options: Any) -> Path:
    """A project that builds ``source``'s briefing with these briefing plugin options: a mkdocs.yml of its own
    that inherits the original (copied first when it is a test briefing, which a test may edit)."""
    target.mkdir(parents=True, exist_ok=True)
    if source != ROOT:
        source = copy_project(source, target / "project")
    config = target / "mkdocs.yml"
    settings = {"data_dir": str(source / "data"), **options}
    config.write_text(
        f"INHERIT: {source / 'mkdocs.yml'}\ndocs_dir: {source / 'content'}\nplugins:\n  - search\n"
        f"  - briefing: {json.dumps(settings)}\n", encoding="utf-8")
    return config


def _build(config: Path, site: Path) -> Path:
    result = build_site(config.parent, site)
    assert result.returncode == 0, f"build failed:\n{result.stdout}{result.stderr}"
    return site


def _index(site: Path) -> dict[str, Any]:
    index: dict[str, Any] = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return index


def _folded(index: dict[str, Any]) -> dict[str, Any]:
    normalise_entries(index["docs"])
    return index


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("name", sorted(BRIEFINGS))
def test_the_index_is_materials_own_with_persian_folded(name: str, tmp_path: Path) -> None:
    """With the handover, the index is the one Material's search plugin makes when it reads every page itself
    (and the plugin adds nothing: no search.js, no folding), folded: the same entries in the same order."""
    handed = _build(_project(BRIEFINGS[name], tmp_path / "handed"), tmp_path / "handed" / "site")
    plain = _build(_project(BRIEFINGS[name], tmp_path / "plain", search_entries=False, include_assets=False),
                   tmp_path / "plain" / "site")
    ours, materials = _index(handed), _index(plain)
    assert len(ours["docs"]) > 20
    assert ours == _folded(materials)
    assert ours["config"]["separator"] and ours["config"]["lang"]  # Material's own config, as it writes it


def test_the_handover_changes_no_byte_of_the_site(tmp_path: Path) -> None:
    """Handed over or read by Material, every file of the built site is the same (search index included)."""
    handed = _build(_project(FICTIONAL, tmp_path / "handed"), tmp_path / "handed" / "site")
    plain = _build(_project(FICTIONAL, tmp_path / "plain", search_entries=False), tmp_path / "plain" / "site")
    ours, theirs = _files(handed), _files(plain)
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []


def test_the_persian_quote_is_indexed_as_any_keyboard_types_it(fictional_site: Path) -> None:
    text = " ".join(entry["text"] for entry in _index(fictional_site)["docs"])
    assert PERSIAN_QUOTE not in text  # with its zero-width non-joiners…
    assert normalise(PERSIAN_QUOTE) in text  # …folded away, as the query is folded
    assert normalise("براي گفتوگو") in normalise(PERSIAN_QUOTE)  # Arabic yeh, no ZWNJ: the same words


def test_folding() -> None:
    assert normalise("كتاب") == "کتاب"  # Arabic kaf → Persian keheh
    assert normalise("براي") == normalise("برای") == "برای"  # Arabic yeh → Persian yeh
    assert normalise("مصطفى") == "مصطفی"  # alef maksura
    assert normalise("گفت‌وگو") == "گفتوگو"  # zero-width non-joiner
    assert normalise("كـتـاب") == "کتاب"  # tatweel
    assert normalise("مُحَمَّد") == "محمد"  # harakat
    assert normalise("١٤٠٤") == "۱۴۰۴"  # Arabic-Indic digits → Persian digits
    assert normalise("Geneva, 17 February") == "Geneva, 17 February"


def test_search_js_folds_as_python_does() -> None:
    """assets/search.js and briefing.render.search fold the same characters the same way."""
    script = (ROOT / "briefing" / "assets" / "search.js").read_text(encoding="utf-8")
    folded = re.search(r"var FOLDED = /\[(.*?)\]/g;", script)
    assert folded is not None
    ranges = re.findall(r"\\u([0-9A-F]{4})(?:-\\u([0-9A-F]{4}))?", folded.group(1))
    characters = {chr(c) for start, end in ranges for c in range(int(start, 16), int(end or start, 16) + 1)}
    assert characters == {chr(c) for c in FOLD}
    into = dict(re.findall(r'"\\u([0-9A-F]{4})": "\\u([0-9A-F]{4})"', script))
    assert {chr(int(a, 16)): chr(int(b, 16)) for a, b in into.items()} == {
        chr(c): chr(t) for c, t in FOLD.items() if t is not None and not 0x0660 <= c <= 0x0669}


@pytest.mark.parametrize("flags", [(), ("--dirty",)])
def test_served_index_after_an_edit_is_the_built_one(tmp_path: Path, flags: tuple[str, ...]) -> None:
    """Under mkdocs serve, after an edit, the index is what a build of the edited data gives with Material
    reading every page itself: kept entries of reused pages and handed entries of re-rendered ones alike."""
    project = copy_project(FICTIONAL, tmp_path / "project")
    with serving(project, tmp_path / "serve.log", *flags) as server:
        quotes = project / "data" / "quotes" / "2021-03.yml"
        old = "We’re here to share the river, not to divide it."
        quotes.write_text(quotes.read_text(encoding="utf-8").replace(old, "We’re here to share the river.", 1),
                          encoding="utf-8")
        deadline = time.monotonic() + 60
        while "share the river." not in server.get("search/search_index.json")[1]:
            assert time.monotonic() < deadline, server.logged()
            time.sleep(0.3)
        assert "share the river." in server.get(QUOTE_PAGE)[1]
        served = json.loads(server.get("search/search_index.json")[1])
    plain = _build(_project(project, tmp_path / "plain", search_entries=False, include_assets=False),
                   tmp_path / "plain" / "site")
    assert served == _folded(_index(plain))


@pytest.mark.parametrize("name", sorted(BRIEFINGS))
def test_every_searchable_generated_page_is_handed_over(name: str) -> None:
    """No generated page's markup is of the kind left to Material's parser: the handover covers them all."""
    result = compile(BRIEFINGS[name] / "data", BRIEFINGS[name])
    assert result.renderer is not None
    pages = [page for page in result.pages if page.searchable]
    assert len(pages) > 20
    left = [page.src_uri for page in pages
            if page_entries(result.renderer.page_content(page.src_uri, ""), "x/", page.title, {}) is None]
    assert left == []


def test_page_entries_leave_unusual_markup_to_material() -> None:
    for content in ('<div data-search-exclude><p>x</p></div>', "<p>a < b</p>", "<!-- note --><p>x</p>",
                    "<p title='a>b'>x</p>", '<h2 id="a" id="b">x</h2>', "<h2 id=a>x</h2>", "<object>x</object>"):
        assert page_entries(content, "x/", "X", {}) is None, content
    assert page_entries('<h2 id="a">A</h2><p>b</p>', "x/", "X", {}) == [
        {"location": "x/", "title": "X", "text": ""}, {"location": "x/#a", "title": "A", "text": "<p>b</p>"}]
