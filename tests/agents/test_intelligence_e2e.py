"""The stateful signals against the embedded broker and real workers: scenarios end to end, and a
SIGKILL in the middle of their windows with the in-memory and the RocksDB table store (state
recovered from the changelog; no follow-up flag lost, none doubled)."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

import orjson
import pytest

from devtools.generate import SCENARIO_START, Generator, stateful_scenarios
from devtools.local import free_port
from pipeline.decode import decode_lines
from pipeline.intelligence import IntelligenceConfig, observation_entries, replay_observations
from pipeline.intelligence_observe import load_routes, observation_dicts, observe_event
from pipeline.settings import Settings
from tests.agents.conftest import (
    Worker,
    consume,
    consume_to_end,
    follow_up_ids,
    kill_mid_stream,
    settled_flags,
    split_stream,
    wait_until,
    with_env,
)
from tests.factories import make_screener


def write_events(path, events) -> None:
    path.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in events))


# Screening under wall-clock budgets is what a loaded machine can change (an unmasking cut short finds
# no mask): generous budgets here and in the workers, so that what differs is what the kill changes.
BUDGETS = {"unmask_time_budget_s": 10.0, "event_time_budget_s": 120.0}


def offline_follow_ups(path):
    """The follow-up flags of a file's events applied in file order (what one partition delivers)."""
    return replay_observations(offline_observations(path), IntelligenceConfig.from_settings(Settings()))[0]


def follow_ups(messages) -> list[dict]:
    return [f for f in map(orjson.loads, (m.value for m in messages)) if f.get("follow_up_of")]


def observation_counts(worker: Worker) -> dict[str, float]:
    counts = {}
    for line in worker.metrics().splitlines():
        if line.startswith("precwatch_observations_total{"):
            outcome = line.split('outcome="')[1].split('"')[0]
            counts[outcome] = float(line.split()[-1])
    return counts


