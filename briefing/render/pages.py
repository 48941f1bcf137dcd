"""Views → pages: every generated page as escaped HTML, with its title and table of contents.

Templates lay pages out; the helpers on :class:`PageContext` build every piece of markup that contains
data, so escaping and linking happen in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup, escape

from briefing.content_links import EMBED, parse_options
from briefing.corpus import Corpus, figure_series, record_date
from briefing.diagnostics import BriefingError, Location, error
from briefing.i18n import ENGLISH, Translator, primary
from briefing.model import (
    COLLECTIONS,
    RTL_LANGUAGES,
    Account,
    Citation,
    FuzzyDate,
    GlossaryTerm,
    OriginalText,
    Part,
    Quote,
    Record,
    is_reference_field,
)
from briefing.preview.pieces import Piece, PieceKey, carry_pieces
from briefing.preview.reads import Changes, ReadLog, Reads, reusable
from briefing.urls import HOME, Urls, index_path, record_path
from briefing.wording import TRANSLATORS, language_name

from . import jsonld, pageinfo, sitepages, svg, text
from .glossary import Glossary
from .text import format_html

if TYPE_CHECKING:
    from briefing.git_history import History

COLLECTION_TITLES = {
    "rounds": "Rounds", "parties": "Parties", "people": "People", "organizations": "Organizations",
    "outlets": "Outlets", "sources": "Sources",
    "events": "Events", "issues": "Issues", "positions": "Positions", "quotes": "Quotes", "glossary": "Glossary",
}
FIELD_LABELS = {
    "speaker": "Speaker", "stated_by": "Stated by", "according_to": "According to", "delegates": "Delegate",
    "party": "Party", "parties": "Party", "mediator": "Mediator", "to": "Channel", "round": "Round",
    "issue": "Issue", "issues": "Issue", "sources.source": "Cites", "outcomes.sources.source": "Cites (outcome)",
    "framing.by": "Framing by", "framing.sources.source": "Cites (framing)", "figures.according_to": "Figure by",
    "figures.sources.source": "Cites (figure)", "country": "Country", "outlet": "Outlet", "glossary": "Term",
    "supersedes": "Superseded by", "key_points.sources.source": "Cites (key point)",
    "report_by": "Report status", "schedule.by": "Announced by", "schedule.sources.source": "Cites (schedule)",
    "schedule.report_by": "Report status (schedule)", "diverges.position": "Diverges from this",
    "diverges.sources.source": "Cites (divergence)", "relayed_by": "Relayed", "posted_by": "Posted",
    "variant_of": "Other wording", "people": "Involved", "organizations": "Involved", "part_of": "Part of",
    "agency": "Agency story",
}
# A field that may hold accounts adds these to its name (e.g. "location.according_to").
ACCOUNT_FIELD_LABELS = {"according_to": "Account by", "sources.source": "Cites (account)",
                        "report_by": "Report status (account)", "value": None}
REPORT_LABELS = {"confirmed": "confirmed", "reported": "reported", "unconfirmed": "unconfirmed",
                 "denied": "denied", "overtaken": "overtaken"}
REPORT_BY_VERBS = {"confirmed": "Confirmed by", "denied": "Denied by", "overtaken": "Overtaken by"}
REPORT_ANSWER_VERBS = {"confirmed": "Confirms", "denied": "Denies", "overtaken": "Overtakes"}


def field_label(path: str) -> str:
    """How a backlink's field reads on the referred-to page, e.g. 'Speaker', 'Account by'."""
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    head, _, rest = path.partition(".")
    if rest in ACCOUNT_FIELD_LABELS:
        # An account's value is the field itself (a contested mediator is still the mediator).
        return ACCOUNT_FIELD_LABELS[rest] or FIELD_LABELS.get(head, head)
    return path

_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    title: str  # HTML, as MkDocs and Material expect


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title (HTML-escaped) and its body (HTML)."""

    src_uri: str
    title: str
    html: str
    toc: tuple[TocEntry, ...] = ()
    in_nav: bool = False
    terms: frozenset[str] = frozenset()  # glossary terms shown on the page
    # What the page showed, so a preview can take it over while none of it changes; None: never reused.
    reads: Reads | None = None
    searchable: bool = True
    head: str = ""  # HTML for the page's <head>: a record's structured data

    @cached_property
    def anchors(self) -> frozenset[str]:
        """The ids on the page, which links may name after ``#`` (kept with pages reused while previewing)."""
        return frozenset(_ID_ATTRIBUTE.findall(self.html))


