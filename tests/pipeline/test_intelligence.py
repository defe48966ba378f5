"""Scenarios for the stateful signals on the pure stages, without a broker: event sequences in,
follow-up flags out (pipeline/intelligence.py over observations from pipeline/intelligence_observe.py)."""

from __future__ import annotations

import itertools
import os
from datetime import UTC, datetime

import orjson
import pytest

from pipeline import intelligence
from pipeline.intelligence import (
    IntelligenceConfig,
    ObservationReplay,
    ObservationUnreadable,
    PendingStates,
    SpilledStates,
    apply_observation,
    expiry_mark,
    intelligence_step,
    is_expired,
    replay_observations,
    windows_holding,
)
from pipeline.intelligence_observe import load_routes, observation_dicts, observe_event
from tests.factories import make_consignment, make_screener

BMK = {"cas": "103-79-7", "description": "ketone"}
PAA = {"name": "phenylacetic acid", "description": "acid"}  # EU Category 2B
METHYLAMINE = {"name": "methylamine", "description": "amine"}
BMK_GLYCIDATE = {"cas": "80532-66-7", "description": "organic intermediate"}  # BMK methyl glycidate
NOVEL_BMK_MASK = {"smiles": "CC(=O)C(C(=O)OCCC)c1ccccc1", "description": "organic intermediate"}  # MAPA's propyl ester
# 1-phenyl-2-nitropropene (DES-P2NP): a watchlist entry that unmasks to BMK and amphetamine and is an
# aryl-2-nitroalkene (family): one lot of it is a lot of four split-shipment subjects.
P2NP = {"cas": "705-60-2", "description": "organic intermediate"}
NITROBUTENE = {"smiles": "CCC(=Cc1ccccc1)[N+](=O)[O-]", "description": "organic intermediate"}  # same family, not P2NP
PMK = {"cas": "4676-39-5", "description": "ketone"}  # on the BMK route's slot (P2P skeleton) and the PMK route's


@pytest.fixture(scope="module")
def screener():
    return make_screener()


def observe(screener, *events) -> list[dict]:
    messages = []
    for event in events:
        observation = observe_event(
            event,
            screener.screen_event_items(event),
            load_routes(),
            screener.watchlist.version,
            screener.structure_identity,
        )
        if observation is not None:
            messages.extend(observation_dicts(observation))
    return messages


def run(screener, *events, **settings):
    config = IntelligenceConfig.from_settings(make_screener(**settings).settings if settings else screener.settings)
    return replay_observations(observe(screener, *events), config)


def signals(flags, code):
    return [(f, s) for f in flags for s in f.signals if s.code == code]


def kg(amount, item=PAA):
    return {**item, "net_mass_kg": amount}


# --- split shipments -----------------------------------------------------------------------------------


def test_split_shipment_raised_when_the_sum_crosses_the_threshold_though_each_stays_below(screener):
    flags, _ = run(screener, *(make_consignment(f"e{i}", 1 + 4 * i, kg(40)) for i in range(3)))
    [(flag, signal)] = signals(flags, "SPLIT_SHIPMENT")
    assert signal.event_ids == ["e0", "e1", "e2"]
    assert signal.declaration_ids == ["26NLe0", "26NLe1", "26NLe2"]
    assert "120 kg" in signal.detail and "configured threshold (operational, not legal) of 100 kg" in signal.detail
    assert flag.event_id == "e2" and flag.follow_up_of is not None
    assert len(flag.related_flag_ids) == 2 and flag.follow_up_of not in flag.related_flag_ids
    assert (
        flag.score > next(o for o in observe(screener, make_consignment("e2", 9, kg(40))))["obs"]["items"][0]["score"]
    )


def test_no_split_when_one_consignment_alone_reaches_the_threshold(screener):
    flags, _ = run(screener, make_consignment("e0", 1, kg(40)), make_consignment("e1", 2, kg(150)))
    assert not signals(flags, "SPLIT_SHIPMENT")


def test_lines_of_one_declaration_are_one_consignment_not_a_split(screener):
    # Two lines of 60 kg in one declaration are one consignment of 120 kg, which reaches the threshold on its
    # own (the seventeenth session's attack found them reported as "2 consignments ... each below").
    flags, _ = run(screener, make_consignment("e0", 1, kg(60), kg(60)))
    assert not signals(flags, "SPLIT_SHIPMENT")
    # Three declarations of 40 kg, one of them in two lines of 20 kg: three consignments, each below.
    flags, _ = run(
        screener,
        make_consignment("e0", 1, kg(20), kg(20)),
        make_consignment("e1", 2, kg(40)),
        make_consignment("e2", 3, kg(40)),
    )
    [(_, signal)] = signals(flags, "SPLIT_SHIPMENT")
    assert "3 consignments" in signal.detail and "largest 40 kg" in signal.detail


def test_no_split_when_the_consignments_are_further_apart_than_the_window(screener):
    flags, _ = run(
        screener, *(make_consignment(f"e{i}", 1 + 14 * i, kg(40)) for i in range(3)), intelligence_window_days=20
    )
    assert not signals(flags, "SPLIT_SHIPMENT")


