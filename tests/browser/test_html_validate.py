"""html-validate (npm, pinned by package-lock.json) on every page of the built sites: nothing from the plugin.

A page is the plugin's markup inside Material's: what the plugin writes is the content of every page (all
of Material's ``<article class="md-content__inner">``: the generated pages, the blocks placed in hand-written
pages, the closing line), each page's ``<title>`` (from the title the plugin gives a generated page) and the
feed ``<link>``s in the ``<head>``. The filter is by where a finding is, not only by rule:

- in the plugin's markup, every finding of every rule of ``html-validate:recommended`` fails the test, save
  one: trailing whitespace on a line with nothing else on it, which is the indentation of Material's
  template around the page content (the plugin's templates are not indented);
- outside it, findings are Material's own and are allowed only for the rules in ``THEME_RULES``, each with
  the markup of Material's that triggers it, so that any other finding, wherever it is, fails as well.

Two kinds of finding in the plugin's markup come from ``briefing/render/pages.py`` and wait on a change
there: ``PENDING`` lists them; ``test_nothing_pending_in_the_plugin_markup`` is an expected failure until
then (strict: once they are gone it fails, and the entries and the mark are to be removed).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from .support import HERE, require

HTML_VALIDATE = HERE / "node_modules" / ".bin" / "html-validate"
TIMEOUT_S = 300
CONFIG = {"root": True, "extends": ["html-validate:recommended"]}

# Rules that only Material's markup triggers on these sites, and what of it triggers them.
THEME_RULES = {
    "no-trailing-whitespace": "the indentation of Material's templates leaves lines of spaces",
    "doctype-style": "Material writes <!doctype html> in lowercase",
    "valid-id": "Material's ids for its toggles begin with '__' (__drawer, __search, __nav_2, __palette_0)",
    "attribute-allowed-values": 'Material writes tabindex="" on the navigation\'s section labels',
    "valid-autocomplete": 'Material\'s toggle checkboxes carry autocomplete="off"',
    "wcag/h32": "Material's search form has no submit button: it searches as you type",
    "no-raw-characters": "Material prints the navigation titles of mkdocs.yml unescaped ('Data & feeds')",
    "unique-landmark": "Material's navigation <nav>s and table of contents have no names of their own",
}
# Findings in the plugin's markup that a change to briefing/render/pages.py removes: (rule, what it is about).
# A finding's markup begins where html-validate points: at the attribute, for an attribute's rule.
PENDING = {
    ("aria-label-misuse", 'aria-label="Sources">['),  # PageContext.cites: <span class="br-cites" aria-label=…>
    ("aria-label-misuse", 'aria-label="Accounts of the '),  # PageContext.accounts: <ul class="br-accounts" …>
    ("long-title", "<title>"),  # Renderer.record_page: page titles that, with the site's name, pass 70 characters
}

_CONTENT = re.compile(r'<article class="md-content__inner md-typeset">')
_ARTICLE_TAG = re.compile(r"<(/?)article\b")
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_FEED_LINK = re.compile(r'<link rel="alternate" type="application/(?:atom\+xml|feed\+json)"[^>]*>')


@dataclass(frozen=True)
class Finding:
    page: str
    line: int
    rule: str
    message: str
    markup: str  # the source from the finding's position on

    @property
    def pending(self) -> bool:
        return any(self.rule == rule and self.markup.startswith(what) for rule, what in PENDING)

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.rule}: {self.message}: {self.markup[:70]!r}"


def _plugin_spans(html: str) -> list[tuple[int, int]]:
    """Where the plugin's markup is in a page: the content article (to its own closing tag), title, feed links."""
    spans = [(m.start(), m.end()) for pattern in (_TITLE, _FEED_LINK) for m in pattern.finditer(html)]
    start = _CONTENT.search(html)
    if start is not None:
        depth = 0
        for tag in _ARTICLE_TAG.finditer(html, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                spans.append((start.start(), tag.end()))
                break
    return spans


def _validate(site: Path, tmp_path: Path) -> tuple[list[Finding], list[Finding]]:
    """html-validate on every page of ``site``: (findings in the plugin's markup, findings elsewhere)."""
    require(shutil.which("node") is not None, "Node.js is not installed (apt-get install nodejs npm)")
    require(HTML_VALIDATE.is_file(), "html-validate is not installed: npm ci --prefix tests/browser")
    config = tmp_path / "htmlvalidate.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    report = tmp_path / "report.json"  # a file: Node cuts a long report short on a pipe when it exits
    done = subprocess.run([str(HTML_VALIDATE), "--config", str(config), "--formatter", f"json={report}",
                           "--ext", "html", str(site)], capture_output=True, text=True, timeout=TIMEOUT_S,
                          check=False, cwd=HERE)
    assert done.returncode in (0, 1), done.stderr  # 1: findings, reported below
    results = json.loads(report.read_text(encoding="utf-8"))
    ours: list[Finding] = []
    theirs: list[Finding] = []
    for result in results:
        path = Path(result["filePath"])
        html = path.read_text(encoding="utf-8")
        lines = html.split("\n")
        spans = _plugin_spans(html)
        for message in result["messages"]:
            offset = message["offset"]  # the same as Python's index in a page without characters beyond U+FFFF
            # A <title> finding points just past the element; count it as the title's.
            if message["ruleId"] == "long-title":
                offset = html.index("<title>")
            finding = Finding(path.relative_to(site).as_posix(), message["line"], message["ruleId"],
                              message["message"], html[offset:offset + 200])
            indentation = finding.rule == "no-trailing-whitespace" and not lines[message["line"] - 1].strip()
            if any(a <= offset < b for a, b in spans) and not indentation:
                ours.append(finding)
            else:
                theirs.append(finding)
    return ours, theirs


@pytest.fixture(scope="module")
def findings(shipped_site: Path, contested_site: Path, tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, tuple[list[Finding], list[Finding]]]:
    """The shipped briefing, and the contested one for what it alone has (accounts, wordings, changes)."""
    return {name: _validate(site, tmp_path_factory.mktemp(f"html-validate-{name}"))
            for name, site in (("shipped", shipped_site), ("contested", contested_site))}


@pytest.mark.parametrize("site", ["shipped", "contested"])
def test_no_findings_in_the_plugin_markup(site: str, findings: dict[str, tuple[list[Finding], list[Finding]]]
                                          ) -> None:
    ours, _theirs = findings[site]
    unexpected = [f for f in ours if not f.pending]
    assert not unexpected, "\n".join(str(f) for f in unexpected[:40])


@pytest.mark.parametrize("site", ["shipped", "contested"])
def test_theme_findings_are_only_the_known_ones(site: str, findings: dict[str, tuple[list[Finding], list[Finding]]]
                                                ) -> None:
    _ours, theirs = findings[site]
    unknown = [f for f in theirs if f.rule not in THEME_RULES]
    assert not unknown, "\n".join(str(f) for f in unknown[:40])
    # The theme's findings are really there: the filter filters something, and the validator ran.
    assert Counter(f.rule for f in theirs)["valid-id"] > 0


def test_nothing_pending_in_the_plugin_markup(findings: dict[str, tuple[list[Finding], list[Finding]]]) -> None:
    pending = [f for ours, _theirs in findings.values() for f in ours if f.pending]
    assert not pending, "\n".join(str(f) for f in pending[:40])
