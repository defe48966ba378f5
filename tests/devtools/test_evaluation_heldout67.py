"""The sixty-seventh held-out set (devtools/data/evaluation_heldout67.csv): trade between the EU and Africa.

Written blind like the earlier sets (by an evaluator who had not read the detection code, its name tables or the other
sets' bodies; fortieth session). Theme: exports to, imports from and transit via West, East, North and Southern Africa
as African and European traders, forwarders and pharmaceutical distributors declare them: French, Portuguese, English
and Arabic names (in Latin transliteration and in Arabic script), ports and hubs in the descriptions, pharmacy products,
mining and agricultural reagents. It follows the shared conventions of the later sets (tests/devtools/
test_evaluation_heldout.py checks them by its file name); this module checks its theme. Its recall is a measurement
(docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows

HELDOUT67 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout67.csv"
AFRICAN_PORTS_AND_HUBS = ("Lagos", "Apapa", "Tema", "Lomé", "Abidjan", "Dakar", "Mombasa", "Dar es Salaam", "Durban",
                          "Casablanca", "Alger", "Algiers", "Tunis", "Alexandria", "Addis")


def test_sixty_seventh_heldout_declares_the_african_trade_in_its_languages():
    rows = load_rows(HELDOUT67)
    assert all(re.fullmatch(r"(p[cdmp]|nl)h67\d{3}", row.id) for row in rows)
    languages = {row.note[:2] for row in rows}
    assert {"EN", "FR", "PT", "AR"} <= languages
    # names in Arabic script, as North African traders write them
    assert sum(1 for row in rows if re.search(r"[\u0600-\u06ff]", row.value)) >= 3
    # the ports and hubs of the trade in the descriptions
    text = " ".join(row.description for row in rows)
    assert sum(text.count(place) for place in AFRICAN_PORTS_AND_HUBS) >= 20
