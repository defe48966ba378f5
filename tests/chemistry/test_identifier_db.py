"""The identifier database: its index, its look-ups, and its place below the watchlist in resolution.

Most tests build an index from a few rows written here (in the `chemicals` package's file format),
so that every agreement and disagreement between sources is chosen, not found; the last ones read
the real package's data (a main dependency)."""

import sqlite3
from pathlib import Path

import pytest

from chemistry.identifier_db import (
    DATA_FILES,
    INDEX_FORMAT,
    IdentifierDatabase,
    build_index,
    find_data_dir,
    open_identifier_database,
)
from chemistry.identifiers import normalise_name
from chemistry.molecules import standardise_smiles
from chemistry.opsin import primes_a_chain_locant
from chemistry.resolve import StructureCache, resolve_item
from tests.factories import bundled_watchlist

WL = bundled_watchlist()
BMK_SMILES = "CC(=O)CC1=CC=CC=C1"
# pubchem id, CAS, formula, MW, SMILES, InChI, InChIKey, IUPAC name, common name, synonyms...
ROWS = [
    ["7678", "103-79-7", "C9H10O", "134.2", BMK_SMILES, "", "QCCDLTOVEPVEJK-UHFFFAOYSA-N", "1-phenylpropan-2-one"]
    + ["phenylacetone", "136675-26-8", "benzyl methyl ketone"],
    ["6560", "78-83-1", "C4H10O", "74.1", "CC(C)CO", "", "ZXEKIIBDNHEJCQ-UHFFFAOYSA-N", "2-methylpropan-1-ol"]
    + ["isobutanol", "isobutyl alcohol", "ec"],
    # a salt: its own CAS number, its parent's structure after the chloride is stripped
    ["8648", "134-71-4", "C10H16ClNO", "201.7", "CC(C(C1=CC=CC=C1)O)NC.Cl", "", "BALXUFOVQVENIU-UHFFFAOYSA-N"]
    + ["2-(methylamino)-1-phenylpropan-1-ol;hydrochloride", "racephedrine hydrochloride"],
    # one name, two different substances
    ["1001", "57-13-6", "CH4N2O", "60.1", "NC(N)=O", "", "XSQUKJJJFZCRTK-UHFFFAOYSA-N", "urea", "urea", "ambiguone"],
    ["1002", "110-86-1", "C5H5N", "79.1", "C1=CC=NC=C1", "", "JUJWROOIHBZHMG-UHFFFAOYSA-N", "pyridine"]
    + ["pyridine", "ambiguone"],
    # a PubChem synonym that the curated dictionary gives to another substance
    ["4763", "50-06-6", "C12H12N2O3", "232.2", "CCC1(C(=O)NC(=O)NC1=O)C2=CC=CC=C2", "", "DDBREPKUVSBGFI-UHFFFAOYSA-N"]
    + ["5-ethyl-5-phenyl-1,3-diazinane-2,4,6-trione", "phenobarbital", "helional"],
    # a substance and its salt under one synonym: one substance as screened
    ["1206", "4846-07-5", "C10H15N", "149.2", "CC(CC1=CC=CC=C1)NC", "", "MYWUZJCMWCOHBA-UHFFFAOYSA-N"]
    + ["n-methyl-1-phenylpropan-2-amine", "dl-methamphetamine", "desoxyephedrine"],
    ["9306", "300-42-5", "C10H16ClN", "185.7", "CC(CC1=CC=CC=C1)NC.Cl", "", "TWXDDNPPQUTEOV-UHFFFAOYSA-N"]
    + ["n-methyl-1-phenylpropan-2-amine;hydrochloride", "desoxedrine", "desoxyephedrine"],
    # a database row giving a listed substance's structure the dictionary's CAS number of ethanol
    ["9999", "64-17-5", "C9H10O", "134.2", BMK_SMILES, "", "QCCDLTOVEPVEJK-UHFFFAOYSA-N", "1-phenylpropan-2-one"]
    + ["wrongly numbered ketone"],
    # positional isomers whose names differ only in a prime: the ring (4') and the chain (4) methyl,
    # one name ranking first, the other a synonym; and two chalcones, both common names
    ["2001", "1671-77-8", "C12H16O", "176.3", "CCCCC(=O)C1=CC=C(C)C=C1", "", "A-N", "1-(4-methylphenyl)pentan-1-one"]
    + ["4'-methylvalerophenone"],
    ["2002", "2050-07-9", "C12H16O", "176.3", "CC(C)CCC(=O)C1=CC=CC=C1", "", "B-N", "4-methyl-1-phenylpentan-1-one"]
    + ["isoamyl phenyl ketone", "4-methylvalerophenone"],
    ["2003", "959-33-1", "C16H14O2", "238.3", "COC1=CC=C(C=CC(=O)C2=CC=CC=C2)C=C1", "", "C-N", "x-chalcone-a"]
    + ["4-methoxychalcone"],
    ["2004", "959-23-9", "C16H14O2", "238.3", "COC1=CC=C(C=C1)C(=O)C=CC2=CC=CC=C2", "", "D-N", "x-chalcone-b"]
    + ["4\u2032-Methoxychalcone"],
    # a synonym (noise) that spells a watchlist entry's name without its prime for another substance
    ["2005", "611-70-1", "C10H12O", "148.2", "CC(C)C(=O)C1=CC=CC=C1", "", "E-N", "2-methyl-1-phenylpropan-1-one"]
    + ["isobutyrophenone", "4-methylpropiophenone"],
]
RING_METHYL, METHOXY_4_PRIME = "CCCCC(=O)c1ccc(C)cc1", "COc1ccc(C(=O)C=Cc2ccccc2)cc1"  # as screened


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> IdentifierDatabase:
    data_dir = tmp_path_factory.mktemp("chemicals")
    (data_dir / DATA_FILES[0]).write_text("\n".join("\t".join(row) for row in ROWS) + "\n", encoding="utf-8")
    target = tmp_path_factory.mktemp("index") / "identifiers.sqlite"
    assert build_index(data_dir, target) == len(ROWS)
    return IdentifierDatabase(target)


