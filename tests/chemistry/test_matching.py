import pytest

from chemistry.identifiers import Presentation
from chemistry.matching import (
    analyse_salt_form,
    analyse_structure,
    collect_findings,
    match_cn_scope,
    match_exact,
    match_excluded_medicinal_product,
    match_identifier,
)
from chemistry.molecules import order_atoms_canonically, standardise_smiles
from pipeline.scoring import SEVERITY_RANK
from tests.factories import make_screener, screen_one

SCREENER = make_screener()
MATCHER = SCREENER.matcher


def analyse(smiles: str):
    std, reason = standardise_smiles(smiles)
    assert std is not None, reason
    return analyse_structure(std, MATCHER)


def ids(findings) -> set[str]:
    return {f.entry.id for f in findings if f.entry is not None}


def test_exact_match_ignores_salt_form():
    assert ids(analyse("CN[C@@H](C)[C@H](O)c1ccccc1.Cl").exact) == {"EU1-EPHEDRINE"}


def test_exact_match_without_stereo_covers_all_listed_stereoisomers():
    found = ids(analyse("CNC(C)C(O)c1ccccc1").exact)
    assert {"EU1-EPHEDRINE", "EU1-PSEUDOEPHEDRINE"} <= found


def test_cathine_is_excluded_from_norephedrine():
    cathine = analyse("N[C@@H](C)[C@@H](O)c1ccccc1")
    assert ids(cathine.exact) == {"DRUG-CATHINE"}
    assert "excluded by law" in cathine.exact[0].detail
    other_isomer = analyse("N[C@@H](C)[C@H](O)c1ccccc1")
    assert ids(other_isomer.exact) == {"EU1-NOREPHEDRINE"}


def test_sodium_permanganate_is_not_potassium_permanganate():
    std, _ = standardise_smiles("[Na+].[O-][Mn](=O)(=O)=O")
    assert match_exact(std, MATCHER) == []
    assert analyse("[Na+].[O-][Mn](=O)(=O)=O").similar == []


def test_unmasking_reports_the_whole_path():
    analysis = analyse("COCCOC(=O)C1(C)OC1c1ccc2c(c1)OCO2")  # on no list
    by_id = {f.entry.id: f for f in analysis.unmasking}
    pmk = by_id["EU1-PMK"]
    assert [s.rule for s in pmk.path] == ["ester_hydrolysis", "glycidic_acid_decarboxylation"]
    assert pmk.path[-1].product_smiles == "CC(=O)Cc1ccc2c(c1)OCO2"
    assert pmk.atoms  # atoms to highlight on the declared structure
    assert "EU1-PMK-GLYCIDIC-ACID" in by_id


def test_unmasking_finds_masked_drugs():
    assert "DRUG-METHAMPHETAMINE" in ids(analyse("CN(C(=O)OC(C)(C)C)C(C)Cc1ccccc1").unmasking)


def test_imdpam_unmasks_to_pmk_within_three_steps():
    analysis = analyse("CC1(C)OC(=O)C(C(=O)Cc2ccc3c(c2)OCO3)C(=O)O1")
    pmk = next(f for f in analysis.unmasking if f.entry.id == "EU1-PMK")
    assert len(pmk.path) <= 3


def test_strawberry_aldehyde_does_not_unmask_to_bmk():
    analysis = analyse("CCOC(=O)C1OC1(C)c1ccccc1")
    assert analysis.exact == [] and analysis.unmasking == [] and analysis.families == []


def test_the_opened_pmk_glycidate_unmasks_to_pmk():
    # held-out 16, pmh16020: the PMK ethyl glycidate opened by water to its 2,3-diol
    v = screen_one({"smiles": "CCOC(=O)C(C)(O)C(O)c1ccc2OCOc2c1", "description": "Diol ester, viscous oil"})
    pmk = next(f for f in v.findings if f.method == "unmasking" and f.entry.id == "EU1-PMK")
    assert [s.rule for s in pmk.path] == ["ester_hydrolysis", "glycidic_diol_decarboxylation"]
    assert SEVERITY_RANK[v.severity] >= SEVERITY_RANK["medium"]


@pytest.mark.parametrize(
    "legitimate",
    [
        "CCOC(=O)C(O)C(O)c1ccccc1",  # ethyl 2,3-dihydroxy-3-phenylpropanoate: gives phenylacetaldehyde
        "CCOC(=O)C(O)C(C)(O)c1ccccc1",  # the opened strawberry glycidate: gives 2-phenylpropanal
        "CCOC(=O)C(O)C(O)C(=O)OCC",  # diethyl tartrate
        "CCOC(=O)C(O)CO",  # ethyl glycerate
    ],
)
def test_legitimate_dihydroxy_esters_unmask_to_nothing(legitimate):
    analysis = analyse(legitimate)
    assert analysis.exact == [] and analysis.unmasking == [] and analysis.families == []