def test_stateful_scenarios_end_to_end_with_a_late_and_a_duplicate_event(pipeline_env, tmp_path):
    events = [event for event, _ in stateful_scenarios("e2e")]
    split_3 = next(e for e in events if e["event_id"] == "e2e-split-3")
    # A re-delivered event (same id, same declaration: it follows its original on one partition) and
    # an amendment of the same declaration dated seven weeks earlier: older than the window (30 days)
    # and the allowed lateness (48 h) before the newest event of its keys.
    late = {**split_3, "event_id": "e2e-split-late", "occurred_at": "2026-09-20T09:00:00Z"}
    events += [split_3, late]
    stream = tmp_path / "scenarios.jsonl"
    write_events(stream, events)

    worker = Worker(pipeline_env, tmp_path / "worker.log").start()
    try:
        assert with_env(pipeline_env, ["produce", str(stream)]) == 0
        wanted = {"SPLIT_SHIPMENT", "SYNTHESIS_KIT", "NEW_TRADER", "REPEAT_MASK", "SUPPLIER_CHANGE"}

        def complete(ms) -> bool:
            codes = [s["code"] for f in follow_ups(ms) for s in f["signals"]]
            return set(codes) >= wanted and codes.count("SPLIT_SHIPMENT") >= 2

        flags = follow_ups(consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", complete, 90))
        deadline = time.monotonic() + 20
        while observation_counts(worker).get("late", 0) < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        counts = observation_counts(worker)
    finally:
        worker.stop()
    by_code: dict[str, list[dict]] = {}
    for flag in flags:
        for signal in flag["signals"]:
            by_code.setdefault(signal["code"], []).append(signal)
    splits = sorted(tuple(s["event_ids"]) for s in by_code["SPLIT_SHIPMENT"])
    assert splits == [("e2e-front-1", "e2e-front-2"), ("e2e-split-1", "e2e-split-2", "e2e-split-3")]
    [kit] = by_code["SYNTHESIS_KIT"]
    assert kit["event_ids"] == ["e2e-kit-1", "e2e-kit-2"]
    # Written for the BMK glycidate (high on its own), whichever of the two the partitions delivered last.
    [kit_flag] = [f for f in flags if f["signals"][0]["code"] == "SYNTHESIS_KIT"]
    assert (kit_flag["event_id"], kit_flag["severity"]) == ("e2e-kit-1", "critical")
    [mask] = by_code["REPEAT_MASK"]
    assert mask["event_ids"] == ["e2e-mask-1", "e2e-mask-2"]
    assert by_code["SUPPLIER_CHANGE"][0]["event_ids"][-1] == "e2e-regular-4"
    assert all("e2e-split-late" not in s["event_ids"] for s in by_code["SPLIT_SHIPMENT"])
    # The duplicate is counted once per facet it was written under, and the late one is left out.
    assert counts.get("duplicate", 0) >= 1 and counts.get("late", 0) >= 1
    assert len({f["flag_id"] for f in flags}) == len({(f["event_id"], f["item_line"], f["summary"]) for f in flags})


def kill_stream(tmp_path, copies: int, background: int):
    """Scenario copies (parties of their own, a day apart) among generated background events, in
    event time order, so that windows are open all along the stream."""
    generated = [event for event, _ in Generator(seed=31, id_prefix="bg").events(background)]
    for n, event in enumerate(generated):  # spread the background over the scenarios' weeks
        event["occurred_at"] = (SCENARIO_START + timedelta(minutes=20 * n)).isoformat().replace("+00:00", "Z")
    scripted = [
        event
        for copy in range(copies)
        for event, _ in stateful_scenarios(f"c{copy}", SCENARIO_START + timedelta(days=copy), party_tag=copy)
    ]
    events = sorted(generated + scripted, key=lambda e: (e["occurred_at"], e["event_id"]))
    stream = tmp_path / "stream.jsonl"
    write_events(stream, events)
    return stream


@pytest.mark.parametrize("store", ["memory", "rocksdb"])
def test_sigkill_mid_window_loses_and_doubles_no_follow_up_flag(pipeline_env, tmp_path, store):
    # One partition: the stateful stage sees the events in file order, so the offline replay gives
    # exactly the follow-up flags (ids included) the stream must produce.
    env = {**pipeline_env, "PRECWATCH_PARTITIONS": "1", "PRECWATCH_TABLE_STORE": store}
    env.update({f"PRECWATCH_{name.upper()}": str(value) for name, value in BUDGETS.items()})
    env["PRECWATCH_GROUP_ID"] += "-one"
    for name in ("TRANSACTIONS", "FLAGS", "OBSERVATIONS"):
        env[f"PRECWATCH_TOPIC_{name}"] += "-one"
    from streaming.kafka import ensure_topics

    ensure_topics(Settings.from_env(env))
    stream = kill_stream(tmp_path, copies=20, background=2000)
    expected = {f.flag_id for f in offline_follow_ups(stream)}
    assert len(expected) > 100
    # The first worker is sent the first third of the stream (windows are open all along it, past it
    # too), paced so that the kill finds events still arriving; the rest is sent after the kill.
    before, after = split_stream(stream, 1 / 3)
    assert len(offline_follow_ups(before)) < 0.8 * len(expected)

    first_log = tmp_path / "worker-1.log"
    at_kill = kill_mid_stream(env, before, after, first_log, 500, follow_up_ids, "follow-up flag")
    killed_at = len(follow_up_ids(at_kill))
    assert 0 < killed_at < 0.8 * len(expected), f"the kill must land mid-stream ({killed_at} of {len(expected)})"

    second = Worker(env, tmp_path / "worker-2.log").start()
    try:
        everything = settled_flags(env, len(stream.read_bytes().splitlines()), 300)
    finally:
        second.stop()
    produced = follow_ups(everything)
    # A signal is one (code, facet, party or substance, subject) raised on these events; the flag ids
    # are those of an uninterrupted run unless the kill split the publication of one event's
    # observations (docs/intelligence.md, "Recovery"), so losses and doubles are counted per signal.
    offline = [f.model_dump(mode="json") for f in offline_follow_ups(stream)]
    wanted, got = identities(offline), identities(produced)
    lost, extra = set(wanted) - set(got), set(got) - set(wanted)
    doubled = {k: v for k, v in got.items() if len(v) > len(wanted.get(k, ()))}
    where = (lost, offline, produced, everything, env, [first_log, second.log_path])
    assert not lost, f"{len(lost)} signals lost after SIGKILL ({store})\n" + explain_signals(*where)
    assert not extra, f"{len(extra)} signals not in an uninterrupted run ({store})\n" + explain_signals(
        extra, *where[1:]
    )
    # Each signal is one flag in an uninterrupted run: one consignee's two consignments of
    # 1-phenyl-2-nitropropene (in the generated background since the eighteenth session's data) raised
    # three SPLIT_SHIPMENT flags in it, one per subject (the entry, amphetamine, the nitrostyrene family),
    # until the subjects of the same goods became one flag (nineteenth session: ``one_per_goods``).
    assert all(len(ids) == 1 for ids in wanted.values()), {k: v for k, v in wanted.items() if len(v) > 1}
    # A double is a flag more than that run wrote for the signal.
    assert not doubled, f"{len(doubled)} signals doubled under other flag ids ({store})\n" + explain_signals(
        set(doubled), *where[1:]
    )
    assert len({f["flag_id"] for f in produced} & expected) >= 0.95 * len(expected)


def explain_signals(keys, offline, produced, everything, env, logs) -> str:
    """What a failed comparison needs to be understood without a rerun (the SIGKILL test failed once
    in CI's full run and never on its own): per signal, the events the uninterrupted run and the
    stream raised it on, the screening flags the stream wrote for those events (severity, and notes
    of budgets cut short) and how often their observations are on the topic; then the workers' logs."""
    observations, _ = consume_to_end(env, "PRECWATCH_TOPIC_OBSERVATIONS", 60)
    obs_events = Counter(
        (entry["obs"]["event_id"], entry["facet"]) for m in observations for entry in observation_entries(m.value)
    )
    screening = [f for f in map(orjson.loads, (m.value for m in everything)) if not f.get("follow_up_of")]
    lines = []
    for key in sorted(keys, key=str)[:12]:
        events = {
            "offline": sorted({f["event_id"] for f in offline if _has_identity(f, key)}),
            "stream": sorted({f["event_id"] for f in produced if _has_identity(f, key)}),
        }
        lines.append(f"- {key}: {events}")
        for event_id in sorted(set(events["offline"]) | set(events["stream"])):
            flags = [
                (f["severity"], "budget" in orjson.dumps(f).decode()) for f in screening if f["event_id"] == event_id
            ]
            facets = {facet: n for (e, facet), n in obs_events.items() if e == event_id}
            lines.append(f"    {event_id}: screening flags (severity, budget note) {flags}; observations {facets}")
    tails = [f"--- {path.name} ---\n" + path.read_text(errors="replace")[-2500:] for path in logs if path.exists()]
    return "\n".join(lines + tails)


def _has_identity(flag: dict, key: tuple) -> bool:
    return key in identities([flag])


def identities(flags) -> dict[tuple, set[str]]:
    """signal identity -> the flag ids that carry it."""
    out: dict[tuple, set[str]] = {}
    for flag in flags:
        flag = flag if isinstance(flag, dict) else flag.model_dump(mode="json")
        facet = flag["summary"].rsplit("(", 1)[-1].split(";")[0]
        party = flag["consignor"] if facet == "consignor" else flag["consignee"]
        for signal in flag["signals"]:
            subject = flag["substance"]["inchikey"] if signal["code"] in ("REPEAT_MASK", "SPLIT_SHIPMENT") else None
            which = flag["event_id"] if signal["code"] == "REPEAT_MASK" else None
            key = (
                signal["code"],
                facet,
                party.get("eori") or f"{party['name']}|{party.get('country')}",
                subject,
                which,
            )
            out.setdefault(key, set()).add(flag["flag_id"])
    return out


def order_free_identities(flags) -> Counter:
    """What a run raises whatever order its events reach the stateful stage in (docs/intelligence.md,
    "What does not depend on the arrival order"): each split and kit by its flag id (a hash of the events
    it rests on), each repeat-mask sighting by its substance and rank, each new party once. SUPPLIER_CHANGE
    is judged against the consignments that arrived before it, so it is left out."""
    out: Counter = Counter()
    unique = {f["flag_id"]: f for f in (f if isinstance(f, dict) else f.model_dump(mode="json") for f in flags)}
    for flag in unique.values():
        [signal] = flag["signals"]
        facet = flag["summary"].rsplit("(", 1)[-1].split(";")[0]
        party = flag["consignor"] if facet == "consignor" else flag["consignee"]
        who = party.get("eori") or f"{party['name']}|{party.get('country')}"
        if signal["code"] in ("SPLIT_SHIPMENT", "SYNTHESIS_KIT"):
            out[(signal["code"], flag["flag_id"])] += 1
        elif signal["code"] == "REPEAT_MASK":
            out[(signal["code"], flag["substance"]["inchikey"], len(signal["event_ids"]))] += 1
        elif signal["code"] == "NEW_TRADER":
            out[(signal["code"], facet, who)] += 1
    return out


def observations_applied(worker: Worker) -> float:
    return sum(observation_counts(worker).values()) if worker.alive() else 0.0


def test_a_worker_joining_and_leaving_mid_window_hands_the_table_over(pipeline_env, tmp_path):
    # Two partitions, two workers in one group: the second joins after the first third of the stream
    # (it takes a partition, and that partition's table state from the changelog) and leaves after the
    # second (the first takes it back). Windows of the scenario copies are open across both moves.
    env = {**pipeline_env, **{f"PRECWATCH_{name.upper()}": str(value) for name, value in BUDGETS.items()}}
    stream = kill_stream(tmp_path, copies=10, background=1000)
    lines = stream.read_bytes().splitlines(keepends=True)
    parts = []
    for n, (start, end) in enumerate(
        [(0, len(lines) // 3), (len(lines) // 3, 2 * len(lines) // 3), (2 * len(lines) // 3, None)]
    ):
        parts.append(tmp_path / f"part-{n}.jsonl")
        parts[-1].write_bytes(b"".join(lines[start:end]))
    # The observation messages of each third (one per facet key: how many tell when it is applied), and
    # the follow-up flags of the whole stream in file order.
    observations = [offline_observations(part) for part in parts]
    applied = [len(messages) for messages in observations]
    offline = replay_observations(sum(observations, []), IntelligenceConfig.from_settings(Settings()))[0]
    expected = order_free_identities(offline)
    assert {key[0] for key in expected} == {"SPLIT_SHIPMENT", "SYNTHESIS_KIT", "REPEAT_MASK", "NEW_TRADER"}

    first = Worker(env, tmp_path / "worker-1.log").start()
    second = Worker(
        {**env, "PRECWATCH_METRICS_PORT": str(free_port()), "PRECWATCH_DATA_DIR": str(tmp_path / "data-2")},
        tmp_path / "worker-2.log",
    )
    try:
        assert with_env(env, ["produce", str(parts[0])]) == 0
        wait_until(
            lambda: observations_applied(first) >= applied[0], 180, "the first third applied by the first worker"
        )
        second.start()
        assert with_env(env, ["produce", str(parts[1])]) == 0
        wait_until(
            lambda: observations_applied(first) + observations_applied(second) >= sum(applied[:2]),
            180,
            "the second third applied by the two workers",
        )
        assert observations_applied(second) > 0  # it owned a partition, and that partition's keys
        second.stop()  # leaves the group: its partition and table state go back to the first worker
        assert with_env(env, ["produce", str(parts[2])]) == 0
        everything = settled_flags(env, len(lines), 300)
    finally:
        first.stop()
        second.stop()
    got = order_free_identities(follow_ups(everything))
    lost, extra = expected - got, got - expected
    print(f"rebalance: {sum(expected.values())} signals offline, {len(lost)} lost, {len(extra)} extra or doubled")
    assert not lost, f"{len(lost)} signals lost in the rebalances: {sorted(lost)[:5]}"
    assert not extra, f"{len(extra)} signals doubled or not in the offline run: {sorted(extra)[:5]}"


def offline_observations(path) -> list[dict]:
    screener = make_screener(**BUDGETS)
    messages = []
    with path.open("rb") as fh:
        for _, decoded in decode_lines(fh):
            screened = screener.screen_event_items(decoded.event)
            observation = observe_event(
                decoded.event, screened, load_routes(), screener.watchlist.version, screener.structure_identity
            )
            messages.extend(observation_dicts(observation) if observation else [])
    return messages


def test_a_seeded_trader_history_is_learnt_by_the_worker_without_flags(pipeline_env, tmp_path):
    """`precwatch intelligence seed` into a running worker: the history raises no flag, and the live
    stream after it finds its traders known (no NEW_TRADER) and its lots in the windows (a kit)."""
    from tests.factories import make_consignment
    from tests.pipeline.test_intelligence import BMK, METHYLAMINE, kg

    def events(*consignments):
        return [c.model_dump(mode="json") for c in consignments]

    history, live = tmp_path / "history.jsonl", tmp_path / "live.jsonl"
    write_events(history, events(make_consignment("h0", 1, kg(5, BMK))))  # Acme's first BMK: new then
    newco = ("Newco B.V.", "NL000000077")
    write_events(
        live,
        events(
            make_consignment("l0", 10, kg(5, BMK)),  # Acme again: known from the history
            make_consignment("l1", 11, kg(5, BMK), consignee=newco),  # a party the history never saw
            make_consignment("l2", 12, kg(5, METHYLAMINE)),  # completes a kit with the BMK lots
        ),
    )
    worker = Worker(pipeline_env, tmp_path / "worker.log").start()
    try:
        assert with_env(pipeline_env, ["intelligence", "seed", str(history)]) == 0
        assert with_env(pipeline_env, ["produce", str(live)]) == 0

        def complete(ms) -> bool:
            codes = {(f["event_id"], s["code"]) for f in follow_ups(ms) for s in f["signals"]}
            return {("l1", "NEW_TRADER"), ("l2", "SYNTHESIS_KIT")} <= codes

        consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", complete, 90)
        time.sleep(3)  # anything else the same batches raised has been published by now
        messages = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: False, 5)
    finally:
        worker.stop()
    assert not [m for m in messages if orjson.loads(m.value)["event_id"] == "h0"]  # the history is no news
    raised = follow_ups(messages)
    new = [(f["event_id"], f["summary"]) for f in raised for s in f["signals"] if s["code"] == "NEW_TRADER"]
    assert [event for event, _ in new] == ["l1"] and "(consignee;" in new[0][1]
    [kit] = [s for f in raised for s in f["signals"] if s["code"] == "SYNTHESIS_KIT"]
    assert kit["event_ids"] == ["h0", "l0", "l2"]  # the history's lot is in the window
