"""The first-time work of `precwatch screen` (one job): what no cache could answer, and its CPU.

    python benchmarks/bench_cold_path.py FILE [--split 50000]

Screens the events of FILE (JSON Lines, e.g. `precwatch generate 100000 --seed 11`) in this process as
one job does (pipeline/chunks.py screen_lines, chunks of 1,000 lines), the first ``--split`` events
then the rest, and reports per part: the CPU seconds of the pass and those spent (time.process_time
around the calls, so they include the measuring) in decoding, verdicts, first-seen declarations
(Screener.item_chemistry), parsing and keying new SMILES strings, standardising new drawings, analysing
structures, building flag pieces and flag documents; and what the input holds (count_first_sightings):
items declaring what no earlier item did, and how many of them only re-spell an earlier declaration's
SMILES (Screener.remembered_chemistry shares those).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import chemistry.resolve as resolve  # noqa: E402
import pipeline.chunks as chunks  # noqa: E402
import pipeline.flags as flags  # noqa: E402
from benchmarks.bench_screen_parts import calls, measured, spent  # noqa: E402
from chemistry.molecules import compute_drawing_key, parse_smiles  # noqa: E402
from chemistry.watchlist import load_watchlist  # noqa: E402
from pipeline.caches import tune_collector_for_batch_screening  # noqa: E402
from pipeline.decode import decode_line, json_lines, read_lines  # noqa: E402
from pipeline.screening import Screener, item_memo_key  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

PARTS = (
    "decode",
    "verdicts",
    "first-seen declarations (item_chemistry)",
    "  parse and sanitise a new SMILES string",
    "  drawing key of a new SMILES string",
    "  standardise a new drawing",
    "  analyse_standardised",
    "flag documents",
    "build flag pieces",
)
counts: Counter[str] = Counter()


def count_first_sightings(lines, seen: set[tuple]) -> None:
    """Counts of what the input holds, whatever the screener remembers: items whose declaration (its
    identifiers, CN code and description as written) no earlier item made; of them, those with a
    SMILES, and those whose SMILES draws what an earlier item's did with the same other fields."""
    counts.clear()
    drawings: dict[str, str | None] = {}
    for number, line in lines:
        event = decode_line(number, line, "count").event
        for item in event.items if event is not None else ():
            key = item_memo_key(item)
            if item.smiles and item.smiles not in drawings:
                mol, _ = parse_smiles(item.smiles)
                drawings[item.smiles] = compute_drawing_key(mol) if mol is not None else None
            drawing = drawings.get(item.smiles) if item.smiles else None
            by_drawing = ("drawing", drawing, *key[2:]) if drawing is not None else None
            if key not in seen:
                counts["declarations first seen (by their strings)"] += 1
                counts["  of them with a SMILES"] += bool(item.smiles)
                counts["  of them an earlier item's drawing and fields"] += (
                    by_drawing is not None and by_drawing in seen
                )
            seen.add(key)
            if by_drawing is not None:
                seen.add(by_drawing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--split", type=int, default=50_000)
    args = parser.parse_args()
    screener = Screener(load_watchlist(), Settings.from_env())
    screener.item_chemistry = measured("first-seen declarations (item_chemistry)", screener.item_chemistry)
    resolve.parse_smiles = measured("  parse and sanitise a new SMILES string", resolve.parse_smiles)
    resolve.compute_drawing_key = measured("  drawing key of a new SMILES string", resolve.compute_drawing_key)
    resolve.standardise_parsed = measured("  standardise a new drawing", resolve.standardise_parsed)
    screener.analyse_standardised = measured("  analyse_standardised", screener.analyse_standardised)
    flags.build_flag_pieces = measured("build flag pieces", flags.build_flag_pieces)
    chunks.decode_line = measured("decode", chunks.decode_line)
    screener.screen_event_verdicts = measured("verdicts", screener.screen_event_verdicts)
    screener.flag_document = measured("flag documents", screener.flag_document)
    tune_collector_for_batch_screening()
    now = datetime.now(UTC)
    with open(args.file, "rb") as handle:
        lines = list(json_lines(read_lines(handle)))
    seen: set[tuple] = set()
    for name, part in (("first", lines[: args.split]), ("rest", lines[args.split :])):
        count_first_sightings(part, seen)
        spent.clear()
        calls.clear()
        started, items = time.process_time(), 0
        for at in range(0, len(part), 1000):
            items += chunks.screen_lines(chunks.LinesChunk(args.file, part[at : at + 1000]), screener, now).items
        total = time.process_time() - started
        print(f"{name} {len(part)} events, {items} items: {total:.2f} CPU-s, {items / total:,.0f} items per CPU-second")
        for what in PARTS:
            seconds = spent[what]
            per_call = 1e6 * seconds / max(calls[what], 1)
            print(
                f"  {what:48s} {seconds:6.2f} s {100 * seconds / total:5.1f} % {calls[what]:7d} calls {per_call:6.1f} µs"
            )
        for what, count in counts.items():
            print(f"  {what:48s} {count:7d}")


if __name__ == "__main__":
    main()
