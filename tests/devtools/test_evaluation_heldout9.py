"""The ninth held-out set (devtools/data/evaluation_heldout9.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/
or the other sets' bodies), in declared forms the earlier sets' descriptions did not name: ERP exports (upper case,
fields cut at 35 characters, HS-style descriptions, a description-only line), Lithuanian and Latvian names from
those states' published precursor and drug lists, trade names with the INN in brackets, mixtures and several CAS
numbers in one field (comma, semicolon), CAS with dots as separators, SMILES with explicit aromatic hydrogens,
charged salts, dot-disconnected hydrates and isotopes (13C, deuterium), InChI with stereo layers; designer-precursor
masks (glycidate and acetoacetate esters, protected 4-piperidone, 4-AP and norfentanyl, cyclic carbamates, a
gem-diol, an enolate, a bisulfite adduct); and legitimate medicines, flavours and solvents of the same shapes.
Its recall is a measurement (docs/evaluation.md, "Ninth held-out set") and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
    scheduled_rows_in_messy_forms,
)

HELDOUT9 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout9.csv"


def test_ninth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT9)
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, 40)
    assert any("." in value for value in cas_values)  # dots as separators
    assert sum(1 for value in cas_values if "," in value or ";" in value) >= 2  # several CAS numbers in one field
    names = [row.value for row in scheduled if row.kind == "name"]
    erp_names = [name for name in names if name == name.upper() and len(name) == 35]
    assert len(erp_names) >= 4  # ERP exports cut at 35 characters
    assert any("ū" in name for name in names)  # Lithuanian
    assert any("(" in name and name[0].isupper() and "pseudoephedrine" in name for name in names)  # trade name (INN)
    smiles = [row.value for row in scheduled if row.kind == "smiles"]
    assert any("[cH]" in value for value in smiles)  # explicit aromatic hydrogens
    assert any("[2H]" in value or "[13C" in value for value in smiles)  # isotopes
    assert any(".O." in value or value.endswith(".O") for value in smiles)  # a dot-disconnected hydrate
    assert any("+]" in value and "-]" in value for value in smiles)  # a charged salt
    inchis = [row.value for row in scheduled if row.kind == "inchi"]
    assert any("/t" in value and "/m" in value for value in inchis)  # stereo layers
    drugs = [row for row in rows if row.group == "drugs"]
    assert any(row.kind == "name" and row.value.endswith("ilis") for row in drugs)  # Lithuanian fentanyls
    assert any(row.kind == "name" and row.value.endswith("metadols") for row in drugs)  # Latvian
    masks = [row for row in rows if row.group == "masks"]
    assert len(masks) >= 20
    assert sum(1 for row in rows if row.group == "pre-precursors") >= 10
    assert sum(1 for row in rows if row.group == "legitimate look-alikes") >= 30


def test_ninth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT9),
        {
            "pch9030": "C10H16ClNO",  # ephedrine hydrochloride, charged salt
            "pch9032": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate
            "pch9033": "C9H8NNaO3",  # N-acetylanthranilic acid sodium salt
            "pmh9001": "C13H14O5",  # PMK ethyl glycidate
            "pmh9013": "C9H11NaO4S",  # P-2-P sodium bisulfite adduct
            "pmh9016": "C11H11NaO3",  # MAPA sodium enolate
            "pdh9015": "C12H15NO3",  # ethylone
            "pdh9017": "C24H32N4O3",  # butonitazene
            "nlh9002": "C20H25N3O2",  # methylergometrine
            "nlh9015": "C12H14O3",  # ethyl methylphenylglycidate
        },
    )
