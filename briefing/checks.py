"""Cross-reference and consistency rules over the whole briefing.

One function per diagnostic code; each returns every finding it has, so an editor sees all problems in one
run. They run only on records that passed the schema step.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from .diagnostics import Diagnostic, Location, error
from .model import COLLECTIONS, Position, Round, iter_references
from .parse import Entry, Parsed


@dataclass(frozen=True)
class CheckContext:
    parsed: Parsed
    by_id: dict[str, Entry]
    today: date


Check = Callable[[CheckContext], Iterator[Diagnostic]]


def index_by_id(entries: list[Entry]) -> dict[str, Entry]:
    """First definition of each id wins; duplicates are reported by :func:`duplicate_ids`."""
    found: dict[str, Entry] = {}
    for entry in entries:
        found.setdefault(entry.record.id, entry)
    return found


def missing_briefing(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR210: the briefing needs its ``briefing.yml``."""
    if ctx.parsed.briefing is None and ctx.parsed.briefing_document is None:
        yield error("BR210", "briefing.yml is missing", Location("briefing.yml"),
                    hint="create data/briefing.yml with title, subject and as_of (the information cutoff)")


def duplicate_ids(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR200: an id names one record in the whole briefing, whatever its collection."""
    for entry in ctx.parsed.entries:
        first = ctx.by_id[entry.record.id]
        if first is not entry:
            yield error(
                "BR200", f"id '{entry.record.id}' is already used by a {first.record.singular} "
                f"at {first.locate('id')}", entry.locate("id"),
                hint="ids are unique across all collections; choose another, e.g. "
                f"'{entry.record.id}-{entry.record.singular}'")


def unknown_references(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR201 (no such id) and BR202 (an id of the wrong kind of record)."""
    for entry in ctx.parsed.entries:
        for path, target, allowed in iter_references(entry.record):
            wanted = " or ".join(COLLECTIONS[name].singular for name in allowed)
            found = ctx.by_id.get(target)
            if found is None:
                candidates = [i for i, e in ctx.by_id.items() if e.record.collection in allowed]
                close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
                yield error(
                    "BR201", f"unknown {wanted} '{target}'", entry.locate(*path),
                    hint=f"'{_field_name(path)}' takes the id of a {wanted} defined in data/"
                    f"{allowed[0]}.yml", suggestion=close[0] if close else "")
            elif found.record.collection not in allowed:
                yield error(
                    "BR202", f"'{target}' is a {found.record.singular}, but '{_field_name(path)}' takes a {wanted}",
                    entry.locate(*path), hint=f"use the id of a {wanted} from data/{allowed[0]}.yml")


def _field_name(path: tuple[str | int, ...]) -> str:
    return ".".join(p for p in path if isinstance(p, str))


def _entries_of(ctx: CheckContext, kind: type) -> Iterator[Entry]:
    return (e for e in ctx.parsed.entries if isinstance(e.record, kind))


def round_chronology(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR203-BR206: held rounds have a past start; ends follow starts; numbers and dates agree."""
    rounds = sorted(_entries_of(ctx, Round), key=lambda e: _round(e).number)
    for entry in rounds:
        rnd = _round(entry)
        if rnd.status == "held" and rnd.start is None:
            yield error("BR203", f"round {rnd.number} is 'held' but has no start date", entry.locate("status"),
                        hint="add 'start:' with the date the sources give, or use status 'planned'/'unscheduled'")
        if rnd.status == "held" and rnd.start is not None and rnd.start.earliest > ctx.today:
            yield error("BR204", f"round {rnd.number} is 'held' but starts in the future ({rnd.start})",
                        entry.locate("start"), hint="use status 'scheduled' until the round has taken place")
        if rnd.start and rnd.end and rnd.end.latest < rnd.start.earliest:
            yield error("BR205", f"round {rnd.number} ends ({rnd.end}) before it starts ({rnd.start})",
                        entry.locate("end"), hint="swap 'start' and 'end', or correct the date")
    for earlier, later in pairwise(rounds):
        a, b = _round(earlier), _round(later)
        if a.number == b.number:
            yield error("BR206", f"round number {b.number} is used twice (also at {earlier.locate('number')})",
                        later.locate("number"), hint="each round has its own number")
        elif a.start and b.start and b.start.latest < a.start.earliest:
            yield error("BR206", f"round {b.number} starts ({b.start}) before round {a.number} ({a.start})",
                        later.locate("start"), hint="round numbers follow the order in which rounds are held: "
                        "check the number and the date")


def _round(entry: Entry) -> Round:
    assert isinstance(entry.record, Round)
    return entry.record


def _position(entry: Entry) -> Position:
    assert isinstance(entry.record, Position)
    return entry.record


def supersedes_chains(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR207 (a position replaces another party's or issue's stance) and BR208 (a loop)."""
    positions = {e.record.id: e for e in _entries_of(ctx, Position)}
    for entry in positions.values():
        pos = _position(entry)
        older = positions.get(pos.supersedes or "")
        if older is None:
            continue
        old = _position(older)
        if (old.party, old.issue) != (pos.party, pos.issue):
            yield error(
                "BR207", f"position '{pos.id}' ({pos.party} on {pos.issue}) supersedes '{old.id}' "
                f"({old.party} on {old.issue})", entry.locate("supersedes"),
                hint="'supersedes' links stances of the same party on the same issue")
    reported: set[str] = set()
    for start in positions:
        seen: list[str] = []
        current: str | None = start
        while current in positions and current not in seen:
            seen.append(current)
            current = _position(positions[current]).supersedes
        if current in seen and current not in reported:
            loop = seen[seen.index(current):]
            reported.update(loop)
            first = min(loop)
            yield error("BR208", "'supersedes' forms a loop: " + " -> ".join([*loop, current]),
                        positions[first].locate("supersedes"),
                        hint="the oldest position in a chain must not supersede anything")


CHECKS: tuple[Check, ...] = (missing_briefing, duplicate_ids, unknown_references, round_chronology,
                             supersedes_chains)


def run_checks(parsed: Parsed, today: date) -> list[Diagnostic]:
    ctx = CheckContext(parsed, index_by_id(parsed.entries), today)
    return [diag for check in CHECKS for diag in check(ctx)]