def test_split_threshold_configured_per_entry(screener):
    events = [make_consignment(f"e{i}", 1 + i, kg(3)) for i in range(2)]
    flags, _ = run(screener, *events, split_thresholds_kg={"EU2B-PHENYLACETIC-ACID": 5})
    [(_, signal)] = signals(flags, "SPLIT_SHIPMENT")
    assert "configured threshold for this entry (operational) of 5 kg" in signal.detail


def test_split_across_consignees_sharing_a_normalised_name(screener):
    events = [
        make_consignment("e0", 1, kg(60), consignee=("Acme Chemicals B.V.", "NL000000001")),
        make_consignment("e1", 3, kg(60), consignee=("ACME CHEMICALS BV", "NL000000002")),
    ]
    flags, _ = run(screener, *events)
    [(flag, signal)] = signals(flags, "SPLIT_SHIPMENT")
    assert "by 2 consignees sharing this name" in signal.detail and signal.event_ids == ["e0", "e1"]


def test_split_across_consignees_sharing_an_address(screener):
    address = "Industrieweg 12, 3000 AB Rotterdam"
    events = [
        make_consignment("e0", 1, kg(60), consignee=("Alpha Trading B.V.", "NL000000001"), address=address),
        make_consignment("e1", 3, kg(60), consignee=("Beta Lab B.V.", "NL000000002"), address=address.upper()),
    ]
    [(_, signal)] = signals(run(screener, *events)[0], "SPLIT_SHIPMENT")
    assert "sharing this address" in signal.detail


def test_split_across_consignees_sharing_an_eori(screener):
    events = [
        make_consignment("e0", 1, kg(60), consignee=("Alpha Trading B.V.", "NL000000009")),
        make_consignment("e1", 3, kg(60), consignee=("Omega Lab B.V.", "NL 000000009")),
    ]
    [(flag, signal)] = signals(run(screener, *events)[0], "SPLIT_SHIPMENT")
    assert "(consignee;" in flag.summary and signal.event_ids == ["e0", "e1"]


def test_split_raised_once_per_window(screener):
    flags, _ = run(screener, *(make_consignment(f"e{i}", 1 + i, kg(40)) for i in range(5)))
    assert len(signals(flags, "SPLIT_SHIPMENT")) == 1


def test_two_consignments_of_one_substance_raise_one_split_naming_every_subject_it_reaches(screener):
    # Issue 11's leftover (the e2e stream's P2NP pair): each subject was a follow-up flag of its own, four
    # flags for one pair of goods. One flag, naming every subject the same lots reach.
    flags, _ = run(screener, make_consignment("e0", 1, kg(60, P2NP)), make_consignment("e1", 3, kg(60, P2NP)))
    [(flag, signal)] = signals(flags, "SPLIT_SHIPMENT")
    assert signal.event_ids == ["e0", "e1"] and flag.event_id == "e1"
    assert signal.detail.startswith("2 consignments of 1-Phenyl-2-nitropropene within 30 days")
    for subject in (
        "1-Phenyl-2-propanone: configured threshold (operational, not legal) of 100 kg",
        "Amphetamine: configured threshold (operational, not legal) of 100 kg",
        "aryl-2-nitroalkenes (nitrostyrenes) (family): configured threshold (operational, not legal) of 100 kg",
    ):
        assert subject in signal.detail
    # One signal, its weight counted once: four subjects are one pattern, not four pieces of evidence.
    assert [c.source for c in flag.score_components] == ["item:own score", "signal:SPLIT_SHIPMENT"]


def test_subjects_summing_other_goods_stay_splits_of_their_own(screener):
    # The family's sum also holds a lot of another nitroalkene: it rests on other goods than the P2NP
    # entry's (and its unmasking targets'), so it is a flag of its own, the entry's three subjects one.
    events = [
        make_consignment("e0", 1, kg(60, P2NP)),
        make_consignment("e1", 2, kg(10, NITROBUTENE)),
        make_consignment("e2", 3, kg(60, P2NP)),
    ]
    splits = sorted((s.event_ids, s.detail) for _, s in signals(run(screener, *events)[0], "SPLIT_SHIPMENT"))
    assert [event_ids for event_ids, _ in splits] == [["e0", "e1", "e2"], ["e0", "e2"]]
    assert splits[0][1].startswith("3 consignments of aryl-2-nitroalkenes (nitrostyrenes) (family) within")
    assert "Amphetamine: " in splits[1][1] and "nitroalkenes" not in splits[1][1]


def test_one_substance_split_shipment_says_the_same_in_every_arrival_order(screener):
    events = [make_consignment(f"e{i}", 1 + 4 * i, kg(40, P2NP)) for i in range(3)]
    in_time = follow_up_contents(run(screener, *events)[0], "SPLIT_SHIPMENT")
    assert len(in_time) == 1
    for order in itertools.permutations(events):
        assert follow_up_contents(run(screener, *order)[0], "SPLIT_SHIPMENT") == in_time



def test_a_split_of_two_substances_reaching_one_entry_says_the_same_in_both_arrival_orders(screener):
    # Review, nineteenth session: a lot of BMK is the entry itself, a lot of P2NP reaches it by unmasking;
    # the flag named BMK "(watchlist entry)" or "(unmasking target)" after the lot that came last, under
    # the same flag id. An entry is now named alone, whichever lot completes the split.
    events = [make_consignment("b", 1, kg(60, BMK)), make_consignment("p", 3, kg(60, P2NP))]
    forward = follow_up_contents(run(screener, *events)[0], "SPLIT_SHIPMENT")
    assert forward and any("1-Phenyl-2-propanone within" in str(f) for f in forward)
    assert follow_up_contents(run(screener, *reversed(events))[0], "SPLIT_SHIPMENT") == forward


