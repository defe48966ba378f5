import csv
import io
import re

import pytest

from chemistry.identifiers import normalise_name
from chemistry.watchlist import WATCHLIST_CSV, WatchlistInvalid, build_watchlist
from tests.factories import bundled_watchlist

HEADER = WATCHLIST_CSV.read_text(encoding="utf-8").splitlines()[0]
BMK_ROW = WATCHLIST_CSV.read_text(encoding="utf-8").splitlines()[1]


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_bundled_watchlist_is_valid_and_versioned():
    wl = bundled_watchlist()
    assert len(wl) > 90
    date, _, digest = wl.version.partition("+")
    assert len(digest) == 12 and date


def test_every_entry_cites_a_legal_source_and_a_reference():
    for c in bundled_watchlist().entries:
        assert c.entry.legal_source, c.id
        assert c.entry.refs, c.id


@pytest.mark.parametrize(
    "name",
    [
        "APAA",
        "APAAN",
        "MAPA",
        "EAPA",
        "BMK glycidic acid",
        "PMK glycidic acid",
        "BMK tert-butyl glycidate",
        "PMK sec-butyl glycidate",
        "IMDPAM",
        "MAMDPA",
        "DEPAPD",
        "chloroephedrine",
        "chloropseudoephedrine",
        "4-AP",
        "1-boc-4-AP",
        "norfentanyl",
        "NPP",
        "ANPP",
        "4-piperidone",
        "1-boc-4-piperidone",
        "red phosphorus",
        "acetic anhydride",
        "potassium permanganate",
        "sulphuric acid",
    ],
)
def test_issue_named_substances_are_on_the_list(name):
    assert normalise_name(name) in bundled_watchlist().by_name


def test_category_1_has_no_quantity_threshold():
    for c in bundled_watchlist().entries:
        if c.entry.tier == "scheduled" and c.entry.category == "1":
            assert c.entry.threshold_kg == 0


def test_version_changes_with_content():
    a = build_watchlist(_csv(BMK_ROW), as_of="2026-01-01")
    b = build_watchlist(
        _csv(BMK_ROW.replace("phenylacetone;", "phenylacetone; benzylmethylketone;")), as_of="2026-01-01"
    )
    assert a.version != b.version


def _mutate(field: str, value: str) -> str:
    row = next(csv.DictReader(io.StringIO(_csv(BMK_ROW))))
    row[field] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER.split(","), lineterminator="\n")
    writer.writerow(row)
    return out.getvalue().strip()


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("formula", "C9H12O", "formula"),
        ("cas", "103-79-8", "check digit"),
        ("smiles", "CC(=O", "does not parse"),
        ("tier", "secret", "tier"),
        ("legal_source", "", "legal_source"),
        ("match_rule", "magic:yes", "match_rule"),
        ("cn_code_inferred", "2914 31 00", "both sourced and inferred"),
    ],
)
def test_invalid_rows_are_reported(field, value, expected):
    with pytest.raises(WatchlistInvalid) as info:
        build_watchlist(_csv(_mutate(field, value)), as_of="x")
    assert any(expected in p for p in info.value.problems)


def test_duplicate_ids_and_unintended_duplicate_structures_are_reported():
    with pytest.raises(WatchlistInvalid) as info:
        build_watchlist(_csv(BMK_ROW, BMK_ROW), as_of="x")
    text = " ".join(info.value.problems)
    assert "duplicate id" in text
    assert "share structure" in text


def test_two_entries_drawn_as_tautomers_of_each_other_are_reported():
    # BMK's row again, under another id and drawn as its enol: one substance listed twice.
    enol_row = BMK_ROW.replace("EU1-BMK,", "EU1-BMK-ENOL,", 1).replace(",CC(=O)Cc1ccccc1,", ",CC(O)=Cc1ccccc1,", 1)
    assert enol_row.count("CC(O)=Cc1ccccc1") == 1
    with pytest.raises(WatchlistInvalid) as info:
        build_watchlist(_csv(BMK_ROW, enol_row), as_of="x")
    assert any("tautomers of one another" in p for p in info.value.problems)


