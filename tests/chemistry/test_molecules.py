import pytest
from rdkit import Chem

from chemistry.molecules import (
    MAX_HEAVY_ATOMS,
    MAX_RINGS,
    bond_fragment,
    compute_degree_vector,
    compute_skeleton_key,
    compute_tautomer_key,
    count_rings,
    parse_inchi,
    parse_smiles,
    standardise_smiles,
)
from tests.factories import screen_one


def test_parse_smiles_rejects_syntax_errors_with_a_reason():
    mol, reason = parse_smiles("C1CC(")
    assert mol is None
    assert "unparsable" in reason


def test_parse_smiles_rejects_impossible_valence():
    mol, reason = parse_smiles("CC(C)(C)(C)(C)C")
    assert mol is None
    assert "valence" in reason.lower()


def test_parse_smiles_bounds_size_before_any_expensive_step():
    huge = "C" * (MAX_HEAVY_ATOMS + 1)
    mol, reason = parse_smiles(huge)
    assert mol is None
    assert "too large" in reason


def test_parse_smiles_rejects_overlong_strings():
    mol, reason = parse_smiles("C" * 5000)
    assert mol is None and "longer" in reason


def test_standardise_strips_salt_and_water_and_reports_them():
    std, _ = standardise_smiles("O=C1CCNCC1.Cl.O")
    assert std.key == "O=C1CCNCC1"
    assert set(std.stripped) == {"Cl", "O"}


def test_standardise_neutralises_carboxylate_salts():
    std, _ = standardise_smiles("[Na+].CC1(C([O-])=O)OC1c1ccccc1")
    assert std.key == "CC1(C(=O)O)OC1c1ccccc1"


def test_standardise_disconnects_covalently_drawn_metals():
    std, _ = standardise_smiles("CC(O)(Cc1ccccc1)S(=O)(=O)O[Na]")
    assert std.key == "CC(O)(Cc1ccccc1)S(=O)(=O)O"


def test_key_ignores_stereo_but_iso_key_keeps_it():
    a, _ = standardise_smiles("CN[C@@H](C)[C@H](O)c1ccccc1")
    b, _ = standardise_smiles("CN[C@@H](C)[C@@H](O)c1ccccc1")
    assert a.key == b.key
    assert a.iso_key != b.iso_key


def test_inorganic_salts_keep_their_counter_ion():
    potassium, _ = standardise_smiles("[K+].[O-][Mn](=O)(=O)=O")
    sodium, _ = standardise_smiles("[Na+].[O-][Mn](=O)(=O)=O")
    assert potassium.key != sodium.key
    assert not potassium.organic


def test_parse_inchi_round_trip():
    mol, reason = parse_inchi("InChI=1S/C9H10O/c1-8(10)7-9-5-3-2-4-6-9/h2-6H,7H2,1H3")
    assert reason == ""
    assert mol.GetNumHeavyAtoms() == 10


def test_parse_inchi_rejects_garbage():
    mol, reason = parse_inchi("InChI=garbage")
    assert mol is None and reason


@pytest.mark.parametrize(
    ("drawing", "note"),
    [
        ("[2H]C([2H])([2H])C(=O)Cc1ccccc1", "isotope"),
        ("CC(=O)C([2H])([2H])c1ccccc1", "isotope"),
        ("[13CH3]C(=O)Cc1ccccc1", "isotope"),
        ("[CH2]C(=O)Cc1ccccc1", "radical"),
        ("*CC(=O)Cc1ccccc1", "dummy"),
    ],
)
def test_labelled_radical_and_dummy_drawings_of_bmk_are_read_as_bmk(drawing, note):
    std, reason = standardise_smiles(drawing)
    assert reason == ""
    assert std.key == "CC(=O)Cc1ccccc1"
    assert any(note in n for n in std.notes)


def test_an_ordinary_drawing_has_no_notes():
    std, _ = standardise_smiles("CN[C@@H](C)[C@H](O)c1ccccc1")
    assert std.notes == ()


