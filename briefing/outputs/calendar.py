"""``rounds.ics``: the rounds of the talks as an iCalendar (RFC 5545) feed, made with ``icalendar``.

Only what the sources fix to the day becomes an event. Rounds are all-day events (``VALUE=DATE``), from
their first to their last day; a time of day, where one is recorded, is kept in the description rather
than turned into an instant the sources may not mean. Left out, and listed with the reason on the "Data &
feeds" page: rounds without a date (``unscheduled``, or no start reported), rounds whose start is known
only to the month or year, and rounds whose start the sources give only approximately ("about 13 June"):
no calendar entry can show them without claiming a day.

Each event is on the round's current date, the accepted account where the sources differ. What a
subscriber could otherwise not see is said in the description: that the date or place is contested, with
the other accounts, and the dates and places announced earlier (the round's ``schedule``). ``SEQUENCE`` is
the number of schedule entries, so a calendar program takes an added postponement or new date as an update
of the event it already holds; it is left out (RFC 5545's default, 0) for a round with no schedule, and it
depends on nothing but the data, so it stays the same from one build to the next. A cancelled round stays
in the calendar with ``STATUS:CANCELLED``, which is how subscribers learn of the cancellation.

The file depends on the data alone: ``UID`` is ``<round id>@briefing`` and ``DTSTAMP`` is the briefing's
information cutoff (``as_of``), never the time of the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from briefing.corpus import Corpus
from briefing.model import Account, FuzzyDate, Record, Round, ScheduleEntry
from briefing.render.urls import Urls

from . import links

PRODID = "-//Briefing//Briefing rounds calendar//EN"
UID_DOMAIN = "briefing"
STATUS = {"held": "CONFIRMED", "scheduled": "CONFIRMED", "planned": "TENTATIVE", "postponed": "TENTATIVE",
          "cancelled": "CANCELLED"}
# How the notes name a contested field (the YAML key) in a sentence.
FIELD_WORDS = {"start": "date", "date": "date", "end": "last day", "location": "place", "site": "venue",
               "format": "format", "mediator": "mediator", "duration": "length", "published": "publication date"}
# Reports that the sources themselves have since proved wrong or denied: never presented as a former date.
DISCREDITED = frozenset({"denied", "overtaken"})
REPORT_WORDS = {"confirmed": "confirmed", "unconfirmed": "unconfirmed", "denied": "report denied",
                "overtaken": "report later proved wrong"}


@dataclass(frozen=True)
class CalendarEntry:
    round: Round
    start: date
    end: date  # exclusive, as DTEND of an all-day event is
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LeftOut:
    round: Round
    reason: str


def _shown(corpus: Corpus, value: Any) -> str:
    if isinstance(value, FuzzyDate):
        return value.display()
    text = str(value)
    found = corpus.by_id.get(text)
    return found.label if isinstance(found, Record) else text


def _accepted_account(found: list[Account[Any]]) -> Account[Any]:
    # The same rule as model.accepted, but giving the account itself, to say whose it is.
    marked = [a for a in found if a.accepted]
    return marked[0] if marked else found[0]


def contested_note(corpus: Corpus, record: Record, name: str) -> str | None:
    """A sentence naming the accounts of a field the sources give differently, the accepted one first;
    None when they agree (or the field holds a plain value)."""
    if not record.is_contested(name):
        return None
    found = record.accounts(name)
    chosen = _accepted_account(found)
    parts = []
    for account in [chosen, *(a for a in found if a is not chosen)]:
        part = _shown(corpus, account.value)
        if account.according_to:
            part += f" according to {_shown(corpus, account.according_to)}"
        remarks = ["the briefing goes by this account"] if account is chosen else []
        if account.report in REPORT_WORDS:
            remarks.append(REPORT_WORDS[account.report])
        parts.append(part + (f" ({'; '.join(remarks)})" if remarks else ""))
    return f"The {FIELD_WORDS.get(name, name)} is contested: " + "; ".join(parts) + "."


def contested_notes(corpus: Corpus, record: Record, names: tuple[str, ...]) -> list[str]:
    """:func:`contested_note` for each of ``names`` that is contested, in that order."""
    return [note for name in names if (note := contested_note(corpus, record, name)) is not None]


def _announcement(entry: ScheduleEntry) -> str:
    what = []
    if entry.start is not None:
        span = entry.start.display()
        if entry.end is not None and entry.end.text != entry.start.text:
            span += f" to {entry.end.display()}"
        what.append(span)
    if entry.location:
        what.append(entry.location)
    inside: list[str] = [entry.status] if what else []  # without a date or place, the status leads instead
    if entry.announced is not None:
        inside.append(f"announced {entry.announced.display()}")
    remark = "; ".join(filter(None, [", ".join(inside), REPORT_WORDS.get(entry.report or "")]))
    head = ", ".join(what) if what else entry.status
    return f"{head} ({remark})" if remark else head


def schedule_note(rnd: Round) -> str | None:
    """The round's announcement history in one sentence, oldest first; None without a schedule.

    E.g. "Earlier announced: 6 April 2024, Hillcrest (planned, announced 12 March 2024); postponed
    (announced 2 April 2024)."."""
    if not rnd.schedule:
        return None
    return "Earlier announced: " + "; ".join(_announcement(e) for e in rnd.schedule) + "."


