"""What a page read, what changed, and the one rule that says whether a page or piece can be taken over."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reads:
    """What a page, or a piece of one, showed."""

    records: frozenset[str] = frozenset()  # ids of the records it read
    referrers: frozenset[str] = frozenset()  # ids whose lists of referrers it showed
    collections: frozenset[str] = frozenset()  # collections it listed whole

    def __or__(self, other: Reads) -> Reads:
        return Reads(self.records | other.records, self.referrers | other.referrers,
                     self.collections | other.collections)


@dataclass(frozen=True)
class Changes:
    """What changed since the previous build, in the same terms as :class:`Reads`."""

    records: frozenset[str] = frozenset()  # records changed, added or removed
    referrers: frozenset[str] = frozenset()  # records referred to by any of those (their referrers changed)
    collections: frozenset[str] = frozenset()  # collections holding any of those


def reusable(reads: Reads | None, changes: Changes | None) -> bool:
    """Whether what was made from ``reads`` is still right after ``changes``. ``None`` reads: the page shows
    something untracked (never reused); ``None`` changes: everything changed (nothing is reused)."""
    return (reads is not None and changes is not None and reads.records.isdisjoint(changes.records)
            and reads.referrers.isdisjoint(changes.referrers) and reads.collections.isdisjoint(changes.collections))


@dataclass
class _Open:
    records: set[str] = field(default_factory=set)
    referrers: set[str] = field(default_factory=set)
    collections: set[str] = field(default_factory=set)

    def reads(self) -> Reads:
        return Reads(frozenset(self.records), frozenset(self.referrers), frozenset(self.collections))


class ReadLog:
    """Notes what the corpus is asked for while something renders. Tracking nests: what a piece reads counts
    for the page it is on too. With nothing tracked, noting costs one check."""

    def __init__(self) -> None:
        self._open: list[_Open] = []

    @contextmanager
    def track(self) -> Iterator[_Open]:
        """Collect what is read inside the block; ``.reads()`` of the value gives it."""
        opened = _Open()
        self._open.append(opened)
        try:
            yield opened
        finally:
            self._open.pop()
            if self._open:
                outer = self._open[-1]
                outer.records |= opened.records
                outer.referrers |= opened.referrers
                outer.collections |= opened.collections

    def record(self, record_id: str) -> None:
        if self._open:
            self._open[-1].records.add(record_id)

    def referrers_of(self, record_id: str, shown: Iterable[str]) -> None:
        if self._open:
            self._open[-1].referrers.add(record_id)
            self._open[-1].records.update(shown)

    def collection(self, name: str) -> None:
        if self._open:
            self._open[-1].collections.add(name)

    def add(self, reads: Reads) -> None:
        """Count as read what a piece taken over had read."""
        if self._open:
            self._open[-1].records |= reads.records
            self._open[-1].referrers |= reads.referrers
            self._open[-1].collections |= reads.collections
