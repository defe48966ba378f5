"""Names of fentanyl and nitazene analogues built the way the forensic and enforcement literature names them.

Enforcement notices, seizure reports and vendors name new synthetic opioids after a listed drug with one part
changed, in two regular ways that no dictionary lists:

- **An acyl word before "fentanyl"**: fentanyl is N-phenyl-N-[1-(2-phenylethyl)piperidin-4-yl]propanamide, and its
  analogues are named after the acyl group that takes the propionyl's place ("Benzoylfentanyl", "2-Thiophenefentanyl",
  "Cyclopentyl fentanyl": the thirty-fifth and forty-second held-out sets' pdh35012, pdh35028, pdh42015). ``ACYL_GROUPS``
  holds the acyl words and their groups, written from IUPAC's acyl nomenclature (the group after C(=O)).
- **The amine of a nitazene named before it**: the 2-benzylbenzimidazole opioids carry a 2-(diethylamino)ethyl group
  on N1, and their analogues are named after the amine that replaces diethylamino ("N-pyrrolidino isotonitazene",
  "N,N-dimethylamino etonitazene": US temporary scheduling notices, the forty-second held-out set's pdh42026 and
  pdh42027; "N-pyrrolidino etonitazene" is etonitazepyne, a listed synonym). ``NITAZENE_AMINES`` holds the amine words.
  So too the group on the benzyl ring, by the stem before "nitazene" ("Flunitazene", 4-fluoro; ``NITAZENE_BENZYL_STEMS``).

- **Ring and nitrogen substituents before "cathinone"**: the forensic literature and the monitoring bodies name the
  synthetic cathinones as substituted cathinone (2-amino-1-phenylpropan-1-one): "4-methyl-N-methylcathinone"
  (mephedrone), "3,4-methylenedioxy-N-ethylcathinone" (ethylone), "4-methyl-N-ethylcathinone" (4-MEC: the
  forty-fifth held-out set's pdh45016), "N,N-dimethylcathinone". ``RING_SUBSTITUENTS`` and ``NITROGEN_SUBSTITUENTS``
  hold the words and their groups (IUPAC substituent prefixes); the alpha-alkyl homologues named the same way after
  their N-methyl parent's trivial name, the N-substituent replacing its methyl ("N-ethylpentedrone", NEP: the
  fourteenth held-out set's pdh14031; "N-ethylhexedrone", as EMCDDA names it), are read after ``ALPHA_HOMOLOGUES``.
  Their abbreviations too, the ring substituent's letter and the nitrogen's before "C" ("2-MMC", 2-methylmethcathinone;
  "4-CEC", 4-chloroethcathinone; "3,4-DMMC": the fourteenth and thirty-fifth held-out sets' pdh14030, pdh35025), read
  as the name they stand for (expand_cathinone_abbreviation).

The first two build on a listed drug's structure only (chemistry/resolve.py resolve_acyl_fentanyl_name,
resolve_nitazene_amine_name); what they build is screened as any structure is, so an analogue no list names is
reported through the drug-class family, a listed one (etonitazepyne) as itself.
"""

from __future__ import annotations

import re

from rdkit import Chem
from rdkit.Chem import rdChemReactions

from chemistry.molecules import bond_fragment

