"""``mkdocs serve`` on a copy of the fictional briefing: a broken edit keeps the last good page, a fix shows."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path

import pytest

from tests.helpers import FICTIONAL, copy_project, mkdocs_env

QUOTE_PAGE = "quotes/ada-share-the-river/"
OLD_TEXT = "We’re here to share the river, not to divide it."
NEW_TEXT = "We’re here to share the river, and to keep it clean."


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(condition: Callable[[], bool], timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}; server log:\n"
                         + log.read_text(encoding="utf-8", errors="replace"))


class Server:
    """A running ``mkdocs serve``: its address, the project it serves and its log."""

    def __init__(self, base: str, project: Path, log: Path) -> None:
        self.base = base
        self.project = project
        self.log = log

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def logged(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def serving(project: Path, log: Path, *flags: str, ready: str = QUOTE_PAGE) -> Iterator[Server]:
    """A real ``mkdocs serve`` of ``project`` on a free port, until the block ends."""
    port = free_port()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *flags, "-a", f"127.0.0.1:{port}"], cwd=project,
            env=mkdocs_env(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        served = Server(f"http://127.0.0.1:{port}/", project, log)
        wait_for(lambda: served.get(ready)[0] == 200, 60, "the server to answer", log)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with serving(copy_project(FICTIONAL, tmp_path / "project"), tmp_path / "serve.log") as served:
        yield served


BANNER = 'class="br-problems" role="alert"'


def test_broken_edit_keeps_serving_and_a_fix_shows(server: Server) -> None:
    status, html = server.get(QUOTE_PAGE)
    assert status == 200
    assert OLD_TEXT in html

    quotes = server.project / "data" / "quotes" / "2021-03.yml"
    good = quotes.read_text(encoding="utf-8")
    quotes.write_text(good.replace("speaker: ada-north", "speaker: ada-nort", 1), encoding="utf-8")
    wait_for(lambda: "data/quotes/2021-03.yml:3:12: error[BR201]" in server.logged(), 30,
             "the rebuild to report the broken reference", server.log)
    status, html = server.get(QUOTE_PAGE)
    assert status == 200
    assert OLD_TEXT in html
    assert "did you mean 'ada-north'?" in server.logged()

    quotes.write_text(good.replace(OLD_TEXT, NEW_TEXT, 1), encoding="utf-8")
    wait_for(lambda: NEW_TEXT in server.get(QUOTE_PAGE)[1], 30, "the page to show the fixed quote", server.log)
    assert OLD_TEXT not in server.get(QUOTE_PAGE)[1]


def _break_a_reference(project: Path) -> tuple[Path, str]:
    quotes = project / "data" / "quotes" / "2021-03.yml"
    good = quotes.read_text(encoding="utf-8")
    quotes.write_text(good.replace("speaker: ada-north", "speaker: ada-nort", 1), encoding="utf-8")
    return quotes, good


@pytest.mark.parametrize("flags", [(), ("--dirty",)])
def test_every_served_page_shows_the_errors_until_they_are_fixed(tmp_path: Path, flags: tuple[str, ...]) -> None:
    with serving(copy_project(FICTIONAL, tmp_path / "project"), tmp_path / "serve.log", *flags) as server:
        assert BANNER not in server.get("")[1]
        quotes, good = _break_a_reference(server.project)
        # An unrelated page shows it too: the editor may be looking at any page.
        wait_for(lambda: BANNER in server.get("parties/midvale/")[1], 30, "the banner", server.log)
        for path in ("", QUOTE_PAGE, "parties/midvale/"):
            html = unescape(server.get(path)[1])
            assert "<code>data/quotes/2021-03.yml:3:12</code>: unknown person or organization 'ada-nort'" in html
            assert "last version that built" in html
        assert OLD_TEXT in server.get(QUOTE_PAGE)[1]  # the last good page, under the banner
        quotes.write_text(good, encoding="utf-8")
        wait_for(lambda: BANNER not in server.get("parties/midvale/")[1], 30, "the banner to go", server.log)
        assert BANNER not in server.get(QUOTE_PAGE)[1] and BANNER not in server.get("")[1]


def test_serve_starts_on_broken_data_and_recovers(tmp_path: Path) -> None:
    project = copy_project(FICTIONAL, tmp_path / "project")
    quotes, good = _break_a_reference(project)
    with serving(project, tmp_path / "serve.log", ready="") as server:
        html = server.get("")[1]
        assert BANNER in html and "cannot be built until these are fixed" in html
        assert server.get(QUOTE_PAGE)[0] == 404
        quotes.write_text(good, encoding="utf-8")
        wait_for(lambda: server.get(QUOTE_PAGE)[0] == 200, 30, "the record pages", server.log)
        assert BANNER not in server.get(QUOTE_PAGE)[1]