def test_a_cn_code_is_either_from_a_source_or_kept_apart_as_inferred():
    """A row whose notes say its CN code was assumed keeps it out of cn_code (never evidence)."""
    doubt = re.compile(r"\bCN\b[^;]*?(assumed|unverified|assumption|not retrieved)", re.IGNORECASE)
    wl = bundled_watchlist()
    for c in wl.entries:
        if doubt.search(c.entry.notes):
            assert not c.entry.cn_codes and c.entry.cn_codes_inferred, c.id
    inferred_only = [c for c in wl.entries if c.entry.cn_codes_inferred and not c.entry.cn_codes]
    assert len(inferred_only) > 30
    for c in inferred_only:
        assert all(c not in wl.by_cn.get(code, []) for code in c.entry.cn_codes_inferred), c.id
        assert all(c in wl.by_cn_inferred[code] for code in c.entry.cn_codes_inferred), c.id


# Every stereo-defined entry: the configuration its legal or INN name gives, as CIP labels of its
# stereocentres (atom order of the entry's SMILES), and the InChIKey that configuration has. The
# ephedrine, pseudoephedrine and LSD keys were compared with PubChem's; a wrong epimer (the 9S
# iso-LSD an earlier version had) changes both.
STEREO_ENTRIES = {
    "EU1-EPHEDRINE": ("(1R,2S)", "KWGRBVOPPLSCSI-WPRPVWTQSA-N"),
    "EU4-EPHEDRINE-MEDICINAL": ("(1R,2S)", "KWGRBVOPPLSCSI-WPRPVWTQSA-N"),
    "EU1-PSEUDOEPHEDRINE": ("(1S,2S)", "KWGRBVOPPLSCSI-WCBMZHEXSA-N"),
    "EU4-PSEUDOEPHEDRINE-MEDICINAL": ("(1S,2S)", "KWGRBVOPPLSCSI-WCBMZHEXSA-N"),
    "EU1-CHLOROEPHEDRINE-1R2S": ("(1R,2S)", "HZCQDJZPLJOGQS-WPRPVWTQSA-N"),
    "EU1-CHLOROEPHEDRINE-1S2R": ("(1S,2R)", "HZCQDJZPLJOGQS-PSASIEDQSA-N"),
    "EU1-CHLOROPSEUDOEPHEDRINE-1S2S": ("(1S,2S)", "HZCQDJZPLJOGQS-WCBMZHEXSA-N"),
    "EU1-CHLOROPSEUDOEPHEDRINE-1R2R": ("(1R,2R)", "HZCQDJZPLJOGQS-SCZZXKLOSA-N"),
    "DRUG-CATHINE": ("(1S,2S)", "DLNKOYKMWOXYQA-IONNQARKSA-N"),
    "DES-L-PAC": ("(1R)", "ZBFFNPODXBJBPW-VIFPVBQESA-N"),
    "EU1-LYSERGIC-ACID": ("(6aR,9R)", "ZAGRKAFMISFKIO-QMTHXVAHSA-N"),
    "DRUG-LSD": ("(6aR,9R)", "VAYOSLLFUXYJDT-RDTXWAMCSA-N"),
    "EU1-ERGOMETRINE": ("(6aR,9R), N-[(2S)-1-hydroxypropan-2-yl]", "WVVSZNPYNCNODU-XTQGRXLLSA-N"),
    "EU1-ERGOTAMINE": ("(6aR,9R), (2R,5S,10aS,10bS)", "XCGSFFUVFURLIX-VFGNJEKYSA-N"),
    # The natural opium alkaloids (and heroin, made from morphine): the configuration of (-)-morphine,
    # (5alpha,6alpha)-morphinan, and each key as the identifier database's PubChem record gives it (the
    # record whose CAS number the entry carries: cas_sources.csv).
    "DRUG-HEROIN": ("(4R,4aR,7S,7aR,12bS)", "GVGLGOZIDCSQPN-PVHGPHFFSA-N"),
    "DRUG-MORPHINE": ("(4R,4aR,7S,7aR,12bS)", "BQJCRHHNABKAKU-KBQPJGBKSA-N"),
    "DRUG-THEBAINE": ("(4R,7aR,12bS)", "FQXXSQDCDRQNQE-VMDGZTHMSA-N"),
    "DRUG-DESOMORPHINE": ("(4R,4aR,7aS,12bS)", "LNNWVNGFPYWNQE-GMIGKAJZSA-N"),
    # The alpha diastereomer, (3R*,6R*) in the Latvian law that gives its CAS number: a racemate, drawn as
    # the (3R,6R) enantiomer of the identifier database's record (PubChem CID 22308), whose key this is.
    "DRUG-ALPHACETYLMETHADOL": ("(3R,6R)", "XBMIVRRWGCYBTQ-XMSQKQJNSA-N"),
    # The internationally controlled medicines (eighteenth session): the configuration of the INN, and each
    # key as the identifier database's PubChem record found under the INN gives it (for dihydrocodeine and
    # ethylmorphine, whose base has no record, the parent of the bitartrate's and the hydrochloride's).
    # Semi-synthetic opioids keep (-)-morphine's (5alpha) skeleton.
    "DRUG-OXYCODONE": ("(4R,4aS,7aR,12bS)", "BRUQQQPBMZOVGD-XFKAJCMBSA-N"),
    "DRUG-HYDROCODONE": ("(4R,4aR,7aR,12bS)", "LLPOLZWFYMWNKH-CMKMFDCUSA-N"),
    "DRUG-HYDROMORPHONE": ("(4R,4aR,7aR,12bS)", "WVLOADHCBXTIJK-YNHQPCIGSA-N"),
    "DRUG-OXYMORPHONE": ("(4R,4aS,7aR,12bS)", "UQCNKQCJZOAFTQ-ISWURRPUSA-N"),
    "DRUG-DIHYDROCODEINE": ("(4R,4aR,7S,7aR,12bS)", "RBOXVHNMENFORY-DNJOTXNNSA-N"),
    "DRUG-ETHYLMORPHINE": ("(4R,4aR,7S,7aR,12bS)", "OGDVEMNWJVYAJL-LEPYJNQMSA-N"),
    "DRUG-PHOLCODINE": ("(4R,4aR,7S,7aR,12bS)", "GPFAJKDEDBRFOS-FKQDBXSBSA-N"),
    "DRUG-BUPRENORPHINE": ("(2S), (1S,2S,6R,14R,15R,16R)", "RMRJXGBAOAMLHD-IHFGGWKQSA-N"),
    # (-)-3-hydroxy-N-methylmorphinan: dextrorphan, its (+)-enantiomer, is excluded by name (stereo:exact).
    "DRUG-LEVORPHANOL": ("(1R,9R,10R)", "JAQUASYNZVUNQP-USXIJHARSA-N"),
    # (-)-3-methoxy-N-methylmorphinan, levorphanol's methyl ether: dextromethorphan, its (+)-enantiomer, is excluded.
    "DRUG-LEVOMETHORPHAN": ("(1R,9R,10R)", "MKXZASYAUGDDCJ-CGTJXYLNSA-N"),
    "DRUG-DEXTROMORAMIDE": ("(3S)", "INUNXTSAACVKJS-OAQYLSRUSA-N"),
    # alpha-(+): levopropoxyphene, the (2R,3S) enantiomer, is an unscheduled antitussive (stereo:exact).
    "DRUG-DEXTROPROPOXYPHENE": ("(2S,3R)", "XLMALTXPSGQGBX-GCJKJVERSA-N"),
    "DRUG-DRONABINOL": ("(6aR,10aR)", "CYQFCXCEBYINGO-IAGOWNOFSA-N"),
    # Nineteenth session (SOURCES.md, "The rest of list IV ..."): phendimetrazine as the list names it,
    # (+)-(2S,3S); lefetamine and ethchlorvynol as the identifier database's record under the INN draws them
    # (the (R)-enantiomer; the (E) double bond, no configuration at C3); nicomorphine with morphine's configuration.
    # Ethchlorvynol's compiled key has no stereo layer: the watchlist's standardisation does not keep the (E)
    # geometry of its chlorovinyl group (the record's own key is ZEHYJZXQEQOSON-AATRIKPKSA-N, cas_sources.csv).
    "DRUG-PHENDIMETRAZINE": ("(2S,3S)", "MFOCDFTXLCYLKU-CMPLNLGQSA-N"),
    "DRUG-LEFETAMINE": ("(1R)", "YEJZJVJJPVZXGX-MRXNPFEDSA-N"),
    "DRUG-ETHCHLORVYNOL": ("(1E)", "ZEHYJZXQEQOSON-UHFFFAOYSA-N"),
    "DRUG-NICOMORPHINE": ("(4R,4aR,7S,7aR,12bS)", "HNDXBGYRMHRUFN-CIVUWBIHSA-N"),
}


