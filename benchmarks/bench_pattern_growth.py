"""How the readers of a declared text grow with it: each hostile shape at two sizes, the time at the larger
over the time at the smaller. Linear readers grow by the sizes' ratio (4); one that tries every start of a run
and reads the rest of it from each grows by its square (16).

    python benchmarks/bench_pattern_growth.py [--size 2000] [--limit 8]

Each case is a reader as the screener calls it (the pattern with the position, end or window it is used with),
on a text of --size and of 4 x --size characters, CPU time of this process, best of five. Exits 1 when a case
grows by more than --limit (between linear, 4, and quadratic, 16), so that a pattern made quadratic again is
seen whatever the machine's speed. The cases are the eighteenth session's attack's leftovers and the nineteenth
session's survey of every module-level pattern of chemistry/identifiers.py and chemistry/resolve.py
(docs/security.md, "Nineteenth session"). Run with PYTHONPATH set to an older tree, it measures that tree's
patterns (the comment and bracket readers as that tree calls them).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chemistry import identifiers, inflected_names, resolve

SIZE_RATIO = 4


def _dose_form_use_after(text: str) -> object:
    # searched, not matched at one dose form's end as find_dose_form does: the pattern itself must be linear
    return identifiers._DOSE_FORM_AS_USE_AFTER_RE.search(text)


def _trailing_cas(text: str) -> object:
    # the whole text, not split_trailing_cas's window of 200 characters: the pattern itself must be linear
    return identifiers._TRAILING_CAS_RE.search(text)


def _bracket_pieces(text: str) -> object:
    if not hasattr(identifiers, "_end_of_last_closing_bracket"):  # a tree before the nineteenth session
        return identifiers._BRACKET_PIECE_RE.findall(text)
    return identifiers._BRACKET_PIECE_RE.findall(text, 0, identifiers._end_of_last_closing_bracket(text))


def _comment_brackets(text: str) -> object:
    if not hasattr(identifiers, "strip_comment_brackets"):  # a tree before the nineteenth session
        return identifiers._COMMENT_BRACKET_RE.sub(" ", text)
    return identifiers.strip_comment_brackets(text)


def _dangerous_goods_particulars(text: str) -> object:
    return identifiers._DG_PARTICULARS_RE.fullmatch(text)


def _stated_constituents(text: str) -> object:
    # the pattern over the whole text: find_stated_constituents reads at most MAX_CLEANED_NAME_CHARS
    if not hasattr(identifiers, "_STATED_CONSTITUENT_RE"):  # a tree before the twenty-fifth session
        return ()
    return identifiers._STATED_CONSTITUENT_RE.findall(text)


def _constituent_list(text: str) -> object:
    # the whole reading, list and cap included, on a waste's description (the cap keeps it bounded at any length)
    if not hasattr(identifiers, "find_stated_constituents"):
        return ()
    return identifiers._NEXT_CONSTITUENT_RE.findall(text) if hasattr(identifiers, "_NEXT_CONSTITUENT_RE") else ()


def _fused_acyl(text: str) -> object:
    from chemistry import protected_names

    return protected_names._FUSED_ACYL_RE.match(text)


def _acetal_name(text: str) -> object:
    from chemistry import acetal_names

    # the pattern itself, not split_acetal_name (which reads 200 characters at most): it must be linear
    return acetal_names._ACETAL_NAME_RE.match(text)


CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    # twenty-first session's review: the acetal name's separators grew with the cube of a run of them
    "acetal name, a run of commas": (_acetal_name, lambda n: "," * n),
    "acetal name, commas and spaces": (_acetal_name, lambda n: ", " * (n // 2) + "x"),
    "acetal name, words and commas": (_acetal_name, lambda n: "a, " * (n // 3) + "dimethyl"),
    # twentieth session's review: each was exponential (2^n ways to split the repeats) before it was fixed
    "dangerous-goods particulars, subsidiary hazards": (
        _dangerous_goods_particulars,
        lambda n: "sub 3 " * (n // 6) + "x",
    ),
    "fused acyl name, hyphenated words": (_fused_acyl, lambda n: "N-acetylephedrine" + "-a" * (n // 2) + "!"),
    "name list split, a run of spaces": (resolve._NAME_LIST_SPLIT_RE.split, lambda n: "a" + " " * n + "x"),
    "name list split, spaces before a semicolon": (resolve._NAME_LIST_SPLIT_RE.split, lambda n: "a" + " " * n + ";"),
    "mixture split, a run of spaces": (resolve._MIXTURE_SPLIT_RE.split, lambda n: "a" + " " * n + "x"),
    "dose form use, a run of spaces": (_dose_form_use_after, lambda n: "tablets" + " " * n + "x"),
    "trailing CAS number, separators": (_trailing_cas, lambda n: "Safrole" + ", " * (n // 2) + "x"),
    "comment brackets, openings only": (_comment_brackets, lambda n: "(" * n + "a"),
    "comment brackets, openings before a word": (_comment_brackets, lambda n: "(" * n + "a)b"),
    "comment brackets, words between openings": (_comment_brackets, lambda n: "a(" * (n // 2)),
    "bracket pieces, openings only": (_bracket_pieces, lambda n: "{" * n + "9"),
    "bracket pieces, openings and one closing": (_bracket_pieces, lambda n: "(" * n + ")" + "(" * n),
    "alternative names, ' or' repeated": (identifiers.split_alternative_names, lambda n: " or" * (n // 3)),
    # twenty-third session's readings (review23 F11): the constituents of a mixture, ERP material numbers and codes
    "mixture constituents, a run of spaces": (identifiers._CONSTITUENT_BREAK_RE.split, lambda n: "a" + " " * n + "x"),
    "mixture word at the end, spaces": (identifiers._MIXTURE_LAST_RE.search, lambda n: "a" + " " * n + "mixtur"),
    "material numbers, a run of digits": (identifiers._MATERIAL_NUMBER_RE.findall, lambda n: "7" * n + "-"),
    "material number labels, spaces": (identifiers._MATERIAL_NUMBER_RE.findall, lambda n: "matnr" + " " * n + "x"),
    "waste noun before its preposition, spaces": (identifiers._CONDITION_RE.findall, lambda n: "dechets" + " " * n + "d"),
    "waste nouns, repeated": (identifiers._CONDITION_RE.findall, lambda n: "residuos de " * (n // 12) + "x"),
    "purity range, a run of digits": (identifiers._PURITY_RANGE_START_RE.search, lambda n: "9" * n + " - 9"),
    "purity range, spaces": (identifiers._PURITY_RANGE_START_RE.search, lambda n: "9" + " " * n + "- 9"),
    "molar concentrations, repeated": (identifiers._MOLAR_CONCENTRATION_RE.findall, lambda n: "1 " * (n // 2) + "x"),
    "pharmacopoeial abbreviation, spaces": (identifiers._REFERENCE_MATERIAL_RE.findall, lambda n: "a" + " " * n + "rs x"),
    "prices, thousands groups": (identifiers._PRICE_RE.findall, lambda n: "1" + ".000" * (n // 4) + ",0"),
    "prices, a currency and spaces": (identifiers._PRICE_RE.findall, lambda n: "eur" + " " * n + "x"),
    "trailing article code, letters and digits": (resolve._TRAILING_CODE_RE.search, lambda n: "ab1234 " * (n // 7) + "!"),
    # twenty-fifth session: the constituents a description states ("contains acetic anhydride approx. 15 %")
    "stated constituent, spaces after the word": (_stated_constituents, lambda n: "contains" + " " * n + "x"),
    "stated constituent, words repeated": (_stated_constituents, lambda n: "with " * (n // 5) + "x"),
    "stated constituent, spaces before a share": (_stated_constituents, lambda n: "contains ab" + " " * n + "5 x"),
    "stated constituent, residue words": (_stated_constituents, lambda n: "with a" + " residues" * (n // 9) + " !"),
    "stated constituents, a list after a share": (_constituent_list, lambda n: "contains a 5 %" + ", b 5 %" * (n // 7)),
    # twenty-sixth session: a purity with the sign first ("%98"), a listing's selling words, an isomer-naming prefix
    "per-cent sign first, repeated": (identifiers._PER_CENT_FIRST_RE.findall, lambda n: "% 9" * (n // 3) + "x"),
    "per-cent sign first, spaces": (identifiers._PER_CENT_FIRST_RE.findall, lambda n: "%" + " " * n + "9"),
    "listing selling words, spaces": (identifiers._NAME_USE_WORDS_RE.search, lambda n: "free" + " " * n + "x"),
    "unlocated substituent, letters": (resolve.UNLOCATED_SUBSTITUENT_RE.search, lambda n: " " + "a" * n + "!"),
    "unlocated substituent, words": (resolve.UNLOCATED_SUBSTITUENT_RE.search, lambda n: " ab" * (n // 3) + "!"),
    # twenty-seventh session: a pharmacy's marks after a medicine's name ("Ritalin SR Ret Tabl 20 mg 100 Stk")
    "medicine marks, spaces after a word": (lambda t: identifiers._MEDICINE_MARK_RE.sub(" ", t), lambda n: "a" + " " * n + "x"),
    "medicine marks, counts repeated": (identifiers._MEDICINE_MARK_RE.findall, lambda n: "a 1" * (n // 3) + " x"),
    "medicine marks, digits and spaces": (identifiers._MEDICINE_MARK_RE.findall, lambda n: "a " + "1 " * (n // 2)),
    # a distributor's labelled product code, and a strength in degrees Baume
    "product code labels run together": (identifiers._PRODUCT_CODE_RE.findall, lambda n: "ref." * (n // 4) + "x"),
    "product code label, spaces": (identifiers._PRODUCT_CODE_RE.findall, lambda n: "sku" + " " * n + "x"),
    "grades, digits before a degree sign": (identifiers._GRADE_RE.findall, lambda n: "1" * n + "o"),
    # twenty-eighth session: a composition's spaced dash, the reagent mark, a purpose word, an oil rich in a substance,
    # the inflected-name reading's stereodescriptors and words
    "spaced dash, a run of spaces": (identifiers._SPACED_DASH_RE.split, lambda n: "a" + " " * n + "x"),
    "reagent mark, spaces before an R": (lambda t: identifiers._REAGENT_MARK_RE.sub(" ", t), lambda n: "a" + " " * n + "Rx"),
    "purpose word, spaces": (identifiers._PURPOSE_WORD_RE.search, lambda n: "a" + " " * n + "fo"),
    "oil rich in, hyphenated words": (resolve._RICH_IN_SUBSTANCE_RE.search, lambda n: "safrole-" * (n // 8) + "rich"),
    "stereodescriptor brackets, numbers": (inflected_names._STEREO_OR_SIGN_RE.search, lambda n: "(" + "1R," * (n // 3)),
    "inflected-name words, hyphens": (inflected_names.compute_stem_key, lambda n: "a-" * (n // 2) + "!"),
    # twenty-ninth session: a description opening with "contains" or "each tablet contains"
    "contains opening, spaces after each": (identifiers._CONTAINS_OPENING_RE.match, lambda n: "each" + " " * n + "x"),
    "contains opening, hyphenated words": (identifiers._CONTAINS_OPENING_RE.match, lambda n: "each " + "a-" * (n // 2)),
    "contains opening, spaces after the word": (identifiers._CONTAINS_OPENING_RE.match, lambda n: "contains" + " " * n),
    # a UN number's particulars after a name, a sea container, a count of packs
    "UN number particulars, spaces": (identifiers._UN_NUMBER_PARTICULARS_RE.findall, lambda n: "UN1090" + " " * n + ","),
    "UN numbers repeated": (identifiers._UN_NUMBER_PARTICULARS_RE.findall, lambda n: "UN1090 3 " * (n // 9)),
    "sea container, spaces": (identifiers._SHIPPING_CONTAINER_RE.findall, lambda n: "1 x" + " " * n + "20"),
    "pack count, spaces": (identifiers._PACK_COUNT_RE.findall, lambda n: "1" + " " * n + "x"),
}


def cpu_time(reader: Callable[[str], object], text: str, repeat: int = 1, rounds: int = 5) -> float:
    """The best of ``rounds`` CPU times of ``repeat`` readings of ``text``, per reading."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(repeat):
            reader(text)
        best = min(best, time.process_time() - started)
    return best / repeat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=2000, help="the smaller text's length (default 2000)")
    parser.add_argument("--limit", type=float, default=8.0, help="the growth above which a case fails (default 8)")
    args = parser.parse_args()
    failed = []
    print(f"{'case':<45} {args.size:>8} chars {args.size * SIZE_RATIO:>8} chars  growth (linear {SIZE_RATIO})")
    for name, (reader, shape) in CASES.items():
        small, large = shape(args.size), shape(args.size * SIZE_RATIO)
        # timer resolution: a reader too fast to time at the smaller size is read in repetitions
        repeat = 1
        while cpu_time(reader, small, repeat, rounds=1) * repeat < 0.01 and repeat < 100_000:
            repeat *= 10
        t_small, t_large = cpu_time(reader, small, repeat), cpu_time(reader, large, repeat)
        growth = t_large / max(t_small, 1e-9)
        mark = "" if growth <= args.limit else "  <- grows faster than linear"
        print(f"{name:<45} {t_small * 1e3:11.3f} ms {t_large * 1e3:11.3f} ms  {growth:5.1f}{mark}")
        if growth > args.limit:
            failed.append(name)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
