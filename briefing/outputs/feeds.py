"""``feed.xml`` (Atom, RFC 4287) and ``feed.json`` (JSON Feed 1.1): one entry per dated record.

Rounds, events, quotes and positions that have a date become entries, newest first (by the date of what
they record, ties by id), and so do a round's postponements and cancellation, at the date they were
announced: for a subscriber the news of a round is often that it moved. Entry ids are ``tag:`` URIs made of
the briefing's identity (``site_url``, else its title), the year of the record's date and the record's id
(``tag:example.org,2024:border-talks:round-2``; a change of schedule adds its kind and announced date,
``…:round-2/postponed-2024-04-02``): see :mod:`briefing.outputs.ids`. They are unique across briefings and
never change when another entry is added. Links to the record pages are absolute when ``site_url`` is set in
``mkdocs.yml`` and otherwise relative to the site root, where both feeds live, so a reader resolves them
against the feed's own address.

Where the sources differ, an entry goes by the accepted account and its text names the others; a round's
text also gives the dates and places announced for it earlier. A quote's text follows the words from their
speaker to the source read ("— Edda East to East News Agency, relayed by Global Wire and West Herald, 12 March
2024."), says who posted them when not the speaker, that they are a translation ("(translated from French by
the outlet)") and which other outlets' wordings of them there are. A quote whose text is in another language
than the briefing's says so: ``xml:lang`` on the Atom entry's ``title`` and ``summary``, ``language`` on the
JSON Feed item (both describe the entry as a whole; the words are what it is about). A source without a date
is cited without one.

A date known only to the month or year is given as its first day (RFC 3339 has no coarser form); the
entry's text says how precisely the date is known. A date the sources give only approximately ("about
13 February") is never given as a timestamp: the text says "about", JSON Feed's ``date_published``
(optional) is left out, and Atom's ``updated``, which every entry must have and which RFC 4287 defines as
when the entry last changed, not as the date of what it records, is the day the latest of the entry's
sources was published, or failing one known to the day, the information cutoff. Those are days the data
does fix; the first day of "about 13 February" would be a guess presented as a fact. Nothing depends on the
time of the build.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from typing import Any

from briefing.corpus import Corpus, date_key, record_date
from briefing.model import Citation, Event, FuzzyDate, Position, Quote, Record, Round, ScheduleEntry
from briefing.urls import ATOM_FEED, JSON_FEED, Urls, file_url
from briefing.wording import REPORT_WORDS, TRANSLATORS, contested_notes, language_name, schedule_note

from . import json_text
from .ids import FEED_NAME, Identity, first_date, identity

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_COLLECTIONS = ("rounds", "events", "quotes", "positions")
_TIME = re.compile(r"(?P<hm>[0-9]{2}:[0-9]{2})(?::(?P<s>[0-9]{2}))?(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})?")


def timestamp(value: FuzzyDate) -> str:
    """RFC 3339 for a date of any precision: the time with its zone when recorded, else the (first) day.

    Not for approximate dates: the feeds never pass one (see :attr:`FeedEntry.updated`)."""
    day = value.earliest.isoformat()
    match = _TIME.fullmatch(value.time or "")
    if match and match["zone"]:
        return f"{day}T{match['hm']}:{match['s'] or '00'}{match['zone']}"
    return f"{day}T00:00:00Z"


@dataclass(frozen=True)
class FeedEntry:
    record: Record
    when: FuzzyDate  # the date of what the entry records (for a change of schedule: when it was announced)
    title: str
    text: str  # plain text: what the record says, when, and its sources
    change: ScheduleEntry | None = None  # set for a round's postponement or cancellation
    name: str = ""  # the id's last part; the record id when empty
    reported: FuzzyDate | None = None  # the latest day, known exactly, that a source of the entry was published
    language: str | None = None  # the language of the entry's words, when not the briefing's (a quote's text)
    id: str = ""  # the tag: URI, set by feed_entries (see briefing.outputs.ids)
    year: int = 0  # the year the id is dated by

    @property
    def updated(self) -> FuzzyDate | None:
        """The date the feeds may state as the entry's time: its own, or for an approximate one the day its
        sources were last published (None when none is known to the day)."""
        return self.reported if self.when.approximate else self.when


def _cites(corpus: Corpus, citations: list[Citation]) -> str:
    parts = []
    for citation in citations:
        source = corpus.get(citation.source)
        outlet = corpus.by_id.get(getattr(source, "outlet", ""))
        label = outlet.label if outlet else source.label
        agency = corpus.by_id.get(getattr(source, "agency", None) or "")
        if agency is not None:
            label += f" ({agency.label})"  # an agency story read in that outlet, as the pages cite it
        published = getattr(source, "published", None)
        if isinstance(published, FuzzyDate):
            label += f", {published.display()}"
        parts.append(label + (f", {citation.locator}" if citation.locator else ""))
    return "; ".join(dict.fromkeys(parts))


def _reported(corpus: Corpus, citations: list[Citation]) -> FuzzyDate | None:
    days = [published for c in citations
            if isinstance(published := getattr(corpus.get(c.source), "published", None), FuzzyDate)
            and published.exact_day]
    return max(days, key=lambda d: d.sort_key()) if days else None


def _names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _said(quote: Quote) -> str:
    return f"“{quote.text}”" if quote.mode == "direct" else quote.text


def _translation(corpus: Corpus, quote: Quote) -> str:
    """' (translated from French by the outlet)' for a quote given in translation, as its page says it."""
    spoken = quote.spoken_language
    if spoken is None or spoken == quote.text_language(corpus.briefing.language):
        return ""
    by = TRANSLATORS.get(quote.translated_by or "", "")
    return f" (translated from {language_name(spoken)}{f' {by}' if by else ''})"


def _quote_lines(corpus: Corpus, quote: Quote, when: FuzzyDate) -> list[str]:
    """The words, then who said them, through whom they came and when, then other outlets' wordings."""
    label = corpus.get
    speaker = label(quote.speaker).label
    posted = f", posted by {label(quote.posted_by).label}" if quote.posted_by else ""
    channel = f" to {label(quote.to).label}" if quote.to else ""
    relay = f", relayed by {_names([label(x).label for x in quote.relayed_by])}" if quote.relayed_by else ""
    lines = [f"{_said(quote)} — {speaker}{posted}{channel}{relay}, {_when(when)}{_translation(corpus, quote)}."]
    if quote.variant_of:
        main = label(quote.variant_of)
        assert isinstance(main, Quote)
        lines.append(f"Another outlet’s wording of {_said(main)}{f' ({label(main.to).label})' if main.to else ''}.")
    wordings = [x for x in corpus.referrers(quote.id, "quotes", "variant_of") if isinstance(x, Quote)]
    if wordings:
        lines.append("Also worded as " + "; ".join(
            _said(x) + (f" ({label(x.to).label})" if x.to else "") for x in wordings) + ".")
    lines += [quote.context] if quote.context else []
    return lines


