"""The timeline figure: an inline, accessible SVG drawn at build time (no scripts, no external files).

Time runs downwards on a vertical axis, roughly to scale: entries are placed by date, and pushed down only
as far as needed to keep their labels apart, so the figure stays readable at 375 px. A day is a dot
(rounds) or a square (events); a span of days is a bar; a date known only to the month or year is a faint
bar over the whole period with a dashed outline, and a day the sources give only approximately is the
entry's mark drawn faint and dashed, so the figure never shows a day the sources do not give.

A round that did not take place on its date (cancelled, or postponed without a new one) is a hollow ring.
Its postponements and its cancellation are rows of their own at the date they were announced: a hollow
triangle pointing down (later in time) and a cross. These marks carry a ``<title>`` saying what they
stand for, and the figure ends with a key to them whenever one is drawn; the rest of the figure, and so the
figure of a briefing without them, is as before.
Colours are ``currentColor``, so the figure follows the light and dark schemes and prints in black.

The figure and the text around it do not repeat each other: the figure is an image (``role="img"``) named by
its ``<title>``, and its ``<desc>`` says what it shows as a whole (the period, how many rounds, events and
changes of schedule), not each entry, which the page writes out in text (the timeline's list, the print
version's rounds and events): the text is the figure's alternative, and a screen reader reads each entry once.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from briefing.corpus import Corpus, TimelineEntry
from briefing.i18n import ENGLISH, Translator
from briefing.model import FuzzyDate, Round

WIDTH = 360
AXIS_X = 14
TEXT_X = 30
TOP = 20
LINE = 19
ROW_GAP = 10
WRAP = 38  # characters per line of a title at 15px in the 326 units right of the axis
MAX_LINES = 3
MAX_SCALE = 6.0  # px per day
TARGET_HEIGHT = 480


CROSS_STYLE = ".br-tlfig .br-tlfig-cross{stroke:currentColor;stroke-width:2.5;stroke-linecap:round}"
# The marks that the timeline page's legend does not explain, in the order of the figure's key.
KEY = {"postponed": "postponement announced", "cancelled": "cancellation announced",
       "not-held": "round not held on that date", "approximate": "date known only approximately"}


@dataclass(frozen=True)
class _Row:
    first: date
    last: date
    exact: bool  # day-precise (or a span of day-precise dates), and not approximate
    lines: tuple[str, ...]
    date_label: str
    kind: str  # "round", "not-held" (a round), "event", "postponed", "cancelled" (announcements) or "cutoff"
    approximate: bool = False  # a day, or a period, the sources give only approximately
    mark_title: str = ""  # what the mark stands for, for the marks the page's legend does not explain


@dataclass(frozen=True)
class _Layout:
    """Where the axis and the text stand: on the left, or mirrored for a right-to-left language."""

    axis: int = AXIS_X
    text: int = TEXT_X
    rtl: bool = False

    @property
    def line(self) -> tuple[int, int]:  # the cutoff line, from beside the axis to the far edge
        return (AXIS_X - 8, WIDTH - 4) if not self.rtl else (4, WIDTH - AXIS_X + 8)


LTR = _Layout()
RTL = _Layout(WIDTH - AXIS_X, WIDTH - TEXT_X, rtl=True)


def _span_label(start: FuzzyDate, end: FuzzyDate | None, t: Translator = ENGLISH) -> str:
    note = t.precision_note(start)
    shown = f"{t.date(start)} {note}" if note else t.date(start)
    if end is None or end.text == start.text:
        return shown
    if (t.english and start.precision == "day" and end.precision == "day"
            and (start.year, start.month) == (end.year, end.month)):
        return f"{start.day}–{end.display()}"
    return t.say("%(start)s – %(end)s", start=t.date(start), end=t.date(end))


def _row(entry: TimelineEntry, t: Translator = ENGLISH) -> _Row:
    when = entry.when
    assert when is not None
    until = entry.until
    approximate = when.approximate or (until is not None and until.approximate)
    exact = when.day is not None and (until is None or until.day is not None) and not approximate
    last = until.latest if until is not None and until.earliest >= when.earliest else when.latest
    record = entry.record
    label = _span_label(when, until, t)
    title: str
    kind: str
    mark: str
    if entry.change is not None:
        title = t.say("%(round)s %(status)s", round=record.label, status=t.gettext(entry.change.status))
        kind = entry.change.status
        mark = t.say("%(what)s: announced %(date)s", what=title, date=t.date(when))
    elif isinstance(record, Round):
        status = t.gettext(record.status)
        title = t.say("%(round)s (%(status)s)", round=record.label, status=status)
        kind = "not-held" if record.status in ("cancelled", "postponed") else "round"
        mark = (t.say("%(round)s, %(status)s: not held on %(date)s", round=record.label, status=status, date=label)
                if kind == "not-held" else "")
    else:
        title, kind, mark = record.label, "event", ""
    if approximate and not mark:
        mark = f"{title}: {label}"
    lines = textwrap.wrap(title, WRAP) or [title]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], textwrap.shorten(" ".join(lines[MAX_LINES - 1:]), WRAP, placeholder="…")]
    return _Row(when.earliest, last, exact, tuple(lines), label, kind, approximate, mark)


def _describe(corpus: Corpus, dated: list[TimelineEntry], undated: list[TimelineEntry], t: Translator = ENGLISH) -> str:
    """What the figure shows as a whole, for its ``<desc>``. Not the entries one by one: the page writes them
    out (the timeline page's list, the print page's rounds and events), and a screen reader that read them
    here would read every entry twice."""
    first = min(dated, key=lambda e: (e.when.earliest if e.when else date.max))
    assert first.when is not None
    rounds = sum(1 for e in dated if e.change is None and isinstance(e.record, Round))
    events = sum(1 for e in dated if e.change is None and not isinstance(e.record, Round))
    def count(one: str, many: str, number: int) -> str:
        return t.ngettext(one, many, number) % {"num": t.number(number)}

    counts = [count("%(num)s round", "%(num)s rounds", rounds), count("%(num)s event", "%(num)s events", events)]
    postponed = sum(1 for e in dated if e.change is not None and e.change.status == "postponed")
    cancelled = sum(1 for e in dated if e.change is not None and e.change.status == "cancelled")
    if postponed or cancelled:
        counts.append(t.say("%(postponements)s and %(cancellations)s at the day announced",
                            postponements=count("%(num)s postponement", "%(num)s postponements", postponed),
                            cancellations=count("%(num)s cancellation", "%(num)s cancellations", cancelled)))
    text = t.say("The dated rounds and events on a time axis, roughly to scale, from %(first)s to the information "
                 "cutoff, %(cutoff)s: %(counts)s.", first=t.date(first.when), cutoff=t.date(corpus.briefing.as_of),
                 counts=t.gettext(", ").join(counts))
    if undated:
        text += " " + count("%(num)s entry without a reported date is not drawn.",
                            "%(num)s entries without a reported date are not drawn.", len(undated))
    return text + " " + t.gettext("Each entry is written out in the text of this page.")


def timeline_svg(corpus: Corpus, t: Translator = ENGLISH) -> Markup:
    """The figure as inline SVG markup (empty when no round or event has a date); mirrored, the axis on the
    right, for a right-to-left language."""
    entries = corpus.timeline()
    dated = [e for e in entries if e.when is not None]
    undated = [e for e in entries if e.when is None]
    if not dated:
        return Markup("")
    rows = [_row(e, t) for e in dated]
    g = RTL if t.direction == "rtl" else LTR
    as_of = corpus.briefing.as_of
    cutoff = _Row(as_of.earliest, as_of.earliest, as_of.day is not None, (), t.date(as_of), "cutoff")
    rows.append(cutoff)
    rows.sort(key=lambda r: (r.first, r.kind == "cutoff"))
    first = min(r.first for r in rows)
    last = max(r.last for r in rows)
    days = max((last - first).days, 1)
    scale = min(MAX_SCALE, TARGET_HEIGHT / days)

    body: list[str] = []
    y = float(TOP)
    previous_bottom = float(TOP)
    for row in rows:
        ideal = TOP + (row.first - first).days * scale
        y = max(ideal, previous_bottom)
        length = max(((row.last - row.first).days + 1) * scale, 0) if row.last > row.first or not row.exact else 0
        height = (len(row.lines) + 1) * LINE + ROW_GAP
        previous_bottom = y + max(height, length + 4)
        body.append(_draw(row, y, length, t, g))
    total_height = int(previous_bottom + LINE)
    if undated:
        note = t.say("Not shown: %(num)s without a reported date", num=len(undated))
        body.append(f'<text x="{g.text}" y="{total_height}" class="br-tlfig-note">{escape(note)}</text>')
        total_height += LINE
    shown = {row.kind for row in rows} | ({"approximate"} if any(row.approximate for row in rows) else set())
    if shown & KEY.keys():
        total_height += 6  # set the key apart from the cutoff line above it
    for kind in (k for k in KEY if k in shown):
        body.append(_key_line(kind, total_height, t, g))
        total_height += LINE + 2
    axis = f'<line x1="{g.axis}" y1="{TOP - 12}" x2="{g.axis}" y2="{int(previous_bottom)}" class="br-tlfig-axis"/>'
    title = t.say("Timeline of %(title)s", title=corpus.briefing.title)
    direction = 'direction="rtl" ' if g.rtl else ""
    svg = (
        f'<svg class="br-tlfig" role="img" aria-labelledby="br-tlfig-title br-tlfig-desc" '
        f"{direction}"
        f'viewBox="0 0 {WIDTH} {total_height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="br-tlfig-title">{escape(title)}</title>'
        f'<desc id="br-tlfig-desc">{escape(_describe(corpus, dated, undated, t))}</desc>'
        "<style>"
        ".br-tlfig{max-width:30em;height:auto;color:inherit;font-size:15px}"
        ".br-tlfig text{fill:currentColor;font-family:inherit}"
        ".br-tlfig .br-tlfig-date{font-weight:700}"
        ".br-tlfig .br-tlfig-note,.br-tlfig .br-tlfig-cutoff{font-style:italic}"
        ".br-tlfig .br-tlfig-axis{stroke:currentColor;stroke-width:2;opacity:.45}"
        ".br-tlfig .br-tlfig-mark{fill:currentColor;stroke:currentColor}"
        ".br-tlfig .br-tlfig-event{fill:none;stroke:currentColor;stroke-width:2}"
        ".br-tlfig .br-tlfig-vague{fill:currentColor;fill-opacity:.15;stroke:currentColor;stroke-dasharray:3 2}"
        ".br-tlfig .br-tlfig-line{stroke:currentColor;stroke-dasharray:4 3;opacity:.7}"
        f"{CROSS_STYLE if 'cancelled' in shown else ''}"  # only where drawn: other figures stay byte-for-byte
        "</style>"
        f"{axis}{''.join(body)}</svg>"
    )
    return Markup(svg)  # every piece of data in it went through escape()


def _mark(kind: str, y: float, vague: bool, g: _Layout = LTR) -> str:
    """The mark of a row of ``kind`` centred at height ``y`` on the axis; faint and dashed when ``vague``."""
    style = "br-tlfig-vague" if vague else ""
    axis = g.axis  # the marks are symmetric about the axis, wherever it stands
    if kind == "cancelled":
        d = 5.5
        return (f'<path d="M{axis - d} {round(y - d, 1)}L{axis + d} {round(y + d, 1)}'
                f'M{axis + d} {round(y - d, 1)}L{axis - d} {round(y + d, 1)}" class="br-tlfig-cross"/>')
    if kind == "postponed":
        return (f'<path d="M{axis - 6.5} {round(y - 5, 1)}H{axis + 6.5}L{axis} {round(y + 6, 1)}Z" '
                f'class="{style or "br-tlfig-event"}"/>')
    if kind in ("round", "not-held"):
        solid = "br-tlfig-event" if kind == "not-held" else "br-tlfig-mark"  # not-held: a hollow ring
        return f'<circle cx="{axis}" cy="{y}" r="5.5" class="{style or solid}"/>'
    return f'<rect x="{axis - 5}" y="{y - 5}" width="10" height="10" class="{style or "br-tlfig-event"}"/>'


def _key_line(kind: str, y: float, t: Translator = ENGLISH, g: _Layout = LTR) -> str:
    mark = _mark("event" if kind == "approximate" else kind, round(y - 5, 1), kind == "approximate", g)
    return f'{mark}<text x="{g.text}" y="{y}" class="br-tlfig-note">{escape(t.gettext(KEY[kind]))}</text>'


def _draw(row: _Row, y: float, length: float, t: Translator = ENGLISH, g: _Layout = LTR) -> str:
    y0 = round(y, 1)
    baseline = round(y + 5, 1)
    axis, text_x = g.axis, g.text
    if row.kind == "cutoff":
        x1, x2 = g.line
        return (f'<line x1="{x1}" y1="{y0}" x2="{x2}" y2="{y0}" class="br-tlfig-line"/>'
                f'<text x="{text_x}" y="{round(y0 + LINE, 1)}" class="br-tlfig-cutoff">'
                f'{escape(t.say("Information cutoff: %(date)s", date=row.date_label))}</text>')
    parts = [f'<text x="{text_x}" y="{baseline}" class="br-tlfig-date">{escape(row.date_label)}</text>']
    single_day = row.last == row.first
    if row.approximate and single_day:
        mark = _mark(row.kind, y0, vague=True, g=g)
    elif not row.exact:
        mark = (f'<rect x="{axis - 5}" y="{y0}" width="10" height="{round(max(length, 8), 1)}" rx="2" '
                'class="br-tlfig-vague"/>')
    elif length > 0:
        mark = (f'<rect x="{axis - 5}" y="{y0 - 5}" width="10" height="{round(length + 10, 1)}" rx="5" '
                'class="br-tlfig-mark"/>')
    else:
        mark = _mark(row.kind, y0, vague=False, g=g)
    # Only the marks the page's legend does not explain get a title, so other figures stay as they were.
    parts.append(f"<g><title>{escape(row.mark_title)}</title>{mark}</g>" if row.mark_title else mark)
    for index, line in enumerate(row.lines):
        parts.append(f'<text x="{text_x}" y="{round(baseline + (index + 1) * LINE, 1)}">{escape(line)}</text>')
    return "".join(parts)
