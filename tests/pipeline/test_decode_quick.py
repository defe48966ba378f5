"""Decoding's quick classes (pipeline/decode.py validate_event_json) read every event as the schema does.

The quick classes check the CN code, the currency and occurred_at with pydantic-core patterns instead
of the schema's Python checks, and hand anything they refuse to the schema. That is only right if
they never accept what the schema refuses, nor read a value otherwise: checked here on the example
stream, generated events, the generator's invalid lines, and generated values around each checked
field, mutated bytes and hostile items (the strategies of test_hostile_input.py).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from devtools.generate import INVALID_LINES, Generator
from pipeline.decode import validate_event_json
from schemas.events import TransactionEvent
from tests.pipeline.test_hostile_input import EXAMPLES, bad_field_event, hostile_item_event, mutated_bytes

EXAMPLE_LINES = (Path(__file__).resolve().parents[2] / "devtools" / "data" / "transactions.jsonl").read_bytes()
GENERATED = [orjson.dumps(e) for e, _ in Generator(seed=5, id_prefix="quick").events(400)]
REAL_EVENTS = [line for line in EXAMPLE_LINES.splitlines() if line.strip()][:40] + GENERATED[:40]


def assert_same_value(quick: object, schema: object) -> None:
    if isinstance(schema, BaseModel):
        assert isinstance(quick, type(schema))  # a subclass of the schema's class: the same to every reader
        assert quick.model_fields_set == schema.model_fields_set
        for name in type(schema).model_fields:
            assert_same_value(getattr(quick, name), getattr(schema, name))
    elif isinstance(schema, list):
        assert type(quick) is list and len(quick) == len(schema)
        for a, b in zip(quick, schema, strict=True):
            assert_same_value(a, b)
    else:
        assert type(quick) is type(schema) and quick == schema
        if isinstance(schema, datetime):
            assert type(quick.tzinfo) is type(schema.tzinfo) and quick.utcoffset() == schema.utcoffset()


def errors_of(exc: ValidationError) -> str:
    return repr(exc.errors(include_url=False))  # what decode_event reads from it: types, places, messages


def read_by_schema(raw: bytes) -> TransactionEvent | str:
    """The schema's event, or its errors."""
    try:
        return TransactionEvent.model_validate_json(raw)
    except ValidationError as exc:
        return errors_of(exc)


def assert_read_alike(raw: bytes) -> bool:
    """validate_event_json gives the schema's event or errors; True when the quick classes took it."""
    expected = read_by_schema(raw)
    try:
        event = validate_event_json(raw)
    except ValidationError as exc:
        assert errors_of(exc) == expected
        return False
    assert not isinstance(expected, str), f"the schema refuses what the quick classes read: {expected}"
    assert_same_value(event, expected)
    assert event.model_dump_json() == expected.model_dump_json()  # written alike (sightings, observations)
    return type(event) is not TransactionEvent


def test_the_example_stream_and_generated_events_are_read_alike_and_quickly():
    lines = [line for line in EXAMPLE_LINES.splitlines() if line.strip()] + GENERATED
    taken = [assert_read_alike(line) for line in lines]
    # The realistic mix (spaced CN codes included) never needs the schema's own validation.
    assert all(taken[-len(GENERATED) :])
    assert sum(taken) >= len(lines) - 5


def test_the_generators_invalid_lines_get_the_schemas_errors():
    for line in INVALID_LINES:
        with pytest.raises(ValidationError) as quick:
            validate_event_json(line)
        assert errors_of(quick.value) == read_by_schema(line)


