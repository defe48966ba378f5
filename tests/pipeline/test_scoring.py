import inspect
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chemistry.families import compile_families
from chemistry.matching import Finding
from pipeline.scoring import (
    CONTEXT_MIN_EVIDENCE,
    EXACT_WEIGHTS,
    IDENTIFIER_LIMIT,
    ROLE_IDENTIFIED,
    ROLE_LISTING,
    ROLE_NO_WEIGHT,
    ROLE_SIGNAL,
    ROLE_SIGNAL_NEEDS_EVIDENCE,
    ROLE_STRONGEST,
    ROLE_WEAKER,
    SEVERITY_BANDS,
    SEVERITY_RANK,
    SIGNAL_WEIGHTS,
    SIMILARITY_WEIGHT,
    STANDALONE_SIGNALS,
    UNMASK_FLOOR_KEYS,
    explain_score,
    score_item,
    score_remembered,
    severity_for,
    weigh_item_findings,
    weight_key,
)
from pipeline.signals import CONTEXT_SIGNALS, DECLARATION_SIGNALS, SignalHit
from tests.factories import bundled_watchlist, screen_one

WL = bundled_watchlist()
FAMILIES = {f.spec.id: f for f in compile_families()}


def exact(entry_id: str) -> Finding:
    return Finding("exact", WL.by_id[entry_id], 1.0, "identical structure")


def unmasking(entry_id: str, score: float = 1.0) -> Finding:
    return Finding("unmasking", WL.by_id[entry_id], score, "1 step(s)")


def identifier(entry_id: str) -> Finding:
    return Finding("identifier", WL.by_id[entry_id], 1.0, "CN code")


def similarity(entry_id: str) -> Finding:
    return Finding("similarity", WL.by_id[entry_id], 0.8, "similar", threshold=0.7)


def family(family_id: str) -> Finding:
    fam = FAMILIES[family_id]
    return Finding("family", None, fam.spec.weight, "family", family=fam)


def signal(code: str) -> SignalHit:
    return SignalHit(code, f"{code} detail")


def score(findings=(), signals=(), known_commodity=False, flag_min_score=0.1):
    return score_item(list(findings), [signal(c) for c in signals], known_commodity, flag_min_score)


def counted_total(parts) -> float:
    return round(min(sum(p.counted for p in parts), 1.0), 3)


def test_severity_bands_are_ordered_and_cover_the_flag_range():
    bounds = [b for b, _ in SEVERITY_BANDS]
    assert bounds == sorted(bounds, reverse=True)
    assert severity_for(0.05) is None
    assert severity_for(1.0) == "critical"


def test_evidence_does_not_add_up_the_strongest_finding_counts():
    s = score([unmasking("EU1-BMK", 0.95), family("FAM-P2P-SKELETON"), similarity("EU1-EAPA")])
    assert s.score == 0.76  # 0.8 x 0.95, not the sum of the three
    roles = {p.source: (p.counted, p.role) for p in s.parts}
    assert roles["match:unmasking:EU1-BMK"] == (0.76, ROLE_STRONGEST)
    assert roles["match:family:FAM-P2P-SKELETON"] == (0.0, ROLE_WEAKER)
    assert roles["match:similarity:EU1-EAPA"] == (0.0, ROLE_WEAKER)
    assert [p.weight for p in s.parts] == [0.76, FAMILIES["FAM-P2P-SKELETON"].spec.weight, SIMILARITY_WEIGHT]


def test_of_equal_findings_only_one_counts():
    s = score([exact("EU1-EPHEDRINE"), exact("EU1-PSEUDOEPHEDRINE")])
    assert [p.counted for p in s.parts] == [0.8, 0.0]
    assert s.score == 0.8


