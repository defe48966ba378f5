"""Integrity of chemistry/data/names_eu.csv (names of scheduled entries, and of some controlled
drugs, in EU languages)."""

import csv
import re
from collections import Counter

import pytest

from chemistry.watchlist import DATA_DIR, WATCHLIST_CSV

NAMES_CSV = DATA_DIR / "names_eu.csv"
SOURCES_MD = DATA_DIR / "SOURCES.md"
SECTION = "## EU-language names (names_eu.csv)"
COLUMNS = ["entry_id", "language", "name", "source", "notes"]
# ISO 639-1 codes of the official languages of the European Union.
EU_LANGUAGES = {
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
}  # fmt: skip
# And Latin ("la"): not an official language, but the pharmacopoeias' and medicine registers' titles
# of active substances ("Ephedrini hydrochloridum"; SOURCES.md, "Latin titles").
# And Catalan ("ca", Valencian): co-official in three Spanish regions, whose customs offices receive it
# (SOURCES.md, ES-UV-SPMA-CATALOGADES; held-out 13). And Chinese ("zh", seventeenth session): the PRC
# precursor list's names, since much Category 1 trade is declared from China (SOURCES.md,
# `CN-GWY-445-2005-REPRO`). And Russian, Ukrainian and Japanese ("ru", "uk", "ja", eighteenth session):
# names from the Russian and Ukrainian national lists and Japan's list of the 1988 Convention's tables, the
# scripts exporters from those countries paste (SOURCES.md, `RU-PP-681-1998-T4I`, `UA-MOZ-188-2000-T3`,
# `JP-METI-MAYAKU-1988`).
# And Turkish ("tr", twenty-first session): a candidate country's language at the external border.
# And Arabic ("ar", twenty-eighth session): the Levant and Gulf route's declarations (held-out set 50; SOURCES.md,
# `ARABIC-WIKIPEDIA-HCL-MIRROR`).
NAME_LANGUAGES = EU_LANGUAGES | {"la", "ca", "zh", "ru", "uk", "ja", "tr", "ar", "sr", "fa", "ko"}  # fa, ko: thirty-sixth session


def _rows() -> list[dict[str, str]]:
    with NAMES_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _tiers() -> dict[str, str]:
    with WATCHLIST_CSV.open(encoding="utf-8", newline="") as fh:
        return {r["id"]: r["tier"] for r in csv.DictReader(fh)}


def _source_keys() -> set[str]:
    text = SOURCES_MD.read_text(encoding="utf-8")
    assert SECTION in text, f"SOURCES.md has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1]
    nxt = re.search(r"^## ", section, flags=re.MULTILINE)
    if nxt:
        section = section[: nxt.start()]
    # A key is defined by a table row that starts with it in backticks: | `KEY` | ...
    return set(re.findall(r"^\|\s*`([A-Za-z0-9][A-Za-z0-9_.-]*)`\s*\|", section, flags=re.MULTILINE))


def test_header_is_as_documented():
    with NAMES_CSV.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == COLUMNS


def test_file_is_not_empty():
    assert _rows()


def test_every_row_has_all_columns():
    for i, r in enumerate(_rows(), start=2):
        assert None not in r, f"line {i}: too many fields"
        assert all(r[c] is not None for c in COLUMNS), f"line {i}: too few fields"


# Scheduled substances and controlled drugs have legal lists in every member state's language; the
# designer precursors (no legal list) are left to their English and systematic names.
# designer-tier entries too since the twenty-sixth session: a national list that names a pre-precursor the
# watchlist holds (the Russian table III's benzyl cyanide and methylamine) is a name as sourced as any
NAMED_TIERS = {"scheduled", "drug", "designer"}


def test_entry_ids_exist_and_are_scheduled_drugs_or_designer_entries():
    tiers = _tiers()
    for r in _rows():
        assert r["entry_id"] in tiers, f"unknown entry_id {r['entry_id']!r}"
        tier = tiers[r["entry_id"]]
        assert tier in NAMED_TIERS, f"{r['entry_id']} is {tier!r}, not scheduled, a drug or a designer entry"


def test_languages_are_eu_iso_639_1_codes():
    bad = {r["language"] for r in _rows()} - NAME_LANGUAGES
    assert not bad, f"languages outside the allowed set: {sorted(bad)}"


@pytest.mark.parametrize("column", ["entry_id", "language", "name", "source"])
def test_no_empty_or_padded_values(column):
    for r in _rows():
        value = r[column]
        assert value.strip(), f"empty {column} in {r}"
        assert value == value.strip(), f"{column} has surrounding whitespace: {value!r}"


