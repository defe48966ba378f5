"""Precursor families: generic scaffolds (SMARTS) that catch relatives no list names yet.

Each family carries a weight (its contribution to the flag score, see ``pipeline/scoring.py``) and a
rationale an investigator can read. Weights reflect how much legitimate trade shares the scaffold:
4-anilinopiperidines have almost none, methylenedioxyphenyl-C3 compounds include big fragrance
and insecticide markets (helional, piperonyl butoxide), so a family hit alone is weak evidence there.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdkit import Chem


@dataclass(slots=True, frozen=True)
class FamilySpec:
    id: str
    name: str
    smarts: str
    weight: float
    target: str  # what the family leads to, in words
    rationale: str


FAMILY_SPECS: tuple[FamilySpec, ...] = (
    FamilySpec(
        "FAM-4-ANILINOPIPERIDINE",
        "4-anilinopiperidines and their amides/carbamates",
        "c1ccccc1-[NX3]-[CH1;R1]1-[CH2]-[CH2]-[NX3]-[CH2]-[CH2]-1",
        0.6,
        "fentanyl and its analogues",
        "The 4-anilinopiperidine core (4-AP, 1-boc-4-AP, norfentanyl, ANPP, fentanyl) with any "
        "substitution on either nitrogen: the fentanyl skeleton minus one or two easy steps. "
        "Legitimate trade is limited to licensed pharmaceutical synthesis.",
    ),
    FamilySpec(
        "FAM-4-PIPERIDONE-N-SUBST",
        "N-substituted 4-piperidones",
        "O=[CX3;R1]1-[CH2]-[CH2]-[NX3]-[CH2]-[CH2]-1",
        0.35,
        "NPP/ANPP and fentanyl (Siegfried and Gupta routes)",
        "4-Piperidone is Category 1 since 2025; N-protected or N-alkylated 4-piperidones "
        "(1-boc-, 1-benzyl-, 1-phenethyl-) are one step from it or from NPP.",
    ),
    FamilySpec(
        "FAM-P2P-SKELETON",
        "aryl-2-propanone skeletons and their alpha-acyl/cyano/carboxy derivatives",
        "[c;r6]-[CX4;!R]-[CX3;!R](=O)-[CH3]",
        0.45,
        "amphetamine/methamphetamine (BMK) or MDA/MDMA (PMK)",
        "The phenyl-2-propanone skeleton of BMK with any ring substitution or alpha substituent "
        "(APAA, APAAN, MAPA, EAPA and their ring-substituted analogues).",
    ),
    FamilySpec(
        "FAM-ARYL-METHYLGLYCIDATE",
        "3-aryl-2-methylglycidic acids and esters",
        "[c;r6]-[CH1;R1]1-[OX2;R1]-[CX4;R1]-1(-[CH3])-C(=O)-[OX2]",
        0.55,
        "BMK/PMK and ring-substituted analogues after hydrolysis and decarboxylation",
        "Darzens glycidates with the methyl on the carboxyl-bearing carbon: hydrolysis and "
        "decarboxylation give an aryl-2-propanone. Strawberry aldehyde (methyl on the aryl-bearing "
        "carbon) does not match: it gives 2-phenylpropanal instead.",
    ),
    FamilySpec(
        "FAM-MDP-C3",
        "3,4-methylenedioxyphenyl-C3 skeletons",
        "c1cc2OCOc2cc1-[#6;!R]~[#6;!R]~[#6;!R;!$([#6](~[#6])~[#6])]",
        0.2,
        "PMK, MDA/MDMA",
        "A 1,3-benzodioxole carrying a side chain of exactly three carbons (safrole, isosafrole, PMK, "
        "their glycidates). Also matches fragrances (helional) and insecticide synergists "
        "(piperonyl butoxide): weak on its own. Longer chains (piperine) do not match.",
    ),
    FamilySpec(
        "FAM-ALPHA-HALO-ARYL-KETONE",
        "alpha-halo aryl ketones (alpha-bromopropiophenones and higher)",
        "[c;r6]-[CX3](=O)-[CX4;H1;!R](-[Br,Cl,I])-[CX4]",
        0.45,
        "synthetic cathinones (methcathinone, mephedrone, alpha-PVP)",
        "alpha-Halo-propiophenones and -valerophenones react with methylamine or pyrrolidine to "
        "give cathinones in one step.",
    ),
    FamilySpec(
        "FAM-ARYL-NITROALKENE",
        "aryl-2-nitroalkenes (nitrostyrenes)",
        "[c;r6]-[CH1]=[CX3](-[CX4])-[N+](=O)[O-]",
        0.5,
        "amphetamine/MDA (reduction) or BMK/PMK (Nef hydrolysis)",
        "Henry-reaction products of benzaldehydes with nitroethane: one reduction away from an amphetamine.",
    ),
    FamilySpec(
        "FAM-PHENYLPROPANOLAMINE",
        "1-aryl-2-aminopropan-1-ols and their 1-chloro analogues",
        "[c;r6]-[CX4;H1](-[OX2H1,Cl])-[CX4;H1](-[CH3])-[NX3;H1,H2]",
        0.45,
        "methamphetamine/amphetamine (ephedrine route)",
        "Ephedrine, pseudoephedrine, norephedrine and chloroephedrines with any ring substitution. "
        "Phenylephrine lacks the alpha-methyl and does not match.",
    ),
)


@dataclass(slots=True, frozen=True)
class CompiledFamily:
    spec: FamilySpec
    pattern: Chem.Mol


def compile_families(specs: tuple[FamilySpec, ...] = FAMILY_SPECS) -> tuple[CompiledFamily, ...]:
    out = []
    for spec in specs:
        pattern = Chem.MolFromSmarts(spec.smarts)
        if pattern is None:
            raise ValueError(f"family {spec.id}: invalid SMARTS")
        out.append(CompiledFamily(spec, pattern))
    return tuple(out)
