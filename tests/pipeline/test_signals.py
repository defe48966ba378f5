from chemistry.matching import collect_findings
from pipeline.signals import DeclaredItem, ItemContext, collect_declared_signals, collect_signals
from tests.factories import make_event, make_screener, screen_one


def codes(verdict) -> set[str]:
    return {s.code for s in verdict.signals}


def test_cn_mismatch():
    v = screen_one({"smiles": "CC(=O)Cc1ccccc1", "cn_code": "32041700"})
    assert "CN_MISMATCH" in codes(v)
    assert "CN_MISMATCH" not in codes(screen_one({"smiles": "CC(=O)Cc1ccccc1", "cn_code": "29143100"}))


def test_cn_mismatch_says_when_the_expected_code_is_only_inferred():
    npp = "O=C1CCN(CCc2ccccc2)CC1"  # NPP: its 8-digit CN code after 2023/196 is not known to us
    [signal] = [s for s in screen_one({"smiles": npp, "cn_code": "32041700"}).signals if s.code == "CN_MISMATCH"]
    assert "29333700 (inferred, not verified)" in signal.detail
    [signal] = [
        s for s in screen_one({"smiles": "CC(=O)Cc1ccccc1", "cn_code": "32041700"}).signals if s.code == "CN_MISMATCH"
    ]
    assert "29143100" in signal.detail and "inferred" not in signal.detail  # BMK: from a source
    # Common (unlisted) chemicals' headings are the curator's, not read from a source either:
    # acetoacetanilide, APAA's legitimate neighbour, declared as a pigment.
    item = {"smiles": "CC(=O)CC(=O)Nc1ccccc1", "cn_code": "32041700"}
    [signal] = [s for s in screen_one(item).signals if s.code == "CN_MISMATCH"]
    assert "292429 (inferred, not verified)" in signal.detail


def test_catch_all_code_only_for_precursor_chemistry_not_declared_under_its_own_code():
    assert "CATCH_ALL_CN" in codes(screen_one({"smiles": "CCCCCOC(=O)C1(C)OC1c1ccccc1", "cn_code": "29420000"}))
    # BMK methyl glycidate's own code is 2918 99 90: correct declaration, no signal
    assert "CATCH_ALL_CN" not in codes(screen_one({"smiles": "COC(=O)C1(C)OC1c1ccccc1", "cn_code": "29189990"}))
    assert "CATCH_ALL_CN" not in codes(screen_one({"smiles": "CCO", "cn_code": "29420000"}))


def test_cover_description():
    v = screen_one({"smiles": "COC(=O)C1(C)OC1c1ccc2c(c1)OCO2", "description": "colour pigments and waxes"})
    assert "COVER_DESCRIPTION" in codes(v)
    assert "COVER_DESCRIPTION" not in codes(screen_one({"smiles": "CCO", "description": "paint thinner"}))


def test_description_naming_another_chemical():
    v = screen_one({"smiles": "CC(=O)Cc1ccccc1", "description": "vanillin"})
    assert "DESCRIPTION_MISMATCH" in codes(v)


def test_category_1_any_quantity_is_explained():
    v = screen_one({"smiles": "CC(=O)Cc1ccccc1", "net_mass_kg": 2})
    assert "LICENSABLE_ANY_QUANTITY" in codes(v)


def test_bulk_quantity_backs_up_category_2():
    v = screen_one({"smiles": "CC(=O)OC(C)=O", "quantity": 5, "unit": "t"})
    assert "BULK_QUANTITY" in codes(v)


def test_high_value_per_kg_by_air():
    item = {"smiles": "CC(=O)Cc1ccccc1", "net_mass_kg": 10, "value": {"amount": 20000, "currency": "EUR"}}
    assert "HIGH_VALUE_AIR_POST" in codes(screen_one(item, mode="air"))
    assert "HIGH_VALUE_AIR_POST" not in codes(screen_one(item, mode="sea"))
    usd = {**item, "value": {"amount": 20000, "currency": "USD"}}
    assert "HIGH_VALUE_AIR_POST" not in codes(screen_one(usd, mode="air"))  # no invented exchange rate


def test_invalid_identifiers_flag_on_their_own():
    v = screen_one({"cas": "103-79-8", "description": "chemical"})
    assert "INVALID_IDENTIFIER" in codes(v)
    assert v.severity == "info"
    bad_smiles = screen_one({"smiles": "C1CC(", "description": "chemical"})
    assert "INVALID_IDENTIFIER" in codes(bad_smiles)


