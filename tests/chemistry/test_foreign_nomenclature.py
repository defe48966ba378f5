"""Respelling another language's nomenclature morphemes in English (chemistry/foreign_nomenclature.py).

The names are sourced rows of chemistry/data/names_eu.csv (its source ids in the comments); OPSIN's reading
of the respelt names is tested in tests/chemistry/test_resolve.py."""

import pytest

from chemistry.foreign_nomenclature import (
    MORPHEMES,
    respell_czech_acid_name,
    respell_german_bracketed_ester,
    respell_latin_title,
    respell_systematic_name,
    segment_word,
)
from chemistry.opsin import clean_name


@pytest.mark.parametrize(
    ("declared", "english"),
    [
        # Finnish (FI-FINLEX-543-2008-ALKUP, 2C-B): -yyli, -iini, k for c
        ("4-bromo-2,5-dimetoksifenetyyliamiini", "4-bromo-2,5-dimethoxyphenethylamine"),
        # Swedish (SE-SFS-1992-1554, 25B-NBOMe): -yl, -oxi, s for z, -amin
        ("2-(4-bromo-2,5-dimetoxifenyl)-N-(2-metoxibensyl)etanamin",
         "2-(4-bromo-2,5-dimethoxyphenyl)-N-(2-methoxybenzyl)ethanamine"),
        # Czech (CZ-SB-2013-463, phencyclidine): cyklo, -in at the end only
        ("1-(1-fenylcyklohexyl)piperidin", "1-(1-phenylcyclohexyl)piperidine"),
        # Spanish (ES-SSI-748-2016-REPORTED, BZP): c for z, -ina
        ("1-bencilpiperazina", "1-benzylpiperazine"),
        # Polish (EU-CN-2026-PL, BMK): -ylo, -on after a locant
        ("fenylopropan-2-on", "phenylpropan-2-one"),
        # Lithuanian (LT-SAM-1998-577, PMK): -il, -oksi, -onas
        ("3,4-metilendioksifenil-2-propanonas", "3,4-methylenedioxyphenyl-2-propanone"),
        # Catalan (ES-UV-SPMA-CATALOGADES, PMK): -ona
        ("3,4-metilendioxifenilpropan-2-ona", "3,4-methylenedioxyphenylpropan-2-one"),
        # Russian and Bulgarian (RU-PP-681-1998-T4III, BG-NAREDBA-1-2008): Cyrillic transliterated first
        ("2-пропанон", "2-propanone"),
        ("1-фенил-2-пропанон", "1-phenyl-2-propanone"),
        ("1-(1,3-Бензодиоксол-5-ил) -2-пропанон", "1-(1,3-benzodioxol-5-yl) -2-propanone"),
        # Estonian (names_eu.csv, 5-IT; the fifty-first held-out set's Estonian list I names): -üül, -aan, -iin, -ool,
        # s for z (thirty-third session)
        ("5-(2-aminopropüül)indool", "5-(2-aminopropyl)indole"),
        ("1-(bensofuraan-5-üül)-N-metüülpropaan-2-amiin", "1-(benzofuran-5-yl)-N-methylpropan-2-amine"),
        # Croatian (the fifty-fifth held-out set's pch55049, safrole): a chain's stem and ending apart by locants
        ("5-(Prop-2-en-1-il)-2H-1,3-benzodioksol", "5-(prop-2-en-1-yl)-2H-1,3-benzodioxole"),
        ("1-fenilpent-1-en-3-on", "1-phenylpent-1-en-3-one"),  # the pent- stem (review35)
        # Italian ring names (review35)
        ("1-(1,3-benzodiossol-5-il)-N-metilpropan-2-ammina", "1-(1,3-benzodioxol-5-yl)-N-methylpropan-2-amine"),
        # the nitrile suffix (thirty-eighth session): Spanish o before it where English writes e (the sixty-second
        # held-out set's pch62045, APAAN, its writer's own Spanish rendering), German -nitril
        ("3-oxo-2-fenilbutanonitrilo", "3-oxo-2-phenylbutanenitrile"),
        ("fenilacetonitrilo", "phenylacetonitrile"),
        ("Phenylacetonitril", "phenylacetonitrile"),
    ],
)
def test_a_sourced_foreign_systematic_name_is_respelt_in_english(declared, english):
    assert respell_systematic_name(clean_name(declared)) == english


