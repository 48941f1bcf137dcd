"""The model: what editors may write, what it means, and how it is refused."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from briefing.model import (
    COLLECTIONS,
    Citation,
    Event,
    FuzzyDate,
    OriginalText,
    Part,
    Party,
    Person,
    Position,
    Quote,
    Round,
    Source,
    iter_references,
    nested_part,
)


def refusal(model: type[Any], **fields: Any) -> str:
    """The error message pydantic gives for ``fields`` (there must be exactly one)."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(fields)
    errors = caught.value.errors(include_url=False)
    assert len(errors) == 1, errors
    return str(errors[0]["msg"])


# --- FuzzyDate ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "shown", "earliest", "latest"),
    [
        ("2026", "year", "2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-02", "month", "February 2026", date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02", "month", "February 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-02-17", "day", "17 February 2026", date(2026, 2, 17), date(2026, 2, 17)),
        ("2026-02-17T23:00+03:30", "time", "17 February 2026, 23:00+03:30", date(2026, 2, 17), date(2026, 2, 17)),
        ("2026-12-31T23:59:59Z", "time", "31 December 2026, 23:59:59Z", date(2026, 12, 31), date(2026, 12, 31)),
    ],
)
def test_fuzzy_date_keeps_only_the_precision_written(text: str, precision: str, shown: str, earliest: date,
                                                      latest: date) -> None:
    value = FuzzyDate.parse(text)
    assert value.precision == precision
    assert value.display() == shown
    assert (value.earliest, value.latest) == (earliest, latest)
    assert str(value) == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "is not a day in the calendar"),
        ("2025-02-29", "is not a day in the calendar"),
        ("2026-04-31", "is not a day in the calendar"),
        ("2026-02-00", "is not a day in the calendar"),
        ("0000", "is not a day in the calendar"),
        ("2026-13", "has no month 13"),
        ("2026-00-10", "has no month 0"),
        ("2026-02-17T24:00", "impossible time of day"),
        ("2026-02-17T12:60", "impossible time of day"),
        ("2026-2-17", "is not a date written as"),
        ("17/02/2026", "is not a date written as"),
        ("2026-02-17 10:00", "is not a date written as"),
        ("February 2026", "is not a date written as"),
    ],
)
def test_impossible_or_unreadable_dates_are_refused(text: str, reason: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        FuzzyDate.parse(text)
    assert reason in str(caught.value)
    assert text in str(caught.value)


def test_leap_day_is_a_day() -> None:
    assert FuzzyDate.parse("2024-02-29").display() == "29 February 2024"


def test_fuzzy_dates_sort_vaguer_first_within_their_period() -> None:
    written = ["2026-02-17", "2026", "2026-02", "2025-12-31", "2026-02-17T09:00Z"]
    ordered = sorted((FuzzyDate.parse(t) for t in written), key=FuzzyDate.sort_key)
    assert [str(d) for d in ordered] == ["2025-12-31", "2026", "2026-02", "2026-02-17", "2026-02-17T09:00Z"]


def test_record_date_field_refuses_impossible_day_with_the_value() -> None:
    message = refusal(Source, id="s", title="T", outlet="o", published="2025-02-30")
    assert message == "'2025-02-30' is not a day in the calendar"


# --- booleans and counts ------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "meaning"), [("true", True), ("false", False)])
def test_flag_accepts_true_and_false(written: str, meaning: bool) -> None:
    assert Person.model_validate({"id": "p", "name": "P", "anonymous": written}).anonymous is meaning


@pytest.mark.parametrize("written", ["yes", "no", "on", "True", "1", "y"])
def test_flag_refuses_yaml_11_spellings(written: str) -> None:
    assert refusal(Person, id="p", name="P", anonymous=written) == f"must be true or false, not '{written}'"


def test_flag_defaults_to_false() -> None:
    assert Person.model_validate({"id": "p", "name": "P"}).anonymous is False


def round_fields(**extra: Any) -> dict[str, Any]:
    return {"id": "round-1", "status": "held", "sources": ["s"], **extra}


def test_count_reads_a_whole_number() -> None:
    assert Round.model_validate(round_fields(number="12")).number == 12


@pytest.mark.parametrize("written", ["012", "1.0", "two", "-1", "1e2", "1000000"])
def test_count_refuses_what_is_not_a_plain_whole_number(written: str) -> None:
    assert refusal(Round, **round_fields(number=written)) == f"must be a whole number such as 2, not '{written}'"


def test_count_starts_at_one() -> None:
    assert "greater than or equal to 1" in refusal(Round, **round_fields(number="0"))


def test_round_label_defaults_to_its_number() -> None:
    assert Round.model_validate(round_fields(number="3")).label == "Round 3"
    assert Round.model_validate(round_fields(number="3", title="Third round, Geneva")).label == "Third round, Geneva"


# --- citations and original text ----------------------------------------------------------------------


def test_citation_may_be_a_bare_source_id() -> None:
    assert Citation.model_validate("tehran-times-2026-02-17") == Citation(source="tehran-times-2026-02-17")


def test_citation_mapping_keeps_locator_and_note() -> None:
    citation = Citation.model_validate({"source": "s", "locator": "para 7", "note": "date inferred"})
    assert (citation.source, citation.locator, citation.note) == ("s", "para 7", "date inferred")


def test_citation_refuses_unknown_keys() -> None:
    assert refusal(Citation, source="s", page="7") == "Extra inputs are not permitted"


def test_fact_bearing_records_need_a_citation() -> None:
    message = refusal(Quote, id="q", text="t", speaker="p", sources=[])
    assert "at least 1 item" in message


@pytest.mark.parametrize(("lang", "direction"), [("fa", "rtl"), ("fa-IR", "rtl"), ("ar", "rtl"), ("he", "rtl"),
                                                 ("en", "ltr"), ("de", "ltr"), ("en-GB", "ltr")])
def test_original_text_direction_follows_its_language(lang: str, direction: str) -> None:
    assert OriginalText(lang=lang, text="x").direction == direction


@pytest.mark.parametrize("lang", ["Persian", "FA", "f", "fa_IR"])
def test_original_text_refuses_what_is_not_a_language_tag(lang: str) -> None:
    assert "should match pattern" in refusal(OriginalText, lang=lang, text="x")


# --- ids and fields -----------------------------------------------------------------------------------


@pytest.mark.parametrize("record_id", ["abbas-araghchi", "round-2", "x", "tehran-times-2026-02-17", "a" * 80])
def test_valid_ids(record_id: str) -> None:
    assert Party.model_validate({"id": record_id, "name": "N"}).id == record_id


@pytest.mark.parametrize("record_id", ["Abbas", "a--b", "-a", "a-", "a_b", "a b", "äbbas", "", "a" * 81])
def test_invalid_ids_are_refused(record_id: str) -> None:
    with pytest.raises(ValidationError):
        Party.model_validate({"id": record_id, "name": "N"})


@pytest.mark.parametrize("model", list(COLLECTIONS.values()))
def test_every_collection_refuses_unknown_fields(model: type[Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate({"id": "x", "not_a_field": "y"})
    kinds = {e["type"] for e in caught.value.errors()}
    assert "extra_forbidden" in kinds


def test_nested_parts_refuse_unknown_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        Event.model_validate({"id": "e", "title": "T", "sources": ["s"],
                              "figures": [{"label": "l", "value": "v", "according_to": "o", "sources": ["s"],
                                           "unit": "people"}]})
    assert [e["loc"] for e in caught.value.errors()] == [("figures", 0, "unit")]


def test_empty_text_is_refused() -> None:
    assert "at least 1 character" in refusal(Quote, id="q", text="", speaker="p", sources=["s"])


def test_source_url_must_be_http() -> None:
    assert "should match pattern" in refusal(Source, id="s", title="T", outlet="o", published="2026",
                                             url="javascript:alert(1)")


def test_quote_label_is_shortened_with_an_ellipsis() -> None:
    text = "Today’s indirect negotiations between the Islamic Republic of Iran and the United States"
    label = Quote.model_validate({"id": "q", "text": text, "speaker": "p", "sources": ["s"]}).label
    assert label == "Today’s indirect negotiations between the Islamic Republi…"
    assert len(label) == 58


# --- references ---------------------------------------------------------------------------------------


def test_iter_references_lists_every_reference_with_its_path_and_allowed_collections() -> None:
    quote = Quote.model_validate({
        "id": "q", "text": "t", "speaker": "ada", "to": "x", "round": "round-1", "issues": ["water", "dams"],
        "sources": ["s1", {"source": "s2", "locator": "para 2"}],
    })
    assert list(iter_references(quote)) == [
        (("speaker",), "ada", ("people", "organizations")),
        (("to",), "x", ("outlets",)),
        (("round",), "round-1", ("rounds",)),
        (("issues", 0), "water", ("issues",)),
        (("issues", 1), "dams", ("issues",)),
        (("sources", 0, "source"), "s1", ("sources",)),
        (("sources", 1, "source"), "s2", ("sources",)),
    ]


def test_iter_references_walks_nested_parts() -> None:
    event = Event.model_validate({
        "id": "e", "title": "T", "parties": ["north"], "sources": ["s1"],
        "figures": [{"label": "l", "value": "v", "according_to": "gazette", "sources": ["s2"]}],
        "framing": [{"text": "t", "by": "radio", "sources": ["s3"]}],
    })
    voices = ("people", "organizations", "parties", "outlets")
    assert list(iter_references(event)) == [
        (("parties", 0), "north", ("parties",)),
        (("figures", 0, "according_to"), "gazette", voices),
        (("figures", 0, "sources", 0, "source"), "s2", ("sources",)),
        (("framing", 0, "by"), "radio", voices),
        (("framing", 0, "sources", 0, "source"), "s3", ("sources",)),
        (("sources", 0, "source"), "s1", ("sources",)),
    ]


def test_iter_references_skips_absent_optional_references() -> None:
    position = Position.model_validate({"id": "p", "party": "north", "issue": "water", "stance": "s",
                                        "sources": ["s1"]})
    assert [path for path, _target, _allowed in iter_references(position)] == [
        ("party",), ("issue",), ("sources", 0, "source")]


def _named_types(annotation: Any) -> list[type]:
    """Every class an annotation names, through unions, lists and Annotated."""
    found = [annotation] if isinstance(annotation, type) else []
    for arg in getattr(annotation, "__args__", ()):
        found += _named_types(arg)
    origin = getattr(annotation, "__origin__", None)
    return [*found, *(_named_types(origin) if origin is not None and origin is not annotation else [])]


def _all_parts(cls: type[Part]) -> list[type[Part]]:
    return [cls, *(sub for child in cls.__subclasses__() for sub in _all_parts(child))]


def test_the_walks_find_every_field_that_can_hold_a_part() -> None:
    # iter_references and iter_parts descend only into the fields whose type nested_part finds a part in.
    for model in _all_parts(Part):
        for name, info in model.model_fields.items():
            if any(issubclass(t, Part) for t in _named_types(info.annotation)):
                assert nested_part(info.annotation) is not None, f"{model.__name__}.{name}"
