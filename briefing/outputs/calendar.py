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

The file depends on the data (and ``site_url``) alone: ``UID`` is ``<round id>@<authority>/<scope>``, made of the
briefing's identity so that two briefings' rounds never share one (``round-2@example.org/border-talks`` with
``site_url``, else ``round-2@briefing/<slug of the title>``; see :mod:`briefing.outputs.ids`), with no date in
it, as the event keeps its UID when the round moves; ``DTSTAMP`` is the briefing's information cutoff
(``as_of``), never the time of the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from briefing.corpus import Corpus
from briefing.model import Round
from briefing.urls import Urls
from briefing.wording import contested_notes, schedule_note

from .ids import Identity, identity

PRODID = "-//Briefing//Briefing rounds calendar//EN"
STATUS = {"held": "CONFIRMED", "scheduled": "CONFIRMED", "planned": "TENTATIVE", "postponed": "TENTATIVE",
          "cancelled": "CANCELLED"}


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


def uid(rnd: Round, owner: Identity) -> str:
    return owner.uid(rnd.id)


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
    owner = identity(corpus, site_url)
    for entry in entries:
        rnd = entry.round
        event = Event()
        event.add("uid", uid(rnd, owner))
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
            event.add("url", urls.record_url(rnd, site_url))
        cal.add_component(event)
    return cal


def rounds_ics(corpus: Corpus, urls: Urls, site_url: str | None = None) -> bytes:
    return bytes(rounds_calendar(corpus, urls, site_url).to_ical())
