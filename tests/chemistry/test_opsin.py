"""Systematic names with OPSIN (chemistry/opsin.py): the real jar of the `opsin` extra, run by the
real Java runtime tests/run.sh installs; no mocks. One parser (one JVM) per module, plus the few
tests that need their own (time budget, start-up, shutdown)."""

import os
from datetime import UTC, datetime

import pytest

from chemistry.molecules import standardise_smiles
from chemistry.opsin import (
    BATCH_BYTES,
    MAX_NAME_CHARS,
    OpsinParser,
    clean_name,
    description_parts_with_locants,
    find_opsin,
    looks_systematic,
    open_systematic_name_parser,
    prime_aryl_ketone_ring_locants,
    primes_a_chain_locant,
    systematic_names_in_text,
)
from cli.commands import identify
from pipeline.errors import ConfigError
from pipeline.flags import flag_json
from tests.factories import bundled_watchlist, make_event, make_screener

PMK_GLYCIDATE_NAME = "methyl 3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate"
BOC_4_AP_NAME = "tert-butyl 4-(phenylamino)piperidine-1-carboxylate"
# Spellings of the same two substances that neither the watchlist, the dictionary nor the identifier
# database know: only OPSIN resolves them.
PMK_GLYCIDATE_UNLISTED_NAME = "methyl 3-(2H-1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate"
BOC_4_AP_UNLISTED_NAME = "2-methylpropan-2-yl 4-anilinopiperidine-1-carboxylate"


@pytest.fixture(scope="module")
def parser():
    install, why = find_opsin()
    assert install is not None, why
    opsin = OpsinParser(install)
    yield opsin
    opsin.close()


def entry_key(entry_id: str) -> str:
    return next(e.std.key for e in bundled_watchlist().entries if e.id == entry_id)


def parsed_key(parser: OpsinParser, name: str) -> str:
    parsed = parser.parse_systematic_name(name)
    assert parsed.smiles is not None, parsed.problem
    return standardise_smiles(parsed.smiles)[0].key


def test_opsin_is_found_in_the_installed_extra_with_java():
    install, why = find_opsin()
    assert install is not None, why
    assert install.jar.is_file() and install.jar.suffix == ".jar"
    assert install.version[0].isdigit()


def test_systematic_names_of_watchlist_substances_and_designer_precursors_parse_to_their_structures(parser):
    assert parsed_key(parser, PMK_GLYCIDATE_NAME) == entry_key("EU1-PMK-METHYL-GLYCIDATE")
    assert parsed_key(parser, PMK_GLYCIDATE_UNLISTED_NAME) == entry_key("EU1-PMK-METHYL-GLYCIDATE")
    assert parsed_key(parser, BOC_4_AP_NAME) == entry_key("EU1-BOC-4-AP")
    assert parsed_key(parser, "1-phenylpropan-2-one") == entry_key("EU1-BMK")
    assert parsed_key(parser, "5-(prop-2-en-1-yl)-2H-1,3-benzodioxole") == entry_key("EU1-SAFROLE")


def test_an_unparsable_name_is_a_failure_value_and_is_not_asked_twice(parser):
    first = parser.parse_systematic_name("4-frobnicyl-2-quuxane")
    asked = parser.asked
    again = parser.parse_systematic_name("4-frobnicyl-2-quuxane")
    assert first.smiles is None and "could not parse" in first.problem
    assert again == first and parser.asked == asked


def test_a_batch_is_one_round_trip_and_answers_stay_with_their_names(parser):
    trips = parser.round_trips
    names = ["2-methylpropan-1-ol", "not-a-name-3-ylidene", "propan-2-one", "N-methyl-1-phenylpropan-2-amine"]
    answers = parser.parse_systematic_names(names)
    assert parser.round_trips == trips + 1
    assert answers["2-methylpropan-1-ol"].smiles is not None
    assert standardise_smiles(answers["2-methylpropan-1-ol"].smiles)[0].key == standardise_smiles("CC(C)CO")[0].key
    assert answers["not-a-name-3-ylidene"].smiles is None
    assert standardise_smiles(answers["propan-2-one"].smiles)[0].key == standardise_smiles("CC(C)=O")[0].key
    assert parsed_key(parser, "N-methyl-1-phenylpropan-2-amine") == entry_key("DRUG-METHAMPHETAMINE")


