import pytest
from rdkit import Chem

from chemistry.analogue_names import (
    expand_cathinone_abbreviation,
    expand_tryptamine_code,
    lsd_acyl_group,
    put_acyl_on_indole_nitrogen,
    replace_nitazene_amine,
    split_acyl_fentanyl_name,
    split_benzyl_stem_nitazene_name,
    split_cathinone_name,
    split_nitazene_amine_name,
)
from chemistry.resolve import LAST_RESORT_NAME_READINGS, NameReaders, Resolution, StructureCache, read_unresolved_name
from tests.factories import bundled_watchlist, screen_one

WL = bundled_watchlist()
ETONITAZENE = "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1"


def canonical(smiles: str) -> str:
    return Chem.MolToSmiles(Chem.MolFromSmiles(smiles))


@pytest.mark.parametrize(
    ("name", "smiles"),
    [
        # held-out 35's pdh35012 and held-out 42's pdh42015; held-out 35's pdh35028
        ("Benzoylfentanyl", "O=C(c1ccccc1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"),
        ("2-thiophenefentanyl", "O=C(c1cccs1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"),
        ("Cyclopentyl fentanyl", "O=C(C1CCCC1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"),
        ("Isobutyryl-fentanyl", "CC(C)C(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"),
        # review25: a salt, a purity or a use after the name; the Romance spelling; a stem without -yl
        ("Benzoylfentanyl HCl 98%", "O=C(c1ccccc1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"),
        ("Benzoylfentanyl citrate, reference standard", "O=C(c1ccccc1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"),
        ("Benzoilfentanil", None),  # not an acyl word of the table (the Spanish acyl word is not read)
        ("Benzoylfentanil", "O=C(c1ccccc1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"),
        ("Isobutyrfentanyl", "CC(C)C(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"),
    ],
)
def test_an_acyl_word_before_fentanyl_puts_that_acyl_group_in_place_of_the_propionyl(name, smiles):
    built = split_acyl_fentanyl_name(name)
    assert (built and canonical(built)) == (smiles and canonical(smiles))


@pytest.mark.parametrize(
    "name",
    ["fentanyl", "Carfentanyl", "para-fluorofentanyl", "Foobar fentanyl", "Benzoyl", "Benzoylfentanyl and acetone"],
)
def test_no_acyl_word_of_the_table_builds_nothing(name):
    assert split_acyl_fentanyl_name(name) is None


@pytest.mark.parametrize(
    ("name", "amine", "drug"),
    [
        ("N-pyrrolidino isotonitazene", "N1CCCC1", "isotonitazene"),  # held-out 42's pdh42026
        ("N,N-dimethylamino etonitazene", "N(C)C", "etonitazene"),  # held-out 42's pdh42027
        ("N-Piperidinyl Protonitazene", "N1CCCCC1", "Protonitazene"),
        ("N-dimethylamino etonitazene", "N(C)C", "etonitazene"),
        ("N-pyrrolidino isotonitazene citrate, 99 %", "N1CCCC1", "isotonitazene"),  # a salt and a purity after it
    ],
)
def test_an_amine_word_before_a_nitazene_is_read(name, amine, drug):
    assert split_nitazene_amine_name(name) == (amine, drug)


@pytest.mark.parametrize(
    "name", ["Isotonitazene", "N-ethyl isotonitazene", "N-pyrrolidino fentanyl", "N-pyrrolidino isotonitazene and toluene"]
)
def test_no_amine_word_of_the_table_or_no_nitazene_reads_nothing(name):
    assert split_nitazene_amine_name(name) is None


def test_the_diethylamino_group_of_a_nitazene_is_replaced():
    pyrrolidino = replace_nitazene_amine(Chem.MolFromSmiles(ETONITAZENE), "N1CCCC1")
    assert canonical(pyrrolidino) == canonical(WL.by_id["DRUG-ETONITAZEPYNE"].entry.smiles)  # etonitazepyne
    assert replace_nitazene_amine(Chem.MolFromSmiles("CCN(CC)CCc1ccccc1"), "N1CCCC1") is None  # no benzimidazole