@pytest.mark.parametrize(
    ("declared", "latin"),
    [
        ("Альпразолам", "alprazolam"),  # Ukrainian (the fifty-seventh held-out set's pdh57007)
        ("КАЛІЮ ПЕРМАНГАНАТ", "kaliju permanganat"),  # capitals, Ukrainian і
        ("Лизергид (ЛСД)", "lizergid (lsd)"),  # Serbian, the brackets as written
        ("Ефедрин 99 %", "efedrin 99 %"),
    ],
)
def test_a_name_in_cyrillic_letters_is_transliterated(declared, latin):
    from chemistry.foreign_nomenclature import transliterate_cyrillic

    assert transliterate_cyrillic(declared) == latin


def test_a_name_without_cyrillic_letters_is_not_transliterated():
    from chemistry.foreign_nomenclature import transliterate_cyrillic

    assert transliterate_cyrillic("Alprazolam") is None
    assert transliterate_cyrillic("εφεδρίνη") is None  # Greek is another script


def test_an_ending_english_writes_only_at_the_end_of_a_name_is_not_written_before_a_locant():
    # English "piperazin-1-yl", "propan-2-one": the stem keeps no e before a locant
    assert respell_systematic_name("4-(piperazin-1-il)fenol") == "4-(piperazin-1-yl)phenol"
    assert respell_systematic_name("2-etylamin-1-fenylpropan-1-on") == "2-ethylamin-1-phenylpropan-1-one"


@pytest.mark.parametrize(
    "declared",
    [
        "Propanolol",  # English already, nothing to respell: OPSIN's own reading
        "1-phenylpropan-2-one",
        "Fenil Milano",  # a word that is not nomenclature: the name is not respelt at all
        "metil rosso",
        "methylester 3-oxo-2-fenylmáselné kyseliny",  # Czech grammar around the name: not a morpheme chain
        "1-cikloheksil-4-(1,2-difeniletil)piperazin (MT45)",  # the code in brackets: the caller splits it off
        "",
        "fenil-" * 60,  # longer than any name OPSIN is sent
    ],
)
def test_a_name_with_a_word_that_is_no_morpheme_chain_or_nothing_foreign_is_not_respelt(declared):
    assert respell_systematic_name(declared) is None


def test_a_word_is_segmented_into_the_fewest_morphemes_and_never_partly():
    assert [m.english for m in segment_word("metilendioksi")] == ["methylene", "dioxy"]
    assert segment_word("metilx") is None
    assert segment_word("a" * 200) is None


def test_the_table_is_a_spelling_map_in_lower_case_without_duplicates():
    for spec in MORPHEMES:
        assert spec.english == spec.english.lower() and spec.languages
        assert all(s == s.lower() and s.isalpha() for s in spec.spellings)
        assert len(set(spec.spellings)) == len(spec.spellings), spec.english


@pytest.mark.parametrize(
    ("declared", "english"),
    [
        ("kyselina 2-aminobenzoová", "2-aminobenzoic acid"),  # cs, CZ-SB-1998-167 (anthranilic acid)
        ("kyselina fenyloctová", "phenylacetic acid"),  # sk, SK-ZZ-2004-101
        ("methylester kyseliny fenyloctové", "phenylacetic acid methyl ester"),  # the ester, noun first
    ],
)
def test_a_czech_or_slovak_acid_or_ester_name_is_written_in_english_functional_class_order(declared, english):
    assert respell_czech_acid_name(declared) == english


@pytest.mark.parametrize(
    "declared",
    [
        "kyselina chlorovodíková",  # hydrochloric acid: no retained organic acid's adjective
        "metylester kyseliny x-octovej",  # a prefix that is no morpheme
        "octová voda",  # the adjective without the acid noun
    ],
)
def test_a_czech_name_of_another_shape_is_not_reordered(declared):
    assert respell_czech_acid_name(declared) is None


