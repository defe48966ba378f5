"""The fifty-second held-out set (devtools/data/evaluation_heldout52.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the East and Southeast Asian methamphetamine and ketamine precursor
trade as the UNODC Global SMART reports and the INCB precursor reports describe it: shipments from and to China, India,
Myanmar (Shan State), Laos, Thailand, Viet Nam, Cambodia, Malaysia, Indonesia and the Philippines; Chinese names as
China's list of precursor chemicals (易制毒化学品) writes them; the non-controlled pre-precursors and substitutes
(propionyl chloride as seized in Laos, the brominated propiophenones of cathinones and ephedrine, the designer
precursors of P-2-P) and the ketamine precursors (2-chlorophenyl cyclopentyl ketone, hydroxylimine,
2-(2-chlorophenyl)-2-nitrocyclohexanone); and the ordinary chemicals and medicines of the region's trade as
look-alikes. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_formulas, assert_regional_routes_admitted

HELDOUT52 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout52.csv"

REGION = re.compile(
    r"\((CN|IN|MM|LA|TH|VN|KH|MY|ID|PH)\)|China|India|Myanmar|Shan State|Laos|Thailand|Viet Nam|Cambodia|Malaysia"
    r"|Indonesia|Philippines|Taiwan|Hong Kong|Singapore"
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
CHINESE_LISTS = ("yuhejc.cn", "jizihe.com")
LAOS_SEIZURE = "cnn.com/2021/05/03/asia/golden-triangle-precursors"
KETAMINE_PRECURSORS = {"6740-85-8", "2-chlorophenyl cyclopentyl ketone", "CN=C(c1ccccc1Cl)C1(O)CCCC1",
                       "O=C1CCCCC1(c1ccccc1Cl)[N+](=O)[O-]"}


def test_fifty_second_heldout_reads_like_east_and_southeast_asian_trade():
    assert_regional_routes_admitted(load_rows(HELDOUT52), REGION, in_region=150, routed=150)


def test_fifty_second_heldout_chinese_names_cite_a_chinese_list():
    rows = load_rows(HELDOUT52)
    chinese = [row for row in rows if row.kind == "name" and row.positive and CHINESE.search(row.value)]
    assert len(chinese) >= 15
    for row in chinese:
        assert any(source in row.note for source in CHINESE_LISTS), row.id


def test_fifty_second_heldout_pre_precursors_of_the_region_are_at_low():
    rows = load_rows(HELDOUT52)
    propionyl = [row for row in rows if LAOS_SEIZURE in row.note]
    assert len(propionyl) >= 3 and all(row.group == "pre-precursors" and row.expect == "low" for row in propionyl)
    ketamine_precursors = [row for row in rows if row.value in KETAMINE_PRECURSORS]
    assert len(ketamine_precursors) == len(KETAMINE_PRECURSORS)
    assert all(row.group == "pre-precursors" and row.expect == "low" for row in ketamine_precursors)
    ketamine = [row for row in rows if row.group == "drugs" and "ketamine" in row.note.lower()
                and "no source of its own" not in row.note]
    assert len(ketamine) >= 5 and all(row.expect == "high" for row in ketamine)


def test_fifty_second_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT52),
        {
            "pch52012": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch52032": "C11H9NaO5",  # PMK glycidic acid sodium salt
            "pch52041": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pch52042": "C10H15NO",  # ephedrine InChI
            "pch52051": "C11H18Cl2N2",  # 4-AP dihydrochloride
            "pmh52001": "C11H14O2",  # BMK ethylene ketal
            "pmh52004": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh52007": "C15H23NO3",  # N-Boc-ephedrine
            "pmh52009": "C11H15NO",  # ephedrine oxazolidine
            "pmh52012": "C10H10O3",  # 3-oxo-2-phenylbutanoic acid
            "pmh52018": "C13H14O5",  # dimethyl (phenylacetyl)propanedioate
            "pph52007": "C10H11BrO",  # 2-bromo-4'-methylpropiophenone
            "pph52014": "C13H16ClNO",  # hydroxylimine
            "pph52015": "C12H12ClNO3",  # 2-(2-chlorophenyl)-2-nitrocyclohexanone
            "pdh52011": "C13H16ClNO",  # ketamine InChI
            "pdh52017": "C11H15NO",  # mephedrone
        },
    )
