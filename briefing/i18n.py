"""The plugin's own words in the reader's language: labels, counts and dates on the generated pages.

Labels are keyed by their English wording. A language's catalogue is ``briefing/locales/<lang>.yml`` (shipped:
Persian ``fa`` and German ``de``), with a briefing's own ``data/_translations/<lang>.yml`` merged over it: that
file can add a language or change single labels. A catalogue maps each English label to its translation; a
label with a count maps to ``{one: …, other: …}`` (the language's CLDR plural categories). Translations of
labels used in templates are HTML, as the English keys are (``&amp;``); ``%(name)s`` stands for a value.

Dates follow the language's CLDR formats through Babel, in the Gregorian calendar the data is written in,
with the language's own digits (Persian ``۱۷ فوریه ۲۰۲۶``, German ``17. Februar 2026``); a catalogue may set
``date-format-day`` and ``date-format-month`` (CLDR patterns) instead. English keeps the site's own wording.

What stays English: diagnostics for editors, the files written at build time (JSON, CSV, calendar, feeds)
and their field names, and the pages for editors (Data model, Error messages).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from briefing.model import MONTHS, RTL_LANGUAGES, FuzzyDate

log = logging.getLogger("mkdocs.plugins.briefing")
LOCALES = Path(__file__).resolve().parent / "locales"
TRANSLATIONS = "_translations"  # in the data folder; the loader skips folders starting with "_"
DIGITS = {"arabext": "۰۱۲۳۴۵۶۷۸۹", "arab": "٠١٢٣٤٥٦٧٨٩"}
Message = str | Mapping[str, str]


def primary(tag: str) -> str:
    return tag.replace("_", "-").split("-", maxsplit=1)[0].lower()


def shipped_languages() -> list[str]:
    return sorted(["en", *(path.stem for path in LOCALES.glob("*.yml"))])


@dataclass(frozen=True)
class Translator:
    """Labels, numbers and dates in one language; the English one changes nothing."""

    language: str = "en"
    messages: Mapping[str, Any] = field(default_factory=dict)

    @cached_property
    def locale(self) -> Locale | None:
        try:
            return Locale.parse(self.language.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            return None

    @property
    def english(self) -> bool:
        return primary(self.language) == "en"

    @property
    def direction(self) -> str:
        return "rtl" if primary(self.language) in RTL_LANGUAGES else "ltr"

    @cached_property
    def _digits(self) -> dict[int, int]:
        system = self.locale.default_numbering_system if self.locale is not None else "latn"
        shown = self.messages.get("digits") or DIGITS.get(system, "")
        return str.maketrans("0123456789", shown) if len(shown) == 10 else {}

    # --- labels -------------------------------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        found = self.messages.get(message)
        if isinstance(found, Mapping):
            found = found.get("one") or found.get("other")
        return found if isinstance(found, str) and found else message

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        found = self.messages.get(singular)
        if isinstance(found, str) and found:
            return found  # one form for every count
        if isinstance(found, Mapping) and found:
            form = self.locale.plural_form(number) if self.locale is not None else ("one" if number == 1 else "other")
            shown = found.get(form) or found.get("other") or found.get("one")
            if isinstance(shown, str):
                return shown
        return singular if number == 1 else plural

    def say(self, message: str, **values: Any) -> str:
        """``message`` translated, with ``%(name)s`` filled in (numbers in the language's digits); plain text."""
        return self.gettext(message) % self.values(values)

    def values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {k: self.number(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in values.items()}

    def number(self, value: int | str) -> str:
        return str(value).translate(self._digits)

    # --- dates --------------------------------------------------------------------------------------------

    def date(self, value: FuzzyDate) -> str:
        """A date at its known precision: '17 February 2026', '17. Februar 2026', '۱۷ فوریه ۲۰۲۶'; 'about …'."""
        if self.english:
            return value.display()
        if value.month is None:
            shown = self.number(value.year)
        elif value.day is None:
            shown = self._format(datetime.date(value.year, value.month, 1), "month")
        else:
            shown = self._format(datetime.date(value.year, value.month, value.day), "day")
            if value.time:
                shown = self.say("%(date)s, %(time)s", date=shown, time=self.number(value.time))
        return self.say("about %(date)s", date=shown) if value.approximate else shown

    def _format(self, day: datetime.date, precision: str) -> str:
        pattern = self.messages.get(f"date-format-{precision}")
        if self.locale is None:
            month = self.gettext(MONTHS[day.month - 1])
            shown = f"{day.day} {month} {day.year}" if precision == "day" else f"{month} {day.year}"
            return self.number(shown)
        if isinstance(pattern, str):
            return self.number(format_date(day, pattern, locale=self.locale))
        if precision == "day":
            return self.number(format_date(day, "long", locale=self.locale))
        return self.number(format_skeleton("yMMMM", day, locale=self.locale))

    def precision_note(self, value: FuzzyDate) -> str:
        """'(month only)' for a date not known to the day; empty otherwise."""
        if value.precision == "month":
            return self.gettext("(month only)")
        return self.gettext("(year only)") if value.precision == "year" else ""


ENGLISH = Translator()


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            found = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        log.warning(f"briefing: the labels in {path.name} cannot be read, so they are not used: {exc}")
        return {}
    return {str(k): v for k, v in found.items()} if isinstance(found, dict) else {}


def catalogue_paths(language: str, data_dir: Path | None) -> list[Path]:
    """The catalogues of ``language``, shipped first, then the briefing's own (the later ones win)."""
    names = list(dict.fromkeys([primary(language), language]))
    found = [LOCALES / f"{name}.yml" for name in names]
    if data_dir is not None:
        found += [data_dir / TRANSLATIONS / f"{name}.yml" for name in names]
    return [path for path in found if path.is_file()]


def load_translator(language: str, data_dir: Path | None = None) -> Translator:
    """The translator for ``language``: the shipped catalogue with the briefing's own merged over it.

    A language with neither gets English labels, and says once how to add one."""
    paths = catalogue_paths(language, data_dir)
    if not paths:
        if primary(language) != "en":
            log.info(f"briefing: no labels in '{language}', so the generated pages use English ones; add "
                     f"{TRANSLATIONS}/{language}.yml to the data folder to translate them (see README, 'Languages'; "
                     f"shipped: {', '.join(shipped_languages())})")
            return ENGLISH
        return Translator(language)
    messages: dict[str, Any] = {}
    for path in paths:
        messages.update(_read(path))
    return Translator(language, messages)
