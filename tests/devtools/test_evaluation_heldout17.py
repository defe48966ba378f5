"""The seventeenth held-out set (devtools/data/evaluation_heldout17.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/, cli/
or the other sets' bodies), on one theme: a European chemical distributor's export and intra-EU dispatch lines as its
ERP prints them. Article codes before or after the name ("ART-10023 Toluene tech."), lot and batch numbers, units and
pack sizes in the text, SDS wording (UN numbers, "Flammable liquid, n.o.s."), mixtures with their composition
("Acetone 60 %, toluene 40 %", SDS-style "30-60 %" ranges, "Ephedrine HCl 10 % in lactose"), customer trade names,
the licensed trade (customer declarations, licence and registration numbers in the text), and names from multilingual
master data (German, French, Italian and Spanish names, each with the public page it was read from: the Austrian
BMF list of drug precursors, Eger's GÜG lecture, French and Italian encyclopaedia pages, a Spanish nomenclature
course). Category 2 and 3 solvents and acids come in bulk next to the distributor's legitimate catalogue of similar
names (solvents, acids, ketones, esters, amines, aldehydes, flavour and pharmaceutical grades). Scheduled rows come in
the forms issue 11 asks for (CAS typed every way, several CAS in one field, salts as SMILES, InChI with stereo, a
description-only line with its CN code, Category 4 medicines), with masks, pre-precursors and drugs declared as
chemicals.
Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_declared_forms_of_a_later_set,
    assert_formulas,
    assert_group_sizes,
)

HELDOUT17 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout17.csv"
ERP_CODES = re.compile(r"\b(art[.-]|réf\.|cod\.|lot\b|lote\b|charge\b)", re.IGNORECASE)
SDS_WORDS = ("un 1", "un 2", "un 3", "n.o.s.")


def test_seventeenth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT17)
    assert_declared_forms_of_a_later_set(rows, 45)
    assert_group_sizes(rows, 15, 10, 15, 40)


def test_seventeenth_heldout_reads_like_a_distributors_erp_lines_on_both_sides():
    """The theme: article codes and lots, SDS wording and compositions with percentages appear on positives and on
    legitimate items alike, so that a screener cannot score the wording instead of the chemistry."""
    rows = load_rows(HELDOUT17)

    def text(row):
        return f"{row.value} {row.description}".lower()

    for side in (True, False):
        group = [row for row in rows if row.positive is side]
        assert sum(1 for row in group if ERP_CODES.search(text(row))) >= 8
        assert sum(1 for row in group if any(word in text(row) for word in SDS_WORDS)) >= 5
        assert sum(1 for row in group if text(row).count("%") >= 2) >= 2  # compositions of several components


def test_seventeenth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT17),
        {
            "pch17020": "KMnO4",  # potassium permanganate
            "pch17044": "C10H15NO",  # pseudoephedrine (InChI)
            "pch17045": "C20H32N2O6S",  # pseudoephedrine sulfate (2:1)
            "pch17057": "C11H9NaO5",  # PMK glycidic acid sodium salt
            "pmh17003": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh17006": "C12H14O3",  # ethyl 3-oxo-4-phenylbutanoate
            "pmh17009": "C16H23NO4",  # t-BOC-MDMA
            "pph17011": "C13H16ClNO",  # hydroxylimine
            "pdh17013": "C24H30N2O3",  # carfentanil
            "pdh17015": "C23H30N4O3",  # isotonitazene
            "nlh17052": "C9H10O",  # 2-phenylpropanal
        },
    )
