"""Drug-tier entries added in the eighteenth session (chemistry/data/SOURCES.md, "Internationally controlled
medicines"): the opioids of lists I and II of the 1961 Convention and the psychotropic medicines of lists II-IV
of the 1971 Convention that the pharmaceutical trade ships as APIs, each read in the Finnish decree 543/2008
(Liitteet I and II, as enacted and as replaced by decree 244/2024), with its structure and CAS number from the identifier database's PubChem record found
under the INN (the record of the CAS number giving the same InChIKey). Each is a flag in itself, `high` or
above, by its INN, its structure and its CAS number, and its salts by theirs; the unscheduled medicines of the
same skeletons (naloxone, naltrexone, dextromethorphan, levopropoxyphene, loperamide, tramadol, thiopental,
primidone, carisoprodol, cannabidiol, mephentermine, zopiclone) stay unflagged (the fifteenth held-out set,
docs/evaluation.md)."""

from __future__ import annotations

import pytest

from chemistry.watchlist import _parse_match_rule
from tests.factories import assert_high_as_itself, bundled_watchlist, exact_entry_ids, screen_one

# (entry, schedule as read, INN, CAS number carried or "")
ADDED = [
    ("DRUG-OXYCODONE", "1961-I", "Oxycodone", "76-42-6"),
    ("DRUG-HYDROCODONE", "1961-I", "Hydrocodone", "125-29-1"),
    ("DRUG-HYDROMORPHONE", "1961-I", "Hydromorphone", "466-99-9"),
    ("DRUG-OXYMORPHONE", "1961-I", "Oxymorphone", "76-41-5"),
    ("DRUG-METHADONE", "1961-I", "Methadone", "76-99-3"),
    ("DRUG-DIPHENOXYLATE", "1961-I", "Diphenoxylate", "915-30-0"),
    ("DRUG-DIFENOXIN", "1961-I", "Difenoxin", "28782-42-5"),
    ("DRUG-TILIDINE", "1961-I", "Tilidine", ""),
    ("DRUG-PIRITRAMIDE", "1961-I", "Piritramide", "302-41-0"),
    ("DRUG-LEVORPHANOL", "1961-I", "Levorphanol", "77-07-6"),
    ("DRUG-DEXTROMORAMIDE", "1961-I", "Dextromoramide", "357-56-2"),
    ("DRUG-KETOBEMIDONE", "1961-I", "Ketobemidone", "469-79-4"),
    ("DRUG-BEZITRAMIDE", "1961-I", "Bezitramide", "15301-48-1"),
    ("DRUG-PHENOPERIDINE", "1961-I", "Phenoperidine", "562-26-5"),
    ("DRUG-DIHYDROCODEINE", "1961-II", "Dihydrocodeine", ""),
    ("DRUG-ETHYLMORPHINE", "1961-II", "Ethylmorphine", ""),
    ("DRUG-DEXTROPROPOXYPHENE", "1961-II", "Dextropropoxyphene", "469-62-5"),
    ("DRUG-PHOLCODINE", "1961-II", "Pholcodine", "509-67-1"),
    ("DRUG-METHYLPHENIDATE", "1971-II", "Methylphenidate", "113-45-1"),
    ("DRUG-DRONABINOL", "1971-II", "Dronabinol", "1972-08-3"),
    ("DRUG-PHENMETRAZINE", "1971-II", "Phenmetrazine", "134-49-6"),
    ("DRUG-SECOBARBITAL", "1971-II", "Secobarbital", "76-73-3"),
    ("DRUG-METHAQUALONE", "1971-II", "Methaqualone", "72-44-6"),
    ("DRUG-AMOBARBITAL", "1971-III", "Amobarbital", "57-43-2"),
    ("DRUG-BUPRENORPHINE", "1971-III", "Buprenorphine", "52485-79-7"),
    ("DRUG-BUTALBITAL", "1971-III", "Butalbital", "77-26-9"),
    ("DRUG-FLUNITRAZEPAM", "1971-III", "Flunitrazepam", "1622-62-4"),
    ("DRUG-GLUTETHIMIDE", "1971-III", "Glutethimide", "77-21-4"),
    ("DRUG-PENTAZOCINE", "1971-III", "Pentazocine", ""),
    ("DRUG-PENTOBARBITAL", "1971-III", "Pentobarbital", "76-74-4"),
    ("DRUG-CYCLOBARBITAL", "1971-III", "Cyclobarbital", "52-31-3"),
    ("DRUG-ALPRAZOLAM", "1971-IV", "Alprazolam", "28981-97-7"),
    ("DRUG-AMFEPRAMONE", "1971-IV", "Amfepramone", "90-84-6"),
    ("DRUG-BARBITAL", "1971-IV", "Barbital", "57-44-3"),
    ("DRUG-BROMAZEPAM", "1971-IV", "Bromazepam", "1812-30-2"),
    ("DRUG-BROTIZOLAM", "1971-IV", "Brotizolam", "57801-81-7"),
    ("DRUG-CHLORDIAZEPOXIDE", "1971-IV", "Chlordiazepoxide", "58-25-3"),
    ("DRUG-CLOBAZAM", "1971-IV", "Clobazam", "22316-47-8"),
    ("DRUG-CLONAZEPAM", "1971-IV", "Clonazepam", "1622-61-3"),
    ("DRUG-DIAZEPAM", "1971-IV", "Diazepam", "439-14-5"),
    ("DRUG-ESTAZOLAM", "1971-IV", "Estazolam", "29975-16-4"),
    ("DRUG-FLURAZEPAM", "1971-IV", "Flurazepam", "17617-23-1"),
    ("DRUG-LORAZEPAM", "1971-IV", "Lorazepam", "846-49-1"),
    ("DRUG-LORMETAZEPAM", "1971-IV", "Lormetazepam", "848-75-9"),
    ("DRUG-MEPROBAMATE", "1971-IV", "Meprobamate", "57-53-4"),
    ("DRUG-MIDAZOLAM", "1971-IV", "Midazolam", "59467-70-8"),
    ("DRUG-NITRAZEPAM", "1971-IV", "Nitrazepam", "146-22-5"),
    ("DRUG-NORDAZEPAM", "1971-IV", "Nordazepam", "1088-11-5"),
    ("DRUG-OXAZEPAM", "1971-IV", "Oxazepam", "604-75-1"),
    ("DRUG-PHENOBARBITAL", "1971-IV", "Phenobarbital", "50-06-6"),
    ("DRUG-PHENTERMINE", "1971-IV", "Phentermine", "122-09-8"),
    ("DRUG-PRAZEPAM", "1971-IV", "Prazepam", "2955-38-6"),
    ("DRUG-TEMAZEPAM", "1971-IV", "Temazepam", "846-50-4"),
    ("DRUG-TETRAZEPAM", "1971-IV", "Tetrazepam", "10379-14-3"),
    ("DRUG-TRIAZOLAM", "1971-IV", "Triazolam", "28911-01-5"),
    ("DRUG-ZOLPIDEM", "1971-IV", "Zolpidem", "82626-48-0"),
]