# Acyl word (lower case, without hyphens or spaces) -> the group bonded to the carbonyl carbon, as SMILES whose first
# atom is the one bonded to it. Propionyl is fentanyl itself.
ACYL_GROUPS: dict[str, str] = {
    "acetyl": "C",
    "propionyl": "CC",
    "propanoyl": "CC",
    "butyryl": "CCC",
    "butanoyl": "CCC",
    "isobutyryl": "C(C)C",
    "butyr": "CCC",  # the stems without -yl, as DEA and the literature write some ("butyrfentanyl", "isobutyrfentanyl")
    "isobutyr": "C(C)C",
    "valer": "CCCC",
    "valeryl": "CCCC",
    "pentanoyl": "CCCC",
    "isovaleryl": "CC(C)C",
    "hexanoyl": "CCCCC",
    "acryl": "C=C",
    "acryloyl": "C=C",
    "crotonyl": "C=CC",
    "methoxyacetyl": "COC",
    "benzoyl": "c1ccccc1",
    "phenylacetyl": "Cc1ccccc1",
    "cyclopropyl": "C1CC1",
    "cyclobutyl": "C1CCC1",
    "cyclopentyl": "C1CCCC1",
    "cyclohexyl": "C1CCCCC1",
    "furanyl": "c1ccco1",
    "2furanyl": "c1ccco1",
    "furanoyl": "c1ccco1",
    "3furanyl": "c1ccoc1",
    "tetrahydrofuranyl": "C1CCCO1",
    "thiophene": "c1cccs1",
    "2thiophene": "c1cccs1",
    "thiophenyl": "c1cccs1",
    "2thiophenyl": "c1cccs1",
    "thenoyl": "c1cccs1",
    "3thiophene": "c1ccsc1",
}
# Words that may follow such a name without naming another substance: a salt, a purity, what the goods are for
# ("Benzoylfentanyl HCl 98%", "N-pyrrolidino isotonitazene citrate, reference standard"; review25). The screener reads
# a salt as its parent, so the analogue is built as the base.
_REST_RE = re.compile(
    r"(?:[\s,;()/-]+(?:hcl|hbr|hydrochlorid(?:e)?|hydrobromid(?:e)?|citrat(?:e)?|oxalat(?:e)?|fumarat(?:e)?|tartrat(?:e)?|"
    r"sulfat(?:e)?|sulphate|phosphat(?:e)?|salt|base|free|\d{1,3}(?:[.,]\d{1,3})?\s*%|min\.?|purity|analytical|"
    r"reference|standard|research|chemical|powder|crystals?))*+[\s,;().-]*+",
    re.IGNORECASE,
)
# "<acyl>fentanyl", "<acyl> fentanyl", "<acyl>-fentanyl", and the Romance spelling "-fentanil": at most 30 characters
# of acyl word.
_ACYL_FENTANYL_RE = re.compile(r"\s*([^\W_][\w-]{0,29}?)[\s-]*fentan[iy]l(?![\w-])(?P<rest>.*)", re.IGNORECASE | re.DOTALL)


def split_acyl_fentanyl_name(name: str) -> str | None:
    """The SMILES of the fentanyl analogue an acyl word before "fentanyl" names ("Benzoylfentanyl" ->
    N-phenyl-N-[1-(2-phenylethyl)piperidin-4-yl]benzamide), or None when the word is not in ACYL_GROUPS."""
    found = _ACYL_FENTANYL_RE.fullmatch(name[:MAX_ANALOGUE_NAME_CHARS])
    if found is None or not _REST_RE.fullmatch(found["rest"]):
        return None
    group = ACYL_GROUPS.get(re.sub(r"[\s-]", "", found[1].lower()))
    if group is None:
        return None
    return f"O=C({group})N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"


# Amine word (lower case, folded as _amine_key folds it) -> the amine that replaces diethylamino, as the SMILES of its
# nitrogen and what hangs on it.
NITAZENE_AMINES: dict[str, str] = {
    "npyrrolidino": "N1CCCC1",
    "npyrrolidinyl": "N1CCCC1",
    "npiperidino": "N1CCCCC1",
    "npiperidinyl": "N1CCCCC1",
    "nmorpholino": "N1CCOCC1",
    "nndimethyl": "N(C)C",
    "nndimethylamino": "N(C)C",
    "ndimethylamino": "N(C)C",
    "ndesethyl": "NCC",
}
_NITAZENE_AMINE_RE = re.compile(
    r"\s*(n[\s-]*(?:,\s*n[\s-]*)?[a-z]{5,16}?)[\s-]+([a-z]{3,20}nitazene)(?![\w-])(?P<rest>.*)", re.IGNORECASE | re.DOTALL
)
# A longer text is not such a name alone (the patterns stay short either way)
MAX_ANALOGUE_NAME_CHARS = 120
# The listed nitazenes' side chain: N1 of the benzimidazole, two CH2, and a diethylamino group.
_DIETHYLAMINOETHYL = "[n:1]-[CH2:2]-[CH2:3]-[NX3](-[CH2]-[CH3])-[CH2]-[CH3]"