def table_of_contents(html: str) -> tuple[TocEntry, ...]:
    return tuple(TocEntry(int(level), anchor, _TAG.sub("", title).strip())
                 for level, anchor, title in _HEADING.findall(html))


@dataclass
class PageContext:
    """The page being rendered: builds links relative to it and the markup for data values."""

    src: str
    renderer: Renderer

    @property
    def corpus(self) -> Corpus:
        return self.renderer.corpus

    @property
    def urls(self) -> Urls:
        return self.renderer.urls

    @property
    def t(self) -> Translator:
        """The reader's language: the plugin's labels, numbers and dates."""
        return self.renderer.translator

    @property
    def page_language(self) -> str:
        """The language the page's own words are in: the briefing's, unless the labels are in another one."""
        shown = self.corpus.briefing.language
        return shown if primary(shown) == primary(self.t.language) else self.t.language

    @cached_property
    def own_attributes(self) -> Markup:
        """``lang``/``dir`` for an element whose text is the data's, in the briefing's language ("" when that
        is the page's): put on a list item or a block, its citations read in the same direction."""
        return self.lang_attributes(self.corpus.briefing.language)

    def in_language(self, value: object, lang: str) -> Markup:
        """Text in ``lang``, marked as such when that is not the page's language."""
        attributes = self.lang_attributes(lang)
        return format_html("<span{}>{}</span>", attributes, value) if attributes else escape(value)

    def words(self, quote: Quote) -> Markup:
        """A quote's text where the page does not mark it already (a table cell): in its language's marking
        when the page's language is not the briefing's."""
        if self.page_language == self.corpus.briefing.language:
            return escape(quote.text)
        return self.in_language(quote.text, quote.text_language(self.corpus.briefing.language))

    @cached_property
    def _page_direction(self) -> Markup:
        # A date or a citation in the page's language keeps its own direction beside text from the data in
        # another one (a Persian date in an English citation would otherwise read "۱۷ ۲۰۲۶ فوریه", and the
        # Persian semicolon between citations would reorder them).
        return format_html(' dir="{}"', self.t.direction) if self.own_attributes else Markup("")

    def date(self, value: FuzzyDate) -> Markup:
        """A date as text in the page's language (no ``<time>``), e.g. in a citation's link."""
        if not self._page_direction:
            return escape(self.t.date(value))
        return format_html("<span{}>{}</span>", self._page_direction, self.t.date(value))

    def own(self, value: object) -> Markup:
        """Text from the data, in the briefing's language: marked as such when the page's language differs
        (English names in a Persian page keep their left-to-right order)."""
        shown = escape(value)
        if not self.own_attributes or isinstance(value, Markup):
            return shown
        return format_html("<span{}>{}</span>", self.own_attributes, shown)

    def piece(self, template: str, macro: str, record: Record, **options: Any) -> Markup:
        """``macro`` of ``template`` called with (this page, record, options): a quote card, a table row."""
        return self.renderer.piece(self, template, macro, record, options)

    def href(self, target: Record | str, anchor: str = "") -> str:
        if isinstance(target, Record):
            target = record_path(target)
        return self.urls.href(self.src, target, anchor)

    def link(self, target: Record | str, label: str | None = None, cls: str = "") -> Markup:
        record = self.corpus.get(target) if isinstance(target, str) else target
        shown = label if label is not None else record.label
        same = shown == (escape(record.label) if isinstance(shown, Markup) else record.label)
        title = format_html(' title="{}"', record.label) if not same else Markup("")
        klass = format_html(' class="{}"', cls) if cls else Markup("")
        # A label from the data is in the briefing's language; one the template made (Markup) in the page's.
        own = self.own_attributes if not isinstance(shown, Markup) else Markup("")
        return format_html('<a href="{}"{}{}{}>{}</a>', self.href(record), klass, title, own, shown)

    def links(self, targets: Iterable[Record | str], empty: str = "not reported") -> Markup:
        items = [self.link(t) for t in targets]
        return Markup(self.t.gettext(", ")).join(items) if items else self.unknown(empty)

    @staticmethod
    def external(url: str) -> Markup:
        # Only http(s) URLs pass the model, so the address can be used as-is once escaped.
        # br-url: the link text is the address already, so print does not repeat it (print.css).
        return format_html('<a href="{}" class="br-url" rel="noopener">{}</a>', url, url)

    def unknown(self, what: str = "not reported") -> Markup:
        """A value the sources do not give, said in the page's language (``what``: an English label)."""
        shown = what if isinstance(what, Markup) else self.t.gettext(what)
        return format_html('<span class="br-unknown">{}</span>', shown)

    def when(self, value: FuzzyDate | None, empty: str = "not reported") -> Markup:
        if value is None:
            return self.unknown(empty)
        note = self.t.precision_note(value)
        precision = format_html(' <span class="br-precision">{}</span>', note) if note else ""
        if value.approximate:
            # No <time datetime>: a machine would read the day as exact. The text says "about".
            return format_html('<span class="br-approximate"{}>{}</span>{}', self._page_direction,
                               self.t.date(value), precision)
        return format_html('<time datetime="{}"{}>{}</time>{}', value.iso, self._page_direction,
                           self.t.date(value), precision)

    def value(self, record: Part, name: str, value: object, empty: str = "not reported") -> Markup:
        """One value of a field as a reader sees it: a date, a link for a reference, else escaped text."""
        if value is None:
            return self.unknown(empty)
        if isinstance(value, FuzzyDate):
            return self.when(value, empty)
        if is_reference_field(type(record), name):
            return self.link(str(value))
        if name == "format":
            return escape(self.t.gettext(str(value)))  # a word the model defines (direct, indirect, mixed)
        return self.own(str(value))

    def fact(self, record: Record, name: str, empty: str = "not reported") -> Markup:
        """A contestable field: its accepted value and, when the sources give accounts, each of them."""
        return self.value(record, name, getattr(record, name), empty) + self.accounts(record, name)

    def accounts(self, record: Record, name: str, label: str = "") -> Markup:
        """The accounts of a field, the accepted one first marked, each with who gives it and its citation.

        A field whose accounts differ is marked "contested"; accounts that agree are listed without the mark."""
        found = record.accounts(name)
        if not found:
            return Markup("")
        chosen = next((a for a in found if a.accepted), found[0])
        contested = record.is_contested(name)
        items = [self._account(record, name, account, contested and account is chosen) for account in found]
        t = self.t
        shown = t.say("%(field)s contested", field=t.gettext(label.lower())) if label else t.gettext("contested")
        badge = format_html(' <span class="br-badge br-contested">{}</span>', shown) if contested else Markup("")
        return format_html('{}<span class="br-sr-only">{}</span><ul class="br-accounts">{}</ul>',
            badge, t.say("Accounts of the %(field)s:", field=t.gettext((label or name).lower())),
            Markup("").join(items))

    def _account(self, record: Record, name: str, account: Account[object], chosen: bool) -> Markup:
        bits = [format_html('<span class="br-account-value">{}</span>', self.value(record, name, account.value))]
        if account.according_to:
            bits.append(self.say("according to %(who)s", who=self.link(account.according_to)))
        if account.wording:
            bits.append(format_html("<q{}>{}</q>", self.own_attributes, account.wording))
        if account.note:
            bits.append(format_html('<span class="br-meta">{}</span>', self.own(account.note)))
        shown = Markup(self.t.gettext(", ")).join(bits)
        accepted = (format_html(' <span class="br-badge br-accepted">{}</span>', self.t.gettext("accepted"))
                    if chosen else Markup(""))
        return format_html('<li class="br-account{}">{}{}{} {}</li>',
            " br-account-accepted" if chosen else "", shown, accepted, self.report(account),
            self.cites(account.sources))

    def report(self, item: Part) -> Markup:
        """A report's status (denied, overtaken…) and what says so, as a badge and links; empty when unmarked."""
        status = getattr(item, "report", None)
        if status is None:
            return Markup("")
        badge = format_html(' <span class="br-badge br-report br-report-{}">{}</span>',
            status, self.t.gettext(REPORT_LABELS[status]))
        by: list[str] = getattr(item, "report_by", [])
        if not by:
            return badge
        return badge + format_html(' <span class="br-report-by">{}</span>', self.say("by %(who)s",
                                                                               who=self.links(by)))

    def say(self, message: str, **values: object) -> Markup:
        """An English label in the page's language, as HTML, with ``%(name)s`` filled in by escaped values."""
        shown = Markup(self.t.gettext(message))
        return shown % self.t.values(values) if values else shown

    def span(self, start: FuzzyDate | None, end: FuzzyDate | None) -> Markup:
        if end is None or (start is not None and end.text == start.text):
            return self.when(start)
        return self.say("%(start)s – %(end)s", start=self.when(start), end=self.when(end))

    def lang_attributes(self, lang: str) -> Markup:
        """``lang``/``dir`` for text in a language other than the page's, so it is read and laid out right."""
        if lang == self.page_language:
            return Markup("")
        direction = "rtl" if lang.split("-", maxsplit=1)[0] in RTL_LANGUAGES else "ltr"
        return format_html(' lang="{}" dir="{}"', lang, direction)

    def translation(self, quote: Quote, separator: str = " · ") -> Markup:
        """'translated from Persian by the outlet' (after ``separator``) for a quote shown in translation."""
        spoken = quote.spoken_language
        if spoken is None or spoken == quote.text_language(self.corpus.briefing.language):
            return Markup("")
        by = TRANSLATORS.get(quote.translated_by or "", "")
        said = self.say("translated from %(language)s", language=self.t.gettext(language_name(spoken)))
        return format_html("{}{}{}", Markup(self.t.gettext(separator)), said,
                           f" {self.t.gettext(by)}" if by else "")

    def language_facts(self, quote: Quote) -> Markup:
        """The language of the words shown, and the translation they are, for the quote's facts."""
        shown = escape(self.t.gettext(language_name(quote.text_language(self.corpus.briefing.language))))
        return shown + self.translation(quote, ", ")

    def cites(self, citations: Iterable[Citation]) -> Markup:
        parts = []
        for citation in citations:
            source = self.corpus.get(citation.source)
            outlet = self.corpus.by_id.get(getattr(source, "outlet", ""))
            comma = Markup(self.t.gettext(", "))
            label = self.own(outlet.label if outlet else source.label)
            agency = self.corpus.by_id.get(getattr(source, "agency", None) or "")
            if agency is not None:
                label = format_html("{} ({})", label, self.own(agency.label))  # an agency story read in that outlet
            published = getattr(source, "published", None)
            if isinstance(published, FuzzyDate):
                label = format_html("{}{}{}", label, comma, self.date(published))
            bits = [self.link(source, label)]
            if citation.locator:
                bits.append(self.own(citation.locator))
            if citation.note:
                bits.append(format_html('<span class="br-cite-note">{}</span>', self.own(citation.note)))
            parts.append(format_html('<span class="br-cite">{}</span>', comma.join(bits)))
        if not parts:
            return Markup("")
        return format_html('<span class="br-cites"{}><span class="br-sr-only">{} </span>[{}]</span>',
            self._page_direction, self.t.gettext("Sources:"), Markup(self.t.gettext("; ")).join(parts))

    def original(self, original: OriginalText | None) -> Markup:
        if original is None:
            return Markup("")
        return format_html('<span lang="{}" dir="{}" class="br-original">{}</span>',
            original.lang, original.direction, original.text)

    def kind_label(self, record: Record) -> str:
        return self.t.gettext(record.singular.capitalize())

    def text(self, value: str | None) -> Markup:
        return self.own(value) if value else Markup("")

    def paragraphs(self, value: str | None, markup: bool = False) -> Markup:
        return text.paragraphs(value, markup=markup, attributes=self.own_attributes) if value else Markup("")


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, in memory, by template and source checksum. Each build needs its own environment
    (the corpus is one of its globals, and MkDocs makes the theme's anew); compiling every template again was a
    tenth of a preview rebuild."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # the bucket drops it if the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = CompiledTemplates()


class Renderer:
    """Renders every page of the briefing from a :class:`Corpus`."""

    def __init__(self, corpus: Corpus, urls: Urls, template_dirs: Iterable[Path] = (),
                 history: History | None = None, *, files: sitepages.FilesSummary | None = None,
                 previewing: bool = False, previous: Renderer | None = None, changes: Changes | None = None,
                 translator: Translator = ENGLISH) -> None:
        """``previewing`` keeps pieces of pages for the next build; ``previous`` is that build's renderer, and
        ``changes`` what changed since: its pages and pieces that read none of it are taken over.
        ``translator``: the reader's language, for the plugin's own labels and dates."""
        self.corpus = corpus
        self.translator = t = translator
        self.files = files or sitepages.FilesSummary()  # what the files written at build time hold
        self.urls = urls
        self.history = history  # the data's git history, for the "What changed" page (None: not read)
        self.reads = ReadLog()
        corpus.observe(self.reads)
        self.changes = changes
        self.previous_pages: Mapping[str, Page] = previous.pages if previous is not None else {}
        self.pages: dict[str, Page] = {}  # by all_pages
        self.pieces: dict[PieceKey, Piece] | None = None
        if previewing:
            kept = previous.pieces if previous is not None and previous.pieces is not None else {}
            self.pieces = carry_pieces(kept, changes, self.page_paths())
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in template_dirs])]
        loaders.append(jinja2.PackageLoader("briefing.render", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders), autoescape=True, trim_blocks=True, lstrip_blocks=True,
            undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do", "jinja2.ext.i18n"], auto_reload=False,
            bytecode_cache=_COMPILED,
        )

        def gettext(message: str, **values: Any) -> Markup:
            shown = Markup(t.gettext(message))
            return shown % t.values(values) if values else shown

        def ngettext(singular: str, plural: str, num: int, **values: Any) -> Markup:
            return Markup(t.ngettext(singular, plural, num)) % t.values({"num": num, **values})

        def translated(words: Mapping[str, str]) -> dict[str, str]:
            return {key: t.gettext(value) for key, value in words.items()}

        self.env.globals.update(corpus=corpus, record_date=record_date,
                                COLLECTION_TITLES=translated(COLLECTION_TITLES),
                                field_label=lambda path: t.gettext(field_label(path)),
                                corpus_figure_series=figure_series,
                                REPORT_BY_VERBS=translated(REPORT_BY_VERBS),
                                REPORT_ANSWER_VERBS=translated(REPORT_ANSWER_VERBS),
                                collections=COLLECTIONS, _=gettext, gettext=gettext, ngettext=ngettext,
                                timeline_figure=lambda: svg.timeline_svg(corpus, t))
        # Numbers in the language's digits; a word the model defines (a status, a kind) in the page's language.
        self.env.filters.update(num=t.number, word=lambda value: t.gettext(str(value)) if value else value)
        self.glossary = Glossary(t for t in corpus.of("glossary") if isinstance(t, GlossaryTerm))
        self.term_usage: dict[str, dict[str, str]] = {}  # term id -> {page src: page title}
        self._macros: dict[tuple[str, str], Any] = {}  # (template, macro name) -> the macro

    def _render(self, template: str, src: str, **values: Any) -> str:
        page = PageContext(src, self)
        try:
            return self.env.get_template(template).render(p=page, **values).strip() + "\n"
        except jinja2.TemplateError as exc:
            # Only a user's template override can get here; name it rather than show a traceback.
            line = getattr(exc, "lineno", None) or 0
            name = getattr(exc, "filename", None) or getattr(exc, "name", None) or template
            raise BriefingError([error("BR400", f"template error while rendering {src}: {exc.message or exc}",
                                       Location(str(name), line, 1 if line else 0),
                                       hint="fix the template override, or remove it to use the built-in one")],
                                ) from None

    def piece(self, page: PageContext, template: str, macro: str, record: Record, options: dict[str, Any]) -> Markup:
        """A macro's HTML for one record on one page; while previewing, taken over when its records are unchanged."""
        def render() -> Markup:
            return Markup(self._macro(template, macro)(page, record, **options))

        if self.pieces is None:
            return render()
        key = (page.src, template, macro, record.id, tuple(sorted(options.items())))
        kept = self.pieces.get(key)
        if kept is not None:
            self.reads.add(kept.reads)
            return kept.html
        with self.reads.track() as seen:
            self.reads.record(record.id)
            html = render()
        self.pieces[key] = Piece(html, seen.reads())
        return html

    def _macro(self, template: str, name: str) -> Any:
        # Looked up once per build: asking Jinja for the template's module for every piece was 4% of a build.
        found = self._macros.get((template, name))
        if found is None:
            found = self._macros[(template, name)] = getattr(self.env.get_template(template).module, name)
        return found

    def page(self, src: str, title: str, template: str, *, in_nav: bool = False, tracked: bool = True,
             searchable: bool = True, **values: Any) -> Page:
        """Render a page; ``tracked`` pages remember the records they read, so that they can be reused."""
        with self.reads.track() as seen:
            html, used = self.glossary.apply(self._render(template, src, **values))
        reads = seen.reads()
        shown = reads if tracked and reads != Reads() else None
        return Page(src, str(escape(title)), html, table_of_contents(html), in_nav, frozenset(used), shown,
                    searchable)

    def record_page(self, record: Record) -> Page:
        template = f"{record.collection}.html.j2"
        backlinks = self.corpus.backlinks.get(record.id, [])
        with self.reads.track() as seen:
            # A term's page lists where the term appears, which any page may change: it is never reused.
            page = self.page(record_path(record), record.label, template, record=record, backlinks=backlinks,
                             used_in=sorted(self.term_usage.get(record.id, {}).items()),
                             tracked=record.collection != "glossary")
            # schema.org JSON-LD, escaped for its <script> element by jsonld.dumps. It goes in the <head>, which
            # Material's instant navigation leaves alone (in the body it would be re-run as JavaScript).
            head = jsonld.script(self.corpus, self.urls, record)
        own = Reads(frozenset({record.id, *(link.source.id for link in backlinks)}), frozenset({record.id}))
        return replace(page, head=head, reads=None if page.reads is None else seen.reads() | own)

    def index_page(self, collection: str) -> Page:
        # The template reads the records itself, so that the page's dependencies are tracked. The table repeats
        # what the record pages say, so it stays out of search, where every fact would otherwise come up twice.
        title = self.translator.gettext(COLLECTION_TITLES[collection])
        return self.page(index_path(collection), title, "index.html.j2", in_nav=True, searchable=False,
                         collection=collection)

    def page_content(self, src: str, html: str) -> str:
        """The content of the page built from ``src``, as the theme gets it: a generated page's own HTML, or a
        hand-written page's with its blocks filled in and glossary terms marked; then the page's closing line."""
        generated = self.pages.get(src)
        if generated is not None:
            html = generated.html
        else:
            # Blocks were checked with the page (BR302) before the build started.
            html = EMBED.sub(lambda m: self.embed(m["name"], src, parse_options(m["options"])), html)
            html = self.glossary.apply(html)[0]
        return html + pageinfo.page_info(self.corpus, self.urls, src, self.history, self.translator)

    def embed(self, name: str, src: str, options: Mapping[str, str] | None = None) -> str:
        """A block placed in a hand-written page by ``<!-- briefing:NAME key=id … -->`` (checked beforehand)."""
        return self._render(f"embed_{name}.html.j2", src, options=dict(options or {}))

    def site_pages(self) -> list[sitepages.PageSpec]:
        return sitepages.site_pages(self.corpus, self.urls, self.files, self.history)

    def page_paths(self) -> list[str]:
        """Where every generated page goes, without rendering any."""
        paths = [record_path(r) for records in self.corpus.records.values() for r in records]
        paths += [index_path(c) for c in COLLECTIONS]
        return [*paths, *(spec.src for spec in self.site_pages())]

    def all_pages(self) -> list[Page]:
        """Every generated page; a page of the previous build that read nothing that changed is taken over."""

        def page(src: str, render: Callable[[], Page]) -> Page:
            old = self.previous_pages.get(src)
            return old if old is not None and reusable(old.reads, self.changes) else render()

        def site_page(spec: sitepages.PageSpec) -> Page:
            return self.page(spec.src, self.translator.gettext(spec.title), spec.template, in_nav=True,
                             tracked=spec.tracked, searchable=spec.searchable, **spec.values())

        collections = [name for name in COLLECTIONS if name != "glossary"]
        pages = [page(record_path(r), partial(self.record_page, r)) for name in collections
                 for r in self.corpus.of(name)]
        pages += [page(index_path(c), partial(self.index_page, c)) for c in COLLECTIONS]
        pages += [page(spec.src, partial(site_page, spec)) for spec in self.site_pages()]
        # Glossary terms come last: each lists the pages it appears on.
        self.term_usage = {}
        for done in pages:
            for term_id in done.terms:
                self.term_usage.setdefault(term_id, {})[done.src_uri] = done.title
        pages += [self.record_page(term) for term in self.corpus.of("glossary")]
        self.pages = {p.src_uri: p for p in pages}
        return sorted(pages, key=lambda p: p.src_uri)


__all__ = ["HOME", "CompiledTemplates", "Page", "PageContext", "Renderer", "TocEntry"]
