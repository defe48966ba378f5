"""The held-out evaluation set (devtools/data/evaluation_heldout.csv): every row is well-formed and cites a source.

Its recall is a measurement (docs/evaluation.md lists every miss), not a gate; only its noise aim is held here.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from rdkit import Chem

from devtools.evaluation import GROUPS, RANK, evaluate_rows, load_rows
from tests.factories import make_screener

HELDOUT = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout.csv"



# The delegated regulations that added entries to the Annexes since 2022, which the later sets' notes cite.
LATER_DELEGATED_REGULATIONS = ("2022/1518", "2023/196", "2024/1331", "2025/1475")

def cas_numbers(value: str) -> list[str]:
    """The CAS numbers of a field as traders type them: comments in brackets dropped, one per separator."""
    without_comments = re.sub(r"\([^)]*\)", "", value)
    # a slash between spaces separates two ("16648-44-5 / 5413-05-8": the sixty-sixth set's pch66050); one without
    # them separates a number's groups ("103/82/2": the third set's pch3008)
    parts = re.split(r"[;,]|\s/\s", without_comments)
    return [re.sub(r"\D", "", part) for part in parts if re.search(r"\d", part)]


def check_digit_holds(digits: str) -> bool:
    body, check = digits[:-1], int(digits[-1])
    return sum(int(d) * weight for weight, d in enumerate(reversed(body), start=1)) % 10 == check


def test_check_digit_helper_tells_valid_from_invalid():
    assert check_digit_holds("103797")
    assert not check_digit_holds("103798")
    assert cas_numbers("CAS: 90-82-4 (pseudoephedrine)") == ["90824"]
    assert cas_numbers("67-64-1, 103-79-7") == ["67641", "103797"]
    assert cas_numbers("16648-44-5 / 5413-05-8") == ["16648445", "5413058"]
    assert cas_numbers("103/82/2") == ["103822"]


def assert_well_formed(rows: list) -> None:
    """Unique ids of a known group, a known kind and expectation, a note naming the source, structures that
    parse and CAS numbers whose check digit holds: what every held-out set's rows must be."""
    ids = [row.id for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert row.group, f"{row.id}: id prefix {row.id[:2]!r} is not a group of {sorted(GROUPS)}"
        assert row.kind in {"smiles", "cas", "name", "inchi"}, row.id
        assert row.expect in RANK, row.id
        assert row.note.strip(), f"{row.id}: the note must name its source"
        if row.kind == "smiles":
            assert Chem.MolFromSmiles(row.value) is not None, row.id
        elif row.kind == "inchi":
            assert Chem.MolFromInchi(row.value) is not None, row.id
        elif row.kind == "cas":
            numbers = cas_numbers(row.value)
            assert numbers, row.id
            assert all(check_digit_holds(n) for n in numbers), f"{row.id}: {row.value!r}"


def assert_set_conventions(rows: list, mark: str) -> None:
    """A later held-out set's conventions: ids of its group letters then its mark (devtools/evaluation.py
    reads group and sign from the first two letters), every group covered, and analogues without a
    source of their own admitted in their note and a minority of the positives."""
    assert_well_formed(rows)
    for row in rows:
        assert re.fullmatch(rf"(p[cdmp]|nl){mark}\d{{3}}", row.id), row.id
    assert {row.group for row in rows} == set(GROUPS.values())
    analogues = [row for row in rows if "no source of its own" in row.note]
    assert analogues
    assert len(analogues) < sum(1 for row in rows if row.positive) / 2


def scheduled_rows_in_messy_forms(rows: list, minimum: int) -> tuple[list, list[str]]:
    """The set's scheduled rows and their CAS values, after checking what every blind set's scheduled
    rows must cover: at least ``minimum`` rows; CAS, name, InChI and SMILES declarations; the three
    levels (Category 1 high, Category 2 low, Categories 3 and 4 info); a field of several CAS numbers;
    and a description-only declaration (the name field says nothing, the description names it)."""
    scheduled = [row for row in rows if row.group == "scheduled substances"]
    assert len(scheduled) >= minimum
    assert {"cas", "name", "inchi", "smiles"} <= {row.kind for row in scheduled}
    assert {"high", "low", "info"} <= {row.expect for row in scheduled}
    cas_values = [row.value for row in scheduled if row.kind == "cas"]
    assert any(len(cas_numbers(value)) > 1 for value in cas_values)
    assert any(row.kind == "name" and row.description and row.cn_code for row in scheduled)
    return scheduled, cas_values


def assert_declared_forms_of_a_later_set(rows: list, minimum_scheduled: int) -> None:
    """What the later blind sets' scheduled rows cover besides scheduled_rows_in_messy_forms: CAS typed every
    way, a name with its CAS in brackets, salts as SMILES, InChI with stereo layers and the Category 4
    medicines' CN codes."""
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, minimum_scheduled)
    assert_cas_typed_every_way(cas_values)
    names = [row.value for row in scheduled if row.kind == "name"]
    assert any(cas_numbers(name) for name in names)  # a name with its CAS in brackets
    smiles = [row.value for row in scheduled if row.kind == "smiles"]
    assert sum(1 for value in smiles if "." in value) >= 4  # salts
    inchis = [row.value for row in scheduled if row.kind == "inchi"]
    assert any("/t" in value and "/m" in value for value in inchis)  # stereo layers
    assert {row.cn_code for row in scheduled if row.cn_code} >= {"3004 41 00", "3004 42 00"}  # Category 4 medicines


