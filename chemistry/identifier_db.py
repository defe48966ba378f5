"""The long tail of chemical identifiers: names and CAS numbers of ~75,000 chemicals from the
`chemicals` package (Chemical Engineering Design Library, ChEDL; PubChem-derived, MIT licensed).

Trust: below the watchlist's own identifiers and the curated common-chemicals dictionary. Callers
(chemistry/resolve.py) look here only after those, and compare what they found with what this
database says, so that a disagreement is reported rather than silently resolved.

Why an index built once rather than the package's own loader: `chemicals.identifiers` keeps every
synonym of every row in Python dicts (hundreds of MB, seconds to load, and it imports numpy, scipy
and pandas), and lets a later row silently replace an earlier one under the same name. We never
import the package: its tab-separated data files are read once into a SQLite file (a few tens of
MB on disk) that a process opens read-only in milliseconds and queries by key; memory stays what
SQLite pages in. Ambiguous names (one name, several structures) are kept as such and reported.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from chemistry.identifiers import compute_cas_check_digit, compute_primed_key, fold_primes

_log = logging.getLogger(__name__)

SOURCE_LABEL = "chemicals (ChEDL/PubChem)"
# Raised whenever the index's layout or the way its keys are computed changes: an index of another
# format is rebuilt rather than read.
# Format 4: each name key also keeps the name's primes (compute_primed_key), so that spellings that
# differ only in primes (4'- and 4-methylvalerophenone) are told apart and reported as ambiguous.
INDEX_FORMAT = "4"
# The package's data files used, in order of precedence (a CAS number already read is not read
# again from a later file). The cation and anion files hold bare ions, which are not traded goods.
DATA_FILES = (
    "chemical identifiers pubchem large.tsv",
    "chemical identifiers pubchem small.tsv",
    "chemical identifiers example user db.tsv",
    "Inorganic db.tsv",
)
# How a name was given for a row: its common name ranks before its IUPAC name, which ranks before
# the other synonyms PubChem collected (trade names, codes, misspellings).
RANK_COMMON, RANK_IUPAC, RANK_SYNONYM = 0, 1, 2
# A CAS number is the row's own (rank 0) or one PubChem lists among its synonyms (rank 1: often a
# deprecated number of the same substance, sometimes of an isomer mixture, so it counts only when no
# row has the number as its own).
RANK_OWN_CAS, RANK_SYNONYM_CAS = 0, 1
_CAS_SYNONYM_RE = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
# Records read for one key: a name PubChem gives to more substances than this is ambiguous anyway.
MAX_RECORDS_PER_KEY = 20
ANSWERS_KEPT = 20_000
_NOT_ASKED = object()
# Names too short to identify a substance ("salt", "ec", "tnt"...): PubChem's synonyms carry many.
MIN_NAME_KEY_CHARS = 4
# Keys asked in one query by find_name_keys (well below SQLite's limit of bound parameters).
_KEYS_PER_QUERY = 500


@dataclass(slots=True, frozen=True)
class DatabaseRecord:
    """One chemical of the database."""

    cid: int | None  # PubChem compound id (None for the package's own inorganic rows)
    cas: str
    name: str
    smiles: str
    inchikey: str

    @property
    def source(self) -> str:
        """Where the record comes from, in words ("chemicals (ChEDL/PubChem) CID 7678")."""
        return f"{SOURCE_LABEL} CID {self.cid}" if self.cid else f"{SOURCE_LABEL}, inorganic table"


@dataclass(slots=True, frozen=True)
class DatabaseAnswer:
    """What the database says about one identifier: one record, or several that disagree."""

    records: tuple[DatabaseRecord, ...]  # in the files' order; whether they are one substance is the caller's
    how: str  # "name" | "IUPAC name" | "synonym" | "CAS" | "synonym CAS"
    # For a name: records under a spelling of the same key that differs in its primes ("4-X" for
    # "4'-X"), at any rank. Positional isomers are told apart by nothing else, and traders drop primes,
    # so the caller reports a key of several substances this way as ambiguous rather than trusting
    # the best rank (which decides only between records of one spelling).
    respelt: tuple[DatabaseRecord, ...] = ()
    # For a name declared with primes: True when no record has its spelling, so that every record answers under
    # another spelling of its primes ("2-bromo-2-methylpropiophenone", the chain's locant, for a declared
    # "2-bromo-2'-methylpropiophenone", the ring's): the declared primes may say another isomer.
    primes_unmatched: bool = False


_NAME_HOW = {RANK_COMMON: "name", RANK_IUPAC: "IUPAC name", RANK_SYNONYM: "synonym"}
_CAS_HOW = {RANK_OWN_CAS: "CAS", RANK_SYNONYM_CAS: "synonym CAS"}


def find_data_dir() -> Path | None:
    """The installed `chemicals` package's identifier data, found without importing the package
    (its import pulls in numpy, scipy and pandas)."""
    spec = importlib.util.find_spec("chemicals")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "Identifiers"
    return folder if (folder / DATA_FILES[0]).exists() else None


def describe_data(data_dir: Path) -> str:
    """Version stamp of the data an index is built from: package version, format, file sizes."""
    try:
        version = importlib.metadata.version("chemicals")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    sizes = ",".join(str((data_dir / name).stat().st_size) for name in DATA_FILES if (data_dir / name).exists())
    # "inchikey index": the index has chemical_inchikey (twenty-first session). Not a new format (names are
    # keyed as in format 4, so an older index named by path is still read, its InChIKeys by a scan only where
    # that is not on the screening path), but the stamp names the cached "auto" index, which is then rebuilt.
    return f"chemicals {version}; format {INDEX_FORMAT}; sizes {sizes}; inchikey index"


def default_index_path(data_dir: Path) -> Path:
    """Where the index is kept when no path is configured: the user's cache, one file per data version."""
    stamp = hashlib.sha256(describe_data(data_dir).encode()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "precursor-watch" / f"identifiers-{stamp}.sqlite"


def read_rows(path: Path) -> Iterator[list[str]]:
    """The rows of one data file: pubchem id, CAS, formula, MW, SMILES, InChI, InChIKey, IUPAC name,
    common name, synonyms..."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            values = line.rstrip("\n").split("\t")
            if len(values) >= 9:
                yield values


def build_index(data_dir: Path, target: Path) -> int:
    """Write the SQLite index of the data files under ``data_dir`` to ``target`` (atomically: a
    reader never sees half an index, and two processes building at once both succeed). Returns the
    number of chemicals indexed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=target.name, suffix=".part", dir=target.parent)
    os.close(handle)
    try:
        count = _write_index(data_dir, Path(temp_name))
        os.chmod(temp_name, 0o644)  # public data: workers may run as another user than the builder
        os.replace(temp_name, target)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return count