def test_resemblance_adds_nothing_once_the_substance_is_identified():
    s = score([exact("EU1-BMK"), family("FAM-P2P-SKELETON")])
    assert s.parts[1].weight == 0.0 and s.parts[1].role == ROLE_IDENTIFIED
    known = score([similarity("EU1-EAPA")], known_commodity=True)
    assert known.score == 0.0 and known.severity is None
    assert known.parts[0].role == ROLE_IDENTIFIED


def test_a_dual_use_chemical_is_judged_by_its_listing():
    s = score([exact("DES-GBL"), unmasking("DRUG-GHB")])
    assert s.score == EXACT_WEIGHTS["watch"]
    assert s.parts[1].weight == EXACT_WEIGHTS["watch"] and s.parts[1].role == ROLE_LISTING
    assert s.parts[1].counted == 0.0


def test_a_masked_form_never_scores_below_its_target_declared_plainly():
    # Every entry whose key has the floor: a three-step path (the longest searched) still reaches the band
    # of the entry declared plainly.
    floored = [e for e in WL.entries if weight_key(e) in UNMASK_FLOOR_KEYS and not e.cn_scope]
    assert {weight_key(e) for e in floored} == UNMASK_FLOOR_KEYS
    for entry in floored:
        plain = score([exact(entry.id)]).severity
        masked = score([unmasking(entry.id, 0.9)]).severity
        assert SEVERITY_RANK[masked] >= SEVERITY_RANK[plain], entry.id


def test_a_path_into_a_category_2_commodity_counts_little_unless_a_listed_precursor_takes_it():
    # An unlisted ester of phenylacetic acid (perfumery) is not scored as the acid ...
    assert score([unmasking("EU2B-PHENYLACETIC-ACID")]).severity is None
    # ... but benzyl cyanide, listed for that very hydrolysis, is at least what the acid is declared plainly,
    # and its watch listing does not cap the path (it does cap GBL's path into GHB, a drug).
    s = score([exact("DES-BENZYL-CYANIDE"), unmasking("EU2B-PHENYLACETIC-ACID")])
    assert s.severity == score([exact("EU2B-PHENYLACETIC-ACID")]).severity == "low"
    assert s.parts[1].role == ROLE_STRONGEST


@pytest.mark.parametrize(
    "declared",
    [{"smiles": "N#CCc1ccccc1"}, {"cas": "140-29-4"}, {"name": "Benzyl cyanide"}],
)
def test_benzyl_cyanide_scores_as_phenylacetic_acid(declared):
    assert screen_one({"line": 1, **declared}).severity == "low"


@pytest.mark.parametrize(
    "commodity",
    [
        "CCOC(=O)Cc1ccccc1",  # ethyl phenylacetate (flavour)
        "CC1(C)S[C@@H]2[C@H](NC(=O)Cc3ccccc3)C(=O)N2[C@H]1C(=O)O",  # penicillin G
        "COC(=O)c1ccccc1N",  # methyl anthranilate (flavour)
    ],
)
def test_unlisted_commodities_that_hydrolyse_to_category_2_are_not_flagged(commodity):
    assert screen_one({"line": 1, "smiles": commodity}).severity is None


@pytest.mark.parametrize(
    ("smiles", "severity"),
    [
        ("O=C(Cl)Cc1ccccc1", "low"),  # phenylacetyl chloride: the Category 2B acid by water
        ("Nc1ccccc1C(=O)Cl", "low"),  # anthraniloyl chloride: anthranilic acid (Category 2B)
        ("O=C(Cl)c1ccccc1", None),  # benzoyl chloride: no listed acid
        ("O=C(Cc1ccccc1)OC(=O)Cc1ccccc1", "low"),  # phenylacetic anhydride (heldout pmh7026): the acid, activated
        ("CCC(=O)OC(=O)CC", None),  # propionic anhydride: no listed acid
        ("O=C1Nc2ccccc2C(=O)O1", "low"),  # isatoic anhydride (heldout pmh9020): anthranilic acid, activated
        ("NC(=O)Cc1ccccc1", None),  # phenylacetamide: a commodity amide, the exception stands
    ],
)
def test_an_acid_halide_or_anhydride_of_a_category_2_acid_scores_as_the_acid(smiles, severity):
    assert screen_one({"line": 1, "smiles": smiles}).severity == severity


