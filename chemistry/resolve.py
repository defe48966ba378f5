"""Resolve a goods item's substance from what was declared.

Order: SMILES -> InChI -> CAS (as traders type them; the check digit must hold) -> name/synonym ->
CN code alone. Every
identifier given is checked, not only the first that works, so that an invalid CAS next to a valid
SMILES, or a SMILES that contradicts the CAS, is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from rdkit import Chem

from chemistry.identifiers import compute_base_salt_keys, compute_name_keys, parse_declared_cas
from chemistry.molecules import Standardised, normalise_drawing, parse_inchi, standardise_mol, standardise_smiles
from chemistry.watchlist import LexiconRecord, Watchlist

K = TypeVar("K")
V = TypeVar("V")

# How each kind of identifier is called in explanations.
IDENTIFIER_LABELS = {"smiles": "SMILES", "inchi": "InChI", "cas": "CAS", "name": "name"}


@dataclass(slots=True)
class Resolution:
    resolved_by: str  # smiles | inchi | cas | name | cn_code | unresolved
    std: Standardised | None
    name: str | None = None
    invalid: list[str] = field(default_factory=list)  # identifier problems, in words
    conflicts: list[str] = field(default_factory=list)  # identifiers naming different substances


class StructureCache:
    """Bounded cache of raw identifier -> (standardised, reason): most items repeat common chemicals."""

    __slots__ = ("_data", "_max", "hits", "misses", "spellings")

    def __init__(self, max_size: int = 100_000):
        self._data: dict[str, tuple[Standardised | None, str]] = {}
        # Canonical SMILES as parsed -> standardised: another spelling of a known molecule
        # (standardise_smiles' ``known``).
        self.spellings: dict[str, Standardised] = {}
        self._max = max_size
        self.hits = 0
        self.misses = 0

    def standardise(self, smiles: str) -> tuple[Standardised | None, str]:
        """standardise_smiles, knowing the molecules standardised before under another spelling."""
        return standardise_smiles(smiles, self.spellings, self._max)

    def get_or_compute(self, raw: str, compute) -> tuple[Standardised | None, str]:
        found = self._data.get(raw)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        return remember(self._data, raw, compute(raw), self._max)


def remember(cache: dict[K, V], key: K, value: V, max_size: int) -> V:
    """Store a computed value in a bounded cache dict (first in, first out) and return it."""
    if len(cache) >= max_size:
        cache.pop(next(iter(cache)))  # FIFO eviction keeps memory bounded
    cache[key] = value
    return value


def _std_from_inchi(text: str) -> tuple[Standardised | None, str]:
    mol, reason = parse_inchi(text)
    if mol is None:
        return None, reason
    mol, notes = normalise_drawing(mol) if "/i" in text else (mol, ())  # the isotope layer
    return standardise_mol(mol, notes), ""


def resolve_item(
    watchlist: Watchlist,
    cache: StructureCache,
    smiles: str | None = None,
    inchi: str | None = None,
    cas: str | None = None,
    name: str | None = None,
    cn_code: str | None = None,
) -> Resolution:
    # (kind, structure, name when the identifier is a name or CAS look-up, the identifier as declared)
    candidates: list[tuple[str, Standardised, str | None, str]] = []
    invalid: list[str] = []
    if smiles:
        std, reason = cache.get_or_compute("S:" + smiles, lambda raw: cache.standardise(raw[2:]))
        if std is None:
            invalid.append(f"SMILES: {reason}")
        else:
            candidates.append(("smiles", std, None, smiles))
    if inchi:
        std, reason = cache.get_or_compute("I:" + inchi, lambda raw: _std_from_inchi(raw[2:]))
        if std is None:
            invalid.append(f"InChI: {reason}")
        else:
            listed = watchlist.by_inchikey_skeleton.get(skeleton_of_inchi(inchi))
            if listed is not None and listed.key != std.key:
                # Same skeleton and mobile hydrogens as a listed substance, drawn as another
                # tautomer: it is that substance (stereo differences keep their own keys).
                std = _record_std(listed, cache) or std
            candidates.append(("inchi", std, None, inchi))
    if cas:
        numbers, problems = parse_declared_cas(cas)
        invalid.extend(problems)
        records = [watchlist.by_cas[n] for n in numbers if n in watchlist.by_cas]
        # Several numbers in one field: a listed substance goes first, so that a mixture declared as
        # "ethanol; BMK" is screened as BMK, with the other number reported as a conflict.
        records.sort(key=lambda record: record.watchlist_id is None)
        candidates.extend(("cas", _record_std(record, cache), record.name, record.cas or cas) for record in records)
    if name:
        record = lookup_name(watchlist, cache, name)
        if record is not None:
            candidates.append(("name", _record_std(record, cache), record.name, name))
    if not candidates:
        return Resolution("cn_code" if cn_code else "unresolved", None, None, invalid)
    how, std, label, _ = candidates[0]
    conflicts = [
        f"{_describe(watchlist, candidates[0])} and {_describe(watchlist, other)} name different substances "
        f"(the {IDENTIFIER_LABELS[how]} is screened)"
        for other in candidates[1:]
        if other[1] is not None and std is not None and other[1].key != std.key
    ]
    return Resolution(how, std, label, invalid, conflicts)


def skeleton_of_inchi(inchi: str) -> str:
    """The first block of the InChI's standard InChIKey ("" when it has none)."""
    try:
        return (Chem.InchiToInchiKey(inchi.strip()) or "")[:14]
    except Exception:  # RDKit raises on InChI it cannot key
        return ""


def lookup_name(watchlist: Watchlist, cache: StructureCache, name: str) -> LexiconRecord | None:
    """The lexicon record a declared name stands for (see compute_name_keys), or None."""
    for key in compute_name_keys(name):
        record = watchlist.by_name.get(key)
        if record is not None:
            return record
    for key in compute_base_salt_keys(name):
        record = watchlist.by_name.get(key)
        # "X sulphate" is a salt only when X is a base (an amine); otherwise the name is an ester's.
        if record is not None:
            std = _record_std(record, cache)
            if std is not None and any(atom.GetAtomicNum() == 7 for atom in std.mol.GetAtoms()):
                return record
    return None


def name_structure(watchlist: Watchlist, std: Standardised) -> str | None:
    """The name the watchlist or the common-chemicals dictionary gives a structure, if any."""
    entries = [c for c in watchlist.by_key.get(std.key, []) if not c.cn_scope]
    if entries:
        same_stereo = [c for c in entries if c.std.iso_key == std.iso_key]
        return (same_stereo or entries)[0].entry.name
    return watchlist.common_keys.get(std.key)


def _describe(watchlist: Watchlist, candidate: tuple[str, Standardised | None, str | None, str]) -> str:
    """'CAS 103-79-7 (1-Phenyl-2-propanone)': the identifier as declared, and the substance it names."""
    how, std, label, declared = candidate
    name = label or (name_structure(watchlist, std) if std is not None else None)
    return f"{IDENTIFIER_LABELS[how]} {declared} ({name or 'no name known'})"


def _record_std(record: LexiconRecord, cache: StructureCache) -> Standardised | None:
    std, _ = cache.get_or_compute("S:" + record.smiles, lambda raw: standardise_smiles(raw[2:]))
    return std
