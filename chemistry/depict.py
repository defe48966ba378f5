"""Structure pictures (SVG) for the workbench: a molecule with atoms highlighted, and a conversion
step drawn as a reaction.

Pure functions; failures are values: ``(svg, "")`` or ``(None, why)``. The SVG is RDKit's own
(rdMolDraw2D), whose atom and bond elements carry ``class='atom-N'`` and ``class='bond-N'``, so a
highlighted atom can be found in the picture by its index.
"""

from __future__ import annotations

from rdkit import Chem
from rdkit.Chem import rdChemReactions
from rdkit.Chem.Draw import rdMolDraw2D

# A warm colour that reads on white and in greyscale print: the masked or matched site.
HIGHLIGHT_RGB = (1.0, 0.55, 0.2)
HIGHLIGHT_HEX = "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in HIGHLIGHT_RGB))
MAX_PICTURE_ATOMS = 300  # above this a drawing is unreadable and slow to lay out


def depict_structure(
    smiles: str, highlight_atoms: list[int] | tuple[int, ...] = (), width: int = 420, height: int = 300
) -> tuple[str | None, str]:
    """SVG of ``smiles`` with ``highlight_atoms`` (indices in the SMILES' atom order) and the bonds
    between them highlighted; indices outside the molecule are ignored (said in the failure text)."""
    mol = Chem.MolFromSmiles(smiles) if smiles else None
    if mol is None:
        return None, "the structure could not be read"
    if mol.GetNumAtoms() > MAX_PICTURE_ATOMS:
        return None, f"too large to draw ({mol.GetNumAtoms()} atoms)"
    atoms = sorted({a for a in highlight_atoms if 0 <= a < mol.GetNumAtoms()})
    atom_set = set(atoms)
    bonds = [b.GetIdx() for b in mol.GetBonds() if b.GetBeginAtomIdx() in atom_set and b.GetEndAtomIdx() in atom_set]
    drawer = rdMolDraw2D.MolDraw2DSVG(width, height)
    _style(drawer)
    rdMolDraw2D.PrepareAndDrawMolecule(
        drawer,
        mol,
        highlightAtoms=atoms,
        highlightBonds=bonds,
        highlightAtomColors=dict.fromkeys(atoms, HIGHLIGHT_RGB),
        highlightBondColors=dict.fromkeys(bonds, HIGHLIGHT_RGB),
    )
    drawer.FinishDrawing()
    return _clean(drawer.GetDrawingText()), ""


def depict_reaction(
    reactant_smiles: str, product_smiles: str, width: int = 560, height: int = 200
) -> tuple[str | None, str]:
    """SVG of one conversion step: reactant -> product."""
    reactant = Chem.MolFromSmiles(reactant_smiles) if reactant_smiles else None
    product = Chem.MolFromSmiles(product_smiles) if product_smiles else None
    if reactant is None or product is None:
        return None, "the step's structures could not be read"
    if reactant.GetNumAtoms() + product.GetNumAtoms() > MAX_PICTURE_ATOMS:
        return None, "too large to draw"
    reaction = rdChemReactions.ChemicalReaction()
    reaction.AddReactantTemplate(reactant)
    reaction.AddProductTemplate(product)
    drawer = rdMolDraw2D.MolDraw2DSVG(width, height)
    _style(drawer)
    drawer.DrawReaction(reaction)
    drawer.FinishDrawing()
    return _clean(drawer.GetDrawingText()), ""


def unmasking_steps(start_smiles: str, path: list[dict]) -> list[tuple[str, str, str]]:
    """(rule name, reactant SMILES, product SMILES) for each step of an unmasking path: each step
    starts from the previous step's product, the first from the declared structure."""
    steps = []
    current = start_smiles
    for step in path:
        product = str(step.get("product_smiles") or "")
        steps.append((str(step.get("rule") or ""), current, product))
        current = product
    return steps


def _style(drawer: rdMolDraw2D.MolDraw2DSVG) -> None:
    options = drawer.drawOptions()
    options.clearBackground = False  # the page's background shows through (light and dark themes)
    options.addStereoAnnotation = True
    options.bondLineWidth = 2


def _clean(svg: str) -> str:
    # The XML prolog is not allowed where the SVG is inlined into an HTML page.
    return svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg
