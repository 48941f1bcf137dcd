"""The validated briefing with its read-only indexes and the views derived from it.

Everything here is computed once per build from records that passed every check, and sorted, so that the
pages built from it are deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Protocol

from .model import (
    COLLECTIONS,
    Briefing,
    Event,
    Figure,
    FuzzyDate,
    Issue,
    Party,
    Position,
    Quote,
    Record,
    Round,
    ScheduleEntry,
    field_name,
    iter_parts,
    iter_references,
)

_FAR_FUTURE = (9999, 99, 99, "")


@dataclass(frozen=True)
class Backlink:
    """``source`` refers to the page's record through ``field`` (e.g. a quote's ``speaker``)."""

    source: Record
    field: str


@dataclass(frozen=True)
class MatrixCell:
    issue: Issue
    party: Party
    positions: tuple[Position, ...]  # the current stances (not superseded), newest first

    @property
    def red_line(self) -> bool:
        return any(p.type == "red-line" for p in self.positions)

    @property
    def divergences(self) -> tuple[Position, ...]:
        """The cell's stances that record a divergence from another of its current stances.

        Only what the editors recorded (``diverges``, with its citation) counts: comparing the wording of
        stances would flag stances that agree, and a divergence is an editorial finding."""
        current = {p.id for p in self.positions}
        return tuple(p for p in self.positions if p.diverges is not None and p.diverges.position in current)

    @property
    def divergent(self) -> bool:
        return bool(self.divergences)


@dataclass(frozen=True)
class ReportLink:
    """``record`` (or an account or schedule entry in it, at ``field``) is marked ``status`` by the page's record."""

    record: Record
    field: str
    status: str


@dataclass(frozen=True)
class TimelineEntry:
    record: Round | Event
    when: FuzzyDate | None
    until: FuzzyDate | None
    change: ScheduleEntry | None = None  # a postponement or cancellation of the round, at its announced date


@dataclass(frozen=True)
class Delay:
    """A held round and how far its start moved from the first date announced for it."""

    round: Round
    first_planned: FuzzyDate
    days: int


@dataclass(frozen=True)
class Status:
    rounds_held: int
    last_round: Round | None
    next_round: Round | None
    gaps: tuple[tuple[Round, Round, int], ...]  # consecutive held rounds and the days between their starts
    days_since_last: int | None  # from the last round's start to the information cutoff
    as_of: FuzzyDate
    postponements: int = 0  # schedule entries that postponed a round
    cancellations: int = 0  # rounds cancelled
    delays: tuple[Delay, ...] = ()


def figure_series(figures: Iterable[Figure]) -> list[tuple[str, list[Figure]]]:
    """Figures grouped by label (in the order labels first appear), each group in date order, undated last
    in the order written: a toll revised over time reads as a series, not as unrelated numbers."""
    groups: dict[str, list[Figure]] = {}
    for figure in figures:
        groups.setdefault(figure.label, []).append(figure)
    return [(label, sorted(found, key=lambda f: date_key(f.as_of))) for label, found in groups.items()]


def date_key(value: FuzzyDate | None) -> tuple[int, int, int, str]:
    return value.sort_key() if value else _FAR_FUTURE


def record_date(record: Record) -> FuzzyDate | None:
    if isinstance(record, Round):
        return record.start
    if isinstance(record, Event):
        return record.when
    if isinstance(record, Position | Quote):
        return record.date
    return None


def _days_between(a: FuzzyDate | None, b: FuzzyDate | None) -> int | None:
    # Only exact, day-precise dates give a day count; anything vaguer would be a guess.
    if a is None or b is None or not a.exact_day or not b.exact_day:
        return None
    return (b.earliest - a.earliest).days


class ReadObserver(Protocol):
    """Told what the corpus is asked for while a page renders (see ``briefing.preview.ReadLog``)."""

    def record(self, record_id: str) -> None: ...

    def referrers_of(self, record_id: str, shown: Iterable[str]) -> None: ...

    def collection(self, name: str) -> None: ...


