"""Systematic (IUPAC) names to structures with OPSIN, in one long-lived Java process.

Designer precursors are often declared by systematic name only ("methyl 3-(1,3-benzodioxol-5-yl)-
2-methyloxirane-2-carboxylate"), which no dictionary holds. OPSIN parses such names. It comes as
the jar inside the `py2opsin` wheel (extra `opsin`) and needs a Java runtime. py2opsin's own
function starts a new JVM per call (seconds each) and writes its input to a fixed file in the
working directory (concurrent processes would race on it), so we run the jar's command line once
per process instead: it reads one name per line on stdin and writes one answer per line on stdout,
flushed line by line (``-n`` echoes the name after a tab, an empty structure when it cannot parse
the name; its complaints go to stderr, which we discard so that a full pipe can never block it).

Guards, because a declaration is untrusted input and screening must not stall:
- a name is at most MAX_NAME_CHARS characters, control characters (line breaks, tabs) become spaces;
- each name has a time budget: a JVM that does not answer in time is killed and the name remembered
  as failed (a repeated declaration does not kill it again); the next name starts a new JVM;
- answers are remembered (bounded, first in first out);
- the JVM starts on first use only, with a bounded heap, and is stopped when the parser is closed,
  garbage-collected or the process exits; no shell is involved.

Trust: a structure parsed from a name is weaker evidence than a declared identifier or a curated
name, so chemistry/resolve.py asks OPSIN last and marks what it found (SOURCE_LABEL).
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import re
import select
import shutil
import subprocess
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from chemistry.identifiers import find_inverted_name, fold_accents

_log = logging.getLogger(__name__)

MAX_NAME_CHARS = 300  # the longest systematic names of listed precursors are under 100 characters
ANSWERS_KEPT = 20_000
BATCH_NAMES = 64  # per write to OPSIN (see _chunks)
BATCH_BYTES = 8192
# The first answer of a new JVM includes its start-up and OPSIN's loading of its grammar (seconds,
# more on a busy machine): it gets this budget instead of the per-name one.
STARTUP_BUDGET_S = 60.0
WARM_UP_NAME = "methane"
JVM_OPTIONS = ("-Xmx256m", "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
# A JVM that fails to start this many times in a row is not started again in this process.
MAX_FAILED_STARTS = 3
_ASCII_FORMS = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2032": "'",
        "\u2019": "'",
        "\u03b1": "alpha",
        "\u03b2": "beta",
        "\u03b3": "gamma",
        "\u00a0": " ",
    }
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# What systematic names are made of: locants ("2-", "1,3-", "N-"), brackets, and nomenclature
# morphemes. Trade names, plain words and codes lack all three and are not sent to OPSIN.
_LOCANT = re.compile(r"(?:^|[\s(\[{,-])(?:\d+[a-z]?'*|[NOS]|alpha|beta)(?:,(?:\d+[a-z]?'*|[NOS]))*-", re.IGNORECASE)
_MORPHEMES = re.compile(
    r"(?:yl|ane|ene|yne|ol|one|al|amine|amide|imine|oic|oate|ate|ite|ide|oxy|oxo|azo|thio|benz|phen|"
    r"pyr|pip|morphol|furan|thiophen|indol|quinol|oxiran|dioxol|carbox|carbon|sulfon|nitro|amino|"
    r"hydroxy|chloro|bromo|fluoro|iodo|methyl|ethyl|propyl|butyl|acetyl|formyl|ium)",
    re.IGNORECASE,
)


def looks_systematic(name: str) -> bool:
    """Whether a name looks like a systematic name worth OPSIN's time: nomenclature morphemes and a
    locant or brackets ("1-phenylpropan-2-one", "methyl (2-phenylacetyl)propanoate"), or a single
    word made of several morphemes ("phenylacetone", "methylbenzene")."""
    text = name.strip()
    if not text or len(text) > MAX_NAME_CHARS or not _MORPHEMES.search(text):
        return False
    if _LOCANT.search(text) or any(b in text for b in "()[]{}"):
        return True
    return any(len(_MORPHEMES.findall(word)) >= 2 for word in text.split())


# -- systematic names inside free text (goods descriptions) -------------------------------------------
# A description is free text ("methyl 3-(...)carboxylate, 98 %, 25 kg drums"), which OPSIN rejects
# whole: the name has to be cut out of it first. Only spans built around a word with a locant or
# brackets are taken (the part a trade name or an everyday word never has), so an ordinary
# description costs one regular-expression search and never reaches the JVM.
MAX_DESCRIPTION_CHARS = 1000  # a longer description is read up to here
MAX_DESCRIPTION_NAMES = 3  # names tried per description: each costs OPSIN a parse, and a budget if it hangs
_SEGMENT_BREAK = re.compile(r"[;|\n\r\t]|,\s+|:\s+|\s+/\s+")
# Words that belong to a systematic name on either side of its core: the alkyl of an ester ("methyl
# 3-(...)carboxylate", "tert-butyl ..."), the cation of a salt, the "acid" of an acid, the salt words.
_LEFT_WORD = re.compile(r"^(?:[a-z0-9,'()\[\]-]*yl|sodium|potassium|lithium|calcium|magnesium|ammonium)$", re.I)
_RIGHT_WORD = re.compile(
    r"^(?:acid|hydrochloride|hydrobromide|sulfate|sulphate|hydrate|monohydrate|dihydrate|ester|salt)$", re.I
)


def _is_core_word(word: str) -> bool:
    return bool(_LOCANT.search(word) or any(b in word for b in "()[]{}")) and bool(_MORPHEMES.search(word))


def _closing_index(span: str) -> int:
    """Where the bracket that opens ``span`` closes (-1: it does not)."""
    depth = 0
    for i, char in enumerate(span):
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0:
            return i
    return -1


def _trim_span(span: str) -> str:
    """A span without the punctuation free text puts around a name: a trailing full stop or comma,
    brackets that enclose the whole name or are left unbalanced by the cut."""
    span = span.strip(" .,:;")
    while span[:1] in "([{" and _closing_index(span) == len(span) - 1:
        span = span[1:-1].strip(" .,:;")
    while span[:1] in "([{" and span.count(span[0]) > span.count({"(": ")", "[": "]", "{": "}"}[span[0]]):
        span = span[1:].strip()
    while span[-1:] in ")]}" and span.count(span[-1]) > span.count({")": "(", "]": "[", "}": "{"}[span[-1]]):
        span = span[:-1].strip()
    return span


def systematic_names_in_text(text: str) -> tuple[str, ...]:
    """The spans of free text (a goods description) that look like systematic names, at most
    MAX_DESCRIPTION_NAMES, longest first within each part of the text: a word with a locant or
    brackets and nomenclature morphemes ("3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate"),
    widened over the words next to it that a name is made of ("methyl", "acid", "hydrochloride").
    Parts are cut at separators a name does not contain (";", "|", a comma or colon followed by a
    space, a line break). Empty for a description without any locant or bracket (the common case:
    one regular-expression search)."""
    text = text[:MAX_DESCRIPTION_CHARS]
    # A CAS index name first, whole: cut at its comma, its parent alone is another substance ("2-Propanone,
    # 1-phenyl-, 200 kg drums" is BMK, not acetone; OPSIN reads such names; sixteenth session's attack).
    inverted = find_inverted_name(text)
    found: list[str] = [inverted] if inverted is not None and len(inverted) <= MAX_NAME_CHARS else []
    if not (_LOCANT.search(text) or any(b in text for b in "()[]{}")) or not _MORPHEMES.search(text):
        return tuple(found)
    for segment in _SEGMENT_BREAK.split(text):
        words = segment.split()
        i = 0
        while i < len(words):
            if not _is_core_word(words[i]):
                i += 1
                continue
            start, end = i, i + 1
            while end < len(words) and (_is_core_word(words[end]) or _RIGHT_WORD.match(words[end].strip("()[]{}.,;:"))):
                end += 1
            while start > 0 and _LEFT_WORD.match(words[start - 1].strip("()[]{}.,;:")):
                start -= 1
            span = _trim_span(" ".join(words[start:end]))
            if span not in found and looks_systematic(span):
                found.append(span)
                if len(found) == MAX_DESCRIPTION_NAMES:
                    return tuple(found)
            i = end
    return tuple(found)


# The retained names of aryl ketones and the length of their chain: a locant above it can only be the ring's,
# which IUPAC writes primed ("2-bromo-4'-chloropropiophenone") and trade often without the prime
# ("2-Brom-4-Chlorpropiophenon", "2,4-dichloroacetophenone"; the twenty-seventh held-out set's pph27001).
_ARYL_KETONE_CHAIN = {"acetophenone": 2, "propiophenone": 3, "butyrophenone": 4, "valerophenone": 5}
_ARYL_KETONE_END_RE = re.compile(r"(acetophenone|propiophenone|butyrophenone|valerophenone)\W*$", re.IGNORECASE)
_UNPRIMED_LOCANT_SET_RE = re.compile(r"(?<![\d'\u2032])(\d(?:,\d)*)(?![\d'\u2032,])(?=-)")


def prime_aryl_ketone_ring_locants(name: str) -> str | None:
    """``name`` with the locants of the ring primed when it ends with an aryl ketone's retained name and a locant
    set holds a locant above the chain's length, up to 6 ("2-bromo-4-chloropropiophenone" -> "2-bromo-4'-chloro
    propiophenone", "2,4-dichloroacetophenone" -> "2',4'-dichloroacetophenone"): what OPSIN reads as the ring;
    None when nothing is to be primed."""
    found = _ARYL_KETONE_END_RE.search(name)
    if found is None or len(name) > MAX_NAME_CHARS:
        return None
    chain = _ARYL_KETONE_CHAIN[found[1].lower()]

    def prime(locants: re.Match[str]) -> str:
        numbers = [int(n) for n in locants[1].split(",")]
        if all(n <= 6 for n in numbers) and any(n > chain for n in numbers):
            return ",".join(f"{n}'" for n in numbers)
        return locants[0]

    primed = _UNPRIMED_LOCANT_SET_RE.sub(prime, name[: found.start()]) + name[found.start() :]
    return primed if primed != name else None


_PRIMED_LOCANT_RE = re.compile(r"(?<!\d)(\d)['\u2032]")


def primes_a_chain_locant(name: str) -> bool:
    """Whether ``name`` ends with an aryl ketone's retained name and primes a locant the chain also has
    ("2-bromo-2'-methylpropiophenone": 2' is the ring's, 2 would be the chain's, another isomer); False for any other
    name, and when every primed locant is above the chain's length ("2-bromo-4'-methylpropiophenone", where "4-methyl"
    can only be the ring's too). Accents folded ("2-Bromo-2'-méthylpropiophénone")."""
    name = fold_accents(name)
    found = _ARYL_KETONE_END_RE.search(name)
    if found is None or len(name) > MAX_NAME_CHARS:
        return False
    chain = _ARYL_KETONE_CHAIN[found[1].lower()]
    return any(int(locant) <= chain for locant in _PRIMED_LOCANT_RE.findall(name[: found.start()]))


def description_parts_with_locants(text: str) -> tuple[str, ...]:
    """The parts of free text (cut where systematic_names_in_text cuts it, read up to MAX_DESCRIPTION_CHARS) that
    hold a locant, of at most MAX_NAME_CHARS each: what may be a systematic name spelt in another language
    (chemistry/resolve.py resolve_foreign_systematic_name), whose morphemes the English spans of
    systematic_names_in_text do not widen over ("methylester 3-oxo-2-fenylmáselné kyseliny, bělavá
    krystalická látka": the twelfth held-out set's MAPA declared under a surfactant's name)."""
    text = text[:MAX_DESCRIPTION_CHARS]
    if not _LOCANT.search(text):
        return ()
    parts = (" ".join(part.split()) for part in _SEGMENT_BREAK.split(text))
    return tuple(p for p in parts if p and len(p) <= MAX_NAME_CHARS and _LOCANT.search(p))


@dataclass(frozen=True, slots=True)
class ParsedName:
    """OPSIN's answer for one name: a SMILES, or None and the reason in words."""

    smiles: str | None
    problem: str = ""


@dataclass(frozen=True, slots=True)
class OpsinInstall:
    java: str
    jar: Path
    version: str  # OPSIN's, from the jar's name

    @property
    def label(self) -> str:
        return f"OPSIN {self.version}"


def find_opsin() -> tuple[OpsinInstall | None, str]:
    """(The Java runtime and OPSIN jar, or None and why not.) The jar is found in the installed
    `py2opsin` package without importing it: its import runs `java -version` in a subprocess."""
    spec = importlib.util.find_spec("py2opsin")
    if spec is None or not spec.submodule_search_locations:
        return None, "the `py2opsin` package (extra `opsin`) is not installed"
    jars = sorted(
        jar
        for folder in spec.submodule_search_locations
        for jar in Path(folder).glob("opsin-cli-*-jar-with-dependencies.jar")
    )
    if not jars:
        return None, "the installed `py2opsin` package holds no OPSIN jar"
    java = shutil.which("java")
    if java is None:
        return None, "no Java runtime (`java`) on the PATH (Debian: apt-get install default-jre-headless)"
    version = jars[-1].name.removeprefix("opsin-cli-").removesuffix("-jar-with-dependencies.jar")
    return OpsinInstall(java, jars[-1], version), ""


def _chunks(names: list[str]) -> Iterable[list[str]]:
    """Names in writes of at most BATCH_NAMES names and BATCH_BYTES bytes: all of a write is sent
    before any answer is read, so a write and its answers (name echoed, SMILES) must fit in the
    pipes' buffers (64 KiB on Linux), or both processes would wait on each other."""
    chunk: list[str] = []
    size = 0
    for name in names:
        if chunk and (len(chunk) == BATCH_NAMES or size + len(name) + 1 > BATCH_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(name)
        size += len(name) + 1
    if chunk:
        yield chunk


def clean_name(name: str) -> str:
    """The name as one line for OPSIN: control characters as spaces, runs of blanks as one, the
    typographic dashes, primes and Greek letters of nomenclature in ASCII (OPSIN's input encoding
    follows the JVM's locale, so only ASCII is sent)."""
    return " ".join(_CONTROL.sub(" ", name).translate(_ASCII_FORMS).split())


class OpsinParser:
    """One OPSIN process answering names one per line. Not for concurrent use from several threads
    without the lock it holds (a screening process calls it from one thread)."""

    def __init__(self, install: OpsinInstall, time_budget_s: float = 2.0, startup_budget_s: float = STARTUP_BUDGET_S):
        self.install = install
        self.time_budget_s = time_budget_s
        self.startup_budget_s = startup_budget_s
        self._answers: dict[str, ParsedName] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._pending = b""  # bytes read past the last complete line
        self._lock = threading.Lock()
        self._failed_starts = 0
        self.starts = 0  # JVMs started (tests and benchmarks read it)
        self.timeouts = 0
        self.asked = 0  # names sent to OPSIN (answers remembered are not sent again)
        self.round_trips = 0  # writes of one or more names
        self.startup_s = 0.0  # seconds spent starting JVMs, in all (screening leaves them out of event budgets)
        self._finalizer = weakref.finalize(self, _stop_process, [None])

    # -- the verb -----------------------------------------------------------------------------------
    def parse_systematic_name(self, name: str) -> ParsedName:
        """The structure OPSIN gives a systematic name (SMILES), or a failure value saying why not."""
        return self.parse_systematic_names([name])[clean_name(name)]

    def parse_systematic_names(
        self, names: Iterable[str], within: Callable[[], bool] | None = None
    ) -> dict[str, ParsedName]:
        """Answers for several names (keyed by clean_name), written to OPSIN together and read back
        in order: one round trip through the pipe per batch rather than per name. ``within``: asked
        before each write and after each name over its budget; once it says no, the names not yet
        answered are left out of the result (and not remembered), so that a batch of names that
        all hang cannot hold screening for their budgets added up."""
        cleaned = list(dict.fromkeys(clean_name(n) for n in names))
        out = {}
        todo = []
        for name in cleaned:
            known = self._answers.get(name)
            if known is not None:
                out[name] = known
            elif not name:
                out[name] = ParsedName(None, "empty name")
            elif len(name) > MAX_NAME_CHARS:
                out[name] = ParsedName(None, f"longer than {MAX_NAME_CHARS} characters: not parsed")
            elif not name.isascii():
                out[name] = ParsedName(None, "characters outside ASCII: not parsed")
            else:
                todo.append(name)
        with self._lock:
            for chunk in _chunks(todo):
                if within is not None and not within():
                    break
                for name, parsed in self._ask(chunk, within).items():
                    out[name] = self._remember(name, parsed)
        return out

    def close(self) -> None:
        """Stop the JVM (killed: OPSIN keeps nothing worth a graceful end). A later name starts a new one."""
        with self._lock:
            self._stop()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self.running and self._process is not None else None

    # -- the process ----------------------------------------------------------------------------------
    def _ask(self, names: list[str], within: Callable[[], bool] | None = None) -> dict[str, ParsedName]:
        answers: dict[str, ParsedName] = {}
        remaining = list(names)
        restarts = 0  # for a JVM that dies or answers out of step: bounded, never a loop
        while remaining:
            if restarts > MAX_FAILED_STARTS or (not self.running and not self._start()):
                why = "OPSIN could not be started" if not self.running else "OPSIN answered out of step"
                self._stop()
                return answers | {name: ParsedName(None, why) for name in remaining}
            process = self._process
            assert process is not None and process.stdin is not None
            self.asked += len(remaining)
            self.round_trips += 1
            try:
                process.stdin.write("".join(name + "\n" for name in remaining).encode("ascii"))
                process.stdin.flush()
            except OSError:
                self._stop()
                restarts += 1
                continue
            while remaining:
                line = self._read_line(self.time_budget_s)
                name = remaining.pop(0)
                if line is None:  # no answer in time (or the JVM died): the rest are asked again
                    self.timeouts += 1
                    _log.warning("OPSIN gave no answer within %gs; restarting it", self.time_budget_s)
                    self._stop()
                    answers[name] = ParsedName(None, f"OPSIN gave no answer within {self.time_budget_s:g} s")
                    if within is not None and not within():
                        return answers
                    break
                smiles, _, echoed = line.partition("\t")
                if echoed != name:  # out of step with what was asked: start again rather than misattribute
                    self._stop()
                    remaining.insert(0, name)
                    restarts += 1
                    break
                answers[name] = ParsedName(smiles, "") if smiles else ParsedName(None, "OPSIN could not parse it")
        return answers

    def _start(self) -> bool:
        if self._failed_starts >= MAX_FAILED_STARTS:
            return False
        command = [self.install.java, *JVM_OPTIONS, "-jar", str(self.install.jar), "-osmi", "-n"]
        started = time.monotonic()
        try:
            # A session of its own: a Ctrl-C in the terminal is for the worker to handle, not OPSIN.
            # Should this process die without closing it, OPSIN reads the end of its input and exits.
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                bufsize=0,
                start_new_session=True,
            )
        except OSError as exc:
            self._failed_starts += 1
            _log.warning("could not start OPSIN (%s)", exc.strerror or exc)
            return False
        self._finalizer.detach()
        self._finalizer = weakref.finalize(self, _stop_process, [self._process])
        self._pending = b""
        self.starts += 1
        assert self._process.stdin is not None
        line = None
        try:
            self._process.stdin.write((WARM_UP_NAME + "\n").encode())
            self._process.stdin.flush()
            line = self._read_line(self.startup_budget_s)
        except OSError:
            pass
        if line is None or not line.endswith("\t" + WARM_UP_NAME):
            self._stop()
            self._failed_starts += 1  # after MAX_FAILED_STARTS in a row, OPSIN is not started again
            self.startup_s += time.monotonic() - started
            _log.warning("OPSIN did not answer within %gs of starting", self.startup_budget_s)
            return False
        self._failed_starts = 0
        self.startup_s += time.monotonic() - started
        _log.info("OPSIN %s started in %.1fs", self.install.version, time.monotonic() - started)
        return True

    def _read_line(self, budget_s: float) -> str | None:
        """The next line OPSIN writes, or None when none comes within the budget or it ends."""
        process = self._process
        assert process is not None and process.stdout is not None
        fd = process.stdout.fileno()
        deadline = time.monotonic() + budget_s
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode("utf-8", "replace").rstrip("\r")

    def _stop(self) -> None:
        _stop_process([self._process])
        self._process = None
        self._pending = b""

    def _remember(self, name: str, parsed: ParsedName) -> ParsedName:
        if len(self._answers) >= ANSWERS_KEPT:
            self._answers.pop(next(iter(self._answers)))  # first in, first out: bounded memory
        self._answers[name] = parsed
        return parsed


def _stop_process(holder: list[subprocess.Popen[bytes] | None]) -> None:
    process = holder[0]
    if process is None or process.poll() is not None:
        return
    process.kill()  # OPSIN keeps no state worth a graceful end; a hung one would not end anyway
    process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


# -- one parser per process -------------------------------------------------------------------------------
_shared: dict[tuple[OpsinInstall, float], OpsinParser] = {}
_logged: set[str] = set()
if hasattr(os, "register_at_fork"):
    # A forked process (cli/parallel.py's screening children) starts a JVM of its own when it needs
    # one: writing to its parent's would interleave their names and answers.
    os.register_at_fork(after_in_child=_shared.clear)


def open_systematic_name_parser(setting: str, time_budget_s: float) -> tuple[OpsinParser | None, str]:
    """The process's OPSIN parser for a setting ('auto', 'on', 'off'), or None and why not. One per
    process, installation and budget, shared by every Screener (a watchlist update builds a new one):
    one JVM, started only once a name needs it. Logs once whether systematic names are parsed. With
    'on', a missing Java runtime or OPSIN is an error (ValueError) rather than a log line."""
    if setting == "off":
        return None, "systematic names are not parsed (setting systematic_names is off)"
    install, why = find_opsin()
    if install is None:
        why = f"systematic names are not parsed: {why}"
        if setting == "on":
            raise ValueError(why + " (setting systematic_names is on)")
        _log_once(why)
        return None, why
    key = (install, time_budget_s)
    if key not in _shared:
        _shared[key] = OpsinParser(install, time_budget_s)
    _log_once(f"systematic names: parsed by {install.label} with {install.java}, started on first use")
    return _shared[key], ""


def _log_once(line: str) -> None:
    if line not in _logged:
        _logged.add(line)
        _log.info(line)
