"""``csv/<collection>.csv``: one flat table per collection, for spreadsheets.

One row per record, one column per field of the model, in the model's order, so a new field gets its column
without a change here. Lists are joined with ``"; "``, in their order (a quote's ``relayed_by`` reads
``global-wire; west-herald``, first relay first); references are ids (``variant_of``, ``agency``, ``part_of``);
what is absent is an empty cell, never "None" (a source without ``title`` or ``published``; a quote without
``language`` is in the briefing's language), flags are ``true``/``false``. Nested values are written the way
a reader would cite them: a citation as ``source (locator)``, framing as ``“text” (by)``, a figure as
``label: value (according_to, as of …)``, each account of a contested field as ``value (according_to,
accepted) [sources]``, a schedule entry as ``status start location (announced …, by)``, words in their
original language as ``[fr] text``. The files are lossy where a list item itself contains ``"; "``:
``briefing.json`` is the exact copy.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or carriage return
before one) as a formula: a quote that begins ``=HYPERLINK(…)`` would become a live link, or worse, in the
reader's spreadsheet. As OWASP advises against CSV injection, such a cell is written with a ``'`` in front
(``'=HYPERLINK(…)``), which spreadsheets show as text; the header row is field names and never needs it.
Only the CSV files do this: ``briefing.json`` holds the text exactly as written.

Each table is written twice: ``csv/<collection>.csv``, plain UTF-8 for programs, and
``csv-excel/<collection>.csv``, the same bytes after a UTF-8 byte order mark, which Excel needs to read the
file as UTF-8 rather than in the computer's legacy code page (Persian, typographic quotes and dashes would
otherwise come out garbled). Programs that do not expect the mark would read it into the first column's name.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from briefing.corpus import Corpus
from briefing.model import (
    COLLECTIONS,
    Account,
    Citation,
    Divergence,
    Figure,
    Framing,
    OriginalText,
    Part,
    ScheduleEntry,
    SourcedText,
    yaml_fields,
)

LIST_SEPARATOR = "; "
EXCEL_DIR = "csv-excel"
BOM = "\ufeff"
# Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_path(collection: str) -> str:
    """Where the Excel copy of a collection's table goes in the site."""
    return f"{EXCEL_DIR}/{collection}.csv"


def inert(text: str) -> str:
    """The text of a cell made safe to open in a spreadsheet: ``'`` before a leading formula character."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _citation(citation: Citation) -> str:
    details = ", ".join(x for x in (citation.locator, citation.note) if x)
    return f"{citation.source} ({details})" if details else citation.source


def _cites(citations: list[Citation]) -> str:
    return ", ".join(_citation(c) for c in citations)


def _details(*parts: object) -> str:
    return ", ".join(str(p) for p in parts if p)


def cell(value: Any) -> str:
    """A field's value as the text of one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    if isinstance(value, Citation):
        return _citation(value)
    if isinstance(value, SourcedText):
        return f"{value.text} [{_cites(value.sources)}]"
    if isinstance(value, Framing):
        note = f", {value.note}" if value.note else ""
        return f"“{value.text}” ({value.by}{note}) [{_cites(value.sources)}]"
    if isinstance(value, Figure):
        details = _details(value.according_to, value.as_of and f"as of {value.as_of}", value.id and f"id {value.id}",
                           value.revises and f"revises {value.revises}")
        return f"{value.label}: {value.value} ({details}) [{_cites(value.sources)}]"
    if isinstance(value, Account):
        details = _details(value.according_to, value.wording and f"“{value.wording}”", value.note,
                           value.accepted and "accepted", value.report, *value.report_by)
        return f"{value.value}{f' ({details})' if details else ''} [{_cites(value.sources)}]"
    if isinstance(value, ScheduleEntry):
        what = " ".join(str(x) for x in (value.status, value.start, value.end and f"to {value.end}", value.location)
                        if x)
        details = _details(value.announced and f"announced {value.announced}", value.by, value.note, value.report,
                           *value.report_by)
        return f"{what}{f' ({details})' if details else ''} [{_cites(value.sources)}]"
    if isinstance(value, Divergence):
        return f"diverges from {value.position}{f' ({value.note})' if value.note else ''} [{_cites(value.sources)}]"
    if isinstance(value, OriginalText):
        return f"[{value.lang}] {value.text}"
    if isinstance(value, Part):  # pragma: no cover - every nested model is handled above
        return "; ".join(f"{k}: {cell(v)}" for k, v in value)
    # Text, numbers and dates (kept as the text the editors wrote). Line breaks inside a value are kept:
    # CSV quotes them.
    return str(value)


def collection_csv(corpus: Corpus, collection: str) -> str:
    """A collection's table: the header row, then one row per record, every cell made inert."""
    model = COLLECTIONS[collection]
    columns = yaml_fields(model)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in corpus.of(collection):
        writer.writerow([inert(cell(getattr(record, name))) for name in columns.values()])
    return out.getvalue()


def excel_csv(table: str) -> str:
    """The Excel copy of a table from :func:`collection_csv`: the same text after a byte order mark."""
    return BOM + table