class _Index(dict[str, Record]):
    """The id index; lookups are told to the corpus' observer, if any, so a preview knows what a page read."""

    observer: ReadObserver | None = None

    def __getitem__(self, key: str) -> Record:
        if self.observer is not None:
            self.observer.record(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        if self.observer is not None:
            self.observer.record(key)
        return super().get(key, default)


@dataclass
class Corpus:
    briefing: Briefing
    records: dict[str, list[Record]]
    by_id: _Index = field(init=False)
    backlinks: dict[str, list[Backlink]] = field(init=False)

    def __post_init__(self) -> None:
        for name in COLLECTIONS:
            self.records.setdefault(name, [])
            self.records[name].sort(key=self._sort_key)
        self.by_id = _Index((r.id, r) for records in self.records.values() for r in records)
        links: dict[str, list[Backlink]] = defaultdict(list)
        for records in self.records.values():
            for record in records:
                seen: set[tuple[str, str]] = set()
                for path, target, _allowed in iter_references(record):
                    name = field_name(path)
                    if (target, name) not in seen:
                        seen.add((target, name))
                        links[target].append(Backlink(record, name))
        self.backlinks = dict(links)

    @staticmethod
    def _sort_key(record: Record) -> tuple[object, ...]:
        if isinstance(record, Round):
            return (record.number, record.id)
        when = record_date(record)
        if isinstance(record, Event | Position | Quote):
            return (date_key(when), record.id)
        return (record.label.casefold(), record.id)

    def observe(self, observer: ReadObserver | None) -> None:
        """Tell ``observer`` of every record, list of referrers and collection read from now on."""
        self.by_id.observer = observer

    def of(self, collection: str) -> list[Record]:
        if self.by_id.observer is not None:
            self.by_id.observer.collection(collection)
        return self.records[collection]

    @property
    def rounds(self) -> list[Round]:
        return [r for r in self.of("rounds") if isinstance(r, Round)]

    @property
    def positions(self) -> list[Position]:
        return [p for p in self.of("positions") if isinstance(p, Position)]

    @property
    def quotes(self) -> list[Quote]:
        return [q for q in self.of("quotes") if isinstance(q, Quote)]

    def get(self, record_id: str) -> Record:
        return self.by_id[record_id]

    def _note(self, records: Iterable[Record], referred: str) -> None:
        # A new or removed referrer changes what a list of referrers shows.
        if self.by_id.observer is not None:
            self.by_id.observer.referrers_of(referred, (r.id for r in records))

    def referrers(self, record_id: str, collection: str | None = None, via: str | None = None) -> list[Record]:
        """Records that refer to ``record_id``, optionally only of one collection or through one field."""
        found: dict[str, Record] = {}
        for link in self.backlinks.get(record_id, []):
            wanted = (collection is None or link.source.collection == collection) and (via is None or link.field == via)
            if wanted:
                found.setdefault(link.source.id, link.source)
        self._note(found.values(), record_id)
        return list(found.values())

    def reports_on(self, record_id: str) -> list[ReportLink]:
        """The reports that ``record_id`` confirms, denies or overtakes (their ``report_by`` names it)."""
        found: dict[tuple[str, str], ReportLink] = {}
        for link in self.backlinks.get(record_id, []):
            if link.field.endswith("report_by"):
                for path, part in iter_parts(link.source):
                    if record_id in getattr(part, "report_by", []):
                        where = field_name(path)
                        found[(link.source.id, where)] = ReportLink(link.source, where, str(part.report))
        self._note((r.record for r in found.values()), record_id)
        return list(found.values())

    # --- derived views ------------------------------------------------------------------------------

    def superseded_ids(self) -> set[str]:
        return {p.supersedes for p in self.positions if p.supersedes}

    def matrix(self) -> tuple[list[Issue], list[Party], dict[tuple[str, str], MatrixCell]]:
        """Issues × parties holding positions; each cell holds the current stances of that party."""
        superseded = self.superseded_ids()
        current: dict[tuple[str, str], list[Position]] = defaultdict(list)
        for pos in self.positions:
            if pos.id not in superseded:
                current[(pos.issue, pos.party)].append(pos)
        issues = [i for i in self.of("issues") if isinstance(i, Issue)]
        party_ids = {party for _issue, party in current}
        parties = [p for p in self.of("parties") if isinstance(p, Party) and p.id in party_ids]
        cells = {
            key: MatrixCell(
                self.by_id[key[0]],  # type: ignore[arg-type]
                self.by_id[key[1]],  # type: ignore[arg-type]
                tuple(sorted(found, key=lambda p: (date_key(p.date), p.id), reverse=True)),
            )
            for key, found in current.items()
        }
        return issues, parties, cells

    def stance_chains(self, issue_id: str) -> list[list[Position]]:
        """The issue's positions grouped into stories linked by ``supersedes``, each oldest first.

        A stance may be replaced by more than one newer stance (say, one at the table and one in public);
        all of them stay in the same story, after the stance they replace.
        """
        positions = {p.id: p for p in self.positions if p.issue == issue_id}
        root: dict[str, str] = {}

        def find(pid: str) -> str:
            while root.get(pid, pid) != pid:
                pid = root[pid]
            return pid

        depth: dict[str, int] = {}
        for pos in positions.values():
            depth[pos.id] = 0
            older = pos.supersedes
            seen = {pos.id}
            while older in positions and older not in seen:  # loops were refused by the checks; stay safe
                seen.add(older)
                depth[pos.id] += 1
                older = positions[older].supersedes
            if pos.supersedes in positions:
                root[find(pos.id)] = find(pos.supersedes)
        stories: dict[str, list[Position]] = defaultdict(list)
        for pos in positions.values():
            stories[find(pos.id)].append(pos)
        chains = [sorted(story, key=lambda p: (depth[p.id], date_key(p.date), p.id)) for story in stories.values()]
        self._note(positions.values(), issue_id)
        return sorted(chains, key=lambda c: (c[0].party, date_key(c[0].date), c[0].id))

    def timeline(self) -> list[TimelineEntry]:
        """Rounds and events in date order; undated ones last, in their own order (rounds by number).

        A round's postponements and cancellation appear at the date they were announced, beside the round."""
        entries: list[TimelineEntry] = [TimelineEntry(r, r.start, r.end) for r in self.rounds]
        entries += [TimelineEntry(r, change.announced, None, change) for r in self.rounds for change in r.schedule
                    if change.status in ("postponed", "cancelled") and change.announced is not None]
        entries += [TimelineEntry(e, e.when, e.end) for e in self.of("events") if isinstance(e, Event)]

        def key(entry: TimelineEntry) -> tuple[object, ...]:
            number = entry.record.number if isinstance(entry.record, Round) else 0
            return (date_key(entry.when), entry.when is None and isinstance(entry.record, Event), number,
                    entry.change is None, entry.record.id)

        return sorted(entries, key=key)

    def status(self) -> Status:
        held = [r for r in self.rounds if r.status == "held"]
        upcoming = [r for r in self.rounds if r.status not in {"held", "cancelled"}]
        gaps = []
        for a, b in pairwise(held):
            days = _days_between(a.start, b.start)
            if days is not None:
                gaps.append((a, b, days))
        delays = []
        for rnd in held:
            planned = next((s.start for s in rnd.schedule if s.start is not None), None)
            days = _days_between(planned, rnd.start)
            if planned is not None and days:
                delays.append(Delay(rnd, planned, days))
        last = held[-1] if held else None
        return Status(
            rounds_held=len(held),
            last_round=last,
            next_round=upcoming[0] if upcoming else None,
            gaps=tuple(gaps),
            days_since_last=_days_between(last.start, self.briefing.as_of) if last else None,
            as_of=self.briefing.as_of,
            postponements=sum(s.status == "postponed" for r in self.rounds for s in r.schedule),
            cancellations=sum(r.status == "cancelled" for r in self.rounds),
            delays=tuple(delays),
        )


def build_corpus(briefing: Briefing, records: list[Record]) -> Corpus:
    grouped: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        grouped[record.collection].append(record)
    return Corpus(briefing, dict(grouped))
