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
        "[c;$(c1ccccc1),$(c1sccc1),$(c1cscc1)]-[NX3;H1,$(N-C=O)]-[CX4;R1;H0,H1]1-[CH2]-[CH2]-[NX3]-[CH2]-[CH2]-1",
        0.6,
        "fentanyl and its analogues",
        "The 4-anilinopiperidine core (4-AP, 1-boc-4-AP, norfentanyl, ANPP, fentanyl) with any "
        "substitution on the piperidine nitrogen, ring-substituted or thienyl anilines, and a second "
        "group on C4 (methyl 4-anilinopiperidine-4-carboxylate, the carfentanil route): the fentanyl "
        "skeleton minus one or two easy steps. The aniline nitrogen carries a hydrogen or an acyl "
        "group, as in every fentanyl precursor; an N-benzyl aniline (the antihistamine bamipine) or a "
        "heteroaryl amine (astemizole) does not match. Legitimate trade is limited to licensed "
        "pharmaceutical synthesis; the antiarrhythmic lorcainide (an N-arylacetyl analogue) still "
        "matches and is told apart by the investigator.",
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
        "FAM-ALKOXY-NITROSTYRENE",
        "ring-alkoxylated beta-nitrostyrenes",
        "[CH1](=[CH1]-[$(c1c(O[CX4])ccc(O[CX4])c1),$(c1ccc2OCOc2c1),$(c1cc(O[CX4])c(O[CX4])c(O[CX4])c1)])-[N+](=O)[O-]",
        0.45,
        "2C-x phenethylamines, MDPEA and mescaline (reduction)",
        "2,5-Dialkoxy-, 3,4-methylenedioxy- and 3,4,5-trialkoxy-beta-nitrostyrenes: the Henry products "
        "of the substituted benzaldehydes with nitromethane, reduced to the 2C-x series (2C-H, then "
        "2C-B, 2C-I) or to mescaline. Plain and mono-substituted nitrostyrenes (dyes, fungicide "
        "intermediates) do not match.",
    ),
    FamilySpec(
        "FAM-PHENYLPROPANOLAMINE",
        "1-aryl-2-aminopropan-1-ols and their 1-chloro analogues",
        "c1(-[CX4;H1](-[OX2H1,Cl])-[CX4;H1](-[CH3])-[NX3;H2,$([NH1]-[CH3]),$([NH1]-[CH2]-[CH3])])"
        "[c;!$(c-[OX2H1])][c;!$(c-[OX2H1])][c;!$(c-[OX2H1])][c;!$(c-[OX2H1])][c;!$(c-[OX2H1])]1",
        0.45,
        "methamphetamine/amphetamine (ephedrine route)",
        "Ephedrine, pseudoephedrine, norephedrine and chloroephedrines, also ring-substituted (a "
        "4-fluoroephedrine leads to 4-FMA), with a primary, N-methyl or N-ethyl amine. Phenolic "
        "medicines (the vasopressors metaraminol and oxilofrine, the beta-agonists ritodrine, "
        "isoxsuprine and nylidrin) have a ring hydroxyl or a large N-substituent and do not match; "
        "phenylephrine lacks the alpha-methyl. Methoxamine (2,5-dimethoxy) still matches: it is one "
        "reduction from 2,5-dimethoxyamphetamine.",
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
