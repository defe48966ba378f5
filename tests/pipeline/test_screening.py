from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.screening import make_flag_id
from tests.factories import exact_entry_ids, make_event, make_screener, screen_one

ROOT = Path(__file__).resolve().parents[2]
SCREENER = make_screener()
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def test_flag_id_is_deterministic_and_depends_on_watchlist_version():
    assert make_flag_id("e", 1, "v1") == make_flag_id("e", 1, "v1")
    assert make_flag_id("e", 1, "v1") != make_flag_id("e", 1, "v2")
    assert make_flag_id("e", 1, "v1") != make_flag_id("e", 2, "v1")


def test_redelivery_gives_identical_flags():
    event = make_event({"smiles": "CC(=O)Cc1ccccc1"}, {"smiles": "CCO"})
    first = SCREENER.screen_event(event, now=NOW)
    second = SCREENER.screen_event(event, now=NOW)
    assert [f.model_dump() for f in first] == [f.model_dump() for f in second]
    assert len(first) == 1 and first[0].item_line == 1


def test_flag_explains_itself():
    event = make_event(
        {"smiles": "COCCOC(=O)C1(C)OC1c1ccc2c(c1)OCO2", "cn_code": "29420000", "description": "plastic additive"}
    )
    (flag,) = SCREENER.screen_event(event, now=NOW)
    assert flag.severity in ("high", "critical")
    assert flag.watchlist_version == SCREENER.watchlist.version
    assert flag.engine_version
    unmask = next(m for m in flag.matches if m.method == "unmasking" and m.entry.id == "EU1-PMK")
    assert [p.rule for p in unmask.path] == ["ester_hydrolysis", "glycidic_acid_decarboxylation"]
    assert unmask.entry.legal_source.startswith("Reg. (EC) 273/2004")
    assert {s.code for s in flag.signals} >= {"CATCH_ALL_CN", "COVER_DESCRIPTION"}
    assert "unmasking" in flag.summary
    assert flag.substance.inchikey and flag.substance.resolved_by == "smiles"
    assert flag.consignee.name == "Consignee B.V."  # parties as declared


def test_highlight_atoms_index_the_reported_smiles():
    from rdkit import Chem

    event = make_event({"smiles": "O=C(OC(C)(C)C)N(C)C(C)Cc1ccccc1"})
    (flag,) = SCREENER.screen_event(event, now=NOW)
    match = next(m for m in flag.matches if m.method == "unmasking")
    mol = Chem.MolFromSmiles(flag.substance.smiles)
    symbols = {mol.GetAtomWithIdx(i).GetSymbol() for i in match.atoms}
    assert symbols == {"N", "C", "O"}  # the Boc carbamate, not the phenyl ring
    assert all(mol.GetAtomWithIdx(i).GetIsAromatic() is False for i in match.atoms)


def test_category_4_medicinal_products_are_scored_as_category_4():
    tablets = screen_one({"smiles": "CN[C@@H](C)[C@@H](O)c1ccccc1", "cn_code": "30044200"})
    assert {f.entry.id for f in tablets.findings if f.method == "exact"} == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}
    assert tablets.severity == "low"
    bulk = screen_one({"smiles": "CN[C@@H](C)[C@@H](O)c1ccccc1", "cn_code": "29394200"})
    assert bulk.severity == "high"


def test_a_medicinal_product_named_by_its_dose_form_is_category_4_unless_its_code_says_bulk():
    named = "Pseudoephedrine hydrochloride 60 mg film-coated tablets, 10 x 10 blister"
    tablets = screen_one({"name": named})
    assert {f.entry.id for f in tablets.findings if f.method == "exact"} == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}
    assert "'tablets'" in next(f.detail for f in tablets.findings if f.method == "exact")
    assert tablets.severity == "low"
    bulk = screen_one({"name": named, "cn_code": "29394200"})
    assert {f.entry.id for f in bulk.findings if f.method == "exact"} == {"EU1-PSEUDOEPHEDRINE"}


def test_tablets_under_a_chapter_30_heading_that_category_4_does_not_name_stay_category_1():
    # Heading 3006 (pharmaceutical goods of its note 4) is not in Category 4's CN scope: the dose form
    # beside it no longer lowers ephedrine to the medicinal product (sixteenth session).
    other_heading = screen_one({"name": "Ephedrine HCl tablets", "cn_code": "30069000"})
    assert {f.entry.id for f in other_heading.findings if f.method == "exact"} == {"EU1-EPHEDRINE"}
    # the Category 1 substance under a code that is not its own is a mismatch too (it was 'low' before)
    assert other_heading.severity == "critical" and "CN_MISMATCH" in {s.code for s in other_heading.signals}
    measured_doses = screen_one({"name": "Ephedrine HCl tablets", "cn_code": "30044100"})
    assert {f.entry.id for f in measured_doses.findings if f.method == "exact"} == {"EU4-EPHEDRINE-MEDICINAL"}
    assert measured_doses.severity == "low"
    no_code = screen_one({"name": "Ephedrine HCl tablets"})
    assert {f.entry.id for f in no_code.findings if f.method == "exact"} == {"EU4-EPHEDRINE-MEDICINAL"}
    assert no_code.severity == "low"


def test_an_isotope_labelled_reference_material_in_an_ampoule_is_its_substance_not_a_medicinal_product():
    # The fifteenth held-out set's pch15010: the "ampoule" of a certified reference material was read as
    # the dose form of the Category 4 medicinal product ('low'); the labels are set aside on the drawing.
    crm = screen_one(
        {
            "smiles": "[2H]C([2H])([2H])N[C@@H](C)[C@H](O)c1ccccc1",
            "description": "Ephedrine-D3 1.0 mg/mL in methanol, certified reference material, 1 mL ampoule",
        }
    )
    assert {f.entry.id for f in crm.findings if f.method == "exact"} == {"EU1-EPHEDRINE"}
    assert crm.resolution.std.notes == ("3 isotope label(s) ignored",)
    assert crm.severity == "high"
    # the same standard declared by an InChI with an isotopic layer (/i)
    inchi = "InChI=1S/C10H15NO/c1-8(11-2)10(12)9-6-4-3-5-7-9/h3-8,10-12H,1-2H3/t8-,10-/m0/s1/i2D3"
    by_inchi = screen_one({"inchi": inchi, "description": "certified reference material, 1 mL ampoule"})
    assert {f.entry.id for f in by_inchi.findings if f.method == "exact"} == {"EU1-EPHEDRINE"}
    assert by_inchi.severity == "high"
    # the look-alike: ampoules of a medicinal product, as a hospital pharmacy declares them, stay Category 4
    hospital = screen_one(
        {"name": "Ephedrine sulfate 30 mg/mL solution for injection, 10 x 1 mL ampoules", "cn_code": "30044100"}
    )
    assert {f.entry.id for f in hospital.findings if f.method == "exact"} == {"EU4-EPHEDRINE-MEDICINAL"}
    assert hospital.severity == "low"


@pytest.mark.parametrize(
    "description", ["25 kg fibre drums with screw caps", "for injection moulding", "glucose syrup"]
)
def test_a_packaging_or_trade_word_is_no_dose_form_of_a_bulk_category_1_substance(description):
    # Without a CN code, "caps" in the description once made bulk pseudoephedrine the Category 4 product (low).
    v = screen_one({"name": "Pseudoephedrine hydrochloride", "description": description})
    assert {f.entry.id for f in v.findings if f.method == "exact"} == {"EU1-PSEUDOEPHEDRINE"}
    assert v.severity == "high"


def test_a_bulk_pack_declared_under_the_measured_doses_heading_keeps_category_1():
    verdict = screen_one({"name": "Pseudoephedrine HCl, 20 x 25 kg drums", "cn_code": "30044200"})
    assert {f.entry.id for f in verdict.findings if f.method == "exact"} == {"EU1-PSEUDOEPHEDRINE"}


@pytest.mark.parametrize(
    "item",
    [
        # the twenty-first held-out set's pch21041 and pch21046: a medicine's raw material under its headings
        {"smiles": "C[C@H](NC)[C@H](O)c1ccccc1.Cl", "cn_code": "30034100", "description": "API powder, 50 kg"},
        {
            "inchi": "InChI=1S/C10H15NO/c1-8(11-2)10(12)9-6-4-3-5-7-9/h3-8,10-12H,1-2H3/t8-,10-/m0/s1",
            "cn_code": "30044100",
            "description": "Wirkstoff Ephedrin, Gehalt 99 %",
        },
    ],
)
def test_an_active_substance_declared_under_a_medicament_heading_keeps_category_1(item):
    verdict = screen_one(item)
    assert {f.entry.id for f in verdict.findings if f.method == "exact"} == {"EU1-EPHEDRINE"}
    assert verdict.severity in ("high", "critical")


@pytest.mark.parametrize(
    "item",
    [
        # a medicine's label naming its active substance, with the dose's strength or form
        {"name": "Pseudoephedrine hydrochloride", "cn_code": "30044200", "description": "Wirkstoff: 60 mg je Tablette"},
        {"name": "Pseudoephedrine HCl film-coated tablets", "cn_code": "30044200", "description": "active substance"},
    ],
)
def test_a_medicines_label_naming_its_active_substance_stays_the_category_4_product(item):
    verdict = screen_one(item)
    assert {f.entry.id for f in verdict.findings if f.method == "exact"} == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}


def test_the_substance_declared_unmixed_under_the_heading_of_mixed_medicaments_keeps_category_1_and_says_why():
    verdict = screen_one({"name": "Pseudoephedrine hydrochloride 99%", "cn_code": "30034200"})
    assert {f.entry.id for f in verdict.findings if f.method == "exact"} == {"EU1-PSEUDOEPHEDRINE"}
    [mismatch] = [s for s in verdict.signals if s.code == "CN_MISMATCH"]
    assert "mixed together" in mismatch.detail and "unmixed" in mismatch.detail
    assert verdict.severity in ("high", "critical")
    # A preparation (no content of 98 % or more) under the same code stays the Category 4 product.
    mixed = screen_one({"name": "Pseudoephedrine hydrochloride 60%", "cn_code": "30034200"})
    assert {f.entry.id for f in mixed.findings if f.method == "exact"} == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}
    assert "CN_MISMATCH" not in {s.code for s in mixed.signals}


@pytest.mark.parametrize(
    ("item", "entry"),
    [
        # the twenty-first held-out set's pch21033, pch21034 and pch21037: bulk salts under the mixtures' heading
        ({"cas": "345-78-8", "description": "medicine not in measured doses, 50 kg"}, "EU1-PSEUDOEPHEDRINE"),
        ({"cas": "CAS 50-98-6", "description": "medicament bulk, 100 kg"}, "EU1-EPHEDRINE"),
        ({"cas": "7460 12 0", "description": "Arzneimittel, lose Ware, 25 kg Fass"}, "EU1-PSEUDOEPHEDRINE"),
        # a placeholder in the name field, or the CAS number typed into it, names nothing more (review22 F4)
        ({"cas": "345-78-8", "name": "N/A", "description": "medicament bulk"}, "EU1-PSEUDOEPHEDRINE"),
        ({"name": "345-78-8", "description": "medicament bulk"}, "EU1-PSEUDOEPHEDRINE"),
    ],
)
def test_goods_named_by_one_substances_identifier_alone_under_the_heading_of_mixtures_keep_category_1(item, entry):
    verdict = screen_one({**item, "cn_code": "30034200"})
    assert {f.entry.id for f in verdict.findings if f.method == "exact"} == {entry}
    [mismatch] = [s for s in verdict.signals if s.code == "CN_MISMATCH"]
    assert "identifier alone" in mismatch.detail
    assert verdict.severity in ("high", "critical")


@pytest.mark.parametrize(
    "item",
    [
        # named as a preparation, or by its identifier beside a dose form: the Category 4 product
        {"name": "Pseudoephedrine sulphate / loratadine granulate, bulk, not in measured doses"},
        {"cas": "345-78-8", "description": "oral solution 30 mg/5 ml"},
        # the preparation said in the description beside the active ingredient's identifier (review22 F1)
        {"cas": "345-78-8", "description": "Pseudoephedrine sulphate / loratadine granulate, bulk"},
        {"cas": "345-78-8", "description": "premix: lactose 98 %, pseudoephedrine 2 %"},
        {"cas": "345-78-8", "description": "cough syrup bulk, 200 l drums"},
        {"cas": "345-78-8", "description": "granulate for oral suspension, bulk"},
        # a placeholder in the CAS field and the substance named in the description (review22 F2)
        {"cas": "-", "description": "Pseudoephedrine hydrochloride"},
    ],
)
def test_a_preparation_under_the_heading_of_mixtures_stays_the_category_4_product(item):
    verdict = screen_one({**item, "cn_code": "30034200"})
    assert {f.entry.id for f in verdict.findings if f.method == "exact"} == {"EU4-PSEUDOEPHEDRINE-MEDICINAL"}
    assert "CN_MISMATCH" not in {s.code for s in verdict.signals}