def test_a_large_batch_is_written_in_parts_that_fit_the_pipes(parser):
    # Many long names at once: written all before reading, they would fill both pipes and deadlock.
    names = [f"{i}-methyl-1-(4-{'methoxy' * 20}phenyl)propan-2-one" for i in range(1, 400)]
    trips = parser.round_trips
    answers = parser.parse_systematic_names(names)
    assert len(answers) == len(names)
    assert parser.round_trips - trips >= len(names) * len(names[0]) // BATCH_BYTES
    # Each answer is its own name's (OPSIN parses the 1-methyl name, a methoxy chain, and not the 2-methyl one).
    assert "OCOCOCOC" in answers[names[0]].smiles
    assert answers[names[1]].smiles is None


def test_line_breaks_and_tabs_cannot_inject_a_second_name(parser):
    assert clean_name("ethanol\nmethanol\tx") == "ethanol methanol x"
    trips = parser.round_trips
    answers = parser.parse_systematic_names(["propan-2-one\n1-phenylpropan-2-one", "4-frobnicyl-2-quuxane"])
    # One line, one answer (OPSIN reads "propan-2-one 1-phenylpropan-2-one" as a mixture of the two) ...
    assert parser.round_trips == trips + 1
    assert set(answers) == {"propan-2-one 1-phenylpropan-2-one", "4-frobnicyl-2-quuxane"}
    assert answers["propan-2-one 1-phenylpropan-2-one"].smiles.count(".") == 1
    # ... and OPSIN stays in step: the next names get their own answers.
    assert answers["4-frobnicyl-2-quuxane"].smiles is None
    assert parsed_key(parser, "1-phenylpropan-2-one") == entry_key("EU1-BMK")


def test_a_too_long_name_is_refused_without_starting_java():
    install, _ = find_opsin()
    fresh = OpsinParser(install)
    answer = fresh.parse_systematic_name("2-methyl" + "propyl" * MAX_NAME_CHARS)
    assert answer.smiles is None and str(MAX_NAME_CHARS) in answer.problem
    assert fresh.starts == 0 and not fresh.running


def test_a_name_over_its_time_budget_is_given_up_and_java_restarted_for_the_next():
    install, _ = find_opsin()
    # A budget no answer can meet (not even one already waiting in the pipe): every name "hangs" as far as
    # the parser can tell. (A tiny positive budget would not do: on a loaded machine select() can wake
    # late and find the answer there.)
    slow = OpsinParser(install, time_budget_s=0.0)
    try:
        answer = slow.parse_systematic_name(PMK_GLYCIDATE_UNLISTED_NAME)
        assert answer.smiles is None and "no answer within" in answer.problem
        assert slow.timeouts == 1 and not slow.running  # killed, not left to finish
        assert slow.parse_systematic_name(PMK_GLYCIDATE_UNLISTED_NAME) == answer  # remembered: not killed again
        slow.time_budget_s = 30.0
        assert slow.parse_systematic_name("1-phenylpropan-2-one").smiles is not None
        assert slow.starts == 2 and slow.running
    finally:
        slow.close()


def test_close_stops_the_java_process():
    install, _ = find_opsin()
    own = OpsinParser(install)
    assert own.parse_systematic_name("propan-2-one").smiles is not None
    pid = own.pid
    assert pid is not None
    own.close()
    assert not own.running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_only_names_that_look_systematic_go_to_opsin():
    for name in (PMK_GLYCIDATE_NAME, "1-phenylpropan-2-one", "N-phenethyl-4-piperidone", "methylbenzene"):
        assert looks_systematic(name), name
    for name in ("Ephedrine", "sodium chloride", "APAAN", "spare parts", "PMK glycidate", "", "x" * 400):
        assert not looks_systematic(name), name


