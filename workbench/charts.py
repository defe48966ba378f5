"""Small server-drawn SVG charts (no JavaScript, no chart library): counts per month."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from html import escape


def count_by_month(times: Iterable[datetime | None]) -> list[tuple[str, int]]:
    counts = Counter(t.strftime("%Y-%m") for t in times if t is not None)
    return sorted(counts.items())


def bar_chart_svg(counts: list[tuple[str, int]], width: int = 560, height: int = 160, label: str = "") -> str:
    """A bar per (label, count); an empty list draws 'no data'. Labels are escaped."""
    if not counts:
        return f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='40' role='img'><text x='4' y='24'>no data</text></svg>"
    top = max(n for _, n in counts) or 1
    bar_w = max(4, min(60, (width - 40) // len(counts) - 4))
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height + 30}' role='img' "
        f"aria-label='{escape(label)}' class='chart'>"
    ]
    for i, (name, n) in enumerate(counts):
        h = round((height - 20) * n / top)
        x = 30 + i * (bar_w + 4)
        parts.append(
            f"<rect x='{x}' y='{height - h}' width='{bar_w}' height='{h}' class='bar'><title>{escape(name)}: {n}</title></rect>"
            f"<text x='{x + bar_w / 2}' y='{height - h - 4}' text-anchor='middle' font-size='11'>{n}</text>"
        )
        if len(counts) <= 12 or i % max(1, len(counts) // 12) == 0:
            parts.append(f"<text x='{x}' y='{height + 16}' font-size='10'>{escape(name)}</text>")
    parts.append("</svg>")
    return "".join(parts)
