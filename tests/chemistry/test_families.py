import pytest
from rdkit import Chem

from chemistry.families import FAMILY_SPECS, compile_families

FAMILIES = {f.spec.id: f for f in compile_families()}

CASES = [
    ("FAM-4-ANILINOPIPERIDINE", "CC(=O)N1CCC(Nc2ccccc2)CC1", True),
    ("FAM-4-ANILINOPIPERIDINE", "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", True),
    ("FAM-4-ANILINOPIPERIDINE", "c1ccc(NC2CCCCC2)cc1", False),
    ("FAM-4-ANILINOPIPERIDINE", "COC(=O)C1(Nc2ccccc2)CCNCC1", True),  # carfentanil route
    ("FAM-4-ANILINOPIPERIDINE", "c1csc(NC2CCNCC2)c1", True),  # thienyl analogue of 4-AP
    ("FAM-4-ANILINOPIPERIDINE", "Fc1ccc(NC2CCNCC2)cc1", True),  # para-fluoro 4-AP
    ("FAM-4-ANILINOPIPERIDINE", "CN1CCC(N(Cc2ccccc2)c2ccccc2)CC1", False),  # bamipine (antihistamine)
    ("FAM-4-ANILINOPIPERIDINE", "COc1ccc(CCN2CCC(Nc3nc4ccccc4n3Cc3ccc(F)cc3)CC2)cc1", False),  # astemizole
    ("FAM-4-PIPERIDONE-N-SUBST", "O=C1CCN(Cc2ccccc2)CC1", True),
    ("FAM-4-PIPERIDONE-N-SUBST", "O=C1CCCCC1", False),
    ("FAM-P2P-SKELETON", "CC(=O)Cc1ccc(C)cc1", True),
    ("FAM-P2P-SKELETON", "CC(=O)c1ccccc1", False),
    ("FAM-ARYL-METHYLGLYCIDATE", "CCOC(=O)C1(C)OC1c1ccc(C)cc1", True),
    ("FAM-ARYL-METHYLGLYCIDATE", "CCOC(=O)C1OC1(C)c1ccccc1", False),  # strawberry aldehyde
    ("FAM-MDP-C3", "C=CCc1ccc2c(c1)OCO2", True),
    ("FAM-MDP-C3", "O=Cc1ccc2c(c1)OCO2", False),
    ("FAM-MDP-C3", "O=C(/C=C/C=C/c1ccc2c(c1)OCO2)N1CCCCC1", False),  # piperine
    ("FAM-MDP-C3", "CC(C=O)Cc1ccc2c(c1)OCO2", True),  # helional: weak evidence, info at most
    ("FAM-ALPHA-HALO-ARYL-KETONE", "CC(Br)C(=O)c1ccc(Cl)cc1", True),
    ("FAM-ALPHA-HALO-ARYL-KETONE", "BrCC(=O)c1ccccc1", False),  # phenacyl bromide: no alkyl chain
    ("FAM-ARYL-NITROALKENE", "CC(=Cc1ccc(OC)cc1)[N+](=O)[O-]", True),
    ("FAM-ARYL-NITROALKENE", "O=[N+]([O-])C=Cc1ccccc1", False),
    ("FAM-PHENYLPROPANOLAMINE", "CNC(C)C(O)c1ccc(F)cc1", True),
    ("FAM-PHENYLPROPANOLAMINE", "CNCC(O)c1cccc(O)c1", False),  # phenylephrine
    ("FAM-PHENYLPROPANOLAMINE", "CC(N)C(O)c1cccc(O)c1", False),  # metaraminol (vasopressor)
    ("FAM-PHENYLPROPANOLAMINE", "CC(NCCc1ccc(O)cc1)C(O)c1ccc(O)cc1", False),  # ritodrine (beta-agonist)
    ("FAM-PHENYLPROPANOLAMINE", "CC(COc1ccccc1)NC(C)C(O)c1ccc(O)cc1", False),  # isoxsuprine
    ("FAM-ALKOXY-NITROSTYRENE", "COc1ccc(OC)c(/C=C/[N+](=O)[O-])c1", True),  # 2C-H route
    ("FAM-ALKOXY-NITROSTYRENE", "COc1cc(C=C[N+](=O)[O-])cc(OC)c1OC", True),  # mescaline route
    ("FAM-ALKOXY-NITROSTYRENE", "O=[N+]([O-])C=Cc1ccc2c(c1)OCO2", True),
    ("FAM-ALKOXY-NITROSTYRENE", "O=[N+]([O-])/C=C/c1ccccc1", False),
    ("FAM-ALKOXY-NITROSTYRENE", "COc1ccc(C=C[N+](=O)[O-])cc1", False),
]


def test_every_family_is_tested_both_ways_and_explained():
    positives = {fid for fid, _, hit in CASES if hit}
    negatives = {fid for fid, _, hit in CASES if not hit}
    ids = {s.id for s in FAMILY_SPECS}
    assert positives == ids == negatives
    assert all(len(s.rationale) > 40 and 0 < s.weight < 1 for s in FAMILY_SPECS)


@pytest.mark.parametrize(("family", "smiles", "hit"), CASES)
def test_family_pattern(family, smiles, hit):
    assert Chem.MolFromSmiles(smiles).HasSubstructMatch(FAMILIES[family].pattern) is hit