# --- synthesis kits ---------------------------------------------------------------------------------------


def test_synthesis_kit_from_two_declarations(screener):
    flags, _ = run(screener, make_consignment("k0", 1, kg(5, BMK)), make_consignment("k1", 10, kg(5, METHYLAMINE)))
    [(flag, signal)] = signals(flags, "SYNTHESIS_KIT")
    assert signal.event_ids == ["k0", "k1"] and "methamphetamine" in signal.detail and "EMCDDA" in signal.detail
    # Written for the BMK item (the most severe), its related flag the methylamine's (info on its own).
    assert flag.event_id == "k0" and len(flag.related_flag_ids) == 1


def test_goods_completing_two_routes_raise_one_kit_naming_both(screener):
    # PMK is on the PMK route's slot and, as a P2P skeleton, on the BMK route's: PMK and methylamine
    # complete both, and were two kit flags for one pair of goods. One flag, naming both routes.
    events = [make_consignment("k0", 1, kg(5, PMK)), make_consignment("k1", 10, kg(5, METHYLAMINE))]
    in_time = signals(run(screener, *events)[0], "SYNTHESIS_KIT")
    [(flag, signal)] = in_time
    assert signal.event_ids == ["k0", "k1"] and (flag.event_id, flag.item_line) == ("k0", 1)
    assert "(to methamphetamine)" in signal.detail and "(to MDMA)" in signal.detail
    [(again, _)] = signals(run(screener, *events[::-1])[0], "SYNTHESIS_KIT")
    assert again.model_dump(exclude={"screened_at"}) == flag.model_dump(exclude={"screened_at"})


def test_synthesis_kit_ghb_from_common_chemicals(screener):
    events = [
        make_consignment("g0", 1, kg(20, {"name": "gamma-butyrolactone"})),
        make_consignment("g1", 2, kg(20, {"name": "sodium hydroxide", "cas": "1310-73-2"})),
    ]
    [(_, signal)] = signals(run(screener, *events)[0], "SYNTHESIS_KIT")
    assert "GHB" in signal.detail


def test_no_kit_when_the_parts_go_to_different_consignees(screener):
    events = [
        make_consignment("k0", 1, kg(5, BMK)),
        make_consignment("k1", 2, kg(5, METHYLAMINE), consignee=("Other GmbH", "DE000000001")),
    ]
    assert not signals(run(screener, *events)[0], "SYNTHESIS_KIT")


# --- new traders and supplier changes ------------------------------------------------------------------


def test_new_trader_on_first_serious_consignment_only(screener):
    flags, _ = run(screener, make_consignment("n0", 1, kg(5, BMK)), make_consignment("n1", 2, kg(5, BMK)))
    new = signals(flags, "NEW_TRADER")
    assert {f.event_id for f, _ in new} == {"n0"}
    assert {"to this consignee" in s.detail or "from this consignor" in s.detail for _, s in new} == {True}
    assert len(new) == 2  # the consignee and the consignor are both new


def test_without_a_history_start_a_new_trader_was_never_seen_in_the_whole_memory(screener):
    [(_, signal), *_] = signals(run(screener, make_consignment("n0", 1, kg(5, BMK)))[0], "NEW_TRADER")
    assert signal.detail.endswith("never seen in the last 400 days")


def test_a_fresh_history_raises_no_new_trader_during_its_warm_up(screener):
    # History from 2026-11-01: every party of November may have traded in October.
    events = [make_consignment("n0", 1, kg(5, BMK)), make_consignment("n1", 20, kg(5, BMK), consignee=("B", "NL2"))]
    assert not signals(run(screener, *events, trader_history_since="2026-11-01")[0], "NEW_TRADER")
    assert len(signals(run(screener, *events)[0], "NEW_TRADER")) == 3  # without it: both consignees, the consignor


def test_after_the_warm_up_a_new_trader_says_how_short_the_history_is(screener):
    # History from 2026-10-10: the warm-up (30 days + 48 h) ends on 2026-11-11.
    events = [
        make_consignment("k0", 5, kg(5)),  # known: first seen in the warm-up (a harmless import) ...
        make_consignment("k1", 20, kg(5, BMK)),  # ... so its serious consignment is no NEW_TRADER
        make_consignment("n0", 21, kg(5, BMK), consignee=("Newco B.V.", "NL000000077")),
    ]
    new = signals(run(screener, *events, trader_history_since="2026-10-10")[0], "NEW_TRADER")
    assert [(f.event_id, s.detail) for f, s in new] == [
        (
            "n0",
            "first consignment of precursor chemistry to this consignee: first seen: no history before 2026-10-10 "
            "(the trader memory is 400 days)",
        )
    ]
    # A history as long as the trader memory is complete again: the detail says "never seen".
    events = [make_consignment("n0", 21, kg(5, BMK), consignee=("Newco B.V.", "NL000000077"))]
    new = signals(run(screener, *events, trader_history_since="2026-10-10", trader_memory_days=30)[0], "NEW_TRADER")
    assert {s.detail.split(": ", 1)[1] for _, s in new} == {"never seen in the last 30 days"}


