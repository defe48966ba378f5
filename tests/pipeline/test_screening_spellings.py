"""An item's chemistry is shared by every spelling of its SMILES (Screener.remembered_chemistry): a re-spelled
declaration writes what it writes on a screener that has seen nothing, and a different structure, or a
declaration whose text quotes the spelling, shares nothing."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdkit import Chem

from pipeline.chunks import item_verdict_record
from pipeline.flags import flag_json
from pipeline.screening import drawing_memo_key, item_memo_key
from tests.factories import make_event, make_screener

NOW = datetime(2026, 11, 30, tzinfo=UTC)
BUDGETS = {"unmask_time_budget_s": 60, "event_time_budget_s": 600}
# Listed, masked, novel and commodity structures, drawn with stereo centres and double bonds, charges,
# aromatic heteroatoms with hydrogen, isotope labels, a radical, a dummy atom, salts (ionic and drawn
# covalently), an inorganic salt and a mixture.
STRUCTURES = [
    "CC(=O)Cc1ccccc1",
    "CCOC(=O)C1(C)OC1c1ccc2c(c1)OCO2",
    "CN[C@@H](C)[C@@H](O)c1ccccc1",
    "CN[C@H](C)[C@@H](O)c1ccccc1",
    "C/C=C/c1ccc2c(c1)OCO2",
    "C/C=C\\c1ccc2c(c1)OCO2",
    "C[NH2+]C(C)Cc1ccccc1.[Cl-]",
    "CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1",
    "Cc1cc[nH]c1C(=O)O",
    "[2H]C([2H])([2H])C(=O)Cc1ccccc1",
    "[CH2]C(=O)Cc1ccccc1",
    "*C(=O)Cc1ccccc1",
    "CC(N)Cc1ccccc1.Cl",
    "O=C(O[Na])Cc1ccccc1",
    "[K+].[O-][Mn](=O)(=O)=O",
    "CCOC(=O)CC(=O)c1ccccc1.CCO",
    "CCO",
]
# What an item declares besides its SMILES: nothing, a name or CAS number of the same substance or of
# another one (a conflict, whose text quotes the SMILES as declared), a catch-all or a cover description.
CONTEXTS = [
    {},
    {"name": "1-phenyl-2-propanone", "cn_code": "29143100"},
    {"cas": "64-17-5"},
    {"cas": "103-79-7", "description": "plastic additive"},
    {"cn_code": "29420000", "description": "colour pigments and waxes"},
    {"name": "Pseudoephedrine"},
    {"cn_code": "29143100"},
    {"cn_code": "38249992"},
]


def respelled(smiles: str, seed: int) -> str:
    """Another SMILES of the same molecule: its atoms in another order, written from a random atom,
    every third one with Kekulé bonds."""
    mol = Chem.MolFromSmiles(smiles)
    order = list(range(mol.GetNumAtoms()))
    random.Random(seed).shuffle(order)
    renumbered = Chem.RenumberAtoms(mol, order)
    if seed % 3 == 0:
        Chem.Kekulize(renumbered, clearAromaticFlags=True)
        return Chem.MolToSmiles(renumbered, canonical=False, kekuleSmiles=True)
    return Chem.MolToRandomSmilesVect(renumbered, 1, randomSeed=seed)[0]


def written(screener, item: dict, event_id: str) -> list[bytes]:
    """What `precwatch screen` writes for one item: its flag (if any) and its --all-items verdict."""
    event = make_event(item, event_id=event_id)
    out = []
    for verdict in screener.screen_event_verdicts(event):
        flag = screener.flag_document(event, verdict, NOW) if verdict.severity is not None else None
        out.append(flag_json(flag) if flag else b"")
        out.append(item_verdict_record(event, verdict, flag and flag["flag_id"], screener).model_dump_json().encode())
    return out


REMEMBERING = make_screener(**BUDGETS)  # kept across examples: every spelling meets the others' memo entries


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(STRUCTURES),
    st.sampled_from(CONTEXTS),
    st.sampled_from(CONTEXTS),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
)
def test_a_respelled_declaration_writes_what_it_writes_on_a_screener_that_has_seen_nothing(
    smiles, first_context, context, first_seed, second_seed
):
    first, second = respelled(smiles, first_seed), respelled(smiles, second_seed)
    written(REMEMBERING, {"smiles": first, **first_context}, "evt-first")
    written(REMEMBERING, {"smiles": first, **context}, "evt-first")
    after_another_spelling = written(REMEMBERING, {"smiles": second, **context}, "evt-second")
    assert after_another_spelling == written(make_screener(**BUDGETS), {"smiles": second, **context}, "evt-second")


def remembered(screener, item: dict):
    return screener.remembered_chemistry(make_event(item).items[0])


def test_the_spellings_of_one_drawing_share_one_chemistry_when_nothing_quotes_the_spelling():
    screener = make_screener(**BUDGETS)
    spellings = ["CC(=O)Cc1ccccc1", "c1ccc(CC(C)=O)cc1", "O=C(C)Cc1ccccc1"]
    written(screener, {"smiles": spellings[0], "cn_code": "29420000"}, "evt-1")
    shared = remembered(screener, {"smiles": spellings[0], "cn_code": "29420000"})
    assert shared is not None and screener.cache.count("item by drawing") == 1
    for spelling in spellings[1:]:
        assert remembered(screener, {"smiles": spelling, "cn_code": "29420000"}) is None  # a string never parsed
        assert screener.item_chemistry(make_event({"smiles": spelling, "cn_code": "29420000"}).items[0]) is shared
        assert remembered(screener, {"smiles": spelling, "cn_code": "29420000"}) is shared  # the string is known now
    assert screener.cache.count("item") == 1  # one entry for the first spelling, one by drawing for all of them
    # Another CN code, description or name is another declaration.
    for other in ({"cn_code": "29143100"}, {"cn_code": "29420000", "description": "wax"}, {"name": "BMK"}):
        assert screener.item_chemistry(make_event({"smiles": spellings[1], **other}).items[0]) is not shared


def test_a_declaration_whose_conflict_quotes_the_smiles_is_not_shared_by_another_spelling():
    screener = make_screener(**BUDGETS)
    first, second = "CC(=O)Cc1ccccc1", "O=C(C)Cc1ccccc1"
    written(screener, {"smiles": first, "cas": "64-17-5"}, "evt-1")
    chemistry = remembered(screener, {"smiles": first, "cas": "64-17-5"})
    assert f"SMILES {first} " in chemistry.resolution.conflicts[0]
    assert screener.cache.count("item by drawing") == 0
    again = written(screener, {"smiles": second, "cas": "64-17-5"}, "evt-2")
    assert f"SMILES {second} " in again[0].decode()
    assert again == written(make_screener(**BUDGETS), {"smiles": second, "cas": "64-17-5"}, "evt-2")


def test_structures_that_differ_only_in_stereo_isotopes_charge_or_salt_share_no_chemistry():
    screener = make_screener(**BUDGETS)
    pairs = [
        ("CN[C@@H](C)[C@@H](O)c1ccccc1", "CN[C@H](C)[C@@H](O)c1ccccc1"),  # pseudoephedrine, ephedrine
        ("C/C=C/c1ccc2c(c1)OCO2", "C/C=C\\c1ccc2c(c1)OCO2"),  # E and Z isosafrole
        ("CC(=O)Cc1ccccc1", "[2H]C([2H])([2H])C(=O)Cc1ccccc1"),
        ("CC(=O)Cc1ccccc1", "[CH2]C(=O)Cc1ccccc1"),
        ("CNC(C)Cc1ccccc1", "C[NH2+]C(C)Cc1ccccc1.[Cl-]"),
        ("CC(N)Cc1ccccc1", "CC(N)Cc1ccccc1.Cl"),
        ("[K+].[O-][Mn](=O)(=O)=O", "[Na+].[O-][Mn](=O)(=O)=O"),
    ]
    for a, b in pairs:
        written(screener, {"smiles": a}, "evt-a")
        assert remembered(screener, {"smiles": b}) is None
        mine = written(screener, {"smiles": b}, "evt-b")
        assert remembered(screener, {"smiles": b}) is not remembered(screener, {"smiles": a})
        assert mine == written(make_screener(**BUDGETS), {"smiles": b}, "evt-b")


def test_the_memo_keys_of_a_declaration_name_every_field_but_the_spelling():
    item = make_event({"smiles": "CCO", "cas": "64-17-5", "name": "ethanol", "cn_code": "22071000"}).items[0]
    assert drawing_memo_key("CCO", item)[2:] == item_memo_key(item)[2:]
