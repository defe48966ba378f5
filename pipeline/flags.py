"""The flag stage: an item's verdict becomes the Flag an investigator reads. Pure."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

import orjson

from chemistry.matching import Finding, name_as_entry
from chemistry.molecules import Standardised
from chemistry.resolve import Resolution
from pipeline.scoring import NOVEL_MIN_EVIDENCE, ScorePart, explain_score, finding_weight, signal_weight
from pipeline.signals import SignalHit
from schemas.events import GoodsItem, Party, TransactionEvent
from schemas.flags import EntryRef, Flag

try:
    ENGINE_VERSION = version("precursor-watch")
except PackageNotFoundError:  # running from a source tree
    ENGINE_VERSION = "0+source"

METHOD_ORDER = {"exact": 0, "unmasking": 1, "identifier": 2, "family": 3, "similarity": 4}


@dataclass(slots=True)
class ItemVerdict:
    """Hot-path result for one goods item; turned into a Flag only when flagged."""

    item: GoodsItem
    resolution: Resolution
    findings: list[Finding]
    signals: list[SignalHit]
    score: float
    severity: str | None
    components: list[ScorePart]
    truncated: str = ""
    # A commodity chemical of the curated dictionary (chemistry/data/common_chemicals.csv): its identity
    # and its legitimate market are established, whatever it resembles or can be turned into.
    known_chemical: bool = False
    # Shared by the verdicts of every item that declares the same substance, CN code and description
    # (pipeline/screening.py ItemChemistry), so that the flag stage builds the parts of a flag that
    # these decide once (FlagPieces); None: nothing shared.
    shared: dict | None = None


@dataclass(slots=True, frozen=True)
class Display:
    """How the screened structure is shown: SMILES, its atom map (for highlighting), InChIKey, formula."""

    smiles: str | None = None
    atom_map: dict[int, int] | None = None
    inchikey: str | None = None
    formula: str | None = None


def make_flag_id(event_id: str, item_line: int, watchlist_version: str) -> str:
    """Deterministic, so a re-delivered event yields the same id and consumers can deduplicate."""
    digest = hashlib.sha256(f"{event_id}\x1f{item_line}\x1f{watchlist_version}".encode()).hexdigest()
    return digest[:32]


# Text quoted from a declaration into an output is cut at this many characters (with a marker saying
# how much was cut): a flag must fit any topic whatever a declaration's free text holds, and an
# investigator reads the start of a 900 KB description, not all of it.
MAX_QUOTED_CHARS = 1000


def cut_text(text: str, limit: int = MAX_QUOTED_CHARS) -> str:
    """``text``, or its first ``limit`` characters and a marker saying how many more there were."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]} ... [cut: {len(text) - limit} more characters]"


def _dump_cut(model, fields: tuple[str, ...]) -> dict | None:
    """``model`` as JSON data, with the text of ``fields`` cut (cut_text)."""
    if model is None:
        return None
    # The model's serializer is called directly: ``model_dump`` passes the same call on, and its own
    # Python call cost as much as the serializer for these small models (five per flag).
    document = model.__pydantic_serializer__.to_python(model, mode="json")
    for name in fields:
        value = document[name]
        if isinstance(value, str) and len(value) > MAX_QUOTED_CHARS:
            document[name] = cut_text(value)
    return document


def build_flag(
    event: TransactionEvent,
    verdict: ItemVerdict,
    display: Display,
    watchlist_version: str,
    now: datetime | None = None,
) -> Flag:
    return Flag.model_validate(flag_document(event, verdict, display, watchlist_version, now))


# orjson writes a flag document as pydantic writes the Flag validated from it (floats, "Z" for UTC, field
# order): tests/pipeline/test_flags.py compares the two on every flag of the example and generated streams.
FLAG_JSON_OPTIONS = orjson.OPT_UTC_Z


def flag_json(document: dict) -> bytes:
    """A flag document as one JSON line (without the line ending): the bytes ``Flag.model_dump_json``
    writes for the Flag built from it."""
    return orjson.dumps(document, option=FLAG_JSON_OPTIONS)


def flag_document(
    event: TransactionEvent,
    verdict: ItemVerdict,
    display: Display,
    watchlist_version: str,
    now: datetime | None = None,
) -> dict:
    """The flag of a verdict as plain data, every field of ``Flag`` in its order (nested models as dicts,
    times as datetimes). The batch commands write it as it is (``flag_json``): building and serialising
    the pydantic model cost them as much as screening the items that raise no flag."""
    pieces = flag_pieces(verdict, display)
    signals = [_signal(s.code, cut_text(s.detail, 2 * MAX_QUOTED_CHARS), signal_weight(s)) for s in verdict.signals]
    if verdict.truncated:
        signals.append(_signal("SEARCH_TRUNCATED", verdict.truncated, 0.0))
    item = verdict.item
    summary, score_components, explanation = score_texts(verdict, pieces)
    return {
        "schema_version": 1,
        "flag_id": make_flag_id(event.event_id, item.line, watchlist_version),
        "event_id": event.event_id,
        "declaration_id": event.declaration_id,
        "item_line": item.line,
        "severity": verdict.severity,
        "score": verdict.score,
        "summary": summary,
        "substance": pieces.substance,
        "matches": pieces.matches,
        "novel_designer_precursor": pieces.novel_when_flagged and verdict.severity is not None,
        "signals": signals,
        "score_components": score_components,
        "score_explanation": explanation,
        "declared": {
            k: cut_text(v) if isinstance(v, str) else v
            for k, v in item.__pydantic_serializer__.to_python(item, mode="json", exclude_none=True).items()
        },
        "consignor": _party(event.consignor),
        "consignee": _party(event.consignee),
        "declarant": _party(event.declarant),
        "transport": _dump_cut(event.transport, ("port_of_entry",)),
        "kind": event.kind,
        "occurred_at": event.occurred_at,
        "watchlist_version": watchlist_version,
        "engine_version": ENGINE_VERSION,
        "screened_at": now or datetime.now(UTC),
        "follow_up_of": None,
        "related_flag_ids": [],
        "retro": False,
    }