def _elsewhen(earlier: FuzzyDate | None, current: FuzzyDate | None) -> bool:
    # Only dates that cannot be the same day count: "April" then "14 April" is no move, and an approximate
    # date cannot show one.
    if earlier is None or current is None or earlier.approximate or current.approximate:
        return False
    return earlier.latest < current.earliest or earlier.earliest > current.latest


def earlier_starts(rnd: Round) -> list[FuzzyDate]:
    """The start dates announced earlier that the round did not keep, oldest first (no discredited reports)."""
    found = [e.start for e in rnd.schedule if e.start is not None and e.report not in DISCREDITED
             and _elsewhen(e.start, rnd.start)]
    return list({d.text: d for d in found}.values())


def moved(rnd: Round) -> bool:
    """Whether the schedule shows the round moved: a postponement, or an earlier date it did not keep."""
    return any(e.status == "postponed" for e in rnd.schedule) or bool(earlier_starts(rnd))


def calendar_rounds(corpus: Corpus) -> tuple[list[CalendarEntry], list[LeftOut]]:
    """The rounds that become calendar events, and those left out with the reason why (both by number)."""
    entries: list[CalendarEntry] = []
    left_out: list[LeftOut] = []
    for rnd in corpus.rounds:
        start = rnd.start
        if rnd.status == "unscheduled":
            left_out.append(LeftOut(rnd, "unscheduled: no date has been set"))
            continue
        if start is None:
            left_out.append(LeftOut(rnd, "no date reported"))
            continue
        if start.day is None:
            left_out.append(LeftOut(rnd, f"only the {start.precision} is known ({start.display()}); a calendar "
                                     "entry would claim a day"))
            continue
        if start.approximate:
            left_out.append(LeftOut(rnd, f"the date is known only approximately ({start.display()}); a calendar "
                                     "entry would claim a day"))
            continue
        notes = []
        if start.time:
            notes.append(f"Starts {start.display()} (time as reported).")
        last = start.earliest
        end = rnd.end
        if end is not None and end.exact_day and end.earliest >= start.earliest:
            last = end.earliest
            if end.time:
                notes.append(f"Ends {end.display()} (time as reported).")
        elif end is not None and end.approximate:
            notes.append(f"Ends {end.display()} (approximate); shown here on its first day.")
        elif end is not None:
            notes.append(f"Ends {end.display()} ({end.precision} only); shown here on its first day.")
        notes += contested_notes(corpus, rnd, ("start", "end", "location"))
        history = schedule_note(rnd)
        if history:
            notes.append(history)
        entries.append(CalendarEntry(rnd, start.earliest, last + timedelta(days=1), tuple(notes)))
    return entries, left_out


def uid(rnd: Round) -> str:
    return f"{rnd.id}@{UID_DOMAIN}"


def _description(corpus: Corpus, entry: CalendarEntry) -> str:
    rnd = entry.round
    lines = [f"Status: {rnd.status}.", *entry.notes]
    if rnd.mediator:
        lines.append(f"Mediator: {corpus.get(rnd.mediator).label}.")
    if rnd.parties:
        lines.append("Parties: " + ", ".join(corpus.get(p).label for p in rnd.parties) + ".")
    if rnd.summary:
        lines += ["", " ".join(rnd.summary.split())]
    return "\n".join(lines)


def rounds_calendar(corpus: Corpus, urls: Urls, site_url: str | None = None) -> Calendar:
    briefing = corpus.briefing
    stamp = datetime.combine(briefing.as_of.earliest, datetime.min.time(), UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # No METHOD: with METHOD:PUBLISH, iTIP (RFC 5546) would require an ORGANIZER the sources do not give.
    cal.add("x-wr-calname", briefing.title)
    entries, _left_out = calendar_rounds(corpus)
    for entry in entries:
        rnd = entry.round
        event = Event()
        event.add("uid", uid(rnd))
        event.add("dtstamp", stamp)
        if rnd.schedule:
            # DTSTAMP is the cutoff and may not move when a change is added; SEQUENCE always grows with it.
            event.add("sequence", len(rnd.schedule))
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end)
        event.add("summary", f"{briefing.title}: {rnd.label}")
        event.add("status", STATUS[rnd.status])
        if rnd.location:
            event.add("location", rnd.location)
        event.add("description", _description(corpus, entry))
        event.add("categories", ["round", rnd.status])
        if site_url:
            # URL must be absolute (RFC 5545 §3.8.4.6): only with the site's address in mkdocs.yml.
            event.add("url", links.record_url(urls, rnd, site_url))
        cal.add_component(event)
    return cal


def rounds_ics(corpus: Corpus, urls: Urls, site_url: str | None = None) -> bytes:
    return bytes(rounds_calendar(corpus, urls, site_url).to_ical())
