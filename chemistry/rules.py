"""Unmasking rules: named, documented chemical conversions written as reaction SMARTS.

A designer precursor is a scheduled substance (or a drug) wearing a mask that one or two simple
steps remove. Each rule is one such step. A rule is applied *exhaustively* (every site it
matches, as a chemist running that step would), so one ``ester_hydrolysis`` step opens all esters of
a malonate. Products are split into fragments; each carbon-bearing fragment is a candidate.

Rules are deliberately chemistry-only: they do not know about the watchlist. Whether a product
matters is decided by matching it against the watchlist (see ``matching.py``).

Masking classes: what is covered and what deliberately is not
-------------------------------------------------------------
Sources reviewed: the INCB's annual precursor reports of recent years (their chapters on "designer"
precursors: BMK/PMK glycidic acids and esters, APAA, MAPA, EAPA, MAMDPA, DEPAPD, IMDPAM and its
sodium salt, the BMK bisulfite adduct and ketals, N-protected 4-AP and 4-piperidones), EUDA/Europol's
EU Drug Markets analyses (amphetamine, methamphetamine, MDMA, new psychoactive substances), the
recitals of Delegated Regulations (EU) 2020/1737, 2022/1518, 2023/196, 2024/1331 and 2025/1475 (what
was seized, in which form), and forensic papers on impurity profiles of seized amphetamine and
fentanyl (APAAN, phenethyl-4-ANPP route changes).

Covered (one rule each unless said otherwise):
- carboxylic esters, lactones, glycidic esters: ``ester_hydrolysis``;
- amides and anilides, N-formyl/N-acetyl/N-trifluoroacetyl amines, phthalimides (both acyls):
  ``amide_hydrolysis``, ``anilide_hydrolysis``; amides on the ring nitrogen of an aromatic ring (N-acyl
  indoles, pyrroles, imidazoles: the 1-acyl lysergamides 1P-LSD and ALD-52 sold as research chemicals):
  ``n_acyl_azole_hydrolysis``;
- acyl halides (acid chlorides, bromides, iodides, fluorides on a carbon acyl):
  ``acyl_halide_hydrolysis``; they are the acid, activated, and water gives it back at once; so are
  carboxylic anhydrides (``anhydride_hydrolysis``) and carboxylic-carbamic ones such as isatoic
  anhydride (``carbamic_anhydride_hydrolysis``);
- cyclic acyl imidates (4H-3,1-benzoxazin-4-ones such as acetanthranil, the dehydrated
  N-acetylanthranilic acid of the methaqualone route; azlactones): ``acyl_imidate_hydrolysis``;
- nitriles (APAAN, benzyl cyanide): ``nitrile_hydrolysis``; beta-keto and malonic acids (the step
  after): ``beta_keto_acid_decarboxylation``; glycidic acids: ``glycidic_acid_decarboxylation``, and
  the glycidic acids opened by water to their 2,3-dihydroxy acids (``glycidic_diol_decarboxylation``;
  eighteenth session, held-out row pmh16020, the opened PMK ethyl glycidate). Chemistry only: the
  diol was not found named in a source that could be read here (searched: forensic papers on PMK
  glycidate conversion and MDMA impurity profiles); it is covered because it is the glycidic acid
  plus water, gives the same ketone by the same treatment (acid and heat), and the rule's shape (a
  carboxyl beside a 2-hydroxyl, a benzylic 3-hydroxyl) leaves out the legitimate dihydroxy acids
  (glyceric, tartaric, aldonic acids) and leads elsewhere only to unlisted arylacetaldehydes;
- carbonyl derivatives: acetals/ketals (``acetal_cleavage``), thioacetals (``thioacetal_cleavage``),
  hydrates (``gem_diol_dehydration``), bisulfite adducts (``bisulfite_adduct_cleavage``),
  cyanohydrins (``cyanohydrin_reversion``), imines, oximes, hydrazones (``*_hydrolysis``), enols and
  their salts (``enol_to_ketone``; the metal enolate is neutralised by standardisation), enol ethers
  (``enol_ether_hydrolysis``) and enamines (``enamine_hydrolysis``); enol esters are an ester then
  an enol (two steps);
- amine protecting groups: Boc, Cbz, Fmoc, other alkyl carbamates incl. cyclic ones (oxazolidinones),
  N-benzyl outside rings, N-trityl, N-arenesulfonyl (tosyl); the N-oxides of tertiary amines
  (``amine_oxide_reduction``: the 1961 Convention lists morphine's N-oxides with it); N,O-acetals such as the oxazolidines that ephedrine forms with
  aldehydes and ketones (``n_o_acetal_hydrolysis``); O-silyl ethers;
- nitro compounds: nitroalkenes to ketone or amine (P2NP, MDP2NP), saturated nitroalkanes to amine or
  ketone (``nitroalkane_reduction``, ``nitroalkane_nef``: 1-phenyl-2-nitropropane);
- salts, hydrates, covalently drawn metal salts, isotopic labels and radicals are not masks but
  drawings: ``molecules.py`` standardises them before any rule runs.

Deliberately not covered:
- oxidation-state changes other than the nitro groups above (secondary alcohol to ketone, as
  1-phenyl-2-propanol to BMK; aldehyde to acid): they would turn every alcohol into its ketone, the
  search would grow with every hydroxyl in legitimate trade, and the precursor-grade alcohols are
  caught by the families instead (``FAM-P2P-ALCOHOL``: the propan-2-ols and 1,2-diols of BMK and PMK,
  also when released by a rule, as from their esters);
- steps that build the carbon skeleton (Darzens, Henry, Friedel-Crafts, Wacker oxidation of safrole,
  Strecker): that is synthesis from pre-precursors, covered by the designer/pre-precursor entries and
  the families, not by unmasking;
- ether cleavage (O-methyl ethers, aryl methyl ethers, methylenedioxy ring opening): harsh reagents,
  and it would map every anisole to a phenol;
- sulfonamides other than an arenesulfonyl on an amine, ureas, N-nitroso and N-allyl groups,
  N-demethylation: removal needs harsh or specialised chemistry and none was reported as a precursor
  mask in the sources above. The arenesulfonamide of an amine is covered since the thirty-eighth session
  (``arenesulfonamide_cleavage``): p-tosyl methylamphetamine was seized as a mask (Collins et al.,
  Drug Test Anal, doi:10.1002/dta.2363);
- chloroformates and carbamoyl chlorides (the halide on an O- or N-acyl): reagents, whose hydrolysis
  gives an alcohol or amine and CO2, never an acid;
- mixtures, cyclodextrin or polymer-bound forms: a matter of declaring the components, not of
  structure (each declared component is screened).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdkit import Chem
from rdkit.Chem import rdChemReactions


@dataclass(slots=True, frozen=True)
class RuleSpec:
    name: str
    smarts: str
    description: str


RULE_SPECS: tuple[RuleSpec, ...] = (
    RuleSpec(
        "ester_hydrolysis",
        "[CX3;!$(C(=O)([OX2])[OX2]);!$(C(=O)([OX2])N):1](=[O:2])-[OX2:3]-[#6;!$([CX3](=[OX1])-[#6]):4]"
        ">>([C:1](=[O:2])O.[OH1:3]-[#6:4])",
        "Carboxylic ester (including lactones and glycidic esters) -> acid + alcohol. "
        "Acid or base hydrolysis; the classic mask of BMK/PMK glycidic acids. A carboxylic anhydride is "
        "left to anhydride_hydrolysis.",
    ),
    RuleSpec(
        "carbamic_anhydride_hydrolysis",
        "[#6X3:1](=[OX1:2])(-,:[#6:3])-,:[#8X2]-,:[#6X3](=[OX1])-,:[#7X3:4]>>([C:1](=[O:2])(-[#6:3])O.[N:4])",
        "Carboxylic-carbamic anhydride -> acid + amine + CO2: isatoic anhydride (2H-3,1-benzoxazine-2,4(1H)-dione) "
        "opens in water to the carbamic acid, which loses CO2, giving anthranilic acid (Category 2); like an "
        "acid halide it is the acid activated (scored as the acid, pipeline/scoring.py REAGENT_MASK_RULES). "
        "Leuchs anhydrides of amino acids open the same way to unlisted amino acids.",
    ),
    RuleSpec(
        "anhydride_hydrolysis",
        "[CX3:1](=[O:2])(-[#6:3])-[OX2:4]-[CX3:5](=[O:6])-[#6:7]>>([C:1](=[O:2])(-[#6:3])O.[O:4]-[C:5](=[O:6])-[#6:7])",
        "Carboxylic anhydride -> two acids: like an acid halide, an anhydride is the acid activated for "
        "acylation and water gives the acid back (phenylacetic anhydride gives phenylacetic acid, "
        "Category 2; scored as the acid declared plainly, pipeline/scoring.py REAGENT_MASK_RULES). Acetic "
        "anhydride is itself listed (an exact match comes first). Only anhydrides of two carbon acyls: "
        "carbonic and carbamic ones (isatoic anhydride) stay with ester_hydrolysis.",
    ),
    RuleSpec(
        "acyl_imidate_hydrolysis",
        "[#6;R;!$([#6](~[#7])(~[#8])~[#7,#8,#16]):1](=,:[#7X2;R:2])-,:[#8X2;R:3]-,:[#6X3;R:4]=[OX1:5]"
        ">>([C:1](=[O:3])-[N:2].[C:4](=[O:5])O)",
        "Cyclic acyl imidate -> N-acyl amino acid with water: the ring O-acyl bond is an anhydride's and "
        "opens first, and the imidic acid left is the amide. 2-Methyl-4H-3,1-benzoxazin-4-one "
        "(acetanthranil) is N-acetylanthranilic acid (Category 1) dehydrated: heating N-acetylanthranilic "
        "acid with acetic anhydride closes the ring, and acetanthranils with primary amines give the "
        "3-substituted 4-keto-3,4-dihydroquinazolines (Meyer and Wagner, J. Org. Chem., 'The "
        "Niementowski reaction', list it among the reaction's variants), methaqualone with o-toluidine. Benzoxazin-4-ones are opened by "
        "nucleophiles at the ring carbonyl and hydrolyse in water (Gütschow, J. Org. Chem. 64 (1999) "
        "5109). Chemistry only: no seizure of the benzoxazinone itself was found in a source. The same "
        "step opens "
        "2-substituted oxazol-5(4H)-ones (azlactones) to N-acylamino acids, and 1,3,4-oxadiazol-2(3H)-ones to "
        "an acyl hydrazide (5-benzyl gives phenylacetic acid after the amide, a Category 2 commodity, so no "
        "flag). Isatoic anhydride (an "
        "N-carbonyl: a carbamate, not an imidate), 2-alkoxy- and 2-amino-benzoxazinones and "
        "quinazolinones (NH in place of the ring O) do not match; 2-oxazolines (no acyl) do not either.",
    ),
    RuleSpec(
        "amide_hydrolysis",
        "[CX3;!$(C(=O)(N)[OX2]);!$(C(=O)(N)N):1](=[O:2])-[NX3;!$(N-[a]):3]>>([C:1](=[O:2])O.[N:3])",
        "Carboxamide on an aliphatic nitrogen -> acid + amine (e.g. APAA -> alpha-phenylacetoacetic "
        "acid; N-formyl/N-acetyl amines -> free amine). Anilides are handled by anilide_hydrolysis.",
    ),
    RuleSpec(
        "anilide_hydrolysis",
        "[CX3;!$(C(=O)(N)[OX2]);!$(C(=O)(N)N):1](=[O:2])-[NX3;$(N-[a]):3]>>([C:1](=[O:2])O.[N:3])",
        "Carboxamide on an aromatic amine (anilide) -> acid + aniline (e.g. N-acyl-4-anilinopiperidines).",
    ),
    RuleSpec(
        "n_acyl_azole_hydrolysis",
        "[CX3;!$(C(=O)(n)[OX2]);!$(C(=O)(n)[#7]):1](=[O:2])-[nX3:3]>>([C:1](=[O:2])O.[nH:3])",
        "Carboxamide on a ring nitrogen of an aromatic ring (an N-acyl indole, pyrrole, imidazole) -> acid + "
        "the NH heterocycle: the ring's lone pair is part of its aromatic sextet, so such amides are activated "
        "and hydrolyse far more easily than ordinary amides (N-acylimidazoles are acylating reagents). The "
        "1-acyl lysergamides sold as research chemicals (1P-LSD, 1-propanoyl; ALD-52, 1-acetyl; 1cP-LSD, "
        "1B-LSD) are LSD once the 1-acyl group is off (the fifty-fourth held-out set's pmh54053); "
        "indometacin, a 1-benzoyl indole medicine, gives an indole acetic acid no list names, so no flag.",
    ),
    RuleSpec(
        "acyl_halide_hydrolysis",
        "[CX3:1](=[O:2])(-[#6:3])-[F,Cl,Br,I]>>[C:1](=[O:2])(-[#6:3])O",
        "Acyl halide -> carboxylic acid: acid chlorides hydrolyse in water or moist air at once, so an "
        "acid chloride of a listed acid is that acid, activated for the next step (lysergic acid chloride, "
        "named among the routes to lysergic acid amides in US Patent 2,736,728, Pioch/Eli Lilly 1956; "
        "phenylacetyl chloride gives phenylacetic acid, Category 2, whose masks weigh below info by "
        "policy, pipeline/scoring.py). Only a halide on a carbon acyl: chloroformates and carbamoyl "
        "chlorides are left out (see the module docstring).",
    ),
    RuleSpec(
        "nitrile_hydrolysis",
        "[CX2:1]#[NX1]>>[C:1](=O)O",
        "Nitrile -> carboxylic acid (e.g. APAAN -> alpha-phenylacetoacetic acid; benzyl cyanide -> phenylacetic acid).",
    ),
    RuleSpec(
        "beta_keto_acid_decarboxylation",
        "[#6:1](=[O:2])-[CX4:3]-[CX3](=O)[OX2H1]>>[#6:1](=[O:2])-[C:3]",
        "Decarboxylation of a beta-keto acid or malonic acid on warming (e.g. alpha-phenylacetoacetic "
        "acid -> BMK; phenylacetylmalonic acid -> BMK).",
    ),
    RuleSpec(
        "glycidic_acid_decarboxylation",
        "[OX2H1]-[CX3](=O)-[CX4;R:1]1-[OX2;R:3]-[CX4;R:2]1>>[C:1](=[O:3])-[C:2]",
        "Darzens glycidic acid -> ketone/aldehyde with loss of CO2 (BMK/PMK glycidic acids -> BMK/PMK).",
    ),
    RuleSpec(
        "glycidic_diol_decarboxylation",
        "[OX2H1]-[CX3](=O)-[CX4;!R:1](-[OX2H1:3])-[CX4;!R:2](-[OX2H1])-[c:4]>>[C:1](=[O:3])-[C:2]-[c:4]",
        "Opened glycidic acid (a 2,3-dihydroxy-3-arylpropanoic acid: the glycidic acid with water added across "
        "its epoxide) -> aryl ketone or aldehyde with loss of CO2 and water in warm acid: the benzylic hydroxyl "
        "leaves (the cation is stabilised by the ring, the more so by a methylenedioxy or alkoxy ring), the "
        "carboxyl beside it leaves as CO2, and the enol left is the ketone; a carboxyl shift instead "
        "(semipinacol) gives the alpha-aryl-acetoacetic acid, which loses CO2 to the same ketone. The "
        "2-methyl diols of the BMK and PMK glycidates give BMK and PMK, as the glycidic acids do "
        "(glycidic_acid_decarboxylation): the same product from the same conversion (hydrolysis, then heat "
        "with acid). Only a benzylic 3-hydroxyl (an aryl on the carbon that ionises): glyceric acid, "
        "tartaric acid and the aldonic acids have none; a 2-unsubstituted diol (3-phenylglyceric acid) gives "
        "an arylacetaldehyde, which no list names.",
    ),
    RuleSpec(
        "acetal_cleavage",
        "[CX4:1](-[OX2:2]-[#6;!a:4])-[OX2:3]-[#6;!a:5]>>([C:1]=O.[#6:4]-[O:2].[#6:5]-[O:3])",
        "Acetal/ketal (including 1,3-dioxolanes and dioxanes) -> carbonyl compound + alcohol(s) by "
        "acid hydrolysis. Aryl acetals such as the methylenedioxy ring of PMK are not cleaved.",
    ),
    RuleSpec(
        "bisulfite_adduct_cleavage",
        "[CX4:1](-[OX2H1])-[SX4](=O)(=O)[OX2H1,OX1-]>>[C:1]=O",
        "Carbonyl-bisulfite adduct (alpha-hydroxysulfonate) -> carbonyl compound with base or acid.",
    ),
    RuleSpec(
        "imine_hydrolysis",
        "[CX3;!$(C(=N)[N,O,S]):1]=[NX2;!$(N-[N,O]):2]>>([C:1]=O.[N:2])",
        "Imine (Schiff base) -> carbonyl compound + amine.",
    ),
    RuleSpec(
        "oxime_hydrolysis",
        "[CX3;!$(C(=N)[N,O,S]):1]=[NX2]-[OX2]>>[C:1]=O",
        "Oxime or oxime ether -> carbonyl compound.",
    ),
    RuleSpec(
        "hydrazone_hydrolysis",
        "[CX3;!$(C(=N)[N,O,S]):1]=[NX2]-[NX3]>>[C:1]=O",
        "Hydrazone or semicarbazone -> carbonyl compound.",
    ),
    RuleSpec(
        "boc_deprotection",
        "[N:1]-C(=O)-O-C([CH3])([CH3])[CH3]>>[N:1]",
        "N-Boc (tert-butoxycarbonyl) removal with acid (1-boc-4-AP -> 4-AP; Boc-methamphetamine -> methamphetamine).",
    ),
    RuleSpec(
        "cbz_deprotection",
        "[N:1]-C(=O)-O-[CH2]-c1ccccc1>>[N:1]",
        "N-Cbz (benzyloxycarbonyl) removal by hydrogenolysis.",
    ),
    RuleSpec(
        "fmoc_deprotection",
        "[N:1]-C(=O)-O-[CH2]-[CH1]1-c2ccccc2-c2ccccc12>>[N:1]",
        "N-Fmoc removal with base.",
    ),
    RuleSpec(
        "carbamate_hydrolysis",
        "[N:1]-[CX3](=O)-[OX2:2]-[CX4:3]>>([N:1].[OH1:2]-[C:3])",
        "Other alkyl carbamates (methyl, ethyl, ...) -> free amine + alcohol by hydrolysis; a cyclic "
        "carbamate (an oxazolidinone such as the one ephedrine forms) opens to the amino alcohol.",
    ),
    RuleSpec(
        "n_debenzylation",
        "[NX3;!$(N-C=[O,S,N]):1]-[CH2;!R]-c1ccccc1>>[N:1]",
        "N-benzyl removal by catalytic hydrogenolysis (1-benzyl-4-piperidone -> 4-piperidone). Only a "
        "benzyl group outside rings: an N-CH2-aryl bond inside a ring (tetrahydroisoquinoline) is not a "
        "protecting group.",
    ),
    RuleSpec(
        "arenesulfonamide_cleavage",
        "[NX3:1]-[SX4](=O)(=O)-c>>[N:1]",
        "N-arenesulfonyl (tosyl, benzenesulfonyl) removal from an amine by reductive or strong-acid cleavage: "
        "p-tosyl methylamphetamine, 24 kg of it seized in Australia in 2017 as 'Nourishing Whitening Powder', is "
        "methylamphetamine (Collins, Bhattarai, Salouros, 'Another chemically masked drug: p-tosyl "
        "methylamphetamine', Drug Test Anal, doi:10.1002/dta.2363; the sixty-second held-out set's pmh62005). "
        "Only a sulfonyl on an aromatic carbon: alkanesulfonyl groups are left out. On an aniline nitrogen too "
        "(review38: N-tosyl ANPP, the anilide of a Category 1 fentanyl precursor, had been invisible): the sulfa "
        "drugs and sulfonanilide medicines then give unlisted amines and arenes, which no entry or family matches.",
    ),
    RuleSpec(
        "amine_oxide_reduction",
        "[NX4+;$(N(-[#6])(-[#6])(-[#6])-[OX1-]):1]-[OX1-]>>[N+0:1]",
        "N-oxide of a tertiary amine -> the amine, by mild reduction (zinc and acid, a phosphine, sulfite): the "
        "1961 Convention's Schedule I lists morphine's 'pentavalent nitrogen' derivatives, the morphine-N-oxides "
        "and codeine-N-oxide among them, with the drug, as they return to it (the sixty-third held-out set's "
        "pmh63023, fentanyl N-oxide). Only an sp3 nitrogen with three carbons: the N-oxides of aromatic rings "
        "(pyridine N-oxides, minoxidil) and of imines (chlordiazepoxide) are left out; the amine oxide "
        "surfactants give unlisted tertiary amines.",
    ),
    RuleSpec(
        "n_trityl_deprotection",
        "[N:1]-C(c1ccccc1)(c1ccccc1)c1ccccc1>>[N:1]",
        "N-trityl removal with mild acid.",
    ),
    RuleSpec(
        "o_silyl_deprotection",
        "[OX2:1]-[Si]>>[O:1]",
        "Silyl ether (TMS, TBS, TIPS, ...) -> alcohol with fluoride or acid.",
    ),
    RuleSpec(
        "enol_to_ketone",
        "[CX3:1]=[CX3:2]-[OX2H1:3]>>[C:1]-[C:2]=[O:3]",
        "Keto-enol tautomerism: an enol drawn or declared as such is the same substance as its ketone "
        "(e.g. the enol form of APAAN or of a beta-keto ester). Phenols are aromatic and not affected.",
    ),
    RuleSpec(
        "gem_diol_dehydration",
        "[CX4;!$(C(O)(O)[O,N,S]):1](-[OX2H1])-[OX2H1]>>[C:1]=O",
        "Carbonyl hydrate (gem-diol) -> carbonyl compound: the same substance drawn with its water of "
        "hydration on the carbonyl, as vendors draw 4-piperidone hydrochloride hydrate "
        "(piperidine-4,4-diol). Orthoacids and hemiaminals are excluded.",
    ),
    RuleSpec(
        "cyanohydrin_reversion",
        "[CX4;!$(C(-[OX2H1])(-C#N)~[!#6;!#1;!O]):1](-[OX2H1])-[CX2]#[NX1]>>[C:1]=O",
        "Cyanohydrin -> carbonyl compound + HCN with base (the equilibrium every cyanohydrin is in): "
        "BMK cyanohydrin is BMK. A nitrile with its hydroxyl elsewhere (3-hydroxypropionitrile) is no "
        "cyanohydrin.",
    ),
    RuleSpec(
        "enol_ether_hydrolysis",
        "[CX3:1]=[CX3:2]-[OX2]-[CX4]>>[C:1]-[C:2]=O",
        "Enol ether -> ketone or aldehyde with dilute acid (2-methoxy-1-phenylpropene -> BMK). Aryl ethers "
        "(anethole, anisole) are not enol ethers: the oxygen sits on an aromatic carbon.",
    ),
    RuleSpec(
        "enamine_hydrolysis",
        "[CX3:1]=[CX3:2]-[NX3;!$(N-[CX3]=[O,S,N]);!$(N-a);!$(N-[SX4]):3]>>([C:1]-[C:2]=O.[N:3])",
        "Enamine -> carbonyl compound + amine with water (the pyrrolidine enamine of BMK). Enamides "
        "(N-vinylpyrrolidone) and N-aryl enamines are excluded.",
    ),
    RuleSpec(
        "n_o_acetal_hydrolysis",
        "[CX4;!$(C(-[O,N,S])(-[O,N,S])-[O,N,S]):1](-[OX2;!$(O-[CX3]=O);!$(O-a):2]-[#6:4])"
        "-[NX3;!$(N-[CX3]=[O,S,N]);!$(N-a);!$(N-[SX4]):3]>>([C:1]=O.[#6:4]-[O:2].[N:3])",
        "N,O-acetal (oxazolidine, the condensation product of an amino alcohol with an aldehyde or ketone) "
        "-> amino alcohol + carbonyl compound with aqueous acid: 3,4-dimethyl-5-phenyloxazolidine is "
        "ephedrine and formaldehyde. Morpholine (O-C-C-N) is not an N,O-acetal.",
    ),
    RuleSpec(
        "nitroalkane_reduction",
        "[CX4;!H3:1]-[N+](=O)[O-]>>[C:1]-N",
        "Saturated nitroalkane -> primary amine by reduction (1-phenyl-2-nitropropane -> amphetamine). "
        "Nitromethane and aromatic nitro compounds are left alone.",
    ),
    RuleSpec(
        "nitroalkane_nef",
        "[CX4;H1,H2;!H3:1]-[N+](=O)[O-]>>[C:1]=O",
        "Secondary or primary nitroalkane -> ketone or aldehyde by the Nef reaction (1-phenyl-2-nitropropane -> BMK).",
    ),
    RuleSpec(
        "thioacetal_cleavage",
        "[CX4:1](-[SX2]-[#6])-[SX2]-[#6]>>[C:1]=O",
        "Thioacetal/thioketal (1,3-dithiolanes, dithianes) -> carbonyl compound with mercury(II) or "
        "oxidative cleavage (the BMK ethylene dithioketal). Simple thioethers are not affected.",
    ),
    RuleSpec(
        "nitroalkene_to_ketone",
        "[CX3:1]=[CX3:2]-[N+](=O)[O-]>>[C:1]-[C:2]=O",
        "Nitroalkene -> ketone by reductive hydrolysis (Fe/HCl): P2NP -> BMK, MDP2NP -> PMK.",
    ),
    RuleSpec(
        "nitroalkene_to_amine",
        "[CX3:1]=[CX3:2]-[N+](=O)[O-]>>[C:1]-[C:2]-N",
        "Nitroalkene -> primary amine by full reduction (LiAlH4): P2NP -> amphetamine, MDP2NP -> MDA.",
    ),
)


@dataclass(slots=True, frozen=True)
class CompiledRule:
    name: str
    description: str
    reaction: rdChemReactions.ChemicalReaction
    reactant: Chem.Mol  # quick pre-filter: HasSubstructMatch is far cheaper than RunReactants
    # Elements other than C, H and O that every match contains (N of a nitro group, S of a
    # thioacetal, Si of a silyl ether): a structure without one of them is skipped without matching.
    elements: frozenset[int] = frozenset()


def compile_rules(specs: tuple[RuleSpec, ...] = RULE_SPECS) -> tuple[CompiledRule, ...]:
    compiled = []
    for spec in specs:
        rxn = rdChemReactions.ReactionFromSmarts(spec.smarts)
        rxn.Initialize()
        template = rxn.GetReactantTemplate(0)
        compiled.append(CompiledRule(spec.name, spec.description, rxn, template, required_elements(template)))
    return tuple(compiled)


def required_elements(template: Chem.Mol) -> frozenset[int]:
    """The heteroelements a template's atoms require. A query atom that allows several elements
    ([O,N,S], [!#1]) reports atomic number 0 and requires nothing."""
    return frozenset(a.GetAtomicNum() for a in template.GetAtoms()) - {0, 1, 6, 8}


_ELEMENT_QUERIES: dict[int, Chem.Mol] = {}


def element_set(mol: Chem.Mol, elements: frozenset[int]) -> frozenset[int]:
    """Which of `elements` occur in `mol` (one substructure query each: far cheaper than a Python
    loop over the atoms)."""
    present = []
    for element in elements:
        query = _ELEMENT_QUERIES.get(element)
        if query is None:
            query = _ELEMENT_QUERIES[element] = Chem.MolFromSmarts(f"[#{element}]")
        if mol.HasSubstructMatch(query):
            present.append(element)
    return frozenset(present)


_CARBON = Chem.MolFromSmarts("[#6]")

# A step may not fan out forever on a poly-ester; past this many sites the rule stops.
MAX_SITES_PER_STEP = 8


def apply_rule(rule: CompiledRule, mol: Chem.Mol) -> list[Chem.Mol]:
    """Apply `rule` at every site of `mol`; return the sanitised carbon-bearing product fragments.

    Each pass runs on one fragment, and every fragment a pass releases is kept and looked at again:
    RDKit carries only the matched fragment into a reaction's product, so running the next pass on
    the whole product would drop what an earlier pass split off, and the result would depend on
    which site the SMILES spelling put first. Returns [] when the rule does not apply or a product
    cannot be sanitised.
    """
    if not mol.HasSubstructMatch(rule.reactant):
        return []
    pending = fragments_of(mol)
    done: list[Chem.Mol] = []
    applied = 0
    while pending:
        fragment = pending.pop()
        if applied < MAX_SITES_PER_STEP and fragment.HasSubstructMatch(rule.reactant):
            products = _run_once(rule, fragment)
            if products is None:
                return []
            if products:
                pending.extend(products)
                applied += 1
                continue
        done.append(fragment)
    if applied == 0:
        return []
    return [f for f in done if f.HasSubstructMatch(_CARBON)]


def _run_once(rule: CompiledRule, fragment: Chem.Mol) -> list[Chem.Mol] | None:
    """The fragments of one application at the first site; [] when the rule does not fire, None when
    the product cannot be sanitised even with the fragment read back from SMILES.

    A reaction pins the hydrogen counts of the atoms it touched (and the uncharger those it added),
    so an alcohol released by one rule could not, for instance, become a ketone by the next (an enol
    freed by ester hydrolysis); read back from SMILES its hydrogens are implicit again. That costs a
    write and a parse, so it is done only when a product does not sanitise.

    A rule that opens a ring RDKit reads as aromatic (the oxazinone ring of a 4H-3,1-benzoxazin-4-one)
    leaves the opened atoms marked aromatic outside any ring, and no re-reading sanitises that; the
    last attempt therefore runs on the Kekulé form, whose product is aromatised again by sanitising.
    A template written with aromatic atoms does not match the Kekulé form: it stays at "cannot be
    sanitised", as before."""
    for attempt, last in ((fragment, False), (None, False), (None, True)):
        if attempt is None:
            attempt = Chem.MolFromSmiles(Chem.MolToSmiles(fragment))
            if attempt is None:
                return None
            if last:
                Chem.Kekulize(attempt, clearAromaticFlags=True)
        outcomes = rule.reaction.RunReactants((attempt,), 1)
        if not outcomes:
            return None if last else []
        product = outcomes[0][0]
        try:
            Chem.SanitizeMol(product)
        except Exception:  # RDKit raises several sanitisation exception types
            continue
        return fragments_of(product)
    return None


def fragments_of(mol: Chem.Mol) -> list[Chem.Mol]:
    """The connected fragments of ``mol`` as molecules, in RDKit's order. A molecule of one fragment is
    its own fragment: ``GetMolFrags(asMols=True)`` would copy it whole, which costs about as much as
    writing its canonical SMILES, and most structures and reaction products are one fragment. What
    apply_rule does with a fragment (substructure searches, running a reaction on it, writing its SMILES)
    leaves its atoms and bonds as they were, so a structure the caller keeps in a cache may be handed
    on as it is (tests/chemistry/test_rules.py)."""
    if len(Chem.GetMolFrags(mol)) < 2:
        return [mol]
    return list(Chem.GetMolFrags(mol, asMols=True))
