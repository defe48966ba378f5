"""Whether reading a locant N- away can turn a name into the wrong watchlist entry.

`chemistry/resolve.py` ``resolve_without_n_locants`` matches a declared name that nothing else
resolved to a watchlist name once its stand-alone locants N- are removed ("Kwas
N-acetyloantranilowy" -> the Polish list's "Kwas acetyloantranilowy"), and only when the entry's
structure has a substituted nitrogen (``carries_n_substituent``). `python -m devtools.n_locants`
measures whether that can mislead, two ways:

- every name of the identifier database's data files (common, IUPAC and synonym names of each
  record; PubChem's names there are lower-case, so "n-" counts) with a stand-alone N-: where the
  name without it is a watchlist name, is the record's structure the watchlist entry's (compared as
  screening compares them: without salts and stereochemistry)? A record that is another substance
  is a disagreement;
- with ``--opsin``, every watchlist name with N- written in front of each of its words: where OPSIN
  parses the result, is that the entry's structure? A name OPSIN reads as another substance is a
  disagreement too (the database does not hold every name a trader could write).

Each count is given before and after the structural check. docs/identification.md quotes the
figures; this is the command that produces them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator

from chemistry.identifier_db import DATA_FILES, find_data_dir, read_rows
from chemistry.opsin import clean_name, open_systematic_name_parser
from chemistry.resolve import (
    StructureCache,
    carries_n_substituent,
    find_watchlist_name_without_n_locants,
    lookup_name_record,
    standardise_in_cache,
    strip_n_locants,
)
from chemistry.watchlist import Watchlist, load_watchlist

# Where a word of a name starts: N- is written there to make the variants OPSIN is asked about.
_WORD_START_RE = re.compile(r"(?:^|(?<=[\s\-(\[]))(?=[^\W\d_])")


def iter_database_names() -> Iterator[tuple[str, str]]:
    """(name, SMILES) for every name of every record of the identifier database's data files."""
    data_dir = find_data_dir()
    if data_dir is None:
        raise SystemExit("the `chemicals` package's identifier data is not installed")
    for file_name in DATA_FILES:
        if (data_dir / file_name).exists():
            for values in read_rows(data_dir / file_name):
                for name in (values[8], values[7], *values[9:]):
                    if name:
                        yield name, values[4]


def compare_readings(watchlist: Watchlist, named: Iterable[tuple[str, str | None]], examples: int) -> dict[str, object]:
    """For (name, the structure it stands for) pairs: how many have a stand-alone N-, how many are a
    watchlist name without it, and of those how many are another substance than the entry, before
    and after the structural check (with examples)."""
    cache = StructureCache()
    with_locant = hits = unparsed = already = 0
    wrong: list[str] = []
    wrong_kept: list[str] = []
    right_dropped: list[str] = []
    for name, smiles in named:
        if strip_n_locants(name) == name:
            continue
        with_locant += 1
        found = find_watchlist_name_without_n_locants(watchlist, cache, name)
        if found is None:
            continue
        hits += 1
        if smiles is None:
            unparsed += 1  # (OPSIN's readings: a name it does not parse says nothing either way)
            continue
        record, stripped = found
        if lookup_name_record(watchlist, cache, name)[0] is not None:
            already += 1  # the name as written is a watchlist name: the rule is never asked
        ours = standardise_in_cache(cache, record.smiles)[0]
        theirs = standardise_in_cache(cache, smiles)[0]
        kept = ours is not None and carries_n_substituent(ours)
        example = f"'{name}' -> '{stripped}' ({record.name}, {record.watchlist_id})"
        if ours is None or theirs is None or ours.key != theirs.key:
            wrong.append(example)
            if kept:
                wrong_kept.append(example)
        elif not kept:
            right_dropped.append(example)
    return {
        "names with a stand-alone N-": with_locant,
        "of them, a watchlist name without it": hits,
        "of those, no structure to compare (OPSIN parses none)": unparsed,
        "of the others, a watchlist name as written too (the rule is not asked)": already,
        "of the others, another substance than the entry (disagreements)": len(wrong),
        "disagreements": "; ".join(wrong[:examples]),
        "disagreements the structural check lets through": len(wrong_kept),
        "agreements the structural check turns down": len(right_dropped),
        "agreements turned down": "; ".join(right_dropped[:examples]),
    }


def iter_n_variants(name: str) -> Iterator[str]:
    """The name with N- written in front of one of its words, for each word."""
    for match in _WORD_START_RE.finditer(name):
        at = match.start()
        if name[at : at + 2].lower() != "n-" and name[max(0, at - 2) : at].lower() != "n-":
            yield f"{name[:at]}N-{name[at:]}"


def opsin_readings(watchlist: Watchlist) -> list[tuple[str, str | None]]:
    """Each watchlist name with N- written before one of its words, with OPSIN's structure for it
    (None when OPSIN parses none)."""
    parser, why = open_systematic_name_parser("on", 10.0)
    if parser is None:
        raise SystemExit(f"OPSIN is not available: {why}")
    names = {n for c in watchlist.entries for n in (c.entry.name, *c.entry.synonyms)}
    names |= {record.name for record in watchlist.by_name.values() if record.watchlist_id is not None}
    variants = sorted({v for n in names for v in iter_n_variants(n)})
    try:
        answers = parser.parse_systematic_names(variants)
    finally:
        parser.close()
    readings = []
    for variant in variants:
        answer = answers.get(clean_name(variant))
        readings.append((variant, answer.smiles if answer is not None else None))
    return readings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.n_locants", description=__doc__.splitlines()[0])
    parser.add_argument("--opsin", action="store_true", help="also ask OPSIN about the watchlist's names with N-")
    parser.add_argument("--examples", type=int, default=10, help="how many examples to print")
    args = parser.parse_args(argv)
    watchlist = load_watchlist()
    print("identifier database names:")
    for label, value in compare_readings(watchlist, iter_database_names(), args.examples).items():
        print(f"  {label}: {value}")
    if args.opsin:
        readings = opsin_readings(watchlist)
        parsed = sum(1 for _, smiles in readings if smiles is not None)
        print(f"watchlist names with N- written before a word ({len(readings)}; OPSIN parses {parsed}):")
        for label, value in compare_readings(watchlist, readings, args.examples).items():
            print(f"  {label}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