@pytest.mark.parametrize(
    ("name", "reading", "family"),
    [
        ("Benzoylfentanyl", "acyl word before 'fentanyl'", "FAM-4-ANILINOPIPERIDINE"),
        ("N-pyrrolidino isotonitazene", "amine word before a nitazene", "FAM-DRUG-NITAZENE"),
        ("4-bromo-N-methylcathinone", "substituted-cathinone name", "FAM-DRUG-CATHINONE"),
        ("N-ethylpentedrone", "substituted-cathinone name", "FAM-DRUG-CATHINONE"),
    ],
)
def test_the_readings_build_on_the_listed_drug_and_say_so(name, reading, family):
    assert reading in [r.id for r in LAST_RESORT_NAME_READINGS]
    found = read_unresolved_name(NameReaders(WL, StructureCache()), name, Resolution("unresolved", None))
    assert found.std is not None and found.name is None  # no source names the structure
    assert "no source lists the name" in found.source
    # screened, the unlisted analogue is reported through its drug class
    verdict = screen_one({"name": name})
    assert family in {f.family.spec.id for f in verdict.findings if f.family is not None}
    assert verdict.severity in ("medium", "high", "critical")


def test_a_nitazene_amine_name_of_an_unlisted_nitazene_reads_nothing():
    found = read_unresolved_name(
        NameReaders(WL, StructureCache()), "N-pyrrolidino foonitazene", Resolution("unresolved", None)
    )
    assert found.std is None


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("4-methyl-N-methylcathinone", "DRUG-MEPHEDRONE"),
        ("4-methyl-N-ethylcathinone", "DRUG-4-MEC"),  # held-out 45's pdh45016, with its abbreviation before it
        ("N-ethyl-4-methylcathinone", "DRUG-4-MEC"),  # the nitrogen's substituent first
        ("3,4-methylenedioxy-N-methylcathinone", "DRUG-METHYLONE"),
        ("3,4-methylenedioxy-N-ethylcathinone", "DRUG-ETHYLONE"),
        ("4'-chloro-N-methylcathinone HCl", "DRUG-4-CMC"),  # a primed locant, a salt word
        ("3-chloro-N-methylcathinone", "DRUG-3-CMC"),
        ("N-ethylhexedrone", "DRUG-N-ETHYLHEXEDRONE"),  # the homologue's N-methyl replaced
    ],
)
def test_a_substituted_cathinone_name_builds_the_listed_drug(name, entry):
    assert canonical(split_cathinone_name(name)) == canonical(WL.by_id[entry].entry.smiles)


@pytest.mark.parametrize(
    ("name", "smiles"),
    [
        # review31: "tri" had been read as a multiplier of "fluoromethyl"
        ("4-trifluoromethyl-N-methylcathinone", "CC(NC)C(=O)c1ccc(C(F)(F)F)cc1"),
        ("3,4-dimethyl-N-methylcathinone", "CC(NC)C(=O)c1ccc(C)c(C)c1"),  # a multiplied ring substituent
        ("2,4,6-trimethylcathinone", "CC(N)C(=O)c1c(C)cc(C)cc1C"),
    ],
)
def test_a_ring_substituent_word_is_read_whole_before_a_multiplier(name, smiles):
    assert canonical(split_cathinone_name(name)) == canonical(smiles)


@pytest.mark.parametrize(
    "name",
    [
        "cathinone",  # the base words are lexicon names
        "pentedrone",
        "4-methyl-N-methyl-N-methyl-N-ethylcathinone",  # three groups on the nitrogen
        "4-methyl-4-chlorocathinone",  # one ring position twice
        "3,5-methylenedioxy-N-methylcathinone",  # a bridge across positions that are not neighbours
        "3,4-methylenedioxy-4-methylcathinone",  # the bridge's position taken
        "2,3-dimethylpropylcathinone",  # a ring word no table has
        "4-foo-N-methylcathinone",
        "4,4-dimethyl-N-methylcathinone",  # one position twice in one prefix (review31)
        "4-methyl-4'-chloro-N-methylcathinone",  # a primed and an unprimed locant of the one ring
        "3,4,5-dimethyl-N-methylcathinone",  # three locants, two groups
    ],
)
def test_a_name_that_is_not_substituents_on_cathinone_builds_nothing(name):
    assert split_cathinone_name(name) is None


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("4-MEC 4-methyl-N-ethylcathinone", "DRUG-4-MEC"),  # an abbreviation before the name
        ("NEP (N-ethylpentedrone) 5 g", None),  # held-out 14's pdh14031: in brackets, the class member
        ("N-ethylpentedrone (NEP)", None),  # review31: the name before its abbreviation in brackets
        # review31: a first word naming a substance of its own does not undo the reading; it is reported beside it
        ("Mephedrone 4-methyl-N-ethylcathinone", "DRUG-4-MEC"),
        ("Acetone 4-methyl-N-ethylcathinone", "DRUG-4-MEC"),
    ],
)
def test_a_substituted_cathinone_name_beside_other_words(name, entry):
    verdict = screen_one({"name": name})
    listed = {f.entry.id for f in verdict.findings if f.entry is not None and f.method == "exact"}
    # read as words, never as a SMILES string joined again (review31: the note had said so)
    assert "substituted cathinone" in verdict.resolution.source and "SMILES" not in verdict.resolution.source
    if entry is None:
        assert verdict.severity == "medium" and not listed
    else:
        assert entry in listed and verdict.severity == "critical"
        first = name.split()[0]
        also = f"also names '{first}'" in verdict.resolution.source
        assert also == (first in {"Mephedrone", "Acetone"})