def _when(value: FuzzyDate) -> str:
    shown = value.display()  # "about …" when approximate
    return shown if value.precision in ("day", "time") else f"{shown} ({value.precision} only)"


def _change_entry(corpus: Corpus, rnd: Round, change: ScheduleEntry, when: FuzzyDate, name: str) -> FeedEntry:
    by = f" by {corpus.get(change.by).label}" if change.by else ""
    lines = [f"Round {rnd.number} {change.status}, announced {_when(when)}{by}."]
    lines += [change.note] if change.note else []
    if change.report in REPORT_WORDS:
        lines.append(f"This report: {REPORT_WORDS[change.report]}.")
    now = ", ".join(x for x in (_when(rnd.start) if rnd.start else None, rnd.location) if x)
    lines.append(f"The round now: {rnd.status}" + (f", {now}" if now else "") + ".")
    lines.append(f"Sources: {_cites(corpus, change.sources)}.")
    text = "\n\n".join(" ".join(line.split()) for line in lines)
    return FeedEntry(rnd, when, f"{rnd.label} {change.status}", text, change, name,
                     _reported(corpus, change.sources))


def _entry(corpus: Corpus, record: Record, when: FuzzyDate) -> FeedEntry:
    label = corpus.get
    lines: list[str] = []
    language = None
    if isinstance(record, Round):
        title = f"{record.label} ({record.status})"
        lines.append(f"Round {record.number}, {record.status}: {_when(when)}"
                     + (f", {record.location}" if record.location else "") + ".")
        lines += contested_notes(corpus, record, ("start", "end", "location"))
        history = schedule_note(record)
        lines += [history] if history else []
        lines += [record.summary] if record.summary else []
        lines += [f"Outcome: {o.text}" for o in record.outcomes]
    elif isinstance(record, Event):
        title = record.title
        lines.append(f"Event: {_when(when)}.")
        lines += contested_notes(corpus, record, ("date", "start", "end"))
        lines += [record.summary] if record.summary else []
    elif isinstance(record, Quote):
        speaker = label(record.speaker).label
        title = f"{speaker}: “{record.label}”" if record.mode == "direct" else f"{speaker} (paraphrase): {record.label}"
        lines += _quote_lines(corpus, record, when)
        shown = record.text_language(corpus.briefing.language)
        language = shown if shown != corpus.briefing.language else None
    else:
        assert isinstance(record, Position)
        party, issue = label(record.party).label, label(record.issue).label
        title = f"{party} on {issue}: {record.stance}"
        venue = {"table": "at the table", "public": "in public", "unknown": "venue not reported"}[record.venue]
        lines.append(f"Position of {party} on {issue}, {venue}: {record.stance} ({_when(when)}).")
        lines += [record.summary] if record.summary else []
    sources: list[Citation] = getattr(record, "sources", [])
    lines.append(f"Sources: {_cites(corpus, sources)}.")
    text = "\n\n".join(" ".join(line.split()) for line in lines)
    return FeedEntry(record, when, title, text, reported=_reported(corpus, sources), language=language)


