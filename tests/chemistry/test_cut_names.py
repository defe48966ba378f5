import pytest

from chemistry.cut_names import (
    MAX_CUT_CANDIDATES,
    compute_cut_key,
    cut_within_a_word,
    find_names_beginning,
    index_cut_name_keys,
    looks_cut,
)
from chemistry.identifiers import normalise_name

NAMES = [
    "Methyl 3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate",
    "Isopropyl 2-methyl-3-phenyloxirane-2-carboxylate",
    "methyl 3,3-dimethyl-2-{[1-(pent-4-en-1-yl)-1H-indazole-3-carbonyl]amino}butanoate",
    "1-methyl-4-phenylpiperidine-4-carbonitrile",
    "1-methyl-4-phenylpiperidine-4-carboxylic acid",
]
INDEX = index_cut_name_keys(normalise_name(name) for name in NAMES)


def test_the_cut_key_folds_case_spacing_and_every_bracket_style():
    assert compute_cut_key("2-{[1-(PENT-4-EN-1-Y") == compute_cut_key("2-((1-(pent-4-en-1-y") == "21pent4en1y"


@pytest.mark.parametrize(
    "cut, name",
    [
        ("METHYL 3-(1,3-BENZODIOXOL-5-YL)-2-METHYL", NAMES[0]),  # the 40-character fields of held-out set 24
        ("ISOPROPYL 2-METHYL-3-PHENYLOXIRANE-2-CAR", NAMES[1]),
        ("METHYL 3,3-DIMETHYL-2-{[1-(PENT-4-EN-1-Y", NAMES[2]),
        ("METHYL 3,3-DIMETHYL-2-[(1-(PENT-4-EN-1-Y", NAMES[2]),  # brackets of another style
    ],
)
def test_a_cut_name_finds_the_name_it_is_the_beginning_of(cut, name):
    assert find_names_beginning(cut, INDEX) == [normalise_name(name)]


def test_a_beginning_of_two_names_finds_both():
    found = find_names_beginning("1-METHYL-4-PHENYLPIPERIDINE-4-CARBO", INDEX)
    assert found == [normalise_name(NAMES[3]), normalise_name(NAMES[4])]


@pytest.mark.parametrize(
    "declared, why",
    [
        ("METHYL 3-(1,3-BENZODIOXOL-5-YL)PROPANOA", "a legitimate ester's name goes on differently: no beginning"),
        ("Isopropyl 2-methyl-3-phenyloxirane-2-carboxylate", "the whole name is no cut one (it is found as written)"),
        ("ISOPROPYL 2-METHYL-3-PHENYLOX", "shorter than a cut field"),
        ("METHYL 3-(1,3-BENZODIOXOL-5-YL)-2-METHYL" * 20, "longer than a name is read (and longer than any name)"),
    ],
)
def test_a_text_that_is_no_beginning_or_no_cut_field_finds_nothing(declared, why):
    assert find_names_beginning(declared, INDEX) == [], why


def test_a_hostile_text_is_not_searched():
    assert not looks_cut("x" * 100_000)
    assert find_names_beginning("methyl " * 15_000, INDEX) == []


def test_a_beginning_of_too_many_names_is_no_guess():
    many = index_cut_name_keys(f"{'a' * 35}{n:03d}" for n in range(MAX_CUT_CANDIDATES + 1))
    assert find_names_beginning("a" * 35, many) is None
    assert len(find_names_beginning("a" * 35, many[:MAX_CUT_CANDIDATES])) == MAX_CUT_CANDIDATES


@pytest.mark.parametrize(
    "declared",
    [
        "ISOPROPYL 3-(1,3-BENZODIOXOL-5-YL)-2-",  # 37 characters (review21b): no field is cut there
        "(3,4-METYLENODIOKSYBENZYLO)METYLO",  # 33
    ],
)
def test_a_text_of_a_length_no_field_is_cut_at_is_no_cut_name(declared):
    from chemistry.cut_names import looks_cut

    assert not looks_cut(declared)


@pytest.mark.parametrize(
    "cut, spelling, within",
    [
        ("METHYL 3-(1,3-BENZODIOXOL-5-YL)-2-METHYL", NAMES[0], True),  # "methyl|oxirane"
        ("ISOPROPYL 2-METHYL-3-PHENYLOXIRANE-2-CAR", NAMES[1], True),  # "car|boxylate"
        ("METHYL 3,3-DIMETHYL-2-{[1-(PENT-4-EN-1-Y", NAMES[2], True),  # "y|l"
        ("1-methyl-4-phenylpiperidine-4-", NAMES[3], True),  # after a hyphen no name ends
        ("Isopropyl 2-methyl-3-phenyloxirane", NAMES[1], False),  # where a word of the name ends: may be whole
        ("Methyl 3-(1,3-benzodioxol-5-yl)", NAMES[0], False),  # after a closing bracket, before "-2-methyl"
    ],
)
def test_a_cut_is_told_by_where_it_falls_in_the_name(cut, spelling, within):
    assert cut_within_a_word(cut, spelling) is within


@pytest.mark.parametrize(
    "text, spelling, keeps",
    [
        ("(-)-3-methoxy-N-methylmorphinan hydrobro", "(-)-3-methoxy-N-methylmorphinan hydrobromide", True),
        ("(\u2212)-3-Methoxy-N-methylmorphinan hydrobro", "(-)-3-methoxy-N-methylmorphinan hydrobromide", True),
        ("3-methoxy-N-methylmorphinan hydrobr", "(-)-3-methoxy-N-methylmorphinan hydrobromide", False),
        ("(+)-3-methoxy-N-methylmorphinan hydr", "(-)-3-methoxy-N-methylmorphinan hydrobromide", False),
        ("(1R, 2S)-(-)-chloro", "(1R,2S)-(-)-Chloroephedrine", True),
        ("(1S,2S)-(+)-chloro", "(1R,2S)-(-)-Chloroephedrine", False),
        ("d-threo-methylphen", "l-threo-methylphenidate", False),
        ("methyl 3-(1,3-benzodioxol-5-yl)-2-methyl", "methyl 3-(1,3-benzodioxol-5-yl)-2-methyloxirane", True),
    ],
)
def test_a_cut_keeps_the_stereodescriptors_its_name_begins_with(text, spelling, keeps):
    from chemistry.cut_names import keeps_stereodescriptors

    assert keeps_stereodescriptors(text, spelling) is keeps