def test_similarity_reports_score_and_threshold():
    analysis = analyse("CCCCCOC(=O)C1(C)OC1c1ccccc1")
    assert analysis.similar
    top = analysis.similar[0]
    assert top.score >= top.threshold == MATCHER.config.similarity_threshold
    assert "Tanimoto" in top.detail


def test_unmasking_is_bounded_in_time():
    from chemistry.matching import MatchConfig, build_matcher

    tight = build_matcher(MATCHER.watchlist, MatchConfig(time_budget_s=0.0))
    std, _ = standardise_smiles("CCOC(=O)C(C(=O)Cc1ccccc1)C(=O)OCC")
    analysis = analyse_structure(std, tight)
    assert "time budget" in analysis.truncated and analysis.clock_bound
    # A count bound is no clock: the same structure analysed again stops at the same place.
    narrow = build_matcher(MATCHER.watchlist, MatchConfig(max_nodes=2))
    counted = analyse_structure(std, narrow)
    assert "limit of 2 intermediates" in counted.truncated and not counted.clock_bound


def test_pathological_but_valid_structure_costs_bounded_time():
    import time

    # A 140-atom poly-ester: many rule sites, still bounded.
    smiles = "CCOC(=O)" + "C(C(=O)OCC)" * 20 + "C"
    std, reason = standardise_smiles(smiles)
    assert std is not None, reason
    start = time.perf_counter()
    analyse_structure(std, MATCHER)
    assert time.perf_counter() - start < 5 * MATCHER.config.time_budget_s + 1.0


def test_potassium_permanganate_drawn_covalently_is_potassium_permanganate():
    assert ids(analyse("O=[Mn](=O)(=O)O[K]").exact) == {"EU2B-POTASSIUM-PERMANGANATE"}


def test_the_sodium_enolate_of_mapa_is_a_salt_of_mapa():
    # Neutralised, the enolate is MAPA's enol: another tautomer of MAPA, so MAPA exactly, sodium removed.
    enolate = analyse("COC(=O)C(=C(C)[O-])c1ccccc1.[Na+]")
    assert ids(enolate.exact) == {"EU1-MAPA"}
    assert "[Na+]" in enolate.exact[0].detail


# -- tautomers: the exact match does not depend on where a drawing puts its mobile hydrogens ----------
ERGOTAMINE = "CN1C[C@H](C(=O)N[C@]2(C)O[C@@]3(O)[C@@H]4CCCN4C(=O)[C@H](Cc4ccccc4)N3C2=O)C=C2c3cccc4[nH]cc(c34)C[C@H]21"
# PubChem CID 32350's drawing of ergotamine tartrate (the identifier database's): the lysergamide as its
# imidic acid, C(O)=N.
ERGOTAMINE_IMINOL = (
    "CN1C[C@H](C(O)=N[C@]2(C)O[C@@]3(O)[C@@H]4CCCN4C(=O)[C@H](Cc4ccccc4)N3C2=O)C=C2c3cccc4[nH]cc(c34)C[C@H]21"
)


def test_ergotamine_drawn_as_its_imidic_acid_is_ergotamine_exactly():
    analysis = analyse(ERGOTAMINE_IMINOL + ".O=C(O)[C@H](O)[C@@H](O)C(=O)O")
    assert ids(analysis.exact) == {"EU1-ERGOTAMINE"}
    assert analysis.exact[0].detail.startswith("identical structure")
    assert analysis.std.iso_key == analyse(ERGOTAMINE).std.iso_key  # read as the listed drawing
    assert any("tautomer" in note for note in analysis.std.notes)


def test_a_tautomer_of_another_stereoisomer_is_not_the_listed_one():
    # The imidic acid with the lysergamide's C8 inverted (the 8-epimer, ergotaminine's configuration).
    epimer = analyse(ERGOTAMINE_IMINOL.replace("CN1C[C@H]", "CN1C[C@@H]", 1))
    assert ids(epimer.exact) == {"EU1-ERGOTAMINE"}  # Category 1 covers its stereoisomers
    assert epimer.exact[0].detail.startswith("same constitution")
    assert epimer.std.iso_key != analyse(ERGOTAMINE).std.iso_key


