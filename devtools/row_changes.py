"""Every evaluation row's severity, written down before a detection change and compared after it.

    python -m devtools.row_changes dump before.json      # before the change
    python -m devtools.row_changes dump after.json       # after it
    python -m devtools.row_changes diff before.json after.json

`diff` prints one line per row whose severity changed, over every bundled set (devtools/data/evaluation*.csv):
FIXED (the row now meets its expectation), BROKE (it met it and no longer does), ROSE-LEGIT (a legitimate row got a
higher severity) or changed (it moved within or outside its expectation as before), and exits 1 when any row BROKE
or ROSE-LEGIT. This is the row-by-row check every detection change is held to (docs/evaluation.md): no passing row
may fail, no legitimate row may rise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

from devtools.evaluation import RANK, bundled_sets, load_rows, severity_of

# row key ("set stem:row id") -> [severity got, expected severity, whether the row is a positive]
Severities = dict[str, list]


def dump_severities() -> Severities:
    """Each row of every bundled set screened by a fresh screener of the bundled watchlist and default settings."""
    from chemistry.watchlist import load_watchlist
    from pipeline.screening import Screener
    from pipeline.settings import Settings

    screener = Screener(load_watchlist(), Settings.from_env())
    return {
        f"{path.stem}:{row.id}": [severity_of(screener, row), row.expect, row.positive]
        for path in bundled_sets()
        for row in load_rows(path)
    }


def _within(severity: str, expect: str, positive: bool) -> bool:
    return RANK[severity] >= RANK[expect] if positive else RANK[severity] <= RANK[expect]


def compare_severities(before: Severities, after: Severities) -> list[tuple[str, str, str, str, str]]:
    """(tag, row key, severity before, after, expected) for each row in both whose severity changed, in key order."""
    changes = []
    for key in sorted(after):
        if key not in before or before[key][0] == after[key][0]:
            continue
        was, now, (expect, positive) = before[key][0], after[key][0], after[key][1:]
        ok_before, ok_after = _within(was, expect, positive), _within(now, expect, positive)
        if ok_after and not ok_before:
            tag = "FIXED"
        elif ok_before and not ok_after:
            tag = "BROKE"
        elif not positive and RANK[now] > RANK[was]:
            tag = "ROSE-LEGIT"
        else:
            tag = "changed"
        changes.append((tag, key, was, now, expect))
    return changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.row_changes", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump = commands.add_parser("dump", help="write every row's severity to a JSON file")
    dump.add_argument("output", type=Path)
    diff = commands.add_parser("diff", help="print the rows whose severity changed between two dumps")
    diff.add_argument("before", type=Path)
    diff.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        severities = dump_severities()
        args.output.write_bytes(orjson.dumps(severities))
        print(f"{len(severities)} rows written to {args.output}")
        return 0
    changes = compare_severities(orjson.loads(args.before.read_bytes()), orjson.loads(args.after.read_bytes()))
    for tag, key, was, now, expect in changes:
        print(f"{tag} {key} {was} -> {now} expect {expect}")
    return 1 if any(tag in ("BROKE", "ROSE-LEGIT") for tag, *_ in changes) else 0


if __name__ == "__main__":
    sys.exit(main())
