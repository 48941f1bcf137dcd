"""The editor's day: ``briefing rename``, ``briefing list`` and ``briefing show``.

All three read the briefing the way ``briefing check`` does and find ids through the model
(:func:`briefing.model.iter_references`), never by searching text, so that an id inside a quote's words or
a comment is never taken for a reference. ``rename`` edits only the characters of each id, at the position
the loader recorded for it (as ``briefing upgrade`` does) and at the positions :func:`briefing.content_links.scan`
finds in the hand-written pages; every other byte of every file stays as it was. It writes every file or
none: each rewritten data file must still parse before any is written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .authoring import KINDS, check_new_id, id_scalar, kind_names
from .content_links import _OPTION, EMBED, EMBED_OPTIONS, REFERENCE, markdown_pages, scan
from .corpus import Corpus
from .diagnostics import BriefingError, Diagnostic, Location, error
from .loader import CollectionFiles, Document, NodePath, find_files, parse_document, read_text, relative_name
from .model import COLLECTIONS, Part, iter_references
from .pipeline import validate
from .upgrade import apply_edits
from .validation import Entry, Parsed

_MISSING = object()


# --- the briefing as the commands see it ------------------------------------------------------------


@dataclass
class Project:
    """A briefing read for editing: its records as parsed, and every diagnostic ``briefing check`` gives."""

    data_dir: Path
    root: Path  # file names are relative to it: the folder that holds data/
    docs_dir: Path | None
    parsed: Parsed
    diagnostics: list[Diagnostic]

    def entries(self, record_id: str) -> list[Entry]:
        return [entry for entry in self.parsed.entries if entry.record.id == record_id]

    def ids(self) -> set[str]:
        """Every id in use, including those of records that fail the schema."""
        return {entry.record.id for entry in self.parsed.entries} | self.parsed.invalid_ids

    @property
    def unread(self) -> list[Diagnostic]:
        """Errors that keep records from being read at all: YAML, file and schema problems (BR0xx, BR1xx)."""
        return [d for d in self.diagnostics if d.is_error and d.code[:3] in ("BR0", "BR1")]


def name_of(project: Project) -> str:
    """The data folder as messages name it."""
    return relative_name(project.data_dir, project.root)


def load_project(data_dir: Path, docs_dir: Path | None = None) -> Project:
    """Read the briefing whose data folder is ``data_dir``; file names are relative to the folder above it."""
    root = data_dir.parent
    parsed, result = validate(data_dir, root)
    missing = [d for d in result.diagnostics if d.code == "BR009"]
    if missing:
        raise BriefingError(missing)
    return Project(data_dir, root, docs_dir, parsed, result.diagnostics)


def _require_readable(project: Project, command: str) -> None:
    if project.unread:
        raise BriefingError([*project.unread, error(
            "BR508", f"`briefing {command}` needs every record to read, and some do not",
            Location(name_of(project)), hint="fix the errors above first; nothing was changed")])


def _unknown_id(project: Project, record_id: str) -> BriefingError:
    close = difflib.get_close_matches(record_id, sorted(project.ids()), n=1, cutoff=0.6)
    if record_id in project.parsed.invalid_ids:
        hint = "that record does not pass the schema: `briefing check` says why"
    else:
        hint = "`briefing list` shows every id"
    return BriefingError([error("BR506", f"no record has the id '{record_id}'", Location(name_of(project)),
                                hint=hint, suggestion=close[0] if close else "")])


def _the_entry(project: Project, record_id: str) -> Entry:
    found = project.entries(record_id)
    if not found:
        raise _unknown_id(project, record_id)
    if len(found) > 1:
        places = ", ".join(str(entry.locate("id")) for entry in found)
        raise BriefingError([error("BR200", f"'{record_id}' is the id of {len(found)} records ({places})",
                                   found[1].locate("id"), hint="rename one of them by hand first")])
    return found[0]


# --- where ids are written --------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One place where an id is written: a record's own ``id``, a field that refers to it, or a page."""

    target: str
    file: str
    line: int
    col: int
    field: str  # "id", "speaker", "sources[0]", "mediator[1].value"; in a page "[[…]]" or "briefing:quote id"
    holder: str | None  # the record that holds it; None in briefing.yml and pages
    holder_kind: str  # "quote", "person", …, "briefing" or "page"
    text: str = ""  # in a page: the reference or block as written
    at: int = 0  # in a page: where that text starts
    start: int = 0  # in a page: where the id stands in the page's text
    end: int = 0

    def renamed(self, new: str) -> str:
        """The reference or block as written, with the id replaced by ``new``."""
        return self.text[:self.start - self.at] + new + self.text[self.end - self.at:]