@pytest.mark.parametrize("enol", ["CC(O)=Cc1ccccc1", r"C/C(O)=C\c1ccccc1", r"C/C(O)=C/c1ccccc1"])
def test_the_benzylic_enol_of_bmk_is_bmk_exactly(enol):
    # (With E/Z drawn, the enol has stereo that BMK has not: "same constitution", still exact.)
    assert ids(analyse(enol).exact) == {"EU1-BMK"}


def test_the_enol_of_bmk_without_stereo_is_identical_to_bmk():
    analysis = analyse("CC(O)=Cc1ccccc1")
    assert analysis.exact[0].detail.startswith("identical structure")
    assert analysis.std.iso_key == "CC(=O)Cc1ccccc1"


def test_the_terminal_enol_of_bmk_is_still_found_by_its_rule():
    # InChI's keto-enol option does not move a methyl's hydrogens: the tautomer key misses this enol, and
    # the enol_to_ketone rule finds BMK one step away, as before tautomer keys.
    assert ids(analyse("C=C(O)Cc1ccccc1").unmasking) == {"EU1-BMK"}


def test_the_enol_of_an_isomer_of_bmk_is_that_isomer_not_bmk():
    # Propiophenone (C9H10O like BMK; watched as a pre-precursor, not scheduled) drawn as its enol: a
    # tautomer of propiophenone, not of BMK, though it has BMK's formula.
    assert ids(analyse("CC=C(O)c1ccccc1").exact) == {"DES-PROPIOPHENONE"}


def test_a_legitimate_tautomer_pair_is_one_substance_and_nothing_listed():
    # 2-Hydroxypyridine and 2-pyridone: one substance, which the watchlist does not list (3-hydroxypyridine
    # has the same formula; none of them shares a formula with an entry either).
    pyridone, hydroxypyridine = analyse("O=c1cccc[nH]1"), analyse("Oc1ccccn1")
    assert not pyridone.exact and not hydroxypyridine.exact
    assert not pyridone.unmasking and not hydroxypyridine.unmasking


def test_double_bond_isomers_are_not_tautomers():
    # Safrole and isosafrole are listed separately; moving a C=C is not a tautomerism.
    assert ids(analyse("C=CCc1ccc2c(c1)OCO2").exact) == {"EU1-SAFROLE"}
    assert ids(analyse("CC=Cc1ccc2c(c1)OCO2").exact) == {"EU1-ISOSAFROLE"}


def test_stereo_still_tells_ephedrine_from_pseudoephedrine():
    assert ids(analyse("CN[C@@H](C)[C@H](O)c1ccccc1").exact) == {"EU1-EPHEDRINE"}
    assert ids(analyse("CN[C@@H](C)[C@@H](O)c1ccccc1").exact) == {"EU1-PSEUDOEPHEDRINE"}


def test_a_salt_form_of_a_tautomer_shares_its_parents_analysis():
    parent = analyse(ERGOTAMINE_IMINOL)
    std, _ = standardise_smiles(ERGOTAMINE_IMINOL + ".Cl")
    salt = analyse_salt_form(std, parent, MATCHER)
    assert ids(salt.exact) == {"EU1-ERGOTAMINE"}
    assert "Cl" in salt.exact[0].detail


def test_ephedrine_oxazolidinone_unmasks_to_ephedrine():
    assert "EU1-EPHEDRINE" in ids(analyse("CC1C(c2ccccc2)OC(=O)N1C").unmasking)


def test_lsd_is_the_natural_6ar_9r_isomer():
    from rdkit import Chem

    (lsd,) = [c for c in MATCHER.watchlist.entries if c.id == "DRUG-LSD"]
    assert Chem.MolToInchiKey(lsd.std.mol) == "VAYOSLLFUXYJDT-RDTXWAMCSA-N"


def test_acetanthranil_unmasks_to_n_acetylanthranilic_acid():
    assert "EU1-N-ACETYLANTHRANILIC-ACID" in ids(analyse("CC1=Nc2ccccc2C(=O)O1").unmasking)


def test_the_benzoxazinone_uv_absorber_does_not_unmask_to_n_acetylanthranilic_acid():
    # 2,2'-(1,4-phenylene)bis(4H-3,1-benzoxazin-4-one), a UV absorber for polyester: the same ring, but
    # its hydrolysis gives a terephthalamide of anthranilic acid, no listed substance but the Category 2
    # acid by a second hydrolysis
    analysis = analyse("O=C1OC(c2ccc(cc2)C2=Nc3ccccc3C(=O)O2)=Nc2ccccc12")
    assert ids(analysis.unmasking) <= {"EU2B-ANTHRANILIC-ACID"}


