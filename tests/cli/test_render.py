from cli.render import render_flag, terminal_safe


def test_control_characters_are_shown_not_obeyed():
    assert terminal_safe("a\x1b[2Jb\nc\x9b") == "a\\x1b[2Jb\\x0ac\\x9b"
    assert terminal_safe("Ethyl 3-oxo-4-phenylbutanoate, 25 kg") == "Ethyl 3-oxo-4-phenylbutanoate, 25 kg"


def test_a_flag_with_escape_sequences_in_declared_text_renders_them_inert():
    flag = {
        "severity": "high",
        "score": 0.8,
        "declaration_id": "26NL\x1b[31m1",
        "item_line": 1,
        "substance": {"name": "wax\x1b]0;owned\x07"},
        "matches": [],
        "signals": [{"code": "COVER_DESCRIPTION", "detail": "declared as 'wax\x1b[0m'"}],
        "flag_id": "f1",
        "watchlist_version": "v1",
    }
    text = render_flag(flag, colour=False)
    assert "\x1b" not in text and "\x07" not in text
    assert "wax\\x1b]0;owned\\x07" in text and "26NL\\x1b[31m1" in text


def test_a_novel_designer_precursor_flag_points_to_its_repository_record():
    flag = {
        "severity": "high",
        "score": 0.86,
        "declaration_id": "26AT1",
        "item_line": 1,
        "substance": {"smiles": "CCCOC(=O)C(C(C)=O)c1ccccc1", "inchikey": "XWTUIDWAWWNRKQ-UHFFFAOYSA-N\x1b[2J"},
        "matches": [],
        "novel_designer_precursor": True,
        "signals": [],
        "flag_id": "f1",
        "watchlist_version": "v1",
    }
    text = render_flag(flag)
    assert "novel designer precursor (on no list): precwatch repository show XWTUIDWAWWNRKQ-UHFFFAOYSA-N\\x1b" in text
    assert "novel designer" not in render_flag({**flag, "novel_designer_precursor": False})


def test_json_safe_escapes_c1_controls_and_keeps_the_json():
    import orjson

    from cli.render import json_safe

    line = json_safe(orjson.dumps({"name": "a\x9b31mb"}).decode())
    assert "\x9b" not in line and orjson.loads(line) == {"name": "a\x9b31mb"}


# Unicode's bidirectional controls reorder what a terminal shows after them ("Trojan source"): a
# declared name could show a CAS number or a substance backwards; line separators break lines.
def test_bidirectional_controls_and_line_separators_are_shown_not_obeyed():
    assert terminal_safe("acetone\u202e7-97-301\u202c\u2066x\u2028y") == "acetone\\u202e7-97-301\\u202c\\u2066x\\u2028y"
    assert terminal_safe("Phénylacétone 99 % (BMK)") == "Phénylacétone 99 % (BMK)"


def test_json_safe_escapes_bidirectional_controls_and_keeps_the_json():
    import orjson

    from cli.render import json_safe

    line = json_safe(orjson.dumps({"name": "a\u202eb\u2029c"}).decode())
    assert "\u202e" not in line and "\u2029" not in line and orjson.loads(line) == {"name": "a\u202eb\u2029c"}


def test_json_lines_written_to_a_terminal_are_escaped_and_to_a_file_left_as_they_are():
    import io

    from cli.render import terminal_safe_output

    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    line = '{"name":"a\x9b31m\u202eb"}\n'.encode()
    terminal, file = Terminal(), io.BytesIO()
    terminal_safe_output(terminal).write(line)
    terminal_safe_output(file).write(line)
    assert terminal.getvalue() == b'{"name":"a\\u009b31m\\u202eb"}\n'
    assert file.getvalue() == line


def test_a_flag_says_how_its_declared_identifier_was_read_when_that_is_not_plain():
    flag = {
        "severity": "low",
        "score": 0.3,
        "declaration_id": "26AT2",
        "item_line": 1,
        "substance": {
            "name": "3'-chloropropiophenone",
            "source_notes": ["name 3-chloropropiophenone names 2 different substances \x1b[2J; screened as ..."],
        },
        "matches": [],
        "signals": [],
        "flag_id": "f2",
        "watchlist_version": "v1",
    }
    text = render_flag(flag)
    assert "    ? name 3-chloropropiophenone names 2 different substances \\x1b[2J; screened as ..." in text
    assert "    ? " not in render_flag({**flag, "substance": {"name": "x"}})
