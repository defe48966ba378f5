"""Structure pictures: the highlighted atoms are in the SVG, steps are drawn as reactions."""

from __future__ import annotations

import re

from chemistry.depict import HIGHLIGHT_HEX, depict_reaction, depict_structure, unmasking_steps

NITROPROPENE = "CC(=Cc1ccc2c(c1)OCO2)[N+](=O)[O-]"  # atoms 1, 2, 12-14: the nitroalkene


def highlighted_atoms(svg: str) -> set[int]:
    """Atoms RDKit drew a highlight disc for (an ellipse of the highlight colour, class atom-N)."""
    return {
        int(m)
        for m in re.findall(rf"<ellipse[^>]*class='atom-(\d+)'[^>]*fill:{HIGHLIGHT_HEX}", svg, flags=re.IGNORECASE)
    }


def test_the_structure_is_drawn_with_exactly_the_matched_atoms_highlighted():
    svg, why = depict_structure(NITROPROPENE, [1, 2, 12, 13, 14])
    assert why == ""
    assert svg.startswith("<svg")
    assert highlighted_atoms(svg) == {1, 2, 12, 13, 14}
    assert re.search(rf"class='bond-\d+ atom-1 atom-2'[^>]*fill:{HIGHLIGHT_HEX}", svg, flags=re.IGNORECASE)


def test_without_highlights_nothing_is_highlighted_and_every_atom_is_drawn():
    svg, _ = depict_structure(NITROPROPENE)
    assert highlighted_atoms(svg) == set()
    assert HIGHLIGHT_HEX.lower() not in svg.lower()


def test_indices_outside_the_molecule_are_ignored():
    svg, _ = depict_structure("CCO", [0, 99])
    assert highlighted_atoms(svg) == {0}


def test_an_unreadable_structure_is_a_failure_value():
    svg, why = depict_structure("C1CC(")
    assert svg is None
    assert "could not be read" in why


def test_a_step_is_drawn_as_a_reaction_with_reactant_and_product():
    amine = "CC(N)Cc1ccc2c(c1)OCO2"
    svg, why = depict_reaction(NITROPROPENE, amine)
    assert why == ""
    alone = [depict_structure(s)[0].count("<path") for s in (NITROPROPENE, amine)]
    # Both molecules and the arrow: more strokes than the two molecules drawn on their own.
    assert svg.count("<path") > sum(alone)


def test_unmasking_steps_chain_each_product_into_the_next_step():
    steps = unmasking_steps("A", [{"rule": "r1", "product_smiles": "B"}, {"rule": "r2", "product_smiles": "C"}])
    assert steps == [("r1", "A", "B"), ("r2", "B", "C")]