def test_the_setting_turns_it_off_and_on_requires_java(monkeypatch, tmp_path):
    assert open_systematic_name_parser("off", 2.0)[0] is None
    parser, why = open_systematic_name_parser("auto", 2.0)
    assert parser is not None and why == ""
    assert open_systematic_name_parser("on", 2.0)[0] is parser  # one per process, shared by screeners
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    parser, why = open_systematic_name_parser("auto", 2.0)
    assert parser is None and "Java" in why
    with pytest.raises(ConfigError, match="systematic_names is on"):
        make_screener(systematic_names="on")
    assert make_screener(systematic_names="auto").systematic_names is None  # screening works without it


# -- in screening: trust order and what flags say -----------------------------------------------------------
def test_a_systematic_name_nothing_else_knows_is_screened_as_its_structure_and_the_flag_says_opsin():
    screener = make_screener()
    event = make_event({"name": PMK_GLYCIDATE_UNLISTED_NAME})
    verdict, flag = screener.screen_event_items(event)[0]
    assert verdict.resolution.resolved_by == "name"
    assert "OPSIN" in verdict.resolution.source and "parsed from the systematic name" in verdict.resolution.source
    hits = {(f.method, f.entry.ref.id) for f in verdict.findings if f.entry is not None}
    assert ("exact", "EU1-PMK-METHYL-GLYCIDATE") in hits
    assert ("unmasking", "EU1-PMK") in hits  # the glycidate unmasks to PMK
    assert flag is not None and "OPSIN" in flag.substance.source


def test_the_bmk_masking_acid_declared_by_its_names_unmasks_to_bmk():
    """alpha-Phenylacetoacetic acid has no CAS number from a source the project takes numbers from and
    is not in the identifier database; declared by any of its names it is read by OPSIN and caught
    as what it decarboxylates to."""
    screener = make_screener()
    names = ["alpha-phenylacetoacetic acid", "2-phenylacetoacetic acid", "3-oxo-2-phenylbutanoic acid"]
    for name in names:
        verdict, flag = screener.screen_event_items(make_event({"name": name}))[0]
        assert "OPSIN" in verdict.resolution.source, name
        hits = {(f.method, f.entry.ref.id) for f in verdict.findings if f.entry is not None}
        assert ("unmasking", "EU1-BMK") in hits, name
        assert flag is not None and flag.severity == "high", name


def test_an_abbreviation_before_a_systematic_name_is_read_as_the_parsed_name():
    # review26: the full name after an abbreviation was only looked up, never parsed
    screener = make_screener()
    verdict, flag = screener.screen_event_items(make_event({"name": "PMK 1-(3,4-methylenedioxyphenyl)propan-2-one"}))[0]
    assert verdict.resolution.std.key == entry_key("EU1-PMK")
    assert "OPSIN" in verdict.resolution.source and "the abbreviation 'PMK'" in verdict.resolution.source
    assert verdict.resolution.conflicts == [] and flag is not None and flag.severity == "high"


@pytest.mark.parametrize(
    ("name", "screened", "conflict_says"),
    [
        # two Category 1 substances: the name written out decides, the conflict is reported
        ("BMK 1-(3,4-methylenedioxyphenyl)propan-2-one", "EU1-PMK", "the systematic name's is screened"),
        # a listed abbreviation before a systematic name of an unlisted structure: the listed one is screened
        ("BMK 3-(4-methoxyphenyl)-2-methylpentan-3-ol", "EU1-BMK", "the abbreviation's, the more controlled"),
    ],
)
def test_an_abbreviation_and_a_systematic_name_of_different_substances_are_a_conflict(name, screened, conflict_says):
    screener = make_screener()
    verdict, flag = screener.screen_event_items(make_event({"name": name}))[0]
    assert verdict.resolution.std.key == entry_key(screened)
    (conflict,) = verdict.resolution.conflicts
    assert "name different substances" in conflict and conflict_says in conflict
    assert flag is not None and any(conflict in s.detail for s in flag.signals)