def test_no_new_trader_for_commodity_chemistry(screener):
    assert not signals(run(screener, make_consignment("n0", 1, kg(5)))[0], "NEW_TRADER")


def test_no_supplier_change_for_a_consignee_without_a_pattern(screener):
    events = [make_consignment(f"s{i}", 1 + i, kg(1), dispatch=c) for i, c in enumerate(["CN", "IN", "TR", "US"])]
    assert not signals(run(screener, *events)[0], "SUPPLIER_CHANGE")


def test_supplier_change_for_a_known_consignee(screener):
    events = [make_consignment(f"s{i}", 1 + i, kg(1)) for i in range(3)]
    events.append(make_consignment("s3", 5, kg(1), dispatch="IN", mode="courier", consignor=("Other Co", "IN")))
    [(flag, signal)] = signals(run(screener, *events)[0], "SUPPLIER_CHANGE")
    assert flag.event_id == "s3" and "dispatch country IN (before: always CN)" in signal.detail
    assert "transport mode courier" in signal.detail and signal.event_ids[-1] == "s3"


# --- repeat of a known mask ------------------------------------------------------------------------------


def test_repeat_mask_links_the_sightings_and_raises_severity(screener):
    events = [
        make_consignment("m0", 1, kg(5, NOVEL_BMK_MASK)),
        make_consignment("m1", 20, kg(5, NOVEL_BMK_MASK), consignee=("Other GmbH", "DE000000001")),
    ]
    flags, _ = run(screener, *events)
    [(flag, signal)] = signals(flags, "REPEAT_MASK")
    own = next(o for o in observe(screener, events[0]) if o["facet"] == "substance")["obs"]["items"][0]
    assert signal.event_ids == ["m0", "m1"] and "2 sightings, 2 consignee(s)" in signal.detail
    assert flag.related_flag_ids == [own["flag_id"]] and flag.score > own["score"]


# --- follow-up content: the same in any arrival order ---------------------------------------------------


def follow_up_contents(flags, code) -> list[dict]:
    """The follow-up flags of ``code`` as written, but for the time they were written."""
    return [f.model_dump(mode="json", exclude={"screened_at"}) for f, _ in signals(flags, code)]


@pytest.mark.parametrize(
    ("code", "events"),
    [
        # The kit of the bundled stream: the BMK glycidate (critical on its own) and methylamine (a route
        # component, not flagged): the follow-up is the glycidate's, whichever of the two arrives last.
        (
            "SYNTHESIS_KIT",
            [
                make_consignment("k0", 1, kg(5, BMK_GLYCIDATE)),
                make_consignment("k1", 10, kg(5, METHYLAMINE)),
            ],
        ),
        ("SPLIT_SHIPMENT", [make_consignment(f"e{i}", 1 + 4 * i, kg(40)) for i in range(3)]),
        (
            "REPEAT_MASK",
            [
                make_consignment("m0", 1, kg(5, NOVEL_BMK_MASK)),
                make_consignment("m1", 20, kg(7, NOVEL_BMK_MASK), consignee=("Other GmbH", "DE000000001")),
            ],
        ),
    ],
)
def test_a_follow_up_flag_says_the_same_in_every_arrival_order(screener, code, events):
    in_time = follow_up_contents(run(screener, *events)[0], code)
    assert len(in_time) == 1
    for reverse in (False, True):
        rotated = events[1:] + events[:1] if not reverse else events[::-1]
        assert follow_up_contents(run(screener, *rotated)[0], code) == in_time


def test_a_kit_follow_up_is_written_for_its_most_severe_item_whichever_event_completed_it(screener):
    glycidate = make_consignment("k0", 1, kg(5, BMK_GLYCIDATE))
    methylamine = make_consignment("k1", 10, kg(5, METHYLAMINE))
    own = observe(screener, glycidate)[0]["obs"]["items"][0]
    other = observe(screener, methylamine)[0]["obs"]["items"][0]
    assert own["score"] > other["score"] and other["flagged"]  # methylamine: info on its own
    for events in ([glycidate, methylamine], [methylamine, glycidate]):
        [(flag, signal)] = signals(run(screener, *events)[0], "SYNTHESIS_KIT")
        assert (flag.event_id, flag.item_line, flag.follow_up_of) == ("k0", 1, own["flag_id"])
        assert flag.severity == "critical" and flag.score > own["score"] and signal.event_ids == ["k0", "k1"]
        assert flag.related_flag_ids == [other["flag_id"]]


