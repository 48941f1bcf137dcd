"""JSON-LD (schema.org) for every record page, as a ``<script type="application/ld+json">`` element.

Rounds and events are ``Event`` (rounds with their ``eventStatus``, ``location`` and the talks as a whole as
``superEvent``), quotes ``Quotation`` (``creator``, ``isBasedOn`` the sources), people ``Person``, parties
``Organization``, organizations by their kind (``GovernmentOrganization``, ``NGO``, ``ResearchOrganization``,
``Corporation``, else ``Organization``, with the party they belong to as ``parentOrganization``), outlets
``NewsMediaOrganization``, sources ``NewsArticle`` (or the closest kind of ``CreativeWork``), positions
``Claim``, issues ``Thing`` and glossary terms ``DefinedTerm``.

Only what schema.org can say truthfully is said:

- A quote's ``inLanguage`` is the language of the ``text`` given (its ``language``, else the briefing's),
  never the language the words were spoken in. A translation names its original as ``translationOfWork``
  (a ``Quotation`` with the original ``text`` where known, and its ``inLanguage``), and the source's outlet as
  ``translator`` when the outlet translated (and the quote's sources are all that outlet's).
- The outlets that relayed words (``relayed_by``) are not given: ``isBasedOn`` and ``citation`` take creative
  works, and the site knows the works read (the sources, already ``isBasedOn``), not the relaying outlets'
  own stories. Who posted words for the speaker (``posted_by``) has no schema.org property either.
- Another outlet's wording of a quote (``variant_of``) is its ``exampleOfWork``, and the quote lists its
  wordings as ``workExample``: each is one realization of the same words. Not ``isBasedOn``, which would say
  that one outlet's wording was derived from the other's.
- A source without a headline has neither ``headline`` nor ``name`` (the site's "Untitled copy, …" is a
  description, given as ``description``); an agency story read in another outlet has the outlet as
  ``publisher`` and the agency as ``sourceOrganization`` (the organization the story's writer worked for);
  ``datePublished`` is left out when the date is not known.
- The parties, people and organizations of an event are what it is ``about``: the data says they were
  involved, not that they attended or organized it.
- A country (of an outlet or organization) is text, a code or a name: ``address`` with ``addressCountry``,
  which schema.org defines to take either.

Every node's ``@id`` and ``url`` are relative to the page (``../../people/abbas-araghchi/#record``): JSON-LD
resolves relative IRIs against the page's own address, and schema.org declares its URL properties as
``@id``-typed, so the graph is correct wherever the site is published, without ``site_url``.

Dates are given only as far as schema.org can state them truthfully: the accepted account where the sources
differ (schema.org has no way to give several), written without the approximate mark ``~`` (``.iso``), and
left out when the sources give them only approximately, since schema.org has no way to say "about". A
round's ``eventStatus`` is EventCancelled or EventPostponed from its status, and EventRescheduled, with the
earlier dates as ``previousStartDate``, when its schedule shows it moved (a postponement, or an earlier
announced date other than its own; reports since denied or proved wrong do not count).

The JSON is escaped for its place in HTML: ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and
``\\u0026`` (as do U+2028 and U+2029), so no text in the data can close the script element.
"""

from __future__ import annotations

import json
from typing import Any

from briefing import wording
from briefing.corpus import Corpus
from briefing.model import (
    Citation,
    Event,
    FuzzyDate,
    GlossaryTerm,
    Issue,
    Organization,
    Outlet,
    Party,
    Person,
    Position,
    Quote,
    Record,
    Round,
    Source,
)
from briefing.urls import HOME, Urls, record_path

SCHEMA = "https://schema.org"
EVENT_STATUS = {"held": "EventScheduled", "scheduled": "EventScheduled", "postponed": "EventPostponed",
                "cancelled": "EventCancelled"}
SOURCE_TYPES = {"news": "NewsArticle", "social-post": "SocialMediaPosting", "transcript": "CreativeWork",
                "statement": "CreativeWork", "document": "DigitalDocument"}
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


# schema.org's types for the kinds of organization; a ministry or office is a GovernmentOrganization.
ORGANIZATION_TYPES = {"ministry": "GovernmentOrganization", "government-office": "GovernmentOrganization",
                      "government-agency": "GovernmentOrganization", "ngo": "NGO", "institute": "ResearchOrganization",
                      "company": "Corporation", "international-organization": "Organization"}


