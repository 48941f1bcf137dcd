"""``briefing.json``: the whole validated briefing for machines.

Every record of every collection as its pydantic ``model_dump(mode="json", by_alias=True)``, keyed as editors
write it (references stay ids, dates stay the text the editors wrote, absent values are ``null``, a contested
field keeps every account), plus ``accepted``: for each record with accounts, the value the site goes by for
each such field; and the views the site derives from them: the position matrix, the timeline and the status.
``schema_version`` changes whenever a consumer would have to change how it reads the file.
"""

from __future__ import annotations

from typing import Any

from briefing.corpus import Corpus
from briefing.model import COLLECTIONS, FuzzyDate, Record
from briefing.urls import Urls

from . import json_text

# 2: contested fields may hold lists of accounts; figures, schedule, divergence and report status added.
# 3: an `organizations` collection (ministries, offices, NGOs…); a quote's `speaker` and a position's `stated_by`
#    may be an organization's id; quotes gain `relayed_by`, `posted_by`, `variant_of`, `language`,
#    `original_language` and `translated_by`, positions `relayed_by`, events `people` and `organizations`,
#    sources `untitled` and `agency` (`title` and `published` may be null); an outlet's `country` is text (a
#    code or a name), no longer a party id.
SCHEMA_VERSION = 3


def _date(value: FuzzyDate | None) -> str | None:
    return value.text if value is not None else None


def _plain(value: object) -> str | None:
    return None if value is None else str(value)


def _id(record: Record | None) -> str | None:
    return record.id if record is not None else None


def briefing_data(corpus: Corpus, urls: Urls) -> dict[str, Any]:
    """The content of ``briefing.json`` as plain JSON values."""
    issues, parties, cells = corpus.matrix()
    status = corpus.status()
    return {
        "schema_version": SCHEMA_VERSION,
        "briefing": corpus.briefing.model_dump(mode="json"),
        "collections": {
            name: [record.model_dump(mode="json", by_alias=True) for record in corpus.of(name)]
            for name in sorted(COLLECTIONS)
        },
        "accepted": {
            record.id: {name: _plain(getattr(record, name)) for name in record.contested_fields
                        if record.accounts(name)}
            for name in sorted(COLLECTIONS) for record in corpus.of(name)
            if any(record.accounts(field) for field in record.contested_fields)
        },
        # Site-relative page of every record (the id is the last segment).
        "pages": {record.id: urls.record_url(record)
                  for name in sorted(COLLECTIONS) for record in corpus.of(name)},
        "matrix": {
            "issues": [issue.id for issue in issues],
            "parties": [party.id for party in parties],
            "cells": [
                {"issue": issue.id, "party": party.id,
                 "positions": [p.id for p in cells[(issue.id, party.id)].positions],
                 "red_line": cells[(issue.id, party.id)].red_line,
                 "divergent": cells[(issue.id, party.id)].divergent}
                for issue in issues for party in parties if (issue.id, party.id) in cells
            ],
        },
        "timeline": [
            {"id": entry.record.id, "collection": entry.record.collection, "when": _date(entry.when),
             "until": _date(entry.until)}
            for entry in corpus.timeline()
        ],
        "status": {
            "state": corpus.briefing.status,
            "as_of": status.as_of.text,
            "rounds_held": status.rounds_held,
            "last_round": _id(status.last_round),
            "next_round": _id(status.next_round),
            "days_between_rounds": [{"from": a.id, "to": b.id, "days": days} for a, b, days in status.gaps],
            "days_since_last_round": status.days_since_last,
        },
    }


def briefing_json(corpus: Corpus, urls: Urls) -> str:
    return json_text(briefing_data(corpus, urls), levels=3)  # one record per line