def test_4_piperidone_drawn_as_its_hydrate_unmasks_to_4_piperidone():
    assert "EU1-4-PIPERIDONE" in ids(analyse("OC1(O)CCNCC1.Cl").unmasking)


def test_identifier_finds_the_entries_a_specific_cn_code_belongs_to():
    [finding] = match_identifier("29143100", MATCHER)  # BMK's code, read from a source
    assert finding.method == "identifier" and finding.entry.id == "EU1-BMK"
    assert (
        finding.detail
        == "substance not identified, but CN 29143100 is the specific tariff code of 1-Phenyl-2-propanone"
    )


def test_identifier_says_when_the_code_is_only_inferred():
    [finding] = match_identifier("29333700", MATCHER)  # NPP's code, inferred only
    assert finding.entry.id == "EU1-NPP"
    assert "by our reading of the tariff structure (not verified against the CN)" in finding.detail


def test_identifier_lists_sourced_codes_before_inferred_ones():
    found = match_identifier("29183000", MATCHER)  # sourced for MAPA and EAPA, inferred for DEPAPD
    assert [f.entry.id for f in found] == ["EU1-MAPA", "EU1-EAPA", "EU1-DEPAPD"]
    assert ["not verified" in f.detail for f in found] == [False, False, True]


def test_a_catch_all_or_missing_code_identifies_nothing():
    assert match_identifier("29420000", MATCHER) == []
    assert match_identifier(None, MATCHER) == []
    assert match_identifier("", MATCHER) == []


def test_pseudoephedrine_under_a_medicinal_heading_is_the_category_4_product():
    analysis = analyse("CN[C@@H](C)[C@@H](O)c1ccccc1")
    assert ids(analysis.exact) == {"EU1-PSEUDOEPHEDRINE"}
    scoped = match_cn_scope(analysis, "30044200", MATCHER)
    assert ids(scoped) == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}
    assert "declared as a medicinal product under CN 30044200" in scoped[0].detail
    findings = collect_findings(analysis, "30044200", MATCHER)
    assert {f.entry.id for f in findings if f.method == "exact"} == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}


def test_a_dose_form_in_the_name_makes_the_item_the_category_4_product_when_no_code_is_declared():
    analysis = analyse("CN[C@@H](C)[C@@H](O)c1ccccc1")
    for cn_code in (None, ""):
        scoped = match_cn_scope(analysis, cn_code, MATCHER, Presentation(dose_form="tablets"))
        assert ids(scoped) == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}
        assert "by its dose form ('tablets'" in scoped[0].detail


@pytest.mark.parametrize("cn_code", ["30069000", "300590", "30021500", "30064000"])
def test_a_dose_form_does_not_outweigh_a_chapter_30_heading_outside_the_category_4_scope(cn_code):
    # Category 4 is the entry's CN scope (headings 3003, 3004); under 3002, 3005 or 3006 a dose-form word
    # had lowered ephedrine to the Category 4 product (sixteenth session's leftover of the attack run).
    ephedrine = analyse("CN[C@@H](C)[C@H](O)c1ccccc1")
    assert ids(ephedrine.exact) == {"EU1-EPHEDRINE"}
    assert match_cn_scope(ephedrine, cn_code, MATCHER, Presentation(dose_form="tablets")) == []
    findings = collect_findings(ephedrine, cn_code, MATCHER, Presentation(dose_form="tablets"))
    assert {f.entry.id for f in findings if f.method == "exact"} == {"EU1-EPHEDRINE"}


def test_under_a_category_4_heading_the_dose_form_changes_nothing():
    ephedrine = analyse("CN[C@@H](C)[C@H](O)c1ccccc1")
    for cn_code in ("30044100", "30034100"):
        for dose_form in (None, "tablets"):
            scoped = match_cn_scope(ephedrine, cn_code, MATCHER, Presentation(dose_form=dose_form))
            assert ids(scoped) == {"EU4-EPHEDRINE-MEDICINAL"}
            assert f"under CN {cn_code}" in scoped[0].detail


def test_a_dose_form_does_not_outweigh_a_bulk_substances_heading():
    # CN 2939 declares the bulk alkaloid: the Category 1 finding stands, whatever the words say.
    analysis = analyse("CN[C@@H](C)[C@@H](O)c1ccccc1")
    assert match_cn_scope(analysis, "29394200", MATCHER, Presentation(dose_form="tablets")) == []
    assert match_cn_scope(analyse("CC(=O)Cc1ccccc1"), None, MATCHER, Presentation(dose_form="tablets")) == []


