from devtools.prime_spellings import count_prime_spellings, main


def test_the_survey_finds_the_dropped_prime_of_a_cathinone_pre_precursor():
    figures = count_prime_spellings("auto", examples=10_000)
    keys = figures["keys with spellings that differ only in primes"]
    already = figures["of them, best rank already different substances"]
    respelt = figures["of them, best rank one substance, another spelling another substance"]
    assert keys > already + respelt > 0
    assert "4methylvalerophenone" in figures["examples of the latter (name keys)"].split(", ")
    assert "format 4" in figures["index"]


def test_the_command_prints_each_figure(capsys):
    assert main(["--examples", "1"]) == 0
    out = capsys.readouterr().out
    assert "keys with spellings that differ only in primes: " in out and "index: chemicals" in out
