"""The designer benzodiazepines (nineteenth session): bromazolam as a 1971 Schedule IV entry (CND 67, 2024),
the benzodiazepine class (FAM-DRUG-BENZODIAZEPINE, after the German NpSG Anlage Nr. 3) for the ones only
national laws control, and the medicines of the same shape keeping their own entries' names.
Sources: chemistry/data/SOURCES.md, "Designer benzodiazepines (nineteenth session)"."""

import pytest
from rdkit import Chem

from pipeline.scoring import SEVERITY_RANK
from tests.factories import assert_high_as_itself, bundled_watchlist, exact_entry_ids, screen_one

BROMAZOLAM = "Cc1nnc2n1-c1ccc(Br)cc1C(c1ccccc1)=NC2"
DESALKYLGIDAZEPAM = "O=C1CN=C(c2ccccc2)c2cc(Br)ccc2N1"
CLASS = "FAM-DRUG-BENZODIAZEPINE"


@pytest.fixture(scope="module")
def watchlist():
    return bundled_watchlist()


def _class_findings(verdict) -> list:
    return [f for f in verdict.findings if f.family is not None and f.family.spec.id == CLASS]


def test_bromazolam_entry_cites_the_cnd_decision_and_carries_no_unread_cas(watchlist):
    entry = watchlist.by_id["DRUG-BROMAZOLAM"].entry
    assert (entry.tier, entry.category, entry.name) == ("drug", "1971-IV", "Bromazolam")
    assert entry.cas in ("", None)  # no number read in a source; none taken from memory
    for key in ("[UN71]", "[CND-2024]", "[ECDD]"):
        assert key in entry.refs
    # The ECDD name draws alprazolam with bromine for its chlorine.
    chlorinated = Chem.MolFromSmiles(BROMAZOLAM.replace("Br", "Cl"))
    assert Chem.MolToInchiKey(chlorinated) == Chem.MolToInchiKey(
        Chem.MolFromSmiles(watchlist.by_id["DRUG-ALPRAZOLAM"].entry.smiles)
    )


@pytest.mark.parametrize(
    "item",
    [
        {"name": "Bromazolam"},
        {"smiles": BROMAZOLAM},
        # held-out 19, pdh19020 as declared: the name, a catch-all CN code and vendor wording
        {
            "name": "Bromazolam",
            "cn_code": "2942 00 00",
            "description": "Bromazolam 1 mg pellets x 100, research chemical",
        },
    ],
    ids=["name", "smiles", "heldout19-row"],
)
def test_bromazolam_is_found_as_itself(item):
    assert_high_as_itself(screen_one({"line": 1, **item}), "DRUG-BROMAZOLAM")


@pytest.mark.parametrize(
    "item",
    [
        {"smiles": DESALKYLGIDAZEPAM},
        {"name": "Desalkylgidazepam"},  # Health Canada's name (CA-HC-DAS-2023)
        {"name": "Bromonordiazepam"},
        {"name": "Flubromatsepaami"},  # the Finnish decree's Liite IV (national control)
        {"name": "Deskloorietitsolaami"},
        # held-out 19, pdh19024 as declared
        {
            "smiles": DESALKYLGIDAZEPAM,
            "cn_code": "3824 99 96",
            "description": "Desalkylgidazepam (bromonordiazepam) 99%",
        },
    ],
    ids=["smiles", "name-en", "synonym-en", "name-fi", "thieno-name-fi", "heldout19-row"],
)
def test_unlisted_designer_benzodiazepines_reach_the_class_at_medium(item):
    verdict = screen_one({"line": 1, **item})
    assert verdict.severity is not None and SEVERITY_RANK[verdict.severity] >= SEVERITY_RANK["medium"]
    assert _class_findings(verdict)
    assert not exact_entry_ids(verdict)  # national control only: the class, never an entry's name


@pytest.mark.parametrize(
    ("smiles", "entry_id"),
    [
        ("Cc1nnc2n1-c1ccc(Cl)cc1C(c1ccccc1)=NC2", "DRUG-ALPRAZOLAM"),
        ("CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21", "DRUG-DIAZEPAM"),
        ("Cc1ncc2n1-c1ccc(Cl)cc1C(c1ccccc1F)=NC2", "DRUG-MIDAZOLAM"),
        ("O=C1CN=C(c2ccccn2)c2cc(Br)ccc2N1", "DRUG-BROMAZEPAM"),
    ],
    ids=["alprazolam", "diazepam", "midazolam", "bromazepam"],
)
def test_medicines_of_the_shape_keep_their_own_entry(smiles, entry_id):
    # The class matches them too; the exact match names the medicine, and nothing renames it.
    verdict = screen_one({"line": 1, "smiles": smiles})
    assert_high_as_itself(verdict, entry_id)
    assert exact_entry_ids(verdict) == {entry_id}


@pytest.mark.parametrize(
    "smiles",
    [
        "COC(=O)CC[C@@H]1N=C(c2ccccn2)c2cc(Br)ccc2-n2c(C)cnc21",  # remimazolam (licensed anaesthetic)
        "CN1CCN(CC1)C2=C3C=CC=CC3=NC4=C(N2)C=C(C=C4)Cl",  # clozapine
        "CC1=CC2=C(NC3=CC=CC=C3N=C2S1)N4CCN(CC4)C",  # olanzapine (a thienobenzodiazepine)
        "CN1CCN(C2=Nc3ccccc3Oc3ccc(Cl)cc32)CC1",  # loxapine
        "CCC1C(=NN=C(C2=CC(=C(C=C12)OC)OC)C3=CC(=C(C=C3)OC)OC)C",  # tofisopam (a 2,3-benzodiazepine)
    ],
    ids=["remimazolam", "clozapine", "olanzapine", "loxapine", "tofisopam"],
)
def test_legitimate_look_alikes_are_not_the_class(smiles):
    verdict = screen_one({"line": 1, "smiles": smiles})
    assert not _class_findings(verdict)
    assert verdict.severity is None or SEVERITY_RANK[verdict.severity] < SEVERITY_RANK["medium"]