@pytest.mark.parametrize("content", ["purity 0.99", "990 g/kg", "purity 0.99, USP"])
def test_a_content_stated_as_a_fraction_or_in_grams_per_kilogram_declares_the_substance_unmixed(content):
    verdict = screen_one({"name": f"Pseudoephedrine hydrochloride, {content}", "cn_code": "30034200"})
    assert {f.entry.id for f in verdict.findings if f.method == "exact"} == {"EU1-PSEUDOEPHEDRINE"}
    assert "CN_MISMATCH" in {s.code for s in verdict.signals}


@pytest.mark.parametrize(
    ("description", "unmixed"),
    [
        # The content of the substance identified decides, whichever constituent is stated first (nineteenth
        # session: the first content stated decided, and an excipient stated first decided for the substance).
        ("premix: lactose 98 %, pseudoephedrine 2 %", False),
        ("premix: pseudoephedrine 2 %, lactose 98 %", False),
        ("lactose 980 g/kg, pseudoephedrine 20 g/kg premix", False),
        ("Laktose 98 %, Pseudoephedrin 2 %", False),  # the substance by its declared (German) name
        ("lactose 1 %, pseudoephedrine 99 %", True),
        ("pseudoephedrine 99 %, lactose 1 %", True),
        ("Laktose 1 %, Pseudoephedrin 99 %", True),
    ],
)
def test_the_content_of_the_substance_identified_decides_under_the_heading_of_mixed_medicaments(description, unmixed):
    verdict = screen_one({"name": "Pseudoephedrin-HCl", "description": description, "cn_code": "30034200"})
    kept = {f.entry.id for f in verdict.findings if f.method == "exact"}
    assert kept == ({"EU1-PSEUDOEPHEDRINE"} if unmixed else {"EU4-PSEUDOEPHEDRINE-MEDICINAL"})
    assert ("CN_MISMATCH" in {s.code for s in verdict.signals}) is unmixed


@pytest.mark.parametrize(
    "item",
    [
        {"name": "Ephedrine hydrochloride tablet grade"},
        {"name": "Ephedrine hydrochloride", "description": "raw material for tablets production"},
        {"name": "Pseudoephedrine HCl tablets, 20 x 25 kg drums"},
        {"name": "Pseudoephedrine HCl, 25 kg", "description": "fibre drums with caps"},
    ],
)
def test_dose_form_words_beside_a_raw_material_or_bulk_pack_keep_category_1(item):
    verdict = screen_one(item)
    assert {f.entry.id for f in verdict.findings if f.method == "exact"} <= {"EU1-EPHEDRINE", "EU1-PSEUDOEPHEDRINE"}
    assert verdict.severity == "high"


def test_unresolved_item_is_screened_on_its_cn_code():
    v = screen_one({"cn_code": "29143100", "description": "goods"})
    assert v.resolution.resolved_by == "cn_code"
    assert [f.method for f in v.findings] == ["identifier"]
    assert v.severity == "medium"


def test_an_unidentified_item_under_a_residual_cn_code_is_low_and_says_the_code_is_shared():
    # the nineteenth held-out set's nlh19034: selegiline (not in the identifier database) under 2939 79 90,
    # the "Other" subheading the chloroephedrines are declared under
    v = screen_one({"cas": "14611-51-9", "cn_code": "29397990", "description": "Selegiline base, API"})
    assert v.resolution.std is None and v.severity == "low"
    assert {f.method for f in v.findings} == {"identifier"}
    assert all("residual 'Other' subheading" in f.detail for f in v.findings)
    # the substance identified under that code is judged by what it is: a chloroephedrine stays high
    found = screen_one({"smiles": "CN[C@@H](C)[C@H](Cl)c1ccccc1", "cn_code": "29397990"})
    assert found.severity in ("high", "critical")


def test_a_finding_on_an_inferred_cn_code_says_the_code_is_not_verified():
    v = screen_one({"cn_code": "29333700", "description": "goods"})  # NPP's code, inferred only
    assert v.resolution.resolved_by == "cn_code"
    [finding] = v.findings
    assert finding.method == "identifier" and finding.entry.id == "EU1-NPP"
    assert "not verified" in finding.detail
    sourced = screen_one({"cn_code": "29143100", "description": "goods"}).findings[0]  # BMK: from a source
    assert "specific tariff code" in sourced.detail and "not verified" not in sourced.detail


def test_description_that_is_a_chemical_name_resolves():
    v = screen_one({"description": "Phenylacetone"})
    assert v.resolution.resolved_by == "name" and v.severity == "high"


def test_a_description_that_begins_with_a_chemical_name_resolves_and_says_where_it_was_read():
    # heldout pch7012: the name field says nothing, the description names the goods before its particulars
    v = screen_one(
        {
            "name": "Chemical goods as per invoice",
            "cn_code": "2932 94 00",
            "description": "SAFROL 98 % min., 200 kg steel drums, lot 24-117, for fragrance synthesis",
        }
    )
    assert v.severity == "high" and v.resolution.name == "Safrole"
    assert "the words before the particulars of the goods description" in v.resolution.source


@pytest.mark.parametrize(
    "description",
    ["Ephedra extract, ephedrine-free", "organic chemical intermediate, 25 kg drums", "goods, see invoice"],
)
def test_a_description_whose_head_names_no_chemical_resolves_nothing(description):
    assert screen_one({"description": description}).resolution.std is None


@pytest.mark.parametrize(
    "description", ["Herbal tea free of caffeine or ephedrine", "Cold remedy without pseudoephedrine or ephedrine"]
)
def test_a_description_that_names_a_substance_as_absent_is_not_flagged(description):
    # review, sixteenth session: the words after "or" were read as a name of the goods (high)
    assert screen_one({"name": "Herbal tea", "description": description}).severity is None


def test_analysis_cache_is_used_for_repeated_structures():
    screener = make_screener()
    for n in range(3):  # another description each time: the item memo (item_chemistry) does not answer
        screener.screen_event(make_event({"smiles": "CCO", "description": f"ethanol, lot {n}"}))
    assert screener.analysis_misses == 1 and screener.analysis_hits == 2


def test_unparsable_structure_is_reported_not_ignored():
    (flag,) = SCREENER.screen_event(make_event({"smiles": "C1CC(", "cn_code": "29420000"}), now=NOW)
    assert flag.substance.resolved_by == "cn_code"
    assert any(s.code == "INVALID_IDENTIFIER" and "SMILES" in s.detail for s in flag.signals)


def test_items_past_the_event_time_budget_are_flagged_for_review_not_skipped_silently():
    from tests.factories import make_event, make_screener

    ticks = iter(range(1000))
    screener = make_screener(event_time_budget_s=2.5)
    screener.clock = lambda: float(next(ticks))  # one second per look at the clock
    event = make_event({"smiles": "CCO"}, {"smiles": "CCO"}, {"smiles": "CC(=O)Cc1ccccc1"}, {"smiles": "CCCO"})
    verdicts = [v for v, _ in screener.screen_event_items(event)]
    screened = [v for v in verdicts if not any(s.code == "SCREENING_BUDGET_EXCEEDED" for s in v.signals)]
    skipped = [v for v in verdicts if v not in screened]
    assert len(screened) == 2 and len(skipped) == 2  # the clock read 0 (deadline 2.5), then 1, 2, 3, 4
    assert all(v.severity == "low" for v in skipped)  # BMK behind the padding is not lost: it is for review
    (signal,) = skipped[0].signals
    assert "2.5 s screening budget" in signal.detail and "first 2 item(s)" in signal.detail


def test_an_ordinary_event_is_screened_whole_within_the_budget():
    from tests.factories import make_event, make_screener

    verdicts = [v for v, _ in make_screener().screen_event_items(make_event({"smiles": "CC(=O)Cc1ccccc1"}))]
    assert verdicts[0].severity == "high"


def test_a_flag_says_which_source_resolved_the_declared_identifier():
    # 50-98-6 (ephedrine hydrochloride) is not in the watchlist: PubChem lists it on ephedrine's row
    verdict = screen_one({"cas": "50-98-6", "description": "chemical"})
    assert verdict.resolution.source == "chemicals (ChEDL/PubChem) CID 9294, as synonym CAS"
    screener = make_screener()
    event = make_event({"cas": "50-98-6", "description": "chemical"})
    (flag,) = screener.screen_event(event)
    assert flag.substance.source == "chemicals (ChEDL/PubChem) CID 9294, as synonym CAS"
    assert flag.matches[0].entry.id == "EU1-EPHEDRINE"


def test_an_analysis_cut_short_by_the_clock_is_not_kept_for_the_next_item_of_that_structure():
    # Whether the wall-clock budget cuts unmasking short depends on the machine's load at that moment:
    # keeping such an analysis would give every later sighting that moment's verdict. A mask analysed with
    # no time at all is analysed afresh each time, and its flag still highlights the atoms it names.
    glycidate = {"smiles": "COC(=O)C1(C)OC1c1ccc2c(c1)OCO2"}  # PMK methyl glycidate
    hurried = make_screener(unmask_time_budget_s=1e-9)
    hurried_flags = [hurried.screen_event(make_event(glycidate), NOW) for _ in range(2)]
    assert (hurried.analysis_hits, hurried.analysis_misses) == (0, 2)
    patient = make_screener(unmask_time_budget_s=60)
    # (another description each time: the item memo, which keeps no analysis cut short either, does not answer)
    flags = [patient.screen_event(make_event(glycidate | {"description": f"lot {n}"}), NOW) for n in range(2)]
    assert (patient.analysis_hits, patient.analysis_misses) == (1, 1)
    assert flags[0][0].substance == flags[1][0].substance == hurried_flags[1][0].substance


def test_a_salt_form_after_its_free_base_reuses_the_structures_analysis_and_flags_as_if_alone(monkeypatch):
    import pipeline.screening as screening

    analysed = []
    real = screening.analyse_structure
    monkeypatch.setattr(screening, "analyse_structure", lambda std, m: analysed.append(std.iso_key) or real(std, m))
    screener = make_screener(unmask_time_budget_s=60)
    screener.screen_event(make_event({"smiles": "CC(C)(C)OC(=O)N(C)C(C)Cc1ccccc1"}), NOW)  # a Boc-protected mask
    (flag,) = screener.screen_event(make_event({"smiles": "Cl.CC(C)(C)OC(=O)N(C)C(C)Cc1ccccc1"}), NOW)
    assert len(analysed) == 1 and screener.analysis_misses == 2
    (alone,) = make_screener(unmask_time_budget_s=60).screen_event(
        make_event({"smiles": "Cl.CC(C)(C)OC(=O)N(C)C(C)Cc1ccccc1"}), NOW
    )
    assert flag == alone and flag.substance.stripped == ["Cl"]


# --- several CAS numbers in one field: each substance screened (docs/identification.md) ---------------


def test_acetone_and_bmk_in_one_cas_field_is_high_with_bmk_driving_and_acetone_reported():
    (flag,) = SCREENER.screen_event(make_event({"cas": "67-64-1, 103-79-7"}), now=NOW)
    assert flag.severity == "high" and flag.substance.name == "1-Phenyl-2-propanone"
    assert flag.matches[0].entry.id == "EU1-BMK" and flag.matches[0].declared_as is None
    acetone = next(m for m in flag.matches if m.entry.id == "EU3-ACETONE")
    assert acetone.method == "exact" and acetone.declared_as == "CAS 67-64-1" and acetone.atoms == []
    assert acetone.detail.startswith("CAS 67-64-1 (Acetone; from watchlist), also declared")
    counted = [p.source for p in flag.score_components if p.counted]
    assert counted == ["match:exact:EU1-BMK"]
    obligations = [s.detail for s in flag.signals if s.code == "SCHEDULED_SUBSTANCE"]
    assert [d.split(" is ")[0] for d in obligations] == ["1-Phenyl-2-propanone", "Acetone"]
    assert not any(s.code == "IDENTIFIER_CONFLICT" for s in flag.signals)  # a mixture, not a contradiction


def test_another_substance_of_the_cas_field_is_reported_with_the_source_that_identified_it():
    # Methyl phenylacetate is known to the identifier database only: its match says so, as the
    # resolution of an item declaring it alone would, rather than passing for a watchlist identification.
    (flag,) = SCREENER.screen_event(make_event({"cas": "103-79-7; 101-41-7"}), now=NOW)
    other = next(m for m in flag.matches if m.declared_as == "CAS 101-41-7")
    assert other.detail.startswith("CAS 101-41-7 (methyl phenylacetate; from chemicals (ChEDL/PubChem) CID 7559)")
    alone = screen_one({"cas": "101-41-7"})
    assert alone.resolution.source == "chemicals (ChEDL/PubChem) CID 7559"