def test_an_isotope_labelled_inchi_is_read_as_the_unlabelled_substance():
    from chemistry.resolve import StructureCache, resolve_item
    from tests.factories import bundled_watchlist

    # BMK with a CD3 group, as another system would write it
    inchi = "InChI=1S/C9H10O/c1-8(10)7-9-5-3-2-4-6-9/h2-6H,7H2,1H3/i1D3"
    r = resolve_item(bundled_watchlist(), StructureCache(), inchi=inchi)
    assert r.std is not None and r.std.key == "CC(=O)Cc1ccccc1"
    assert r.std.notes


@pytest.mark.parametrize("drawing", ["c1ccc2c(c1)CC[Zn]2", "O=C1CC[Na]O1"])
def test_a_metal_inside_a_ring_is_disconnected_and_the_rest_can_be_matched(drawing):
    from chemistry.matching import analyse_structure
    from tests.factories import make_screener

    std, reason = standardise_smiles(drawing)
    assert reason == ""
    # every matching method runs on what is left (a stale ring cache made fingerprints raise)
    analyse_structure(std, make_screener().matcher)


@pytest.mark.parametrize("inchi", ["InChI=1S/32766ClN", "InChI=1S/2000CH4/h1H4", "InChI=1S/C151H304"])
def test_an_inchi_of_a_huge_structure_is_refused_from_its_formula_before_any_parse(inchi):
    mol, reason = parse_inchi(inchi)
    assert mol is None and "from the InChI formula" in reason


@pytest.mark.parametrize("inchi", ["InChI=1S/", "InChI=1S/c1-2", "InChI=1S/C9H10O.x"])
def test_an_inchi_with_a_malformed_formula_layer_is_refused(inchi):
    mol, reason = parse_inchi(inchi)
    assert mol is None and "formula" in reason


def test_every_watchlist_entry_given_as_inchi_passes_the_formula_check():
    from rdkit import Chem

    from tests.factories import bundled_watchlist

    for compiled in bundled_watchlist().entries:
        inchi = Chem.MolToInchi(compiled.std.mol)
        if inchi:
            mol, reason = parse_inchi(inchi)
            assert mol is not None, (compiled.id, reason)


# Fused aromatic cages (random 3-connected graphs of aromatic carbons): 80 atoms and 41 rings, 100
# atoms and 51 rings. RDKit's aromaticity perception spends most of a second on the second.
CAGE_41 = (
    "c12c3c4c5c6c7c8c9c%10c%11c%12c%13c%14c%15c%16c%17c%18c%19c%20c5c5c%21c%16c%16c%22c%23c%24c%12c%19c%12c%19"
    "c%25c%26c%27c7c9c7c1c1c%16c9c%16c%28c%29c(c%11c(c2%26)c6c%23c%21%29)c%13c2c(c9c6c(c1c(c1c(c%18c(c%17c%10%28)"
    "c7%19)c%15c(c4c%27c(c%14%24)c25)c%221)c%166)c1c(c1%25)c83)c%20%12"
)
CAGE_41_INCHI = (
    "InChI=1S/C80/c1-2-3(1)6-11-19-18-12(6)24-35-29-16-8-4(1)7-13-17-9-5(2)10-20-25-14(7)28-34-21(9)40-36(20)43-26(13)"
    "46-55-42-23(10)33(25)27-15(8)31-48-53-38(19)59-51(34)68(53)79-77-63-49(31)56(42)58-37(18)39(24)41(22(11)32(17)27)"
    "60-72(59)73-61(43)75-71(58)67(46)69-52(35)62-47(28)65-66(73)50(64(55)76(69)78(65)79)30(16)45(57(48)63)44(29)"
    "54(40)70(62)80(75)74(60)77"
)
CAGE_51 = (
    "c12c3c4c5c6c7c8c9c%10c%11c%12c9c9c%13c%14c%15c%16c%17c%18c%13c%13c%19c%16c%16c%20c%21c%19c%19c%22c%23c%13c%13"
    "c%24c%25c%26c5c5c%27c%28c%29c(c1c1c(c%30c%16c%16c%31c%32c%33c%34c(c1c%31c1c%31c(c%35c%36c%19c%19c(c%36c%31c%31"
    "c(c(c%36c%25c(c%181)c%23%36)c(c(c%35c(c8%14)c(c1c8c%21c8c%221)c%33%31)c%279)c%19c7c%204)c%16%34)c%263)c%13c%17"
    "c6%32)c(c2c%10%30)c%11%24)c5%15)c%28c%29%12"
)
FULLERENE_C60 = (
    "c12c3c4c5c1c1c6c7c2c2c8c3c3c9c4c4c%10c5c5c1c1c6c6c%11c7c2c2c7c8c3c3c8c9c4c4c9c%10c5c5c1c1c6c6c%11c2c2c7c3c3c8"
    "c4c4c9c5c1c1c6c2c3c41"
)