@pytest.mark.parametrize(
    ("name", "screened"),
    [
        # the sixty-first held-out set's pdh61014 and pmh61012 (thirty-seventh session): a trivial name, then the
        # systematic one, as listings write them; the two agree
        ("Acetylfentanyl hydrochloride N-phenyl-N-[1-(2-phenylethyl)-4-piperidinyl]acetamide", "DRUG-ACETYLFENTANYL"),
        # a synonym the identifier database lists, which OPSIN does not parse, after a name ending in "-yl"
        ("Benzylfentanyl N-(1-benzylpiperidin-4-yl)-N-phenylpropionamide readily available", "EU1-NORFENTANYL"),
    ],
)
def test_a_systematic_name_beside_other_words_is_parsed_and_the_more_controlled_screened(name, screened):
    screener = make_screener()
    verdict, flag = screener.screen_event_items(make_event({"name": name}))[0]
    assert screened in {f.entry.ref.id for f in verdict.findings if f.entry is not None}
    assert "was read as the systematic name" in verdict.resolution.source
    assert flag is not None and flag.severity in ("high", "critical")


def test_a_systematic_name_and_a_listed_name_beside_it_that_differ_are_a_conflict():
    verdict, _ = make_screener().screen_event_items(
        make_event({"name": "Toluol N-phenyl-N-[1-(2-phenylethyl)-4-piperidinyl]acetamide"})
    )[0]
    assert verdict.resolution.std.key == entry_key("DRUG-ACETYLFENTANYL")
    (conflict,) = verdict.resolution.conflicts
    assert "the words 'Toluol' (Toluene)" in conflict and "the systematic name's is screened" in conflict


@pytest.mark.parametrize(
    "name",
    [
        "UN1993 FLAMMABLE LIQUID, N.O.S. (xylene, butyl acetate), 3, III",  # a bracketed word is no systematic name
        "N,N-dimethylamino etonitazene",  # a substituent's prefix: the analogue is built by the nitazene reading
    ],
)
def test_words_in_brackets_and_a_substituent_prefix_are_not_read_as_a_systematic_name_beside_others(name):
    verdict, _ = make_screener().screen_event_items(make_event({"name": name}))[0]
    assert "was read as the systematic name" not in (verdict.resolution.source or "")


def test_names_the_watchlist_dictionary_or_database_resolve_are_never_sent_to_opsin():
    screener = make_screener()
    opsin = screener.systematic_names
    assert opsin is not None
    asked = opsin.asked
    for name, source in (
        (BOC_4_AP_NAME, "watchlist"),  # the watchlist's own systematic name
        ("1-(1,3-benzodioxol-5-yl)propan-2-one", "watchlist"),
        ("4-methylpentan-2-one", "common chemicals (curated)"),
        # the database's. (Until the seventeenth session this case was
        # "1,1-dimethylethyl 4-(phenylamino)-1-piperidinecarboxylate", which the database resolved only by its
        # bracket "phenylamino", to the anilino radical: that is no longer read, and OPSIN reads the name.)
        ("4-(phenylamino)phenol", "chemicals"),
    ):
        event = make_event({"name": name})
        resolution = screener.screen_item(event, event.items[0]).resolution
        assert resolution.source is not None and resolution.source.startswith(source), (name, resolution.source)
    assert opsin.asked == asked


