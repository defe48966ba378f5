"""The twelfth held-out set (devtools/data/evaluation_heldout12.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/,
cli/ or the other sets' bodies). Its theme is the less-covered member states and the chemist's view: declarations
from Nordic, Baltic and Central European offices (Swedish, Czech, Lithuanian and Slovenian names as national
authorities print them, in ERP upper case with grades, packaging and salt abbreviations; Swedish and Finnish drug
names), CAS numbers typed with spaces, dots, en dashes, a leading zero, a prefix or a comment, and structures as a
chemist sends them (explicit hydrogens, ion pairs, kekulé rings, salts and hydrates as separate fragments, a gem-diol,
InChI with and without stereo). Masks are carbamates and amides of 4-AP, ketals, an oxime, a bisulfite adduct, an
enolate and an oxazolidinone; the look-alikes are medicines, flavours and solvents of the same shapes.
Its recall is a measurement, not a gate.
"""

from pathlib import Path

from rdkit import Chem

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
    assert_group_sizes,
    cas_numbers,
    scheduled_rows_in_messy_forms,
)

HELDOUT12 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout12.csv"


def is_kekule(smiles: str) -> bool:
    """A SMILES written without aromatic lower-case atoms that RDKit still perceives as aromatic."""
    mol = Chem.MolFromSmiles(smiles)
    letters = smiles.replace("Cl", "").replace("Br", "").replace("Na", "").replace("Mn", "")
    written_aromatic = any(ch in letters for ch in "cnos")
    return not written_aromatic and any(atom.GetIsAromatic() for atom in mol.GetAtoms())


def test_is_kekule_tells_kekule_from_aromatic_spellings():
    assert is_kekule("C1=CC=C(C=C1)CC(C)=O")
    assert not is_kekule("CC(=O)Cc1ccccc1")
    assert not is_kekule("CCOCC")


def test_twelfth_heldout_covers_the_less_covered_languages_and_messy_cas():
    rows = load_rows(HELDOUT12)
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, 40)
    assert any("-" not in value and " " not in value and "." not in value for value in cas_values)  # no hyphens
    assert any(" " in value and "-" not in value for value in cas_values)  # typed with spaces
    assert any("." in value and "-" not in value and "No." not in value for value in cas_values)  # dots
    assert any("\u2013" in value for value in cas_values)  # en dashes
    assert any(value.startswith("0") for value in cas_values)  # a leading zero
    assert any(value.startswith("CAS") for value in cas_values)  # a prefix
    assert any("(" in value for value in cas_values)  # a comment in brackets
    assert sum(1 for value in cas_values if len(cas_numbers(value)) > 1) >= 3  # several in one field
    names = [row.value for row in scheduled if row.kind == "name"]
    assert sum(1 for name in names if any(ch in name.lower() for ch in "äåö")) >= 3  # Swedish
    assert sum(1 for name in names if any(ch in name.lower() for ch in "ěščřžýáíéů")) >= 3  # Czech
    assert sum(1 for name in names if name.lower().endswith(("as", "rūgštis", "as (cis + trans)"))) >= 6  # Lithuanian
    assert sum(1 for name in names if name == name.upper()) >= 5  # ERP upper case
    drug_names = [row.value for row in rows if row.group == "drugs" and row.kind == "name"]
    assert sum(1 for name in drug_names if name.lower().split(" (")[0].endswith("i")) >= 3  # Finnish


def test_twelfth_heldout_structures_come_as_a_chemist_writes_them():
    rows = load_rows(HELDOUT12)
    smiles = [row.value for row in rows if row.kind == "smiles"]
    assert sum(1 for value in smiles if "[H]" in value) >= 2  # explicit hydrogens
    assert sum(1 for value in smiles if "+]" in value and "-]" in value) >= 8  # ion pairs and zwitterions
    assert sum(1 for value in smiles if is_kekule(value)) >= 8  # kekulé rings
    scheduled_smiles = [row.value for row in rows if row.group == "scheduled substances" and row.kind == "smiles"]
    assert sum(1 for value in scheduled_smiles if "." in value) >= 8  # salts and hydrates as fragments
    inchis = [row.value for row in rows if row.kind == "inchi"]
    assert any("/t" in value and "/m" in value for value in inchis)  # with stereo
    assert sum(1 for value in inchis if "/t" not in value) >= 3  # without stereo
    assert_group_sizes(rows, 20, 10, 20, 25)


def test_twelfth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT12),
        {
            "pch12040": "C10H16ClNO",  # ephedrine hydrochloride
            "pch12041": "C20H32N2O6S",  # pseudoephedrine sulfate (2:1)
            "pch12043": "C10H10O3",  # PMK with explicit hydrogens
            "pch12047": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate as the gem-diol
            "pch12056": "C15H13NaO7",  # IMDPAM sodium enolate
            "pch12063": "C10H14ClN",  # chloroephedrine (InChI)
            "pmh12001": "C19H22N2O2",  # 1-Cbz-4-AP
            "pmh12004": "C21H26N2O",  # benzylfentanyl
            "pmh12015": "C9H11NaO4S",  # P-2-P bisulfite adduct
            "pmh12017": "C11H13NO2",  # ephedrine oxazolidinone
            "pdh12012": "C24H30N2O3",  # carfentanil
            "pdh12017": "C23H31N3O",  # protodesnitazene
            "nlh12001": "C12H14O3",  # ethyl methylphenylglycidate
            "nlh12018": "C19H24N2",  # bamipine
        },
    )


def test_twelfth_heldout_stereo_rows_keep_the_configuration_their_notes_name():
    by_id = {row.id: row for row in load_rows(HELDOUT12)}
    ephedrine = Chem.MolToInchiKey(Chem.MolFromSmiles("CN[C@@H](C)[C@H](O)c1ccccc1"))
    salt = Chem.MolFromSmiles(by_id["pch12040"].value.replace("[Cl-].", "").replace("[NH2+]", "N"))
    assert Chem.MolToInchiKey(salt) == ephedrine
    assert Chem.MolToInchiKey(Chem.MolFromInchi(by_id["pch12058"].value)) == ephedrine
    chloroephedrine = Chem.MolToInchiKey(Chem.MolFromSmiles("CN[C@H](C)[C@@H](Cl)c1ccccc1"))  # (1S,2R)
    assert Chem.MolToInchiKey(Chem.MolFromInchi(by_id["pch12063"].value)) == chloroephedrine