def test_a_finding_without_weight_is_listed_and_says_so():
    s = score([unmasking("EU4-PSEUDOEPHEDRINE-MEDICINAL")])
    assert s.score == 0.0 and s.severity is None
    assert s.parts[0].role == ROLE_NO_WEIGHT


def test_signals_add_their_weight_and_the_sum_is_capped():
    s = score([exact("EU1-BMK")], ["CATCH_ALL_CN", "COVER_DESCRIPTION"])
    assert s.score == 1.0 and s.severity == "critical"  # 0.8 + 0.1 + 0.15 = 1.05
    assert [(p.source, p.counted, p.role) for p in s.parts[1:]] == [
        ("signal:CATCH_ALL_CN", 0.1, ROLE_SIGNAL),
        ("signal:COVER_DESCRIPTION", 0.15, ROLE_SIGNAL),
    ]
    assert round(sum(p.counted for p in s.parts), 3) == 1.05
    assert "(1.05, capped at 1.0)" in explain_score(s.score, s.parts)


def test_declaration_signals_count_without_chemistry_evidence():
    s = score([], ["INVALID_IDENTIFIER", "UNRESOLVED_CATCH_ALL"])
    assert s.score == 0.22 and s.severity == "info"
    assert all(p.role == ROLE_SIGNAL for p in s.parts)
    assert {
        "INVALID_IDENTIFIER",
        "IDENTIFIER_CONFLICT",
        "UNRESOLVED_CATCH_ALL",
        "SCREENING_BUDGET_EXCEEDED",
    } == STANDALONE_SIGNALS


def test_context_signals_need_chemistry_evidence_and_say_so_when_they_do_not_count():
    s = score([], ["INVALID_IDENTIFIER", "CN_MISMATCH"])
    assert s.score == SIGNAL_WEIGHTS["INVALID_IDENTIFIER"]
    mismatch = s.parts[1]
    assert (mismatch.source, mismatch.weight, mismatch.counted) == ("signal:CN_MISMATCH", 0.15, 0.0)
    assert mismatch.role == ROLE_SIGNAL_NEEDS_EVIDENCE
    assert [x.code for x in s.signals] == ["INVALID_IDENTIFIER", "CN_MISMATCH"]  # still reported
    alone = score([], ["CN_MISMATCH"])
    assert alone.score == 0.0 and alone.severity is None


@pytest.mark.parametrize("code", ["CATCH_ALL_CN", "COVER_DESCRIPTION", "BULK_QUANTITY", "HIGH_VALUE_AIR_POST"])
def test_precursor_context_signals_apply_only_to_precursor_level_evidence(code):
    # Category 3 (0.05) and similarity (0.12) are below the level: the signal is neither counted nor reported.
    for weak in ([exact("EU3-ACETONE")], [similarity("EU1-EAPA")]):
        s = score(weak, [code])
        assert s.signals == [] and all(p.source.startswith("match") for p in s.parts)
    # Category 2A (0.3) is above it.
    s = score([exact("EU2A-ACETIC-ANHYDRIDE")], [code])
    assert [x.code for x in s.signals] == [code]
    assert s.score == round(0.3 + SIGNAL_WEIGHTS[code], 3)
    assert EXACT_WEIGHTS["2A"] >= CONTEXT_MIN_EVIDENCE > SIMILARITY_WEIGHT


def test_a_description_naming_another_chemical_needs_some_evidence():
    assert score([], ["INVALID_IDENTIFIER", "DESCRIPTION_MISMATCH"]).signals == [signal("INVALID_IDENTIFIER")]
    assert signal("DESCRIPTION_MISMATCH") in score([similarity("EU1-EAPA")], ["DESCRIPTION_MISMATCH"]).signals


