"""`precwatch screen --summary`: a readable table of the flagged items, on stderr, next to the JSON
Lines the command writes.

The table is read off the flags as they are written (``FlagTable.tee``), so it shows exactly what the
output holds, in the same order whatever the number of jobs (the output is the same bytes). Every
value that comes from a declaration goes through ``terminal_safe``.
"""

from __future__ import annotations

import heapq
from typing import BinaryIO

import orjson

from cli.render import terminal_safe
from schemas.flags import SEVERITIES

SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}  # info .. critical
DEFAULT_ROWS = 50
# The finding comes last and is not cut (a follow-up's says how many consignments, how many kg); the
# other columns are cut to their width.
COLUMNS = (("SEVERITY", 8), ("SCORE", 5), ("DECLARATION", 20), ("ITEM", 4), ("SUBSTANCE", 28), ("SIGNALS", 40))


class FlagTable:
    """The ``rows`` most severe flags written (by severity, then score; ties in output order), and how
    many there were."""

    def __init__(self, rows: int = DEFAULT_ROWS) -> None:
        self.rows = rows
        self.flags = 0
        self._kept: list[tuple[int, float, int, tuple[str, ...]]] = []  # (rank, score, -order, cells): a min-heap

    def add(self, flag: dict) -> None:
        from workbench.extract import flag_row  # what the workbench's list shows: the same finding

        order = self.flags
        self.flags += 1
        row = flag_row(flag)
        # A match names its entry id first (short, and what the watchlist and `precwatch identify` use); a
        # flag without a match says what it found instead (a follow-up's finding, a signal).
        named = " ".join(part for part in (row.entry_id, row.entry_name) if part)
        finding = f"{row.method}: {named}" if named else row.method
        signals = ", ".join(str(s.get("code")) for s in flag.get("signals") or [] if isinstance(s, dict))
        cells = (
            row.severity,
            f"{row.score:.2f}",
            row.declaration_id,
            str(flag.get("item_line", "")),
            row.substance_name or "(unidentified)",
            signals or "-",
            finding or "-",
        )
        entry = (SEVERITY_RANK.get(row.severity, 0), row.score, -order, cells)
        if len(self._kept) < self.rows:
            heapq.heappush(self._kept, entry)
        elif self.rows:
            heapq.heappushpop(self._kept, entry)

    def tee(self, stream: BinaryIO) -> BinaryIO:
        """``stream``, with every complete flag line written to it also added here."""
        return _Tee(stream, self)  # type: ignore[return-value]

    def render(self) -> str:
        """The table: most severe first, then in output order; every cell escaped for a terminal and cut
        to its column (the finding, last, is not cut)."""
        if not self.flags:
            return "no flagged items"
        kept = sorted(self._kept, reverse=True)
        head = [name.ljust(width) for name, width in COLUMNS] + ["FINDING"]
        lines = [
            f"flagged items, most severe first ({len(kept)} of {self.flags}):",
            "  ".join(head).rstrip(),
        ]
        for *_, cells in kept:
            shown = [
                _cut(terminal_safe(cell), width).ljust(width)
                for cell, (_, width) in zip(cells[:-1], COLUMNS, strict=True)
            ]
            lines.append("  ".join([*shown, terminal_safe(cells[-1])]))
        if self.flags > len(kept):
            lines.append(f"... and {self.flags - len(kept)} more (--summary N lists N)")
        return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class _Tee:
    def __init__(self, stream: BinaryIO, table: FlagTable) -> None:
        self._stream = stream
        self._table = table
        self._pending = b""

    def write(self, data: bytes) -> int:
        written = self._stream.write(data)
        lines = (self._pending + data).split(b"\n")
        self._pending = lines.pop()
        for line in lines:
            if line.strip():
                self._table.add(orjson.loads(line))
        return written if written is not None else len(data)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
