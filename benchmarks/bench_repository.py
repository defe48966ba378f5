"""The repository stage's cost on the worker's event loop, without a broker.

    python benchmarks/bench_repository.py [--events 20000] [--repeat 5]

Screens a generated stream offline, packs its sightings as the screening stage does (one message per
partition of 4), then times ``record_sightings`` over them in batches of the worker's batch size,
with the state kept as JSON bytes as in the worker's table. Reports the best of --repeat runs, in µs per
sighting, next to the floor any repository stage pays (reading each sighting's JSON and writing it
again), and the size of a substance's state once it remembers the default number of sighting ids.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chemistry.watchlist import load_watchlist  # noqa: E402
from devtools.generate import Generator  # noqa: E402
from pipeline.batch import process_batch  # noqa: E402
from pipeline.messages import InMessage  # noqa: E402
from pipeline.repository import RepositoryLimits, SubstanceAggregate, parse_time, record_sightings  # noqa: E402
from pipeline.screening import Screener  # noqa: E402
from pipeline.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    events = [orjson.dumps(event) for event, _ in Generator(seed=11).events(args.events)]
    screener = Screener(load_watchlist(), settings)
    batches = []
    for start in range(0, len(events), settings.batch_size):
        chunk = [
            InMessage(v, None, "t", 0, start + i) for i, v in enumerate(events[start : start + settings.batch_size])
        ]
        result = process_batch(chunk, screener, partitions={"sightings": 4})
        batches.append([m for m in result.out if m.role == "sightings"])
    sightings = sum(len(orjson.loads(m.value)) for batch in batches for m in batch)
    limits = RepositoryLimits.from_settings(settings)

    def stage() -> None:
        store: dict = {}
        for batch in batches:
            record_sightings(batch, store, limits)

    def floor() -> None:
        for batch in batches:
            for m in batch:
                for record in orjson.loads(m.value):
                    parse_time(record["seen_at"])
                    orjson.dumps(record)

    def best(work) -> float:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        return min(times)

    stage_s, floor_s = best(stage), best(floor)
    print(f"{args.events} events, {sightings} sightings in {len(batches)} batches of {settings.batch_size} events")
    print(f"repository stage: {stage_s / sightings * 1e6:.1f} µs per sighting ({sightings / stage_s:,.0f}/s)")
    print(f"floor (read and write each sighting's JSON): {floor_s / sightings * 1e6:.1f} µs per sighting")

    one = orjson.loads(batches[0][0].value)[0]
    aggregate = SubstanceAggregate(None, limits)
    for n in range(limits.remembered_sightings):
        aggregate.add({**one, "event_id": f"hot-{n}"}, parse_time(one["seen_at"]))
    print(
        f"state of a substance remembering {limits.remembered_sightings} sighting ids: "
        f"{len(orjson.dumps({'record': aggregate.record, 'seen': list(aggregate.seen)})):,} bytes (its repository record: "
        f"{len(orjson.dumps(aggregate.current_record())):,} bytes)"
    )


if __name__ == "__main__":
    main()