def test_an_events_unresolved_systematic_names_go_to_opsin_in_one_batch():
    screener = make_screener()
    install, _ = find_opsin()
    # A parser of its own: the process's shared one may remember these names from other tests.
    opsin = screener.systematic_names = OpsinParser(install)
    trips = opsin.round_trips
    event = make_event(
        {"name": BOC_4_AP_UNLISTED_NAME},
        {"name": "1-chloro-N-methyl-1-phenylpropan-2-amine"},
        {"name": "3-methyl-1-phenylbutan-2-one"},
        {"name": "Ephedrine"},  # the watchlist's: not sent
    )
    verdicts = [verdict for verdict, _ in screener.screen_event_items(event)]
    assert opsin.round_trips == trips + 1
    assert [("OPSIN" in (v.resolution.source or "")) for v in verdicts] == [True, True, True, False]
    boc = {(f.method, f.entry.ref.id) for f in verdicts[0].findings if f.entry is not None}
    assert {("exact", "EU1-BOC-4-AP"), ("unmasking", "EU1-4-AP")} <= boc  # 1-Boc-4-AP unmasks to 4-AP
    assert verdicts[2].severity is None  # a legitimate ketone parsed from its name is not flagged
    opsin.close()


def test_identify_reads_a_systematic_name_and_says_opsin_parsed_it():
    settings = make_screener().settings
    found = identify([PMK_GLYCIDATE_UNLISTED_NAME, "4-frobnicyl-2-quuxane"], bundled_watchlist(), settings)
    assert found[0].read_as == "name" and "OPSIN" in found[0].source
    assert found[0].hits[0]["entry"] == "EU1-PMK-METHYL-GLYCIDATE"
    assert any(h["entry"] == "EU1-PMK" for h in found[0].hits)
    assert found[1].read_as == "name" and found[1].smiles is None


def test_a_batch_of_names_over_their_budget_stops_when_the_caller_says_so():
    install, _ = find_opsin()
    slow = OpsinParser(install, time_budget_s=0.0)  # every name over its budget, as above
    try:
        names = ["1-phenylpropan-2-one", "propan-2-one", "2-methylpropan-1-ol"]
        answers = slow.parse_systematic_names(names, within=lambda: slow.timeouts == 0)
        assert list(answers) == names[:1] and slow.timeouts == 1  # not three budgets and restarts in a row
        asked = slow.asked
        slow.time_budget_s = 30.0
        assert slow.parse_systematic_name("propan-2-one").smiles is not None  # not remembered as failed
        assert slow.asked == asked + 1
    finally:
        slow.close()


def test_starting_java_is_left_out_of_the_events_time_budget():
    install, _ = find_opsin()
    screener = make_screener()
    screener.systematic_names = OpsinParser(install)  # a JVM of its own, not started yet
    try:
        deadline = screener.clock() + 5.0
        first = screener.parse_names_ahead(make_event({"name": PMK_GLYCIDATE_UNLISTED_NAME}).items, deadline)
        again = screener.parse_names_ahead(make_event({"name": BOC_4_AP_UNLISTED_NAME}).items, deadline)
        assert first == screener.systematic_names.startup_s > 0  # the caller adds it to the event's deadline
        assert again == 0.0  # the JVM runs already
        assert screener.systematic_names.parse_systematic_name(BOC_4_AP_UNLISTED_NAME).smiles is not None
    finally:
        screener.systematic_names.close()


# -- systematic names inside goods descriptions ------------------------------------------------------------
PMK_ETHYL_GLYCIDATE_DESCRIPTION = (
    "ethyl 3-(2H-1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate, 98 %, 25 kg fibre drums"
)


def test_systematic_names_are_cut_out_of_free_text():
    assert systematic_names_in_text(PMK_ETHYL_GLYCIDATE_DESCRIPTION) == (
        "ethyl 3-(2H-1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate",
    )
    assert systematic_names_in_text("Intermediate: tert-butyl 4-anilinopiperidine-1-carboxylate (99%), 1 kg") == (
        "tert-butyl 4-anilinopiperidine-1-carboxylate",
    )
    assert systematic_names_in_text("(3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylic acid), white powder") == (
        "3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylic acid",
    )
    assert systematic_names_in_text("Technical grade 1-phenylpropan-2-one. Drums.") == ("1-phenylpropan-2-one",)
    for ordinary in (
        "polyester powder coating, RAL 9005, 25 kg bags",
        "colour pigments and waxes",
        "spare parts for 2-stroke engines",  # a locant-like word without nomenclature
        "CAS 28578-16-7, shipment of 2024-05-01",
        "",
    ):
        assert systematic_names_in_text(ordinary) == (), ordinary
    many = "; ".join(f"{n}-methylhexan-2-one" for n in range(3, 9))
    assert len(systematic_names_in_text(many)) == 3  # a bounded number of names per description


