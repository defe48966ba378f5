from chemistry.watchlist import load_watchlist
from devtools.n_locants import compare_readings, iter_n_variants, main


def test_the_comparison_counts_a_wrong_reading_and_whether_the_structural_check_stops_it():
    readings = [
        ("N-benzoylethanamine", "CCNC(=O)c1ccccc1"),  # N-ethylbenzamide, not cathinone
        ("N-acetylanthranilic acid", "CC(=O)Nc1ccccc1C(=O)O"),  # no watchlist name without N-
        ("α-N-metyloaminowalerofenon", "CCCC(NC)C(=O)c1ccccc1"),  # pentedrone's Polish name, with N-
        ("toluene", "Cc1ccccc1"),  # no locant
    ]
    figures = compare_readings(load_watchlist(), readings, examples=5)
    assert figures["names with a stand-alone N-"] == 3
    assert figures["of them, a watchlist name without it"] == 2
    assert figures["of the others, another substance than the entry (disagreements)"] == 1
    assert "N-benzoylethanamine" in figures["disagreements"]
    assert figures["disagreements the structural check lets through"] == 0


def test_variants_put_n_before_each_word_once():
    assert list(iter_n_variants("Kwas acetyloantranilowy")) == [
        "N-Kwas acetyloantranilowy",
        "Kwas N-acetyloantranilowy",
    ]
    assert list(iter_n_variants("N-Acetylanthranilic acid")) == ["N-Acetylanthranilic N-acid"]


def test_the_database_survey_finds_no_wrong_reading(capsys):
    assert main(["--examples", "3"]) == 0
    out = capsys.readouterr().out
    assert "identifier database names:" in out
    assert "  of the others, another substance than the entry (disagreements): 0" in out
