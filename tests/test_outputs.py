"""Outputs for readers and machines: each file is read back with its standard parser, from real builds.

The shipped briefing is built once for the module; a copy of the fictional briefing (outside any git
repository, with a quote that tries to close a ``<script>``) is built once too; a second copy is put in a
fresh git repository with two commits for the "What changed" page. The PDF test prints the print page with
headless Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from briefing import git_history as history
from briefing.corpus import build_corpus, record_date
from briefing.model import COLLECTIONS, Briefing, Record, Round, yaml_fields
from briefing.outputs import calendar as ics
from briefing.outputs import feeds, json_text
from briefing.outputs.files import output_files
from briefing.outputs.ids import entry_name
from briefing.pipeline import compile
from briefing.render import Urls, jsonld
from tests.helpers import FICTIONAL, ROOT, broken_links, build_site, built_site, copy_project, page, parse_html

ATOM = "{http://www.w3.org/2005/Atom}"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
SCRIPT_BREAKOUT = "</script><script>alert('x')</script> & <!-- more"
EXPECTED_TYPES = {"rounds": "Event", "events": "Event", "quotes": "Quotation", "people": "Person",
                  "parties": "Organization", "outlets": "NewsMediaOrganization", "sources": "NewsArticle",
                  "positions": "Claim", "issues": "Thing", "glossary": "DefinedTerm"}


@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Path:
    """The shipped briefing, built with --strict once for the whole session."""
    return shipped_site


@pytest.fixture(scope="module")
def briefing_json(site: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fictional briefing, not in git, with a quote that tries to break out of <script>."""
    project = copy_project(FICTIONAL, tmp_path_factory.mktemp("outputs-hostile") / "p")
    quotes = project / "data" / "quotes" / "2021-04.yml"
    quotes.write_text(quotes.read_text(encoding="utf-8") + (
        "\n- id: ada-script-breakout\n"
        f"  text: {json.dumps(SCRIPT_BREAKOUT)}\n"
        "  speaker: ada-north\n  date: 2021-04-14\n  round: round-2\n"
        "  sources: [{source: gazette-2021-03-02, locator: \"para 9\"}]\n"), encoding="utf-8")
    return built_site(project, project / "site")


def _records(site: Path, collection: str) -> list[Path]:
    return sorted(p for p in (site / collection).glob("*/index.html"))


def _jsonld(html_file: Path) -> list[dict[str, object]]:
    tree = parse_html(html_file.read_text(encoding="utf-8"))
    scripts = tree.find_all("script", type="application/ld+json")
    return [json.loads("".join(c for c in s.children if isinstance(c, str))) for s in scripts]


# --- briefing.json ----------------------------------------------------------------------------------------


def test_briefing_json_holds_every_record_and_the_derived_views(briefing_json: dict[str, object]) -> None:
    data = briefing_json
    assert data["schema_version"] == 3
    collections = data["collections"]
    assert isinstance(collections, dict)
    assert sorted(collections) == sorted(COLLECTIONS)
    ids = {r["id"] for records in collections.values() for r in records}
    assert {"round-2", "abbas-araghchi", "tehran-times-2026-02-17"} <= ids
    round_2 = next(r for r in collections["rounds"] if r["id"] == "round-2")
    # References stay ids, dates stay the text written, absent values are null.
    assert round_2["mediator"] == "oman" and round_2["start"] == "2026-02-16" and round_2["summary"]
    assert round_2["sources"][0] == {"source": "tehran-times-2026-02-17", "locator": "para 1", "note": None}
    round_3 = next(r for r in collections["rounds"] if r["id"] == "round-3")
    assert round_3["start"] is None and round_3["location"] is None
    assert data["pages"]["round-2"] == "rounds/round-2/"  # type: ignore[index]
    matrix = data["matrix"]
    assert isinstance(matrix, dict) and matrix["cells"]
    assert all(pos in ids for cell in matrix["cells"] for pos in cell["positions"])
    timeline = data["timeline"]
    assert isinstance(timeline, list)
    assert [e["id"] for e in timeline][:2] == ["round-1", "round-2"]
    assert data["status"]["as_of"] == "2026-02-17"  # type: ignore[index]
    assert data["briefing"]["as_of"] == "2026-02-17"  # type: ignore[index]


# --- CSV --------------------------------------------------------------------------------------------------


