"""axe-core in the browser: no serious or critical violations, in the light and the dark scheme."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .support import ARTIFACTS, SHOWCASE, Browse, Scheme, Site, screenshot_path, showcase_path

if TYPE_CHECKING:
    from playwright.sync_api import Page

MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}
BLOCKING = ("serious", "critical")


def _axe(page: Page, axe_js: Path) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(axe_js))
    results: dict[str, Any] = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def _check(violations: list[dict[str, Any]], name: str) -> None:
    """Fail with a readable list of violations, also saved as tests/artifacts/browser/axe-NAME.json."""
    report = ARTIFACTS / f"axe-{name}.json"
    if not violations:
        report.unlink(missing_ok=True)  # a report left over from an earlier, failing run
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(violations, indent=2), encoding="utf-8")
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        lines += [f"    {node['target']}: {node['failureSummary']}".replace("\n", " ") for node in v["nodes"][:5]]
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.mark.parametrize("scheme", list(MATERIAL_SCHEMES))
@pytest.mark.parametrize("name", SHOWCASE)
def test_no_serious_axe_violations(name: str, scheme: Scheme, served_shipped: Site, browse: Browse,
                                   axe_js: Path) -> None:
    page = browse.open(served_shipped.url(showcase_path(served_shipped, name)), scheme=scheme)
    # The palette follows prefers-color-scheme: make sure the scheme under test is the one shown.
    assert page.evaluate("document.body.dataset.mdColorScheme") == MATERIAL_SCHEMES[scheme]
    if scheme == "dark":
        page.screenshot(path=screenshot_path(f"{name}-desktop-dark"), full_page=True)
    _check(_axe(page, axe_js), f"{name}-{scheme}")


@pytest.mark.parametrize("scheme", list(MATERIAL_SCHEMES))
def test_no_serious_axe_violations_on_a_right_to_left_quote(scheme: Scheme, served_fixture: Site, browse: Browse,
                                                           axe_js: Path) -> None:
    page = browse.open(served_fixture.url("people/darius-rahimi/"), scheme=scheme)
    _check(_axe(page, axe_js), f"fixture-person-{scheme}")
