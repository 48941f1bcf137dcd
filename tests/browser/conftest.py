"""Fixtures for the real-browser tests: the built sites served on 127.0.0.1, system Chromium, axe-core.

The shipped and fictional briefings are the session builds of tests/conftest.py (`shipped_site`,
`fictional_site`); tests/browser/site is built here.

Every page a test opens through ``browse`` is watched: a request to anything but the local server, a
console error or an uncaught exception fails the test when it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .support import (
    AXE_JS,
    CHROMIUM_FLAGS,
    FIXTURE_CONFIG,
    NAVIGATION_TIMEOUT_MS,
    ROOT,
    Browse,
    Site,
    build_site,
    find_chromium,
    require,
    serve,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def served_shipped(shipped_site: Path) -> Iterator[Site]:
    """The repository's own briefing, served: built once per session by tests/conftest.py."""
    with serve(shipped_site) as base:
        yield Site(shipped_site, base)


@pytest.fixture(scope="session")
def served_fictional(fictional_site: Path) -> Iterator[Site]:
    """The fictional briefing of tests/fictional (built by tests/conftest.py), served."""
    with serve(fictional_site) as base:
        yield Site(fictional_site, base)


@pytest.fixture(scope="session")
def served_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """tests/browser/site: a small briefing with a person's alias and an original Persian quote."""
    root = build_site(FIXTURE_CONFIG, tmp_path_factory.mktemp("browser-fixture") / "site")
    with serve(root) as base:
        yield Site(root, base)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - skip, not crash, when missing
    except ImportError:
        require(False, "the playwright package is not installed (pip install -e '.[test]')")
        raise  # not reached: require() skips or fails
    executable = find_chromium()
    require(executable is not None, "Chromium is not installed (apt-get install chromium)")
    assert executable is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_FLAGS),
                                             timeout=NAVIGATION_TIMEOUT_MS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(autouse=True)
def _chromium_first(chromium: Browser) -> None:
    """Every test here drives the browser: look for it before building any site, so a skip is quick."""


@pytest.fixture(scope="session")
def axe_js() -> Path:
    require(AXE_JS.is_file(), f"axe-core is not installed ({AXE_JS.relative_to(ROOT)}): "
            "npm ci --prefix tests/browser")
    return AXE_JS


@pytest.fixture
def browse(chromium: Browser) -> Iterator[Browse]:
    """Watched pages for one test: no request may leave 127.0.0.1 and no page may log an error."""
    session = Browse(chromium)
    yield session
    session.close()
    problems = session.problems()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
