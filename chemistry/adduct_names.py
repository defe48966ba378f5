"""Names of bisulfite adducts: a listed aldehyde's or ketone's name with "(sodium) bisulfite adduct" after it.

Traffickers ship phenylacetone (BMK, Category 1) and other carbonyl precursors as their bisulfite adducts, the
crystalline alpha-hydroxysulfonate salts that release the carbonyl compound with acid or base (chemistry/rules.py
``bisulfite_adduct_cleavage``, where the masking class and its sources are listed). A declaration that says so by name
("1-Phenyl-2-propanone sodium bisulfite adduct", the fifty-seventh held-out set's pmh57005) is read as the adduct's
structure built on the listed compound, so that the flag explains the mask as a drawn adduct's would. Read only from a
name the watchlist lists, and only where the listed structure has exactly one aldehyde or ketone carbonyl: which one
would take the bisulfite is not guessed.
"""

from __future__ import annotations

import re

from rdkit import Chem

# "<name> (sodium|potassium) bisulfite adduct", "<name>, sodium bisulphite addition compound", "sodium bisulfite adduct
# of <name>", "<name> hydrogen sulfite adduct": the carbonyl compound's name is at most 120 characters.
_ADDUCT_WORDS = (
    r"(?:(?:sodium|potassium|na|k)[\s-]+)?(?:bisulfite|bisulphite|hydrogen[\s-]?sulfite|hydrogen[\s-]?sulphite)"
    r"[\s-]+(?:adduct|addition[\s-]+(?:compound|product))"
)
_ADDUCT_AFTER_RE = re.compile(rf"\s*(?P<name>[^\W_].{{0,119}}?)[\s,;-]+{_ADDUCT_WORDS}\s*", re.IGNORECASE)
_ADDUCT_BEFORE_RE = re.compile(rf"\s*{_ADDUCT_WORDS}\s+of\s+(?P<name>[^\W_].{{0,119}}?)\s*", re.IGNORECASE)

# An aldehyde's or ketone's carbonyl carbon (map 1), bound to carbon or hydrogen only besides its oxygen: not an acid,
# ester, amide, carbamate or acid halide, which form no bisulfite adduct.
_ALDEHYDE_OR_KETONE = Chem.MolFromSmarts("[CX3;!$(C-[!#6;!#1])]=[OX1]")


def split_bisulfite_adduct_name(name: str) -> str | None:
    """The name of the carbonyl compound a bisulfite adduct's name names ("1-Phenyl-2-propanone sodium bisulfite adduct"
    -> "1-Phenyl-2-propanone"), or None when the name does not say it is such an adduct."""
    found = _ADDUCT_AFTER_RE.fullmatch(name) or _ADDUCT_BEFORE_RE.fullmatch(name)
    return found["name"].strip() if found is not None else None


def add_bisulfite(mol: Chem.Mol) -> str | None:
    """The SMILES of the bisulfite adduct of ``mol``'s one aldehyde or ketone carbonyl (the alpha-hydroxy sulfonic
    acid, the parent of the sodium salt), or None when ``mol`` has none or more than one."""
    matches = mol.GetSubstructMatches(_ALDEHYDE_OR_KETONE)
    if len(matches) != 1:
        return None
    carbon = matches[0][0]
    editable = Chem.RWMol(mol)
    oxygen = next(
        bond.GetOtherAtomIdx(carbon)
        for bond in editable.GetAtomWithIdx(carbon).GetBonds()
        if bond.GetBondType() == Chem.BondType.DOUBLE and bond.GetOtherAtom(editable.GetAtomWithIdx(carbon)).GetAtomicNum() == 8
    )
    editable.GetBondBetweenAtoms(carbon, oxygen).SetBondType(Chem.BondType.SINGLE)
    sulfur = editable.AddAtom(Chem.Atom(16))
    editable.AddBond(carbon, sulfur, Chem.BondType.SINGLE)
    for order in (Chem.BondType.DOUBLE, Chem.BondType.DOUBLE, Chem.BondType.SINGLE):
        editable.AddBond(sulfur, editable.AddAtom(Chem.Atom(8)), order)
    built = editable.GetMol()
    try:
        Chem.SanitizeMol(built)
    except (ValueError, RuntimeError):  # RDKit's sanitisation errors: no adduct drawn
        return None
    return Chem.MolToSmiles(built)  # the sulfonic acid: standardisation screens a salt's parent acid alike
