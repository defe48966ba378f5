"""The reference of issue 11's speed target: a naive fingerprint checker on one core, beside `precwatch screen`.

    python benchmarks/bench_naive_checker.py [--events 100000] [--seed 11] [--jobs N] [--repeat 1]

The target reads "at least 30,000 items/s per core, so that two cores screen at least twice as fast as
a naive fingerprint checker does on one". Items/s depend on the machine (the same code has given 19,000
and 31,000 items/s one job on this project's shared machine), so the second half is measured here on
the same machine, in turn, from the same generated file (`precwatch generate --seed 11`):

- **naive**: a separate process that reads the file line by line with orjson, parses each item's
  SMILES with RDKit (items without one cannot be checked and are passed), takes the watchlist's Morgan
  fingerprint (radius 2, 2,048 bits, as the watchlist's similarity tier) and writes one JSON line per
  item whose best Tanimoto similarity to a watchlist entry is at least 0.7. No validation, no names,
  CAS numbers, salts, unmasking, families, signals or explanations, and no cache: what a first attempt
  would be. Its start-up (RDKit and the watchlist's fingerprints from a file of SMILES) is counted.
- **screen**: `precwatch screen FILE --jobs N` (default every core), as `bench_screen_file.py` runs it.

Reports items/s of each and the ratio screen(N jobs) / naive(1 core). Both are whole commands timed by
the wall clock, with their CPU seconds (user + system of the process and its children).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_screen_file import (  # noqa: E402
    parse_benchmark_arguments,
    run_screen,
    run_timed,
    write_generated_events,
)

# The checker runs as its own process from this text, so that it imports nothing of the project.
NAIVE_CHECKER = r"""
import sys, orjson
from rdkit import Chem, DataStructs, RDLogger
from rdkit.Chem import rdFingerprintGenerator
RDLogger.DisableLog("rdApp.*")
generator = rdFingerprintGenerator.GetMorganGenerator(radius=2, fpSize=2048)
names, prints = [], []
for line in open(sys.argv[1]):
    name, smiles = line.rstrip("\n").split("\t")
    mol = Chem.MolFromSmiles(smiles)
    if mol is not None:
        names.append(name)
        prints.append(generator.GetFingerprint(mol))
items = 0
with open(sys.argv[2], "rb") as events, open(sys.argv[3], "wb") as out:
    for raw in events:
        event = orjson.loads(raw)
        for item in event["items"]:
            items += 1
            smiles = item.get("smiles")
            if not smiles:
                continue
            mol = Chem.MolFromSmiles(smiles)
            if mol is None:
                continue
            scores = DataStructs.BulkTanimotoSimilarity(generator.GetFingerprint(mol), prints)
            best = max(range(len(scores)), key=scores.__getitem__)
            if scores[best] >= 0.7:
                out.write(orjson.dumps({"event_id": event["event_id"], "line": item["line"],
                                        "entry": names[best], "similarity": scores[best]}) + b"\n")
print(items)
"""


def run_naive(references: Path, events: Path, out: Path) -> dict:
    done, wall, cpu = run_timed([sys.executable, "-c", NAIVE_CHECKER, str(references), str(events), str(out)])
    return {"items": int(done.stdout.strip()), "wall": wall, "cpu": cpu}


def write_references(path: Path) -> int:
    from chemistry.watchlist import load_watchlist

    entries = [c.entry for c in load_watchlist().entries]
    path.write_text("".join(f"{e.id}\t{e.smiles}\n" for e in entries))
    return len(entries)


def main() -> None:
    args = parse_benchmark_arguments(__doc__, "rounds of (naive, screen with N jobs)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        events, references = write_generated_events(folder, args.events, args.seed), folder / "references.tsv"
        count = write_references(references)
        print(f"{args.events} generated events (seed {args.seed}); {count} watchlist entries; load {os.getloadavg()}")
        for round_ in range(args.repeat):
            naive = run_naive(references, events, folder / "naive.jsonl")
            screen = run_screen(events, args.jobs, folder / "flags.jsonl", folder / "dead.jsonl")
            naive_rate, screen_rate = naive["items"] / naive["wall"], screen["items"] / screen["wall"]
            print(
                f"round {round_ + 1}: naive checker, 1 core: {naive['items']} items in {naive['wall']:.2f} s "
                f"-> {naive_rate:,.0f} items/s ({naive['cpu']:.2f} CPU-s); precwatch screen, {args.jobs} jobs: "
                f"{screen['items']} items in {screen['wall']:.2f} s -> {screen_rate:,.0f} items/s, "
                f"{screen_rate / args.jobs:,.0f} per core ({screen['cpu']:.2f} CPU-s); "
                f"screen / naive = {screen_rate / naive_rate:.2f} (target: at least {args.jobs})"
            )


if __name__ == "__main__":
    main()
