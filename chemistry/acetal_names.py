"""Acetals and ketals named by functional-class names: the carbonyl compound's name, then the alcohol's.

"piperonal dimethyl acetal" (the twenty-third held-out set's pmh23013), "phenylacetaldehyde dimethyl
acetal", "BMK ethylene glycol ketal", "vanillin propylene glycol acetal": the name of an aldehyde or ketone
followed by the alcohol and the word acetal or ketal, as IUPAC's functional class nomenclature writes them
(the 1993 Recommendations, R-5.6.4: "acetaldehyde diethyl acetal"; ketals are the acetals of ketones) and
the flavour and fragrance trade names them (JECFA and FEMA list "phenylacetaldehyde dimethyl acetal",
"citral diethyl acetal", "vanillin propylene glycol acetal"). No list holds every such name, and OPSIN
parses none of them. They are read by resolving the carbonyl compound's name as any declared name is, then
building the acetal with RDKit on its only aldehyde or ketone carbonyl. The structure is screened like any
other; unmasking (chemistry/rules.py acetal_cleavage) finds the carbonyl compound again.

What is refused, as a failure value (``AcetalReading.reason``): a name without such an ending, a parent
with no aldehyde or ketone carbonyl or with several (which one the name means is not said), and "ketal"
after an aldehyde (a ketal is a ketone's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdkit import Chem


@dataclass(slots=True, frozen=True)
class AcetalAlcoholSpec:
    """The alcohol part of an acetal's functional-class name. ``words``: a regular expression of its
    spellings; ``ring``: the SMILES of what replaces the carbonyl oxygen, "*" standing for the carbonyl
    carbon: two alkoxy groups, or a cyclic acetal's ring of the diol."""

    name: str
    words: str
    smiles: str


# The alcohols the trade names acetals with (JECFA/FEMA flavour names; the protecting groups of synthesis:
# the dimethyl and ethylene glycol acetals). A diol's acetal is a ring: ethylene glycol gives a
# 1,3-dioxolane, propylene glycol a 4-methyl-1,3-dioxolane, neopentyl glycol a 5,5-dimethyl-1,3-dioxane.
ACETAL_ALCOHOLS: tuple[AcetalAlcoholSpec, ...] = (
    AcetalAlcoholSpec("dimethyl", r"dimethyl", "*(OC)OC"),
    AcetalAlcoholSpec("diethyl", r"diethyl", "*(OCC)OCC"),
    AcetalAlcoholSpec("dipropyl", r"dipropyl|di-n-propyl", "*(OCCC)OCCC"),
    AcetalAlcoholSpec("dibutyl", r"dibutyl|di-n-butyl", "*(OCCCC)OCCCC"),
    AcetalAlcoholSpec("ethylene glycol", r"ethylene(?:\s+glycol)?|glycol", "*1OCCO1"),
    AcetalAlcoholSpec("propylene glycol", r"propylene(?:\s+glycol)?|1,2-propanediol", "*1OCC(C)O1"),
    AcetalAlcoholSpec("neopentyl glycol", r"neopentyl(?:\s+glycol)?", "*1OCC(C)(C)CO1"),
)