def test_each_repeat_mask_follow_up_is_written_for_the_newest_sighting_it_rests_on(screener):
    # The first sighting is the most severe (declared as a food additive under a heterocycle code); a
    # flag per further sighting, each for the sighting it adds in time order, not all for the first.
    disguised = {**NOVEL_BMK_MASK, "description": "food additive", "cn_code": "29333999"}
    events = [
        make_consignment("m0", 1, kg(5, disguised)),
        make_consignment("m1", 5, kg(5, NOVEL_BMK_MASK), consignee=("Other GmbH", "DE000000001")),
        make_consignment("m2", 9, kg(5, NOVEL_BMK_MASK), consignee=("Third BV", "NL000000003")),
    ]
    scores = {
        m["obs"]["event_id"]: m["obs"]["items"][0]["score"]
        for m in observe(screener, *events)
        if m["facet"] == "substance"
    }
    assert scores["m0"] > scores["m1"] == scores["m2"]
    flags = [f for f, _ in signals(run(screener, *events)[0], "REPEAT_MASK")]
    assert [(f.event_id, f.signals[0].event_ids) for f in flags] == [("m1", ["m0", "m1"]), ("m2", ["m0", "m1", "m2"])]
    # The two-sighting flag says the same when the first sighting arrives last.
    [again] = [f for f, _ in signals(run(screener, events[1], events[0])[0], "REPEAT_MASK")]
    assert again.model_dump(exclude={"screened_at"}) == flags[0].model_dump(exclude={"screened_at"})


# --- event time: late, out of order, duplicates -------------------------------------------------------------


def test_duplicate_event_counts_once(screener):
    first = observe(screener, make_consignment("e0", 1, kg(60)))
    again = observe(screener, make_consignment("e1", 2, kg(60)))
    flags, counts = replay_observations(first + first + again, IntelligenceConfig.from_settings(screener.settings))
    assert counts["duplicate"] == len(first)
    [(_, signal)] = signals(flags, "SPLIT_SHIPMENT")
    assert signal.event_ids == ["e0", "e1"]


def test_out_of_order_event_within_the_lateness_counts_where_it_belongs(screener):
    events = [make_consignment("e1", 3, kg(40)), make_consignment("e2", 4, kg(40)), make_consignment("e0", 2, kg(40))]
    flags, counts = run(screener, *events)
    assert "late" not in counts
    [(flag, signal)] = signals(flags, "SPLIT_SHIPMENT")
    # Written for the newest lot in event time (the scores tie), not for e0, which arrived last.
    assert signal.event_ids == ["e0", "e1", "e2"] and flag.event_id == "e2"


def test_event_days_out_of_order_within_the_window_counts(screener):
    # Days 0, 4 and 9 of a split, delivered newest first (from partitions read in another order): the
    # oldest is a week older than the newest, more than the lateness, and still inside its window.
    events = [make_consignment("e2", 10, kg(40)), make_consignment("e1", 5, kg(40)), make_consignment("e0", 1, kg(40))]
    flags, counts = run(screener, *events)
    assert "late" not in counts
    [(flag, signal)] = signals(flags, "SPLIT_SHIPMENT")
    # Written for the newest lot in event time (the scores tie), not for e0, which arrived last.
    assert signal.event_ids == ["e0", "e1", "e2"] and flag.event_id == "e2"
    assert flag.flag_id == next(f for f, _ in signals(run(screener, *reversed(events))[0], "SPLIT_SHIPMENT")).flag_id


def test_event_older_than_the_window_and_the_lateness_is_left_out(screener):
    # e0 and e1 would make a split (120 kg within 9 days), but e0 arrives after e2, and is older than
    # e2 by more than the window (20 days) and the lateness (1 day): the key no longer keeps that time.
    events = [make_consignment("e1", 10, kg(60)), make_consignment("e2", 25, kg(1)), make_consignment("e0", 1, kg(60))]
    flags, counts = run(screener, *events, intelligence_window_days=20, intelligence_lateness_hours=24)
    assert counts["late"] > 0 and not signals(flags, "SPLIT_SHIPMENT")
    in_order, counts = run(screener, *sorted(events, key=lambda e: e.occurred_at), intelligence_window_days=20)
    assert "late" not in counts and signals(in_order, "SPLIT_SHIPMENT")


def test_an_event_dated_far_ahead_of_the_clock_is_not_counted_and_does_not_blind_its_trader(screener):
    # A typo'd year: counted, it would make every later consignment of the consignee late.
    typo = make_consignment("typo", 1, kg(1))
    typo = typo.model_copy(update={"occurred_at": datetime(9999, 1, 1, tzinfo=UTC)})
    messages = observe(screener, make_consignment("e0", 1, kg(60)), typo, make_consignment("e1", 2, kg(60)))
    config = IntelligenceConfig.from_settings(screener.settings)
    flags, counts = replay_observations(messages, config, now=datetime(2026, 12, 1, tzinfo=UTC))
    assert counts["future"] > 0 and "late" not in counts
    [(_, signal)] = signals(flags, "SPLIT_SHIPMENT")
    assert signal.event_ids == ["e0", "e1"]
    unbounded, counts = replay_observations(messages, config)  # no clock: what happened before
    assert counts["late"] > 0 and not signals(unbounded, "SPLIT_SHIPMENT")


def test_windows_holding_an_event_out_of_order():
    assert windows_holding(5.0, [1.0, 7.0, 20.0], 10.0) == [(-5.0, 5.0), (-3.0, 7.0)]


# --- determinism, state and the stage over messages ---------------------------------------------------------


def test_replay_gives_the_same_flag_ids(screener):
    events = [make_consignment(f"e{i}", 1 + i, kg(40)) for i in range(3)]
    first, _ = run(screener, *events)
    second, _ = run(screener, *events)
    assert [f.flag_id for f in first] == [f.flag_id for f in second] and first


