"""How the identifier database's name keys split when primes are told apart.

`python -m devtools.prime_spellings` opens the index the `identifier_database` setting names
(`auto` by default), takes every name key filed under more than one spelling that differs only in
primes ("4'-methylvalerophenone" and "4-methylvalerophenone"), and counts, comparing records as
screening does (standardised, without salts and stereo):

- keys whose best-ranked records are already different substances (not resolved, reported);
- keys whose best rank is one substance but whose other spellings name another one (reported as
  ambiguous, screened as the best-ranked record: chemistry/resolve.py `_database_candidate`).

docs/identification.md quotes these figures; this is the command that produces them.
"""

import argparse
import sys

from chemistry.identifier_db import open_identifier_database
from chemistry.resolve import StructureCache, parse_database_records


def count_prime_spellings(setting: str, examples: int) -> dict[str, object]:
    database, why = open_identifier_database(setting)
    if database is None:
        raise SystemExit(f"no identifier database: {why}")
    keys = list(database.iter_prime_spelt_name_keys())
    cache = StructureCache()

    def substances(records) -> set[str]:
        return {std.key for _, std in parse_database_records(cache, records)}

    already, respelt_other, named = 0, 0, []
    for key in keys:
        answer = database.lookup_name_key(key)
        if answer is None:
            continue
        best = substances(answer.records)
        if len(best) > 1:
            already += 1
        elif best and substances(answer.respelt) - best:
            respelt_other += 1
            if len(named) < examples:
                named.append(key)
    return {
        "keys with spellings that differ only in primes": len(keys),
        "of them, best rank already different substances": already,
        "of them, best rank one substance, another spelling another substance": respelt_other,
        "examples of the latter (name keys)": ", ".join(named),
        "index": database.describe(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.prime_spellings", description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="auto", help="identifier_database setting: auto or an index path")
    parser.add_argument("--examples", type=int, default=6, help="how many example keys to print")
    args = parser.parse_args(argv)
    for label, value in count_prime_spellings(args.database, args.examples).items():
        print(f"{label}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