@pytest.mark.parametrize(("entry_id", "category", "inn", "cas"), ADDED, ids=[a[0] for a in ADDED])
def test_an_added_medicine_says_where_its_schedule_was_read(entry_id, category, inn, cas):
    entry = bundled_watchlist().by_id[entry_id].entry
    assert entry.tier == "drug" and entry.category == category and entry.name == inn and (entry.cas or "") == cas
    assert "as listed in Finnish decree 543/2008" in entry.legal_source
    assert "FI-FINLEX-543-2008-ALKUP" in entry.refs and "FI-FINLEX-244-2024" in entry.refs
    assert "as replaced by decree 244/2024" in entry.legal_source  # the lists in force, read too
    assert ("Art. 31" if category.startswith("1961") else "Art. 12") in entry.notes


@pytest.mark.parametrize(("entry_id", "category", "inn", "cas"), ADDED, ids=[a[0] for a in ADDED])
def test_an_added_medicine_is_high_as_itself_by_name_structure_and_cas(entry_id, category, inn, cas):
    smiles = bundled_watchlist().by_id[entry_id].entry.smiles
    declarations = [{"name": inn}, {"name": f"{inn} hydrochloride"}, {"smiles": smiles}] + (
        [{"cas": cas}] if cas else []
    )
    for item in declarations:
        verdict = screen_one({**item, "description": "API, pharmaceutical grade"})
        assert_high_as_itself(verdict, entry_id)


