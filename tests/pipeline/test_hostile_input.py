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


MESSAGES = st.lists(
    st.one_of(hostile_item_event(), mutated_bytes(), st.binary(max_size=64), st.just(b"")), min_size=1, max_size=6
)


@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(MESSAGES)
def test_every_message_is_screened_or_dead_lettered_once_and_outputs_stay_small(values):
    messages = [InMessage(v, b"k", "customs.transactions", 0, offset) for offset, v in enumerate(values)]
    result = process_batch(messages, SCREENER)  # must not raise, whatever came in
    dead_offsets = [orjson.loads(m.value)["offset"] for m in result.out if m.role == "dead_letters"]
    assert result.events + len(result.dead_letter_codes) == len(messages)
    assert len(dead_offsets) == len(set(dead_offsets)) == len(result.dead_letter_codes)
    flagged = {orjson.loads(m.value)["event_id"] for m in result.out if m.role == "flags"}
    assert len(flagged) <= result.events
    assert all(len(m.value) + len(m.key) < MAX_RECORD_BYTES for m in result.out)
