"""Voices and sources through the whole pipeline: organizations as speakers and as sources of figures, relay
chains and posted_by (BR201/BR202), variants (BR236), translations (BR237), untitled sources (BR238) and
countries that are still party ids (BR239); each rule with the cases that must fire and the cases that must not.

Every test writes a small briefing into ``tmp_path`` and runs :func:`briefing.pipeline.validate` on it, as
``briefing check`` does, so the codes and the file:line:col editors see are the ones asserted. The base data
refers to every party, person, organization, outlet, source and issue, so a clean case reports nothing at all
(no BR220).
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from briefing.diagnostics import Diagnostic
from briefing.model import Outlet, Quote, Record, Source
from briefing.pipeline import Options, validate
from briefing.validation import Parsed

TODAY = date(2025, 7, 1)

# Two lines in each collection file that tests append to: appended records start on line 3 (briefing and
# issues excepted).
BASE = {
    "briefing": "title: T\nsubject: S\nas_of: 2025-07-01\n",
    "parties": "- {id: north, name: Northland}\n- {id: south, name: Southland}\n",
    "people": "- {id: ada, name: Ada North, party: north}\n- {id: bo, name: Bo South, party: south}\n",
    "organizations": "- {id: north-fm, name: North Foreign Ministry, kind: ministry, part_of: north}\n"
                     "- {id: river-watch, name: River Watch, kind: ngo, country: CH}\n",
    "outlets": "- {id: gazette, name: Gazette, country: Northland}\n"
               "- {id: wire, name: Wire, kind: news-agency, country: NL}\n",
    "sources": "- {id: s1, title: T, outlet: gazette, published: 2025-05-10}\n"
               "- {id: s2, title: U, outlet: gazette, agency: wire, published: 2025-05-20}\n",
    "issues": "- {id: water, title: Water}\n",
    "quotes": "- {id: base-ada, text: t, speaker: ada, to: gazette, relayed_by: [wire], posted_by: north-fm, "
              "issues: [water], sources: [s1, s2]}\n"
              "- {id: base-bo, text: t, speaker: bo, posted_by: river-watch, sources: [s1]}\n",
}

Found = tuple[str, str, str]


def run(tmp_path: Path, **collections: str) -> tuple[Parsed, list[Diagnostic]]:
    """Validate the base briefing plus ``collections`` (YAML text, appended to the base file of that name)."""
    data = tmp_path / "data"
    data.mkdir(parents=True)
    for name in {**BASE, **collections}:
        text = BASE.get(name, "") + textwrap.dedent(collections.get(name, ""))
        (data / f"{name}.yml").write_text(text, encoding="utf-8")
    parsed, result = validate(data, tmp_path, Options(today=TODAY))
    return parsed, result.diagnostics


def found(tmp_path: Path, **collections: str) -> list[Found]:
    """Each diagnostic as (code, file:line:col, the source text from the caret to the end of the line)."""
    _parsed, diagnostics = run(tmp_path, **collections)
    return [(d.code, str(d.location), d.source_line[d.location.col - 1:]) for d in diagnostics]


def messages(tmp_path: Path, **collections: str) -> list[str]:
    return [d.message for d in run(tmp_path, **collections)[1]]


def only(tmp_path: Path, **collections: str) -> Diagnostic:
    [diagnostic] = run(tmp_path, **collections)[1]
    return diagnostic


def record(tmp_path: Path, record_id: str, **collections: str) -> Record:
    parsed, diagnostics = run(tmp_path, **collections)
    assert diagnostics == []
    return next(e.record for e in parsed.entries if e.record.id == record_id)


def test_the_base_briefing_is_clean(tmp_path: Path) -> None:
    assert found(tmp_path) == []


# --- relay chains, posted_by, agencies and organizations' parties (BR201, BR202) ------------------------


def test_relay_chain_naming_an_unknown_outlet(tmp_path: Path) -> None:
    quotes = "- {id: q1, text: t, speaker: ada, to: gazette, relayed_by: [wire, gazete], sources: [s1]}\n"
    [diagnostic] = run(tmp_path, quotes=quotes)[1]
    assert (diagnostic.code, str(diagnostic.location), diagnostic.message, diagnostic.suggestion) == (
        "BR201", "data/quotes.yml:3:67", "unknown outlet 'gazete'", "gazette")
    assert diagnostic.hint == "'relayed_by' takes the id of an outlet defined in data/outlets.yml"


def test_relay_chain_of_a_position_naming_an_unknown_outlet(tmp_path: Path) -> None:
    positions = """\
        - id: p1
          party: north
          issue: water
          stance: s
          according_to: gazette
          relayed_by:
            - wire
            - radio
          sources: [s1]
        """
    assert found(tmp_path, positions=positions) == [("BR201", "data/positions.yml:8:7", "radio")]


def test_relay_chain_naming_a_person(tmp_path: Path) -> None:
    quotes = "- {id: q1, text: t, speaker: ada, relayed_by: [bo], sources: [s1]}\n"
    assert found(tmp_path, quotes=quotes) == [("BR202", "data/quotes.yml:3:48", "bo], sources: [s1]}")]
    assert messages(tmp_path / "again", quotes=quotes) == ["'bo' is a person, but 'relayed_by' takes an outlet"]


def test_posted_by_an_unknown_voice(tmp_path: Path) -> None:
    quotes = "- {id: q1, text: t, speaker: ada, posted_by: north-office, sources: [s1]}\n"
    assert found(tmp_path, quotes=quotes) == [("BR201", "data/quotes.yml:3:46", "north-office, sources: [s1]}")]
    assert messages(tmp_path / "again", quotes=quotes) == [
        "unknown person, organization, party or outlet 'north-office'"]


@pytest.mark.parametrize("poster", ["north-fm", "gazette", "north", "bo"])
def test_posted_by_any_voice_is_fine(tmp_path: Path, poster: str) -> None:
    quotes = f"- {{id: q1, text: t, speaker: ada, posted_by: {poster}, sources: [s1]}}\n"
    assert found(tmp_path, quotes=quotes) == []


def test_speaker_that_is_an_outlet(tmp_path: Path) -> None:
    quotes = "- {id: q1, text: t, speaker: gazette, sources: [s1]}\n"
    assert found(tmp_path, quotes=quotes) == [("BR202", "data/quotes.yml:3:30", "gazette, sources: [s1]}")]
    assert messages(tmp_path / "again", quotes=quotes) == [
        "'gazette' is an outlet, but 'speaker' takes a person or organization"]


def test_agency_that_is_not_an_outlet(tmp_path: Path) -> None:
    sources = "- {id: s3, title: V, outlet: gazette, agency: north, published: 2025-05-21}\n"
    quotes = "- {id: q1, text: t, speaker: ada, sources: [s3]}\n"
    assert found(tmp_path, sources=sources, quotes=quotes) == [
        ("BR202", "data/sources.yml:3:47", "north, published: 2025-05-21}")]


def test_organization_part_of_an_unknown_party(tmp_path: Path) -> None:
    organizations = "- id: east-fm\n  name: East Foreign Ministry\n  part_of: eastland\n"
    quotes = "- {id: q1, text: t, speaker: east-fm, sources: [s1]}\n"
    [diagnostic] = run(tmp_path, organizations=organizations, quotes=quotes)[1]
    assert (diagnostic.code, str(diagnostic.location), diagnostic.message) == (
        "BR201", "data/organizations.yml:5:12", "unknown party 'eastland'")
    assert diagnostic.hint == "'part_of' takes the id of a party defined in data/parties.yml"


def test_organization_part_of_a_person(tmp_path: Path) -> None:
    organizations = "- {id: east-fm, name: East Foreign Ministry, part_of: ada}\n"
    quotes = "- {id: q1, text: t, speaker: east-fm, sources: [s1]}\n"
    assert found(tmp_path, organizations=organizations, quotes=quotes) == [
        ("BR202", "data/organizations.yml:3:55", "ada}")]


def test_event_naming_unknown_people_and_organizations(tmp_path: Path) -> None:
    events = "- {id: e1, title: E, people: [ada, mayor], organizations: [north-fm, port-office], sources: [s1]}\n"
    assert found(tmp_path, events=events) == [
        ("BR201", "data/events.yml:1:36", "mayor], organizations: [north-fm, port-office], sources: [s1]}"),
        ("BR201", "data/events.yml:1:70", "port-office], sources: [s1]}"),
    ]


def test_event_naming_a_party_among_its_people(tmp_path: Path) -> None:
    events = "- {id: e1, title: E, people: [north], sources: [s1]}\n"
    assert messages(tmp_path, events=events) == ["'north' is a party, but 'people' takes a person"]


# --- organizations as voices, event-only people --------------------------------------------------------

# A third organization, referred to only by what each test adds: BR220 fires unless that counts as a reference.
OFFICE = "- {id: south-office, name: South Presidential Office, kind: government-office, part_of: south}\n"


def test_organization_as_speaker(tmp_path: Path) -> None:
    quote = record(tmp_path, "q1", organizations=OFFICE,
                   quotes="- {id: q1, text: A statement., speaker: south-office, sources: [s1]}\n")
    assert isinstance(quote, Quote)
    assert quote.speaker == "south-office"


def test_organization_as_stated_by_of_a_position(tmp_path: Path) -> None:
    positions = "- {id: p1, party: south, issue: water, stance: s, stated_by: south-office, sources: [s1]}\n"
    assert found(tmp_path, organizations=OFFICE, positions=positions) == []


def test_organization_as_according_to_of_a_figure(tmp_path: Path) -> None:
    events = """\
        - id: e1
          title: Flood
          figures:
            - {label: people killed, value: "12", according_to: south-office, sources: [s1]}
          sources: [s1]
        """
    assert found(tmp_path, organizations=OFFICE, events=events) == []


def test_organization_as_according_to_of_an_account(tmp_path: Path) -> None:
    rounds = """\
        - id: round-1
          number: 1
          status: held
          start: 2025-05-10
          location:
            - {value: Rome, according_to: south-office, sources: [s1]}
            - {value: Muscat, according_to: gazette, sources: [s2]}
          sources: [s1]
        """
    assert found(tmp_path, organizations=OFFICE, rounds=rounds) == []


def test_organization_as_according_to_of_a_position_and_by_of_framing(tmp_path: Path) -> None:
    positions = """\
        - id: p1
          party: south
          issue: water
          stance: s
          according_to: south-office
          framing: [{text: a fair share, by: south-office, sources: [s1]}]
          sources: [s1]
        """
    assert found(tmp_path, organizations=OFFICE, positions=positions) == []


def test_organization_referred_to_by_nothing_is_a_warning(tmp_path: Path) -> None:
    assert found(tmp_path, organizations=OFFICE) == [("BR220", "data/organizations.yml:3:8", OFFICE[7:-1])]
    assert messages(tmp_path / "again", organizations=OFFICE) == [
        "organization 'south-office' is not referred to by any record"]


def test_a_person_named_only_in_an_event_is_referred_to(tmp_path: Path) -> None:
    people = "- {id: mayor, name: Port Mayor}\n"
    events = "- {id: e1, title: The mayor welcomes the delegations, people: [mayor], organizations: " \
             "[south-office], sources: [s1]}\n"
    assert found(tmp_path, people=people, organizations=OFFICE, events=events) == []


# --- BR236: variants ------------------------------------------------------------------------------------


def variant(speaker: str, of: str = "base-ada", record_id: str = "q1") -> str:
    return f"- {{id: {record_id}, text: t., speaker: {speaker}, to: wire, variant_of: {of}, sources: [s2]}}\n"


def test_variant_of_a_quote_by_another_speaker(tmp_path: Path) -> None:
    quotes = variant("bo")
    assert found(tmp_path, quotes=quotes) == [("BR236", "data/quotes.yml:3:57", "base-ada, sources: [s2]}")]
    diagnostic = only(tmp_path / "again", quotes=quotes)
    assert diagnostic.message == "quote 'q1' (bo) is a variant of 'base-ada', spoken by ada"
    assert "for a reply or another speaker, write a separate quote" in diagnostic.hint


STATEMENT = "- {id: statement, text: t, speaker: north-fm, sources: [s1]}\n"


def test_variant_of_a_statement_by_another_organization(tmp_path: Path) -> None:
    quotes = STATEMENT + variant("river-watch", of="statement")
    assert messages(tmp_path, quotes=quotes) == [
        "quote 'q1' (river-watch) is a variant of 'statement', spoken by north-fm"]


def test_variant_of_itself(tmp_path: Path) -> None:
    quotes = variant("ada", of="q1")
    assert found(tmp_path, quotes=quotes) == [("BR236", "data/quotes.yml:3:58", "q1, sources: [s2]}")]
    assert messages(tmp_path / "again", quotes=quotes) == ["quote 'q1' is a variant of itself"]


def test_variant_of_a_variant_names_the_first_wording(tmp_path: Path) -> None:
    quotes = variant("ada") + variant("ada", of="q1", record_id="q2")
    diagnostic = only(tmp_path, quotes=quotes)
    assert (diagnostic.code, str(diagnostic.location), diagnostic.message, diagnostic.suggestion) == (
        "BR236", "data/quotes.yml:4:58", "'q1' is itself a variant of 'base-ada'", "base-ada")
    assert diagnostic.hint == "name the first wording instead: variant_of: base-ada"


def test_variant_of_an_unknown_quote_is_an_unknown_reference_only(tmp_path: Path) -> None:
    diagnostic = only(tmp_path, quotes=variant("ada", of="base-adda"))
    assert (diagnostic.code, diagnostic.suggestion) == ("BR201", "base-ada")


def test_variant_of_a_position_is_a_wrong_kind_reference_only(tmp_path: Path) -> None:
    positions = "- {id: p1, party: north, issue: water, stance: s, sources: [s1]}\n"
    assert [code for code, _where, _at in found(tmp_path, positions=positions, quotes=variant("ada", of="p1"))] == [
        "BR202"]


@pytest.mark.parametrize(("speaker", "of"), [("ada", "base-ada"), ("north-fm", "statement")])
def test_variants_by_the_same_speaker_are_fine(tmp_path: Path, speaker: str, of: str) -> None:
    quotes = STATEMENT + variant(speaker, of=of) + variant(speaker, of=of, record_id="q2")
    assert found(tmp_path, quotes=quotes) == []


# --- BR237: translations --------------------------------------------------------------------------------


def translated(fields: str) -> str:
    return f"- {{id: q1, text: We will make no concession., speaker: ada, {fields}, sources: [s1]}}\n"


def test_translation_in_the_language_of_its_original(tmp_path: Path) -> None:
    quotes = translated("language: fr, original: {lang: fr, text: Aucune concession.}, translated_by: outlet")
    assert found(tmp_path, quotes=quotes) == [
        ("BR237", "data/quotes.yml:3:71", "fr, original: {lang: fr, text: Aucune concession.}, "
                                          "translated_by: outlet, sources: [s1]}")]
    diagnostic = only(tmp_path / "again", quotes=quotes)
    assert diagnostic.message == ("the quote is marked as a translation, but its text and the original are both "
                                  "in 'fr'")
    assert "the briefing's own is 'en'" in diagnostic.hint


def test_translation_by_the_editors_of_words_spoken_in_the_briefings_language(tmp_path: Path) -> None:
    quotes = translated("original_language: en, translated_by: editors")
    assert found(tmp_path, quotes=quotes) == [
        ("BR237", "data/quotes.yml:3:80", "en, translated_by: editors, sources: [s1]}")]
    # The hint names the field the editor wrote.
    assert only(tmp_path / "again", quotes=quotes).hint == (
        "set 'language' to the language of the text shown (the briefing's own is 'en'), or remove "
        "'translated_by'/'original_language' if these are the words as spoken")


def test_original_in_the_briefings_language(tmp_path: Path) -> None:
    quotes = translated("original: {lang: en, text: No concession.}")
    assert found(tmp_path, quotes=quotes) == [
        ("BR237", "data/quotes.yml:3:71", "{lang: en, text: No concession.}, sources: [s1]}")]
    assert "remove 'translated_by'/'original' if" in only(tmp_path / "again", quotes=quotes).hint


def test_briefing_in_another_language_is_the_default(tmp_path: Path) -> None:
    briefing = "language: fr\n"
    quotes = translated("original: {lang: fr, text: Aucune concession.}")
    assert messages(tmp_path, briefing=briefing, quotes=quotes) == [
        "the quote is marked as a translation, but its text and the original are both in 'fr'"]


def test_original_language_that_disagrees_with_the_original(tmp_path: Path) -> None:
    quotes = translated("original: {lang: fa, text: هیچ امتیازی}, original_language: ar, translated_by: outlet")
    assert found(tmp_path, quotes=quotes) == [
        ("BR237", "data/quotes.yml:3:121", "ar, translated_by: outlet, sources: [s1]}")]
    assert messages(tmp_path / "again", quotes=quotes) == ["'original_language' is ar but 'original' is in fa"]


@pytest.mark.parametrize("fields", [
    "original: {lang: fr, text: Nous ne ferons aucune concession.}, translated_by: outlet",  # fr shown in en
    "language: en, original: {lang: fr, text: Aucune concession.}, translated_by: editors",
    "original_language: fr, translated_by: unknown",
    "language: fa",  # words in Persian as spoken, no original
    "language: fa, original_language: fa",  # said so twice, but not marked as translated
    "original_language: fa",  # known to be translated from Persian, by whom not said
    "language: en, original: {lang: fa, text: هیچ امتیازی}, original_language: fa, translated_by: outlet",
])
def test_translations_that_are_fine(tmp_path: Path, fields: str) -> None:
    assert found(tmp_path, quotes=translated(fields)) == []


def test_spoken_language_comes_from_the_original(tmp_path: Path) -> None:
    quote = record(tmp_path, "q1", quotes=translated("original: {lang: fa, text: هیچ امتیازی}, translated_by: outlet"))
    assert isinstance(quote, Quote)
    assert (quote.spoken_language, quote.text_language("en")) == ("fa", "en")
    assert quote.original is not None
    assert quote.original.direction == "rtl"


# --- BR238: untitled sources ----------------------------------------------------------------------------

QUOTE_S3 = "- {id: q1, text: t, speaker: ada, sources: [s3]}\n"


def test_source_without_a_title(tmp_path: Path) -> None:
    sources = "- id: s3\n  outlet: wire\n  published: 2025-05-21\n"
    assert found(tmp_path, sources=sources, quotes=QUOTE_S3) == [("BR238", "data/sources.yml:3:7", "s3")]
    diagnostic = only(tmp_path / "again", sources=sources, quotes=QUOTE_S3)
    assert diagnostic.message == "source 's3' has no title"
    assert diagnostic.hint == ("copy the headline as published into 'title:'; if the copy has none, write "
                               "'untitled: true' (never invent one)")


def test_source_marked_untitled_false_without_a_title(tmp_path: Path) -> None:
    sources = "- {id: s3, untitled: false, outlet: wire}\n"
    assert [code for code, _where, _at in found(tmp_path, sources=sources, quotes=QUOTE_S3)] == ["BR238"]


def test_source_with_a_title_marked_untitled(tmp_path: Path) -> None:
    sources = "- {id: s3, title: V, untitled: true, outlet: wire}\n"
    assert found(tmp_path, sources=sources, quotes=QUOTE_S3) == [
        ("BR238", "data/sources.yml:3:32", "true, outlet: wire}")]
    assert messages(tmp_path / "again", sources=sources, quotes=QUOTE_S3) == [
        "source 's3' has a title but is marked untitled"]


@pytest.mark.parametrize(("published", "label"), [(", published: 2025-05-21", "Untitled copy, 21 May 2025"),
                                                  ("", "Untitled copy")])
def test_untitled_source_is_fine(tmp_path: Path, published: str, label: str) -> None:
    sources = f"- {{id: s3, untitled: true, outlet: wire{published}}}\n"
    source = record(tmp_path, "s3", sources=sources, quotes=QUOTE_S3)
    assert isinstance(source, Source)
    assert source.label == label


def test_source_without_a_publication_date_is_fine(tmp_path: Path) -> None:
    sources = "- {id: s3, title: Statement, outlet: wire, dateline: issued on Tuesday}\n"
    source = record(tmp_path, "s3", sources=sources, quotes=QUOTE_S3)
    assert isinstance(source, Source)
    assert source.published is None


# --- BR239: countries -----------------------------------------------------------------------------------


def test_outlet_country_that_is_a_party_id(tmp_path: Path) -> None:
    outlets = "- id: radio\n  name: Radio\n  country: south  # the old form\n"
    quotes = "- {id: q1, text: t, speaker: ada, to: radio, sources: [s1]}\n"
    assert found(tmp_path, outlets=outlets, quotes=quotes) == [
        ("BR239", "data/outlets.yml:5:12", "south  # the old form")]
    diagnostic = only(tmp_path / "again", outlets=outlets, quotes=quotes)
    assert diagnostic.message == "'country' is the party id 'south'; it now takes a country"
    assert diagnostic.hint == ("run `briefing upgrade` to write the party's name instead, or write an ISO 3166 "
                               "code or name, e.g. country: Southland")


def test_organization_country_that_is_a_party_id(tmp_path: Path) -> None:
    organizations = "- {id: south-ngo, name: South Watch, kind: ngo, country: 'south'}\n"
    quotes = "- {id: q1, text: t, speaker: south-ngo, sources: [s1]}\n"
    assert found(tmp_path, organizations=organizations, quotes=quotes) == [
        ("BR239", "data/organizations.yml:3:58", "'south'}")]


@pytest.mark.parametrize("country", ["IR", "Iran", "Southland", "NO", "ada"])
def test_countries_that_are_not_party_ids_are_fine(tmp_path: Path, country: str) -> None:
    outlets = f"- {{id: radio, name: Radio, country: {country}}}\n"
    quotes = "- {id: q1, text: t, speaker: ada, to: radio, sources: [s1]}\n"
    assert found(tmp_path, outlets=outlets, quotes=quotes) == []


def test_country_is_kept_as_written(tmp_path: Path) -> None:
    outlets = "- {id: radio, name: Radio, country: NO}\n"
    quotes = "- {id: q1, text: t, speaker: ada, to: radio, sources: [s1]}\n"
    outlet = record(tmp_path, "radio", outlets=outlets, quotes=quotes)
    assert isinstance(outlet, Outlet)
    assert outlet.country == "NO"