@pytest.mark.parametrize(
    ("abbreviation", "name"),
    [
        ("2-MMC", "2-methyl-N-methylcathinone"),  # held-out 14's pdh14030
        ("4-CEC", "4-chloro-N-ethylcathinone"),  # held-out 35's pdh35025
        ("4-EMC", "4-ethyl-N-methylcathinone"),  # the ring's letter first, the nitrogen's second
        ("4-MEC", "4-methyl-N-ethylcathinone"),
        ("3,4-DMMC", "3,4-dimethyl-N-methylcathinone"),
        ("3-fmc", "3-fluoro-N-methylcathinone"),
        # review33: the locant joined by nothing, a space or a dash; Me and MeO for methyl and methoxy
        ("2MMC", "2-methyl-N-methylcathinone"),
        ("2 MMC", "2-methyl-N-methylcathinone"),
        ("2\u2013MMC", "2-methyl-N-methylcathinone"),
        ("4-MeMC", "4-methyl-N-methylcathinone"),
        ("3-MeOMC", "3-methoxy-N-methylcathinone"),
        ("MMC", None),  # no locant: mitomycin C's abbreviation
        ("5-MMC", None),  # a locant no such name is written with
        ("2,4-MMC", None),  # two locants, one methyl
        ("3-DMMC", None),  # one locant, two methyls
        ("4-XMC", None),
    ],
)
def test_a_cathinone_abbreviation_stands_for_its_substituted_cathinone_name(abbreviation, name):
    assert expand_cathinone_abbreviation(abbreviation) == name


@pytest.mark.parametrize(
    ("name", "smiles"),
    [
        ("4-fluoromethcathinone", "CC(NC)C(=O)c1ccc(F)cc1"),  # named after methcathinone and ethcathinone too
        ("4-methylethcathinone", "CC(NCC)C(=O)c1ccc(C)cc1"),
        ("3,4-methylenedioxymethcathinone", "CC(NC)C(=O)c1ccc2c(c1)OCO2"),
        ("N-methylmethcathinone", None),  # which methyl is meant is not said
        ("methcathinone", None),  # a lexicon name
    ],
)
def test_a_ring_substituted_methcathinone_or_ethcathinone_name_is_built(name, smiles):
    built = split_cathinone_name(name)
    assert (built and canonical(built)) == (smiles and canonical(smiles))


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        ("2-MMC 10 g, research chemical", "medium"),  # held-out 14's pdh14030: the cathinone class
        ("4-CEC", "medium"),  # held-out 35's pdh35025
        ("3-FMC (3-fluoromethcathinone)", "medium"),
        ("4-MEC", "critical"),  # a listed one's own synonym
        ("MMC", None),
        ("Mitomycin C (MMC) 2 mg", None),
        # review33: the comma between two locants is no break after the first word
        ("3,4-DMMC 10 g", "medium"),
        ("3,4-DMMC, 5 g", "medium"),
        ("2MMC", "medium"),
        # review33: an abbreviation standing as a word further on
        ("Research chemical 2-MMC, 5 g", "medium"),
        ("bath salts 4-CEC 10 g", "medium"),
        ("Part no. 4-MEC-200", None),  # joined to a figure: a part number
        ("Lot 12-MMC", None),  # no locant 12
    ],
)
def test_a_cathinone_abbreviation_in_a_declaration_is_screened_as_its_cathinone(name, severity):
    verdict = screen_one({"name": name})
    assert verdict.severity == severity
    if severity == "medium":
        assert "read as a substituted cathinone" in verdict.resolution.source


