"""Session-wide builds: the shipped briefing and the fictional ones are each built once and shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import CONTESTED, FICTIONAL, ROOT, built_site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own briefing (mkdocs.yml at the root), built with --strict."""
    return built_site(ROOT, tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture(scope="session")
def fictional_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional briefing in tests/fictional, built with --strict."""
    return built_site(FICTIONAL, tmp_path_factory.mktemp("fictional") / "site")


@pytest.fixture(scope="session")
def contested_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional multi-source briefing in tests/contested, built with --strict."""
    return built_site(CONTESTED, tmp_path_factory.mktemp("contested") / "site")
