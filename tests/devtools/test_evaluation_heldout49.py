"""The forty-ninth held-out set (devtools/data/evaluation_heldout49.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: chemical distributors' catalogues and trade-name products. Goods lines
as European and global chemical distributors and solvent/acid suppliers write them in product lists, price lists,
delivery notes and safety data sheets: product names with grade and pack conventions ("Aceton techn. 99,5 %",
"Salzsäure 30-33%", "KWAS SIARKOWY 96%"), article and product codes beside names, catalogue lines in German, Dutch,
French, Polish, Italian and Spanish, blends with stated shares, bulk delivery (tank truck, IBC, ISO tank), and the
registered trade names of legitimate solvents (glycol ethers, hydrocarbon solvents, thinners, cleaning agents, other
ketones) that look like scheduled ones. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_formulas

HELDOUT49 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout49.csv"

CATALOGUE_CONVENTIONS = re.compile(
    r"techn\.|rein|p\.a\.|ACS|Ph\.\s?Eur|USP|F\.C\.C\.|fcc|grade|\d\s?%|IBC|drum|Fass|Kanister|tank|citerne|autocysterna"
    r"|Tankwagen|tankwagen|carboy|pail|bottle|frasco|tambor|fusto|ampoule|\d\s?(kg|l|ml|g)\b",
    re.IGNORECASE,
)
PRODUCT_CODE = re.compile(
    r"product code|code du produit|código|codice|artikelnummer|artikelnr|\bcatalog\b|Catalog Numbers|Cat No|Referencia|kod towaru"
    r"|Materialnummer|MSDS code|Substance No|\bNr\. \d",
    re.IGNORECASE,
)
LANGUAGES = {
    "German": re.compile(r"Aceton\b|Salzsäure|Toluol|Methylethylketon|Schwefelether|Lösemittel"),
    "Dutch": re.compile(r"Zoutzuur|Ontkalker|handelsnaam"),
    "French": re.compile(r"ACIDE|Acide|citerne"),
    "Polish": re.compile(r"KWAS|Kwas|tabletki|dystrybutor"),
    "Italian": re.compile(r"Acido Cloridrico|ACIDO MURIATICO|Codice|fusto"),
    "Spanish": re.compile(r"Acetona|ACETONA|ÁCIDO|Código|tambor"),
}
BULK = re.compile(r"IBC|tank|Tankwagen|tankwagen|ISO tank|citerne|autocysterna|road tanker", re.IGNORECASE)


def test_forty_ninth_heldout_reads_like_distributor_catalogue_lines():
    rows = load_rows(HELDOUT49)
    texts = [row.value + " | " + row.description for row in rows]
    assert sum(1 for text in texts if CATALOGUE_CONVENTIONS.search(text)) >= 150
    assert sum(1 for text in texts if PRODUCT_CODE.search(text)) >= 20
    # bulk deliveries are placeholders: each row that states one admits it
    for row in rows:
        if BULK.search(row.description):
            assert "placeholder" in row.note, row.id


def test_forty_ninth_heldout_product_codes_and_trade_names_cite_the_page_they_were_read_on():
    for row in load_rows(HELDOUT49):
        if PRODUCT_CODE.search(row.value + " | " + row.description) or "trade name" in row.note:
            assert "http" in row.note, row.id


def test_forty_ninth_heldout_covers_the_catalogue_languages():
    rows = load_rows(HELDOUT49)
    for language, marker in LANGUAGES.items():
        hits = [row for row in rows if marker.search(row.value + " | " + row.description)]
        assert len(hits) >= 2, language
        assert all("http" in row.note or "shared/reference" in row.note for row in hits), language


def test_forty_ninth_heldout_permanganates_and_solvent_blends_are_at_their_levels():
    rows = load_rows(HELDOUT49)
    potassium = [row for row in rows if row.cn_code == "2841 61 00"]
    assert len(potassium) >= 3 and all(row.expect == "low" for row in potassium)
    sodium = [row for row in rows if row.cn_code == "2841 69 00"]
    assert len(sodium) >= 3 and all(row.expect == "none" for row in sodium)
    blends = [row for row in rows if row.group == "scheduled substances" and "mixture containing" in row.note]
    assert len(blends) >= 4 and all(row.expect == "info" and "Category 3" in row.note for row in blends)


def test_forty_ninth_heldout_structures_have_the_formulas_of_their_notes():
    rows = load_rows(HELDOUT49)
    by_value = {row.value: row.id for row in rows}
    assert_formulas(
        rows,
        {
            by_value["CC1(Cc2ccccc2)OCCO1"]: "C11H14O2",  # BMK ethylene ketal
            by_value["CC1(Cc2ccc3c(c2)OCO3)OCCO1"]: "C12H14O4",  # PMK ethylene ketal
            by_value["CC(O)(Cc1ccccc1)S(=O)(=O)[O-].[Na+]"]: "C9H11NaO4S",  # BMK bisulfite adduct
            by_value["CCC(=O)N(c1ccccc1)C1CCN(C(=O)OC(C)(C)C)CC1"]: "C19H28N2O3",  # N-Boc-norfentanyl
            by_value["C1CN(CCc2ccccc2)CCC12OCCO2"]: "C15H21NO2",  # NPP ethylene ketal
            by_value["CCCCCOC(=O)C1(C)OC1c1ccccc1"]: "C15H20O3",  # pentyl BMK glycidate
            by_value["CCOC(=O)C(C(C)=O)c1ccc2c(c1)OCO2"]: "C13H14O5",  # MAMDPA ethyl analogue
            by_value["CC(=Cc1ccc2c(c1)OCO2)[N+](=O)[O-]"]: "C10H9NO4",  # MDP2NP
            by_value["CC(Br)C(=O)c1ccc(C)cc1"]: "C10H11BrO",  # 2-bromo-4'-methylpropiophenone
            by_value["CCCC(Br)C(=O)c1ccccc1"]: "C11H13BrO",  # 2-bromovalerophenone
            by_value["CC(=O)[C@H](O)c1ccccc1"]: "C9H10O2",  # L-PAC
            by_value["CC1(C(=O)[O-])OC1c1ccccc1.[Na+]"]: "C10H9NaO3",  # BMK glycidate sodium
            by_value["CCOC(=O)C(C(=O)Cc1ccccc1)C(=O)OCC"]: "C15H18O5",  # DEPAPD
            by_value["InChI=1S/C10H15NO/c1-8(11-2)10(12)9-6-4-3-5-7-9/h3-8,10-12H,1-2H3/t8-,10+/m0/s1"]: "C10H15NO",
            by_value["CC(=O)N(c1ccc(C)cc1)C1CCN(CCc2ccccc2)CC1"]: "C22H28N2O",  # 4'-methylacetylfentanyl
            by_value["CCc1ccc(cc1)C(=O)C(C)NC"]: "C12H17NO",  # 4-ethylmethcathinone
        },
    )
