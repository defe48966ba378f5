"""Survey: the identifier database's names one typing error from a watchlist name.

`chemistry/resolve.py` ``resolve_misspelt_name`` reads a declared name that nothing else resolved as a
watchlist name one edit away (Damerau-Levenshtein distance 1). A legitimate chemical whose name is one
edit from a watchlist name must never be read so; the reading's guards say why it is not: such a name is
a known name itself (it resolves before any last resort), and a misspelling one edit from both it and the
watchlist name is ambiguous. This survey lists those names: every name key of the database's data files
(at least ``MIN_MISSPELT_KEY_CHARS`` long) one edit from a watchlist name (entries' names and synonyms,
names_eu.csv) of another substance, and whether screening reads it as the watchlist entry (it must not).

    python -m devtools.misspellings [--show 40]
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable

from chemistry.identifier_db import IdentifierDatabase, open_identifier_database
from chemistry.misspellings import MIN_MISSPELT_KEY_CHARS, edits_a_digit, find_one_edit_names, index_names_by_length
from chemistry.resolve import StructureCache, _is_watchlist_record, lookup_name_record, standardise_in_cache
from chemistry.watchlist import Watchlist, load_watchlist
from pipeline.settings import Settings

COUNTED = (
    "database name keys surveyed",
    "one edit from a watchlist name",
    "of those, another substance (pairs)",
    "  the edit touches a digit (a locant or count)",
    "  the watchlist's look-up gives the entry (must be 0)",
)


def survey(
    watchlist: Watchlist, database: IdentifierDatabase, keys: Iterable[str]
) -> tuple[Counter, list[tuple[str, str, str, str, bool]]]:
    """(Counts, and each pair (database key, its name, watchlist key, entry, edit touches a digit)
    naming different substances) over the database's name ``keys`` (all of them: iter_name_keys)."""
    cache = StructureCache(100_000)
    listed = [key for key, record in watchlist.by_name.items() if _is_watchlist_record(record)]
    by_length = index_names_by_length(listed)
    counts: Counter = Counter(dict.fromkeys(COUNTED, 0))
    pairs = []
    for key in keys:
        if len(key) < MIN_MISSPELT_KEY_CHARS:
            continue
        counts["database name keys surveyed"] += 1
        near = find_one_edit_names(key, by_length)
        if not near:
            continue
        counts["one edit from a watchlist name"] += 1
        answer = database.lookup_name_key(key)
        theirs = [standardise_in_cache(cache, r.smiles)[0] for r in answer.records] if answer else []
        for other in near:
            record = watchlist.by_name[other]
            ours, _ = standardise_in_cache(cache, record.smiles)
            if ours is not None and any(t is not None and t.key == ours.key for t in theirs):
                continue  # a synonym of the same substance
            counts["of those, another substance (pairs)"] += 1
            digit = edits_a_digit(key, other)
            counts["  the edit touches a digit (a locant or count)"] += digit
            read, _ = lookup_name_record(watchlist, cache, key)
            if read is not None and read.key == record.key:
                counts["  the watchlist's look-up gives the entry (must be 0)"] += 1
            pairs.append((key, answer.records[0].name if answer else "", other, record.name, digit))
    return counts, pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=40, help="pairs to print (without a digit edit)")
    args = parser.parse_args(argv)
    database, why = open_identifier_database(Settings.from_env().identifier_database)
    if database is None:
        print(f"the identifier database is not available: {why}")
        return 1
    counts, pairs = survey(load_watchlist(), database, database.iter_name_keys())
    for what, n in counts.items():
        print(f"{what}: {n}")
    for key, name, other, entry, _ in [p for p in pairs if not p[4]][: args.show]:
        print(f"  {key!r} ({name}) / watchlist {other!r} ({entry})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