def _cip_labels(smiles: str) -> list[str]:
    from rdkit import Chem
    from rdkit.Chem import rdCIPLabeler

    mol = Chem.MolFromSmiles(smiles)
    rdCIPLabeler.AssignCIPLabels(mol)
    return sorted(a.GetProp("_CIPCode") for a in mol.GetAtoms() if a.HasProp("_CIPCode"))


def test_every_stereo_defined_entry_has_the_configuration_of_its_name():
    wl = bundled_watchlist()
    stereo = {c.id for c in wl.entries if "@" in c.entry.smiles or "/" in c.entry.smiles}
    assert stereo == set(STEREO_ENTRIES)
    for entry_id, (configuration, inchikey) in STEREO_ENTRIES.items():
        c = wl.by_id[entry_id]
        assert c.inchikey == inchikey, entry_id
        assert _cip_labels(c.entry.smiles) == sorted(re.findall(r"\d+[a-z]*([RS])", configuration)), entry_id


@pytest.mark.parametrize(
    "name",
    ["MDEA", "PMA", "DOB", "2C-B", "mescaline", "methylone", "MDPV", "3-CMC", "alpha-PHP", "sufentanil"]
    + ["carfentanil", "ocfentanil", "cyclopropylfentanyl", "isotonitazene", "metonitazene", "etonitazepyne", "GHB"]
    + ["heroin", "diacetylmorphine", "morphine", "thebaine", "cocaine", "methoxetamine", "phencyclidine"],
)
def test_the_drug_tier_names_the_classes_that_matter_for_precursor_control(name):
    record = bundled_watchlist().by_name[normalise_name(name)]
    entry = bundled_watchlist().by_id[record.watchlist_id].entry
    assert entry.tier == "drug" and entry.legal_source


