"""Glycidic acid's trivial name in a systematic name, rewritten as the oxirane name it stands for.

Glycidic acid is oxirane-2-carboxylic acid (2,3-epoxypropanoic acid). Traders and papers write the
Darzens glycidates of BMK and PMK with the trivial name and locants: "ethyl 2-methyl-3-phenylglycidate"
(BMK ethyl glycidate), "methyl 3-(3,4-methylenedioxyphenyl)-2-methylglycidate" (PMK methyl
glycidate). The locants are those of the propanoic acid the trivial name comes from (C1 the carboxyl
carbon, C2 the ring carbon bearing it, C3 the other ring carbon), which are the oxirane's own ring
locants of the carboxylic-acid name: 2-methyl-3-phenylglycidate IS 2-methyl-3-phenyloxirane-2-carboxylate.
Sources that pair the two forms: the EU's list names BMK glycidic acid "2-methyl-3-phenyloxirane-2-
carboxylic acid" (Del. Reg. (EU) 2020/1737); PubChem files "ethyl 3-phenylglycidate" (CID 8469, CAS
121-39-1) and "ethyl 3-methyl-3-phenylglycidate" (CID 6501, CAS 77-83-8, strawberry aldehyde) with the
synonyms "ethyl 3-phenyloxirane-2-carboxylate" and "ethyl 3-methyl-3-phenyloxirane-2-carboxylate". OPSIN
(2.9.0) knows "glycid" as oxirane-2-carboxylic acid but gives it no locants, so it parses "ethyl glycidate"
and no substituted glycidate; the identifier database has few of them (docs/identification.md,
"Glycidates by their trivial name").

Only substituents that carry locants are rewritten: without them the trivial usage ("ethyl
methylphenylglycidate", strawberry aldehyde, 3-methyl-3-phenyl) and OPSIN's reading of the oxirane name
(lowest locants: 2-phenyl-3-methyl) part ways, and the rewrite would name another substance. Glycidyl
(oxiran-2-ylmethyl, "glycidyl methacrylate") and glycidol are other words and stay as written.
"""

from __future__ import annotations

import re

# A substituent with its locants: "2-methyl", "3,3-dimethyl", "3-(1,3-benzodioxol-5-yl)" (one level of
# nested brackets inside), each followed by a hyphen when another one follows. A plain substituent word
# may name one substituent only (one "yl" ending): "3-methylphenyl" could be a 3-tolyl or a 3-methyl
# with an unlocated phenyl, and is left as written.
_BRACKETED = r"\((?:[^()]|\([^()]*\))*\)"
_PLAIN = r"[a-z]+"
_LOCANTS = r"\d+(?:,\d+)*"
_SUBSTITUENT = rf"{_LOCANTS}-(?:{_BRACKETED}|{_PLAIN})"
# Stereodescriptors before the substituents: "(2R,3S)-", "(±)-", "rac-", "cis-", "trans-".
_STEREO = r"(?:\((?:\d*[RSrs]\*?|[+\-±]|\d*[EZ])(?:,\s*(?:\d*[RSrs]\*?|[EZ]))*\)-|(?:rac|cis|trans)-)"
_GLYCIDIC_WORD_RE = re.compile(
    rf"(?<![\w\-(),])(?P<prefix>{_STEREO}?(?:{_SUBSTITUENT}-?)*)glycid(?P<ending>ates?\b|ic(?=\s+acid\b))",
    re.IGNORECASE,
)
_GLYCIDIC_LEFT_RE = re.compile(r"glycid(?:ates?\b|ic\s+acid\b)", re.IGNORECASE)


def _names_one_substituent_each(prefix: str) -> bool:
    """Whether each plain (unbracketed) substituent word of ``prefix`` names one substituent: one "yl"
    ending at most, so every substituent has its own locant."""
    plain_words = re.findall(rf"(?:^|-){_LOCANTS}-({_PLAIN})", re.sub(_BRACKETED, "(x)", prefix))
    return all(word.lower().count("yl") <= 1 for word in plain_words)


def rewrite_glycidic_name(name: str) -> str | None:
    """``name`` with each glycidic-acid word written as its oxirane name ("ethyl 2-methyl-3-phenylglycidate"
    -> "ethyl 2-methyl-3-phenyloxirane-2-carboxylate", "3-phenylglycidic acid" -> "3-phenyloxirane-2-
    carboxylic acid", "ethyl glycidate" -> "ethyl oxirane-2-carboxylate"); None when the name has no such
    word, or one whose substituents do not all carry locants ("ethyl methylphenylglycidate")."""
    if "glycid" not in name.lower():
        return None
    unlocated = False

    def rewrite(found: re.Match[str]) -> str:
        nonlocal unlocated
        prefix = found["prefix"]
        if not _names_one_substituent_each(prefix):
            unlocated = True
            return found[0]
        ending = found["ending"].lower()
        oxirane = "oxirane-2-carboxylic" if ending == "ic" else f"oxirane-2-carboxyl{ending}"
        return f"{prefix}{oxirane}"

    rewritten = _GLYCIDIC_WORD_RE.sub(rewrite, name)
    # A glycidic word with letters fused before it and no locant ("methylphenylglycidate") is never
    # matched (a match starts only at a word's start) and stays as written: a name with such a word
    # anywhere is not rewritten at all, as one with an unlocated substituent is not.
    if unlocated or rewritten == name or _GLYCIDIC_LEFT_RE.search(rewritten):
        return None
    return rewritten