def schema_type(record: Record) -> str:
    if isinstance(record, Round | Event):
        return "Event"
    if isinstance(record, Source):
        return SOURCE_TYPES.get(record.kind or "news", "NewsArticle")
    if isinstance(record, Organization):
        return ORGANIZATION_TYPES.get(record.kind or "other", "Organization")
    return {Quote: "Quotation", Person: "Person", Party: "Organization", Outlet: "NewsMediaOrganization",
            Position: "Claim", Issue: "Thing", GlossaryTerm: "DefinedTerm"}[type(record)]


def _clean(node: dict[str, Any]) -> dict[str, Any]:
    """Leave out what is not known: JSON-LD has no "not reported", only absence."""
    return {k: v for k, v in node.items() if v is not None and v not in ([], "")}


def _date(value: FuzzyDate | None) -> str | None:
    """An ISO 8601 date schema.org can take as stated: never with ``~``, never an approximate one."""
    return value.iso if value is not None and not value.approximate else None


def _event_status(record: Round) -> str | None:
    status = EVENT_STATUS.get(record.status)
    if record.status in ("held", "scheduled") and wording.moved(record):
        status = "EventRescheduled"
    return f"{SCHEMA}/{status}" if status else None


def _previous_starts(record: Round) -> list[str]:
    if not (record.status in ("held", "scheduled") and wording.moved(record)):
        return []
    return [found.iso for found in wording.earlier_starts(record)]


