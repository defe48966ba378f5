"""Recall and false-positive figures on the labelled evaluation set and on a labelled stream.

`precwatch evaluate` prints them; docs/evaluation.md records its output with the command.

Evaluation set (devtools/data/evaluation.csv): one goods item per row. Rows whose id starts with `p`
are positives, and `expect` is the *minimum* severity they must reach; rows starting with `n` are
negatives, and `expect` is the *maximum* severity they may get (`none` = not flagged).

A second letter puts a row in a group whose figure is printed apart (``GROUPS``): `pd` controlled
drugs and unlisted analogues of the drug classes, `pm` masks, `pp` pre-precursors, `nl` legitimate
look-alikes of the drug classes and masks, `pc` scheduled substances in the forms they are declared in
(the held-out set, devtools/data/evaluation_heldout.csv, run with ``--set``).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import orjson

from chemistry.matching import FINGERPRINT, analyse_structure, bulk_similarity
from chemistry.molecules import standardise_smiles
from chemistry.watchlist import load_watchlist
from pipeline.decode import decode_event, decode_lines
from pipeline.errors import InputUnavailable, UsageError
from pipeline.screening import Screener, left_out_of_item
from pipeline.settings import Settings
from schemas.events import TransactionEvent

RANK = {"none": 0, "info": 1, "low": 2, "medium": 3, "high": 4, "critical": 5}
DEFAULT_SET = Path(__file__).resolve().parent / "data" / "evaluation.csv"
SET_COLUMNS = ("scheduled substances", "drugs", "masks", "pre-precursors")
LEGIT_LABELS = ("legit", "novel_legit")
GROUPS = {"pd": "drugs", "pm": "masks", "pp": "pre-precursors", "nl": "legitimate look-alikes"}
GROUPS["pc"] = "scheduled substances"


@dataclass(slots=True)
class Row:
    id: str
    kind: str
    value: str
    cn_code: str
    description: str
    expect: str
    note: str

    @property
    def positive(self) -> bool:
        return self.id.startswith("p")

    @property
    def group(self) -> str:
        return GROUPS.get(self.id[:2], "")


def load_rows(path: Path = DEFAULT_SET) -> list[Row]:
    with path.open(encoding="utf-8") as fh:
        return [Row(**r) for r in csv.DictReader(fh)]


def row_data(row: Row) -> dict:
    """The one-item import event a row stands for, as the JSON a customs system would send."""
    item = {"line": 1, "description": row.description, row.kind: row.value}
    if row.cn_code:
        item["cn_code"] = row.cn_code
    return {
        "event_id": f"eval-{row.id}",
        "declaration_id": f"EVAL{row.id}",
        "source": "evaluation",
        "kind": "import",
        "occurred_at": "2026-01-01T00:00:00Z",
        "consignor": {"name": "Evaluation consignor", "country": "CN"},
        "consignee": {"name": "Evaluation consignee", "country": "NL"},
        "transport": {"mode": "sea"},
        "items": [item],
    }


def row_event(row: Row) -> TransactionEvent:
    return TransactionEvent.model_validate(row_data(row))


def decode_row(row: Row) -> tuple[TransactionEvent, tuple[str, ...]]:
    """The row's event read as the pipeline reads a message (pipeline/decode.py): a field that fails
    validation (a CN code of a national length, as a member state's list prints it) is left out and
    raises DATA_QUALITY, and the chemistry is screened all the same; the fields left out, as
    ``Screener.screen_item`` takes them. ValueError when the pipeline would dead-letter the event."""
    decoded = decode_event(orjson.dumps(row_data(row)), source="evaluation")
    if decoded.event is None:
        raise ValueError(f"row {row.id}: {decoded.dead_letter.reason}")
    return decoded.event, left_out_of_item(decoded.left_out, 0)


def severity_of(screener: Screener, row: Row) -> str:
    event, left_out = decode_row(row)
    verdict = screener.screen_item(event, event.items[0], left_out)
    return verdict.severity or "none"


def evaluate_rows(screener: Screener, rows: list[Row]) -> dict:
    results = [(row, severity_of(screener, row)) for row in rows]
    positives = [(r, s) for r, s in results if r.positive]
    negatives = [(r, s) for r, s in results if not r.positive]
    pos_ok = [(r, s) for r, s in positives if RANK[s] >= RANK[r.expect]]
    neg_ok = [(r, s) for r, s in negatives if RANK[s] <= RANK[r.expect]]
    return {
        "results": results,
        "positives": len(positives),
        "recall": len(pos_ok) / max(len(positives), 1),
        "detected_any": sum(1 for _, s in positives if s != "none") / max(len(positives), 1),
        "negatives": len(negatives),
        "negatives_flagged": sum(1 for _, s in negatives if s != "none"),
        "negatives_within_expectation": len(neg_ok) / max(len(negatives), 1),
        "negatives_above_low": sum(1 for _, s in negatives if RANK[s] > RANK["low"]),
        "negatives_low_or_above": sum(1 for _, s in negatives if RANK[s] >= RANK["low"]),
        "by_group": {
            name: (
                sum(1 for r, s in results if r.group == name and _within(r, s)),
                sum(1 for r, _ in results if r.group == name),
            )
            for name in GROUPS.values()
        },
    }


def _within(row: Row, severity: str) -> bool:
    """A positive reaching its expected minimum, a negative staying within its expected maximum."""
    return RANK[severity] >= RANK[row.expect] if row.positive else RANK[severity] <= RANK[row.expect]


def stream_noise(screener: Screener, events_path: Path, labels_path: Path) -> dict:
    labels = {}
    with labels_path.open("rb") as fh:
        for line in fh:
            lab = orjson.loads(line)
            labels[(lab["event_id"], lab["line"])] = lab["label"]
    by_label: Counter[str] = Counter()
    flagged: Counter[tuple[str, str]] = Counter()
    with events_path.open("rb") as fh:
        for _, decoded in decode_lines(fh):
            if decoded.event is None:
                continue
            for item in decoded.event.items:
                label = labels.get((decoded.event.event_id, item.line), "unknown")
                by_label[label] += 1
                verdict = screener.screen_item(decoded.event, item)
                flagged[(label, verdict.severity or "none")] += 1
    return {"by_label": by_label, "flagged": flagged}


def calibration_table(screener: Screener, rows: list[Row]) -> list[tuple[float, int, int]]:
    """For each threshold: positives and negatives (without an exact match) that similarity would flag."""
    best = []
    for row in rows:
        if row.kind != "smiles":
            continue
        std, _ = standardise_smiles(row.value)
        if std is None or not std.organic:
            continue
        analysis = analyse_structure(std, screener.matcher)
        if analysis.exact:
            continue
        sims = bulk_similarity(screener.watchlist, FINGERPRINT.GetFingerprint(std.mol))
        best.append((row.positive, max(sims)))
    table = []
    for t in (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        table.append((t, sum(1 for p, s in best if p and s >= t), sum(1 for p, s in best if not p and s >= t)))
    return table


def bundled_sets() -> list[Path]:
    """The default set, then every held-out set in the order they were written (heldout, heldout2 ...)."""
    held_out = DEFAULT_SET.parent.glob("evaluation_heldout*.csv")

    def order(path: Path) -> int:
        number = path.stem.removeprefix("evaluation_heldout")
        return int(number) if number.isdigit() else 1

    return [DEFAULT_SET, *sorted(held_out, key=order)]


def set_summary(screener: Screener, path: Path) -> dict:
    """One set's line of ``precwatch evaluate --all-sets``: rows, each group's (within, of), and the
    legitimate rows flagged at any severity, at `low`+ and at `medium`+."""
    rows = load_rows(path)
    report = evaluate_rows(screener, rows)
    return {
        "set": path.name,
        "rows": len(rows),
        "groups": report["by_group"],
        "negatives": report["negatives"],
        "negatives_flagged": report["negatives_flagged"],
        "negatives_low_or_above": report["negatives_low_or_above"],
        "negatives_above_low": report["negatives_above_low"],
    }


def print_set_table(summaries: list[dict]) -> None:
    """The table docs/evaluation.md's current figures show, one line per set and a total."""
    header = ["set", "rows", *SET_COLUMNS, "legitimate: any / low+ / medium+"]
    print(" | ".join(header))
    totals = {name: [0, 0] for name in SET_COLUMNS}
    negatives = [0, 0, 0, 0]
    for summary in summaries:
        cells = [summary["set"], str(summary["rows"])]
        for name in SET_COLUMNS:
            ok, n = summary["groups"].get(name, (0, 0))
            totals[name][0] += ok
            totals[name][1] += n
            cells.append(f"{ok}/{n}" if n else "-")
        counts = (
            summary["negatives_flagged"],
            summary["negatives_low_or_above"],
            summary["negatives_above_low"],
            summary["negatives"],
        )
        negatives = [a + b for a, b in zip(negatives, counts, strict=True)]
        cells.append(f"{counts[0]}/{counts[3]} / {counts[1]} / {counts[2]}")
        print(" | ".join(cells))
    cells = ["all sets", str(sum(s["rows"] for s in summaries))]
    cells += [f"{ok}/{n} ({ok / max(n, 1):.1%})" for ok, n in (totals[name] for name in SET_COLUMNS)]
    cells.append(
        f"{negatives[0]}/{negatives[3]} / {negatives[1]} / {negatives[2]} ({negatives[2] / max(negatives[3], 1):.1%} at medium+)"
    )
    print(" | ".join(cells))


def run_all_sets() -> int:
    """Print ``precwatch evaluate --all-sets``: every bundled set's figures on one line each (the
    misses of a set: ``precwatch evaluate --set FILE``); 0, a report, not a gate."""
    screener = Screener(load_watchlist(), Settings.from_env())
    print_set_table([set_summary(screener, path) for path in bundled_sets()])
    return 0


def run_evaluation(
    eval_set: Path = DEFAULT_SET, stream: Path | None = None, labels: Path | None = None, calibrate: bool = False
) -> int:
    """Print the figures (`precwatch evaluate`); 0 (the figures are a report, not a pass/fail gate)."""
    if stream is not None and labels is None:
        raise UsageError("--stream needs --labels (the ground truth of the generated stream)")
    settings = Settings.from_env()
    screener = Screener(load_watchlist(), settings)
    try:
        rows = load_rows(eval_set)
    except OSError as exc:
        raise InputUnavailable(f"cannot read the evaluation set: {exc}") from exc
    try:
        report = evaluate_rows(screener, rows)
    except ValueError as exc:  # decode_row: a row the pipeline would dead-letter (no traceback for a data error)
        raise UsageError(f"the evaluation set has a row the pipeline cannot read: {exc}") from None
    print(f"Evaluation set: {len(rows)} items ({report['positives']} positives, {report['negatives']} negatives)")
    print(f"  recall (positives reaching their expected severity): {report['recall']:.1%}")
    print(f"  positives flagged at any severity:                  {report['detected_any']:.1%}")
    print(
        f"  negatives flagged at any severity:                  {report['negatives_flagged']}/{report['negatives']}"
        f" ({report['negatives_flagged'] / max(report['negatives'], 1):.1%})"
    )
    negatives = max(report["negatives"], 1)
    print(
        f"  negatives above 'low':                              {report['negatives_above_low']}"
        f" ({report['negatives_above_low'] / negatives:.1%} at medium or above)"
    )
    print(
        f"  negatives at 'low' or above:                        {report['negatives_low_or_above']}"
        f" ({report['negatives_low_or_above'] / negatives:.1%})"
    )
    for name, (ok, n) in report["by_group"].items():
        if n:
            print(f"  {name + ':':51s} {ok}/{n} within expectation ({ok / n:.1%})")
    print(f"  negatives within their expected maximum:            {report['negatives_within_expectation']:.1%}")
    misses = [
        (r, s)
        for r, s in report["results"]
        if (r.positive and RANK[s] < RANK[r.expect]) or (not r.positive and RANK[s] > RANK[r.expect])
    ]
    for r, s in misses:
        print(f"  MISS {r.id} {r.note}: got {s}, expected {'>=' if r.positive else '<='} {r.expect}")
    if calibrate:
        print("Similarity calibration (structures without an exact match; best Tanimoto to any entry):")
        print("  threshold  positives>=t  negatives>=t")
        for t, p, n in calibration_table(screener, rows):
            print(f"  {t:9.2f}  {p:12d}  {n:12d}")
    if stream is not None and labels is not None:
        try:
            noise = stream_noise(screener, stream, labels)
        except OSError as exc:
            raise InputUnavailable(f"cannot read the stream or its labels: {exc}") from exc
        print(f"Stream {stream}:")
        for label, n in sorted(noise["by_label"].items()):
            flagged = {sev: c for (lab, sev), c in noise["flagged"].items() if lab == label and sev != "none"}
            total_flagged = sum(flagged.values())
            detail = ", ".join(f"{k} {v}" for k, v in sorted(flagged.items(), key=lambda kv: -RANK[kv[0]]))
            print(f"  {label:14s} {n:7d} items, flagged {total_flagged:6d} ({total_flagged / n:6.1%}) {detail}")
        legit = sum(noise["by_label"][lab] for lab in LEGIT_LABELS)
        legit_flagged = sum(c for (lab, sev), c in noise["flagged"].items() if lab in LEGIT_LABELS and sev != "none")
        legit_risk = sum(
            c for (lab, sev), c in noise["flagged"].items() if lab in LEGIT_LABELS and sev not in ("none", "info")
        )
        print(
            f"  legitimate items flagged at any severity: {legit_flagged}/{legit} ({legit_flagged / max(legit, 1):.2%})"
        )
        # info holds the compliance reports (every scheduled substance); low and above is the risk noise
        print(f"  legitimate items flagged at low or above: {legit_risk}/{legit} ({legit_risk / max(legit, 1):.2%})")
    return 0
