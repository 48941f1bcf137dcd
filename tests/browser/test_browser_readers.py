"""What Chromium shows and exposes of the second pass for readers (issue 16): the matrix whole at 390 px, the
arrows of a quote card read as words, the commit hash in the closing line readable in both schemes, and the
print version with one timeline and no dangling separator."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import Browse, Scheme, Site, serve

PHONE = 390


def test_the_matrix_is_whole_at_390_px(served_shipped: Site, browse: Browse) -> None:
    page = browse.open(served_shipped.url("matrix/"), width=PHONE, height=900)
    boxes = page.evaluate("""() => [...document.querySelectorAll('.br-matrix td, .br-matrix tbody th')].map(cell => {
        const box = cell.getBoundingClientRect();
        return {left: box.left, right: box.right, party: cell.dataset.party || null,
                shown: getComputedStyle(cell, '::before').content};
    })""")
    assert boxes and all(b["left"] >= 0 and b["right"] <= PHONE for b in boxes), "a cell is cut off at 390 px"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    parties = page.evaluate("() => [...document.querySelectorAll('.br-matrix thead th')].slice(1)"
                            ".map(th => th.textContent.trim())")
    # Each cell shows whose it is; for assistive technology it is still a table with its headings.
    assert {b["party"] for b in boxes if b["party"]} == set(parties)
    assert all(b["shown"] == f'"{b["party"]}"' for b in boxes if b["party"])
    assert page.get_by_role("table").count() == 1
    assert page.get_by_role("columnheader").count() == len(parties) + 1


def test_a_quote_card_reads_its_arrows_as_words(contested_site: Path, browse: Browse) -> None:
    with serve(contested_site) as base:  # the contested briefing has a quote relayed twice
        page = browse.open(f"{base}quotes/edda-river-is-ours/", width=PHONE, height=900)
        caption = page.locator("figure.br-quote figcaption").first
        tree = caption.aria_snapshot()
        assert "→" not in tree
        assert [line.strip() for line in tree.splitlines() if line.strip().startswith("- text:")][:3] == [
            "- text: to", "- text: relayed by", "- text: relayed by"]
        sizes = caption.evaluate("el => [...el.querySelectorAll('.br-sr-only')]"
                                 ".map(x => x.getBoundingClientRect().width)")
        assert sizes and all(size <= 1 for size in sizes), "the words are for assistive technology only"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_commit_hash_in_the_closing_line_is_readable(scheme: Scheme, served_shipped: Site, browse: Browse,
                                                         axe_js: Path) -> None:
    page = browse.open(served_shipped.url("rounds/round-2/"), scheme=scheme)
    if page.locator(".br-page-info code").count() == 0:
        pytest.skip("the build has no git history: no commit in the closing line")
    page.add_script_tag(path=str(axe_js))
    result = page.evaluate("""() => axe.run({include: [['.br-page-info code']]},
        {runOnly: ['color-contrast'], resultTypes: ['passes', 'violations', 'incomplete']})""")
    assert not result["violations"] and not result["incomplete"]
    ratios = [node["any"][0]["data"]["contrastRatio"] for rule in result["passes"] for node in rule["nodes"]]
    assert ratios and min(ratios) >= 4.5
    # Monospace in the line's own colour, on the page's background: no tinted chip.
    chip = page.evaluate("""() => { const code = document.querySelector('.br-page-info code');
        const own = getComputedStyle(code), line = getComputedStyle(code.parentElement);
        return [own.backgroundColor, own.color === line.color] }""")
    assert chip == ["rgba(0, 0, 0, 0)", True]


def test_the_print_version_prints_the_timeline_once_and_captions_end_cleanly(served_shipped: Site,
                                                                            browse: Browse) -> None:
    page = browse.open(served_shipped.url("print/"))
    page.emulate_media(media="print")
    shown = page.evaluate("""() => {
        const visible = el => el.getClientRects().length > 0;
        return {figures: [...document.querySelectorAll('.br-print svg.br-tlfig')].filter(visible).length,
                lists: [...document.querySelectorAll('.br-print ol.br-timeline')].filter(visible).length,
                captions: [...document.querySelectorAll('.br-print figure.br-quote figcaption > .br-meta')]
                          .map(el => el.innerText.trim())};
    }""")
    assert shown["figures"] == 1 and shown["lists"] == 0
    assert shown["captions"] and not [c for c in shown["captions"] if c.endswith("·")], shown["captions"]
