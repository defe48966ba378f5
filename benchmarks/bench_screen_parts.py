"""Where `precwatch screen`'s time goes, in this process: decoding, verdicts, flag documents, collector.

    python benchmarks/bench_screen_parts.py [--events 20000] [--seed 11] [--default-collector]

Generates the realistic mix (`precwatch generate --seed 11`), then screens it twice in this process as
one job of `precwatch screen` does (pipeline/chunks.py screen_lines: decode, verdicts, flag documents,
JSON lines): a first pass with every cache cold, a second with every cache warm (every declaration
met before). Per pass it reports the CPU seconds (time.process_time) of the whole pass and of each
part (measured around the calls, so the parts include the measuring), and the time the garbage
collector spent (gc.callbacks). The collector is tuned as `precwatch screen` tunes it
(pipeline/caches.py tune_collector_for_batch_screening) unless --default-collector is given.
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline.chunks as chunks  # noqa: E402
from chemistry.watchlist import load_watchlist  # noqa: E402
from devtools.generate import write_stream  # noqa: E402
from pipeline.decode import json_lines, read_lines  # noqa: E402
from pipeline.screening import Screener  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

spent: Counter[str] = Counter()  # CPU seconds per measured part (also benchmarks/bench_cold_path.py)
calls: Counter[str] = Counter()


def measured(name: str, function):
    """``function``, counting its calls and the CPU time they take under ``name``."""

    def call(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - started
            calls[name] += 1

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--default-collector", action="store_true")
    args = parser.parse_args()
    buffer = io.BytesIO()
    write_stream(args.events, buffer, seed=args.seed)
    buffer.seek(0)
    lines = list(json_lines(read_lines(buffer)))
    screener = Screener(load_watchlist(), Settings.from_env())
    if not args.default_collector:
        from pipeline.caches import tune_collector_for_batch_screening

        tune_collector_for_batch_screening()
    collecting = {"since": 0.0, "total": 0.0}

    def collector(phase: str, _info: dict) -> None:
        if phase == "start":
            collecting["since"] = time.perf_counter()
        else:
            collecting["total"] += time.perf_counter() - collecting["since"]

    gc.callbacks.append(collector)
    chunks.decode_line = measured("decode", chunks.decode_line)
    screener.screen_event_verdicts = measured("verdicts", screener.screen_event_verdicts)
    screener.flag_document = measured("flag documents", screener.flag_document)
    chunks.flag_json = measured("flag JSON", chunks.flag_json)
    now = datetime.now(UTC)
    for name in ("cold", "warm"):
        spent.clear()
        calls.clear()
        collecting["total"] = 0.0
        started = time.process_time()
        items = 0
        for start in range(0, len(lines), 1000):
            items += chunks.screen_lines(chunks.LinesChunk("bench", lines[start : start + 1000]), screener, now).items
        total = time.process_time() - started
        parts = ", ".join(f"{part} {seconds:.2f}" for part, seconds in spent.items())
        print(
            f"{name} pass: {items} items in {total:.2f} CPU-s ({items / total:,.0f} items per CPU-second); "
            f"{parts}; garbage collector {collecting['total']:.2f} s"
        )


if __name__ == "__main__":
    main()