def _items(corpus: Corpus) -> list[tuple[str, Record, FuzzyDate, ScheduleEntry | None]]:
    """(id name, record, date, change) for every entry, unsorted."""
    items: list[tuple[str, Record, FuzzyDate, ScheduleEntry | None]] = [
        (record.id, record, when, None) for name in FEED_COLLECTIONS for record in corpus.of(name)
        if (when := record_date(record)) is not None]
    seen: set[str] = set()
    for entry in corpus.timeline():
        if entry.change is None or entry.when is None:
            continue
        base = f"{entry.record.id}/{entry.change.status}-{entry.when.iso}"
        # Two changes of one kind announced the same day would share a name; number the later ones, in
        # schedule order, which the editors only append to.
        name, count = base, 1
        while name in seen:
            count += 1
            name = f"{base}-{count}"
        seen.add(name)
        items.append((name, entry.record, entry.when, entry.change))
    return items


def dated_records(corpus: Corpus) -> list[tuple[Record, FuzzyDate]]:
    """What the feeds hold, one pair per entry: every dated round, event, quote and position, then each
    announced postponement or cancellation (as its round and the date it was announced)."""
    return [(record, when) for _name, record, when, _change in _items(corpus)]


def _year(record: Record, when: FuzzyDate, change: ScheduleEntry | None) -> int:
    """The year an entry's id is dated by: a change's announcement, else the record's first date."""
    dated = when if change is not None else first_date(record) or when
    return dated.earliest.year


def feed_entries(corpus: Corpus, site_url: str | None = None) -> list[FeedEntry]:
    """One entry per dated round, event, quote and position, and per change of a round's schedule, newest
    first, each with its id in this briefing (made from ``site_url`` when set, else from the title)."""
    owner = identity(corpus, site_url)
    items = _items(corpus)
    items.sort(key=lambda item: item[0])
    items.sort(key=lambda item: date_key(item[2]), reverse=True)
    entries = []
    for name, record, when, change in items:
        entry = (_change_entry(corpus, record, change, when, name)
                 if change is not None and isinstance(record, Round) else _entry(corpus, record, when))
        year = _year(record, when, change)
        entries.append(replace(entry, id=owner.tag(year, name), year=year))
    return entries


