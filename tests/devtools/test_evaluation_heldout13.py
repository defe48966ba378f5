"""The thirteenth held-out set (devtools/data/evaluation_heldout13.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/,
cli/ or the other sets' bodies). Theme: a week at a large EU seaport's customs office (Rotterdam, Antwerp, Hamburg,
Valencia, Gdansk, Piraeus), declarations as ERP exports and brokers type them: names in English, Dutch, German,
Spanish/Valencian, Polish and French as national authorities print them (each cited in the row's note), grades,
purities, packs, upper case, abbreviations, CN codes as 8 digits with spaces or dots, as a 10-digit TARIC code or as a
bare heading, a few one-letter typing errors of scheduled names (said so in the note), names with their CAS in the
same field, trade names in the name field with the real name in the description; designer-precursor masks (sodium
enolates, carbamates, ketals, a bisulfite adduct, an oxime, an enol ester, unlisted esters); pre-precursors; drugs
(one by its Greek legal name) and unlisted members of their classes; and a large legitimate block, the bulk of a
port's chemical trade, with its honest expected maximum (`none` for ordinary goods, `low` for hard look-alikes,
`info` where a Category 3 obligation applies). No Greek precursor names are used: no Greek source was found.
Its recall is a measurement (run once, after the set was committed) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
    cas_numbers,
    scheduled_rows_in_messy_forms,
)

HELDOUT13 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout13.csv"

# What a note must name: a legal text, an authority's page, the reference data, the CAS database or the brief.
SOURCE_MARKERS = (
    "Reg.",
    "reference/",
    "chemicals 1.5.2",
    "issue 11",
    "Convention",
    ".es",
    ".pl",
    ".nl",
    ".be",
    ".fr",
    ".at",
    ".gr",
    ".com",
)


def test_thirteenth_heldout_rows_each_name_a_source_or_say_they_have_none():
    # (its size and conventions: test_evaluation_heldout.py, with the other later sets)
    rows = load_rows(HELDOUT13)
    for row in rows:
        assert "no source of its own" in row.note or any(m in row.note for m in SOURCE_MARKERS), row.id


def test_thirteenth_heldout_covers_every_category_and_the_ports_declared_forms():
    rows = load_rows(HELDOUT13)
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, 45)
    assert any(value.isdigit() for value in cas_values)  # CAS without hyphens
    assert any(" " in value and "-" not in value for value in cas_values)  # CAS typed with spaces
    assert any(value.startswith("CAS") for value in cas_values)  # a CAS prefix
    assert any("(" in value for value in cas_values)  # a comment in brackets
    names = [row.value for row in scheduled if row.kind == "name"]
    lowered = [name.lower() for name in names]
    assert sum(1 for name in names if any(ch in name for ch in "äöüß")) >= 3  # German
    assert sum(1 for name in lowered if name.startswith(("kwas", "bezwodnik", "nadmanganian", "eter", "keton"))) >= 5
    assert (
        sum(1 for name in lowered if any(w in name for w in ("efedrine", "zuur", "kaliumpermanganaat", "aceton"))) >= 5
    )
    assert (
        sum(1 for name in lowered if any(w in name for w in ("ácido", "anhidrido", "anhídrid", "àcid", "fenil"))) >= 4
    )
    assert sum(1 for name in lowered if any(w in name for w in ("méthyl", "acide"))) >= 2  # French
    assert sum(1 for name in names if cas_numbers(name) and re.search(r"\d+-\d\d-\d", name)) >= 2  # name + CAS
    assert sum(1 for row in scheduled if "typing error" in row.note) >= 3
    assert sum(1 for row in scheduled if row.kind == "name" and row.description) >= 3  # real name in the description
    codes = [row.cn_code for row in rows if row.cn_code]
    assert any(code.isdigit() and len(code) == 10 for code in codes)  # TARIC
    assert any("." in code for code in codes) and any(" " in code for code in codes)
    smiles = [row.value for row in scheduled if row.kind == "smiles"]
    assert sum(1 for value in smiles if "." in value) >= 4  # salts
    inchis = [row.value for row in scheduled if row.kind == "inchi"]
    assert any("/t" in value and "/m" in value for value in inchis)  # stereo layers
    assert any(re.search("[\u0370-\u03ff]", row.value) for row in rows if row.group == "drugs")  # Greek
    assert sum(1 for row in rows if row.group == "masks") >= 20
    assert sum(1 for row in rows if row.group == "pre-precursors") >= 10
    assert sum(1 for row in rows if row.group == "drugs") >= 20
    legitimate = [row for row in rows if row.group == "legitimate look-alikes"]
    assert len(legitimate) >= 40
    assert {row.expect for row in legitimate} <= {"none", "info", "low"}
    assert sum(1 for row in legitimate if row.expect == "none") > len(legitimate) / 2


def test_thirteenth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT13),
        {
            "pch13012": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch13029": "C20H32N2O6S",  # ephedrine sulfate (2:1)
            "pch13039": "C5H12ClNO2",  # 4-piperidone hydrochloride as the gem-diol
            "pch13047": "C10H15Cl2N",  # chloroephedrine hydrochloride
            "pmh13001": "C10H8NNaO",  # APAAN sodium enolate
            "pmh13003": "C15H13NaO7",  # IMDPAM sodium salt
            "pmh13004": "C11H13NO2",  # ephedrine oxazolidinone
            "pmh13013": "C14H14O5",  # 5-(phenylacetyl)-Meldrum's acid
            "pph13012": "C13H18N2O2",  # methyl 4-anilinopiperidine-4-carboxylate
            "pdh13014": "C24H30N2O3",  # carfentanil
            "pdh13017": "C22H26N4O3",  # etonitazepyne
            "nlh13033": "C9H14ClNO2",  # phenylephrine hydrochloride
        },
    )
