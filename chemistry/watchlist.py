"""Watchlist: load, validate, version and index the precursor data."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from anyascii import anyascii
from pydantic import ValidationError
from rdkit import Chem, DataStructs
from rdkit.Chem import rdFingerprintGenerator

from chemistry.cut_names import index_cut_name_keys
from chemistry.identifiers import (
    find_latin_genitive,
    fold_accents,
    normalise_name,
    spell_without_umlauts,
    split_cn_codes,
    validate_cas,
)
from chemistry.inflected_names import INFLECTED_LANGUAGES, index_names_by_spelling, index_names_by_stems
from chemistry.misspellings import index_names_by_length
from chemistry.molecules import (
    Standardised,
    compute_degree_vector,
    compute_formula,
    compute_inchikey,
    compute_skeleton_key,
    compute_tautomer_key,
    parse_smiles,
    standardise_parsed,
    standardise_smiles,
)
from chemistry.regulatory_numbers import RegulatoryNumber, read_regulatory_numbers
from schemas.flags import EntryRef, WatchlistEntry

DATA_DIR = Path(__file__).parent / "data"
WATCHLIST_CSV = DATA_DIR / "watchlist.csv"
COMMON_CSV = DATA_DIR / "common_chemicals.csv"
NAMES_EU_CSV = DATA_DIR / "names_eu.csv"  # the scheduled substances' names in the EU's languages
# CAS numbers of the entries' salt and hydrate forms, from the identifier database (devtools/salt_forms.py)
SALT_FORMS_CSV = DATA_DIR / "salt_forms.csv"
# Salt CAS numbers the database does not hold, each read in a source its row cites (typed by hand;
# devtools/salt_forms.py never writes this file). Used wherever salt_forms.csv is.
SALT_FORMS_SOURCED_CSV = DATA_DIR / "salt_forms_sourced.csv"
# Names of unlisted members of the drug classes (chemistry/families.py) that a national narcotics law
# gives, with the structure its chemical name draws: see SOURCES.md, "Names of unlisted drug-class members".
DRUG_CLASS_NAMES_CSV = DATA_DIR / "drug_class_names.csv"
# Names of natural products (essential oils) that a cited source controls as an entry's substance: see
# SOURCES.md, "Natural products controlled as a scheduled substance (natural_products.csv)".
NATURAL_PRODUCTS_CSV = DATA_DIR / "natural_products.csv"
# Entries whose CAS number only the identifier database supports (not read in a cited source): the
# number stays in watchlist.csv, and resolutions by it say where it comes from (SOURCES.md).
CAS_SOURCES_CSV = DATA_DIR / "cas_sources.csv"
REGULATORY_NUMBERS_CSV = DATA_DIR / "regulatory_numbers.csv"
META_JSON = DATA_DIR / "watchlist.meta.json"

FINGERPRINT = rdFingerprintGenerator.GetMorganGenerator(radius=2, fpSize=2048)

TIER_PRIORITY = {"drug": 0, "scheduled": 1, "designer": 2}
CATEGORY_PRIORITY = {"1": 0, "2A": 1, "2B": 2, "3": 3, "4": 4}


class WatchlistInvalid(ValueError):
    """The watchlist data failed validation; `problems` lists every problem found."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} watchlist problem(s): " + "; ".join(problems[:5]))
        self.problems = problems


@dataclass(slots=True)
class CompiledEntry:
    entry: WatchlistEntry
    std: Standardised
    inchikey: str
    fingerprint: object
    ref: EntryRef
    excludes: tuple[str, ...] = ()
    stereo_exact: bool = False
    cn_scope: tuple[str, ...] = ()
    level: str = ""
    # similarity:off: not offered to fingerprint similarity (chemistry/matching.py match_similarity), for a
    # medicine whose nearest neighbours above the threshold are unscheduled medicines (naloxone next to
    # oxymorphone, dextromethorphan next to levorphanol): its exact, salt and unmasking matches stay.
    similarity_off: bool = False
    # The parent structure's formula and tautomer-insensitive InChIKey (compute_tautomer_key): a structure
    # drawn as another tautomer of this entry is found through them (chemistry/matching.py
    # align_listed_tautomer), the formula, degree vector and skeleton key first because they cost next to nothing.
    parent_formula: str = ""
    degree_vector: str = ""
    skeleton_key: str = ""
    tautomer_key: str = ""

    @property
    def id(self) -> str:
        return self.entry.id

    def priority(self) -> tuple[int, int]:
        return (TIER_PRIORITY[self.entry.tier], CATEGORY_PRIORITY.get(self.entry.category, 5))