def resolve(database, **declared):
    return resolve_item(WL, StructureCache(), database=database, **declared)


def test_a_cas_number_finds_its_own_row_first_and_a_synonym_cas_after(database):
    own = database.lookup_cas("103-79-7")
    assert own.how == "CAS" and own.records[0].cid == 7678
    synonym = database.lookup_cas("136675-26-8")
    assert synonym.how == "synonym CAS" and synonym.records[0].cas == "103-79-7"
    assert database.lookup_cas("50-00-0") is None


def test_names_are_ranked_common_before_iupac_before_synonym(database):
    assert database.lookup_name_key(normalise_name("isobutanol")).how == "name"
    assert database.lookup_name_key(normalise_name("2-Methylpropan-1-ol")).how == "IUPAC name"
    assert database.lookup_name_key(normalise_name("Isobutyl Alcohol")).how == "synonym"


def test_short_names_are_not_indexed(database):
    assert database.lookup_name_key("ec") is None


def test_the_names_beginning_with_a_prefix_are_one_bounded_range_of_the_index(database):
    found = database.find_names_beginning("nmethyl1phenylpropan2amine", 10)
    assert [key for key, _ in found] == ["nmethyl1phenylpropan2amine", "nmethyl1phenylpropan2amine;hydrochloride"]
    assert [record.cid for _, record in found] == [1206, 9306]  # the base's name, then the salt's
    assert len(database.find_names_beginning("nmethyl1phenylpropan2amine", 1)) == 1  # at most the limit
    assert database.find_names_beginning("nmethyl1phenylpropan2aminf", 10) == []
    assert database.find_names_beginning("ec", 10) == []  # shorter than a name key


def test_a_name_given_to_two_substances_is_ambiguous(database):
    answer = database.lookup_name_key("ambiguone")
    assert [r.name for r in answer.records] == ["urea", "pyridine"]


def test_a_cas_number_only_the_database_knows_resolves_with_its_source(database):
    r = resolve(database, cas="78-83-1")
    assert r.resolved_by == "cas" and r.std.key == "CC(C)CO"
    assert r.source == "chemicals (ChEDL/PubChem) CID 6560"
    assert r.name == "isobutanol"


def test_a_salt_cas_number_resolves_to_the_parent(database):
    r = resolve(database, cas="134-71-4")
    assert r.std.key == "CNC(C)C(O)c1ccccc1" and r.std.stripped == ("Cl",)