def test_every_source_key_is_defined_in_sources_md():
    defined = _source_keys()
    used = {r["source"] for r in _rows()}
    assert not used - defined, f"source keys not defined in SOURCES.md: {sorted(used - defined)}"


def test_no_duplicate_rows():
    keys = Counter((r["entry_id"], r["language"], r["name"], r["source"]) for r in _rows())
    dupes = [k for k, n in keys.items() if n > 1]
    assert not dupes, f"duplicate rows: {dupes}"


def test_every_name_resolves_by_name_to_its_entrys_structure():
    """A name is in the file to be found: each resolves, by name, to its entry (stereoisomer
    entries that a source names together share the constitution the name gives)."""
    from chemistry.resolve import StructureCache, resolve_item
    from tests.factories import bundled_watchlist

    wl = bundled_watchlist()
    for r in _rows():
        res = resolve_item(wl, StructureCache(), name=r["name"])
        assert res.resolved_by == "name", r
        assert res.std.key == wl.by_id[r["entry_id"]].std.key, r


# A few names per language as traders type them (case, accents and spacing as they come), each
# through `precwatch identify`: the entry it hits exactly.
TYPED_NAMES = [
    ("de", "LYSERGSÄURE", "EU1-LYSERGIC-ACID"),
    ("de", "Essigsaureanhydrid", "EU2A-ACETIC-ANHYDRIDE"),
    ("fr", "permanganate de potassium", "EU2B-POTASSIUM-PERMANGANATE"),
    ("fr", "N-PHENETHYL-4-PIPERIDONE", "EU1-NPP"),
    ("nl", "Kaliumpermanganaat", "EU2B-POTASSIUM-PERMANGANATE"),
    ("nl", "PMK-ethylglycidaat", "EU1-PMK-ETHYL-GLYCIDATE"),
    ("it", "1-fenil-2-propanone", "EU1-BMK"),
    ("it", "etil alfa fenilacetoacetato", "EU1-EAPA"),
    ("es", "Anhidrido acetico", "EU2A-ACETIC-ANHYDRIDE"),
    ("es", "ALFA-FENILACETOACETAMIDA", "EU1-APAA"),
    ("pl", "Toluen", "EU3-TOLUENE"),
    ("pl", "Bezwodnik kwasu octowego", "EU2A-ACETIC-ANHYDRIDE"),
    ("de", "KALIUMPERMANGANAT", "EU2B-POTASSIUM-PERMANGANATE"),
    ("de", "Salzsaure", "EU3-HYDROCHLORIC-ACID"),
    ("de", "toluol", "EU3-TOLUENE"),
    ("de", "Methyl-ethyl-keton", "EU3-MEK"),
    ("de", "alpha-Methylfentanyl", "DRUG-ALPHA-METHYLFENTANYL"),
    ("de", "3-chlormethcathinon", "DRUG-3-CMC"),
    ("pl", "Klefedron", "DRUG-3-CMC"),
    ("pl", "2,5-DIMETOKSY-4-JODOFENETYLOAMINA", "DRUG-2C-I"),
    ("pl", "3-CHLOROMETKATYNON", "DRUG-3-CMC"),
    ("de", "METAMFETAMIN", "DRUG-METHAMPHETAMINE"),
    ("de", "Cathinon", "DRUG-CATHINONE"),
    ("de", "4-Methylmethcathinon", "DRUG-MEPHEDRONE"),
    ("de", "isotonitazen", "DRUG-ISOTONITAZENE"),
    # Polish names from the pre-accession list of precursors and the 2017 list of narcotic drugs;
    # Italian and Spanish names from the Court of Justice's judgments (SOURCES.md, fifth search).
    ("pl", "Fenyloaceton", "EU1-BMK"),
    ("pl", "1\u2011fenylo-2-propanon", "EU1-BMK"),  # as EUR-Lex writes it: a non-breaking hyphen
    ("pl", "EFEDRYNA", "EU1-EPHEDRINE"),
    ("pl", "pseudoefedryna", "EU1-PSEUDOEPHEDRINE"),
    ("pl", "Norefedryna", "EU1-NOREPHEDRINE"),
    ("pl", "Fenylopropanolamina", "EU1-NOREPHEDRINE"),
    ("pl", "Ergometryna", "EU1-ERGOMETRINE"),
    ("pl", "KWAS LIZERGOWY cz.d.a.", "EU1-LYSERGIC-ACID"),
    ("pl", "Kwas 2-acetamidobenzoesowy", "EU1-N-ACETYLANTHRANILIC-ACID"),
    ("pl", "Heliotropina", "EU1-PIPERONAL"),
    ("pl", "Izosafrol", "EU1-ISOSAFROLE"),
    ("pl", "alfa-acetylofenyloacetonitryl", "EU1-APAAN"),
    ("pl", "N-[1-(α-metylofenetylo)-4-piperydylo]propionanilid", "DRUG-ALPHA-METHYLFENTANYL"),
    ("pl", "alfa-Metylofentanyl", "DRUG-ALPHA-METHYLFENTANYL"),
    ("pl", "Tiofentanyl", "DRUG-THIOFENTANYL"),
    ("it", "Alfa-fenilacetoacetonitrile", "EU1-APAAN"),
    ("es", "1-Fenil-2-propanona", "EU1-BMK"),
    # Russian, Ukrainian and Japanese names (SOURCES.md, eighteenth session)
    ("ru", "Ангидрид уксусной кислоты", "EU2A-ACETIC-ANHYDRIDE"),
    ("ru", "ЭРГОМЕТРИН", "EU1-ERGOMETRINE"),
    ("uk", "Ефедрин", "EU1-EPHEDRINE"),
    ("uk", "N-ацетилантранілова кислота", "EU1-N-ACETYLANTHRANILIC-ACID"),
    ("ja", "サフロール", "EU1-SAFROLE"),
    ("ja", "エフェドリン", "EU1-EPHEDRINE"),
    ("es", "PSEUDOEFEDRINA", "EU1-PSEUDOEPHEDRINE"),
    # Spanish names from the Spanish List of Waste and flavourings regulation, and from Argentina's
    # precursor decrees (non-EU texts); Italian ones from Reg. (EC) No 3199/93 and the
    # Italian regulation on denatured alcohol (SOURCES.md, sixth search).
    ("es", "PERMANGANATO POTASICO", "EU2B-POTASSIUM-PERMANGANATE"),
    ("es", "acido clorhidrico", "EU3-HYDROCHLORIC-ACID"),
    ("es", "Safrol", "EU1-SAFROLE"),
    ("es", "ISOSAFROL", "EU1-ISOSAFROLE"),
    ("es", "Metiletilcetona", "EU3-MEK"),
    ("es", "seudoefedrina", "EU1-PSEUDOEPHEDRINE"),
    ("es", "Ácido N-acetilantranílico", "EU1-N-ACETYLANTHRANILIC-ACID"),
    ("es", "heliotropina", "EU1-PIPERONAL"),
    ("es", "Fenilpropanolamina", "EU1-NOREPHEDRINE"),
    ("es", "ERGONOVINA", "EU1-ERGOMETRINE"),
    ("es", "Acido lisergico", "EU1-LYSERGIC-ACID"),
    ("es", "Eter etilico", "EU3-ETHYL-ETHER"),
    ("es", "TOLUENO", "EU3-TOLUENE"),
    ("es", "Fosforo rojo", "EU2A-RED-PHOSPHORUS"),
    ("es", "Alfa-fenilacetoacetato de metilo", "EU1-MAPA"),
    ("es", "N-fenil-4-piperidinamina", "EU1-4-AP"),
    ("es", "Norfentanilo", "EU1-NORFENTANYL"),
    ("es", "1-BOC-4-PIPERIDONA", "EU1-BOC-4-PIPERIDONE"),
    ("es", "Acido P-2-P metilglicidico", "EU1-BMK-GLYCIDIC-ACID"),
    ("it", "ACETONE", "EU3-ACETONE"),
    ("it", "Metiletilchetone", "EU3-MEK"),
    # Italian names from the Ministry of Health's notice on Regulations (EU) 1258/2013 and 1259/2013.
    ("it", "PERMANGANATO DI POTASSIO", "EU2B-POTASSIUM-PERMANGANATE"),
    ("it", "anidride acetica tecnica", "EU2A-ACETIC-ANHYDRIDE"),
    ("it", "Acido fenilacetico", "EU2B-PHENYLACETIC-ACID"),
    ("it", "Acido antranilico", "EU2B-ANTHRANILIC-ACID"),
    ("it", "Fosforo Rosso", "EU2A-RED-PHOSPHORUS"),  # IT-ITALIATLC-2020-1737 (thirty-third session)
    ("it", "PIPERIDINA", "EU2B-PIPERIDINE"),
    ("it", "alpha-fenilacetoacetonitrile", "EU1-APAAN"),
    # Italian names from the Ministry of the Interior's anti-drug directorate (SOURCES.md, thirteenth session).
    ("it", "Safrolo", "EU1-SAFROLE"),
    ("it", "PIPERONALE", "EU1-PIPERONAL"),
    ("it", "acido lisergico", "EU1-LYSERGIC-ACID"),
    ("it", "Acido cloridrico 33% tecnico", "EU3-HYDROCHLORIC-ACID"),
    ("it", "etere", "EU3-ETHYL-ETHER"),
    # French and Dutch names from the Belgian AFMPS/FAGG notice of 22.12.2022, the Dutch Customs' weblog,
    # the Commission's page and Luxembourg's logistics portal (SOURCES.md, the second thirteenth-session search).
    ("fr", "Noréphédrine", "EU1-NOREPHEDRINE"),
    ("fr", "Ergométrine", "EU1-ERGOMETRINE"),
    ("fr", "pipéronal", "EU1-PIPERONAL"),
    ("fr", "ACÉTONE", "EU3-ACETONE"),
    ("nl", "Azijnzuuranhydride", "EU2A-ACETIC-ANHYDRIDE"),
    ("nl", "FENYLAZIJNZUUR", "EU2B-PHENYLACETIC-ACID"),
    ("nl", "antranilzuur", "EU2B-ANTHRANILIC-ACID"),
    ("nl", "Zwavelzuur", "EU3-SULPHURIC-ACID"),
    ("nl", "zoutzuur", "EU3-HYDROCHLORIC-ACID"),
    # Czech names from the precursor annexes of Act No. 167/1998 Sb. and Slovak names from decree
    # No. 101/2004 Z. z. (SOURCES.md, sixteenth session): written without accents, with an ASCII hyphen
    # where the Czech source prints an en dash, in capitals, and with a grade or a concentration.
    ("cs", "Kyselina fenyloctova", "EU2B-PHENYLACETIC-ACID"),
    ("cs", "MANGANISTAN DRASELNÝ", "EU2B-POTASSIUM-PERMANGANATE"),
    ("cs", "1-fenyl-2-propanon", "EU1-BMK"),
    ("cs", "anhydrid kyseliny octové technický", "EU2A-ACETIC-ANHYDRIDE"),
    ("cs", "N-acetylantranilová kyselina", "EU1-N-ACETYLANTHRANILIC-ACID"),
    ("sk", "KYSELINA SÍROVÁ 96%", "EU3-SULPHURIC-ACID"),
    ("sk", "DIETYLETER", "EU3-ETHYL-ETHER"),
    ("sk", "Kyselina chlórovodíková 35%", "EU3-HYDROCHLORIC-ACID"),
    ("sk", "metyletylketon", "EU3-MEK"),
    # Lithuanian names from the Ministry of Health's precursor lists and the NTAKD's recommendations,
    # Swedish names from Finland's regulation 201/2001 (SOURCES.md, sixteenth session).
    ("lt", "LIZERGO RŪGŠTIS", "EU1-LYSERGIC-ACID"),
    ("lt", "N-acetilantranilo rugstis", "EU1-N-ACETYLANTHRANILIC-ACID"),
    ("lt", "alfa-fenilacetoacetonitrilas", "EU1-APAAN"),
    ("sv", "LYSERGSYRA", "EU1-LYSERGIC-ACID"),
    ("sv", "3,4-metylendioxifenyl-2-propanon", "EU1-PMK"),
    # Bulgarian (Cyrillic) names from приложение № 1 of Наредба № 1 от 2008 г. (SOURCES.md, sixteenth
    # session): capitals and lower case fold alike, as Latin letters do.
    ("bg", "ПСЕВДОЕФЕДРИН", "EU1-PSEUDOEPHEDRINE"),
    ("bg", "оцетен анхидрид", "EU2A-ACETIC-ANHYDRIDE"),
    ("bg", "Калиев перманганат 99%", "EU2B-POTASSIUM-PERMANGANATE"),
    ("bg", "1-фенил-2-пропанон", "EU1-BMK"),
    # Names from the Court of Justice's judgment in C-627/13 in Greek, Maltese and Slovenian (SOURCES.md,
    # sixteenth session): Greek capitals, written without the tonos, fold to the listed lower case.
    ("el", "ΕΦΕΔΡΙΝΗ", "EU1-EPHEDRINE"),
    ("el", "ψευδοεφεδρινη", "EU1-PSEUDOEPHEDRINE"),
    ("mt", "PSEWDOEFEDRINA", "EU1-PSEUDOEPHEDRINE"),
    ("sl", "Psevdoefedrin", "EU1-PSEUDOEPHEDRINE"),
    # C-369/13 in Hungarian and Slovak prints non-breaking hyphens (U+2011); traders type ASCII ones.
    ("hu", "ALFA-FENILACETOACETONITRIL", "EU1-APAAN"),
    ("sk", "1-fenylpropan-2-on", "EU1-BMK"),
    # Latin titles (SOURCES.md, "Latin titles"), as declared
    ("la", "EPHEDRINI HYDROCHLORIDUM", "EU1-EPHEDRINE"),
    ("la", "Pseudoephedrini hydrochloridum 60 mg", "EU1-PSEUDOEPHEDRINE"),
    ("la", "Ergometrini hydrogenomaleas", "EU1-ERGOMETRINE"),
    ("la", "Ergotamini tartras", "EU1-ERGOTAMINE"),
    ("la", "Fentanyli citras", "DRUG-FENTANYL"),
    # Names from the seventh held-out set's sources (SOURCES.md, sixteenth session), typed without
    # their accents or in other cases: Lithuanian, Estonian, Slovenian, Croatian, Portuguese (European and
    # Brazilian) and the Swedish text of Finland's 2001 list.
    ("lt", "LIZERGO RUGSTIS", "EU1-LYSERGIC-ACID"),
    ("lt", "3,4-metilendioksifenil-2-propanonas", "EU1-PMK"),
    ("lt", "alfa-fenilacetoacetonitrilas", "EU1-APAAN"),
    ("lt", "Alfa-metilfentanilis", "DRUG-ALPHA-METHYLFENTANYL"),
    ("et", "N-FENETUUL-4-PIPERIDOON", "EU1-NPP"),
    ("et", "1-(4-bromo-2,5-dimetoksufenuul)-2-aminoetaan", "DRUG-2C-B"),
    ("sl", "Lizergova kislina", "EU1-LYSERGIC-ACID"),
    ("hr", "4-METILAMFETAMIN", "DRUG-4-MA"),
    ("pt", "Mefedrona", "DRUG-MEPHEDRONE"),
    ("pt", "N-fenetil-4-piperidona", "EU1-NPP"),
    ("pt", "acido fenilacetico", "EU2B-PHENYLACETIC-ACID"),
    ("pt", "ANIDRIDO ACETICO", "EU2A-ACETIC-ANHYDRIDE"),
    ("sv", "NOREFEDRIN", "EU1-NOREPHEDRINE"),
    ("sv", "klorvätesyra", "EU3-HYDROCHLORIC-ACID"),
    # Names of controlled drugs from national schedules in law repositories (SOURCES.md, "Drug names from
    # national drug schedules in law repositories"): Polish group I-P, the Czech lists, the Spanish orders, the Italian
    # tabelle, the Dutch Opiumwet lists and the Swedish Bilaga 1, typed in other cases, without accents or with
    # the table's line breaks closed.
    ("de", "Butoxynitazen", "DRUG-BUTONITAZENE"),
    ("de", "4-METHYLETHCATHINON", "DRUG-4-MEC"),
    ("de", "gamma-Hydroxybuttersaure", "DRUG-GHB"),
    ("pl", "METKATYNON", "DRUG-METHCATHINONE"),
    ("pl", "Pentedron", "DRUG-PENTEDRONE"),
    ("pl", "3,4-metylenodioksymetamfetamina", "DRUG-MDMA"),
    ("cs", "METHYLTENAMFETAMIN", "DRUG-MDMA"),
    ("cs", "kathinon", "DRUG-CATHINONE"),
    ("cs", "2-(methylamino)-1-(4-methylfenyl)propan-1-on", "DRUG-MEPHEDRONE"),
    ("it", "METAMFETAMINA", "DRUG-METHAMPHETAMINE"),
    ("it", "mefedrone", "DRUG-MEPHEDRONE"),
    ("it", "3,4-metilendiossi-metamfetamina", "DRUG-MDMA"),
    ("it", "acido gamma idrossibutirrico", "DRUG-GHB"),
    ("es", "METANFETAMINA", "DRUG-METHAMPHETAMINE"),
    ("es", "Acido gamma-hidroxibutirico", "DRUG-GHB"),
    ("es", "clefedrona", "DRUG-4-CMC"),
    ("es", "3-Metilmetcatinona", "DRUG-3-MMC"),
    ("nl", "Methcathinon", "DRUG-METHCATHINONE"),
    ("sv", "4-KLOROMETKATINON", "DRUG-4-CMC"),
    ("sv", "Metonitazen", "DRUG-METONITAZENE"),
    ("sv", "N,N-dietyl-2-[2-(4-isopropoxibensyl)-5-nitro-1H-benso[d]imidazol-1-yl]etan-1-amin", "DRUG-ISOTONITAZENE"),
    ("nl", "3,4-METHYLEENDIOXYMETHAMFETAMINE", "DRUG-MDMA"),
    # The same schedules re-read for the opiates, cocaine, methoxetamine and phencyclidine entries (and the
    # Polish group I-N of the 2017 act): in other cases, without diacritics, with a space the table printed.
    ("it", "EROINA", "DRUG-HEROIN"),
    ("it", "metossietamina", "DRUG-METHOXETAMINE"),
    ("it", "2-(etilamino)-2-(3-metossifenil) cicloesanone", "DRUG-METHOXETAMINE"),
    ("it", "Paramorfina", "DRUG-THEBAINE"),
    ("it", "3-O-metilmorfina", "DRUG-CODEINE"),
    ("pl", "Heroina", "DRUG-HEROIN"),
    ("pl", "kokaina", "DRUG-COCAINE"),
    ("pl", "Tebaina", "DRUG-THEBAINE"),
    ("cs", "KODEIN", "DRUG-CODEINE"),
    ("cs", "fencyklidin", "DRUG-PHENCYCLIDINE"),
    ("cs", "morfin", "DRUG-MORPHINE"),
    ("nl", "Heroine", "DRUG-HEROIN"),
    ("nl", "DIAMORFINE", "DRUG-HEROIN"),
    ("nl", "Fencyclidine", "DRUG-PHENCYCLIDINE"),
    ("es", "Metoxetamina", "DRUG-METHOXETAMINE"),
    ("es", "FENCICLIDINA", "DRUG-PHENCYCLIDINE"),
    ("sv", "KOKAIN", "DRUG-COCAINE"),
    ("sv", "2-(etylamino)-2-(3-metoxifenyl)cyklohexanon", "DRUG-METHOXETAMINE"),
    ("de", "D-COCAIN", "DRUG-COCAINE"),
    # The ninth held-out set's sources: the Lithuanian lists of 1997 and 2000 and the Latvian Annex 2, as typed
    # (upper case, without diacritics).
    ("lt", "HEROINAS", "DRUG-HEROIN"),
    ("lt", "dezomorfinas", "DRUG-DESOMORPHINE"),
    ("lt", "Tiofentanilis", "DRUG-THIOFENTANYL"),
    ("lt", "para-fluorofentanilis", "DRUG-PARA-FLUOROFENTANYL"),
    ("lt", "MESKALINAS", "DRUG-MESCALINE"),
    ("lt", "Brolamfetaminas", "DRUG-DOB"),
    ("lt", "3-metiltiofentanilis", "DRUG-3-METHYLTHIOFENTANYL"),
    ("lt", "Beta-hidroksifentanilis", "DRUG-BETA-HYDROXYFENTANYL"),
    ("lt", "ALFA-METILTIOFENTANILIS", "DRUG-ALPHA-METHYLTHIOFENTANYL"),
    ("lv", "Alfacetilmetadols", "DRUG-ALPHACETYLMETHADOL"),
    ("lv", "[(3R*,6R*)-6-dimetilamino-4,4-di(fenil)heptan-3-il] acetats", "DRUG-ALPHACETYLMETHADOL"),
    # Dutch names from the Annexes of Del. Reg. 2018/729, 2020/1737 and 2024/1331 and the Dutch Combined
    # Nomenclature (SOURCES.md, eighteenth-session search).
    ("nl", "FENYLACETON", "EU1-BMK"),
    ("nl", "N-acetylantranilzuur", "EU1-N-ACETYLANTHRANILIC-ACID"),
    ("nl", "Methyl-alfa-fenylacetoacetaat", "EU1-MAPA"),
    ("nl", "alfa-fenylacetoaceetamide", "EU1-APAA"),
    ("nl", "N-fenethyl-4-piperidon", "EU1-NPP"),
    ("nl", "4-anilino-N-fenethylpiperidine", "EU1-ANPP"),
    ("nl", "Isopropylideen(2-(3,4-methyleendioxyfenyl)acetyl)malonaat", "EU1-IMDPAM"),
    ("nl", "diethylether", "EU3-ETHYL-ETHER"),
    ("nl", "Methylethylketon", "EU3-MEK"),
    ("nl", "TOLUEEN", "EU3-TOLUENE"),
    # French names from the annex of Décret n° 96-1060 and Polish names from the Polish Combined Nomenclature
    # (SOURCES.md, nineteenth-session search), typed without accents or in capitals as declarations come
    ("fr", "PHENYL-1 PROPANONE-2", "EU1-BMK"),
    ("fr", "acide N-acetylanthranilique", "EU1-N-ACETYLANTHRANILIC-ACID"),
    ("fr", "Acide 2-acétamidobenzoïque", "EU1-N-ACETYLANTHRANILIC-ACID"),
    ("fr", "Ether ethylique", "EU3-ETHYL-ETHER"),
    ("fr", "METHYLETHYLCETONE", "EU3-MEK"),
    ("fr", "Toluène", "EU3-TOLUENE"),
    ("fr", "chlorure d'hydrogene", "EU3-HYDROCHLORIC-ACID"),
    ("pl", "Czerwony fosfor", "EU2A-RED-PHOSPHORUS"),
    ("pl", "kwas N-acetyloantranilowy", "EU1-N-ACETYLANTHRANILIC-ACID"),
    ("pl", "N-FENETYLO-4-PIPERYDON", "EU1-NPP"),
    ("pl", "4-anilino-N-fenetylopiperydyna", "EU1-ANPP"),
    ("pl", "Chlorowodor", "EU3-HYDROCHLORIC-ACID"),
    # IMDPAM as the European Parliament's decision on 2024/1331 writes it (SOURCES.md, twentieth-session
    # search), typed with ASCII hyphens where the Italian text prints non-breaking ones, and without accents
    ("it", "isopropilidene (2-(3,4-metilenediossifenil)acetil)malonato", "EU1-IMDPAM"),
    ("sk", "IZOPROPYLIDEN [2-(3,4-METYLENDIOXYFENYL)ACETYL]MALONAT", "EU1-IMDPAM"),
]


