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
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_stream import (  # noqa: E402
    events_done,
    expected_flags,
    latency_phase,
    load,
    metric_sum,
    pct,
    topic_env,
)
from devtools.generate import Generator, stateful_scenarios  # noqa: E402
from devtools.local import free_port, start_broker, start_worker  # noqa: E402
from pipeline.intelligence import DAY_S, IntelligenceConfig, apply_observation  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from streaming.kafka import ensure_topics  # noqa: E402


def stream_lines(n: int) -> list[bytes]:
    lines = [orjson.dumps(e) for e, _ in Generator(seed=5).events(n)]
    return lines + [orjson.dumps(e) for e, _ in stateful_scenarios("bench")]


def observations_in(value: bytes) -> int:
    """Observations, not messages: a bundle (format 2, pipeline/intelligence_observe.py) holds several.
    Read here rather than with the stage's reader, so that this script also measures older commits."""
    message = orjson.loads(value)
    return len(message["facets"]) if "v" in message else 1


def outputs_expected(lines: list[bytes]) -> tuple[int, int]:
    """(observations, sighting records) the screening stage writes for these events."""
    from chemistry.watchlist import load_watchlist
    from pipeline.batch import process_batch
    from pipeline.messages import InMessage
    from pipeline.screening import Screener

    result = process_batch(
        [InMessage(v, None, "bench", 0, i) for i, v in enumerate(lines)],
        Screener(load_watchlist(), Settings()),
        partitions={"observations": 2, "flags": 2, "sightings": 2, "dead_letters": 2},
    )
    observations = sum(observations_in(m.value) for m in result.out if m.role == "observations")
    sightings = sum(len(orjson.loads(m.value)) for m in result.out if m.role == "sightings")
    return observations, sightings


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_of(pids: dict[str, int]) -> dict[str, float]:
    return {name: cpu_seconds(pid) for name, pid in pids.items()}


def process_tree(broker: int, worker: int) -> dict[str, int]:
    """broker, worker and the worker's children (the screening process) by name."""
    try:
        children = [int(p) for p in Path(f"/proc/{worker}/task/{worker}/children").read_text().split()]
    except OSError:
        children = []
    return {"broker": broker, "worker": worker, **{f"child{i}": pid for i, pid in enumerate(children)}}


def drain(
    env: dict[str, str], n: int, observations: int, sightings: int, log: Path, broker_pid: int
) -> tuple[float, dict]:
    """Events/s from the first delivered batch until every event is screened, the information
    repository has recorded every sighting (in both modes: it runs in both, and a run that stopped
    before it caught up would leave part of its work out of one side) and, with the stateful layer,
    every observation is applied; and the CPU seconds each process spent meanwhile."""
    worker = start_worker(env, log, cwd=ROOT)
    url = f"http://127.0.0.1:{env['PRECWATCH_METRICS_PORT']}/metrics"
    first = last = None
    counted_at_first = 0.0
    pids: dict[str, int] = {}
    cpu_at_first: dict[str, float] = {}
    cpu: dict[str, float] = {}
    deadline = time.monotonic() + 900
    try:
        while time.monotonic() < deadline:
            done = events_done(env)
            now = time.monotonic()
            if done > 0 and first is None:
                first, counted_at_first = now, done
                pids = process_tree(broker_pid, worker.pid)
                cpu_at_first = cpu_of(pids)
            if (
                done >= n
                and metric_sum(url, "precwatch_repository_sightings_total") >= sightings
                and (not observations or metric_sum(url, "precwatch_observations_total") >= observations)
            ):
                last = now
                cpu = {k: v - cpu_at_first[k] for k, v in cpu_of(pids).items()}
                break
            time.sleep(0.05)
    finally:
        worker.terminate()
        worker.wait(20)
    if first is None or last is None:
        raise RuntimeError(f"the worker did not finish; see {log}")
    return (n - counted_at_first) / max(last - first, 1e-9), cpu


def run_stream(args) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="precwatch-bench-stateful-"))
    port = free_port()
    broker = start_broker(port, log_path=workdir / "broker.log")
    url = f"kafka://127.0.0.1:{port}"
    lines = stream_lines(args.events)
    observations, sightings = outputs_expected(lines)
    expected_flags(lines)  # warms nothing in the worker; keeps the offline check's cost out of the runs
    rounds: dict[str, list[float]] = {"disabled": [], "enabled": []}
    cpus: dict[str, list[dict]] = {"disabled": [], "enabled": []}
    latencies: dict[str, list[float]] = {}
    try:
        for _ in range(args.repeat):
            for mode in ("disabled", "enabled"):  # alternated, so that drift on the machine hits both
                env = {**topic_env(url), "PRECWATCH_STATEFUL_SIGNALS": str(mode == "enabled").lower()}
                settings = Settings.from_env(env)
                ensure_topics(settings)
                load(settings, lines)
                rate, cpu = drain(
                    env,
                    len(lines),
                    observations if mode == "enabled" else 0,
                    sightings,
                    workdir / f"{mode}.log",
                    broker.pid,
                )
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
            env = {**topic_env(url), "PRECWATCH_STATEFUL_SIGNALS": str(mode == "enabled").lower()}
            ensure_topics(Settings.from_env(env))
            latencies[mode], _ = latency_phase(
                env, median["disabled"] / 2, args.latency_seconds, workdir / f"lat-{mode}.log"
            )
    finally:
        broker.terminate()
        broker.wait(10)
    print(
        f"events: {len(lines)} ({args.events} generated + scripted scenarios), {observations} observations, "
        "2 partitions, one worker, embedded broker"
    )
    for mode in ("disabled", "enabled"):
        values = rounds[mode]
        print(
            f"  stateful {mode:8s}: {median[mode]:8,.0f} events/s (median of {len(values)}; "
            f"{min(values):,.0f}-{max(values):,.0f})"
        )
    print(f"  cost of the stateful layer: {1 - median['enabled'] / median['disabled']:.0%} of throughput")
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
        outcome = apply_observation(orjson.loads(raw) if raw else None, message, config)
        if outcome.status == "counted":
            states[key] = orjson.dumps(outcome.state)
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
