"""The fifth held-out set (devtools/data/evaluation_heldout5.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/), with
scheduled substances of every category in declared forms the earlier sets had little of: CAS typed with
non-breaking hyphens, en dashes, dots, spaces, a leading zero, prefixes, comments and several numbers in one
field; names in Portuguese, Spanish, Czech and Swedish; salts by CAS and by name; InChI; description-only
declarations. Its recall is a measurement (docs/evaluation.md, "Fifth held-out set") and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
    scheduled_rows_in_messy_forms,
)

HELDOUT5 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout5.csv"


def test_fifth_heldout_covers_every_category_and_messy_declared_forms():
    rows = load_rows(HELDOUT5)
    _, cas_values = scheduled_rows_in_messy_forms(rows, 40)
    assert any("\u2011" in value or "\u2013" in value for value in cas_values)
    assert any(value.startswith("0") for value in cas_values)


def test_fifth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT5),
        {
            "pch5042": "C10H15NO",  # ephedrine, as an InChI
            "pch5044": "C10H9NO",  # APAAN, as an InChI
            "pch5046": "C20H32N2O6S",  # ephedrine sulfate (2:1)
            "pmh5012": "C10H8NNaO",  # APAAN sodium enolate
            "pmh5017": "C13H19NO",  # pseudoephedrine acetone oxazolidine
            "pdh5016": "C22H28N4O3",  # etonitazene
            "pdh5017": "C24H32N4O3",  # butonitazene, as an InChI
            "pdh5022": "C24H30N2O3",  # carfentanil
            "nlh5029": "C24H30ClNO3",  # donepezil hydrochloride
            "nlh5030": "C19H20ClN3",  # clemizole
        },
    )
