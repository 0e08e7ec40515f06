"""CSV cells that spreadsheets will not execute nor show disguised, and the reverse on import."""

from __future__ import annotations

import re

from salesvisit_cli.domain.text import DISPLAY_CONTROLS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters but TAB, LF and CR, and the bidi controls and separators: never exported raw.
_DISGUISING = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{DISPLAY_CONTROLS}]")


def disarm(text: str) -> str:
    """Text that cannot disguise itself in a cell: bidi and control characters become U+FFFD
    (for cells typed as text, such as a workbook's, where a formula is never read)."""
    return _DISGUISING.sub("\ufffd", text)


def neutralise(cell: str | None) -> str:
    """The cell made safe: bidi and control characters become U+FFFD, and a cell a spreadsheet
    would read as a formula gets a `'` prefix (also `'=…`, so that `restore` round-trips)."""
    if not cell:
        return ""
    cell = disarm(cell)
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_START) else cell


def restore(cell: str) -> str:
    """Undo the formula prefix of `neutralise`: the exported text (U+FFFD stays as it is)."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START):
        return cell[1:]
    return cell
