"""The stateful signals do not depend on the order in which events arrive (pipeline/intelligence.py,
docs/intelligence.md "Event time, lateness, duplicates"): every arrival order of the bundled split,
kit, new-trader and repeat-mask scenarios — events days apart, re-deliveries anywhere — raises the
same signals with the same follow-up flag ids, each saying the same (the item it is written for, the most
severe of its events, its severity, score and related flags); NEW_TRADER, which names the consignment
that raised it, is raised once per new party whichever of its consignments that is."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devtools.generate import stateful_scenarios
from pipeline.intelligence import IntelligenceConfig, apply_observation
from pipeline.intelligence_observe import load_routes, observation_dicts, observe_event
from schemas.events import TransactionEvent
from tests.factories import make_screener

NOW = datetime(2026, 12, 1, tzinfo=UTC)
SCREENER = make_screener()
CONFIG = IntelligenceConfig.from_settings(SCREENER.settings)
# SUPPLIER_CHANGE (the "regular" consignee) is left out: a change is judged against the consignments
# that arrived before it, so it depends on the order (docs/intelligence.md).
SCENARIO = [
    TransactionEvent.model_validate(event)
    for event, _ in stateful_scenarios("order")
    if "-regular-" not in event["event_id"]
]


def _messages(event: TransactionEvent) -> list[dict]:
    screened = SCREENER.screen_event_items(event)
    observation = observe_event(event, screened, load_routes(), SCREENER.watchlist.version, SCREENER.structure_identity)
    return observation_dicts(observation) if observation else []


MESSAGES = [_messages(event) for event in SCENARIO]


def apply_in_order(order: list[int]) -> tuple[set[tuple], dict[str, int], dict[str, int]]:
    """(signals other than NEW_TRADER as (key, flag id, code, event ids, what the flag says: the event
    and item it is written for, severity, score, related flags), NEW_TRADER count per key, status
    counts) of the scenario's observations applied in this order of events."""
    states: dict[str, dict] = {}
    signals: set[tuple] = set()
    new_traders: dict[str, int] = {}
    counts: dict[str, int] = {}
    for index in order:
        for message in MESSAGES[index]:
            outcome = apply_observation(states.get(message["key"]), message, CONFIG, NOW)
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            if outcome.status == "counted":
                states[message["key"]] = outcome.state
            for flag in outcome.flags:
                [signal] = flag.signals  # one stateful signal per follow-up flag
                if signal.code == "NEW_TRADER":
                    new_traders[message["key"]] = new_traders.get(message["key"], 0) + 1
                else:
                    says = (flag.event_id, flag.item_line, flag.severity, flag.score, tuple(flag.related_flag_ids))
                    signals.add((message["key"], flag.flag_id, signal.code, tuple(signal.event_ids), says))
    return signals, new_traders, counts


def by_event_time() -> list[int]:
    return sorted(range(len(SCENARIO)), key=lambda i: (SCENARIO[i].occurred_at, SCENARIO[i].event_id))


IN_ORDER = apply_in_order(by_event_time())


def test_the_scenarios_in_event_time_order_raise_every_signal_they_are_written_for():
    signals, new_traders, counts = IN_ORDER
    assert {code for _, _, code, _, _ in signals} == {"SPLIT_SHIPMENT", "SYNTHESIS_KIT", "REPEAT_MASK"}
    assert new_traders and set(new_traders.values()) == {1} and counts == {"counted": sum(map(len, MESSAGES))}
    splits = sorted(events for _, _, code, events, _ in signals if code == "SPLIT_SHIPMENT")
    assert splits == [("order-front-1", "order-front-2"), ("order-split-1", "order-split-2", "order-split-3")]
    # The kit's follow-up is the BMK glycidate's (critical), not that of methylamine, which completes it.
    [kit] = [says for _, _, code, _, says in signals if code == "SYNTHESIS_KIT"]
    assert kit[:3] == ("order-kit-1", 1, "critical")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.permutations(range(len(SCENARIO))),
    again=st.lists(st.tuples(st.integers(0, len(SCENARIO) - 1), st.integers(0, len(SCENARIO))), max_size=4),
)
def test_every_arrival_order_raises_the_same_signals_with_the_same_ids(order, again):
    arrivals = list(order)
    for event, position in again:  # re-deliveries (same event id) anywhere in the stream
        arrivals.insert(position, event)
    signals, new_traders, counts = apply_in_order(arrivals)
    assert signals == IN_ORDER[0]
    assert new_traders == IN_ORDER[1]
    assert counts.get("late", 0) == 0
    assert counts.get("duplicate", 0) == sum(len(MESSAGES[event]) for event, _ in again)