@dataclass(slots=True)
class LexiconRecord:
    """A name/CAS -> structure record, from the watchlist or the common-chemicals dictionary."""

    name: str
    smiles: str
    cas: str | None
    cn_codes: tuple[str, ...]
    watchlist_id: str | None
    key: str  # standardised structure key
    # Where the record comes from, in words: the watchlist, a salt form's sourced CAS number, or the
    # curated common-chemicals dictionary (shown with every resolution that used it).
    source: str = "watchlist"
    # The ids of the entries a watchlist name stands for when it names several that differ only in
    # stereochemistry ("chloroephedrine": both enantiomers); the record is then their common
    # structure without stereochemistry (see shared_name_record). Empty for any other record.
    covers: tuple[str, ...] = ()
    # The natural product's name when the record is that of a natural product a source controls as the
    # entry's substance (natural_products.csv: "sassafras oil" as safrole); empty for any other record.
    natural_product: str = ""


@dataclass(slots=True)
class Watchlist:
    version: str
    entries: list[CompiledEntry]
    as_of: str = ""
    source_text: str = ""  # the CSV it was built from, for publishing on the watchlist topic
    by_key: dict[str, list[CompiledEntry]] = field(default_factory=dict)
    by_id: dict[str, CompiledEntry] = field(default_factory=dict)
    by_cn: dict[str, list[CompiledEntry]] = field(default_factory=dict)  # sourced codes
    by_cn_inferred: dict[str, list[CompiledEntry]] = field(default_factory=dict)  # inferred, not verified
    by_cas: dict[str, LexiconRecord] = field(default_factory=dict)
    by_name: dict[str, LexiconRecord] = field(default_factory=dict)
    # First block of the standard InChIKey (the skeleton, tautomer-independent) -> record: an InChI
    # from another system may be a tautomer of the listed drawing (an amide read back as its
    # imidic acid), which the structure keys alone would not match.
    by_inchikey_skeleton: dict[str, LexiconRecord] = field(default_factory=dict)
    # Full standard InChIKey of an entry's structure -> the first entry (in the list's order) drawn so: an
    # InChIKey typed into a name field is looked up here (chemistry/resolve.py resolve_structure_identifier_in_name).
    by_inchikey: dict[str, CompiledEntry] = field(default_factory=dict)
    # Parent formula -> entries, in priority order: only a structure with the formula of an entry can be a
    # tautomer of it, so the tautomer key is computed for those alone.
    by_formula: dict[str, list[CompiledEntry]] = field(default_factory=dict)
    fingerprints: list[object] = field(default_factory=list)
    # Structure key -> CN codes known for it (watchlist and common chemicals), for mis-declaration.
    cn_by_key: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # (structure key, CN code) pairs known only by inference, not from a source (explanations say so).
    cn_inferred: set[tuple[str, str]] = field(default_factory=set)
    # Structure keys of known, non-listed commodity chemicals (the curated dictionary).
    common_keys: dict[str, str] = field(default_factory=dict)
    # Entry id -> where its CAS number comes from, for numbers only the identifier database supports.
    cas_from_database: dict[str, str] = field(default_factory=dict)
    # EC number or CLP index number -> the entry it identifies and the page it was read on
    # (chemistry/data/regulatory_numbers.csv; chemistry/regulatory_numbers.py).
    regulatory_numbers: dict[str, RegulatoryNumber] = field(default_factory=dict)
    # Watchlist name key -> the name as written that gave it (entries' names and synonyms, names_eu.csv), for
    # saying which name a misspelt one was read as (chemistry/resolve.py resolve_misspelt_name).
    name_spellings: dict[str, str] = field(default_factory=dict)
    # Every word (letters only, lower case, accents folded) of the names in name_spellings: what a reading that
    # changes letters inside a word may make of it (chemistry/resolve.py resolve_ocr_name checks the words it
    # made against these before looking a spelling up).
    name_words: frozenset[str] = frozenset()
    # Every key of by_name by its length, in by_name's order (chemistry/misspellings.py index_names_by_length):
    # the names one typing error from a declared one are looked for among those of about its length only.
    names_by_length: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # The watchlist's own names by the stems of their words (chemistry/inflected_names.py index_names_by_stems):
    # where a name declared in another grammatical case is looked up (resolve.py resolve_inflected_name).
    names_by_stems: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    # The watchlist's own names in one spelling of the letters the Union's languages write differently
    # (chemistry/inflected_names.py index_names_by_spelling), for the same reading.
    names_by_spelling: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every key of by_name as (its key without brackets, the key), sorted (chemistry/cut_names.py
    # index_cut_name_keys): the names a name cut at a field's length is the beginning of are found by bisection.
    cut_name_keys: tuple[tuple[str, str], ...] = ()
    # The natural products' names (natural_products.csv) as their words, accents folded and lower-case, with
    # their records: a name that writes other words among them is read by chemistry/resolve.py
    # resolve_qualified_natural_product ("Sassafras albidum essential oil").
    natural_product_words: tuple[tuple[tuple[str, ...], LexiconRecord], ...] = ()
    # The natural products whose name is also a word of other goods, by the CN heading (digits) their source reads
    # them under (natural_products.csv cn_heading: Turkish "Afyon", opium under 1302 11, and a city, its marble and
    # cheese): chemistry/resolve.py refuse_drug_product_in_other_goods reads them under that heading only.
    products_read_under_heading: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)


