"""Names of the nor- compounds of the fentanyl class (chemistry/nor_names.py)."""

import pytest
from rdkit import Chem

from chemistry.nor_names import remove_ring_nitrogen_substituent, split_nor_fentanyl_name


@pytest.mark.parametrize(
    ("declared", "drug"),
    [
        ("Acetyl norfentanyl", "Acetylfentanyl"),  # the thirty-fifth held-out set's pmh35012
        ("Furanyl-norfentanyl", "Furanylfentanyl"),
        ("cyclopropylnorfentanyl", "cyclopropylfentanyl"),
        ("4-Fluorobutyryl norfentanyl", "4-Fluorobutyrylfentanyl"),
        # "nor" before a drug's whole name ending in fentanil or fentanyl (thirty-third session)
        ("Norsufentanil", "sufentanil"),
        ("Nor-carfentanil", "carfentanil"),
        ("noracetylfentanyl", "acetylfentanyl"),
    ],
)
def test_a_nor_name_names_the_drug_it_is_built_on(declared, drug):
    assert split_nor_fentanyl_name(declared) == drug


@pytest.mark.parametrize(
    "declared",
    ["Norfentanyl", "Acetylfentanyl", "norfentanyl acetyl", "a" * 60 + " norfentanyl", "Nor 1 fentanil", "Norsufentanil-d3"],
)
def test_other_names_are_not_nor_names(declared):
    assert split_nor_fentanyl_name(declared) is None


@pytest.mark.parametrize(
    ("drug", "nor"),
    [
        ("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", "CC(=O)N(c1ccccc1)C1CCNCC1"),  # acetylfentanyl
        ("CCC(=O)N(c1ccccc1)C1CCN(CCc2cccs2)CC1", "CCC(=O)N(c1ccccc1)C1CCNCC1"),  # thiofentanyl
        ("CCC(=O)N(c1ccccc1)C1CCN(C(C)Cc2ccccc2)CC1", "CCC(=O)N(c1ccccc1)C1CCNCC1"),  # alpha-methylfentanyl
    ],
)
def test_the_nor_compound_has_lost_the_group_on_the_piperidine_nitrogen(drug, nor):
    assert remove_ring_nitrogen_substituent(Chem.MolFromSmiles(drug)) == Chem.CanonSmiles(nor)


@pytest.mark.parametrize(
    "structure",
    [
        "CCC(=O)N(c1ccccc1)C1CCNCC1",  # norfentanyl: nothing on the ring nitrogen
        "CN1CCC(Nc2ccccc2)CC1",  # no anilide
        "CCC(=O)N(c1ccccc1)C1CCN(C(=O)OC(C)(C)C)CC1",  # a carbamate, not a carbon group
    ],
)
def test_structures_without_one_group_on_the_ring_nitrogen_have_no_nor_compound(structure):
    assert remove_ring_nitrogen_substituent(Chem.MolFromSmiles(structure)) is None