@pytest.mark.parametrize(
    ("declared", "entry_id"),
    [
        ({"cas": "5965-13-9"}, "DRUG-DIHYDROCODEINE"),  # dihydrocodeine bitartrate (held-out 15 pdh15011)
        ({"cas": "1095-90-5"}, "DRUG-METHADONE"),  # methadone hydrochloride
        ({"cas": "298-59-9"}, "DRUG-METHYLPHENIDATE"),  # methylphenidate hydrochloride
        ({"cas": "71-68-1"}, "DRUG-HYDROMORPHONE"),  # hydromorphone hydrochloride
        ({"cas": "53152-21-9"}, "DRUG-BUPRENORPHINE"),  # buprenorphine hydrochloride
        ({"cas": "134-80-5"}, "DRUG-AMFEPRAMONE"),  # diethylpropion hydrochloride
        ({"cas": "125-30-4"}, "DRUG-ETHYLMORPHINE"),  # ethylmorphine hydrochloride
        ({"cas": "27107-79-5"}, "DRUG-TILIDINE"),  # tilidine hydrochloride
        ({"name": "Oxycodone hydrochloride"}, "DRUG-OXYCODONE"),
        ({"name": "Zolpidem tartrate"}, "DRUG-ZOLPIDEM"),
        ({"name": "diethylpropion"}, "DRUG-AMFEPRAMONE"),
        ({"name": "levomethadone"}, "DRUG-METHADONE"),  # the (R)-isomer: an isomer of a list I drug
        ({"smiles": "CN1CC[C@]23c4c5ccc(O)c4O[C@H]2C(=O)CC[C@H]3[C@H]1C5"}, "DRUG-HYDROMORPHONE"),
        ({"smiles": "COc1ccc2C[C@H]3N(C)CC[C@@]45[C@@H](Oc1c24)[C@@H](O)CC[C@@H]35"}, "DRUG-DIHYDROCODEINE"),
        ({"smiles": "CN1CC[C@]23CCCC[C@H]2[C@H]1Cc1ccc(O)cc13"}, "DRUG-LEVORPHANOL"),
        ({"smiles": "CC(C)(N)Cc1ccccc1.Cl"}, "DRUG-PHENTERMINE"),
    ],
)
def test_a_salt_or_isomer_of_an_added_medicine_is_high_as_the_medicine(declared, entry_id):
    """Salts by their CAS numbers (salt_forms.csv, from the identifier database) and names; the structures
    that earlier test files held as look-alikes of other entries (hydromorphone, dihydrocodeine, levorphanol,
    phentermine) are these entries now."""
    assert_high_as_itself(screen_one({**declared, "description": "API"}), entry_id)


