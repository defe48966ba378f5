"""The twentieth held-out set (devtools/data/evaluation_heldout20.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/, cli/
or the other sets' misses), on one theme: identifiers as other systems export them. A laboratory information system
(standard InChI, InChI with /p protonation and charge layers, two-component InChI of salts, an InChI without its
stereo layers), an electronic lab notebook (Kekulé and explicit-H SMILES, charged ion pairs, disconnected hydrates,
CXSMILES with |r| and enhanced-stereo extensions, non-standard InChI with a fixed-H layer), an SDS authoring tool
(section 1 and 3 identifiers, document numbers in the name field), a chemical-inventory database (CAS index names:
"Benzeneacetic acid, α-acetyl-, methyl ester"), an ECHA/REACH registration extract (CAS with its EC number) and a
customs single-window feed (several CAS in one field, CAS and SMILES padded with blanks). Every EU precursor category
(1, 2A, 2B, 3, 4) and the UN drug schedules, with masks, pre-precursors and legitimate look-alikes (isomers,
homologues, positional isomers, medicines of similar shape) exported by the same systems.
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

HELDOUT20 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout20.csv"
EXPORTERS = ("LIMS export", "ELN export", "SDS", "ChemInventory export", "REACH", "SW feed")
# A CAS index name: the parent first, then a comma and the substituents ending in a hyphen, then perhaps a
# modifier ("Benzoic acid, 2-(acetylamino)-", "Benzeneacetic acid, α-acetyl-, methyl ester").
CAS_INDEX_NAME = re.compile(r"^[^ ]+(?: [^ ,]+)*, \S.*-(?:, .+)?$")


def test_twentieth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT20)
    assert len(rows) >= 150
    assert_declared_forms_of_a_later_set(rows, 60)
    assert_group_sizes(rows, 15, 10, 20, 45)


def test_twentieth_heldout_reads_like_other_systems_exports_on_both_sides():
    """The theme: every exporting system, CAS index names and InChI appear on positives and on legitimate items
    alike, so that a screener cannot score the export format instead of the chemistry."""
    rows = load_rows(HELDOUT20)
    for side in (True, False):
        group = [row for row in rows if row.positive is side]
        for exporter in EXPORTERS:
            assert any(exporter in row.description for row in group), (side, exporter)
        assert sum(1 for row in group if row.kind == "name" and CAS_INDEX_NAME.match(row.value)) >= 8
        assert sum(1 for row in group if row.kind == "inchi") >= 10


def test_twentieth_heldout_has_the_identifier_forms_its_theme_names():
    rows = load_rows(HELDOUT20)
    inchis = [row.value for row in rows if row.kind == "inchi"]
    smiles = [row.value for row in rows if row.kind == "smiles"]
    assert any(value.startswith("InChI=1/") and "/f" in value for value in inchis)  # non-standard, fixed-H layer
    assert any("/p+1" in value for value in inchis)  # protonation layer
    assert any("/q" in value for value in inchis)  # charge layer of a salt
    assert any(value.startswith("InChI=1S/") and ".ClH/" in value for value in inchis)  # two-component salt
    assert any(" |" in value for value in smiles)  # CXSMILES extension
    assert any(value != value.strip() for value in smiles)  # blanks around the value
    assert any("[H]" in value for value in smiles)  # explicit hydrogen
    assert any(".O" in value and "Cl" in value for value in smiles)  # disconnected hydrate of a salt
    assert any("(EC " in row.value for row in rows if row.kind == "cas")  # EC number next to CAS


def test_twentieth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT20),
        {
            "pch20001": "C9H10O",  # BMK
            "pch20010": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch20034": "C10H15NO",  # ephedrine
            "pch20037": "C10H16ClNO",  # pseudoephedrine hydrochloride
            "pch20039": "C20H32N2O6S",  # pseudoephedrine sulfate (2:1)
            "pch20041": "C9H14NO+",  # norephedrine cation
            "pch20052": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate
            "pmh20004": "C9H11NaO4S",  # BMK bisulfite adduct
            "pph20001": "C9H9NO2",  # P2NP
            "pdh20005": "C21H23NO5",  # heroin
            "pdh20012": "C20H25N3O",  # LSD
            "nlh20018": "C12H14O3",  # ethyl methylphenylglycidate
            "nlh20047": "C20H25N3O2",  # methylergometrine
        },
    )
