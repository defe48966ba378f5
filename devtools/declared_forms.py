"""Every scheduled substance in every declared form (issue 11 §1, §5): `python -m devtools.declared_forms`.

For each scheduled watchlist entry (chemistry/data/watchlist.csv, tier ``scheduled``) the forms a
trader types are generated from the entry's own data only -- its CAS number, name and synonyms, the
sourced names in six languages (chemistry/data/names_eu.csv), the sourced salt CAS numbers
(chemistry/data/salt_forms.csv), its SMILES (random RDKit spellings, Kekulé form) and its InChI
(computed by RDKit) -- each with a form-class label (``cas:no_hyphens``, ``name:de:upper``,
``salt_name:hcl``, ``inchi`` ...). Nothing is invented: no CAS number is made up (every one is the
watchlist's or salt_forms.csv's, re-spelled), and a class that cannot apply to an entry (no CAS
number, no German name, no basic nitrogen for a hydrochloride) is skipped and counted as such.

Every form is screened as one declared goods item through the evaluation's path
(devtools/evaluation.py row_event, pipeline.screening.Screener.screen_item), in one process, and
counts as identified when the verdict carries the SCHEDULED_SUBSTANCE signal and an exact finding
names the entry. A form generated from the data of several entries (``chloroephedrine`` is a synonym
of two listed stereoisomers; racephedrine hydrochloride is a salt of ephedrine and of pseudoephedrine)
is identified when an exact finding names any of them.

Exempt classes (``EXEMPT``) are generated and screened but reported apart, each with the reason it is
not a declared form of the entry; they do not count in the overall figure.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdkit import Chem, RDLogger

DATA = Path(__file__).resolve().parent.parent / "chemistry" / "data"
WATCHLIST_CSV = DATA / "watchlist.csv"
NAMES_EU_CSV = DATA / "names_eu.csv"
SALT_FORMS_CSV = DATA / "salt_forms.csv"
# The six languages the issue asks for, then those with sourced rows since the fifteenth session (sv,
# fi, cs, da) and the sixteenth (lt, et, sl, pt: names read in the seventh held-out set's sources), then
# the Latin titles of pharmacopoeias and medicine registers (sixteenth session; "Ephedrini hydrochloridum").
LANGUAGES = ("de", "fr", "nl", "it", "es", "pl", "sv", "fi", "cs", "da", "lt", "et", "sl", "pt", "la")
RANDOM_SPELLINGS = 5
SEED = 15
# Two real, legitimate CAS numbers to share a field with the scheduled one ("several CAS in one field").
WATER_CAS = "7732-18-5"
ETHANOL_CAS = "64-17-5"
GRADE_WORDS = {
    "99pct": "{} 99%",
    "min": "{} min. 99 %",
    "technical_grade": "{} technical grade",
    "fcc": "{} FCC",
    "usp": "{} USP",
    "anhydrous": "{} anhydrous",
    "solution": "{} solution",
    "in_drums": "{} in drums",
    "combined": "{}, 99.5% min, technical grade, in drums",
    # a grade named by its use after a comma, and a stabiliser (twenty-first session)
    "use_grade": "{}, flame-retardant grade",
    "stabilised": "{}, stabilised with BHT",
    "method_in_brackets": "{} 99.5% (HPLC)",
    # the grade written before the name
    "before:99pct": "99% {}",
    "before:technical_grade": "Technical grade {}",
    "before:usp": "USP {}",
}
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
# A basic nitrogen forms a hydrochloride or a sulphate: an amine (aryl amines included), not an amide,
# carbamate, sulphonamide, imide, nitrile or nitro nitrogen.
BASIC_NITROGEN = Chem.MolFromSmarts("[NX3;!$(N-[C,S,P]=[O,S,N]);!$(N-N);!$(N-O)]")
CARBOXYLIC_ACID = Chem.MolFromSmarts("[CX3](=O)[OX2H1]")
# The name classes, as counted when they cannot apply to an entry at all.
NAME_CLASS_FAMILIES = (
    "name:en",
    "name:synonym",
    *(f"name:{lang}" for lang in LANGUAGES),
    "name:bracket_synonym",
    "salt_name:monohydrate",
    "salt_name:hydrochloride",
    "salt_name:hcl",
    "salt_name:sulphate",
    "salt_name:sodium_salt",
)
# Classes that are generated and screened but are not declared forms of the entry (reported apart).
EXEMPT: dict[str, str] = {}


@dataclass(slots=True)
class Form:
    form_class: str
    kind: str  # cas | name | smiles | inchi (the GoodsItem field)
    value: str
    cn_code: str = ""  # declared with the item: the heading of an entry defined by its goods' CN scope
    entries: set[str] = field(default_factory=set)
    # The CAS numbers the form spells, as the data files write them (a real, sourced number each:
    # tests/devtools/test_declared_forms.py checks their check digits).
    cas_numbers: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Entry:
    id: str
    category: str
    name: str
    synonyms: list[str]
    cas: str
    smiles: str
    names: dict[str, list[str]]  # language -> sourced names
    salt_cas: list[str]
    salt_smiles: list[str]
    # The CN codes of an entry confined to goods of some headings (match_rule "cn_scope:3003;3004":
    # Category 4, medicinal products containing ephedrine or pseudoephedrine), from its own cn_code or
    # cn_code_inferred column: its forms are declared under one of them (the product, not the substance).
    cn_scope: tuple[str, ...] = ()


def check_cas_digit(cas: str) -> bool:
    """The CAS check digit: the weighted sum of the other digits (weights 1, 2, 3 ... from the right) mod 10."""
    digits = re.sub(r"\D", "", cas).lstrip("0")
    if len(digits) < 5:
        return False
    body, check = digits[:-1], int(digits[-1])
    return sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10 == check


def load_entries() -> list[Entry]:
    with WATCHLIST_CSV.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["tier"] == "scheduled"]
    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with NAMES_EU_CSV.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            bucket = names[r["entry_id"]][r["language"]]
            if r["name"] not in bucket:
                bucket.append(r["name"])
    salts: dict[str, list[str]] = defaultdict(list)
    salt_smiles: dict[str, list[str]] = defaultdict(list)
    with SALT_FORMS_CSV.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["cas"] not in salts[r["entry_id"]]:
                salts[r["entry_id"]].append(r["cas"])
            if r["smiles"] and r["smiles"] not in salt_smiles[r["entry_id"]]:
                salt_smiles[r["entry_id"]].append(r["smiles"])
    return [
        Entry(
            id=r["id"],
            category=r["category"],
            name=r["name"],
            synonyms=[s.strip() for s in r["synonyms"].split(";") if s.strip()],
            cas=r["cas"].strip(),
            smiles=r["smiles"].strip(),
            names=names.get(r["id"], {}),
            salt_cas=salts.get(r["id"], []),
            salt_smiles=salt_smiles.get(r["id"], []),
            cn_scope=tuple(c.strip() for c in (r["cn_code"] or r["cn_code_inferred"]).split(";") if c.strip())
            if r["match_rule"].startswith("cn_scope:")
            else (),
        )
        for r in rows
    ]


def spell_cas(cas: str) -> dict[str, str]:
    """The spellings of one CAS number ("103-79-7"), by form class."""
    a, b, c = cas.split("-")
    return {
        "plain": cas,
        "no_hyphens": f"{a}{b}{c}",
        "spaces": f"{a} {b} {c}",
        "en_dash": f"{a}\u2013{b}\u2013{c}",
        "em_dash": f"{a}\u2014{b}\u2014{c}",
        "dots": f"{a}.{b}.{c}",
        "leading_zeros": f"{a.zfill(7)}-{b}-{c}",
        "leading_zeros_no_hyphens": f"{a}{b}{c}".zfill(10),
        "prefix_cas": f"CAS {cas}",
        "prefix_cas_no": f"CAS No. {cas}",
        "prefix_cas_nr": f"CAS-Nr. {cas}",
        "prefix_colon": f"CAS: {cas}",
        "prefix_hash": f"CAS# {cas}",
        "prefix_cas_rn": f"CAS RN {cas}",
        "prefix_n_cas": f"N\u00b0 CAS {cas}",
        "multi_first": f"{cas}; {WATER_CAS}",
        "multi_second": f"{ETHANOL_CAS}, {cas}",
        "multi_slash": f"{WATER_CAS} / {cas}",
    }


def misread_cas_by_ocr(cas: str) -> str | None:
    """The CAS number with its zeros read as the letter O and its ones as I in the digit groups before the
    check digit, as optical character recognition misreads them; None when it has neither digit there."""
    head, middle, check = cas.split("-")
    misread = f"{head.replace('0', 'O').replace('1', 'I')}-{middle.replace('0', 'O').replace('1', 'I')}-{check}"
    if misread == cas or not any(c.isdigit() for c in misread.split("-")[0]) or not any(
        c.isdigit() for c in misread.split("-")[1] + check
    ):
        return None
    return misread


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("ß", "ss").replace("ł", "l").replace("Ł", "L")


# Languages whose ä and ö are letters of their own: a Swedish, Finnish or Estonian (ä, ö, ü, õ) name
# typed without them drops the dots ("no_accents"), it is not spelled with ae/oe/ue as German is.
NO_UMLAUT_PAIRS = ("sv", "fi", "et")


def vary_name(name: str, language: str = "") -> dict[str, str]:
    """Case, accent, punctuation and spacing variants of one name, and the grade and packaging words."""
    out = {"as_listed": name, "upper": name.upper(), "lower": name.lower()}
    if strip_accents(name) != name:
        out["no_accents"] = strip_accents(name)
    # German written without umlauts, as German keyboards-less systems do: ä -> ae ("Phenylessigsaeure")
    transliterated = name
    for umlaut, pair in UMLAUTS.items():
        transliterated = transliterated.replace(umlaut, pair)
    if transliterated != name and language not in NO_UMLAUT_PAIRS:
        out["umlaut_as_e"] = transliterated
    punct = re.sub(r"[-,'()\[\]]+", " ", name)
    punct = re.sub(r"\s+", " ", punct).strip()
    if punct != name:
        out["punct_as_space"] = punct
    upper_plain = strip_accents(name).upper()
    if upper_plain != out["upper"]:
        out["upper_no_accents"] = upper_plain
    if "-" in name:
        out["en_dashes"] = name.replace("-", "\u2013")
    out["extra_spaces"] = "  " + re.sub(r" ", "  ", name) + " "
    out["trailing_dot"] = name + "."
    out["quoted"] = f'"{name}"'
    for label, template in GRADE_WORDS.items():
        out[f"grade:{label}"] = template.format(name)
    return out


def latin_genitive(title: str) -> str | None:
    """The base's genitive in a Latin title of a salt, its first word ("Ephedrini hydrochloridum" ->
    "Ephedrini"); None for a one-word title ("Pseudoephedrinium"). Written apart from the engine's
    own reading (chemistry/identifiers.py find_latin_genitive), which these forms test."""
    words = title.split()
    if len(words) == 2 and words[1].lower() in ("chlorati", "chloratum"):
        # the older title by the base's cation ("Ephedrinii chlorati", "Ephedrinium chloratum"): the
        # base's genitive is the cation's stem with "-i" ("Ephedrini"), which other salts' titles use
        stem = words[0][:-2] if words[0].lower().endswith("ii") else words[0][:-3]
        return stem + "i"
    return words[0] if len(words) >= 2 and words[0].lower().endswith("i") else None


def organic(mol: Chem.Mol) -> bool:
    return any(a.GetSymbol() == "C" for a in mol.GetAtoms())


def salt_suffixes(entry: Entry, mol: Chem.Mol | None) -> dict[str, str]:
    """The salt and hydrate words that make chemical sense for the entry (and that the law covers:
    Category 3 covers no salts of hydrochloric or sulphuric acid)."""
    if mol is None or not organic(mol):
        return {}
    out = {"monohydrate": "{} monohydrate"}
    if mol.HasSubstructMatch(BASIC_NITROGEN):
        out |= {"hydrochloride": "{} hydrochloride", "hcl": "{} HCl", "sulphate": "{} sulphate"}
    if mol.HasSubstructMatch(CARBOXYLIC_ACID):
        out["sodium_salt"] = "{} sodium salt"
    return out


def spell_smiles(mol: Chem.Mol, rng: random.Random) -> dict[str, str]:
    out = {"smiles:listed": Chem.MolToSmiles(mol)}
    kek = Chem.Mol(mol)
    try:
        Chem.Kekulize(kek, clearAromaticFlags=True)
        kekule = Chem.MolToSmiles(kek, kekuleSmiles=True)
        if kekule != out["smiles:listed"]:
            out["smiles:kekule"] = kekule
    except Chem.KekulizeException:
        pass
    explicit = Chem.MolToSmiles(Chem.AddHs(mol))
    if explicit not in out.values():
        out["smiles:explicit_h"] = explicit
    seen = set(out.values())
    for i in range(RANDOM_SPELLINGS * 4):
        if sum(1 for k in out if k.startswith("smiles:random")) >= RANDOM_SPELLINGS:
            break
        Chem.rdBase.SeedRandomNumberGenerator(rng.randrange(1 << 30))
        spelled = Chem.MolToSmiles(mol, doRandom=True)
        if spelled not in seen:
            seen.add(spelled)
            out[f"smiles:random#{i}"] = spelled
    return out


def generate_forms() -> tuple[list[Form], dict[str, int]]:
    """The forms (deduplicated by kind and value) and, per class, how many entries it could not apply to."""
    RDLogger.DisableLog("rdApp.*")
    rng = random.Random(SEED)
    entries = load_entries()
    forms: dict[tuple[str, str, str], Form] = {}
    not_applicable: dict[str, int] = defaultdict(int)

    def add(form_class: str, kind: str, value: str, entry: Entry, cas: str = "") -> None:
        # A structure identifier alone names one substance, which heading 3003 (medicaments of two or more
        # constituents mixed together) does not hold (chemistry/matching.py match_cn_scope): the product's
        # structure forms are declared under its measured-doses heading (3004), its names under the first code.
        scope = entry.cn_scope
        doses = [c for c in scope if c.startswith("3004")]
        cn_code = ((doses or scope)[0] if kind in ("smiles", "inchi", "cas") else scope[0]) if scope else ""
        form = forms.setdefault((kind, value, cn_code), Form(form_class, kind, value, cn_code))
        form.entries.add(entry.id)
        if cas:
            form.cas_numbers.add(cas)

    def add_structures(entry: Entry, mol: Chem.Mol | None) -> None:
        if mol is None:
            not_applicable["smiles"] += 1
            not_applicable["inchi"] += 1
            return
        for label, value in spell_smiles(mol, rng).items():
            add(label.split("#")[0], "smiles", value, entry)
        inchi = Chem.MolToInchi(mol)
        if inchi:
            add("inchi", "inchi", inchi, entry)
            if not entry.cn_scope:
                # typed into the name field, as a system with one free-text field stores it (twenty-first
                # session): without its "InChI=" prefix, and as the InChIKey alone
                add("name:inchi_no_prefix", "name", inchi.removeprefix("InChI="), entry)
                add("name:inchikey", "name", Chem.InchiToInchiKey(inchi), entry)
        else:
            not_applicable["inchi"] += 1

    cas_classes = list(spell_cas("1-1-1")) + ["comment_name", "comment_grade"]
    for entry in entries:
        mol = Chem.MolFromSmiles(entry.smiles) if entry.smiles else None
        # --- CAS numbers
        if entry.cas:
            for label, value in spell_cas(entry.cas).items():
                add(f"cas:{label}", "cas", value, entry, entry.cas)
            add("cas:comment_name", "cas", f"{entry.cas} ({entry.name})", entry, entry.cas)
            add("cas:comment_grade", "cas", f"{entry.cas} (99 %, technical grade)", entry, entry.cas)
            # as optical character recognition reads a scanned invoice: the letter O for each zero, I for each one
            if misread := misread_cas_by_ocr(entry.cas):
                add("cas:ocr_letters", "cas", misread, entry, entry.cas)
            else:
                not_applicable["cas:ocr_letters"] += 1
        else:
            for label in [*cas_classes, "ocr_letters"]:
                not_applicable[f"cas:{label}"] += 1
        if entry.salt_cas:
            for cas in entry.salt_cas:
                add("salt_cas:plain", "cas", cas, entry, cas)
                add("salt_cas:no_hyphens", "cas", cas.replace("-", ""), entry, cas)
        else:
            not_applicable["salt_cas:plain"] += 1
            not_applicable["salt_cas:no_hyphens"] += 1
        # the salt's structure as salt_forms.csv records it (PubChem's SMILES), and its InChI
        for smiles in entry.salt_smiles:
            add("salt_smiles", "smiles", smiles, entry)
            salt = Chem.MolFromSmiles(smiles)
            if salt is not None and (inchi := Chem.MolToInchi(salt)):
                add("salt_inchi", "inchi", inchi, entry)
        if not entry.salt_smiles:
            not_applicable["salt_smiles"] += 1
            not_applicable["salt_inchi"] += 1
        # --- names: the listed name, each synonym, each sourced name per language. An entry confined to
        # goods of some CN headings (Category 4) is named by a legal description of a class of goods
        # ("Medicinal products ... containing ephedrine or its salts"), not a substance name a trader
        # declares with grades, salts or a hydrate: its name classes do not apply (its substance's names
        # are the Category 1 entry's forms).
        if entry.cn_scope:
            for label in NAME_CLASS_FAMILIES:
                not_applicable[label] += 1
            add_structures(entry, mol)
            continue
        bases = [("en", entry.name)] + [("synonym", s) for s in entry.synonyms]
        for lang in LANGUAGES:
            langs = entry.names.get(lang, [])
            if not langs:
                not_applicable[f"name:{lang}"] += 1
            bases += [(lang, n) for n in langs]
        for base, name in bases:
            for variant, value in vary_name(name, base).items():
                add(f"name:{base}:{variant}", "name", value, entry)
        if entry.cas:
            add("name:cas_comment", "name", f"{entry.name} (CAS {entry.cas})", entry)
        else:
            not_applicable["name:cas_comment"] += 1
        for syn in entry.synonyms:
            add("name:bracket_synonym", "name", f"{entry.name} ({syn})", entry)
            add("name:bracket_name", "name", f"{syn} ({entry.name})", entry)
        if not entry.synonyms:
            not_applicable["name:bracket_synonym"] += 1
        # --- salt and hydrate names through the parent's English names
        suffixes = salt_suffixes(entry, mol)
        for label in ("monohydrate", "hydrochloride", "hcl", "sulphate", "sodium_salt"):
            if label not in suffixes:
                not_applicable[f"salt_name:{label}"] += 1
        for label, template in suffixes.items():
            for name in [entry.name, *entry.synonyms]:
                add(f"salt_name:{label}", "name", template.format(name), entry)
                # with a pharmacopoeia mark after the salt word, as medicines' salts are sold
                add(f"salt_name:{label}:usp", "name", template.format(name) + " USP", entry)
        # German salt names are one word ("Ephedrinhydrochlorid", "Pseudoephedrinsulfat")
        for label, suffix in (("hydrochloride", "hydrochlorid"), ("sulphate", "sulfat")):
            if label in suffixes:
                for name in entry.names.get("de", []):
                    add(f"salt_name:de:{label}", "name", name + suffix, entry)
            else:
                not_applicable[f"salt_name:de:{label}"] += 1
        # A Latin title of another salt: the genitive of a sourced Latin title with another salt word
        # read in such titles ("Ephedrini sulfas" from "Ephedrini hydrochloridum")
        genitives = [g for g in map(latin_genitive, entry.names.get("la", [])) if g]
        if genitives and "sulphate" in suffixes:
            for genitive in genitives:
                add("salt_name:la:sulfas", "name", f"{genitive} sulfas", entry)
                add("salt_name:la:maleas", "name", f"{genitive} maleas", entry)
        else:
            not_applicable["salt_name:la:sulfas"] += 1
            not_applicable["salt_name:la:maleas"] += 1
        add_structures(entry, mol)
    # A drawing without the stereochemistry of a stereo-defined entry: a flat drawing is of each listed
    # stereoisomer of that constitution (ephedrine and pseudoephedrine, the four chloroephedrines),
    # identified when it is named as any of them.
    flat_of = {}
    for entry in entries:
        mol = Chem.MolFromSmiles(entry.smiles) if entry.smiles and not entry.cn_scope else None
        if mol is not None:
            flat_of[entry.id] = (
                Chem.MolToSmiles(mol, isomericSmiles=False),
                Chem.MolToSmiles(mol) != Chem.MolToSmiles(mol, isomericSmiles=False),
            )
    by_id = {e.id: e for e in entries}
    for _entry_id, (flat, stereo) in flat_of.items():
        if not stereo:
            not_applicable["smiles:flat"] += 1
            continue
        for other_id, (other_flat, _) in flat_of.items():
            if other_flat == flat:
                add("smiles:flat", "smiles", flat, by_id[other_id])
    return list(forms.values()), dict(not_applicable)


@dataclass(slots=True)
class Outcome:
    form: Form
    identified: bool
    severity: str
    found: tuple[str, ...]


def screen_forms(forms: list[Form]) -> list[Outcome]:
    """Screen each form as one goods item through the evaluation's path, in one process."""
    from chemistry.watchlist import load_watchlist
    from devtools.evaluation import Row, row_event
    from pipeline.screening import Screener
    from pipeline.settings import Settings

    screener = Screener(load_watchlist(), Settings.from_env())
    outcomes = []
    for i, form in enumerate(forms):
        row = Row(f"pf{i}", form.kind, form.value, form.cn_code, "", "info", form.form_class)
        event = row_event(row)
        verdict = screener.screen_item(event, event.items[0])
        exact = tuple(f.entry.entry.id for f in verdict.findings if f.method == "exact" and f.entry is not None)
        scheduled = any(s.code == "SCHEDULED_SUBSTANCE" for s in verdict.signals)
        identified = scheduled and verdict.severity is not None and bool(form.entries.intersection(exact))
        outcomes.append(Outcome(form, identified, verdict.severity or "none", exact))
    return outcomes