def describe(path: NodePath) -> str:
    """A field path as editors read it: ``sources[0].source``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _raw(data: Any, path: NodePath) -> Any:
    for part in path:
        inside = (isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data)) or (
            isinstance(part, str) and isinstance(data, dict) and part in data)
        if not inside:
            return _MISSING
        data = data[part]
    return data


def _place(document: Document, path: NodePath, base: int, target: str) -> NodePath:
    """Where in the document ``target`` is written for the model's ``path``: the model reads a bare id as
    ``{source: id}``, so the id may stand at a shorter path than the model's."""
    for length in range(len(path), base, -1):
        candidate = path[:length]
        if candidate in document.values and _raw(document.data, candidate) == target:
            return candidate
    location = document.locate(path)
    raise BriefingError([error("BR504", f"could not find '{target}' where the loader placed it", location,
                               hint="edit this value by hand")])


def _part_mentions(part: Part, document: Document, base: NodePath, *, holder: str | None, kind: str,
                   wanted: str | None) -> Iterator[Mention]:
    for path, target, _allowed in iter_references(part):
        if wanted is not None and target != wanted:
            continue
        place = _place(document, (*base, *path), len(base), target)
        where = document.values[place]
        yield Mention(target, where.file, where.line, where.col, describe(place[len(base):]), holder, kind)


def data_mentions(project: Project, wanted: str | None = None) -> Iterator[Mention]:
    """Every reference in ``data/`` (to ``wanted`` only, when given), in file order."""
    for entry in project.parsed.entries:
        yield from _part_mentions(entry.record, entry.document, entry.path, holder=entry.record.id,
                                  kind=entry.record.singular, wanted=wanted)
    if project.parsed.briefing is not None and project.parsed.briefing_document is not None:
        yield from _part_mentions(project.parsed.briefing, project.parsed.briefing_document, (), holder=None,
                                  kind="briefing", wanted=wanted)


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def page_mentions(text: str, name: str, wanted: str | None = None) -> Iterator[Mention]:
    """Every ``[[id]]`` and block option naming an id in one page's text, outside code, with the id's span."""
    for item in scan(text):
        if item.kind == "reference":
            match = REFERENCE.match(text, item.start)
            if match is None or not item.target or (wanted is not None and item.target != wanted):
                continue
            written = match["id"]
            start = match.start("id") + len(written) - len(written.lstrip())
            yield Mention(item.target, name, item.line, item.col, "[[…]]", None, "page", match.group(),
                          match.start(), start, start + len(item.target))
            continue
        options = EMBED_OPTIONS.get(item.name, {})
        match = EMBED.match(text, item.start)
        if match is None:
            continue
        for option in _OPTION.finditer(match["options"]):
            if option[1] in options and (wanted is None or option[2] == wanted):
                start = match.start("options") + option.start(2)
                line, col = _line_col(text, start)
                yield Mention(option[2], name, line, col, f"briefing:{item.name} {option[1]}", None, "page",
                              match.group(), match.start(), start, start + len(option[2]))


def _read_page(path: Path, name: str) -> tuple[str, bool]:
    """A page's text exactly as on disk (line ends kept) and whether it starts with a BOM."""
    read_text(path, name)  # refuses oversized and undecodable files, with their position
    raw = path.read_bytes()
    return raw.decode("utf-8-sig"), raw.startswith(b"\xef\xbb\xbf")


def _pages(project: Project) -> Iterator[tuple[Path, str]]:
    if project.docs_dir is not None:
        for _uri, path in markdown_pages(project.docs_dir):
            yield path, relative_name(path, project.root)


def all_mentions(project: Project, record_id: str) -> list[Mention]:
    """The record's own id, and every reference to it in data/ and in the pages."""
    entry = _the_entry(project, record_id)
    where = entry.document.values[(*entry.path, "id")]
    own = Mention(record_id, where.file, where.line, where.col, "id", record_id, entry.record.singular)
    found = [own, *data_mentions(project, record_id)]
    for path, name in _pages(project):
        found += page_mentions(_read_page(path, name)[0], name, record_id)
    return found


# --- rename -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One id rewritten: in data, the field and the value; in a page, the reference or block as written."""

    file: str
    line: int
    old: str
    new: str
    field: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: " + (f"{self.field}: " if self.field else "") + f"{self.old} → {self.new}"


@dataclass(frozen=True)
class Leftover:
    """A line that still shows the old id as a word outside any reference: a comment, text, a Markdown link."""

    file: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text.strip()}"


@dataclass
class Renamed:
    changes: list[Change]
    files: list[str]  # the files written (or, with dry_run, that would be)
    leftovers: list[Leftover]