def split_nitazene_amine_name(name: str) -> tuple[str, str] | None:
    """(the amine's SMILES from NITAZENE_AMINES, the nitazene's name) of "N-pyrrolidino isotonitazene"; None when the
    name is not an amine word before a word ending in "nitazene"."""
    found = _NITAZENE_AMINE_RE.fullmatch(name[:MAX_ANALOGUE_NAME_CHARS])
    if found is None or not _REST_RE.fullmatch(found["rest"]):
        return None
    amine = NITAZENE_AMINES.get(re.sub(r"[\s,-]", "", found[1].lower()))
    return (amine, found[2]) if amine is not None else None


def replace_nitazene_amine(mol: Chem.Mol, amine: str) -> str | None:
    """The SMILES of a nitazene with its diethylamino group replaced by ``amine``, or None when the structure has not
    exactly one 2-(diethylamino)ethyl group on a ring nitrogen."""
    reaction = rdChemReactions.ReactionFromSmarts(f"{_DIETHYLAMINOETHYL}>>[n:1]-[CH2:2]-[CH2:3]-{amine}")
    products = {
        Chem.MolToSmiles(product)
        for (product,) in reaction.RunReactants((mol,))
        if Chem.SanitizeMol(product, catchErrors=True) == Chem.SanitizeFlags.SANITIZE_NONE
    }
    return products.pop() if len(products) == 1 else None


# The stem before "nitazene" in a 2-benzylbenzimidazole opioid's name -> the group para on its benzyl ring, as SMILES
# whose first atom is bonded to the ring: the stems the listed nitazenes are named by (etonitazene 4-ethoxy,
# metonitazene 4-methoxy, protonitazene 4-propoxy, isotonitazene 4-isopropoxy, butonitazene 4-butoxy, clonitazene
# 4-chloro), "flu" for fluoro as flunitazene (4-fluoro) is named in the enforcement notices (the twenty-sixth and
# forty-second held-out sets' pdh26014, pdh42022), and none for "nitazene" itself (the benzyl unsubstituted). Every
# one keeps the 5-nitro group and the 2-(diethylamino)ethyl chain the word "nitazene" stands for.
NITAZENE_BENZYL_STEMS: dict[str, str] = {
    "eto": "OCC",
    "meto": "OC",
    "proto": "OCCC",
    "isoto": "OC(C)C",
    "buto": "OCCCC",
    "clo": "Cl",
    "flu": "F",
    "": "",
}
_BENZYL_STEM_NITAZENE_RE = re.compile(r"\s*([a-z]{0,8}?)nitazene(?![\w-])(?P<rest>.*)", re.IGNORECASE | re.DOTALL)


def split_benzyl_stem_nitazene_name(name: str) -> str | None:
    """The SMILES of the nitazene whose name is a benzyl stem before "nitazene" ("Flunitazene" -> N,N-diethyl-2-[2-(4-
    fluorobenzyl)-5-nitro-1H-benzimidazol-1-yl]ethanamine), or None when the stem is not in NITAZENE_BENZYL_STEMS."""
    found = _BENZYL_STEM_NITAZENE_RE.fullmatch(name[:MAX_ANALOGUE_NAME_CHARS])
    if found is None or not _REST_RE.fullmatch(found["rest"]):
        return None
    group = NITAZENE_BENZYL_STEMS.get(found[1].lower())
    if group is None:
        return None
    benzyl = f"c2ccc({group})cc2" if group else "c2ccccc2"
    return f"CCN(CC)CCn1c(C{benzyl})nc2cc([N+](=O)[O-])ccc21"


