"""Readable one-flag-per-block rendering for terminals (`precwatch flags`, `precwatch demo`).

Flags carry text from declarations (names, descriptions); control characters in it could move the
cursor or recolour the terminal, so every value printed goes through ``terminal_safe``. Unicode's bidirectional controls reorder what
follows them on terminals that implement them (a declared name could show a CAS number backwards) and
line separators break lines: they are shown as escapes too."""

from __future__ import annotations

import re
from typing import BinaryIO

COLOURS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m", "info": "\033[37m"}
RESET = "\033[0m"
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
BIDI_OR_SEPARATOR = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(rf"[\x00-\x1f\x7f-\x9f{BIDI_OR_SEPARATOR}]")


def terminal_safe(value: object) -> str:
    """The text with control characters (escape sequences, newlines) shown as \\xNN escapes, and
    bidirectional controls and line separators as \\uNNNN."""
    return _UNSAFE.sub(_escape, str(value))


def _escape(match: re.Match) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


C1_CONTROL = re.compile(rf"[\x7f-\x9f{BIDI_OR_SEPARATOR}]")


def json_safe(line: str) -> str:
    """A JSON text with the C1 control characters, bidirectional controls and line separators that orjson
    leaves raw written as \\u escapes: the same JSON, safe on a terminal (JSON text holds control
    characters only inside strings)."""
    return C1_CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", line)


class _TerminalJsonLines:
    """A binary stream on a terminal whose JSON Lines are written through json_safe."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        self._stream.write(json_safe(data.decode("utf-8", errors="replace")).encode())
        return len(data)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def terminal_safe_output(stream: BinaryIO) -> BinaryIO:
    """``stream`` itself, or when it is a terminal, a writer that escapes what json_safe does: the JSON
    Lines that `precwatch screen` and others write to stdout or stderr by default quote declarations."""
    isatty = getattr(stream, "isatty", None)
    return _TerminalJsonLines(stream) if isatty is not None and isatty() else stream  # type: ignore[return-value]


def render_flag(flag: dict, colour: bool = False) -> str:
    sev = flag["severity"]
    head = f"{terminal_safe(sev).upper():8s} {flag['score']:.2f}"
    if colour:
        head = f"{COLOURS.get(sev, '')}{head}{RESET}"
    sub = flag["substance"]
    what = terminal_safe(sub.get("name") or sub.get("smiles") or "unidentified substance")
    lines = [f"{head}  {terminal_safe(flag['declaration_id'])} item {flag['item_line']}: {what}"]
    # How the declared identifier was read when that is not plain: a name of several substances, a
    # locant ignored, sources that disagree (the investigator must check which substance was meant).
    lines += [f"    ? {terminal_safe(note)}" for note in sub.get("source_notes") or ()]
    for match in flag["matches"][:3]:
        entry = match["entry"]
        how = match["method"]
        if match["path"]:
            how += " via " + " -> ".join(step["rule"] for step in match["path"])
        if match["method"] == "similarity":
            how += f" (Tanimoto {match['score']:.2f} >= {match['threshold']})"
        lines.append(f"    {entry['id']}  {entry['name']} [{entry['category']}]  {terminal_safe(how)}")
    if flag.get("novel_designer_precursor"):
        key = terminal_safe(sub.get("inchikey") or "")
        lines.append(f"    * novel designer precursor (on no list): precwatch repository show {key}")
    for signal in flag["signals"]:
        lines.append(f"    ! {signal['code']}: {terminal_safe(signal['detail'])}")
        if signal.get("event_ids"):  # a stateful signal: the events it rests on (issue 12)
            lines.append(f"      events {terminal_safe(', '.join(signal['event_ids']))}")
    if flag.get("follow_up_of"):
        related = ", ".join(flag.get("related_flag_ids") or []) or "none"
        lines.append(f"    follow-up of flag {flag['follow_up_of']}; related flags {terminal_safe(related)}")
    lines.append(f"    flag {flag['flag_id']}  watchlist {flag['watchlist_version']}")
    return "\n".join(lines)
