"""Readable one-flag-per-block rendering for terminals (`precwatch flags`, `precwatch demo`).

Flags carry text from declarations (names, descriptions); control characters in it could move the
cursor or recolour the terminal, so every value printed goes through ``terminal_safe``."""

from __future__ import annotations

import re

COLOURS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m", "info": "\033[37m"}
RESET = "\033[0m"
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def terminal_safe(value: object) -> str:
    """The text with control characters (escape sequences, newlines) shown as \\xNN escapes."""
    return CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", str(value))


C1_CONTROL = re.compile(r"[\x7f-\x9f]")


def json_safe(line: str) -> str:
    """A JSON text with the C1 control characters orjson leaves raw written as \\u escapes: the same JSON,
    safe on a terminal (JSON text holds control characters only inside strings)."""
    return C1_CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", line)


def render_flag(flag: dict, colour: bool = False) -> str:
    sev = flag["severity"]
    head = f"{terminal_safe(sev).upper():8s} {flag['score']:.2f}"
    if colour:
        head = f"{COLOURS.get(sev, '')}{head}{RESET}"
    sub = flag["substance"]
    what = terminal_safe(sub.get("name") or sub.get("smiles") or "unidentified substance")
    lines = [f"{head}  {terminal_safe(flag['declaration_id'])} item {flag['item_line']}: {what}"]
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
