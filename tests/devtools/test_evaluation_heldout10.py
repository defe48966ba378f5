"""The tenth held-out set (devtools/data/evaluation_heldout10.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/
or the other sets' bodies), as a cross-section of an EU customs office's week: mostly ordinary declarations (German,
Polish, French, Italian and Portuguese names with grades, purities and packaging; CAS with and without hyphens, with a
prefix, spaces or a comment; SMILES of salts), and a quarter unusual ones (typing errors, a name with its CAS in
brackets, a description-only line, InChI with stereo layers); designer-precursor masks (glycidate and acetoacetate
esters, an enolate, Boc/Cbz/acetyl/formyl derivatives, ketals, an oxime, a bisulfite adduct); pre-precursors; drugs
and unlisted members of their classes; and legitimate medicines, flavours and solvents of the same shapes.
Its recall is a measurement (docs/evaluation.md, "Tenth held-out set") and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_cas_typed_every_way,
    assert_formulas,
    assert_group_sizes,
    cas_numbers,
    scheduled_rows_in_messy_forms,
)

HELDOUT10 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout10.csv"


def test_tenth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT10)
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, 35)
    assert_cas_typed_every_way(cas_values)
    names = [row.value for row in scheduled if row.kind == "name"]
    assert sum(1 for name in names if any(ch in name for ch in "äöüß")) >= 2  # German
    assert sum(1 for name in names if name.startswith(("kwas", "bezwodnik", "nadmanganian", "eter", "keton"))) >= 4
    assert any(name.lower().startswith("anhydride") for name in names)  # French
    assert any(cas_numbers(name) for name in names)  # a name with its CAS in brackets
    smiles = [row.value for row in scheduled if row.kind == "smiles"]
    assert sum(1 for value in smiles if "." in value) >= 4  # salts
    inchis = [row.value for row in scheduled if row.kind == "inchi"]
    assert any("/t" in value and "/m" in value for value in inchis)  # stereo layers
    assert_group_sizes(rows, 20, 10, 20, 25)


def test_tenth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT10),
        {
            "pch10034": "C11H9KO5",  # PMK glycidic acid potassium salt
            "pch10036": "C15H18O5",  # DEPAPD
            "pch10039": "C9H13NO",  # norephedrine (InChI)
            "pmh10001": "C12H14O3",  # BMK ethyl glycidate
            "pmh10004": "C12H13NaO3",  # EAPA sodium enolate
            "pmh10014": "C19H28N2O3",  # 1-boc-norfentanyl
            "pmh10015": "C10H11NaO6S",  # PMK bisulfite adduct
            "pdh10012": "C23H30N4O3",  # isotonitazene
            "pdh10016": "C13H17NO3",  # eutylone
            "nlh10024": "C12H14O3",  # ethyl methylphenylglycidate
        },
    )
