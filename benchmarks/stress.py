"""Hostile input through the whole pipeline: the embedded broker, one worker, its screening process.

    python benchmarks/stress.py [--hostile 3000] [--normal 1000] [--seed 11]

Publishes a seeded hostile corpus (byte-level mutations of real events, odd numbers and types,
generated identifiers, null and empty records, binary junk, records just under 1 MB, events
padded with many novel structures) mixed with normal generated events, waits until the worker has
accounted for every record, and reports: records in and out (events screened + dead letters),
dead letters by reason, the longest gap in the worker's progress while records were waiting (the
worst stall), the largest record produced, and the peak memory (VmHWM) of the worker and its
screening process. The run fails when a record is not accounted for or an output is over 1 MiB.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.generate import Generator  # noqa: E402
from devtools.local import free_port, isolated_env, start_broker, start_worker, wait_ready  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from streaming.kafka import client_config, ensure_topics  # noqa: E402

MAX_RECORD_BYTES = 1_048_576
NOVEL_PIECES = ["C", "CC", "N", "O", "c1ccccc1", "C(=O)", "OC", "Cl", "C1CC1", "S"]


def hostile_corpus(n: int, seed: int) -> list[bytes | None]:
    rng = random.Random(seed)
    real = [json.dumps(e).encode() for e, _ in Generator(seed=seed, id_prefix="stress-real").events(200)]
    out: list[bytes | None] = []
    for i in range(n):
        kind = i % 8
        base = bytearray(rng.choice(real))
        if kind == 0:  # byte-level mutation
            for _ in range(rng.randint(1, 6)):
                at = rng.randrange(len(base))
                base[at] = rng.randrange(256)
            out.append(bytes(base))
        elif kind == 1:  # odd numbers and types in the first item
            event = json.loads(base)
            event["items"][0][rng.choice(["line", "quantity", "net_mass_kg", "smiles", "cas"])] = rng.choice(
                [float("nan"), float("inf"), 10**30, -1, "", [], {"a": 1}, True, None]
            )
            out.append(json.dumps(event, allow_nan=True).encode())
        elif kind == 2:  # generated identifiers
            event = json.loads(base)
            event["items"][0] = {
                "line": 1,
                "smiles": "".join(rng.choice(NOVEL_PIECES + ["(", ")", "[Zn]", "*", "[2H]", "1"]) for _ in range(30)),
                "cas": f"{rng.randrange(10**7)}-{rng.randrange(100):02d}-{rng.randrange(10)}",
                "inchi": f"InChI=1S/{rng.randrange(1, 40000)}ClN",
            }
            out.append(json.dumps(event).encode())
        elif kind == 3:
            out.append(None if rng.random() < 0.5 else b"")
        elif kind == 4:
            out.append(bytes(rng.randrange(256) for _ in range(rng.randint(1, 200))))
        elif kind == 5:  # just under the 1 MB message limit, free text
            event = json.loads(base)
            event["items"][0]["description"] = "x" * 900_000
            out.append(json.dumps(event).encode())
        elif kind == 6:  # an event padded with novel structures (costly to screen)
            event = json.loads(base)
            event["items"] = [
                {"line": k + 1, "smiles": "".join(rng.choice(NOVEL_PIECES) for _ in range(12)) + "C(=O)OCC"}
                for k in range(rng.randint(50, 200))
            ]
            out.append(json.dumps(event).encode())
        else:
            out.append(bytes(base))  # a valid event
    return out


def metric(url: str, name: str) -> float:
    with urllib.request.urlopen(url, timeout=2) as r:
        lines = r.read().decode().splitlines()
    return sum(float(line.rsplit(" ", 1)[1]) for line in lines if line.startswith((name + "{", name + " ")))


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hostile", type=int, default=3000)
    parser.add_argument("--normal", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    from kafka import KafkaConsumer, KafkaProducer

    records = hostile_corpus(args.hostile, args.seed)
    records += [json.dumps(e).encode() for e, _ in Generator(seed=args.seed, id_prefix="stress").events(args.normal)]
    random.Random(args.seed).shuffle(records)
    workdir = Path(tempfile.mkdtemp(prefix="precwatch-stress-"))
    port = free_port()
    broker = start_broker(port, log_path=workdir / "broker.log")
    env = isolated_env(f"kafka://127.0.0.1:{port}", f"stress-{uuid.uuid4().hex[:8]}")
    settings = Settings.from_env(env)
    ensure_topics(settings)
    worker = start_worker(env, workdir / "worker.log", cwd=ROOT)
    url = f"http://127.0.0.1:{env['PRECWATCH_METRICS_PORT']}/metrics"
    try:
        if not wait_ready(url.removesuffix("/metrics"), worker, 90):
            raise SystemExit(f"worker not ready; see {workdir / 'worker.log'}")
        # Generous timeouts: on a loaded machine a record can wait in the producer longer than its
        # default 30 s, and one that expires would never reach the worker (the run would wait for it).
        producer = KafkaProducer(
            max_request_size=2_000_000,
            request_timeout_ms=300_000,
            delivery_timeout_ms=900_000,
            **client_config(settings),
        )
        sent = [
            producer.send(settings.topic_transactions, key=str(i % 97).encode(), value=value)
            for i, value in enumerate(records)
        ]
        producer.flush()
        failed = [i for i, future in enumerate(sent) if future.failed()]
        producer.close()
        if failed:
            raise SystemExit(f"{len(failed)} records could not be produced (first: {sent[failed[0]].exception!r})")
        started = last_change = time.monotonic()
        done, worst_stall = 0.0, 0.0
        while done < len(records):
            now = time.monotonic()
            if worker.poll() is not None or now - started > 900:
                raise SystemExit(f"not every record was accounted for ({done:.0f}/{len(records)}); see {workdir}")
            current = metric(url, "precwatch_events_consumed_total") + metric(url, "precwatch_dead_letters_total")
            if current > done:
                worst_stall = max(worst_stall, now - last_change)
                done, last_change = current, now
            time.sleep(0.05)
        elapsed = time.monotonic() - started
        screened = metric(url, "precwatch_events_consumed_total")
        reasons = {}
        with urllib.request.urlopen(url, timeout=2) as r:
            for line in r.read().decode().splitlines():
                if line.startswith("precwatch_dead_letters_total{"):
                    reasons[line.split('"')[1]] = int(float(line.rsplit(" ", 1)[1]))
        largest = 0
        consumer = KafkaConsumer(
            settings.topic_flags,
            settings.topic_dead_letters,
            settings.topic_repository,
            settings.topic_repository_sightings,
            group_id=None,
            auto_offset_reset="earliest",
            consumer_timeout_ms=3000,
            **client_config(settings),
        )
        for message in consumer:
            largest = max(largest, len(message.value or b"") + len(message.key or b""))
        consumer.close()
        children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
        memory = {"worker": peak_memory_mb(worker.pid)}
        if children:
            memory["screening process"] = peak_memory_mb(int(children[0]))
        print(f"records in: {len(records)} ({args.hostile} hostile, {args.normal} normal)")
        print(
            f"accounted for: {screened:.0f} events screened + {sum(reasons.values())} dead letters in {elapsed:.1f} s"
        )
        print(f"dead letters by reason: {dict(sorted(reasons.items()))}")
        print(f"worst stall (no progress while records waited): {worst_stall:.2f} s")
        print(f"largest output record: {largest} bytes (limit {MAX_RECORD_BYTES})")
        print("peak memory (VmHWM): " + ", ".join(f"{k} {v:.0f} MB" for k, v in memory.items()))
        ok = screened + sum(reasons.values()) == len(records) and largest < MAX_RECORD_BYTES
        print("OK" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        worker.terminate()
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
        broker.terminate()
        broker.wait(10)


if __name__ == "__main__":
    sys.exit(main())