def test_a_signal_without_weight_is_reported_but_is_no_score_component():
    s = score([exact("EU1-BMK")], ["LICENSABLE_ANY_QUANTITY"])
    assert [x.code for x in s.signals] == ["LICENSABLE_ANY_QUANTITY"]
    assert [p.source for p in s.parts] == ["match:exact:EU1-BMK"]
    assert s.score == 0.8


def test_identifier_findings_without_weight_are_not_reported_and_at_most_three_are():
    entries = ["EU1-BMK", "EU1-PMK", "EU1-NPP", "EU1-ANPP"]
    s = score([identifier(e) for e in entries])
    assert [f.entry.id for f in s.findings] == entries[:IDENTIFIER_LIMIT]
    assert s.score == 0.5 and s.severity == "medium"
    bmk = WL.by_id["EU1-BMK"]
    odd = replace(bmk, entry=bmk.entry.model_copy(update={"category": "unknown"}))  # no weight for its category
    s = score([Finding("identifier", odd, 1.0, "CN code"), identifier("EU1-PMK")])
    assert [f.entry.id for f in s.findings] == ["EU1-PMK"]


def test_flag_min_score_decides_whether_it_is_flagged():
    assert score([similarity("EU1-EAPA")]).severity == "info"
    high_bar = score([similarity("EU1-EAPA")], flag_min_score=0.25)
    assert high_bar.severity is None and high_bar.score == SIMILARITY_WEIGHT


def test_the_explanation_shows_the_counted_parts():
    s = score([exact("EU1-BMK"), family("FAM-P2P-SKELETON")], ["INVALID_IDENTIFIER"])
    text = explain_score(s.score, s.parts)
    assert text.startswith("score 0.92 = 0.8 (match:exact:EU1-BMK) + 0.12 (signal:INVALID_IDENTIFIER);")
    assert "FAM-P2P-SKELETON" not in text
    assert explain_score(0.0, []).startswith("score 0.0 = 0;")


# -- through the screener ----------------------------------------------------------------------


def test_category_1_exact_is_high():
    assert screen_one({"smiles": "CC(=O)Cc1ccccc1"}).severity == "high"


def test_drug_declared_as_chemical_is_critical():
    assert screen_one({"smiles": "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"}).severity == "critical"


def test_category_3_alone_is_reported_at_info_for_the_compliance_check_without_raising_its_risk():
    verdict = screen_one({"smiles": "CC(C)=O", "cn_code": "29141100", "net_mass_kg": 20000})
    assert verdict.severity == "info"  # every scheduled substance is reported
    assert verdict.score == 0.05  # obligations are not risk
    (part,) = [p for p in verdict.components if p.source == "signal:SCHEDULED_SUBSTANCE"]
    assert part.counted == 0.0 and "obligation" in part.role


def test_a_flag_of_an_unlisted_chemical_below_the_threshold_is_not_raised():
    assert screen_one({"smiles": "CCO", "cn_code": "22071000", "net_mass_kg": 20000}).severity is None


def test_category_2_alone_stays_low_and_context_raises_it():
    alone = screen_one({"smiles": "OC(=O)Cc1ccccc1", "cn_code": "29163400"})
    assert alone.severity == "low"
    covered = screen_one({"smiles": "OC(=O)Cc1ccccc1", "cn_code": "38249993", "description": "powder coating"})
    assert covered.severity in ("medium", "high")


def test_unmasking_to_commodity_chemicals_is_not_flagged():
    for smiles in ["COC(=O)c1ccccc1N", "CCOC(=O)Cc1ccccc1", "O=C(/C=C/C=C/c1ccc2c(c1)OCO2)N1CCCCC1"]:
        assert screen_one({"smiles": smiles}).severity is None, smiles