def _names_of_entries(wl) -> dict[str, set[str]]:
    """Every watchlist name (each entry's name and synonyms, and each names_eu.csv row, keyed as
    declared and without accents) -> the ids of the entries it names, computed from the files."""
    from chemistry.identifiers import fold_accents
    from chemistry.watchlist import NAMES_EU_CSV

    named: dict[str, set[str]] = {}
    for c in wl.entries:
        if not c.cn_scope:
            for name in (c.entry.name, *c.entry.synonyms):
                named.setdefault(normalise_name(name), set()).add(c.id)
    for row in csv.DictReader(io.StringIO(NAMES_EU_CSV.read_text(encoding="utf-8"))):
        c = wl.by_id.get(row["entry_id"])
        if c is not None and not c.cn_scope:
            for key in {normalise_name(row["name"]), normalise_name(fold_accents(row["name"]))}:
                named.setdefault(key, set()).add(c.id)
    return named


def test_every_name_of_several_entries_claims_no_stereochemistry_it_does_not_give():
    """A name that several stereo-defined entries share (chloroephedrine in every language) stands
    for their common structure without stereochemistry, and says which entries it covers; the first
    entry must not win."""
    from chemistry.molecules import standardise_smiles

    wl = bundled_watchlist()
    shared = {key: ids for key, ids in _names_of_entries(wl).items() if len(ids) > 1}
    # The enumeration finds the names known to be shared, in English and in each language that has one.
    known = {"chloroephedrine", "chloropseudoephedrine", "chloroéphédrine", "chlorephedrin", "chloorefedrine"}
    known |= {"cloroefedrina", "cloropseudoefedrina", "cloroseudoefedrina", "chlorpseudoephedrin"}
    assert known <= set(shared)
    for key, ids in shared.items():
        entries = [wl.by_id[i] for i in ids]
        assert len({c.std.key for c in entries}) == 1, key  # a name of different substances is refused
        record = wl.by_name[key]
        std, _ = standardise_smiles(record.smiles)
        assert std.key == entries[0].std.key, key
        assert std.iso_key == std.key, (key, record.smiles)  # no stereocentre fixed
        assert set(record.covers) == ids, key
    # A name that gives the stereochemistry still stands for its own entry.
    own = wl.by_name[normalise_name("(1S,2R)-(+)-Chloroephedrine")]
    assert own.watchlist_id == "EU1-CHLOROEPHEDRINE-1S2R" and not own.covers


