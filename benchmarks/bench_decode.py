"""What decoding costs per event, and what the duplicate-key check adds to it.

    python benchmarks/bench_decode.py [--events 4000] [--seed 5] [--repeat 7]

On generated realistic events (`precwatch generate`), written as orjson and as Python's json.dumps
write them, times per event (best of ``--repeat`` rounds): the schema's validation alone (what decoding
was before the check), validation as decoding does it (``validate_event_json``: the quick classes,
the schema for what they refuse), the cheap count that rules a repeated key out (``may_repeat_a_key``), the
exact check (``find_duplicate_key``, a second parse) and ``decode_event`` as a whole; and how many
events the count could not clear (they pay for the exact check). Times are CPU time of this process
(time.process_time), which other load on a shared machine disturbs less than wall time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orjson

from devtools.generate import Generator
from pipeline.decode import decode_event, find_duplicate_key, may_repeat_a_key, validate_event_json
from schemas.events import TransactionEvent


def report(writer: str, lines: list[bytes], repeat: int) -> None:
    parsed = [TransactionEvent.model_validate_json(line) for line in lines]
    pairs = list(zip(lines, parsed, strict=True))
    steps = {
        "validation alone": lambda: [TransactionEvent.model_validate_json(line) for line in lines],
        "validation as decoding does it (quick classes)": lambda: [validate_event_json(line) for line in lines],
        "count that rules a repeat out": lambda: [may_repeat_a_key(line, event) for line, event in pairs],
        "exact check (second parse)": lambda: [find_duplicate_key(line) for line in lines],
        "decode_event (validation + check)": lambda: [decode_event(line) for line in lines],
    }
    uncleared = sum(may_repeat_a_key(line, event) for line, event in pairs)
    size = sum(map(len, lines)) / len(lines)
    print(f"{writer}: {len(lines)} events, {size:.0f} bytes each; the count cleared {len(lines) - uncleared}")
    for name, step in steps.items():
        best = min(timeit.repeat(step, number=1, repeat=repeat, timer=time.process_time)) / len(lines) * 1e6
        print(f"  {name}: {best:.1f} µs/event")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    events = [e for e, _ in Generator(seed=args.seed).events(args.events)]
    for writer, dump in (("orjson", orjson.dumps), ("json.dumps", lambda e: json.dumps(e).encode())):
        report(writer, [dump(e) for e in events], args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
