"""The typed records editors write in ``data/``: the contract with editors.

Pure definitions, no I/O. The same classes drive validation, the JSON Schema that editors' tools read,
and the data-model reference page, so the three can never drift apart. Field descriptions are written
for editors: they appear verbatim in the schema and the documentation.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar, overload

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ID_LENGTH = 80
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ps", "ur", "yi", "ckb", "dv", "sd", "ug"})


# --- scalar types ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefTo:
    """Marks a field as a reference to records of the given collections (checked in ``checks``)."""

    collections: tuple[str, ...]


def _bool_from_text(value: Any) -> Any:
    # The loader keeps scalars as text; only the two YAML 1.2 spellings count, never `yes`/`no`/`on`.
    if isinstance(value, str):
        if value == "true":
            return True
        if value == "false":
            return False
        raise PydanticCustomError("bool_text", "must be true or false, not '{value}'", {"value": value})
    return value


def _int_from_text(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(r"[1-9][0-9]{0,5}|0", value):
            raise PydanticCustomError("int_text", "must be a whole number such as 2, not '{value}'",
                                      {"value": value})
        return int(value)
    return value


Flag = Annotated[bool, BeforeValidator(_bool_from_text)]
Count = Annotated[int, BeforeValidator(_int_from_text), Field(ge=1)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=MAX_ID_LENGTH)]
Text = Annotated[str, Field(min_length=1)]
LanguageTag = Annotated[str, Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]


_ID = Field(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)
SourceRef = Annotated[str, _ID, RefTo(("sources",))]
PartyRef = Annotated[str, _ID, RefTo(("parties",))]
PersonRef = Annotated[str, _ID, RefTo(("people",))]
OutletRef = Annotated[str, _ID, RefTo(("outlets",))]
OrganizationRef = Annotated[str, _ID, RefTo(("organizations",))]
QuoteRef = Annotated[str, _ID, RefTo(("quotes",))]
RoundRef = Annotated[str, _ID, RefTo(("rounds",))]
IssueRef = Annotated[str, _ID, RefTo(("issues",))]
PositionRef = Annotated[str, _ID, RefTo(("positions",))]
TermRef = Annotated[str, _ID, RefTo(("glossary",))]
# What confirms, denies or overtakes a report.
ReportRef = Annotated[str, _ID, RefTo(("quotes", "positions", "events", "sources"))]
# Whose words or figures: a person, an organization (ministry, NGO…), a party or an outlet.
VoiceRef = Annotated[str, _ID, RefTo(("people", "organizations", "parties", "outlets"))]
# Who speaks or states a position: a person, or an organization (a ministry's statement).
SpeakerRef = Annotated[str, _ID, RefTo(("people", "organizations"))]


_DATE_RE = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2})"
    r"(?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
    r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?"
    r"(?P<approximate>~)?"
)
DATE_PATTERN = "^" + _DATE_RE.pattern + "$"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """A date written with the precision that is known: ``2026``, ``2026-02``, ``2026-02-17`` or a time.

    Kept as the text the editor wrote; ``precision`` says how much of it is known, so the site never
    shows a day it does not have. A trailing ``~`` (ISO 8601-2's mark) says the source gives it only
    approximately ("about 13 June"): it is shown so, and never used where an exact date is claimed.
    """

    text: str
    year: int
    month: int | None = None
    day: int | None = None
    time: str | None = None
    approximate: bool = False

    @property
    def iso(self) -> str:
        """The date without the approximate mark, as HTML's ``datetime`` and schema.org expect."""
        return self.text.removesuffix("~")

    @property
    def exact_day(self) -> bool:
        """Known to the day and not approximate: only such dates give day counts and calendar entries."""
        return self.day is not None and not self.approximate

    @property
    def precision(self) -> Literal["year", "month", "day", "time"]:
        if self.time is not None:
            return "time"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.year, self.month or 0, self.day or 0, self.time or "")

    def display(self) -> str:
        """Human wording at the known precision: '17 February 2026', 'February 2026', '2026'."""
        if self.month is None:
            shown = str(self.year)
        elif self.day is None:
            shown = f"{MONTHS[self.month - 1]} {self.year}"
        else:
            shown = f"{self.day} {MONTHS[self.month - 1]} {self.year}"
            shown = f"{shown}, {self.time}" if self.time else shown
        return f"about {shown}" if self.approximate else shown

    def __str__(self) -> str:
        return self.text

    @classmethod
    def parse(cls, value: str) -> FuzzyDate:
        match = _DATE_RE.fullmatch(value)
        if not match:
            raise PydanticCustomError(
                "date_text",
                "'{value}' is not a date written as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM "
                "(with a trailing ~ when approximate)",
                {"value": value},
            )
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month is not None and not 1 <= month <= 12:
            raise PydanticCustomError("date_month", "'{value}' has no month {month}",
                                      {"value": value, "month": month})
        if year < 1 or (day is not None and month is not None
                        and not 1 <= day <= calendar.monthrange(year, month)[1]):
            raise PydanticCustomError("date_day", "'{value}' is not a day in the calendar", {"value": value})
        time = None
        if match["hour"]:
            if int(match["hour"]) > 23 or int(match["minute"]) > 59 or int(match["second"] or 0) > 59:
                raise PydanticCustomError("date_time", "'{value}' has an impossible time of day",
                                          {"value": value})
            time = value.removesuffix("~").split("T", 1)[1]
        return cls(value, year, month, day, time, approximate=bool(match["approximate"]))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def validate(value: Any) -> FuzzyDate:
            return value if isinstance(value, FuzzyDate) else cls.parse(value)

        return core_schema.no_info_after_validator_function(
            validate,
            core_schema.union_schema([core_schema.is_instance_schema(cls), core_schema.str_schema()]),
            serialization=core_schema.plain_serializer_function_ser_schema(str),
            # Editors' YAML tools read a bare `2026` as a number, so the schema admits a year as one too.
            metadata={"pydantic_js_functions": [lambda _s, _h: {"anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999}]}]},
        )


# --- shared building blocks -----------------------------------------------------------------------


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Part):
    """Where a fact comes from. Write a bare source id, or a mapping with a locator."""

    model_config = ConfigDict(
        json_schema_extra=lambda schema: _allow_bare_id(schema, "a source id, e.g. tehran-times-2026-02-17"),
    )
    source: SourceRef = Field(description="The id of the source.")
    locator: Text | None = Field(None, description='Where in the source, e.g. "para 7".')
    note: Text | None = Field(None, description="A short remark on how the source supports the fact.")

    @model_validator(mode="before")
    @classmethod
    def _from_bare_id(cls, value: Any) -> Any:
        return {"source": value} if isinstance(value, str) else value


def _allow_bare_id(schema: dict[str, Any], description: str) -> None:
    mapping = dict(schema)
    schema.clear()
    schema["anyOf"] = [{"type": "string", "pattern": SLUG_PATTERN, "description": description}, mapping]


Sources = Annotated[list[Citation], Field(description="Citations: source ids or {source, locator, note}.")]
RequiredSources = Annotated[
    list[Citation], Field(min_length=1, description="At least one citation: a source id or {source, locator}.")
]


class OriginalText(Part):
    """Text in its original language; right-to-left scripts are rendered ``dir=rtl``."""

    lang: LanguageTag = Field(description="Language tag, e.g. fa, ar, en.")
    text: Text = Field(description="The text as written in that language.")

    @property
    def direction(self) -> Literal["rtl", "ltr"]:
        return "rtl" if self.lang.split("-")[0] in RTL_LANGUAGES else "ltr"


class SourcedText(Part):
    text: Text = Field(description="Plain text.")
    sources: RequiredSources


class Framing(Part):
    """Wording that is one outlet's or speaker's own, shown as theirs rather than as established fact."""

    text: Text = Field(description="The wording, verbatim as published.")
    by: VoiceRef = Field(description="Whose wording it is.")
    note: Text | None = Field(None, description="Why it is marked, e.g. 'the outlet's characterisation'.")
    sources: RequiredSources


REPORT_STATUSES = ("confirmed", "reported", "unconfirmed", "denied", "overtaken")
ReportStatus = Literal["confirmed", "reported", "unconfirmed", "denied", "overtaken"]
_REPORT_DOC = ("How the report stands: confirmed, reported (as the sources say), unconfirmed, denied or "
               "overtaken (later events proved it wrong). Absent: as reported.")
_REPORT_BY_DOC = "What confirms, denies or overtakes it: ids of quotes, positions, events or sources."


class Figure(Part):
    """A number, kept with who gives it and when; several figures for one label show as a series."""

    label: Text = Field(description='What is counted, e.g. "Iranians killed".')
    value: Text = Field(description='The figure as given, e.g. "more than 1,000".')
    according_to: VoiceRef = Field(description="Who gives the figure.")
    as_of: FuzzyDate | None = Field(None, description="When the figure was given or counted.")
    id: Slug | None = Field(None, description="A name for the figure within its record, so that a later "
                            "figure can revise it, e.g. toll-june-15.")
    revises: Slug | None = Field(None, description="The id of the earlier figure with the same label, in the "
                                 "same record, that this one updates.")
    sources: RequiredSources


V = TypeVar("V")


class Account(Part, Generic[V]):
    """One source's account of a fact the sources give differently; the briefing goes by the accepted one."""

    value: V = Field(description="The value this account gives.")
    according_to: VoiceRef | None = Field(None, description="Who gives this account; absent: the sources "
                                          "themselves.")
    wording: Text | None = Field(None, description='The source\'s own words, e.g. "two separate rooms" or '
                                 '"on Tuesday".')
    note: Text | None = Field(None, description="An editors' remark on this account.")
    accepted: Flag = Field(False, description="true on the account the briefing goes by; when no account "
                           "is marked, the first one is accepted.")
    report: ReportStatus | None = Field(None, description=_REPORT_DOC)
    report_by: list[ReportRef] = Field(default_factory=list, description=_REPORT_BY_DOC)
    sources: RequiredSources


class DateAccount(Account[FuzzyDate]):
    """An account of a date."""


class TextAccount(Account[Text]):
    """An account of a place, a duration or another text value."""


class FormatAccount(Account[Literal["direct", "indirect", "mixed"]]):
    """An account of a round's format."""


class PartyAccount(Account[PartyRef]):
    """An account of which party played a part (e.g. mediated)."""


_PLAIN, _ACCOUNTS = "plain-value", "list-of-accounts"
UNION_TAGS = frozenset({_PLAIN, _ACCOUNTS})  # pydantic adds them to error locations; parse drops them


def _plain_or_accounts(value: Any) -> str:
    return _ACCOUNTS if isinstance(value, list) else _PLAIN


_ACCOUNTS_DOC = ("A value, or when the sources disagree a list of accounts, each {value, according_to, "
                 "sources, note}; the first (or the one marked accepted: true) is the one the site goes by.")
ContestedDate = Annotated[
    Annotated[FuzzyDate, Tag(_PLAIN)] | Annotated[list[DateAccount], Tag(_ACCOUNTS), Field(min_length=1)],
    Discriminator(_plain_or_accounts)]
ContestedText = Annotated[
    Annotated[Text, Tag(_PLAIN)] | Annotated[list[TextAccount], Tag(_ACCOUNTS), Field(min_length=1)],
    Discriminator(_plain_or_accounts)]
ContestedFormat = Annotated[
    Annotated[Literal["direct", "indirect", "mixed"], Tag(_PLAIN)]
    | Annotated[list[FormatAccount], Tag(_ACCOUNTS), Field(min_length=1)],
    Discriminator(_plain_or_accounts)]
ContestedParty = Annotated[
    Annotated[PartyRef, Tag(_PLAIN)] | Annotated[list[PartyAccount], Tag(_ACCOUNTS), Field(min_length=1)],
    Discriminator(_plain_or_accounts)]

@overload
def accepted(value: None) -> None: ...
@overload
def accepted(value: FuzzyDate | list[DateAccount]) -> FuzzyDate: ...
@overload
def accepted(value: str | list[TextAccount] | list[FormatAccount] | list[PartyAccount]) -> str: ...
def accepted(value: Any) -> Any:
    """The value the briefing goes by: a plain value, or the marked (else the first) account's."""
    if not isinstance(value, list):
        return value
    marked = [account for account in value if account.accepted]
    return (marked[0] if marked else value[0]).value


def accounts(value: object) -> list[Account[Any]]:
    """The accounts of a field written as a list of them; [] for a plain value."""
    return [a for a in value if isinstance(a, Account)] if isinstance(value, list) else []


class ScheduleEntry(Part):
    """What was announced about a round at one time: its status, date and place as they then stood."""

    announced: FuzzyDate | None = Field(None, description="When this was announced or reported.")
    by: VoiceRef | None = Field(None, description="Who announced it.")
    status: Literal["planned", "scheduled", "unscheduled", "postponed", "cancelled"] = Field(
        description="planned, scheduled (date set), unscheduled, postponed or cancelled, as announced then.")
    start: FuzzyDate | None = Field(None, description="The date then announced.")
    end: FuzzyDate | None = Field(None, description="The last day then announced.")
    location: Text | None = Field(None, description="The place then announced.")
    note: Text | None = Field(None, description="Plain-text remark, e.g. the wording of the announcement.")
    report: ReportStatus | None = Field(None, description=_REPORT_DOC)
    report_by: list[ReportRef] = Field(default_factory=list, description=_REPORT_BY_DOC)
    sources: RequiredSources


class Divergence(Part):
    """An editors' finding, with its citation, that a party says one thing in public and another at the table."""

    position: PositionRef = Field(description="The same party's position on the same issue, stated at the other "
                                  "venue (table or public), that this one diverges from.")
    note: Text | None = Field(None, description="How they differ, in plain text.")
    sources: RequiredSources


# --- records --------------------------------------------------------------------------------------


class Record(Part):
    collection: ClassVar[str]
    singular: ClassVar[str]
    # Fields that may hold accounts instead of a plain value. Each is stored as ``<name>_reported`` (the YAML
    # key stays ``<name>``, its alias); the property ``<name>`` is the accepted value that pages, timeline,
    # calendar and feeds go by.
    contested_fields: ClassVar[tuple[str, ...]] = ()
    id: Slug = Field(description="Lowercase slug, unique in the whole briefing; also the page's URL segment.")

    @property
    def label(self) -> str:
        raise NotImplementedError

    def accounts(self, name: str) -> list[Account[Any]]:
        """The accounts given of a contested field ([] when it holds a plain value)."""
        return accounts(getattr(self, f"{name}_reported"))

    def is_contested(self, name: str) -> bool:
        """Whether the accounts of a field give more than one value (as written)."""
        return len({str(a.value) for a in self.accounts(name)}) > 1


class Briefing(Part):
    """``briefing.yml``: one mapping that describes the briefing as a whole."""

    title: Text = Field(description="The site's title.")
    subtitle: Text | None = Field(None, description="A line under the title.")
    subject: Text = Field(description="What the negotiation is about, in a sentence.")
    as_of: FuzzyDate = Field(description="The information cutoff: nothing after this is covered.")
    status: Literal["ongoing", "concluded", "suspended"] | None = Field(None, description="State of the talks.")
    key_points: list[SourcedText] = Field(default_factory=list, description="The main points, each sourced.")
    editors: list[Text] = Field(default_factory=list, description="Who maintains the briefing.")
    license: Text | None = Field(None, description="The licence of the briefing's text.")
    language: LanguageTag = Field("en", description="Language of the briefing's own text.")


class Party(Record):
    """A state or organisation taking part in, mediating or observing the talks."""

    collection = "parties"
    singular = "party"
    name: Text = Field(description="Short common name, e.g. Iran.")
    official_name: Text | None = Field(None, description="Full official name.")
    kind: Literal["state", "organization"] | None = Field(None, description="What it is.")
    role: Literal["side", "mediator", "observer", "other"] | None = Field(None, description="Its role in the talks.")
    aliases: list[Text] = Field(default_factory=list, description="Other names readers may search for.")
    description: Text | None = Field(None, description="Plain-text description.")
    sources: Sources = Field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name


class Person(Record):
    """A named person, or an anonymous source described by what is known of them."""

    collection = "people"
    singular = "person"
    name: Text = Field(description='Name; for an anonymous source, the descriptor ("unnamed U.S. official").')
    name_original: OriginalText | None = Field(None, description="The name in its own script.")
    aliases: list[Text] = Field(default_factory=list, description="Other spellings readers may search for.")
    title: Text | None = Field(None, description="Office or function, as the sources give it.")
    party: PartyRef | None = Field(None, description="The party they speak for.")
    anonymous: Flag = Field(False, description="true when the sources do not name this person.")
    description: Text | None = Field(None, description="Plain-text description.")
    sources: Sources = Field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name


class Outlet(Record):
    """A medium through which words reached the public: broadcaster, agency, newspaper, social network."""

    collection = "outlets"
    singular = "outlet"
    name: Text = Field(description="Name as commonly written.")
    kind: Literal["broadcaster", "news-agency", "newspaper", "social-network", "website", "other"] | None = (
        Field(None, description="What kind of outlet.")
    )
    country: Text | None = Field(None, description="The country the outlet is based in: an ISO 3166 code (IR) or a "
                                 "name (Iran). Not a party id: `briefing upgrade` rewrites old files.")
    state_affiliated: Flag | None = Field(None, description="true for state-run or state-affiliated outlets.")
    description: Text | None = Field(None, description="Plain-text description.")
    sources: Sources = Field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name


class Organization(Record):
    """A body that speaks or counts but is not a side at the table: a ministry, an office, an agency, an NGO."""

    collection = "organizations"
    singular = "organization"
    name: Text = Field(description="Name as commonly written, e.g. Omani Foreign Ministry.")
    official_name: Text | None = Field(None, description="Full official name.")
    kind: Literal["ministry", "government-office", "government-agency", "international-organization", "ngo",
                  "institute", "company", "other"] | None = Field(
        None, description="ministry, government-office (e.g. the White House), government-agency, "
        "international-organization, ngo, institute, company or other.")
    part_of: PartyRef | None = Field(None, description="The party (state) it belongs to, for a ministry or office.")
    country: Text | None = Field(None, description="The country it is based in, when not a party's: an ISO 3166 "
                                 "code (NO) or a name (Norway).")
    aliases: list[Text] = Field(default_factory=list, description="Other names readers may search for.")
    description: Text | None = Field(None, description="Plain-text description.")
    sources: Sources = Field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name


class Source(Record):
    """A published document that facts are taken from."""

    collection = "sources"
    singular = "source"
    contested_fields = ("published",)
    title: Text | None = Field(None, description="Headline or title, as published. Never invent one: for a copy "
                               "without a headline, leave it out and write `untitled: true`.")
    untitled: Flag = Field(False, description="true when the copy read shows no headline; the site calls it an "
                           "untitled copy.")
    outlet: OutletRef = Field(description="Who published it: the outlet where it was read.")
    agency: OutletRef | None = Field(None, description="The news agency whose story it is, when read in another "
                                     "outlet (an AP story in the Star Tribune).")
    author: Text | None = Field(None, description="Byline.")
    published_reported: ContestedDate | None = Field(
        None, alias="published", description="Publication date (and time, where known, with its zone); absent "
        "when unknown, `2025-04-15~` when approximate, `dateline` for the words as printed. " + _ACCOUNTS_DOC)
    dateline: Text | None = Field(None, description="The date line exactly as printed, when it says more or less "
                                  "than `published` can hold (e.g. a truncated time).")
    url: Annotated[str, Field(pattern=r"^https?://[^\s/$.?#][^\s]*$")] | None = Field(
        None, description="Web address (http or https only).")
    language: LanguageTag | None = Field(None, description="Language of the source.")
    kind: Literal["news", "statement", "transcript", "social-post", "document"] | None = Field(
        None, description="What kind of document.")
    perspective: Text | None = Field(None, description="How to read it: the outlet's editorial line, an "
                                     "editors' note shown on the source page.")
    accessed: FuzzyDate | None = Field(None, description="When the editors read it.")

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        return f"Untitled copy, {self.published.display()}" if self.published else "Untitled copy"

    @property
    def published(self) -> FuzzyDate | None:
        return accepted(self.published_reported)


class Round(Record):
    """One round of the negotiation."""

    collection = "rounds"
    singular = "round"
    number: Count = Field(description="1 for the first round, 2 for the second…")
    title: Text | None = Field(None, description="A title; defaults to 'Round N'.")
    status: Literal["held", "scheduled", "planned", "unscheduled", "postponed", "cancelled"] = Field(
        description="held (took place), scheduled (date set), planned/unscheduled (no date yet), postponed, "
        "cancelled.")
    start_reported: ContestedDate | None = Field(None, alias="start", description="First day; absent when not "
                                                 "reported. " + _ACCOUNTS_DOC)
    end_reported: ContestedDate | None = Field(None, alias="end", description="Last day, for rounds over "
                                               "several days. " + _ACCOUNTS_DOC)
    location_reported: ContestedText | None = Field(None, alias="location", description="City; absent when not "
                                                    "reported. " + _ACCOUNTS_DOC)
    site_reported: ContestedText | None = Field(None, alias="site", description="Where in the city: the "
                                                "building or residence, e.g. 'the Omani embassy'. " + _ACCOUNTS_DOC)
    format_reported: ContestedFormat | None = Field(None, alias="format", description="Whether the sides met "
                                                    "face to face: direct, indirect or mixed. " + _ACCOUNTS_DOC)
    mediator_reported: ContestedParty | None = Field(None, alias="mediator", description="The mediating party. "
                                                     + _ACCOUNTS_DOC)
    duration_reported: ContestedText | None = Field(None, alias="duration", description='How long the talks '
                                                    'lasted, e.g. "over four hours". ' + _ACCOUNTS_DOC)
    schedule: list[ScheduleEntry] = Field(default_factory=list, description="What was announced before the round, "
                                          "oldest first: planned dates and places, postponements, a cancellation.")
    parties: list[PartyRef] = Field(default_factory=list, description="The sides at the table.")
    delegates: list[PersonRef] = Field(default_factory=list, description="People known to have taken part.")
    summary: Text | None = Field(None, description="What happened, in plain text.")
    outcomes: list[SourcedText] = Field(default_factory=list, description="What the round produced, sourced.")
    next_steps: Text | None = Field(None, description="What was agreed to happen next.")
    figures: list[Figure] = Field(default_factory=list, description="Numbers, each attributed.")
    framing: list[Framing] = Field(default_factory=list, description="Wording that is a speaker's or outlet's own.")
    sources: RequiredSources

    contested_fields = ("start", "end", "location", "site", "format", "mediator", "duration")

    @property
    def label(self) -> str:
        return self.title or f"Round {self.number}"

    @property
    def start(self) -> FuzzyDate | None:
        return accepted(self.start_reported)

    @property
    def end(self) -> FuzzyDate | None:
        return accepted(self.end_reported)

    @property
    def location(self) -> str | None:
        return accepted(self.location_reported)

    @property
    def site(self) -> str | None:
        return accepted(self.site_reported)

    @property
    def format(self) -> str | None:
        return accepted(self.format_reported)

    @property
    def mediator(self) -> str | None:
        return accepted(self.mediator_reported)

    @property
    def duration(self) -> str | None:
        return accepted(self.duration_reported)


class Event(Record):
    """Something that is not a round but shapes the talks: strikes, statements, ceasefires."""

    collection = "events"
    singular = "event"
    contested_fields = ("date", "start", "end", "duration")
    title: Text = Field(description="A short neutral title.")
    date_reported: ContestedDate | None = Field(None, alias="date", description="When it happened (a single day "
                                                "or month). " + _ACCOUNTS_DOC)
    start_reported: ContestedDate | None = Field(None, alias="start", description="First day of an event that "
                                                 "lasted a while. " + _ACCOUNTS_DOC)
    end_reported: ContestedDate | None = Field(None, alias="end", description="Last day of an event that lasted "
                                               "a while. " + _ACCOUNTS_DOC)
    duration_reported: ContestedText | None = Field(None, alias="duration", description='How long it lasted when '
                                                    'the dates are not reported, e.g. "12 days". ' + _ACCOUNTS_DOC)
    kind: Literal["military", "diplomatic", "statement", "domestic", "other"] | None = Field(
        None, description="What kind of event.")
    parties: list[PartyRef] = Field(default_factory=list, description="Parties involved.")
    people: list[PersonRef] = Field(default_factory=list, description="People involved, e.g. a host.")
    organizations: list[OrganizationRef] = Field(default_factory=list, description="Organizations involved.")
    summary: Text | None = Field(None, description="What happened, in plain neutral text.")
    figures: list[Figure] = Field(default_factory=list, description="Numbers, each attributed.")
    framing: list[Framing] = Field(default_factory=list, description="Wording that is a speaker's or outlet's own.")
    report: ReportStatus | None = Field(None, description=_REPORT_DOC)
    report_by: list[ReportRef] = Field(default_factory=list, description=_REPORT_BY_DOC)
    sources: RequiredSources

    @property
    def label(self) -> str:
        return self.title

    @property
    def date(self) -> FuzzyDate | None:
        return accepted(self.date_reported)

    @property
    def start(self) -> FuzzyDate | None:
        return accepted(self.start_reported)

    @property
    def end(self) -> FuzzyDate | None:
        return accepted(self.end_reported)

    @property
    def duration(self) -> str | None:
        return accepted(self.duration_reported)

    @property
    def when(self) -> FuzzyDate | None:
        return self.date or self.start


class Issue(Record):
    """A subject of the negotiation on which parties take positions."""

    collection = "issues"
    singular = "issue"
    title: Text = Field(description="Short title, e.g. Uranium enrichment.")
    category: Literal["nuclear", "non-nuclear", "process"] | None = Field(None, description="Broad category.")
    summary: Text | None = Field(None, description="What is at stake, in plain text.")
    glossary: list[TermRef] = Field(default_factory=list, description="Related glossary terms.")
    sources: Sources = Field(default_factory=list)

    @property
    def label(self) -> str:
        return self.title


class Position(Record):
    """What a party wants, offers or rules out on one issue, as stated at one time and place."""

    collection = "positions"
    singular = "position"
    party: PartyRef = Field(description="Whose position it is.")
    issue: IssueRef = Field(description="What it is about.")
    stance: Text = Field(description='A short label, e.g. "zero enrichment".')
    summary: Text | None = Field(None, description="The position in a sentence or two.")
    type: Literal["red-line", "demand", "offer", "assurance", "proposal", "assessment"] | None = Field(
        None, description="red-line (not negotiable), demand, offer, assurance, proposal, assessment.")
    venue: Literal["table", "public", "unknown"] = Field(
        "unknown", description="table (in the talks), public (to the press), unknown.")
    stated_by: SpeakerRef | None = Field(None, description="Who stated it, when known: a person or an "
                                         "organization (a ministry's statement).")
    according_to: VoiceRef | None = Field(
        None, description="Who reports the position, when it is not stated by the party itself.")
    relayed_by: list[OutletRef] = Field(default_factory=list, description="Outlets that passed the report on, in "
                                        "order, before the source read.")
    date: FuzzyDate | None = Field(None, description="When it was stated; absent when not reported.")
    round: RoundRef | None = Field(None, description="The round it belongs to or followed.")
    context: Text | None = Field(None, description="Circumstances, e.g. 'after the first round'.")
    supersedes: PositionRef | None = Field(None, description="The earlier position of the same party on "
                                                "the same issue that this one replaces.")
    diverges: Divergence | None = Field(None, description="The editors' finding, cited, that this stance diverges "
                                        "from the party's stance at the other venue; the matrix marks only these.")
    framing: list[Framing] = Field(default_factory=list, description="Wording that is a speaker's or outlet's own.")
    report: ReportStatus | None = Field(None, description=_REPORT_DOC)
    report_by: list[ReportRef] = Field(default_factory=list, description=_REPORT_BY_DOC)
    sources: RequiredSources

    @property
    def label(self) -> str:
        return self.stance


class Quote(Record):
    """Words someone said or wrote, verbatim as the source publishes them."""

    collection = "quotes"
    singular = "quote"
    text: Text = Field(description="Verbatim, as published in the source (keep its punctuation).")
    speaker: SpeakerRef = Field(description="Who said it: a person, or an organization for a statement.")
    to: OutletRef | None = Field(None, description="The outlet the words were first given to or posted on.")
    relayed_by: list[OutletRef] = Field(default_factory=list, description="Outlets that passed the words on, in "
                                        "order, between `to` and the source read (Tasnim → Reuters → …).")
    posted_by: VoiceRef | None = Field(None, description="Who posted the words, when not the speaker (an "
                                       "office's account posting a leader's words).")
    date: FuzzyDate | None = Field(None, description="When it was said; absent when not reported.")
    round: RoundRef | None = Field(None, description="The round it is about.")
    issues: list[IssueRef] = Field(default_factory=list, description="Issues it speaks to.")
    context: Text | None = Field(None, description="Circumstances, in plain text.")
    mode: Literal["direct", "paraphrase"] = Field("direct", description="direct (verbatim) or paraphrase.")
    language: LanguageTag | None = Field(None, description="The language of `text`; absent: the briefing's "
                                         "language.")
    original: OriginalText | None = Field(None, description="The words in the language they were spoken in, "
                                          "where known.")
    original_language: LanguageTag | None = Field(None, description="The language they were spoken in, when the "
                                                  "original words are not known (with `original`, its lang).")
    translated_by: Literal["outlet", "editors", "unknown"] | None = Field(
        None, description="Who translated `text` from the original: outlet (the source's outlet), editors, or "
        "unknown.")
    variant_of: QuoteRef | None = Field(None, description="The quote these are another outlet's wording of (same "
                                        "speaker, same occasion); shown together with it.")
    report: ReportStatus | None = Field(None, description=_REPORT_DOC)
    report_by: list[ReportRef] = Field(default_factory=list, description=_REPORT_BY_DOC)
    sources: RequiredSources

    @property
    def label(self) -> str:
        return self.text if len(self.text) <= 60 else self.text[:57].rstrip() + "…"

    @property
    def spoken_language(self) -> str | None:
        """The language the words were spoken in, where known."""
        return self.original.lang if self.original else self.original_language

    def text_language(self, default: str) -> str:
        """The language of ``text``: its own, else the briefing's (``default``)."""
        return self.language or default


class GlossaryTerm(Record):
    """A term readers may not know."""

    collection = "glossary"
    singular = "term"
    term: Text = Field(description="The term as it appears in text, e.g. NPT.")
    definition: Text = Field(description="Plain-text definition.")
    aliases: list[Text] = Field(default_factory=list, description="Other forms of the term.")
    sources: Sources = Field(default_factory=list)

    @property
    def label(self) -> str:
        return self.term


RECORD_TYPES: tuple[type[Record], ...] = (
    Party, Person, Organization, Outlet, Source, Round, Event, Issue, Position, Quote, GlossaryTerm,
)
COLLECTIONS: dict[str, type[Record]] = {cls.collection: cls for cls in RECORD_TYPES}
BRIEFING_FILE = "briefing"


# --- reference introspection ------------------------------------------------------------------------

FieldPath = tuple[str | int, ...]


def _ref_target(annotation: Any, metadata: list[Any]) -> RefTo | None:
    for item in metadata:
        if isinstance(item, RefTo):
            return item
    for arg in getattr(annotation, "__args__", ()):
        found = _ref_target(arg, list(getattr(arg, "__metadata__", ())))
        if found is not None:
            return found
    return None


def nested_part(annotation: Any) -> type[Part] | None:
    """The record part a field holds (directly, in a list or optionally), if any."""
    if isinstance(annotation, type) and issubclass(annotation, Part):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = nested_part(arg)
        if found is not None:
            return found
    return None


@functools.lru_cache(maxsize=4096)  # the corpus asks for the field of every reference: a few dozen paths, over and over
def field_name(path: FieldPath) -> str:
    """A field's dotted name without list positions: ``sources.source`` for ``("sources", 0, "source")``. An
    account's value is the field itself: a contested mediator is ``mediator``, not ``mediator.value``."""
    return ".".join(p for p in path if isinstance(p, str)).removesuffix(".value")


def yaml_fields(model: type[BaseModel]) -> dict[str, str]:
    """Each field's key as editors write it in YAML (its alias, e.g. ``start``) → its attribute
    (``start_reported``), in the model's order."""
    return dict(_yaml_field_pairs(model))


@functools.cache
def _yaml_field_pairs(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    # A model's fields are fixed when its class is made, and the walks below ask for them once per part: for a
    # large briefing, hundreds of thousands of times.
    return tuple((info.alias or name, name) for name, info in model.model_fields.items())


def yaml_field_info(model: type[BaseModel], key: str) -> Any:
    """The pydantic FieldInfo of the field written as ``key`` in YAML, or None."""
    name = yaml_fields(model).get(key)
    return model.model_fields[name] if name else None


def is_reference_field(model: type[BaseModel], key: str) -> bool:
    """Whether the field written as ``key`` holds ids (plain or in accounts' values)."""
    info = yaml_field_info(model, key)
    if info is None:
        return False
    if _ref_target(info.annotation, list(info.metadata)) is not None:
        return True
    part = nested_part(info.annotation)
    return part is not None and issubclass(part, Account) and is_reference_field(part, "value")


def _reference_fields(model: type[Part]) -> list[tuple[str, str, RefTo | None, type[Part] | None]]:
    fields = []
    for key, name in yaml_fields(model).items():
        info = model.model_fields[name]
        target = _ref_target(info.annotation, list(info.metadata))
        nested = nested_part(info.annotation)
        if target or nested:
            fields.append((key, name, target, nested))
    return fields


@functools.cache
def _reference_fields_of(model: type[Part]) -> tuple[tuple[str, str, RefTo | None], ...]:
    return tuple((key, name, target) for key, name, target, _nested in _reference_fields(model))


# The walks below yield in the order of the model's fields, a list's items in their order, a nested part's
# contents in its place. They run over every record in each check, so they test a value's type once and build a
# path only for what they yield or descend into.


def iter_references(obj: Part, prefix: FieldPath = ()) -> Iterator[tuple[FieldPath, str, tuple[str, ...]]]:
    """Yield ``(field_path, target_id, allowed_collections)`` for every reference in ``obj``.

    Paths use the YAML keys, so that they locate the value in the editor's file."""
    for key, name, target in _reference_fields_of(type(obj)):
        value = getattr(obj, name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Part):  # a nested part, or an account of a contested reference
                    yield from iter_references(item, (*prefix, key, index))
                elif item is not None and target is not None:
                    yield (*prefix, key, index), item, target.collections
        elif isinstance(value, Part):
            yield from iter_references(value, (*prefix, key))
        elif value is not None and target is not None:
            yield (*prefix, key), value, target.collections


def iter_leaves(obj: Part, prefix: FieldPath = (), kind: type = object) -> Iterator[tuple[FieldPath, Any]]:
    """Yield ``(field_path, value)`` for every set scalar value in ``obj``, nested parts included; with ``kind``,
    only the values of that type (e.g. FuzzyDate)."""
    for key, name in _yaml_field_pairs(type(obj)):
        value = getattr(obj, name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Part):
                    yield from iter_leaves(item, (*prefix, key, index), kind)
                elif item is not None and isinstance(item, kind):
                    yield (*prefix, key, index), item
        elif isinstance(value, Part):
            yield from iter_leaves(value, (*prefix, key), kind)
        elif value is not None and isinstance(value, kind):
            yield (*prefix, key), value


@functools.cache
def _part_fields(model: type[Part]) -> tuple[tuple[str, str], ...]:
    # The fields that can hold a part: as for references, the ones whose type names one.
    return tuple((key, name) for key, name in _yaml_field_pairs(model)
                 if nested_part(model.model_fields[name].annotation) is not None)


def iter_parts(obj: Part, prefix: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """Yield ``(field_path, part)`` for ``obj`` and every part nested in it, at any depth (typed Any: callers
    read fields that only some kinds of part have)."""
    yield prefix, obj
    for key, name in _part_fields(type(obj)):
        value = getattr(obj, name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Part):
                    yield from iter_parts(item, (*prefix, key, index))
        elif isinstance(value, Part):
            yield from iter_parts(value, (*prefix, key))