# Unscheduled medicines of the added entries' skeletons (no 1961 or 1971 list read names them; the two
# enantiomers are excluded by the lists' own wording).
LOOK_ALIKES = {
    "naloxone": "C=CCN1CC[C@]23[C@@H]4C(=O)CC[C@]2([C@H]1CC5=C3C(=C(C=C5)O)O4)O",  # N-allyl noroxymorphone
    "naltrexone": "C1CC1CN2CC[C@]34[C@@H]5C(=O)CC[C@]3([C@H]2CC6=C4C(=C(C=C6)O)O5)O",
    "dextromethorphan": "CN1CC[C@@]23CCCC[C@@H]2[C@@H]1CC4=C3C=C(C=C4)OC",  # excluded from list I by name
    "dextrorphan": "CN1CC[C@@]23CCCC[C@@H]2[C@@H]1CC4=C3C=C(C=C4)O",  # levorphanol's enantiomer, excluded by name
    "levopropoxyphene": "CCC(=O)O[C@@](CC1=CC=CC=C1)(C2=CC=CC=C2)[C@@H](C)CN(C)C",  # (2R,3S): not alpha-(+)
    "loperamide": "CN(C)C(=O)C(CCN1CCC(O)(CC1)c1ccc(Cl)cc1)(c1ccccc1)c1ccccc1",  # diphenoxylate's neighbour
    "tramadol": "CN(C)C[C@H]1CCCC[C@@]1(O)c1cccc(OC)c1",
    "thiopental": "CCCC(C)C1(CC)C(=O)NC(=S)NC1=O",  # pentobarbital's 2-thio analogue
    "primidone": "CCC1(c2ccccc2)C(=O)NCNC1=O",  # phenobarbital's 2-deoxo analogue
    "carisoprodol": "CCCC(C)(COC(N)=O)COC(=O)NC(C)C",  # meprobamate's N-isopropyl carbamate
    "cannabidiol": "CCCCCc1cc(O)c([C@@H]2C=C(C)CC[C@H]2C(C)=C)c(O)c1",
    "mephentermine": "CNC(C)(C)Cc1ccccc1",
    "zopiclone": "CN1CCN(CC1)C(=O)OC2C3=NC=CN=C3C(=O)N2C4=NC=C(C=C4)Cl",
    "tofisopam": "CCC1C(C)=NN=C(c2ccc(OC)c(OC)c2)c2cc(OC)c(OC)cc21",
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_an_unscheduled_look_alike_is_not_flagged(name):
    for item in ({"smiles": LOOK_ALIKES[name]}, {"name": name}):
        verdict = screen_one({**item, "description": "pharmaceutical raw material"})
        assert verdict.severity is None, (name, item, verdict.severity, [f.detail for f in verdict.findings])


def test_an_entry_with_similarity_off_is_still_matched_exactly_and_through_its_salts():
    wl = bundled_watchlist()
    off = {c.id for c in wl.entries if c.similarity_off}
    assert off == {
        "DRUG-OXYMORPHONE",
        "DRUG-LEVORPHANOL",
        "DRUG-RACEMORPHAN",
        "DRUG-LEVOMETHORPHAN",
        "DRUG-RACEMETHORPHAN",
        "DRUG-DEXTROPROPOXYPHENE",
        "DRUG-PENTOBARBITAL",
    }
    for entry_id in sorted(off):
        assert_high_as_itself(screen_one({"smiles": wl.by_id[entry_id].entry.smiles, "description": "API"}), entry_id)
    # without the rule, naloxone would be reported as similar to oxymorphone (Tanimoto 0.73)
    verdict = screen_one({"smiles": LOOK_ALIKES["naloxone"], "description": "API"})
    assert not [f for f in verdict.findings if f.method == "similarity"]


def test_match_rules_combine_and_an_unknown_similarity_rule_is_a_problem():
    assert _parse_match_rule("stereo:exact similarity:off") == {"stereo": "exact", "similarity": "off"}
    assert _parse_match_rule("similarity:off") == {"similarity": "off"}
    assert "problem" in _parse_match_rule("similarity:on")
    assert "problem" in _parse_match_rule("stereo:exact stereo:exact")
    assert _parse_match_rule("") == {}


def test_levorphanol_and_dextropropoxyphene_are_stereo_specific():
    wl = bundled_watchlist()
    assert wl.by_id["DRUG-LEVORPHANOL"].stereo_exact and wl.by_id["DRUG-DEXTROPROPOXYPHENE"].stereo_exact
    # a drawing without stereochemistry is neither the listed isomer nor a declared one
    verdict = screen_one({"smiles": "CCC(=O)OC(Cc1ccccc1)(c1ccccc1)C(C)CN(C)C", "description": "API"})
    assert "DRUG-DEXTROPROPOXYPHENE" not in exact_entry_ids(verdict)


# The morphinans of list I beside levorphanol (SOURCES.md "Internationally controlled medicines", match rules):
# the racemates drawn without stereochemistry and levomethorphan with levorphanol's configuration, each
# stereo:exact, so that the enantiomers the list excludes by name (dextrorphan, dextromethorphan) stay out.
MORPHINANS = {
    "DRUG-RACEMORPHAN": ("Racemorphan", "Rasemorfaani ((±)-3-hydroksi-N-metyylimorfinaani)"),
    "DRUG-LEVOMETHORPHAN": ("Levomethorphan", "Levometorfaani* ((-)-3-metoksi-N-metyylimorfinaani)"),
    "DRUG-RACEMETHORPHAN": ("Racemethorphan", "Rasemetorfaani ((±)-3-metoksi-N-metyylimorfinaani)"),
}


@pytest.mark.parametrize("entry_id", sorted(MORPHINANS))
def test_a_list_i_morphinan_is_sourced_stereo_specific_and_high_by_name_and_structure(entry_id):
    inn, read = MORPHINANS[entry_id]
    compiled = bundled_watchlist().by_id[entry_id]
    entry = compiled.entry
    assert entry.tier == "drug" and entry.category == "1961-I" and entry.name == inn
    assert read in entry.legal_source and "FI-FINLEX-244-2024" in entry.refs
    assert compiled.stereo_exact and compiled.similarity_off
    for item in ({"name": inn}, {"name": f"{inn} hydrobromide"}, {"smiles": entry.smiles}):
        assert_high_as_itself(screen_one({**item, "description": "API"}), entry_id)


def test_3_hydroxy_n_methylmorphinan_without_configuration_is_racemorphan():
    """Racemorphan or levorphanol (both list I) or dextrorphan (excluded): a drawing that does not say which
    is the racemate's, as is the number of the racemorphan record (5985-35-3) and levorphanol tartrate's
    (125-73-5, drawn without stereochemistry in the identifier database)."""
    for item in ({"smiles": "CN1CCC23CCCCC2C1Cc1ccc(O)cc13"}, {"cas": "5985-35-3"}, {"cas": "125-73-5"}):
        verdict = screen_one({**item, "description": "API"})
        assert_high_as_itself(verdict, "DRUG-RACEMORPHAN")
        assert "DRUG-LEVORPHANOL" not in exact_entry_ids(verdict)


def test_levorphanol_and_levomethorphan_drawn_with_their_configuration_are_themselves_not_the_racemates():
    for smiles, entry_id, racemate in (
        ("CN1CC[C@]23CCCC[C@H]2[C@H]1Cc1ccc(O)cc13", "DRUG-LEVORPHANOL", "DRUG-RACEMORPHAN"),
        ("CN1CC[C@]23CCCC[C@H]2[C@H]1Cc1ccc(OC)cc13", "DRUG-LEVOMETHORPHAN", "DRUG-RACEMETHORPHAN"),
    ):
        verdict = screen_one({"smiles": smiles, "description": "API"})
        assert_high_as_itself(verdict, entry_id)
        assert racemate not in exact_entry_ids(verdict)


def test_the_names_of_the_excluded_enantiomers_resolve_to_their_own_configuration():
    """The identifier database gives 'dextrorphan' as a synonym of racemorphan's record (CID 3918, no
    stereochemistry) and 'levomethorphan' as one of dextromethorphan's (CID 5360696): the dictionary's
    dextrorphan and the watchlist's levomethorphan are read first."""
    for item in (
        {"name": "dextrorphan"},
        {"name": "dextrorphan tartrate"},
        {"name": "dextromethorphan hydrobromide"},
        {"name": "dextromethorphan"},
        {"smiles": "COc1ccc2c(c1)[C@]13CCCC[C@@H]1[C@H](C2)N(C)CC3.Br"},
    ):
        verdict = screen_one({**item, "description": "pharmaceutical raw material"})
        assert verdict.severity is None, (item, verdict.severity, [f.detail for f in verdict.findings])
    assert_high_as_itself(screen_one({"name": "levomethorphan", "description": "API"}), "DRUG-LEVOMETHORPHAN")
