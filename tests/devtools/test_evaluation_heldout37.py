"""The thirty-seventh held-out set (devtools/data/evaluation_heldout37.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: safety data sheets, REACH and CLP identifiers. Goods as chemical
distributors' and manufacturers' documents identify them in the EU: extracts of SDS section 1 and section 3 (product
identifier, "Substance name", CAS, EC number, REACH registration number, CLP Annex VI index number) pasted into the name
or description field; EC (EINECS) numbers standing alone where a CAS was expected; REACH registration numbers whose
registrant suffix is left as XXXX; trade names with the SDS's "Substance name" beside them; SDS headings in English,
German, French, Italian, Spanish and Polish; mixtures whose section 3 lists a scheduled substance with its
concentration range; and ordinary SDS extracts of unscheduled chemicals with similar names or neighbouring EC numbers.
Every EC, index and REACH number was read on a page cited in the row's note. Its recall is a measurement
(docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT37 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout37.csv"

SECTION_HEADINGS = {
    "English": ("SECTION 1:", "SECTION 3:"),
    "German": ("ABSCHNITT 1:", "ABSCHNITT 3:"),
    "French": ("RUBRIQUE 1:", "RUBRIQUE 3:"),
    "Italian": ("SEZIONE 1:", "SEZIONE 3:"),
    "Spanish": ("SECCIÓN 1:", "SECCIÓN 3:"),
    "Polish": ("SEKCJA 1:", "SEKCJA 3:"),
}
EC_NUMBER = re.compile(r"(?<![\d-])(\d{3})-(\d{3})-(\d)(?![\d-])")
EC_ALONE = re.compile(r"(EC|EINECS) \d{3}-\d{3}-\d")
INDEX_NUMBER = re.compile(r"(?<![\d-])\d{3}-\d{3}-\d{2}-\d(?![\d-])")
REACH_NUMBER = re.compile(r"01-\d{10}-\d{2}-(\d{4}|x{4})", re.IGNORECASE)
CONCENTRATION_RANGE = re.compile(r"\d+-\d+ %")


def ec_check_digit_holds(match: re.Match) -> bool:
    """The EC (EINECS/ELINCS) check digit: the weighted sum of the first six digits modulo 11."""
    digits = match.group(1) + match.group(2)
    return sum(weight * int(d) for weight, d in enumerate(digits, start=1)) % 11 == int(match.group(3))


def cites_a_page_besides_the_headings(note: str) -> bool:
    """The note names a page other than the EUR-Lex text the SDS headings come from."""
    return any("eur-lex.europa.eu" not in url for url in re.findall(r"https?://\S+", note))


def test_ec_check_digit_helper_tells_valid_from_invalid():
    assert ec_check_digit_holds(EC_NUMBER.search("EC 200-662-2"))
    assert not ec_check_digit_holds(EC_NUMBER.search("EC 200-662-3"))
    assert EC_NUMBER.search("Index-No. 606-001-00-8") is None


def test_thirty_seventh_heldout_reads_like_sds_extracts_in_six_languages():
    rows = load_rows(HELDOUT37)
    headings = [heading for pair in SECTION_HEADINGS.values() for heading in pair]
    assert all(any(heading in row.description for heading in headings) for row in rows)
    for language, pair in SECTION_HEADINGS.items():
        assert sum(1 for row in rows if any(heading in row.description for heading in pair)) >= 5, language
    # the heading wording's source (REACH Annex II as replaced by Reg. (EU) 2020/878) is named in every note
    assert all("2020/878" in row.note for row in rows)


def test_thirty_seventh_heldout_ec_and_index_numbers_are_well_formed_and_read_on_a_page():
    rows = load_rows(HELDOUT37)
    with_ec = []
    for row in rows:
        text = row.value + " | " + row.description
        matches = list(EC_NUMBER.finditer(text))
        assert all(ec_check_digit_holds(match) for match in matches), row.id
        if matches or INDEX_NUMBER.search(text):
            assert cites_a_page_besides_the_headings(row.note), row.id
        if matches:
            with_ec.append(row)
    assert len(with_ec) >= 35
    # EC numbers standing alone where a CAS was expected, on both sides of the line
    alone = [row for row in rows if row.kind == "name" and EC_ALONE.fullmatch(row.value)]
    assert sum(1 for row in alone if row.positive) >= 5
    assert sum(1 for row in alone if not row.positive) >= 2
    # CLP Annex VI index numbers, twice as the only identifier of the row
    assert sum(1 for row in rows if INDEX_NUMBER.search(row.value + " | " + row.description)) >= 10
    assert (
        sum(1 for row in rows if row.kind == "name" and re.fullmatch(r"Index No\. \d{3}-\d{3}-\d{2}-\d", row.value))
        >= 2
    )


def test_thirty_seventh_heldout_reach_numbers_admit_their_placeholder_suffix():
    rows = load_rows(HELDOUT37)
    with_reach = [row for row in rows if REACH_NUMBER.search(row.value + " | " + row.description)]
    assert len(with_reach) >= 5
    for row in with_reach:
        number = REACH_NUMBER.search(row.value + " | " + row.description).group(0)
        assert cites_a_page_besides_the_headings(row.note), row.id
        if number.lower().endswith("xxxx"):
            assert "placeholder" in row.note or "left as xxxx" in row.note, row.id


def test_thirty_seventh_heldout_mixtures_list_the_scheduled_substance_with_its_range():
    rows = load_rows(HELDOUT37)
    mixtures = [row for row in rows if row.group == "scheduled substances" and "3.2 Mixtures" in row.description]
    ranged = [row for row in mixtures if CONCENTRATION_RANGE.search(row.description)]
    assert len(ranged) >= 2
    assert all("placeholder" in row.note for row in mixtures)


def test_thirty_seventh_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT37),
        {
            "pch37008": "C10H10O3",  # PMK InChI
            "pch37026": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch37030": "C15H14O7",  # IMDPAM
            "pch37031": "C10H15NO",  # ephedrine InChI
            "pch37033": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pch37040": "C11H18Cl2N2",  # 4-AP dihydrochloride
            "pmh37001": "C12H14O4",  # PMK ethylene ketal
            "pmh37004": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh37016": "C15H21NO2",  # NPP ethylene ketal
            "pmh37018": "C19H28N2O3",  # Boc-norfentanyl
            "pph37003": "C10H9NO4",  # methylenedioxy-P2NP
            "pdh37008": "C24H30N2O3",  # carfentanil
            "pdh37018": "C23H30N4O3",  # isotonitazene
        },
    )
