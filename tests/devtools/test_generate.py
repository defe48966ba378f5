from collections import Counter

import orjson

from devtools.generate import Generator
from pipeline.decode import decode_event
from tests.factories import make_screener


def test_generated_events_are_valid_and_mixed():
    gen = Generator(seed=11)
    labels: Counter[str] = Counter()
    for event, labs in gen.events(400):
        assert decode_event(orjson.dumps(event)).event is not None
        labels.update(lab["label"] for lab in labs)
    total = sum(labels.values())
    assert labels["legit"] / total > 0.7
    assert 0.01 < (labels["designer"] + labels["scheduled"] + labels["masked_drug"]) / total < 0.15
    assert labels["novel_legit"] > 0


def test_noise_on_generated_stream_is_small():
    screener = make_screener()
    legit = flagged = 0
    for event, labs in Generator(seed=5).events(1500):
        decoded = decode_event(orjson.dumps(event)).event
        kinds = {lab["line"]: lab["label"] for lab in labs}
        for item in decoded.items:
            if kinds[item.line] in ("legit", "novel_legit"):
                legit += 1
                flagged += screener.screen_item(decoded, item).severity is not None
    assert legit > 1000
    assert flagged / legit < 0.01


def test_a_seed_and_a_prefix_give_the_same_stream():
    first = [event for event, _ in Generator(seed=3, id_prefix="run-a").events(20)]
    again = [event for event, _ in Generator(seed=3, id_prefix="run-a").events(20)]
    assert first == again and first[0]["event_id"] == "run-a-00000001"


def test_run_prefixes_keep_event_ids_apart_across_runs_with_the_same_content():
    from devtools.generate import run_id_prefix

    one = [event for event, _ in Generator(seed=7, id_prefix=run_id_prefix()).events(20)]
    two = [event for event, _ in Generator(seed=7, id_prefix=run_id_prefix()).events(20)]
    assert not {e["event_id"] for e in one} & {e["event_id"] for e in two}
    assert [{**e, "event_id": ""} for e in one] == [{**e, "event_id": ""} for e in two]
