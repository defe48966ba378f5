from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import orjson

import pipeline.flags as flags
import pipeline.screening as screening
from devtools.evaluation import load_rows, row_event
from pipeline.decode import decode_lines
from pipeline.flags import Display, build_flag
from pipeline.scoring import ROLE_SIGNAL_NEEDS_EVIDENCE, ROLE_STRONGEST, ROLE_WEAKER
from tests.factories import make_event, make_screener

SCREENER = make_screener()
NOW = datetime(2026, 11, 1, tzinfo=UTC)
EXAMPLE_STREAM = Path(__file__).resolve().parents[2] / "devtools" / "data" / "transactions.jsonl"


def example_and_evaluation_flags():
    with EXAMPLE_STREAM.open("rb") as fh:
        events = [decoded.event for _, decoded in decode_lines(fh) if decoded.event is not None]
    events += [row_event(row) for row in load_rows()]
    return [flag for event in events for flag in SCREENER.screen_event(event, now=NOW)]


def test_the_counted_parts_of_every_flag_make_its_score():
    all_flags = example_and_evaluation_flags()
    assert len(all_flags) > 100
    for flag in all_flags:
        counted = [c.counted for c in flag.score_components]
        assert None not in counted and all(c.role for c in flag.score_components), flag.flag_id
        assert round(min(sum(counted), 1.0), 3) == flag.score, flag.flag_id
        assert sum(1 for c in flag.score_components if c.role == ROLE_STRONGEST) <= 1, flag.flag_id
        assert flag.score_explanation.startswith(f"score {flag.score} = "), flag.flag_id


def test_a_flag_says_which_components_did_not_count_and_why():
    event = make_event({"smiles": "CCO", "cas": "103-79-8", "cn_code": "32041700"})  # ethanol, bad CAS, odd code
    (flag,) = SCREENER.screen_event(event, now=NOW)
    by_source = {c.source: c for c in flag.score_components}
    assert by_source["signal:INVALID_IDENTIFIER"].counted == 0.12
    mismatch = by_source["signal:CN_MISMATCH"]
    assert (mismatch.weight, mismatch.counted, mismatch.role) == (0.15, 0.0, ROLE_SIGNAL_NEEDS_EVIDENCE)
    assert flag.score == 0.12
    assert flag.score_explanation.startswith("score 0.12 = 0.12 (signal:INVALID_IDENTIFIER);")


def test_weaker_findings_are_shown_as_not_counted():
    event = make_event({"smiles": "CCCOC(=O)C(C(C)=O)c1ccccc1", "cn_code": "29420000"})
    (flag,) = SCREENER.screen_event(event, now=NOW)
    roles = {c.source: c.role for c in flag.score_components}
    assert roles["match:unmasking:EU1-BMK"] == ROLE_STRONGEST
    assert roles["match:family:FAM-P2P-SKELETON"] == ROLE_WEAKER
    assert flag.score == round(0.8 * 0.95 + 0.1, 3)
    assert "0.76 (match:unmasking:EU1-BMK) + 0.1 (signal:CATCH_ALL_CN)" in flag.score_explanation


def test_build_flag_is_a_pure_function_of_verdict_and_display():
    event = make_event({"cn_code": "29143100", "description": "goods"})
    verdict = SCREENER.screen_item(event, event.items[0])
    flag = build_flag(event, verdict, Display(), "wl-1", NOW)
    assert flag.flag_id == flags.make_flag_id(event.event_id, 1, "wl-1")
    assert flag.substance.smiles is None and flag.substance.resolved_by == "cn_code"
    assert [m.method for m in flag.matches] == ["identifier"]
    assert flag.summary.startswith("MEDIUM unidentified substance — identifier: substance not identified")
    assert build_flag(event, verdict, Display(), "wl-1", NOW) == flag


def test_the_flag_stage_names_stay_importable_from_the_screening_engine():
    assert screening.make_flag_id is flags.make_flag_id
    assert screening.ItemVerdict is flags.ItemVerdict
    assert screening.ENGINE_VERSION == flags.ENGINE_VERSION
    assert screening.METHOD_ORDER is flags.METHOD_ORDER


def test_a_flag_says_how_an_unusual_drawing_was_read():
    from tests.factories import make_event, make_screener

    (flag,) = make_screener().screen_event(
        make_event({"smiles": "[2H]C([2H])([2H])C(=O)Cc1ccccc1", "description": "x"})
    )
    assert flag.matches[0].entry.id == "EU1-BMK"
    assert flag.substance.drawing_notes == ["3 isotope label(s) ignored"]