def test_known_dual_use_solvent_is_judged_by_its_listing():
    gbl = screen_one({"smiles": "O=C1CCCO1"})
    assert gbl.severity == "info"
    assert any(f.entry and f.entry.id == "DRUG-GHB" for f in gbl.findings)  # still explained


def test_similarity_alone_never_exceeds_info():
    assert severity_for(SIMILARITY_WEIGHT) == "info"


def test_every_score_component_is_listed_and_the_counted_parts_make_the_score():
    v = screen_one({"smiles": "CC(=O)Cc1ccccc1", "cn_code": "29420000", "description": "pigment"})
    sources = [p.source for p in v.components]
    assert any(s.startswith("match:exact:EU1-BMK") for s in sources)
    assert "signal:COVER_DESCRIPTION" in sources
    assert v.score == counted_total(v.components)


def test_every_signal_the_detectors_raise_has_a_weight_and_declaration_signals_stand_alone():
    def codes_of(fn) -> set[str]:
        return set(re.findall(r'SignalHit\(\s*"([A-Z_]+)"', inspect.getsource(fn)))

    from pipeline.screening import Screener

    engine = codes_of(Screener.unscreened_item)  # an item the event's time budget did not reach
    assert engine == {"SCREENING_BUDGET_EXCEEDED"}
    raised = set().union(*(codes_of(fn) for fn in DECLARATION_SIGNALS + CONTEXT_SIGNALS)) | engine
    assert raised == set(SIGNAL_WEIGHTS)
    assert set().union(*(codes_of(fn) for fn in DECLARATION_SIGNALS)) | engine == STANDALONE_SIGNALS


@pytest.mark.parametrize(
    "pre_precursor",
    [
        "CCC(=O)c1ccc(C)cc1",  # 4'-methylpropiophenone (listed, level pre)
        "CCC(=O)c1ccc(Cl)cc1",  # 4'-chloropropiophenone (ring-substituted propiophenone family)
        "O=C(O)Cc1ccc2c(c1)OCO2",  # 3,4-methylenedioxyphenylacetic acid (listed, level pre)
    ],
)
def test_a_pre_precursor_is_low_alone_and_medium_in_a_suspicious_consignment(pre_precursor):
    alone = screen_one({"line": 1, "smiles": pre_precursor, "cn_code": "29147900"})
    assert alone.severity == "low"
    covered = screen_one({"line": 1, "smiles": pre_precursor, "cn_code": "38249993", "description": "pigment"})
    assert covered.severity in ("medium", "high")


def test_an_unlisted_analogue_of_a_controlled_drug_is_at_least_medium_and_names_its_class():
    verdict = screen_one({"line": 1, "smiles": "CCCCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1"})
    assert verdict.severity in ("medium", "high", "critical")
    assert any(f.family is not None and f.family.spec.id == "FAM-DRUG-NITAZENE" for f in verdict.findings)


def test_each_substance_an_item_declares_is_judged_as_it_would_be_alone():
    # Toluene (Category 3, exact) and an unlisted substance of a precursor family declared in one CAS field:
    # the family is not "resemblance of an identified substance", it is the other substance's own evidence.
    other = replace(family("FAM-P2P-SKELETON"), declared_as="CAS 1-1-1")
    result = score([exact("EU3-TOLUENE"), other])
    assert result.score == FAMILIES["FAM-P2P-SKELETON"].spec.weight
    assert [p.role for p in result.parts] == [ROLE_WEAKER, ROLE_STRONGEST]
    # The same family finding about the screened substance itself adds nothing once it is identified.
    assert score([exact("EU3-TOLUENE"), family("FAM-P2P-SKELETON")]).parts[1].role == ROLE_IDENTIFIED


