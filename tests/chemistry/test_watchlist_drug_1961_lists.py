"""The narcotic drugs of the 1961 lists I and II read in the Finnish decree 244/2024's copy of the lists
(chemistry/data/SOURCES.md, "Thirty-second session: thirty-nine narcotic drugs")."""

import pytest

from tests.factories import assert_high_as_itself, assert_schedule_read_in_the_finnish_decree, screen_one

ADDED = {
    "DRUG-DIMEPHEPTANOL": "1961-I",
    "DRUG-ALPHAMEPRODINE": "1961-I",
    "DRUG-ALPHAPRODINE": "1961-I",
    "DRUG-DIMENOXADOL": "1961-I",
    "DRUG-DIMETHYLTHIAMBUTENE": "1961-I",
    "DRUG-ETHYLMETHYLTHIAMBUTENE": "1961-I",
    "DRUG-DIOXAPHETYL-BUTYRATE": "1961-I",
    "DRUG-DIPIPANONE": "1961-I",
    "DRUG-DROTEBANOL": "1961-I",
    "DRUG-ETOXERIDINE": "1961-I",
    "DRUG-PHENADOXONE": "1961-I",
    "DRUG-PHENAMPROMIDE": "1961-I",
    "DRUG-PHENOMORPHAN": "1961-I",
    "DRUG-FURETHIDINE": "1961-I",
    "DRUG-HYDROXYPETHIDINE": "1961-I",
    "DRUG-ISOMETHADONE": "1961-I",
    "DRUG-LEVOPHENACYLMORPHAN": "1961-I",
    "DRUG-MORPHERIDINE": "1961-I",
    "DRUG-MPPP": "1961-I",
    "DRUG-NORACYMETHADOL": "1961-I",
    "DRUG-NORLEVORPHANOL": "1961-I",
    "DRUG-NORMETHADONE": "1961-I",
    "DRUG-NORPIPANONE": "1961-I",
    "DRUG-PEPAP": "1961-I",
    "DRUG-PIMINODINE": "1961-I",
    "DRUG-PROHEPTAZINE": "1961-I",
    "DRUG-PROPERIDINE": "1961-I",
    "DRUG-TRIMEPERIDINE": "1961-I",
    "DRUG-PROPIRAM": "1961-II",
    # morphinans drawn from their listed parent as the decree's trivial name describes it
    "DRUG-DIHYDROMORPHINE": "1961-I",
    "DRUG-NORMORPHINE": "1961-I",
    "DRUG-MORPHINE-N-OXIDE": "1961-I",
    "DRUG-METOPON": "1961-I",
    "DRUG-METHYLDESORPHINE": "1961-I",
    "DRUG-THEBACON": "1961-I",
    "DRUG-NORCODEINE": "1961-II",
    "DRUG-ACETYLDIHYDROCODEINE": "1961-II",
    "DRUG-NICOCODINE": "1961-II",
    "DRUG-NICODICODINE": "1961-II",
    # thirty-third session: the oripavines and benzomorphans, read by hand, and acetylmethadol
    "DRUG-ETORPHINE": "1961-I",
    "DRUG-ACETORPHINE": "1961-I",
    "DRUG-DIHYDROETORPHINE": "1961-I",
    "DRUG-PHENAZOCINE": "1961-I",
    "DRUG-METAZOCINE": "1961-I",
    "DRUG-ACETYLMETHADOL": "1961-I",
    # drawn from their listed parent as the bracketed name says, and checked against OPSIN's reading of that name
    "DRUG-HYDROMORPHINOL": "1961-I",
    "DRUG-METHYLDIHYDROMORPHINE": "1961-I",
    "DRUG-CODOXIME": "1961-I",
}


@pytest.mark.parametrize(("entry_id", "schedule"), ADDED.items())
def test_an_added_1961_drug_says_where_its_schedule_was_read(entry_id, schedule):
    assert_schedule_read_in_the_finnish_decree(entry_id, schedule)


