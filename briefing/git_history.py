"""What changed in ``data/``, commit by commit, read from git with the project's own loader.

For each commit that touched the data folder (following first parents, newest first), the files it changed
are read at the commit and at its parent (``git cat-file``, the equivalent of ``git show REV:data/x.yml``)
and parsed with :func:`briefing.loader.parse_document`. Records are compared by id across the whole data
folder, as the loader reads them (plain values, before the model): a record moved to another file, or
re-indented, is unchanged; one whose values differ is changed.

The same walk gives each record's "last changed" date: the newest commit in which it was added or changed.
This is per record, not per file (a commit that edits one quote does not date every quote in the file),
and needs no line ranges, so it survives records moving within and between files. Records with edits
that are not yet committed are marked as such rather than given a stale date.

Without git, outside a repository, or when git fails, :func:`load_history` says so in
:attr:`History.reason`, and the site says so instead of showing changes.

In a shallow clone (CI's default checkout) the oldest commit present has lost its parent: git shows it as
adding every file. Its changes are unknown, not "everything added", so such a commit lists none and dates
no record; a record it would have dated has no "last changed" date, and the pages say why.

Parsing a commit's files is the costly part (at 2,000 records, 50 one-record commits added a third to a half
to every build), so each commit's changes are read once and kept:

* in memory, for the life of the process (a ``mkdocs serve`` session): while HEAD stays where it is, a
  rebuild runs no ``git log`` and reads no commit; only ``git status`` runs, for the edits not committed yet,
  and the files at HEAD it compares them with are parsed once;
* on disk, for the next build, in the repository's git folder: ``.git/briefing/history/`` (in the folder
  all worktrees share). One small JSON file per commit, named by a digest of everything its changes are a
  function of: the commit, its parent, the path and the old and new blob of every data file it touched, the
  data folder's place in the repository and the code that reads them. Blob and commit ids are content
  addresses: an amended or rebased commit, or a commit whose files changed, has a new key, so it is read
  afresh and never given an old result. Deleting the folder is always safe; a folder that cannot be written
  only means the next build reads again.

A shallow clone's boundary commit is never cached: its changes are unknown, and fetching more makes them
known. :data:`READS` counts what was read from git and from the cache, for benchmarks and tests.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from briefing import loader, model
from briefing.diagnostics import BriefingError
from briefing.loader import Document, collection_of, decode_text, parse_document
from briefing.model import BRIEFING_FILE, COLLECTIONS, FuzzyDate

LIMIT = 50
BRIEFING_KEY = f"{BRIEFING_FILE}.yml"  # the briefing as a whole; never a record id (ids have no dot)
CACHE_FOLDER = Path("briefing", "history")  # inside the repository's (common) git folder
_CACHE_FORMAT = "1"
_NULL_SHA = "0" * 40
_TIMEOUT = 60
_LOGS_KEPT = 4  # logs kept in memory, by repository, data folder and HEAD

ChangeKind = Literal["added", "changed", "removed"]


@dataclass(frozen=True)
class Change:
    id: str  # the record id, or BRIEFING_KEY for briefing.yml
    collection: str  # the collection, or "briefing"
    kind: ChangeKind


@dataclass(frozen=True)
class Commit:
    sha: str
    day: str  # the committer date, YYYY-MM-DD
    subject: str
    changes: tuple[Change, ...] = ()
    unreadable: tuple[str, ...] = ()  # files that could not be read at this commit or its parent
    cut: bool = False  # a shallow clone's boundary: its parent, and so what it changed, is unknown

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def date(self) -> FuzzyDate:
        return FuzzyDate.parse(self.day)

    def of_kind(self, kind: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


@dataclass(frozen=True)
class History:
    available: bool
    reason: str = ""  # why there is no history, when there is none
    commits: tuple[Commit, ...] = ()  # newest first, at most LIMIT
    total: int = 0  # commits that touched the data folder
    last_changed: dict[str, Commit] = field(default_factory=dict)  # record id -> newest commit adding/changing it
    uncommitted: frozenset[str] = frozenset()  # record ids whose working copy differs from the last commit
    shallow: bool = False  # built from a shallow clone: records changed only before its boundary have no date

    @classmethod
    def unavailable(cls, reason: str) -> History:
        return cls(False, reason)


@dataclass
class ReadCounts:
    """What loads of the history have read in this process, for benchmarks, logging and tests."""

    logs: int = 0  # ``git log`` runs (none while HEAD stays where it was)
    commits: int = 0  # commits whose changes were worked out from their files
    from_disk: int = 0  # commits whose changes were taken from the cache folder
    files: int = 0  # data files parsed: at a commit, at its parent, or in the working tree


READS = ReadCounts()


class _GitError(Exception):
    pass


class _Git:
    def __init__(self, top: Path) -> None:
        self.top = top

    def run(self, *args: str, data: bytes | None = None) -> bytes:
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
        try:
            done = subprocess.run(["git", "-C", str(self.top), "-c", "core.quotepath=off", *args], input=data,
                                  capture_output=True, env=env, timeout=_TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise _GitError(str(exc)) from None
        if done.returncode != 0:
            raise _GitError(done.stderr.decode(errors="replace").strip() or f"git {args[0]} failed")
        return done.stdout

    def blobs(self, names: Iterable[str]) -> dict[str, tuple[str, bytes] | None]:
        """Ids and contents of objects named ``SHA`` or ``REV:path``, read in one ``git cat-file --batch``."""
        wanted = list(dict.fromkeys(names))
        if not wanted:
            return {}
        out = self.run("cat-file", "--batch", data="".join(f"{n}\n" for n in wanted).encode())
        found: dict[str, tuple[str, bytes] | None] = {}
        position = 0
        for name in wanted:
            end = out.index(b"\n", position)
            header = out[position:end].split()
            position = end + 1
            if len(header) < 3 or header[1] != b"blob":
                found[name] = None
                continue
            size = int(header[2])
            found[name] = (header[0].decode(), out[position:position + size])
            position += size + 1
        return found

    def head(self) -> str | None:
        """The commit HEAD names, or None before the first commit."""
        try:
            return self.run("rev-parse", "-q", "--verify", "HEAD^{commit}").decode().strip() or None
        except _GitError:
            return None

    def path(self, printed: bytes) -> Path:
        """A path ``git rev-parse`` printed (relative to the top unless absolute)."""
        path = Path(printed.decode().strip())
        return path if path.is_absolute() else self.top / path


Records = dict[str, tuple[str, Any]]  # id -> (collection, the record's plain values)


def _document_records(document: Document, collection: str) -> Records | None:
    """The records in one parsed file, keyed by id; None when the file could not be read."""
    if document.findings or not document.readable:
        return None
    if collection == "briefing":
        return {BRIEFING_KEY: ("briefing", document.data)}
    if document.data is None:
        return {}
    if not isinstance(document.data, list):
        return None
    return {item["id"]: (collection, item) for item in document.data
            if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _records(content: bytes | None, name: str, collection: str) -> Records | None:
    """The records in one file's content, keyed by id; None when the file cannot be read."""
    if content is None:
        return {}
    READS.files += 1
    try:
        document = parse_document(decode_text(content, name), name)
    except BriefingError:
        return None
    return _document_records(document, collection)


