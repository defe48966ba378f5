"""Bytes of the stateful stage's states on the stream of `bench_stateful.py stream` (docs/intelligence.md,
"Which item a follow-up flag is written for"): the observations are made once, then applied offline
by the code of a directory (this checkout, or a worktree of another commit, to compare).

    python benchmarks/state_bytes.py make /tmp/obs.jsonl [--events 10000]
    python benchmarks/state_bytes.py apply /tmp/obs.jsonl [--code DIR]

``make`` screens `Generator(seed=5)`'s events and the stateful scenarios (as the stream benchmark does)
and writes their observations, one facet message a line. ``apply`` applies them in order to fresh
states and prints the bytes of the states written when every key changed is written once per 40
observations (what the changelog carries, roughly: the worker writes each changed key once per
interval), and the final states' bytes per facet (``encode_state``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
WRITE_EVERY = 40


def make(path: Path, events: int) -> None:
    from chemistry.watchlist import load_watchlist
    from devtools.generate import Generator, stateful_scenarios
    from pipeline.intelligence_observe import load_routes, observation_dicts, observe_event
    from pipeline.screening import Screener
    from pipeline.settings import Settings
    from schemas.events import TransactionEvent

    screener = Screener(load_watchlist(), Settings.from_env())
    raw = [e for e, _ in Generator(seed=5).events(events)] + [e for e, _ in stateful_scenarios("bench")]
    with path.open("wb") as out:
        for document in raw:
            event = TransactionEvent.model_validate(document)
            screened = screener.screen_event_items(event)
            observation = observe_event(
                event, screened, load_routes(), screener.watchlist.version, screener.structure_identity
            )
            for message in observation_dicts(observation) if observation else []:
                out.write(orjson.dumps(message) + b"\n")


def apply(path: Path) -> None:
    from pipeline.intelligence import IntelligenceConfig, apply_observation, encode_state
    from pipeline.settings import Settings

    config = IntelligenceConfig.from_settings(Settings())
    states: dict[str, dict] = {}
    changed: set[str] = set()
    written = entries = 0
    with path.open("rb") as fh:
        for line in fh:
            message = orjson.loads(line)
            outcome = apply_observation(states.get(message["key"]), message, config)
            if outcome.status == "counted":
                states[message["key"]] = outcome.state
                changed.add(message["key"])
            entries += 1
            if entries % WRITE_EVERY == 0:
                written += sum(len(encode_state(states[key])) for key in changed)
                changed.clear()
    written += sum(len(encode_state(states[key])) for key in changed)
    by_facet: dict[str, list[int]] = {}
    for key, state in states.items():
        by_facet.setdefault(key.split(":", 1)[0], []).append(len(encode_state(state)))
    print(
        f"{entries} observation entries; states written (each changed key once per {WRITE_EVERY} entries): "
        f"{written / 1e6:.2f} MB; final states {sum(map(sum, by_facet.values())) / 1e6:.2f} MB: "
        + ", ".join(f"{facet} {len(sizes)} keys {sum(sizes) / 1e6:.2f} MB" for facet, sizes in sorted(by_facet.items()))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["make", "apply"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose code applies them")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    if args.mode == "make":
        make(args.path, args.events)
    else:
        apply(args.path)


if __name__ == "__main__":
    main()
