"""The thirty-fourth held-out set (devtools/data/evaluation_heldout34.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the trade with the Americas. Goods arriving in EU ports from and
leaving for Latin America and North America as exporters', importers' and forwarders' documents write them: Spanish
names as the Costa Rican precursor list and Mexico's 2021 fentanyl-precursor additions write them, Portuguese names
as the Brazilian Polícia Federal list writes them, US names (DEA List I/II) and Canadian names (CDSA Schedule VI,
Precursor Control Regulations, Health Canada Class B); the chemicals of cocaine processing (potassium permanganate,
solvents, acids), the fentanyl and P2P routes' designer precursors and masks; bills of lading, facturas, notas
fiscais and air waybills with Incoterms and HS/HTS subheadings beside the CN code; and the legitimate mining,
agro-industrial and fragrance chemicals of similar names shipped on the same routes. Its recall is a measurement
(docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT34 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout34.csv"

TRADE_DOCUMENTS = ("factura", "nota fiscal", "fatura", "b/l", "bill of lading", "invoice", "air waybill", "courier")
INCOTERMS = re.compile(r"\b(EXW|FOB|CFR|CIF|DAP|DDP)\b")
HS_CODE = re.compile(r"\b(HS|HTS) \d{4}\.\d{2}")
AMERICAN_LISTS = {
    "Costa Rica": "scribd.com/document/63445388",
    "Brazil": "uesb.br",
    "Brazil (second copy of the list)": "dinamicadespachante.com.br",
    "Mexico": "elfinanciero.com.mx",
    "Canada": "justice.gc.ca",
    "United States": "1310.02",
}


def test_thirty_fourth_heldout_reads_like_trade_with_the_americas():
    rows = load_rows(HELDOUT34)
    texts = [row.value + " | " + row.description for row in rows]
    assert sum(1 for text in texts if any(word in text.lower() for word in TRADE_DOCUMENTS)) >= 100
    assert sum(1 for text in texts if INCOTERMS.search(text)) >= 20
    notes = " ".join(row.note for row in rows)
    # names read in the lists of every country of the theme that could be read
    assert all(marker in notes for marker in AMERICAN_LISTS.values())
    # an HS or HTS subheading stated beside the CN code is explained in the note
    for row in rows:
        if HS_CODE.search(row.value + " | " + row.description):
            assert "HS subheading" in row.note, row.id
    # Incoterms, ports and quantities have no real source: each row that states them admits it
    with_incoterms = [row for row in rows if INCOTERMS.search(row.description)]
    assert all("placeholder" in row.note for row in with_incoterms), [
        row.id for row in with_incoterms if "placeholder" not in row.note
    ]


def test_thirty_fourth_heldout_foreign_names_cite_a_national_list():
    foreign = re.compile(
        r"[ÁÉÍÓÚÂÊÔÃÕÇáéíóúâêôãõç]|\b(Acetona|Tolueno|Safrol|Isosafrol|Efedrina|Seudoefedrina|Piperidina)\b"
    )
    for row in load_rows(HELDOUT34):
        if row.kind == "name" and row.positive and foreign.search(row.value):
            assert any(marker in row.note for marker in AMERICAN_LISTS.values()), row.id


def test_thirty_fourth_heldout_cocaine_processing_chemicals_are_at_their_levels():
    rows = load_rows(HELDOUT34)
    permanganate = [row for row in rows if row.group == "scheduled substances" and row.cn_code == "2841 61 00"]
    assert len(permanganate) >= 3 and all(row.expect == "low" for row in permanganate)
    sodium_permanganate = [row for row in rows if row.cn_code == "2841 69 00"]
    assert sodium_permanganate and all(row.expect == "none" for row in sodium_permanganate)


def test_thirty_fourth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT34),
        {
            "pch34009": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch34012": "C14H18O3",  # BMK tert-butyl glycidate InChI
            "pch34019": "C10H10O3",  # PMK InChI
            "pch34027": "C15H14O7",  # IMDPAM
            "pch34028": "C10H15NO",  # ephedrine InChI
            "pch34032": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pch34043": "C11H18Cl2N2",  # 4-AP dihydrochloride
            "pdh34002": "C17H21NO4",  # cocaine
            "pdh34011": "C24H30N2O3",  # carfentanil
            "pdh34015": "C23H30N4O3",  # isotonitazene
            "pmh34001": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh34013": "C19H28N2O3",  # N-Boc-norfentanyl
            "pph34005": "C9H9NO2",  # P2NP
        },
    )