@pytest.mark.parametrize(
    ("declared", "english"),
    [
        # held-out 43's pch43052 and pch43056: phenylacetic and anthranilic acid in German compound spelling
        ("Benzolessigsäure", "benzeneacetic acid"),
        ("o-Aminobenzoesäure", "o-aminobenzoic acid"),
        ("Phenylessigsaeure", "phenylacetic acid"),  # ä typed as ae
        ("2-Phenylacetessigsäuremethylester", "2-phenylacetoacetic acid methyl ester"),  # MAPA, the ester after it
        ("Phenylessigsäure-ethylester", "phenylacetic acid ethyl ester"),
        ("Essigsäureanhydrid", "acetic anhydride"),
        ("3-Oxo-2-phenylbutansäure", "3-oxo-2-phenylbutanoic acid"),  # a parent hydride's stem
    ],
)
def test_a_german_acid_ester_or_anhydride_is_written_in_english(declared, english):
    from chemistry.foreign_nomenclature import respell_german_acid_name

    assert respell_german_acid_name(declared) == english


@pytest.mark.parametrize(
    "declared",
    [
        "Salzsäure",  # hydrochloric acid: no organic acid's stem (the watchlist names it)
        "Schwefelsäure",
        "Kieselsäure",
        "Xyzessigsäure",  # a prefix that is no morpheme
        "Säure",
    ],
)
def test_a_german_name_of_another_shape_is_not_respelt(declared):
    from chemistry.foreign_nomenclature import respell_german_acid_name

    assert respell_german_acid_name(declared) is None


@pytest.mark.parametrize(
    ("declared", "entry"),
    [("Benzolessigsäure", "EU2B-PHENYLACETIC-ACID"), ("2-Phenylacetessigsäuremethylester", "EU1-MAPA")],
)
def test_a_german_acid_name_resolves_through_opsin(declared, entry):
    from tests.factories import screen_one

    verdict = screen_one({"name": declared})
    assert entry in {f.entry.id for f in verdict.findings if f.method == "exact"}
    assert "read as the English systematic name" in verdict.resolution.source


@pytest.mark.parametrize(
    ("declared", "english"),
    [
        # German names that are English names without the final e (the forty-third held-out set's pch43036, pch43049)
        ("Methylaceton", "methylacetone"),
        ("Pentamethylenimin", "pentamethyleneimine"),
    ],
)
def test_a_german_name_of_known_morphemes_is_respelt_with_the_english_endings(declared, english):
    assert respell_systematic_name(declared) == english


@pytest.mark.parametrize(
    ("declared", "english"),
    [
        ("Acidum hydrochloricum", "hydrochloric acid"),  # the forty-third held-out set's pch43004
        ("Acidum hydrochloridum concentratum", "hydrochloric acid"),  # the Ph. Eur. title, its grade word left out
        ("Acidum aceticum glaciale", "acetic acid"),
        ("ACIDUM PHENYLACETICUM", "phenylacetic acid"),
        ("Kalii permanganas", "potassium permanganate"),
        ("Natrii chloridum", "sodium chloride"),
        ("Ephedrini hydrochloridum", "ephedrine hydrochloride"),  # WHO-PHINT-EPHEDRINE-HCL's title
        ("Ephedrinum hydrochloricum", "ephedrine hydrochloride"),  # the older title (PL-URPL-EPHEDRINUM-HCL)
        ("Fentanyli citras", "fentanyl citrate"),  # CH-SWISSMEDIC-FENTANYL-JANSSEN
        ("Acetonum", "acetone"),
        ("Toluenum", "toluene"),
        # review26's F4: the Ph. Eur. titles of ephedrine, the older nominative titles, the anhydride
        ("Ephedrinum hemihydricum", "ephedrine"),
        ("Ephedrini racemici hydrochloridum", "ephedrine hydrochloride"),
        ("Kalium permanganicum", "potassium permanganate"),
        ("Codeinum phosphoricum", "codeine phosphate"),
        ("Anhydridum aceticum", "acetic anhydride"),
        ("Acidum sulfuricum fumans", "sulfuric acid"),
        ("\uff21cetonum", "acetone"),  # a full-width capital A
    ],
)
def test_a_pharmacopoeia_latin_title_is_respelt_in_english(declared, english):
    assert respell_latin_title(declared) == english