def test_two_category_3_substances_in_one_cas_field_each_state_their_obligation():
    (flag,) = SCREENER.screen_event(make_event({"cas": "67-64-1; 108-88-3"}), now=NOW)
    assert flag.severity == "info"
    obligations = [s.detail for s in flag.signals if s.code == "SCHEDULED_SUBSTANCE"]
    assert len(obligations) == 2
    assert obligations[0].startswith("Acetone is a scheduled") and obligations[1].startswith("Toluene is a scheduled")
    assert {(m.entry.id, m.declared_as) for m in flag.matches} == {
        ("EU3-ACETONE", None),
        ("EU3-TOLUENE", "CAS 108-88-3"),
    }


def test_an_unlisted_chemical_declared_with_a_listed_one_is_screened_as_the_listed_one():
    first = screen_one({"cas": "64-17-5; 103-79-7"})
    second = screen_one({"cas": "103-79-7; 64-17-5"})
    assert first.severity == second.severity == "high"
    assert first.resolution.std.key == second.resolution.std.key == "CC(=O)Cc1ccccc1"
    assert [o.name for o in first.resolution.also_declared] == ["Ethanol"]
    assert not any(s.code == "IDENTIFIER_CONFLICT" for s in first.signals)


def test_a_description_naming_another_substance_of_the_cas_field_is_no_mismatch():
    verdict = screen_one({"cas": "67-64-1, 103-79-7", "description": "Acetone"})
    assert not any(s.code == "DESCRIPTION_MISMATCH" for s in verdict.signals)


def test_a_flags_matches_start_with_the_finding_that_made_its_verdict():
    # IMDPAM's sodium salt (the seized form, Reg. 2024/1331): its acetal also releases acetone (Category 3);
    # the Category 1 findings come first. The salt's enolate, neutralised, is IMDPAM's enol, another
    # tautomer of IMDPAM: an exact match (chemistry/matching.py align_listed_tautomer), not an unmasking.
    (flag,) = SCREENER.screen_event(
        make_event({"smiles": "CC1(C)OC(=O)C(=C([O-])Cc2ccc3OCOc3c2)C(=O)O1.[Na+]"}), now=NOW
    )
    assert flag.severity == "high"
    assert [m.entry.id for m in flag.matches] == ["EU1-IMDPAM", "EU1-PMK", "EU3-ACETONE"]
    counted = next(p for p in flag.score_components if p.counted)
    assert counted.source == "match:exact:EU1-IMDPAM"


def test_an_item_drawn_as_a_dummy_atom_alone_is_an_invalid_identifier_not_a_screening_failure():
    (flag,) = SCREENER.screen_event(make_event({"smiles": "*"}), now=NOW)
    assert any(s.code == "INVALID_IDENTIFIER" and "dummy atoms only" in s.detail for s in flag.signals)


# --- an item's chemistry remembered per declaration (Screener.item_chemistry) -------------------------------
def test_remembered_item_chemistry_gives_the_same_flags_and_verdicts_as_resolving_every_item():
    """The example stream and a generated one (repeated declarations, re-spellings, salts, masks, invalid
    identifiers), screened with the item memo and twice over (the second time every item is
    remembered), write the same bytes as a screener that keeps no item memo."""
    import io

    from devtools.generate import write_stream
    from pipeline.caches import BoundedCache, StructureMemo
    from pipeline.chunks import item_verdict_record
    from pipeline.decode import decode_line
    from pipeline.flags import flag_json

    class WithoutItemMemo(BoundedCache):
        __slots__ = ()

        def put(self, key, value, weight, holds=None):
            return value if key[0] == "item" else super().put(key, value, weight, holds)

    generated = io.BytesIO()
    write_stream(300, generated, seed=5)
    lines = (ROOT / "devtools" / "data" / "transactions.jsonl").read_bytes().splitlines()
    lines += generated.getvalue().splitlines()
    events = [d.event for d in (decode_line(n, line) for n, line in enumerate(lines, 1)) if d.event is not None]
    # The same identifiers and description under other CN codes: other findings (a tariff code alone
    # points to a listed substance; a scheduled one declared under a catch-all code).
    same_but_the_code = [
        {"name": "Unknown blend", "cn_code": code, "description": "blend"} for code in ("29143100", "29141100")
    ] + [{"smiles": "CC(=O)Cc1ccccc1", "cn_code": code} for code in ("29143100", "38249992")]
    events.append(make_event(*same_but_the_code))
    now = datetime(2026, 11, 30, tzinfo=UTC)

    def written(screener):
        out = []
        for event in events:
            for v in screener.screen_event_verdicts(event):
                flag = screener.flag_document(event, v, now) if v.severity is not None else None
                out.append(flag_json(flag) if flag else b"")
                out.append(item_verdict_record(event, v, flag and flag["flag_id"], screener).model_dump_json())
        return out

    plain = make_screener(unmask_time_budget_s=60, event_time_budget_s=600)
    plain.cache = WithoutItemMemo(plain.settings.cache_size, plain.settings.cache_max_mb << 20)
    plain.structures = StructureMemo(plain.cache)
    remembering = make_screener(unmask_time_budget_s=60, event_time_budget_s=600)
    expected = written(plain)
    assert plain.cache.count("item") == 0 and any(expected[::2])
    assert written(remembering) == expected
    assert 0 < remembering.cache.count("item") < sum(len(e.items) for e in events)  # repeats were remembered
    assert written(remembering) == expected  # every item remembered now


def test_padding_a_declared_name_or_cas_field_does_not_hide_a_category_1_substance():
    # Fields too long to clean whole are cleaned in the pieces that can hold an identifier.
    name = "1-phenyl-2-propanone (technical grade, " + "supplied in steel drums, " * 30 + ")"
    assert screen_one({"name": name}).severity in ("high", "critical")
    cas = "; ".join(["103-79-7"] + ["64-17-5"] * 200)
    padded = screen_one({"cas": cas})
    assert padded.severity in ("high", "critical") and "SCHEDULED_SUBSTANCE" in {s.code for s in padded.signals}


def test_a_flag_on_a_name_of_two_stereoisomers_names_neither_alone_and_lists_both():
    """'Cloroefedrina' (Italian and Spanish) names both listed chloroephedrine enantiomers: the flag
    must not claim the (1R,2S) one, which ranks first."""
    (flag,) = SCREENER.screen_event(make_event({"name": "Cloroefedrina", "description": "cloroefedrina"}), now=NOW)
    assert flag.severity in ("high", "critical")
    assert flag.substance.name == "chloroephedrine" and "@" not in flag.substance.smiles
    assert flag.substance.inchikey.endswith("-UHFFFAOYSA-N")  # no stereo layer
    assert any("differ only in their stereochemistry" in note for note in flag.substance.source_notes)
    exact = {m.entry.id for m in flag.matches if m.method == "exact"}
    assert {"EU1-CHLOROEPHEDRINE-1R2S", "EU1-CHLOROEPHEDRINE-1S2R"} <= exact
    assert "DESCRIPTION_MISMATCH" not in {s.code for s in flag.signals}


def test_a_flag_on_a_structure_drawn_without_stereochemistry_claims_no_listed_stereoisomer():
    (flat,) = SCREENER.screen_event(make_event({"smiles": "CNC(C)C(Cl)c1ccccc1"}), now=NOW)
    assert flat.substance.name == "(1R,2S)-(-)-Chloroephedrine or a stereoisomer (stereochemistry not declared)"
    # (1S,2R)-ephedrine, the enantiomer of the listed (1R,2S): a stereoisomer, and not the one listed
    (other,) = SCREENER.screen_event(make_event({"smiles": "CN[C@H](C)[C@@H](O)c1ccccc1"}), now=NOW)
    assert other.substance.name == "a stereoisomer of Ephedrine (not the one listed)"
    (listed,) = SCREENER.screen_event(make_event({"smiles": "CN[C@@H](C)[C@H](O)c1ccccc1"}), now=NOW)
    assert listed.substance.name == "Ephedrine"
    assert {flat.severity, other.severity, listed.severity} <= {"high", "critical"}


def test_a_name_that_dropped_its_prime_is_still_screened_as_the_precursor_its_best_record_is():
    """'4-methylvalerophenone' is PubChem's common name of 4'-methylvalerophenone (a ring-substituted
    cathinone pre-precursor) written without its prime, and a synonym of the chain isomer. Reporting the
    name as ambiguous must not leave the item unflagged (OPSIN would read the chain isomer literally):
    it is screened as the best-ranked record, and the flag says the name is ambiguous."""
    (flag,) = SCREENER.screen_event(make_event({"name": "4-methylvalerophenone"}), now=NOW)
    assert flag.substance.smiles == "CCCCC(=O)c1ccc(C)cc1"
    assert "FAM-RING-SUBST-ARYL-ALKANONE" in {m.entry.id for m in flag.matches if m.method == "family"}
    (note,) = [n for n in flag.substance.source_notes if "differs only in its primes" in n]
    assert "1671-77-8" in note and "2050-07-9" in note and "screened as 4'-methylvalerophenone" in note


@pytest.mark.parametrize(
    ("declared", "screened_as"),
    [
        # 3-chloropropiophenone (chain) and 3'-chloropropiophenone (ring, a cathinone pre-precursor):
        # two common names that differ only in a prime, neither ranking first
        ("3-chloropropiophenone", "CCC(=O)c1cccc(Cl)c1"),
        # 3,4'-dichloro- (a 3-chloro chain: no cathinone of the series) and 3',4'-dichloropropiophenone
        # (the 3,4-DCMC pre-precursor): only the ring-substituted one is a member of the ketone family
        ("3,4-dichloropropiophenone 98%", "CCC(=O)c1ccc(Cl)c(Cl)c1"),
    ],
)
def test_a_name_of_two_substances_is_screened_as_the_one_the_watchlist_is_concerned_with(declared, screened_as):
    """Left unresolved, such a name went to OPSIN, which reads it literally (the chain isomer), and
    the pre-precursor a trader who dropped the prime meant went unflagged."""
    (flag,) = SCREENER.screen_event(make_event({"name": declared}), now=NOW)
    assert flag.substance.smiles == screened_as
    assert "FAM-RING-SUBST-ARYL-ALKANONE" in {m.entry.id for m in flag.matches if m.method == "family"}
    (note,) = [n for n in flag.substance.source_notes if "different substances" in n]
    assert "the reading the watchlist is concerned with (check which substance was meant)" in note


def test_a_synonym_of_two_substances_is_not_screened_as_the_one_of_concern():
    """PubChem gives '4-(4-fluorophenyl)butyric acid' also to an oxo acid of the ketone family: a
    synonym may be the database's error, so the name is read as written (OPSIN) and not flagged."""
    assert SCREENER.screen_event(make_event({"name": "4-(4-fluorophenyl)butyric acid"}), now=NOW) == []


@pytest.mark.parametrize(
    ("declared", "cas"),
    [
        ("3-chloropropiophenone", "936-59-4"),  # the chain isomer (fluoxetine intermediate), its own name and number
        ("4-Chlorobutyrophenone", "939-52-6"),
        ("m-Ethylphenyl acetate", "3056-60-8"),
    ],
)
def test_an_ambiguous_name_declared_with_the_number_of_one_of_its_readings_raises_no_conflict(declared, cas):
    """The name and the CAS number agree (the number names one of the name's readings): no
    IDENTIFIER_CONFLICT, and a legitimate chemical in a plain declaration is not flagged."""
    resolution = SCREENER.resolve(make_event({"name": declared, "cas": cas}).items[0])
    assert resolution.conflicts == []
    assert SCREENER.screen_event(make_event({"name": declared, "cas": cas}), now=NOW) == []


def test_a_name_that_shares_only_its_name_key_with_a_watched_substance_is_not_screened_as_it():
    """'m-ethylphenyl acetate' (3-ethylphenyl acetate) and 'methyl phenylacetate' (a Category 2B
    ester) have one name key but are different words: the watched reading is not a fair reading of
    the name, which is read as written (3-ethylphenyl acetate), and the ester's own name still is it."""
    plain = make_screener(systematic_names="off")
    resolution = plain.resolve(make_event({"name": "m-ethylphenyl acetate"}).items[0])
    assert resolution.std is None and "not resolved by it" in resolution.ambiguous[0]
    ester = plain.resolve(make_event({"name": "methyl phenylacetate"}).items[0])
    assert ester.std.key == "COC(=O)Cc1ccccc1"


def test_the_scheduled_substance_signal_claims_no_stereoisomer_the_declaration_does_not_give():
    """The licence reminder names the substance declared: for 'Cloroefedrina' (either enantiomer) or a
    drawing without stereochemistry, not '(1R,2S)-(-)-Chloroephedrine is a scheduled drug precursor'."""
    for declared in ({"name": "Cloroefedrina"}, {"smiles": "CNC(C)C(Cl)c1ccccc1"}):
        (flag,) = SCREENER.screen_event(make_event(declared), now=NOW)
        (scheduled,) = [s.detail for s in flag.signals if s.code == "SCHEDULED_SUBSTANCE"]
        assert scheduled.startswith("(1R,2S)-(-)-Chloroephedrine or a stereoisomer (stereochemistry not declared) is")
    (listed,) = SCREENER.screen_event(make_event({"smiles": "CN[C@@H](C)[C@H](Cl)c1ccccc1"}), now=NOW)
    (scheduled,) = [s.detail for s in listed.signals if s.code == "SCHEDULED_SUBSTANCE"]
    assert scheduled.startswith("(1R,2S)-(-)-Chloroephedrine is a scheduled drug precursor")


