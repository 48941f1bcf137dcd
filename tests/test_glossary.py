"""Glossary tooltips: the first plain-text mention of each term on a page, and nowhere a reader would not expect."""

from __future__ import annotations

import pytest

from briefing.model import GlossaryTerm
from briefing.render.glossary import Glossary

GLOSSARY = Glossary([
    GlossaryTerm(id="npt", term="NPT", definition="The Non-Proliferation Treaty."),
    GlossaryTerm(id="enrich", term="enrich", definition="To raise the share of U-235."),
    GlossaryTerm(id="enrichment", term="enrichment", aliases=["enrichment level"], definition="Raising U-235."),
    GlossaryTerm(id="enrich-uranium", term="enrich uranium", definition="The activity itself."),
    GlossaryTerm(id="att", term="AT&T", definition="A firm, to test escaped forms."),
])


def tip(term: str, definition: str) -> str:
    return f'<abbr title="{definition}">{term}</abbr>'


def test_only_the_first_plain_mention_of_each_term_gets_a_tooltip() -> None:
    html, used = GLOSSARY.apply("<p>The NPT and the NPT again.</p><p>NPT</p>")
    assert html == f"<p>The {tip('NPT', 'The Non-Proliferation Treaty.')} and the NPT again.</p><p>NPT</p>"
    assert used == {"npt"}


@pytest.mark.parametrize("html", [
    '<p><a href="x/">NPT</a></p>',
    "<h2 id='a'>The NPT</h2>",
    "<pre><code>NPT</code></pre>",
    '<p><span title="NPT">text</span></p>',
    "<p><!-- NPT --></p>",
    "<p><time datetime='2026'>NPT</time></p>",
    "<svg><text>NPT</text></svg>",
    "<p><abbr title='x'>NPT</abbr></p>",
    "<P><A HREF='x'>NPT</A></P>",
])
def test_no_tooltip_in_links_headings_code_attributes_or_comments(html: str) -> None:
    assert GLOSSARY.apply(html) == (html, set())


def test_a_term_after_a_skipped_element_still_gets_its_tooltip() -> None:
    html, used = GLOSSARY.apply('<p><a href="x/">NPT</a> <abbr title="y">t</abbr><br/> then NPT</p>')
    assert html.endswith(f"then {tip('NPT', 'The Non-Proliferation Treaty.')}</p>")
    assert used == {"npt"}


def test_whole_words_only_and_the_longest_form_wins() -> None:
    html, used = GLOSSARY.apply("<p>NPTs, enriched, to enrich uranium, enrichment level, enrich</p>")
    assert "NPTs" in html and "enriched" in html  # not terms
    assert tip("enrich uranium", "The activity itself.") in html
    assert tip("enrichment level", "Raising U-235.") in html
    assert html.endswith(f", {tip('enrich', 'To raise the share of U-235.')}</p>")
    assert used == {"enrich-uranium", "enrichment", "enrich"}


def test_terms_are_matched_in_escaped_html_and_definitions_are_escaped() -> None:
    glossary = Glossary([GlossaryTerm(id="q", term="R&D", definition='Research "and" <development>')])
    html, used = glossary.apply("<p>R&amp;D matters</p>")
    assert html == '<p><abbr title="Research &#34;and&#34; &lt;development&gt;">R&amp;D</abbr> matters</p>'
    assert used == {"q"}


def test_no_terms_no_change() -> None:
    assert Glossary([]).apply("<p>NPT</p>") == ("<p>NPT</p>", set())