def _blob_id(content: bytes) -> str:
    """The id git gives ``content`` as a blob: a working file's content is found by the id it will have."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def _diff(old: Records, new: Records) -> list[Change]:
    changes = [Change(key, new[key][0], "added") for key in new.keys() - old.keys()]
    changes += [Change(key, old[key][0], "removed") for key in old.keys() - new.keys()]
    changes += [Change(key, new[key][0], "changed") for key in old.keys() & new.keys() if old[key] != new[key]]
    order = {"briefing": 0, **{name: i + 1 for i, name in enumerate(sorted(COLLECTIONS))}}
    return sorted(changes, key=lambda c: (order.get(c.collection, 99), c.id))


@dataclass
class _RawCommit:
    sha: str
    parent: str  # the first parent, "" for a root commit
    day: str
    subject: str
    files: list[tuple[str, str, str, str]]  # (path in repo, collection, old blob, new blob)


def _parse_log(out: bytes, prefix: str) -> list[_RawCommit]:
    commits: list[_RawCommit] = []
    for chunk in out.decode("utf-8", errors="replace").split("\x1e")[1:]:
        header, _, rest = chunk.partition("\x00")
        sha, parents, day, subject = ([*header.split("\x1f"), "", "", ""])[:4]
        tokens = rest.strip("\n").split("\x00")
        files = []
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            fields = meta.strip().split()
            if len(fields) < 5 or not path.startswith(prefix):
                continue
            collection = collection_of(path[len(prefix):])
            if collection is not None:
                files.append((path, collection, fields[2], fields[3]))
        commits.append(_RawCommit(sha.strip(), (parents.split() or [""])[0], day[:10], subject.strip(), files))
    return commits


# --- what is kept between loads --------------------------------------------------------------------------

_Result = tuple[tuple[Change, ...], tuple[str, ...]]  # a commit's changes, and the files that could not be read
_KINDS = frozenset(get_args(ChangeKind))


@functools.cache
def _code_digest() -> str:
    """A digest of the code that turns a commit's files into changes: results of other code are not reused."""
    digest = hashlib.sha256(f"{_CACHE_FORMAT}\0{yaml.__version__}\0".encode())
    for name in (__file__, loader.__file__, model.__file__):
        if name is not None:
            digest.update(Path(name).read_bytes())
    return digest.hexdigest()


