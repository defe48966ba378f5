from chemistry.identifier_db import open_identifier_database
from devtools.name_heads import COUNTED, survey
from tests.factories import bundled_watchlist


def test_the_survey_counts_names_read_by_their_head_as_another_structure():
    database, why = open_identifier_database("auto")
    assert database is not None, why
    named = [
        ("Acetone nail polish remover", "CC(C)=O"),  # read by its head as its own substance
        ("Benzoic acid, 4-hydroxy", "O=C(O)c1ccc(O)cc1"),  # not cut: the particular goes on with the name
        ("Acetone hobby", "CCO"),  # a made-up name whose own structure is not its head's: must be counted
    ]
    counts, wrong = survey(bundled_watchlist(), database, named)
    assert counts[COUNTED[0]] == 3 and counts[COUNTED[1]] == 2
    assert [(name, read, listed) for _, name, read, listed in wrong][:1] == [("Acetone hobby", "Acetone", True)]
    assert counts[COUNTED[6]] == len(wrong) == 2  # without the database and with it