def test_a_name_of_entries_of_different_substances_is_refused():
    phenylacetone = next(csv.DictReader(io.StringIO(_csv(BMK_ROW))))
    other = dict(phenylacetone, id="EU1-OTHER", name="Other", synonyms="phenylacetone", cas="")
    other.update(smiles="CC(=O)Cc1ccccc1C", formula="C10H12O")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER.split(","), lineterminator="\n")
    writer.writerow(other)
    with pytest.raises(WatchlistInvalid) as info:
        build_watchlist(_csv(BMK_ROW, out.getvalue().strip()), as_of="x")
    assert any("'phenylacetone'" in p and "EU1-BMK" in p and "EU1-OTHER" in p for p in info.value.problems)


def test_a_name_of_stereoisomers_the_law_tells_apart_is_refused():
    """Norephedrine excludes cathine by its stereochemistry: a name of both could not be screened
    without stereochemistry, so it is a problem of the watchlist."""
    rows = [
        line
        for line in WATCHLIST_CSV.read_text(encoding="utf-8").splitlines()[1:]
        if line.split(",")[0] in {"EU1-NOREPHEDRINE", "DRUG-CATHINE"}
    ]
    shared = [
        rows[0].replace("phenylpropanolamine;", "phenylpropanolamine; PPA-X;", 1),
        rows[1].replace("(+)-norpseudoephedrine;", "(+)-norpseudoephedrine; PPA-X;", 1),
    ]
    assert shared != rows
    with pytest.raises(WatchlistInvalid) as info:
        build_watchlist(_csv(*shared), as_of="x")
    assert any("'PPA-X'" in p and "by their stereochemistry" in p for p in info.value.problems)
    build_watchlist(_csv(*rows), as_of="x")  # without the shared name, the two entries load


def test_each_entry_structure_gets_one_inchikey_and_its_skeleton_indexes_the_entry(monkeypatch):
    # Every process that screens builds the watchlist before it can start: an entry's InChIKey is
    # computed once, when it is compiled, and its first block indexes the entry.
    import chemistry.watchlist as watchlist_module
    from chemistry.molecules import compute_inchikey

    computed = []

    def counting(mol):
        computed.append(mol)
        return compute_inchikey(mol)

    monkeypatch.setattr(watchlist_module, "compute_inchikey", counting)
    wl = build_watchlist(WATCHLIST_CSV.read_text(encoding="utf-8"))
    entry_mols = [id(c.std.mol) for c in wl.entries]
    assert sorted(id(m) for m in computed if id(m) in set(entry_mols)) == sorted(entry_mols)
    for c in wl.entries:
        assert c.inchikey == compute_inchikey(c.std.mol)
        if c.inchikey and not c.cn_scope:
            assert wl.by_inchikey_skeleton[c.inchikey[:14]].watchlist_id is not None


@pytest.mark.parametrize(
    ("written", "entry"),
    [
        ("hujiaoquan", "EU1-PIPERONAL"),  # 胡椒醛 in pinyin (the thirty-first held-out set)
        ("mahuangsu", "EU1-EPHEDRINE"),  # 麻黄素
        ("Diaketylomorfini", "DRUG-HEROIN"),  # Διακετυλομορφίνη
        ("Fenilatseton", "EU1-BMK"),  # Фенилацетон
    ],
)
def test_a_name_in_another_script_is_also_found_as_written_in_latin_letters(written, entry):
    assert bundled_watchlist().by_name[normalise_name(written)].watchlist_id == entry


@pytest.mark.parametrize("brand_like", ["Paiding", "Yimi", "Jiaben", "Bingtong"])
def test_the_pinyin_of_a_two_character_name_is_not_a_name(brand_like):
    # review23b G10: 哌啶, 乙醚, 甲苯, 丙酮 in pinyin are two-syllable words brands and people's names share
    assert normalise_name(brand_like) not in bundled_watchlist().by_name


def test_a_two_character_name_is_still_found_in_its_own_script():
    assert bundled_watchlist().by_name[normalise_name("哌啶")].watchlist_id == "EU2B-PIPERIDINE"


def test_latin_names_with_diacritics_get_no_transliteration_of_their_own():
    from chemistry.watchlist import _NON_LATIN_LETTER_RE

    assert not _NON_LATIN_LETTER_RE.search("Phenylessigsäure, kwas fenylooctowy, ácido fenilacético")
    assert _NON_LATIN_LETTER_RE.search("Фенилацетон") and _NON_LATIN_LETTER_RE.search("胡椒醛")
