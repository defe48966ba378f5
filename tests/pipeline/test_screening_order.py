"""Output does not depend on the order in which spellings of a structure reach the screener's caches
(what lets `precwatch screen --jobs N` write the same bytes as one job)."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from tests.factories import make_event, make_screener

NOW = datetime(2026, 11, 30, tzinfo=UTC)
# MAPA (a BMK mask, unmasked by ester hydrolysis and decarboxylation) written three ways, one as a salt.
SPELLINGS = [
    {"smiles": s} for s in ("CC(=O)C(C(=O)OC)c1ccccc1", "COC(=O)C(c1ccccc1)C(C)=O", "COC(=O)C(c1ccccc1)C(C)=O.Cl")
]


def flags_in_order(order: list[int]) -> dict[int, str]:
    screener = make_screener()
    out = {}
    for i in order:
        event = make_event(SPELLINGS[i], event_id=f"e{i}")
        out[i] = screener.screen_event(event, NOW)[0].model_dump_json()
    return out


def test_each_spelling_gets_the_same_flag_whichever_came_first():
    forward, backward = flags_in_order([0, 1, 2]), flags_in_order([2, 1, 0])
    assert forward == backward
    # Atoms are highlighted, so their numbering was at stake.
    assert any(match["atoms"] for match in orjson.loads(forward[0])["matches"])