def test_a_name_only_the_database_knows_resolves_without_grades(database):
    r = resolve(database, name="Isobutyl alcohol 99% technical grade")
    assert r.std.key == "CC(C)CO"
    assert r.source == "chemicals (ChEDL/PubChem) CID 6560, as synonym"


def test_records_of_a_substance_and_its_salt_are_one_substance(database):
    assert len(database.lookup_name_key("desoxyephedrine").records) == 2
    r = resolve(database, name="Desoxyephedrine")
    assert r.std.key == "CNC(C)Cc1ccccc1" and r.source_notes == []
    assert r.source == "chemicals (ChEDL/PubChem) CID 1206, as synonym"


def test_an_ambiguous_name_is_not_resolved_and_says_why(database):
    r = resolve(database, name="Ambiguone")
    assert r.resolved_by == "unresolved"
    assert "2 different substances" in r.source_notes[0] and "urea" in r.source_notes[0]


def test_the_watchlist_decides_and_agreement_is_silent(database):
    r = resolve(database, cas="103-79-7")
    assert r.source == "watchlist" and r.name == "1-Phenyl-2-propanone"
    assert r.source_notes == [] and r.conflicts == []


def test_a_dictionary_name_the_database_gives_another_substance_is_noted_not_used(database):
    r = resolve(database, name="Helional")
    assert r.source == "common chemicals (curated)" and r.name == "Helional"
    assert "phenobarbital" in r.source_notes[0] and "common chemicals (curated) decides" in r.source_notes[0]
    assert r.conflicts == []  # phenobarbital is not listed, and the database has the name only as a synonym


def test_a_disagreement_that_names_a_listed_substance_is_a_conflict(database):
    r = resolve(database, cas="64-17-5")
    assert r.std.key == "CCO"  # the curated dictionary decides
    assert r.source_notes and r.conflicts
    assert "wrongly numbered ketone (a listed substance)" in r.conflicts[0]


def test_without_a_database_the_long_tail_stays_unresolved():
    assert resolve(None, cas="78-83-1").resolved_by == "unresolved"


def test_open_reports_why_there_is_no_database(tmp_path):
    assert open_identifier_database("off")[0] is None
    database, why = open_identifier_database(str(tmp_path / "missing.sqlite"))
    assert database is None and "does not exist" in why


def test_auto_without_a_writable_cache_screens_without_the_database_and_says_why(tmp_path, monkeypatch):
    # the cache folder cannot be made (a read-only root filesystem; root ignores mode bits, so refused here)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("pathlib.Path.mkdir", _refuse)
    database, why = open_identifier_database("auto")
    assert database is None and "could not build the identifier database index" in why


def _refuse(*args, **kwargs):
    raise PermissionError(13, "Permission denied")


# -- the real data of the installed `chemicals` package ------------------------------------------------
def test_auto_opens_the_index_of_the_installed_package():
    database, why = open_identifier_database("auto")
    assert why == "" and find_data_dir() is not None
    assert database.count() > 70_000
    assert "chemicals 1." in database.describe()


@pytest.mark.parametrize(
    ("declared", "key"),
    [
        ({"cas": "50-98-6"}, "CNC(C)C(O)c1ccccc1"),  # ephedrine hydrochloride, a synonym CAS of ephedrine
        ({"cas": "51-05-8"}, "CCN(CC)CCOC(=O)c1ccc(N)cc1"),  # procaine hydrochloride, its own row
        ({"name": "Sudafed"}, "CNC(C)C(O)c1ccccc1"),  # a trade name of pseudoephedrine
        ({"name": "dimethyl sulphate"}, "COS(=O)(=O)OC"),  # an ester, not a salt of "dimethyl"
    ],
)
def test_the_real_database_resolves_the_long_tail(declared, key):
    database, _ = open_identifier_database("auto")
    r = resolve(database, **declared)
    assert r.std is not None and r.std.key == key
    assert r.source.startswith("chemicals (ChEDL/PubChem) CID ")


def test_the_index_is_replaced_whole(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DATA_FILES[0]).write_text("\t".join(ROWS[0]) + "\n", encoding="utf-8")
    target = tmp_path / "index.sqlite"
    target.write_bytes(b"stale")
    build_index(data_dir, target)
    assert IdentifierDatabase(target).count() == 1
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
    assert Path(target).stat().st_size > 0


