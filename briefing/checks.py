"""Cross-reference and consistency rules over the whole briefing.

One function per diagnostic code; each returns every finding it has, so an editor sees all problems in one
run. They run only on records that passed the schema step.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from typing import Any

from .diagnostics import Diagnostic, Location, error, warning
from .loader import Document, NodePath
from .model import (
    BRIEFING_FILE,
    COLLECTIONS,
    Event,
    FieldPath,
    Figure,
    FuzzyDate,
    Organization,
    Outlet,
    Part,
    Position,
    Quote,
    Round,
    Source,
    field_name,
    iter_leaves,
    iter_parts,
    iter_references,
    yaml_fields,
)
from .validation import Entry, Parsed


@dataclass(frozen=True)
class CheckContext:
    parsed: Parsed
    by_id: dict[str, Entry]
    today: date
    briefing_file: str = "data/briefing.yml"

    @functools.cached_property
    def references(self) -> list[tuple[Callable[..., Location], FieldPath, str, tuple[str, ...]]]:
        """Every reference (where to locate it, its path, its target, the collections it may name), in the order
        of :func:`_referencing`: two checks need them all, and collecting them is a walk over every record."""
        return [(locate, path, target, allowed) for holder, locate in _referencing(self)
                for path, target, allowed in iter_references(holder)]


Check = Callable[[CheckContext], Iterator[Diagnostic]]


def index_by_id(entries: list[Entry]) -> dict[str, Entry]:
    """First definition of each id wins; duplicates are reported by :func:`duplicate_ids`."""
    found: dict[str, Entry] = {}
    for entry in entries:
        found.setdefault(entry.record.id, entry)
    return found


def missing_briefing(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR210: the briefing needs its ``briefing.yml``."""
    if ctx.parsed.briefing_document is None and BRIEFING_FILE not in ctx.parsed.not_read:
        yield error("BR210", "briefing.yml is missing", Location(ctx.briefing_file),
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


def _referencing(ctx: CheckContext) -> Iterator[tuple[Part, Callable[..., Location]]]:
    """Everything that can hold references, with a function that locates one of its fields."""
    for entry in ctx.parsed.entries:
        yield entry.record, entry.locate
    briefing, document = ctx.parsed.briefing, ctx.parsed.briefing_document
    if briefing is not None and document is not None:
        yield briefing, lambda *path: document.locate(tuple(path))


def unknown_references(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR201 (no such id) and BR202 (an id of the wrong kind of record)."""
    for locate, path, target, allowed in ctx.references:
        found = ctx.by_id.get(target)
        if found is None:
            if target in ctx.parsed.invalid_ids or ctx.parsed.not_read.intersection(allowed):
                continue  # defined in a record or file that is already reported
            wanted, files = _wanted(allowed)
            candidates = [i for i, e in ctx.by_id.items() if e.record.collection in allowed]
            close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
            yield error(
                "BR201", f"unknown {wanted} '{target}'", locate(*path),
                hint=f"'{field_name(path)}' takes the id of {_a(wanted)} defined in {files}",
                suggestion=close[0] if close else "")
        elif found.record.collection not in allowed:
            wanted, files = _wanted(allowed)
            yield error(
                "BR202", f"'{target}' is {_a(found.record.singular)}, but '{field_name(path)}' takes "
                f"{_a(wanted)}", locate(*path), hint=f"use the id of {_a(wanted)} from {files}")


@functools.cache
def _wanted(allowed: tuple[str, ...]) -> tuple[str, str]:
    """What a reference may name, in words and by file: 'person or organization', 'data/people.yml or …'."""
    return (_either(COLLECTIONS[name].singular for name in allowed),
            _either(f"data/{name}.yml" for name in allowed))


def _has_attribute(kind: type[Part], name: str) -> bool:
    """Whether parts of this kind have a field or property ``name``. A check that asks every record for a field
    only some kinds have asks this instead of ``getattr`` with a default: a pydantic model answers a missing
    attribute slowly (by raising inside its ``__getattr__``), and a briefing has thousands of records."""
    found = _ATTRIBUTES.get((kind, name))
    if found is None:
        found = _ATTRIBUTES[(kind, name)] = name in kind.model_fields or hasattr(kind, name)
    return found


_ATTRIBUTES: dict[tuple[type[Part], str], bool] = {}


def _either(words: Iterable[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    items = list(words)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


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
                        _locate_accepted(entry, "start"),
                        hint="use status 'scheduled' until the round has taken place")
        if rnd.start and rnd.end and rnd.end.latest < rnd.start.earliest:
            yield error("BR205", f"round {rnd.number} ends ({rnd.end}) before it starts ({rnd.start})",
                        _locate_accepted(entry, "end"), hint="swap 'start' and 'end', or correct the date")
    for earlier, later in pairwise(rounds):
        if _round(earlier).number == _round(later).number:
            yield error("BR206", f"round number {_round(later).number} is used twice (also at "
                        f"{earlier.locate('number')})", later.locate("number"), hint="each round has its own number")
    dated = [e for e in rounds if _round(e).start is not None]
    for earlier, later in pairwise(dated):
        a, b = _round(earlier), _round(later)
        if a.number != b.number and a.start and b.start and b.start.latest < a.start.earliest:
            yield error("BR206", f"round {b.number} starts ({b.start}) before round {a.number} ({a.start})",
                        _locate_accepted(later, "start"),
                        hint="round numbers follow the order in which rounds are held: check the number and the date")


def _locate_accepted(entry: Entry, name: str) -> Any:
    """Where the value a contested field goes by is written: the plain value, or the accepted account's."""
    accounts = entry.record.accounts(name)
    if not accounts:
        return entry.locate(name)
    marked = [i for i, account in enumerate(accounts) if account.accepted]
    return entry.locate(name, marked[0] if marked else 0, "value")


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


def _before(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    """Whether ``a`` is certainly earlier than ``b`` at the precision both are known to (an approximate date
    is never certainly before or after another: "about 13 June" may be the 14th)."""
    return (a is not None and b is not None and not a.approximate and not b.approximate
            and a.latest < b.earliest)


def supersedes_forward(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR235: a position supersedes one stated after it."""
    positions = {e.record.id: e for e in _entries_of(ctx, Position)}
    for entry in positions.values():
        pos = _position(entry)
        older = positions.get(pos.supersedes or "")
        if older is not None and _before(pos.date, _position(older).date):
            old = _position(older)
            yield error("BR235", f"position '{pos.id}' ({pos.date}) supersedes '{old.id}', which is later "
                        f"({old.date})", entry.locate("supersedes"),
                        hint="'supersedes' points back in time: put it on the newer position, naming the older one")


def divergences(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR234: a recorded divergence links a party's table and public stances on one issue."""
    for entry in _entries_of(ctx, Position):
        pos = _position(entry)
        if pos.diverges is None:
            continue
        other_entry = ctx.by_id.get(pos.diverges.position)
        if other_entry is None or not isinstance(other_entry.record, Position):
            continue  # reported by unknown_references
        other = other_entry.record
        where = entry.locate("diverges", "position")
        if other.id == pos.id:
            yield error("BR234", f"position '{pos.id}' diverges from itself", where,
                        hint="name the same party's stance at the other venue")
        elif (other.party, other.issue) != (pos.party, pos.issue):
            yield error("BR234", f"position '{pos.id}' ({pos.party} on {pos.issue}) diverges from '{other.id}' "
                        f"({other.party} on {other.issue})", where,
                        hint="a divergence links one party's stances on one issue, one public and one at the table")
        elif {pos.venue, other.venue} != {"table", "public"}:
            venues = (f"both are '{pos.venue}'" if pos.venue == other.venue
                      else f"'{pos.id}' is '{pos.venue}' and '{other.id}' is '{other.venue}'")
            yield error("BR234", f"a divergence needs one stance at the table and one in public; {venues}", where,
                        hint="set 'venue: table' and 'venue: public' on the two positions, as the sources say")


def accepted_accounts(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR230: at most one account of a field is marked accepted."""
    for entry in ctx.parsed.entries:
        for name in entry.record.contested_fields:
            marked = [i for i, account in enumerate(entry.record.accounts(name)) if account.accepted]
            for index in marked[1:]:
                yield error("BR230", f"'{name}' has more than one account marked accepted (also "
                            f"{entry.locate(name, marked[0], 'accepted')})", entry.locate(name, index, "accepted"),
                            hint="mark only the account the briefing goes by; without a mark, the first is accepted")


_NEEDS_REPORT_BY = {"denied": "denies", "overtaken": "overtakes"}


def report_links(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR231: a denied or overtaken report names what denies or overtakes it; `report_by` needs a status."""
    for entry in ctx.parsed.entries:
        for path, part in iter_parts(entry.record):
            if not _has_attribute(type(part), "report") and not _has_attribute(type(part), "report_by"):
                continue  # (nothing to report: both would read as absent)
            status = getattr(part, "report", None)
            by: list[str] = getattr(part, "report_by", [])
            if status in _NEEDS_REPORT_BY and not by:
                yield error("BR231", f"the report is marked '{status}' but does not say what "
                            f"{_NEEDS_REPORT_BY[status]} it", entry.locate(*path, "report"),
                            hint="add 'report_by: [ID]' with the quote, position, event or source that "
                            f"{_NEEDS_REPORT_BY[status]} it")
            elif by and status not in ("confirmed", "denied", "overtaken"):
                shown = f"'{status}'" if status else "not given"
                yield error("BR231", f"'report_by' is given but the report's status is {shown}",
                            entry.locate(*path, "report_by"),
                            hint="add 'report: confirmed', 'report: denied' or 'report: overtaken'")
            for index, target in enumerate(by):
                if target == entry.record.id:
                    yield error("BR231", f"'{target}' cannot confirm, deny or overtake itself",
                                entry.locate(*path, "report_by", index),
                                hint="name the other record (or the source) that does")


def schedules(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR232: a round's schedule runs oldest first and ends before the round was held."""
    for entry in _entries_of(ctx, Round):
        rnd = _round(entry)
        previous: FuzzyDate | None = None
        for index, item in enumerate(rnd.schedule):
            where = entry.locate("schedule", index, "announced")
            if rnd.status == "held" and _before(rnd.start, item.announced):
                yield error("BR232", f"round {rnd.number} was held on {rnd.start}, but this schedule entry was "
                            f"announced later ({item.announced})", where,
                            hint="the schedule holds what was announced before the round; report what came after "
                            "in the summary, or correct the date")
            elif _before(item.announced, previous):
                yield error("BR232", f"schedule entries go oldest first, but this one ({item.announced}) comes "
                            f"after one announced {previous}", where, hint="move it above the later entry")
            if item.announced is not None and (previous is None or previous.latest < item.announced.latest):
                previous = item.announced


def _figures(ctx: CheckContext) -> Iterator[tuple[Entry, list[Figure]]]:
    for entry in ctx.parsed.entries:
        if isinstance(entry.record, Round | Event) and entry.record.figures:
            yield entry, entry.record.figures


def figure_revisions(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR233: `revises` names an earlier figure with the same label in the same record; figure ids are unique."""
    for entry, figures in _figures(ctx):
        by_id: dict[str, int] = {}
        for index, figure in enumerate(figures):
            if figure.id is None:
                continue
            if figure.id in by_id:
                yield error("BR233", f"figure id '{figure.id}' is used twice in '{entry.record.id}' (also at "
                            f"{entry.locate('figures', by_id[figure.id], 'id')})", entry.locate("figures", index, "id"),
                            hint="give each figure of a record its own id")
            by_id.setdefault(figure.id, index)
        reported: set[str] = set()
        for first_id in by_id:
            seen: list[str] = []
            current: str | None = first_id
            while current in by_id and current not in seen:
                seen.append(current)
                current = figures[by_id[current]].revises
            loop = seen[seen.index(current):] if current in seen else []
            if len(loop) > 1 and current not in reported:  # a figure revising itself is reported below
                reported.update(loop)
                yield error("BR233", "'revises' forms a loop: " + " -> ".join([*loop, loop[0]]),
                            entry.locate("figures", by_id[min(loop)], "revises"),
                            hint="the earliest figure of a series revises nothing")
        for index, figure in enumerate(figures):
            if figure.revises is None:
                continue
            where = entry.locate("figures", index, "revises")
            older_index = by_id.get(figure.revises)
            if older_index is None:
                close = difflib.get_close_matches(figure.revises, list(by_id), n=1)
                yield error("BR233", f"no figure with id '{figure.revises}' in '{entry.record.id}'", where,
                            hint="'revises' takes the id of an earlier figure in the same record's 'figures'",
                            suggestion=close[0] if close else "")
                continue
            older = figures[older_index]
            if older_index == index:
                yield error("BR233", f"figure '{figure.revises}' revises itself", where,
                            hint="name the earlier figure it updates")
            elif older.label != figure.label:
                yield error("BR233", f"a figure for '{figure.label}' revises '{older.id}', a figure for "
                            f"'{older.label}'", where, hint="a revision updates a figure of the same label: use the "
                            "same label, or remove 'revises'")
            elif _before(figure.as_of, older.as_of):
                yield error("BR233", f"the figure as of {figure.as_of} revises '{older.id}', given later "
                            f"({older.as_of})", where, hint="'revises' points back in time: put it on the newer "
                            "figure")


def _quote(entry: Entry) -> Quote:
    assert isinstance(entry.record, Quote)
    return entry.record


def variants(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR236: a variant is another wording of a quote by the same speaker, and not itself a variant."""
    quotes = {e.record.id: e for e in _entries_of(ctx, Quote)}
    for entry in quotes.values():
        quote = _quote(entry)
        main_entry = quotes.get(quote.variant_of or "")
        if main_entry is None:
            continue  # none, or reported by unknown_references
        main = _quote(main_entry)
        where = entry.locate("variant_of")
        if main.id == quote.id:
            yield error("BR236", f"quote '{quote.id}' is a variant of itself", where,
                        hint="name the quote whose words these are another wording of")
        elif main.speaker != quote.speaker:
            yield error("BR236", f"quote '{quote.id}' ({quote.speaker}) is a variant of '{main.id}', spoken by "
                        f"{main.speaker}", where, hint="variants are one speaker's words as different outlets "
                        "give them; for a reply or another speaker, write a separate quote")
        elif main.variant_of is not None:
            yield error("BR236", f"'{main.id}' is itself a variant of '{main.variant_of}'", where,
                        hint=f"name the first wording instead: variant_of: {main.variant_of}",
                        suggestion=main.variant_of)


def translations(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR237: a translation is in another language than the words as spoken."""
    default = ctx.parsed.briefing.language if ctx.parsed.briefing else None
    for entry in _entries_of(ctx, Quote):
        quote = _quote(entry)
        # Without a readable briefing.yml the language of a text without its own is not known.
        shown = quote.text_language(default) if default is not None else quote.language
        if quote.original and quote.original_language and quote.original.lang != quote.original_language:
            yield error("BR237", f"'original_language' is {quote.original_language} but 'original' is in "
                        f"{quote.original.lang}", entry.locate("original_language"),
                        hint="keep one: with 'original', its 'lang' says the language")
        elif (quote.original or quote.translated_by) and shown is not None and quote.spoken_language == shown:
            origin = "original" if quote.original else "original_language"
            where = "language" if quote.language else origin
            yield error("BR237", f"the quote is marked as a translation, but its text and the original are both "
                        f"in '{shown}'", entry.locate(where),
                        hint="set 'language' to the language of the text shown (the briefing's own is "
                        f"'{default}'), or remove 'translated_by'/'{origin}' if these are the words as spoken")


def untitled_sources(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR238: a source has its headline, or says it has none."""
    for entry in _entries_of(ctx, Source):
        source = entry.record
        assert isinstance(source, Source)
        if source.title is None and not source.untitled:
            yield error("BR238", f"source '{source.id}' has no title", entry.locate("id"),
                        hint="copy the headline as published into 'title:'; if the copy has none, write "
                        "'untitled: true' (never invent one)")
        elif source.title is not None and source.untitled:
            yield error("BR238", f"source '{source.id}' has a title but is marked untitled", entry.locate("untitled"),
                        hint="remove 'untitled: true', or the title if the copy shows none")


def countries(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR239: a country is a country, not a party id (the form older briefings used)."""
    for entry in ctx.parsed.entries:
        record = entry.record
        country = record.country if isinstance(record, Outlet | Organization) else None
        party = ctx.by_id.get(country or "")
        if party is not None and party.record.collection == "parties":
            yield error("BR239", f"'country' is the party id '{country}'; it now takes a country",
                        entry.locate("country"), hint="run `briefing upgrade` to write the party's name instead, "
                        f"or write an ISO 3166 code or name, e.g. country: {party.record.label}")


# A value `briefing new` wrote for the editor to replace: "TODO: name", "TODO: para N", …
_PLACEHOLDER = re.compile(r"\s*TODO(?![A-Za-z])")


def placeholders(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR240: a TODO value left in (the skeletons of `briefing new` are full of them); never published."""
    found: list[tuple[Document, NodePath, str]] = []
    if ctx.parsed.briefing is not None and ctx.parsed.briefing_document is not None:
        found += [(ctx.parsed.briefing_document, path, v) for path, v in ctx.parsed.briefing_document.todos.items()]
    records = {(id(e.document), e.path) for e in ctx.parsed.entries}  # records that passed the schema
    for document in {id(e.document): e.document for e in ctx.parsed.entries if e.document.todos}.values():
        found += [(document, path, v) for path, v in document.todos.items() if (id(document), path[:1]) in records]
    for document, path, value in found:
        if _PLACEHOLDER.match(value):
            field_path = path if document is ctx.parsed.briefing_document else path[1:]
            name = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in field_path).lstrip(".")
            yield error("BR240", f"'{name}' is still a placeholder: '{value}'", document.locate(path),
                        hint="write the value as the sources give it (or, for an optional field, remove it); "
                        "the site is not built while a TODO is left")


_CUTOFF_HINT = "correct the date, or move 'as_of' in briefing.yml forward if the briefing now covers it"


def _dated_facts(entry: Entry, today: date) -> Iterator[tuple[str, FuzzyDate | None, Location, str]]:
    """The dates of a record that say when something happened, was said, published, announced or counted, and so
    cannot lie after the information cutoff: each with its field's name, where it is written and a hint.

    Left out: a round's dates unless it was held (a scheduled or planned round lies ahead), the start and end that
    a schedule entry announced, an event's end (a truce may be declared until a later day) and a source's
    `accessed` (when the editors read it, not when it was published)."""
    record = entry.record
    if isinstance(record, Quote | Position):
        yield "date", record.date, entry.locate("date"), _CUTOFF_HINT
    elif isinstance(record, Source):
        yield "published", record.published, _locate_accepted(entry, "published"), _CUTOFF_HINT
    elif isinstance(record, Event):
        yield "date", record.date, _locate_accepted(entry, "date"), _CUTOFF_HINT
        yield "start", record.start, _locate_accepted(entry, "start"), _CUTOFF_HINT
    elif isinstance(record, Round):
        held = (f"round {record.number} is 'held', but the briefing's information ends before it: use status "
                "'scheduled' for a round still to come, or move 'as_of' in briefing.yml forward")
        if record.status == "held" and not (record.start and record.start.earliest > today):  # else BR204
            yield "start", record.start, _locate_accepted(entry, "start"), held
            yield "end", record.end, _locate_accepted(entry, "end"), held
        for index, item in enumerate(record.schedule):
            yield (f"schedule[{index}].announced", item.announced, entry.locate("schedule", index, "announced"),
                   _CUTOFF_HINT)
    if isinstance(record, Round | Event):
        for index, figure in enumerate(record.figures):
            yield f"figures[{index}].as_of", figure.as_of, entry.locate("figures", index, "as_of"), _CUTOFF_HINT


def dates_after_cutoff(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR241 (warning): a fact dated after the briefing's information cutoff (`as_of`), which says that nothing
    after it is covered."""
    briefing = ctx.parsed.briefing
    if briefing is None:
        return
    latest = ctx.today.year + 10
    for entry in ctx.parsed.entries:
        for name, value, where, hint in _dated_facts(entry, ctx.today):
            # A year BR211 reports as implausible is reported once, there.
            if value is not None and _before(briefing.as_of, value) and value.year <= latest:
                yield warning("BR241", f"'{name}' ({value}) is after the information cutoff (as_of "
                              f"{briefing.as_of})", where, hint=hint)


def folded_fields(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR242 (warning): a line inside a block of text (``context: >-``) that reads like one of its record's fields,
    a field the record does not otherwise give: a key indented into the text above it, which YAML silently reads
    as part of that text. (A required field lost so is reported as BR100, at the same line.)"""
    by_record: dict[tuple[int, str | int], list[tuple[NodePath, str, Location]]] = {}
    for document in {id(e.document): e.document for e in ctx.parsed.entries}.values():
        for path, found in document.folded_keys.items():
            for key, where in found:
                if path and isinstance(path[-1], str):
                    by_record.setdefault((id(document), path[0]), []).append((path, key, where))
    for entry in ctx.parsed.entries:
        document = entry.document
        for path, key, where in by_record.get((id(document), entry.path[0]), []) if entry.path else ():
            owner = _part_at(entry.record, path[len(entry.path):-1])
            if owner is None or key not in yaml_fields(type(owner)) or (*path[:-1], key) in document.keys:
                continue
            block = path[-1]
            yield replace(warning(
                "BR242", f"'{key}:' is written inside the text of '{block}' above, so YAML reads it as part of that "
                "text", where, hint=f"line it up with '{block}:' to make it a field; if it belongs to the text, "
                f"rewrite the line so that it does not start with '{key}:'"),
                context_line=document.locate(path, key=True).line)


def _part_at(part: Part, path: NodePath) -> Part | None:
    """The part nested at ``path`` (YAML keys and list indexes) in ``part``, if it is one."""
    current: Any = part
    for step in path:
        if isinstance(step, int):
            current = current[step] if isinstance(current, list) and step < len(current) else None
        elif isinstance(current, Part) and step in yaml_fields(type(current)):
            current = getattr(current, yaml_fields(type(current))[step])
        else:
            return None
    return current if isinstance(current, Part) else None


# `index` would be written over the collection's own index page; the others are device names that
# cannot be files on Windows, where editors may check the briefing out.
RESERVED_IDS = frozenset({"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                          *(f"lpt{i}" for i in range(10))})


def reserved_ids(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR209: ids that cannot be page names."""
    for entry in ctx.parsed.entries:
        if entry.record.id in RESERVED_IDS:
            yield error("BR209", f"'{entry.record.id}' cannot be used as an id", entry.locate("id"),
                        hint="it is reserved for the section page or by Windows; add a word, e.g. "
                        f"'{entry.record.id}-{entry.record.singular}'")


EARLIEST_PLAUSIBLE_YEAR = 1900


def implausible_years(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR211 (warning): a year that looks like another calendar's, or far in the future."""
    latest = ctx.today.year + 10
    for entry in ctx.parsed.entries:
        for path, value in iter_leaves(entry.record, kind=FuzzyDate):
            if not EARLIEST_PLAUSIBLE_YEAR <= value.year <= latest:
                yield warning(
                    "BR211", f"'{field_name(path)}' is in the year {value.year}", entry.locate(*path),
                    hint="dates are Gregorian: a Solar Hijri year such as 1404 is 2025/26, a Hijri year such as "
                    "1447 is 2025/26; convert it, or keep the original in a note")


# Letters that look the same but differ in code point: Arabic and Persian yeh and kaf, and heh forms.
_LOOKALIKES = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u06c1": "\u0647",
                             "\u0629": "\u0647"})


# Invisible: bidi controls (reported as BR011) and marks do not make two names look different.
_INVISIBLE = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C])


def _visual_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name.translate(_INVISIBLE)).translate(_LOOKALIKES).casefold().strip()


def lookalike_names(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR213 (warning): two different records whose names differ only in look-alike characters."""
    seen: dict[str, tuple[str, Entry]] = {}
    for entry in ctx.parsed.entries:
        record: Any = entry.record
        kind = type(entry.record)
        names = [record.name if _has_attribute(kind, "name") else None,
                 *(record.aliases if _has_attribute(kind, "aliases") else [])]
        for name in filter(None, names):
            key = _visual_key(name)
            other = seen.setdefault(key, (name, entry))
            if other[1].record.id != entry.record.id and other[0] != name:
                yield warning(
                    "BR213", f"'{name}' looks identical to '{other[0]}' ({other[1].record.id}) but is written "
                    "with different characters", entry.locate("name"),
                    hint="use the same spelling (e.g. Persian yeh U+06CC, not Arabic yeh U+064A) or make the "
                    "names visibly different")


# Facts stand on their own; these collections exist to be referred to, so an unused one is likely a typo.
_MUST_BE_REFERENCED = ("parties", "people", "organizations", "outlets", "sources", "issues", "glossary")


def unreferenced_records(ctx: CheckContext) -> Iterator[Diagnostic]:
    """BR220 (warning): a party, person, organization, outlet, source, issue or term that nothing refers to.

    What a record that failed the schema, or a file that could not be read, refers to counts as referred to:
    the reason to report is that record's or file's own error, not its records' targets. While a file cannot be
    read even as text, nothing is reported."""
    if ctx.parsed.unseen or ctx.parsed.unreadable - ctx.parsed.broken - {BRIEFING_FILE}:
        return
    referenced = {target for _locate, _path, target, _allowed in ctx.references}
    referenced |= ctx.parsed.mentioned
    for entry in ctx.parsed.entries:
        record = entry.record
        if record.collection in _MUST_BE_REFERENCED and record.id not in referenced:
            yield warning("BR220", f"{record.singular} '{record.id}' is not referred to by any record",
                          entry.locate("id"), hint="refer to it (e.g. from a quote or position) or remove it; "
                          "`--strict` builds fail on this")


CHECKS: tuple[Check, ...] = (missing_briefing, duplicate_ids, reserved_ids, unknown_references, round_chronology,
                             supersedes_chains, supersedes_forward, divergences, accepted_accounts, report_links,
                             schedules, figure_revisions, variants, translations, untitled_sources, countries,
                             placeholders, dates_after_cutoff, folded_fields, implausible_years, lookalike_names,
                             unreferenced_records)


def run_checks(parsed: Parsed, today: date, briefing_file: str = "data/briefing.yml") -> list[Diagnostic]:
    ctx = CheckContext(parsed, index_by_id(parsed.entries), today, briefing_file)
    return [diag for check in CHECKS for diag in check(ctx)]
