"""The thirtieth held-out set (devtools/data/evaluation_heldout30.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the pharmaceutical trade. Active pharmaceutical ingredient (API)
exporters' invoices and certificates of analysis with pharmacopoeia grades (BP, Ph. Eur., USP, JP), salts and
hydrates as APIs are sold (ephedrine hydrochloride, pseudoephedrine sulphate, phenylpropanolamine hydrochloride,
ergometrine maleate, ergotamine tartrate), INN/USAN/BAN names, branded and generic ephedrine and pseudoephedrine
medicines (Category 4: tablets, syrups, combination cold medicines, a veterinary product), hospital and clinical-trial
shipments, API key starting materials that are scheduled or designer precursors, controlled drugs traded as APIs
under licence, and look-alike APIs of similar shape. Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT30 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout30.csv"

GRADES = re.compile(r"\b(?:BP|USP|JP|FCC|IP)\b|Ph\. Eur\.")
API_SALTS = ("Hydrochloride", "HCl", "Sulphate", "Sulfate", "Maleate", "Tartrate", "Citrate", "Phosphate", "Mesilate")
INVOICE_DETAIL = re.compile(r"Batch |Inv\. ")
CATEGORY_4_CODES = {"3004 41 00", "3004 42 00"}


def test_thirtieth_heldout_reads_like_api_invoices_and_certificates():
    rows = load_rows(HELDOUT30)
    texts = [row.value + " | " + row.description for row in rows]
    assert sum(1 for text in texts if GRADES.search(text)) >= 40  # pharmacopoeia grades
    assert sum(1 for text in texts if any(salt.lower() in text.lower() for salt in API_SALTS)) >= 50
    # a batch or invoice number has no real source: each is admitted to be a placeholder
    detailed = [row for row in rows if INVOICE_DETAIL.search(row.description)]
    assert len(detailed) >= 5
    assert all("placeholder" in row.note for row in detailed), [row.id for row in detailed if "placeholder" not in row.note]
    # scheduled substances declared as the salts APIs are sold as
    scheduled = [row for row in rows if row.group == "scheduled substances"]
    salts = ("Hydrochloride", "HCl", "Sulphate", "Sulfate", "sulfate", "sulphate", "Maleate", "maleate", "Tartrate")
    assert sum(1 for row in scheduled if any(salt in row.value + row.description for salt in salts)) >= 20


def test_thirtieth_heldout_category_4_medicines_are_information_only():
    rows = load_rows(HELDOUT30)
    medicines = [row for row in rows if row.cn_code in CATEGORY_4_CODES]
    assert len(medicines) >= 5
    assert all(row.expect == "info" and "Category 4" in row.note and "http" in row.note for row in medicines)
    # a veterinary medicine and a combination product among them
    assert any("veterinary" in row.description for row in medicines)
    assert any("/" in row.value and "loratadine" in row.value for row in medicines)


def test_thirtieth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT30),
        {
            "pch30005": "C10H16ClNO",  # ephedrine hydrochloride
            "pch30006": "C10H15NO",  # ephedrine InChI
            "pch30011": "C10H16ClNO",  # pseudoephedrine hydrochloride
            "pch30018": "C23H27N3O6",  # ergometrine maleate
            "pch30025": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate
            "pch30044": "C15H14O7",  # IMDPAM
            "pch30045": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pdh30006": "C28H36N2O8",  # fentanyl citrate
            "pdh30008": "C20H29ClN2O5",  # remifentanil hydrochloride
            "pdh30021": "C30H38N2O10",  # carfentanil citrate
            "pmh30003": "C10H11NaO6S",  # PMK bisulfite adduct
            "pph30006": "C9H10O2",  # L-PAC
        },
    )