def test_the_item_memo_key_is_the_declared_identifiers_and_the_description():
    # Written out field by field (it is built for every item): the same tuple as from declared_identifiers.
    from pipeline.screening import declared_identifiers, item_memo_key

    event = make_event(
        {"smiles": "CC(=O)Cc1ccccc1", "cas": "103-79-7", "name": "BMK", "cn_code": "29143100", "description": "x"},
        {"inchi": "InChI=1S/C2H6O/c1-2-3/h3H,2H2,1H3", "description": "ethanol"},
        {"name": "acetone"},
    )
    for item in event.items:
        assert item_memo_key(item) == ("item", *declared_identifiers(item), item.description)


def test_a_polish_name_written_with_its_locant_n_is_flagged_as_the_entry_and_the_flag_says_how_it_was_read():
    """Poland's list writes pentedrone 'α-metyloaminowalerofenon'; 'α-N-metyloaminowalerofenon' is found only
    with the locant N- ignored (chemistry/resolve.py resolve_without_n_locants), with OPSIN on or off."""
    for screener in (SCREENER, make_screener(systematic_names="off")):
        (flag,) = screener.screen_event(make_event({"name": "α-N-metyloaminowalerofenon"}), now=NOW)
        assert flag.severity in ("high", "critical")
        assert "DRUG-PENTEDRONE" in {m.entry.id for m in flag.matches if m.method == "exact"}
        assert flag.substance.resolved_by == "name"
        assert "'α-metyloaminowalerofenon' with the locant N- ignored" in flag.substance.source
    # N-benzoylethanamine (N-ethylbenzamide) is not cathinone ('benzoylethanamine'), OPSIN or not.
    plain = make_screener(systematic_names="off")
    assert plain.screen_event(make_event({"name": "N-benzoylethanamine"}), now=NOW) == []


def test_a_category_1_name_with_a_typing_error_keeps_the_entrys_severity_and_the_flag_says_how_it_was_read():
    """'Phenylacteon' is one typing error from the German 'Phenylaceton' and from no other known name
    (chemistry/resolve.py resolve_misspelt_name): flagged as BMK, as severe as the name spelt right, the
    flag's substance saying it was read as a misspelling. Without the identifier database it is not read."""
    (right,) = SCREENER.screen_event(make_event({"name": "Phenylaceton"}), now=NOW)
    (flag,) = SCREENER.screen_event(make_event({"name": "Phenylacteon"}), now=NOW)
    assert flag.severity == right.severity and flag.severity in ("high", "critical")
    assert "EU1-BMK" in {m.entry.id for m in flag.matches if m.method == "exact"}
    said = "the name 'Phenylacteon' was read as a misspelling of 'Phenylaceton' (1-Phenyl-2-propanone)"
    assert said in flag.substance.source and any(said in note for note in flag.substance.source_notes)
    assert make_screener(identifier_database="off").screen_event(make_event({"name": "Phenylacteon"}), now=NOW) == []
    # a legitimate chemical one edit from the Category 1 name piperonal is itself, not flagged as piperonal
    assert SCREENER.screen_event(make_event({"name": "Piperonol"}), now=NOW) == []


def test_a_category_1_name_cut_at_an_erp_field_length_keeps_the_entrys_severity_and_the_flag_says_how():
    """'ISOPROPYL 2-METHYL-3-PHENYLOXIRANE-2-CAR' (the twenty-fourth held-out set's pch24036, a 40-character ERP
    material text) is the beginning of BMK isopropyl glycidate's name and of no other known name (chemistry/resolve.py
    resolve_cut_name): flagged as the entry, the flag's substance saying that the name looked cut. Without the
    identifier database it is not read; a legitimate ester's name cut so is not the glycidate."""
    declared = "ISOPROPYL 2-METHYL-3-PHENYLOXIRANE-2-CAR"
    (whole,) = SCREENER.screen_event(make_event({"name": "Isopropyl 2-methyl-3-phenyloxirane-2-carboxylate"}), now=NOW)
    (flag,) = SCREENER.screen_event(make_event({"name": declared}), now=NOW)
    assert flag.severity == whole.severity and flag.severity in ("high", "critical")
    assert "EU1-BMK-ISOPROPYL-GLYCIDATE" in {m.entry.id for m in flag.matches if m.method == "exact"}
    said = f"the name '{declared}' looked cut at a field's length"
    assert said in flag.substance.source and any(said in note for note in flag.substance.source_notes)
    assert make_screener(identifier_database="off").screen_event(make_event({"name": declared}), now=NOW) == []
    assert SCREENER.screen_event(make_event({"name": "METHYL 3-(1,3-BENZODIOXOL-5-YL)PROPANOA"}), now=NOW) == []


def test_an_sds_extract_in_the_name_field_is_screened_as_what_its_sections_name():
    """The twenty-fourth held-out set's pch24053: an SDS's section 1 and 3 copied into the name field."""
    declared = "SECTION 1 Product identifier: Safrole; SECTION 3: 5-(2-propenyl)-1,3-benzodioxole 100 %"
    (flag,) = SCREENER.screen_event(make_event({"name": declared}), now=NOW)
    assert "EU1-SAFROLE" in {m.entry.id for m in flag.matches if m.method == "exact"}
    assert flag.severity in ("high", "critical") and "safety data sheet's section labels" in flag.substance.source


def test_the_reading_of_an_ambiguous_name_chosen_on_a_clock_bound_analysis_is_not_remembered():
    """Which reading of '4-chloroacetoacetanilide' is screened rests on analyses of both readings; when
    the wall clock cuts them short, that busy moment's choice must not decide for the process's life."""
    from pipeline.screening import declared_identifiers

    (item,) = make_event({"name": "4-chloroacetoacetanilide"}).items
    hurried = make_screener(unmask_time_budget_s=1e-9, systematic_names="off")
    resolution = hurried.resolve(item)
    assert resolution.clock_bound
    assert hurried.cache.get(("resolution", *declared_identifiers(item))) is None
    hurried.item_chemistry(item)
    assert hurried.remembered_chemistry(item) is None
    unhurried = make_screener(systematic_names="off")
    resolution = unhurried.resolve(item)
    assert not resolution.clock_bound and resolution.std.key == "CC(=O)CC(=O)Nc1ccc(Cl)cc1"
    assert unhurried.cache.get(("resolution", *declared_identifiers(item))) is resolution


@pytest.mark.parametrize(
    "declared",
    [
        "α-N-metyloaminowalerofenon (" + "a b" * 200_000 + ")",  # read with its locant N- ignored
        "3-chloropropiophenone (" + "z" * 600_000 + ")",  # a name of two substances
    ],
    ids=["n-locant", "ambiguous"],
)
def test_a_long_declared_name_is_quoted_short_in_the_flag(declared):
    # An event may be up to a megabyte; a flag that quoted its name whole, twice for a locant N- read
    # away, outgrew the flags topic's limit (Kafka's max.message.bytes defaults to about 1 MB).
    (flag,) = SCREENER.screen_event(make_event({"name": declared}), now=NOW)
    assert len(flag.model_dump_json()) < 20_000
    quoted = (flag.substance.source or "") + " ".join(flag.substance.source_notes)
    assert declared[:200] + "\u2026" in quoted and declared[:201] not in quoted


def test_each_substance_of_a_name_field_listing_several_is_screened_and_said_so():
    v = screen_one({"name": "Aceton; BMK"})
    assert v.resolution.std.key == "CC(=O)Cc1ccccc1"
    acetone = [f for f in v.findings if f.declared_as == "name 'Aceton'"]
    assert acetone and all("also declared in the name field" in f.detail for f in acetone)


@pytest.mark.parametrize(
    "name", ["Ephedr\u0456ne", "Safr\u043ele", "\u0415phedrine hydrochloride", "Pseud\u043eephedr1ne HC1"]
)
def test_a_category_1_name_typed_with_a_cyrillic_look_alike_letter_is_identified(name):
    # Sixteenth session's attack: one Cyrillic letter in the name, no CAS number, and the item was not
    # identified at all (unflagged).
    assert screen_one({"name": name, "description": "chemical"}).severity == "high"


def test_a_listed_head_does_not_hide_a_more_controlled_substance_in_the_particulars():
    # Sixteenth session's attack: read from its head alone, this was acetone (Category 3, info) and the
    # safrole after it was not read.
    v = screen_one({"name": "Chemical goods as per invoice", "description": "Acetone, Safrole 98%, 200 kg drums"})
    assert v.severity == "high" and v.resolution.name == "Safrole"
    assert [d.name for d in v.resolution.also_declared] == ["Acetone"]
    assert "particulars, read as the substances of a mixture" in (v.resolution.source or "")


@pytest.mark.parametrize(
    "description",
    [
        "Ethanol, denatured, toluene 1%, 200 l drums",  # an unlisted head: read as before (ethanol)
        "Cold tablets, pseudoephedrine 60 mg, paracetamol 500 mg, 10 x 10 blister",  # no head named
        "Sassafras oil, safrole-free, 1 kg",
    ],
)
def test_particulars_are_read_as_a_mixture_only_behind_a_listed_head(description):
    assert screen_one({"description": description}).severity is None


@pytest.mark.parametrize("field", ["name", "description"])
def test_sassafras_oil_is_flagged_as_safrole_and_the_flag_says_it_was_read_through_the_oils_name(field):
    v = screen_one({field: "Sassafras oil, 180 kg drums"})
    assert v.severity == "high" and v.resolution.name == "Safrole"  # Category 1, as safrole itself
    assert "natural product: 'sassafras oil'" in v.resolution.source
    assert "through the product's name, not as the pure substance" in v.resolution.source


@pytest.mark.parametrize(
    "item",
    [
        {"name": "Camphor oil, white, rectified"},  # no source read names it: the DEA notice names "brown" camphor oil
        {"name": "UN1130 CAMPHOR OIL, 3, III"},
        {"name": "Sassafras oil (safrole-free), flavour grade"},
        {"description": "Safrole-free sassafras oil, 1 kg"},
    ],
)
def test_an_oil_no_source_controls_or_one_free_of_safrole_is_not_flagged(item):
    assert screen_one(item).severity is None


def test_a_listed_substance_named_in_the_description_of_another_chemical_is_screened_too():
    # The attack run's evasion: identifiers of ethanol, the description the goods' true name (Category 1).
    v = screen_one({"cas": "64-17-5", "name": "Ethanol", "description": "Safrole"})
    assert v.severity == "high"
    (safrole,) = [f for f in v.findings if f.entry is not None and f.entry.id == "EU1-SAFROLE"]
    assert safrole.method == "exact" and "also declared in the goods description" in safrole.detail


@pytest.mark.parametrize(
    "item",
    [
        {"cas": "64-17-5", "name": "Ethanol", "description": "Acetone-free solvent, 200 l drums"},  # names no substance
        {"cas": "67-64-1", "name": "Acetone", "description": "Acetone, technical"},  # the same substance
        {"cas": "67-64-1", "name": "Acetone", "description": "Ethanol"},  # an unlisted chemical
    ],
)
def test_a_description_that_names_no_other_listed_substance_adds_nothing(item):
    assert screen_one(item).resolution.also_declared == ()


# -- a Category 4 medicament declared by its own CN code (chemistry/matching.py match_medicinal_product_code) --
COMBINATION_PRODUCT = {
    "name": "Gelocatil Gripe con Pseudoefedrina comprimidos",
    "description": "Paracetamol, Pseudoefedrina Hidrocloruro, Clorfenamina Maleato; 300 cajas",
}


def test_a_combination_product_under_its_category_4_code_is_reported_although_another_ingredient_was_identified():
    # The eighteenth held-out set's pch18046: the description's first ingredient (paracetamol, a common
    # chemical) was identified, and the pseudoephedrine product under 3004 42 00 went unreported.
    (flag,) = SCREENER.screen_event(make_event({**COMBINATION_PRODUCT, "cn_code": "30044200"}), now=NOW)
    assert flag.severity == "info"
    (match,) = flag.matches
    assert match.method == "identifier" and match.entry.id == "EU4-PSEUDOEPHEDRINE-MEDICINAL"
    assert "another of their ingredients" in match.detail
    codes = [s.code for s in flag.signals]
    assert "SCHEDULED_SUBSTANCE" in codes  # its export authorisation is checked, as for any Category 4 item
    assert "CN_MISMATCH" not in codes  # 3004 42 00 is the right code for the goods, not paracetamol's mistake


