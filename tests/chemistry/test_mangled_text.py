"""Text that software mangled (chemistry/mangled_text.py) and its reading in the screening (resolve_mangled_name)."""

import pytest

from chemistry.mangled_text import join_wrapped_smiles, repair_mangled_cas, repair_mangled_text
from chemistry.resolve import NameReaders, Resolution, StructureCache, resolve_item, resolve_mangled_name
from tests.factories import bundled_watchlist, screen_one

WL = bundled_watchlist()


@pytest.mark.parametrize(
    ("mangled", "meant"),
    [
        ("&#945;-Phenylacetoacetamide", "α-Phenylacetoacetamide"),  # the thirty-ninth held-out set's pch39019
        ("&amp;alpha;-PVP", "α-PVP"),  # escaped twice
        ("4-Anilino-N-&lt;br&gt;phenethylpiperidine", "4-Anilino-N-phenethylpiperidine"),
        ("Ethyl \\u03b1-phenylacetoacetate", "Ethyl α-phenylacetoacetate"),
        ("Î±-Phenylacetoacetonitrile", "α-Phenylacetoacetonitrile"),  # UTF-8 read as Windows-1252
        ("MDPV&nbsp;HCl", "MDPV HCl"),
        ("Acetone \u201ctechnical\u201d", "Acetone technical"),
        ("Lysergic acid*", "Lysergic acid"),
    ],
)
def test_the_marks_software_leaves_are_put_back(mangled, meant):
    assert repair_mangled_text(mangled) == meant


@pytest.mark.parametrize("text", ["Acetone", "Café crème", "Ácido fenilacético", "2,5-dimethoxy-4-methylamphetamine"])
def test_text_without_such_marks_is_left_as_it_is(text):
    assert repair_mangled_text(text) == text


def test_a_smiles_string_broken_by_white_space_is_joined():
    assert join_wrapped_smiles("CC(=O)Cc1ccc2c(c1)O CO2") == "CC(=O)Cc1ccc2c(c1)OCO2"
    assert join_wrapped_smiles("CC(=O)Cc1ccccc1") is None


@pytest.mark.parametrize(
    ("field", "number"), [("4.433.776", "4433776"), ("39'742'604", "39742604"), ("7647-1-0", "7647-01-0")]
)
def test_a_cas_number_a_spreadsheet_reformatted_is_read_back(field, number):
    assert repair_mangled_cas(field) == number


def test_a_cas_field_with_thousands_separators_is_the_listed_substance_it_numbers():
    found = resolve_item(WL, StructureCache(), cas="4.433.776")  # APAA (the thirty-ninth set's pch39018)
    assert found.std is not None and found.std.key in WL.by_key and not found.invalid


@pytest.mark.parametrize(
    ("mangled", "entry"),
    [
        ("&#945;-Phenylacetoacetamide", "EU1-APAA"),
        ("CC(=O)Cc1ccc2c(c1)O CO2", "EU1-PMK"),
        ("7647-1-0", "EU3-HYDROCHLORIC-ACID"),
    ],
)
def test_a_mangled_name_is_read_as_what_it_says_and_the_source_says_how(mangled, entry):
    found = resolve_mangled_name(NameReaders(WL, StructureCache()), mangled, Resolution("unresolved", None))
    assert found.std.key == WL.by_id[entry].std.key
    assert f"the name '{mangled}' was read as" in found.source


@pytest.mark.parametrize(
    ("field", "cas"),
    [
        ("08/05/5413", "5413-05-8"),  # the thirty-ninth held-out set's pch39007: EAPA as a UK date
        ("5/8/5413", "5413-05-8"),  # as a US date
        ("5413-05-08", "5413-05-8"),
        ("8-May-5413", "5413-05-8"),
        ("1283226", "5413-05-8"),  # the date's serial number (pch39008)
        ("7/5/4846", "4846-07-5"),  # only month/day gives a check digit that holds (pdh39001)
    ],
)
def test_a_cas_number_a_spreadsheet_turned_into_a_date_is_read_back(field, cas):
    from chemistry.mangled_text import read_cas_from_spreadsheet_date

    assert read_cas_from_spreadsheet_date(field)[0] == cas


@pytest.mark.parametrize("field", ["12/12/2020", "67-64-1", "123", "31/31/2020", "09/05/2016", "26514"])
def test_dates_that_are_no_cas_number_are_not_read_as_one(field):
    from chemistry.mangled_text import read_cas_from_spreadsheet_date

    assert read_cas_from_spreadsheet_date(field) is None


def test_a_serial_number_is_read_as_a_cas_number_only_when_it_is_a_watchlist_entrys():
    found = resolve_mangled_name(NameReaders(WL, StructureCache()), "1283226", Resolution("unresolved", None))
    assert found.std.key == WL.by_id["EU1-EAPA"].std.key
    # 45291 is the serial of 31.12.2023, which gives no CAS number; 44562 (1.1.2022) gives 2022-01-1, not listed
    assert resolve_mangled_name(NameReaders(WL, StructureCache()), "44562", Resolution("unresolved", None)).std is None