def test_an_index_at_a_path_built_by_another_version_is_refused_with_the_command_to_rebuild(tmp_path):
    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('data', 'chemicals 1.0; format 2; sizes 1')")
    conn.close()
    database, why = open_identifier_database(str(old))
    assert database is None
    assert f"format 2, this version reads format {INDEX_FORMAT}" in why and "identifiers build --output" in why
    # An index of format 3 keys names without their primes' spellings: also refused, and INDEX_FORMAT says so.
    assert INDEX_FORMAT == "4"
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE meta SET value = 'chemicals 1.5.2; format 3; sizes 1'")
    conn.close()
    database, why = open_identifier_database(str(old))
    assert database is None and "format 3, this version reads format 4" in why
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database" * 100)
    database, why = open_identifier_database(str(garbage))
    assert database is None and "cannot be read" in why


@pytest.mark.parametrize(
    ("declared", "cas_numbers", "key"),
    [
        # one's common name (ranking first) with its prime dropped, the other's synonym
        ("4-Methylvalerophenone", ("1671-77-8", "2050-07-9"), RING_METHYL),
        ("4-methylvalerophenone 98%", ("1671-77-8", "2050-07-9"), RING_METHYL),
        ("4-methoxychalcone", ("959-33-1", "959-23-9"), None),  # both common names: no rank decides
    ],
)
def test_a_name_whose_spellings_differ_only_in_primes_is_ambiguous_whatever_their_rank(
    database, declared, cas_numbers, key
):
    """Folding primes into the name key merges positional isomers; a trader who drops the prime may
    mean either, so the key is reported as ambiguous. The best-ranked record is still screened when it
    is one substance (left unresolved, OPSIN would read the name literally and a dropped prime would
    hide a pre-precursor); different substances at the best rank resolve nothing."""
    r = resolve(database, name=declared)
    assert len(r.ambiguous) == 1 and r.ambiguous == r.source_notes
    assert "2 different substances" in r.ambiguous[0] and all(cas in r.ambiguous[0] for cas in cas_numbers)
    if key is None:
        assert r.std is None and r.resolved_by == "unresolved" and "not resolved by it" in r.ambiguous[0]
    else:
        assert r.resolved_by == "name" and r.std.key == key
        assert "screened as 4'-methylvalerophenone, the name that ranks first" in r.ambiguous[0]


@pytest.mark.parametrize(
    ("declared", "key"),
    [
        ("4'-Methylvalerophenone", RING_METHYL),
        ("4\u2032-methylvalerophenone", RING_METHYL),
        ("4\u2019-methylvalerophenone, 25 kg", RING_METHYL),
        ("4\u2032-Methoxychalcone", METHOXY_4_PRIME),
        ("4'-methoxychalcone", METHOXY_4_PRIME),
    ],
)
def test_a_name_declared_with_its_primes_resolves_to_the_record_of_that_spelling(database, declared, key):
    r = resolve(database, name=declared)
    assert r.resolved_by == "name" and r.std.key == key and r.ambiguous == []


def test_a_watchlist_name_written_without_its_prime_still_wins_and_the_database_is_noted(database):
    """Traders write 4'-methylpropiophenone as 4-methylpropiophenone: the watchlist's own name
    decides, and the database's other substance under that spelling is reported."""
    r = resolve(database, name="4-methylpropiophenone")
    assert r.source == "watchlist" and r.name == "4'-Methylpropiophenone"
    assert r.std.key == standardise_smiles("CCC(=O)c1ccc(C)cc1")[0].key
    assert "isobutyrophenone" in r.source_notes[0] and "watchlist decides" in r.source_notes[0]
    assert r.ambiguous == []


def test_the_index_keeps_each_spelling_of_a_name_key_apart(database):
    answer = database.lookup_name_key("4methylvalerophenone")
    assert [r.cas for r in answer.records] == ["1671-77-8"] and answer.how == "name"
    assert [r.cas for r in answer.respelt] == ["2050-07-9"]
    primed = database.lookup_name_key("4methylvalerophenone", "4'methylvalerophenone")
    assert [r.cas for r in primed.records] == ["1671-77-8"] and primed.respelt == ()


