"""What changed between two builds of a preview, record by record."""

from __future__ import annotations

from briefing.corpus import Corpus
from briefing.model import iter_references

from .reads import Changes


def changes_between(old: Corpus, new: Corpus) -> Changes | None:
    """The records changed, added or removed, the records they refer to (whose lists of referrers changed) and
    their collections; None when every page must be rendered again (the briefing as a whole, or a glossary
    term, whose tooltip may appear on any page, changed)."""
    if old.briefing != new.briefing:
        return None
    records = {i for i in set(old.by_id) | set(new.by_id) if dict.get(old.by_id, i) != dict.get(new.by_id, i)}
    referrers: set[str] = set()
    collections: set[str] = set()
    for record_id in records:
        for corpus in (old, new):
            record = dict.get(corpus.by_id, record_id)
            if record is not None:
                if record.collection == "glossary":
                    return None
                referrers.update(target for _path, target, _allowed in iter_references(record))
                collections.add(record.collection)
    return Changes(frozenset(records), frozenset(referrers), frozenset(collections))
