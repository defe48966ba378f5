"""The thirty-sixth held-out set (devtools/data/evaluation_heldout36.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: entry summary declarations and cargo manifests (ICS2, sea and air).
Goods as carriers, NVOCCs and forwarders file them before arrival: a short goods description behind "SAID TO
CONTAIN" / "STC" / "SLAC" and shipper's load-and-count clauses, container and seal numbers, packages and gross
weight in the description, HS 6-digit codes (the first six digits of the CN code), dangerous-goods particulars
(UN number, class, packing group) where a substance has them, marks and numbers, names truncated or in capitals as
manifests write them, several goods lines run together and placeholder consignee/notify-party wording. Drugs are
declared under misleading generic descriptions with the real identifier in the CAS or SMILES field; the legitimate
look-alikes are common industrial chemicals shipped the same way. Its recall is a measurement (docs/evaluation.md),
not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT36 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout36.csv"

MANIFEST_CLAUSES = ("STC ", "SAID TO CONTAIN", "SLAC", "SHIPPER'S LOAD")
TRANSPORT_DOCUMENT = re.compile(r"\bCONT [A-Z]{4}\d{7} SEAL \w+|\bMAWB \d{3}-\d{8}")
PLACEHOLDERS = re.compile(r"\b(CONT|SEAL|GW|MAWB|HAWB|HBL|CNEE|NOTIFY)\b")
HS_CODE = re.compile(r"\bHS (\d{6})\b")
UN_NUMBER = re.compile(r"\bUN ?\d{4}\b")


def test_thirty_sixth_heldout_reads_like_entry_summary_declarations():
    rows = load_rows(HELDOUT36)
    assert all(row.description.startswith(("ENS ", "ICS2 ENS ")) for row in rows)
    assert sum(1 for row in rows if any(clause in row.description for clause in MANIFEST_CLAUSES)) >= 150
    assert sum(1 for row in rows if TRANSPORT_DOCUMENT.search(row.description)) >= 150
    # several goods lines run together, names in capitals, names cut short as manifests write them
    assert sum(1 for row in rows if re.search(r"\b1\) .* 2\) ", row.description)) >= 3
    names = [row for row in rows if row.kind == "name"]
    assert sum(1 for row in names if row.value == row.value.upper()) > len(names) * 0.8
    assert any("truncated" in row.note for row in rows)
    # containers, seals, weights, bills and parties have no real source: each row admits it
    for row in rows:
        if PLACEHOLDERS.search(row.description):
            assert "placeholder" in row.note, row.id


def test_thirty_sixth_heldout_hs_subheadings_are_the_cn_codes_first_six_digits():
    rows = load_rows(HELDOUT36)
    with_hs = [row for row in rows if HS_CODE.search(row.description)]
    assert len(with_hs) >= 25
    for row in with_hs:
        assert HS_CODE.search(row.description).group(1) == row.cn_code.replace(" ", "")[:6], row.id
        assert "HS subheading" in row.note, row.id


def test_thirty_sixth_heldout_dangerous_goods_particulars_cite_their_source():
    rows = load_rows(HELDOUT36)
    with_un = [row for row in rows if UN_NUMBER.search(row.description)]
    assert len(with_un) >= 5
    assert all("http" in row.note and "UN" in row.note for row in with_un)


def test_thirty_sixth_heldout_drugs_hide_behind_generic_descriptions():
    rows = load_rows(HELDOUT36)
    drugs = [row for row in rows if row.group == "drugs"]
    assert sum(1 for row in drugs if row.kind in {"cas", "smiles"}) >= 20
    assert all(row.value.lower() not in row.description.lower() for row in drugs if row.kind != "name")


def test_thirty_sixth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT36),
        {
            "pch36012": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch36027": "C10H10O3",  # PMK InChI
            "pch36035": "C15H14O7",  # IMDPAM
            "pch36036": "C10H15NO",  # ephedrine InChI
            "pch36039": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pch36050": "C11H18Cl2N2",  # 4-AP dihydrochloride
            "pmh36001": "C11H14O2",  # BMK ethylene ketal
            "pmh36004": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh36005": "C12H14O4",  # PMK ethylene ketal
            "pmh36011": "C19H28N2O3",  # N-Boc-norfentanyl
            "pmh36015": "C19H22N2O2",  # N-Cbz-4-AP
            "pmh36018": "C12H17NO2",  # N-acetylpseudoephedrine
            "pph36015": "C10H9NO4",  # MDP2NP
            "pdh36022": "C10H12FNO",  # 4-fluoro methcathinone analogue
            "pdh36023": "C23H30N2O",  # butanoyl fentanyl homologue
            "pdh36027": "C12H17NO2",  # alpha-ethyl MDMA homologue
        },
    )
