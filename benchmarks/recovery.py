"""How long a fresh worker takes to recover the substances table from its changelog, by table size.

This is what moves on a rebalance or a restart without local state (a Kubernetes pod's emptyDir): the
table partitions the worker is given are read back from the changelog topic before it screens
anything (Faust pauses every stream until recovery completes). For each size, on the embedded broker:

1. fresh topics (``precwatch topics`` plan), and ENTRIES records written straight to the changelog;
2. a worker with an empty data directory starts; one event is produced once it is ready;
3. reported: seconds from the worker's start to that event being screened, the worker's peak
   memory (VmHWM, without its screening process) and the load average.

The substances table lives in the worker's memory whatever the profile (PRECWATCH_TABLE_STORE applies
to the stateful signals' table, whose changelog stays empty here), so its peak memory grows with the
entries it recovers.

    python benchmarks/recovery.py --entries 0 200000 1000000

The difference to the 0-entry row is the recovery time; docs/operations.md (capacity model) quotes
the figures with this command. The embedded broker is not Apache Kafka: fetches are slower there.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools.local import free_port, isolated_env, start_broker, start_worker, stop_process, wait_ready  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from streaming.kafka import client_config  # noqa: E402
from streaming.topic_plan import CHANGELOG, create_planned_topics, topic_plan  # noqa: E402

EVENT = ROOT / "devtools" / "data" / "transactions.jsonl"


def substance_state() -> bytes:
    """The table's value for a substance seen once (pipeline/repository.py), from the example stream."""
    from chemistry.watchlist import load_watchlist
    from pipeline.batch import process_batch
    from pipeline.messages import InMessage
    from pipeline.repository import RepositoryLimits, record_sightings
    from pipeline.screening import Screener

    lines = [line for line in EVENT.read_bytes().splitlines()[:20] if line.strip()]
    screened = process_batch(
        [InMessage(v, None, "t", 0, i) for i, v in enumerate(lines)], Screener(load_watchlist(), Settings())
    )
    store: dict[str, bytes] = {}
    record_sightings([m for m in screened.out if m.role == "sightings"], store, RepositoryLimits())
    return next(iter(store.values()))


def fill_changelog(settings: Settings, topic: str, partitions: int, entries: int) -> float:
    """Write ``entries`` substance states (substance key -> state JSON) to the changelog; seconds taken."""
    from kafka import KafkaProducer

    started = time.monotonic()
    producer = KafkaProducer(linger_ms=20, batch_size=512 * 1024, acks=1, **client_config(settings))
    value = substance_state()
    for i in range(entries):
        producer.send(topic, key=f"STRUCTUREKEY-{i:012d}".encode(), value=value, partition=i % partitions)
    producer.flush()
    producer.close()
    return time.monotonic() - started


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def events_consumed(metrics_url: str) -> float:
    with urllib.request.urlopen(metrics_url + "/metrics", timeout=2) as response:
        for line in response.read().decode().splitlines():
            if line.startswith("precwatch_events_consumed_total "):
                return float(line.split()[1])
    return 0.0


def measure(entries: int, partitions: int) -> dict[str, float]:
    port = free_port()
    broker = start_broker(port)
    worker = None
    try:
        env = isolated_env(f"kafka://127.0.0.1:{port}", f"recovery-{uuid.uuid4().hex[:8]}", partitions)
        env["PRECWATCH_DATA_DIR"] = tempfile.mkdtemp(prefix="precwatch-recovery-")  # no local state
        settings = Settings.from_env(env)
        plan = topic_plan(settings)
        create_planned_topics(settings, plan)
        # The substances table's changelog; the stateful signals' table has one too, left empty here
        (changelog,) = [t.name for t in plan if t.role is CHANGELOG]
        fill_s = fill_changelog(settings, changelog, partitions, entries)
        metrics_url = f"http://127.0.0.1:{env['PRECWATCH_METRICS_PORT']}"
        log = Path(env["PRECWATCH_DATA_DIR"]) / "worker.log"
        started = time.monotonic()
        worker = start_worker(env, log, cwd=ROOT)
        if not wait_ready(metrics_url, worker, 1800):
            raise SystemExit("worker not ready:\n" + log.read_text()[-2000:])
        ready_s = time.monotonic() - started
        from kafka import KafkaProducer

        producer = KafkaProducer(**client_config(settings))
        producer.send(settings.topic_transactions, EVENT.read_bytes().splitlines()[0])
        producer.flush()
        producer.close()
        while events_consumed(metrics_url) < 1:
            if worker.poll() is not None:
                raise SystemExit("worker exited:\n" + log.read_text()[-2000:])
            time.sleep(0.05)
        return {
            "entries": entries,
            "fill_s": fill_s,
            "ready_s": ready_s,
            "first_event_s": time.monotonic() - started,
            "worker_peak_mb": peak_memory_mb(worker.pid),
            "load_1min": os.getloadavg()[0],
        }
    finally:
        if worker is not None:
            stop_process(worker, timeout_s=30)
        stop_process(broker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[0, 200_000, 1_000_000])
    parser.add_argument("--partitions", type=int, default=2)
    args = parser.parse_args()
    print(
        f"{'entries':>10} {'fill s':>8} {'ready s':>8} {'first event s':>14} {'worker peak MB':>15} {'load 1 min':>11}",
        flush=True,
    )
    for entries in args.entries:
        row = measure(entries, args.partitions)
        print(
            f"{row['entries']:>10} {row['fill_s']:>8.1f} {row['ready_s']:>8.1f} {row['first_event_s']:>14.1f} "
            f"{row['worker_peak_mb']:>15.0f} {row['load_1min']:>11.1f}",
            flush=True,
        )
    print(f"value size {len(substance_state())} bytes per entry; cpu count {os.cpu_count()}; embedded broker; ")
    print("shared machine: rerun rather than trust the digits")


if __name__ == "__main__":
    main()