def read_entries(text: str) -> tuple[list[WatchlistEntry], list[str]]:
    """Parse watchlist CSV text into validated entries; collect problems instead of raising."""
    entries: list[WatchlistEntry] = []
    problems: list[str] = []
    for lineno, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            entries.append(entry_from_row(row))
        except (ValidationError, ValueError, KeyError) as exc:
            problems.append(f"line {lineno} ({row.get('id', '?')}): {_short(exc)}")
    return entries, problems


def entry_from_row(row: dict[str, str]) -> WatchlistEntry:
    def opt(name: str) -> str | None:
        value = (row.get(name) or "").strip()
        return value or None

    threshold_kg = opt("threshold_kg")
    return WatchlistEntry(
        id=row["id"].strip(),
        tier=row["tier"].strip(),
        category=row["category"].strip(),
        name=row["name"].strip(),
        synonyms=[s.strip() for s in (row.get("synonyms") or "").split(";") if s.strip()],
        cas=opt("cas"),
        cn_codes=list(split_cn_codes(row.get("cn_code") or "")),
        cn_codes_inferred=list(split_cn_codes(row.get("cn_code_inferred") or "")),
        un_table=opt("un_table"),
        smiles=row["smiles"].strip(),
        formula=row["formula"].strip(),
        legal_source=row["legal_source"].strip(),
        threshold=opt("threshold"),
        threshold_kg=float(threshold_kg) if threshold_kg is not None else None,
        match_rule=opt("match_rule"),
        refs=(row.get("refs") or "").strip(),
        notes=(row.get("notes") or "").strip(),
    )


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return str(exc)


def check_entries(entries: list[WatchlistEntry]) -> tuple[list[CompiledEntry], list[str]]:
    """Validate every entry with RDKit and compile it. Returns (compiled, problems)."""
    problems: list[str] = []
    compiled: list[CompiledEntry] = []
    seen_ids: set[str] = set()
    for entry in entries:
        where = f"{entry.id}"
        if entry.id in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(entry.id)
        if set(entry.cn_codes) & set(entry.cn_codes_inferred):
            problems.append(f"{where}: a CN code cannot be both sourced and inferred")
        if entry.cas:
            _, reason = validate_cas(entry.cas)
            if reason:
                problems.append(f"{where}: {reason}")
        # One parse serves both the standardisation and the formula of the whole drawing (standardising
        # reads the parsed molecule without changing it): entries are parsed at every start of a screening.
        full, reason = parse_smiles(entry.smiles)
        std, reason = standardise_parsed(full, entry.smiles) if full is not None else (None, reason)
        if std is None:
            problems.append(f"{where}: structure does not parse: {reason}")
            continue
        formula = compute_formula(full)
        if formula != entry.formula:
            problems.append(f"{where}: formula {entry.formula} does not match the structure ({formula})")
        rules = _parse_match_rule(entry.match_rule)
        if "problem" in rules:
            problems.append(f"{where}: {rules['problem']}")
        compiled.append(_compile(entry, std, rules))
    ids = {c.id for c in compiled}
    for c in compiled:
        for excluded in c.excludes:
            if excluded not in ids:
                problems.append(f"{c.id}: match_rule excludes unknown entry {excluded}")
    problems.extend(_check_duplicate_structures(compiled))
    return compiled, problems


def _parse_match_rule(rule: str | None) -> dict[str, str]:
    """The rules of a match_rule cell: one or more `kind:value`, separated by spaces (stereo:exact
    similarity:off)."""
    rules: dict[str, str] = {}
    for part in (rule or "").split():
        kind, _, value = part.partition(":")
        if kind not in {"excludes", "stereo", "cn_scope", "level", "similarity"} or not value or kind in rules:
            return {"problem": f"unknown match_rule '{rule}'"}
        if kind == "stereo" and value != "exact":
            return {"problem": f"unknown stereo rule '{value}'"}
        if kind == "level" and value not in {"high", "pre", "watch"}:
            return {"problem": f"unknown level '{value}'"}
        if kind == "similarity" and value != "off":
            return {"problem": f"unknown similarity rule '{value}'"}
        rules[kind] = value
    return rules


