"""The data's git history is read once per commit and kept (issue 17), and what is kept never changes the result.

Each test makes a real repository of the fictional briefing in ``tmp_path`` (git's user and system
configuration ignored, fixed names and dates) and compares the history loaded through the cache, from memory
and from the cache folder, with a read of git alone (``cache=False``): after more commits, an amend, a rebase,
a shallow clone and its unshallowing, uncommitted edits, a deleted or damaged cache folder. That nothing is
read again is shown by what git is asked (it may refuse to hand out files) and by the counts the module keeps
for benchmarks (:data:`briefing.git_history.READS`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import pytest

from briefing import git_history
from briefing.corpus import build_corpus
from briefing.git_history import READS, History, ReadCounts, load_history
from briefing.loader import Document
from briefing.pipeline import validate
from briefing.preview.documents import DocumentCache
from tests.helpers import FICTIONAL, copy_project, run_mkdocs

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

QUOTES = Path("data", "quotes", "2021-04.yml")


def _git(project: Path, *args: str, minute: int = 0) -> str:
    when = f"2026-03-01T12:{minute:02d}:00+00:00"
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.invalid",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.invalid",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True, text=True).stdout


def _edit(project: Path, path: Path, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def _commit(project: Path, message: str, minute: int) -> None:
    _git(project, "add", "-A", "data")
    _git(project, "commit", "-q", "-m", message, minute=minute)


@pytest.fixture(autouse=True)
def fresh_memory() -> Iterator[None]:
    git_history.clear_memory()  # as in a new process: other tests in this worker have filled it
    yield
    git_history.clear_memory()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fictional briefing with a history: a first commit, edits in two files, a record removed, a file
    broken and then mended, and a change to briefing.yml."""
    project = copy_project(FICTIONAL, tmp_path / "p")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "First facts")
    _edit(project, QUOTES, "We came for dialogue", "We came to talk")
    _commit(project, "Quotes: Bahram's words", 1)
    _edit(project, Path("data", "quotes", "2021-03.yml"), "Midvale is honoured to host", "Midvale is proud to host")
    _commit(project, "Quotes: Midvale", 2)
    _edit(project, QUOTES, "text: We came to talk", "text: [We came to talk")  # not YAML any more
    _commit(project, "Quotes: a slip", 3)
    _edit(project, QUOTES, "text: [We came to talk", "text: We came to talk")
    _commit(project, "Quotes: mended", 4)
    briefing = project / "data" / "briefing.yml"
    briefing.write_text(briefing.read_text(encoding="utf-8") + "\n# a comment only: no change\n", encoding="utf-8")
    _commit(project, "Briefing: a comment", 5)
    return project


def _ids(project: Path) -> frozenset[str]:
    parsed, result = validate(project / "data")
    assert result.ok and parsed.briefing is not None
    return frozenset(build_corpus(parsed.briefing, [e.record for e in parsed.entries]).by_id)


def _reads() -> ReadCounts:
    return dataclasses.replace(READS)


def _since(before: ReadCounts) -> ReadCounts:
    return ReadCounts(*(getattr(READS, f.name) - getattr(before, f.name) for f in dataclasses.fields(ReadCounts)))


def _load(project: Path, ids: frozenset[str] | None = None,
          working: Callable[[Path], Document] | None = None) -> tuple[History, ReadCounts]:
    """The history through the cache, checked against a read from git alone; and what the first read."""
    before = _reads()
    cached = load_history(project / "data", ids, working=working)
    reads = _since(before)
    uncached = load_history(project / "data", ids, cache=False)
    assert uncached.available
    assert cached == uncached
    return cached, reads


def _cache_files(project: Path) -> list[Path]:
    folder = git_history.cache_folder(project / "data")
    assert folder is not None
    return sorted(folder.rglob("*.json")) if folder.is_dir() else []