def test_a_bulk_pack_under_the_measured_doses_heading_keeps_category_1():
    # Heading 3004 is for measured doses and retail packings: '25 kg drums' under it contradicts the
    # heading (attack of the fifteenth session). Heading 3003, not in measured doses, is bulk anyway.
    analysis = analyse("CN[C@@H](C)[C@@H](O)c1ccccc1")
    bulk = Presentation(bulk_pack=True)
    assert match_cn_scope(analysis, "30044200", MATCHER, bulk) == []
    assert ids(match_cn_scope(analysis, "30034200", MATCHER, bulk)) == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}
    assert ids(match_cn_scope(analysis, "30044200", MATCHER)) == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}


def test_the_substance_declared_unmixed_under_the_heading_of_mixed_medicaments_keeps_category_1():
    # Heading 3003 holds medicaments of two or more constituents mixed together: "99%" declares the
    # substance unmixed, the way a bulk Category 1 substance would pass as the Category 4 product.
    analysis = analyse("CN[C@@H](C)[C@@H](O)c1ccccc1")
    unmixed = Presentation(unmixed=True)
    assert match_cn_scope(analysis, "30034200", MATCHER, unmixed) == []
    assert ids(match_cn_scope(analysis, "30034200", MATCHER)) == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}
    # Heading 3004 holds unmixed products too (in measured doses or retail packings).
    assert ids(match_cn_scope(analysis, "30044200", MATCHER, unmixed)) == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}


def test_goods_named_by_one_structure_identifier_alone_under_the_heading_of_mixtures_keep_category_1():
    # A CAS number, SMILES or InChI names one substance; heading 3003 holds mixtures (the twenty-first held-out
    # set's `345-78-8` under 3003 42 00, "medicine not in measured doses, 50 kg").
    analysis = analyse("CN[C@@H](C)[C@@H](O)c1ccccc1")
    by_identifier = Presentation(identifier_only=True)
    assert match_cn_scope(analysis, "30034200", MATCHER, by_identifier) == []
    # a dose form beside it declares the medicament, and heading 3004 holds unmixed products
    with_dose_form = Presentation(identifier_only=True, dose_form="oral solution")
    assert ids(match_cn_scope(analysis, "30034200", MATCHER, with_dose_form)) == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}
    assert ids(match_cn_scope(analysis, "30044200", MATCHER, by_identifier)) == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}


def test_an_active_substance_without_a_dose_form_is_no_medicament_under_either_heading():
    # A medicine's raw material (the twenty-first held-out set's "API powder, 50 kg" under 3003 41 00,
    # "Wirkstoff Ephedrin, Gehalt 99 %" under 3004 41 00) is not what chapter 30's medicament headings hold.
    analysis = analyse("CN[C@@H](C)[C@@H](O)c1ccccc1")
    active = Presentation(active_substance=True)
    assert match_cn_scope(analysis, "30034200", MATCHER, active) == []
    assert match_cn_scope(analysis, "30044200", MATCHER, active) == []
    # with a dose form named, the words are a medicine's label naming its active substance
    labelled = Presentation(dose_form="tablets", active_substance=True)
    assert ids(match_cn_scope(analysis, "30044200", MATCHER, labelled)) == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}


def test_outside_the_medicinal_headings_the_active_ingredient_stands():
    analysis = analyse("CN[C@@H](C)[C@@H](O)c1ccccc1")
    assert match_cn_scope(analysis, "29394200", MATCHER) == []
    assert match_cn_scope(analysis, None, MATCHER) == []
    findings = collect_findings(analysis, "29394200", MATCHER)
    assert findings == [*analysis.exact, *analysis.unmasking, *analysis.families, *analysis.similar]


def test_without_a_structure_the_item_is_matched_on_its_code():
    assert [f.entry.id for f in collect_findings(None, "29143100", MATCHER)] == ["EU1-BMK"]
    assert collect_findings(None, None, MATCHER) == []


@pytest.mark.parametrize(
    "masked_cathine",
    ["C[C@H](N)[C@@H](OC(C)=O)c1ccccc1", "C[C@H](NC(=O)OC(C)(C)C)[C@@H](O)c1ccccc1"],
)
def test_masked_cathine_unmasks_to_cathine_not_norephedrine(masked_cathine):
    found = ids(analyse(masked_cathine).unmasking)
    assert "EU1-NOREPHEDRINE" not in found  # cathine is excluded from norephedrine by law
    assert "DRUG-CATHINE" in found


def test_a_masked_norephedrine_of_another_stereoisomer_is_still_norephedrine():
    assert "EU1-NOREPHEDRINE" in ids(analyse("CC(=O)N[C@@H](C)[C@H](O)c1ccccc1").unmasking)