@pytest.mark.parametrize(
    ("declared", "cas", "ambiguous"),
    [
        # 4'- (ring, a common name) or 4- (chain, a synonym): the common name ranks first and is screened
        ("4-methylvalerophenone", "1671-77-8", True),
        ("3,4-dimethylbenzophenone", "2571-39-3", True),  # 3,4- (a common name) or 3,4'- (a synonym)
        ("4-methoxychalcone", None, True),  # both common names: no rank decides
        ("4'-methylvalerophenone", "1671-77-8", False),
        ("3,4\u2032-dimethylbenzophenone", "13152-94-8", False),
        ("4\u2032-methoxychalcone", "959-23-9", False),
    ],
)
def test_the_real_database_tells_positional_isomers_apart_only_by_declared_primes(declared, cas, ambiguous):
    database, _ = open_identifier_database("auto")
    r = resolve(database, name=declared)
    assert bool(r.ambiguous) == ambiguous and all("2 different substances" in n for n in r.ambiguous)
    if cas is None:
        assert r.std is None
    else:
        assert r.std.key == standardise_smiles(database.lookup_cas(cas).records[0].smiles)[0].key


def test_a_declared_spelling_of_primes_no_record_has_is_said_and_the_chains_isomer_is_not_taken():
    # the sixty-first held-out set's pph61007 (thirty-seventh session): the database knows
    # "2-bromo-2-methylpropiophenone" (alpha-bromoisobutyrophenone, the locant the chain's) and no
    # "2-bromo-2'-methylpropiophenone" (the ring's), which is another isomer
    database, _ = open_identifier_database("auto")
    answer = database.lookup_name_key("2bromo2methylpropiophenone", "2bromo2'methylpropiophenone")
    assert answer.primes_unmatched and [r.cas for r in answer.records] == ["10409-54-8"]
    assert not database.lookup_name_key("2bromo2methylpropiophenone").primes_unmatched
    r = resolve(database, name="2-bromo-2'-methylpropiophenone")
    assert r.std is None or r.std.key != standardise_smiles("CC(C)(Br)C(=O)c1ccccc1")[0].key
    # a primed locant above the chain's length can only be the ring's, unprimed too: the record is taken
    assert not primes_a_chain_locant("2-bromo-4'-methylpropiophenone")


def test_an_index_at_a_path_that_is_refused_is_said_in_the_log_not_only_returned(tmp_path, caplog):
    """An index built ahead by an older version (a deployment's explicit path, after the format
    changed) is refused; screening then resolves nothing beyond the watchlist and the dictionary,
    so the reason and the command to rebuild must reach the operator's log."""
    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('data', 'chemicals 1.5.2; format 3; sizes 1')")
    conn.close()
    with caplog.at_level("WARNING", logger="chemistry.identifier_db"):
        assert open_identifier_database(str(old))[0] is None
        assert open_identifier_database(str(tmp_path / "missing.sqlite"))[0] is None
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warned) == 2
    assert "format 3, this version reads format 4" in warned[0] and f"identifiers build --output {old}" in warned[0]
    assert "does not exist" in warned[1]


def concerned_with(*smiles: str):
    """A concern function (resolve_item's ``concern``) that cares about the given structures only."""
    keys = {standardise_smiles(s)[0].key for s in smiles}
    return lambda std: 1.0 if std.key in keys else 0.0


@pytest.mark.parametrize(
    ("declared", "watched", "screened"),
    [
        # both common names, no rank decides: the reading the watchlist cares about is screened
        ("4-methoxychalcone", METHOXY_4_PRIME, METHOXY_4_PRIME),
        ("4-methoxychalcone", "COC1=CC=C(C=CC(=O)C2=CC=CC=C2)C=C1", "COc1ccc(C=CC(=O)c2ccccc2)cc1"),
        # the other spelling's substance is the one of concern, but it bears the name only as a synonym
        # (its own name is "isoamyl phenyl ketone"): a synonym never decides, the best-ranked is screened
        ("4-methylvalerophenone", "CC(C)CCC(=O)C1=CC=CC=C1", RING_METHYL),
        # concern for the best-ranked reading changes nothing
        ("4-methylvalerophenone", RING_METHYL, RING_METHYL),
    ],
)
def test_an_ambiguous_name_is_screened_as_the_reading_the_watchlist_is_concerned_with(
    database, declared, watched, screened
):
    r = resolve_item(WL, StructureCache(), database=database, name=declared, concern=concerned_with(watched))
    assert r.resolved_by == "name" and r.std.key == standardise_smiles(screened)[0].key
    assert len(r.ambiguous) == 1 and "2 different substances" in r.ambiguous[0]
    if screened == RING_METHYL:
        assert "the name that ranks first" in r.ambiguous[0]
    else:
        assert "the reading the watchlist is concerned with (check which substance was meant)" in r.ambiguous[0]