def test_the_same_product_under_another_code_or_paracetamol_alone_raises_no_category_4_finding():
    for cn_code in ("30049000", "29242990"):  # other medicaments; paracetamol's own heading
        flags = SCREENER.screen_event(make_event({**COMBINATION_PRODUCT, "cn_code": cn_code}), now=NOW)
        assert not any(m.entry and m.entry.id.startswith("EU4-") for f in flags for m in f.matches)
    # Another entry's code beside an identified substance is no finding of that entry (CN_MISMATCH says it).
    flags = SCREENER.screen_event(make_event({"name": "Paracetamol", "cn_code": "29143100"}), now=NOW)
    assert not any(m.method == "identifier" for f in flags for m in f.matches)


def test_a_dangerous_goods_description_of_a_scheduled_substance_is_flagged_and_a_legitimate_one_is_not():
    # twenty-third held-out set: transport documents name goods as "UN number, proper shipping name, class
    # (subsidiary hazard), packing group"
    anhydride = screen_one({"name": "UN1715 ACETIC ANHYDRIDE, 8 (3), II", "cn_code": "29152400"})
    assert anhydride.severity == "low" and "EU2A-ACETIC-ANHYDRIDE" in {f.entry.id for f in anhydride.findings}
    methanol = screen_one({"name": "UN1230 METHANOL, 3 (6.1), II"})
    assert methanol.severity is None


def test_a_scheduled_constituent_of_a_mixture_listed_in_the_description_is_screened():
    # held-out 27's pch27021: potassium permanganate pellets ("CCP 108") seized at Genoa in 2025
    verdict = screen_one(
        {
            "name": "CCP (Chem Control Pellet) 108",
            "description": "Miscela di ossido di alluminio, permanganato di potassio, carbonato di sodio e "
            "bicarbonato di sodio, 10.000 kg",
        }
    )
    assert "EU2B-POTASSIUM-PERMANGANATE" in {f.entry.id for f in verdict.findings if f.method == "exact"}
    assert "listed as a mixture's" in (verdict.resolution.source or "")
    # a mixture of unlisted constituents names nothing listed
    plain = screen_one({"name": "CCP 108", "description": "Miscela di ossido di alluminio e carbonato di sodio"})
    assert plain.severity is None


@pytest.mark.parametrize(
    "description",
    [
        "Miscela contenente ossido di alluminio, permanganato di potassio e carbonato di sodio",
        "Mixture of: aluminium oxide, potassium permanganate, sodium carbonate",
        "Mixture (aluminium oxide, potassium permanganate, sodium carbonate)",
        "Aluminium oxide / potassium permanganate / sodium carbonate mixture",
    ],
)
def test_the_constituents_of_a_mixture_written_another_way_are_screened(description):
    # review22b G2: the same pellets with "containing", a colon, a bracket or "mixture" at the end
    verdict = screen_one({"name": "Pellets X", "cn_code": "38249996", "description": description})
    assert "EU2B-POTASSIUM-PERMANGANATE" in {f.entry.id for f in verdict.findings if f.method == "exact"}


@pytest.mark.parametrize(
    ("item", "entry", "severity"),
    [
        # held-out 32's pch32008 and pch32050: waste named by its stream, its listed constituent in the description
        (
            {
                "name": "Spent caustic soda solution",
                "cn_code": "38259010",
                "description": "EWC 06 02 04* | Basel Y35 | organic layer with phenylacetone residues approx. 5 %",
            },
            "EU1-BMK",
            "critical",
        ),
        (
            {
                "name": "Recovered acetic acid",
                "cn_code": "29152100",
                "description": "Contains acetic anhydride approx. 15 % | EWC 07 01 04* | Basel Y42",
            },
            "EU2A-ACETIC-ANHYDRIDE",
            "low",
        ),
        # no identifier: the constituent is the item's substance
        ({"description": "Distillation residue containing safrole approx. 20 %"}, "EU1-SAFROLE", "high"),
        # the description names the goods first (review25 H2): the constituent is kept beside them
        (
            {"name": "Toluene", "cn_code": "29023000", "description": "Toluene, contaminated with phenylacetone 5 %"},
            "EU1-BMK",
            "high",
        ),
        # unlisted constituents before it do not hide it (review25 H4)
        (
            {
                "name": "Waste solvent",
                "description": "contains water 5 %, contains ethanol 5 %, contains glycerol 5 %, contains sugar 5 %, "
                "contains safrole 5 %",
            },
            "EU1-SAFROLE",
            "high",
        ),
    ],
)
def test_a_listed_constituent_of_waste_or_contaminated_goods_is_screened_and_said_where(item, entry, severity):
    verdict = screen_one(item)
    assert entry in {f.entry.id for f in verdict.findings if f.method == "exact"}
    assert verdict.severity == severity
    sources = [verdict.resolution.source or ""] + [d.source for d in verdict.resolution.also_declared]
    assert any("stated in the goods description as a constituent" in s for s in sources)


def test_a_stated_solvent_never_stands_in_for_goods_the_description_names():
    # review25 H1: OPSIN reads the goods from the description before any constituent is read
    verdict = screen_one({"description": "Spent 1-phenylpropan-2-one, crude, contains toluene 5 %"})
    assert "EU1-BMK" in {f.entry.id for f in verdict.findings if f.method == "exact"}
    assert verdict.severity in ("high", "critical")


@pytest.mark.parametrize(
    "item",
    [
        {"name": "Recovered acetic acid", "description": "contains no acetic anhydride"},
        {"name": "Recovered acetic acid", "description": "not contaminated with acetic anhydride"},
        {"name": "Recovered acetic acid", "description": "acetic anhydride: not detected; contains acetic anhydride n.d."},
        {"name": "Recovered acetic acid", "description": "contains water 5 %"},  # unlisted
        {"name": "Acetic acid", "description": "Acetic acid, contains acetic anhydride approx. 0 %"},
        {"name": "Viton O-rings", "cn_code": "40169300", "description": "compatible with acetic anhydride up to 100 %"},
        {"name": "Nutmeg oil", "description": "Nutmeg oil with safrole 2 %"},
    ],
)
def test_a_constituent_said_absent_unlisted_or_of_goods_not_waste_adds_nothing(item):
    verdict = screen_one({"cn_code": "29152100", **item})
    assert not any("stated in the goods description" in (d.source or "") for d in verdict.resolution.also_declared)
    assert "stated in the goods description" not in (verdict.resolution.source or "")


@pytest.mark.parametrize(
    ("item", "entry"),
    [
        # held-out 26's pch26065 and pch26066: ICS2 stop words as names, the substance in the description's prose
        (
            {"name": "SAMPLE", "description": "SAMPLE OF PMK GLYCIDATE FOR LAB TEST NO COMMERCIAL VALUE"},
            "EU1-PMK-METHYL-GLYCIDATE",
        ),
        ({"name": "POWDER", "description": "WHITE POWDER BMK GLYCIDATE 25KG X 4 DRUMS"}, "EU1-BMK-GLYCIDIC-ACID"),
    ],
)
def test_a_listed_substance_named_after_a_vague_opening_of_the_description_is_screened(item, entry):
    verdict = screen_one(item)
    assert entry in {f.entry.id for f in verdict.findings if f.method == "exact"}
    assert "after the vague opening words" in (verdict.resolution.source or "")


@pytest.mark.parametrize("description", ["Powder coating resin, 25 kg", "Liquid paraffin, 200 l drums"])
def test_an_unlisted_name_after_a_vague_opening_word_is_not_taken(description):
    verdict = screen_one({"name": "POWDER", "description": description})
    assert "after the vague opening words" not in (verdict.resolution.source or "")


@pytest.mark.parametrize(
    "name",
    [
        "InChI=1S/C10H15NO/c1-8(11-2)10(12)9-6-4-3-5-7-9/h3-8,10-12H,1-2H3/t8-,10-/m0/s1",
        "CN[C@@H](C)[C@H](O)c1ccccc1",
    ],
)
def test_goods_named_by_a_structure_identifier_in_the_name_field_under_3003_keep_category_1(name):
    # the same goods as by the CAS field: a bulk substance, not a medicament of two or more constituents
    verdict = screen_one({"name": name, "cn_code": "30039000", "description": "medicament bulk, 100 kg"})
    assert "EU1-EPHEDRINE" in {f.entry.id for f in verdict.findings if f.method == "exact"}
    assert verdict.severity == "critical" and "CN_MISMATCH" in {s.code for s in verdict.signals}


@pytest.mark.parametrize(("description", "entry"), [("RM-4742 PIPERONAL KRIST.", "EU1-PIPERONAL"), ("ISOSAFROL 29329100", "EU1-ISOSAFROLE")])
def test_codes_beside_a_name_in_the_description_are_set_aside_too(description, entry):
    # review23b G8: the codes reading had been the name field's only
    verdict = screen_one({"name": "Chemikalie", "description": description})
    assert entry in {f.entry.id for f in verdict.findings if f.method == "exact"}


def test_a_name_a_csv_export_cut_at_a_comma_is_read_with_the_descriptions_first_field():
    # the thirty-ninth held-out set's pch39025: PMK's name cut inside its brackets, the rest in the next field
    verdict = screen_one({"name": "1-(1", "description": "3-benzodioxol-5-yl)propan-2-one | 400 kg"})
    assert verdict.severity == "high" and "a CSV export had cut it at a comma" in verdict.resolution.source


def test_a_name_cut_at_a_comma_is_read_anew_for_each_description():
    # the reading depends on the description, which the remembered resolution's key leaves out: the same cut name
    # with a description that does not close its bracket is not read so, whichever item came first
    from tests.factories import make_screener

    screener = make_screener()
    first = make_event({"name": "1-(1", "description": "3-benzodioxol-5-yl)propan-2-one | 400 kg"})
    second = make_event({"name": "1-(1", "description": "spare parts | 400 kg"})
    assert screener.screen_item(first, first.items[0]).severity == "high"
    assert screener.screen_item(second, second.items[0]).severity is None


# -- a listed substance among the fragments a structure sets aside (chemistry/resolve.py add_listed_fragments) --------


@pytest.mark.parametrize(
    ("declared", "entry"),
    [
        # review27: the largest fragment is kept, so a listed one beside a larger one had been set aside unscreened
        ({"smiles": "C=CCc1ccc2c(c1)OCO2.CCCCCCCCCCCCCCCCCCCC"}, "EU1-SAFROLE"),
        # OPSIN parses a listed name before a systematic name as two components
        ({"name": "SAFROLE 3-(4-ethoxy-3-propylphenyl)prop-1-ene"}, "EU1-SAFROLE"),
        ({"smiles": "CC(=O)Cc1ccccc1.CCCCCCCCCCCCCCCCCCCC"}, "EU1-BMK"),
        # review27b: decoy fragments do not push the listed one out, and a salt's ions are read together
        ({"smiles": "C=CCc1ccc2c(c1)OCO2" + ".C" * 12 + ".CC.CCC.CCCC.CCCCC.CCCCCC.CCCCCCC.CCCCCCCCCCCCCCCCCCCC"}, "EU1-SAFROLE"),
        ({"smiles": "[K+].[O-][Mn](=O)(=O)=O.CCCCCCCCCC"}, "EU2B-POTASSIUM-PERMANGANATE"),
        ({"smiles": "[P].CCCCCCCCCC"}, "EU2A-RED-PHOSPHORUS"),
    ],
)
def test_a_listed_substance_set_aside_as_a_fragment_is_screened_too(declared, entry):
    verdict, flag = SCREENER.screen_event_items(make_event(declared))[0]
    (fragment,) = verdict.resolution.also_declared
    assert fragment.identifier.startswith("fragment ") and fragment.field == "declared structure's fragments"
    assert any(f.method == "exact" and f.entry.id == entry for f in verdict.findings if f.entry is not None)
    assert flag is not None and flag.severity in {"low", "high", "critical"}


@pytest.mark.parametrize(
    "smiles",
    [
        "CN[C@@H](C)[C@H](O)c1ccccc1.Cl",  # hydrochloric acid (Category 3) of every hydrochloride is no substance of its own
        "CN[C@@H](C)[C@H](O)c1ccccc1.OC(=O)C(O)C(O)C(=O)O",  # a tartrate: an unlisted counter-ion
        "CCCCCCCCCCCCCCCCCCCC.Cc1ccccc1",  # a toluene solvate (Category 3): what solvates are made of
        "CC(C)Cc1ccc(C(C)C(=O)[O-])cc1.[Na+]",  # a sodium salt
        "CCCCCCCCCCCCCCCC.[Na+].[O-][Mn](=O)(=O)=O",  # sodium permanganate, which no list names
    ],
)
def test_salts_and_solvates_add_no_substance(smiles):
    verdict, _ = SCREENER.screen_event_items(make_event({"smiles": smiles}))[0]
    assert verdict.resolution.also_declared == ()


@pytest.mark.parametrize(
    "smiles",
    [
        "CCN(CC)C(=O)[C@H]1CN(C)[C@@H]2Cc3cn(C(=O)CC)c4cccc(C2=C1)c34",  # 1P-LSD (held-out 54's pmh54053)
        "CCN(CC)C(=O)[C@H]1CN(C)[C@@H]2Cc3cn(C(=O)C)c4cccc(C2=C1)c34",  # ALD-52
    ],
)
def test_a_1_acyl_lysergamide_is_reported_as_lsd(smiles):
    verdict = screen_one({"smiles": smiles})
    assert "DRUG-LSD" in {f.entry.id for f in verdict.findings if f.method == "unmasking"}
    assert verdict.severity == "critical"


def test_indometacin_a_1_acyl_indole_medicine_is_not_flagged():
    assert screen_one({"smiles": "COc1ccc2c(c1)c(CC(=O)O)c(C)n2C(=O)c1ccc(Cl)cc1"}).severity is None


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        ("Fentanyl Hexal 25 Mikrogramm/h Matrixpflaster", "critical"),
        ("Methylphenidat-HCl-ratiopharm 27 mg Retardtabletten", "critical"),
        ("Oxycodon-HCl AL 10 mg Retardtabletten", "critical"),
        ("Paracetamol-ratiopharm 500 mg Tabletten", None),
    ],
)
def test_a_generic_medicine_named_by_its_substance_and_its_makers_mark_is_screened_as_the_substance(name, severity):
    assert screen_one({"name": name}).severity == severity


def test_a_brand_named_medicine_is_screened_by_the_substance_its_description_states_with_an_equivalent_strength():
    # held-out 48's pdh48002: the brand names nothing; the description's field names the salt, then its equivalent
    verdict = screen_one(
        {
            "name": "Instanyl 100 micrograms/dose nasal spray, solution",
            "description": "Rx | fentanyl citrate equivalent to 1,000 micrograms fentanyl/ml | EU centralised",
        }
    )
    assert verdict.severity == "critical"
    assert "DRUG-FENTANYL" in {f.entry.id for f in verdict.findings if f.entry is not None}


@pytest.mark.parametrize(
    ("item", "severity"),
    [
        # held-out 53's pdh53013: a medicine described by the controlled substance it is made from
        ({"name": "Codeine Based Cough Syrup (CBCS) Dialex DC 100 ml"}, "critical"),
        ({"name": "codeine-based cough syrup"}, "critical"),
        ({"name": "Cough syrup", "description": "codeine based cough syrup, 2,245 bottles"}, "critical"),
        # no dose form after 'based': a mixture's base, not read so
        ({"name": "Toluene-based adhesive"}, None),
        ({"description": "Toluene based adhesive, 20 l"}, None),
        ({"name": "Water based syrup"}, None),
        # review31: the Romance and German phrases, the substance after them; cough medicines' own forms
        ({"name": "Sirop à base de codéine"}, "critical"),
        ({"name": "Sciroppo a base di codeina 100 ml"}, "critical"),
        ({"name": "Hustensaft auf Basis von Codein"}, "critical"),
        ({"name": "Syrup", "description": "sirop à base de codéine, 200 flacons"}, "critical"),
        ({"name": "Peinture à base de toluène"}, None),  # no dose form: a mixture's base
        # review33: the name ends before a word that joins another ("pour la toux", "und Efeu")
        ({"name": "Sirop à base de codéine pour la toux"}, "critical"),
        ({"name": "Sciroppo a base di codeina per la tosse"}, "critical"),
        ({"name": "Jarabe a base de codeína para la tos"}, "critical"),
        ({"name": "Hustensaft auf Basis von Codein und Efeu"}, "critical"),
        ({"name": "Codeine cough syrup"}, "critical"),
        ({"name": "Codeine linctus"}, "critical"),
    ],
)
def test_a_medicine_described_by_the_listed_substance_it_is_based_on_is_screened_as_it(item, severity):
    assert screen_one(item).severity == severity


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        # review33: a generic maker's mark after a listed substance's name is set aside in any text (review31 had kept
        # it to a medicine's, and these named nothing)
        ("Safrole Puren", "high"),
        ("Piperonal Stada", "high"),
        ("Ephedrine Teva", "high"),
        ("Heliotropin Accord", None),  # a perfumer's blend; 'Accord' is no mark (review31)
        ("Piperonal Arrow", None),  # 'Arrow' is no mark (review31)
        ("Oxycodon-HCl AL 10 mg", "critical"),
        ("Fentanyl Hexal 25 Mikrogramm/h", "critical"),
        # a strength stated as its equivalent, the substance's name before the figure
        ("Codeine phosphate 30 mg eq. to codeine 22 mg tablets", "critical"),
    ],
)
def test_a_makers_mark_or_an_equivalent_strength_is_set_aside_after_the_substance_it_follows(name, severity):
    assert screen_one({"name": name}).severity == severity


# review30: the twenty-ninth session's readings, each case failing on that version
@pytest.mark.parametrize(
    ("item", "severity"),
    [
        # H3: bulk goods for making the product, a dose strength between the purpose and the word
        ({"name": "Pseudoephedrine HCl", "description": "raw material for 60 mg tabs"}, "high"),
        ({"name": "Pseudoephedrine HCl", "description": "API for cough syrup 30 mg/5 ml"}, "high"),
        ({"name": "Pseudoephedrine HCl", "description": "used in syrup 30 mg/5 ml"}, "high"),
        ({"name": "Ephedrine sulfate", "description": "for use in injection 50 mg/ml"}, "high"),
        # ... and for the words only medicines use, past a strength and a release kind (review30's purpose gap)
        ({"name": "Pseudoephedrine HCl", "description": "raw material for 60 mg tablets"}, "high"),
        ({"name": "Pseudoephedrine HCl", "description": "for use in 120 mg extended-release tablets"}, "high"),
        ({"name": "Pseudoephedrine HCl 60 mg tablets", "description": "for cold relief"}, "low"),
        # M3: what bulk ships in holds no medicinal product
        ({"name": "Pseudoephedrine HCl syrup 30 mg/5 ml", "description": "24000 l flexitank"}, "high"),
        ({"name": "Pseudoephedrine HCl syrup 30 mg/5 ml", "description": "1 x 20' ISO tank"}, "high"),
        # L2: a limit per kilogram is no unit dose
        ({"name": "Pseudoephedrine HCl", "description": "screw caps 10 mg/kg heavy metals"}, "high"),
        # but pallets carry medicines too (held-out 40's pch40073)
        ({"name": "Pseudoephedrine HCl 60 mg tabs", "description": "4 pallets"}, "low"),
        # M1, M2: a negation before 'contains', a zero share
        ({"name": "Goods", "description": "Each batch not containing safrole"}, None),
        ({"name": "Herbal tea", "description": "Each sachet not containing ephedrine"}, None),
        ({"name": "Goods", "description": "Every sample free containing safrole"}, None),
        ({"name": "Goods", "description": "contains 0% safrole"}, None),
        ({"name": "Goods", "description": "contains safrole 0 %"}, None),
        ({"name": "Vitamin C tablets", "description": "contains 0% pseudoephedrine"}, None),
        # H2: a locant after a UN number or a pharmacopoeia's mark stays
        ({"name": "UN 2811 4-Piperidone"}, "high"),
        ({"name": "UN2811, 4-piperidone hydrochloride"}, "high"),
        ({"name": "USP 4 piperidone"}, "high"),
        # the readings themselves still hold
        ({"name": "Pseudoephedrine 60 mg tabs"}, "low"),
        ({"name": "Pseudoephedrine HCl", "description": "syrup 30 mg/5 ml"}, "low"),
        ({"name": "Tablets", "description": "Each tablet contains pseudoephedrine hydrochloride 60 mg"}, "low"),
    ],
)
def test_the_review_of_the_contains_dose_form_and_particulars_readings(item, severity):
    assert screen_one(item).severity == severity


def test_a_repeated_contains_heading_is_read_once_per_repeat(monkeypatch):
    # review30 H1: the 'contains' branch read again what the heading branch reads, doubling the work per repeat
    import chemistry.resolve as resolve

    calls = []
    original = resolve.resolve_description

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(resolve, "resolve_description", counted)
    screen_one({"name": "Goods", "description": "Contains: " * 10 + "x, y", "cn_code": "38140090"})
    assert len(calls) <= 40


@pytest.mark.parametrize(
    "name",
    [
        # `critical` as dronabinol before: the bracket was read as a synonym of the goods
        "Full spectrum hemp extract (Tetrahydrocannabinol max 0.2%)",
        "Hemp extract (tetrahydrocannabinol < 0.2 %)",
        "Hemp extract; Tetrahydrocannabinol < 0,2 %",
        # white camphor oil is the grade sold by its low safrole (the brown one is rich in it)
        "Camphor oil white (safrole max 0.5 %)",
    ],
)
def test_a_constituent_the_name_limits_to_a_trace_is_not_screened_as_the_goods(name):
    verdict = screen_one({"name": name})
    assert verdict.severity is None
    assert verdict.findings == []


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("Fragrance base (safrole max 30 %)", "EU1-SAFROLE"),  # much of the goods, perhaps
        ("Ephedrine hydrochloride (water max 0.5 %)", "EU1-EPHEDRINE"),
        ("Safrole; water max 0,5 %; 200 kg drums", "EU1-SAFROLE"),
        # review36b: a limit beside the goods' name, in the bracket or after it, took the goods with it
        ("Chemical (PMK glycidate 98 %, water max 0.5 %)", "EU1-PMK-METHYL-GLYCIDATE"),
        ("Industrial chemical (Ephedrine, water < 0.5 %)", "EU1-EPHEDRINE"),
        ("Safrole max 1 %, 200 L drums", "EU1-SAFROLE"),
        ("P2P max 0.5 %, 200 kg drums", "EU1-BMK"),
    ],
)
def test_a_name_beside_a_trace_limit_or_a_larger_limit_is_still_screened(name, entry):
    verdict = screen_one({"name": name})
    assert entry in exact_entry_ids(verdict)
    assert verdict.severity == "high"


@pytest.mark.parametrize(
    "name", ["Fentanyl citrate (related substances max 0.5 %, 100 g)", "Cocaine hydrochloride (moisture < 1 %, 1 kg)"]
)
def test_a_drug_beside_an_impurity_limit_and_a_pack_is_still_the_drug(name):
    # review36b: the first version set the whole bracket aside with the name before it
    assert screen_one({"name": name}).severity == "critical"


@pytest.mark.parametrize(
    "item",
    [
        # the sixtieth held-out set's nlh60042 and nlh60043, both `critical` before
        {
            "name": "Phenylpropanolamine 50 mg/ml syrup for dogs (veterinary medicinal product)",
            "cn_code": "30049000",
            "description": "Veterinary syrup for urinary incontinence, 1000 bottles 30 ml",
        },
        {"name": "Ergometrine maleate 0.2 mg/ml injection (medicinal product)", "cn_code": "30044900"},
    ],
)
def test_a_medicinal_product_of_a_category_1_substance_outside_category_4_is_info_and_says_why(item):
    verdict = screen_one(item)
    assert verdict.severity == "info"
    assert not {s.code for s in verdict.signals} & {"SCHEDULED_SUBSTANCE", "CN_MISMATCH"}
    (marked,) = [f for f in verdict.findings if f.medicinal_product]
    assert "a medicinal product is no scheduled substance" in marked.detail


@pytest.mark.parametrize(
    "item",
    [
        {"name": "Norephedrine HCl 99 %, 25 kg drums", "cn_code": "30049000"},  # bulk: no medicine
        {"name": "Safrole 50 mg tablets", "cn_code": "30049000"},  # no medicine is made of safrole
        # review36c: bulk declared as a medicine, under 3003, without a unit dose, or beside another substance
        {"name": "Norephedrine tablets", "cn_code": "30049000", "net_mass_kg": 800},
        {"name": "Ergotamine tartrate EP powder", "cn_code": "30039000", "description": "capsules"},
        {"name": "Ergotamine tartrate 1000 g tablets", "cn_code": "30049000"},
        {"name": "Norephedrine 25 mg tablets; acetic anhydride", "cn_code": "30049000"},
    ],
)
def test_a_scheduled_substance_passed_off_as_a_medicine_stays_critical(item):
    assert screen_one(item).severity == "critical"


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        # the sixtieth held-out set's pch60076 and pch60061: Category 1 precursors dissolved to pass as other goods
        ("N-Phenethyl-4-piperidone 10 % in ethanol", "EU1-NPP"),
        ("PMK glycidate 30 % in PEG-400", "EU1-PMK-METHYL-GLYCIDATE"),
        ("Safrole 30 % in ethanol", "EU1-SAFROLE"),
        # named after a word for "containing" (the sixtieth held-out set's pch60058; thirty-seventh session)
        ("Heliotrope fragrance base containing heliotropin 20 % in DPG", "EU1-PIPERONAL"),
        ("Mischung enthaltend Piperonal 20 % in Dipropylenglykol", "EU1-PIPERONAL"),
    ],
)
def test_a_category_1_substance_in_a_solvent_below_half_of_it_is_the_substance(name, entry):
    verdict = screen_one({"name": name})
    assert entry in exact_entry_ids(verdict)
    assert verdict.severity == "high"
    assert "in a solvent" in verdict.resolution.source


