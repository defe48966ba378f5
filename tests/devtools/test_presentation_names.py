from devtools.presentation_names import main, survey_presentation_names

# id, CAS, formula, MW, SMILES, InChI, InChIKey, IUPAC name, common name, synonyms...
ROWS = [
    ("4130", "298-00-0", "", "", "COP(=S)(OC)Oc1ccc(cc1)[N+](=O)[O-]", "", "", "", "methyl parathion", "Liquid", "Metaphos"),
    ("70815", "1135-40-6", "", "", "OC(=O)", "", "", "", "CAPS", "Cyclohexylaminopropanesulfonic acid"),
    ("222", "7664-41-7", "", "", "N", "", "", "", "ammonia", "Liquid ammonia", "Spirit of hartshorn"),
    ("13836", "999-81-5", "", "", "C[N+](C)(C)CCCl", "", "", "", "chlormequat chloride", "Premix", "Tablet premix"),
]


def write_data(folder):
    lines = ["\t".join(row) for row in ROWS]
    (folder / "chemical identifiers pubchem large.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_the_survey_lists_synonyms_of_presentation_words_and_no_substance_names(tmp_path):
    figures = survey_presentation_names(write_data(tmp_path))
    assert figures["synonym keys read by no declaration (no chemical's own name)"] == 3
    listed = figures["of them"]
    assert "'Liquid' (methyl parathion)" in listed and "'Premix' (chlormequat chloride)" in listed
    assert "'Tablet premix' (chlormequat chloride)" in listed
    assert "ammonia" not in listed and "Metaphos" not in listed
    assert figures["common or IUPAC names of presentation words only (still read)"] == "CAPS"  # a buffer's own name
    assert figures["lexicon names of presentation words only (still read)"] == "none"


def test_the_command_prints_each_figure(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("devtools.presentation_names.find_data_dir", lambda: write_data(tmp_path))
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "synonym keys read by no declaration (no chemical's own name): 3" in out
