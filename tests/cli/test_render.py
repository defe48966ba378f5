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
