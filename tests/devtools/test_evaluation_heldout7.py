"""The seventh held-out set (devtools/data/evaluation_heldout7.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/ or the
other sets' bodies), with declared forms the earlier sets likely had little of: names from national precursor and
drug lists in Lithuanian, Estonian, Swedish, Slovenian, Croatian, Greek and (Brazilian) Portuguese, with grades,
purities, packaging words, OCR-like misspellings and stray spaces; CAS numbers with dots as separators, without
separators, with French/English prefixes and of the salts; SMILES with explicit hydrogens, Kekulé rings, two-digit
ring closures, charged and disconnected salts and a covalently drawn permanganate; InChI of scheduled substances
and of a nitazene; the Category 1 additions of 2018-2025 (ANPP/NPP, chloroephedrines, 4-AP, 1-boc-4-AP,
norfentanyl, DEPAPD, PMK ethyl glycidate, 4-piperidone, 1-boc-4-piperidone). Its recall is a measurement
(docs/evaluation.md, "Seventh held-out set") and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
    scheduled_rows_in_messy_forms,
)

HELDOUT7 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout7.csv"


def test_seventh_heldout_covers_every_category_and_messy_declared_forms():
    rows = load_rows(HELDOUT7)
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, 50)
    assert any("." in value and "-" not in value for value in cas_values)  # dots as separators
    assert any(value.isdigit() for value in cas_values)  # no separators at all
    names = [row.value for row in scheduled if row.kind == "name"]
    assert any("ū" in name for name in names)  # Lithuanian
    assert any("ü" in name for name in names)  # Estonian
    assert any("ä" in name for name in names)  # Swedish
    smiles = [row.value for row in scheduled if row.kind == "smiles"]
    assert any("[H]" in value for value in smiles)
    assert any("+]" in value and "." in value for value in smiles)  # a charged, disconnected salt
    # a drug named in a non-Latin script (Greek)
    drugs = [row for row in rows if row.group == "drugs"]
    assert any(row.kind == "name" and any("\u0370" <= ch <= "\u03ff" for ch in row.value) for row in drugs)


def test_seventh_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT7),
        {
            "pch7043": "C10H16ClNO",  # pseudoephedrine hydrochloride, charged salt
            "pch7047": "C11H9NaO5",  # sodium 3,4-MDP-2-P methyl glycidate
            "pch7050": "C15H18O5",  # DEPAPD, as an InChI
            "pmh7002": "C12H13NaO3",  # sodium enolate of ethyl 2-phenylacetoacetate
            "pmh7005": "C9H11NaO4S",  # P2P sodium bisulfite adduct
            "pmh7014": "C11H13NO2",  # ephedrine oxazolidinone
            "pmh7019": "C19H28N2O3",  # 1-Boc-norfentanyl
            "pdh7002": "C24H30N2O3",  # carfentanil
            "pdh7005": "C23H30N4O3",  # isotonitazene, as an InChI
            "pdh7006": "C24H32N4O3",  # butonitazene
            "nlh7001": "C13H19Cl2NO",  # bupropion hydrochloride
            "nlh7011": "C19H20ClN3",  # clemizole
        },
    )