def test_the_cache_folder_is_in_the_git_folder_and_says_what_it_is(project: Path) -> None:
    load_history(project / "data")
    folder = git_history.cache_folder(project / "data")
    assert folder is not None and folder.resolve() == (project / ".git" / "briefing" / "history").resolve()
    assert "Safe to delete" in (folder / "README").read_text(encoding="utf-8")
    assert len(_cache_files(project)) == 6  # one file per commit
    assert _git(project, "status", "--porcelain") == ""  # nothing for git to see, nothing to ignore
    assert git_history.cache_folder(project.parent) is None  # outside a repository


@pytest.mark.parametrize("all_of_history", [True, False])
def test_cached_history_equals_an_uncached_read_from_memory_and_from_disk(project: Path, all_of_history: bool,
                                                                          ) -> None:
    ids = None if all_of_history else _ids(project)
    first, reads = _load(project, ids)
    assert reads.logs == 1 and reads.commits == 6 and reads.from_disk == 0
    assert len(first.commits) == 6 and first.commits[2].unreadable == (QUOTES.as_posix(),)
    assert first.commits[0].changes == ()  # a comment is no change
    assert _load(project, ids) == (first, ReadCounts())  # from memory: no log, no commit, no file
    git_history.clear_memory()
    assert _load(project, ids) == (first, ReadCounts(logs=1, from_disk=6))  # from the cache folder


def test_a_second_load_asks_git_for_no_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _ids(project)
    uncached = load_history(project / "data", ids, cache=False)
    load_history(project / "data", ids)
    git_history.clear_memory()  # a new build: only the cache folder is left

    def refuse(self: object, names: Iterable[str]) -> None:
        raise AssertionError(f"git was asked for files: {list(names)}")

    monkeypatch.setattr(git_history._Git, "blobs", refuse)
    assert load_history(project / "data", ids) == uncached


def test_only_new_commits_are_read(project: Path) -> None:
    load_history(project / "data", _ids(project))
    _edit(project, QUOTES, "We came to talk", "We came for talks")
    _commit(project, "Quotes: again", 6)
    found, reads = _load(project, _ids(project))
    assert found.commits[0].subject == "Quotes: again" and reads.commits == 1
    git_history.clear_memory()
    assert _load(project, _ids(project)) == (found, ReadCounts(logs=1, from_disk=7))


def test_an_amended_commit_is_read_again(project: Path) -> None:
    ids = _ids(project)
    kept = load_history(project / "data", ids)
    # The same message and date, another content.
    _edit(project, Path("data", "briefing.yml"), "# a comment only: no change", "# another comment")
    _edit(project, QUOTES, "We came to talk", "We came for talks")
    _git(project, "add", "-A", "data")
    _git(project, "commit", "-q", "--amend", "--no-edit", minute=5)
    amended, reads = _load(project, ids)
    assert reads.commits == 1 and amended != kept
    assert [(c.id, c.kind) for c in amended.commits[0].changes] == [("bahram-came-for-dialogue", "changed")]
    git_history.clear_memory()
    assert _load(project, ids)[0] == amended


def test_a_reworded_commit_is_read_again_with_the_same_result(project: Path) -> None:
    # Rewording keeps every blob and the parent, but not the commit's id.
    ids = _ids(project)
    kept = load_history(project / "data", ids)
    _git(project, "commit", "-q", "--amend", "-m", "Briefing: a comment, reworded", minute=5)
    reworded, reads = _load(project, ids)
    assert reworded.commits[0].subject == "Briefing: a comment, reworded" and reads.commits == 1
    assert reworded.commits[1:] == kept.commits[1:]