def test_identifier_conflict_names_both_sides_by_kind_and_name():
    v = screen_one({"smiles": "CN", "cas": "103-79-7"})
    [signal] = [s for s in v.signals if s.code == "IDENTIFIER_CONFLICT"]
    assert signal.detail == (
        "declared identifiers contradict each other: CAS 103-79-7 (1-Phenyl-2-propanone) and SMILES CN "
        "(Methylamine) name different substances (the CAS is screened)"  # the most controlled (review23 F12)
    )


def test_signals_are_detected_without_regard_to_the_evidence_and_scoring_decides():
    # Acetone (Category 3, evidence 0.05) in bulk under a catch-all code, declared as paint.
    item = {"smiles": "CC(C)=O", "cn_code": "29420000", "description": "paint", "net_mass_kg": 20000}
    event = make_event(item)
    screener = make_screener()
    resolution = screener.resolve(event.items[0])
    findings = collect_findings(screener.analyse(resolution), "29420000", screener.matcher)
    ctx = ItemContext(event, event.items[0], resolution, findings, screener.watchlist, screener.settings)
    assert {"CATCH_ALL_CN", "COVER_DESCRIPTION", "BULK_QUANTITY"} <= {s.code for s in collect_signals(ctx)}
    # Below precursor-level evidence scoring neither reports nor counts them; a wrong code still counts.
    assert codes(screen_one(item)) == {"CN_MISMATCH", "SCHEDULED_SUBSTANCE"}


def test_the_declaration_alone_gives_the_declared_signals_the_whole_item_gives():
    # BMK with a wrong CAS, under a catch-all code, declared as paint: standalone and context signals.
    item = {"smiles": "CC(=O)Cc1ccccc1", "cas": "103-79-8", "cn_code": "29420000", "description": "paint"}
    event = make_event(item)
    screener = make_screener()
    resolution = screener.resolve(event.items[0])
    findings = collect_findings(screener.analyse(resolution), "29420000", screener.matcher)
    parts = (event.items[0], resolution, findings, screener.watchlist, screener.settings)
    declared = collect_declared_signals(DeclaredItem(*parts))
    assert declared == collect_declared_signals(ItemContext(event, *parts))
    assert {s.code for s in declared.standalone} == {"INVALID_IDENTIFIER"}
    assert {"SCHEDULED_SUBSTANCE", "CATCH_ALL_CN", "COVER_DESCRIPTION"} <= {s.code for s in declared.context}


def test_context_signals_are_not_looked_for_without_findings_or_declaration_signals():
    event = make_event({"smiles": "CCO", "cn_code": "32041700", "description": "pigment"})
    screener = make_screener()
    resolution = screener.resolve(event.items[0])
    ctx = ItemContext(event, event.items[0], resolution, [], screener.watchlist, screener.settings)
    assert collect_signals(ctx) == []
    with_declaration_problem = make_event({"smiles": "CCO", "cas": "103-79-8", "cn_code": "32041700"})
    resolution = screener.resolve(with_declaration_problem.items[0])
    ctx = ItemContext(
        with_declaration_problem,
        with_declaration_problem.items[0],
        resolution,
        [],
        screener.watchlist,
        screener.settings,
    )
    assert [s.code for s in collect_signals(ctx)] == ["INVALID_IDENTIFIER", "CN_MISMATCH"]


def test_a_scheduled_substance_carries_its_legal_obligation():
    (signal,) = [
        s for s in screen_one({"smiles": "CC(C)=O", "cn_code": "29141100"}).signals if s.code == "SCHEDULED_SUBSTANCE"
    ]
    assert "Category 3" in signal.detail and "273/2004" in signal.detail and "authorisation" in signal.detail


def test_the_obligation_asks_for_what_the_category_requires():
    def obligation(smiles: str) -> str:
        (signal,) = [s for s in screen_one({"smiles": smiles}).signals if s.code == "SCHEDULED_SUBSTANCE"]
        return signal.detail

    assert "licence and customer declaration" in obligation("CC(=O)Cc1ccccc1")  # BMK, Category 1
    assert "registration and customer declaration" in obligation("O=C(O)Cc1ccccc1")  # Category 2B
    acetone = obligation("CC(C)=O")  # Category 3: no licence or registration within the Union
    assert "no licence or registration is needed" in acetone and "check the operator's licence" not in acetone


def test_an_unlisted_chemical_carries_no_obligation():
    assert "SCHEDULED_SUBSTANCE" not in codes(screen_one({"smiles": "CCO", "cn_code": "22071000"}))
