"""Readable one-flag-per-block rendering for terminals (`precwatch flags`, `precwatch demo`)."""

from __future__ import annotations

COLOURS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m", "info": "\033[37m"}
RESET = "\033[0m"


def render_flag(flag: dict, colour: bool = False) -> str:
    sev = flag["severity"]
    head = f"{sev.upper():8s} {flag['score']:.2f}"
    if colour:
        head = f"{COLOURS.get(sev, '')}{head}{RESET}"
    sub = flag["substance"]
    what = sub.get("name") or sub.get("smiles") or "unidentified substance"
    lines = [f"{head}  {flag['declaration_id']} item {flag['item_line']}: {what}"]
    for match in flag["matches"][:3]:
        entry = match["entry"]
        how = match["method"]
        if match["path"]:
            how += " via " + " -> ".join(step["rule"] for step in match["path"])
        if match["method"] == "similarity":
            how += f" (Tanimoto {match['score']:.2f} >= {match['threshold']})"
        lines.append(f"    {entry['id']}  {entry['name']} [{entry['category']}]  {how}")
    for signal in flag["signals"]:
        lines.append(f"    ! {signal['code']}: {signal['detail']}")
    lines.append(f"    flag {flag['flag_id']}  watchlist {flag['watchlist_version']}")
    return "\n".join(lines)