def test_a_cas_index_name_in_a_description_is_cut_out_whole():
    # Cut at its comma, "2-Propanone, 1-phenyl-" gave OPSIN "2-Propanone" (acetone, info) for BMK.
    assert systematic_names_in_text("2-Propanone, 1-phenyl-, 200 kg drums")[0] == "2-Propanone, 1-phenyl-"
    assert systematic_names_in_text("Safrole, dihydro-, 1 kg") == ("Safrole, dihydro-",)  # no locant needed


@pytest.mark.parametrize(
    ("description", "entry_id"),
    [
        ("2-Propanone, 1-phenyl-, 200 kg drums", "EU1-BMK"),
        ("Benzeneacetic acid, alpha-acetyl-, methyl ester, 25 kg", "EU1-MAPA"),
        ("Benzeneacetonitrile, alpha-acetyl-, 25 kg", "EU1-APAAN"),
    ],
)
def test_a_category_1_precursor_described_by_its_cas_index_name_is_found(description, entry_id):
    # Before: acetone (info), phenylacetic acid (low, the head) and nothing.
    screener = make_screener()
    try:
        verdict, _ = screener.screen_event_items(make_event({"description": description}))[0]
        hits = {(f.method, f.entry.ref.id) for f in verdict.findings if f.entry is not None}
        assert ("exact", entry_id) in hits and verdict.severity in {"high", "critical"}
    finally:
        screener.systematic_names.close()


@pytest.mark.parametrize(
    "description",
    ["Piperidine, 1-methyl-, 200 kg drums", "Benzeneacetic acid, 4-hydroxy-, 25 kg bags", "Safrole, dihydro-, 1 kg"],
)
def test_a_legitimate_chemical_described_by_its_cas_index_name_is_not_its_listed_parent(description):
    # Before: piperidine (low), phenylacetic acid (low), safrole (high), read from the head alone.
    screener = make_screener()
    try:
        verdict, flag = screener.screen_event_items(make_event({"description": description}))[0]
        assert not any(f.method == "exact" for f in verdict.findings) and flag is None
    finally:
        screener.systematic_names.close()


def test_a_designer_precursor_declared_only_in_the_description_is_found_by_opsin():
    screener = make_screener()
    install, _ = find_opsin()
    opsin = screener.systematic_names = OpsinParser(install)  # its own: to count what it is asked
    try:
        event = make_event({"description": PMK_ETHYL_GLYCIDATE_DESCRIPTION, "cn_code": "29329900"})
        verdict, flag = screener.screen_event_items(event)[0]
        assert opsin.round_trips == 1  # sent in the event's batch, before the item was screened
        source = verdict.resolution.source or ""
        assert "OPSIN" in source and "found in the goods description" in source
        hits = {(f.method, f.entry.ref.id) for f in verdict.findings if f.entry is not None}
        assert ("exact", "EU1-PMK-ETHYL-GLYCIDATE") in hits
        assert flag is not None and verdict.severity == "high"
    finally:
        opsin.close()


def test_the_parts_of_a_description_tried_as_another_languages_systematic_name_hold_a_locant():
    text = "methylester 3-oxo-2-fenylmáselné kyseliny, bělavá krystalická látka"
    assert description_parts_with_locants(text) == ("methylester 3-oxo-2-fenylmáselné kyseliny",)
    assert description_parts_with_locants("white crystalline powder, 25 kg drums") == ()
    many = "; ".join(f"{i}-oxo part" for i in range(1, 9))
    assert len(description_parts_with_locants(many)) == 8  # the cap applies to the parts that respell