def _key(prefix: str, commit: _RawCommit) -> str:
    """Everything a commit's changes are a function of (the commit's own id alone would do, as it names its
    tree and parents; its parent and blobs make the key content-addressed whatever names the commit)."""
    files = "".join(f"\n{path}\0{old}\0{new}" for path, _collection, old, new in sorted(commit.files))
    return f"{_code_digest()}\n{prefix}\n{commit.sha}\n{commit.parent}{files}"


class _Memory:
    """What this process has read: every commit's changes, the last few logs, and the files an uncommitted
    edit was compared with (they are what a commit of that edit will hold)."""

    def __init__(self) -> None:
        self.commits: dict[str, _Result] = {}  # by key digest
        self.logs: OrderedDict[tuple[str, str, str, tuple[str, ...]], list[_RawCommit]] = OrderedDict()
        self.files: dict[tuple[str, str], Records | None] = {}  # (blob id, collection) -> records

    def log(self, key: tuple[str, str, str, tuple[str, ...]], raw: list[_RawCommit] | None = None,
            ) -> list[_RawCommit] | None:
        if raw is not None:
            self.logs[key] = raw
            while len(self.logs) > _LOGS_KEPT:
                self.logs.popitem(last=False)
        elif key in self.logs:
            self.logs.move_to_end(key)
        return self.logs.get(key)


_MEMORY = _Memory()


def clear_memory() -> None:
    """Forget what this process has read, as a new process would; the cache folder is left as it is."""
    global _MEMORY  # noqa: PLW0603 - one memory per process, replaced whole
    _MEMORY = _Memory()