def test_outputs_stay_small_whatever_free_text_an_event_carries():
    from pipeline.batch import process_batch
    from pipeline.messages import InMessage
    from tests.factories import make_event, make_screener

    huge = "x" * 200_000  # four of them: an event just under the 1 MB message limit
    event = make_event(
        {"smiles": "CC(=O)Cc1ccccc1", "description": huge, "cas": "1" * 150_000},
        {"name": huge, "description": "chemical"},  # unresolved: its name would become the sighting key
    )
    raw = event.model_dump_json().encode().replace(b'"Consignee B.V."', ('"' + huge + '"').encode())
    result = process_batch([InMessage(raw, b"decl", "customs.transactions", 0, 1)], make_screener())
    assert result.events == 1 and result.dead_letter_codes == []
    assert {m.role for m in result.out} == {"flags", "sightings"}
    assert all(len(m.value) < 50_000 and len(m.key) < 1_000 for m in result.out), [
        (m.role, len(m.key), len(m.value)) for m in result.out
    ]
    flag = orjson.loads(next(m.value for m in result.out if m.role == "flags"))
    assert flag["declared"]["description"].endswith("[cut: 199000 more characters]")
    assert "cut:" in flag["consignee"]["name"]


# --- novel designer precursors: one definition (pipeline/flags.py is_novel_designer_precursor) ----------

HELIONAL = "CC(C=O)Cc1ccc2c(c1)OCO2"  # fragrance, curated dictionary; methylenedioxyphenyl-C3 family
BMK_PROPYL_ESTER = "CC(=O)C(C(=O)OCCC)c1ccccc1"  # MAPA's propyl ester: unmasks to BMK, on no list


def verdicts(*items: dict):
    return [verdict for verdict, _ in SCREENER.screen_event_items(make_event(*items), NOW)]


def test_a_curated_commodity_chemical_flagged_for_its_declaration_is_no_novel_designer_precursor():
    # Flagged (an invalid CAS number) and in the methylenedioxyphenyl-C3 family, but helional is a
    # known fragrance: a listing proposal for it would be noise.
    (helional,) = verdicts({"smiles": HELIONAL, "cas": "1205-17-1"})
    assert helional.severity is not None and helional.known_chemical
    assert any(f.method == "family" for f in helional.findings)
    assert not flags.is_novel_designer_precursor(helional)


def test_a_path_to_a_commodity_chemical_is_no_novel_designer_precursor():
    # Propyl phenylacetate (not in the curated dictionary) hydrolyses to phenylacetic acid (Category
    # 2B): too weak to be an early warning, even when its declaration gets it flagged (an invalid CAS).
    (ester,) = verdicts({"smiles": "CCCOC(=O)Cc1ccccc1", "cas": "122-00-1", "net_mass_kg": 5000})
    assert ester.severity is not None and not ester.known_chemical
    assert [(f.method, f.entry.id) for f in ester.findings] == [("unmasking", "EU2B-PHENYLACETIC-ACID")]
    assert not flags.is_novel_designer_precursor(ester)


def test_a_mask_on_no_list_is_a_novel_designer_precursor_on_its_flag():
    mask, listed = verdicts({"smiles": BMK_PROPYL_ESTER}, {"smiles": "CC(=O)Cc1ccccc1"})
    assert flags.is_novel_designer_precursor(mask) and not flags.is_novel_designer_precursor(listed)
    flagged = SCREENER.screen_event(make_event({"smiles": BMK_PROPYL_ESTER}), NOW)
    assert [f.novel_designer_precursor for f in flagged] == [True]


def test_a_chemical_weighed_as_a_watched_commodity_is_flagged_but_no_novel_designer_precursor():
    # Valerophenone: the plain-phenone family weighs it as the listed propiophenone (info), a chemical
    # with a large legitimate market; 4'-methylvalerophenone's ring-substituted family is evidence.
    plain, ring = verdicts({"smiles": "CCCCC(=O)c1ccccc1"}, {"smiles": "CCCCC(=O)c1ccc(C)cc1"})
    assert plain.severity == "info" and [f.method for f in plain.findings] == ["family"]
    assert not flags.is_novel_designer_precursor(plain)
    assert ring.severity is not None and flags.is_novel_designer_precursor(ring)


def test_flag_documents_are_written_as_the_flag_model_writes_them():
    """`precwatch screen` writes flag documents with orjson, the stream writes Flag models: every flag
    of the example stream, the evaluation set, generated events and events with bad fields (also with
    a long name and port cut) must be the same bytes either way."""
    import io

    from devtools.generate import write_stream
    from pipeline.decode import decode_event
    from schemas.flags import Flag

    buffer = io.BytesIO()
    write_stream(400, buffer, seed=3)
    raws = EXAMPLE_STREAM.read_bytes().splitlines() + buffer.getvalue().splitlines()
    bad = orjson.loads(raws[0])
    bad["consignor"] |= {"name": "N" * 1500, "country": "Narnia"}
    bad["transport"]["port_of_entry"] = "P" * 1200
    bad["items"][0] |= {"cn_code": "2914x", "smiles": "CC(=O)Cc1ccccc1", "description": "pigment " * 200}
    bad["occurred_at"] = "2026-11-01T00:01:06.25+01:00"
    raws.append(orjson.dumps(bad))
    decoded = [decode_event(raw) for raw in raws]
    events = [(d.event, d.left_out) for d in decoded if d.event is not None]
    events += [(row_event(row), ()) for row in load_rows()]
    written = 0
    for event, left_out in events:
        for verdict in SCREENER.screen_event_verdicts(event, left_out):
            if verdict.severity is None:
                continue
            document = SCREENER.flag_document(event, verdict, NOW)
            model = Flag.model_validate(document)
            assert flags.flag_json(document) == model.model_dump_json().encode(), model.flag_id
            assert model == SCREENER.build_flag(event, verdict, NOW)
            written += 1
    assert written > 300
    assert decoded[-1].event is not None and decoded[-1].left_out  # the event with bad fields was screened