def test_csv_has_one_file_per_collection_with_every_record(site: Path, briefing_json: dict[str, object]) -> None:
    collections = briefing_json["collections"]
    assert isinstance(collections, dict)
    for name, model in COLLECTIONS.items():
        text = (site / "csv" / f"{name}.csv").read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert next(csv.reader(io.StringIO(text))) == list(yaml_fields(model))
        assert [row["id"] for row in rows] == [r["id"] for r in collections[name]]
    rounds = {row["id"]: row for row in csv.DictReader(io.StringIO((site / "csv/rounds.csv").read_text("utf-8")))}
    assert rounds["round-2"]["parties"] == "iran; united-states"
    assert rounds["round-2"]["sources"].startswith("tehran-times-2026-02-17 (para 1); tehran-times-2026-02-17 (para 2)")
    assert rounds["round-3"]["start"] == ""
    assert "\n" in rounds["round-2"]["outcomes"] or "; " in rounds["round-2"]["outcomes"]


# --- iCalendar --------------------------------------------------------------------------------------------


def test_rounds_ics_is_valid_and_deterministic(site: Path) -> None:
    raw = (site / "rounds.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded at 75 octets"
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    cal = Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"])
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    # The UID is the round's id in this briefing: no site_url, so a slug of its title.
    uid = "@briefing/iran-united-states-nuclear-talks-2026"
    assert sorted(events) == [f"round-1{uid}", f"round-2{uid}"]  # round 3 is unscheduled: left out
    second = events[f"round-2{uid}"]
    assert second.decoded("DTSTART") == date(2026, 2, 16)
    assert second.decoded("DTEND") == date(2026, 2, 18)  # all-day DTEND is exclusive
    assert second.decoded("DTSTAMP") == datetime(2026, 2, 17, tzinfo=UTC)  # the cutoff, not the build time
    assert str(second["STATUS"]) == "CONFIRMED"
    assert str(second["LOCATION"]) == "Geneva"
    assert "URL" not in second  # no site_url in the shipped mkdocs.yml


def _round(**fields: str) -> Round:
    return Round.model_validate({"sources": ["s"], **fields})


def test_calendar_maps_status_and_leaves_out_what_has_no_day() -> None:
    briefing = Briefing.model_validate({"title": "T", "subject": "S", "as_of": "2026-05-01"})
    records: list[Record] = [
        _round(id="r1", number="1", status="held", start="2026-01-05", end="2026-02"),
        _round(id="r2", number="2", status="postponed", start="2026-02-10"),
        _round(id="r3", number="3", status="cancelled", start="2026-03-01T10:00+01:00"),
        _round(id="r4", number="4", status="scheduled", start="2026-04"),
        _round(id="r5", number="5", status="planned"),
        _round(id="r6", number="6", status="unscheduled"),
    ]
    corpus = build_corpus(briefing, records)
    entries, left_out = ics.calendar_rounds(corpus)
    assert [e.round.id for e in entries] == ["r1", "r2", "r3"]
    assert {x.round.id: x.reason for x in left_out} == {
        "r4": "only the month is known (April 2026); a calendar entry would claim a day",
        "r5": "no date reported", "r6": "unscheduled: no date has been set"}
    assert "month only" in entries[0].notes[0]
    cal = Calendar.from_ical(ics.rounds_ics(corpus, Urls(), "https://example.org/talks"))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert [str(events[f"r{i}@example.org/talks"]["STATUS"]) for i in (1, 2, 3)] == ["CONFIRMED", "TENTATIVE",
                                                                                "CANCELLED"]
    assert events["r3@example.org/talks"].decoded("DTSTART") == date(2026, 3, 1)  # a day; its time in the text
    assert "10:00" in str(events["r3@example.org/talks"]["DESCRIPTION"])
    assert str(events["r1@example.org/talks"]["URL"]) == "https://example.org/talks/rounds/r1/"


# --- feeds ------------------------------------------------------------------------------------------------


def _dated(briefing_json: dict[str, object]) -> set[str]:
    collections = briefing_json["collections"]
    assert isinstance(collections, dict)
    fields = {"rounds": ("start",), "events": ("date", "start"), "quotes": ("date",), "positions": ("date",)}
    return {r["id"] for name in feeds.FEED_COLLECTIONS for r in collections[name]
            if any(r.get(f) for f in fields[name])}


def _target(site: Path, href: str) -> Path:
    target = site / href
    return target / "index.html" if href.endswith("/") else target


def test_atom_feed_parses_with_absolute_ids_and_relative_links(site: Path, briefing_json: dict[str, object]) -> None:
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id", "").startswith("tag:")
    assert root.findtext(f"{ATOM}title") and root.findtext(f"{ATOM}updated")
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id", "") for e in entries]
    assert {entry_name(i) for i in ids} == _dated(briefing_json)
    assert all(re.fullmatch(r"tag:briefing,2026:iran-united-states-nuclear-talks-2026:[a-z0-9-]+", i) for i in ids)
    updated = [e.findtext(f"{ATOM}updated", "") for e in entries]
    assert updated == sorted(updated, reverse=True), "newest first"
    for entry in entries:
        href = entry.find(f"{ATOM}link").attrib["href"]  # type: ignore[union-attr]
        assert not href.startswith(("http:", "https:", "/")), "relative without site_url"
        assert _target(site, href).is_file(), href
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}summary")