def test_spilled_states_give_the_replay_of_states_held_in_memory(screener):
    # An offline replay's states past a budget wait on disk (a file of ever new traders grew the run
    # without bound): read back, they must raise the same follow-up flags, counted the same.
    events = [
        make_consignment(
            f"e{i}", 1 + i % 20, kg(40), NOVEL_BMK_MASK, consignee=(f"Trader {i % 7}", f"NL00000000{i % 7}")
        )
        for i in range(40)
    ]
    messages = observe(screener, *events)
    config = IntelligenceConfig.from_settings(screener.settings)
    now = datetime(2026, 12, 1, tzinfo=UTC)  # the flags' stamp
    in_memory, counts = replay_observations(messages, config, now)
    states = SpilledStates(budget=3)
    spilled = ObservationReplay(config, now, states=states)
    for message in messages:
        spilled.apply(message)
    try:
        assert states.on_disk > 0 and states.weight <= 3 + max(states._weight(s) for s in states.memory.values())
        assert [f.model_dump() for f in spilled.flags] == [f.model_dump() for f in in_memory] and in_memory
        assert spilled.counts == counts
        assert len(states) == len({m["key"] for m in messages})
    finally:
        directory = states._directory
        states.close()
    assert directory is not None and not os.path.exists(directory)


def test_spilled_states_hand_back_the_state_written():
    states = SpilledStates(budget=2)
    written = {"v": 2, "facet": "consignor", "mark": 5.0, "first": 1.0, "last": 5.0, "seen": {"e1": 1.0}, "events": {}}
    states["consignor:a"] = written
    states["consignor:b"] = {**written, "seen": {"e2": 2.0}}
    assert states.on_disk == 1 and list(states.memory) == ["consignor:b"]
    assert states.get("consignor:a") == written  # back from disk, now the most recently used
    assert list(states.memory) == ["consignor:a"] and states.on_disk == 1
    assert states.get("consignor:c") is None
    states.close()


def test_spilled_states_weigh_a_state_changed_in_place_as_it_is_now():
    # The replay changes its states in place (ObservationReplay, copy=False): a state set again after it grew must
    # count at its new weight, not leave the total at the weight it had when first set (the budget would drift).
    states = SpilledStates(budget=1_000)
    state = {"v": 2, "facet": "consignor", "mark": 1.0, "first": 1.0, "last": 1.0, "seen": {"e1": 1.0}, "events": {}}
    states["consignor:a"] = state
    state["seen"].update({f"e{i}": float(i) for i in range(2, 40)})
    states["consignor:a"] = state
    assert states.weight == SpilledStates._weight(state) == 40
    states["consignor:b"] = {**state, "seen": {"x": 1.0}}
    assert states.weight == 40 + 2
    states.close()


def test_spilled_states_remove_their_directory_when_rocksdb_could_not_open_in_it(monkeypatch):
    import rocksdict

    def refuse(path, options=None):
        raise OSError("no space left on device")

    monkeypatch.setattr(rocksdict, "Rdict", refuse)
    states = SpilledStates(budget=1)
    written = {"v": 2, "facet": "consignor", "mark": 1.0, "first": 1.0, "last": 1.0, "seen": {}, "events": {}}
    states["consignor:a"] = written
    with pytest.raises(OSError):
        states["consignor:b"] = written  # past the budget: the first state goes to disk, which fails
    directory = states._directory
    assert directory is not None and os.path.exists(directory)
    states.close()
    assert not os.path.exists(directory)


