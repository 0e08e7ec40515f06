"""CSV cells that spreadsheets will not execute, and the reverse on import."""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str | None) -> str:
    """Prefix `'` to a cell a spreadsheet would read as a formula (also to `'=…`, to round-trip)."""
    if not cell:
        return ""
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_START) else cell


def restore(cell: str) -> str:
    """Undo `neutralise`: the exact text that was exported."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START):
        return cell[1:]
    return cell
