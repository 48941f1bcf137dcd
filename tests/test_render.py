"""Rendering pieces: where pages live and how they link, and how data text becomes safe HTML."""

from __future__ import annotations

import pytest

from briefing.render.text import paragraphs, plain
from briefing.urls import Urls

# --- urls ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "url_with_dirs", "url_without_dirs"),
    [
        ("index.md", "", "index.html"),
        ("timeline.md", "timeline/", "timeline.html"),
        ("rounds/index.md", "rounds/", "rounds/index.html"),
        ("rounds/round-2.md", "rounds/round-2/", "rounds/round-2.html"),
        ("notes/overview.md", "notes/overview/", "notes/overview.html"),
    ],
)
def test_page_urls_match_mkdocs_layout(src: str, url_with_dirs: str, url_without_dirs: str) -> None:
    assert Urls(directory_urls=True).url(src) == url_with_dirs
    assert Urls(directory_urls=False).url(src) == url_without_dirs


@pytest.mark.parametrize(
    ("from_src", "to_src", "anchor", "expected"),
    [
        ("rounds/round-2.md", "people/abbas-araghchi.md", "", "../../people/abbas-araghchi/"),
        ("rounds/round-2.md", "rounds/round-1.md", "", "../round-1/"),
        ("rounds/round-2.md", "rounds/round-2.md", "quotes", "./#quotes"),
        ("rounds/round-2.md", "rounds/index.md", "", "../"),
        ("rounds/index.md", "rounds/round-2.md", "", "round-2/"),
        ("rounds/round-2.md", "index.md", "", "../../"),
        ("index.md", "rounds/round-2.md", "", "rounds/round-2/"),
        ("index.md", "rounds/index.md", "", "rounds/"),
        ("index.md", "index.md", "", "./"),
        ("timeline.md", "events/strikes.md", "", "../events/strikes/"),
        ("notes/deep/page.md", "matrix.md", "issue-x", "../../../matrix/#issue-x"),
    ],
)
def test_href_with_directory_urls(from_src: str, to_src: str, anchor: str, expected: str) -> None:
    assert Urls(directory_urls=True).href(from_src, to_src, anchor) == expected


@pytest.mark.parametrize(
    ("from_src", "to_src", "anchor", "expected"),
    [
        ("rounds/round-2.md", "people/abbas-araghchi.md", "", "../people/abbas-araghchi.html"),
        ("rounds/round-2.md", "rounds/round-1.md", "", "round-1.html"),
        ("rounds/round-2.md", "rounds/round-2.md", "quotes", "round-2.html#quotes"),
        ("rounds/round-2.md", "rounds/index.md", "", "index.html"),
        ("rounds/round-2.md", "index.md", "", "../index.html"),
        ("index.md", "rounds/round-2.md", "", "rounds/round-2.html"),
        ("timeline.md", "events/strikes.md", "", "events/strikes.html"),
        ("notes/deep/page.md", "matrix.md", "", "../../matrix.html"),
    ],
)
def test_href_without_directory_urls(from_src: str, to_src: str, anchor: str, expected: str) -> None:
    assert Urls(directory_urls=False).href(from_src, to_src, anchor) == expected


# --- text ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", [False, True])
@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("{{ config.site_name }} {% raw %}", "<p>{{ config.site_name }} {% raw %}</p>"),
        ('--8<-- "secrets.txt"', "<p>--8&lt;-- &#34;secrets.txt&#34;</p>"),
        ("# not a heading", "<p># not a heading</p>"),
        ("- not a list", "<p>- not a list</p>"),
        ("Tom & Jerry’s “deal”", "<p>Tom &amp; Jerry’s “deal”</p>"),
        ("<!-- briefing:status -->", "<p>&lt;!-- briefing:status --&gt;</p>"),
    ],
)
def test_data_text_is_shown_exactly_as_written(text: str, html: str, markup: bool) -> None:
    assert str(paragraphs(text, markup=markup)) == html


def test_blank_lines_split_paragraphs_and_single_newlines_do_not() -> None:
    assert str(paragraphs("one\ntwo\n\n  \n\nthree")) == "<p>one\ntwo</p><p>three</p>"


def test_plain_text_ignores_the_markup_subset() -> None:
    assert str(paragraphs("*not emphasis* and [a](https://example.org)")) == (
        "<p>*not emphasis* and [a](https://example.org)</p>")
    assert str(plain("<b>")) == "&lt;b&gt;"


def test_markup_subset_emphasis_strong_and_links() -> None:
    html = str(paragraphs("An *important* and **strong** point; see [the report](https://example.org/a?b=1&c=2).",
                          markup=True))
    assert html == ('<p>An <em>important</em> and <strong>strong</strong> point; see '
                    '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener">the report</a>.</p>')


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org", "/relative"])
def test_links_other_than_http_stay_literal_text(url: str) -> None:
    html = str(paragraphs(f"[click]({url})", markup=True))
    assert "<a" not in html
    assert html == f"<p>[click]({url})</p>"


def test_quotes_in_a_link_cannot_break_out_of_the_attribute() -> None:
    html = str(paragraphs('[x](https://example.org/"onmouseover="alert(1))', markup=True))
    assert 'onmouseover="' not in html


def test_underscores_inside_words_are_not_emphasis() -> None:
    assert str(paragraphs("snake_case_name and 2*3*4", markup=True)) == "<p>snake_case_name and 2*3*4</p>"


def test_emphasis_markers_inside_a_url_keep_the_url_intact() -> None:
    html = str(paragraphs("see [the draft](https://example.org/_draft_/v2)", markup=True))
    assert '<a href="https://example.org/_draft_/v2" rel="noopener">the draft</a>' in html