def family_ids(findings) -> set[str]:
    return {f.family.spec.id for f in findings if f.family is not None}


@pytest.mark.parametrize(
    ("masked_analogue", "drug_class"),
    [
        # N-Boc 4-bromomethcathinone: neither it nor 4-BMC is listed
        ("CN(C(=O)OC(C)(C)C)C(C)C(=O)c1ccc(Br)cc1", "FAM-DRUG-CATHINONE"),
        # N-acetyl 4-chloroamphetamine
        ("CC(=O)NC(C)Cc1ccc(Cl)cc1", "FAM-DRUG-AMPHETAMINE"),
        # O-acetyl beta-hydroxybutyrfentanyl (neither listed)
        ("CCCC(=O)N(c1ccccc1)C1CCN(CC(OC(C)=O)c2ccccc2)CC1", "FAM-DRUG-FENTANYL"),
    ],
)
def test_a_masked_unlisted_analogue_unmasks_to_its_drug_class(masked_analogue, drug_class):
    analysis = analyse(masked_analogue)
    unmasked = [f for f in analysis.families if f.family.spec.id == drug_class]
    assert unmasked and unmasked[0].path, family_ids(analysis.families)
    assert "give a member of the family" in unmasked[0].detail


@pytest.mark.parametrize(
    ("masked_member", "family"),
    [
        ("CC(Cc1ccccc1)OC(C)=O", "FAM-P2P-ALCOHOL"),  # 1-phenylpropan-2-yl acetate: the alcohol, then BMK
        ("CCN1CCC2(CC1)OCCO2", "FAM-4-PIPERIDONE-N-SUBST"),  # N-ethyl-4-piperidone's ethylene ketal
        ("CCC1(OCCO1)c1cccc(Cl)c1", "FAM-RING-SUBST-ARYL-ALKANONE"),  # 3'-chloropropiophenone's ketal
    ],
)
def test_a_masked_member_of_a_precursor_family_unmasks_to_its_family(masked_member, family):
    analysis = analyse(masked_member)
    unmasked = [f for f in analysis.families if f.family.spec.id == family]
    assert unmasked and unmasked[0].path, family_ids(analysis.families)


@pytest.mark.parametrize(
    "legitimate",
    [
        "CC(=O)OCCc1ccccc1",  # 2-phenylethyl acetate (fragrance): its alcohol is in no family
        "CC(=O)OC(C)c1ccccc1",  # 1-phenylethyl acetate (fragrance, gardenia)
        "CCOC(OCC)CCc1ccccc1",  # 3-phenylpropanal diethyl acetal (fragrance)
        "C(N(c1ccccc1)C1CCN(C)CC1)c1ccccc1",  # bamipine: N-debenzylation would give a 4-anilinopiperidine
        "CN1CCC2(CC1)OCCO2",  # 1-methyl-4-piperidone ethylene ketal (building block; N-methyl stays on)
    ],
)
def test_precursor_families_are_not_reached_by_unmasking_legitimate_look_alikes(legitimate):
    assert [f for f in analyse(legitimate).families if f.path] == []


# Lysergic acid chloride (named in US Patent 2,736,728 among the ways to lysergic acid amides).
LYSERGIC_ACID_CHLORIDE = "CN1C[C@H](C(=O)Cl)C=C2c3cccc4[nH]cc(c34)C[C@H]21"


def test_the_acid_chloride_of_lysergic_acid_unmasks_to_lysergic_acid():
    analysis = analyse(LYSERGIC_ACID_CHLORIDE + ".Cl")
    assert ids(analysis.unmasking) == {"EU1-LYSERGIC-ACID"}
    assert analysis.unmasking[0].path[0].rule == "acyl_halide_hydrolysis"
    verdict = screen_one({"smiles": LYSERGIC_ACID_CHLORIDE, "description": "chemical"}, SCREENER)
    assert SEVERITY_RANK[verdict.severity] >= SEVERITY_RANK["high"], verdict.severity


@pytest.mark.parametrize(
    "legitimate",
    ["O=C(Cl)c1ccccc1", "CC(=O)Cl", "CCCCCCCCCCCCCCCC(=O)Cl"],  # benzoyl, acetyl, palmitoyl chloride
)
def test_legitimate_acid_chlorides_unmask_to_nothing(legitimate):
    analysis = analyse(legitimate)
    assert not analysis.exact and not analysis.unmasking and not analysis.families
    verdict = screen_one({"smiles": legitimate, "description": "chemical"}, SCREENER)
    assert verdict.severity is None, verdict.severity


