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
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from briefing.diagnostics import BriefingError
from briefing.loader import collection_of, decode_text, parse_document
from briefing.model import BRIEFING_FILE, COLLECTIONS, FuzzyDate

LIMIT = 50
BRIEFING_KEY = f"{BRIEFING_FILE}.yml"  # the briefing as a whole; never a record id (ids have no dot)
_NULL_SHA = "0" * 40
_TIMEOUT = 60

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

    def blobs(self, names: Iterable[str]) -> dict[str, bytes | None]:
        """Contents of objects named ``SHA`` or ``REV:path``, read in one ``git cat-file --batch``."""
        wanted = list(dict.fromkeys(names))
        if not wanted:
            return {}
        out = self.run("cat-file", "--batch", data="".join(f"{n}\n" for n in wanted).encode())
        found: dict[str, bytes | None] = {}
        position = 0
        for name in wanted:
            end = out.index(b"\n", position)
            header = out[position:end].split()
            position = end + 1
            if len(header) < 3 or header[1] != b"blob":
                found[name] = None
                continue
            size = int(header[2])
            found[name] = out[position:position + size]
            position += size + 1
        return found


Records = dict[str, tuple[str, Any]]  # id -> (collection, the record's plain values)


def _records(content: bytes | None, name: str, collection: str) -> Records | None:
    """The records in one file's content, keyed by id; None when the file cannot be read."""
    if content is None:
        return {}
    try:
        document = parse_document(decode_text(content, name), name)
    except BriefingError:
        return None
    if collection == "briefing":
        return {BRIEFING_KEY: ("briefing", document.data)}
    if document.data is None:
        return {}
    if not isinstance(document.data, list):
        return None
    return {item["id"]: (collection, item) for item in document.data
            if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _diff(old: Records, new: Records) -> list[Change]:
    changes = [Change(key, new[key][0], "added") for key in new.keys() - old.keys()]
    changes += [Change(key, old[key][0], "removed") for key in old.keys() - new.keys()]
    changes += [Change(key, new[key][0], "changed") for key in old.keys() & new.keys() if old[key] != new[key]]
    order = {"briefing": 0, **{name: i + 1 for i, name in enumerate(sorted(COLLECTIONS))}}
    return sorted(changes, key=lambda c: (order.get(c.collection, 99), c.id))


@dataclass
class _RawCommit:
    sha: str
    day: str
    subject: str
    files: list[tuple[str, str, str, str]]  # (path in repo, collection, old blob, new blob)


def _parse_log(out: bytes, prefix: str) -> list[_RawCommit]:
    commits: list[_RawCommit] = []
    for chunk in out.decode("utf-8", errors="replace").split("\x1e")[1:]:
        header, _, rest = chunk.partition("\x00")
        sha, day, subject = ([*header.split("\x1f"), "", ""])[:3]
        tokens = rest.strip("\n").split("\x00")
        files = []
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            fields = meta.strip().split()
            if len(fields) < 5 or not path.startswith(prefix):
                continue
            collection = collection_of(path[len(prefix):])
            if collection is not None:
                files.append((path, collection, fields[2], fields[3]))
        commits.append(_RawCommit(sha.strip(), day[:10], subject.strip(), files))
    return commits


def _commit_changes(git: _Git, raw: list[_RawCommit], cut: frozenset[str] = frozenset()) -> list[Commit]:
    shas = [sha for commit in raw if commit.sha not in cut
            for _path, _c, old, new in commit.files for sha in (old, new) if sha != _NULL_SHA]
    contents = git.blobs(shas)
    parsed: dict[tuple[str, str], Records | None] = {}

    def records(sha: str, path: str, collection: str) -> Records | None:
        if sha == _NULL_SHA:
            return {}
        if (sha, path) not in parsed:
            parsed[(sha, path)] = _records(contents.get(sha), path, collection)
        return parsed[(sha, path)]

    result = []
    for commit in raw:
        if commit.sha in cut:
            result.append(Commit(commit.sha, commit.day, commit.subject, cut=True))
            continue
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
        result.append(Commit(commit.sha, commit.day, commit.subject, tuple(_diff(old, new)), tuple(unreadable)))
    return result


def _uncommitted(git: _Git, prefix: str) -> frozenset[str]:
    """Ids of records whose working copy differs from HEAD, in files with uncommitted edits."""
    out = git.run("status", "--porcelain", "-z", "--untracked-files=all", "--", prefix or ".")
    paths = []
    for entry in out.decode("utf-8", errors="replace").split("\x00"):
        if len(entry) > 3 and entry[3:].startswith(prefix) and collection_of(entry[3:][len(prefix):]):
            paths.append(entry[3:])
    if not paths:
        return frozenset()
    try:
        committed = git.blobs(f"HEAD:{path}" for path in paths)
    except _GitError:  # no commit yet
        committed = {}
    ids: set[str] = set()
    for path in paths:
        collection = collection_of(path[len(prefix):])
        assert collection is not None
        file = git.top / path
        now = _records(file.read_bytes() if file.is_file() else None, path, collection) or {}
        before = _records(committed.get(f"HEAD:{path}"), path, collection) or {}
        ids |= {key for key in now if now[key] != before.get(key)}
    return frozenset(ids)


def load_history(data_dir: Path, current_ids: Collection[str] | None = None, limit: int = LIMIT) -> History:
    """The data folder's history: the last ``limit`` commits in full, and each current record's last change.

    The walk stops once the last ``limit`` commits are read and every id in ``current_ids`` is dated (all of
    history when ``current_ids`` is None).
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
        log = git.run("log", "--first-parent", "--raw", "--no-abbrev", "--no-renames", "--no-color", "-z",
                      "--no-show-signature", "--format=%x1e%H%x1f%cI%x1f%s", "--", prefix or ".")
    except _GitError as exc:
        if "does not have any commits" in str(exc):
            return History(True)
        return History.unavailable(f"git could not read the history ({exc})")
    raw = _parse_log(log, prefix)
    try:
        shallow = git.run("rev-parse", "--is-shallow-repository").decode().strip() == "true"
        cut = _shallow_boundary(git) if shallow else frozenset()
    except _GitError:  # a git too old to answer: treat the clone as complete, as before
        shallow, cut = False, frozenset()
    try:
        uncommitted = _uncommitted(git, prefix)
        wanted = set(current_ids) - uncommitted if current_ids is not None else None
        commits: list[Commit] = []
        last_changed: dict[str, Commit] = {}
        for start in range(0, len(raw), limit):
            if start >= limit and wanted is not None and wanted <= last_changed.keys():
                break
            for commit in _commit_changes(git, raw[start:start + limit], cut):
                commits.append(commit)
                for change in commit.changes:
                    if change.kind != "removed":
                        last_changed.setdefault(change.id, commit)
    except _GitError as exc:
        return History.unavailable(f"git could not read the history ({exc})")
    if current_ids is not None:
        last_changed = {key: value for key, value in last_changed.items()
                        if key in current_ids and key not in uncommitted}
    return History(True, "", tuple(commits[:limit]), len(raw), last_changed, uncommitted, shallow)


def _shallow_boundary(git: _Git) -> frozenset[str]:
    """The commits of a shallow clone whose parents were not fetched (git lists them in ``.git/shallow``)."""
    path = Path(git.run("rev-parse", "--git-path", "shallow").decode().strip())
    file = path if path.is_absolute() else git.top / path
    try:
        return frozenset(file.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()
