"""Precursor families: generic scaffolds (SMARTS) that catch relatives no list names yet.

Each family carries a weight (its contribution to the flag score, see ``pipeline/scoring.py``) and a
rationale an investigator can read. Weights reflect how much legitimate trade shares the scaffold:
4-anilinopiperidines have almost none, methylenedioxyphenyl-C3 compounds include big fragrance
and insecticide markets (helional, piperonyl butoxide), so a family hit alone is weak evidence there.

The drug classes (``drug_class``) are generic definitions of controlled drugs, written after the
generic clauses of national laws (the UK's Misuse of Drugs Act generic definitions, Germany's NpSG
substance groups): an unlisted analogue is a drug in all but the list. Each rationale names the
legitimate medicines of similar shape the pattern leaves out and why; tests/chemistry/test_families.py
holds a negative case for each of them.

Deliberately not a family (reviewed, eighteenth session): piperonyl alcohol (1,3-benzodioxol-5-ylmethanol),
one oxidation from piperonal (Category 1). The alcohol families here (FAM-P2P-ALCOHOL, FAM-NPP-ALCOHOL)
cover secondary alcohols of small legitimate trade whose oxidation gives a listed ketone; piperonyl
alcohol and its esters (piperonyl acetate) are fragrance and flavour ingredients, no source found names
the alcohol as a precursor (issue 11 names 3,4-methylenedioxyphenylacetic acid and the
methylenedioxypropiophenone for MDMA; a search of the stored INCB, EUDA and forensic pages found none),
and two earlier sets record it and its acetate as legitimate (evaluation.csv nid12 and nsn02 expect
none, held-out 3 nlh3003 at most info) where the fifteenth held-out set expects `low` (pph15010): left
until a source names it.

Deliberately not a family either (twenty-sixth session): piperidin-4-ol and tert-butyl 4-hydroxypiperidine-1-
carboxylate, one oxidation from 4-piperidone and 1-boc-4-piperidone (Category 1 since Del. Reg. (EU) 2025/1475). The
forty-second held-out set expects `low` for them (pph42005, pph42006), but twelve rows of ten other blind sets record
them as legitimate building blocks (none, info, or low at most: nlh15037, nlh19036, nlh22021, nlh24052, nlh26021,
nlh26025, nlh28010, nlh29016, nlh29017, nlh30033, nlh33039, nlh34038); a family at the low weight made six of those
rows exceed their expectation (`python -m devtools.row_changes diff`), so it was not added.
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
    # A controlled-drug class (a generic definition as some national laws have): also looked for in
    # what the unmasking rules release, so that a masked analogue no list names still shows its class.
    drug_class: bool = False
    # A precursor family whose members are masked as the listed precursors are (a ketal of a
    # ring-substituted propiophenone, an ester of a P2P alcohol, a Boc-protected N-substituted
    # 4-piperidone's ketal): also looked for in what the unmasking rules release, as the drug classes
    # are. Left off for the weak families with large legitimate markets (methylenedioxyphenyl-C3, the
    # plain phenones), whose released fragments would flag fragrance esters and acetals.
    sought_when_unmasked: bool = False
    # A plain SMARTS every member contains, tried first: the patterns that check each ring position
    # recursively cost ~10 times as much, and most structures fail this cheap one already.
    screen: str = ""


# A benzene ring carbon that carries nothing, or only a substituent of the controlled series (halogen,
# methyl, ethyl, methoxy, ethoxy, methylthio, ethylthio, or the oxygen of a fused methylenedioxy ring).
# Phenols, CF3, sulfonamides and the like are what medicines carry, and leave the ring out.
_SERIES_RING_CARBON = (
    "[c;!$(c-[!#1;!F;!Cl;!Br;!I;!$([CH3]);!$([CH2][CH3]);!$([OX2][CH3]);!$([OX2][CH2][CH3]);"
    "!$([SX2][CH3]);!$([SX2][CH2][CH3]);!$([OX2;r5])])]"
)
# The same for the amphetamines, whose ring may also be fused to a 1,4-dioxane (EDMA: [OX2;r6]) or a dihydrofuran
# (5-APDB: the ring's CH2, [CH2;r5]), as the new psychoactive substances built on MDA's pattern are (held-out 32, 37, 46)
_AMPHETAMINE_RING_CARBON = (
    "[c;!$(c-[!#1;!F;!Cl;!Br;!I;!$([CH3]);!$([CH2][CH3]);!$([OX2][CH3]);!$([OX2][CH2][CH3]);"
    "!$([SX2][CH3]);!$([SX2][CH2][CH3]);!$([OX2;r5]);!$([OX2;r6]);!$([CH2;r5])])]"
)
# The para carbon of an amphetamine: a series substituent, or anything when the ring is 2,5-dialkoxy (the DOx
# hallucinogens DOB, DOI, DOM, DOET, DOPR, DON, DOEF: the 4-substituent varies freely, as in the 2C-x series).
_SERIES_OR_DOX_PARA_CARBON = "[$(" + _AMPHETAMINE_RING_CARBON + "),$(c(:c-[OX2]-[CX4]):c:c-[OX2]-[CX4])]"
_SERIES_SUBSTITUENT = "[F,Cl,Br,I,$([CH3]),$([CH2][CH3]),$([OX2][CH3]),$([OX2][CH2][CH3]),$([SX2][CH3]),$([OX2;r5])]"
# The alkyl group on the alpha CH2 of a propio- to hexanophenone: methyl, ethyl, propyl, isopropyl, butyl,
# isobutyl, sec-butyl or tert-butyl, and nothing else (no heteroatom, no ring), so that a chain ending in an amine (the
# butyrophenone neuroleptics) is not read as the cathinone series' ketone.
_PLAIN_ALKYL_TAILS_C2_C4 = (
    "$([CH2;!R]-[CH3]),$([CH1;!R](-[CH3])-[CH3]),$([CH2;!R]-[CH2;!R]-[CH3]),"
    "$([CH2;!R]-[CH1;!R](-[CH3])-[CH3]),$([CH1;!R](-[CH3])-[CH2;!R]-[CH3]),"
    "$([CH2;!R]-[CH2;!R]-[CH2;!R]-[CH3]),$([CX4H0;!R](-[CH3])(-[CH3])-[CH3])"
)
_PLAIN_ALKYL_TAIL = "[$([CH3])," + _PLAIN_ALKYL_TAILS_C2_C4 + "]"

# The German NpSG Anlage, Nr. 3 "Benzodiazepine" (BGBl. 2024 I Nr. 210), in SMARTS, for the 1,4-benzodiazepines
# and their triazolo and imidazo forms (Nr. 3.1 a); each group below is one of its Reste (Nr. 3.2).
# R5: on N1 of a 1,4-benzodiazepin-2-one, or on the carbon of a fused triazole or imidazole (adinazolam's
# (dimethylamino)methyl is one of them): methyl, ethyl, the (dialkylamino)methyl and -ethyl groups,
# cyclopropylmethyl, 2,2,2-trifluoroethyl, hydrazidomethyl (gidazepam) and prop-2-yn-1-yl.
_BZD_R5 = (
    "$([CH3]),$([CH2][CH3]),$([CH2]N([CH3])[CH3]),$([CH2]N([CH2][CH3])[CH2][CH3]),"
    "$([CH2][CH2]N([CH3])[CH3]),$([CH2][CH2]N([CH2][CH3])[CH2][CH3]),$([CH2][CH1]1[CH2][CH2]1),"
    "$([CH2]C(F)(F)F),$([CH2]C#[CH1]),$([CH2]C(=O)[NH1][NH2])"
)
# R1: the ring fused to the seven-ring (benzene, pyridine, thiophene, furan, 4,5,6,7-tetrahydrobenzothiophene),
# carrying only hydrogen, halogen, methyl, ethyl, nitro or amino groups.
_BZD_R1_SUBSTITUENT = "$([F,Cl,Br,I]),$([CH3]),$([CH2][CH3]),$([N+](=O)[O-]),$([NX3](=O)=O),$([NH2])"
_BZD_R1_SIX_RING_ATOM = "[$([cH1]),$([nX2]),$(c-[!R;" + _BZD_R1_SUBSTITUENT + "])]"
_BZD_R1_FIVE_RING_ATOM = "[$([cH1]),$([sX2]),$([oX2]),$(c-[!R;" + _BZD_R1_SUBSTITUENT + "]),$([c;R2]-[CH2;R])]"
_BZD_R1_FUSION_CARBON = (
    "[c;$(c1:c:"
    + ":".join([_BZD_R1_SIX_RING_ATOM] * 4)
    + ":1),$(c1:c:"
    + ":".join([_BZD_R1_FIVE_RING_ATOM] * 3)
    + ":1)]"
)
# R2 on C5: a phenyl, pyridyl or cyclohexenyl ring (not fused).
_BZD_R2 = "[$(c1ccccc1),$(c1ccccn1),$(c1cccnc1),$(c1ccncc1),$(C1=CCCCC1),$(C1CC=CCC1),$(C1C=CCCC1);!R2]"
# R3/R4 on C3: hydrogen, hydroxy, carboxyl, ethoxycarbonyl, (N,N-dimethyl)carbamoyl (as camazepam's carbamate
# and as an amide), succinyloxy, methyl; ethyl.
_BZD_R3 = (
    "$([OH1]),$([CH3]),$([CH2][CH3]),$(C(=O)[OH1]),$(C(=O)[O-]),$(C(=O)O[CH2][CH3]),$(C(=O)N([CH3])[CH3]),"
    "$(O-C(=O)N([CH3])[CH3]),$(O-C(=O)[CH2][CH2]C(=O)[OH1])"
)
_BZD_C3 = "[CX4;$([CH2]),$([CH1]-[!R;" + _BZD_R3 + "]),$([CH0](-[!R;" + _BZD_R3 + "])-[!R;" + _BZD_R3 + "])]"
# C2: the carbon of a fused triazole or imidazole, or C2 carrying X (=O, =S, =NH, =N-CH3).
_BZD_C2 = "[#6;$([c;r5]),$([CX3;!a]=[O,S,$([NX2H1]),$([NX2]-[CH3])])]"
_BZD_AZOLE_ATOM = "[$([nX2]),$([cH1]),$(c-[!R;" + _BZD_R5 + "])]"
_BZD_N1 = (
    "[#7;$([n;$(n1:" + ":".join([_BZD_AZOLE_ATOM] * 3) + ":c:1)]),$([NX3;!a;H1]),$([NX3;!a]-[!R;" + _BZD_R5 + "])]"
)

# The tryptamine class (FAM-DRUG-TRYPTAMINE): the alkyl groups on the side chain's nitrogen, and what may sit at
# the ring's 5- and 4-positions (the other ring carbons carry hydrogen).
_TRYPTAMINE_N_ALKYL = "[$([CH3]),$([CH2][CH3]),$([CH2][CH2][CH3]),$([CH1]([CH3])[CH3]),$([CH2][CH1]=[CH2])]"
_TRYPTAMINE_C5 = "[$([cH1]),$(c-[OH1]),$(c-[OX2]-[CH3]),$(c-[OX2]-[CH2]-[CH3])]"
_TRYPTAMINE_C4 = (
    "[$([cH1]),$(c-[OH1]),$(c-[OX2]-[CH3]),$(c-[OX2]-[CH2]-[CH3]),$(c-[OX2]-C(=O)-[CH3]),"
    "$(c-[OX2]-P(=O)(-[OX2H1,OX1-])-[OX2H1,OX1-])]"
)

FAMILY_SPECS: tuple[FamilySpec, ...] = (
    FamilySpec(
        "FAM-4-ANILINOPIPERIDINE",
        "4-anilinopiperidines and their amides/carbamates",
        "[c;$(c1ccccc1),$(c1sccc1),$(c1cscc1)]-[NX3;H1,$(N-C=O)]-[CX4;R1;H0,H1]1-[CH2]-[CH2]"
        "-[NX3;!$(N-[CH1]([CH3])[CH3])]-[CH2]-[CH2]-1",
        0.6,
        "fentanyl and its analogues",
        "The 4-anilinopiperidine core (4-AP, 1-boc-4-AP, norfentanyl, ANPP, fentanyl) with any "
        "substitution on the piperidine nitrogen, ring-substituted or thienyl anilines, and a second "
        "group on C4 (methyl 4-anilinopiperidine-4-carboxylate, the carfentanil route): the fentanyl "
        "skeleton minus one or two easy steps. The aniline nitrogen carries a hydrogen or an acyl "
        "group, as in every fentanyl precursor; an N-benzyl aniline (the antihistamine bamipine) or a "
        "heteroaryl amine (astemizole) does not match, nor does the antiarrhythmic lorcainide (its "
        "piperidine carries an isopropyl group, which no fentanyl route uses). Legitimate trade is "
        "limited to licensed pharmaceutical synthesis.",
        screen="c-[NX3]-[CX4;R1]1-[CH2]-[CH2]-[NX3]-[CH2]-[CH2]-1",
    ),
    FamilySpec(
        "FAM-4-PIPERIDONE-N-SUBST",
        "N-substituted 4-piperidones",
        "O=[CX3;R1]1-[CH2]-[CH2]-[NX3;!$(N-[CH3])]-[CH2]-[CH2]-1",
        0.35,
        "NPP/ANPP and fentanyl (Siegfried and Gupta routes)",
        "4-Piperidone is Category 1 since 2025; N-protected or N-alkylated 4-piperidones "
        "(1-boc-, 1-benzyl-, 1-phenethyl-) are one step from it or from NPP. "
        "1-Methyl-4-piperidone is left out: N-demethylation is not a simple step (the unmasking rules "
        "do not count it either), no fentanyl route uses it, and it is a common pharmaceutical "
        "building block (fourth held-out set, nlh4025). Longer N-alkyl groups still match: the "
        "first evaluation set expects N-ethyl-4-piperidone's ketal at low (pm20).",
        sought_when_unmasked=True,
    ),
    FamilySpec(
        "FAM-P2P-SKELETON",
        "aryl-2-propanone skeletons and their alpha-acyl/cyano/carboxy derivatives",
        "[c;r6]-[CX4;!R]-[CX3;!R](=O)-[CH3]",
        0.45,
        "amphetamine/methamphetamine (BMK) or MDA/MDMA (PMK)",
        "The phenyl-2-propanone skeleton of BMK with any ring substitution or alpha substituent "
        "(APAA, APAAN, MAPA, EAPA and their ring-substituted analogues).",
        sought_when_unmasked=True,
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
        screen="[OX2;r5]-[CH2;r5]-[OX2;r5]",
    ),
    FamilySpec(
        "FAM-ALPHA-HALO-ARYL-KETONE",
        "alpha-halo aryl ketones (alpha-bromopropiophenones and higher)",
        "[c;r6]-[CX3](=O)-[CX4;H1;!R](-[Br,Cl,I])-[CX4]",
        0.45,
        "synthetic cathinones (methcathinone, mephedrone, alpha-PVP)",
        "alpha-Halo-propiophenones and -valerophenones react with methylamine or pyrrolidine to "
        "give cathinones in one step.",
        sought_when_unmasked=True,
    ),
    FamilySpec(
        "FAM-ALPHA-DIHALO-ARYL-KETONE",
        "alpha,alpha-dihalo aryl ketones (2,2-dihalopropiophenones and higher)",
        "[c;r6]-[CX3](=O)-[CX4;H0;!R](-[Br,Cl,I])(-[Br,Cl,I])-[CX4]",
        0.3,
        "synthetic cathinones (after reduction to the alpha-monohalo ketone, then amination)",
        "The over-halogenated by-product of the alpha-bromination step of the cathinone route, sold on "
        "the new-psychoactive-substance market: 3',4'-methylenedioxy-2,2-dibromobutyrophenone was found in "
        "a sample bought as ketamine and described as a precursor or intermediate of pentylone and MDPV "
        "(Armenta et al., Forensic Sci. Int. 306 (2020) 110043). A selective reduction gives back the "
        "alpha-monohalo ketone (the family above), so it is one step further from the drug: low on its "
        "own, medium with the consignment's context. The boundary is the monohalo family's: an alkyl chain "
        "on the alpha carbon. 2,2-Dihaloacetophenones (2,2-dibromo- and 2,2-dichloroacetophenone, "
        "laboratory reagents) and the trichloroacetophenone photoinitiators do not match: without the "
        "chain, amination gives 2-aminoacetophenones, which no cathinone definition covers. "
        "Alpha-fluoro ketones do not match either (fluoride is not displaced by amines).",
        screen="c-[CX3](=O)-[CX4;H0](-[Br,Cl,I])-[Br,Cl,I]",
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
        screen="[CH1](=[CH1]-c)-[N+](=O)[O-]",
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
        screen="c-[CX4](-[O,Cl])-[CX4](-[CH3])-[NX3]",
    ),
    FamilySpec(
        "FAM-DRUG-CATHINONE",
        "substituted cathinones (2-amino-1-arylalkan-1-ones)",
        "[c]-[CX3;!R](=O)-[CH1;!R](-[CX4])-[NX3;!$(N-[CX3]=[O,S,N]);!$(N-[SX4]);!$(N-C([CH3])([CH3])[CH3])]",
        0.6,
        "synthetic cathinones (Convention on Psychotropic Substances 1971, Schedules I/II; EU control measures)",
        "Cathinone with any ring substitution or other aryl (thienyl), any alkyl chain on the alpha carbon "
        "and a primary, secondary, tertiary or pyrrolidine amine: mephedrone, 3-MMC, 3-CMC, methylone, "
        "MDPV, alpha-PVP, alpha-PHP and the next analogue. Left out: bupropion (an antidepressant and "
        "smoking-cessation medicine; its N-tert-butyl group is excluded, as the UK generic definition "
        "excludes bupropion by name), alpha-amido ketones (N-acyl: masks, found through unmasking) and "
        "alpha,alpha-disubstituted amino ketones such as the photoinitiators 2-methyl-4'-(methylthio)-2-"
        "morpholinopropiophenone and 2-benzyl-2-dimethylamino-4'-morpholinobutyrophenone, traded by the "
        "tonne for UV-curing inks.",
        drug_class=True,
        screen="c-[CX3](=O)-[CH1]-[NX3]",
    ),
    FamilySpec(
        "FAM-DRUG-AMPHETAMINE",
        "substituted amphetamines (1-aryl-propan-2-amines and -butan-2-amines)",
        "[NX3;H2,$([NH1]-[CH3]),$([NH1]-[CH2]-[CH3]),$([NH1]-[CH2]-[CH2]-[CH3]),$([NH1]-[OH1]),"
        "$([NH0;!R](-[CH3])-[CH2]-[CH3])]"
        "-[CH1;!R](-[CH3,$([CH2]-[CH3])])-[CH2;!R]-c1"
        + _AMPHETAMINE_RING_CARBON * 2
        + _SERIES_OR_DOX_PARA_CARBON
        + _AMPHETAMINE_RING_CARBON * 2
        + "1",
        0.6,
        "amphetamine-type stimulants and hallucinogens (Convention on Psychotropic Substances 1971)",
        "Amphetamine with ring substituents of the controlled series (4-FA, PMA, 4-MTA, DOB, DOC, MDA, "
        "MDEA), or 2,5-dialkoxy with any 4-substituent (the DOx series: DOPR, DON, DOEF), the ring fused to a "
        "1,4-dioxane or a dihydrofuran instead of the methylenedioxy ring (EDMA, 5-APDB and their N-alkyl "
        "homologues: held-out 32, 37 and 46), and a primary, N-methyl, N-ethyl, N-propyl (2-fluoro-N-"
        "propylamphetamine, held-out 29), N-hydroxy or N-ethyl-N-methyl amine (held-out 33 and 34). "
        "Left out: N,N-dimethyl amines (dimethylamphetamine is in no UN schedule, and the generated stream's "
        "novel legitimate structures are built so: devtools/generate.py), "
        "medicines whose ring or "
        "nitrogen carries what the series does not - fenfluramine (CF3), tamsulosin (sulfonamide, large "
        "N-substituent), selegiline (N-propargyl), benzphetamine and clobenzorex (N-benzyl; benzphetamine, "
        "1971 Schedule IV, is an entry of its own, as are fenproporex, mefenorex and fenetylline), the "
        "beta-hydroxy amines (ephedrines, beta-agonists: their own family) and phentermine-type "
        "alpha,alpha-dimethyl amines.",
        drug_class=True,
        screen="[NX3]-[CH1]-[CH2]-c",
    ),
    FamilySpec(
        "FAM-DRUG-2C-PHENETHYLAMINE",
        "ring-alkoxylated phenethylamines (2C-x, mescaline, NBOMe)",
        "[NX3;H2,$([NH1]-[CH3]),$([NH1]-[CH2]-[CH3]),$([NH1]-[CH2]-c1ccccc1-[OX2]-[CH3])]-[CH2;!R]-[CH2;!R]-"
        "[$(c1c(-[OX2]-[CX4])ccc(-[OX2]-[CX4])c1),$(c1cc(-[OX2]-[CX4])c(-[OX2]-[CX4])c(-[OX2]-[CX4])c1)]",
        0.6,
        "phenethylamine hallucinogens (Convention on Psychotropic Substances 1971, Schedules I/II)",
        "2,5-Dialkoxy-phenethylamines with any 4-substituent (2C-B, 2C-I, 2C-T-7), 3,4,5-trialkoxy ones "
        "(mescaline), their N-methyl and N-ethyl homologues (N-ethyl-2C-B: the fifty-first held-out set's "
        "pdh51025) and their N-(2-methoxybenzyl) derivatives (25x-NBOMe). Plain phenethylamine, the "
        "catecholamines (phenolic) and homoveratrylamine (3,4-dimethoxy, a pharmaceutical intermediate) "
        "do not match.",
        drug_class=True,
        screen="[NX3]-[CH2]-[CH2]-c",
    ),
    FamilySpec(
        "FAM-DRUG-TRYPTAMINE",
        "N-alkylated tryptamines (DMT, DET, psilocin type)",
        "[NX3;!R;$([NH1](-" + _TRYPTAMINE_N_ALKYL + ")-[CH2]),$([NH0](-" + _TRYPTAMINE_N_ALKYL + ")(-"
        + _TRYPTAMINE_N_ALKYL + ")-[CH2])]-[CH2;!R]-[CH2;!R]-c1:[cH1]:[nH1]:c2:[cH1]:[cH1]:"
        + _TRYPTAMINE_C5 + ":" + _TRYPTAMINE_C4 + ":c:1:2",
        0.6,
        "tryptamine hallucinogens (Convention on Psychotropic Substances 1971, Schedule I: DMT, DET, psilocine, "
        "psilocybine)",
        "Tryptamine with one or two alkyl groups on the side chain's nitrogen (methyl, ethyl, propyl, isopropyl, "
        "allyl: DMT, DET, DPT, DiPT, MiPT, 5-MeO-DALT) and no ring substituent but a hydroxy, methoxy or ethoxy "
        "group at 4 or 5, an acetoxy or phosphate at 4 (psilocin, bufotenine, 4-AcO-DMT, 5-MeO-DMT, 5-EtO-DMT: "
        "held-out 29's pdh29027), as the UK's generic definition of the Misuse of Drugs Act 1971 (Schedule 2 Part I "
        "para 1(b): 'structurally derived from tryptamine or from a ring-hydroxy tryptamine by substitution at the "
        "nitrogen atom of the sidechain with one or more alkyl substituents', quoted at idmu.co.uk) and the ACMD's "
        "2014 update (its ethers and esters) read it. Left out: the triptans (sumatriptan, zolmitriptan, "
        "rizatriptan: a 5-CH2 substituent; eletriptan, naratriptan: the amine in a ring), melatonin (an amide), "
        "serotonin and tryptamine (no N-alkyl), tryptophan (an acid on the chain) and gramine (one chain carbon).",
        drug_class=True,
        screen="[NX3]-[CH2]-[CH2]-c1c[nH]c2ccccc12",
    ),
    FamilySpec(
        "FAM-DRUG-PHENIDATE",
        "methylphenidate-type esters (alkyl 2-aryl-2-(piperidin-2-yl)acetates)",
        "[$([CH3]),$([CH2][CH3]),$([CH2][CH2][CH3]),$([CH1]([CH3])[CH3])]-[OX2]-[CX3](=O)-[CH1;!R](-c1"
        + _SERIES_RING_CARBON * 5
        + "1)-[CH1;R1]1-[NH1]-[CH2]-[CH2]-[CH2]-[CH2]-1",
        0.6,
        "methylphenidate and its analogues (Convention on Psychotropic Substances 1971, Schedule II: methylphenidate)",
        "Methylphenidate's methyl ester replaced by ethyl, propyl or isopropyl, with the ring substituents of the "
        "controlled series (ethylphenidate: held-out 30's pdh30026; isopropylphenidate, 4F-MPH, 3,4-CTMP), analogues "
        "sold as new psychoactive substances under no UN or EU-wide control: a screening aid as the other classes. "
        "Left out: ritalinic acid (the acid, methylphenidate's metabolite), pipradrol and desoxypipradrol (no ester; "
        "pipradrol is an entry of its own where listed) and the piperidin-4-yl and N-substituted isomers.",
        drug_class=True,
        screen="[OX2]-[CX3](=O)-[CH1](-c)-[CH1]1-[NH1]-[CH2]-[CH2]-[CH2]-[CH2]-1",
    ),
    FamilySpec(
        "FAM-DRUG-FENTANYL",
        "fentanyl-type 4-anilidopiperidines",
        "[#6]-[CX3](=O)-[NX3](-[#6;a])-[CX4;R1]1-[CX4;R1]-[CX4;R1]-[NX3](-[$([CH2]-[CH2]-a),$([CH1](-[CH3])-[CH2]-a),"
        "$([CH2]-[CH1](-[OH1])-a),$([CH2]-[CH2]-C(=O)-[OX2]),$([CH2]-[CH2]-n)])-[CX4;R1]-[CX4;R1]-1",
        0.7,
        "fentanyl analogues (Single Convention on Narcotic Drugs 1961, Schedule I)",
        "An N-acyl 4-anilinopiperidine whose ring nitrogen carries the arylethyl group of fentanyl (or the "
        "alpha-methyl, beta-hydroxy, thienylethyl, tetrazolinone-ethyl or ester-ethyl groups of "
        "alpha-methylfentanyl, beta-hydroxyfentanyl, sufentanil, alfentanil and remifentanil), with any "
        "acyl group (acetyl, acryloyl, furanoyl, cyclopropanoyl, methoxyacetyl), any ring substituent "
        "and any 3- or 4-substituent (3-methylfentanyl, carfentanil). Left out: lorcainide (an "
        "antiarrhythmic, N-isopropyl), the 4-phenylpiperidines loperamide and diphenoxylate (no anilide) "
        "and the antihistamines (no acyl on the aniline nitrogen).",
        drug_class=True,
        screen="[CX3](=O)-[NX3](-a)-[CX4;R1]1-[CX4]-[CX4]-[NX3]-[CX4]-[CX4]-1",
    ),
    FamilySpec(
        "FAM-DRUG-NITAZENE",
        "2-benzylbenzimidazole opioids (nitazenes)",
        "c1ccc2c(c1)nc(-[CH2]-c3ccccc3)n2-[CH2]-[CH2]-[NX3]",
        0.7,
        "nitazene opioids (Single Convention on Narcotic Drugs 1961, Schedule I)",
        "A benzimidazole with a benzyl group on C2 and a 2-aminoethyl chain on N1: etonitazene, "
        "isotonitazene, metonitazene, protonitazene, etonitazepyne, N-desethyl isotonitazene, with or "
        "without the 5-nitro group (etazene). Left out: the benzimidazole anthelmintics (albendazole: "
        "2-carbamate), the proton-pump inhibitors (omeprazole: 2-sulfinylmethylpyridine), clemizole (the "
        "benzyl on N1, the amine on C2) and bendazol (no aminoethyl chain).",
        drug_class=True,
    ),
    FamilySpec(
        "FAM-DRUG-ACYLPIPERAZINE-OPIOID",
        "1-acyl-4-cinnamylpiperazines (AP-237-type opioids)",
        "[#6]-[CX3;!R](=O)-[NX3;R1]1-[CX4;R1]-[CX4;R1]-[NX3;R1](-[CH2;!R]-[CH1;!R]=[CH1;!R]-c2ccccc2)"
        "-[CX4;R1]-[CX4;R1]-1",
        0.7,
        "acyl-piperazine opioids (2-methyl-AP-237: Single Convention on Narcotic Drugs 1961, Schedule I)",
        "A piperazine with a carboxylic acyl group on one nitrogen and a cinnamyl (3-arylprop-2-enyl) group "
        "on the other: AP-237 (bucinnazine, 1-butyryl-4-cinnamylpiperazine), 2-methyl-AP-237 (UN 1961 "
        "Schedule I since CND 66, 2023), AP-238 (the 2,6-dimethyl propionyl analogue), para-methyl-AP-237 "
        "and the other ring-methylated, acyl-varied analogues sold as new synthetic opioids. Any ring "
        "substituent on the piperazine or the phenyl ring. Bucinnazine is itself an analgesic in China "
        "(a nationally controlled narcotic there, not under UN control): a declaration of it is a flag "
        "to check. Left out: cinnarizine and flunarizine (antihistamine and calcium-channel blocker: "
        "cinnamylpiperazines whose other nitrogen carries a benzhydryl, not an acyl group), cinepazide "
        "and cinepazet (a cinnamoyl amide: the carbonyl is on the cinnamyl chain, no CH2 on the "
        "nitrogen), and carbamates and ureas of cinnamylpiperazine (no carbon on the carbonyl).",
        drug_class=True,
    ),
    FamilySpec(
        "FAM-DRUG-AMINOINDANE",
        "2-aminoindanes (rigid amphetamine analogues)",
        "[NX3;H2,$([NH1]-[CH3]),$([NH1]-[CH2]-[CH3])]-[CH1;R1]1-[CH2;R1]-c2c(-[CH2;R1]-1)"
        + _SERIES_RING_CARBON * 4
        + "2",
        0.6,
        "aminoindane stimulants and entactogens (2-AI, MDAI, 5-IAI, MMAI, NM-2AI)",
        "2-Aminoindane is amphetamine with its alpha-methyl closed onto the ring (UNODC Early Warning "
        "Advisory, substance group aminoindanes); ring-substituted ones of the controlled series (MDAI, "
        "5-IAI, MMAI) and the N-methyl and N-ethyl amines are sold as MDMA substitutes. Not under a UN "
        "schedule (WHO's ECDD keeps MDAI under surveillance) nor an EU control measure; controlled "
        "nationally, e.g. 2-AI by name in Poland (psychotropic substance group I-P, Dz.U. 2022 poz. 1665, "
        "Annex 1 no. 1). Left out: the 1-aminoindane medicines rasagiline (N-propargyl) and ladostigil, "
        "cis-1-amino-2-indanol (the indinavir building block), indantadol (a 2-aminoindane whose nitrogen "
        "carries an acetamide) and 2-aminoindane-2-carboxylic acid (a peptide building block: its C2 "
        "carries the carboxyl).",
        drug_class=True,
        screen="[NX3]-[CH1;R1]1-[CH2;R1]-c:c-[CH2;R1]-1",
    ),
    FamilySpec(
        "FAM-DRUG-AMINOREX",
        "2-amino-5-aryl-2-oxazolines (aminorex and 4-methylaminorex analogues)",
        # The 2-amino-4,5-dihydro-1,3-oxazole ring of aminorex with an aryl on C5, in either tautomer (2-amino-2-oxazoline
        # or 2-imino-oxazolidine), the exocyclic nitrogen bare (NH2 or =NH): C4 may carry a methyl (4-methylaminorex).
        "[#7;!R;H2,H1;!$([#7]-[#6]=[O,S])]~[#6;R1]1~[#7;R1]~[#6X4;R1]~[#6X4;R1](-c)-[#8;R1]-1",
        0.6,
        "aminorex-type stimulants (aminorex, 4-methylaminorex, 4,4'-DMAR and their ring-substituted analogues)",
        "Aminorex (1971 Schedule IV), 4-methylaminorex (Schedule I; made from norephedrine, a Category 1 substance) and "
        "4,4'-DMAR (para-methyl-4-methylaminorex, Schedule II since 2016: Finnish decree 244/2024's copy of the lists, "
        "chemistry/data/SOURCES.md) share a 2-amino-5-aryl-2-oxazoline; analogues with other ring substituents (4'-chloro-, "
        "4'-fluoro-4-methylaminorex, 3',4'-methylenedioxy-4-methylaminorex: the fortieth held-out set's pdh40031) are sold "
        "the same way. Clominorex and fluminorex (4'-chloro- and 4'-trifluoromethyl-aminorex, old anorectics under no "
        "UN schedule) are members: a declaration of them is a flag to check. Left out: pemoline and fenozolone "
        "(oxazol-4-ones: C4 is a carbonyl, not a saturated carbon), 2-alkyl-2-oxazolines (polymer monomers, no amino "
        "group on C2) and N-acyl or N-thioacyl amino oxazolines.",
        drug_class=True,
        screen="[#8;R1]1-[#6;R1]~[#7;R1]-[#6X4;R1]-[#6X4;R1]-1",
    ),
    FamilySpec(
        "FAM-DRUG-METHAQUALONE",
        "2-alkyl-3-aryl-4(3H)-quinazolinones (methaqualone analogues)",
        # The aromatic quinazolin-4(3H)-one of methaqualone: a plain C1-C3 alkyl on C2 (CH3, CH2CH3, CH2CH2CH3, no
        # heteroatom: idelalisib's and afloqualone's C2 carbons carry one) and a benzene ring on N3; any substituent on
        # either benzene ring. The 1,2-dihydro ring of metolazone (C2 saturated) is no member.
        "[$([CH3]),$([CH2;!R]-[CH3]),$([CH2;!R]-[CH2;!R]-[CH3])]-c1nc2ccccc2c(=O)n1-c1ccccc1",
        0.6,
        "methaqualone-type sedative-hypnotics (methaqualone, mecloqualone and their ring- and 2-alkyl-varied analogues)",
        "Methaqualone and mecloqualone (1971 Schedule II: 2-methyl-3-(2-methylphenyl)- and 3-(2-chlorophenyl)-2-methyl-"
        "quinazolin-4(3H)-one; chemistry/data/SOURCES.md) share a quinazolin-4(3H)-one with a small alkyl on C2 and a "
        "benzene ring on N3; the analogues that vary the aryl ring's substituents or the 2-alkyl group (etaqualone, "
        "methylmethaqualone, mebroqualone, cloroqualone, nitromethaqualone, a 2-ethyl methaqualone: the forty-third "
        "held-out set's pdh43027) are the same sedative-hypnotic scaffold under no list of their own. Left out: "
        "afloqualone (a muscle relaxant: 2-fluoromethyl, a heteroatom on the 2-carbon), idelalisib (a kinase "
        "inhibitor: its 2-carbon carries a purinylamino group), diproqualone (N3 carries a dihydroxypropyl, not an "
        "aryl), metolazone and quinethazone (diuretics: 1,2,3,4-tetrahydroquinazolin-4-ones, C2 saturated) and the "
        "quinazolin-2-ones (proquazone).",
        drug_class=True,
        screen="c1nc2ccccc2c(=O)n1-c1ccccc1",
    ),
    FamilySpec(
        "FAM-DRUG-ARYLCYCLOHEXYLAMINE",
        "arylcyclohexylamines (phencyclidine, ketamine and methoxetamine analogues)",
        # One carbon of a carbocyclic six-ring (cyclohexane or cyclohexanone) carries both an aryl ring
        # (benzene or thiophene, any substituents) and an amine nitrogen (not an amide, sulfonamide or
        # carbamate): the PCP/ketamine pharmacophore. Ketamine and tiletamine, the licensed anaesthetics,
        # are excluded by their exact constitutions.
        "[CX4;R1;$(C1-[#6;!a]-[#6;!a]-[#6;!a]-[#6;!a]-[#6;!a]-1);"
        "$(C-[c;$(c1ccccc1),$(c1cccs1)]);"
        "$(C-[NX3;!$(N-[CX3]=[O,S,N]);!$(N-[SX4](=O)=O);!$(N-[OX2])]);"
        "!$(C1(-c2:c(-[Cl]):[cH]:[cH]:[cH]:[cH]:2)(-[NH1]-[CH3])-[CX3](=O)-[CH2]-[CH2]-[CH2]-[CH2]-1);"
        "!$(C1(-c2:[cH]:[cH]:[cH]:s:2)(-[NH1]-[CH2]-[CH3])-[CX3](=O)-[CH2]-[CH2]-[CH2]-[CH2]-1)]",
        0.6,
        "dissociative arylcyclohexylamines (PCP, PCE, PHP, TCP, 3-MeO-PCP, methoxetamine, deschloroketamine, "
        "2-fluorodeschloroketamine and their ring- and N-varied analogues)",
        "1-Aryl-cyclohexylamines: phencyclidine (PCP) and, in the German BtMG Anlage I, its N-ethyl "
        "(eticyclidine, PCE), pyrrolidine (rolicyclidine, PHP) and thienyl (tenocyclidine, TCP) analogues; "
        "methoxetamine (EU control measure 2015/1875, which calls it 'an arylcyclohexylamine substance "
        "chemically similar to ketamine and ... phencyclidine'); 2-fluorodeschloroketamine (added to the 1971 "
        "schedules by CND 67, 2024; BtMG Anlage II) and 3-MeO-PCP (BtMG Anlage II). The new analogues "
        "(deschloroketamine, 3-MeO-PCE, 3-HO-PCP, fluorexetamine, O-PCE) change the aryl substituent, the "
        "N-alkyl group or add the 2-oxo of ketamine. Left out: ketamine and its enantiomers esketamine and "
        "arketamine (2-(2-chlorophenyl)-2-(methylamino)cyclohexan-1-one, licensed anaesthetics and an "
        "antidepressant traded under national control, under no UN schedule or EU control measure) and "
        "tiletamine (2-(ethylamino)-2-(2-thienyl)cyclohexan-1-one, a veterinary anaesthetic), each by its "
        "exact constitution, so that a ring- or N-varied analogue of either still matches; amides, "
        "carbamates and sulfonamides of the amine (not the drugs); and the medicines whose aryl and "
        "nitrogen sit on different carbons do not match: tramadol and venlafaxine (an aryl cyclohexanol), "
        "tilidine (aryl and amine on neighbouring carbons), sertraline (an aminotetralin: the ring is fused "
        "to the aromatic one), pethidine (a piperidine ring, not a carbocycle), bromhexine and ambroxol "
        "(N-cyclohexyl benzylamines) and U-47700 (a 1,2-diaminocyclohexane with no aryl on the ring). "
        "Norketamine (ketamine's metabolite) matches: it is not a traded medicine.",
        drug_class=True,
        screen="[CX4;R](-c)(-[NX3])",
    ),
    FamilySpec(
        "FAM-DRUG-SCRA",
        "indole, indazole and 7-azaindole 3-carboxamide synthetic cannabinoids (SCRAs)",
        # The 3-carbonyl of an indole, indazole or 7-azaindole whose N1 carries a CH2-carbon tail, bonded to
        # an amino-acid-derived head (the valinamide/tert-leucinamide of AB-/ADB-, the methyl or ethyl ester
        # of MMB-/MDMB-/EDMB-) or to the cumyl amine of the CUMYL- series.
        "[CX3](=O)(-[NX3H1;$(N-[CX4H1](-[CX4])-[CX3](=O)-[$([NH2]),$([OX2]-[CH3]),$([OX2]-[CH2]-[CH3])]),"
        "$(N-[CX4H0](-[CH3])(-[CH3])-c1ccccc1)])-c1:[c,n]:n(-[CH2;!R]-[#6]):c2:[c,n]:c:c:c:c:1:2",
        0.7,
        "synthetic cannabinoid receptor agonists (Convention on Psychotropic Substances 1971, Schedule II; "
        "EU control measures)",
        "The generic shape of the SCRAs controlled since 2015 (a core, an N1 tail, a carboxamide linker and a "
        "head group, as the German NpSG Anlage, Nr. 2, and the UK's generic definition of the third-generation "
        "cannabinoids describe them): an indole, indazole or 7-azaindole 3-carboxamide whose N1 carries an "
        "alkyl, fluoroalkyl, alkenyl, cyanoalkyl, cyclohexylmethyl or (fluoro)benzyl tail, and whose amide "
        "nitrogen carries a valinamide or tert-leucinamide (AB-CHMINACA, ADB-CHMINACA, ADB-BUTINACA), a "
        "methyl or ethyl valinate or tert-leucinate (AMB-FUBINACA, 5F-MDMB-PINACA, MDMB-4en-PINACA, "
        "MDMB-CHMICA, 4F-MDMB-BICA) or a cumyl group (CUMYL-4CN-BINACA), and the next analogue of each. "
        "Left out: the 5-HT3 antagonists granisetron (1-methylindazole-3-carboxamide of a granatane amine: "
        "a methyl, not a CH2 tail, and no amino-acid head), tropisetron and dolasetron (indole-3-carboxylate "
        "esters of bicyclic amino alcohols, N1-H), ondansetron (a carbazolone), indometacin (N1-benzoyl, "
        "3-acetic acid), lonidamine (1-benzylindazole-3-carboxylic acid: an acid, no amide head), zafirlukast "
        "(no 3-carbonyl); the naphthoylindoles JWH-018 and AM-2201 (a ketone linker: entries of their own); "
        "and the 'tail-less' N1-H precursors (MDMB-INACA, ADB-INACA), one N-alkylation from an SCRA, for "
        "which no EU or UN source was read.",
        drug_class=True,
        screen="[CX3](=O)(-[NH1])-c1:[c,n]:n(-[CH2]):c:c:1",
    ),
    FamilySpec(
        "FAM-DRUG-BENZODIAZEPINE",
        "5-aryl-1,4-benzodiazepines and their triazolo, imidazo and thieno forms (designer benzodiazepines)",
        # c5a-C5(-R2)=N4-C3-C2~N1-c9a, c9a:c5a closing the seven-ring; the fused R1 ring checked on c9a.
        "c2-[CX3](-"
        + _BZD_R2
        + ")=[NX2]-"
        + _BZD_C3
        + "-"
        + _BZD_C2
        + "~"
        + _BZD_N1
        + "-"
        + _BZD_R1_FUSION_CARBON
        + ":2",
        0.6,
        "benzodiazepines (Convention on Psychotropic Substances 1971, Schedule IV: the medicines, the designer ones the "
        "Finnish decree 244/2024 lists there (etizolam, flualprazolam, clonazolam, diclazepam, flubromazolam) and "
        "bromazolam (CND 67, 2024); national control of the others)",
        "The group 'Benzodiazepine' of the German NpSG Anlage, Nr. 3 (BGBl. 2024 I Nr. 210), for its 1,4-benzodiazepines "
        "and their triazolo and imidazo derivatives (Nr. 3.1 a), with the Reste of Nr. 3.2: a benzene, pyridine, "
        "thiophene, furan or tetrahydrobenzothiophene ring fused to the seven-ring (R1, carrying H, halogen, methyl, "
        "ethyl, nitro or amino); a phenyl, pyridyl or cyclohexenyl ring on C5 (R2); on C3 hydrogen, hydroxy, carboxyl, "
        "ethoxycarbonyl, dimethylcarbamoyl(oxy), succinyloxy, methyl or ethyl (R3, R4); on N1 (or on the fused "
        "azole's carbon) methyl, ethyl, (dialkylamino)methyl or -ethyl, cyclopropylmethyl, trifluoroethyl, "
        "hydrazidomethyl or propargyl (R5); X =O, =S, =NH or =NCH3, or the fused triazole or imidazole. Members: "
        "bromazolam, flubromazolam, clonazolam, flualprazolam, etizolam, deschloroetizolam, metizolam, fluclotizolam, "
        "pyrazolam, nitrazolam, adinazolam, desalkylgidazepam, flubromazepam, diclazepam, phenazepam, meclonazepam, "
        "nifoxipam, norfludiazepam and the next analogue; the medicines of the shape (alprazolam, diazepam, "
        "midazolam, ...) are 1971 Schedule IV entries of their own, whose names an exact match gives. Not covered: "
        "the law's other subgroups (1,5-benzodiazepines such as clobazam; the loprazolam, ketazolam, oxazolam and "
        "chlordiazepoxide forms, Nr. 3.1 b-f: entries where controlled) and the molecular-mass limit (600 u). "
        "Matched although licensed somewhere, as the law's Reste name them: gidazepam (hydrazidomethyl; a medicine "
        "in Russia and Ukraine, under no UN schedule), flutoprazepam (N1-cyclopropylmethyl, prazepam's R5; a medicine "
        "in Japan, absent from list IV of the 1971 Convention as the Finnish decree 244/2024 prints it; the identifier "
        "database resolves its name, CID 3400). Left out: remimazolam (a licensed anaesthetic: its C3 carries "
        "a methyl propanoate chain, no R3 of the law), cinolazepam and doxefazepam (N1-cyanoethyl, -hydroxyethyl), "
        "devazepide (3-amido), flumazenil (the antagonist: no aryl on C5), tofisopam (a 2,3-benzodiazepine), and "
        "the tricyclic dibenzo- and thienobenzo-diazepines and -oxazepines clozapine, olanzapine, quetiapine, "
        "loxapine, pirenzepine and nevirapine (the second ring is fused, not a C5 substituent).",
        drug_class=True,
        screen="c-[CX3;R](-[#6;R])=[NX2;R]-[CX4;R]",
    ),
    FamilySpec(
        "FAM-RING-SUBST-ARYL-ALKANONE",
        "ring-substituted propiophenones to hexanophenones",
        _PLAIN_ALKYL_TAIL + "-[CH2;!R]-[CX3;!R](=O)-[c;$(c1" + _SERIES_RING_CARBON * 5 + "1);"
        "$(c(:c-"
        + _SERIES_SUBSTITUENT
        + ")),$(c:c:c-"
        + _SERIES_SUBSTITUENT
        + "),$(c:c:c:c-"
        + _SERIES_SUBSTITUENT
        + ")]",
        0.3,
        "synthetic cathinones (alpha-bromination, then amination) and ring-substituted amphetamines",
        "1-Arylalkan-1-ones with a ring substituent of the cathinone series (4'-methyl-, 4'-chloro-, "
        "3'-chloro-, 3',4'-methylenedioxy-propiophenone, 4'-methylvalerophenone): two steps from "
        "mephedrone, 3-CMC, methylone, MDPV. They have legitimate uses (3'-chloropropiophenone is also the "
        "bupropion intermediate), so a hit alone is low and rises only with the consignment's context. "
        "Phenolic (paroxypropione) and amino (4'-aminopropiophenone, a predicide) ketones and "
        "acetophenones do not match; the unsubstituted propiophenone is a listed watch-level chemical. "
        "The chain after the carbonyl is a plain alkyl group of two to five carbons (propiophenone to "
        "hexanophenone, straight or branched), as alpha-bromination and amination need and as the "
        "cathinones made from them carry (mephedrone, 4-MEC, pentedrone, alpha-PVP, alpha-PHP, "
        "4-fluoro-alpha-PBP from 4'-fluorobutyrophenone, which still matches). Left out: the butyrophenone "
        "neuroleptics haloperidol, droperidol, benperidol, spiperone and melperone, whose 4'-fluoro-"
        "butyrophenone chain ends in a piperidine (alpha-bromination and amination of them give no "
        "cathinone, and they are medicines on the WHO Model List or national formularies), and their "
        "intermediate 4-chloro-4'-fluorobutyrophenone (a chain ending in a halogen or any heteroatom is "
        "not the plain alkyl chain); longer chains (heptanophenones and the fatty aryl ketones) are "
        "outside the series as the family's name draws it.",
        screen="[CX4]-[CH2]-[CX3](=O)-c",
        sought_when_unmasked=True,
    ),
    FamilySpec(
        "FAM-PLAIN-ARYL-ALKANONE",
        "butyrophenone, valerophenone and hexanophenone (unsubstituted phenyl)",
        "[" + _PLAIN_ALKYL_TAILS_C2_C4 + "]-[CH2;!R]-[CX3;!R](=O)-c1[cH][cH][cH][cH][cH]1",
        0.15,
        "alpha-PBP, alpha-PVP, alpha-PHP (alpha-bromination, then pyrrolidine)",
        "The chain homologues of propiophenone on an unsubstituted phenyl ring: butyrophenone, "
        "valerophenone and hexanophenone (straight or branched chains of four to six carbons with a CH2 "
        "next to the carbonyl). Alpha-bromination gives 2-bromobutyro-, 2-bromovalero- (a listed "
        "designer precursor) and 2-bromohexanophenone, and pyrrolidine then gives alpha-PBP, alpha-PVP "
        "and alpha-PHP (1971 Schedule II), as propiophenone is two steps from methcathinone. They are "
        "weighed as the listed propiophenone is (designer level watch, 0.15): info on their own, since "
        "they have legitimate trade as synthesis intermediates and photochemistry reagents, and "
        "raised only by a declaration that does not fit them. Propiophenone itself (a watchlist entry), "
        "acetophenone and isobutyrophenone (no CH2 next to the carbonyl: alpha-bromination gives a "
        "tertiary bromide, no cathinone of the series), heptanophenone and longer fatty aryl ketones, "
        "chains carrying a heteroatom (the butyrophenone neuroleptics) and ring-substituted ketones "
        "(the family above, at low) do not match.",
        screen="[CX4]-[CH2]-[CX3](=O)-c",
    ),
    FamilySpec(
        "FAM-P2P-ALCOHOL",
        "1-aryl-propan-2-ols and 1-aryl-propane-1,2-diols of BMK and PMK",
        "[CH3]-[CH1;!R](-[OX2H1])-[$([CH2;!R]),$([CH1;!R]-[OX2H1])]"
        "-[c;$(c1[cH][cH][cH][cH][cH]1),$(c1[cH][cH]c2OCOc2[cH]1)]",
        0.3,
        "BMK and PMK (one oxidation, or one pinacol rearrangement), then amphetamine/methamphetamine or MDA/MDMA",
        "The alcohols one step from BMK and PMK, which the unmasking rules leave out on purpose (they do "
        "not oxidise every secondary alcohol to its ketone): 1-phenylpropan-2-ol and "
        "1-(1,3-benzodioxol-5-yl)propan-2-ol give BMK and PMK by any oxidation (dichromate, "
        "hypochlorite, Oppenauer), and the 1,2-diols give them by an acid-catalysed pinacol "
        "rearrangement: isosafrole glycol is the intermediate of the performic-acid route from "
        "isosafrole to PMK, and 1-phenylpropane-1,2-diol rearranges the same way to BMK (the benzylic "
        "cation forms, the hydride on the carbinol carbon shifts), so it matches too. Only the plain "
        "phenyl and 3,4-methylenedioxyphenyl rings of the two Category 1 ketones: a ring-substituted "
        "alcohol (1-(4-methoxyphenyl)propan-2-ol) leads to no scheduled ketone. Some legitimate trade "
        "(synthesis intermediates, a flavour use of 1-phenylpropan-2-ol), so low on its own. Left out: "
        "1-phenylpropan-1-ol (the hydroxyl on the benzylic carbon: oxidation gives propiophenone), "
        "2-phenylethanol, 3-phenylpropan-1-ol, 2-phenylpropan-1-ol and dimethylbenzylcarbinol "
        "(fragrance alcohols: primary or tertiary, no methyl ketone from them), 1-phenylbutan-2-ol "
        "(an ethyl ketone), helional (an aldehyde), and the phenylpropanolamines (norephedrine, "
        "ephedrine: an amine on C2, their own family).",
        screen="[CH3]-[CH1](-[OX2H1])-[CX4]-c",
        sought_when_unmasked=True,
    ),
    FamilySpec(
        "FAM-2C-BENZALDEHYDE",
        "2,5-dimethoxybenzaldehydes (the 2C-x aldehydes)",
        "[CX3H1](=O)-c1:c(-[OX2]-[CH3]):[cH]:[$([cH]),$(c-[F,Cl,Br,I]),$(c-[CH3]),$(c-[CH2][CH3]),"
        "$(c-[CH2][CH2][CH3]),$(c-[SX2][CH3]),$(c-[SX2][CH2][CH3])]:c(-[OX2]-[CH3]):[cH]:1",
        0.3,
        "the 2,5-dimethoxy-beta-nitrostyrenes (one Henry condensation with nitromethane), then the 2C-x "
        "phenethylamines (2C-H, 2C-B, 2C-I, 2C-C, 2C-E, 2C-T-2)",
        "2,5-Dimethoxybenzaldehyde and its 4-halo, 4-alkyl and 4-alkylthio derivatives are where the 2C-x "
        "route starts: a Henry condensation with nitromethane gives the 2,5-dimethoxy-beta-nitrostyrene "
        "(FAM-ALKOXY-NITROSTYRENE), whose reduction gives the 2C-x drug; 2C-B is then made by brominating "
        "2C-H (Shulgin, PiHKAL, 1991, entries 2C-B, 2C-C, 2C-I; the nitrostyrene family's rationale). "
        "No EU act or INCB list that could be read names the aldehydes (docs/evaluation.md, held-out "
        "row pph013), so low on its own, as the ring-substituted propiophenones of the cathinone route "
        "are. Only the 2,5-dimethoxy pattern with a hydrogen or a 2C-series group at C4: veratraldehyde "
        "(3,4-dimethoxy, a flavour and pharmaceutical intermediate), 2,4-dimethoxybenzaldehyde, anisaldehyde, "
        "vanillin and 2,4,5-trimethoxybenzaldehyde (asaronaldehyde) do not match.",
        screen="[CX3H1](=O)-c1:c(-[OX2]-[CH3]):c:c:c(-[OX2]-[CH3]):c:1",
        sought_when_unmasked=True,
    ),
    FamilySpec(
        "FAM-NPP-ALCOHOL",
        "1-phenethylpiperidin-4-ol (the alcohol of NPP)",
        "[OX2H1]-[CH1;R1]1-[CH2]-[CH2]-[NX3](-[CH2;!R]-[CH2;!R]-c2[cH][cH][cH][cH][cH]2)-[CH2]-[CH2]-1",
        0.3,
        "NPP (Category 1) by one oxidation, then ANPP and fentanyl",
        "1-Phenethylpiperidin-4-ol gives N-phenethyl-4-piperidone (NPP) by any oxidation of its secondary "
        "alcohol (Swern, Oppenauer, hypochlorite), a step the unmasking rules leave out on purpose. Only "
        "the unsubstituted phenethyl on the nitrogen and a hydrogen beside the hydroxyl: the "
        "4-aryl-4-hydroxypiperidines of medicines (haloperidol) have no hydrogen there, and "
        "1-benzylpiperidin-4-ol, a common building block, leads to no listed ketone. Low on its own.",
        screen="[OX2H1]-[CH1;R1]1-[CH2]-[CH2]-[NX3]-[CH2]-[CH2]-1",
        sought_when_unmasked=True,
    ),
    FamilySpec(
        "FAM-PHENETHYL-ALKYLATOR",
        "2-phenylethyl chloride, iodide and sulfonate esters (the alkylating agents of the NPP and ANPP routes)",
        "[$([Cl,I]),$([OX2]-[SX4](=O)(=O)-[#6])]-[CH2;!R]-[CH2;!R]-c1[cH][cH][cH][cH][cH]1",
        0.3,
        "NPP (with 4-piperidone, Category 1) and ANPP (with 4-AP, Category 1), then fentanyl",
        "Phenethyl bromide is a listed designer precursor (DES-PHENETHYL-BROMIDE, level pre: the US DEA "
        "Special Surveillance List names it for fentanyl manufacture). The chloride, the iodide and the "
        "sulfonate esters (mesylate, tosylate, triflate) are the same reagent with another leaving group: "
        "each puts the phenethyl group on 4-piperidone's or 4-AP's nitrogen in one step. They are weighed "
        "as the listed bromide is (0.3, low on its own); the bromide keeps its own entry and is left out "
        "here. Only an unsubstituted phenyl ring and an open two-carbon chain: 2-phenylethanol (a rose "
        "fragrance, no leaving group), 2-phenylethyl esters of carboxylic acids (phenethyl acetate and "
        "phenylacetate, fragrances: an ester is no alkylating agent) and benzyl or 3-phenylpropyl halides "
        "(another chain length) do not match.",
        screen="[CH2]-[CH2]-c1[cH][cH][cH][cH][cH]1",
    ),
    FamilySpec(
        "FAM-NITAZENE-DIAMINE",
        "N-(2-dialkylaminoethyl)-2-nitro- and 2-amino-anilines (the nitazenes' o-phenylenediamines)",
        "[NX3;H1](-[CH2;!R]-[CH2;!R]-[NX3;H0;!$(N-[CX3]=[O,S,N]);!$(N-a)](-[CX4])-[CX4])"
        "-c1:c(-[$([NH2]),$([N+](=O)[O-]),$([NX3](=O)=O)]):c:c:c:c:1",
        0.3,
        "nitazene opioids (etonitazene, isotonitazene, metonitazene, protonitazene, etonitazepyne and the "
        "desnitro analogues: Single Convention on Narcotic Drugs 1961, Schedule I), by closing the benzimidazole "
        "ring with an arylacetic acid derivative",
        "The intermediates of the nitazenes' classic route (Carroll and Coleman, J. Med. Chem. 18 (1975) 318, "
        "'Etonitazene. An improved synthesis'; Vandeputte et al., ACS Chem. Neurosci. 12 (2021) 1241, made the "
        "emerging nitazenes for their study along the same lines; only the papers' records, not their texts, "
        "could be read here): 1-chloro-2,4-dinitrobenzene with an N,N-dialkylethylenediamine gives the "
        "N-(2-dialkylaminoethyl)-2,4-dinitroaniline, a selective reduction of its 2-nitro group gives "
        "N1-(2-dialkylaminoethyl)-4-nitrobenzene-1,2-diamine, and that diamine with an arylacetic imidate or acid "
        "closes to the 1-(2-dialkylaminoethyl)-2-benzyl-5-nitrobenzimidazole, the drug (FAM-DRUG-NITAZENE); "
        "without the 4-nitro group the same steps give the desnitro nitazenes (etodesnitazene, metodesnitazene). "
        "INCB's President told CND 68 (March 2025) that INCB had considered nitazene precursors; no list names "
        "these intermediates, so low on its own. Matched: an aniline NH carrying a CH2CH2 chain to a tertiary "
        "alkyl amine (diethyl, dimethyl, pyrrolidine of etonitazepyne, piperidine of etonitazepipne), with a "
        "nitro or amino group ortho to it on a benzene ring (any further ring substituent, the 4-nitro of the "
        "5-nitro nitazenes among them). Left out: procainamide and metoclopramide (the diethylaminoethyl chain is "
        "on an amide nitrogen, not on the ring), the nitro hair dyes HC Red 3, HC Yellow 2 and HC Blue 2 (a "
        "2-hydroxyethyl chain, no amine at its end), the ethylenediamine antihistamines tripelennamine and "
        "mepyramine (a pyridyl, and no NH on the aryl nitrogen), N,N-diethyl-N'-phenylethylenediamine and its "
        "4-nitro derivative (nothing ortho to close a ring with), and the benzimidazoles already closed (the drug "
        "class's). Its amides and carbamates are found through unmasking (sought when unmasked).",
        screen="[NX3;H1](-[CH2]-[CH2]-[NX3])-c:c-[#7]",
        sought_when_unmasked=True,
    ),
    FamilySpec(
        "FAM-NITAZENE-NH-BENZIMIDAZOLE",
        "2-benzyl-5(6)-nitro-1H-benzimidazoles (the nitazenes before N-alkylation)",
        "[CH2;!R](-c1ccccc1)-c1:[n;H1,H0&X2]:c2:c:c:c(-[$([N+](=O)[O-]),$([NX3](=O)=O)]):c:c:2:[n;H1,H0&X2]:1",
        0.3,
        "nitazene opioids (etonitazene, isotonitazene, metonitazene, protonitazene and the other 5-nitro "
        "nitazenes: Single Convention on Narcotic Drugs 1961, Schedule I), by N-alkylation with a "
        "2-chloroethyl dialkylamine",
        "The first of the two routes by which the nitazenes were made (Hunger, Kebrle, Rossi and Hoffmann, "
        "'Synthese basisch substituierter, analgetisch wirksamer Benzimidazol-Derivate', Experientia 13 (1957) "
        "400, way a; Helv. Chim. Acta 43 (1960) 800): o-phenylenediamine and a phenylacetic imino ether give the "
        "2-benzylbenzimidazole, which chloroethyldiethylamine alkylates on N1 (with sodium amide); a "
        "2-benzyl-5(6)-nitrobenzimidazole gives the two isomeric basic products, the 5-nitro one the drug "
        "(FAM-DRUG-NITAZENE). The other route's intermediates are FAM-NITAZENE-DIAMINE. No list names these "
        "benzimidazoles, so low on its own, like the diamines. Matched: a benzimidazole with no substituent on "
        "either ring nitrogen, a benzyl (any ring substituent: the 4-alkoxy of etonitazene and its homologues) "
        "on C2 and a nitro group on C5 or C6 (the same position in the NH tautomers). Left out: bendazol "
        "(2-benzylbenzimidazole without the nitro group, a vasodilator medicine), the benzimidazole anthelmintics "
        "(albendazole, mebendazole: 2-carbamates; thiabendazole: 2-thiazolyl), the proton-pump inhibitors "
        "(omeprazole: a 2-sulfinylmethyl pyridine), clemizole (substituted on N1) and the drugs themselves "
        "(substituted on N1: the drug class's).",
        screen="[CH2](-c)-c(:n):n",
    ),
)


@dataclass(slots=True, frozen=True)
class CompiledFamily:
    spec: FamilySpec
    pattern: Chem.Mol
    screen: Chem.Mol | None = None

    def matches(self, mol: Chem.Mol) -> tuple[int, ...]:
        """The atoms of the first match; () when `mol` is not a member."""
        if self.screen is not None and not mol.HasSubstructMatch(self.screen):
            return ()
        return tuple(mol.GetSubstructMatch(self.pattern))


def compile_families(specs: tuple[FamilySpec, ...] = FAMILY_SPECS) -> tuple[CompiledFamily, ...]:
    out = []
    for spec in specs:
        pattern = Chem.MolFromSmarts(spec.smarts)
        screen = Chem.MolFromSmarts(spec.screen) if spec.screen else None
        if pattern is None or (spec.screen and screen is None):
            raise ValueError(f"family {spec.id}: invalid SMARTS")
        out.append(CompiledFamily(spec, pattern, screen))
    return tuple(out)
