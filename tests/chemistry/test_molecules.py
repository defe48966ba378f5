import pytest

from chemistry.molecules import MAX_HEAVY_ATOMS, parse_inchi, parse_smiles, standardise_smiles


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
