"""The fifty-third held-out set (devtools/data/evaluation_heldout53.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the South Asian and Gulf precursor and pharmaceutical trade as the INCB
reports, India's NDPS controlled-substances notifications and the seizures of India's NCB and DRI, Pakistan's ANF and
customs, Bangladesh's border guards and Dubai Customs describe it: bulk drugs and precursors exported from India
(Nhava Sheva, Mumbai, Hyderabad, the Gujarat bulk-drug belt), Pakistan, Bangladesh, Sri Lanka and Nepal and
transhipped through Jebel Ali; Indian exporters' invoice style (IP/BP/USP marks, 'Batch No.', 'Mfg/Exp', HSN codes of
eight digits in the description, 'Pvt. Ltd.' placeholders); ephedrine and pseudoephedrine salts and their Category 4
medicines, acetic anhydride bound for Afghanistan, the fentanyl precursors of the Gujarat and Hyderabad indictments,
the Mandrax (methaqualone) and mephedrone chemistry; tramadol, ketamine, codeine cough syrups (Phensedyl) and yaba as
drugs, with their Hindi and Bengali names only where a real source prints them; and the region's ordinary medicines,
solvents and the covers named in seizures as look-alikes. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_formulas, assert_regional_routes_admitted

HELDOUT53 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout53.csv"

REGION = re.compile(
    r"\((IN|PK|BD|LK|NP|AE|AF)\)|India|Pakistan|Bangladesh|Sri Lanka|Nepal|Jebel Ali|Dubai|Mumbai|Hyderabad|Gujarat"
    r"|Karachi|Chennai|Kolkata|Afghanistan|Myanmar"
)
INDIC_SCRIPT = re.compile(r"[\u0900-\u097f\u0980-\u09ff]")  # Devanagari (Hindi) and Bengali
INDIC_SOURCES = ("gshindi.com", "jantaserishta.com", "jessorenews.com")
INCB_FINDINGS = ("business-standard.com", "idrw.org")  # the INCB 2017 and 2019 reports' South Asia findings as reported
INDIAN_TARIFF_PAGES = ("getatoz.co", "findgst.in", "busy.in", "lawcrux.com")
INDIA_2025_ORDER = "gazettetracker.com/g/CG-DL-E-23012025-260412"
PHARMACOPOEIA = re.compile(r"\b(IP|BP|USP)\b")


def test_fifty_third_heldout_reads_like_south_asian_and_gulf_trade():
    assert_regional_routes_admitted(load_rows(HELDOUT53), REGION, in_region=190, routed=180)


def test_fifty_third_heldout_writes_indian_invoices():
    rows = load_rows(HELDOUT53)
    assert sum(1 for row in rows if "Batch No." in row.description) >= 25
    assert sum(1 for row in rows if re.search(r"Mfg \d\d/\d{4} Exp \d\d/\d{4}", row.description)) >= 15
    assert sum(1 for row in rows if "Pvt. Ltd." in row.description) >= 4
    assert sum(1 for row in rows if PHARMACOPOEIA.search(row.value)) >= 25
    # an eight-digit HSN code in a description is the row's own CN code or is read on an Indian tariff page
    hsn = [row for row in rows if re.search(r"\b(HSN|tariff) \d{8}\b", row.description)]
    assert len(hsn) >= 12
    for row in hsn:
        code = re.search(r"\b(?:HSN|tariff) (\d{8})\b", row.description).group(1)
        assert code == row.cn_code.replace(" ", "") or any(page in row.note for page in INDIAN_TARIFF_PAGES), row.id


def test_fifty_third_heldout_hindi_and_bengali_names_cite_the_page_that_prints_them():
    rows = load_rows(HELDOUT53)
    indic = [row for row in rows if INDIC_SCRIPT.search(row.value)]
    assert len(indic) >= 4
    for row in indic:
        assert row.positive and any(source in row.note for source in INDIC_SOURCES), row.id


def test_fifty_third_heldout_follows_the_incb_findings_on_the_region():
    rows = load_rows(HELDOUT53)
    incb = [row for row in rows if any(source in row.note for source in INCB_FINDINGS)]
    assert len(incb) >= 4 and all(row.positive for row in incb)
    # acetic anhydride bound for Afghanistan is Category 2A: low
    anhydride = [
        row
        for row in rows
        if row.group == "scheduled substances" and "acetic anhydride" in row.note.lower() and "Category 2A" in row.note
    ]
    assert len(anhydride) >= 5 and all(row.expect == "low" for row in anhydride)
    # the 2025 amendment of India's controlled-substances order (glycidate esters, 4-piperidone, 1-boc-4-piperidone)
    india_2025 = [row for row in rows if INDIA_2025_ORDER in row.note]
    assert len(india_2025) >= 3 and all(row.expect == "high" for row in india_2025)


def test_fifty_third_heldout_drugs_of_the_region_are_high():
    rows = load_rows(HELDOUT53)
    for drug in ("tramadol", "ketamine", "codeine", "methaqualone", "mephedrone"):
        listed = [
            row
            for row in rows
            if row.group == "drugs" and drug in row.note.lower() and "no source of its own" not in row.note
        ]
        assert len(listed) >= 2 and all(row.expect == "high" for row in listed), drug
    # a codeine syrup is a drug even where it also holds pseudoephedrine (Category 4): no row names codeine at info
    codeine = [row for row in rows if "codeine" in row.value.lower()]
    assert codeine and all(row.group == "drugs" and row.expect == "high" for row in codeine)


def test_fifty_third_heldout_pre_precursors_and_covers():
    rows = load_rows(HELDOUT53)
    lpac = [row for row in rows if "L-PAC" in row.value or row.value == "CC(=O)[C@H](O)c1ccccc1"]
    bromo = [row for row in rows if row.value in {"CC(Br)C(=O)c1ccc(C)cc1", "2-Bromo-4-Methyl Propiophenone (2-BMP)"}]
    assert len(lpac) == 2 and len(bromo) == 2
    assert all(row.group == "pre-precursors" and row.expect == "low" for row in lpac + bromo)
    # the covers named in seizures (Vitamin C, antacid, onions, mattresses ...) declared genuinely stay unflagged
    covers = [
        row
        for row in rows
        if not row.positive and ("declared here genuinely" in row.note or "shipped here genuinely" in row.note)
    ]
    assert len(covers) >= 8 and all(row.expect == "none" for row in covers)


def test_fifty_third_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT53),
        {
            "pch53004": "C10H16ClNO",  # ephedrine hydrochloride
            "pch53005": "C10H15NO",  # ephedrine InChI
            "pch53012": "C20H32N2O6S",  # pseudoephedrine sulphate (2:1)
            "pch53017": "C9H14ClNO",  # norephedrine hydrochloride
            "pch53052": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate
            "pdh53003": "C13H16ClNO",  # ketamine
            "pdh53007": "C16H25NO2",  # tramadol
            "pdh53021": "C16H14N2O",  # methaqualone
            "pmh53005": "C11H13NO2",  # ephedrine oxazolidinone
            "pmh53009": "C15H21NO2",  # NPP ethylene ketal
            "pmh53011": "C7H13NO2",  # 4-piperidone ethylene ketal
            "pmh53023": "C9H7NO2",  # acetanthranil
            "pph53001": "C9H10O2",  # L-PAC
            "pph53003": "C10H11BrO",  # 2-bromo-4'-methylpropiophenone
        },
    )