def test_phenylacetyl_chloride_is_found_and_scored_as_the_acid():
    # An acid halide is a reagent, not a commodity ester or amide (pipeline/scoring.py REAGENT_MASK_RULES).
    assert ids(analyse("O=C(Cl)Cc1ccccc1").unmasking) == {"EU2B-PHENYLACETIC-ACID"}
    verdict = screen_one({"smiles": "O=C(Cl)Cc1ccccc1", "description": "chemical"}, SCREENER)
    assert verdict.severity == "low", verdict.severity


def test_1_methyl_4_piperidone_is_in_no_family_and_flagged_nowhere():
    # A pharmaceutical building block (fourth held-out set, nlh4025): N-demethylation is not a simple step.
    analysis = analyse("CN1CCC(=O)CC1")
    assert not analysis.exact and not analysis.unmasking and not analysis.families
    verdict = screen_one({"smiles": "CN1CCC(=O)CC1", "description": "chemical"}, SCREENER)
    assert verdict.severity is None or SEVERITY_RANK[verdict.severity] <= SEVERITY_RANK["info"], verdict.severity


def test_a_precursor_family_reached_by_unmasking_is_not_repeated_when_a_listed_precursor_is_reached():
    analysis = analyse("CCCOC(=O)C(C(C)=O)c1ccccc1")  # MAPA's propyl ester: BMK, an aryl-2-propanone
    assert "EU1-BMK" in ids(analysis.unmasking)
    assert not [f for f in analysis.families if f.path]


def test_a_drug_class_reached_by_unmasking_is_not_repeated_when_a_listed_drug_is_reached():
    analysis = analyse("CN(C(=O)OC(C)(C)C)C(C)Cc1ccccc1")  # Boc-methamphetamine
    assert "DRUG-METHAMPHETAMINE" in ids(analysis.unmasking)
    assert not [f for f in analysis.families if f.path]


@pytest.mark.parametrize(
    "legitimate",
    [
        "CC(C)(O)C#N",  # acetone cyanohydrin (methacrylate feedstock): reverts to acetone only
        "CC1(C)COCN1",  # 4,4-dimethyloxazolidine (biocide): formaldehyde and an amino alcohol
        "CC(C)[N+](=O)[O-]",  # 2-nitropropane (solvent): isopropylamine or acetone
        "CCOC=C",  # ethyl vinyl ether (monomer): acetaldehyde
    ],
)
def test_the_new_mask_rules_find_nothing_listed_in_legitimate_look_alikes(legitimate):
    analysis = analyse(legitimate)
    assert [f.entry.id for f in analysis.unmasking if f.entry.entry.category != "3"] == []
    assert analysis.families == []


def _as_seen(analysis):
    """What a flag reads of an analysis: every finding's fields, and the truncation note."""
    return [
        (f.method, f.entry.id if f.entry else f.family.spec.id, f.score, f.detail, f.path, f.atoms, f.threshold)
        for f in (*analysis.exact, *analysis.unmasking, *analysis.families, *analysis.similar)
    ], analysis.truncated


SALT_FORMS = [
    ("CN[C@@H](C)[C@H](O)c1ccccc1", "CN[C@@H](C)[C@H](O)c1ccccc1.Cl"),  # ephedrine hydrochloride (exact)
    ("CC(N)Cc1ccccc1", "CC(N)Cc1ccccc1.OS(=O)(=O)O"),  # amphetamine sulfate (drug)
    ("CC(=O)C(C#N)c1ccccc1", "CC(=O)C(C#N)c1ccccc1.O"),  # APAAN hydrate (exact)
    ("CC(C)(C)OC(=O)N(C)C(C)Cc1ccccc1", "CC(C)(C)OC(=O)N(C)C(C)Cc1ccccc1.Cl"),  # Boc-methamphetamine (mask)
    ("CC(=O)N1CCC(Nc2ccccc2)CC1", "CC(=O)N1CCC(Nc2ccccc2)CC1.Cl"),  # N-acetyl-4-ANPP-type (family, mask)
    ("CCCCCOC(=O)C1(C)OC1c1ccccc1", "CCCCCOC(=O)C1(C)OC1c1ccccc1.O"),  # a glycidate hydrate (similarity)
    ("OCCc1ccccc1", "OCCc1ccccc1.Cl"),  # phenethyl alcohol (nothing)
]


