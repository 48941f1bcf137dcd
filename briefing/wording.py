"""Plain-text wording that the pages and the files written at build time share, so they say one thing.

Language names, who translated, how a report's status reads, and the one-sentence notes on contested fields
and on a round's announced schedule (used by the calendar, the feeds and structured data).
"""

from __future__ import annotations

from typing import Any

from briefing.corpus import Corpus
from briefing.model import Account, FuzzyDate, Record, Round, ScheduleEntry

# Names for the languages quotes are most often translated from; other tags are shown as written.
LANGUAGE_NAMES = {"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian",
                  "fr": "French", "he": "Hebrew", "it": "Italian", "ru": "Russian", "tr": "Turkish",
                  "ur": "Urdu", "zh": "Chinese"}
TRANSLATORS = {"outlet": "by the outlet", "editors": "by the editors", "unknown": "by an unknown translator"}


def language_name(tag: str) -> str:
    return LANGUAGE_NAMES.get(tag.split("-", maxsplit=1)[0], tag)


# How the notes name a contested field (the YAML key) in a sentence.
FIELD_WORDS = {"start": "date", "date": "date", "end": "last day", "location": "place", "site": "venue",
               "format": "format", "mediator": "mediator", "duration": "length", "published": "publication date"}
# Reports that the sources themselves have since proved wrong or denied: never presented as a former date.
DISCREDITED = frozenset({"denied", "overtaken"})
REPORT_WORDS = {"confirmed": "confirmed", "unconfirmed": "unconfirmed", "denied": "report denied",
                "overtaken": "report later proved wrong"}


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
