"""The forty-sixth held-out set (devtools/data/evaluation_heldout46.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: chemists' and patent nomenclature. The scheduled substances, their
masks and designer precursors, the drugs and their legitimate look-alikes named as chemists, patent examples and
chemical suppliers' catalogues name them: CAS index names (inverted, "2-Propanone, 1-phenyl-", with ".alpha." as CAS
exports write it), IUPAC names with stereodescriptors and locants in different styles (lower-case "(1r,2s)", "(2RS)",
the "oxidanylidene" and "azanyl" styles, benzo[d][1,3]dioxole fusion names), systematic names in the languages of
other EU member states as their national texts and notices print them (German, French, Polish, Italian, Spanish,
misprints and stray spaces kept), synthetic intermediates named or drawn systematically, SMILES and InChI as
chemistry software exports them (with and without stereo, charged salt forms), and legitimate compounds whose
systematic names differ from a scheduled one by a locant or a substituent. Its recall is a measurement
(docs/evaluation.md), not a gate.
"""

import re
from collections import Counter
from pathlib import Path

from rdkit import Chem

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT46 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout46.csv"

LANGUAGES = ("German", "French", "Polish", "Italian", "Spanish")
# lower- or upper-case CIP and E/Z descriptors in brackets, as IUPAC names and database exports write them
STEREO_NAME = re.compile(r"\((?:\d+[a-z]*)?(?:r|s|R|S|RS|e|E|z|Z)(?:,\s?\d*[a-z]*(?:r|s|R|S|e|E|z|Z))*\)")


def test_forty_sixth_heldout_names_are_written_as_chemists_write_them():
    rows = load_rows(HELDOUT46)
    names = [row for row in rows if row.kind == "name"]
    # CAS index names: the parent first, the substituents after a comma (a bare heading such as Benzeneacetonitrile
    # has none), each row says so and cites where it was read
    inverted = [row for row in names if "CAS index name" in row.note]
    assert len(inverted) >= 40
    assert sum(1 for row in inverted if "," in row.value) >= 35
    assert sum(1 for row in inverted if ".alpha." in row.value) >= 5
    assert {row.group for row in inverted} == {
        "scheduled substances",
        "masks",
        "pre-precursors",
        "drugs",
        "legitimate look-alikes",
    }
    # IUPAC names with stereodescriptors, and the newer IUPAC styles next to the older ones
    assert sum(1 for row in names if STEREO_NAME.search(row.value)) >= 8
    assert sum(1 for row in names if re.search(r"oxidanyl|azanyl|bromanyl", row.value)) >= 5
    assert any("benzo[d][1,3]dioxol" in row.value for row in names)


def test_forty_sixth_heldout_foreign_names_cite_their_source():
    rows = load_rows(HELDOUT46)
    by_language = Counter()
    for row in rows:
        for language in LANGUAGES:
            if row.note.rstrip().endswith(language) or f"; {language};" in row.note or f"; {language}" in row.note:
                by_language[language] += 1
                assert "http" in row.note or "chemicals package database" in row.note, row.id
    assert all(by_language[language] >= 2 for language in LANGUAGES), by_language
    assert sum(by_language.values()) >= 30


def test_forty_sixth_heldout_structures_are_exported_as_chemistry_software_writes_them():
    rows = load_rows(HELDOUT46)
    structures = [row for row in rows if row.kind in {"smiles", "inchi"}]
    assert len(structures) >= 40
    stereo = [row for row in structures if "@" in row.value or "/t" in row.value or "/" in row.value.split("InChI")[0]]
    assert len(stereo) >= 6
    charged = [row for row in structures if re.search(r"\[(?:Na|K|NH2|Cl|O|C)[+-]\]", row.value)]
    assert len(charged) >= 8
    # every structure parses to a molecule with a single formula (no empty fragments)
    for row in structures:
        mol = Chem.MolFromInchi(row.value) if row.kind == "inchi" else Chem.MolFromSmiles(row.value)
        assert mol is not None and mol.GetNumAtoms() > 0, row.id


def test_forty_sixth_heldout_look_alikes_differ_by_a_locant_or_a_substituent():
    rows = load_rows(HELDOUT46)
    look_alikes = [row for row in rows if row.group == "legitimate look-alikes"]
    differing = [row for row in look_alikes if "differs from" in row.note or "differ" in row.note]
    assert len(differing) >= 40
    assert sum(1 for row in look_alikes if "locant" in row.note) >= 8


def test_forty_sixth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT46),
        {
            "pch46015": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch46017": "C11H12O3",  # BMK methyl glycidate, one stereoisomer
            "pch46031": "C11H9KO5",  # PMK glycidic acid potassium salt
            "pch46034": "C15H13NaO7",  # IMDPAM sodium salt
            "pch46036": "C10H15NO",  # ephedrine InChI
            "pch46039": "C20H32N2O6S",  # pseudoephedrine sulfate (2:1), charged
            "pch46051": "C11H18Cl2N2",  # 4-AP dihydrochloride, charged
            "pmh46001": "C11H14O2",  # 2-benzyl-2-methyl-1,3-dioxolane
            "pmh46002": "C12H14O4",  # PMK ethylene ketal
            "pmh46003": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh46004": "C11H12O3",  # methyl 3-oxo-4-phenylbutanoate
            "pmh46005": "C12H14O3",  # ethyl 3-oxo-4-phenylbutanoate
            "pmh46006": "C12H12O5",  # methyl 4-(1,3-benzodioxol-5-yl)-3-oxobutanoate
            "pmh46007": "C10H11NO2",  # 2-methyl-3-phenyloxirane-2-carboxamide
            "pmh46008": "C16H20O5",  # PMK glycidic acid pentyl ester
            "pmh46009": "C17H16O3",  # BMK glycidic acid benzyl ester
            "pmh46010": "C19H28N2O3",  # N-Boc-norfentanyl
            "pmh46011": "C18H22N2",  # 1-benzyl-N-phenylpiperidin-4-amine
            "pmh46014": "C12H21NO4",  # 1-boc-4-piperidone ethylene ketal
            "pmh46016": "C11H15NO",  # 3,4-dimethyl-5-phenyl-1,3-oxazolidine
            "pmh46017": "C12H17NO2",  # O-acetylephedrine
            "pmh46019": "C13H14O5",  # dimethyl (phenylacetyl)malonate
            "pmh46020": "C14H14O5",  # phenylacetyl Meldrum's acid
            "pmh46021": "C13H14O5",  # ethyl twin of MAMDPA
            "pmh46022": "C10H10O4",  # piperonal ethylene acetal
            "pph46007": "C10H11BrO",  # 2-bromo-4'-methylpropiophenone
            "pph46014": "C10H9NO4",  # benzodioxole nitropropene
            "pdh46023": "C13H19NO",  # 4-propyl methcathinone
            "pdh46024": "C23H30N2O",  # beta-methylfentanyl
            "pdh46025": "C13H19NO",  # benzofuran twin of MDEA
            "pdh46026": "C14H19NO3",  # benzodioxole butanone cathinone
            "pdh46027": "C24H30N2O",  # cyclobutyl fentanyl
        },
    )
