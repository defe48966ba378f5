"""Screening is invariant under atom order, salt form and SMILES spelling."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdkit import Chem

from tests.factories import make_screener, screen_one

SCREENER = make_screener()
STRUCTURES = [
    "CCOC(=O)C1(C)OC1c1ccccc1",
    "CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1",
    "CN(C(=O)OC(C)(C)C)C(C)Cc1ccccc1",
    "CC1(C)OC(=O)C(C(=O)Cc2ccc3c(c2)OCO3)C(=O)O1",
    "CC(=O)C(C#N)c1ccccc1",
    "CCOC(=O)C1OC1(C)c1ccccc1",
    "CC(=O)CC(=O)Nc1ccccc1",
    "COC(=O)c1ccccc1N",
    "CCOC(=O)Cc1ccccc1",
    "CC(Br)C(=O)c1ccc(C)cc1",
    "CC1=Nc2ccccc2C(=O)O1",  # acetanthranil: a ring RDKit reads as aromatic, opened by a rule
    "CC(O)=Cc1ccccc1",  # BMK drawn as its enol: read as the listed tautomer
    # ergotamine drawn with its lysergamide as the imidic acid (the identifier database's drawing)
    "CN1C[C@H](C(O)=N[C@]2(C)O[C@@]3(O)[C@@H]4CCCN4C(=O)[C@H](Cc4ccccc4)N3C2=O)C=C2c3cccc4[nH]cc(c34)C[C@H]21",
]
COUNTER_IONS = ["", ".Cl", ".O", ".[Na+].[Cl-]", ".OS(=O)(=O)O", ".O.O"]


def signature(smiles: str) -> tuple:
    v = screen_one({"smiles": smiles, "description": "chemical"}, SCREENER)
    return (
        v.severity,
        v.score,
        tuple(sorted((f.method, f.entry.id if f.entry else f.family.spec.id) for f in v.findings)),
    )


BASELINE = {s: signature(s) for s in STRUCTURES}


def _renumbered(smiles: str, seed: int) -> str:
    mol = Chem.MolFromSmiles(smiles)
    order = list(range(mol.GetNumAtoms()))
    random.Random(seed).shuffle(order)
    return Chem.MolToSmiles(Chem.RenumberAtoms(mol, order), canonical=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(STRUCTURES), st.integers(0, 10_000))
def test_atom_reordering(smiles, seed):
    assert signature(_renumbered(smiles, seed)) == BASELINE[smiles]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(STRUCTURES), st.integers(0, 10_000))
def test_random_smiles_spelling(smiles, seed):
    mol = Chem.MolFromSmiles(smiles)
    random.seed(seed)
    spelled = Chem.MolToSmiles(mol, doRandom=True, canonical=False)
    assert signature(spelled) == BASELINE[smiles]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(STRUCTURES), st.sampled_from(COUNTER_IONS))
def test_salt_and_solvate_forms(smiles, ions):
    assert signature(smiles + ions) == BASELINE[smiles]


def test_a_tautomer_drawing_screens_as_the_listed_structure():
    assert signature("CC(O)=Cc1ccccc1") == signature("CC(=O)Cc1ccccc1")
    assert signature(STRUCTURES[-1]) == signature(STRUCTURES[-1].replace("C(O)=N[C@]", "C(=O)N[C@]"))


# Structures on which one rule fires more than once, at sites in different parts of the molecule:
# the verdict must not depend on which site the spelling puts first.
MULTI_SITE = [
    "CCOC(=O)C(C)OC(=O)C1(C)OC1c1ccccc1",  # a BMK glycidate esterified with ethyl lactate
    "CC(=O)N(C)C(C)Cc1ccccc1.CC(=O)NCC",  # two amides in two fragments
    "CCOC(=O)C(C(=O)OCC)C(=O)Cc1ccc2c(c1)OCO2",  # a PMK malonate diester
    "CC(C)(C)OC(=O)N1CCC(N(C(=O)OC(C)(C)C)c2ccccc2)CC1",  # two Boc groups
]


def fresh_signature(smiles: str) -> tuple:
    """The verdict from an engine that has seen nothing before (no cache shared between spellings)."""
    v = screen_one({"smiles": smiles, "description": "chemical"}, make_screener())
    return (v.severity, tuple(sorted((f.method, f.entry.id if f.entry else f.family.spec.id) for f in v.findings)))


MULTI_BASELINE = {s: fresh_signature(s) for s in MULTI_SITE}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MULTI_SITE), st.integers(0, 10_000))
def test_rules_firing_several_times_do_not_depend_on_the_spelling(smiles, seed):
    mol = Chem.MolFromSmiles(smiles)
    random.seed(seed)
    assert fresh_signature(Chem.MolToSmiles(mol, doRandom=True, canonical=False)) == MULTI_BASELINE[smiles]
    assert fresh_signature(_renumbered(smiles, seed)) == MULTI_BASELINE[smiles]