@pytest.mark.parametrize(("language", "declared", "entry_id"), TYPED_NAMES, ids=[f"{t[0]}:{t[1]}" for t in TYPED_NAMES])
def test_names_as_typed_are_identified_as_their_entry(language, declared, entry_id, capsys):
    import orjson

    from cli.main import main

    assert any(r["language"] == language and r["entry_id"] == entry_id for r in _rows())
    assert main(["identify", declared, "--json"]) == 0
    (found,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert found["resolved_by"] == "name"
    assert entry_id in {h["entry"] for h in found["hits"] if h["method"] == "exact"}


def test_documented_coverage_matches_the_data():
    """The per-language gaps in SOURCES.md are generated from the data (python -m
    devtools.names_coverage), so a name added without regenerating them fails here."""
    from devtools.names_coverage import main

    assert main(["--check"]) == 0


def test_readme_names_coverage_figures_match_the_data():
    """README's "Gaps in the data" line quotes python -m devtools.names_coverage per language; the nineteenth
    session's French and Polish rows left it at the old counts (review19)."""
    import re
    from pathlib import Path

    from devtools.names_coverage import compute_coverage, read_scheduled_ids

    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").split())
    quoted = re.search(r"names_coverage`: (.*?) of the (\d+) scheduled entries", readme)
    assert quoted is not None
    scheduled = read_scheduled_ids()
    assert int(quoted.group(2)) == len(scheduled)
    languages = {"German": "de", "French": "fr", "Dutch": "nl", "Italian": "it", "Spanish": "es", "Polish": "pl"}
    counts = dict(re.findall(r"([A-Z][a-z]+) (\d+)", quoted.group(1)))
    assert set(counts) == set(languages)
    missing = compute_coverage(scheduled, languages=tuple(languages.values()))
    for language, code in languages.items():
        assert int(counts[language]) == len(scheduled) - len(missing[code]), language


def test_coverage_counts_a_language_only_for_its_own_rows(tmp_path):
    from devtools.names_coverage import compute_coverage, render_coverage

    names = tmp_path / "names.csv"
    names.write_text(
        "entry_id,language,name,source,notes\nA,de,x,S,\nA,fr,y,S,\nB,de,z,S,\nC,en,w,S,\n", encoding="utf-8"
    )
    missing = compute_coverage(["A", "B", "C"], names, ("de", "fr"))
    assert missing == {"de": ["C"], "fr": ["B", "C"]}
    assert render_coverage(missing, 3).splitlines()[1] == "- **fr** (1/3 sourced; 2 missing): B, C"


@pytest.mark.parametrize(
    "declared", ["Phenylephrini hydrochloridum", "Xylometazolini hydrochloridum", "Methylergometrini maleas"]
)
def test_latin_titles_of_look_alike_medicines_hit_no_entry(declared, capsys):
    """The Latin titles of unlisted medicines next to listed ones, through `precwatch identify` (with the
    identifier database, when installed): no entry is hit exactly."""
    import orjson

    from cli.main import main

    assert main(["identify", declared, "--json"]) == 0
    (found,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert not [h for h in found["hits"] if h["method"] == "exact"]


@pytest.mark.parametrize("declared", ["Efedrin", "efedrina", "Norefedrina", "Pseudoefedrin"])
def test_precursor_and_medicine_names_next_to_drug_names_hit_no_drug_entry(declared, capsys):
    """Ephedrine's names sit one letter from the Czech 'Efedron' (methcathinone), amfepramone's next to the
    cathinones of the national lists: through `precwatch identify`, none of them hits a drug entry exactly."""
    import orjson

    from cli.main import main

    assert main(["identify", declared, "--json"]) == 0
    (found,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert not [h for h in found["hits"] if h["method"] == "exact" and h["entry"].startswith("DRUG-")]


def test_amfepramone_by_its_czech_and_german_name_hits_its_own_entry_only(capsys):
    """Amfepramone's name sits next to the cathinones of the national lists; it is a 1971 Schedule IV drug entry
    itself since the eighteenth session: 'Amfepramon' hits DRUG-AMFEPRAMONE exactly and no other drug entry."""
    import orjson

    from cli.main import main

    assert main(["identify", "Amfepramon", "--json"]) == 0
    (found,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {h["entry"] for h in found["hits"] if h["method"] == "exact" and h["entry"].startswith("DRUG-")} == {
        "DRUG-AMFEPRAMONE"
    }


@pytest.mark.parametrize(
    ("declared", "entry_id"),
    [
        ("Morfolina", "DRUG-MORPHINE"),  # morpholine (it, es)
        ("Morfolin", "DRUG-MORPHINE"),  # morpholine (cs, sv)
        ("codeine-free", "DRUG-CODEINE"),
        ("Diidrocodeina", "DRUG-CODEINE"),  # dihydrocodeine, another opioid
        # thebacon, the Italian tabella's next row: a 1961 list I drug of its own since the thirty-second session
        ("Tebacone", "DRUG-THEBAINE"),
        ("Thebacon", "DRUG-THEBAINE"),
        ("Cocamide", "DRUG-COCAINE"),  # a coconut-oil surfactant
        ("Cocamidopropyl betaine", "DRUG-COCAINE"),
        ("Papaverina", "DRUG-MORPHINE"),  # an opium alkaloid that is no narcotic
    ],
)
def test_look_alikes_of_opiate_and_cocaine_names_hit_no_such_entry(declared, entry_id, capsys):
    """Names one letter or one word from the new opiate and cocaine names ('Morfina', 'Kodein', 'Tebaina',
    'Cocaina'), through `precwatch identify`: none of them hits that entry (or any drug entry) exactly."""
    import orjson

    from cli.main import main

    assert main(["identify", declared, "--json"]) == 0
    (found,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    exact = {h["entry"] for h in found["hits"] if h["method"] == "exact"}
    assert entry_id not in exact
    itself = {"Thebacon": "DRUG-THEBACON"}.get(declared)  # no Italian name read for it
    assert {e for e in exact if e.startswith("DRUG-")} == ({itself} if itself else set())


@pytest.mark.parametrize(
    ("declared", "entry_id"),
    [
        ("Phényl-1 propanone-1", "EU1-BMK"),  # propiophenone: another locant of the decree's 'Phényl-1 propanone-2'
        ("fenylopropan-1-on", "EU1-BMK"),  # propiophenone, against the Polish CN's 'fenylopropan-2-on'
        ("éther diméthylique", "EU3-ETHYL-ETHER"),  # dimethyl ether, one letter from 'Ether diéthylique'
        ("Eter dimetylu", "EU3-ETHYL-ETHER"),  # dimethyl ether, one letter from 'Eter dietylu'
        ("Acide N-acétylsalicylique", "EU1-N-ACETYLANTHRANILIC-ACID"),  # aspirin, next to 'Acide N-acétylanthranilique'
        ("Biały fosfor", "EU2A-RED-PHOSPHORUS"),  # white phosphorus, against 'Czerwony fosfor'
    ],
)
def test_look_alikes_of_the_french_decree_and_polish_cn_names_hit_no_such_entry(declared, entry_id, capsys):
    """Names next to the French and Polish names added in the nineteenth session, through `precwatch
    identify`: none hits the entry it looks like exactly."""
    import orjson

    from cli.main import main

    assert main(["identify", declared, "--json"]) == 0
    (found,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert entry_id not in {h["entry"] for h in found["hits"] if h["method"] == "exact"}


@pytest.mark.parametrize(
    ("declared", "entry_id"),
    [
        ("butanol", "EU3-MEK"),  # one letter from the Dutch 'butanon'
        ("Dimethylether", "EU3-ETHYL-ETHER"),  # one letter from 'Diethylether'
        ("fenylazijnzuur", "EU1-BMK"),  # phenylacetic acid, a Category 2B neighbour of 'fenylaceton'
        ("4-piperidon", "EU1-NPP"),  # the 2025/1475 entry's name, not NPP ('N-fenethyl-4-piperidon')
    ],
)
def test_look_alikes_of_the_dutch_annex_and_cn_names_hit_no_such_entry(declared, entry_id, capsys):
    """Names next to the Dutch names added in the eighteenth session, through `precwatch identify`: none
    hits the entry it looks like exactly."""
    import orjson

    from cli.main import main

    assert main(["identify", declared, "--json"]) == 0
    (found,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert entry_id not in {h["entry"] for h in found["hits"] if h["method"] == "exact"}