@pytest.mark.parametrize(
    ("item", "entry_id"),
    [
        ({"name": "Dipipanone hydrochloride"}, "DRUG-DIPIPANONE"),
        ({"name": "Dipipanoni"}, "DRUG-DIPIPANONE"),  # Finnish, lista I
        ({"name": "Betaprodine"}, "DRUG-ALPHAPRODINE"),  # a stereoisomer listed on its own line, one structure
        ({"name": "Alfametadoli"}, "DRUG-DIMEPHEPTANOL"),
        ({"smiles": "CCC(=O)OC1(c2ccccc2)CCN(C)CC1"}, "DRUG-MPPP"),  # the MPTP-forming pethidine analogue
        ({"smiles": "CC(=O)OC1(c2ccccc2)CCN(CCc2ccccc2)CC1"}, "DRUG-PEPAP"),
        ({"name": "ethyl 4-(morpholin-4-yl)-2,2-diphenylbutanoate"}, "DRUG-DIOXAPHETYL-BUTYRATE"),
        ({"name": "Propiram fumarate"}, "DRUG-PROPIRAM"),  # list II
        ({"name": "Normethadone"}, "DRUG-NORMETHADONE"),
        ({"name": "Norcodeine"}, "DRUG-NORCODEINE"),
        ({"name": "Nikokodiini"}, "DRUG-NICOCODINE"),
        ({"smiles": "CN1CCC23c4c5ccc(O)c4OC2C(O)CCC3C1C5"}, "DRUG-DIHYDROMORPHINE"),
        ({"name": "Etorphine hydrochloride"}, "DRUG-ETORPHINE"),
        ({"name": "Asetorfiini"}, "DRUG-ACETORPHINE"),
        ({"name": "Dihydroetorphine hydrochloride"}, "DRUG-DIHYDROETORPHINE"),
        # etorphine as the identifier database draws it, with its stereocentres
        ({"smiles": "CCCC(C)(O)C1C[C@@]23C=CC1(OC)C1Oc4c(O)ccc5c4[C@@]12CCN(C)[C@@H]3C5"}, "DRUG-ETORPHINE"),
        ({"name": "Phenazocine hydrobromide"}, "DRUG-PHENAZOCINE"),
        ({"name": "Metatsosiini"}, "DRUG-METAZOCINE"),
        ({"name": "Betacetylmethadol"}, "DRUG-ACETYLMETHADOL"),  # a stereoisomer on a line of its own
        # the German BtMG's name, an ester of a bracketed alcohol (eighteenth held-out set)
        ({"name": "(6-Dimethylamino-4,4-diphenylheptan-3-yl)acetat"}, "DRUG-ACETYLMETHADOL"),
        ({"name": "Hydromorfinoli"}, "DRUG-HYDROMORPHINOL"),
        ({"name": "14-hydroxydihydromorphine"}, "DRUG-HYDROMORPHINOL"),  # the decree's bracket, read by OPSIN
        ({"name": "6-Methyldihydromorphine"}, "DRUG-METHYLDIHYDROMORPHINE"),
        ({"name": "Codoxime"}, "DRUG-CODOXIME"),
    ],
)
def test_an_added_1961_drug_is_found_by_name_structure_and_finnish_name(item, entry_id):
    assert_high_as_itself(screen_one(item), entry_id)


@pytest.mark.parametrize(
    "legitimate",
    [
        "Pethidine intermediate B",  # listed already, under its own entry: not one of these
        "Diphenhydramine",  # a diphenylmethane antihistamine, no 1961 substance
        "Loperamide",  # a 4-phenylpiperidine antidiarrhoeal under no schedule
        "Naloxone",  # a morphinan antagonist, under no schedule
        "Naltrexone",
        "Cyclazocine",  # a 6,7-benzomorphan under no schedule (N-cyclopropylmethyl), beside metazocine and phenazocine
    ],
)
def test_medicines_of_similar_shape_are_not_read_as_the_added_drugs(legitimate):
    found = {f.entry.id for f in screen_one({"name": legitimate}).findings if f.entry is not None}
    assert not found & set(ADDED), found


def test_alphacetylmethadol_drawn_with_its_configuration_stays_itself():
    # acetylmethadol is drawn without stereocentres; the alpha isomer's own entry keeps the configured structure
    verdict = screen_one({"smiles": "CC[C@@H](OC(C)=O)C(C[C@@H](C)N(C)C)(c1ccccc1)c1ccccc1"})
    assert_high_as_itself(verdict, "DRUG-ALPHACETYLMETHADOL")


@pytest.mark.parametrize(
    "smiles",
    [
        "OC1CCC2(O)C3Cc4ccc(O)c5OC1C2(CCN3CC1CCC1)c45",  # nalbuphine: a 14-hydroxy morphinan-6-ol under no schedule
        "O=C1CCC2(O)C3Cc4ccc(O)c5OC1C2(CCN3CC1CC1)c45",  # naltrexone, drawn
    ],
)
def test_morphinan_medicines_are_not_read_as_hydromorphinol_or_codoxime(smiles):
    found = {f.entry.id for f in screen_one({"smiles": smiles}).findings if f.entry is not None}
    assert not found & set(ADDED), found


def test_a_german_name_that_is_also_a_listed_acids_salt_is_read_as_the_listed_acid():
    # "(1,3-Benzodioxol-5-yl)acetat" is the anion of 3,4-MDPA as well as sesamol's ester: the listed reading wins
    verdict = screen_one({"name": "(1,3-Benzodioxol-5-yl)acetat"})
    assert "DES-MDPA" in {f.entry.id for f in verdict.findings if f.entry is not None}
