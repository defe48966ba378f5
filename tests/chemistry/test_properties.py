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