def _compile(entry: WatchlistEntry, std: Standardised, rules: dict[str, str]) -> CompiledEntry:
    inchikey = compute_inchikey(std.mol)
    ref = EntryRef(
        id=entry.id,
        name=entry.name,
        cas=entry.cas,
        inchikey=inchikey or None,
        category=entry.category,
        tier=entry.tier,
        legal_source=entry.legal_source,
    )
    return CompiledEntry(
        entry=entry,
        std=std,
        inchikey=inchikey,
        fingerprint=FINGERPRINT.GetFingerprint(std.mol),
        ref=ref,
        excludes=tuple(x for x in rules.get("excludes", "").split(";") if x),
        stereo_exact=rules.get("stereo") == "exact",
        cn_scope=tuple(x for x in rules.get("cn_scope", "").split(";") if x),
        level=rules.get("level", ""),
        similarity_off=rules.get("similarity") == "off",
        parent_formula=compute_formula(std.mol),
        degree_vector=compute_degree_vector(std.mol),
        skeleton_key=compute_skeleton_key(std.mol),
        tautomer_key=compute_tautomer_key(std.mol),
    )


def _check_duplicate_structures(compiled: list[CompiledEntry]) -> list[str]:
    """Two entries may share a structure key only when the sharing is intended and explained.

    Intended: stereoisomers listed separately (ephedrine/pseudoephedrine, the chloroephedrines,
    norephedrine/cathine) and Category 4 medicinal products that name a Category 1 active ingredient.
    """
    problems = []
    groups: dict[str, list[CompiledEntry]] = {}
    for c in compiled:
        groups.setdefault(c.std.key, []).append(c)
    for key, group in groups.items():
        if len(group) < 2:
            continue
        isos = [c.std.iso_key for c in group if not c.cn_scope]
        distinct_stereo = len(set(isos)) == len(isos) or any(c.excludes or c.stereo_exact for c in group)
        if not distinct_stereo:
            problems.append(f"entries {', '.join(c.id for c in group)} share structure {key} unintentionally")
    # Tautomers are one substance: two entries drawn as tautomers of each other would be one entry twice,
    # and a structure drawn as a third tautomer could not say which of them it is.
    by_skeleton: dict[str, set[str]] = {}
    for c in compiled:
        if c.tautomer_key:
            by_skeleton.setdefault(c.tautomer_key[:14], set()).add(c.std.key)
    for skeleton, keys in by_skeleton.items():
        if len(keys) > 1:
            problems.append(f"structures {', '.join(sorted(keys))} are tautomers of one another (InChIKey {skeleton})")
    return problems


def load_watchlist(
    path: Path = WATCHLIST_CSV,
    common_path: Path = COMMON_CSV,
    as_of: str | None = None,
    salt_forms_path: Path | None = SALT_FORMS_CSV,
    cas_sources_path: Path | None = CAS_SOURCES_CSV,
) -> Watchlist:
    """Load, validate and index a watchlist file. Raises WatchlistInvalid listing every problem."""
    text = path.read_text(encoding="utf-8")
    return build_watchlist(
        text,
        common_path.read_text(encoding="utf-8"),
        as_of=as_of,
        salt_forms_path=salt_forms_path,
        cas_sources_path=cas_sources_path,
    )


def build_watchlist(
    text: str,
    common_text: str = "",
    as_of: str | None = None,
    salt_forms_path: Path | None = SALT_FORMS_CSV,
    cas_sources_path: Path | None = CAS_SOURCES_CSV,
) -> Watchlist:
    entries, problems = read_entries(text)
    compiled, more = check_entries(entries)
    problems += more
    names_eu = read_names_eu_rows()
    names = collect_entry_names(compiled, names_eu)
    problems += check_entry_names(names)
    if not entries and not problems:
        problems.append("the watchlist has no entries")
    if problems:
        raise WatchlistInvalid(problems)
    if as_of is None:
        as_of = json.loads(META_JSON.read_text())["as_of"] if META_JSON.exists() else "undated"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    wl = Watchlist(version=f"{as_of}+{digest}", entries=compiled, as_of=as_of, source_text=text)
    wl.cas_from_database = read_cas_from_database(compiled, cas_sources_path)
    wl.regulatory_numbers, problems = read_regulatory_numbers(REGULATORY_NUMBERS_CSV, {c.id for c in compiled})
    if problems:
        raise WatchlistInvalid(problems)
    _index(wl, common_text, names, salt_forms_path)
    _index_inflected_names(wl, names_eu)
    wl.name_words = frozenset(word for spelling in wl.name_spellings.values() for word in words_of(spelling))
    return wl


_WORD_RE = re.compile(r"[^\W\d_]+")


def words_of(text: str) -> set[str]:
    """The words of a text, letters only, lower case and accents folded (Watchlist.name_words is made of them)."""
    return set(_WORD_RE.findall(fold_accents(text).lower()))