@pytest.mark.parametrize(
    "name",
    [
        "Toluene 5 % in concentrate",  # Category 3, mostly something else (review22c)
        "Acetic anhydride 30 % in acetic acid",  # Category 2A below half of the solution
        "Piperonal 0.5 % in ethanol",  # a trace
        "Camphor oil white (safrole 1 % in oil)",  # a bracket before the share (review36c)
        "Fragrance base containing heliotropin 20 %",  # no solvent: perhaps a finished product's share
        "Perfume base containing heliotropin 0.5 % in DPG",  # a trace
        "Fragrance base not containing safrole 30 % in ethanol",  # said absent
        "Cleaner containing acetone 10 % in water",  # Category 3
    ],
)
def test_a_solution_of_another_category_below_half_or_of_a_trace_is_not_read_as_the_substance(name):
    assert screen_one({"name": name}).severity is None


def test_a_mixtures_constituent_stating_a_share_above_a_trace_is_screened():
    # the fifty-ninth held-out set's pch59070: Genoa customs seized "CCP 108" pellets as potassium permanganate
    verdict = screen_one(
        {
            "name": "CCP (Chem Control Pellet) 108",
            "description": "Miscela di ossido di alluminio, permanganato di potassio (ca. 7 %), carbonato di sodio e "
            "bicarbonato di sodio, 10 000 kg",
        }
    )
    assert "EU2B-POTASSIUM-PERMANGANATE" in exact_entry_ids(verdict)
    assert verdict.severity == "low"
    assert screen_one({"name": "Fragrance compound", "description": "Mixture of linalool, piperonal 0.5 %"}).severity is None


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        ("Vanillin and heliotropin mixture, heliotropin 0.5 %", None),  # a trace of piperonal: was `high`
        ("Safrole 80 %, other terpenes 20 %", "high"),
        ("Ephedrine HCl 10% + caffeine anhydrous 90% premix", "high"),
    ],
)
def test_a_listed_part_stating_a_share_below_a_trace_names_no_substance_of_the_goods(name, severity):
    assert screen_one({"name": name}).severity == severity


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        # the sixty-first held-out set (marketplace listings, thirty-seventh session): a listing's selling words, in
        # English and in exporters' Chinese, after the name
        ("Carfentanil 99% hot sales product", "DRUG-CARFENTANIL"),
        ("1-苯基-2-丙酮 BMK油 Phenylacetone 103-79-7 现货供应", "EU1-BMK"),
        # the name read again without the CAS number it ends with, which no source lists
        ("Ethyl 3-oxo-4-phenylbutanoate CAS 718-08-1", "EU1-BMK"),
        ("Ethyl 3-oxo-4-phenylbutanoate (BMK precursor) CAS 718-08-1 high purity fast shipping", "EU1-BMK"),
        # the name outside a bracketed synonym that names nothing
        ("Benzoylfentanyl (phenylfentanyl)", "EU1-ANPP"),
        # a colour as a particular of its own
        ("Isotonitazene (ISO) powder, yellow", "DRUG-ISOTONITAZENE"),
    ],
)
def test_a_listing_title_is_read_past_its_selling_words_an_unknown_number_synonym_or_colour(name, entry):
    verdict = screen_one({"name": name})
    assert entry in {f.entry.id for f in verdict.findings if f.entry is not None}
    assert verdict.severity in ("high", "critical")


@pytest.mark.parametrize(
    "name",
    [
        "Sassafras oil (safrole free)",  # the group says the substance is absent
        "Benzoylfentanyl (test strips)",  # made for the substance, not the substance
        "Ephedrine substitute (herbal)",
    ],
)
def test_a_name_is_not_read_without_a_group_that_says_the_goods_are_not_the_substance(name):
    assert screen_one({"name": name}).severity is None


def test_a_name_in_chinese_beside_its_english_name_is_read_and_a_disagreement_said():
    # the sixty-first held-out set's pch61071 (thirty-seventh session)
    verdict = screen_one({"name": "高锰酸钾 Potassium permanganate KMnO4 99.3%"})
    assert "EU2B-POTASSIUM-PERMANGANATE" in exact_entry_ids(verdict)
    assert "names in two scripts" in verdict.resolution.source and verdict.resolution.conflicts == []
    differ = screen_one({"name": "高锰酸钾 Toluene"})
    assert "EU2B-POTASSIUM-PERMANGANATE" in exact_entry_ids(differ)
    (conflict,) = differ.resolution.conflicts
    assert "name different substances" in conflict and "the more controlled, is screened" in conflict


@pytest.mark.parametrize(
    "name",
    [
        "硫酸 Magnesium sulfate",  # review37: sulphuric acid's Chinese name where the salt's would be 硫酸镁
        "盐酸 Sodium chloride",
    ],
)
def test_an_acid_named_beside_its_salt_names_the_salt_anion_and_the_salt_is_screened(name):
    verdict = screen_one({"name": name})
    assert verdict.severity is None
    assert "names in two scripts" in verdict.resolution.source and verdict.resolution.conflicts == []


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        # review37: "synthetic" after a Category 1 name hid it; it is the origin of the same molecule, set aside as
        # "natural" is
        ("Pseudoephedrine synthetic", "EU1-PSEUDOEPHEDRINE"),
        ("Ephedrine HCl, synthetic, 25 kg", "EU1-EPHEDRINE"),
        ("Synthetic safrole", "EU1-SAFROLE"),
        ("Piperonal synthetic", "EU1-PIPERONAL"),
    ],
)
def test_a_scheduled_name_graded_synthetic_is_the_substance(name, entry):
    verdict = screen_one({"name": name})
    assert entry in exact_entry_ids(verdict) and verdict.severity == "high"


def test_an_acid_beside_a_salt_of_another_acid_is_still_a_disagreement():
    verdict = screen_one({"name": "硫酸 Sodium chloride"})
    assert "EU3-SULPHURIC-ACID" in exact_entry_ids(verdict)
    (conflict,) = verdict.resolution.conflicts
    assert "name different substances" in conflict


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        # the plant materials of the 1961 Convention's Schedule I (thirty-eighth session; the sixtieth held-out set's
        # opium, concentrate of poppy straw and coca leaf rows had no entry): narcotic drugs in themselves, screened as
        # the constituent they are the source of
        ("Raw opium, 5 kg", "DRUG-MORPHINE"),
        ("Concentrate of poppy straw (morphine type), 500 kg", "DRUG-MORPHINE"),
        ("Mohnstrohkonzentrat", "DRUG-MORPHINE"),
        ("concentrate of poppy straw (CPS), morphine type", "DRUG-MORPHINE"),  # the twenty-third set's pdh23005
        ("Coca leaves, dried, 20 kg bales", "DRUG-COCAINE"),
        ("Hojas de coca", "DRUG-COCAINE"),
        ("Cannabisharz", "DRUG-DRONABINOL"),
        ("résine de cannabis", "DRUG-DRONABINOL"),
        # the Turkish tariff's name, typed without Turkish letters (the fifty-seventh set's pdh57002); its "Afyon" is
        # read under heading 1302 11 only (below)
        ("HASHAS SAPI KONSANTRESI", "DRUG-MORPHINE"),
    ],
)
def test_a_plant_material_of_the_1961_schedule_i_is_the_drug_it_is_the_source_of(name, entry):
    verdict = screen_one({"name": name})
    assert entry in exact_entry_ids(verdict) and verdict.severity == "critical"
    assert verdict.resolution.source.startswith("natural product:")
    assert "names the product itself; it is screened as" in verdict.resolution.source


@pytest.mark.parametrize(
    "name",
    [
        "Decocainized coca leaf extract",  # Art. 1(f) leaves it out, Art. 27 allows the flavouring
        "Extracto de hoja de coca sin cocaína",
        "Opium Eau de Parfum 50 ml",  # a perfume of that brand
        "Black Opium",
        "YSL Opium",
        "Opium poppy seeds",
        "Poppy straw",  # controlled through Art. 25's certificates, not Schedule I
        "Hemp seed oil",
        "Afyon marble",  # the Turkish city's stone
        "The Coca",  # "the" is no tea word (review39)
    ],
)
def test_goods_named_like_a_plant_material_of_the_1961_schedule_i_are_not_it(name):
    assert screen_one({"name": name}).severity is None


@pytest.mark.parametrize(
    "item",
    [
        # review39: only the bare brand word is a perfume; a qualified name, or a description that names the material,
        # is the drug whatever the CN code, a consignee's name, "spray", "tester" or a count
        {"name": "Raw opium", "description": "5 kg", "cn_code": "3301290000"},
        {"name": "Raw opium", "description": "5 kg | consignee YSL Trading Ltd"},
        {"name": "Raw opium", "description": "Afghan, spray dried"},
        {"name": "Raw opium 2 bottles"},
        {"name": "Haschisch 100 Stk"},
        {"name": "Coca leaves", "description": "cosmetic grade"},
        {"name": "Opium", "description": "raw opium gum, 5 kg", "cn_code": "33030090"},
        # "Afyon" beside another name of opium, under any heading
        {"name": "Afyon (opium)", "cn_code": "13019000"},
        {"name": "Afyon", "description": "opium, 5 kg", "cn_code": "13019000"},
        # review40: the material's words anywhere in a field, and the headings of the material and of medicines
        {"name": "Opium", "description": "black tar, 5 kg", "cn_code": "33030010"},
        {"name": "Opium 10 ml", "description": "Dropizol, opium tincture", "cn_code": "30049000"},
        {"name": "Opium 50 ml", "cn_code": "13021100"},
        # French coca tea, "thé" read before its accent is folded
        {"name": "Coca thé"},
        {"name": "Thé de coca"},
    ],
)
def test_a_plant_material_named_beyond_a_perfumes_bare_brand_word_is_the_drug(item):
    assert screen_one(item).severity == "critical"


@pytest.mark.parametrize(
    "item",
    [
        # review38 (thirty-ninth session): the perfume "Opium" had been `critical` wherever the perfume was said
        # outside the name's words: its CN chapter, its description, its maker in brackets, its quantity in ml or pieces
        {"name": "Opium", "cn_code": "33030010"},
        {"name": "Opium", "description": "Yves Saint Laurent eau de parfum 90 ml"},
        {"name": "OPIUM", "description": "YSL Opium eau de toilette 50 ml, retail boxes"},  # the 64th set's nlh64002
        # review40: words perfumes share with plant materials ("natural", "fresh"), and a long description
        {"name": "Opium", "description": "YSL Opium natural spray 50 ml", "cn_code": "33030010"},
        {"name": "Opium Fresh", "description": "eau de toilette", "cn_code": "33030010"},
        {"name": "Opium", "description": "Eau de parfum. " + "Notes of mandarin, pepper and vanilla. " * 20},
        {"name": "Perfume", "description": "Opium"},
        {"name": "Opium 50 ml"},
        {"name": "OPIUM 90ML"},
        {"name": "Opium (YSL)"},
        {"name": "Opium, 12 pcs"},
        # the Turkish city, its marble and its cheese: "Afyon" is opium under heading 1302 11 only
        {"name": "Afyon, white"},
        {"name": "Afyon 60x60"},
        {"name": "Afyon", "cn_code": "25151100"},
        {"name": "Afyon", "cn_code": "04069000"},
        {"name": "Marble blocks", "description": "Afyon"},
        # review40: another drug's material, or opium said absent, beside "Afyon" is no other name of opium
        {"name": "Afyon", "description": "marble, coca leaf pattern", "cn_code": "25151100"},
        {"name": "Afyon", "description": "white marble slabs, not opium", "cn_code": "25151100"},
    ],
)
def test_a_plant_material_named_in_goods_whose_particulars_say_otherwise_is_not_the_drug(item):
    verdict = screen_one(item)
    assert verdict.severity is None
    assert any("were not screened as the drug's plant material" in note for note in verdict.resolution.source_notes)


