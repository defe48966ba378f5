"""The sixteenth held-out set (devtools/data/evaluation_heldout16.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/, cli/
or the other sets' bodies). Theme: consignments from outside the Union and what INCB's recent precursor reports
(2023-2025) describe. Shipments declared by exporters and forwarders in the source and transit countries INCB and
Europol name (China, India, Türkiye, Ukraine, Latin America via Rotterdam and Antwerp): exporters' English
("Pharma Intermediate", "Ketone Oil", "new PMK oil", "Chemical Raw Material"), HS codes as those countries print them
(6-digit HS, 8-digit Indian ITC-HS, 10-digit Chinese codes, a 12-digit Turkish GTIP), names as national control lists
print them (Russian and Ukrainian Cyrillic, Latin-American Spanish from Costa Rica's ICD list, Brazilian Portuguese
from the Polícia Federal and ANVISA lists, three Chinese names of the State Council's precursor annex; no Turkish name:
no Turkish list text was found), and the newest scheduled designer precursors (the 2024/1331 glycidate esters and
IMDPAM, the 2025/1475 4-piperidones, 4-AP, 1-boc-4-AP, norfentanyl) declared by CAS, name, SMILES (Kekulé, explicit H,
stereo, salts) and InChI. Masks (ketals, an oxime, a bisulfite adduct, keto acids, enolates, Boc/Cbz/benzyl-protected
4-AP and norfentanyl, t-BOC-MDMA), cathinone and nitazene pre-precursors, controlled drugs and unlisted members of
their classes, and the legitimate bulk trade of the same exporters under the same words (flavour glycidates,
"ketone oil" fragrances, solvents, Indian APIs with a piperidine, acetoacetanilide, 4-aminopyridine).
Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_cas_typed_every_way,
    assert_formulas,
    assert_group_sizes,
    scheduled_rows_in_messy_forms,
)

HELDOUT16 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout16.csv"
EXPORTER_WORDS = ("pharma intermediate", "intermediate", "ketone", "oil", "ester", "raw material")
ORIGINS = (
    "hebei",
    "shandong",
    "jiangsu",
    "zhejiang",
    "hubei",
    "india",
    "gujarat",
    "hyderabad",
    "mumbai",
    "ahmedabad",
    "andhra pradesh",
    "türkiye",
    "mersin",
    "odesa",
    "rotterdam",
    "antwerp",
    "santos",
    "cartagena",
    "colombia",
    "guayaquil",
    "ciudad de méxico",
)


def text(row):
    return f"{row.value} {row.description}".lower()


def test_sixteenth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT16)
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, 45)
    assert_cas_typed_every_way(cas_values)
    smiles = [row.value for row in scheduled if row.kind == "smiles"]
    assert sum(1 for value in smiles if not re.search(r"[cno]", value.replace("Cl", ""))) >= 4  # Kekulé
    assert any("[H]" in value for value in smiles)  # explicit hydrogen
    assert sum(1 for value in smiles if "@" in value) >= 3  # stereo marks
    assert sum(1 for value in smiles if "." in value) >= 3  # salts
    inchis = [row.value for row in scheduled if row.kind == "inchi"]
    assert sum(1 for value in inchis if "/t" in value and "/m" in value) >= 2  # stereo layers
    # the newest listings: the 2024/1331 glycidate esters and IMDPAM, the 2025/1475 4-piperidones
    assert sum(1 for row in scheduled if "2024/1331" in row.note) >= 4
    assert sum(1 for row in scheduled if "2025/1475" in row.note) >= 3
    assert any(row.cn_code.startswith("3004") for row in scheduled)  # a Category 4 medicine
    assert_group_sizes(rows, 22, 12, 22, 35)


def test_sixteenth_heldout_names_come_in_the_exporters_scripts_and_languages():
    scheduled = [row for row in load_rows(HELDOUT16) if row.group == "scheduled substances" and row.kind == "name"]
    names = [row.value for row in scheduled]
    assert sum(1 for name in names if re.search("[а-яА-Я]", name)) >= 8  # Cyrillic
    assert sum(1 for name in names if re.search("[іїєІЇЄ]", name)) >= 3  # of them Ukrainian
    assert sum(1 for name in names if re.search("[\u4e00-\u9fff]", name)) >= 3  # Chinese
    lowered = [name.lower() for name in names]
    assert (
        sum(1 for name in lowered if any(w in name for w in ("seudoefedrina", "norefedrina", "propanona", "cetona")))
        >= 4
    )
    assert sum(1 for name in lowered if any(w in name for w in ("ácido", "fenil", "éter", "piperidinona"))) >= 4
    for row in scheduled:  # a foreign name's note names the list it was taken from
        if not row.value.isascii():
            assert re.search(r"Decree|Resolution|Order|Decreto|Portaria|Lista|list", row.note), row.id


def test_sixteenth_heldout_reads_like_exporters_paperwork_on_both_sides():
    """The theme: exporters' wording, origins and national tariff codes appear on positives and on legitimate items
    alike, so that a screener cannot score the wording instead of the chemistry."""
    rows = load_rows(HELDOUT16)
    for side in (True, False):
        group = [row for row in rows if row.positive is side]
        assert sum(1 for row in group if any(word in text(row) for word in EXPORTER_WORDS)) >= 10
        assert sum(1 for row in group if "ketone oil" in text(row) or "ketone" in text(row)) >= 3
        assert sum(1 for row in group if any(place in text(row) for place in ORIGINS)) >= 5
        codes = [re.sub(r"\D", "", row.cn_code) for row in group if row.cn_code]
        assert {6, 8, 10} <= {len(code) for code in codes}  # HS, Indian ITC-HS, Chinese tariff lengths


def test_sixteenth_heldout_pairs_designer_precursors_with_their_legitimate_twins():
    """Same-formula and near-twin pairs on the two sides: BMK ethyl glycidate and strawberry aldehyde, APAA and
    acetoacetanilide, 4-AP (anilinopiperidine) and 4-AP (aminopyridine)."""
    rows = load_rows(HELDOUT16)
    by_id = {row.id: row for row in rows}
    # C12H14O3 is BMK ethyl glycidate's formula; C10H11NO2 is shared by APAA and acetoacetanilide
    assert_formulas(rows, {"nlh16046": "C12H14O3", "pch16064": "C10H11NO2", "nlh16047": "C10H11NO2"})
    assert "phenyloxirane" in by_id["pch16055"].value.lower() and "strawberry" in by_id["nlh16001"].description.lower()
    assert "4-AP" in by_id["pch16011"].description and "4-AP" in by_id["nlh16025"].value


def test_sixteenth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT16),
        {
            "pch16057": "C11H9NaO5",  # PMK glycidic acid sodium salt
            "pch16059": "C13H16O3",  # BMK isopropyl glycidate
            "pch16060": "C15H18O5",  # PMK tert-butyl glycidate
            "pch16065": "C15H14O7",  # IMDPAM
            "pch16069": "C13H14O5",  # PMK ethyl glycidate (InChI)
            "pch16071": "C10H17NO3",  # 1-boc-4-piperidone (InChI)
            "pmh16004": "C9H11NaO4S",  # P-2-P bisulfite adduct
            "pmh16012": "C19H28N2O3",  # 1-boc-norfentanyl
            "pmh16018": "C16H23NO4",  # t-BOC-MDMA
            "pph16013": "C12H20N4O2",  # nitazene benzimidazole-forming diamine
            "pdh16008": "C23H30N4O3",  # isotonitazene
            "pdh16022": "C18H23N5O2",  # fenetylline
            "nlh16049": "C9H13NO2",  # (R)-phenylephrine (InChI)
        },
    )