def tally(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """Per form class: (identified, forms)."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        table[o.form.form_class][0] += o.identified
        table[o.form.form_class][1] += 1
    return {k: (v[0], v[1]) for k, v in table.items()}


def overall(outcomes: list[Outcome]) -> tuple[int, int]:
    counted = [o for o in outcomes if o.form.form_class not in EXEMPT]
    return sum(o.identified for o in counted), len(counted)


def _printable(text: str) -> str:
    return text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.declared_forms", description=__doc__.split("\n")[0])
    parser.add_argument("--misses", type=int, default=40, help="list at most this many misses (default 40)")
    args = parser.parse_args(argv)
    forms, not_applicable = generate_forms()
    outcomes = screen_forms(forms)
    table = tally(outcomes)
    entries = len({e for f in forms for e in f.entries})
    print(f"Declared forms of {entries} scheduled entries: {len(forms)} forms in {len(table)} classes")
    print(f"  {'form class':40s} {'identified':>10s} {'forms':>6s} {'share':>7s}  n/a")
    for cls in sorted(table):
        ok, n = table[cls]
        # a name class counts the entries without a name of its language (name:de for name:de:upper)
        na = not_applicable.get(cls, not_applicable.get(":".join(cls.split(":")[:2]), 0))
        mark = "  (exempt)" if cls in EXEMPT else ""
        print(f"  {cls:40s} {ok:10d} {n:6d} {ok / n:7.1%} {na:4d}{mark}")
    skipped = sorted(not_applicable.items())
    print("  classes skipped for entries they cannot apply to (entries): " + ", ".join(f"{k} {v}" for k, v in skipped))
    ok, n = overall(outcomes)
    print(f"Overall (exempt classes left out): {ok}/{n} identified ({ok / n:.2%})")
    for cls, reason in EXEMPT.items():
        print(f"  exempt {cls}: {reason}")
    misses = [o for o in outcomes if not o.identified and o.form.form_class not in EXEMPT]
    for o in misses[: args.misses]:
        print(
            f"  MISS {o.form.form_class}: {o.form.kind} {_printable(o.form.value)!r} "
            f"({'/'.join(sorted(o.form.entries))}): got {o.severity}, exact {list(o.found)}"
        )
    if len(misses) > args.misses:
        print(f"  ... and {len(misses) - args.misses} more misses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