def assert_group_sizes(
    rows: list, masks: int = 20, pre_precursors: int = 10, drugs: int = 20, legitimate: int = 25
) -> None:
    """At least so many rows of each group beside the scheduled substances (what every later blind set is asked for)."""
    counts = Counter(row.group for row in rows)
    assert counts["masks"] >= masks
    assert counts["pre-precursors"] >= pre_precursors
    assert counts["drugs"] >= drugs
    assert counts["legitimate look-alikes"] >= legitimate


def assert_cas_typed_every_way(cas_values: list[str]) -> None:
    """A set's CAS fields include a number without hyphens, one typed with spaces, one after a CAS
    prefix and one with a comment in brackets."""
    assert any("-" not in value and " " not in value for value in cas_values)
    assert any(" " in value and "-" not in value for value in cas_values)
    assert any(value.upper().startswith("CAS") for value in cas_values)
    assert any("(" in value for value in cas_values)


def assert_regional_routes_admitted(rows: list, region: "re.Pattern[str]", in_region: int, routed: int) -> None:
    """A regional set's rows: at least ``in_region`` descriptions name its region and at least ``routed`` state a
    route; routes, ports and quantities have no real source, so each row that states one admits it ("placeholder")."""
    assert sum(1 for row in rows if region.search(row.description)) >= in_region
    with_route = [row for row in rows if "\u2192" in row.description]
    assert len(with_route) >= routed
    assert all("placeholder" in row.note for row in with_route), [r.id for r in with_route if "placeholder" not in r.note]


def assert_formulas(rows: list, expected: dict[str, str]) -> None:
    """Spot checks of structures drawn from systematic names: the formula RDKit computes is the substance's."""
    from rdkit.Chem.rdMolDescriptors import CalcMolFormula

    by_id = {row.id: row for row in rows}
    for row_id, formula in expected.items():
        value = by_id[row_id].value
        mol = Chem.MolFromInchi(value) if value.startswith("InChI=") else Chem.MolFromSmiles(value)
        assert CalcMolFormula(mol) == formula, row_id


def test_heldout_rows_are_well_formed():
    rows = load_rows(HELDOUT)
    assert len(rows) >= 100
    assert_well_formed(rows)


def test_heldout_set_covers_every_group():
    rows = load_rows(HELDOUT)
    assert {row.group for row in rows} == set(GROUPS.values())


def test_heldout_legitimate_items_stay_within_the_noise_aim():
    report = evaluate_rows(make_screener(), load_rows(HELDOUT))
    negatives = report["negatives"]
    assert negatives >= 30
    # issue 11's aims: legitimate items at medium or above <= 2 %, at low or above <= 15 %
    assert report["negatives_above_low"] / negatives <= 0.02
    assert report["negatives_low_or_above"] / negatives <= 0.15


# The later sets (fifth to twenty-fifth), each written blind with its own test module: at least so many rows,
# ids of its own mark, every group covered, analogues without a source a minority (assert_set_conventions).
LATER_SETS_MINIMUM_ROWS = {
    5: 140,
    6: 130,
    7: 140,
    8: 150,
    9: 120,
    10: 110,
    11: 120,
    12: 120,
    13: 140,
    14: 130,
    15: 150,
    16: 150,
    17: 130,
    18: 200,
    19: 150,
    20: 150,
    21: 150,
    22: 150,
    23: 150,
    24: 150,
    25: 150,
}


@pytest.mark.parametrize(("number", "minimum"), LATER_SETS_MINIMUM_ROWS.items())
def test_every_later_heldout_set_is_well_formed_and_follows_the_sets_conventions(number, minimum):
    rows = load_rows(HELDOUT.parent / f"evaluation_heldout{number}.csv")
    assert len(rows) >= minimum
    assert_set_conventions(rows, f"h{number}")