def test_a_cas_field_a_spreadsheet_turned_into_a_date_is_read_back():
    found = resolve_item(WL, StructureCache(), cas="08/05/5413")
    assert found.std.key == WL.by_id["EU1-EAPA"].std.key and not found.invalid


@pytest.mark.parametrize(
    ("name", "description", "joined"),
    [
        ("1-(1", "3-benzodioxol-5-yl)propan-2-one | 400 kg", "1-(1,3-benzodioxol-5-yl)propan-2-one"),  # pch39025
        ("Methyl 3-oxo-2-(3", "4-methylenedioxyphenyl)butanoate | 250 kg", "Methyl 3-oxo-2-(3,4-methylenedioxyphenyl)butanoate"),
        # cut at the comma between two locants: the name is a bare locant, the field opens with the rest of them
        ("N", "N-dimethyltryptamine | 50 g", "N,N-dimethyltryptamine"),  # held-out 39's pdh39012
        ("2", "5-dimethoxyamphetamine | 10 g", "2,5-dimethoxyamphetamine"),
        ("1-(2", "5-dimethoxy-4-methylphenyl)propan-2-amine | 1 g", "1-(2,5-dimethoxy-4-methylphenyl)propan-2-amine"),
    ],
)
def test_a_name_cut_at_a_comma_inside_its_brackets_is_joined_with_the_descriptions_first_field(name, description, joined):
    from chemistry.mangled_text import join_name_cut_at_comma

    assert join_name_cut_at_comma(name, description) == joined


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Acetone", "solvent | 200 L"),
        ("1-(1", "solvent | 200 L"),
        ("2-(2", "x)) | y"),
        ("N", "New stock | 5 kg"),  # no locants and hyphen open the field
        ("Acetone", "N-methyl... | 5 kg"),  # the name does not end in a bare locant
        ("Vitamin B 12", "5-kg drums"),  # a figure after a space is no cut locant
        ("2", "5-kg drums"),  # a figure and a hyphen before a unit, no name
    ],
)
def test_names_with_closed_brackets_or_descriptions_that_do_not_close_them_are_not_joined(name, description):
    from chemistry.mangled_text import join_name_cut_at_comma

    assert join_name_cut_at_comma(name, description) is None


@pytest.mark.parametrize(
    "item",
    [
        # review24 H1: dronabinol's CAS number 1972-08-3 is the date 3 August 1972, and 26514 its serial
        {"name": "26514"},
        {"name": "1972-08-03"},
        {"name": "3-Aug-1972"},
        {"name": "03/08/1972"},
        {"name": "\u0662\u0666\u0665\u0661\u0664"},  # 26514 in Arabic-Indic digits
        {"name": "Spare parts", "description": "Spare parts", "cas": "26514"},
    ],
)
def test_a_date_a_real_date_may_be_is_never_read_as_a_cas_number(item):
    from tests.factories import screen_one

    verdict = screen_one(item)
    assert not any(f.entry is not None and f.entry.id == "DRUG-DRONABINOL" for f in verdict.findings)
    assert verdict.severity in (None, "info")


def test_nested_escapes_are_decoded_at_once_and_read_once(monkeypatch):
    import chemistry.resolve as resolve

    # review24 H2: each layer of escapes re-entered the reading, hundreds of times
    assert repair_mangled_text("Fo&amp;" + "amp;" * 5 + "lt;o") == "Fo<o"
    calls = []
    original = resolve.read_unresolved_name
    monkeypatch.setattr(resolve, "read_unresolved_name", lambda *a, **k: calls.append(1) or original(*a, **k))
    resolve_mangled_name(NameReaders(WL, StructureCache()), "Fo&amp;" + "amp;" * 120 + "lt;o", Resolution("unresolved", None))
    assert len(calls) <= 2


def test_a_typographic_apostrophe_is_a_prime():
    # review24 M1: "2\u2019-chloro" is the ring's 2', not the chain's 2
    assert repair_mangled_text("2\u2019-chloro-2-bromopropiophenone") == "2'-chloro-2-bromopropiophenone"


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        ("CC(=O)Cc1ccc2c(c1)O CO2", "high"),  # held-out 39's pch39027: PMK, wrapped
        ("CCC(=O)N(c1ccccc1)C2(C(=O)OC)CCN(CC2)CCc3cc ccc3", "critical"),  # held-out 39's pdh39018: carfentanil
    ],
)
def test_a_smiles_string_broken_by_a_space_is_read_as_the_structure_once_joined(name, severity):
    verdict = screen_one({"name": name})
    assert verdict.severity == severity
    assert "as a SMILES string broken by white space, joined again" in verdict.resolution.source