def test_state_is_bounded_by_the_window_and_keys_expire(screener):
    config = IntelligenceConfig.from_settings(screener.settings)
    state = None
    for i in range(60):
        message = observe(screener, make_consignment(f"e{i}", 1 + (i % 28), kg(1), hour=i % 24))[0]
        message["obs"]["t"] += (i // 28) * 40 * 86400  # months apart
        state = apply_observation(state, message, config).state
    horizon = config.window_s + config.lateness_s
    assert all(state["mark"] - e["t"] <= horizon for e in state["events"].values())
    assert len(state["events"]) < 60 and len(state["seen"]) == len(state["events"])
    assert not is_expired(state, state["mark"], config)
    assert is_expired(state, state["mark"] + config.memory_s + 1, config)


def test_a_busy_key_keeps_its_newest_events_within_a_bound(screener, monkeypatch):
    # A consignee with thousands of consignments within a window (a distributor, or a flood in its name):
    # its state is written as one record and walked per observation, so it keeps the newest only.
    monkeypatch.setattr(intelligence, "MAX_ITEMS_PER_KEY", 40)
    monkeypatch.setattr(intelligence, "MAX_SEEN_PER_KEY", 60)
    config = IntelligenceConfig.from_settings(screener.settings)
    message = observe(screener, make_consignment("e0", 1, kg(1)))[0]
    state = None
    for i in range(200):
        copy = orjson.loads(orjson.dumps(message))
        copy["obs"]["event_id"], copy["obs"]["t"] = f"e{i}", message["obs"]["t"] + 60 * i
        state = apply_observation(state, copy, config).state
    assert len(state["events"]) <= 40 and len(state["seen"]) <= 60
    assert "e199" in state["events"] and "e0" not in state["events"]  # the newest are kept
    assert set(state["events"]) <= set(state["seen"])


def test_a_key_keeps_the_leads_of_its_newest_events_only_each_with_its_long_texts_cut(screener, monkeypatch):
    # A lead (an event's most severe item, to write a later follow-up flag for it) of texts near the
    # 1000-character cut would be several kilobytes: cut shorter, and kept for the newest events only.
    monkeypatch.setattr(intelligence, "MAX_LEADS_PER_KEY", 8)
    long = "x" * 5000
    events = [
        make_consignment(f"e{i:02d}", 1 + i, kg(1, {**PAA, "description": long}), consignor=(long, "CN"))
        for i in range(20)
    ]
    config = IntelligenceConfig.from_settings(screener.settings)
    state = None
    for message in observe(screener, *events):
        if message["facet"] == "consignee":
            state = apply_observation(state, message, config).state
    leads = {event_id: e["l"] for event_id, e in state["events"].items() if "l" in e}
    assert len(state["events"]) == 20 and 0 < len(leads) <= 8
    assert set(leads) == {f"e{i:02d}" for i in range(20 - len(leads), 20)}  # the newest
    for lead in leads.values():
        assert (
            len(orjson.dumps(lead)) < 3000
            and long[: intelligence.LEAD_CUT_CHARS] + " ... [cut: " in lead[5]["description"]
        )
    # Encoded and decoded (the table, SpilledStates), the leads are what they were.
    assert intelligence.decode_state(intelligence.encode_state(state))["events"] == state["events"]


def test_a_lead_cut_short_keeps_its_structure_whole(screener):
    # A long lead has its texts cut (MAX_LEAD_BYTES), but not the structure a follow-up flag names: a
    # SMILES cut to 100 characters with a marker after it is no molecule, and the flag would name none.
    long_mask = {"smiles": "CC(=O)C(C(=O)O" + "C" * 110 + ")c1ccccc1", "description": "x" * 5000}
    events = [
        make_consignment("m0", 1, kg(5, long_mask), consignee=("Other GmbH", "DE000000001")),
        make_consignment("m1", 20, kg(5, long_mask), consignor=("y" * 5000, "CN")),  # the newest: a long lead
    ]
    own = next(o for o in observe(screener, events[1]) if o["facet"] == "substance")["obs"]["items"][0]
    assert len(own["substance"]["smiles"]) > intelligence.LEAD_CUT_CHARS
    for order in (events, events[::-1]):
        [(flag, _)] = signals(run(screener, *order)[0], "REPEAT_MASK")
        assert flag.event_id == "m1" and " ... [cut: " in flag.declared["description"]  # its texts are cut
        assert (flag.substance.smiles, flag.substance.inchikey) == (
            own["substance"]["smiles"],
            own["substance"]["inchikey"],
        )


def test_a_lead_kept_before_the_transport_gained_a_field_is_passed_over_not_a_dead_letter(screener, monkeypatch):
    # A lead keeps the transport as a list in TRANSPORT_FIELDS order (the schema's fields). States live for
    # the trader memory (400 days): once the schema adds a field, a lead kept before has one value fewer,
    # and writing a flag for it must not make the observation that completes the signal unreadable.
    events = [
        make_consignment("m0", 20, kg(5, NOVEL_BMK_MASK)),  # the newest sighting, kept first
        make_consignment("m1", 1, kg(5, NOVEL_BMK_MASK), consignee=("Other GmbH", "DE000000001")),
    ]
    config = IntelligenceConfig.from_settings(screener.settings)
    first, second = (next(m for m in observe(screener, e) if m["facet"] == "substance") for e in events)
    state = apply_observation(None, first, config).state
    monkeypatch.setattr(intelligence, "TRANSPORT_FIELDS", (*intelligence.TRANSPORT_FIELDS, "added_later"))
    outcome = apply_observation(state, second, config)
    [flag] = [f for f in outcome.flags if f.signals[0].code == "REPEAT_MASK"]
    # written for the new event's item, as when the other event keeps no lead
    assert flag.event_id == "m1" and flag.signals[0].event_ids == ["m1", "m0"]


def test_flooding_a_key_with_lines_of_one_chemical_does_not_trim_its_older_lots(screener, monkeypatch):
    # A lot, then declarations of many small lines each (over the key's item bound), then a second lot:
    # the flood's lines merge into one lot per declaration, and the first lot is still summed.
    monkeypatch.setattr(intelligence, "MAX_ITEMS_PER_KEY", 40)
    flood = [make_consignment(f"flood{i}", 2, *(kg(0.1) for _ in range(30))) for i in range(3)]
    events = [make_consignment("e0", 1, kg(60)), *flood, make_consignment("e1", 3, kg(60))]
    flags, _ = run(screener, *events)
    [(_, signal)] = signals(flags, "SPLIT_SHIPMENT")
    assert signal.event_ids[0] == "e0" and signal.event_ids[-1] == "e1"
    assert "flood0" in signal.event_ids


def test_an_event_dated_far_ahead_of_the_clock_does_not_expire_every_key(screener):
    # Key expiry measures against the newest event time seen: one event dated 9999 would make every
    # other key a thousand years old. The clock bounds how far ahead of it that time is believed.
    config = IntelligenceConfig.from_settings(screener.settings)
    state = apply_observation(None, observe(screener, make_consignment("e1", 1, kg(1)))[0], config).state
    wall_clock = state["mark"] + 3600
    year_9999 = datetime(9999, 12, 31, tzinfo=UTC).timestamp()
    assert not is_expired(state, expiry_mark(year_9999, wall_clock), config)
    assert expiry_mark(state["mark"], wall_clock) == state["mark"]
    assert is_expired(state, expiry_mark(state["mark"] + config.memory_s + 1, wall_clock + config.memory_s), config)


class _Table(dict):
    pass


def test_pending_states_reach_the_table_only_on_commit(screener):
    table = _Table()
    states = PendingStates(table)
    config = IntelligenceConfig.from_settings(screener.settings)
    out = []
    for message in observe(screener, make_consignment("e0", 1, kg(60)), make_consignment("e1", 2, kg(60))):
        flags, status = intelligence_step(orjson.dumps(message), message["key"].encode(), states, config)
        assert status == "counted"
        out.extend(flags)
    assert not table and any(b"SPLIT_SHIPMENT" in m.value for m in out)
    states.commit()
    assert b"consignee:eori:NL000000001" in table
    # Re-delivered after the commit: duplicates, nothing new.
    again = PendingStates(table)
    message = observe(screener, make_consignment("e1", 2, kg(60)))[0]
    assert intelligence_step(orjson.dumps(message), None, again, config) == ([], "duplicate")


@pytest.mark.parametrize("value", [b"", b"[]", b'{"facet": "consignee"}', b'{"facet": "galaxy", "key": "x"}'])
def test_unreadable_observation_is_reported(screener, value):
    with pytest.raises(ObservationUnreadable):
        intelligence_step(value, None, PendingStates({}), IntelligenceConfig.from_settings(screener.settings))


# Commodity chemicals of the curated dictionary that resemble precursors (a family) or hydrolyse to a
# Category 2 one: legitimate, whoever imports them and however often.
LOOK_ALIKES = [
    {"smiles": "CC(C=O)Cc1ccc2c(c1)OCO2", "name": "helional"},
    {"cas": "51-03-6", "description": "piperonyl butoxide"},
    {"name": "piperine"},
    {"name": "methyl anthranilate"},
    {"smiles": "CCOC(=O)Cc1ccccc1", "name": "ethyl phenylacetate"},
]


@pytest.mark.parametrize("look_alike", LOOK_ALIKES, ids=lambda item: item.get("name") or item["description"])
def test_a_legitimate_look_alike_seen_twice_raises_no_repeat_mask(screener, look_alike):
    events = [
        make_consignment("l0", 1, kg(5, look_alike)),
        make_consignment("l1", 20, kg(5, look_alike), consignee=("Other GmbH", "DE000000001")),
    ]
    messages = observe(screener, *events)
    assert not any(m["facet"] == "substance" for m in messages)
    assert not any(item["novel"] for m in messages for item in m["obs"]["items"])
    assert not signals(
        replay_observations(messages, IntelligenceConfig.from_settings(screener.settings))[0], "REPEAT_MASK"
    )


def test_a_novel_mask_seen_twice_raises_repeat_mask_once_per_new_sighting(screener):
    events = [
        make_consignment(f"m{i}", 1 + 5 * i, kg(5, NOVEL_BMK_MASK), consignee=(f"Buyer {i} GmbH", f"DE00000000{i}"))
        for i in range(3)
    ]
    flags, _ = run(screener, *events)
    assert [f.event_id for f, _ in signals(flags, "REPEAT_MASK")] == ["m1", "m2"]


def test_a_declaration_of_many_lines_of_one_subject_is_weighed_once_per_facet(screener, monkeypatch):
    # 999 lines of one chemical were weighed line by line, each raising a signal whose links each searched
    # the 999 lines again: seconds per event, a stall of the stateful stage (seventeenth session's attack).
    events = [make_consignment(f"e{i}", 1 + i, *(kg(3) for _ in range(30))) for i in range(2)]
    messages = observe(screener, *events)
    weighed = []
    real = intelligence.windows_holding
    monkeypatch.setattr(intelligence, "windows_holding", lambda *a: weighed.append(a) or real(*a))
    flags, _ = replay_observations(messages, IntelligenceConfig.from_settings(screener.settings))
    assert signals(flags, "SPLIT_SHIPMENT")  # two declarations of 30 lines of 3 kg: 180 kg, each 90 kg
    assert len(weighed) <= len(messages)


def test_states_are_weighed_by_their_goods_lines_too():
    # a new trader's one declaration of 999 lines is one event but 999 lots: weighed by events alone, a file
    # of such traders held every state in memory under the budget (seventeenth session's attack)
    states = SpilledStates(budget=100)
    try:
        for n in range(3):
            items = [[line, 1.0, ["EU1-BMK"], [], None] for line in range(1, 61)]
            states[f"consignor:{n}"] = {
                "v": 2, "facet": "consignor", "mark": 1.0, "first": 1.0, "last": 1.0,
                "seen": {f"e{n}": 1.0}, "events": {f"e{n}": {"t": 1.0, "d": f"d{n}", "items": items}},
            }  # fmt: skip
        assert states.on_disk >= 1 and states.weight <= 100 + 62
        assert states.get("consignor:0")["events"]["e0"]["items"][0] == [1, 1.0, ["EU1-BMK"], [], None]
    finally:
        states.close()
