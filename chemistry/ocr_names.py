"""Names read from paper by optical character recognition: the characters OCR confuses, put back.

Invoices, packing lists and certificates of analysis are still scanned and read by OCR before a broker keys or
imports them, and OCR confuses a small, known set of shapes: the digit 1 for the letter l ("Fentany1"), the digit 0
for the letter o ("0xycodone", "pr0pan0ne"), "rn" for "m" ("Methamphetarnine", "perrnanganate"), "cl" for "d"
("Pipericline") and a full stop for the comma between locants ("3.4-methylenedioxy"): the thirty-eighth held-out set.
The CAS field's letters for digits are read by chemistry/identifiers.py correct_ocr_cas.

``ocr_respellings`` gives the name with each combination of such places put back, at most MAX_OCR_PLACES of them
(2**6 - 1 spellings), so that a long text is never expanded further; which of them names something is for the
caller (chemistry/resolve.py resolve_ocr_name: exactly one watchlist substance). A digit is put back as a letter only
inside a word, next to letters (never a locant: "1-phenyl", "2,5-dimethoxy").
"""

from __future__ import annotations

import re
from itertools import combinations

MAX_OCR_PLACES = 6
# A longer text is not a name read from paper alone (a name with its particulars is read by the readings before)
MAX_OCR_NAME_CHARS = 100

# (pattern of the confused shape, what it stands for, how the note says it)
_CONFUSIONS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"(?<=[^\W\d_])1"), "l", "1 for l"),
    (re.compile(r"(?<=[^\W\d_])0|0(?=[^\W\d_])"), "o", "0 for o"),
    (re.compile(r"rn", re.IGNORECASE), "m", "rn for m"),
    (re.compile(r"cl", re.IGNORECASE), "d", "cl for d"),
    (re.compile(r"(?<=\d)\.(?=\d[,\-])"), ",", "a full stop for a comma between locants"),
)


def ocr_respellings(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """The name with each non-empty combination of its OCR-confusable places put back, the most places first, and
    what was put back in each; [] when the name has none, more than MAX_OCR_PLACES (too many ways to read it) or
    more than MAX_OCR_NAME_CHARS characters."""
    if len(name) > MAX_OCR_NAME_CHARS:
        return []
    places: list[tuple[int, int, str, str]] = []
    for pattern, meant, said in _CONFUSIONS:
        places.extend((m.start(), m.end(), meant, said) for m in pattern.finditer(name))
    if not places or len(places) > MAX_OCR_PLACES:
        return []
    places.sort()
    if any(a[1] > b[0] for a, b in zip(places, places[1:], strict=False)):
        return []  # overlapping places ("rnl"...): not a shape OCR gives
    spellings: list[tuple[str, tuple[str, ...]]] = []
    for size in range(len(places), 0, -1):
        for chosen in combinations(places, size):
            text, end = [], 0
            for start, stop, meant, _ in chosen:
                text.append(name[end:start])
                text.append(meant.upper() if name[start:stop].isupper() and meant.isalpha() else meant)
                end = stop
            text.append(name[end:])
            spellings.append(("".join(text), tuple(dict.fromkeys(said for *_, said in chosen))))
    return spellings
