"""The plugin's labels and dates in the reader's language: Persian (right to left) and German shipped, a
briefing's own translations merged over them, English labels for a language without any.

Real builds of the shipped briefing with ``theme.language`` set; the English site is tested everywhere else.
"""

from __future__ import annotations

import json
import re
import shutil
import typing
from pathlib import Path

import jinja2
import pytest
import yaml
from babel.messages.extract import extract_python

from briefing import model, wording
from briefing.i18n import LOCALES, load_translator
from briefing.model import FuzzyDate
from briefing.render import pages, svg

from .helpers import ROOT, build_site, built_site, content, page

PACKAGE = ROOT / "briefing"
SHIPPED = ("fa", "de")


# --- every label has a translation ------------------------------------------------------------------------


def _strings(message: object) -> set[str]:
    """The catalogue key of an extracted message: the string, or a plural's singular."""
    found = message[0] if isinstance(message, tuple) else message
    return {found} if isinstance(found, str) else set()


def template_labels() -> set[str]:
    """What the templates pass to _() and ngettext(), read by Jinja's own extraction."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"])
    found: set[str] = set()
    for path in sorted((PACKAGE / "render" / "templates").glob("*.j2")):
        for _line, _function, message in env.extract_translations(path.read_text(encoding="utf-8")):
            found |= _strings(message)
    return found


def python_labels() -> set[str]:
    """What the Python side translates: literal calls, the label tables, and the words the model defines."""
    found: set[str] = set()
    keywords = {"gettext": None, "ngettext": (1, 2), "say": None, "count": (1, 2)}
    for path in [*sorted((PACKAGE / "render").glob("*.py")), PACKAGE / "i18n.py"]:
        with path.open("rb") as handle:
            for _line, _function, message, _comments in extract_python(handle, keywords, [], {}):
                found |= _strings(message)
    tables: list[typing.Mapping[str, str | None]] = [
        pages.COLLECTION_TITLES, pages.FIELD_LABELS, pages.ACCOUNT_FIELD_LABELS, pages.REPORT_LABELS,
        pages.REPORT_BY_VERBS, pages.REPORT_ANSWER_VERBS, svg.KEY, wording.TRANSLATORS, wording.LANGUAGE_NAMES]
    found |= {value for table in tables for value in table.values() if value}
    found |= {"not reported", "start", "end", "Print version"}
    found |= {cls.singular.capitalize() for cls in vars(model).values()
              if isinstance(cls, type) and isinstance(getattr(cls, "singular", None), str)}
    found |= {name for record in (model.Round, model.Event, model.Source) for name in record.contested_fields}
    return found | model_words()


def model_words() -> set[str]:
    """The values of the fields the pages show as words (statuses, kinds, venues, reports), translated with |word."""
    words: set[str] = {"direct", "indirect", "mixed"}

    def walk(annotation: object) -> None:
        if typing.get_origin(annotation) is typing.Literal:
            words.update(a for a in typing.get_args(annotation) if isinstance(a, str))
        for argument in typing.get_args(annotation):
            if not isinstance(argument, str):
                walk(argument)

    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, model.BaseModel):
            for name, info in cls.model_fields.items():
                if name in ("status", "kind", "role", "category", "type", "venue", "report"):
                    walk(info.annotation)
    return words


def test_the_extraction_finds_the_labels() -> None:
    labels = template_labels() | python_labels()
    assert {"Speaker", "Information cutoff: %(date)s", "about %(date)s", "held", "postponement announced",
            "%(num)s record. Select a column heading to sort.", "%(num)s round"} <= labels
    assert len(labels) > 300


@pytest.mark.parametrize("language", SHIPPED)
def test_every_label_has_a_translation(language: str) -> None:
    catalogue = yaml.safe_load((LOCALES / f"{language}.yml").read_text(encoding="utf-8"))
    missing = sorted(label for label in template_labels() | python_labels() if label not in catalogue)
    assert not missing, f"labels with no {language} translation in briefing/locales/{language}.yml: {missing}"


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_keep_their_placeholders(language: str) -> None:
    catalogue = yaml.safe_load((LOCALES / f"{language}.yml").read_text(encoding="utf-8"))
    for key, value in catalogue.items():
        for form in value.values() if isinstance(value, dict) else [value]:
            assert set(re.findall(r"%\((\w+)\)s", form)) == set(re.findall(r"%\((\w+)\)s", key)) or \
                key.startswith("%(num)s days"), (key, form)


# --- dates and numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "text", "shown"), [
    ("fa", "2026-02-17", "۱۷ فوریه ۲۰۲۶"),
    ("fa", "2025-06-13~", "حدود ۱۳ ژوئن ۲۰۲۵"),
    ("fa", "2026-02", "فوریه ۲۰۲۶"),
    ("fa", "2026", "۲۰۲۶"),
    ("de", "2026-02-17", "17. Februar 2026"),
    ("de", "2025-06-13~", "etwa 13. Juni 2025"),
    ("de", "2026-03", "März 2026"),
    ("en", "2025-06-13~", "about 13 June 2025"),
])
def test_dates_in_the_language(language: str, text: str, shown: str) -> None:
    assert load_translator(language).date(FuzzyDate.parse(text)) == shown


def test_counts_in_persian_digits() -> None:
    fa = load_translator("fa")
    assert fa.number(2026) == "۲۰۲۶"
    assert fa.ngettext("%(num)s round", "%(num)s rounds", 3) == "%(num)s دور"  # one form after a number
    assert fa.ngettext("%(num)s thing", "%(num)s things", 3) == "%(num)s things"  # no entry: English
    assert load_translator("de").ngettext("%(num)s stance", "%(num)s stances", 1) == "%(num)s Haltung"


# --- built sites ------------------------------------------------------------------------------------------


def _project(target: Path, language: str | None, briefing_language: str | None = None) -> Path:
    """A copy of the shipped briefing with ``theme.language`` set (None: left out)."""
    target.mkdir(parents=True)
    for name in ("content", "data"):
        shutil.copytree(ROOT / name, target / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  language: en\n", f"  language: {language}\n" if language else "")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    if briefing_language:
        briefing = target / "data" / "briefing.yml"
        briefing.write_text(briefing.read_text(encoding="utf-8").replace("language: en", f"language: "
                                                                         f"{briefing_language}"), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def persian_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory.mktemp("fa") / "project", "fa")
    return built_site(project, project / "site")


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory.mktemp("de") / "project", "de")
    return built_site(project, project / "site")


def _text(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_persian_pages_read_right_to_left(persian_site: Path) -> None:
    tree = page(persian_site, "rounds/round-2/index.html")
    assert tree.find("html").attrs.get("lang") == "fa"
    assert tree.find("body").attrs.get("dir") == "rtl"  # Material's, for a right-to-left language: on <body>


def test_persian_round_page(persian_site: Path) -> None:
    body = content(persian_site, "rounds/round-2/index.html")
    terms = [dt.text() for dt in body.find("dl", "br-facts").find_all("dt")]
    assert terms[:3] == ["وضعیت", "تاریخ‌ها", "محل"]  # Status, Dates, Location
    html = _text(persian_site, "rounds/round-2/index.html")
    assert '<time datetime="2026-02-16" dir="rtl">۱۶ فوریه ۲۰۲۶</time> – ' in html
    assert "برگزار شد" in html  # held
    # English text from the data keeps its direction: the title, a link, a place.
    assert '<h1><span lang="en" dir="ltr">Second round, Geneva</span></h1>' in html
    assert re.search(r'<a href="../../parties/oman/" lang="en" dir="ltr">Oman</a>', html)
    assert '<span lang="en" dir="ltr">Geneva</span>' in html
    assert "not reported" not in body.text() and "Status" not in terms


def test_persian_citations_and_framing_keep_one_direction_each(persian_site: Path) -> None:
    # A citation is in the page's language (its date, its separators), within English text: laid out as one
    # right-to-left unit, the Persian semicolon between two citations cannot reorder them. A framing line is
    # mostly the outlet's English words: the item reads left to right, its Persian label an island in it.
    body = content(persian_site, "rounds/round-2/index.html")
    cites = body.find_all("span", "br-cites")
    assert cites and all(c.attrs.get("dir") == "rtl" for c in cites)
    framing = body.find("ul", "br-framing").find("li")
    assert (framing.attrs.get("lang"), framing.attrs.get("dir")) == ("en", "ltr")


def test_persian_status_box(persian_site: Path) -> None:
    box = content(persian_site, "index.html").find("section", "br-status")
    text = box.text()
    assert "وضعیت در یک نگاه" in text  # Status at a glance
    assert "دورهای برگزارشده" in text and "۲" in text  # Rounds held: 2
    assert "تاریخ قطع اطلاعات" in text and "۱۷ فوریه ۲۰۲۶" in text
    assert "←" in text and "→" not in text  # the arrow between rounds points the way the line is read


def test_persian_index_table(persian_site: Path) -> None:
    html = _text(persian_site, "rounds/index.html")
    assert "برای مرتب‌کردن، سرستون را انتخاب کنید." in html  # Select a column heading to sort
    assert re.search(r"<p class=\"br-lede\">[۰-۹]+ مورد", html)
    headings = [th.text() for th in content(persian_site, "rounds/index.html").find("thead").find_all("th")]
    assert headings[:3] == ["شماره", "دور", "وضعیت"]
    assert "Select a column" not in html
    # The filter bar of the quotes table (built by briefing.js) takes its words from the table.
    table = content(persian_site, "quotes/index.html").find("table", "br-sortable")
    words = json.loads(table.attrs["data-br-filter-labels"])
    assert (words["clear"], words["shown"], words["party"]) == ("پاک کردن پالایه‌ها", "{n} از {m} نشان داده شده",
                                                                "طرفِ گوینده")
    rounds = content(persian_site, "rounds/index.html").find("table", "br-sortable")
    assert "data-br-filter-labels" not in rounds.attrs  # no filter bar there


def test_persian_timeline(persian_site: Path) -> None:
    html = _text(persian_site, "timeline/index.html")
    assert '<h1>گاه‌شمار</h1>' in html
    start = html.index('<svg class="br-tlfig"')
    figure = html[start:html.index("</svg>", start)]
    assert 'direction="rtl"' in figure and "تاریخ قطع اطلاعات: ۱۷ فوریه ۲۰۲۶" in figure
    assert '<line x1="346"' in figure  # the axis on the right
    assert "Information cutoff" not in html


def test_persian_quote_page(persian_site: Path) -> None:
    body = content(persian_site, "quotes/araghchi-good-start/index.html")
    assert body.find("dl", "br-facts").find("dt").text() == "گوینده"  # Speaker
    html = _text(persian_site, "quotes/araghchi-good-start/index.html")
    assert '<p lang="en" dir="ltr">“good start”</p>' in html
    assert "انگلیسی" in body.text()  # the language of the words: English


def test_german_round_page(german_site: Path) -> None:
    body = content(german_site, "rounds/round-2/index.html")
    terms = [dt.text() for dt in body.find("dl", "br-facts").find_all("dt")]
    assert terms[:3] == ["Status", "Daten", "Ort"]
    html = _text(german_site, "rounds/round-2/index.html")
    assert ">16. Februar 2026</time> – <time" in html and "17. Februar 2026" in html
    assert "abgehalten" in html
    assert page(german_site, "rounds/round-2/index.html").find("body").attrs.get("dir") == "ltr"
    assert 'lang="en" dir="ltr"' in html  # the English data, marked on a German page


def test_german_tables_and_quotes(german_site: Path) -> None:
    assert "3 Einträge. Zum Sortieren eine Spaltenüberschrift wählen." in _text(german_site, "rounds/index.html")
    assert "Sprecher" in content(german_site, "quotes/araghchi-good-start/index.html").text()
    assert "Stand auf einen Blick" in _text(german_site, "index.html")


def test_a_briefing_overrides_a_label(tmp_path: Path) -> None:
    project = _project(tmp_path / "project", "fa")
    (project / "data" / "_translations").mkdir()
    (project / "data" / "_translations" / "fa.yml").write_text("Speaker: سخنگو\n", encoding="utf-8")
    site = built_site(project, project / "site")
    facts = content(site, "quotes/araghchi-good-start/index.html").find("dl", "br-facts")
    terms = [dt.text() for dt in facts.find_all("dt")]
    assert terms[0] == "سخنگو"
    assert "تاریخ" in terms  # the rest stays as shipped


def test_the_briefings_language_without_theme_language(tmp_path: Path) -> None:
    project = _project(tmp_path / "project", None, briefing_language="de")
    site = built_site(project, project / "site")
    assert "Stand auf einen Blick" in _text(site, "index.html")
    assert 'lang="en"' not in _text(site, "rounds/round-2/index.html").split('class="md-content"', 1)[1]


def test_a_language_without_labels_gets_english_ones_and_says_how_to_add_them(tmp_path: Path) -> None:
    project = _project(tmp_path / "project", "it")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert "no labels in 'it'" in result.stderr and "_translations/it.yml" in result.stderr
    assert "Status at a glance" in _text(project / "site", "index.html")
    (project / "data" / "_translations").mkdir()
    (project / "data" / "_translations" / "it.yml").write_text("Status at a glance: Lo stato in breve\n",
                                                               encoding="utf-8")
    built_site(project, project / "site")
    html = _text(project / "site", "index.html")
    assert "Lo stato in breve" in html and "17 febbraio 2026" in html  # Babel's Italian dates come along