@dataclass(slots=True, frozen=True)
class FlagPieces:
    """The parts of a flag that an item's substance, findings and their weights decide, and not its
    signals, quantities or event: the same for every item of one declaration (``ItemVerdict.shared``),
    so they are built by its first flag and shared by the documents of the next ones. Writers of a
    document must therefore not change it (they serialise it or validate it into a Flag)."""

    display: Display
    finding_parts: tuple[ScorePart, ...]  # the parts the findings' weights made (first in components)
    substance: dict
    matches: list[dict]
    finding_components: list[dict]
    novel_when_flagged: bool  # is_novel_designer_precursor, for a flagged verdict
    shown: str  # the summary's name (or SMILES) of the substance
    reason: str | None  # the summary's first reason: the strongest finding
    # The texts score_texts built with these pieces, by what else decides them (bounded: MAX_SCORE_TEXTS).
    scored_texts: dict = field(default_factory=dict, compare=False, repr=False)


# The items of a declaration scored alike share their score parts (pipeline/scoring.py score_remembered):
# a few sequences of signal codes per declaration (quantity, value, fields left out), so a few texts each.
MAX_SCORE_TEXTS = 32


def score_texts(verdict: ItemVerdict, pieces: FlagPieces) -> tuple[str, list[dict], str]:
    """The flag's summary, score components and score explanation. They read nothing but the pieces, the
    verdict's score parts, score and severity and the codes of its signals, so they are remembered with the
    pieces per those: the flags of a declaration's items that were scored alike (the same parts object)
    build them once. Writers of a document must not change them (they are shared as the pieces are)."""
    parts = verdict.components
    key = (id(parts), verdict.score, verdict.severity, tuple(s.code for s in verdict.signals))
    found = pieces.scored_texts.get(key)
    if found is not None and found[0] is parts:  # (the parts are kept with the texts: their id is not reused)
        return found[1:]
    found = (
        parts,
        cut_text(_summary(verdict, pieces), 2 * MAX_QUOTED_CHARS),
        pieces.finding_components + [_component(p) for p in parts[len(pieces.finding_parts) :]],
        explain_score(verdict.score, parts),
    )
    if len(pieces.scored_texts) >= MAX_SCORE_TEXTS:
        pieces.scored_texts.clear()
    pieces.scored_texts[key] = found
    return found[1:]


def flag_pieces(verdict: ItemVerdict, display: Display) -> FlagPieces:
    """The verdict's FlagPieces: those shared by its declaration's verdicts when they hold for it (the
    same display and the same finding parts first in its score components), else built for it (and
    shared from then on)."""
    shared = verdict.shared
    pieces = shared.get("flag") if shared is not None else None
    if pieces is not None and pieces.display == display and _starts_with(verdict.components, pieces.finding_parts):
        return pieces
    pieces = build_flag_pieces(verdict, display)
    if shared is not None:
        shared["flag"] = pieces
    return pieces


def _starts_with(parts: list[ScorePart], first: tuple[ScorePart, ...]) -> bool:
    return len(parts) >= len(first) and all(a is b for a, b in zip(parts, first, strict=False))


def build_flag_pieces(verdict: ItemVerdict, display: Display) -> FlagPieces:
    std = verdict.resolution.std
    atom_map = display.atom_map or {}
    name = verdict.resolution.name or (_matched_name(verdict.findings, std) if std is not None else None)
    substance = {
        "resolved_by": verdict.resolution.resolved_by,
        "smiles": display.smiles,
        "inchikey": display.inchikey,
        "name": name,
        "formula": display.formula,
        "stripped": list(std.stripped) if std else [],
        "drawing_notes": list(std.notes) if std else [],
        "source": verdict.resolution.source,
        "source_notes": list(verdict.resolution.source_notes),
    }
    ordered = order_findings(verdict)
    finding_parts = tuple(p for p in verdict.components if p.finding is not None)
    if not _starts_with(verdict.components, finding_parts):  # (a verdict built by hand): nothing shared
        finding_parts = ()
    strongest = max(verdict.findings, key=finding_weight, default=None)
    if strongest is not None:
        reason: str | None = f"{strongest.method}: {strongest.detail.split(':')[0]}"
    else:
        reason = ordered[0].detail if ordered else None
    flagged = verdict if verdict.severity is not None else replace(verdict, severity="info")
    return FlagPieces(
        display,
        finding_parts,
        substance,
        [_to_match(f, atom_map) for f in ordered],
        [_component(p) for p in finding_parts],
        is_novel_designer_precursor(flagged),
        name or display.smiles or "unidentified substance",
        reason,
    )