def test_findings_are_ordered_by_their_own_score_part_whatever_the_order_of_the_parts():
    # IMDPAM's sodium salt: three findings (IMDPAM, PMK, acetone) and signal parts. Each part names its
    # finding, so parts listed in another order (signals first, findings reversed) pair the same way.
    event = make_event({"smiles": "CC1(C)OC(=O)C(=C([O-])Cc2ccc3OCOc3c2)C(=O)O1.[Na+]"})
    verdict = SCREENER.screen_item(event, event.items[0])
    shuffled = replace(verdict, components=list(reversed(verdict.components)))
    expected = ["EU1-IMDPAM", "EU1-PMK", "EU3-ACETONE"]
    assert [f.entry.id for f in flags.order_findings(verdict)] == expected
    assert [f.entry.id for f in flags.order_findings(shuffled)] == expected


def test_the_flags_of_one_declaration_share_its_pieces_and_equal_flags_built_alone():
    # The same declaration (acetic anhydride under a catch-all code) twice, in other quantities: other
    # signals and scores, the same substance, findings and weights (flags.FlagPieces).
    declared = {"smiles": "CC(=O)OC(C)=O", "cn_code": "38249992", "description": "pigment"}
    event = make_event({**declared, "net_mass_kg": 2}, {**declared, "net_mass_kg": 5000}, mode="air")
    screener = make_screener()
    first, second = (screener.screen_item(event, item) for item in event.items)
    assert first.shared is second.shared and first.signals != second.signals
    documents = [screener.flag_document(event, v, NOW) for v in (first, second)]
    assert documents[0]["matches"] is documents[1]["matches"]  # built once, for the first flag
    alone = [screener.flag_document(event, replace(v, shared=None), NOW) for v in (first, second)]
    assert [flags.flag_json(d) for d in documents] == [flags.flag_json(d) for d in alone]
    assert documents[0]["score"] != documents[1]["score"]
    # Findings paired with other parts (a verdict built by hand) are not given the shared pieces.
    shuffled = replace(second, components=list(reversed(second.components)))
    assert screener.flag_document(event, shuffled, NOW)["matches"] is not documents[0]["matches"]


def test_flags_of_a_declaration_scored_alike_share_their_score_texts_and_equal_flags_built_alone():
    # Acetic anhydride under a catch-all code, twice in bulk (the same signal codes, other details) and
    # once in a small amount: the bulk items share one Score's parts and the texts built from them
    # (pipeline/scoring.py score_remembered, flags.score_texts), each with its own signal details.
    declared = {"smiles": "CC(=O)OC(C)=O", "cn_code": "38249992", "description": "pigment"}
    event = make_event(
        {**declared, "net_mass_kg": 5000}, {**declared, "net_mass_kg": 7000}, {**declared, "net_mass_kg": 2}
    )
    screener = make_screener()
    bulk, more, small = verdicts = [screener.screen_item(event, item) for item in event.items]
    assert [s.code for s in bulk.signals] == [s.code for s in more.signals] != [s.code for s in small.signals]
    assert bulk.components is more.components and bulk.components is not small.components
    assert [s.detail for s in bulk.signals] != [s.detail for s in more.signals]
    documents = [screener.flag_document(event, v, NOW) for v in verdicts]
    assert documents[0]["score_components"] is documents[1]["score_components"]
    assert documents[0]["signals"] != documents[1]["signals"]
    # Built alone: parts of their own, no pieces shared.
    alone = [
        screener.flag_document(event, replace(v, shared=None, components=list(v.components)), NOW) for v in verdicts
    ]
    assert [flags.flag_json(d) for d in documents] == [flags.flag_json(d) for d in alone]
    # A verdict with the shared parts but another score and signals is not given the remembered texts.
    other = replace(more, score=0.5, signals=more.signals[:1])
    display = screener._display(other.resolution.std)
    shared_pieces = flags.flag_pieces(other, display)
    assert shared_pieces is flags.flag_pieces(more, display)
    texts = flags.score_texts(other, shared_pieces)
    assert texts == flags.score_texts(other, flags.build_flag_pieces(other, display))
    assert texts != flags.score_texts(more, shared_pieces)
