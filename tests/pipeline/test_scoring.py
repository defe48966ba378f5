from pipeline.scoring import SEVERITY_BANDS, severity_for
from tests.factories import screen_one


def test_severity_bands_are_ordered_and_cover_the_flag_range():
    bounds = [b for b, _ in SEVERITY_BANDS]
    assert bounds == sorted(bounds, reverse=True)
    assert severity_for(0.05) is None
    assert severity_for(1.0) == "critical"


def test_category_1_exact_is_high():
    assert screen_one({"smiles": "CC(=O)Cc1ccccc1"}).severity == "high"


def test_drug_declared_as_chemical_is_critical():
    assert screen_one({"smiles": "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"}).severity == "critical"


def test_category_3_alone_is_not_flagged():
    assert screen_one({"smiles": "CC(C)=O", "cn_code": "29141100", "net_mass_kg": 20000}).severity is None


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
    from pipeline.scoring import SIMILARITY_WEIGHT

    assert severity_for(SIMILARITY_WEIGHT) == "info"


def test_every_score_component_is_listed():
    v = screen_one({"smiles": "CC(=O)Cc1ccccc1", "cn_code": "29420000", "description": "pigment"})
    sources = [s for s, _ in v.components]
    assert any(s.startswith("match:exact:EU1-BMK") for s in sources)
    assert "signal:COVER_DESCRIPTION" in sources
    assert v.score == min(
        1.0,
        round(
            max(w for s, w in v.components if s.startswith("match"))
            + sum(w for s, w in v.components if s.startswith("signal")),
            3,
        ),
    )