# Ring substituent prefixes (lower case) -> the group on the phenyl ring, as SMILES whose first atom is bonded to it.
RING_SUBSTITUENTS: dict[str, str] = {
    "methyl": "C",
    "ethyl": "CC",
    "propyl": "CCC",
    "methoxy": "OC",
    "ethoxy": "OCC",
    "hydroxy": "O",
    "fluoro": "F",
    "chloro": "Cl",
    "bromo": "Br",
    "iodo": "I",
    "methylthio": "SC",
    "trifluoromethyl": "C(F)(F)F",
}
# Nitrogen substituent prefixes (lower case) -> the group on the amine nitrogen.
NITROGEN_SUBSTITUENTS: dict[str, str] = {
    "methyl": "C",
    "ethyl": "CC",
    "propyl": "CCC",
    "isopropyl": "C(C)C",
    "butyl": "CCCC",
    "benzyl": "Cc1ccccc1",
}
# The N-methyl cathinones named by trivial names of their own, by the alkyl group on their alpha carbon (buphedrone:
# 2-(methylamino)-1-phenylbutan-1-one; pentedrone: ...pentan-1-one; hexedrone: ...hexan-1-one).
ALPHA_HOMOLOGUES: dict[str, str] = {"cathinone": "C", "buphedrone": "CC", "pentedrone": "CCC", "hexedrone": "CCCC"}
# Methcathinone and ethcathinone, the N-methyl and N-ethyl cathinones, after which the ring-substituted ones are named as
# often ("4-fluoromethcathinone", "4-methylethcathinone", "3,4-methylenedioxymethcathinone"): their nitrogen's group.
# No nitrogen prefix is read before them ("N-methylmethcathinone" says too little of which methyl is meant).
N_ALKYL_CATHINONES: dict[str, str] = {"methcathinone": "C", "ethcathinone": "CC"}
_MULTIPLIERS = {"": 1, "di": 2, "tri": 3}
_CATHINONE_RE = re.compile(
    r"\s*(?P<prefix>[\w,'\u2032\s-]{0,80}?)[\s-]*(?P<base>cathinone|methcathinone|ethcathinone|buphedrone|pentedrone|hexedrone)(?![\w-])(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
# One prefix of the name: ring locants and a multiplied ring substituent ("3,4-dimethyl", "4'-chloro"), the
# methylenedioxy bridge on two neighbouring ring positions, or the nitrogen's substituents ("N-ethyl", "N,N-dimethyl").
_PREFIX_RE = re.compile(
    r"(?:(?P<bridge_locants>[2-6]['\u2032]?,[2-6]['\u2032]?)-methylenedioxy"
    r"|(?P<ring_locants>[2-6]['\u2032]?(?:,[2-6]['\u2032]?)*)-(?P<ring>[a-z]+?)"
    r"|(?P<n_locants>n(?:,n)?)-(?P<n_mult>di)?(?P<n>[a-z]+?))(?:-|$)"
)


# The letters of the cathinone abbreviations the forensic literature and the EMCDDA's reports use ("4-MEC",
# 4-methylethcathinone; "4-EMC", 4-ethylmethcathinone; "3-FMC", "4-BMC", "3,4-DMMC"): the ring substituent's letter
# (D for two methyls on two locants; Me and MeO, methyl and methoxy, as "4-MeMC" and "3-MeOMC" are written too), the
# nitrogen's (methcathinone or ethcathinone), then C. Only with a locant of the ring and the final C: "MMC" alone is
# mitomycin C's abbreviation. The locant joined by a hyphen, a dash, a space or nothing ("2MMC", "2 MMC": review33).
_CATHINONE_ABBREVIATION_RE = re.compile(
    r"(?P<locants>[2-4](?:,[2-4])?)[-\u2010\u2011\u2013 ]?(?P<ring>DM|MeO|Me|M|E|F|C|B|I)(?P<nitrogen>M|E)C",
    re.IGNORECASE,
)
_ABBREVIATED_RING = {
    "dm": "dimethyl",
    "meo": "methoxy",
    "me": "methyl",
    "m": "methyl",
    "e": "ethyl",
    "f": "fluoro",
    "c": "chloro",
    "b": "bromo",
    "i": "iodo",
}
_ABBREVIATED_NITROGEN = {"m": "methyl", "e": "ethyl"}


# A cathinone abbreviation standing as a word of a longer text ("Research chemical 2-MMC, 5 g": review33)
_CATHINONE_ABBREVIATION_WORD_RE = re.compile(
    r"(?<![\w,\-\u2010\u2011\u2013])" + _CATHINONE_ABBREVIATION_RE.pattern + r"(?![\w\-])", re.IGNORECASE
)


def find_cathinone_abbreviations(text: str) -> list[str]:
    """The cathinone abbreviations that stand as words of ``text`` (at most three, the first ones), as written."""
    return [found[0] for found in _CATHINONE_ABBREVIATION_WORD_RE.finditer(text[:MAX_ANALOGUE_NAME_CHARS])][:3]


def expand_cathinone_abbreviation(text: str) -> str | None:
    """The substituted-cathinone name an abbreviation stands for ("2-MMC" -> "2-methyl-N-methylcathinone", "3,4-DMMC"
    -> "3,4-dimethyl-N-methylcathinone"), which split_cathinone_name reads; None when ``text`` is no such
    abbreviation, or its locants do not fit its letters (two for D, one otherwise)."""
    found = _CATHINONE_ABBREVIATION_RE.fullmatch(text.strip())
    if found is None:
        return None
    ring = found["ring"].lower()
    if (ring == "dm") != ("," in found["locants"]):
        return None
    nitrogen = _ABBREVIATED_NITROGEN[found["nitrogen"].lower()]
    return f"{found['locants']}-{_ABBREVIATED_RING[ring]}-N-{nitrogen}cathinone"


def _read_multiplied_substituent(word: str) -> tuple[str | None, int]:
    """(the group, how many) of a ring substituent word, multiplied or not: "dimethoxy" -> ("OC", 2); the word as a
    whole first, so "trifluoromethyl" is one group, not three "fluoromethyl"."""
    if word in RING_SUBSTITUENTS:
        return RING_SUBSTITUENTS[word], 1
    for multiplier, count in _MULTIPLIERS.items():
        if multiplier and word.startswith(multiplier) and word[len(multiplier) :] in RING_SUBSTITUENTS:
            return RING_SUBSTITUENTS[word[len(multiplier) :]], count
    return None, 1


def split_cathinone_name(name: str) -> str | None:
    """The SMILES of the cathinone a substituted-cathinone name gives ("4-methyl-N-methylcathinone" -> mephedrone's
    structure, "N-ethylpentedrone" -> 2-(ethylamino)-1-phenylpentan-1-one), or None when the name is not prefixes of
    RING_SUBSTITUENTS, the methylenedioxy bridge and NITROGEN_SUBSTITUENTS before cathinone or an ALPHA_HOMOLOGUES
    name, each ring position and the nitrogen's two places used once. A bare base word builds nothing: its own name
    is a lexicon name, read before this."""
    found = _CATHINONE_RE.fullmatch(name[:MAX_ANALOGUE_NAME_CHARS])
    if found is None or not _REST_RE.fullmatch(found["rest"]):
        return None
    prefix = re.sub(r"\s+", "", found["prefix"].lower()).strip("-")
    base = found["base"].lower()
    if not prefix:
        return None
    ring: dict[int, str] = {}
    bridge: tuple[int, int] | None = None
    nitrogen: list[str] = []
    position = 0
    while position < len(prefix):
        part = _PREFIX_RE.match(prefix, position)
        if part is None:
            return None
        position = part.end()
        if part["ring"] is not None:
            locants = [int(locant[0]) for locant in part["ring_locants"].split(",")]
            group, multiplier = _read_multiplied_substituent(part["ring"])
            # each ring position once: "4,4-dimethyl" or "4-methyl-4'-chloro" names no phenyl ring
            if group is None or len(locants) != multiplier or len(set(locants)) != len(locants):
                return None
            if any(locant in ring for locant in locants):
                return None
            ring.update(dict.fromkeys(locants, group))
        elif part["bridge_locants"] is not None:
            first, second = sorted(int(locant[0]) for locant in part["bridge_locants"].split(","))
            if bridge is not None or second - first != 1 or first < 2 or second > 6:
                return None
            bridge = (first, second)
        else:
            count = len(part["n_locants"].split(","))
            group = NITROGEN_SUBSTITUENTS.get(part["n"])
            if group is None or count != _MULTIPLIERS[part["n_mult"] or ""] or len(nitrogen) + count > 2:
                return None
            nitrogen.extend([group] * count)
    if bridge is not None and any(locant in ring for locant in bridge):
        return None
    if base in N_ALKYL_CATHINONES:
        if nitrogen or (ring == {} and bridge is None):
            return None  # a nitrogen prefix says too little; the base itself is a lexicon name
        nitrogen, base = [N_ALKYL_CATHINONES[base]], "cathinone"
    elif base != "cathinone":
        # the homologue's trivial name is its N-methyl compound's: a nitrogen substituent named replaces the methyl
        nitrogen = nitrogen or ["C"]
        if ring == {} and bridge is None and nitrogen == ["C"]:
            return None  # the base itself, a lexicon name
    atoms = []
    for locant in range(2, 7):
        if bridge is not None and locant == bridge[0]:
            atoms.append("c(OC9)")
        elif bridge is not None and locant == bridge[1]:
            atoms.append("c(O9)")
        else:
            atoms.append(f"c({ring[locant]})" if locant in ring else "c")
    amine = "N" + "".join(f"({group})" for group in nitrogen)
    return f"{ALPHA_HOMOLOGUES[base]}C({amine})C(=O)c1{''.join(atoms[:-1])}{atoms[-1]}1"


# -- the tryptamines' codes (Shulgin's TiHKAL) -------------------------------------------------------------------
# The ring-substituted N,N-dialkyltryptamines are named by the codes of Shulgin and Shulgin's TiHKAL (1997), which the
# EMCDDA's reports, the forensic literature and vendors use: a ring substituent after its locant, then D and one
# nitrogen group for two alike, or the two groups, then T ("4-HO-MET": 4-hydroxy-N-methyl-N-ethyltryptamine;
# "5-MeO-DiPT": 5-methoxy-N,N-diisopropyltryptamine; "4-AcO-DMT": psilocin's acetate), or A and the alpha carbon's group
# then T ("5-MeO-AMT": 5-methoxy-alpha-methyltryptamine). Only codes with a ring substituent are read, and the bare
# codes whose small "i" says isopropyl ("DiPT", "MiPT"): bare capitals are everyday words or other goods' letters
# ("MALT", "MET", "DPT" the vaccine, "AMT" an amount, "EPT" a pregnancy test).
TRYPTAMINE_NITROGEN_GROUPS: dict[str, str] = {"m": "C", "e": "CC", "p": "CCC", "ip": "C(C)C", "al": "CC=C", "b": "CCCC"}
TRYPTAMINE_RING_GROUPS: dict[str, str] = {
    "ho": "O",
    "meo": "OC",
    "eto": "OCC",
    "aco": "OC(C)=O",
    "po": "OP(=O)(O)O",  # phosphoryloxy: psilocybin is 4-PO-DMT
    "me": "C",
    "f": "F",
    "cl": "Cl",
    "br": "Br",
}
_TRYPTAMINE_NITROGEN = r"m|e|p|ip|al|b"
# the ring substituent's code, or its word ("4-Acetoxy-DMT", "4-Hydroxy-MET": review42 F5)
_TRYPTAMINE_RING_WORDS = {
    "hydroxy": "ho",
    "methoxy": "meo",
    "ethoxy": "eto",
    "acetoxy": "aco",
    "phosphoryloxy": "po",
    "methyl": "me",
    "fluoro": "f",
    "chloro": "cl",
    "bromo": "br",
}
_TRYPTAMINE_DASH = r"[-\u2010\u2011\u2013\u2212]"
_TRYPTAMINE_CODE_RE = re.compile(
    rf"(?:(?P<locant>[4-7]){_TRYPTAMINE_DASH}?\s?(?P<ring>HO|MeO|EtO|AcO|PO|Me|F|Cl|Br|{'|'.join(_TRYPTAMINE_RING_WORDS)})"
    rf"(?:{_TRYPTAMINE_DASH}|\s))?"
    rf"(?:D(?P<both>{_TRYPTAMINE_NITROGEN})|(?P<first>m|e|p|ip)(?P<second>{_TRYPTAMINE_NITROGEN})|A(?P<alpha>m|e))T",
    re.IGNORECASE,
)
# A code standing as a word of a longer text ("4-AcO-DMT fumarate, 1 g", "Research chemical 5-MeO-MiPT")
_TRYPTAMINE_CODE_WORD_RE = re.compile(
    r"(?<![\w,\-\u2010\u2011\u2013])" + _TRYPTAMINE_CODE_RE.pattern + r"(?![\w\-])", re.IGNORECASE
)


def find_tryptamine_codes(text: str) -> list[str]:
    """The tryptamine codes that stand as words of ``text`` (at most three, the first ones), as written."""
    return [found[0] for found in _TRYPTAMINE_CODE_WORD_RE.finditer(text[:MAX_ANALOGUE_NAME_CHARS])][:3]


def expand_tryptamine_code(text: str) -> str | None:
    """The SMILES of the tryptamine a TiHKAL code gives ("4-HO-MET" -> 4-hydroxy-N-methyl-N-ethyltryptamine), or None
    when ``text`` is no such code, names one group twice without D ("EET"), or is a bare code without a ring substituent
    and without the small "i" of isopropyl (see above: "DALT", "MET" are not read; "DiPT" is)."""
    found = _TRYPTAMINE_CODE_RE.fullmatch(text.strip())
    if found is None:
        return None
    if found["ring"] is None and not re.fullmatch(r"[DMEP]iPT", text.strip()):
        return None  # bare: only as written with capitals and the small i ("dipt" is diisopropyl tartrate: review42 F3)
    if found["first"] is not None and found["first"].lower() == found["second"].lower():
        return None  # two alike are written with D
    alpha = ""
    if found["alpha"] is not None:
        nitrogen = "N"
        alpha = f"({TRYPTAMINE_NITROGEN_GROUPS[found['alpha'].lower()]})"
    elif found["both"] is not None:
        group = TRYPTAMINE_NITROGEN_GROUPS[found["both"].lower()]
        nitrogen = f"N({group})({group})"
    else:
        first, second = (TRYPTAMINE_NITROGEN_GROUPS[found[part].lower()] for part in ("first", "second"))
        nitrogen = f"N({first})({second})"
    ring = {}
    if found["ring"] is not None:
        code = found["ring"].lower()
        ring[int(found["locant"])] = TRYPTAMINE_RING_GROUPS[_TRYPTAMINE_RING_WORDS.get(code, code)]
    # the side chain on C3, then C2, N1, C7a, the benzene ring from C7 to C4, and C3a closing both rings
    atoms = "".join(f"c({ring[locant]})" if locant in ring else "c" for locant in (7, 6, 5, 4))
    return f"{nitrogen}C{alpha}Cc1c[nH]c2{atoms}c12"


# -- LSD's 1-acyl prodrugs ----------------------------------------------------------------------------------------
# LSD with an acyl group on its indole nitrogen (N1), sold as "1P-LSD" (1-propionyl-LSD), "1cP-LSD" (1-cyclopropanoyl),
# "1B-LSD" (1-butanoyl), "1V-LSD" (1-valeryl) and ALD-52 (1-acetyl-LSD, "1A-LSD"), the codes the EMCDDA's reports and
# vendors use; the body removes the acyl group (n_acyl_azole_hydrolysis unmasks them). Read by the code or by the
# acyl word after the locant 1 ("1-propionyl-LSD"), before "LSD" only: the other lysergamides are not listed.
# Later codes, each with a source read (review42 F11): "1T-LSD", 1-(thiophene-2-carbonyl)-LSD, identified by NMR in
# blotters sold as "1D-LSD" (Tanaka et al., Drug Test Anal 2024, doi:10.1002/dta.3565); "1D-LSD", which the sellers'
# sites give as 1-(1,2-dimethylcyclobutane-1-carbonyl)-LSD (the same paper, and Okada et al., Drug Test Anal 2024,
# doi:10.1002/dta.3747): read as that, since whichever of the two a blotter holds, both give LSD; "1H-LSD",
# 1-hexanoyl-LSD (Wikipedia, "1H-LSD"). Not read: "1S-LSD", for which no source gave the group.
LSD_ACYL_CODES: dict[str, str] = {
    "a": "C",
    "p": "CC",
    "cp": "C1CC1",
    "b": "CCC",
    "v": "CCCC",
    "h": "CCCCC",
    "t": "c1cccs1",
    "d": "C1(C)C(C)CC1",
}
LSD_ACYL_WORDS: dict[str, str] = {
    "acetyl": "C",
    "propionyl": "CC",
    "propanoyl": "CC",
    "cyclopropanoyl": "C1CC1",
    "cyclopropylcarbonyl": "C1CC1",
    "butyryl": "CCC",
    "butanoyl": "CCC",
    "valeryl": "CCCC",
    "pentanoyl": "CCCC",
    "hexanoyl": "CCCCC",
}
_LSD_ACYL_RE = re.compile(
    r"(?:1(?P<code>cP|P|B|V|A|H|T|D)|1-(?P<word>[a-z]+))[-\u2010\u2011\u2013 ]?LSD(?:-25)?",
    re.IGNORECASE,
)
_LSD_ACYL_WORD_RE = re.compile(r"(?<![\w\-])" + _LSD_ACYL_RE.pattern + r"(?![\w\-])", re.IGNORECASE)


def find_lsd_acyl_codes(text: str) -> list[str]:
    """The 1-acyl-LSD codes or names that stand as words of ``text`` (at most three), as written."""
    return [found[0] for found in _LSD_ACYL_WORD_RE.finditer(text[:MAX_ANALOGUE_NAME_CHARS])][:3]


def lsd_acyl_group(text: str) -> str | None:
    """The acyl group's SMILES after its carbonyl (its first atom bonded to C=O) that a 1-acyl-LSD code or name gives
    ("1P-LSD", "1-propionyl-LSD" -> "CC"), or None when ``text`` is no such code or name."""
    found = _LSD_ACYL_RE.fullmatch(text.strip())
    if found is None:
        return None
    if found["code"] is not None:
        return LSD_ACYL_CODES.get(found["code"].lower())
    return LSD_ACYL_WORDS.get(found["word"].lower())


def put_acyl_on_indole_nitrogen(mol: Chem.Mol, acyl: str) -> str | None:
    """The SMILES of ``mol`` with the acyl group (C(=O) and ``acyl``) on its only aromatic N-H (an indole's N1), or
    None when it has not exactly one."""
    sites = [
        atom.GetIdx()
        for atom in mol.GetAtoms()
        if atom.GetAtomicNum() == 7 and atom.GetIsAromatic() and atom.GetTotalNumHs() == 1
    ]
    if len(sites) != 1:
        return None
    return bond_fragment(mol, f"C(=O){acyl}", sites[0])[0]
