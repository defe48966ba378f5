"""The eleventh held-out set (devtools/data/evaluation_heldout11.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/,
cli/ or the other sets' bodies). Its theme is what arrives from outside the EU and what seizure reports name:
declarations as exporters and forwarders write them (English trade names and vendor shorthand such as "BMK
glycidate", "PMK glycidate", APAAN, MAPA, 4-AP, 1-boc-4-AP, NPP, 4-ANPP; grades, purities and packaging; CAS without
hyphens, with spaces, a prefix, a comment, two in one field; salts as SMILES; InChI with stereo layers; a
description-only line with its CN code), the designer-precursor masks the INCB, EUDA and forensic literature name
(ketals, an oxime, bisulfite adducts, enolates, Boc/Cbz/MOC carbamates, a cyclic carbamate, glycidate and
acetoacetate relatives), pre-precursors, controlled drugs and unlisted members of their classes, and legitimate
medicines, flavours, solvents and reagents of the same shapes or names (4-aminopyridine is also "4-AP").
Its recall is a measurement, not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_cas_typed_every_way,
    assert_formulas,
    scheduled_rows_in_messy_forms,
)

HELDOUT11 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout11.csv"


def test_eleventh_heldout_covers_every_category_and_the_forms_exporters_declare():
    rows = load_rows(HELDOUT11)
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, 40)
    assert_cas_typed_every_way(cas_values)
    names = [row.value for row in scheduled if row.kind == "name"]
    shorthand = {"APAAN", "MAPA", "BMK glycidate", "4-ANPP"}
    assert shorthand <= set(names)  # vendor shorthand as the whole declared name
    assert sum(1 for name in names if "%" in name) >= 6  # purities as exporters write them
    assert any("drum" in name.lower() or "IBC" in name for name in names)  # packaging
    smiles = [row.value for row in scheduled if row.kind == "smiles"]
    assert sum(1 for value in smiles if "." in value) >= 4  # salts
    inchis = [row.value for row in scheduled if row.kind == "inchi"]
    assert any("/t" in value and "/m" in value for value in inchis)  # stereo layers
    assert sum(1 for row in rows if row.group == "masks") >= 20
    assert sum(1 for row in rows if row.group == "pre-precursors") >= 10
    assert sum(1 for row in rows if row.group == "drugs") >= 20
    look_alikes = [row for row in rows if row.group == "legitimate look-alikes"]
    assert len(look_alikes) >= 25
    assert all(row.expect in {"none", "info"} for row in look_alikes)  # never expected at low or above


def test_eleventh_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT11),
        {
            "pch11016": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch11024": "C15H18O5",  # DEPAPD
            "pch11035": "C14H20N2O",  # norfentanyl (InChI)
            "pch11039": "C10H15NO",  # pseudoephedrine (InChI)
            "pmh11005": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh11008": "C10H8NNaO",  # APAAN sodium enolate
            "pmh11010": "C16H23NO4",  # N-t-BOC-MDMA
            "pmh11021": "C11H13NO2",  # ephedrine oxazolidinone
            "pph11005": "C11H10Br2O3",  # 3',4'-methylenedioxy-2,2-dibromobutyrophenone
            "pdh11009": "C23H28N4O3",  # N-pyrrolidino protonitazene
            "pdh11013": "C14H19NO3",  # dipentylone
            "nlh11002": "C12H14O3",  # ethyl methylphenylglycidate (same formula as BMK ethyl glycidate)
            "nlh11013": "C14H12N2",  # bendazol
        },
    )
