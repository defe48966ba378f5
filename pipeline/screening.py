"""The screening engine: one event in, zero or more flags out. Pure apart from its caches."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

from chemistry.matching import Analysis, Finding, MatchConfig, Matcher, analyse_structure, build_matcher
from chemistry.molecules import Standardised, compute_formula, compute_inchikey, smiles_with_atom_map
from chemistry.resolve import Resolution, StructureCache, remember, resolve_item
from chemistry.watchlist import Watchlist
from pipeline.scoring import IDENTIFIER_WEIGHTS, evidence_score, finding_weight, severity_for, weight_key
from pipeline.settings import Settings
from pipeline.signals import CATCH_ALL_CN, ItemContext, SignalHit, collect_signals
from schemas.events import GoodsItem, TransactionEvent
from schemas.flags import EntryRef, Flag, Match, PathStep, ScoreComponent, Signal, Substance

try:
    ENGINE_VERSION = version("precursor-watch")
except PackageNotFoundError:  # running from a source tree
    ENGINE_VERSION = "0+source"

METHOD_ORDER = {"exact": 0, "unmasking": 1, "identifier": 2, "family": 3, "similarity": 4}


def make_flag_id(event_id: str, item_line: int, watchlist_version: str) -> str:
    """Deterministic, so a re-delivered event yields the same id and consumers can deduplicate."""
    digest = hashlib.sha256(f"{event_id}\x1f{item_line}\x1f{watchlist_version}".encode()).hexdigest()
    return digest[:32]


@dataclass(slots=True)
class ItemVerdict:
    """Hot-path result for one goods item; turned into a Flag only when flagged."""

    item: GoodsItem
    resolution: Resolution
    findings: list[Finding]
    signals: list[SignalHit]
    score: float
    severity: str | None
    components: list[tuple[str, float]]
    truncated: str = ""


@dataclass
class Screener:
    watchlist: Watchlist
    settings: Settings
    matcher: Matcher = field(init=False)
    structures: StructureCache = field(init=False)
    analyses: dict[str, Analysis] = field(default_factory=dict)
    resolutions: dict[tuple[str | None, ...], Resolution] = field(default_factory=dict)
    analysis_hits: int = 0
    analysis_misses: int = 0

    def __post_init__(self) -> None:
        config = MatchConfig(
            similarity_threshold=self.settings.similarity_threshold,
            max_steps=self.settings.unmask_max_steps,
            time_budget_s=self.settings.unmask_time_budget_s,
        )
        self.matcher = build_matcher(self.watchlist, config)
        self.structures = StructureCache(self.settings.cache_size)

    # -- pure-ish core -------------------------------------------------------------------------
    def analyse(self, resolution: Resolution) -> Analysis | None:
        std = resolution.std
        if std is None:
            return None
        found = self.analyses.get(std.iso_key)
        if found is not None:
            self.analysis_hits += 1
            return found
        self.analysis_misses += 1
        return remember(self.analyses, std.iso_key, analyse_structure(std, self.matcher), self.settings.cache_size)

    def resolve(self, item: GoodsItem) -> Resolution:
        """The item's substance. Remembered per set of identifiers declared: the same chemical is
        declared again and again, so identifier checks and look-ups are not repeated.
        Resolutions are shared between items, so they are never changed after this."""
        declared = (item.smiles, item.inchi, item.cas, item.name, item.cn_code)
        resolution = self.resolutions.get(declared)
        if resolution is None:
            resolution = remember(
                self.resolutions,
                declared,
                resolve_item(self.watchlist, self.structures, *declared),
                self.settings.cache_size,
            )
        if resolution.std is None and item.description:
            # Last resort: a description that is exactly a chemical name.
            by_description = resolve_item(self.watchlist, self.structures, name=item.description)
            if by_description.std is not None:
                return replace(by_description, invalid=resolution.invalid)
        return resolution

    def screen_item(self, event: TransactionEvent, item: GoodsItem) -> ItemVerdict:
        resolution = self.resolve(item)
        analysis = self.analyse(resolution)
        findings = self._findings(analysis, item, resolution)
        known = resolution.std is not None and resolution.std.key in self.watchlist.common_keys
        evidence, components = evidence_score(findings, known_commodity=known)
        ctx = ItemContext(event, item, resolution, findings, evidence, self.watchlist, self.settings)
        signals = collect_signals(ctx)
        score = evidence
        for s in signals:
            if s.weight and (s.standalone or evidence > 0):
                score += s.weight
                components.append((f"signal:{s.code}", s.weight))
        score = round(min(score, 1.0), 3)
        severity = severity_for(score) if score >= self.settings.flag_min_score else None
        return ItemVerdict(
            item, resolution, findings, signals, score, severity, components, analysis.truncated if analysis else ""
        )

    def _findings(self, analysis: Analysis | None, item: GoodsItem, resolution: Resolution) -> list[Finding]:
        if analysis is None:
            return self._identifier_findings(item) if resolution.resolved_by == "cn_code" else []
        findings = [*analysis.exact, *analysis.unmasking, *analysis.families, *analysis.similar]
        declared = item.cn_code or ""
        # Category 4: medicinal products containing (pseudo)ephedrine are judged as Category 4.
        scoped = [
            c
            for f in analysis.exact
            for c in self.watchlist.by_key.get(analysis.std.key, [])
            if c.cn_scope and declared[:4] in c.cn_scope and c.std.iso_key == f.entry.std.iso_key
        ]
        if scoped:
            findings = [f for f in findings if f.method != "exact"] + [
                Finding(
                    "exact",
                    c,
                    1.0,
                    f"active ingredient of {c.entry.name}: declared as a medicinal product under CN {declared}",
                )
                for c in scoped
            ]
        return findings

    def _identifier_findings(self, item: GoodsItem) -> list[Finding]:
        code = item.cn_code or ""
        if code in CATCH_ALL_CN:
            return []
        findings = []
        sourced = [(e, "is the specific tariff code of") for e in self.watchlist.by_cn.get(code, [])]
        sourced_ids = {e.id for e, _ in sourced}
        # A code we only inferred from the tariff structure still points at the substance, but the
        # investigator must know the link is ours, not the tariff's.
        inferred = [
            (e, "is, by our reading of the tariff structure (not verified against the CN), the code of")
            for e in self.watchlist.by_cn_inferred.get(code, [])
            if e.id not in sourced_ids
        ]
        for entry, link in sourced + inferred:
            if IDENTIFIER_WEIGHTS.get(weight_key(entry), 0.0):
                findings.append(
                    Finding(
                        "identifier", entry, 1.0, f"substance not identified, but CN {code} {link} {entry.entry.name}"
                    )
                )
        return findings[:3]

    def screen_event(self, event: TransactionEvent, now: datetime | None = None) -> list[Flag]:
        return [flag for _, flag in self.screen_event_items(event, now) if flag is not None]

    def screen_event_items(
        self, event: TransactionEvent, now: datetime | None = None
    ) -> list[tuple[ItemVerdict, Flag | None]]:
        """Every item's verdict, with its flag when it is flagged."""
        out = []
        for item in event.items:
            verdict = self.screen_item(event, item)
            flag = self.build_flag(event, verdict, now) if verdict.severity is not None else None
            out.append((verdict, flag))
        return out

    def _display(self, std: Standardised) -> tuple[str, dict[int, int], str | None, str]:
        """Display SMILES, atom map, InChIKey and formula of a structure, computed once per structure."""
        analysis = self.analyses.get(std.iso_key)
        if analysis is None:
            smiles, atom_map = smiles_with_atom_map(std.mol)
            return smiles, atom_map, compute_inchikey(std.mol) or None, compute_formula(std.mol)
        if analysis.display is None:
            analysis.display = smiles_with_atom_map(std.mol)
            analysis.inchikey = compute_inchikey(std.mol) or None
            analysis.formula = compute_formula(std.mol)
        return analysis.display[0], analysis.display[1], analysis.inchikey, analysis.formula or ""

    def structure_identity(self, std: Standardised) -> tuple[str | None, str]:
        """(InChIKey, display SMILES) of a standardised structure."""
        smiles, _, inchikey, _ = self._display(std)
        return inchikey, smiles

    def cache_stats(self) -> tuple[int, int]:
        """(hits, misses) of the per-structure analysis cache."""
        return self.analysis_hits, self.analysis_misses

    # -- output ----------------------------------------------------------------------------------
    def build_flag(self, event: TransactionEvent, verdict: ItemVerdict, now: datetime | None = None) -> Flag:
        std = verdict.resolution.std
        smiles, atom_map, inchikey, formula = self._display(std) if std is not None else (None, {}, None, None)
        substance = Substance(
            resolved_by=verdict.resolution.resolved_by,  # type: ignore[arg-type]
            smiles=smiles,
            inchikey=inchikey,
            name=verdict.resolution.name or _matched_name(verdict.findings),
            formula=formula,
            stripped=list(std.stripped) if std else [],
        )
        matches = [
            _to_match(f, atom_map) for f in sorted(verdict.findings, key=lambda f: (METHOD_ORDER[f.method], -f.score))
        ]
        signals = [Signal(code=s.code, detail=s.detail, weight=s.weight) for s in verdict.signals]
        if verdict.truncated:
            signals.append(Signal(code="SEARCH_TRUNCATED", detail=verdict.truncated, weight=0.0))
        item = verdict.item
        return Flag(
            flag_id=make_flag_id(event.event_id, item.line, self.watchlist.version),
            event_id=event.event_id,
            declaration_id=event.declaration_id,
            item_line=item.line,
            severity=verdict.severity,  # type: ignore[arg-type]
            score=verdict.score,
            summary=_summary(verdict, substance),
            substance=substance,
            matches=matches,
            signals=signals,
            score_components=[ScoreComponent(source=s, weight=w) for s, w in verdict.components],
            declared=item.model_dump(mode="json", exclude_none=True),
            consignor=event.consignor,
            consignee=event.consignee,
            declarant=event.declarant,
            transport=event.transport,
            kind=event.kind,
            occurred_at=event.occurred_at,
            watchlist_version=self.watchlist.version,
            engine_version=ENGINE_VERSION,
            screened_at=now or datetime.now(UTC),
        )