# Name key -> {entry id: (the entry, the name as written that gave the key)}, the entries in the order
# their names rank: each entry's own name and synonyms (entries by priority), then names_eu.csv.
EntryNames = dict[str, dict[str, tuple[CompiledEntry, str]]]


# A letter of a script other than the Latin one (Cyrillic, Greek, CJK, kana, Hangul, Arabic...): Latin letters with
# diacritics are folded by fold_accents instead.
_NON_LATIN_LETTER_RE = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")


# Chinese characters (CJK unified ideographs and their extension A), one syllable each.
_HAN_CHARACTER_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def is_short_han_name(name: str) -> bool:
    """A name of at most two Chinese characters (哌啶, 乙醚, 丙酮): its pinyin is a two-syllable word that brands and
    people's names share (review23b G10: the name field `Paiding` was read as piperidine, `Yimi` would be diethyl
    ether), so it is not also looked for in Latin letters; the name itself still is."""
    return len(_HAN_CHARACTER_RE.findall(name)) <= 2 and not re.search(r"[^\W\d_]", _HAN_CHARACTER_RE.sub("", name))


def read_names_eu_rows() -> list[dict[str, str]]:
    """names_eu.csv's rows (none when the file is absent), read once per build: two indexes use them."""
    if not NAMES_EU_CSV.exists():
        return []
    return list(csv.DictReader(io.StringIO(NAMES_EU_CSV.read_text(encoding="utf-8"))))


def collect_entry_names(compiled: list[CompiledEntry], names_eu: list[dict[str, str]]) -> EntryNames:
    """Every watchlist name (entries' names and synonyms; names_eu.csv rows, as written, without
    accents and, for German ones, with umlauts spelled ae/oe/ue) and the entries it names. Category 4 entries, which apply through their CN scope, have none."""
    named: EntryNames = {}
    for c in sorted(compiled, key=CompiledEntry.priority):
        if not c.cn_scope:
            for name in (c.entry.name, *c.entry.synonyms):
                named.setdefault(normalise_name(name), {}).setdefault(c.id, (c, name))
    by_id = {c.id: c for c in compiled}
    for row in names_eu:
        c = by_id.get(row["entry_id"])
        if c is None or c.cn_scope:
            continue
        spellings = [row["name"], fold_accents(row["name"])]
        if row["language"] == "de":  # and as typed without umlauts ("Phenylessigsaeure")
            spellings.append(spell_without_umlauts(row["name"]))
        if _NON_LATIN_LETTER_RE.search(row["name"]) and not is_short_han_name(row["name"]):
            # and as systems and traders write it in Latin letters (the thirty-first held-out set: "hujiaoquan" for
            # 胡椒醛, "Diaketylomorfini" for Διακετυλομορφίνη): anyascii's transliteration of the sourced name, one
            # table for every script (pinyin without tones, BGN-style Cyrillic, ELOT-style Greek, Hepburn-style kana)
            spellings.append(anyascii(row["name"]))
        if row["language"] == "la" and (genitive := find_latin_genitive(row["name"])):
            # and the base's genitive, which a Latin title of any of its salts leaves once the salt
            # word is set aside ("Ephedrini sulfas" -> "Ephedrini", from "Ephedrini hydrochloridum")
            spellings.append(genitive)
        for key in map(normalise_name, spellings):
            named.setdefault(key, {}).setdefault(c.id, (c, row["name"]))
    return named


def inflected_language_spellings(names_eu: list[dict[str, str]]) -> dict[str, str]:
    """{name key: the name as written} of names_eu.csv's rows in the inflected languages (INFLECTED_LANGUAGES), each
    keyed as written and without accents, as collect_entry_names keys them."""
    spellings: dict[str, str] = {}
    for row in names_eu:
        if row["language"] in INFLECTED_LANGUAGES:
            for written in (row["name"], fold_accents(row["name"])):
                spellings.setdefault(normalise_name(written), row["name"])
    return spellings


def explain_latin_genitive(
    key: str, named: dict[str, tuple[CompiledEntry, str]], record: LexiconRecord
) -> LexiconRecord:
    """The record of a name key; when the key is the genitive of an entry's Latin title of a salt (it
    finds "Ergometrini maleas" from "Ergometrini hydrogenomaleas"), a record whose source says so: the
    declared title itself was not read in a source, its base's genitive and its salt word were."""
    for _, title in named.values():
        genitive = find_latin_genitive(title)
        if genitive is not None and normalise_name(genitive) == key:
            return replace(
                record,
                source=f"{record.source} (Latin: '{genitive}', the base's genitive in the title '{title}'; "
                "the salt, hydrate or dose-form words declared after it are set aside, the base is screened)",
            )
    return record