def test_the_seized_dibromo_cathinone_precursor_is_low_alone_and_medium_in_a_suspicious_consignment():
    # 3',4'-methylenedioxy-2,2-dibromobutyrophenone (Armenta et al., Forensic Sci. Int. 306 (2020) 110043)
    seized = "CCC(Br)(Br)C(=O)c1ccc2OCOc2c1"
    alone = screen_one({"line": 1, "smiles": seized, "cn_code": "29329900"})
    assert alone.severity == "low"
    assert any(f.family is not None and f.family.spec.id == "FAM-ALPHA-DIHALO-ARYL-KETONE" for f in alone.findings)
    covered = screen_one({"line": 1, "smiles": seized, "cn_code": "38249993", "description": "pigment"})
    assert covered.severity in ("medium", "high")
    # phenacyl-type reagents (no alkyl chain on the alpha carbon) stay out
    assert screen_one({"line": 1, "smiles": "BrC(Br)C(=O)c1ccccc1"}).severity is None


@pytest.mark.parametrize("aminoindane", ["NC1Cc2ccccc2C1", "NC1Cc2cc3OCOc3cc2C1", "CC(=O)NC1Cc2ccccc2C1"])
def test_an_aminoindane_or_its_masked_form_is_at_least_medium(aminoindane):
    # 2-AI, MDAI, and N-acetyl-2-AI (the amide unmasks to 2-AI)
    verdict = screen_one({"line": 1, "smiles": aminoindane})
    assert verdict.severity in ("medium", "high", "critical")
    assert any(f.family is not None and f.family.spec.id == "FAM-DRUG-AMINOINDANE" for f in verdict.findings)


@pytest.mark.parametrize(
    "medicine",
    [
        "C#CCN[C@@H]1CCc2ccccc21",  # rasagiline
        "NC(=O)CNC1Cc2ccccc2C1",  # indantadol
        "N[C@@H]1c2ccccc2C[C@@H]1O",  # cis-1-amino-2-indanol (indinavir building block)
    ],
)
def test_legitimate_aminoindanes_are_not_in_the_class(medicine):
    verdict = screen_one({"line": 1, "smiles": medicine})
    assert not any(f.family is not None and f.family.spec.id == "FAM-DRUG-AMINOINDANE" for f in verdict.findings)
    assert verdict.severity in (None, "info")


def test_propiophenone_is_a_watch_chemical_info_alone_and_low_when_the_declaration_does_not_fit():
    # A documented design decision (docs/scoring.md): bulk intermediate, two steps from methcathinone.
    assert screen_one({"line": 1, "cas": "93-55-0"}).severity == "info"
    misdeclared = screen_one({"line": 1, "cas": "93-55-0", "cn_code": "29153900"})
    assert misdeclared.severity == "low"
    assert [s.code for s in misdeclared.signals] == ["CN_MISMATCH"]


# --- scores remembered per declaration and signal codes (pipeline/scoring.py score_remembered) ----------

DECLARATIONS = {  # findings as declarations give them: none, commodity, precursor, mask, identifier, several
    "nothing": [],
    "category 3": [exact("EU3-ACETONE")],
    "category 1": [exact("EU1-BMK"), family("FAM-P2P-SKELETON")],
    "mask": [unmasking("EU1-BMK", 0.95), unmasking("EU3-ACETONE"), family("FAM-P2P-SKELETON")],
    "similar": [similarity("EU1-PMK")],
    "identifiers": [identifier("EU1-BMK"), identifier("EU1-PMK"), identifier("EU3-ACETONE"), identifier("EU1-PMK")],
}


