"""The stateful signals' cost, in two parts (docs/intelligence.md, "Figures"):

  stream - events/s and latency of the worker with the stateful layer disabled and enabled, side by
           side in one run on the same embedded broker (fresh topics each round, same events)
  state  - the tables' size: synthetic observations for T traders over D days applied to the pure
           stage (pipeline/intelligence.py); bytes of state per facet, per million events and per
           thousand traders, and how the window bounds it

    python benchmarks/bench_stateful.py stream [--events 20000] [--repeat 2] [--latency-seconds 10]
    python benchmarks/bench_stateful.py state [--events 1000000] [--traders 10000] [--days 120]

Throughput (stream): N generated events (plus the scripted stateful scenarios, so that every signal
fires) are loaded into the input topic first; events/s = events screened between the first and the
last delivered batch and until the information repository has recorded every sighting (both modes)
and, when enabled, the stateful stage has applied every observation.
Latency: events produced at half the disabled pipeline's rate with occurred_at = send time; latency =
a flag's Kafka timestamp minus occurred_at, over every flag (follow-up flags included when enabled).
CPU: seconds of CPU the broker, the worker and its screening process used over the same span (from
/proc, Linux): on a shared machine the wall-clock rate is the machine's share as much as the code's,
the CPU each part spent is not. The load average is printed with each round.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_stream import expected_flags, latency_phase, pct, topic_env  # noqa: E402
from benchmarks.worker_rounds import (  # noqa: E402
    drain,
    embedded_broker,
    loaded_topics,
    outputs_expected,
    report_off_and_on,
)
from devtools.generate import Generator, stateful_scenarios  # noqa: E402
from pipeline.intelligence import DAY_S, IntelligenceConfig, apply_observation, decode_state, encode_state  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from streaming.kafka import ensure_topics  # noqa: E402


def stream_lines(n: int) -> list[bytes]:
    lines = [orjson.dumps(e) for e, _ in Generator(seed=5).events(n)]
    return lines + [orjson.dumps(e) for e, _ in stateful_scenarios("bench")]


def run_stream(args) -> None:
    lines = stream_lines(args.events)
    observations, sightings = outputs_expected(lines)
    expected_flags(lines)  # warms nothing in the worker; keeps the offline check's cost out of the runs
    rounds: dict[str, list[float]] = {"disabled": [], "enabled": []}
    cpus: dict[str, list[dict]] = {"disabled": [], "enabled": []}
    latencies: dict[str, list[float]] = {}
    with embedded_broker("stateful") as broker:
        for _ in range(args.repeat):
            for mode in ("disabled", "enabled"):  # alternated, so that drift on the machine hits both
                env = loaded_topics(broker, lines, PRECWATCH_STATEFUL_SIGNALS=str(mode == "enabled").lower())
                outputs = {
                    "precwatch_repository_sightings_total": sightings,
                    "precwatch_observations_total": observations if mode == "enabled" else 0,
                }
                rate, cpu = drain(env, len(lines), outputs, broker.workdir / f"{mode}.log", broker.pid)
                rounds[mode].append(rate)
                cpus[mode].append(cpu)
                print(
                    f"  round {len(rounds[mode])}, stateful {mode:8s}: {rate:7,.0f} events/s, CPU s "
                    + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items())
                    + f"; load average {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
        median = {k: statistics.median(v) for k, v in rounds.items()}
        for mode in ("disabled", "enabled"):
            env = {**topic_env(broker.url), "PRECWATCH_STATEFUL_SIGNALS": str(mode == "enabled").lower()}
            ensure_topics(Settings.from_env(env))
            latencies[mode], _ = latency_phase(
                env, median["disabled"] / 2, args.latency_seconds, broker.workdir / f"lat-{mode}.log"
            )
    print(
        f"events: {len(lines)} ({args.events} generated + scripted scenarios), {observations} observations, "
        "2 partitions, one worker, embedded broker"
    )
    report_off_and_on("stateful", rounds, "the stateful layer")
    cpu_total = {mode: statistics.median(sum(c.values()) for c in cpus[mode]) for mode in cpus}
    print(
        f"  CPU seconds per 1,000 events (broker + worker + screening process, median): disabled "
        f"{cpu_total['disabled'] * 1000 / len(lines):.2f}, enabled {cpu_total['enabled'] * 1000 / len(lines):.2f} "
        f"(where CPU is the limit, the stateful layer costs {1 - cpu_total['disabled'] / cpu_total['enabled']:.0%} "
        "of throughput)"
    )
    for mode, values in latencies.items():
        if values:
            print(
                f"  latency, stateful {mode:8s} at {median['disabled'] / 2:,.0f} events/s, {len(values)} flags: "
                f"p50 {pct(values, 0.5) * 1000:.0f} ms, p99 {pct(values, 0.99) * 1000:.0f} ms"
            )


def synthetic_observations(events: int, traders: int, days: float, seed: int = 3):
    """Observation messages as the screening stage writes them, for ``traders`` consignees and as
    many consignors, spread evenly over ``days`` of event time, a realistic mix of subjects."""
    rng = random.Random(seed)
    subjects = [f"EU{c}-S{i}" for c in ("1", "2B", "3") for i in range(10)]
    start = 1.8e9
    for n in range(events):
        t = start + days * DAY_S * n / events
        consignee, consignor = rng.randrange(traders), rng.randrange(traders)
        subject = rng.choice(subjects)
        novel = rng.random() < 0.02
        item = {
            "line": 1,
            "flag_id": f"{n:032x}",
            "flagged": True,
            "severity": rng.choice(["info", "low", "medium", "high"]),
            "score": 0.3,
            "kg": round(rng.uniform(1, 200), 1),
            "subjects": [subject],
            "legal_kg": {},
            "names": {subject: subject},
            "components": [],
            "novel": novel,
            "substance": {
                "resolved_by": "smiles",
                "smiles": "C",
                "inchikey": f"NOVEL{rng.randrange(200)}",
                "name": None,
            },
            "declared": {"line": 1},
        }
        obs = {
            "event_id": f"syn-{n}",
            "declaration_id": f"D{n}",
            "occurred_at": "2027-01-15T00:00:00+00:00",
            "t": t,
            "kind": "import",
            "watchlist_version": "bench",
            "consignee": {"key": f"eori:NL{consignee:09d}", "name": f"Trader {consignee}", "country": "NL"},
            "consignor": {"key": f"eori:CN{consignor:09d}", "name": f"Supplier {consignor}", "country": "CN"},
            "transport": {"mode": rng.choice(["air", "sea"]), "dispatch_country": "CN", "destination_country": "NL"},
            "route": "CN>NL",
            "items": [item],
        }
        keys = [
            ("consignee", f"consignee:eori:NL{consignee:09d}"),
            ("name", f"name:trader {consignee}"),
            ("consignor", f"consignor:eori:CN{consignor:09d}"),
        ]
        if novel:
            keys.append(("substance", f"substance:{item['substance']['inchikey']}"))
        for facet, key in keys:
            yield {"facet": facet, "key": key, "obs": obs}


def run_state(args) -> None:
    config = IntelligenceConfig.from_settings(Settings())
    states: dict[str, bytes] = {}
    checkpoints = {args.events // 4, args.events // 2, 3 * args.events // 4, args.events}
    events_seen = 0
    started = time.perf_counter()
    last_event = None
    for message in synthetic_observations(args.events, args.traders, args.days):
        key = message["key"]
        raw = states.get(key)
        outcome = apply_observation(decode_state(raw) if raw else None, message, config)
        if outcome.status == "counted":
            states[key] = encode_state(outcome.state)
        if message["obs"]["event_id"] != last_event:
            last_event = message["obs"]["event_id"]
            events_seen += 1
            if events_seen in checkpoints:
                total = sum(len(k) + len(v) for k, v in states.items())
                print(
                    f"  after {events_seen:>9,} events ({args.days * events_seen / args.events:5.1f} days): "
                    f"{len(states):,} keys, {total / 1e6:7.1f} MB of state "
                    f"({total / len(states):,.0f} B per key)"
                )
    elapsed = time.perf_counter() - started
    total = sum(len(k) + len(v) for k, v in states.items())
    by_facet: dict[str, list[int]] = {}
    for key, value in states.items():
        by_facet.setdefault(key.split(":", 1)[0], []).append(len(key) + len(value))
    print(
        f"{args.events:,} synthetic events, {args.traders:,} consignees and {args.traders:,} consignors over "
        f"{args.days:g} days ({config.window_s / DAY_S:g}-day window), applied in {elapsed:.0f} s "
        f"({args.events / elapsed:,.0f} events/s, pure stage, one core)"
    )
    for facet, sizes in sorted(by_facet.items()):
        print(
            f"  {facet:10s}: {len(sizes):8,} keys, {sum(sizes) / 1e6:7.1f} MB, {statistics.mean(sizes):,.0f} B per key"
        )
    print(
        f"  state: {total / 1e6:.1f} MB = {total / args.events * 1e6 / 1e6:.1f} MB per million events, "
        f"{total / (2 * args.traders) * 1000 / 1e6:.2f} MB per thousand traders"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="part", required=True)
    stream = sub.add_parser("stream")
    stream.add_argument("--events", type=int, default=20000)
    stream.add_argument("--repeat", type=int, default=2)
    stream.add_argument("--latency-seconds", type=float, default=10.0)
    state = sub.add_parser("state")
    state.add_argument("--events", type=int, default=1_000_000)
    state.add_argument("--traders", type=int, default=10_000)
    state.add_argument("--days", type=float, default=120.0)
    args = parser.parse_args()
    run_stream(args) if args.part == "stream" else run_state(args)


if __name__ == "__main__":
    main()