def feed_id(corpus: Corpus, entries: list[FeedEntry], owner: Identity) -> str:
    """The Atom feed's own id: ``feed.xml`` of this briefing, dated the earliest year among its entries."""
    return owner.tag(min((entry.year for entry in entries), default=corpus.briefing.as_of.earliest.year), FEED_NAME)


def _stamp(corpus: Corpus, entry: FeedEntry) -> str:
    return timestamp(entry.updated or corpus.briefing.as_of)


def _updated(corpus: Corpus, entries: list[FeedEntry]) -> str:
    newest = max([corpus.briefing.as_of, *(e.updated for e in entries if e.updated is not None)], key=date_key)
    return timestamp(newest)


def _authors(corpus: Corpus) -> list[str]:
    return list(corpus.briefing.editors) or [corpus.briefing.title]


def atom_feed(corpus: Corpus, urls: Urls, site_url: str | None = None,
              entries: list[FeedEntry] | None = None) -> str:
    """The Atom feed; ``entries``, when given, are this corpus's :func:`feed_entries`, made once for both feeds."""
    briefing = corpus.briefing
    entries = feed_entries(corpus, site_url) if entries is None else entries
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: briefing.language})
    sub(feed, "id", feed_id(corpus, entries, identity(corpus, site_url)))
    sub(feed, "title", briefing.title)
    sub(feed, "subtitle", " ".join(briefing.subject.split()))
    sub(feed, "updated", _updated(corpus, entries))
    sub(feed, "link", rel="alternate", type="text/html", href=urls.home_url(site_url))
    sub(feed, "link", rel="self", type="application/atom+xml", href=file_url(ATOM_FEED, site_url))
    for name in _authors(corpus):
        sub(sub(feed, "author"), "name", name)
    sub(feed, "generator", "Briefing")
    if briefing.license:
        sub(feed, "rights", briefing.license)
    for entry in entries:
        element = sub(feed, "entry")
        lang = {XML_LANG: entry.language} if entry.language else {}
        sub(element, "id", entry.id)
        sub(element, "title", entry.title, **lang)
        sub(element, "updated", _stamp(corpus, entry))
        sub(element, "link", rel="alternate", type="text/html",
            href=urls.record_url(entry.record, site_url))
        sub(element, "category", term=entry.record.collection)
        if entry.change is not None:
            sub(element, "category", term=entry.change.status)
        sub(element, "summary", entry.text, type="text", **lang)
    ET.indent(feed)
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue().decode() + "\n"


def json_feed_data(corpus: Corpus, urls: Urls, site_url: str | None = None,
                   entries: list[FeedEntry] | None = None) -> dict[str, Any]:
    briefing = corpus.briefing
    data: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": briefing.title,
        "description": " ".join(briefing.subject.split()),
        "language": briefing.language,
        "authors": [{"name": name} for name in _authors(corpus)],
    }
    if site_url:
        # Both must be full URLs to be of use to a reader; without the site's address they are left out.
        data["home_page_url"] = urls.home_url(site_url)
        data["feed_url"] = file_url(JSON_FEED, site_url)
    items = []
    for entry in feed_entries(corpus, site_url) if entries is None else entries:
        item: dict[str, Any] = {"id": entry.id, "url": urls.record_url(entry.record, site_url),
                                "title": entry.title, "content_text": entry.text}
        if entry.language:
            item["language"] = entry.language  # JSON Feed 1.1: the item's language, when not the feed's
        if not entry.when.approximate:  # optional in JSON Feed: left out rather than guessed
            item["date_published"] = timestamp(entry.when)
        item["tags"] = [entry.record.collection, *([entry.change.status] if entry.change else [])]
        items.append(item)
    data["items"] = items
    return data


def json_feed(corpus: Corpus, urls: Urls, site_url: str | None = None,
              entries: list[FeedEntry] | None = None) -> str:
    return json_text(json_feed_data(corpus, urls, site_url, entries), levels=2)  # one item per line
