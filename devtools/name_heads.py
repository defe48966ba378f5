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
from collections.abc import Iterable, Iterator
from pathlib import Path

from chemistry.identifier_db import (
    _CAS_SYNONYM_RE,
    DATA_FILES,
    IdentifierDatabase,
    find_data_dir,
    open_identifier_database,
    read_rows,
)
from chemistry.identifiers import find_name_head
from chemistry.resolve import (
    Resolution,
    StructureCache,
    lookup_name_record,
    resolve_item,
    resolve_name_head,
    standardise_in_cache,
)
from chemistry.watchlist import Watchlist, load_watchlist
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


def iter_database_names(data_dir: Path) -> Iterator[tuple[str, str]]:
    """(Name, SMILES) of every common and IUPAC name and synonym of the database's data files, as written."""
    for file_name in DATA_FILES:
        if (data_dir / file_name).exists():
            for values in read_rows(data_dir / file_name):
                for name in {text for text in values[7:] if text and not _CAS_SYNONYM_RE.match(text)}:
                    yield name, values[4]


def survey(
    watchlist: Watchlist, database: IdentifierDatabase, named: Iterable[tuple[str, str]]
) -> tuple[Counter, list[tuple[str, str, str, bool]]]:
    """(Counts (COUNTED), and each (count label, name, what its head was read as, whether that is a watchlist
    substance) of a name read by its head as another structure) over ``named``: (name, its own SMILES)."""
    cache = StructureCache(100_000)
    counts: Counter = Counter()
    wrong: list[tuple[str, str, str, bool]] = []
    for name, smiles in named:
        counts[COUNTED[0]] += 1
        head = find_name_head(name)
        if head is None:
            continue
        counts[COUNTED[1]] += 1
        if lookup_name_record(watchlist, cache, head)[0] is None:
            continue
        counts[COUNTED[2]] += 1
        own, _ = standardise_in_cache(cache, smiles)
        for label, db in ((COUNTED[4], None), (COUNTED[5], database)):
            if resolve_item(watchlist, cache, name=name, database=db).std is not None:
                continue  # read whole: the head is never read
            if db is None:
                counts[COUNTED[3]] += 1
            read = resolve_name_head(watchlist, cache, name, Resolution("unresolved", None), db)
            if read.std is not None and (own is None or read.std.key != own.key):
                counts[label] += 1
                listed = bool(watchlist.by_key.get(read.std.key))
                counts[COUNTED[6]] += listed
                wrong.append((label, name, read.name or "", listed))
    return counts, wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=40, help="names read wrongly to list")
    args = parser.parse_args()
    database, why = open_identifier_database(Settings.from_env().identifier_database)
    data_dir = find_data_dir()
    if database is None or data_dir is None:
        print(f"no identifier database or its data files: {why}")
        return 1
    counts, wrong = survey(load_watchlist(), database, iter_database_names(data_dir))
    for label in COUNTED:
        print(f"{label}: {counts[label]}")
    for label, name, read, listed in wrong[: args.show]:
        print(f"  {name!r} -> {read!r} ({label.split(', ')[-1]}{'; LISTED' if listed else ''})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
