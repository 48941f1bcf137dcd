"""The plugin's stylesheets and script in the built site, and the markup they rely on.

Without JavaScript a record table is the whole table, with nothing hidden
and no controls: the filter bar is made by briefing.js from the facets its rows carry
(tests/browser/test_browser_filters.py drives it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

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

