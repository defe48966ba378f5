"""The stateful stage over Kafka messages: the batch protocol with decoded states kept between batches
(DecodedStates), and the observation messages it reads (one per facet key, or bundles)."""

from __future__ import annotations

import orjson
import pytest

from pipeline import intelligence, intelligence_observe
from pipeline.flags import MAX_QUOTED_CHARS
from pipeline.intelligence import (
    DecodedStates,
    IndexedState,
    IntelligenceConfig,
    PendingStates,
    _lots_by_subject,
    _route_holders,
    apply_message,
    apply_observation,
    decode_state,
    encode_state,
    intelligence_step,
    observation_entries,
    replay_observations,
)
from pipeline.intelligence_observe import (
    compact_observation,
    expand_observation,
    facet_keys,
    load_routes,
    observation_bundles,
    observation_dicts,
    observation_messages,
    observe_event,
)
from pipeline.messages import InMessage
from pipeline.routing import partition_for
from tests.factories import make_consignment, make_screener
from tests.pipeline.test_intelligence import BMK, METHYLAMINE, NOVEL_BMK_MASK, P2NP, kg, observe

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


def test_indexed_states_raise_what_plain_states_raise(screener):
    """The agent's states keep an index of their lots and route components (IndexedState), extended as
    events come and rebuilt when some leave the window; the offline replay walks plain states: the
    same flags, in the same order, and the same states, over splits, kits and events that expire."""
    config = IntelligenceConfig.from_settings(make_screener(intelligence_window_days=5).settings)
    # Several a day (an index extended between expiries), over four weeks (events leave the 5-day windows).
    events = [
        make_consignment(f"s{i}", 1 + i // 3, {**PAA, "quantity": 20 + i, "unit": "kg"}, hour=1 + 7 * (i % 3))
        for i in range(80)
    ]
    events += [make_consignment("k0", 20, kg(5, BMK), hour=2), make_consignment("k1", 20, kg(5, METHYLAMINE), hour=3)]
    events += [make_consignment("k2", 27, kg(5, METHYLAMINE)), make_consignment("k3", 29, kg(5, BMK))]
    messages = messages_of(screener, sorted(events, key=lambda e: (e.occurred_at.day % 5, e.event_id)))
    table: dict[bytes, bytes] = {}
    indexed, kinds, decoded = [], set(), DecodedStates()  # states (and their indexes) kept between batches
    for start in range(0, len(messages), 10):
        states = PendingStates(table, decoded)
        for key, value in messages[start : start + 10]:
            out, _ = intelligence_step(value, key, states, config)
            indexed.extend(orjson.loads(m.value)["flag_id"] for m in out)
        kinds.update(type(state) for state in states.pending.values())
        for state in states.pending.values():  # an index always says what its state's events say
            if type(state) is IndexedState and (state.lots is not None or state.kits is not None):
                rebuilt = IndexedState(state)
                assert (state.lots, state.kits) == (
                    _lots_by_subject(rebuilt, set(state.lots or ())) if state.lots is not None else None,
                    {route: _route_holders(rebuilt, route) for route in state.kits} if state.kits is not None else None,
                )
        states.commit()
    assert IndexedState in kinds
    plain, counts = replay_observations([orjson.loads(value) for _, value in messages], config)
    assert counts["late"]  # some events arrive after their window left the key's state
    codes = {s.code for f in plain for s in f.signals}
    assert {"SPLIT_SHIPMENT", "SYNTHESIS_KIT"} <= codes
    assert indexed == [f.flag_id for f in plain]


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


# --- observation bundles (formats 2 and 3, pipeline/intelligence_observe.py observation_bundles) -----------


def observations_of(screener, events) -> list[dict]:
    found = [
        observe_event(e, screener.screen_event_items(e), load_routes(), "v", screener.structure_identity)
        for e in events
    ]
    return [o for o in found if o is not None]


def several_consignees(n: int) -> list:
    return [
        make_consignment(
            f"e{i}", i + 1, {**PAA, "quantity": 30, "unit": "kg"}, consignee=(f"Trader {i % 3}", f"NL{i % 3}")
        )
        for i in range(n)
    ]


def test_bundles_hold_every_facet_key_once_in_its_own_partition_and_order(screener, monkeypatch):
    monkeypatch.setattr(intelligence_observe, "MAX_FACETS_PER_BUNDLE", 4)
    observations = observations_of(screener, several_consignees(9))
    bundles = observation_bundles(observations, 3)
    expected = {p: [] for p in range(3)}
    for entry in (e for o in observations for e in observation_dicts(o)):
        expected[partition_for(entry["key"].encode(), 3)].append(entry)
    got = {p: [] for p in range(3)}
    for message in bundles:
        entries = observation_entries(message.value)
        assert 1 <= len(entries) <= 4 and message.key == entries[0]["key"].encode()
        assert all(partition_for(e["key"].encode(), 3) == message.partition for e in entries)
        got[message.partition].extend(entries)
    assert got == expected  # each partition's facet keys, in input order, nothing lost or doubled
    # An observation is written once per bundle, however many of its keys the bundle holds.
    for message in bundles:
        value = orjson.loads(message.value)
        assert value["v"] == 3 and len(value["observations"]) == len({i for i, _ in value["facets"]})


def test_a_bundle_gives_the_flags_and_states_of_its_one_facet_messages(screener):
    config = IntelligenceConfig.from_settings(screener.settings)
    observations = observations_of(screener, several_consignees(12))
    singles = [
        InMessage(v, k, "obs", 0, i) for i, m in enumerate(observation_messages_of(observations)) for k, v in [m]
    ]
    bundles = [
        InMessage(m.value, m.key, "obs", m.partition, i) for i, m in enumerate(observation_bundles(observations, 1))
    ]
    results = []
    for messages in (singles, bundles):
        table: dict[bytes, bytes] = {}
        states = PendingStates(table)
        out, outcomes = [], []
        for message in messages:
            flags, statuses = apply_message(message, states, config)
            out.extend(m.key for m in flags)
            outcomes.extend(statuses)
        states.commit()
        results.append((out, outcomes, table))
    assert len(bundles) < len(singles) and results[0][0]
    assert results[1] == results[0]  # format 1 (what older workers wrote) still reads the same


def observation_messages_of(observations) -> list[tuple[bytes, bytes]]:
    return [(m.key, m.value) for o in observations for m in observation_messages(o)]


@pytest.mark.parametrize(
    "value",
    [
        b"[]",
        b'{"v": 4, "observations": [], "facets": []}',
        b'{"v": 2, "observations": [{}], "facets": [[1, "name", "k"]]}',
        b'{"v": 3, "observations": [], "facets": []}',
        b'{"v": 3, "w": "v", "names": {}, "observations": [["e1", "d1"]], "facets": [[0, "consignee:k"]]}',
        b'{"v": 3, "w": "v", "names": {}, "observations": [], "facets": [[0, "consignee:k"]]}',
    ],
)
def test_an_unreadable_message_is_one_dead_letter(screener, value):
    config = IntelligenceConfig.from_settings(screener.settings)
    out, outcomes = apply_message(InMessage(value, b"k", "obs", 1, 7), PendingStates({}), config)
    assert outcomes == ["unreadable"] and [m.role for m in out] == ["dead_letters"]
    assert orjson.loads(out[0].value)["offset"] == 7


def test_an_observation_of_a_bundle_that_cannot_be_applied_is_dead_lettered_alone(screener):
    config = IntelligenceConfig.from_settings(screener.settings)
    (bundle,) = observation_bundles(observations_of(screener, several_consignees(2)), 1)
    value = orjson.loads(bundle.value)
    value["observations"][0][3] = "noon"  # its time: passes the envelope's checks, fails in the stage
    broken = [key for index, key in value["facets"] if index == 0]
    message = InMessage(orjson.dumps(value), bundle.key, "obs", 0, 3)
    out, outcomes = apply_message(message, PendingStates({}), config)
    assert outcomes == ["unreadable"] * len(broken) + ["counted"] * (len(value["facets"]) - len(broken))
    dead = [orjson.loads(m.value) for m in out if m.role == "dead_letters"]
    # Each dead letter's original is that one observation as a one-facet message (format 1).
    originals = [orjson.loads(d["original"]) for d in dead]
    assert [o["key"] for o in originals] == broken and all(o["obs"]["t"] == "noon" for o in originals)
    assert all(d["offset"] == 3 for d in dead)


def v2_bundle(observations: list[dict]) -> bytes:
    """A bundle as workers before format 3 wrote it (one partition)."""
    facets = [[i, facet, key] for i, o in enumerate(observations) for facet, key in facet_keys(o)]
    return orjson.dumps({"v": 2, "observations": observations, "facets": facets})


def test_a_compact_observation_expands_to_the_observation(screener):
    events = [
        *several_consignees(3),
        make_consignment("kit", 9, kg(40, BMK), kg(50, METHYLAMINE), consignee=("Acme BV", "NL1")),
    ]
    observations = observations_of(screener, events)
    assert any(len(o["items"]) > 1 for o in observations)
    for observation in observations:
        compact = orjson.loads(orjson.dumps(compact_observation(observation)))
        names = {s: n for item in observation["items"] for s, n in item["names"].items()}
        assert expand_observation(compact, observation["watchlist_version"], names) == observation
        assert len(orjson.dumps(compact)) < 0.8 * len(orjson.dumps(observation))


def test_observations_written_before_the_subjects_methods_still_raise_one_split_per_goods(screener):
    # A compact item of twelve values (format 3 before the nineteenth session: no "via"), and an observation
    # dict without it (formats 1 and 2): read, and the subjects of one substance are still one flag, named
    # without how the goods reach each (which those observations do not say).
    observations = observations_of(screener, [make_consignment(f"p{i}", 1 + i, kg(60, P2NP)) for i in range(2)])
    assert observations[0]["items"][0]["via"] == ["exact", "unmasking", "unmasking", "family"]
    names = {s: n for o in observations for item in o["items"] for s, n in item["names"].items()}
    older = []
    for observation in observations:
        compact = compact_observation(observation)
        compact[-1] = [item[:12] for item in compact[-1]]
        expanded = expand_observation(compact, observation["watchlist_version"], names)
        assert expanded == {**observation, "items": [{**i, "via": []} for i in observation["items"]]}
        older.append({**expanded, "items": [{k: v for k, v in i.items() if k != "via"} for i in expanded["items"]]})
    config = IntelligenceConfig.from_settings(screener.settings)
    flags, _ = replay_observations([m for o in older for m in observation_dicts(o)], config)
    [split] = [s for f in flags for s in f.signals if s.code == "SPLIT_SHIPMENT"]
    assert split.detail.startswith("2 consignments of 1-Phenyl-2-nitropropene within 30 days")
    assert "Amphetamine: configured threshold" in split.detail and "(unmasking target)" not in split.detail


def test_format_2_bundles_still_on_the_topic_read_as_format_3_ones(screener):
    # A worker upgraded mid-stream reads what the older workers wrote: the same entries, flags and states.
    config = IntelligenceConfig.from_settings(screener.settings)
    observations = observations_of(screener, several_consignees(12))
    old = [
        InMessage(v2_bundle(observations[:6]), b"k", "obs", 0, 0),
        InMessage(v2_bundle(observations[6:]), b"k", "obs", 0, 1),
    ]
    new = [InMessage(m.value, m.key, "obs", 0, i) for i, m in enumerate(observation_bundles(observations, 1))]
    assert [e for m in old for e in observation_entries(m.value)] == [
        e for m in new for e in observation_entries(m.value)
    ]
    mixed = old[:1] + [InMessage(m.value, m.key, "obs", 0, 9) for m in observation_bundles(observations[6:], 1)]
    results = []
    for messages in (old, new, mixed):
        table: dict[bytes, bytes] = {}
        states = PendingStates(table)
        out = []
        for message in messages:
            flags, outcomes = apply_message(message, states, config)
            out.extend(m.key for m in flags)
            assert "unreadable" not in outcomes
        states.commit()
        results.append((out, table))
    assert results[0][0] and results[1] == results[0] and results[2] == results[0]


def test_a_bundle_holds_one_watchlist_version(screener):
    observations = observations_of(screener, several_consignees(4))
    observations[2] = {**observations[2], "watchlist_version": "w2"}
    bundles = observation_bundles(observations, 1)
    assert [orjson.loads(m.value)["w"] for m in bundles] == ["v", "w2", "v"]
    entries = [e for m in bundles for e in observation_entries(m.value)]
    assert [e["obs"]["watchlist_version"] for e in entries] == [
        o["watchlist_version"] for o in observations for _ in facet_keys(o)
    ]


# --- state encoding (version 2: without what the decoder derives) --------------------------------------


def mixed_scenario(screener) -> list[tuple[bytes, bytes]]:
    """Split shipments to one consignee and across two sharing a name, a kit, a novel mask seen twice."""
    events = [
        *consignments(4),
        make_consignment("n1", 3, kg(60), consignee=("Acme Chemicals BV", "NL7")),
        make_consignment("n2", 5, kg(60), consignee=("ACME Chemicals B.V.", "NL8")),
        make_consignment("k1", 6, kg(20, BMK), consignee=("Kit Co", "NL9")),
        make_consignment("k2", 8, kg(20, METHYLAMINE), consignee=("Kit Co", "NL9")),
        make_consignment("m1", 9, NOVEL_BMK_MASK, consignee=("Mask A", "NL10")),
        make_consignment("m2", 11, NOVEL_BMK_MASK, consignee=("Mask B", "NL11")),
    ]
    return messages_of(screener, events)


def version_1(raw: bytes, key: bytes) -> bytes:
    """A state as workers before state version 2 encoded it: with "seen", and each consignee-facet event
    naming its consignee (the key's own)."""
    state = decode_state(raw)
    if state["facet"] == "consignee":
        for e in state["events"].values():
            e["p"] = key.decode().removeprefix("consignee:")
    return orjson.dumps({**state, "v": 1})


def test_an_encoded_state_decodes_to_the_state_and_is_smaller(screener):
    config = IntelligenceConfig.from_settings(screener.settings)
    _, table = run_batches(mixed_scenario(screener), config, 100, None)
    facets = set()
    for key, raw in table.items():
        state = decode_state(raw)
        facets.add(state["facet"])
        assert encode_state(state) == raw and decode_state(encode_state(state)) == state
        assert state["v"] == 2 and set(state["seen"]) >= set(state["events"])
        if state["events"]:
            assert len(raw) < len(version_1(raw, key))
    assert facets == {"consignee", "name", "consignor", "substance"}


def test_a_state_whose_seen_ids_differ_from_its_events_keeps_them_through_encoding():
    # Trimmed apart (_bound_events), "seen" and "events" can be as many and still differ.
    state = {"v": 2, "facet": "consignee", "mark": 5.0, "first": 1.0, "last": 5.0}
    state |= {"seen": {"old": 1.0, "e5": 5.0}, "events": {"e4": {"t": 4.0, "items": []}, "e5": {"t": 5.0, "items": []}}}
    assert decode_state(encode_state(state))["seen"] == {"old": 1.0, "e5": 5.0}


def test_state_version_1_in_the_table_reads_as_version_2(screener):
    # A worker upgraded mid-stream recovers the changelog older workers wrote, and goes on from there.
    config = IntelligenceConfig.from_settings(screener.settings)
    messages = mixed_scenario(screener)
    middle = len(messages) // 2
    table: dict[bytes, bytes] = {}
    flags = []
    for part, upgraded in ((messages[:middle], False), (messages[middle:], True)):
        if upgraded:
            table = {key: version_1(raw, key) for key, raw in table.items()}
        states = PendingStates(table, DecodedStates())
        for key, value in part:
            out, _ = intelligence_step(value, key, states, config)
            flags.extend(m.key for m in out)
        states.commit()
    expected_flags, expected_table = run_batches(messages, config, middle, None)
    codes = {s.code for m in mixed_flags(messages, config) for s in m.signals}
    assert {"SPLIT_SHIPMENT", "SYNTHESIS_KIT", "REPEAT_MASK"} <= codes
    assert flags == expected_flags
    untouched = {k for k, v in table.items() if v.startswith(b'{"v":1')}
    assert {k: decode_state(v) for k, v in table.items() if k not in untouched} == {
        k: decode_state(v) for k, v in expected_table.items() if k not in untouched
    }


def mixed_flags(messages, config):
    return replay_observations([orjson.loads(value) for _, value in messages], config)[0]


def test_declared_text_is_cut_in_observations_so_that_bundles_and_follow_ups_fit_any_topic(screener):
    # Events just under the message limit, whose free text and trader names the observation would
    # otherwise carry whole: three in one batch made a 1.2 MB bundle, over Kafka's 1 MiB record limit.
    long = "d" * 300_000
    events = [
        make_consignment(
            f"long-{i}",
            1 + i,
            {**kg(40), "description": long},
            consignee=("Acme " + long, None),
            consignor=("Supplier " + long, "CN"),
        )
        for i in range(3)
    ]
    observations = observations_of(screener, events)
    assert len(observations) == 3
    for message in observation_bundles(observations, 1):
        assert len(message.key) + len(message.value) < 100_000
    assert len(observations[0]["consignee"]["key"]) < 2 * MAX_QUOTED_CHARS
    config = IntelligenceConfig.from_settings(screener.settings)
    flags, _ = replay_observations([m for o in observations for m in observation_dicts(o)], config)
    assert flags and all(len(flag.model_dump_json()) < 100_000 for flag in flags)


def test_long_declared_fields_are_not_kept_by_the_token_caches(screener):
    # A cache keeps its keys alive: 8,192 unique CAS fields or names near the message limit held gigabytes.
    intelligence_observe._cas_tokens.cache_clear()
    intelligence_observe._name_token.cache_clear()
    # (Fields that identify nothing: a resolved substance's own name is short, and remembered.)
    event = make_consignment("long-fields", 1, {"cas": "1" * 5000, "name": "n" * 5000})
    for verdict, _ in screener.screen_event_items(event):
        intelligence_observe.item_tokens(verdict)
    assert intelligence_observe._cas_tokens.cache_info().currsize == 0
    assert intelligence_observe._name_token.cache_info().currsize == 0


def test_bundles_are_bounded_in_bytes_too(screener, monkeypatch):
    monkeypatch.setattr(intelligence_observe, "MAX_BUNDLE_BYTES", 3000)
    observations = observations_of(screener, several_consignees(9))
    sizes = [len(orjson.dumps(compact_observation(o))) for o in observations]  # as bundles hold them
    bundles = observation_bundles(observations, 1)
    assert len(bundles) > 1
    for message in bundles:
        held = len(orjson.loads(message.value)["observations"])
        assert held == 1 or sum(sorted(sizes)[-held:]) <= 3000
    entries = [e for m in bundles for e in observation_entries(m.value)]
    assert entries == [e for o in observations for e in observation_dicts(o)]  # nothing lost or doubled


def test_a_busy_key_keeps_the_ids_of_the_events_it_dropped_through_encoding(screener, monkeypatch):
    # A busy key keeps more event ids than events (pipeline/intelligence.py _bound_events): its encoded
    # state keeps them, so a re-delivered old event is still a duplicate after a restart.
    monkeypatch.setattr(intelligence, "MAX_ITEMS_PER_KEY", 40)
    config = IntelligenceConfig.from_settings(screener.settings)
    (message,) = [m for m in observe(screener, make_consignment("e0", 1, kg(1))) if m["facet"] == "consignee"]
    state = None
    copies = []
    for i in range(60):
        copy = orjson.loads(orjson.dumps(message))
        copy["obs"]["event_id"], copy["obs"]["t"] = f"e{i}", message["obs"]["t"] + 60 * i
        copies.append(copy)
        state = apply_observation(state, copy, config).state
    assert "e0" in state["seen"] and "e0" not in state["events"]
    decoded = decode_state(encode_state(state))
    assert decoded["seen"] == state["seen"]
    assert apply_observation(decoded, copies[0], config).status == "duplicate"


# --- seeded history (precwatch intelligence seed: bundles with "h": 1) ---------------------------------------


def apply_bundles(bundles, table: dict, config) -> list[dict]:
    states = PendingStates(table)
    flags = []
    for m in bundles:
        out, _ = apply_message(InMessage(m.value, m.key, "observations", m.partition, 0), states, config)
        flags += [orjson.loads(x.value) for x in out]
    states.commit()
    return flags


def test_seeded_history_teaches_the_states_and_raises_no_follow_up_flag(screener):
    config = IntelligenceConfig.from_settings(screener.settings)
    # The past holds a split shipment and a first serious consignment to Acme (a new trader then).
    past = [make_consignment(f"h{i}", 1 + 4 * i, kg(40, PAA)) for i in range(3)]
    past.append(make_consignment("hb", 2, kg(5, BMK)))
    history = observation_bundles(observations_of(screener, past), 4, history=True)
    assert all(orjson.loads(m.value)["h"] == 1 for m in history)
    assert all(entry["history"] for m in history for entry in observation_entries(m.value))
    table: dict[bytes, bytes] = {}
    assert apply_bundles(history, table, config) == []
    assert table  # the states learnt it
    assert apply_bundles(observation_bundles(observations_of(screener, past), 4), {}, config)  # not as history: flags

    live = [
        make_consignment("l0", 20, kg(5, BMK)),
        make_consignment("l1", 21, kg(5, BMK), consignee=("Newco B.V.", "NL000000077")),
    ]
    after_history = apply_bundles(observation_bundles(observations_of(screener, live), 4), table, config)
    new = [(f["event_id"], f["summary"]) for f in after_history for s in f["signals"] if s["code"] == "NEW_TRADER"]
    assert [event for event, _ in new] == ["l1"] and "(consignee;" in new[0][1]  # Acme and the supplier are known
    fresh = apply_bundles(observation_bundles(observations_of(screener, live), 4), {}, config)
    assert {f["event_id"] for f in fresh for s in f["signals"] if s["code"] == "NEW_TRADER"} == {"l0", "l1"}
