"""The machine outputs of organizations as voices, relay chains, wordings, translations and sources as they are.

Read back from the built multi-source briefing (tests/contested) as a subscriber's program would: the
JSON-LD says only what schema.org can state (the language of the words shown, the original they translate,
the outlet that published an agency's story), the feeds follow the words from speaker to source and mark
their language, the CSV cells read as written and ``briefing.json`` is version 3 with its organizations.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from briefing.corpus import build_corpus
from briefing.model import Briefing, Outlet, Person, Quote, Source
from briefing.outputs import feeds, jsonexport
from briefing.outputs.ids import entry_name
from briefing.render import Urls
from tests.helpers import parse_html

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def site(contested_site: Path) -> Path:
    return contested_site


def _jsonld(site: Path, path: str) -> dict[str, Any]:
    tree = parse_html((site / path / "index.html").read_text(encoding="utf-8"))
    [script] = tree.find_all("script", type="application/ld+json")
    loaded: dict[str, Any] = json.loads("".join(c for c in script.children if isinstance(c, str)))
    return loaded


@pytest.fixture(scope="module")
def json_items(site: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    return {entry_name(item["id"]): item for item in data["items"]}


@pytest.fixture(scope="module")
def atom_entries(site: Path) -> dict[str, ET.Element]:
    root = ET.parse(site / "feed.xml").getroot()
    return {entry_name(e.findtext(f"{ATOM}id", "")): e for e in root.findall(f"{ATOM}entry")}


def _rows(site: Path, collection: str) -> dict[str, dict[str, str]]:
    text = (site / "csv" / f"{collection}.csv").read_text(encoding="utf-8")
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


# --- JSON-LD ----------------------------------------------------------------------------------------------


def test_organizations_have_schema_org_types_names_and_their_state(site: Path) -> None:
    ministry = _jsonld(site, "organizations/lakeland-foreign-ministry")
    assert ministry["@type"] == "GovernmentOrganization"
    assert ministry["parentOrganization"] == {"@id": "../../parties/lakeland/#record", "@type": "Organization",
                                              "name": "Lakeland"}
    ngo = _jsonld(site, "organizations/river-watch")
    assert ngo["@type"] == "NGO"
    assert ngo["legalName"] == "River Watch International" and ngo["name"] == "River Watch"
    assert ngo["address"] == {"@type": "PostalAddress", "addressCountry": "CH"}  # a code or a name: both allowed
    assert "parentOrganization" not in ngo
    outlet = _jsonld(site, "outlets/west-herald")
    assert outlet["address"]["addressCountry"] == "Westmark"  # an outlet's country is text, not a party node


def test_an_organization_speaks_as_the_creator_of_its_words(site: Path) -> None:
    statement = _jsonld(site, "quotes/lakeland-fm-constructive")
    assert statement["creator"]["@type"] == "GovernmentOrganization"
    assert statement["creator"]["@id"] == "../../organizations/lakeland-foreign-ministry/#record"


def test_a_translated_quote_is_in_the_language_shown_and_names_its_original(site: Path) -> None:
    quote = _jsonld(site, "quotes/emil-no-concession")
    assert quote["text"] == "We will make no concession on the channel."
    assert quote["inLanguage"] == "en"  # the text given, not the French it was spoken in
    assert quote["translationOfWork"] == {"@type": "Quotation", "inLanguage": "fr",
                                          "text": "Nous ne ferons aucune concession sur le chenal."}
    assert quote["translator"]["@id"] == "../../outlets/east-news-agency/#record"  # translated_by: outlet
    plain = _jsonld(site, "quotes/edda-no-room-for-delay")
    assert plain["inLanguage"] == "en"
    assert "translationOfWork" not in plain and "translator" not in plain


def test_a_relayed_quote_claims_no_work_of_the_relaying_outlets(site: Path) -> None:
    quote = _jsonld(site, "quotes/edda-river-is-ours")
    assert [s["@id"] for s in quote["isBasedOn"]] == ["../../sources/lakeland-times-2024-03-12/#record"]
    assert "global-wire" not in json.dumps(quote) and "citation" not in quote


def test_wordings_of_one_quote_are_linked_both_ways(site: Path) -> None:
    main = _jsonld(site, "quotes/wendel-zero-dams")
    variant = _jsonld(site, "quotes/wendel-zero-dams-wire")
    assert [w["@id"] for w in main["workExample"]] == ["../wendel-zero-dams-wire/#record"]
    assert variant["exampleOfWork"]["@id"] == "../wendel-zero-dams/#record"
    assert "exampleOfWork" not in main and "workExample" not in variant


def test_an_untitled_source_has_no_headline_and_no_invented_name(site: Path) -> None:
    source = _jsonld(site, "sources/east-news-2024-04-20")
    assert "headline" not in source and "name" not in source
    assert source["description"] == "Untitled copy, 20 April 2024"
    assert source["datePublished"] == "2024-04-20"
    # Where another page refers to it, it is not given the label as a headline either.
    [ref] = _jsonld(site, "quotes/emil-no-concession")["isBasedOn"]
    assert "headline" not in ref and "name" not in ref
    for html_file in site.rglob("*/index.html"):
        assert '"headline":"Untitled copy' not in html_file.read_text(encoding="utf-8"), html_file


def test_an_agency_story_names_its_agency_and_the_outlet_that_published_it(site: Path) -> None:
    story = _jsonld(site, "sources/hill-courier-2024-04-21")
    assert story["publisher"]["@id"] == "../../outlets/hill-courier/#record"
    assert story["sourceOrganization"] == {"@id": "../../outlets/global-wire/#record",
                                           "@type": "NewsMediaOrganization", "name": "Global Wire"}
    assert "sourceOrganization" not in _jsonld(site, "sources/lakeland-times-2024-04-15")


def test_a_source_without_a_date_has_no_date_published(site: Path) -> None:
    statement = _jsonld(site, "sources/lakeland-fm-2024-04-16")
    assert "datePublished" not in statement
    assert statement["headline"] == "Statement on the second round"


def test_an_event_is_about_its_people_and_organizations(site: Path) -> None:
    event = _jsonld(site, "events/lakeport-welcome")
    assert [x["@id"] for x in event["about"]] == [
        "../../parties/lakeland/#record", "../../people/mara-port/#record",
        "../../organizations/lakeland-foreign-ministry/#record"]
    assert "attendee" not in event and "organizer" not in event  # the data says involved, nothing more


def test_a_fictional_translation_from_persian_is_english_text_with_a_persian_original(fictional_site: Path) -> None:
    quote = _jsonld(fictional_site, "quotes/bahram-came-for-dialogue")
    assert quote["inLanguage"] == "en"
    assert quote["translationOfWork"]["inLanguage"] == "fa"
    assert "translator" not in quote  # who translated is not recorded


# --- feeds ------------------------------------------------------------------------------------------------


def test_a_relayed_quote_reads_its_chain_in_both_feeds(json_items: dict[str, dict[str, Any]],
                                                       atom_entries: dict[str, ET.Element]) -> None:
    chain = ("“The river is ours and always was.” — Edda East to East News Agency, relayed by Global Wire and "
             "West Herald, 12 March 2024.")
    assert json_items["edda-river-is-ours"]["content_text"].startswith(chain)
    assert atom_entries["edda-river-is-ours"].findtext(f"{ATOM}summary", "").startswith(chain)


def test_quote_entries_say_who_posted_translated_and_reworded_them(json_items: dict[str, dict[str, Any]]) -> None:
    assert json_items["edda-posted-hope"]["content_text"].startswith(
        "“We leave Lakeport with hope.” — Edda East, posted by Eastmark Foreign Ministry to Global Wire, "
        "20 April 2024.")
    assert json_items["emil-no-concession"]["content_text"].startswith(
        "“We will make no concession on the channel.” — Emil Spokes to East News Agency, 14 April 2024 "
        "(translated from French by the outlet).")
    variant = json_items["wendel-zero-dams-wire"]["content_text"]
    assert "Another outlet’s wording of “Zero dams = we DO have a deal” (West Herald)." in variant
    assert "Sources: Hill Courier (Global Wire), 21 April 2024, para 2." in variant  # an agency story
    assert "Also worded as “zero dams mean we do have a deal… Time to decide” (Global Wire)." in \
        json_items["wendel-zero-dams"]["content_text"]


def test_a_quote_cited_from_an_undated_source_is_in_the_feeds(json_items: dict[str, dict[str, Any]],
                                                              atom_entries: dict[str, ET.Element]) -> None:
    item = json_items["lakeland-fm-constructive"]
    assert item["content_text"].endswith("Sources: Lakeland Times, para 1.")
    assert "None" not in item["content_text"]
    assert atom_entries["lakeland-fm-constructive"].findtext(f"{ATOM}updated") == "2024-04-16T00:00:00Z"


def test_quotes_in_the_briefings_language_carry_no_language_marker(
        json_items: dict[str, dict[str, Any]], atom_entries: dict[str, ET.Element]) -> None:
    # The French original of emil-no-concession is not what the entry shows: its text is English.
    assert not [i for i in json_items.values() if "language" in i]
    assert not [e for e in atom_entries.values() for el in e.iter() if XML_LANG in el.attrib]


def test_a_quote_in_another_language_is_marked_in_both_feeds() -> None:
    briefing = Briefing.model_validate({"title": "T", "subject": "S", "as_of": "2024-06-30"})
    corpus = build_corpus(briefing, [
        Outlet.model_validate({"id": "o", "name": "Outlet"}),
        Person.model_validate({"id": "p", "name": "P"}),
        Source.model_validate({"id": "s", "untitled": "true", "outlet": "o"}),  # no title, no date
        Quote.model_validate({"id": "q-fr", "speaker": "p", "date": "2024-04-02", "language": "fr",
                              "text": "Nous restons.", "sources": ["s"]}),
        Quote.model_validate({"id": "q-en", "speaker": "p", "date": "2024-04-01", "text": "We stay.",
                              "sources": ["s"]}),
    ])
    items = {entry_name(i["id"]): i for i in feeds.json_feed_data(corpus, Urls())["items"]}
    assert items["q-fr"]["language"] == "fr"
    assert "language" not in items["q-en"]
    assert items["q-en"]["content_text"].endswith("Sources: Outlet.")
    root = ET.fromstring(feeds.atom_feed(corpus, Urls()))
    assert root.get(XML_LANG) == "en"
    entries = {entry_name(e.findtext(f"{ATOM}id", "")): e for e in root.findall(f"{ATOM}entry")}
    def lang(entry: str, tag: str) -> str | None:
        element = entries[entry].find(f"{ATOM}{tag}")
        assert element is not None
        return element.get(XML_LANG)

    assert (lang("q-fr", "title"), lang("q-fr", "summary")) == ("fr", "fr")
    assert (lang("q-en", "title"), lang("q-en", "summary")) == (None, None)  # inherits the feed's


# --- CSV --------------------------------------------------------------------------------------------------


def test_quote_cells_read_the_new_fields_as_written(site: Path) -> None:
    quotes = _rows(site, "quotes")
    assert quotes["edda-river-is-ours"]["relayed_by"] == "global-wire; west-herald"  # in order
    assert quotes["wendel-zero-dams-wire"]["variant_of"] == "wendel-zero-dams"
    assert quotes["edda-posted-hope"]["posted_by"] == "eastmark-foreign-ministry"
    translated = quotes["emil-no-concession"]
    assert translated["translated_by"] == "outlet"
    assert translated["original"] == "[fr] Nous ne ferons aucune concession sur le chenal."
    assert translated["language"] == ""  # absent: the briefing's language
    assert quotes["lakeland-fm-constructive"]["speaker"] == "lakeland-foreign-ministry"


def test_source_organization_and_event_cells_are_empty_when_unknown(site: Path) -> None:
    sources = _rows(site, "sources")
    assert sources["east-news-2024-04-20"]["title"] == "" and sources["east-news-2024-04-20"]["untitled"] == "true"
    assert sources["lakeland-fm-2024-04-16"]["published"] == ""
    assert sources["lakeland-fm-2024-04-16"]["dateline"] == "issued on Tuesday"
    assert sources["hill-courier-2024-04-21"]["agency"] == "global-wire"
    organizations = _rows(site, "organizations")
    assert organizations["river-watch"]["country"] == "CH" and organizations["river-watch"]["kind"] == "ngo"
    assert organizations["lakeland-foreign-ministry"]["part_of"] == "lakeland"
    event = _rows(site, "events")["lakeport-welcome"]
    assert (event["people"], event["organizations"]) == ("mara-port", "lakeland-foreign-ministry")
    for path in (site / "csv").glob("*.csv"):
        assert "None" not in path.read_text(encoding="utf-8"), path


# --- briefing.json ----------------------------------------------------------------------------------------


def test_briefing_json_is_version_3_with_organizations(site: Path) -> None:
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == jsonexport.SCHEMA_VERSION == 3
    organizations = {o["id"]: o for o in data["collections"]["organizations"]}
    assert organizations["lakeland-foreign-ministry"]["part_of"] == "lakeland"
    assert organizations["river-watch"]["official_name"] == "River Watch International"
    assert data["pages"]["river-watch"] == "organizations/river-watch/"
    quotes = {q["id"]: q for q in data["collections"]["quotes"]}
    assert quotes["edda-river-is-ours"]["relayed_by"] == ["global-wire", "west-herald"]
    assert quotes["lakeland-fm-constructive"]["speaker"] == "lakeland-foreign-ministry"
    sources = {s["id"]: s for s in data["collections"]["sources"]}
    assert sources["east-news-2024-04-20"]["title"] is None and sources["east-news-2024-04-20"]["untitled"] is True
    assert sources["lakeland-fm-2024-04-16"]["published"] is None
    outlets = {o["id"]: o for o in data["collections"]["outlets"]}
    assert outlets["west-herald"]["country"] == "Westmark"