def test_a_rebased_branch_is_read_again(project: Path) -> None:
    ids = _ids(project)
    load_history(project / "data", ids)
    _git(project, "switch", "-q", "-c", "side", "HEAD~2")  # at "Quotes: a slip": the file does not parse
    _edit(project, QUOTES, "any of the upper river", "any part of the upper river")
    _commit(project, "Quotes: the upper river, on the side", 10)
    _edit(project, Path("data", "people.yml"), "Bahram Soltani", "Bahrám Soltani")
    _commit(project, "People: an accent, on the side", 11)
    on_side, _reads_on_side = _load(project, ids)
    assert on_side.commits[1].unreadable == (QUOTES.as_posix(),)
    # Onto main, which mended the file: the side's commits get new ids and parents, the first one new blobs
    # too, and what it changed can now be read. A result kept under its old id would say "unreadable".
    _git(project, "rebase", "-q", "main", minute=12)
    rebased, reads = _load(project, ids)
    assert reads.commits == 2
    assert [c.subject for c in rebased.commits][:3] == ["People: an accent, on the side",
                                                        "Quotes: the upper river, on the side",
                                                        "Briefing: a comment"]
    assert rebased.commits[1].unreadable == ()
    assert [(c.id, c.kind) for c in rebased.commits[1].changes] == [("north-official-upper-river", "changed")]
    git_history.clear_memory()
    assert _load(project, ids)[0] == rebased
    _git(project, "switch", "-q", "main")  # back: every commit of main is kept
    assert _load(project, ids)[1] == ReadCounts(logs=1)


def test_deleting_the_cache_folder_is_safe(project: Path) -> None:
    ids = _ids(project)
    first = load_history(project / "data", ids)
    folder = git_history.cache_folder(project / "data")
    assert folder is not None and folder.is_dir()
    shutil.rmtree(folder)
    git_history.clear_memory()
    again, reads = _load(project, ids)
    assert again == first and reads.commits == 6
    assert len(_cache_files(project)) == 6  # and kept again