def test_json_feed_matches_the_atom_feed(site: Path) -> None:
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert "feed_url" not in feed and "home_page_url" not in feed  # no site_url: no full address to give
    atom_ids = [e.findtext(f"{ATOM}id") for e in ET.parse(site / "feed.xml").getroot().findall(f"{ATOM}entry")]
    assert [item["id"] for item in feed["items"]] == atom_ids
    for item in feed["items"]:
        assert item["content_text"] and item["title"] and _target(site, item["url"]).is_file()
        datetime.fromisoformat(item["date_published"])


def test_feeds_use_absolute_urls_under_site_url(site: Path) -> None:
    result = compile(ROOT / "data", ROOT)
    assert result.corpus is not None
    files = output_files(result.corpus, Urls(), "https://example.org/briefing")
    root = ET.fromstring(files["feed.xml"])
    hrefs = [link.attrib["href"] for link in root.iter(f"{ATOM}link")]
    assert hrefs and all(h.startswith("https://example.org/briefing/") for h in hrefs)
    feed = json.loads(files["feed.json"])
    assert feed["feed_url"] == "https://example.org/briefing/feed.json"
    # Everything but the addresses is the same as in the built site, and nothing depends on the clock.
    assert files["briefing.json"] == (site / "briefing.json").read_bytes()
    assert output_files(result.corpus, Urls()) == output_files(result.corpus, Urls())


def test_record_dates_and_feed_entries_agree(briefing_json: dict[str, object]) -> None:
    result = compile(ROOT / "data", ROOT)
    assert result.corpus is not None
    entries = feeds.feed_entries(result.corpus)
    assert all(record_date(e.record) is not None for e in entries)
    assert {e.record.id for e in entries} == _dated(briefing_json)


# --- JSON-LD ----------------------------------------------------------------------------------------------


def test_every_record_page_has_jsonld_of_its_type(site: Path) -> None:
    for collection, expected in EXPECTED_TYPES.items():
        for html_file in _records(site, collection):
            nodes = _jsonld(html_file)
            assert len(nodes) == 1, html_file
            node = nodes[0]
            assert node["@context"] == "https://schema.org"
            assert node["@type"] == expected, html_file
            assert node["identifier"] == html_file.parent.name


def test_jsonld_of_rounds_and_quotes(site: Path) -> None:
    [node] = _jsonld(site / "rounds/round-2/index.html")
    assert node["eventStatus"] == "https://schema.org/EventScheduled"
    assert node["location"] == {"@type": "Place", "name": "Geneva"}
    assert node["startDate"] == "2026-02-16" and node["endDate"] == "2026-02-17"
    super_event = node["superEvent"]
    assert isinstance(super_event, dict) and super_event["@type"] == "Event" and super_event["name"]
    [quote] = _jsonld(site / "quotes/albusaidi-good-progress/index.html")
    creator = quote["creator"]
    assert isinstance(creator, dict) and creator["@type"] == "Person" and creator["name"] == "Badr Albusaidi"
    based_on = quote["isBasedOn"]
    assert isinstance(based_on, list) and based_on[0]["@type"] == "NewsArticle"
    # Relative ids resolve against the page to the record's own page.
    assert based_on[0]["@id"] == "../../sources/tehran-times-2026-02-17/#record"
    assert _target(site / "quotes/albusaidi-good-progress", based_on[0]["@id"].split("#")[0]).is_file()