@pytest.mark.parametrize(
    ("name", "benzyl"),
    [
        ("Flunitazene", "Cc3ccc(F)cc3"),  # the twenty-sixth and forty-second held-out sets' pdh26014, pdh42022
        ("FLUNITAZENE HCl 98%", "Cc3ccc(F)cc3"),
        ("Nitazene", "Cc3ccccc3"),
        ("etonitazene", "Cc3ccc(OCC)cc3"),  # a listed one's stem gives the listed structure
    ],
)
def test_a_benzyl_stem_before_nitazene_names_the_group_on_the_benzyl_ring(name, benzyl):
    built = split_benzyl_stem_nitazene_name(name)
    assert built is not None
    assert canonical(built) == canonical(f"CCN(CC)CCn1c({benzyl})nc2cc([N+](=O)[O-])ccc21")
    if name == "etonitazene":
        assert canonical(built) == canonical(ETONITAZENE)


@pytest.mark.parametrize("name", ["Nitazoxanide", "Foonitazene", "Flunitazene analogue of something", "nitazenes"])
def test_a_name_that_is_no_benzyl_stem_before_nitazene_builds_nothing(name):
    assert split_benzyl_stem_nitazene_name(name) is None


def test_flunitazene_by_name_is_a_nitazene_at_medium_or_above_and_says_how_it_was_read():
    verdict = screen_one({"name": "Flunitazene"})
    assert verdict.severity in ("medium", "high", "critical")
    assert "FAM-DRUG-NITAZENE" in {f.family.spec.id for f in verdict.findings if f.family is not None}
    assert "stem before 'nitazene'" in verdict.resolution.source


# -- the tryptamines' codes (TiHKAL) -----------------------------------------------------------------------------
def _same(smiles_a, smiles_b):
    return Chem.MolToSmiles(Chem.MolFromSmiles(smiles_a)) == Chem.MolToSmiles(Chem.MolFromSmiles(smiles_b))


@pytest.mark.parametrize(
    ("code", "smiles"),
    [
        ("4-HO-DMT", "CN(C)CCc1c[nH]c2cccc(O)c12"),  # psilocin
        ("4-PO-DMT", "CN(C)CCc1c[nH]c2cccc(OP(=O)(O)O)c12"),  # psilocybin
        ("4-AcO-DMT", "CC(=O)Oc1cccc2[nH]cc(CCN(C)C)c12"),
        ("5-MeO-DiPT", "COc1ccc2[nH]cc(CCN(C(C)C)C(C)C)c2c1"),
        ("5-MeO-MiPT", "COc1ccc2[nH]cc(CCN(C)C(C)C)c2c1"),
        ("4-HO-MET", "CCN(C)CCc1c[nH]c2cccc(O)c12"),
        ("5-MeO-DALT", "C=CCN(CC=C)CCc1c[nH]c2ccc(OC)cc12"),
        ("5-MeO-AMT", "COc1ccc2[nH]cc(CC(C)N)c2c1"),
        ("DiPT", "CC(C)N(CCc1c[nH]c2ccccc12)C(C)C"),
        ("5MeO-DMT", "COc1ccc2[nH]cc(CCN(C)C)c2c1"),
    ],
)
def test_a_tryptamine_code_builds_the_tryptamine_it_stands_for(code, smiles):
    assert _same(expand_tryptamine_code(code), smiles)


@pytest.mark.parametrize(
    "code",
    [
        "MALT",  # bare capitals are everyday words or other goods' letters: malt, the DPT vaccine, an amount
        "DALT",
        "MET",
        "DPT",
        "AMT",
        "DIPT",  # without the small i of isopropyl, bare capitals are not read
        "EET",  # two alike are written with D
        "5-MeO-EET",
        "3-HO-DMT",  # a locant of the pyrrole ring: no ring substituent the codes write
        "4-HO-DMTX",
    ],
)
def test_a_bare_code_in_capitals_or_a_malformed_code_builds_nothing(code):
    assert expand_tryptamine_code(code) is None


@pytest.mark.parametrize(
    ("name", "severity", "entry"),
    [
        ("4-HO-DMT", "critical", "DRUG-PSILOCINE"),  # the listed drug itself
        ("4-AcO-DMT fumarate, 1 g", "critical", "DRUG-PSILOCINE"),  # psilocin's ester: unmasked to it
        ("Research chemical 5-MeO-MiPT", "medium", None),  # through the tryptamine class
        ("4-HO-MET", "medium", None),
        ("DiPT", "medium", None),
    ],
)
def test_a_tryptamine_code_in_a_declaration_is_screened_as_its_tryptamine(name, severity, entry):
    assert "tryptamine code" in [r.id for r in LAST_RESORT_NAME_READINGS]
    verdict = screen_one({"name": name})
    assert verdict.severity == severity and "tryptamine code of Shulgin's TiHKAL" in verdict.resolution.source
    if entry is not None:
        assert entry in {f.entry.id for f in verdict.findings if f.entry is not None}
    else:
        assert "FAM-DRUG-TRYPTAMINE" in {f.family.spec.id for f in verdict.findings if f.family is not None}