class _Folder:
    """The cache folder: one JSON file per commit, named by the digest of its key, which it repeats."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest[2:]}.json"

    def get(self, key: str, digest: str) -> _Result | None:
        try:
            kept = json.loads(self._file(digest).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(kept, dict) or kept.get("key") != key:
            return None
        changes, unreadable = kept.get("changes"), kept.get("unreadable")
        if not isinstance(changes, list) or not isinstance(unreadable, list):
            return None
        if not all(isinstance(c, list) and len(c) == 3 and all(isinstance(x, str) for x in c) and c[2] in _KINDS
                   for c in changes) or not all(isinstance(path, str) for path in unreadable):
            return None
        return tuple(Change(i, c, k) for i, c, k in changes), tuple(unreadable)

    def put(self, key: str, digest: str, result: _Result) -> None:
        file = self._file(digest)
        text = json.dumps({"key": key, "changes": [[c.id, c.collection, c.kind] for c in result[0]],
                           "unreadable": list(result[1])}, ensure_ascii=False)
        temporary = None
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True)
                (self.folder / "README").write_text(
                    "What changed in a briefing's data, commit by commit, kept by Briefing (briefing/git_history.py)"
                    " so that\nbuilds do not read the same commits again. Safe to delete at any time.\n",
                    encoding="utf-8")
            file.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            Path(temporary).replace(file)  # whole or not at all, even with two builds at once
        except OSError:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


class _Files:
    """Records of data files by blob id and collection: each parsed once per load, and the files last compared
    with uncommitted edits taken from memory."""

    def __init__(self, keep: bool) -> None:
        self.keep = keep
        self.parsed: dict[tuple[str, str], Records | None] = {}

    def records(self, blob: str, content: bytes | None, name: str, collection: str) -> Records | None:
        key = (blob, collection)
        if key not in self.parsed:
            kept = _MEMORY.files if self.keep else {}
            self.parsed[key] = kept[key] if key in kept else _records(content, name, collection)
        return self.parsed[key]


# --- reading ---------------------------------------------------------------------------------------------


def _read_commits(git: _Git, raw: list[_RawCommit], files: _Files) -> list[tuple[_Result, bool]]:
    """Each commit's changes worked out from its files, and whether git had all of them (a missing object reads
    as an absent file, as it always did, but such a result is not kept)."""
    contents = git.blobs(sha for commit in raw for _p, _c, old, new in commit.files
                         for sha in (old, new) if sha != _NULL_SHA)
    READS.commits += len(raw)

    def records(sha: str, path: str, collection: str) -> Records | None:
        if sha == _NULL_SHA:
            return {}
        found = contents.get(sha)
        return files.records(sha, found[1] if found is not None else None, path, collection)

    results: list[tuple[_Result, bool]] = []
    for commit in raw:
        old: Records = {}
        new: Records = {}
        unreadable = []
        for path, collection, old_sha, new_sha in commit.files:
            before, after = records(old_sha, path, collection), records(new_sha, path, collection)
            if before is None or after is None:
                unreadable.append(path)
                continue
            old.update(before)
            new.update(after)
        complete = all(contents.get(sha) is not None for _p, _c, old_sha, new_sha in commit.files
                       for sha in (old_sha, new_sha) if sha != _NULL_SHA)
        results.append(((tuple(_diff(old, new)), tuple(unreadable)), complete))
    return results


@dataclass
class _Reader:
    git: _Git
    prefix: str  # the data folder's path in the repository, with a trailing slash ("" at the top)
    cut: frozenset[str]  # a shallow clone's boundary commits
    files: _Files
    folder: _Folder | None  # the cache folder (None: memory only, or nothing kept)


def _commit_changes(reader: _Reader, raw: list[_RawCommit]) -> list[Commit]:
    """The commits with their changes: from memory or the cache folder when kept, else read (and kept)."""
    git, cut, files, folder = reader.git, reader.cut, reader.files, reader.folder
    known: dict[str, _Result] = {}
    keys: dict[str, tuple[str, str]] = {}
    for commit in raw:
        if commit.sha in cut or not files.keep:
            continue
        key = _key(reader.prefix, commit)
        digest = hashlib.sha256(key.encode()).hexdigest()
        keys[commit.sha] = (key, digest)
        found = _MEMORY.commits.get(digest)
        if found is None and folder is not None:
            found = folder.get(key, digest)
            if found is not None:
                READS.from_disk += 1
                _MEMORY.commits[digest] = found
        if found is not None:
            known[commit.sha] = found
    unread = [commit for commit in raw if commit.sha not in cut and commit.sha not in known]
    for commit, (read, complete) in zip(unread, _read_commits(git, unread, files) if unread else [], strict=True):
        known[commit.sha] = read
        if complete and commit.sha in keys:
            key, digest = keys[commit.sha]
            _MEMORY.commits[digest] = read
            if folder is not None:
                folder.put(key, digest, read)
    result = []
    for commit in raw:
        if commit.sha in cut:
            result.append(Commit(commit.sha, commit.day, commit.subject, cut=True))
        else:
            changes, unreadable = known[commit.sha]
            result.append(Commit(commit.sha, commit.day, commit.subject, changes, unreadable))
    return result


def _uncommitted(git: _Git, prefix: str, data_dir: Path, files: _Files, working: Callable[[Path], Document] | None,
                 ) -> tuple[frozenset[str], dict[tuple[str, str], Records | None]]:
    """Ids of records whose working copy differs from HEAD, in files with uncommitted edits; and the records of
    the files compared, by blob id (what a commit of those edits will hold, and what it will change)."""
    out = git.run("status", "--porcelain", "-z", "--untracked-files=all", "--", prefix or ".")
    paths = []
    for entry in out.decode("utf-8", errors="replace").split("\x00"):
        if len(entry) > 3 and entry[3:].startswith(prefix) and collection_of(entry[3:][len(prefix):]):
            paths.append(entry[3:])
    compared: dict[tuple[str, str], Records | None] = {}
    if not paths:
        return frozenset(), compared
    try:
        committed = git.blobs(f"HEAD:{path}" for path in paths)
    except _GitError:  # no commit yet
        committed = {}
    ids: set[str] = set()
    for path in paths:
        collection = collection_of(path[len(prefix):])
        assert collection is not None
        file = data_dir / path[len(prefix):]
        if working is not None and file.is_file():
            # The file as the build just read it: parsed once, by the build (``mkdocs serve`` passes its cache).
            now = _document_records(working(file), collection) or {}
        else:
            content = file.read_bytes() if file.is_file() else None
            blob = _blob_id(content) if content is not None else _NULL_SHA
            now = files.records(blob, content, path, collection) or {}
            if content is not None:
                compared[(blob, collection)] = files.parsed[(blob, collection)]
        at_head = committed.get(f"HEAD:{path}")
        if at_head is None:
            before: Records = {}
        else:
            before = files.records(at_head[0], at_head[1], path, collection) or {}
            compared[(at_head[0], collection)] = files.parsed[(at_head[0], collection)]
        ids |= {key for key in now if now[key] != before.get(key)}
    return frozenset(ids), compared


def load_history(data_dir: Path, current_ids: Collection[str] | None = None, limit: int = LIMIT, *,
                 cache: bool = True, working: Callable[[Path], Document] | None = None) -> History:
    """The data folder's history: the last ``limit`` commits in full, and each current record's last change.

    The walk stops once the last ``limit`` commits are read and every id in ``current_ids`` is dated (all of
    history when ``current_ids`` is None). ``cache`` keeps what was read, in memory and in the cache folder, and
    takes what was kept (False: read everything from git, keep nothing). ``working`` reads a data file of the
    working tree as the build read it, so that a file with uncommitted edits is not parsed again.
    """
    if shutil.which("git") is None:
        return History.unavailable("git is not installed on the machine that built the site")
    try:
        top = Path(_Git(data_dir).run("rev-parse", "--show-toplevel").decode().strip())
        git = _Git(top)
        prefix = _Git(data_dir).run("rev-parse", "--show-prefix").decode().strip()
    except _GitError:
        return History.unavailable("the data folder is not in a git repository")
    try:
        shallow = git.run("rev-parse", "--is-shallow-repository").decode().strip() == "true"
        cut = _shallow_boundary(git) if shallow else frozenset()
    except _GitError:  # a git too old to answer: treat the clone as complete, as before
        shallow, cut = False, frozenset()
    head = git.head() if cache else None
    log_key = (str(top), prefix, head or "", tuple(sorted(cut)))
    raw = _MEMORY.log(log_key) if head is not None else None
    if raw is None:
        try:
            READS.logs += 1
            log = git.run("log", "--first-parent", "--raw", "--no-abbrev", "--no-renames", "--no-color", "-z",
                          "--no-show-signature", "--format=%x1e%H%x1f%P%x1f%cI%x1f%s", "--", prefix or ".")
        except _GitError as exc:
            if "does not have any commits" in str(exc):
                return History(True)
            return History.unavailable(f"git could not read the history ({exc})")
        raw = _parse_log(log, prefix)
        if head is not None:
            _MEMORY.log(log_key, raw)
    files = _Files(cache)
    reader = _Reader(git, prefix, cut, files, _cache_folder(git) if cache else None)
    try:
        uncommitted, compared = _uncommitted(git, prefix, data_dir, files, working)
        wanted = set(current_ids) - uncommitted if current_ids is not None else None
        commits: list[Commit] = []
        last_changed: dict[str, Commit] = {}
        for start in range(0, len(raw), limit):
            if start >= limit and wanted is not None and wanted <= last_changed.keys():
                break
            for commit in _commit_changes(reader, raw[start:start + limit]):
                commits.append(commit)
                for change in commit.changes:
                    if change.kind != "removed":
                        last_changed.setdefault(change.id, commit)
    except _GitError as exc:
        return History.unavailable(f"git could not read the history ({exc})")
    if cache:
        _MEMORY.files = compared
    if current_ids is not None:
        last_changed = {key: value for key, value in last_changed.items()
                        if key in current_ids and key not in uncommitted}
    return History(True, "", tuple(commits[:limit]), len(raw), last_changed, uncommitted, shallow)


def cache_folder(data_dir: Path) -> Path | None:
    """Where the history of the repository holding ``data_dir`` is kept between builds; None outside one."""
    folder = _cache_folder(_Git(data_dir))
    return folder.folder if folder is not None else None


def _cache_folder(git: _Git) -> _Folder | None:
    try:
        return _Folder(git.path(git.run("rev-parse", "--git-common-dir")) / CACHE_FOLDER)
    except _GitError:
        return None


def _shallow_boundary(git: _Git) -> frozenset[str]:
    """The commits of a shallow clone whose parents were not fetched (git lists them in ``.git/shallow``)."""
    file = git.path(git.run("rev-parse", "--git-path", "shallow"))
    try:
        return frozenset(file.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()
