"""Worst cases of name and CAS-field cleaning (chemistry/identifiers.py): what one hostile goods item
and one event of many such items cost to screen.

    python benchmarks/bench_hostile_names.py [--items 999]

1. Each hostile name (up to MAX_CLEANED_NAME_CHARS: runs of digits, spaces, brackets, dose-form and
   salt words, pack counts...) as name and description of one item, screened alone (wall time, best
   of three; the cleaning patterns of the fifteenth session among them).
2. The slowest of them in every item of one event (``--items``, at most 999 by the schema): the
   event's time budget (event_time_budget_s) must bound it.
3. CAS fields up to MAX_CAS_FIELD_CHARS read by read_declared_cas.

Each round starts cold: a fresh screener and no reading remembered per text (chemistry/text_memo.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chemistry.identifiers import MAX_CAS_FIELD_CHARS, MAX_CLEANED_NAME_CHARS, read_declared_cas
from chemistry.text_memo import clear_text_memos
from chemistry.watchlist import load_watchlist
from pipeline.screening import Screener
from pipeline.settings import Settings
from tests.factories import make_event


def fill(unit: str, size: int = MAX_CLEANED_NAME_CHARS) -> str:
    return (unit * (size // len(unit) + 1))[:size]


HOSTILE_NAMES = {
    "digits": fill("1"),
    "digits and commas": fill("1,"),
    "a run of spaces": "a" + " " * (MAX_CLEANED_NAME_CHARS - 2) + "x",
    "trailing stops": fill(". ")[:-1] + "x",
    "opening brackets": "(" * MAX_CLEANED_NAME_CHARS,
    "bracket pairs": fill("(a) "),
    "synonym groups": fill("x (y) "),
    "nested pairs": fill("((a) b) "),
    "dose-form groups": fill("(tablets) "),
    "pack counts": fill("1 x 1 x "),
    "concentrations": fill("1 mg / 1 "),
    "purity comparators": fill("purity>=1"),
    "2 HCl": fill("2 "),
    "hydrogen maleate": fill("ephedrine hydrogen maleate "),
    "film-coated": fill("film-coated "),
    "dose forms": fill("pseudoephedrine tablets "),
    "isotope label runs": fill("(1h,"),
    "stereo descriptor runs": fill("(1r,"),
    "joined substituents": fill("(a)"),
    "for the": fill("for the "),
    # sixteenth session: the readings tried last (digits for letters, look-alike letters) and the
    # description's head (a second look-up of almost the whole text) multiply a name's cleaning
    "digits between letters": fill("a1"),
    "HC1 runs": fill("HC1 "),
    "look-alike letters": fill("a\u0430"),
    "look-alikes and digits": fill("a\u04301"),
    "digits, then a head": fill("1")[:-3] + ", x",
    "look-alikes and digits, then a head": fill("a\u04301")[:-3] + ", x",
    "CAS index name particulars": fill("a, b-"),
    "Latin titles": fill("Abcdefi hydrochloridum "),
    # eighteenth session: white space shared by a pattern's neighbouring \s* (the trailing CAS number, read
    # on the whole name field, which nothing cuts; the purity and the content as a fraction)
    "a run of 20,000 spaces": "a" + " " * 20000 + "x",
    "purity, then spaces": "purity" + " " * (MAX_CLEANED_NAME_CHARS - 7) + "x",
    "content, then spaces": "content min" + " " * (MAX_CLEANED_NAME_CHARS - 12) + "x",
    # nineteenth session: the eighteenth attack's leftovers (benchmarks/bench_pattern_growth.py has the patterns)
    "' or' over 20,000 characters": " or" * 6667,
    "spaces, then a list separator": "a" + " " * (MAX_CLEANED_NAME_CHARS - 4) + "; x",
    "separators, then a CAS number": "Safrole" + fill(", ", MAX_CLEANED_NAME_CHARS - 15) + "94-59-7",
    "openings before a word": "(" * (MAX_CLEANED_NAME_CHARS - 3) + "a)b",
    # twenty-fourth session: the OCR reading (chemistry/ocr_names.py) respells up to six places in 63 ways, each
    # spelling looked up only when the words it made are words of watchlist names
    "six OCR places in watchlist words": "Fentany1 Pheny1 Methy1 ethy1 perrnanganate pipericline " + fill("x ", 44),
    "six OCR places in watchlist words, long": "Fentany1 Pheny1 Methy1 ethy1 perrnanganate pipericline " + fill("x ", 200),
    "OCR places in a long name": fill("a1 rn cl 0a "),
    # the mangled-text reading (chemistry/mangled_text.py) reads a repaired text again by every reading
    "HTML entities": fill("&amp; a "),
    "mojibake and entities": fill("\u00ce\u00b1 &#945; "),
    # thirty-second session (review33): a description's fields split with white space on both sides of the break
    # in one pattern, quadratic in a run of spaces (chemistry/resolve.py _split_description_at_breaks)
    "a run of 40,000 spaces": "a" + " " * 40000 + "x",
    # thirty-third session: a bracket left open is closed before each hyphen after it (at most eight OPSIN parses),
    # and a German ester of a bracketed alcohol is parsed as the English ester
    "one bracket left open before many hyphens": "N-(" + fill("methyl-", MAX_CLEANED_NAME_CHARS - 3),
    "a German ester of a long bracketed alcohol": "(" + fill("methyl-", MAX_CLEANED_NAME_CHARS - 10) + "yl)acetat",
    # thirty-fourth session: a name nothing read is read again without its isotope labels, without its salt words and
    # in Latin letters (chemistry/resolve.py rewrite_unresolved_name): all three at once, each pass every reading
    "Cyrillic words with salt words and a label": fill("\u0430\u0431\u0432\u0433 sulfat hydrochloride ")[:-4] + "-d3",
    "Cyrillic words in capitals": fill("\u0410\u041b\u042c\u041f\u0420\u0410\u0417\u041e\u041b\u0410\u041c "),
    # thirty-seventh session: a preparation described by many particulars (constituents with their shares and
    # limits, pack, terms, invoice), every reading asking the same pieces again (review36b's slow names)
    "a preparation of many particulars": fill(
        "Zubereitung auf Basis von Polyurethan (H\u00e4rter), enth\u00e4lt Diphenylmethandiisocyanat, Xylol "
        "(Isomerengemisch) < 5 %, Ethylbenzol < 1 %, Toluol < 0,1 %, L\u00f6sungsmittelnaphtha (Erd\u00f6l), "
        "Gebinde 20 l Metallkanister, Lieferung frei Haus, Rechnung Nr. 4711, Ursprungsland Deutschland, "
    ),
}
HOSTILE_CAS = {
    "digits": "1" * MAX_CAS_FIELD_CHARS,
    "opening brackets": "(" * MAX_CAS_FIELD_CHARS,
    "opening braces, then a digit": "{" * (MAX_CAS_FIELD_CHARS - 1) + "9",
    "nested brackets": "(" * (MAX_CAS_FIELD_CHARS // 2) + ")" * (MAX_CAS_FIELD_CHARS // 2),
    "EC comments": fill("(EC 200-578-6, 103-79-7) ", MAX_CAS_FIELD_CHARS),
    "numbers": fill("50-00-0 ", MAX_CAS_FIELD_CHARS),
}


def best_of_three(run) -> float:
    times = []
    for _ in range(3):
        clear_text_memos()  # each round cold: the readings remembered per text are process-wide
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=999)
    args = parser.parse_args()
    settings = Settings.from_env()
    screener = Screener(load_watchlist(), settings)
    screener.screen_event(make_event({"name": "acetone"}))  # warm: imports, caches of the watchlist
    print(f"one item (name and description), best of 3, names of {MAX_CLEANED_NAME_CHARS} characters:")
    timed = {}
    for label, name in HOSTILE_NAMES.items():
        # a fresh screener each time: nothing remembered from the round before
        timed[label] = best_of_three(
            lambda name=name: Screener(screener.watchlist, settings).screen_event(
                make_event({"name": name, "description": name})
            )
        )
    for label, seconds in sorted(timed.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds * 1000:8.1f} ms  {label}")
    worst = max(timed, key=timed.__getitem__)
    name = HOSTILE_NAMES[worst]
    # each item another name of the same kind and length (the screener remembers an item's chemistry)
    items = [{"name": f"{i:04d}{name[4:]}", "description": f"{i:04d}{name[4:]}"} for i in range(args.items)]
    started = time.perf_counter()
    verdicts = Screener(screener.watchlist, settings).screen_event_items(make_event(*items))
    elapsed = time.perf_counter() - started
    unscreened = sum(any(s.code == "SCREENING_BUDGET_EXCEEDED" for s in v.signals) for v, _ in verdicts)
    print(
        f"one event of {args.items} items named '{worst}': {elapsed:.2f} s "
        f"(event budget {settings.event_time_budget_s:g} s; {unscreened} items left unscreened, so said)"
    )
    print(f"CAS fields of {MAX_CAS_FIELD_CHARS} characters, best of 3:")
    for label, field in HOSTILE_CAS.items():
        print(f"  {best_of_three(lambda field=field: read_declared_cas(field)) * 1000:8.1f} ms  {label}")


if __name__ == "__main__":
    main()