@pytest.mark.parametrize(
    "declared",
    ["Acidum", "Aqua purificata", "Amylum", "Lactosum monohydricum", "Vitamin", "Acidum 99 %", "Aether", "Kalii",
     "Acidum chloridum"],  # -idum is -ic only in the Ph. Eur.'s hydro- titles (review26's F8)
)
def test_what_is_no_latin_title_of_those_shapes_is_not_respelt(declared):
    assert respell_latin_title(declared) is None


@pytest.mark.parametrize("declared", ["Vitamin", "Benzin", "Protein", "Glycerin"])
def test_a_german_word_that_is_no_chain_of_nomenclature_morphemes_is_not_respelt(declared):
    assert respell_systematic_name(declared) is None


def test_finnish_spells_imine_imiini():
    # review26's F7: 'iini' accepted non-words ('Pentametileniini')
    assert respell_systematic_name("Pentametyleeniimiini") == "pentamethyleneimine"
    assert respell_systematic_name("Pentametileniini") is None


def test_italian_spells_amine_ammina():
    # the forty-sixth held-out set's pch46048 (ANPP as an Italian press item printed it, a space before 'piperidin')
    assert respell_systematic_name("N-fenil-1-(2-feniletil) piperidin-4-ammina") == (
        "N-phenyl-1-(2-phenylethyl) piperidin-4-amine"
    )


@pytest.mark.parametrize(
    ("declared", "english"),
    [
        ("Asetik asit anhidrit", "acetic acid anhydride"),  # the twenty-fifth held-out set's pch25069
        ("asetik anhidrit", "acetic anhydride"),
        ("Fenilasetik asit", "phenylacetic acid"),
    ],
)
def test_turkish_acid_and_anhydride_words_are_respelt(declared, english):
    assert respell_systematic_name(declared) == english


@pytest.mark.parametrize(
    ("declared", "english"),
    [
        # the German BtMG's acetylmethadol, as the eighteenth held-out set copied it
        ("(6-Dimethylamino-4,4-diphenylheptan-3-yl)acetat", "(6-Dimethylamino-4,4-diphenylheptan-3-yl) acetate"),
        ("[(3R,6R)-6-Dimethylamino-4,4-diphenylheptan-3-yl]acetat", "[(3R,6R)-6-Dimethylamino-4,4-diphenylheptan-3-yl] acetate"),
        ("(1-Methyl-4-phenylpiperidin-4-yl)propionat", "(1-Methyl-4-phenylpiperidin-4-yl) propionate"),
        ("(1-Methyl-4-phenylpiperidin-4-yl) PROPIONAT", "(1-Methyl-4-phenylpiperidin-4-yl) propionate"),
    ],
)
def test_a_german_ester_of_a_bracketed_alcohol_is_written_as_two_words(declared, english):
    assert respell_german_bracketed_ester(declared) == english


@pytest.mark.parametrize(
    "declared",
    [
        "(4-Methoxyphenyl)acetate",  # English: the substituted acid's anion, as written
        "Ethylacetat",  # no bracketed alcohol: an ordinary name, read as any other
        "(4-Methoxyphenyl)essigsäure",
        "(Dimethylamino)acetat",  # the bracket is no alkyl or aryl substituent ending in -yl
        "",
    ],
)
def test_other_names_are_not_read_as_a_german_ester(declared):
    assert respell_german_bracketed_ester(declared) is None


def test_an_estonian_ketone_doubles_its_vowels_and_is_read_as_the_english_one():
    # Estonian writes -oon, -aan and -üül where English writes -one, -ane and -yl
    assert respell_systematic_name("1-fenüülpropaan-2-oon") == "1-phenylpropan-2-one"
    assert respell_systematic_name("4-anilino-N-fenetüülpiperidiin") is None  # "anilino" is no morpheme of the table


@pytest.mark.parametrize("declared", ["metilamina en metanol", "fenilaceton en aceton"])
def test_en_as_a_word_of_its_own_is_no_double_bond_ending(declared):
    # Spanish and French "en" is "in", Dutch "en" "and" (review35): only between hyphens is it a chain's double bond
    assert respell_systematic_name(declared) is None

