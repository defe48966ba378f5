"""What two jobs' children could save by sharing first-sight work, without processes: the chunks of a
file screened in this one process by two Screeners taking chunks in turn (as `precwatch screen --jobs 2`
hands ranges out), noting each first-sight computation, what it cost, and whether the other Screener had
done the same computation at least LAG chunks before (a result published by one child could have
reached the other by then):

    python benchmarks/bench_shared_first_sight.py FILE [--lag 1 --lag 2] [--chunk-lines 1000]

Kinds of first-sight work counted (process time of each computation):

- "declarations": an item's chemistry worked out (Screener.item_chemistry when nothing is remembered
  for it: resolving, analysing, findings, declaration signals, weights); "of them quiet": those with no
  finding and no declaration signal (their flag-mode verdict is "no flag", a fact one bit long);
- "SMILES re-spellings": a SMILES string parsed for its drawing key when the Screener already knew the
  drawing (pipeline/caches.py StructureMemo; the key is a string, so it could be shared as text).

A shared result saves at most the CPU reported; what sharing costs (writing, reading, looking up) is not
counted. Each Screener's own total is reported for scale. The output is not compared (only counted).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import screening  # noqa: E402
from pipeline.caches import StructureMemo, tune_collector_for_batch_screening  # noqa: E402
from pipeline.chunks import LinesChunk, screen_lines  # noqa: E402
from pipeline.decode import json_lines, read_lines  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.watchlist_file import load_watchlist_from  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--lag", type=int, action="append", help="chunks between done there and needed here (default 1, 2)"
    )
    parser.add_argument("--chunk-lines", type=int, default=1000)
    args = parser.parse_args()
    lags = args.lag or [1, 2]
    settings = Settings.from_env()
    watchlist = load_watchlist_from(settings.watchlist_path)
    tune_collector_for_batch_screening()
    screeners = [screening.Screener(watchlist, settings), screening.Screener(watchlist, settings)]
    now = datetime.now(UTC)
    with open(args.file, "rb") as handle:
        lines = list(json_lines(read_lines(handle)))
    chunks = [lines[i : i + args.chunk_lines] for i in range(0, len(lines), args.chunk_lines)]

    current = {"who": 0, "chunk": 0}
    # kind -> list of (who, chunk, key, seconds); first[kind][who][key] = chunk where ``who`` first did it
    done: dict[str, list[tuple[int, int, object, float]]] = {"declarations": [], "quiet": [], "re-spellings": []}
    first: dict[str, list[dict]] = {kind: [{}, {}] for kind in done}

    def note(kind: str, key: object, seconds: float) -> None:
        who, chunk = current["who"], current["chunk"]
        done[kind].append((who, chunk, key, seconds))
        first[kind][who].setdefault(key, chunk)

    item_chemistry = screening.Screener.item_chemistry

    def timed_item_chemistry(self, item):
        found = self.remembered_chemistry(item, parse=True)  # as item_chemistry does first
        if found is not None:  # remembered (maybe under another spelling): no declaration worked out
            return found
        started = time.process_time()
        chemistry = item_chemistry(self, item)
        seconds = time.process_time() - started
        key = screening.item_memo_key(item)
        note("declarations", key, seconds)
        if chemistry.quiet:
            note("quiet", key, seconds)
        return chemistry

    get_or_compute = StructureMemo.get_or_compute
    known_drawings: list[set[str]] = [set(), set()]

    def timed_get_or_compute(self, raw, compute):
        if not raw.startswith("S:") or self._cache.get(("structure", raw)) is not None:
            return get_or_compute(self, raw, compute)
        who = current["who"]
        started = time.process_time()
        value = get_or_compute(self, raw, compute)
        seconds = time.process_time() - started
        drawing = value[2]
        if drawing is not None:
            if drawing in known_drawings[who]:  # a re-spelling: only the parse and the drawing key were computed
                note("re-spellings", raw, seconds)
            known_drawings[who].add(drawing)
        return value

    screening.Screener.item_chemistry = timed_item_chemistry
    StructureMemo.get_or_compute = timed_get_or_compute
    totals = [0.0, 0.0]
    for index, chunk in enumerate(chunks):
        who = index % 2
        current["who"], current["chunk"] = who, index
        started = time.process_time()
        screen_lines(LinesChunk(str(args.file), chunk), screeners[who], now)
        totals[who] += time.process_time() - started
    print(f"{len(lines)} lines in {len(chunks)} chunks; screening CPU-s per Screener: {totals[0]:.2f}, {totals[1]:.2f}")
    labels = {"declarations": "declarations", "quiet": "  of them quiet", "re-spellings": "SMILES re-spellings"}
    for kind, label in labels.items():
        rows = done[kind]
        line = f"{label}: {len(rows)} computed, {sum(r[3] for r in rows):.2f} CPU-s"
        for lag in lags:
            shared = [r for r in rows if (c := first[kind][1 - r[0]].get(r[2])) is not None and c <= r[1] - lag]
            line += (
                f"; done by the other >= {lag} chunk(s) before: {len(shared)}, {sum(r[3] for r in shared):.2f} CPU-s"
            )
        print(line)


if __name__ == "__main__":
    main()
