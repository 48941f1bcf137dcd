"""The ids feed readers and calendars keep: unique to this briefing, the same from one build to the next.

Two briefings a reader subscribes to must never share an entry id or a calendar ``UID``, or one briefing's
round 2 would replace the other's. The ids are therefore made of the briefing's own identity and the
record's id (unique within the briefing):

- With ``site_url`` set in ``mkdocs.yml``, the identity is the site's address: its host (lowercase, without
  a port; an international name in its ASCII form) and its path. ``https://example.org/border-talks/`` gives
  the authority ``example.org`` and the scope ``border-talks``.
- Without it, the authority is ``briefing`` and the scope a slug of the briefing's title
  (``Iran–United States nuclear talks, 2026`` → ``iran-united-states-nuclear-talks-2026``).

Atom and JSON Feed entry ids are RFC 4151 ``tag:`` URIs, ``tag:<authority>,<year>:<scope>:<name>``
(``tag:example.org,2024:border-talks:round-2``; without a scope, ``tag:example.org,2024:round-2``). The
``name`` is the record's id, or for a change of a round's schedule the round's id, the kind of change and the
day it was announced (``round-2/postponed-2024-04-02``); no id contains ``:``, so the last one ends the scope.
The year is the record's own: the year of its date, for a round the year of the first date announced for it
(so a postponement into the next year keeps the round's id), for a change of schedule the year it was
announced. Only the year, not the day, so that correcting a day or moving a round leaves the id alone. The
feed's own id (Atom only; JSON Feed has none) names ``feed.xml``, which no record id can be, dated the
earliest year of its entries (the briefing's ``as_of`` while it has none).

Calendar ``UID``s are ``<round id>@<authority>/<scope>`` (``round-2@example.org/border-talks``): no date, as a
calendar keeps the event when its date moves and updates it by ``SEQUENCE``.

Everything comes from the data and ``site_url``, nothing from the clock, so rebuilding gives the same ids.
What changes them: a new ``site_url`` (or setting one for the first time) and, without one, a new title;
subscribers then see the briefing's entries as new ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from briefing.corpus import Corpus, record_date
from briefing.model import FuzzyDate, Record, Round

DEFAULT_AUTHORITY = "briefing"
FEED_NAME = "feed.xml"  # the Atom feed's own id: a dot, so never a record id
# What RFC 3986 allows in a path segment (pchar, less ":" which ends the scope, and "%" which quote() adds).
_PATH_SAFE = "/!$&'()*+,;=@-._~"
_NOT_WORD = re.compile(r"[\W_]+")


def slug(text: str) -> str:
    """A lowercase slug of a title: words joined with '-', accents dropped where a letter has an ASCII base,
    other letters (Persian, Greek) kept. 'briefing' when nothing is left."""
    plain = "".join(_ascii_base(c) for c in unicodedata.normalize("NFC", text))
    return _NOT_WORD.sub("-", plain.casefold()).strip("-") or DEFAULT_AUTHORITY


def _ascii_base(char: str) -> str:
    """'e' for 'é'; any other character as it is (a Persian letter keeps its madda)."""
    parts = unicodedata.normalize("NFKD", char)
    return "".join(c for c in parts if not unicodedata.combining(c)) if parts[:1].isascii() else char


def _host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:  # a name the IDNA codec refuses: percent-encoded, still unique
        return quote(host.lower(), safe="-.")


@dataclass(frozen=True)
class Identity:
    """Who the ids belong to: ``authority`` (a DNS name, or ``briefing``) and ``scope`` (a path, may be empty)."""

    authority: str
    scope: str

    def tag(self, year: int, name: str) -> str:
        """The ``tag:`` URI of the entry called ``name`` (a record id, or one with a '/…' suffix)."""
        scope = f"{quote(self.scope, safe=_PATH_SAFE)}:" if self.scope else ""
        return f"tag:{self.authority},{year:04d}:{scope}{name}"

    def uid(self, name: str) -> str:
        """A calendar ``UID`` for the event called ``name``."""
        return f"{name}@{self.authority}" + (f"/{self.scope}" if self.scope else "")


def identity(corpus: Corpus, site_url: str | None = None) -> Identity:
    """The briefing's identity: from ``site_url`` when set, else from the briefing's title."""
    if site_url:
        parts = urlsplit(site_url)
        if parts.hostname:
            return Identity(_host(parts.hostname), parts.path.strip("/"))
    return Identity(DEFAULT_AUTHORITY, slug(corpus.briefing.title))


def entry_name(entry_id: str) -> str:
    """The record part of an entry id: ``round-2`` of ``tag:example.org,2024:border-talks:round-2``."""
    return entry_id.rsplit(":", 1)[-1]


def first_date(record: Record) -> FuzzyDate | None:
    """The date a record's entry id is dated by: its own, for a round the first date announced for it."""
    if isinstance(record, Round):
        announced = [entry.start for entry in record.schedule if entry.start is not None]
        if announced:
            return announced[0]
    return record_date(record)