def _write_all(files: dict[Path, bytes]) -> None:
    """Write every file through a temporary beside it, replacing the originals only once all are written."""
    temporary = {path: path.with_name(f".{path.name}.rename") for path in files}
    try:
        for path, content in files.items():
            temporary[path].write_bytes(content)
    except OSError:
        for spare in temporary.values():
            spare.unlink(missing_ok=True)
        raise
    for path, spare in temporary.items():
        spare.replace(path)


def _leftovers(name: str, text: str, old: str) -> list[Leftover]:
    word = re.compile(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])")
    return [Leftover(name, number, line) for number, line in enumerate(text.splitlines(), 1) if word.search(line)]


def _every_text(project: Project, rewritten: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Every data file, page and mkdocs.yml by name, as it reads after the rename."""
    files = find_files(project.data_dir) if project.data_dir.is_dir() else CollectionFiles()
    paths = [*([files.briefing] if files.briefing else []), *(p for found in files.collections.values() for p in found)]
    paths += [path for path, _name in _pages(project)]
    paths.append(project.data_dir.resolve().parent / "mkdocs.yml")
    for path in sorted(paths, key=lambda p: relative_name(p, project.root)):
        name = relative_name(path, project.root)
        if name in rewritten:
            yield name, rewritten[name]
        elif path.is_file():
            yield name, path.read_text(encoding="utf-8-sig", errors="replace")


def rename(data_dir: Path, old: str, new: str, docs_dir: Path | None = None, *,
           dry_run: bool = False) -> Renamed:
    """Rename the record ``old`` to ``new``: its ``id``, every reference to it in data/ and in the pages."""
    project = load_project(data_dir, docs_dir)
    _require_readable(project, "rename")
    mentions = all_mentions(project, old)
    if new == old:
        raise BriefingError([error("BR505", f"'{old}' is already the record's id", Location(name_of(project)),
                                   hint="give the new id after the old one: briefing rename OLD NEW")])
    check_new_id(new, project.parsed, Location(name_of(project)))
    data_edits: dict[str, list[Mention]] = {}
    page_edits: dict[str, list[Mention]] = {}
    for mention in mentions:
        (page_edits if mention.holder_kind == "page" else data_edits).setdefault(mention.file, []).append(mention)

    changes: list[Change] = []
    written: dict[Path, bytes] = {}
    texts: dict[str, str] = {}
    for name, found in data_edits.items():
        path = project.root / name
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        edits = [(m.line, m.col, old, new) for m in found]
        # Edited as on disk (the loader reads CRLF as LF): line ends, mixed or not, stay as they were.
        text, scalars = apply_edits(raw.decode("utf-8-sig"), name, edits, id_scalar)
        parse_document(text.replace("\r\n", "\n"), name)  # raises, and nothing is written, if it no longer parses
        changes += [Change(name, m.line, old, scalar, m.field) for m, scalar in zip(found, scalars, strict=True)]
        written[path] = (("\ufeff" if bom else "") + text).encode("utf-8")
        texts[name] = text
    for name, found in page_edits.items():
        path = project.root / name
        text, bom = _read_page(path, name)
        for mention in sorted(found, key=lambda m: m.start, reverse=True):
            text = text[:mention.start] + new + text[mention.end:]
        changes += [Change(name, m.line, " ".join(m.text.split()), " ".join(m.renamed(new).split()))
                    for m in found]
        written[path] = (("\ufeff" if bom else "") + text).encode("utf-8")
        texts[name] = text
    changes.sort(key=lambda c: (c.file, c.line))

    leftovers = [found for name, text in _every_text(project, texts) for found in _leftovers(name, text, old)]
    if not dry_run:
        _write_all(written)
    return Renamed(changes, sorted(texts), leftovers)


# --- list and show ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """A record as ``briefing list`` shows it."""

    id: str
    kind: str
    collection: str
    label: str
    file: str
    line: int


def _listed(entry: Entry) -> Listed:
    where = entry.locate("id")
    record = entry.record
    return Listed(record.id, record.singular, record.collection, record.label, where.file, where.line)


def collection_of(kind: str) -> str:
    """The collection a kind names (``quote``, ``quotes``, ``person``, ``term``…), or BR502."""
    collection = KINDS.get(kind)
    if collection is None:
        close = difflib.get_close_matches(kind, list(KINDS), n=1)
        raise BriefingError([error("BR502", f"'{kind}' is not a kind of record", Location("data"),
                                   hint="kinds: " + kind_names(), suggestion=close[0] if close else "")])
    return collection


def _site_order(entries: Sequence[Entry]) -> list[Entry]:
    """Collections in the model's order, each sorted as the site's section pages sort it."""
    rank = {name: index for index, name in enumerate(COLLECTIONS)}
    return sorted(entries, key=lambda e: (rank[e.record.collection], Corpus._sort_key(e.record)))


def list_records(project: Project, kind: str | None = None) -> list[Listed]:
    """Every record (of one kind, when given), sorted as the site sorts."""
    collection = collection_of(kind) if kind is not None else None
    return [_listed(entry) for entry in _site_order(project.parsed.entries)
            if collection is None or entry.record.collection == collection]


def format_list(found: Sequence[Listed], with_kind: bool = True) -> str:
    """One record a line, in aligned columns: (kind,) id, label, file:line."""
    rows = [([item.kind] if with_kind else []) + [item.id, item.label, f"{item.file}:{item.line}"] for item in found]
    if not rows:
        return ""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    return "\n".join("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]])
                     for row in rows)


@dataclass(frozen=True)
class Link:
    """A reference from the shown record (to ``id``, defined at file:line) or to it (from file:line)."""

    field: str  # the field that holds the reference; in a page, the reference or block as written
    id: str | None  # the record referred to, or the one that refers; None for briefing.yml and pages
    kind: str  # "quote", …; "briefing", "page"; "unknown" for an id no record has
    label: str
    file: str
    line: int


@dataclass(frozen=True)
class Shown:
    record: Listed
    text: str  # the record's lines as written, comments inside it included
    refers_to: list[Link]
    referred_by: list[Link]

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self.record), "text": self.text, "refers_to": [asdict(link) for link in self.refers_to],
                "referred_by": [asdict(link) for link in self.referred_by]}


def _as_written(entry: Entry, root: Path) -> str:
    """The lines of ``entry``'s record, up to the next record; trailing blank and comment lines are left off:
    they introduce what follows."""
    name = entry.document.file
    lines = read_text(root / name, name).splitlines()
    start = entry.document.values[entry.path].line
    index = entry.path[-1]
    following = entry.document.values.get((*entry.path[:-1], index + 1)) if isinstance(index, int) else None
    end = len(lines) if following is None else max(following.line - 1, start)
    kept = lines[start - 1:end]
    while len(kept) > 1 and (not kept[-1].strip() or kept[-1].lstrip().startswith("#")):
        kept.pop()
    return "\n".join(kept)


def show_record(project: Project, record_id: str) -> Shown:
    """The record as written, what it refers to, and what refers to it (records, briefing.yml and pages)."""
    entry = _the_entry(project, record_id)
    by_id = {e.record.id: e for e in project.parsed.entries}
    refers_to = []
    for mention in _part_mentions(entry.record, entry.document, entry.path, holder=record_id,
                                  kind=entry.record.singular, wanted=None):
        target = by_id.get(mention.target)
        if target is None:
            refers_to.append(Link(mention.field, mention.target, "unknown", "", "", 0))
        else:
            listed = _listed(target)
            refers_to.append(Link(mention.field, listed.id, listed.kind, listed.label, listed.file, listed.line))
    referred_by = []
    for mention in all_mentions(project, record_id)[1:]:
        holder = by_id.get(mention.holder) if mention.holder is not None else None
        label = holder.record.label if holder is not None else (mention.file if mention.holder_kind == "page" else "")
        written = " ".join(mention.text.split()) if mention.holder_kind == "page" else mention.field
        referred_by.append(Link(written, mention.holder, mention.holder_kind, label, mention.file, mention.line))
    return Shown(_listed(entry), _as_written(entry, project.root), refers_to, referred_by)


def format_shown(shown: Shown) -> str:
    record = shown.record
    out = [f"{record.kind} {record.id}: {record.label}", f"{record.file}:{record.line}", ""]
    out += [f"    {line}" if line else "" for line in shown.text.splitlines()]
    out += ["", "refers to:" if shown.refers_to else "refers to nothing"]
    width = max((len(link.field) for link in shown.refers_to), default=0)
    for link in shown.refers_to:
        if link.kind == "unknown":
            out.append(f"  {link.field:<{width}}  {link.id} (no such record)")
        else:
            out.append(f"  {link.field:<{width}}  {link.kind} {link.id}: {link.label}  ({link.file}:{link.line})")
    out += ["", "referred to by:" if shown.referred_by else "referred to by nothing"]
    places = [f"{link.file}:{link.line}" for link in shown.referred_by]
    width = max((len(place) for place in places), default=0)
    for place, link in zip(places, shown.referred_by, strict=True):
        who = f"{link.kind} {link.id}, " if link.id else ""
        out.append(f"  {place:<{width}}  {who}{link.field}")
    return "\n".join(out)
