"""Which names of the identifier database say only how goods are presented.

`python -m devtools.presentation_names` reads the `chemicals` package's data files as the identifier database
indexes them (chemistry/identifier_db.py) and lists the names whose every word says how goods are presented --
a grade, form, dose form, pack, colour or formulation (chemistry/identifiers.py names_presentation_only):

- synonyms PubChem collected ("Liquid" of methyl parathion, "Premix" of chlormequat chloride) under a key that
  is no chemical's own common or IUPAC name: chemistry/resolve.py _lookup_database_name reads none of them;
- common or IUPAC names of that kind: still read (a chemical's own name), listed to be looked at;
- the lexicon's names (watchlist, names in the Union's languages, common-chemicals dictionary) of that kind:
  read as before (the lexicon is curated), listed to be looked at.

docs/identification.md quotes these figures; this is the command that produces them.
"""

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from chemistry.identifier_db import _CAS_SYNONYM_RE, DATA_FILES, MIN_NAME_KEY_CHARS, find_data_dir, read_rows
from chemistry.identifiers import names_presentation_only, normalise_name
from chemistry.watchlist import COMMON_CSV, load_watchlist

MAX_SURVEYED_NAME_CHARS = 60  # longer names hold a substance's name: no run of presentation words is that long


def survey_presentation_names(data_dir: Path | None = None) -> dict[str, object]:
    """The survey's figures, from the data files under ``data_dir`` (the installed `chemicals` package's when None)."""
    data_dir = data_dir or find_data_dir()
    if data_dir is None:
        raise SystemExit("the `chemicals` package is not installed")
    seen_cas: set[str] = set()
    own: dict[str, str] = {}
    synonyms: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for file_name in DATA_FILES:
        if not (data_dir / file_name).exists():
            continue
        for values in read_rows(data_dir / file_name):
            if values[1] in seen_cas or not _CAS_SYNONYM_RE.match(values[1]):
                continue
            seen_cas.add(values[1])
            substance = values[8] or values[7]
            for text in (values[8], values[7]):
                if text:
                    own.setdefault(normalise_name(text), text)
            for text in values[9:]:
                if text and len(text) <= MAX_SURVEYED_NAME_CHARS and not _CAS_SYNONYM_RE.match(text):
                    synonyms[normalise_name(text)].add((text, substance))
    refused = sorted(
        (key, sorted(found))
        for key, found in synonyms.items()
        if key not in own and len(key) >= MIN_NAME_KEY_CHARS and any(names_presentation_only(t) for t, _ in found)
    )
    own_names = sorted(t for key, t in own.items() if len(t) <= MAX_SURVEYED_NAME_CHARS and names_presentation_only(t))
    lexicon = sorted(
        {text for text in _lexicon_names() if len(text) <= MAX_SURVEYED_NAME_CHARS and names_presentation_only(text)}
    )
    return {
        "synonym keys read by no declaration (no chemical's own name)": len(refused),
        "of them": "; ".join(f"{found[0][0]!r} ({found[0][1]})" for _, found in refused),
        "common or IUPAC names of presentation words only (still read)": "; ".join(own_names) or "none",
        "lexicon names of presentation words only (still read)": "; ".join(lexicon) or "none",
    }


def _lexicon_names() -> list[str]:
    """The lexicon's names as written: the watchlist entries' names and synonyms and their names in the Union's
    languages (Watchlist.name_spellings), and the common-chemicals dictionary's names and synonyms."""
    names = list(load_watchlist().name_spellings.values())
    with COMMON_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names += [row["name"], *(s.strip() for s in row["synonyms"].split(";") if s.strip())]
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.presentation_names", description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    for label, value in survey_presentation_names().items():
        print(f"{label}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
