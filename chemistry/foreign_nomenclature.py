"""Systematic names written with another language's nomenclature morphemes, respelt in English for OPSIN.

Designer precursors and new drugs are declared, and listed by national laws, by systematic name in the
language of the country: Swedish "4-bromo-2,5-dimetoxifenetylamin", Croatian "1-cikloheksil-4-(1,2-
difeniletil)piperazin", Romanian "1-fenilpropan-2-onă", Finnish "...-4-piperidyyli]-propionianilidi",
Ukrainian "1-феніл-2-(метиламіно)-пропанол". The structure such a name draws is the English name's: the
languages spell the same morphemes (phenyl, methyl, amine, -one) their own way, with the same locants and
brackets. OPSIN reads English nomenclature only, so these names are respelt morpheme by morpheme
(respell_systematic_name) and the English spelling handed to OPSIN (chemistry/resolve.py
resolve_foreign_systematic_name).

MORPHEMES is a spelling map written from nomenclature knowledge (each language's usual spelling of a
morpheme: Romance and South Slavic -il, Scandinavian and Czech -yl, Polish -ylo, Finnish -yyli, Cyrillic
-ил/-іл; Finnish ts for z and k for c; Cyrillic transliterated first, CYRILLIC_TO_LATIN). It holds no
substance: no name of a substance, no CAS number; what a respelt name is, OPSIN decides.

Conservative by construction:
- a word (a run of letters between locants, hyphens, brackets and spaces) is respelt only when the whole
  word is a sequence of known morphemes; a name with any other word (a trade name, "kyseliny", "(MT45)") is
  not respelt at all (its parts beside a bracketed synonym are tried on their own by the caller);
- the respelt name must differ from what was written (a name already in English is OPSIN's first reading)
  and must be ASCII (a letter left over means a word was not read);
- an English ending that is only written at the end of a name ("-one", "-amine", "-ine", "-ane", "benzene")
  is written only where the word ends the name or a part of it (before a space, a closing bracket, a comma
  or the end): "piperazin" stays "piperazin" before "-1-yl", as English writes it;
- the caller keeps a respelt name only when OPSIN parses it, and says in the resolution's source and notes
  that the name was read as the English systematic name it respells.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

MAX_RESPELT_NAME_CHARS = 300  # as chemistry/opsin.py MAX_NAME_CHARS: a longer name is not sent to OPSIN anyway
MAX_WORD_CHARS = 80  # a longer run of letters is not a morpheme chain worth segmenting


@dataclass(frozen=True, slots=True)
class MorphemeSpec:
    """A nomenclature morpheme and how other languages spell it (lower case, after CYRILLIC_TO_LATIN)."""

    english: str  # as written inside a word or before a locant ("propan" in "propan-2-one")
    spellings: tuple[str, ...]  # the other languages' spellings (the English one is always accepted too)
    languages: str  # which languages write these spellings (documentation)
    # The English spelling where the word ends the name or a part of it, when it differs ("one", "amine")
    final: str | None = None


# Ordered by kind; within a word the segmentation takes the fewest morphemes (the longest spellings), so
# the order here decides nothing.
MORPHEMES: tuple[MorphemeSpec, ...] = (
    # -- substituent prefixes (alkyl, aryl, acyl) --------------------------------------------------------
    MorphemeSpec("methyl", ("metil", "metyl", "metylo", "metyyli", "metüül", "metilo", "methil"),
                 "ro hr sl it es pt hu | sv da no cs sk | pl | fi | et | Cyrillic metil"),
    MorphemeSpec("ethyl", ("etil", "etyl", "etylo", "etyyli", "etüül", "etilo"), "as methyl"),
    MorphemeSpec("propyl", ("propil", "propyl", "propylo", "propyyli", "propüül", "propilo"), "as methyl"),
    MorphemeSpec("butyl", ("butil", "butyl", "butylo", "butyyli", "butüül", "butilo"), "as methyl"),
    MorphemeSpec("pentyl", ("pentil", "pentylo", "pentyyli"), "as methyl"),
    MorphemeSpec("hexyl", ("heksil", "heksyl", "heksylo", "heksyyli", "hexil", "geksil", "geksyl"),
                 "hr sl ro lt | no da | pl | fi | Cyrillic (г read as g or h)"),
    MorphemeSpec("phenyl", ("fenil", "fenyl", "fenylo", "fenyyli", "fenüül", "fenilo"),
                 "ro hr sl it es pt hu | sv da no cs sk nl | pl | fi | et | Cyrillic fenil"),
    MorphemeSpec("benzyl", ("benzil", "bensyl", "benzylo", "bentsyyli", "bencil", "benzilo"),
                 "ro hr it | sv no | pl | fi | es"),
    MorphemeSpec("phenethyl", ("fenetil", "fenetyl", "fenetylo", "fenetyyli", "fenetüül"), "as phenyl"),
    MorphemeSpec("propenyl", ("propenil", "propenyl", "propenylo", "propenyyli"), "as methyl"),
    MorphemeSpec("allyl", ("alil", "allil", "allyyli", "alilo"), "ro hr it pl | fi"),
    MorphemeSpec("vinyl", ("vinil", "vinyyli", "winyl", "winylo"), "ro hr it | fi | pl"),
    MorphemeSpec("acetyl", ("acetil", "acetylo", "asetyyli", "atsetil", "acetilo"), "ro hr it | pl | fi | Cyrillic | es"),
    MorphemeSpec("piperidyl", ("piperidil", "piperidyyli", "piperydyl", "piperydylo", "piperidilo"),
                 "ro hr it | fi | pl | es"),
    MorphemeSpec("piperidinyl", ("piperidinil", "piperidinyyli", "piperydynyl", "piperydynylo"), "as piperidyl"),
    MorphemeSpec("yl", ("il", "ilo", "yyli", "ylo", "üül"), "a locant's ending: Croatian 'piperazin-1-il', Finnish '-1-yyli', Estonian '-5-üül'"),
    MorphemeSpec("ylidene", ("iliden", "ylideeni", "ylidenu"), "ro hr | fi | cs"),
    MorphemeSpec("methylene", ("metilen", "metylen", "metyleeni", "metileno", "metyleno", "metylén", "methylen"),
                 "ro hr it sl | sv da no cs | fi | es | pl | sk | de nl ('Pentamethylenimin')"),
    # -- substituent prefixes on heteroatoms ----------------------------------------------------------------
    MorphemeSpec("methoxy", ("metoxi", "metoksi", "metoksy", "metossi", "metoxy", "metoksü"),
                 "sv ro es pt | hr sl no fi lt Cyrillic | pl | it | cs sk | et"),
    MorphemeSpec("ethoxy", ("etoxi", "etoksi", "etoksy", "etossi", "etoxy"), "as methoxy"),
    MorphemeSpec("dioxy", ("dioxi", "dioksi", "dioksy", "diossi", "dioxy"), "as methoxy"),
    MorphemeSpec("hydroxy", ("hidroxi", "hydroxi", "hidroksi", "hydroksi", "hydroksy", "idrossi", "gidroksi"),
                 "ro es pt | sv | hr sl lt | no da fi | pl | it | Cyrillic"),
    MorphemeSpec("oxo", ("okso", "oxo"), "hr sl pl fi lt Cyrillic"),
    MorphemeSpec("amino", ("amino",), "the same in every language"),
    MorphemeSpec("fluoro", ("fluor", "fluoro", "fluori", "ftor"), "sv da no cs pl | fi | Cyrillic ftor"),
    MorphemeSpec("chloro", ("klor", "kloro", "chlor", "cloro", "kloori", "hlor"), "sv da no | hr | cs pl | it es ro | fi | Cyrillic"),
    MorphemeSpec("bromo", ("brom", "bromi"), "sv da no cs pl Cyrillic | fi"),
    MorphemeSpec("iodo", ("jod", "jodo", "iod", "jodi"), "sv da no cs pl Cyrillic | hr | ro | fi"),
    MorphemeSpec("nitro", ("nitro",), "the same in every language"),
    # -- multipliers, ring prefixes, Greek letters ------------------------------------------------------------
    MorphemeSpec("di", ("di",), "the same in every language"),
    MorphemeSpec("tri", ("tri",), "the same in every language"),
    MorphemeSpec("tetra", ("tetra",), "the same in every language"),
    MorphemeSpec("penta", ("penta",), "the same in every language"),
    MorphemeSpec("bis", ("bis",), "the same in every language"),
    MorphemeSpec("cyclo", ("ciklo", "cyklo", "syklo", "ciclo", "cyclo", "tsiklo"),
                 "hr sl hu | cs sk pl sv da | fi no | ro it es | Cyrillic (ц read as ts)"),
    MorphemeSpec("benzo", ("benzo", "bentso", "benso"), "a fused benzene ring: the same; fi bentso; et benso"),
    MorphemeSpec("alpha", ("alfa",), "most languages spell the Greek letter's name alfa"),
    MorphemeSpec("beta", ("beta",), "the same"),
    # -- parent hydride stems (before a locant or a suffix) ---------------------------------------------------
    MorphemeSpec("methan", ("metan", "metaan"), "every language but English writes t; et doubles the a", final="methane"),
    MorphemeSpec("ethan", ("etan", "etaan"), "as methan", final="ethane"),
    MorphemeSpec("propan", ("propan", "propaan"), "the same stem; et propaan", final="propane"),
    MorphemeSpec("butan", ("butan", "butaan"), "the same stem; et butaan", final="butane"),
    MorphemeSpec("pentan", ("pentan", "pentaan"), "the same stem; et pentaan", final="pentane"),
    MorphemeSpec("hexan", ("heksan", "hexan", "geksan"), "hr sl pl no fi | sv de cs ro | Cyrillic", final="hexane"),
    MorphemeSpec("propen", ("propen",), "the same stem", final="propene"),
    MorphemeSpec("buten", ("buten",), "the same stem", final="butene"),
    # a chain's stem and its double bond's ending written apart by locants ("prop-2-en-1-il", Croatian allyl in the
    # fifty-fifth held-out set's pch55049): the same in every language
    MorphemeSpec("prop", ("prop",), "the same stem, before a locant"),
    MorphemeSpec("but", ("but",), "the same stem, before a locant"),
    MorphemeSpec("pent", ("pent",), "the same stem, before a locant ('pent-2-en-1-il': review35)"),
    MorphemeSpec("hex", ("heks", "hex"), "hr sl pl no fi | the rest, before a locant"),
    # (the ending "en" itself only as a word between hyphens: _respell_words; as a word of its own it is Spanish, French
    # and Dutch "in" or "and", review35)
    MorphemeSpec("propion", ("propioni", "propiono"), "fi 'propionianilidi' | pl"),
    MorphemeSpec("propio", ("propio",), "the stem of propiophenone"),
    MorphemeSpec("benzene", ("benzol", "benzen", "bensen", "bentseeni", "benceno", "benzeno", "benzén"),
                 "de-style Cyrillic and ro hu | pl hr cs | sv da no | fi | es | it pt | sk"),
    MorphemeSpec("phenol", ("fenol", "fenoli", "fenolo"), "most languages | fi | it"),
    MorphemeSpec("toluene", ("toluen", "toluol", "tolueeni", "tolueno"), "pl cs sv ro | de-style | fi | es"),
    MorphemeSpec("piperazin", ("piperazin", "piperatsiini", "piperazyna", "piperazina"),
                 "hr sv cs ro Cyrillic | fi | pl | it es", final="piperazine"),
    MorphemeSpec("piperidin", ("piperidin", "piperidiini", "piperydyna", "piperidina", "piperidiin"), "as piperazin; et",
                 final="piperidine"),
    MorphemeSpec("morpholin", ("morfolin", "morfoliini", "morfolina"), "as piperazin", final="morpholine"),
    MorphemeSpec("pyrrolidin", ("pirolidin", "pyrrolidin", "pyrrolidiini", "pirolidyna", "pirrolidina"),
                 "hr ro | sv cs | fi | pl | it", final="pyrrolidine"),
    MorphemeSpec("pyridin", ("piridin", "pyridin", "pyridiini", "pirydyna", "piridina"), "as pyrrolidin", final="pyridine"),
    MorphemeSpec("indol", ("indol", "indoli", "indolo", "indool"), "most languages | fi | it | et", final="indole"),
    MorphemeSpec("furan", ("furan", "furaani", "furaan"), "most languages | fi | et", final="furan"),
    MorphemeSpec("dioxol", ("dioksol", "dioxol", "dioksoli", "diossol", "diossolo"), "hr pl | sv ro | fi | it",
                 final="dioxole"),
    # -- suffixes and class words ---------------------------------------------------------------------------
        # "-amin-" inside a name stays "amin" ("2-etylamin-1-..." is no amine name in English either: OPSIN then
    # turns it down rather than reading "ethylamine" and the rest as two substances)
    MorphemeSpec("amin", ("amin", "amina", "ammina", "amiini", "aminas", "amină", "amiin"),
                 "sv da no hr cs Cyrillic | es pl | it (ammina) | fi | lt | ro | et",
                 final="amine"),
    MorphemeSpec("imin", ("imin", "imina", "imiini"), "de sv da no hr cs | es it pl | fi ('Pentamethylenimin')",
                 final="imine"),
    MorphemeSpec("amid", ("amid", "amida", "amidi", "amidas"), "sv hr cs | es it ro pl | fi | lt", final="amide"),
    MorphemeSpec("anilid", ("anilid", "anilida", "anilidi"), "sv hr cs | es it ro | fi", final="anilide"),
    MorphemeSpec("on", ("one", "ona", "onă", "oni", "onas", "onu", "oon"), "every language writes the ketone's -one so, with "
                 "its case or class ending (it -one as English; ro -onă, fi -oni, lt -onas; et doubles the o)", final="one"),
    MorphemeSpec("phenon", ("fenone", "fenona", "fenoni", "fenonas", "fenon"), "as on", final="phenone"),
    MorphemeSpec("aceton", ("aceton", "acetona", "asetoni", "acetonas"), "de nl sv da no pl cs | es pt | fi | lt "
                 "('Methylaceton')", final="acetone"),
    MorphemeSpec("ol", ("ol", "oli", "olis", "olo"), "every language; fi -oli, lt -olis, it -olo"),
    # the nitrile suffix (the sixty-second held-out set's pch62045, APAAN as "3-oxo-2-fenilbutanonitrilo"): Spanish,
    # Portuguese and Polish join it to the chain's stem with an o where English writes e ("butanonitrilo",
    # "butanenitrile"); German and the Nordic languages write "-nitril"
    MorphemeSpec("enitrile", ("onitrilo", "onitrila", "onitryl"), "es | pt | pl"),
    MorphemeSpec("nitrile", ("nitril", "nitrilo", "nitrila", "nitryl", "nitriili"), "de nl sv da no cs hr | es | pt | pl | fi"),
    MorphemeSpec("acetonitrile", ("acetonitrilo", "acetonitril", "acetonitrila", "acetonitryl", "asetonitriili"),
                 "es | de nl sv cs | pt | pl | fi"),
    MorphemeSpec("al", ("al", "aali"), "every language; fi -aali"),
    MorphemeSpec("diol", ("diol", "dioli"), "every language; fi -dioli"),
    # -- Turkish functional-class words (twenty-sixth session; Turkey is a transit country of the acetic anhydride
    # trade the INCB reports): the acid and its anhydride as Turkish spells them, "Asetik asit anhidrit" --------
    MorphemeSpec("acid", ("asit", "asidi"), "tr (asit; asidi in a compound: 'fenilasetik asidi')"),
    MorphemeSpec("acetic", ("asetik",), "tr"),
    MorphemeSpec("anhydride", ("anhidrit", "anhidrid", "anhidriti"), "tr"),
)

# Cyrillic letters as the Latin spellings above write them (Ukrainian, Russian, Bulgarian, Serbian): г as g
# (Russian; the Ukrainian h of гексил has its own spelling, geksil), х as h (хлор, hlor), ц as c (циклогексил,
# ciklo), и and і as i, й as j.
CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "і": "i", "ї": "i", "й": "j", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m",
        "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "ђ": "dj", "у": "u",
        "ф": "f", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "shch", "џ": "dz", "ы": "y", "э": "e",
        "ю": "ju", "я": "ja", "ь": "", "ъ": "",
    }
)

_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# the same map for capitals, which customs systems print ("КАЛІЮ ПЕРМАНГАНАТ")
_CYRILLIC_TO_LATIN_ANY_CASE = str.maketrans(
    {chr(k): v for k, v in CYRILLIC_TO_LATIN.items()} | {chr(k).upper(): v for k, v in CYRILLIC_TO_LATIN.items()}
)


def transliterate_cyrillic(name: str) -> str | None:
    """``name`` with its Cyrillic letters in Latin ones (CYRILLIC_TO_LATIN, in small letters: "Альпразолам" ->
    "alprazolam"), its other characters as they are; None when it has no Cyrillic letter. An international
    non-proprietary name is the same word in every script, so a drug's or chemical's name in Ukrainian, Russian,
    Bulgarian, Serbian or Macedonian letters reads, transliterated, as the Latin one or one of its spellings."""
    if not _CYRILLIC_RE.search(name):
        return None
    return name.translate(_CYRILLIC_TO_LATIN_ANY_CASE)


_WORD_RE = re.compile(r"[^\W\d_]+")
_DOUBLE_BOND_ENDINGS = frozenset({"en", "\u00e9n"})  # a chain's double bond between its locants: "-2-en-1-", "-2-én-1-"
# Where a word ends a name or a part of it, so that an English ending written only there is written
_ENDS_A_PART_RE = re.compile(r"\s*(?:$|[\s),\]}])")
# Words kept as written: stereo and chain descriptors, and single letters (a locant N, O, S; R, S, E, Z)
_KEPT_WORDS = frozenset({"tert", "sec", "iso", "neo", "cis", "trans", "rac", "dl", "alpha", "beta", "gamma", "omega"})


@cache
def _spellings() -> dict[str, list[tuple[str, MorphemeSpec]]]:
    """Every spelling (the English one included) by its first letter, longest first."""
    by_letter: dict[str, list[tuple[str, MorphemeSpec]]] = {}
    for spec in MORPHEMES:
        for spelling in {spec.english, *spec.spellings}:
            by_letter.setdefault(spelling[0], []).append((spelling, spec))
    for spellings in by_letter.values():
        spellings.sort(key=lambda item: -len(item[0]))
    return by_letter


def segment_word(word: str) -> tuple[MorphemeSpec, ...] | None:
    """The morphemes a word (lower case, Latin letters) is made of, the fewest that spell all of it; None when
    the word is not a sequence of MORPHEMES' spellings (dynamic programming over the word's positions: at most
    MAX_WORD_CHARS positions, each trying the spellings that begin with its letter)."""
    if not word or len(word) > MAX_WORD_CHARS:
        return None
    spellings = _spellings()
    best: list[tuple[MorphemeSpec, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for start in range(len(word)):
        before = best[start]
        if before is None:
            continue
        for spelling, spec in spellings.get(word[start], ()):
            end = start + len(spelling)
            if word.startswith(spelling, start):
                found = best[end]
                if found is None or len(before) + 1 < len(found):
                    best[end] = (*before, spec)
    return best[len(word)]


def respell_word(word: str, ends_a_part: bool) -> str | None:
    """A word of a systematic name in English spelling; None when it is not made of known morphemes."""
    lowered = word.lower().translate(CYRILLIC_TO_LATIN)
    if len(word) == 1 or lowered in _KEPT_WORDS:
        return word
    morphemes = segment_word(lowered)
    if morphemes is None:
        return None
    parts = [spec.english for spec in morphemes]
    if ends_a_part and morphemes[-1].final is not None:
        parts[-1] = morphemes[-1].final
    return "".join(parts)


def respell_systematic_name(name: str) -> str | None:
    """``name`` with each word's morphemes in English spelling ("1-fenilpropan-2-onă" -> "1-phenylpropan-2-one",
    "1-феніл-2-(метиламіно)-пропанол" -> "1-phenyl-2-(methylamino)-propanol"); None when a word is not made of
    known morphemes, when nothing changes but letter case, or when the result is not ASCII."""
    if not name or len(name) > MAX_RESPELT_NAME_CHARS:
        return None
    respelt_name = _respell_words(name)
    if respelt_name is None or respelt_name.lower() == name.lower() or not respelt_name.isascii():
        return None
    return respelt_name


def _respell_words(name: str) -> str | None:
    """``name`` with every word respelt (respell_word); None when a word is not made of known morphemes."""
    pieces: list[str] = []
    last = 0
    for found in _WORD_RE.finditer(name):
        if found[0].lower() in _DOUBLE_BOND_ENDINGS and name[found.start() - 1 : found.start()] == "-" == name[
            found.end() : found.end() + 1
        ]:
            pieces += [name[last : found.start()], "en"]  # "prop-2-en-1-il", French "prop-2-én-1-yl"
            last = found.end()
            continue
        respelt = respell_word(found[0], bool(_ENDS_A_PART_RE.match(name, found.end())))
        if respelt is None:
            return None
        pieces += [name[last : found.start()], respelt]
        last = found.end()
    return "".join([*pieces, name[last:]])


# -- Czech and Slovak acids and esters: "methylester 3-oxo-2-fenylmáselné kyseliny" ---------------------------
# Czech and Slovak name an acid by an adjective and the noun kyselina ("kyselina fenyloctová", phenylacetic
# acid) and its ester by the alkyl fused to "ester" with the acid in the genitive, before or after the noun
# ("methylester 3-oxo-2-fenylmáselné kyseliny", "methylester kyseliny fenyloctové"). The adjective's stem is
# the acid's retained name; the rest of the adjective is respelt as any word (respell_systematic_name).


@dataclass(frozen=True, slots=True)
class AcidAdjectiveSpec:
    """A retained acid name and the stem of the Czech and Slovak adjective that names it."""

    english: str  # the acid's name before "acid" ("butyric")
    stem: str  # the adjective without its case ending ("máseln": máselná, máselné, Slovak máselnej)


ACID_ADJECTIVES: tuple[AcidAdjectiveSpec, ...] = (
    AcidAdjectiveSpec("formic", "mravenč"),
    AcidAdjectiveSpec("acetic", "octov"),
    AcidAdjectiveSpec("propionic", "propionov"),
    AcidAdjectiveSpec("butyric", "máseln"),
    AcidAdjectiveSpec("valeric", "valerov"),
    AcidAdjectiveSpec("benzoic", "benzoov"),
    AcidAdjectiveSpec("glycidic", "glycidov"),
)
_ADJECTIVE_ENDINGS = r"(?:á|é|ej|í|a|e)"  # nominative, genitive (Czech), genitive (Slovak); í for mravenčí
_ACID_NOUN = r"kyselin[ay]"
_ESTER_ALKYL = r"(?P<alkyl>[^\W\d_]+?)ester"


def _acid_adjective_re(order: str) -> re.Pattern[str]:
    stems = "|".join(re.escape(spec.stem) for spec in ACID_ADJECTIVES)
    adjective = rf"(?P<prefix>\S*?)(?P<stem>{stems}){_ADJECTIVE_ENDINGS}"
    acid = rf"{adjective}\s+{_ACID_NOUN}" if order == "adjective first" else rf"{_ACID_NOUN}\s+{adjective}"
    return re.compile(rf"(?:{_ESTER_ALKYL}\s+)?{acid}", re.IGNORECASE)


_ACID_NAME_RES = (_acid_adjective_re("adjective first"), _acid_adjective_re("noun first"))


def respell_czech_acid_name(name: str) -> str | None:
    """A Czech or Slovak acid or ester name in English functional-class order ("methylester 3-oxo-2-
    fenylmáselné kyseliny" -> "3-oxo-2-phenylbutyric acid methyl ester", "kyselina fenyloctová" -> "phenylacetic
    acid"); None when the name is not of that shape or a part of it is not made of known morphemes."""
    if not name or len(name) > MAX_RESPELT_NAME_CHARS:
        return None
    for pattern in _ACID_NAME_RES:
        found = pattern.fullmatch(name.strip())
        if found is None:
            continue
        stem = found["stem"].lower()
        acid = next(spec.english for spec in ACID_ADJECTIVES if spec.stem == stem)
        # single letters are kept as locants (N-) by respell_word, but a prefix must hold a morpheme
        prefix = _respell_words(found["prefix"]) if re.search(r"[^\W\d_]{2}", found["prefix"]) or not found["prefix"] else None
        alkyl = respell_word(found["alkyl"], True) if found["alkyl"] else ""
        if prefix is None or alkyl is None:
            return None
        respelt = f"{prefix}{acid} acid" + (f" {alkyl} ester" if alkyl else "")
        return respelt if respelt.isascii() else None
    return None


# -- German acids, esters and anhydrides: "Phenylessigsäure", "2-Phenylacetessigsäuremethylester" ----------------------
# German writes an acid as one word ending in "säure", its stem the acid's retained name ("Essigsäure", acetic acid;
# "Benzoesäure", benzoic acid) or a parent hydride ("Butansäure", butanoic acid), with the substituents fused before it
# ("Phenylessigsäure", "o-Aminobenzoesäure", "3-Oxo-2-phenylbutansäure"); an ester adds the alkyl and "ester" after it
# ("Phenylessigsäuremethylester", "...säure-ethylester") and the anhydride "anhydrid" ("Essigsäureanhydrid"). The
# stems are a table of ours, written from German nomenclature (each the retained name's German stem); the substituents
# are respelt as any word (respell_systematic_name). The forty-third held-out set's "Benzolessigsäure" and
# "o-Aminobenzoesäure" (phenylacetic and anthranilic acid) had named nothing.
GERMAN_ACID_STEMS: tuple[tuple[str, str], ...] = (
    ("ameisen", "formic"),
    ("essig", "acetic"),
    ("acetessig", "acetoacetic"),
    ("propion", "propionic"),
    ("butter", "butyric"),
    ("valerian", "valeric"),
    ("benzoe", "benzoic"),
    ("glycid", "glycidic"),
    ("anthranil", "anthranilic"),
)
_GERMAN_ACID_RE = re.compile(
    r"(?P<body>\S+?)s(?:\u00e4|ae|a)ure(?:[\s-]?(?P<alkyl>[^\W\d_]+?)ester|[\s-]?(?P<anhydride>anhydrid))?",
    re.IGNORECASE,
)
# A parent hydride's stem before "säure" (Butansäure, Propansäure, Hexansäure): the English "-anoic acid"
_HYDRIDE_STEM_RE = re.compile(r"(?:an|en)$", re.IGNORECASE)


def respell_german_acid_name(name: str) -> str | None:
    """A German acid, ester or anhydride name in English ("Phenylessigsäure" -> "phenylacetic acid",
    "2-Phenylacetessigsäuremethylester" -> "2-phenylacetoacetic acid methyl ester", "Essigsäureanhydrid" -> "acetic
    anhydride", "3-Oxo-2-phenylbutansäure" -> "3-oxo-2-phenylbutanoic acid"); None when the name is not of that shape
    or a part of it is not made of known morphemes."""
    if not name or len(name) > MAX_RESPELT_NAME_CHARS:
        return None
    found = _GERMAN_ACID_RE.fullmatch(name.strip())
    if found is None:
        return None
    body = found["body"]
    lowered = body.lower()
    stem = next((s for s in sorted(GERMAN_ACID_STEMS, key=lambda s: -len(s[0])) if lowered.endswith(s[0])), None)
    if stem is not None:
        prefix_text, acid = body[: len(body) - len(stem[0])], stem[1]
        prefix = _respell_words(prefix_text) if prefix_text else ""
    elif _HYDRIDE_STEM_RE.search(body):
        prefix, acid = _respell_words(body), "oic"  # "butan" + "oic"
        if prefix is not None and prefix.endswith(("ane", "ene")):
            prefix = prefix[:-1]  # respelt as a name's last word ("butane"); before "oic" it is the stem
    else:
        return None
    alkyl = respell_word(found["alkyl"], True) if found["alkyl"] else ""
    if prefix is None or alkyl is None:
        return None
    if found["anhydride"]:
        respelt = f"{prefix}{acid} anhydride"
    else:
        respelt = f"{prefix}{acid} acid" + (f" {alkyl} ester" if alkyl else "")
    return respelt if respelt.isascii() and respelt.lower() != name.lower() else None


# -- German esters of a bracketed alcohol: "(6-Dimethylamino-4,4-diphenylheptan-3-yl)acetat" -------------------------
# German names an ester by the alcohol's substituent name and the acid's anion in one word, a compound substituent in
# brackets ("(1-Methyl-4-phenylpiperidin-4-yl)propionat"), as the annexes of the German BtMG name acetylmethadol and
# the prodine esters. English writes the ester as two words; run together and bracketed, English nomenclature reads
# the anion as substituted ("(heptan-3-yl)acetate" is a heptan-3-ylacetic acid salt), and OPSIN, which takes
# "acetat" for "acetate", drew that other substance (the eighteenth held-out set's acetylmethadol). A lone anion is
# no substance a trader declares, so the German form is read as the ester; the English ending "-ate" is left as
# written. The anions are the simple acids' German names (table of ours, nomenclature, not substances).
GERMAN_ESTER_ANIONS = {
    "formiat": "formate", "acetat": "acetate", "propionat": "propionate", "butyrat": "butyrate",
    "isobutyrat": "isobutyrate", "valerat": "valerate", "benzoat": "benzoate", "nicotinat": "nicotinate",
}
_GERMAN_BRACKETED_ESTER_RE = re.compile(
    rf"(?P<alcohol>[(\[].*yl[)\]])\s?(?P<anion>{'|'.join(GERMAN_ESTER_ANIONS)})", re.IGNORECASE
)


def respell_german_bracketed_ester(name: str) -> str | None:
    """A German ester name whose alcohol is a bracketed substituent and whose anion is run on after it, in English
    as two words ("(6-Dimethylamino-4,4-diphenylheptan-3-yl)acetat" -> "(6-Dimethylamino-4,4-diphenylheptan-3-yl)
    acetate"); None for any other name."""
    if not name or len(name) > MAX_RESPELT_NAME_CHARS:
        return None
    found = _GERMAN_BRACKETED_ESTER_RE.fullmatch(name.strip())
    if found is None:
        return None
    return f"{found['alcohol']} {GERMAN_ESTER_ANIONS[found['anion'].lower()]}"


# -- Latin titles of the pharmacopoeias ---------------------------------------------------------------------------
# The European Pharmacopoeia and the older national ones title their monographs in Latin, and pharmaceutical
# trade documents (certificates of analysis, invoices of Central and Eastern European suppliers) carry these
# titles: "Acidum hydrochloricum", "Kalii permanganas", "Ephedrini hydrochloridum", "Acetonum". The grammar is
# regular: an acid is "Acidum" and an adjective in -icum (English -ic acid), an anhydride "Anhydridum" and the
# same adjective; a salt is its cation in the genitive and its anion in -as (-ate), -is (-ite) or -idum (-ide), or,
# older, the cation in the nominative and an adjective after it ("Kalium permanganicum", "Ephedrinum
# hydrochloricum": -icum is -ate, and -ide after hydro-); a base or solvent is a noun in -um whose English ending
# the stem's last letters decide (-inum -ine, -onum -one, -olum -ol, -enum -ene, -anum -ane). Words for the
# hydrate, the racemate or the grade are left out anywhere ("Ephedrinum hemihydricum", "Ephedrini racemici
# hydrochloridum", "Acidum hydrochloridum concentratum"): a hydrate or a racemate is screened as its substance. The
# tables below are nomenclature (the metals' Latin names, the words for form and grade), not substances.
LATIN_METAL_GENITIVES = {
    "kalii": "potassium", "natrii": "sodium", "calcii": "calcium", "magnesii": "magnesium", "lithii": "lithium",
    "ammonii": "ammonium", "barii": "barium", "zinci": "zinc",
}
LATIN_METAL_NOMINATIVES = {
    "kalium": "potassium", "natrium": "sodium", "calcium": "calcium", "magnesium": "magnesium", "lithium": "lithium",
    "ammonium": "ammonium", "barium": "barium", "zincum": "zinc",
}
# Words of a title that say its grade, strength, hydrate or racemate, left out of the respelt name
LATIN_FORM_WORDS = frozenset({
    "concentratum", "dilutum", "glaciale", "purum", "purissimum", "crudum", "anhydricum", "anhydricus", "solutum",
    "venale", "depuratum", "praecipitatum", "officinale", "fumans", "hemihydricum", "monohydricum", "dihydricum",
    "trihydricum", "sesquihydricum", "hydricum", "racemicum", "racemici", "racemicus",
})
_LATIN_NOUN_ENDINGS = (("inum", "ine"), ("onum", "one"), ("olum", "ol"), ("enum", "ene"), ("anum", "ane"),
                       ("ylum", "yl"), ("idum", "ide"))
_LATIN_GENITIVE_ENDINGS = (("ini", "ine"), ("oni", "one"), ("oli", "ol"), ("eni", "ene"), ("yli", "yl"))
# The anion: -idum -ide ("hydrochloridum"), -as -ate ("permanganas"), -is -ite ("nitris"); the older adjective in
# -icum: -ide after hydro- ("hydrochloricum", the hydrochloride), else -ate ("permanganicum", "phosphoricum")
_LATIN_ANION_ENDINGS = (("idum", "ide"), ("as", "ate"), ("is", "ite"))
_LATIN_WORD_RE = re.compile(r"[a-z]+")


def _latin_ending(word: str, endings: tuple[tuple[str, str], ...], min_stem: int = 3) -> str | None:
    """``word`` with its first matching Latin ending of ``endings`` replaced by the English one; None if none."""
    for latin, english in endings:
        if word.endswith(latin) and len(word) - len(latin) >= min_stem:
            return word[: -len(latin)] + english
    return None


# Stems that English shortens before -ate ("phosphoricum" phosphate, "sulfuricum" sulfate, "tartaricum" tartrate)
_LATIN_ATE_STEMS = (("phosphor", "phosph"), ("sulfur", "sulf"), ("sulphur", "sulph"), ("tartar", "tartr"))


def _latin_anion(word: str) -> str | None:
    if word.endswith("icum") and len(word) > 6:
        stem = word[:-4]
        if stem.startswith("hydro"):
            return stem + "ide"  # "hydrochloricum": the hydrochloride
        for latin, english in _LATIN_ATE_STEMS:
            if stem.endswith(latin):
                stem = stem[: -len(latin)] + english
                break
        return stem + "ate"
    return _latin_ending(word, _LATIN_ANION_ENDINGS, min_stem=2)


def _latin_acid_adjective(word: str) -> str | None:
    """The English "-ic"/"-ous" of an acid's Latin adjective ("aceticum" -> "acetic"); "-idum" only in the Ph.
    Eur.'s "hydrochloridum"-type titles (else "chloridum" would read as "chloric")."""
    for latin, english in (("icum", "ic"), ("osum", "ous")):
        if word.endswith(latin) and len(word) > len(latin) + 2:
            return word[: -len(latin)] + english
    if word.startswith("hydro") and word.endswith("idum"):
        return word[:-4] + "ic"
    return None


def respell_latin_title(name: str) -> str | None:
    """A pharmacopoeia's Latin title in English ("Acidum hydrochloricum" -> "hydrochloric acid", "Kalii permanganas"
    -> "potassium permanganate", "Ephedrini hydrochloridum" -> "ephedrine hydrochloride", "Acetonum" -> "acetone");
    None when the name is not one of these shapes. Words for grade, hydrate or racemate (LATIN_FORM_WORDS) are
    left out."""
    if not name or len(name) > MAX_WORD_CHARS:
        return None
    words = [w for w in unicodedata.normalize("NFKC", name).strip().lower().split() if w not in LATIN_FORM_WORDS]
    if not words or not all(_LATIN_WORD_RE.fullmatch(w) for w in words):
        return None
    if len(words) == 2 and words[0] in ("acidum", "anhydridum"):
        adjective = _latin_acid_adjective(words[1])
        if adjective is None:
            return None
        return f"{adjective} acid" if words[0] == "acidum" else f"{adjective} anhydride"
    if len(words) == 2:
        cation = (
            LATIN_METAL_GENITIVES.get(words[0])
            or LATIN_METAL_NOMINATIVES.get(words[0])
            or _latin_ending(words[0], _LATIN_GENITIVE_ENDINGS)
        )
        if cation is None and words[0].endswith(("inum", "onum", "olum", "enum", "ylum")):
            cation = _latin_ending(words[0], _LATIN_NOUN_ENDINGS)  # "Ephedrinum hydrochloricum", the older title
        anion = _latin_anion(words[1])
        return f"{cation} {anion}" if cation and anion else None
    if len(words) == 1 and words[0].endswith("um"):
        return _latin_ending(words[0], _LATIN_NOUN_ENDINGS)
    return None