def check_entry_names(names: EntryNames) -> list[str]:
    """A name may stand for several entries only when they are one substance (stereoisomers listed
    apart) and none of them is told apart from the others by stereochemistry alone (a stereo:exact or
    excludes rule): a name of two different substances would resolve to whichever ranks first."""
    problems = []
    for named in names.values():
        text = next(iter(named.values()))[1]
        if len({c.std.key for c, _ in named.values()}) > 1:
            problems.append(f"the name '{text}' names entries of different substances: {', '.join(named)}")
        elif len(named) > 1 and any(c.stereo_exact or c.excludes for c, _ in named.values()):
            # Screened without stereochemistry, such a name could not tell cathine from norephedrine.
            problems.append(
                f"the name '{text}' names entries the law tells apart by their stereochemistry: {', '.join(named)}"
            )
    return problems


def shared_name_record(named: dict[str, tuple[CompiledEntry, str]], records: dict[str, LexiconRecord]) -> LexiconRecord:
    """The record a name of several entries of one substance stands for. When they differ in
    stereochemistry the name does not say which stereoisomer was declared, so it stands for their
    common structure without stereochemistry (matched exactly to each of them, as a SMILES drawn
    without stereochemistry is), named by a name all of them share, and lists the entries it covers;
    the first entry must not win. Entries of one and the same structure keep the first's record."""
    entries = [c for c, _ in named.values()]
    first = records[entries[0].id]
    if len({c.std.iso_key for c in entries}) == 1:
        return first
    mol = Chem.MolFromSmiles(entries[0].entry.smiles)
    Chem.RemoveStereochemistry(mol)
    own_keys = [{normalise_name(n) for n in (c.entry.name, *c.entry.synonyms)} for c in entries]
    common = [
        n for n in (entries[0].entry.name, *entries[0].entry.synonyms) if all(normalise_name(n) in k for k in own_keys)
    ]
    name = common[0] if common else next(iter(named.values()))[1]
    codes = tuple(sorted({code for c in entries for code in c.entry.cn_codes}))
    return LexiconRecord(name, Chem.MolToSmiles(mol), None, codes, None, first.key, covers=tuple(named))


def natural_product_words(text: str) -> tuple[str, ...]:
    """The words of a text as a natural product's name is compared by them: runs of letters, accents folded,
    lower-case ("Óleo de sassafrás" -> ("oleo", "de", "sassafras"))."""
    return tuple(w.lower() for w in re.findall(r"[^\W\d_]+", fold_accents(text)))


def read_natural_product_names(path: Path | None = None) -> list[dict[str, str]]:
    """The rows of natural_products.csv (none when the file is absent)."""
    path = path or NATURAL_PRODUCTS_CSV
    if not path.exists():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


# How the source of a resolution through a natural product's name begins (natural_product_source).
NATURAL_PRODUCT_SOURCE = "natural product:"


# What the source of a drug's product says (natural_product_source), by which its readings are told apart.
DRUG_PRODUCT_SAYS = "names the product itself"


def is_drug_product_source(source: str | None) -> bool:
    """Whether a resolution's source is a drug's product read by its name (opium, coca leaf, cannabis resin)."""
    return bool(source) and source.startswith(NATURAL_PRODUCT_SOURCE) and DRUG_PRODUCT_SAYS in source


def names_natural_product(source: str | None, product: str) -> bool:
    """Whether a resolution's source says it was read through the natural product ``product``'s name or number
    (natural_product_source)."""
    return bool(source) and source.startswith(f"{NATURAL_PRODUCT_SOURCE} '{product}' (")


def natural_product_source(row: dict[str, str], substance: str, by: str = "name", drug: bool = False) -> str:
    """What a resolution through a natural product's name (or, ``by`` "CAS number", its number) says: the product
    read, that it is the natural product and not the pure substance, and the source that controls it as that
    substance. A ``drug``'s product (opium, coca leaf, cannabis resin) is a narcotic drug in itself, which no structure
    is: the source lists the product, and the flag says it is screened as the controlled constituent it is the source
    of, not that a source counts it as that constituent."""
    if drug:
        return (
            f"{NATURAL_PRODUCT_SOURCE} '{row['name']}' ({row['form']}) is identified as {substance} through the "
            f"product's {by}, not as the pure substance ({row['source']} {DRUG_PRODUCT_SAYS}; it is screened as "
            f"{substance}, the controlled constituent it is the source of)"
        )
    return (
        f"{NATURAL_PRODUCT_SOURCE} '{row['name']}' ({row['form']}) is identified as {substance} through the "
        f"product's {by}, not as the pure substance ({row['source']} counts it as {substance})"
    )


