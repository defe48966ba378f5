"""The twenty-second held-out set (devtools/data/evaluation_heldout22.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the designer precursors and new masks reported 2024-2026. Scheduled
side: the glycidic acids of BMK and PMK, their salts and every C1-C4 ester Del. Reg. (EU) 2024/1331 and the INCB
scheduling of 3 Dec 2024 added; MAPA, EAPA, APAA, APAAN, DEPAPD, MAMDPA and IMDPAM (sodium salt); 4-piperidone (also
as its hydrochloride hydrate), 1-boc-4-piperidone (Del. Reg. 2025/1475), 1-boc-4-AP, 4-AP and norfentanyl salts;
ephedrine forms and chloroephedrines; two Category 4 medicines, a few Category 2 and 3 rows. Masks: enolates and
further esters of the MAPA series, a C5 BMK glycidate, PMK glycidic amide and benzyl ester, protected 4-piperidones
(ketal, Cbz, acetyl), the amides, carbamates and halides of 4-AP the DEA lists, benzylfentanyl, acylated ephedrines.
Pre-precursors: ring-substituted propiophenones and alpha-bromo ketones of cathinones, 2C-x and MDMA nitrostyrenes,
nitazene intermediates. Drugs: nitazenes (listed and unlisted), cathinones, 2C-B, MDMA. Legitimate look-alikes:
flavour glycidates (strawberry aldehyde), epoxide monomers, photoinitiator propiophenones, Boc-piperidines used in
pharma, benzimidazole medicines and fungicides, piperonyl fragrances, acetoacetates. Its recall is a measurement
(docs/evaluation.md) and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_declared_forms_of_a_later_set,
    assert_formulas,
    assert_group_sizes,
)

HELDOUT22 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout22.csv"
ESTERS_OF_2024_1331 = ("propyl", "isopropyl", "n-butyl", "isobutyl", "sec-butyl", "tert-butyl")


def test_twenty_second_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT22)
    assert 150 <= len(rows) <= 200
    assert_declared_forms_of_a_later_set(rows, 50)
    assert_group_sizes(rows, 20, 20, 20, 45)


def test_twenty_second_heldout_holds_every_glycidate_ester_scheduled_in_2024():
    """Each C3-C4 ester of BMK and of PMK glycidic acid that Del. Reg. (EU) 2024/1331 added is a scheduled row."""
    notes = [row.note for row in load_rows(HELDOUT22) if row.group == "scheduled substances"]
    for parent in ("BMK", "PMK"):
        for ester in ESTERS_OF_2024_1331:
            assert any(note.startswith(f"{parent} {ester} glycidate") for note in notes), (parent, ester)


def test_twenty_second_heldout_sets_protected_piperidines_against_their_commercial_neighbours():
    rows = load_rows(HELDOUT22)
    masked_fentanyl_precursors = [
        row for row in rows if row.group == "masks" and ("4-AP" in row.note or "4-piperidone" in row.note)
    ]
    boc_building_blocks = [row for row in rows if not row.positive and "Boc" in row.note]
    benzimidazoles = [row for row in rows if not row.positive and row.cn_code.startswith("2933")]
    assert len(masked_fentanyl_precursors) >= 10
    assert len(boc_building_blocks) >= 5
    assert len(benzimidazoles) >= 15
    assert all(row.expect in {"none", "low"} for row in rows if not row.positive)


def test_twenty_second_heldout_structures_match_the_names_in_their_notes():
    rows = load_rows(HELDOUT22)
    by_id = {row.id: row for row in rows}
    assert by_id["pch22008"].note.startswith("BMK n-butyl glycidate")
    assert by_id["pdh22005"].note.startswith("etonitazene")
    assert_formulas(
        rows,
        {
            "pch22002": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch22008": "C14H18O3",  # BMK n-butyl glycidate (InChI)
            "pch22018": "C15H18O5",  # PMK n-butyl glycidate (InChI)
            "pch22028": "C15H13NaO7",  # IMDPAM sodium salt
            "pch22031": "C5H12ClNO2",  # 4-piperidone hydrochloride hydrate (gem-diol)
            "pch22033": "C10H17NO3",  # 1-boc-4-piperidone (InChI)
            "pch22040": "C10H14ClN",  # chloroephedrine (InChI)
            "pmh22001": "C11H11NaO3",  # MAPA sodium enolate
            "pmh22015": "C16H23FN2O2",  # 1-boc-4-(4-fluoroanilino)piperidine
            "pdh22005": "C22H28N4O3",  # etonitazene
            "pdh22011": "C24H30N4O",  # 5-cyano isotodesnitazene
            "nlh22004": "C11H12O4",  # methyl 3-(4-methoxyphenyl)glycidate (diltiazem intermediate)
        },
    )
