"""What first-sight work costs, stage by stage: the work a screener does the first time it meets a value.

    python benchmarks/bench_first_sight.py FILE [--events N] [--repeat 3]

Screens the first N events of FILE (JSON Lines, e.g. `precwatch generate 100000 --seed 11`) in this process
as one job does (pipeline/chunks.py screen_lines, chunks of 1,000 lines), with every first-sight stage
timed (time.process_time around the calls, so they include the measuring; nested stages are counted in
their callers too): new SMILES strings (parse and sanitise, drawing key), new drawings standardised, new
declarations (item_chemistry), resolutions, analyses and their methods, the declaration's words (dose
form, bulk pack, names in a description), declared signals, weighing, flag pieces and displays. Then, per
distinct structure analysed, it times each analysis method again on its own (best of --repeat passes, the
collector off), and each unmasking rule's template match over those structures: where a prefilter could
save anything. Timing only: nothing here is used by screening.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import chemistry.identifiers as identifiers  # noqa: E402
import chemistry.matching as matching  # noqa: E402
import chemistry.resolve as resolve  # noqa: E402
import pipeline.chunks as chunks  # noqa: E402
import pipeline.flags as flags  # noqa: E402
import pipeline.screening as screening  # noqa: E402
from benchmarks.bench_screen_parts import calls, measured, spent  # noqa: E402
from chemistry.watchlist import load_watchlist  # noqa: E402
from pipeline.caches import tune_collector_for_batch_screening  # noqa: E402
from pipeline.decode import json_lines, read_lines  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

# (module, function name, label): module-level functions, wrapped where the screener looks them up.
STAGES = (
    (resolve, "parse_smiles", "new SMILES string: parse and sanitise"),
    (resolve, "compute_drawing_key", "new SMILES string: drawing key"),
    (resolve, "standardise_parsed", "new drawing: standardise"),
    (screening, "resolve_item", "resolve_item (declared identifiers)"),
    (screening, "analyse_structure", "analyse_structure (new structure)"),
    (matching, "align_listed_tautomer", "  align_listed_tautomer"),
    (matching, "match_unmasking", "  match_unmasking"),
    (matching, "apply_rule", "    apply_rule"),
    (matching, "standardise_mol", "    standardise a product"),
    (matching, "match_family", "  match_family"),
    (matching, "match_similarity", "  match_similarity"),
    (screening, "analyse_salt_form", "analyse_salt_form"),
    (screening, "looks_systematic", "looks_systematic"),
    (identifiers, "find_dose_form", "find_dose_form"),
    (identifiers, "declares_bulk_pack", "declares_bulk_pack"),
    (screening, "systematic_names_in_text", "systematic_names_in_text"),
    (screening, "collect_findings", "collect_findings"),
    (screening, "collect_declared_signals", "collect_declared_signals"),
    (screening, "weigh_item_findings", "weigh_item_findings"),
    (flags, "build_flag_pieces", "build_flag_pieces"),
    (screening, "compute_inchikey", "display: InChIKey"),
    (screening, "smiles_with_atom_map", "display: SMILES with atom map"),
)
SCREENER_STAGES = (
    ("screen_event_verdicts", "verdicts"),
    ("item_chemistry", "new declarations (item_chemistry)"),
    ("parse_names_ahead", "OPSIN look-ahead (parse_names_ahead)"),
    ("flag_document", "flag documents"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    analysed: list = []
    for module, name, label in STAGES:
        setattr(module, name, measured(label, getattr(module, name)))
    analyse = screening.analyse_structure

    def capture(std, matcher):
        analysed.append(std)
        return analyse(std, matcher)

    screening.analyse_structure = capture
    screener = screening.Screener(load_watchlist(), Settings.from_env())
    for name, label in SCREENER_STAGES:
        setattr(screener, name, measured(label, getattr(screener, name)))
    with open(args.file, "rb") as handle:
        lines = list(islice(json_lines(read_lines(handle)), args.events))
    tune_collector_for_batch_screening()
    collections = {"since": 0.0, "seconds": 0.0, "count": 0}

    def collector(phase: str, _info: dict) -> None:
        if phase == "start":
            collections["since"] = time.process_time()
        else:
            collections["seconds"] += time.process_time() - collections["since"]
            collections["count"] += 1

    gc.callbacks.append(collector)
    now = datetime.now(UTC)
    started, items = time.process_time(), 0
    for at in range(0, len(lines), 1000):
        items += chunks.screen_lines(chunks.LinesChunk(args.file, lines[at : at + 1000]), screener, now).items
    total = time.process_time() - started
    gc.callbacks.remove(collector)
    print(f"{len(lines)} events, {items} items: {total:.2f} CPU-s, {items / total:,.0f} items per CPU-second")
    print(
        f"  garbage collector: {collections['count']} collections, {collections['seconds']:.2f} CPU-s (in the stages below)"
    )
    labels = [label for _, label in SCREENER_STAGES] + [label for _, _, label in STAGES]
    for label in labels:
        seconds, count = spent[label], calls[label]
        per_call = 1e6 * seconds / max(count, 1)
        print(f"  {label:44s} {seconds:6.2f} s {100 * seconds / total:5.1f} % {count:7d} calls {per_call:7.1f} µs")

    matcher = screener.matcher
    print(f"\n{len(analysed)} distinct structures analysed; each method alone, per structure (best of {args.repeat}):")
    gc.disable()

    def per_structure(function) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            begun = time.process_time()
            for std in analysed:
                function(std)
            best = min(best, time.process_time() - begun)
        return 1e6 * best / max(len(analysed), 1)

    methods = (
        ("analyse_structure", lambda std: analyse(std, matcher)),
        ("align_listed_tautomer", lambda std: matching.align_listed_tautomer(std, matcher.watchlist)),
        ("match_exact", lambda std: matching.match_exact(std, matcher)),
        ("match_unmasking", lambda std: matching.match_unmasking(std, matcher, set())),
        ("match_family", lambda std: matching.match_family(std, matcher)),
        ("match_similarity", lambda std: matching.match_similarity(std, matcher, set())),
    )
    for name, function in methods:
        print(f"  {name:44s} {per_structure(function):7.1f} µs")
    print("each unmasking rule's template match (HasSubstructMatch) on those structures, per structure:")
    rows = []
    for rule in matcher.rules:
        hits = sum(std.mol.HasSubstructMatch(rule.reactant) for std in analysed)
        rows.append((per_structure(lambda std, rule=rule: std.mol.HasSubstructMatch(rule.reactant)), rule.name, hits))
    for cost, name, hits in sorted(rows, reverse=True):
        print(f"  {name:44s} {cost:7.1f} µs  matches {hits}")
    print(f"  {'all rules':44s} {sum(cost for cost, _, _ in rows):7.1f} µs")


if __name__ == "__main__":
    main()