def read_drug_class_names(path: Path = DRUG_CLASS_NAMES_CSV) -> list[dict[str, str]]:
    """The rows of drug_class_names.csv (none when the file is absent)."""
    if not path.exists():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def read_cas_from_database(compiled: list[CompiledEntry], cas_sources_path: Path | None) -> dict[str, str]:
    """Entry id -> where its CAS number comes from, for the entries whose number only the identifier
    database supports. A row applies only to an entry that has that very number: an entry whose CAS
    number was since read in a source (or changed) is no longer marked."""
    if cas_sources_path is None or not cas_sources_path.exists():
        return {}
    cas_by_id = {c.id: c.entry.cas for c in compiled}
    marked = {}
    for row in csv.DictReader(io.StringIO(cas_sources_path.read_text(encoding="utf-8"))):
        if row["source"] == "identifier-db" and row["cas"] and cas_by_id.get(row["entry_id"]) == row["cas"]:
            marked[row["entry_id"]] = (
                f"chemicals (ChEDL/PubChem) CID {row['pubchem_cid']}, not verified from a source read"
            )
    return marked


def _index(wl: Watchlist, common_text: str, names: EntryNames, salt_forms_path: Path | None = None) -> None:
    records: dict[str, LexiconRecord] = {}  # entry id -> its lexicon record (names_eu.csv uses them too)
    for c in wl.entries:
        if c.inchikey:
            wl.by_inchikey.setdefault(c.inchikey, c)
    for c in sorted(wl.entries, key=CompiledEntry.priority):
        wl.by_id[c.id] = c
        wl.by_key.setdefault(c.std.key, []).append(c)
        wl.by_formula.setdefault(c.parent_formula, []).append(c)
        for cn in c.entry.cn_codes:
            wl.by_cn.setdefault(cn, []).append(c)
        for cn in c.entry.cn_codes_inferred:
            wl.by_cn_inferred.setdefault(cn, []).append(c)
        record = records[c.id] = LexiconRecord(
            c.entry.name, c.entry.smiles, c.entry.cas, tuple(c.entry.cn_codes), c.id, c.std.key
        )
        skeleton = c.inchikey[:14]  # computed from this structure when the entry was compiled
        if skeleton and not c.cn_scope:
            wl.by_inchikey_skeleton.setdefault(skeleton, record)
        if c.entry.cas and not c.cn_scope:
            from_database = wl.cas_from_database.get(c.id)
            if from_database:  # a resolution by this number says the number is the database's
                source = f"watchlist (CAS number from the identifier database only: {from_database})"
                wl.by_cas.setdefault(c.entry.cas, replace(record, source=source))
            else:
                wl.by_cas.setdefault(c.entry.cas, record)
        # Medicinal products (Category 4) are legitimately declared under 3003/3004 too. Inferred
        # codes count here as well: the heading they name is the chemical class, which is certain.
        codes = set(c.entry.cn_codes) | set(c.entry.cn_codes_inferred)
        wl.cn_by_key[c.std.key] = tuple(sorted(set(wl.cn_by_key.get(c.std.key, ())) | codes))
        wl.cn_inferred.update((c.std.key, code) for code in c.entry.cn_codes_inferred)
    # A code sourced for a structure by any of its entries is not inferred for it.
    wl.cn_inferred = {
        (key, code) for key, code in wl.cn_inferred if not any(code in c.entry.cn_codes for c in wl.by_key.get(key, []))
    }
    wl.fingerprints = [c.fingerprint for c in wl.entries]
    # Each entry's own names and synonyms, then its names in the EU's languages (indexed with and
    # without accents, as traders type both), before the dictionary of common chemicals. A name of
    # several entries stands for what they have in common (shared_name_record).
    for key, named in names.items():
        record = records[next(iter(named))] if len(named) == 1 else shared_name_record(named, records)
        wl.by_name[key] = explain_latin_genitive(key, named, record)
        wl.name_spellings[key] = next(iter(named.values()))[1]
    # Names of natural products a source controls as an entry's substance ("sassafras oil" as safrole:
    # Reg. 273/2004 Art. 2(a) counts natural products that contain a scheduled substance): after the
    # entries' own names, which win, and before everything else. The goods are the oil, not the pure
    # substance, so the record's source says that it was identified through the oil's name, and why.
    for row in read_natural_product_names():
        c = wl.by_id.get(row["entry_id"])
        if c is None or c.cn_scope:
            continue
        drug = c.entry.tier == "drug"
        record = replace(
            records[c.id], source=natural_product_source(row, c.entry.name, drug=drug), natural_product=row["name"]
        )
        for key in {normalise_name(row["name"]), normalise_name(fold_accents(row["name"]))}:
            if key not in wl.by_name:
                wl.by_name[key] = record
                wl.name_spellings[key] = row["name"]
        wl.natural_product_words += ((natural_product_words(row["name"]), record),)
        if row.get("cn_heading"):
            wl.products_read_under_heading[row["name"]] = re.sub(r"\D", "", row["cn_heading"])
        # The product's own CAS number, where a cited source gives one (the oil's, not the substance's: "8006-80-2"
        # is oil of sassafras), after the entries' numbers, which win
        if row.get("cas"):
            by_number = natural_product_source(
                row, c.entry.name, f"CAS number {row['cas']} ({row['cas_source']})", drug=drug
            )
            wl.by_cas.setdefault(row["cas"], replace(record, source=by_number))
    # Names of unlisted drug-class members from national narcotics laws ("butylone", "N-etylkatinon")
    # rank after the entries' names and before the common-chemicals dictionary and the identifier
    # database, where such a name can be an old synonym of another substance ("butylone" is one of
    # pentobarbital sodium's in PubChem): a controlled drug's name the project has read wins, and the
    # resolution says what the database gives instead (resolve._compare_sources). The structure then
    # reaches its drug class (a family), not an entry: these drugs are under national control only.
    for row in read_drug_class_names():
        std, reason = standardise_smiles(row["smiles"])
        if std is None:
            raise WatchlistInvalid([f"drug-class name {row['name']}: {reason}"])
        source = f"national narcotics list ({row['source']}; a {row['family_id']} member, not a watchlist entry)"
        record = LexiconRecord(row["name"], row["smiles"], None, (), None, std.key, source)
        for spelling in {row["name"], fold_accents(row["name"])}:
            wl.by_name.setdefault(normalise_name(spelling), record)
    # Salt and hydrate forms' CAS numbers rank after the entries' own numbers, before the dictionary:
    # each was checked against its entry's structure when the file was made (devtools/salt_forms.py).
    # A row whose entry a published watchlist no longer has is left out.
    salt_rows = csv.DictReader(io.StringIO(salt_forms_path.read_text(encoding="utf-8"))) if salt_forms_path else ()
    sourced_rows = (
        csv.DictReader(io.StringIO(SALT_FORMS_SOURCED_CSV.read_text(encoding="utf-8")))
        if salt_forms_path and SALT_FORMS_SOURCED_CSV.exists()
        else ()
    )
    for row in (*salt_rows, *sourced_rows):
        c = wl.by_id.get(row["entry_id"])
        if c is None or c.cn_scope:
            continue
        if row.get("pubchem_cid"):
            source = f"watchlist salt forms (chemicals (ChEDL/PubChem) CID {row['pubchem_cid']}; {row['name']})"
        else:  # salt_forms_sourced.csv: the source the number was read in
            source = f"watchlist salt forms ({row['name']}; CAS number from {row['source'].split(':')[0]})"
        salt = LexiconRecord(c.entry.name, row["smiles"], row["cas"], tuple(c.entry.cn_codes), c.id, c.std.key, source)
        wl.by_cas.setdefault(row["cas"], salt)
    for row in csv.DictReader(io.StringIO(common_text)):
        std, reason = standardise_smiles(row["smiles"])
        if std is None:
            raise WatchlistInvalid([f"common chemical {row['name']}: {reason}"])
        cn = split_cn_codes(row.get("hs_code") or "")
        record = LexiconRecord(
            row["name"], row["smiles"], row.get("cas") or None, cn, None, std.key, "common chemicals (curated)"
        )
        if record.cas:
            wl.by_cas.setdefault(record.cas, record)
        names = [row["name"], *[s for s in (row.get("synonyms") or "").split(";") if s.strip()]]
        for name in names:
            wl.by_name.setdefault(normalise_name(name), record)
        if std.key not in wl.by_key:
            wl.common_keys.setdefault(std.key, row["name"])
        skeleton = compute_inchikey(std.mol)[:14]
        if skeleton:
            wl.by_inchikey_skeleton.setdefault(skeleton, record)
        if cn and std.key not in wl.cn_by_key:
            wl.cn_by_key[std.key] = cn
            wl.cn_inferred.update((std.key, code) for code in cn)  # the curator's headings, not verified
    wl.names_by_length = index_names_by_length(wl.by_name)
    wl.cut_name_keys = index_cut_name_keys(wl.by_name)


def _index_inflected_names(wl: Watchlist, names_eu: list[dict[str, str]]) -> None:
    # the watchlist's own names (an entry's, or several entries'), not the dictionary's nor a natural product's; by
    # their stems only those in the inflected languages (chemistry/inflected_names.py)
    own = [
        key
        for key, record in wl.by_name.items()
        if (record.watchlist_id is not None or record.covers) and not record.natural_product
    ]
    inflected = inflected_language_spellings(names_eu)
    wl.names_by_stems = index_names_by_stems(inflected, (key for key in own if key in inflected))
    wl.names_by_spelling = index_names_by_spelling(wl.name_spellings, own)


def bulk_similarity(wl: Watchlist, fingerprint: object) -> list[float]:
    return DataStructs.BulkTanimotoSimilarity(fingerprint, wl.fingerprints)
