"""Bisulfite adducts named as such (chemistry/adduct_names.py): the carbonyl compound's name, and the adduct built."""

import pytest
from rdkit import Chem

from chemistry.adduct_names import add_bisulfite, split_bisulfite_adduct_name
from chemistry.molecules import standardise_smiles


@pytest.mark.parametrize(
    ("declared", "carbonyl"),
    [
        ("1-Phenyl-2-propanone sodium bisulfite adduct", "1-Phenyl-2-propanone"),  # the fifty-seventh set's pmh57005
        ("BMK bisulphite addition compound", "BMK"),
        ("PMK, sodium bisulfite adduct", "PMK"),
        ("sodium bisulfite adduct of piperonal", "piperonal"),
        ("4-Piperidone hydrogen sulfite adduct", "4-Piperidone"),
    ],
)
def test_an_adducts_name_gives_the_carbonyl_compounds_name(declared, carbonyl):
    assert split_bisulfite_adduct_name(declared) == carbonyl


@pytest.mark.parametrize("declared", ["Sodium bisulfite", "bisulfite adduct", "Piperonal", "sodium bisulfite solution 40 %"])
def test_other_names_give_none(declared):
    assert split_bisulfite_adduct_name(declared) is None


@pytest.mark.parametrize(
    ("carbonyl", "adduct"),
    [
        ("CC(=O)Cc1ccccc1", "CC(O)(Cc1ccccc1)S(=O)(=O)O"),  # BMK, a ketone
        ("O=Cc1ccc2c(c1)OCO2", "O=S(=O)(O)C(O)c1ccc2c(c1)OCO2"),  # piperonal, an aldehyde
        ("COC(=O)C(C(C)=O)c1ccccc1", "COC(=O)C(c1ccccc1)C(C)(O)S(=O)(=O)O"),  # MAPA: its ketone, not its ester
    ],
)
def test_the_adduct_is_built_on_the_one_aldehyde_or_ketone(carbonyl, adduct):
    built = add_bisulfite(Chem.MolFromSmiles(carbonyl))
    assert standardise_smiles(built)[0].key == standardise_smiles(adduct)[0].key


@pytest.mark.parametrize(
    "smiles",
    [
        "OC(=O)Cc1ccccc1",  # an acid forms no adduct
        "CC(=O)OC",  # nor an ester
        "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1",  # nor an amide
        "CC(=O)CC(C)=O",  # two ketones: which one is not guessed
    ],
)
def test_no_adduct_without_exactly_one_aldehyde_or_ketone(smiles):
    assert add_bisulfite(Chem.MolFromSmiles(smiles)) is None