@pytest.mark.parametrize("name", ["Malt extract", "DPT vaccine", "AMT 500 EUR", "MALT 25 kg"])
def test_everyday_words_that_look_like_tryptamine_codes_stay_unflagged(name):
    assert screen_one({"name": name}).severity is None


# -- LSD's 1-acyl prodrugs ---------------------------------------------------------------------------------------
LSD = "CCN(CC)C(=O)[C@@H]1C=C2c3cccc4[nH]cc(c34)C[C@H]2N(C)C1"


@pytest.mark.parametrize(
    ("code", "acyl"),
    [
        ("1P-LSD", "CC"),
        ("1cP-LSD", "C1CC1"),
        ("1B-LSD", "CCC"),
        ("1V-LSD", "CCCC"),
        ("1-propionyl-LSD", "CC"),
        ("1H-LSD", "CCCCC"),
        ("1T-LSD", "c1cccs1"),
        ("1D-LSD", "C1(C)C(C)CC1"),
    ],
)
def test_a_1_acyl_lsd_code_names_its_acyl_group(code, acyl):
    assert lsd_acyl_group(code) == acyl


@pytest.mark.parametrize("code", ["LSD", "1X-LSD", "1S-LSD", "1-methyl-LSD", "1P", "1P-ETH-LAD", "1H-indole"])
def test_what_is_no_1_acyl_lsd_code_names_no_group(code):
    assert lsd_acyl_group(code) is None


def test_the_acyl_group_goes_on_the_indole_nitrogen_and_keeps_lsds_stereochemistry():
    built = Chem.MolFromSmiles(put_acyl_on_indole_nitrogen(Chem.MolFromSmiles(LSD), "CC"))
    assert built.HasSubstructMatch(Chem.MolFromSmarts("CCC(=O)n1ccc2ccccc21"))  # on the indole N1
    from rdkit.Chem import AllChem

    (deacylated,) = AllChem.ReactionFromSmarts("[n:1]C(=O)[CH2][CH3]>>[nH:1]").RunReactants((built,))[0]
    Chem.SanitizeMol(deacylated)
    assert Chem.MolToSmiles(deacylated) == Chem.MolToSmiles(Chem.MolFromSmiles(LSD))


@pytest.mark.parametrize(
    "name", ["1P-LSD (1-propionyl-LSD) blotters", "1cP-LSD", "1V-LSD 100 mcg blotter", "1T-LSD", "1D-LSD blotter"]
)
def test_a_1_acyl_lsd_in_a_declaration_unmasks_to_lsd(name):
    verdict = screen_one({"name": name})
    assert verdict.severity == "critical" and "on the indole nitrogen" in verdict.resolution.source
    assert "DRUG-LSD" in {f.entry.id for f in verdict.findings if f.entry is not None and f.method == "unmasking"}


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        # review42 F3: "DiPT" is also diisopropyl tartrate's abbreviation: a bare code is read only as written and at
        # the head, never in brackets after another name
        ("Diisopropyl L-tartrate (DiPT)", None),
        ("diisopropyl tartrate, dipt", None),
        ("dipt", None),
        # review42 F5: a space or a minus sign for the hyphen, and the ring substituent's word
        ("4-AcO DMT", "critical"),
        ("4\u2212AcO\u2212DMT", "critical"),
        ("4-Acetoxy-DMT", "critical"),
        ("4-Hydroxy-MET", "medium"),
        ("4-HO MET", "medium"),
    ],
)
def test_tryptamine_codes_as_traders_space_and_spell_them_and_the_tartrate_that_shares_letters(name, severity):
    assert screen_one({"name": name}).severity == severity


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        ("1P-LSD tartrate", "critical"),
        ("1V-LSD fumarate", "critical"),
        ("4-HO-MET fumarate", "medium"),
        ("4-HO-MET succinate", "medium"),  # a salt word since the fortieth session
        # the rest of F4: the salt's word in brackets had been read alone, as the acid
        ("1P-LSD (tartrate)", "critical"),
        ("1V-LSD (fumarate) 100 mcg", "critical"),
        ("4-HO-MET (succinate)", "medium"),
    ],
)
def test_a_drug_code_before_a_salt_word_is_the_drug_not_the_salts_acid(name, severity):
    # review42 F4: "<code> tartrate" had been read as an abbreviation and its full name, tartaric acid
    verdict = screen_one({"name": name})
    assert verdict.severity == severity and "also names" not in verdict.resolution.source
