"""End-to-end streaming benchmark through the embedded broker, side by side in one run:

  pipeline  - the precursor-watch worker (Faust, screening, flags/sightings/dead letters out)
  (a) noop  - a Faust agent that does nothing, same broker, topic layout and profile (the stack's ceiling)
  (b) raw   - a raw aiokafka consume -> produce loop (the physical ceiling)

    python benchmarks/bench_stream.py [--events 40000] [--repeat 3] [--latency-seconds 10] [--warm W]

Throughput: N realistic generated events are loaded into the input topic first; each consumer then
drains them; events/s = events done / time between the first and the N-th (for the pipeline: between
the first and the last delivered batch, polled from its metrics every 50 ms). The three runs are
repeated --repeat times on fresh topics and the medians reported (the 2-core machine is noisy). Latency: events are then
produced at half the pipeline's measured maximum rate with occurred_at = send time; latency is the
flag's Kafka timestamp minus occurred_at, for every flag raised (about one per six events); the events
are sent with aiokafka so that the load generator keeps pace. One worker process, 2 partitions. The
run fails if the pipeline's flag count differs from the offline screening of the same events.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.generate import Generator  # noqa: E402
from devtools.local import free_port, isolated_env, start_broker, start_worker, wait_ready  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from streaming.kafka import client_config, ensure_topics  # noqa: E402


def topic_env(broker: str) -> dict[str, str]:
    return isolated_env(broker, f"bench-{uuid.uuid4().hex[:8]}")


def load(settings: Settings, lines: list[bytes]) -> None:
    from kafka import KafkaProducer

    producer = KafkaProducer(linger_ms=5, batch_size=65536, **client_config(settings))
    for raw in lines:
        producer.send(settings.topic_transactions, key=orjson.loads(raw)["declaration_id"].encode(), value=raw)
    producer.flush()
    producer.close()


def metric(url: str, name: str) -> float:
    try:
        with urllib.request.urlopen(url, timeout=1) as r:
            for line in r.read().decode().splitlines():
                if line.startswith(name + " "):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def events_done(env: dict[str, str]) -> float:
    """Events the worker has screened. Polled 20 times a second, so the scrape asks for this one
    counter: a full exposition would put its own CPU cost on the worker's cores ((a) and (b) are not
    scraped at all)."""
    name = "precwatch_events_consumed_total"
    return metric(f"http://127.0.0.1:{env['PRECWATCH_METRICS_PORT']}/metrics?name[]={name}", name)


def metric_sum(url: str, name: str) -> float:
    """Sum of all series of a metric (all label values)."""
    with urllib.request.urlopen(url, timeout=2) as r:
        lines = r.read().decode().splitlines()
    return sum(float(line.rsplit(" ", 1)[1]) for line in lines if line.startswith((name + "{", name + " ")))


def expected_flags(lines: list[bytes]) -> int:
    """Flags the offline screening raises for the same events: the pipeline must raise exactly these."""
    from chemistry.watchlist import load_watchlist
    from pipeline.batch import process_batch
    from pipeline.messages import InMessage
    from pipeline.screening import Screener

    result = process_batch(
        [InMessage(v, None, "bench", 0, i) for i, v in enumerate(lines)], Screener(load_watchlist(), Settings())
    )
    return len(result.flags)


def run_pipeline_drain(
    env: dict[str, str], n: int, flags: int, log: Path, skip: int = 0
) -> tuple[float, subprocess.Popen]:
    """Events/s from the first delivered batch to the last: the worker counts events per batch, so the
    events of the first batch are not counted (their screening happened before the clock started).
    With ``skip``, the first ``skip`` events (a warm-up) are screened before the clock starts."""
    worker = start_worker(env, log, cwd=ROOT)
    url = f"http://127.0.0.1:{env['PRECWATCH_METRICS_PORT']}/metrics"
    first = last = None
    counted_at_first = 0.0
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        done = events_done(env)
        now = time.monotonic()
        if done > skip and first is None:
            first, counted_at_first = now, done
        if done >= skip + n:
            last = now
            break
        time.sleep(0.05)  # poll no faster than batches complete
    if first is None or last is None:
        raise RuntimeError(f"pipeline did not finish; see {log}")
    flagged = metric_sum(url, "precwatch_flags_total")
    if flagged != flags:  # a fast pipeline that skipped work would not count
        raise RuntimeError(f"the pipeline raised {flagged:.0f} flags, offline screening {flags}; see {log}")
    return (skip + n - counted_at_first) / max(last - first, 1e-9), worker


def run_noop(
    env: dict[str, str], n: int, workdir: Path, cpu_of: Callable[[int], float] | None = None
) -> tuple[float, float | None]:
    """Events/s of the do-nothing agent and, with ``cpu_of`` (pid -> CPU seconds), the CPU its
    process used from the first to the N-th event (sampled every 0.1 s)."""
    out = workdir / f"noop-{uuid.uuid4().hex[:6]}.txt"
    benv = {
        **os.environ,
        **env,
        "BENCH_TOPIC": env["PRECWATCH_TOPIC_TRANSACTIONS"],
        "BENCH_EVENTS": str(n),
        "BENCH_OUT": str(out),
        "BENCH_GROUP": f"noop-{uuid.uuid4().hex[:6]}",
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "faust", "-A", "benchmarks.noop_app", "worker", "-l", "warn", "--without-web"],
        env=benv,
        cwd=workdir,  # Faust keeps its local state in '<app id>-data' under the working directory
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    samples: list[tuple[float, float]] = []  # (wall clock, CPU seconds)
    try:
        deadline = time.monotonic() + 600
        while not out.exists() and time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the do-nothing Faust worker exited with code {proc.returncode}")
            if cpu_of is not None:
                samples.append((time.time(), cpu_of(proc.pid)))
            time.sleep(0.1)
        first, last = (float(x) for x in out.read_text().split())
        cpu = None
        if cpu_of is not None and samples:
            at_first = min(samples, key=lambda sample: abs(sample[0] - first))
            cpu = cpu_of(proc.pid) - at_first[1]
        return n / (last - first), cpu
    finally:
        proc.terminate()
        proc.wait(20)


async def run_raw(settings: Settings, n: int) -> float:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    config = client_config(settings)
    consumer = AIOKafkaConsumer(
        settings.topic_transactions, group_id=f"raw-{uuid.uuid4().hex[:6]}", auto_offset_reset="earliest", **config
    )
    producer = AIOKafkaProducer(linger_ms=5, **config)
    await consumer.start()
    await producer.start()
    seen = 0
    first = None
    try:
        while seen < n:
            batch = await consumer.getmany(timeout_ms=1000, max_records=5000)
            for records in batch.values():
                for record in records:
                    if first is None:
                        first = time.monotonic()
                    await producer.send(settings.topic_flags, key=record.key, value=record.value)
                    seen += 1
        await producer.flush()
        return n / (time.monotonic() - first)
    finally:
        await consumer.stop()
        await producer.stop()


async def paced_send(settings: Settings, prepared: list[tuple[bytes, bytes]], rate: float, marker: bytes) -> float:
    """Send at `rate` events/s, stamping occurred_at at send time; returns the rate achieved.

    aiokafka, not kafka-python: kafka-python's sender thread delivers only ~8k events/s here while
    the worker shares the cores, and its backlog would be counted as pipeline latency."""
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(linger_ms=1, **client_config(settings))
    await producer.start()
    try:
        start = time.monotonic()
        for i, (key, value) in enumerate(prepared):
            stamped = value.replace(marker, datetime.now(UTC).isoformat(timespec="microseconds").encode(), 1)
            await producer.send(settings.topic_transactions, stamped, key=key)
            delay = start + (i + 1) / rate - time.monotonic()
            if delay > 0.001:  # sleep in steps the event loop can time; the pace is kept on average
                await asyncio.sleep(delay)
        await producer.flush()
        return len(prepared) / (time.monotonic() - start)
    finally:
        await producer.stop()


def latency_phase(env: dict[str, str], rate: float, seconds: float, worker_log: Path) -> tuple[list[float], float]:
    """Produce at `rate` events/s with occurred_at = now; latency of every flag, and the rate
    actually offered."""
    from kafka import KafkaConsumer

    settings = Settings.from_env(env)
    worker = start_worker(env, worker_log, cwd=ROOT)
    try:
        if not wait_ready(f"http://127.0.0.1:{env['PRECWATCH_METRICS_PORT']}", worker, 60):
            raise RuntimeError(f"worker not ready; see {worker_log}")
        total = int(rate * seconds)
        # Generated beforehand so that the sender's own CPU use stays small; occurred_at is
        # stamped at send time by replacing a placeholder.
        placeholder = "2000-01-01T00:00:00.000000+00:00"
        prepared = []
        for event, _ in Generator(seed=99, id_prefix="latency").events(total):
            event["occurred_at"] = placeholder
            prepared.append((event["declaration_id"].encode(), orjson.dumps(event)))
        offered = asyncio.run(paced_send(settings, prepared, rate, placeholder.encode()))
        time.sleep(3)
        consumer = KafkaConsumer(
            settings.topic_flags,
            group_id=None,
            auto_offset_reset="earliest",
            consumer_timeout_ms=3000,
            **client_config(settings),
        )
        latencies = []
        for message in consumer:
            flag = orjson.loads(message.value)
            sent = datetime.fromisoformat(flag["occurred_at"]).timestamp()
            latencies.append(message.timestamp / 1000 - sent)
        consumer.close()
        return latencies, offered
    finally:
        worker.terminate()
        worker.wait(20)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=40000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the three throughput runs (medians)")
    parser.add_argument("--latency-seconds", type=float, default=10.0)
    parser.add_argument(
        "--warm",
        type=int,
        default=0,
        metavar="W",
        help="steady state: W other generated events (another seed) come first in every round; the "
        "pipeline's clock starts once they are screened (its caches then hold the common substances)",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="precwatch-bench-"))
    port = free_port()
    broker = start_broker(port, log_path=workdir / "broker.log")
    url = f"kafka://127.0.0.1:{port}"
    warm = [orjson.dumps(e) for e, _ in Generator(seed=6, id_prefix="warm").events(args.warm)] if args.warm else []
    lines = [orjson.dumps(e) for e, _ in Generator(seed=5).events(args.events)]
    flags = expected_flags(warm + lines)
    total = args.warm + args.events  # (a) and (b) drain all: they have no caches to warm
    rounds: dict[str, list[float]] = {"pipeline": [], "noop": [], "raw": []}
    try:
        for _ in range(args.repeat):
            env = topic_env(url)  # fresh topics each round: every consumer drains the same N events
            settings = Settings.from_env(env)
            ensure_topics(settings)
            load(settings, warm + lines)
            rate, worker = run_pipeline_drain(env, args.events, flags, workdir / "worker.log", skip=args.warm)
            worker.terminate()
            worker.wait(20)
            rounds["pipeline"].append(rate)
            rounds["noop"].append(run_noop(env, total, workdir)[0])
            rounds["raw"].append(asyncio.run(run_raw(settings, total)))
        median = {k: statistics.median(v) for k, v in rounds.items()}
        lat_env = topic_env(url)
        ensure_topics(Settings.from_env(lat_env))
        latencies, offered = latency_phase(
            lat_env, median["pipeline"] / 2, args.latency_seconds, workdir / "worker-lat.log"
        )
    finally:
        broker.terminate()
        broker.wait(10)

    def show(key: str) -> str:
        values = rounds[key]
        return f"{median[key]:8,.0f} events/s (median of {len(values)}; {min(values):,.0f}-{max(values):,.0f})"

    warmed = f", after a warm-up of {args.warm} other events" if args.warm else " (cold worker each round)"
    print(f"events: {args.events} realistic generated events{warmed}, 2 partitions, one worker, embedded broker")
    print(f"  pipeline (screen + flags/sightings/DLQ out): {show('pipeline')}")
    print(f"  (a) Faust agent doing nothing:               {show('noop')}")
    print(f"  (b) raw aiokafka consume -> produce:         {show('raw')}")
    ratios = [p / n for p, n in zip(rounds["pipeline"], rounds["noop"], strict=True)]
    print(
        f"  pipeline / (a): {median['pipeline'] / median['noop']:.0%} of medians "
        f"(per round {', '.join(f'{r:.0%}' for r in ratios)});   (a) / (b): {median['noop'] / median['raw']:.0%}"
    )
    if latencies:
        print(
            f"latency at {median['pipeline'] / 2:,.0f} events/s (half the pipeline maximum; offered {offered:,.0f}), "
            f"{len(latencies)} flags: p50 {pct(latencies, 0.5) * 1000:.0f} ms, p95 {pct(latencies, 0.95) * 1000:.0f} ms, "
            f"p99 {pct(latencies, 0.99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
