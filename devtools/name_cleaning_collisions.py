"""Names of the identifier database that a change of name cleaning (chemistry/identifiers.py) sends to
another watchlist record: each name is keyed (iter_name_keys) with the cleaning of an earlier commit
and with the current one, and the first key that the watchlist's names (Watchlist.by_name) know is
compared. A name listed reaches another record first, or one it reached with none before, or none
where it reached one (listed last, with "-" for the record now): if its
structure in the database is not the record's, the cleaning turned a legitimate name into a scheduled
one.

    python -m devtools.name_cleaning_collisions --before eaae80c

Only names the session's patterns can touch are keyed (a bracket, a dose-form, physical-form or salt
word, a pack count, a comparator, a quotation mark, a trailing stop: ``CANDIDATE_RE``); the others key
alike in both versions.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from chemistry import identifiers as current
from chemistry.identifier_db import DATA_FILES, find_data_dir, read_rows
from chemistry.watchlist import load_watchlist

CANDIDATE_RE = re.compile(
    r"""[\(\[\{]|[.:;!]\s*$|["\u201c\u201d\u201e\u00ab\u00bb]|tab|cap|fine|gran|prill|bead|mill|powder|"""
    r"pulver|poudre|poeder|polvere|polvo|proszek|micron|mikron|coat|effervesc|chew|dispers|resist|release|"
    r"retard|amp[ou]|suppos|lozeng|syr|sirup|sirop|sciroppo|jarabe|oral|inject|nasal|blister|tropfen|comprim|"
    r"gelul|goutte|druppel|compress|fial|gocce|supposte|gotas|kapsu|krople|czopki|roztw|\d\s*[x\u00d7*]\s*\d|"
    r"%|/|hydrogen|chlorhydrat|cloridrat|clorhidrat|chlorowodor|hcl|hydrochlorid|hydrobromid|hydroiodid|"
    r"bromhydrat|[<>=]|"
    # the nineteenth session's Polish grades, isomer mixtures and Spanish and Portuguese salt words
    r"cz|spektr|cis|hidroclor",
    re.IGNORECASE,
)


def load_identifiers_of(commit: str):
    """chemistry/identifiers.py as it was at ``commit``, as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{commit}:chemistry/identifiers.py"], check=True, capture_output=True, text=True
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location("identifiers_before", handle.name)
    module = importlib.util.module_from_spec(spec)
    # registered before it runs: a dataclass of the module looks its module up in sys.modules
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    Path(handle.name).unlink()
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the commit whose name cleaning is compared")
    args = parser.parse_args()
    before = load_identifiers_of(args.before)
    data = find_data_dir()
    if data is None:
        print("the chemicals package's data is not installed", file=sys.stderr)
        return 1
    by_name = load_watchlist().by_name
    started = time.monotonic()
    keyed = 0
    changed: list[str] = []
    lost: list[str] = []  # reached a record before, none now
    for file_name in DATA_FILES:
        if not (data / file_name).exists():
            continue
        for values in read_rows(data / file_name):
            for name in {values[7], values[8], *values[9:]}:
                if not name or not CANDIDATE_RE.search(name):
                    continue
                keyed += 1
                now = next((k for k in current.iter_name_keys(name) if k in by_name), None)
                then = next((k for k in before.iter_name_keys(name) if k in by_name), None)
                if now is None and then is None:
                    continue
                if now is None:
                    was = by_name[then]
                    lost.append(f"{name}\t{values[1]}\t{values[6]}\t-\t{was.watchlist_id or was.name}")
                elif then is None or by_name[then] is not by_name[now]:
                    record = by_name[now]
                    was = by_name[then].name if then else "-"
                    changed.append(f"{name}\t{values[1]}\t{values[6]}\t{record.watchlist_id or record.name}\t{was}")
    for line in changed + lost:
        print(line)
    print(
        f"{keyed} names keyed in {time.monotonic() - started:.0f} s; {len(changed)} reach another watchlist "
        f"record first than with the cleaning of {args.before}, or one only now; {len(lost)} reach none now "
        "but did then",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
