"""The fiftieth held-out set (devtools/data/evaluation_heldout50.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the Levant, Gulf and Mediterranean route of the captagon and
methamphetamine trade. Consignments moving between the EU, Turkey, Lebanon, Syria, Jordan, Iraq, the Gulf states,
Egypt and the Maghreb as their traders and forwarders write them: Arabic and Persian names of the scheduled
substances and drugs (read on Arabic and Persian Wikipedia and its mirrors, national decisions, news and UN texts),
their Latin transliterations (ALA-LC without diacritics, said in the note), French names (French ministry's precursor
table, French Wikipedia) and Turkish names; CAS numbers typed in Arabic-Indic and Persian digits; quantities in
Arabic-Indic digits; pharmaceutical-cover descriptions; the captagon chemistry (BMK, APAAN, APAA, MAPA, phenylacetic
acid, the nitrostyrene route, Leuckart reagents, theophylline as fenetylline's other half) and the methamphetamine
chemistry (ephedrine, pseudoephedrine, P2P); and the legitimate xanthines, analgesics, aldehydes, solvents and
fertilisers shipped on the same routes. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_formulas, cas_numbers, check_digit_holds

HELDOUT50 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout50.csv"

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
EASTERN_DIGITS = re.compile(r"[\u0660-\u0669\u06F0-\u06F9]")
ROUTE_PORTS = ("Mersin", "Latakia", "Tartus", "Beirut", "Aqaba", "Jeddah", "Jebel Ali", "Umm Qasr", "Port Said",
               "Alexandria", "Basra", "Damascus", "Amman", "Alger", "Tunis", "Casablanca")


def test_fiftieth_heldout_reads_like_the_levant_and_gulf_route():
    rows = load_rows(HELDOUT50)
    texts = [row.value + " | " + row.description for row in rows]
    assert sum(1 for text in texts if ARABIC_SCRIPT.search(text)) >= 50
    assert sum(1 for text in texts if EASTERN_DIGITS.search(text)) >= 60
    assert sum(1 for text in texts if any(port in text for port in ROUTE_PORTS)) >= 150
    # ports, Incoterms and quantities have no real source: each row admits it
    assert all("placeholder" in row.note for row in rows)


def test_fiftieth_heldout_non_latin_names_and_transliterations_cite_their_page():
    rows = load_rows(HELDOUT50)
    for row in rows:
        if row.kind == "name" and ARABIC_SCRIPT.search(row.value):
            assert "http" in row.note, row.id
        if "transliteration" in row.note:
            assert "ALA-LC" in row.note and "http" in row.note, row.id
    assert sum(1 for row in rows if "transliteration" in row.note) >= 6
    # CAS numbers typed in Arabic-Indic or Persian digits still carry a valid check digit
    eastern = [row for row in rows if row.kind == "cas" and EASTERN_DIGITS.search(row.value)]
    assert len(eastern) >= 6
    assert all(check_digit_holds(number) for row in eastern for number in cas_numbers(row.value))


def test_fiftieth_heldout_captagon_chemistry_is_at_its_levels():
    rows = load_rows(HELDOUT50)
    fenetylline = [row for row in rows if row.group == "drugs" and "fenetylline" in row.note.lower()
                   and "no source of its own" not in row.note]
    assert len(fenetylline) >= 10 and all(row.expect == "high" for row in fenetylline)
    apaan = [row for row in rows if row.group == "scheduled substances" and "APAAN" in row.note]
    assert len(apaan) >= 5 and all(row.expect == "high" for row in apaan)
    xanthines = [row for row in rows if not row.positive and "theophylline" in row.note.lower()]
    assert len(xanthines) >= 6
    assert all(row.expect == "none" or "borderline" in row.note for row in xanthines)


def test_fiftieth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT50),
        {
            "pch50019": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch50026": "C13H16O3",  # BMK propyl glycidate InChI
            "pch50033": "C10H15NO",  # ephedrine InChI
            "pch50041": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pmh50001": "C11H14O2",  # BMK ethylene ketal
            "pmh50004": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh50010": "C10H10N2",  # APAAN enamine
            "pmh50013": "C14H14O5",  # phenylacetyl Meldrum's acid
            "pmh50015": "C11H15NO",  # ephedrine oxazolidine
            "pmh50017": "C15H23NO3",  # N-Boc-pseudoephedrine
            "pdh50010": "C18H23N5O2",  # fenetylline
            "pdh50029": "C19H25N5O2",  # N-methylfenetylline
        },
    )