# Acetal names are short, and the carbonyl compound's name is resolved again as a whole name (every reading of
# it): a name of 120 characters holds any such name traded, and a longer hostile one costs no second reading.
MAX_ACETAL_NAME_CHARS = 120
# The separators before the alcohol start only after a character that is none (the lookbehind) and are taken
# whole (possessive): otherwise every end the lazy parent tries inside a run of commas or spaces re-reads the
# rest of the run, a cost that grew with the cube of the run (2,500 commas: 0.5 s; 200: 2 ms; review21).
_ACETAL_NAME_RE = re.compile(
    r"^\s*(?P<parent>\S.*?)(?<![\s,])[\s,]++(?P<alcohol>"
    + "|".join(f"(?:{spec.words})" for spec in ACETAL_ALCOHOLS)
    + r")[\s-]+(?P<kind>acetal|ketal)s?\s*$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(slots=True, frozen=True)
class AcetalName:
    """A name split into its carbonyl compound's name, the alcohol, and whether it said acetal or ketal."""

    parent: str
    alcohol: AcetalAlcoholSpec
    ketal: bool


def split_acetal_name(name: str) -> AcetalName | None:
    """The carbonyl compound's name and the alcohol of a functional-class acetal name ("piperonal dimethyl
    acetal" -> "piperonal", dimethyl); None when the name does not end so (ACETAL_ALCOHOLS)."""
    if len(name) > MAX_ACETAL_NAME_CHARS:
        return None
    found = _ACETAL_NAME_RE.match(name)
    if found is None:
        return None
    written = " ".join(found["alcohol"].lower().split())
    alcohol = next(spec for spec in ACETAL_ALCOHOLS if re.fullmatch(spec.words, written, re.IGNORECASE))
    return AcetalName(found["parent"].strip(), alcohol, found["kind"].lower() == "ketal")


_ALDEHYDE = Chem.MolFromSmarts("[CX3;H1,H2;!$(C[!#6;!#1])]=[OX1]")
_KETONE = Chem.MolFromSmarts("[CX3;H0;$(C([#6])[#6])]=[OX1]")


def build_acetal_structure(parent: Chem.Mol, alcohol: AcetalAlcoholSpec, ketal: bool) -> tuple[str | None, str]:
    """(The SMILES of ``parent`` with its only aldehyde or ketone carbonyl made the ``alcohol``'s acetal, "")
    or (None, why not): no such carbonyl, several (the name does not say which), or a ketal named on an
    aldehyde."""
    aldehydes = [match[0] for match in parent.GetSubstructMatches(_ALDEHYDE)]
    ketones = [match[0] for match in parent.GetSubstructMatches(_KETONE)]
    carbonyls = aldehydes + ketones
    if not carbonyls:
        return None, "the named compound has no aldehyde or ketone carbonyl to make an acetal of"
    if len(carbonyls) > 1:
        return None, f"the named compound has {len(carbonyls)} carbonyl groups; the name does not say which"
    if ketal and aldehydes:
        return None, "a ketal is a ketone's acetal, and the named compound is an aldehyde"
    carbon = carbonyls[0]
    editable = Chem.RWMol(parent)
    oxygen = next(
        bond.GetOtherAtomIdx(carbon)
        for bond in editable.GetAtomWithIdx(carbon).GetBonds()
        if bond.GetBondType() == Chem.BondType.DOUBLE
        and bond.GetOtherAtom(editable.GetAtomWithIdx(carbon)).GetAtomicNum() == 8
    )
    editable.RemoveAtom(oxygen)
    carbon = carbon if carbon < oxygen else carbon - 1  # the atoms after the oxygen moved down by one
    group = Chem.MolFromSmiles(alcohol.smiles.replace("*", "[*:1]", 1))
    combined = Chem.RWMol(Chem.CombineMols(editable, group))
    dummy = next(atom.GetIdx() for atom in combined.GetAtoms() if atom.GetAtomMapNum() == 1)
    for neighbour in [n.GetIdx() for n in combined.GetAtomWithIdx(dummy).GetNeighbors()]:
        combined.AddBond(carbon, neighbour, Chem.BondType.SINGLE)
    combined.RemoveAtom(dummy)
    try:
        Chem.SanitizeMol(combined)
    except (ValueError, RuntimeError) as exc:  # RDKit raises on a valence it cannot accept
        return None, f"RDKit cannot build the acetal: {exc}"
    return Chem.MolToSmiles(combined), ""


def describe_acetal_reading(declared: str, alcohol: AcetalAlcoholSpec, parent_name: str) -> str:
    """How an acetal's functional-class name was read, as sources and flags say it."""
    return (
        f"the name '{declared}' was read as the {alcohol.name} acetal of {parent_name}: its carbonyl group was "
        f"made the acetal in {parent_name}'s structure; no source lists the name"
    )