def assert_names_cite_their_source(rows) -> None:
    """Every positive name row says where the name was read: a page, the shared reference files or the identifier
    database (the later sets' convention)."""
    for row in rows:
        if row.kind == "name" and row.positive:
            sources = ("http", "shared/reference", "chemicals package database")
            assert any(source in row.note for source in sources), row.id


def assert_scheduled_rows_follow_their_category(rows) -> None:
    """Each scheduled row expects what its category says: Category 1 `high`, 2A/2B `low`, 3 and 4 `info`."""
    for row in rows:
        if row.group != "scheduled substances":
            continue
        if "Category 1," in row.note:
            assert row.expect == "high", row.id
        elif "Category 2A" in row.note or "Category 2B" in row.note:
            assert row.expect == "low", row.id
        else:
            assert "Category 3" in row.note or "Category 4" in row.note, row.id
            assert row.expect == "info", row.id


def assert_scheduled_rows_follow_the_category_in_their_note(rows, category: str) -> None:
    """A set of another shape whose notes write the category their own way (``category``: a pattern whose first group is
    the category's digit, "Category 2 (subcat. 2A)", "Cat 2B"): Category 1 `high`, 2 `low`, 3 and 4 `info`."""
    expected = {"1": "high", "2": "low", "3": "info", "4": "info"}
    for row in rows:
        if row.group == "scheduled substances":
            assert row.expect == expected[re.search(category, row.note)[1]], row.id


def assert_expectations_follow_the_categories(rows, later_additions) -> None:
    """The expectations of a later set follow its rows' categories: Category 1 `high`, 2A/2B `low`, 3 and 4 `info`;
    masks `high`, pre-precursors `low`, unsourced drug analogues `medium` and listed drugs `high`; and the notes cite
    each of ``later_additions`` (the delegated regulations that added entries)."""
    notes = " ".join(row.note for row in rows)
    assert all(addition in notes for addition in later_additions)
    assert_scheduled_rows_follow_their_category(rows)
    assert all(row.expect == "high" for row in rows if row.group == "masks")
    assert all(row.expect == "low" for row in rows if row.group == "pre-precursors")
    analogues = [row for row in rows if row.group == "drugs" and "no source of its own" in row.note]
    assert analogues and all(row.expect == "medium" for row in analogues)
    assert all(row.expect == "high" for row in rows if row.group == "drugs" and row not in analogues)


def assert_look_alikes_bounded_and_sourced(rows) -> None:
    """A later set's legitimate look-alikes expect at most `low`, cite a page or the identifier database, say why when
    they expect more than `none`, and mostly expect `none`."""
    look_alikes = [row for row in rows if not row.positive]
    assert all(row.expect in {"none", "info", "low"} for row in look_alikes)
    assert all("http" in row.note or "chemicals package database" in row.note for row in look_alikes)
    assert all("borderline" in row.note for row in look_alikes if row.expect != "none")
    assert sum(1 for row in look_alikes if row.expect == "none") > len(look_alikes) / 2


# The CN subheadings of the medicaments containing ephedrine or pseudoephedrine (Category 4 of Regulation (EC)
# No 111/2005), as the later sets declare them.
CATEGORY_4_CODES = frozenset({"3004 41 00", "3004 42 00"})


def assert_category_4_medicines_cite_regulation_111_2005(rows) -> None:
    """A later set's Category 4 medicines (CATEGORY_4_CODES): at least three, each expecting `info` and citing
    Category 4 of Regulation (EC) No 111/2005."""
    medicines = [row for row in rows if row.cn_code in CATEGORY_4_CODES]
    assert len(medicines) >= 3
    assert all(row.expect == "info" and "Category 4" in row.note and "111/2005" in row.note for row in medicines)


def assert_later_set_shape(rows, mark: str) -> None:
    """A later set (from the twenty-eighth on): 150-200 rows of the conventions (assert_set_conventions), the
    declared forms of at least 60 scheduled rows, and its groups at least 20 drugs, 12 pre-precursors, 25 masks and
    look-alikes as assert_group_sizes counts them."""
    assert 150 <= len(rows) <= 200
    assert_set_conventions(rows, mark)
    assert_declared_forms_of_a_later_set(rows, 60)
    assert_group_sizes(rows, 20, 12, 25, 45)