@pytest.mark.parametrize("free_base, salt", SALT_FORMS)
def test_a_salt_forms_analysis_taken_from_its_free_base_is_the_one_analysed_afresh(free_base, salt):
    parent = analyse_structure(order_atoms_canonically(standardise_smiles(free_base)[0]), MATCHER)
    salt_std = standardise_smiles(salt)[0]
    assert salt_std.stripped and salt_std.iso_key == parent.std.iso_key
    afresh = analyse_structure(order_atoms_canonically(salt_std), MATCHER)
    reused = analyse_salt_form(salt_std, parent, MATCHER)
    assert _as_seen(reused) == _as_seen(afresh)
    assert reused.std.stripped == salt_std.stripped and not reused.clock_bound


def test_the_salt_forms_above_cover_every_method():
    found = [analyse(free_base) for free_base, _ in SALT_FORMS]
    assert all(any(getattr(a, method) for a in found) for method in ("exact", "unmasking", "families", "similar"))


def test_a_salt_forms_analysis_is_not_taken_from_another_structure_or_a_hurried_analysis():
    parent = analyse_structure(standardise_smiles("CC(N)Cc1ccccc1")[0], MATCHER)
    with pytest.raises(ValueError):
        analyse_salt_form(standardise_smiles("CNC(C)Cc1ccccc1.Cl")[0], parent, MATCHER)
    parent.clock_bound = True
    with pytest.raises(ValueError):
        analyse_salt_form(standardise_smiles("CC(N)Cc1ccccc1.Cl")[0], parent, MATCHER)


NOREPHEDRINE = "CC(N)C(O)c1ccccc1"


MEDICINE = Presentation(dose_form="syrup", unit_dose=True)


@pytest.mark.parametrize("cn_code", ["30049000", "30044300", None])
def test_a_medicines_active_ingredient_outside_category_4_is_marked_as_such_not_as_the_substance(cn_code):
    # the sixtieth held-out set's nlh60042: a phenylpropanolamine syrup for dogs was `critical` as Category 1
    analysis = analyse(NOREPHEDRINE)
    marked = match_excluded_medicinal_product(analysis, cn_code, MEDICINE)
    assert ids(marked) == {"EU1-NOREPHEDRINE"}
    assert all(f.medicinal_product and "no scheduled substance" in f.detail for f in marked)
    findings = collect_findings(analysis, cn_code, MATCHER, MEDICINE)
    assert all(f.medicinal_product for f in findings if f.method == "exact")


@pytest.mark.parametrize(
    ("smiles", "cn_code", "presentation"),
    [
        (NOREPHEDRINE, "30049000", Presentation()),  # a heading without a dose form: the substance, perhaps
        (NOREPHEDRINE, "30049000", Presentation(dose_form="tablets")),  # no unit dose (review36c: "800 kg")
        (NOREPHEDRINE, "30039000", MEDICINE),  # not in measured doses (review36c)
        (NOREPHEDRINE, None, Presentation(dose_form="tablets")),  # no code and no unit dose (review36c)
        (NOREPHEDRINE, "30049000", Presentation(dose_form="tablets", unit_dose=True, unmixed=True)),
        (NOREPHEDRINE, "30049000", Presentation(dose_form="tablets", unit_dose=True, active_substance=True)),
        (NOREPHEDRINE, "30049000", Presentation(dose_form="tablets", unit_dose=True, bulk_pack=True)),
        (NOREPHEDRINE, "29394400", MEDICINE),  # the bulk alkaloid's own heading
        ("CC(=O)Cc1ccccc1", "30049000", MEDICINE),  # BMK is no medicine's ingredient
        ("C=CCc1ccc2c(c1)OCO2", "30049000", MEDICINE),
    ],
)
def test_a_scheduled_substance_not_declared_as_a_medicine_or_no_medicines_ingredient_is_not_marked(
    smiles, cn_code, presentation
):
    analysis = analyse(smiles)
    assert analysis.exact
    assert match_excluded_medicinal_product(analysis, cn_code, presentation) == []
    assert not any(f.medicinal_product for f in collect_findings(analysis, cn_code, MATCHER, presentation))


def test_a_path_from_a_medicines_ingredient_into_another_scheduled_substance_is_not_weighed_either():
    # ergometrine's amide hydrolyses to lysergic acid (Category 1): in an injection it is neither
    analysis = analyse("C[C@@H](CO)NC(=O)[C@@H]1C=C2c3cccc4[nH]cc(c34)C[C@H]2N(C)C1")  # the watchlist's ergometrine
    findings = collect_findings(analysis, "30044900", MATCHER, Presentation(dose_form="injection", unit_dose=True))
    assert {f.entry.id for f in findings if f.method == "exact"} == {"EU1-ERGOMETRINE"}
    assert not any(f.method == "unmasking" and f.entry.entry.tier == "scheduled" for f in findings)