def _matched_name(findings: list[Finding]) -> str | None:
    for f in findings:
        if f.method == "exact" and f.entry is not None:
            return f.entry.entry.name
    return None


def _to_match(f: Finding, atom_map: dict[int, int]) -> Match:
    if f.entry is not None:
        entry = f.entry.ref
    else:
        spec = f.family.spec  # type: ignore[union-attr]
        entry = EntryRef(id=spec.id, name=spec.name, category="family", tier="family", legal_source="")
    return Match(
        method=f.method,  # type: ignore[arg-type]
        entry=entry,
        score=f.score,
        threshold=f.threshold,
        path=[PathStep(rule=s.rule, product_smiles=s.product_smiles) for s in f.path],
        atoms=sorted(atom_map[a] for a in f.atoms if a in atom_map),
        detail=f.detail,
    )


def _summary(verdict: ItemVerdict, substance: Substance) -> str:
    what = substance.name or substance.smiles or "unidentified substance"
    top = sorted(verdict.findings, key=lambda f: (METHOD_ORDER[f.method], -f.score))
    strongest = max(verdict.findings, key=finding_weight, default=None)
    reasons = []
    if strongest is not None:
        reasons.append(f"{strongest.method}: {strongest.detail.split(':')[0]}")
    elif top:
        reasons.append(top[0].detail)
    reasons += [s.code for s in verdict.signals if s.weight > 0]
    return f"{verdict.severity.upper() if verdict.severity else ''} {what} — " + "; ".join(reasons)
