"""Hostile and broken input: every refused input names file:line, nothing from data becomes markup."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.corpus import build_corpus
from briefing.diagnostics import CODES, BriefingError, Diagnostic
from briefing.loader import parse_document
from briefing.model import Briefing, Person, Quote, Source
from briefing.pipeline import Options, compile
from briefing.render import Renderer, Urls
from briefing.validation import parse
from tests.helpers import FICTIONAL, ROOT, build_site, content, copy_project, parse_html

TODAY = date(2026, 11, 27)


def _check(data: Path) -> list[Diagnostic]:
    return compile(data, data.parent, Options(today=TODAY)).diagnostics


def _write(project: Path, name: str, text: str) -> Path:
    path = project / "data" / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(FICTIONAL, tmp_path / "p")


def _append_record(project: Path, name: str, text: str) -> int:
    """Append a record to a collection file; returns the line its first key is on."""
    path = project / "data" / name
    old = path.read_text(encoding="utf-8")
    if not old.endswith("\n"):
        old += "\n"
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


def _codes(diagnostics: list[Diagnostic]) -> list[tuple[str, str, int]]:
    return [(d.code, d.location.file, d.location.line) for d in diagnostics]


# --- ids and names --------------------------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["../etc", "Abbas", "a_b", "a--b", "-a", "x" * 81, "con", "nul", "com1", "index"])
def test_ids_that_could_escape_or_clash_are_refused_at_their_line(project: Path, bad_id: str) -> None:
    line = _append_record(project, "outlets.yml", f"- id: {bad_id!r}\n  name: Hostile outlet\n")
    found = _codes(_check(project / "data"))
    assert any(code in ("BR100", "BR209") and file == "data/outlets.yml" and at == line
               for code, file, at in found), found


def test_visually_identical_names_are_flagged(project: Path) -> None:
    # Arabic yeh (U+064A) against Persian yeh (U+06CC): the same on screen, different to a computer.
    _append_record(project, "people.yml", "- id: ali-a\n  name: \"\u0639\u0644\u064a\"\n")
    line = _append_record(project, "people.yml", "- id: ali-b\n  name: \"\u0639\u0644\u06cc\"\n")
    found = [d for d in _check(project / "data") if d.code == "BR213"]
    assert [(d.location.file, d.location.line) for d in found] == [("data/people.yml", line + 1)]


def test_bidi_override_characters_are_refused(project: Path) -> None:
    line = _append_record(project, "outlets.yml", "- id: tricky\n  name: \"abc \u202edef\"\n")
    found = _codes(_check(project / "data"))
    assert ("BR011", "data/outlets.yml", line + 1) in found


def test_a_record_nothing_refers_to_is_a_warning_that_fails_strict(project: Path, tmp_path: Path) -> None:
    line = _append_record(project, "outlets.yml", "- id: lonely-outlet\n  name: Lonely\n")
    found = [d for d in _check(project / "data") if d.code == "BR220"]
    assert [(d.location.line, d.is_error) for d in found] == [(line, False)]
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "BR220" in result.stderr


@pytest.mark.parametrize("year", ["1404-11-28", "2999-01-01"])
def test_implausible_years_are_flagged(project: Path, year: str) -> None:
    line = _append_record(project, "events.yml",
                          f"- id: odd-date\n  title: Odd\n  date: {year}\n  sources: [{_a_source(project)}]\n")
    found = [d for d in _check(project / "data") if d.code == "BR211"]
    assert [d.location.line for d in found] == [line + 2]


def _a_source(project: Path) -> str:
    match = re.search(r"- id: (\S+)", (project / "data" / "sources.yml").read_text(encoding="utf-8"))
    assert match
    return match.group(1)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "file:///etc/passwd",
                                 "//evil.example/x", "/relative/path", "ftp://x.example"])
def test_only_http_urls_are_accepted(project: Path, url: str) -> None:
    line = _append_record(project, "sources.yml", f"- id: bad-url\n  title: T\n  outlet: {_an_outlet(project)}\n"
                          f"  published: 2026-01-01\n  url: {url!r}\n")
    found = [d for d in _check(project / "data") if d.code == "BR100"]
    assert [(d.location.line, "http(s)" in d.message) for d in found] == [(line + 4, True)]


def _an_outlet(project: Path) -> str:
    match = re.search(r"- id: (\S+)", (project / "data" / "outlets.yml").read_text(encoding="utf-8"))
    assert match
    return match.group(1)


# --- nothing from data becomes markup ---------------------------------------------------------------

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "# Not a heading",
    "| a | b |\n|---|---|",
    "---",
    "Footnote[^1]\n\n[^1]: injected",
    "!!! note\n    admonition",
    "```\nfence\n```",
    "{: onclick=\"alert(1)\" }",
    '--8<-- "README.md"',
    "{{ config.site_name }} {% raw %}",
    "(c) (tm) --> <-- ==marked== ^^ins^^ ~~del~~",
    "*not emphasis* in a quote",
    "[link](javascript:alert(1))",
    "&amp; &lt;b&gt; literally",
]


def test_hostile_text_shows_as_written_on_a_real_page(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    # Switch on the Markdown extensions that would act on such text if it ever reached Markdown.
    config.write_text(config.read_text(encoding="utf-8") + "\n".join([
        "", "markdown_extensions:", "  - attr_list", "  - footnotes", "  - admonition", "  - tables",
        "  - pymdownx.snippets", "  - pymdownx.smartsymbols", "  - pymdownx.mark", "  - pymdownx.caret",
        "  - pymdownx.tilde", ""]), encoding="utf-8")
    speaker = re.search(r"- id: (\S+)", (project / "data" / "people.yml").read_text(encoding="utf-8"))
    assert speaker
    records = "".join(
        f"- id: hostile-{i}\n  speaker: {speaker.group(1)}\n  text: {_yaml_string(text)}\n"
        f"  context: {_yaml_string(text)}\n  sources: [{_a_source(project)}]\n" for i, text in enumerate(HOSTILE))
    (project / "data" / "quotes" / "hostile.yml").write_text(records, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    for i, text in enumerate(HOSTILE):
        body = content(site, f"quotes/hostile-{i}/index.html")
        quote = body.find("figure", cls="br-quote").find("blockquote")
        assert quote.text() == " ".join(f"“{text}”".split()), text
        # The one script allowed is the page's inert JSON-LD (escaped for <script>, see test_outputs.py).
        scripts = [el for el in body.find_all("script") if el.attrs.get("type") != "application/ld+json"]
        assert not scripts and not body.find_all("img") and not body.find_all("sup")
        assert all(not name.startswith("on") for el in body.iter() for name in el.attrs)


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


# --- properties ------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_the_loader_only_ever_raises_its_own_error(text: str) -> None:
    try:
        parse_document(text, "data/fuzz.yml")
    except BriefingError as exc:
        assert exc.diagnostics and all(d.location.file == "data/fuzz.yml" for d in exc.diagnostics)


YAMLISH = st.text(alphabet=string.printable + "‘’“”ÄیيØ\u202e", max_size=200)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_yaml_shaped_garbage_never_escapes_as_another_exception(text: str) -> None:
    wrapped = f"- id: x\n  text: {text}\n  nested:\n    - {text}\n"
    try:
        document = parse_document(wrapped, "data/fuzz.yml")
    except BriefingError as exc:
        assert exc.diagnostics and all(d.location.file == "data/fuzz.yml" and d.location.line >= 1
                                       for d in exc.diagnostics)
    else:
        # Whatever was accepted was read as text, where it was written, and nothing else was made of it.
        assert isinstance(document.data, list) and document.data[0]["id"] == "x"
        assert all(isinstance(value, str | list | dict) or value is None
                   for value in document.data[0].values())
        assert document.values[(0, "id")].line == 1


# Each fragment alone makes a document that the loader must refuse.
BROKEN_FRAGMENTS = ["key: [unclosed", "key: {a: 1", "\tindented: with a tab", "- a\nb: c", "a: b: c",
                    "x: &anchor 1", "x: *alias", "x: !!python/object:os.system ls", "k: 1\nk: 2", "a: 1\n---\nb: 2",
                    'x: "unterminated']


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(BROKEN_FRAGMENTS), min_size=1, max_size=3), st.integers(min_value=0, max_value=3))
def test_broken_yaml_is_always_refused_with_a_located_error(fragments: list[str], padding: int) -> None:
    text = "\n" * padding + "\n".join(fragments) + "\n"
    with pytest.raises(BriefingError) as raised:
        parse_document(text, "data/fuzz.yml")
    assert all(d.location.file == "data/fuzz.yml" and d.location.line > padding for d in raised.value.diagnostics)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=4), st.sampled_from(["speker", "txt", "sourcess", "extra"]))
def test_reported_lines_point_at_the_offending_key(index: int, key: str) -> None:
    lines = []
    for i in range(5):
        lines += [f"- id: q{i}", "  speaker: p", "  text: words", "  sources: [s]"]
        if i == index:
            lines.append(f"  {key}: oops")
    text = "\n".join(lines) + "\n"
    parsed = parse(None, {"quotes": [parse_document(text, "data/quotes.yml")]})
    expected_line = lines.index(f"  {key}: oops") + 1
    assert [(d.location.line, d.location.col) for d in parsed.diagnostics] == [(expected_line, 3)]


def _renderer_for(text: str) -> Renderer:
    briefing = Briefing(title="T", subject="S", as_of="2026-01-01")
    records = [
        Person(id="p", name="P"),
        Source(id="s", title="S", outlet="o", published="2026-01-01"),
        Quote(id="q", speaker="p", text=text, context=text, sources=["s"]),
    ]
    return Renderer(build_corpus(briefing, records), Urls())


VISIBLE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(
    lambda s: s.strip() != "")


@settings(max_examples=200, deadline=None)
@given(VISIBLE_TEXT)
def test_any_text_renders_to_exactly_that_visible_text(text: str) -> None:
    page = _renderer_for(text).record_page(_renderer_for(text).corpus.get("q"))
    tree = parse_html(page.html)
    quote = tree.find("blockquote").find("p")
    assert quote.text() == " ".join(f"“{text}”".split())
    context = [dd for dt, dd in zip(tree.find_all("dt"), tree.find_all("dd"), strict=True) if dt.text() == "Context"]
    assert context[0].text() == " ".join(text.split())
    assert tree.find_all("script") == []  # the structured data goes in the <head>, as inert JSON
    head = parse_html(page.head)
    assert [el.attrs.get("type") for el in head.find_all("script")] == ["application/ld+json"]


def test_every_code_the_package_can_report_is_documented() -> None:
    used = {code for path in (ROOT / "briefing").rglob("*.py")
            for code in re.findall(r'"(BR\d{3})"', path.read_text(encoding="utf-8"))}
    assert used - set(CODES) == set(), "add these codes to CODES: they appear on the Error messages page"
    assert len(used) >= 30
