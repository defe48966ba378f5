"""Survey: the identifier database's names that the head-of-the-name reading could cut short.

`chemistry/resolve.py` ``resolve_name_head`` reads a declared name that nothing else resolved from its
head: the words before a comma or semicolon and a space, or before words saying what the goods are sold
as or for (chemistry/identifiers.py find_name_head). A chemical whose own name has such a cut in it
("Phosphorus, red"; a CAS index name "Acetic acid, anhydride") must never be read as its head's
substance. This survey takes every name of the database's data files (common and IUPAC names and synonyms, as
written) that find_name_head cuts, whose
head names a substance (the lexicon's look-up, as the reading does first), and reads the name as screening would
when the whole name resolves nothing (only then is the head read), without the database and with it: it
counts the names read as a structure other than their own (a hydrate or anomer read as the substance is
one), and of those the ones read as a watchlist substance (must be 0).

    python -m devtools.name_heads [--show 40]
"""

from __future__ import annotations

import argparse
from collections import Counter

from chemistry.identifier_db import _CAS_SYNONYM_RE, DATA_FILES, find_data_dir, open_identifier_database, read_rows
from chemistry.identifiers import find_name_head
from chemistry.resolve import (
    Resolution,
    StructureCache,
    lookup_name_record,
    resolve_item,
    resolve_name_head,
    standardise_in_cache,
)
from chemistry.watchlist import load_watchlist
from pipeline.settings import Settings

COUNTED = (
    "database names surveyed",
    "cut by find_name_head",
    "  whose head the lexicon knows",
    "  whose whole name resolves nothing (without the database), so the head is read",
    "    read as another structure, without the database",
    "    read as another structure, with the database",
    "    of those, a watchlist substance (must be 0)",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=40, help="names read wrongly to list")
    args = parser.parse_args()
    database, why = open_identifier_database(Settings.from_env().identifier_database)
    if database is None:
        print(f"no identifier database: {why}")
        return 1
    watchlist = load_watchlist()
    cache = StructureCache(100_000)
    counts: Counter = Counter()
    wrong: list[tuple[str, str, str, bool]] = []
    data_dir = find_data_dir()
    if data_dir is None:
        print("no data files of the identifier database")
        return 1
    for file_name in DATA_FILES:
        if not (data_dir / file_name).exists():
            continue
        for values in read_rows(data_dir / file_name):
            for key in {text for text in values[7:] if text and not _CAS_SYNONYM_RE.match(text)}:
                counts[COUNTED[0]] += 1
                head = find_name_head(key)
                if head is None:
                    continue
                counts[COUNTED[1]] += 1
                if lookup_name_record(watchlist, cache, head)[0] is None:
                    continue
                counts[COUNTED[2]] += 1
                own, _ = standardise_in_cache(cache, values[4])
                for label, db in ((COUNTED[4], None), (COUNTED[5], database)):
                    if resolve_item(watchlist, cache, name=key, database=db).std is not None:
                        continue  # read whole: the head is never read
                    if db is None:
                        counts[COUNTED[3]] += 1
                    read = resolve_name_head(watchlist, cache, key, Resolution("unresolved", None), db)
                    if read.std is not None and (own is None or read.std.key != own.key):
                        counts[label] += 1
                        listed = watchlist.by_key.get(read.std.key)
                        counts[COUNTED[6]] += bool(listed)
                        wrong.append((label, key, read.name or "", bool(listed)))
    for label in COUNTED:
        print(f"{label}: {counts[label]}")
    for label, key, name, listed in wrong[: args.show]:
        print(f"  {key!r} -> {name!r} ({label.split(', ')[-1]}{'; LISTED' if listed else ''})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