def test_a_description_name_in_another_language_is_parsed_in_the_events_batch():
    # review22b G8: the respelt names had been parsed one by one after the batch, outside the event's deadline
    screener = make_screener()
    install, _ = find_opsin()
    opsin = screener.systematic_names = OpsinParser(install)  # its own: to count what it is asked
    try:
        item = {"name": "Dynol 360 Surfactant", "description": "methylester 3-oxo-2-fenylmáselné kyseliny, bílá látka"}
        verdict, _ = screener.screen_event_items(make_event(item))[0]
        assert {f.entry.ref.id for f in verdict.findings if f.method == "exact"} == {"EU1-MAPA"}
        assert opsin.round_trips == 1
    finally:
        opsin.close()


@pytest.mark.parametrize(
    "description",
    [
        "typ 1-A, šarže 2-B, balení 3-C, 1-fenylpropan-2-on",  # decoy parts with locants first (review22 F6)
        "2-fenylethanol, 1-fenylpropan-2-on",  # a harmless name first
        # three harmless names with locants before it (review22b G3)
        "2-fenylethanol, 3-fenylpropan-1-ol, 4-fenylbutan-2-on, 1-fenylpropan-2-on",
    ],
)
def test_a_listed_name_in_another_language_is_found_after_decoys_and_harmless_names(description):
    screener = make_screener()
    try:
        verdict, _ = screener.screen_event_items(make_event({"name": "Intermediate 77", "description": description}))[0]
        assert {f.entry.ref.id for f in verdict.findings if f.method == "exact"} == {"EU1-BMK"}
    finally:
        screener.systematic_names.close()


def test_a_category_1_substance_named_in_the_description_in_czech_nomenclature_is_found():
    # The twelfth held-out set's pch12017 (a Czech customs case): MAPA declared as a surfactant, its Czech
    # systematic name in the description only.
    screener = make_screener()
    try:
        item = {
            "name": "Dynol 360 Surfactant",
            "description": "methylester 3-oxo-2-fenylmáselné kyseliny, bělavá krystalická látka",
        }
        verdict, flag = screener.screen_event_items(make_event(item))[0]
        source = verdict.resolution.source or ""
        assert "found in the goods description" in source and "English systematic name" in source
        assert {f.entry.ref.id for f in verdict.findings if f.method == "exact"} == {"EU1-MAPA"}
        assert flag is not None and verdict.severity in {"high", "critical"}
        # the same words without the locants name nothing
        plain = screener.screen_event_items(make_event({**item, "description": "bělavá krystalická látka"}))[0]
        assert plain[1] is None
    finally:
        screener.systematic_names.close()


def test_ordinary_descriptions_never_reach_opsin_and_a_legitimate_name_in_one_is_not_flagged():
    screener = make_screener()
    install, _ = find_opsin()
    opsin = screener.systematic_names = OpsinParser(install)
    try:
        plain = make_event(
            {"description": "polyester powder coating, RAL 9005"},
            {"description": "colour pigments"},
            {"description": "N,N-Dimethylformamide", "cas": "68-12-3"},  # a bad CAS; the description is a name
        )
        verdicts = [v for v, _ in screener.screen_event_items(plain)]
        assert [v.severity is None or v.severity == "info" for v in verdicts] == [True, True, True]
        assert verdicts[2].resolution.source == "common chemicals (curated)"
        assert opsin.asked == 0 and opsin.starts == 0  # the JVM was not even started
        legitimate = make_event({"description": "methyl 3-phenyloxirane-2-carboxylate, 98 %, 200 kg drums"})
        verdict, flag = screener.screen_event_items(legitimate)[0]
        assert "OPSIN" in (verdict.resolution.source or "")  # identified...
        assert flag is None  # ...and not a precursor (no 2-methyl: it gives phenylacetaldehyde, not BMK)
    finally:
        opsin.close()


def test_descriptions_are_not_parsed_when_the_setting_is_off():
    verdict, flag = make_screener(systematic_names="off").screen_event_items(
        make_event({"description": PMK_ETHYL_GLYCIDATE_DESCRIPTION})
    )[0]
    assert verdict.resolution.std is None and flag is None