@pytest.mark.parametrize("smiles", [CAGE_41, CAGE_51])
def test_parse_smiles_bounds_the_ring_count_before_aromaticity_perception(smiles):
    mol, reason = parse_smiles(smiles)
    assert mol is None and "ring system too large" in reason and f"> {MAX_RINGS}" in reason


def test_parse_inchi_bounds_the_ring_count_before_sanitising():
    mol, reason = parse_inchi(CAGE_41_INCHI)
    assert mol is None and "(41 rings > " in reason


def test_a_real_cage_within_the_ring_bound_is_parsed():
    mol, reason = parse_smiles(FULLERENE_C60)
    assert mol is not None and reason == ""
    assert count_rings(mol) == 31


def test_count_rings_counts_every_fragment():
    assert count_rings(parse_smiles("c1ccc2ccccc2c1.C1CC1.CCO")[0]) == 3


def test_a_cage_too_large_to_screen_is_reported_on_the_item():
    verdict = screen_one({"smiles": CAGE_51})
    assert verdict.resolution.std is None
    assert any(s.code == "INVALID_IDENTIFIER" and "ring system too large" in s.detail for s in verdict.signals)


@pytest.mark.parametrize("smiles", ["*", "**", "[*]", "*.*"])
def test_a_drawing_of_dummy_atoms_only_is_a_failure_value_not_an_empty_structure(smiles):
    # Read as hydrogen, the dummy atoms leave a molecule without atoms, which nothing downstream can screen.
    std, reason = standardise_smiles(smiles)
    assert std is None and reason == "no atoms to screen (dummy atoms only)"


@pytest.mark.parametrize(
    "explicit, implicit",
    [
        ("[H]c1c([H])c([H])c(C([H])([H])C(=O)C([H])([H])[H])c([H])c1[H]", "CC(=O)Cc1ccccc1"),
        ("[H]O[C@]([H])(c1ccccc1)[C@@]([H])(N([H])C)C", "CN[C@@H](C)[C@H](O)c1ccccc1"),
        ("[H]Cl", "Cl"),
    ],
)
def test_hydrogens_drawn_as_atoms_are_the_implicit_ones(explicit, implicit):
    # as tools that write every atom export a structure (found by devtools/declared_forms.py)
    drawn, plain = standardise_smiles(explicit)[0], standardise_smiles(implicit)[0]
    assert (drawn.key, drawn.iso_key) == (plain.key, plain.iso_key)


def test_hydrogens_that_are_the_substance_or_its_stereo_stay_apart():
    assert standardise_smiles("[H][H]")[0].key == "[H][H]"  # hydrogen is not nothing
    assert standardise_smiles("[Na+].[H-]")[0].key == "[H-].[Na+]"  # sodium hydride keeps its hydride
    # pseudoephedrine drawn with its hydrogens is not ephedrine
    pseudo = standardise_smiles("[H]O[C@@]([H])(c1ccccc1)[C@@]([H])(N([H])C)C")[0]
    assert pseudo.iso_key != standardise_smiles("CN[C@@H](C)[C@H](O)c1ccccc1")[0].iso_key