@pytest.mark.parametrize(
    ("item", "entry"),
    [
        ({"name": "Afyon", "cn_code": "1302 11 00", "description": "Afyon, ilaç sanayiinde kullanılmak üzere"}, "DRUG-MORPHINE"),
        ({"name": "Raw opium", "cn_code": "13021100", "description": "5 kg"}, "DRUG-MORPHINE"),
        # review38: words that say the goods ARE natural had refused them ("not synthetic", "fragrance-free")
        ({"name": "Raw opium, no synthetic additives"}, "DRUG-MORPHINE"),
        ({"name": "Opium natural not synthetic"}, "DRUG-MORPHINE"),
        ({"name": "Cannabis resin, non-synthetic"}, "DRUG-DRONABINOL"),
        ({"name": "Coca leaves (not artificial)"}, "DRUG-COCAINE"),
        ({"name": "Raw opium, fragrance-free"}, "DRUG-MORPHINE"),
        ({"name": "Cannabis resin, no perfume"}, "DRUG-DRONABINOL"),
        ({"name": "Raw opium type 1"}, "DRUG-MORPHINE"),
        ({"name": "Coca leaves, type A"}, "DRUG-COCAINE"),
        # review38: words of origin, state and grade, and the English word order of the concentrate
        ({"name": "Afghan opium"}, "DRUG-MORPHINE"),
        ({"name": "Opium gum"}, "DRUG-MORPHINE"),
        ({"name": "Poppy straw concentrate (CPS)"}, "DRUG-MORPHINE"),
        ({"name": "CPS morphine type"}, "DRUG-MORPHINE"),  # the letters beside a grade by an opium alkaloid
        # the opium preparations a US schedule names (US-NV-NAC-453-520), a tincture measured in millilitres
        ({"name": "Opium tincture 10 mg/ml, 100 ml"}, "DRUG-MORPHINE"),
        ({"name": "Powdered opium USP"}, "DRUG-MORPHINE"),
        ({"name": "Fresh coca leaves"}, "DRUG-COCAINE"),
        ({"name": "Organic coca leaves"}, "DRUG-COCAINE"),
        ({"name": "Hoja de coca seca"}, "DRUG-COCAINE"),
        ({"name": "Erythroxylum coca leaves"}, "DRUG-COCAINE"),
        ({"name": "Moroccan cannabis resin"}, "DRUG-DRONABINOL"),
        ({"name": "Cannabis resin from Morocco"}, "DRUG-DRONABINOL"),
        ({"name": "Cannabis resin CBD"}, "DRUG-DRONABINOL"),  # Art. 1(d) sets no THC limit
        # coca tea is coca leaf (the INCB's Report 2007): not refused as the tea of another plant is
        ({"name": "Coca leaf tea"}, "DRUG-COCAINE"),
        ({"name": "Coca tea bags"}, "DRUG-COCAINE"),
        ({"name": "Mate de coca"}, "DRUG-COCAINE"),
        # the fortieth session (the thirty-ninth's "not read"): the USP's Latin titles and laudanum (King's American
        # Dispensatory), and what the Convention's Art. 1(b) defines as cannabis, by its words
        ({"name": "Laudanum"}, "DRUG-MORPHINE"),
        ({"name": "Tinctura opii"}, "DRUG-MORPHINE"),
        ({"name": "Tinctura Opii simplex"}, "DRUG-MORPHINE"),  # the pharmacopoeias' Latin grade words
        ({"name": "Tinctura Opii normata"}, "DRUG-MORPHINE"),
        ({"name": "Cocae folia"}, "DRUG-COCAINE"),
        ({"name": "Cannabis flowering tops"}, "DRUG-DRONABINOL"),
        ({"name": "Cannabis fruiting tops", "cn_code": "1211 90 86"}, "DRUG-DRONABINOL"),
    ],
)
def test_a_plant_material_of_the_1961_schedule_i_is_read_with_its_origin_state_and_negated_refusals(item, entry):
    verdict = screen_one(item)
    assert entry in exact_entry_ids(verdict) and verdict.severity == "critical"


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        # review38: "(not synthetic)" had hidden the precursors' plant materials as well
        ("Ephedra herb (not synthetic)", "high"),
        ("Sassafras oil (not synthetic)", "high"),
        # and unnegated, still refused
        ("Sassafras oil, synthetic", None),
        ("Sassafras type fragrance", None),
        ("Sassafras tea", None),
    ],
)
def test_a_negated_refusal_word_does_not_refuse_a_natural_product(name, severity):
    assert screen_one({"name": name}).severity == severity


@pytest.mark.parametrize("name", ["Labdanum", "Ladanum", "Labdanum resinoid", "Cannabis seeds", "Hemp seed oil"])
def test_a_name_one_edit_from_a_plant_materials_name_is_not_read_as_its_misspelling(name):
    # Labdanum, the cistus resin of perfumery, is one edit from laudanum: the identifier database cannot vouch for
    # the neighbours of a plant material's name, as it does for a chemical's (chemistry/resolve.py _misspelt_target)
    assert screen_one({"name": name}).severity is None


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        # the sixtieth held-out set's pch60063-pch60065, pch60070, pch60071 (thirty-seventh session): plant materials
        # from which a Category 1 substance is extracted industrially, scheduled substances by Art. 2(a)
        ("Ephedra herb extract standardised to 6 % ephedrine", "EU1-EPHEDRINE"),
        ("Ephedrakraut-Extrakt (Ephedra sinica)", "EU1-EPHEDRINE"),
        ("Herba Ephedrae, dried stems", "EU1-EPHEDRINE"),
        ("Mutterkorn (Claviceps purpurea Sklerotien)", "EU1-ERGOTAMINE"),
        ("Secale cornutum", "EU1-ERGOTAMINE"),
    ],
)
def test_ephedra_herb_and_ergot_are_read_as_the_category_1_substance_they_are_the_source_of(name, entry):
    verdict = screen_one({"name": name})
    assert entry in exact_entry_ids(verdict)
    assert verdict.resolution.source.startswith("natural product:")


@pytest.mark.parametrize(
    "name",
    [
        "Ephedrine alkaloid-free Ephedra herb extract (EFE)",  # the sixtieth held-out set's nlh60006
        "Ergot-free rye grain, ergot sclerotia max 0.2 g/kg",  # nlh60040
        "Ephedra herb extract, alkaloids removed",
        "Ma huang tea",  # a finished product made with the herb
        "Ergot alkaloids ELISA kit",
        "Rye (ergot max 0.05 %)",  # a trace limit
    ],
)
def test_plant_material_said_free_of_its_alkaloids_or_made_into_other_goods_is_not_read_as_them(name):
    assert screen_one({"name": name}).severity is None


@pytest.mark.parametrize(
    "name",
    [
        # review37 (thirty-seventh session): what the session's readings first read and must not
        "Feed wheat; ergot 0.1 g/kg",  # ergot in a grain's particulars
        "Roggen; Mutterkorn 0,2 g/kg",
        "Roggenmehl, Mutterkorn",
        "Ergot, acier zingué",  # French hardware: the bare "ergot" is no name taken
        "Ephedra herb extract (ephedrine alkaloids removed)",  # the alkaloids taken out, in a bracket
        "Ephedra herb extract (no ephedrine)",
        "Mutterkorn (entalkaloidisiert)",
        "Ephedra herb (homeopathic mother tincture)",  # a medicinal product
        "Grape flavour 2-aminobenzoic acid methyl ester",  # the span's ester words make it another substance
        "Intermediate 1-phenylpropan-2-one oxime",
        "Nasal drops containing ephedrine 1 % in saline",  # a medicine's dose form before "containing"
        "Phosphorus, pale yellow",  # a colour right after the name may be part of it
    ],
)
def test_what_review37_found_read_wrongly_is_not_read_so(name):
    verdict = screen_one({"name": name})
    assert not {"EU1-ERGOTAMINE", "EU1-EPHEDRINE", "EU2B-ANTHRANILIC-ACID", "EU1-BMK", "EU2A-RED-PHOSPHORUS"} & (
        exact_entry_ids(verdict)
    ), name


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        # review37: evasions of the session's readings
        ("麻黄碱 Ephedrine", "EU1-EPHEDRINE"),  # a Chinese name the lexicon does not know, beside a Category 1 name
        ("黄樟素 Safrole 现货", "EU1-SAFROLE"),  # a run of selling words only
        ("Ma huang, dust-free", "EU1-EPHEDRINE"),  # an absence of something else says nothing of the alkaloids
        ("Ephedra herb, roots removed", "EU1-EPHEDRINE"),
        ("Acetylfentanyl hydrochloride N-phenyl-N-[1-(2-phenylethyl)-4-piperidinyl]acetamide, solvent-free", "DRUG-ACETYLFENTANYL"),
        ("Duftbase enthält Heliotropin 20 % in DPG", "EU1-PIPERONAL"),  # "contains" with its accent
    ],
)
def test_what_review37_found_missed_is_read(name, entry):
    assert entry in exact_entry_ids(screen_one({"name": name})), name


@pytest.mark.parametrize("name", ["2-bromo-2'-methylpropiophenone 99%", "2-bromo-2\u2019-methylpropiophenone"])
def test_a_rings_prime_is_read_whatever_follows_the_name_or_however_the_prime_is_typed(name):
    # review37: the database's record of the chain's isomer (alpha-bromoisobutyrophenone) is not taken
    verdict = screen_one({"name": name})
    assert verdict.severity == "medium" and "OPSIN" in verdict.resolution.source


@pytest.mark.parametrize(
    "name",
    [
        # review38 (thirty-ninth session): the arenesulfonamide masks by the names nomenclature and vendors write
        "N-tosylmethamphetamine",
        "N-(p-toluenesulfonyl)methamphetamine",
        "N-(4-methylbenzenesulfonyl)methamphetamine",
        "N-benzenesulfonyl methamphetamine",
        "N-nosyl methamphetamine",
        "N-metoxicarbonilo-MDMA",
    ],
)
def test_a_sulfonyl_or_carbamate_mask_named_in_any_spelling_unmasks_to_the_drug(name):
    verdict = screen_one({"name": name})
    assert verdict.severity == "critical"
    assert {"DRUG-METHAMPHETAMINE", "DRUG-MDMA"} & {f.entry.id for f in verdict.findings if f.entry is not None}


@pytest.mark.parametrize(
    ("name", "entry", "severity"),
    [
        # the thirty-ninth session's "not read" (the sixty-fourth held-out set's O-acetylephedrine): the ester of the
        # base's only hydroxyl, read after the locant O- as the amide is after N-
        ("O-Acetylephedrine", "EU1-EPHEDRINE", "high"),
        ("O-acetylpseudoephedrine", "EU1-PSEUDOEPHEDRINE", "high"),
        ("O-Ac-norephedrine", "EU1-NOREPHEDRINE", "high"),
        ("O-acetylpsilocin", "DRUG-PSILOCINE", "critical"),
    ],
)
def test_an_ester_of_a_listed_alcohol_named_by_its_o_acyl_prefix_unmasks_to_it(name, entry, severity):
    verdict = screen_one({"name": name})
    assert verdict.severity == severity and "hydroxyl O-H" in verdict.resolution.source
    assert entry in {f.entry.id for f in verdict.findings if f.entry is not None and f.method == "unmasking"}


def test_the_tosyl_anilide_of_a_fentanyl_precursor_unmasks_and_the_sulfonamide_medicines_stay_unflagged():
    # review38: arenesulfonamide_cleavage now reaches an aniline nitrogen (N-tosyl ANPP); the sulfa drugs and the
    # sulfonanilide medicines give unlisted amines
    assert "EU1-ANPP" in {f.entry.id for f in screen_one({"name": "N-tosyl ANPP"}).findings if f.entry is not None}
    for medicine in ("Sulfamethoxazole", "Sulfadiazine", "Nimesulide", "Dofetilide", "Sotalol", "Celecoxib"):
        assert screen_one({"name": medicine}).severity is None, medicine


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        # the sixty-seventh held-out set's pch67058: "amorphous" is the form red phosphorus is sold in, in the languages
        # of the names; "amorphous phosphorus" stays a name of its own, and other amorphous solids stay what they are
        ("Amorphous red phosphorus", "low"),
        ("Fósforo vermelho amorfo", "low"),
        ("Phosphore rouge amorphe", "low"),
        ("Amorphous phosphorus", "low"),
        ("Amorphous silica", None),
        ("White phosphorus", None),
    ],
)
def test_amorphous_is_read_as_the_form_of_the_goods(name, severity):
    assert screen_one({"name": name}).severity == severity


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        # review42 F1: a plant material's name typed with one error is still read as it (only the other goods' words one
        # edit from one are refused: "Labdanum")
        ("Kokablaetter", "critical"),
        ("Haschich", "critical"),
        ("raw opuim", "critical"),
        ("Mohnstrokonzentrat", "critical"),
        ("Sasafras oil", "high"),
        ("Labdanum", None),
        ("Labdanum absolute, 1 kg", None),
    ],
)
def test_a_misspelt_plant_material_is_read_and_the_other_goods_near_it_are_not(name, severity):
    assert screen_one({"name": name}).severity == severity


@pytest.mark.parametrize(
    "name",
    [
        # review42 F2: a label that says the goods are a test for the drug it names is no label to set aside
        "Rapid test cassette - Morphine",
        "Drug test strip - Cocaine",
        "Rapid test cassette: Morphine",
        "Control serum - Methadone",
        "Urine drug screen cup - Fentanyl",
    ],
)
def test_a_diagnostic_test_named_before_the_drug_it_detects_is_not_the_drug(name):
    assert screen_one({"name": name}).severity is None
