"""The nineteenth held-out set (devtools/data/evaluation_heldout19.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, without reading chemistry/data, chemistry/rules.py,
chemistry/families.py or the earlier sets' misses), on one theme: what the monitoring bodies reported in 2023-2026
(INCB precursor reports, EUDA/Europol EU Drug Markets analyses, EU Early Warning System notifications, the Delegated
Regulations 2022/1518, 2023/196, 2024/1331 and 2025/1475) as it turns up in parcels and consignments from online
vendors: webshop product titles, "not for human consumption", "lab reagent", vendor code names ("BMK ethyl
glycidate", "PMK powder new"), IUPAC names, CAS typed many ways, SMILES and InChI from vendor pages, CN codes that are
wrong or generic (2942 00 00, 3824 99 96), several substances in one field, next to legitimate chemicals and medicines
of similar shape or name sold by the same kind of supplier.
Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_declared_forms_of_a_later_set,
    assert_formulas,
    assert_group_sizes,
)

HELDOUT19 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout19.csv"
VENDOR_WORDS = ("not for human consumption", "research", "lab reagent", "r&d", "lab use")
GENERIC_CN_CODES = {"2942 00 00", "3824 99 96"}


def test_nineteenth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT19)
    assert_declared_forms_of_a_later_set(rows, 50)
    assert_group_sizes(rows, 20, 10, 30, 45)


def test_nineteenth_heldout_reads_like_online_vendors_parcels_on_both_sides():
    """The theme: vendor wording and generic CN codes appear on positives and on legitimate items alike, so that a
    screener cannot score the wording or the code instead of the chemistry."""
    rows = load_rows(HELDOUT19)

    def text(row):
        return f"{row.value} {row.description}".lower()

    for side in (True, False):
        group = [row for row in rows if row.positive is side]
        assert sum(1 for row in group if any(word in text(row) for word in VENDOR_WORDS)) >= 8
        assert sum(1 for row in group if row.cn_code in GENERIC_CN_CODES) >= 3


def test_nineteenth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT19),
        {
            "pch19025": "C15H13NaO7",  # IMDPAM sodium salt
            "pch19031": "C10H15NO",  # pseudoephedrine (InChI)
            "pch19044": "C16H16N2O2",  # lysergic acid (InChI)
            "pmh19003": "C10H11NaO6S",  # PMK bisulfite adduct
            "pmh19012": "C13H15NO3",  # 1-Cbz-4-piperidone
            "pph19011": "C11H15FN2",  # para-fluoro 4-AP
            "pdh19003": "C23H30N4O3",  # protonitazene
            "pdh19017": "C13H17NO3",  # eutylone
            "pdh19021": "C17H12ClFN4",  # flualprazolam
            "pdh19025": "C22H27FN2O2",  # ocfentanil
            "nlh19052": "C12H14O3",  # ethyl methylphenylglycidate (InChI)
        },
    )