# -- tautomer-insensitive keys ------------------------------------------------------------------------
def _mol(smiles: str):
    mol, reason = parse_smiles(smiles)
    assert mol is not None, reason
    return mol


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("CC(=O)Nc1ccccc1", "CC(O)=Nc1ccccc1"),  # acetanilide and its imidic acid
        ("O=c1cccc[nH]1", "Oc1ccccn1"),  # 2-pyridone and 2-hydroxypyridine (lactam, lactim)
        ("CC(=O)Cc1ccccc1", "CC(O)=Cc1ccccc1"),  # BMK and its benzylic enol (keto-enol: nonstandard InChI)
        ("CC(=O)CC(C)=O", "CC(O)=CC(C)=O"),  # acetylacetone and its enol
    ],
)
def test_tautomers_share_their_tautomer_key_and_skeleton_key(one, other):
    assert compute_tautomer_key(_mol(one)) == compute_tautomer_key(_mol(other)) != ""
    assert compute_skeleton_key(_mol(one)) == compute_skeleton_key(_mol(other))
    assert compute_degree_vector(_mol(one)) == compute_degree_vector(_mol(other))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("CN[C@@H](C)[C@H](O)c1ccccc1", "CN[C@@H](C)[C@@H](O)c1ccccc1"),  # ephedrine, pseudoephedrine
        ("C=CCc1ccc2c(c1)OCO2", "CC=Cc1ccc2c(c1)OCO2"),  # safrole, isosafrole: a C=C moved, no tautomerism
        ("CC(C)=CC(C)=O", "C=C(C)CC(C)=O"),  # mesityl oxide and isomesityl oxide, sold apart
        ("CC(=O)Cc1ccccc1", "CCC(=O)c1ccccc1"),  # BMK, propiophenone
    ],
)
def test_other_substances_have_other_tautomer_keys(one, other):
    assert compute_tautomer_key(_mol(one)) != compute_tautomer_key(_mol(other))


def test_the_skeleton_key_tells_isomers_of_one_formula_apart():
    bmk = compute_skeleton_key(_mol("CC(=O)Cc1ccccc1"))
    assert bmk == compute_skeleton_key(_mol("C=C(O)Cc1ccccc1"))  # its terminal enol: the same skeleton
    assert bmk != compute_skeleton_key(_mol("CC(=O)c1ccc(C)cc1"))  # 4'-methylacetophenone
    assert bmk != compute_skeleton_key(_mol("CCC(=O)c1ccccc1"))  # propiophenone
    assert bmk != compute_skeleton_key(_mol("OC/C=C/c1ccccc1"))  # cinnamyl alcohol
    # stereo is not part of it: a tautomer drawn without stereo still meets its listed stereoisomer
    assert compute_skeleton_key(_mol("CN[C@@H](C)[C@H](O)c1ccccc1")) == compute_skeleton_key(_mol("CNC(C)C(O)c1ccccc1"))


@pytest.mark.parametrize(
    ("salt", "acid", "named"),
    [
        ("[Mg+2].[O-]S([O-])(=O)=O", "OS(=O)(=O)O", True),  # magnesium sulfate, sulphuric acid
        ("[Na+].[Cl-]", "Cl", True),
        ("Cl.CNC(C)C(O)c1ccccc1", "Cl", True),  # a hydrochloride's fragment set aside
        ("[K+].[O-][Mn](=O)(=O)=O", "OS(=O)(=O)O", False),
        ("[Na+].[O-]S([O-])(=O)=O.[Na+]", "Cl", False),
        ("OS(=O)(=O)O", "OS(=O)(=O)O", False),  # the acid itself is no salt of it
    ],
)
def test_names_acid_of_salt_tells_an_anion_acid_from_another(salt, acid, named):
    from chemistry.molecules import names_acid_of_salt

    assert names_acid_of_salt(standardise_smiles(salt)[0], standardise_smiles(acid)[0]) is named


def test_bond_fragment_puts_the_group_in_place_of_a_hydrogen_also_on_an_aromatic_nitrogen():
    indole = Chem.MolFromSmiles("c1ccc2[nH]ccc2c1")
    built, why = bond_fragment(indole, "C(=O)CC", 4)
    assert (built, why) == (Chem.CanonSmiles("CCC(=O)n1ccc2ccccc21"), "")
    piperidine = Chem.MolFromSmiles("C1CCNCC1")
    assert bond_fragment(piperidine, "C(=O)OC(C)(C)C", 3)[0] == Chem.CanonSmiles("CC(C)(C)OC(=O)N1CCCCC1")


def test_bond_fragment_returns_rdkits_refusal_as_a_value():
    neopentane = Chem.MolFromSmiles("CC(C)(C)C")
    built, why = bond_fragment(neopentane, "C(C)=O", 1)
    assert built is None and "cannot build" in why
