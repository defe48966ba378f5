from chemistry.identifier_db import open_identifier_database
from devtools.misspellings import survey
from tests.factories import bundled_watchlist


def test_the_survey_lists_database_names_one_edit_from_a_watchlist_name_of_another_substance():
    database, why = open_identifier_database("auto")
    assert database is not None, why
    keys = ["piperonol", "benzoylcyanide", "1phenyl2propanol", "pseudoephedrine", "acetone", "zzzzzzzzzz"]
    counts, pairs = survey(bundled_watchlist(), database, keys)
    assert counts["database name keys surveyed"] == 5  # acetone is shorter than a misspelling is read at
    found = {(key, other) for key, _, other, _, _ in pairs}
    assert {("piperonol", "piperonal"), ("benzoylcyanide", "benzylcyanide")} <= found
    assert ("1phenyl2propanol", "1phenyl2propanon") in found  # the edit is a letter: no digit touched
    assert not any(key == "pseudoephedrine" for key, *_ in pairs)  # names of its own substance only
    assert counts["  the watchlist's look-up gives the entry (must be 0)"] == 0
