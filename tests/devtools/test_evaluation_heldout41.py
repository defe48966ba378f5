"""The forty-first held-out set (devtools/data/evaluation_heldout41.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: exporters' own documents from India and China. Goods on the proforma
invoices, packing lists, certificates of analysis and shipping bills of Asian chemical and pharmaceutical exporters
consigning to the EU: pharmacopoeia grades (IP/BP/USP/EP), "API" and "intermediate" wording, Indian ITC-HS and
Chinese tariff lines and 10-digit codes in the description beside the EU CN code, company product codes, "min 99%",
"LOD", "Batch No." and "Mfg/Exp" dates, and the English of those documents ("Pseudo Ephedrine Hydrochloride IP",
"P2P oil", "Piperonyl Methyl Ketone", "4-Piperidone HCl monohydrate"); names as the Indian DGFT export policy and the
NDPS controlled-substance list print them; and the uncontrolled APIs, intermediates and aroma chemicals of similar
names those exporters ship. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT41 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout41.csv"

EXPORT_DOCUMENTS = (
    "proforma invoice",
    "commercial invoice",
    "packing list",
    "certificate of analysis",
    "shipping bill",
)
EXPORTER_WORDING = re.compile(r"\b(IP|BP|USP|EP)\b|\bmin \d|\bLOD\b|Batch No\.|\bMfg\b|\bExp\b|NMT|Assay")
NATIONAL_CODE = re.compile(r"ITC-HS|China HS|\b\d{10}\b")
INDIAN_LISTS = {
    "DGFT export policy (Notification 55 (RE-2013))": "gstindiasolution.com/view_circular.php?id=2931",
    "NDPS controlled substances (S.O. 834(E))": "customsindiaonline.com",
}
# EU CN codes the set may use: the codes of shared/reference/eu-scheduled-precursors.csv and cn-codes.csv
SOURCED_CN_CODES = {
    "2914 31 00",
    "2932 92 00",
    "2932 93 00",
    "2932 94 00",
    "2932 91 00",
    "2924 23 00",
    "2926 40 00",
    "2924 29 70",
    "2918 30 00",
    "2918 99 90",
    "2932 99 00",
    "2939 41 00",
    "2939 42 00",
    "2939 44 00",
    "2939 61 00",
    "2939 62 00",
    "2939 63 00",
    "2939 79 90",
    "2933 37 00",
    "2933 36 00",
    "2933 39 99",
    "2915 24 00",
    "2916 34 00",
    "2922 43 00",
    "2933 32 00",
    "2841 61 00",
    "2914 11 00",
    "2902 30 00",
    "2914 12 00",
    "2909 11 00",
    "2807 00 10",
    "3004 41 00",
    "3004 42 00",
    "2904 20 00",
    "2914 79 00",
    "2914 39 00",
    "2914 40 90",
    "2841 69 00",
}


def test_forty_first_heldout_reads_like_indian_and_chinese_export_documents():
    rows = load_rows(HELDOUT41)
    descriptions = [row.description for row in rows]
    assert sum(1 for text in descriptions if any(doc in text.lower() for doc in EXPORT_DOCUMENTS)) >= 150
    assert sum(1 for row in rows if EXPORTER_WORDING.search(row.value + " | " + row.description)) >= 60
    notes = " ".join(row.note for row in rows)
    assert all(marker in notes for marker in INDIAN_LISTS.values())
    # batch numbers, dates, quantities and product codes have no real source: each row admits it
    assert all("placeholder" in row.note for row in rows if re.search(r"Batch No\.|\bMfg\b", row.description))


def test_forty_first_heldout_national_codes_stay_in_the_description_and_are_explained():
    for row in load_rows(HELDOUT41):
        # the CN column holds only an EU CN code read in the shared reference, or nothing
        assert row.cn_code.removeprefix("ex ") in SOURCED_CN_CODES | {""}, row.id
        if NATIONAL_CODE.search(row.description):
            assert "national code" in row.note or "10-digit line" in row.note, row.id
            assert "http" in row.note, row.id


def test_forty_first_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT41),
        {
            "pch41009": "C10H10O3",  # PMK InChI
            "pch41024": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch41037": "C20H32N2O6S",  # ephedrine sulphate
            "pch41040": "C10H16ClNO",  # pseudoephedrine hydrochloride
            "pch41041": "C10H15NO",  # pseudoephedrine InChI
            "pch41054": "C11H18Cl2N2",  # 4-AP dihydrochloride
            "pch41058": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate
            "pmh41001": "C11H14O2",  # BMK ethylene ketal
            "pmh41005": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh41009": "C19H28N2O3",  # N-Boc-norfentanyl
            "pph41003": "C10H9NO4",  # MD-P2NP
            "pph41009": "C10H11BrO",  # 2-bromo-4'-methylpropiophenone
            "pdh41018": "C11H15NO",  # mephedrone
            "pdh41021": "C21H26N2O",  # acetylfentanyl
        },
    )
