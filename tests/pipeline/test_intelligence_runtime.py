"""The stateful stage's batch protocol with decoded states kept between batches (DecodedStates)."""

from __future__ import annotations

import orjson
import pytest

from pipeline.intelligence import DecodedStates, IntelligenceConfig, PendingStates, intelligence_step
from tests.factories import make_consignment, make_screener
from tests.pipeline.test_intelligence import observe

PAA = {"name": "phenylacetic acid", "description": "acid"}  # EU Category 2B


@pytest.fixture(scope="module")
def screener():
    return make_screener()


def messages_of(screener, events) -> list[tuple[bytes, bytes]]:
    return [(m["key"].encode(), orjson.dumps(m)) for m in observe(screener, *events)]


def consignments(n: int) -> list:
    return [make_consignment(f"e{i}", i + 1, {**PAA, "quantity": 30, "unit": "kg"}) for i in range(n)]


def run_batches(messages, config, batch: int, decoded: DecodedStates | None):
    table: dict[bytes, bytes] = {}
    flags = []
    for start in range(0, len(messages), batch):
        states = PendingStates(table, decoded)
        for key, value in messages[start : start + batch]:
            out, _ = intelligence_step(value, key, states, config)
            flags.extend(m.key for m in out)
        states.commit()
    return flags, table


def test_kept_states_give_the_same_flags_and_table_as_decoding(screener):
    config = IntelligenceConfig.from_settings(screener.settings)
    messages = messages_of(screener, consignments(8))
    decoded = DecodedStates()
    assert run_batches(messages, config, 3, decoded) == run_batches(messages, config, 3, None)
    assert decoded.entries  # the busy keys are kept between batches


def test_a_kept_state_is_handed_out_once_and_only_for_the_bytes_it_was_encoded_to():
    decoded = DecodedStates()
    state = {"mark": 1.0}
    decoded.keep(b"k", orjson.dumps(state), state)
    assert decoded.take(b"k", orjson.dumps({"mark": 2.0})) is None  # the table holds something else now
    decoded.keep(b"k", orjson.dumps(state), state)
    assert decoded.take(b"k", orjson.dumps(state)) is state
    assert decoded.take(b"k", orjson.dumps(state)) is None  # the taker owns it (and may change it)
    assert decoded.size == 0


def test_a_failed_batch_does_not_leak_its_changes_into_the_next(screener):
    config = IntelligenceConfig.from_settings(screener.settings)
    messages = messages_of(screener, consignments(5))
    head, tail = messages[:6], messages[6:]
    table: dict[bytes, bytes] = {}
    decoded = DecodedStates()
    states = PendingStates(table, decoded)
    for key, value in head:
        intelligence_step(value, key, states, config)
    states.commit()
    failed = PendingStates(table, decoded)  # computed, never committed (its outputs were not delivered)
    first = [m.key for key, value in tail for m in intelligence_step(value, key, failed, config)[0]]
    replay = PendingStates(table, decoded)
    again = [m.key for key, value in tail for m in intelligence_step(value, key, replay, config)[0]]
    assert first and again == first  # the replay saw the states the failed batch started from


def test_kept_states_are_bounded_by_their_encoded_size():
    decoded = DecodedStates(max_bytes=100)
    for i in range(10):
        state = {"i": i, "pad": "x" * 30}
        decoded.keep(str(i).encode(), orjson.dumps(state), state)
    assert decoded.size <= 100
    assert b"9" in decoded.entries and b"0" not in decoded.entries


def test_name_and_address_facets_only_get_observations_with_a_split_subject(screener):
    aniline = make_consignment("m0", 1, {"name": "aniline", "description": "amine"}, address="1 Dock Road")
    paa = make_consignment("p0", 2, {**PAA, "quantity": 30, "unit": "kg"}, address="1 Dock Road")
    facets = {
        event_id: [orjson.loads(v)["facet"] for _, v in messages_of(screener, [event])]
        for event_id, event in (("m0", aniline), ("p0", paa))
    }
    assert facets == {"m0": ["consignee", "consignor"], "p0": ["consignee", "name", "address", "consignor"]}