def _text(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def _source_names(source: Source) -> dict[str, str | None]:
    """A source's ``name`` and ``headline``: its title; without one, no name, and the site's label
    ("Untitled copy, 20 April 2024") as a description rather than as a headline it never had."""
    if source.title:
        return {"name": source.title, "headline": source.title}
    return {"name": None, "headline": None, "description": source.label}


def _country(country: str | None) -> dict[str, Any] | None:
    return {"@type": "PostalAddress", "addressCountry": country} if country else None


class _Graph:
    def __init__(self, corpus: Corpus, urls: Urls, src: str) -> None:
        self.corpus = corpus
        self.urls = urls
        self.src = src

    def url(self, record: Record) -> str:
        return self.urls.href(self.src, record_path(record))

    def node_id(self, record: Record) -> str:
        return self.url(record) + "#record"

    def ref(self, target: Record | str) -> dict[str, Any]:
        """A short node for a record mentioned on this page: its type, id and name."""
        record = self.corpus.get(target) if isinstance(target, str) else target
        node: dict[str, Any] = {"@type": schema_type(record), "@id": self.node_id(record), "name": record.label}
        if isinstance(record, Source):
            node.update(_source_names(record))
            node["url"] = record.url
        return _clean(node)

    def sources(self, citations: list[Citation]) -> list[dict[str, Any]]:
        return [self.ref(source_id) for source_id in dict.fromkeys(c.source for c in citations)]

    def original(self, quote: Quote) -> dict[str, Any] | None:
        """The words as spoken, for a quote given in translation: their text where known, their language."""
        spoken = quote.spoken_language
        if spoken is None or spoken == quote.text_language(self.corpus.briefing.language):
            return None
        return _clean({"@type": "Quotation", "text": quote.original.text if quote.original else None,
                       "inLanguage": spoken})

    def translator(self, quote: Quote) -> dict[str, Any] | None:
        """The outlet, when the outlet translated: the one outlet the quote's sources were read in."""
        if quote.translated_by != "outlet":
            return None
        outlets = {getattr(self.corpus.get(c.source), "outlet", None) for c in quote.sources}
        if len(outlets) != 1 or None in outlets:
            return None  # several outlets: which one's translation the text is, the data does not say
        [outlet] = outlets
        assert outlet is not None
        return self.ref(outlet)

    def talks(self) -> dict[str, Any]:
        briefing = self.corpus.briefing
        starts = [r.start for r in self.corpus.rounds if r.start is not None]
        return _clean({"@type": "Event", "@id": self.urls.href(self.src, HOME) + "#talks", "name": briefing.title,
                       "description": _text(briefing.subject), "url": self.urls.href(self.src, HOME),
                       "startDate": _date(starts[0]) if starts else None})

    def node(self, record: Record) -> dict[str, Any]:
        node: dict[str, Any] = {"@context": SCHEMA, "@type": schema_type(record), "@id": self.node_id(record),
                                "url": self.url(record), "identifier": record.id, "name": record.label}
        if isinstance(record, Round):
            node.update({
                "name": f"{self.corpus.briefing.title}: {record.label}",
                "description": _text(record.summary),
                "startDate": _date(record.start),
                "endDate": _date(record.end),
                "eventStatus": _event_status(record),
                "previousStartDate": _previous_starts(record),
                "location": {"@type": "Place", "name": record.location} if record.location else None,
                "superEvent": self.talks(),
                "attendee": [self.ref(x) for x in dict.fromkeys(
                    [*record.parties, *([record.mediator] if record.mediator else []), *record.delegates])],
                "subjectOf": self.sources(record.sources),
            })
        elif isinstance(record, Event):
            node.update({
                "description": _text(record.summary),
                "startDate": _date(record.when),
                "endDate": _date(record.end),
                "about": [self.ref(x) for x in dict.fromkeys([*record.parties, *record.people, *record.organizations])],
                "subjectOf": self.sources(record.sources),
            })
        elif isinstance(record, Quote):
            node.update({
                "name": None,
                "text": record.text,
                "creator": self.ref(record.speaker),
                "dateCreated": _date(record.date),
                "isBasedOn": self.sources(record.sources),
                "about": [self.ref(x) for x in record.issues],
                "description": _text(record.context),
                "inLanguage": record.text_language(self.corpus.briefing.language),
                "translationOfWork": self.original(record),
                "translator": self.translator(record),
                "exampleOfWork": self.ref(record.variant_of) if record.variant_of else None,
                "workExample": [self.ref(x) for x in self.corpus.referrers(record.id, "quotes", "variant_of")],
            })
        elif isinstance(record, Person):
            node.update({
                "jobTitle": record.title,
                "affiliation": self.ref(record.party) if record.party else None,
                "alternateName": record.aliases,
                "description": _text(record.description),
            })
        elif isinstance(record, Party):
            node.update({"legalName": record.official_name, "alternateName": record.aliases,
                         "description": _text(record.description)})
        elif isinstance(record, Organization):
            node.update({"legalName": record.official_name, "alternateName": record.aliases,
                         "parentOrganization": self.ref(record.part_of) if record.part_of else None,
                         "address": _country(record.country), "description": _text(record.description)})
        elif isinstance(record, Outlet):
            node.update({"address": _country(record.country), "description": _text(record.description)})
        elif isinstance(record, Source):
            node.update({
                **_source_names(record),
                "url": record.url, "mainEntityOfPage": self.url(record),
                "author": {"@type": "Person", "name": record.author} if record.author else None,
                "publisher": self.ref(record.outlet),
                "sourceOrganization": self.ref(record.agency) if record.agency else None,
                "datePublished": _date(record.published),
                "inLanguage": record.language,
            })
        elif isinstance(record, Position):
            node.update({
                "name": record.stance, "text": _text(record.summary) or record.stance,
                "author": self.ref(record.party), "creator": self.ref(record.stated_by) if record.stated_by else None,
                "about": self.ref(record.issue), "dateCreated": _date(record.date),
                "isBasedOn": self.sources(record.sources),
            })
        elif isinstance(record, Issue):
            node.update({"description": _text(record.summary)})
        elif isinstance(record, GlossaryTerm):
            node.update({"description": _text(record.definition), "alternateName": record.aliases})
        return _clean(node)


def record_jsonld(corpus: Corpus, urls: Urls, record: Record) -> dict[str, Any]:
    """The schema.org node of ``record``, with links relative to its own page."""
    return _Graph(corpus, urls, record_path(record)).node(record)


def dumps(data: dict[str, Any]) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` appears in it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def script(corpus: Corpus, urls: Urls, record: Record) -> str:
    """The ``<script>`` element (HTML, as a plain str so that adding it to a page's HTML escapes nothing)."""
    return f'<script type="application/ld+json">{dumps(record_jsonld(corpus, urls, record))}</script>'