def test_an_ambiguous_name_none_of_whose_readings_concerns_the_watchlist_stays_unresolved(database):
    r = resolve_item(WL, StructureCache(), database=database, name="4-methoxychalcone", concern=concerned_with("CCO"))
    assert r.std is None and "not resolved by it" in r.ambiguous[0]


def test_a_synonym_shared_by_two_substances_is_not_resolved_by_concern(database):
    """'ambiguone' is a synonym on two records: a synonym may be an error of the database, so the
    watchlist's concern for one of them does not make it the substance declared."""
    r = resolve_item(WL, StructureCache(), database=database, name="ambiguone", concern=concerned_with("NC(N)=O"))
    assert r.std is None and "not resolved by it" in r.ambiguous[0]


@pytest.mark.parametrize(
    ("declared", "cas", "screened"),
    [
        ("4-methylvalerophenone", "2050-07-9", "CC(C)CCC(=O)c1ccccc1"),  # the respelt chain isomer, by its CAS
        ("4-methoxychalcone", "959-23-9", METHOXY_4_PRIME),  # neither reading ranks first; the CAS says which
        ("4-methoxychalcone", "959-33-1", "COc1ccc(C=CC(=O)c2ccccc2)cc1"),
    ],
)
def test_an_ambiguous_name_declared_with_the_cas_number_of_one_of_its_readings_is_that_reading_without_a_conflict(
    database, declared, cas, screened
):
    """The name and the number agree: whatever the watchlist's concern, the reading the number names is
    the substance declared, and the item is not reported as declaring two different substances."""
    for concern in (None, concerned_with(RING_METHYL, METHOXY_4_PRIME, "COC1=CC=C(C=CC(=O)C2=CC=CC=C2)C=C1")):
        r = resolve_item(WL, StructureCache(), cas=cas, name=declared, database=database, concern=concern)
        assert r.std.key == standardise_smiles(screened)[0].key
        assert r.conflicts == []
        (note,) = [n for n in r.ambiguous if "different substances" in n]
        assert "the substance the item's other identifiers name" in note


def test_an_inchikey_is_looked_up_by_the_index_not_by_reading_every_row(database):
    # A name field holding an InChIKey is looked up per item (resolve_structure_identifier_in_name): a scan of
    # every row (76,088 in the package's data, 30-45 ms) for any key a declaration makes up was the cost before.
    plan = database._connection().execute(
        "EXPLAIN QUERY PLAN SELECT cid FROM chemical WHERE inchikey = ?", ("QCCDLTOVEPVEJK-UHFFFAOYSA-N",)
    ).fetchall()
    assert any("chemical_inchikey" in str(step) for step in plan) and not any("SCAN chemical" in str(s) for s in plan)
    assert database.lookup_inchikey_indexed("QCCDLTOVEPVEJK-UHFFFAOYSA-N").cid == 7678
    assert database.lookup_inchikey_indexed("AAAAAAAAAAAAAA-BBBBBBBBSA-N") is None


def test_an_index_built_without_the_inchikey_index_does_not_scan_for_a_key(tmp_path):
    # an index built before the twenty-first session, named by path: read, but its InChIKeys not on the
    # screening path (lookup_inchikey_indexed), where every look-up would read every row
    data_dir = tmp_path / "chemicals"
    data_dir.mkdir()
    (data_dir / DATA_FILES[0]).write_text("\t".join(ROWS[0]) + "\n", encoding="utf-8")
    target = tmp_path / "identifiers.sqlite"
    build_index(data_dir, target)
    with sqlite3.connect(target) as conn:
        conn.execute("DROP INDEX IF EXISTS chemical_inchikey")
    older = IdentifierDatabase(target)
    assert older.lookup_inchikey("QCCDLTOVEPVEJK-UHFFFAOYSA-N").cid == 7678  # `precwatch identify` still names it
    assert older.lookup_inchikey_indexed("QCCDLTOVEPVEJK-UHFFFAOYSA-N") is None