@pytest.mark.parametrize(
    ("field", "value", "quick"),
    [
        ("cn_code", "29329900", True),
        ("cn_code", "2932 99 00", True),  # spaces and dots are the schema's to remove
        ("cn_code", " 2932.99.00 ", True),
        ("cn_code", "", True),  # no code
        ("cn_code", "２９３９３０００", False),  # fullwidth digits: refused
        ("cn_code", "2932990", False),
        ("cn_code", "2932990000", True),  # a TARIC code: its CN code
        ("currency", "EUR", True),
        ("currency", " USD ", True),
        ("currency", "eur", False),  # upper-cased by the schema (the quick classes leave that to it)
        ("currency", "ßxy", False),
        ("occurred_at", "2026-11-01T08:30:00Z", True),
        ("occurred_at", "2026-11-01t08:30:00.123456789+05:30", True),
        ("occurred_at", "2026-11-01 08:30:00z", True),
        ("occurred_at", "2026-11-01T08:30:00", False),  # no offset: left out, with the schema's words
        ("occurred_at", "2026-11-01T08:30:00Z\n", False),
        ("occurred_at", " 2026-11-01T08:30:00Z", False),
        ("occurred_at", "2026-11-01T08:30Z", False),
        ("occurred_at", "1761985800", False),
        ("occurred_at", 1761985800, False),
    ],
)
def test_the_checked_fields_are_read_alike(field, value, quick):
    event = orjson.loads(GENERATED[1])
    if field == "occurred_at":
        event[field] = value
    elif field == "currency":
        event["items"][0]["value"] = {"amount": 1.5, "currency": value}
    else:
        event["items"][0][field] = value
    assert assert_read_alike(json.dumps(event, ensure_ascii=False).encode()) is quick


DIGITS = st.sampled_from("0123456789") | st.sampled_from("０٣𝟗")  # ASCII, and some that are not
SPACES = st.text(st.sampled_from(" \t\n\u00a0\u2003"), max_size=2)
CN_CODES = st.one_of(
    st.builds(
        lambda digits, separators, before, after: (
            before + "".join(d + s for d, s in zip(digits, separators, strict=False)) + after
        ),
        st.lists(DIGITS, min_size=5, max_size=9),
        st.lists(st.sampled_from(["", "", "", " ", ".", "-", "  "]), min_size=9, max_size=9),
        SPACES,
        SPACES,
    ),
    st.text(max_size=12),
    st.integers(),
    st.none(),
)
CURRENCIES = st.one_of(
    st.from_regex(r"\A\s?[A-Za-z]{2,4}\s?\Z"),
    st.sampled_from(["EUR", "eur", "Eur", "ß€$", "ﬀab", "ǅAB", "ÉUR", "USD\n", "\u00a0GBP"]),
    st.text(max_size=5),
    st.integers(),
)
STAMPS = st.one_of(
    st.builds(
        lambda *parts: "".join(parts),
        SPACES,
        st.sampled_from(["2026-11-01", "2026-13-45", "0000-00-00", "２０２６-11-01", "2026-1-01", "20261101"]),
        st.sampled_from(["T", "t", " ", "_", ""]),
        st.sampled_from(["08:30:00", "24:00:00", "08:30", "8:30:00", "23:59:60"]),
        st.sampled_from(["", ".5", ".123456", ".1234567890123", "."]),
        st.sampled_from(["Z", "z", "+00:00", "-05:30", "+14:00", "+24:00", "+0100", "+01", "", "UTC"]),
        SPACES,
    ),
    st.text(max_size=30),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False),
    st.none(),
)


@st.composite
def checked_field_event(draw) -> bytes:
    """A real event with its CN codes, currencies and occurred_at drawn around what the checks take."""
    event = orjson.loads(draw(st.sampled_from(REAL_EVENTS)))
    if draw(st.booleans()):
        event["occurred_at"] = draw(STAMPS)
    for item in event["items"]:
        if draw(st.booleans()):
            item["cn_code"] = draw(CN_CODES)
        if draw(st.booleans()):
            item["value"] = {"amount": 10.0, "currency": draw(CURRENCIES)}
    return json.dumps(event, ensure_ascii=draw(st.booleans())).encode()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(checked_field_event())
def test_generated_values_of_the_checked_fields_are_read_alike(raw):
    assert_read_alike(raw)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_bytes(), hostile_item_event(), bad_field_event()))
def test_hostile_messages_are_read_alike(raw):
    assert_read_alike(raw)