def _component(part: ScorePart) -> dict:
    return {"source": part.source, "weight": part.weight, "counted": part.counted, "role": part.role}


def _signal(code: str, detail: str, weight: float) -> dict:
    return {"code": code, "detail": detail, "weight": weight, "event_ids": [], "declaration_ids": []}


def _party(party: Party | None) -> dict | None:
    return _dump_cut(party, ("name", "eori"))


@functools.lru_cache(maxsize=4096)
def _entry_document(ref: EntryRef) -> dict:
    # A watchlist entry's reference is the same in every flag that names it: dumped once. Callers copy it.
    return ref.model_dump(mode="json")


def is_novel_designer_precursor(verdict: ItemVerdict) -> bool:
    """A designer precursor no list names yet: what a monitoring authority needs a listing proposal for.
    The one definition, used by the flag's marker, the repository's novel records (pipeline/batch.py)
    and the stateful REPEAT_MASK signal (pipeline/intelligence_observe.py). All of:

    - a structure (an unidentified name cannot be proposed for listing);
    - not on the watchlist (no exact match) and not a commodity chemical of the curated dictionary
      (helional, piperonyl butoxide, piperine, methyl anthranilate: their identity and legitimate market
      are established, whatever skeleton they share or what they hydrolyse to);
    - an unmasking path or a family finding that is evidence on its own, at least
      ``NOVEL_MIN_EVIDENCE`` (pipeline/scoring.py): a mask of a Category 1 substance or a drug, a
      designer precursor of level high or pre, a precursor family; not an ester that hydrolyses to a
      Category 2 or 3 commodity (ethyl phenylacetate -> phenylacetic acid, 0.08);
    - flagged (only a flag reaches the repository and the investigator).

    It depends on the substance and the watchlist, never on the declaration's context, so every
    sighting of a substance says the same."""
    if verdict.resolution.std is None or verdict.severity is None or verdict.known_chemical:
        return False
    if any(f.method == "exact" for f in verdict.findings):
        return False
    # The substance screened (the flag's): another substance declared with it is not the one proposed.
    designer = (
        finding_weight(f) for f in verdict.findings if f.method in ("unmasking", "family") and not f.declared_as
    )
    return max(designer, default=0.0) >= NOVEL_MIN_EVIDENCE


def order_findings(verdict: ItemVerdict) -> list[Finding]:
    """A flag's findings, most relevant first: the one that counted for the score, then by what each
    weighs as scored (the severity it could give), then exact before unmasking before identifier,
    family and similarity, then by evidence strength. A Category 3 solvent a mask also releases never
    comes before the Category 1 precursor it is a mask of."""
    # Each part names the finding it weighs (ScorePart.finding): paired by that, not by position, so
    # the order of the two lists cannot give a finding another one's weight. A finding without a part
    # (a verdict built by hand) is ranked by its own weight, as not counted.
    counted = {id(p.finding): (p.counted, p.weight) for p in verdict.components if p.finding is not None}

    def relevance(f: Finding) -> tuple[bool, float, int, float]:
        count, weight = counted.get(id(f), (0.0, finding_weight(f)))
        return (count <= 0, -weight, METHOD_ORDER[f.method], -f.score)

    return sorted(verdict.findings, key=relevance)


def _matched_name(findings: list[Finding], std: Standardised) -> str | None:
    """The name of the first entry the screened substance (not another one the item declares) matches exactly."""
    for f in findings:
        if f.method == "exact" and f.entry is not None and not f.declared_as:
            return name_as_entry(f.entry, std)
    return None


def _to_match(f: Finding, atom_map: dict[int, int]) -> dict:
    if f.entry is not None:
        entry = dict(_entry_document(f.entry.ref))
    else:
        spec = f.family.spec  # type: ignore[union-attr]
        entry = {"id": spec.id, "name": spec.name, "cas": None, "inchikey": None, "category": "family"}
        entry |= {"tier": "family", "legal_source": ""}
    return {
        "method": f.method,
        "entry": entry,
        "score": f.score,
        "threshold": f.threshold,
        "path": [{"rule": s.rule, "product_smiles": s.product_smiles} for s in f.path],
        "atoms": sorted(atom_map[a] for a in f.atoms if a in atom_map),
        "detail": f.detail,
        "declared_as": f.declared_as or None,
    }


def _summary(verdict: ItemVerdict, pieces: FlagPieces) -> str:
    reasons = [pieces.reason] if pieces.reason is not None else []
    reasons += [s.code for s in verdict.signals if signal_weight(s) > 0]
    return f"{verdict.severity.upper() if verdict.severity else ''} {pieces.shown} — " + "; ".join(reasons)