# From the twenty-eighth set on, every set shares the conventions above; they are checked here for each set file
# (a new set is found by its file name), and each set's own module checks only its theme. The sets written before a
# convention existed are left out of it, named here.
FIRST_SET_OF_THE_SHARED_CONVENTIONS = 28
SETS_BEFORE_THE_EXPECTATION_CONVENTION = frozenset({28})
SETS_WITHOUT_CATEGORY_4_MEDICINES = frozenset({28, 29, 33, 39})
# Sets of another shape, each checked by its own module instead: the fifty-fifth (thirty-third session, the EU's
# less-resourced languages) has 125 rows, no masks or pre-precursors, 13 look-alikes and two Category 4 medicines
# without their CN codes, as its writer reported; its scheduled and drug rows follow the conventions. The fifty-sixth
# (thirty-fourth session, the six large languages) marks plain legitimate chemicals `nx`, has two Category 4 medicines
# and names the site or document a name was read in, not its address; the fifty-seventh (the same session, the
# neighbour countries' languages) has no analogue without a source and its masks and pre-precursors name no page; the
# fifty-eighth (the same session, drug-class analogues and their look-alikes) has 17 scheduled rows and no Category 4
# medicine. The fifty-ninth (thirty-fifth session, goods as customs officers describe them) has no analogue without a
# source, no Category 4 medicine with its CN code, its masks expected at `medium` and Category 2A at `medium`, and
# look-alikes expecting `info` or `low` without the word "borderline". The sixtieth (thirty-sixth session, mixtures,
# preparations and natural products) has 8 masks and 10 pre-precursors, no InChI, and eight drug rows whose writer read
# no page ("own knowledge of the 1961 Convention", said in their notes). The sixty-second (thirty-eighth session, the
# designer precursors and masks of 2023-2026) has 22 drugs, not 25: its brief asked for 20 drugs and 25 masks, the
# numbers swapped; its own module checks every other convention. The sixty-fourth (thirty-ninth session, words with two
# meanings) has two Category 4 medicines, not three; the sixty-fifth (the same session, postal and e-commerce
# consignments) has no drug analogue of the writer's own. Each has its own module for every other convention.
SETS_OF_ANOTHER_SHAPE = frozenset({55, 56, 57, 58, 59, 60, 62, 64, 65})
SETS_WHOSE_NAMES_DO_NOT_ALL_CITE_A_PAGE = frozenset({56, 57, 60})


def later_set_numbers() -> list[int]:
    numbers = (path.stem.removeprefix("evaluation_heldout") for path in HELDOUT.parent.glob("evaluation_heldout*.csv"))
    return sorted(int(number) for number in numbers if number.isdigit() and int(number) >= FIRST_SET_OF_THE_SHARED_CONVENTIONS)


LATER_SET_NUMBERS = later_set_numbers()


def later_set(number: int) -> list:
    return load_rows(HELDOUT.parent / f"evaluation_heldout{number}.csv")


def test_the_later_sets_are_found_by_their_file_names():
    assert LATER_SET_NUMBERS[0] == FIRST_SET_OF_THE_SHARED_CONVENTIONS
    assert list(range(LATER_SET_NUMBERS[0], LATER_SET_NUMBERS[-1] + 1)) == LATER_SET_NUMBERS
    assert len(LATER_SET_NUMBERS) >= 19


@pytest.mark.parametrize("number", [n for n in LATER_SET_NUMBERS if n not in SETS_OF_ANOTHER_SHAPE])
def test_every_later_set_follows_the_conventions_and_covers_the_declared_forms(number):
    assert_later_set_shape(later_set(number), f"h{number}")


@pytest.mark.parametrize("number", [n for n in LATER_SET_NUMBERS if n not in SETS_WHOSE_NAMES_DO_NOT_ALL_CITE_A_PAGE])
def test_every_later_set_names_cite_the_page_they_were_read_on(number):
    assert_names_cite_their_source(later_set(number))


@pytest.mark.parametrize("number", [n for n in LATER_SET_NUMBERS if n not in SETS_OF_ANOTHER_SHAPE])
def test_every_later_set_look_alikes_are_bounded_and_sourced(number):
    assert_look_alikes_bounded_and_sourced(later_set(number))


@pytest.mark.parametrize(
    "number", [n for n in LATER_SET_NUMBERS if n not in SETS_BEFORE_THE_EXPECTATION_CONVENTION | SETS_OF_ANOTHER_SHAPE]
)
def test_every_later_set_expectations_follow_the_categories(number):
    assert_expectations_follow_the_categories(later_set(number), LATER_DELEGATED_REGULATIONS)


@pytest.mark.parametrize(
    "number", [n for n in LATER_SET_NUMBERS if n not in SETS_WITHOUT_CATEGORY_4_MEDICINES | SETS_OF_ANOTHER_SHAPE]
)
def test_every_later_set_category_4_medicines_cite_regulation_111_2005(number):
    assert_category_4_medicines_cite_regulation_111_2005(later_set(number))
