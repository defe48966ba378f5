"""Hostile and malformed input, generated: every message is accounted for exactly once, nothing
raises, and every output stays under the size a Kafka topic accepts by default.

A budgeted number of examples runs on every CI run; for a longer run:
    PRECWATCH_FUZZ_EXAMPLES=5000 pytest -q tests/pipeline/test_hostile_input.py tests/cli/test_hostile_input.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch import process_batch
from pipeline.messages import InMessage
from tests.chemistry.test_molecules import CAGE_41, CAGE_51, FULLERENE_C60
from tests.factories import make_screener

EXAMPLES = int(os.environ.get("PRECWATCH_FUZZ_EXAMPLES", "300"))
MAX_RECORD_BYTES = 1_048_576  # Apache Kafka's default max.message.bytes
SCREENER = make_screener(event_time_budget_s=2.0)
REAL_EVENTS = (
    (Path(__file__).resolve().parents[2] / "devtools" / "data" / "transactions.jsonl").read_bytes().splitlines()[:40]
)

# Pieces a careless integrator or an attacker puts where chemistry is expected.
ATOMS = ["C", "c", "N", "n", "O", "o", "S", "Cl", "Br", "[Na]", "[Zn]", "[2H]", "[CH2]", "*", "[K+]", "[O-]", "F"]
SMILES = st.lists(
    st.one_of(
        st.sampled_from(ATOMS), st.sampled_from(["(", ")", "=", "#", "1", "2", "%10", ".", "/", "\\", "@", "@@"])
    ),
    max_size=60,
).map("".join)
CAS = st.one_of(
    st.from_regex(r"\A\d{2,7}-\d{2}-\d\Z"),
    st.from_regex(r"\A(CAS )?\d{1,12}( \(.{0,10}\))?\Z"),
    st.text(max_size=30),
)
INCHI = st.one_of(
    st.from_regex(r"\AInChI=1S/(\d{0,6})?C\d{0,5}H\d{0,5}N?\d{0,3}O?\d{0,3}(/c[0-9\-()]{0,30})?\Z"),
    st.text(max_size=40).map(lambda s: "InChI=1S/" + s),
)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=50),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
FIELDS = [
    "line",
    "cn_code",
    "description",
    "cas",
    "name",
    "smiles",
    "inchi",
    "quantity",
    "unit",
    "net_mass_kg",
    "value",
]


@st.composite
def hostile_item_event(draw) -> bytes:
    """A real event whose first item is replaced by generated identifiers and odd values."""
    event = orjson.loads(draw(st.sampled_from(REAL_EVENTS)))
    item = {"line": 1, "description": draw(st.text(max_size=40))}
    item[draw(st.sampled_from(["smiles", "cas", "inchi", "name"]))] = draw(
        st.one_of(SMILES, CAS, INCHI, st.text(max_size=60))
    )
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        item[name] = draw(VALUES)
    event["items"] = [item]
    return json.dumps(event, allow_nan=True).encode()  # NaN, Infinity and huge integers as JSON writers emit them


@st.composite
def mutated_bytes(draw) -> bytes:
    """A real event with bytes flipped, cut, repeated or inserted."""
    raw = bytearray(draw(st.sampled_from(REAL_EVENTS)))
    for _ in range(draw(st.integers(1, 6))):
        if not raw:
            break
        at = draw(st.integers(0, len(raw) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "repeat"]))
        if action == "flip":
            raw[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del raw[at:]
        elif action == "insert":
            raw[at:at] = draw(st.binary(max_size=8))
        else:
            raw[at:at] = raw[at : at + draw(st.integers(1, 40))] * draw(st.integers(2, 50))
    return bytes(raw)


# Fields the schema can do without, given values it refuses (DATA_QUALITY), and keys given twice.
BAD_FIELDS = [
    (("occurred_at",), st.one_of(st.integers(), st.text(max_size=12), st.just("2026-13-45T00:00:00Z"))),
    (("consignor", "country"), st.text(max_size=4)),
    (("transport", "dispatch_country"), st.one_of(st.integers(), st.text(max_size=4))),
    (("transport", "transit_countries"), st.lists(st.text(max_size=3), max_size=3)),
    (("items", 0, "cn_code"), st.one_of(st.text(max_size=10), st.integers())),
    (("items", 0, "origin_country"), st.text(max_size=4)),
    (("items", 0, "value"), st.dictionaries(st.sampled_from(["amount", "currency"]), VALUES, max_size=2)),
]
# Ring systems around chemistry.molecules.MAX_RINGS: fullerene (31 rings, screened), fused cages past it.
CAGES = st.sampled_from([FULLERENE_C60, CAGE_41, CAGE_51])


@st.composite
def bad_field_event(draw) -> bytes:
    """A real event with one or more fields it can do without set to values the schema refuses."""
    event = orjson.loads(draw(st.sampled_from(REAL_EVENTS)))
    for path, values in draw(st.lists(st.sampled_from(BAD_FIELDS), min_size=1, max_size=3)):
        target = event
        for step in path[:-1]:
            target = target.setdefault(step, {}) if isinstance(step, str) else target[step]
        target[path[-1]] = draw(values)
    return json.dumps(event).encode()


@st.composite
def repeated_key_event(draw) -> bytes:
    """A real event with one key given twice in its object (pydantic and orjson keep the last)."""
    raw = draw(st.sampled_from(REAL_EVENTS)).decode()
    key = draw(st.sampled_from(['"event_id":', '"items":', '"kind":', '"line":', '"transport":', '"country":']))
    at = raw.find(key)
    if at < 0:
        return raw.encode()
    value = draw(st.sampled_from(['"x"', "1", "[]", '{"line":1}', "null"]))
    separator = draw(st.sampled_from(["", " "]))
    return (raw[:at] + key.replace(":", separator + ":") + value + "," + raw[at:]).encode()


@st.composite
def cage_event(draw) -> bytes:
    event = orjson.loads(draw(st.sampled_from(REAL_EVENTS)))
    event["items"] = [{"line": 1, "smiles": draw(CAGES)}]
    return json.dumps(event).encode()


MESSAGES = st.lists(
    st.one_of(
        hostile_item_event(),
        mutated_bytes(),
        bad_field_event(),
        repeated_key_event(),
        cage_event(),
        st.binary(max_size=64),
        st.just(b""),
    ),
    min_size=1,
    max_size=6,
)
KEYS = st.one_of(st.none(), st.just(b""), st.binary(max_size=8))


@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(MESSAGES, st.data())
def test_every_message_is_screened_or_dead_lettered_once_and_outputs_stay_small(values, data):
    keys = [data.draw(KEYS) for _ in values]
    messages = [
        InMessage(v, k, "customs.transactions", 0, offset)
        for offset, (v, k) in enumerate(zip(values, keys, strict=True))
    ]
    result = process_batch(messages, SCREENER)  # must not raise, whatever came in
    letters = [orjson.loads(m.value) for m in result.out if m.role == "dead_letters"]
    dead = [dl for dl in letters if dl["reason_code"] != "data_quality"]
    reports = [dl for dl in letters if dl["reason_code"] == "data_quality"]
    dead_offsets = {dl["offset"] for dl in dead}
    assert result.events + len(result.dead_letter_codes) == len(messages)
    assert len(dead_offsets) == len(dead) == len(result.dead_letter_codes)
    # an event read without some fields is screened (not dead-lettered), and reported once
    report_offsets = [dl["offset"] for dl in reports]
    assert len(set(report_offsets)) == len(report_offsets) and not dead_offsets & set(report_offsets)
    for dl in letters:  # no key and an empty key stay apart
        key = keys[dl["offset"]]
        assert (dl["key"] is None) == (key is None)
        if key is not None and dl["key_encoding"] == "utf-8":
            assert dl["key"].encode() == key
    for dl in dead:  # a key given twice is never read one way or the other
        if dl["reason_code"] == "duplicate_key":
            assert "appears twice" in dl["reason"]
    flagged = {orjson.loads(m.value)["event_id"] for m in result.out if m.role == "flags"}
    assert len(flagged) <= result.events
    assert all(len(m.value) + len(m.key) < MAX_RECORD_BYTES for m in result.out)


@settings(max_examples=max(EXAMPLES // 3, 20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bad_field_event())
def test_an_event_with_fields_it_can_do_without_keeps_its_chemistry(raw):
    from pipeline.decode import decode_event

    decoded = decode_event(raw)
    original = orjson.loads(raw)["items"]
    if decoded.event is None:  # only what cannot be read at all (none of these fields) is dead-lettered alone
        raise AssertionError(decoded.dead_letter.reason)
    for item, declared in zip(decoded.event.items, original, strict=True):
        assert (item.smiles, item.cas, item.name) == tuple(declared.get(k) or None for k in ("smiles", "cas", "name"))
    if decoded.left_out:
        assert decoded.report.reason_code == "data_quality"
        verdicts = SCREENER.screen_event_items(decoded.event, left_out=decoded.left_out)
        assert len(verdicts) == len(original)


@settings(max_examples=max(EXAMPLES // 3, 20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(repeated_key_event())
def test_a_key_given_twice_is_never_read_one_way_or_the_other(raw):
    from pipeline.decode import decode_event, find_duplicate_key

    decoded = decode_event(raw)
    if find_duplicate_key(raw) is not None:
        assert decoded.event is None and decoded.dead_letter.reason_code == "duplicate_key"
    else:
        assert decoded.dead_letter is None or decoded.dead_letter.reason_code != "duplicate_key"
