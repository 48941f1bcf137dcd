"""Keeps the benchmark code (``benchmarks/``) working, without timing anything.

A small generated briefing must pass ``briefing check --strict`` and ``mkdocs build --strict``, and its Markdown
twin must build strictly into the same pages.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from benchmarks import generate, twin
from tests.helpers import build_site, mkdocs_env

N = 60


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_counts_follow_the_mix() -> None:
    counts = generate.counts(5000)
    assert sum(counts.values()) == 5000
    assert counts["quotes"] == 2750
    assert counts["positions"] == 1250
    assert counts["rounds"] == 100
    small = generate.counts(N)
    assert sum(small.values()) == N
    assert all(small[name] >= minimum for name, minimum in generate.MINIMUM.items())


def test_generation_is_deterministic() -> None:
    first, second = generate.build(300), generate.build(300)
    assert generate.dump(first.collections) == generate.dump(second.collections)
    assert first.briefing == second.briefing
    assert generate.build(300, seed=8).collections != first.collections


def test_generated_mix_has_what_the_issue_asks_for() -> None:
    generated = generate.build(1000)
    quotes = generated.collections["quotes"]
    persian = [q for q in quotes if q.get("original", {}).get("lang") == "fa"]
    assert 0.05 < len(persian) / len(quotes) < 0.15
    assert any("supersedes" in p for p in generated.collections["positions"])
    rounds = generated.collections["rounds"]
    assert [int(r["number"]) for r in rounds] == list(range(1, len(rounds) + 1))
    held = [r for r in rounds if r["status"] == "held"]
    assert [r["start"] for r in held] == sorted(r["start"] for r in held)
    assert rounds[-1]["status"] in ("planned", "unscheduled")
    assert "start" not in rounds[-1]


def test_markdown_conversion() -> None:
    links = twin.Links(["quotes/a.md", "people/b.md", "index.md"], ["briefing.json"])
    html = ('<article class="br-record"><h1>Quote</h1><h2 id="sources">Sources</h2>'
            '<p class="br-note">Said to <a href="../../people/b/" title="B">B</a> *not* emphasis, '
            '<span class="br-unknown">date not reported</span> <a href="../../briefing.json">data</a></p>'
            '<dl><dt>Round</dt><dd><a href="../../#top">home</a></dd></dl>'
            '<table><thead><tr><th>A</th><th>B|C</th></tr></thead><tbody><tr><td><strong>x</strong></td>'
            "<td><code>y</code></td></tr></tbody></table>"
            '<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>'
            '<script type="application/ld+json">{"a": "<b>"}</script></article>')
    assert twin.to_markdown(html, "quotes/a.md", links) == (
        "# Quote\n\n"
        "## Sources {: #sources }\n\n"
        'Said to [B](../people/b.md "B") \\*not\\* emphasis, <span class="br-unknown">date not reported</span> '
        "[data](../briefing.json)\n{: .br-note }\n\n"
        "- **Round**: [home](../index.md#top)\n\n"
        "| A | B\\|C |\n|---|---|\n| **x** | `y` |\n\n"
        "- one\n- two\n    - nested\n\n"
        '<script type="application/ld+json">{"a": "<b>"}</script>\n'
    )


def test_generated_briefing_checks_builds_and_has_a_markdown_twin(tmp_path: Path) -> None:
    project = tmp_path / "plugin"
    generated = generate.write(N, project)
    assert generated.size == N
    assert {"index.md", "about.md"} <= {p.name for p in (project / "content").iterdir()}
    assert "<!-- briefing:status -->" in (project / "content" / "index.md").read_text(encoding="utf-8")

    check = subprocess.run([sys.executable, "-c", "import sys; from briefing.cli import main; sys.exit(main())",
                            "check", "--strict", "data"], cwd=project, env=mkdocs_env(), capture_output=True,
                           text=True, timeout=120, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr

    markdown, pages = twin.make_twin(project, tmp_path / "twin")
    config = yaml.safe_load((markdown / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search"]
    quote = generated.collections["quotes"][0]
    page = (markdown / "content" / "quotes" / f"{quote['id']}.md").read_text(encoding="utf-8")
    assert f"](../people/{quote['speaker']}.md" in page
    twin_built = build_site(markdown, tmp_path / "twin-site")
    assert twin_built.returncode == 0, twin_built.stdout + twin_built.stderr
    assert _pages(tmp_path / "twin-site") == _pages(tmp_path / "site")
    assert len(_pages(tmp_path / "site")) >= pages
