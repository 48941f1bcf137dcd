"""Helpers for the real-browser tests: prerequisites, building and serving sites, watched pages.

Chromium is Debian's (`apt-get install chromium`), driven by the `playwright` Python package with
``executable_path`` (Playwright's own browser downloads are never used); axe-core comes from npm
(`npm ci --prefix tests/browser`). Without them these tests skip locally; with ``CI=true`` a missing
piece is a failure, so CI can never pass by skipping them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

import pytest

from tests.helpers import copy_project

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Error, Page, Request

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts" / "browser"
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
FIXTURE_CONFIG = HERE / "site" / "mkdocs.yml"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
LOCAL_HOST = "127.0.0.1"
# Every wait is bounded: Playwright actions and navigations, the site builds, the server's shutdown.
ACTION_TIMEOUT_MS = 15_000
NAVIGATION_TIMEOUT_MS = 30_000
BUILD_TIMEOUT_S = 300
SERVER_STOP_TIMEOUT_S = 10
Scheme = Literal["light", "dark"]

# The pages the layout and accessibility tests look at: the home page, the matrix, the timeline, and the
# round and person pages with the most on them (so the data can change without editing the tests).
SHOWCASE = ("home", "round", "person", "matrix", "timeline")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def require(present: bool, what: str) -> None:
    """Skip when a browser-test prerequisite is missing, but fail under CI=true."""
    if present:
        return
    if in_ci():
        pytest.fail(f"{what}; CI=true, so the browser tests must run (see .ci/run)", pytrace=False)
    pytest.skip(what)


def find_chromium() -> str | None:
    """The system Chromium: $BRIEFING_CHROMIUM if set, else Debian's /usr/bin/chromium or one on PATH."""
    override = os.environ.get("BRIEFING_CHROMIUM")
    if override:
        return override if Path(override).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


# --- the sites ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """A built site and the address it is served at."""

    root: Path
    base: str  # "http://127.0.0.1:PORT/"

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def pages(self) -> list[str]:
        """Every HTML page of the site, as a path relative to the root ('' for the home page)."""
        return [file.relative_to(self.root).as_posix().removesuffix("index.html")
                for file in sorted(self.root.rglob("*.html"))]


def build_site(config: Path, out: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(out)]
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True,
                            timeout=BUILD_TIMEOUT_S, check=False)
    assert result.returncode == 0, f"mkdocs build -f {config} failed:\n{result.stdout}{result.stderr}"
    return out


def build_shipped(tmp_path: Path, setting: str, new: str, *, site_url: str | None = None) -> Path:
    """The shipped briefing built into ``tmp_path/site`` with one line of its mkdocs.yml, ``setting``, changed
    to ``new`` (a theme feature, the language), and ``site_url`` set when given."""
    project = copy_project(ROOT, tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert setting in text, f"the shipped mkdocs.yml has no {setting!r}"
    text = text.replace(setting, new, 1)
    config.write_text(f"site_url: {site_url}\n{text}" if site_url else text, encoding="utf-8")
    return build_site(config, tmp_path / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # The browser may drop a connection it no longer needs; that is not a site error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port; yields the base URL."""
    server = _Server((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=SERVER_STOP_TIMEOUT_S)


@contextmanager
def served_instant(tmp_path: Path) -> Iterator[Site]:
    """The shipped briefing with Material's ``navigation.instant``, built into ``tmp_path/site`` and served.
    Instant navigation needs the site's address (it tells its own pages from others by it), so the server
    starts first."""
    root = tmp_path / "site"
    root.mkdir()
    with serve(root) as base:
        yield Site(build_shipped(tmp_path, "  features:\n", "  features:\n    - navigation.instant\n", site_url=base),
                   base)


def showcase_path(site: Site, name: str) -> str:
    """The path of one of the SHOWCASE pages on a site."""
    fixed = {"home": "", "matrix": "matrix/", "timeline": "timeline/"}
    if name in fixed:
        return fixed[name]
    collection = {"round": "rounds", "person": "people"}[name]
    records = list((site.root / collection).glob("*/index.html"))
    assert records, f"the site has no {collection} pages"
    richest = max(records, key=lambda p: (p.stat().st_size, p.parent.name))
    return f"{collection}/{richest.parent.name}/"


def screenshot_path(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"


# --- watched pages --------------------------------------------------------------------------------


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True  # made inside the page: nothing leaves the machine
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == LOCAL_HOST


@dataclass
class Watch:
    """Everything the pages of one test asked the network for, and every error they reported."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.page.url if message.page else "?"
            self.errors.append(f"console error on {where}: {message.text}")

    def on_page_error(self, error: Error) -> None:
        self.errors.append(f"uncaught exception: {error.message}")

    @property
    def external(self) -> list[str]:
        return sorted({url for url in self.requests if not is_local(url)})


@dataclass
class Browse:
    """Opens watched pages, each in a fresh browser context with its own viewport and colour scheme."""

    browser: Browser
    watch: Watch = field(default_factory=Watch)
    contexts: list[BrowserContext] = field(default_factory=list)

    def new_page(self, *, width: int = 1280, height: int = 800, scheme: Scheme = "light") -> Page:
        context = self.browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                           service_workers="block", reduced_motion="reduce")
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        # On the context, so that requests made by Material's search worker are seen too.
        context.on("request", self.watch.on_request)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", self.watch.on_console)
        page.on("pageerror", self.watch.on_page_error)
        return page

    def open(self, url: str, *, width: int = 1280, height: int = 800, scheme: Scheme = "light") -> Page:
        page = self.new_page(width=width, height=height, scheme=scheme)
        goto(page, url)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        self.contexts.clear()

    def problems(self) -> list[str]:
        return [f"request left {LOCAL_HOST}: {url}" for url in self.watch.external] + self.watch.errors


def goto(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None, f"no response for {url}"
    assert response.status == 200, f"{url}: HTTP {response.status}"
