"""Trivial names with ring substituents: "3-fluoromethamphetamine", "3-fluorometamfetamina" (Polish),
"4-Fluoramphetamin" (German), "3-MeO-PCP", "para-chloroamphetamine", "4'-methylpropiophenone".

Unlisted members of the controlled drug classes are named the way their listed relatives are, with a
substituent and its ring position put before the listed name, in any language of the listed name. No
source lists such a name and OPSIN does not read trivial names, so before this reading they resolved
nothing, and the drug class that would have caught the structure never saw it.

The reading builds the structure: the base name is looked up as any declared name is (the watchlist's
names in every language), and the substituents are put on the base's benzene ring at the positions
the locants give, counted from the carbon that carries the rest of the molecule (1) round the ring.
It is trusted only where that numbering is the names' convention:

- an unprimed locant ("3-fluoro") or ortho/meta/para, only on a controlled drug whose benzene ring
  carries a carbon side chain or a carbocycle (amphetamines, cathinones, alpha-PVP, PCP): "4-methylaminorex"
  numbers aminorex's oxazoline ring, "3-methylthiofentanyl" the piperidine of an anilide and
  "2-bromopropiophenone" the chain, so names of other bases with an unprimed locant are not read;
- a primed locant ("4'-methyl"), which names the ring whatever the base, on any listed entry;
- ortho/meta/para (or o-/m-/p-) on a fentanyl-class base, on the benzene ring of its anilide, as the
  analogues' names put them ("ortho-methylacetylfentanyl", "para-fluorobutyrfentanyl"), whatever other
  benzene ring the base has; numbers are not read so ("3-methylfentanyl" is the piperidine's);
- and only when the base has exactly one benzene ring with exactly one substituent (or the anilide's
  ring has only the nitrogen), each position named carries a hydrogen, and no position is named twice.

Failures are values (``None`` from ``read_ring_substituents`` and ``add_ring_substituents``): a name
that does not have this shape, or a base the positions cannot go on, is simply not read this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdkit import Chem

from chemistry.identifiers import fold_accents, fold_dashes

# Substituent words as the names of the Union's languages spell them (accents folded), and the
# abbreviations of drug-market names ("3-MeO-PCP", "4-F-PVP"), each with its group's SMILES, the atom
# bound to the ring first.
_SUBSTITUENT_WORDS: dict[str, str] = {
    **dict.fromkeys(("fluoro", "fluor"), "F"),
    **dict.fromkeys(("chloro", "chlor", "cloro", "kloro", "klor"), "Cl"),
    **dict.fromkeys(("bromo", "brom"), "Br"),
    **dict.fromkeys(("iodo", "jodo", "jod", "iod"), "I"),
    **dict.fromkeys(("methyl", "metil", "metyl", "methyyli", "metyyli"), "C"),
    **dict.fromkeys(("ethyl", "etil", "etyl", "etyyli"), "CC"),
    **dict.fromkeys(("methoxy", "metoxi", "metossi", "metoksy", "methoxi", "metoxy"), "OC"),
    **dict.fromkeys(("ethoxy", "etoxi", "etossi", "etoksy"), "OCC"),
    **dict.fromkeys(("trifluoromethyl", "trifluormethyl", "trifluorometil", "trifluorometyl"), "C(F)(F)F"),
    **dict.fromkeys(("methylthio", "methylsulfanyl", "metiltio"), "SC"),
    **dict.fromkeys(("hydroxy", "idrossi", "hidroxi", "hydroksy"), "O"),
    **dict.fromkeys(("nitro",), "[N+](=O)[O-]"),
}
_SUBSTITUENT_ABBREVIATIONS: dict[str, str] = {
    "f": "F",
    "cl": "Cl",
    "br": "Br",
    "i": "I",
    "me": "C",
    "et": "CC",
    "meo": "OC",
    "eto": "OCC",
    "cf3": "C(F)(F)F",
    "ho": "O",
    "oh": "O",
}
_NAMED_POSITIONS = {"ortho": "2", "o": "2", "meta": "3", "m": "3", "para": "4", "p": "4"}
_MULTIPLIERS = {"di": 2, "tri": 3, "bis": 2}

_WORDS = "|".join(sorted((re.escape(w) for w in _SUBSTITUENT_WORDS), key=len, reverse=True))
_ABBREVIATIONS = "|".join(sorted((re.escape(a) for a in _SUBSTITUENT_ABBREVIATIONS), key=len, reverse=True))
# One substituent group at the front of the name: locants (2-6, primed or not, or ortho/meta/para),
# a hyphen, an optional multiplier and the substituent, as a word run into what follows (the "tri" of
# "trifluoromethyl" is the word's own, not a multiplier: matched as one, the name would be refused)
# ("3-fluoromethamphetamine", "4-Fluor-Amphetamin") or an abbreviation closed by a hyphen ("3-MeO-PCP").
_GROUP_RE = re.compile(
    rf"(?P<locants>[2-6]'?(?:,[2-6]'?)*|ortho|meta|para|[omp])\s*-\s*"
    rf"(?:(?:(?P<multiplier>di|tri|bis)(?!fluorometh|fluormeth))?(?P<word>{_WORDS})\s*-?\s*|(?P<abbreviation>{_ABBREVIATIONS})\s*-\s*)",
    re.IGNORECASE,
)
MAX_SUBSTITUENTS = 4


@dataclass(frozen=True, slots=True)
class RingSubstituents:
    """A name read as substituents on a base name: ``positions`` (ring position, the group's SMILES,
    as written) and the base name they go on; ``primed`` when the locants were primed (4'-)."""

    positions: tuple[tuple[int, str, str], ...]
    base: str
    primed: bool
    named: bool = False  # every locant written ortho/meta/para (or o-/m-/p-), none as a number

    def describe(self) -> str:
        """'3-fluoro, 4-methoxy' as the flag's source says it."""
        return ", ".join(f"{position}-{written}" for position, _, written in self.positions)


def read_ring_substituents(name: str) -> RingSubstituents | None:
    """The ring substituents a name puts before a base name ("3-fluorometamfetamina" -> 3-fluoro on
    "metamfetamina"), or None when the name does not begin so or leaves no base name."""
    # fold_dashes: "3\u2010fluoromethamphetamine" pasted with a typographic hyphen reads as with "-"
    text = fold_dashes(fold_accents(name)).strip()
    positions: list[tuple[int, str, str]] = []
    primes: set[bool] = set()
    named: set[bool] = set()
    while True:
        found = _GROUP_RE.match(text)
        if found is None:
            break
        locants = found["locants"].lower()
        named.add(locants in _NAMED_POSITIONS)
        locants = _NAMED_POSITIONS.get(locants, locants)
        numbers = locants.split(",")
        group = found["word"] or found["abbreviation"]
        smiles = (_SUBSTITUENT_WORDS if found["word"] else _SUBSTITUENT_ABBREVIATIONS).get(group.lower())
        multiplier = _MULTIPLIERS.get((found["multiplier"] or "").lower(), 1)
        if smiles is None or len(numbers) != multiplier:
            return None
        for number in numbers:
            primes.add(number.endswith("'"))
            positions.append((int(number.rstrip("'")), smiles, group))
        if len(positions) > MAX_SUBSTITUENTS:
            return None  # and a hostile name of thousands of groups is not read to its end
        text = text[found.end() :]
    base = text.strip(" -")
    if not positions or len(base) < 3 or len(primes) > 1:
        return None
    if len({position for position, _, _ in positions}) != len(positions):
        return None
    return RingSubstituents(tuple(positions), base, primes == {True}, named == {True})


def _benzene_ring_with_one_substituent(mol: Chem.Mol) -> tuple[list[int], int] | None:
    """The only benzene ring of ``mol`` in ring order from the carbon that carries the rest of the
    molecule, and that rest's atom bound to it; None unless there is exactly one benzene ring and it
    has exactly one substituent."""
    rings = [
        ring
        for ring in mol.GetRingInfo().AtomRings()
        if len(ring) == 6
        and all(mol.GetAtomWithIdx(i).GetSymbol() == "C" and mol.GetAtomWithIdx(i).GetIsAromatic() for i in ring)
    ]
    if len(rings) != 1:
        return None
    ring = set(rings[0])
    outside = [
        (atom, neighbour.GetIdx())
        for atom in rings[0]
        for neighbour in mol.GetAtomWithIdx(atom).GetNeighbors()
        if neighbour.GetIdx() not in ring
    ]
    if len(outside) != 1:
        return None
    first, rest = outside[0]
    return _ring_order(mol, ring, first), rest


# The anilide of a fentanyl-class 4-anilidopiperidine: its benzene ring is the one ortho, meta and para name.
_ANILIDOPIPERIDINE = Chem.MolFromSmarts(
    "[CX3](=O)-[NX3](-c1ccccc1)-[CX4;R1]1-[CX4;R1]-[CX4;R1]-[NX3;R1]-[CX4;R1]-[CX4;R1]-1"
)


def _anilide_ring_of_anilidopiperidine(mol: Chem.Mol) -> tuple[list[int], int] | None:
    """The benzene ring on the amide nitrogen of a fentanyl-class structure, in ring order from the carbon bound to
    that nitrogen, and the nitrogen; None unless there is exactly one such ring and the nitrogen is its only
    substituent. The names of the fentanyl analogues put ortho, meta and para on this ring ("ortho-fluorofentanyl"
    is N-(2-fluorophenyl), "para-fluorobutyrfentanyl" N-(4-fluorophenyl)), whichever other benzene ring they have."""
    rings = {tuple(match[3:9]): match[2] for match in mol.GetSubstructMatches(_ANILIDOPIPERIDINE)}
    rings = {frozenset(ring): nitrogen for ring, nitrogen in rings.items()}
    if len(rings) != 1:
        return None
    ((ring, nitrogen),) = rings.items()
    outside = [
        (atom, neighbour.GetIdx())
        for atom in ring
        for neighbour in mol.GetAtomWithIdx(atom).GetNeighbors()
        if neighbour.GetIdx() not in ring
    ]
    if len(outside) != 1:
        return None
    return _ring_order(mol, set(ring), outside[0][0]), nitrogen


def _ring_order(mol: Chem.Mol, ring: set[int], first: int) -> list[int]:
    """The atoms of a six-membered ring in order round it from ``first``."""
    order = [first]
    previous = None
    while len(order) < 6:
        current = order[-1]
        following = next(
            n.GetIdx()
            for n in mol.GetAtomWithIdx(current).GetNeighbors()
            if n.GetIdx() in ring and n.GetIdx() != previous and n.GetIdx() not in order
        )
        previous = current
        order.append(following)
    return order


def side_chain_is_conventional(mol: Chem.Mol, rest: int) -> bool:
    """Whether the ring's one substituent begins with a carbon outside any ring, or in carbocycles only
    (PCP's cyclohexane): bases whose unprimed locants number the benzene ring by convention. Not a
    nitrogen: an anilide's unprimed locants number its other ring ("3-methylthiofentanyl" is 3-methyl on
    the piperidine, where thiofentanyl's one benzene ring is the anilide's)."""
    atom = mol.GetAtomWithIdx(rest)
    if atom.GetAtomicNum() != 6:
        return False
    if not atom.IsInRing():
        return True
    rings = [r for r in mol.GetRingInfo().AtomRings() if rest in r]
    return all(mol.GetAtomWithIdx(i).GetSymbol() == "C" for r in rings for i in r)


def add_ring_substituents(base_smiles: str, read: RingSubstituents, conventional_only: bool) -> str | None:
    """The SMILES of the base with the substituents on its benzene ring, or None when the base has not
    exactly one benzene ring with one substituent, a position named carries no hydrogen, or (with
    ``conventional_only``, for unprimed locants) the side chain is not one whose names number the ring.
    Locants written ortho/meta/para on a fentanyl-class base go on its anilide ring
    (_anilide_ring_of_anilidopiperidine), as the analogues' names put them."""
    mol = Chem.MolFromSmiles(base_smiles)
    if mol is None:
        return None
    found = _anilide_ring_of_anilidopiperidine(mol) if read.named else None
    if found is None:
        found = _benzene_ring_with_one_substituent(mol)
        if found is None:
            return None
        if conventional_only and not side_chain_is_conventional(mol, found[1]):
            return None
    order, _ = found
    return _put_on_ring(mol, order, read)


def names_anilide_ring(base_smiles: str, read: RingSubstituents) -> bool:
    """Whether ``add_ring_substituents`` puts ``read``'s groups on the anilide's ring of a fentanyl-class base."""
    mol = Chem.MolFromSmiles(base_smiles)
    return read.named and mol is not None and _anilide_ring_of_anilidopiperidine(mol) is not None


def _put_on_ring(mol: Chem.Mol, order: list[int], read: RingSubstituents) -> str | None:
    """The SMILES of ``mol`` with ``read``'s groups on the ring ``order`` (position 1 first)."""
    edited = Chem.RWMol(mol)
    for position, smiles, _ in read.positions:
        if not 2 <= position <= 6:
            return None
        target = order[position - 1]
        if edited.GetAtomWithIdx(target).GetTotalNumHs() < 1:
            return None
        group = Chem.MolFromSmiles(smiles)
        offset = edited.GetNumAtoms()
        for atom in group.GetAtoms():
            new = Chem.Atom(atom.GetAtomicNum())
            new.SetFormalCharge(atom.GetFormalCharge())
            edited.AddAtom(new)
        for bond in group.GetBonds():
            edited.AddBond(offset + bond.GetBeginAtomIdx(), offset + bond.GetEndAtomIdx(), bond.GetBondType())
        edited.AddBond(target, offset, Chem.BondType.SINGLE)
        edited.GetAtomWithIdx(target).SetNumExplicitHs(0)
    try:
        product = edited.GetMol()
        Chem.SanitizeMol(product)
    except (ValueError, RuntimeError):
        return None
    return Chem.MolToSmiles(product)