def test_jsonld_cannot_be_closed_by_the_data(hostile_site: Path) -> None:
    html = (hostile_site / "quotes/ada-script-breakout/index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    assert not re.search(r"[<>&]", scripts[0])
    assert "\\u003c/script\\u003e" in scripts[0]
    assert json.loads(scripts[0])["text"] == SCRIPT_BREAKOUT
    # The page shows the text, escaped, and runs no script of the data's.
    assert "<script>alert" not in html


def test_jsonld_dumps_escapes_markup_characters() -> None:
    text = jsonld.dumps({"a": "</script>&<!--\u2028"})
    assert not re.search("[<>&\u2028]", text)
    assert json.loads(text) == {"a": "</script>&<!--\u2028"}


# --- pages: links, cutoff, figure, print, changes --------------------------------------------------------


def test_the_site_links_the_outputs(site: Path) -> None:
    mine = ("data/index.html", "changes/index.html", "print/index.html", "timeline/index.html")
    assert [b for b in broken_links(site) if b.startswith(mine) or "feed." in b] == []
    data_page = page(site, "data/index.html")
    hrefs = set(data_page.links())
    for name in ("briefing.json", "rounds.ics", "feed.xml", "feed.json", *(f"csv/{c}.csv" for c in COLLECTIONS)):
        assert f"../{name}" in hrefs, name
        assert (site / name).is_file()
    home = page(site, "index.html")
    nav = set(home.links())
    assert {"data/", "changes/", "print/"} <= nav
    head = {el.attrs["type"]: el.attrs["href"] for el in page(site, "rounds/round-2/index.html").find_all("link")
            if el.attrs.get("rel") == "alternate"}
    assert head == {"application/atom+xml": "../../feed.xml", "application/feed+json": "../../feed.json"}


def test_every_page_states_the_information_cutoff(site: Path) -> None:
    for html_file in sorted(site.rglob("*.html")):
        if html_file.name == "404.html":
            continue
        tree = parse_html(html_file.read_text(encoding="utf-8"))
        info = tree.find_all("p", cls="br-page-info")
        assert len(info) == 1, html_file
        assert info[0].text().startswith("Information cutoff: 17 February 2026"), html_file


def test_record_pages_say_when_they_last_changed_when_git_knows(site: Path) -> None:
    if not history.load_history(ROOT / "data").available:
        pytest.skip("the repository's history is not available here")
    info = page(site, "rounds/round-2/index.html").find("p", cls="br-page-info").text()
    assert re.search(r"Last changed: \d{1,2} \w+ \d{4} \(commit [0-9a-f]{7}\)", info), info


def test_timeline_figure_is_an_accessible_inline_svg(site: Path) -> None:
    html = (site / "timeline/index.html").read_text(encoding="utf-8")
    [svg] = re.findall(r"<svg class=\"br-tlfig\".*?</svg>", html, re.S)
    root = ET.fromstring(svg)
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "br-tlfig-title br-tlfig-desc"
    ns = "{http://www.w3.org/2000/svg}"
    assert root.findtext(f"{ns}title", "").startswith("Timeline of")
    # The list below the figure is its text: the description says what the figure shows as a whole and
    # names no entry, so that a screen reader does not read each entry twice.
    desc = root.findtext(f"{ns}desc", "")
    assert desc == ("The dated rounds and events on a time axis, roughly to scale, from 6 February 2026 to the "
                    "information cutoff, 17 February 2026: 2 rounds, 0 events. 2 entries without a reported date "
                    "are not drawn. Each entry is written out in the text of this page.")
    assert "First round" not in desc and "Third round" not in desc
    assert root.find(f".//{ns}script") is None and "<script" not in svg
    assert "currentColor" in svg and root.attrib["viewBox"].startswith("0 0 360 ")


def test_print_page_holds_the_whole_briefing_in_reading_order(site: Path) -> None:
    text = (site / "print/index.html").read_text(encoding="utf-8")
    order = ["Status at a glance", 'id="print-key-points"', 'id="print-timeline"', 'id="print-matrix"',
             'id="print-rounds"', 'id="print-events"', 'id="print-positions"', 'id="print-quotes"',
             'id="print-sources"']
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "data-search-exclude" in text and "“good start”" in text


def test_changes_page_without_git_says_so(hostile_site: Path) -> None:
    content = page(hostile_site, "changes/index.html").find("article", cls="md-content__inner").text()
    assert "not available for this build: the data folder is not in a git repository" in content
    info = page(hostile_site, "rounds/round-2/index.html").find("p", cls="br-page-info").text()
    assert info.startswith("Information cutoff: 20 May 2021") and "Last changed" not in info


def test_history_without_git_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history.shutil, "which", lambda _name: None)
    found = history.load_history(ROOT / "data")
    assert not found.available and "git is not installed" in found.reason


