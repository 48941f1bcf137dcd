"""The plugin's stylesheets and script in the built site, and the markup they rely on.

The site serves minified copies of briefing/assets/ (the browser tests run them); print.css is linked from
every page's head for print only. Without JavaScript a record table is the whole table, with nothing hidden
and no controls: the filter bar is made by briefing.js from the facets its rows carry
(tests/browser/test_browser_filters.py drives it).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.outputs.assets import ASSETS, asset_text, minify, print_link
from briefing.plugin import ASSET_FILES

FILTERED = {"quotes": ("data-speaker", "data-party", "data-issue", "data-round", "data-date"),
            "positions": ("data-party", "data-issue", "data-venue", "data-date"),
            "events": ("data-kind", "data-date")}


def _article(site: Path, collection: str) -> str:
    html = (site / collection / "index.html").read_text(encoding="utf-8")
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


@pytest.mark.parametrize("collection", list(FILTERED))
def test_without_javascript_the_table_has_every_row_and_no_filter_controls(collection: str, contested_site: Path
                                                                          ) -> None:
    records = json.loads((contested_site / "briefing.json").read_text(encoding="utf-8"))["collections"][collection]
    article = _article(contested_site, collection)
    body = article[article.index("<tbody>"):article.index("</tbody>")]
    rows = re.findall(r"<tr\b[^>]*>", body)
    assert len(rows) == len(records) > 1
    assert not [row for row in rows if re.search(r"\shidden\b", row)]
    for control in ("<form", "<select", "<input", "br-filters", "aria-live"):
        assert control not in article, control
    # Each row names its facets for the script; the date as the first and last day it may mean.
    for attribute in FILTERED[collection]:
        assert any(f'{attribute}="' in row for row in rows), attribute
    for value in re.findall(r'data-date="([^"]*)"', body):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}", value), value


def test_several_values_of_a_facet_carry_their_labels_as_a_json_list(contested_site: Path) -> None:
    body = _article(contested_site, "events")
    several = re.findall(r'data-party="([^"]* [^"]*)" data-party-label="([^"]*)"', body)
    assert several
    for ids, labels in several:
        names = json.loads(labels.replace("&#34;", '"'))
        assert isinstance(names, list) and len(names) == len(ids.split())


# --- minified copies --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ASSET_FILES))
def test_the_site_serves_minified_copies_smaller_than_the_sources(name: str, shipped_site: Path) -> None:
    source = (ASSETS / name).read_text(encoding="utf-8")
    served = (shipped_site / "assets" / name).read_text(encoding="utf-8")
    assert served == asset_text(name) == minify(name, source)
    assert len(served) < 0.85 * len(source), f"{name}: {len(served)} of {len(source)} characters"
    assert "/*" not in served and "\n  " not in served  # no comments, no indentation


def test_minified_css_keeps_what_print_relies_on() -> None:
    css = asset_text("print.css")
    assert css.startswith("@media print{") and css.endswith("}")
    assert 'content:" <" attr(href) ">"' in css
    screen = asset_text("briefing.css")
    assert "color-mix(in srgb,var(--md-default-fg-color) 72%,transparent)" in screen


def test_minified_javascript_parses() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (the browser tests run the script in Chromium)")
    for name in (n for n in ASSET_FILES if n.endswith(".js")):
        done = subprocess.run([node, "--check"], input=asset_text(name), capture_output=True, text=True,
                              timeout=60, check=False)
        assert done.returncode == 0, f"{name}: {done.stderr}"


def test_a_changed_source_is_minified_again(tmp_path: Path) -> None:
    (tmp_path / "x.css").write_text("a  {  color : red ; }\n", encoding="utf-8")
    assert asset_text("x.css", tmp_path) == "a{color:red}"
    (tmp_path / "x.css").write_text("b {  color : blue ; }\n", encoding="utf-8")
    assert asset_text("x.css", tmp_path) == "b{color:blue}"
    assert minify("x.txt", "  kept  ") == "  kept  "


# --- print.css for print only -----------------------------------------------------------------------------


def test_print_css_is_linked_for_print_only_on_every_page(shipped_site: Path) -> None:
    pages = sorted(shipped_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        if page.name == "404.html":
            continue  # MkDocs renders it without the page hooks
        html = page.read_text(encoding="utf-8")
        head = html[:html.index("</head>")]
        links = re.findall(r"<link\b[^>]*print\.css[^>]*>", html)
        assert len(links) == 1 and links[0] in head, page
        assert 'media="print"' in links[0] and 'rel="stylesheet"' in links[0], links[0]
        href = re.search(r'href="([^"]+)"', links[0])
        assert href and (page.parent / href.group(1)).resolve() == (shipped_site / "assets" / "print.css")
    # The screen stylesheet and the script are still Material's extra_css and extra_javascript.
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="assets/briefing.css">' in home
    assert re.search(r'<script src="assets/briefing\.js[^"]*"', home)


def test_the_print_link_is_relative_to_the_page() -> None:
    assert print_link("") == '<link rel="stylesheet" href="assets/print.css" media="print">'
    assert print_link("quotes/a/") == '<link rel="stylesheet" href="../../assets/print.css" media="print">'
    assert print_link("quotes/a.html") == '<link rel="stylesheet" href="../assets/print.css" media="print">'
