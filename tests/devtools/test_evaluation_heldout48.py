"""The forty-eighth held-out set (devtools/data/evaluation_heldout48.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: medicinal products as pharmacies, wholesalers, parallel importers and
veterinary distributors declare them. Brand and marketing-authorisation names of cold and flu remedies with
pseudoephedrine or ephedrine (Category 4 of Regulation (EC) No 111/2005, CN 3004 41 00 / 3004 42 00) read in public
registers and SmPCs (EMA, HPRA, ANSM, BfArM, DailyMed, emc and national leaflets) with their pack descriptions (PZN,
CIP, NDC, MA numbers, ATC codes, blisters) and INN + salt names in several EU languages; the active substances as bulk
APIs; controlled medicines whose substance the project's watchlist holds (fentanyl patches, methylphenidate,
buprenorphine, sodium oxybate, dronabinol); the solvents, acids and reagents a pharmaceutical manufacturer imports;
and legitimate look-alike medicines (phenylephrine "PE" products, xylometazoline, desloratadine without
pseudoephedrine, norephedrine and ergometrine medicines outside Category 4, veterinary ketamine). Its recall is a
measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT48 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout48.csv"

PACK_WORDS = re.compile(
    r"tablet|capsule|kapsel|comprimé|capsule molle|blister|plaquette|patch|spray|syrup|sirup|granulat|beutel|"
    r"ampoule|vial|film|solution|PZN|CIP|NDC|ATC|Rx|Zulassungsnummer|EMEA/H/C",
    re.IGNORECASE,
)
REGISTERS = ("ema.europa.eu", "dailymed", "myhealthbox.eu", "medicaments.gouv.fr", "medicines.org.uk", "medicines.ie")
CATEGORY_4_CODES = {"3004 41 00", "3004 42 00"}


def rows():
    return load_rows(HELDOUT48)


def test_forty_eighth_heldout_reads_like_medicines_trade():
    data = rows()
    texts = [row.value + " | " + row.description for row in data]
    assert sum(1 for text in texts if PACK_WORDS.search(text)) >= 60
    notes = " ".join(row.note for row in data)
    assert all(register in notes for register in REGISTERS)
    # INN + salt as SmPCs in several languages write them
    for word in (
        "pseudoéphédrine",
        "Pseudoephedrinhydrochlorid",
        "psevdoefedrinijev",
        "pseudoephedrini",
        "Ephedrinhemisulfat",
    ):
        assert any(word in text for text in texts), word


def test_forty_eighth_heldout_category_4_brands_are_read_in_a_register():
    medicines = [row for row in rows() if row.cn_code in CATEGORY_4_CODES]
    assert len(medicines) >= 12
    assert {row.cn_code for row in medicines} == CATEGORY_4_CODES
    for row in medicines:
        assert row.kind == "name" and row.expect == "info", row.id
        assert "http" in row.note and "read at" in row.note, row.id
        assert re.search(r"pseudo|ephedrin|psevdo", row.value + row.description + row.note, re.IGNORECASE), row.id


def test_forty_eighth_heldout_controlled_medicines_are_high_only_when_the_watchlist_holds_the_drug():
    data = rows()
    listed = [row for row in data if row.group == "drugs" and "no source of its own" not in row.note]
    assert len(listed) >= 25
    assert all("watchlist" in row.note and row.expect == "high" for row in listed)
    # medicines outside Category 4 and drugs the watchlist does not hold stay look-alikes at most `low`
    outside = [
        row
        for row in data
        if re.search(r"Propalin|Syntometrine|DayMed", row.value)
        or re.search(r"ketamine", row.description, re.IGNORECASE)
    ]
    assert len(outside) >= 5
    assert all(row.group == "legitimate look-alikes" and row.expect == "low" for row in outside)


def test_forty_eighth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        rows(),
        {
            "pch48018": "C10H16ClNO",  # pseudoephedrine hydrochloride
            "pch48019": "C20H32N2O6S",  # pseudoephedrine sulphate 2:1
            "pch48021": "C20H32N2O6S",  # ephedrine sulfate 2:1
            "pch48022": "C23H27N3O6",  # ergometrine maleate
            "pch48023": "C37H41N5O11",  # ergotamine tartrate
            "pch48025": "C10H15NO",  # pseudoephedrine InChI
            "pmh48001": "C15H23NO3",  # N-Boc-pseudoephedrine
            "pmh48005": "C11H15NO",  # ephedrine-formaldehyde oxazolidine
            "pmh48012": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh48016": "C19H28N2O3",  # N-Boc-norfentanyl
            "pph48001": "C9H10O2",  # L-PAC
            "pdh48007": "C4H7NaO3",  # sodium oxybate
            "pdh48019": "C14H20ClNO2",  # methylphenidate hydrochloride
        },
    )