@settings(max_examples=150, deadline=None)
@given(
    declaration=st.sampled_from(sorted(DECLARATIONS)),
    known=st.booleans(),
    items=st.lists(
        st.lists(st.tuples(st.sampled_from(sorted(SIGNAL_WEIGHTS) + ["NO_SUCH_SIGNAL"]), st.text(max_size=8))),
        min_size=1,
        max_size=8,
    ),
    flag_min_score=st.sampled_from([0.1, 0.25, 0.5]),
)
def test_a_remembered_score_is_the_score_of_the_item_alone(declaration, known, items, flag_min_score):
    # The items of one declaration, each with its own signals (codes repeat, details differ): the memo gives
    # each the score score_item gives it alone, reporting that item's own signal objects.
    findings = DECLARATIONS[declaration]
    weighed = weigh_item_findings(findings, known)
    remembered: dict = {}
    for drawn in items + items:  # the second round finds every sequence of codes remembered
        signals = [SignalHit(code, detail) for code, detail in drawn]
        alone = score_item(findings, signals, known, flag_min_score, weighed)
        shared = score_remembered(findings, signals, weighed, flag_min_score, remembered)
        assert (shared.score, shared.severity, shared.parts, shared.findings) == (
            alone.score,
            alone.severity,
            alone.parts,
            alone.findings,
        )
        assert [p.finding for p in shared.parts] == [p.finding for p in alone.parts]
        assert [id(s) for s in shared.signals] == [id(s) for s in alone.signals]
    assert len(remembered) == len({tuple(code for code, _ in drawn) for drawn in items})


@pytest.mark.parametrize(
    "opioid",
    [
        "CCCC(=O)N1CCN(C/C=C/c2ccccc2)CC1",  # AP-237 (bucinnazine), not listed
        "CCC(=O)N1C(C)CN(C/C=C/c2ccccc2)CC1C",  # AP-238, not listed
    ],
)
def test_an_unlisted_acyl_piperazine_opioid_is_at_least_medium(opioid):
    verdict = screen_one({"line": 1, "smiles": opioid})
    assert verdict.severity in ("medium", "high", "critical")
    assert any(f.family is not None and f.family.spec.id == "FAM-DRUG-ACYLPIPERAZINE-OPIOID" for f in verdict.findings)


def test_2_methyl_ap_237_by_its_finnish_name_is_the_listed_opioid():
    # Fimea 31.8.2023: "2-metyyli-AP-237", added to the Finnish decree by the UN's decision
    verdict = screen_one({"line": 1, "name": "2-metyyli-AP-237"})
    assert verdict.severity in ("high", "critical")
    assert any(f.entry is not None and f.entry.id == "DRUG-2-METHYL-AP-237" for f in verdict.findings)


@pytest.mark.parametrize(
    "medicine",
    [
        "C(/C=C/c1ccccc1)N1CCN(C(c2ccccc2)c2ccccc2)CC1",  # cinnarizine
        "Fc1ccc(C(c2ccc(F)cc2)N2CCN(C/C=C/c3ccccc3)CC2)cc1",  # flunarizine
    ],
)
def test_cinnamylpiperazine_medicines_are_not_in_the_opioid_class(medicine):
    verdict = screen_one({"line": 1, "smiles": medicine})
    assert not any(
        f.family is not None and f.family.spec.id == "FAM-DRUG-ACYLPIPERAZINE-OPIOID" for f in verdict.findings
    )
    assert verdict.severity in (None, "info")


# -- a residual "Other" CN subheading (RESIDUAL_CN, nineteenth session) ---------------------------------------
def test_a_residual_cn_code_of_a_listed_substance_counts_as_a_pointer_not_a_declaration():
    from pipeline.scoring import RESIDUAL_CN_IDENTIFIER_WEIGHT

    # the chloroephedrines' 2939 79 90 on an unidentified item (the nineteenth held-out set's selegiline)
    residual = Finding("identifier", WL.by_id["EU1-CHLOROEPHEDRINE-1R2S"], 1.0, "CN code", cn_code="29397990")
    s = score([residual])
    assert s.score == RESIDUAL_CN_IDENTIFIER_WEIGHT and s.severity == "low"
    # a listed substance's own subheading keeps its weight: BMK's 2914 31 00 is a declaration of BMK
    own = Finding("identifier", WL.by_id["EU1-BMK"], 1.0, "CN code", cn_code="29143100")
    assert score([own]).severity == "medium"
