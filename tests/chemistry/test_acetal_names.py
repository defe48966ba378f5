import pytest
from rdkit import Chem

from chemistry.acetal_names import ACETAL_ALCOHOLS, build_acetal_structure, split_acetal_name
from chemistry.molecules import standardise_smiles


def alcohol(name):
    return next(spec for spec in ACETAL_ALCOHOLS if spec.name == name)


def key(smiles):
    return standardise_smiles(smiles)[0].key


@pytest.mark.parametrize(
    ("declared", "parent", "alcohol_name", "ketal"),
    [
        ("piperonal dimethyl acetal", "piperonal", "dimethyl", False),  # the twenty-third held-out set's pmh23013
        ("Phenylacetaldehyde Diethyl Acetal", "Phenylacetaldehyde", "diethyl", False),
        ("BMK ethylene glycol ketal", "BMK", "ethylene glycol", True),
        ("vanillin propylene glycol acetal", "vanillin", "propylene glycol", False),
        ("4-piperidone, ethylene ketal", "4-piperidone", "ethylene glycol", True),
        ("cyclohexanone neopentyl glycol ketal", "cyclohexanone", "neopentyl glycol", True),
    ],
)
def test_a_functional_class_acetal_name_splits_into_the_carbonyl_compound_and_the_alcohol(
    declared, parent, alcohol_name, ketal
):
    split = split_acetal_name(declared)
    assert (split.parent, split.alcohol.name, split.ketal) == (parent, alcohol_name, ketal)


@pytest.mark.parametrize(
    "declared",
    [
        "acetal",  # the name of 1,1-diethoxyethane itself, no carbonyl compound before it
        "dimethyl acetal",
        "polyvinyl acetal resin",  # "acetal" not at the end after an alcohol
        "acetaldehyde diethyl acetal " + "x" * 300,  # longer than any such name
        "2,2-dimethoxypropane",
    ],
)
def test_names_that_are_no_functional_class_acetal_name_are_not_split(declared):
    assert split_acetal_name(declared) is None


@pytest.mark.parametrize(
    ("parent", "alcohol_name", "ketal", "acetal"),
    [
        ("O=Cc1ccc2c(c1)OCO2", "dimethyl", False, "COC(OC)c1ccc2c(c1)OCO2"),  # piperonal
        ("CC(=O)Cc1ccccc1", "ethylene glycol", True, "CC1(Cc2ccccc2)OCCO1"),  # BMK
        ("CC(=O)Cc1ccccc1", "ethylene glycol", False, "CC1(Cc2ccccc2)OCCO1"),  # a ketone's acetal is a ketal
        ("O=C1CCNCC1", "ethylene glycol", True, "C1CC2(CCN1)OCCO2"),  # 4-piperidone's ketal
        ("COc1cc(C=O)ccc1O", "propylene glycol", False, "COc1cc(C2OCC(C)O2)ccc1O"),  # vanillin
        ("O=C1CCCCC1", "neopentyl glycol", True, "CC1(C)COC2(CCCCC2)OC1"),
    ],
)
def test_the_acetal_is_built_on_the_only_carbonyl(parent, alcohol_name, ketal, acetal):
    smiles, why = build_acetal_structure(Chem.MolFromSmiles(parent), alcohol(alcohol_name), ketal)
    assert why == "" and key(smiles) == key(acetal)


@pytest.mark.parametrize(
    ("parent", "ketal", "reason"),
    [
        (
            "OC(=O)Cc1ccccc1",
            False,
            "no aldehyde or ketone",
        ),  # phenylacetic acid: a carboxyl is no carbonyl to acetalise
        ("CC(=O)C(=O)c1ccccc1", False, "2 carbonyl groups"),  # 1-phenyl-1,2-propanedione: which one?
        ("O=Cc1ccccc1", True, "a ketal is a ketone's"),  # benzaldehyde "ketal"
        ("CN(C)C=O", False, "no aldehyde or ketone"),  # DMF's formyl is an amide's
    ],
)
def test_an_acetal_that_the_name_does_not_fix_is_refused_with_the_reason(parent, ketal, reason):
    smiles, why = build_acetal_structure(Chem.MolFromSmiles(parent), alcohol("dimethyl"), ketal)
    assert smiles is None and reason in why