def test_what_the_look_ahead_resolved_is_not_resolved_again_and_screens_the_same(monkeypatch):
    import pipeline.screening

    calls = []
    original = pipeline.screening.resolve_item

    def counting(*args, **kwargs):
        calls.append((args[2:], kwargs.get("name")))
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline.screening, "resolve_item", counting)
    # A name only OPSIN resolves, and a description that is not a name but holds one.
    items = ({"name": BOC_4_AP_UNLISTED_NAME}, {"description": f"{PMK_GLYCIDATE_UNLISTED_NAME}, 25 kg drums"})
    looked_ahead = make_screener().screen_event_verdicts(make_event(*items))
    assert len(calls) == len(set(calls)), calls  # each identifier and description resolved once
    event = make_event(*items)
    fresh = make_screener()
    alone = [fresh.screen_item(event, item) for item in event.items]  # no look-ahead: resolve() alone
    now = datetime(2026, 11, 30, tzinfo=UTC)
    assert [flag_json(fresh.flag_document(event, v, now)) for v in looked_ahead] == [
        flag_json(fresh.flag_document(event, v, now)) for v in alone
    ]
    assert all(v.severity is not None and "OPSIN" in (v.resolution.source or "") for v in looked_ahead)


def test_a_forked_process_does_not_share_its_parents_parser():
    import chemistry.opsin

    chemistry.opsin._shared[("sentinel", 1.0)] = object()
    try:
        pid = os.fork()
        if pid == 0:  # the child: its parent's parsers (and JVMs) are forgotten
            os._exit(0 if not chemistry.opsin._shared else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert ("sentinel", 1.0) in chemistry.opsin._shared  # the parent keeps its own
    finally:
        chemistry.opsin._shared.pop(("sentinel", 1.0), None)


@pytest.mark.parametrize(
    ("name", "primed"),
    [
        ("2-bromo-4-chloropropiophenone", "2-bromo-4'-chloropropiophenone"),
        ("2,4-dichloroacetophenone", "2',4'-dichloroacetophenone"),
        ("3,4-methylenedioxypropiophenone", "3',4'-methylenedioxypropiophenone"),
        ("3-chloropropiophenone", None),  # beta-chloro: a chain locant, left as written
        ("2-bromo-4'-chloropropiophenone", None),  # primed already
        ("4-chlorobutyrophenone", None),  # within butyrophenone's chain
        ("4-chlorotoluene", None),  # no aryl ketone's retained name
    ],
)
def test_a_ring_locant_of_an_aryl_ketone_written_without_its_prime_is_primed(name, primed):
    assert prime_aryl_ketone_ring_locants(name) == primed


def test_an_alpha_bromo_ketone_with_an_unprimed_ring_locant_is_parsed_as_the_ring_substituted_one():
    # held-out 27's pph27001 ("2-Brom-4-Chlorpropiophenon", a Frankfurt airport seizure of 2018)
    screener = make_screener()
    try:
        for name in ("2-bromo-4-chloropropiophenone", "2-Brom-4-Chlorpropiophenon"):
            verdict, _ = screener.screen_event_items(make_event({"name": name}))[0]
            assert verdict.resolution.std.key == standardise_smiles("CC(Br)C(=O)c1ccc(Cl)cc1")[0].key
            assert verdict.severity in {"low", "medium", "high"}
    finally:
        screener.systematic_names.close()


@pytest.mark.parametrize(
    ("name", "chain"),
    [
        ("2-bromo-2'-methylpropiophenone", True),  # 2 is also the chain's locant
        ("2-Bromo-2'-méthylpropiophénone", True),
        ("3'-chloropropiophenone", True),
        ("2-bromo-4'-methylpropiophenone", False),  # above the chain's three carbons: only the ring's
        ("4'-methoxychalcone", False),  # no aryl ketone's retained name
    ],
)
def test_a_primed_locant_the_chain_also_has_is_told(name, chain):
    assert primes_a_chain_locant(name) is chain