def _write_index(data_dir: Path, path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE chemical (id INTEGER PRIMARY KEY, cid INTEGER, cas TEXT, name TEXT, smiles TEXT,
                                   inchikey TEXT);
            CREATE TABLE cas_key (cas TEXT, rank INTEGER, id INTEGER, PRIMARY KEY (cas, rank, id)) WITHOUT ROWID;
            CREATE TABLE name_key (key TEXT, primed TEXT, rank INTEGER, id INTEGER,
                                   PRIMARY KEY (key, primed, rank, id)) WITHOUT ROWID;
            """
        )
        seen_cas: set[str] = set()
        count = 0
        for batch in _batched(_index_rows(data_dir, seen_cas), 5000):
            chemicals, cas_keys, name_keys = [], [], []
            for values in batch:
                count += 1
                cid = int(values[0]) if values[0].lstrip("-").isdigit() and int(values[0]) > 0 else None
                # PubChem's "common name" is sometimes the CAS number itself: the IUPAC name is then shown.
                name = values[8] if values[8] and not _CAS_SYNONYM_RE.match(values[8]) else values[7]
                chemicals.append((count, cid, values[1], name, values[4], values[6]))
                cas_keys.append((values[1], RANK_OWN_CAS, count))
                cas_keys.extend((other, RANK_SYNONYM_CAS, count) for other in _synonym_cas(values[9:], values[1]))
                name_keys.extend((key, primed, rank, count) for (key, primed), rank in _name_keys(values).items())
            # Written a batch at a time, so that building costs little memory (a worker may build it).
            conn.executemany("INSERT INTO chemical VALUES (?, ?, ?, ?, ?, ?)", chemicals)
            conn.executemany("INSERT OR IGNORE INTO cas_key VALUES (?, ?, ?)", cas_keys)
            conn.executemany("INSERT OR IGNORE INTO name_key VALUES (?, ?, ?, ?)", name_keys)
        # A structure's InChIKey is looked up per declared name field that holds one (chemistry/resolve.py
        # resolve_structure_identifier_in_name): without an index each look-up reads every row (76,088 in
        # chemicals 1.x, 30-45 ms), whatever key a declaration makes up.
        conn.execute("CREATE INDEX chemical_inchikey ON chemical (inchikey)")
        conn.execute("INSERT INTO meta VALUES ('data', ?)", (describe_data(data_dir),))
        conn.commit()
        return count
    finally:
        conn.close()


def _index_rows(data_dir: Path, seen_cas: set[str]) -> Iterator[list[str]]:
    """Every row to index: each CAS number once, from the first file that has it."""
    for file_name in DATA_FILES:
        if (data_dir / file_name).exists():
            for values in read_rows(data_dir / file_name):
                if values[1] not in seen_cas and _CAS_SYNONYM_RE.match(values[1]):
                    seen_cas.add(values[1])
                    yield values


def _batched(rows: Iterable[list[str]], size: int) -> Iterator[list[list[str]]]:
    batch: list[list[str]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _synonym_cas(synonyms: Iterable[str], own: str) -> set[str]:
    found = set()
    for text in synonyms:
        match = _CAS_SYNONYM_RE.match(text)
        if match and text != own and compute_cas_check_digit(match.group(1) + match.group(2)) == int(match.group(3)):
            found.add(text)
    return found


def _name_keys(values: list[str]) -> dict[tuple[str, str], int]:
    """(Name key, primed key or "" for a name without primes) -> best rank for one row (CAS numbers
    among the synonyms are not names)."""
    keys: dict[tuple[str, str], int] = {}
    named = [(values[8], RANK_COMMON), (values[7], RANK_IUPAC), *((s, RANK_SYNONYM) for s in values[9:])]
    for text, rank in named:
        if not text or _CAS_SYNONYM_RE.match(text):
            continue
        primed = compute_primed_key(text)
        key = fold_primes(primed)
        spelling = (key, primed if primed != key else "")
        if len(key) >= MIN_NAME_KEY_CHARS and rank < keys.get(spelling, 3):
            keys[spelling] = rank
    return keys


class IdentifierDatabase:
    """Read-only look-ups in a built index. The connection is opened on first use in the process
    that uses it (a screening child process opens its own)."""

    def __init__(self, path: Path):
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._answers: dict[tuple[str, ...], DatabaseAnswer | None] = {}
        self._inchikey_indexed: bool | None = None  # lookup_inchikey_indexed: known once asked

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            # Memory-mapped: look-ups read the file's pages in place (shared between processes
            # through the OS page cache) instead of copying them into each connection's cache.
            self._conn.execute("PRAGMA mmap_size = 268435456")
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def describe(self) -> str:
        row = self._connection().execute("SELECT value FROM meta WHERE key = 'data'").fetchone()
        return row[0] if row else ""

    def count(self) -> int:
        return self._connection().execute("SELECT count(*) FROM chemical").fetchone()[0]

    def lookup_cas(self, cas: str) -> DatabaseAnswer | None:
        """The chemical a normalised CAS number is given to (its own number first)."""
        return self._best("cas_key", "cas", cas, _CAS_HOW)

    def lookup_name_key(self, key: str, primed: str = "") -> DatabaseAnswer | None:
        """The chemical(s) a normalised name key names, at the best rank the key has, with the
        records of spellings that differ in their primes (DatabaseAnswer.respelt). ``primed``: the
        declared name's primed key (compute_primed_key); when it has primes and some record has that
        very spelling, only those records answer (the declared primes say which isomer)."""
        if len(key) < MIN_NAME_KEY_CHARS:
            return None
        spelling = primed if "'" in primed else ""
        remembered = self._answers.get(("name_key", key, spelling), _NOT_ASKED)
        if remembered is not _NOT_ASKED:
            return remembered
        query = (
            "SELECT k.rank, k.primed, c.id, c.cid, c.cas, c.name, c.smiles, c.inchikey FROM name_key k "
            "JOIN chemical c ON c.id = k.id WHERE k.key = ? {} ORDER BY k.rank, k.id LIMIT ?"
        )
        connection = self._connection()
        rows = []
        if spelling:
            rows = connection.execute(query.format("AND k.primed = ?"), (key, spelling, MAX_RECORDS_PER_KEY)).fetchall()
        primes_unmatched = bool(spelling) and not rows
        if not rows:
            rows = connection.execute(query.format(""), (key, MAX_RECORDS_PER_KEY)).fetchall()
        answer = None
        if rows:
            best = rows[0][0]
            top = {row[2]: DatabaseRecord(*row[3:]) for row in rows if row[0] == best}
            spellings = {row[1] for row in rows if row[0] == best}
            respelt = {
                row[2]: DatabaseRecord(*row[3:]) for row in rows if row[1] not in spellings and row[2] not in top
            }
            answer = DatabaseAnswer(tuple(top.values()), _NAME_HOW[best], tuple(respelt.values()), primes_unmatched)
        self._remember(("name_key", key, spelling), answer)
        return answer

    def find_name_keys(self, keys: Iterable[str]) -> list[tuple[str, DatabaseRecord]]:
        """(Name key, record) of each of ``keys`` that names a chemical, at most MAX_RECORDS_PER_KEY records
        a key; asked in batches by the index (chemistry/resolve.py resolve_misspelt_name asks for the
        hundreds of spellings one edit from a declared name at once). Not remembered: one question per
        name nothing else read."""
        wanted = sorted({key for key in keys if len(key) >= MIN_NAME_KEY_CHARS})
        found: list[tuple[str, DatabaseRecord]] = []
        connection = self._connection()
        for start in range(0, len(wanted), _KEYS_PER_QUERY):
            batch = wanted[start : start + _KEYS_PER_QUERY]
            rows = connection.execute(
                "SELECT DISTINCT k.key, c.id, c.cid, c.cas, c.name, c.smiles, c.inchikey FROM name_key k "
                f"JOIN chemical c ON c.id = k.id WHERE k.key IN ({', '.join('?' * len(batch))}) ORDER BY k.key, c.id",
                batch,
            ).fetchall()
            per_key: dict[str, int] = {}
            for key, _, *record in rows:
                per_key[key] = per_key.get(key, 0) + 1
                if per_key[key] <= MAX_RECORDS_PER_KEY:
                    found.append((key, DatabaseRecord(*record)))
        return found

    def find_names_beginning(self, prefix: str, limit: int) -> list[tuple[str, DatabaseRecord]]:
        """(Name key, record) of the name keys that begin with ``prefix`` (the prefix itself included), at most
        ``limit`` rows, in key order (chemistry/resolve.py resolve_cut_name asks whether a name cut at a field's length
        begins another substance's name). A range of the key index: one bounded query whatever the prefix.
        Not remembered: one question per name nothing else read."""
        if len(prefix) < MIN_NAME_KEY_CHARS:
            return []
        rows = (
            self._connection()
            .execute(
                "SELECT DISTINCT k.key, c.id, c.cid, c.cas, c.name, c.smiles, c.inchikey FROM name_key k "
                "JOIN chemical c ON c.id = k.id WHERE k.key >= ? AND k.key < ? ORDER BY k.key, c.id LIMIT ?",
                (prefix, prefix + "\U0010ffff", limit),
            )
            .fetchall()
        )
        return [(key, DatabaseRecord(*record)) for key, _, *record in rows]

    def lookup_inchikey(self, inchikey: str) -> DatabaseRecord | None:
        """The record of a structure by its full standard InChIKey (for naming a structure)."""
        row = (
            self._connection()
            .execute(
                "SELECT cid, cas, name, smiles, inchikey FROM chemical WHERE inchikey = ? ORDER BY id LIMIT 1",
                (inchikey,),
            )
            .fetchone()
        )
        return DatabaseRecord(*row) if row else None

    def lookup_inchikey_indexed(self, inchikey: str) -> DatabaseRecord | None:
        """lookup_inchikey when the index has the InChIKey index; None in an index built before it, where the
        look-up reads every row: on the screening path a made-up key in a name field must not cost that."""
        if self._inchikey_indexed is None:
            found = self._connection().execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'chemical_inchikey'"
            ).fetchone()
            self._inchikey_indexed = found is not None
        return self.lookup_inchikey(inchikey) if self._inchikey_indexed else None

    def iter_records(self) -> Iterator[DatabaseRecord]:
        for row in self._connection().execute("SELECT cid, cas, name, smiles, inchikey FROM chemical ORDER BY id"):
            yield DatabaseRecord(*row)

    def iter_name_keys(self) -> Iterator[str]:
        """Every name key, once, in key order (for the survey `python -m devtools.misspellings`)."""
        for (key,) in self._connection().execute("SELECT DISTINCT key FROM name_key ORDER BY key"):
            yield key

    def iter_prime_spelt_name_keys(self) -> Iterator[str]:
        """The name keys filed under more than one spelling that differs only in primes (for the
        survey `python -m devtools.prime_spellings`)."""
        query = "SELECT key FROM name_key GROUP BY key HAVING count(DISTINCT primed) > 1 ORDER BY key"
        for (key,) in self._connection().execute(query):
            yield key

    def _best(self, table: str, column: str, key: str, how: dict[int, str]) -> DatabaseAnswer | None:
        # Remembered: the same few unknown names and numbers come back declaration after declaration.
        remembered = self._answers.get((table, key), _NOT_ASKED)
        if remembered is not _NOT_ASKED:
            return remembered
        rows = (
            self._connection()
            .execute(
                f"SELECT k.rank, c.cid, c.cas, c.name, c.smiles, c.inchikey FROM {table} k JOIN chemical c ON c.id = k.id "
                f"WHERE k.{column} = ? ORDER BY k.rank, k.id LIMIT ?",
                (key, MAX_RECORDS_PER_KEY),
            )
            .fetchall()
        )
        answer = None
        if rows:
            best = rows[0][0]
            answer = DatabaseAnswer(tuple(DatabaseRecord(*row[1:]) for row in rows if row[0] == best), how[best])
        self._remember((table, key), answer)
        return answer

    def _remember(self, asked: tuple[str, ...], answer: DatabaseAnswer | None) -> None:
        if len(self._answers) >= ANSWERS_KEPT:
            self._answers.pop(next(iter(self._answers)))  # first in, first out: bounded memory
        self._answers[asked] = answer


def check_index_format(database: IdentifierDatabase, path: Path) -> tuple[IdentifierDatabase | None, str]:
    """The database, if its index is of the format this version keys names with; else None and why.
    An index built by another version holds its names under other keys ('alfa' and 'alpha' apart,
    say), so some names would silently stop resolving. (The "auto" index carries its format in its
    file name and is rebuilt.)"""
    try:
        stamp = database.describe()
    except sqlite3.Error as exc:
        database.close()
        return None, f"identifier database {path} cannot be read ({exc}): rebuild it with `precwatch identifiers build`"
    if f"format {INDEX_FORMAT};" not in stamp:
        database.close()
        found = stamp.partition("format ")[2].partition(";")[0] or "unknown"
        return None, (
            f"identifier database {path} is an index of format {found}, this version reads format {INDEX_FORMAT}: "
            f"rebuild it with `precwatch identifiers build --output {path}`"
        )
    return database, ""


def open_identifier_database(setting: str) -> tuple[IdentifierDatabase | None, str]:
    """The database a setting names: "off"; "auto" (the index in the user's cache, built from the
    installed `chemicals` package when missing); or the path of an index. Returns (database or
    None, why not) — a missing package is reported, not raised: screening works without the long
    tail, and says so."""
    if setting == "off":
        return None, "the identifier database is off (setting identifier_database)"
    if setting != "auto":
        path = Path(setting)
        if not path.exists():
            why = f"identifier database {path} does not exist (build it with `precwatch identifiers build`)"
            _log.warning(why)
            return None, why
        database, why = check_index_format(IdentifierDatabase(path), path)
        if database is None:
            # Said where the operator sees it: an index built ahead by an older version (the index format
            # changed) would otherwise leave workers and `precwatch screen` resolving no name or CAS
            # number beyond the watchlist and the dictionary, without a word.
            _log.warning(why)
        return database, why
    data_dir = find_data_dir()
    if data_dir is None:
        return (
            None,
            "the `chemicals` package is not installed: names and CAS numbers outside the watchlist and the common-chemicals dictionary are not resolved",
        )
    path = default_index_path(data_dir)
    if not path.exists():
        try:
            build_index(data_dir, path)
        except OSError as exc:  # a read-only home (a hardened container): screen without it, and say so
            why = (
                f"could not build the identifier database index at {path} ({exc.strerror or exc}): names and CAS "
                "numbers outside the watchlist and the common-chemicals dictionary are not resolved; build it ahead "
                "with `precwatch identifiers build --output FILE` and set identifier_database to FILE"
            )
            _log.warning(why)
            return None, why
    return IdentifierDatabase(path), ""
