"""Flags (for investigators), dead-letter records and watchlist entries."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.events import Party, Transport

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITIES: tuple[str, ...] = ("info", "low", "medium", "high", "critical")
MatchMethod = Literal["exact", "unmasking", "family", "similarity", "identifier"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntryRef(_Model):
    id: str
    name: str
    cas: str | None = None
    inchikey: str | None = None
    category: str = Field(description="EU category (1, 2A, 2B, 3, 4), 'unscheduled' or a UN schedule.")
    tier: Literal["scheduled", "designer", "drug", "family"] = "scheduled"
    legal_source: str = ""


class PathStep(_Model):
    rule: str = Field(description="Name of the conversion rule (see chemistry/rules.py).")
    product_smiles: str


class Match(_Model):
    method: MatchMethod
    entry: EntryRef
    score: float = Field(ge=0, le=1, description="Evidence strength of this match.")
    threshold: float | None = Field(default=None, description="Similarity threshold, when relevant.")
    path: list[PathStep] = Field(default_factory=list)
    atoms: list[int] = Field(default_factory=list, description="Atom indices of the declared structure to highlight.")
    detail: str = Field(description="Explanation in words.")
    # --- items declaring several substances (several CAS numbers in one field; docs/identification.md)
    declared_as: str | None = Field(
        default=None,
        description="The identifier of another substance the item declares ('CAS 67-64-1') when the match is "
        "about that substance rather than the flag's; null for matches about the flag's substance.",
    )


class Signal(_Model):
    code: str
    detail: str
    weight: float = Field(description="Contribution to the score.")
    # --- stateful signals (issue 12, docs/intelligence.md): what a signal seen across events rests on
    event_ids: list[str] = Field(
        default_factory=list, description="Events a stateful signal rests on, earliest first (empty otherwise)."
    )
    declaration_ids: list[str] = Field(
        default_factory=list, description="Declarations of those events, in the same order."
    )


class Substance(_Model):
    resolved_by: Literal["smiles", "inchi", "cas", "name", "cn_code", "unresolved"]
    smiles: str | None = None
    inchikey: str | None = None
    name: str | None = None
    formula: str | None = None
    stripped: list[str] = Field(default_factory=list, description="Salt/solvent fragments removed.")
    drawing_notes: list[str] = Field(
        default_factory=list,
        description="How the declared drawing was read: isotope labels ignored, radical centres and dummy atoms "
        "read as hydrogen (chemistry/molecules.py normalise_drawing).",
    )
    source: str | None = Field(
        default=None,
        description="Where the declared identifier was found: 'declared structure' (SMILES, InChI), 'watchlist', "
        "'common chemicals (curated)', or the identifier database ('chemicals (ChEDL/PubChem) CID 7678').",
    )
    source_notes: list[str] = Field(
        default_factory=list,
        description="Sources that disagree about a declared name or CAS number, or give it to several substances "
        "(the more trusted source decides; docs/identification.md), and a declared name that several watchlist "
        "entries share (stereoisomers listed apart: the substance is then their structure without stereochemistry).",
    )


class ScoreComponent(_Model):
    source: str = Field(description="'match:<method>:<entry>' or 'signal:<code>'.")
    weight: float
    counted: float | None = Field(
        default=None,
        description="What this component added to the score: the counted parts add up to the score before its "
        "cap at 1.0. Absent in flags written before this field existed.",
    )
    role: str = Field(
        default="",
        description="Why it counts what it counts, e.g. 'evidence: strongest finding counts', "
        "'not counted: evidence does not add up, only the strongest finding counts', 'signal: added', "
        "'signal: not counted (needs chemistry evidence)'.",
    )


class Flag(_Model):
    schema_version: Literal[1] = 1
    flag_id: str = Field(description="Deterministic: hash of event id, item line and watchlist version.")
    event_id: str
    declaration_id: str
    item_line: int
    severity: Severity
    score: float = Field(ge=0, le=1)
    summary: str = Field(description="One sentence an investigator reads first.")
    substance: Substance
    matches: list[Match]
    novel_designer_precursor: bool = Field(
        default=False,
        description="Marker: the substance is not on the watchlist but unmasks to a listed substance or belongs to "
        "a precursor family; its record on the repository topic has the listing-proposal draft.",
    )
    signals: list[Signal]
    score_components: list[ScoreComponent]
    score_explanation: str = Field(
        default="",
        description="One line showing how score_components make the score: the counted parts, their sum and "
        "the cap at 1.0 (the strongest finding counts, signals add their weight).",
    )
    declared: dict = Field(
        description="The goods item as declared (cn_code, description, identifiers, quantity, value)."
    )
    consignor: Party
    consignee: Party
    declarant: Party | None = None
    transport: Transport
    kind: str
    occurred_at: datetime
    watchlist_version: str
    engine_version: str
    screened_at: datetime
    # --- follow-up flags (issue 12, docs/intelligence.md): a flag is never rewritten; what later events
    # reveal about an item is a new flag with its own deterministic id that points back.
    follow_up_of: str | None = Field(
        default=None,
        description="On a follow-up flag: the flag id this item has (or would have) on its own, from its event alone.",
    )
    related_flag_ids: list[str] = Field(
        default_factory=list,
        description="On a follow-up flag: the flag ids of the earlier items its stateful signals rest on.",
    )

    # Retro-screening (precwatch rescreen).
    retro: bool = Field(
        default=False,
        description="True for a flag raised by `precwatch rescreen`: a past event screened again against a newer "
        "watchlist, and this flag is new or more severe than what was published for the item before; "
        "watchlist_version is the version that found it.",
    )


class DeadLetter(_Model):
    schema_version: Literal[1] = 1
    reason: str = Field(description="Why the message was rejected, in words.")
    reason_code: Literal[
        "empty",
        "too_large",
        "invalid_json",
        "not_object",
        "schema",
        "processing",
        "other",
        "duplicate_key",
        "data_quality",
    ] = Field(
        "other",
        description="Class of the reason (a low-cardinality metric label). 'data_quality' alone does not mean a "
        "lost event: the event was screened without the fields named, and this record reports its errors.",
    )
    error_location: str = Field(description="Where: a field path, 'json', 'line N', or topic/partition/offset.")
    original: str = Field(description="The original bytes, decoded as UTF-8 with replacement, or base64 when binary.")
    original_encoding: Literal["utf-8", "base64"] = "utf-8"
    original_size: int | None = Field(
        default=None, description="Size of the original in bytes, when `original` holds only its first bytes."
    )
    original_sha256: str | None = Field(
        default=None, description="SHA-256 (hex) of the whole original, when `original` holds only its first bytes."
    )
    received_at: datetime
    source: str = Field(default="", description="File name or topic the message came from.")
    partition: int | None = None
    offset: int | None = None
    # Dead letters of Kafka records: the record's key, so that no key and an empty key stay apart.
    key: str | None = Field(
        default=None,
        description="Key of the Kafka record: null when the record had no key (or the original was a line of a "
        "file), '' when its key was empty.",
    )
    key_encoding: Literal["utf-8", "base64"] = Field("utf-8", description="How `key` is written.")


class WatchlistEntry(BaseModel):
    """One watchlist row, as stored in chemistry/data/watchlist.csv and published on the watchlist topic."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    tier: Literal["scheduled", "designer", "drug"]
    category: str
    name: str
    synonyms: list[str] = Field(default_factory=list)
    cas: str | None = None
    cn_codes: list[str] = Field(
        default_factory=list, description="CN codes read from a cited source (refs); empty when not known to us."
    )
    cn_codes_inferred: list[str] = Field(
        default_factory=list,
        description="CN codes inferred from the tariff structure or by analogy, not verified. Flags that rely on one "
        "say so (an unidentified item declared under it; a declared code from another heading).",
    )
    un_table: str | None = None
    smiles: str
    formula: str
    legal_source: str = Field(min_length=1)
    threshold: str | None = None
    threshold_kg: float | None = None
    match_rule: str | None = None
    refs: str = ""
    notes: str = ""