def _git(project: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.invalid",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.invalid",
           "GIT_AUTHOR_DATE": "2026-03-01T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-03-01T12:00:00+00:00"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changes_page_lists_records_added_changed_and_removed(tmp_path: Path) -> None:
    project = copy_project(FICTIONAL, tmp_path / "p")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "First facts")
    quotes = project / "data" / "quotes" / "2021-03.yml"
    text = quotes.read_text(encoding="utf-8")
    text = text.replace("Midvale is honoured to host", "Midvale is proud to host")
    text = text[text.index("- id: cara-honoured-to-host"):]  # the first quote of the file is removed
    text += ("\n- id: ada-river-belongs\n  text: The river belongs to both\n  speaker: ada-north\n"
             "  date: 2021-03-01\n  round: round-1\n  sources: [{source: gazette-2021-03-02, locator: \"para 4\"}]\n")
    quotes.write_text(text, encoding="utf-8")
    _git(project, "commit", "-q", "-am", "Quotes: <fix> the opening statement")
    # An edit not committed yet: its page must not show a stale date.
    other = project / "data" / "quotes" / "2021-04.yml"
    other.write_text(other.read_text(encoding="utf-8").replace("We came for dialogue", "We came to talk"),
                     encoding="utf-8")
    built = built_site(project, project / "site")

    changes = page(built, "changes/index.html").find("article", cls="md-content__inner")
    sections = changes.find_all("section", cls="br-commit")
    assert [s.find("h2").text() for s in sections] == ["Quotes: <fix> the opening statement", "First facts"]
    newest = sections[0]
    added = newest.find("ul", cls="br-changes-added")
    assert added.text() == "quote The river belongs to both" and added.links() == ["../quotes/ada-river-belongs/"]
    changed = newest.find("ul", cls="br-changes-changed")
    assert changed.links() == ["../quotes/cara-honoured-to-host/"]
    removed_list = newest.find("ul", cls="br-changes-removed")
    assert "ada-share-the-river" in removed_list.text() and removed_list.links() == []
    assert "bahram-came-for-dialogue" not in newest.text()  # only the working copy changed it
    first = sections[1].find("ul", cls="br-changes-added")
    assert "the briefing as a whole" in first.text() and len(first.find_all("li")) > 20
    assert "not committed yet, to: We came to talk" in changes.find("p", cls="br-note").text()

    info = page(built, "quotes/cara-honoured-to-host/index.html").find("p", cls="br-page-info")
    assert "Last changed: 1 March 2026 (commit" in info.text()
    assert any(link.startswith("../../changes/#commit-") for link in info.links())
    assert "Last changed: edits not yet committed" in page(
        built, "quotes/bahram-came-for-dialogue/index.html").find("p", cls="br-page-info").text()
    # The calendar leaves out the fictional third round, scheduled for "2021-06" only.
    cal = Calendar.from_ical((built / "rounds.ics").read_bytes())
    uid = "@briefing/northland-southland-water-treaty-talks"
    assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == [f"round-1{uid}", f"round-2{uid}"]
    assert "only the month is known (June 2021)" in page(built, "data/index.html").text()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_shallow_clone_dates_only_what_its_commits_show(tmp_path: Path) -> None:
    # CI checks out one commit by default: the oldest commit present then looks as if it added every record.
    origin = copy_project(FICTIONAL, tmp_path / "origin")
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "First facts")
    quotes = origin / "data" / "quotes" / "2021-04.yml"
    for old, new, message in (("We came for dialogue", "We came to talk", "Quotes: Bahram's words"),
                              ("We came to talk", "We came for talks", "Quotes: Bahram's words, again")):
        quotes.write_text(quotes.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        _git(origin, "commit", "-q", "-am", message)
    # Two commits deep: the newest is known in full; the one before is the boundary, its parent missing.
    _git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", "clone")
    clone = tmp_path / "clone"
    result = build_site(clone, clone / "site")
    assert result.returncode == 0, result.stderr  # said, but no reason to fail a strict build by default
    assert "INFO    -  briefing: the site is built from a shallow git clone" in result.stderr
    assert "fetch-depth: 0" in result.stderr
    built = clone / "site"
    changes = page(built, "changes/index.html").find("article", cls="md-content__inner")
    assert "built from a shallow git clone" in changes.text()
    newest, boundary = changes.find_all("section", cls="br-commit")
    assert newest.find("ul", cls="br-changes-changed").links() == ["../quotes/bahram-came-for-dialogue/"]
    assert "Not known: the commit before this one is not in the clone" in boundary.text()
    assert boundary.find_all("ul", cls="br-changes-added") == []  # not "every record added"
    quote = page(built, "quotes/bahram-came-for-dialogue/index.html").find("p", cls="br-page-info").text()
    assert "Last changed: 1 March 2026 (commit" in quote
    info = page(built, "rounds/round-1/index.html").find("p", cls="br-page-info").text()
    assert "Last changed: not known (the site was built from a shallow git clone)" in info
    assert not re.search(r"Last changed: \d", info)
    # Asked to, the build fails --strict on it.
    config = clone / "mkdocs.yml"
    warn = config.read_text(encoding="utf-8").replace("  - briefing", "  - briefing:\n      partial_history: warn", 1)
    config.write_text(warn, encoding="utf-8")
    strict = build_site(clone, tmp_path / "strict-site")
    assert strict.returncode != 0
    assert "WARNING -  briefing: the site is built from a shallow git clone" in strict.stderr


# --- PDF --------------------------------------------------------------------------------------------------


# Playwright's sync API runs in a process of its own: the browser tests keep one running for the session.
_PRINT_TO_PDF = """
import sys
try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sys.exit(3)
executable, flags, jobs = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=executable, args=flags)
    try:
        tab = browser.new_page(color_scheme="dark")  # print must come out black on white all the same
        for url, out in zip(jobs[0::2], jobs[1::2]):
            tab.goto(url)
            with open(out, "wb") as file:
                file.write(tab.pdf(format="A4"))
    finally:
        browser.close()
"""


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must have it (Debian package 'chromium', pip extra 'test')")
    pytest.skip(reason)


def _print_to_pdf(*pages: Path, out: Path) -> list[bytes]:
    if not CHROMIUM.exists():
        _skip_or_fail(f"{CHROMIUM} is not installed")
    jobs = [str(x) for i, html in enumerate(pages) for x in (html.as_uri(), out / f"{i}.pdf")]
    done = subprocess.run([sys.executable, "-c", _PRINT_TO_PDF, str(CHROMIUM), " ".join(CHROMIUM_ARGS), *jobs],
                          capture_output=True, text=True, timeout=120, check=False)
    if done.returncode == 3:
        _skip_or_fail("the playwright package is not installed")
    assert done.returncode == 0, done.stderr
    return [(out / f"{i}.pdf").read_bytes() for i in range(len(pages))]


def test_print_page_makes_a_clean_a4_pdf(site: Path, hostile_site: Path, tmp_path: Path) -> None:
    pdf, source_pdf = _print_to_pdf(site / "print/index.html", hostile_site / "sources/gazette-2021-05-20/index.html",
                                    out=tmp_path)
    reader = PdfReader(io.BytesIO(pdf))
    assert 3 <= len(reader.pages) <= 30
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, "A4 in points"
    flat = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    for expected in ("Iran–United States nuclear talks, 2026", "Key points", "Position matrix", "Second round, Geneva",
                     "Information cutoff: 17 February 2026", "serious discussions", "Tehran Times, 17 February 2026"):
        assert expected in flat, expected
    for chrome in ("Table of contents", "Made with", "Search", "Switch to"):
        assert chrome not in flat, chrome
    source_text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(source_pdf)).pages).split())
    assert "style guide <https://example.org/gazette/style>" in source_text


def test_json_files_put_one_record_per_line() -> None:
    value = {"a": 1, "records": [{"id": "x", "text": "é</script>"}, {"id": "y", "list": [1, 2]}], "empty": []}
    text = json_text(value, levels=2)
    assert json.loads(text) == value
    assert text.splitlines() == ['{', '  "a": 1,', '  "records": [', '    {"id": "x", "text": "é</script>"},',
                                 '    {"id": "y", "list": [1, 2]}', '  ],', '  "empty": []', '}']