def test_a_damaged_or_foreign_cache_file_is_not_used(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _ids(project)
    load_history(project / "data", ids)
    files = _cache_files(project)
    files[0].write_text("{not json", encoding="utf-8")
    kept = json.loads(files[1].read_text(encoding="utf-8"))
    files[1].write_text(json.dumps({**kept, "key": kept["key"] + "x", "changes": []}), encoding="utf-8")
    files[2].write_text(json.dumps({**kept, "changes": [["x", "quotes", "vanished"]]}), encoding="utf-8")
    git_history.clear_memory()
    _found, reads = _load(project, ids)
    assert reads.commits == 3 and reads.from_disk == 3
    # Other code (another version of the loader or of this module) keys its results otherwise.
    monkeypatch.setattr(git_history, "_code_digest", lambda: "another version")
    git_history.clear_memory()
    _found, reads = _load(project, ids)
    assert reads.commits == 6 and reads.from_disk == 0


def test_a_serve_rebuild_reads_no_history_until_head_moves(project: Path) -> None:
    documents = DocumentCache()
    working = partial(documents.load, root=project)

    def rebuild() -> tuple[History, ReadCounts]:
        parsed, _result = validate(project / "data", project, documents=documents)  # what the build reads
        assert parsed.briefing is not None
        ids = frozenset(build_corpus(parsed.briefing, [e.record for e in parsed.entries]).by_id)
        return _load(project, ids, working)

    rebuild()
    found, reads = rebuild()
    assert found.uncommitted == frozenset() and reads == ReadCounts()
    # An edit, not committed: git status sees it; the file at HEAD is parsed once, the working copy not at all.
    _edit(project, QUOTES, "We came to talk", "We came for talks")
    found, reads = rebuild()
    assert found.uncommitted == {"bahram-came-for-dialogue"} and reads == ReadCounts(files=1)
    assert "bahram-came-for-dialogue" not in found.last_changed
    _edit(project, QUOTES, "We came for talks", "We came for peace")
    found, reads = rebuild()
    assert found.uncommitted == {"bahram-came-for-dialogue"} and reads == ReadCounts()
    _edit(project, QUOTES, "We came for peace", "We came to talk")  # undone: nothing uncommitted
    assert rebuild()[0].uncommitted == frozenset()
    _edit(project, QUOTES, "We came to talk", "We came for talks")
    rebuild()
    # Committed: HEAD moved, so the log is read again, and the one new commit: its parent's file is the one the
    # edit was compared with, kept; the new file is parsed (the build's own reading of it is not kept).
    _commit(project, "Quotes: for talks", 6)
    found, reads = rebuild()
    assert found.uncommitted == frozenset() and found.commits[0].subject == "Quotes: for talks"
    assert found.last_changed["bahram-came-for-dialogue"] == found.commits[0]
    assert reads == ReadCounts(logs=1, commits=1, files=1)


NEW_QUOTES = """\
- id: ada-river-belongs
  text: The river belongs to both
  speaker: ada-north
  date: 2021-03-01
  round: round-1
  sources: [{source: gazette-2021-03-02, locator: "para 4"}]
"""


def test_uncommitted_edits_in_a_build(project: Path) -> None:
    # Without a serve session, the edited files are parsed here, and kept by their blob id.
    _edit(project, QUOTES, "We came to talk", "We came for talks")
    (project / "data" / "quotes" / "2021-05.yml").write_text(NEW_QUOTES, encoding="utf-8")  # not even added
    found, _reads_first = _load(project, _ids(project))
    assert found.uncommitted == {"bahram-came-for-dialogue", "ada-river-belongs"}
    # Again: the working copies and the file at HEAD are known by their blob ids.
    assert _load(project, _ids(project))[1] == ReadCounts()


def test_a_shallow_clone_and_its_unshallowing(project: Path, tmp_path: Path) -> None:
    _git(tmp_path, "clone", "-q", "--depth", "2", f"file://{project}", "clone")
    clone = tmp_path / "clone"
    ids = _ids(clone)
    found, _reads_first = _load(clone, ids)
    assert found.shallow and [c.cut for c in found.commits] == [False, True]
    assert len(_cache_files(clone)) == 1  # the boundary's changes are unknown: not kept
    git_history.clear_memory()
    assert _load(clone, ids) == (found, ReadCounts(logs=1, from_disk=1))
    _git(clone, "fetch", "-q", "--unshallow")
    complete, reads = _load(clone, ids)
    assert not complete.shallow and not any(c.cut for c in complete.commits)
    assert reads.logs == 1 and reads.commits == 5  # all but the newest, which is kept


def test_builds_from_the_cache_are_byte_identical(project: Path, tmp_path: Path) -> None:
    def build(name: str) -> dict[str, bytes]:
        site = tmp_path / name
        done = run_mkdocs("build", "--strict", "-d", str(site), cwd=project)
        assert done.returncode == 0, done.stdout + done.stderr
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    _edit(project, QUOTES, "We came to talk", "We came for talks")  # and one edit not committed
    cold = build("cold")
    assert len(_cache_files(project)) == 6
    warm = build("warm")
    assert warm == cold
    assert b"Last changed: edits not yet committed" in cold["quotes/bahram-came-for-dialogue/index.html"]


def test_the_benchmarks_tracked_briefing_edits_one_record_per_commit(tmp_path: Path) -> None:
    from benchmarks import generate, tracked  # noqa: PLC0415 - the benchmarks' own case (issue 17)

    project = tmp_path / "tracked"
    generated = generate.write(60, project)
    shas = tracked.track(project, generated, commits=4)
    found, _reads_first = _load(project)
    assert [c.sha for c in found.commits] == shas and found.total == 5
    assert [len(c.changes) for c in found.commits[:4]] == [1, 1, 1, 1]
    assert {c.changes[0].kind for c in found.commits[:4]} == {"changed"}
    assert [c.changes[0].collection for c in reversed(found.commits[:4])] == ["quotes", "positions", "quotes",
                                                                               "people"]
    untracked = tracked.untracked_copy(project, tmp_path / "untracked")
    assert not (untracked / ".git").exists() and (untracked / "data" / "quotes.yml").is_file()
