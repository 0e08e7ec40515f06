"""Excel workbooks for others to open (XlsxWriter): typed cells, user text always stored as
text (never a formula, a number or a link), frozen header rows, an autofilter, and column
widths that fit Chinese text (a wide character counts twice)."""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any, BinaryIO

from salesvisit_cli.domain.spreadsheet import disarm
from salesvisit_cli.i18n import _

MAX_CELL = 32_767  # Excel's longest text cell
MAX_WIDTH = 60
MIN_WIDTH = 6
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
DATE_WIDTH = len(DATE_FORMAT) + 1
MOMENT_WIDTH = len(MOMENT_FORMAT) + 1
# Day 0 of Excel's serial dates (1900 system, past its 1900-02-29 bug): dates and times are
# written as serial numbers in a date format, which is what Excel stores.
EPOCH = datetime(1899, 12, 30)
EPOCH_DAY = EPOCH.date()


# East Asian wide and fullwidth characters (CJK, kana, hangul, fullwidth forms): two columns.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001faff\U00020000-\U0003fffd]"
)


def text_width(text: str) -> int:
    """Columns the text takes in a spreadsheet cell: East Asian wide characters count two."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


class Book:
    """A workbook written row by row, its strings never turned into formulas, numbers or links,
    with the formats its sheets share and each distinct text made safe and measured once (the
    month's workbook writes ~100,000 text cells of ~6,000 distinct texts). Not XlsxWriter's
    constant-memory mode: its in-line strings make the month of the large demo team slower to
    write (`benchmarks/`), and the shared strings keep the file smaller; the month's workbook
    peaks under 100 MiB."""

    def __init__(self, handle: BinaryIO) -> None:
        import xlsxwriter

        self.workbook = xlsxwriter.Workbook(
            handle,
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.formats = _formats(self.workbook)
        self.texts: dict[str, tuple[str, int]] = {}  # text → (cell text, column width)

    def sheet(self, name: str, headers: Sequence[str], styles: dict[int, str] | None = None):
        """A new worksheet; `styles` names the format of some columns (by index)."""
        return Sheet(self, name, headers, styles or {})

    def chart(self, kind: str):
        return self.workbook.add_chart({"type": kind})

    def __enter__(self) -> Book:
        """Written inside `with`: the cyclic collector waits meanwhile (the cells are rows of
        numbers and strings, no cycles: scanning them again and again was ~5% of the month's
        workbook), and the workbook is closed (written out) when the block ends well."""
        self.collecting = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, failed, *_) -> None:
        try:
            if failed is None:
                self.workbook.close()
        finally:
            if self.collecting:
                gc.enable()


class Sheet:
    """One worksheet written top to bottom: a bold, frozen header row, then typed rows."""

    def __init__(
        self, book: Book, name: str, headers: Sequence[str], styles: dict[int, str]
    ) -> None:
        self.sheet = book.workbook.add_worksheet(name[:31])
        self.name = self.sheet.get_name()
        self.headers = list(headers)
        self.columns = len(headers)
        self.formats = book.formats
        self.styles = [
            book.formats[styles[c]] if c in styles else None for c in range(len(headers))
        ]
        self.widths = [text_width(header) + 2 for header in headers]
        self.largest: list[float] = [0] * self.columns  # the largest number of each column
        self.texts = book.texts
        self.answers = {True: yes_no(True), False: yes_no(False)}
        for column, header in enumerate(headers):
            self.sheet.write_string(0, column, header, self.formats["header"])
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def add(self, values: Sequence[Any]) -> int:
        """Write one row (str: text, int/float: number, date/datetime: date, bool: yes/no,
        None: no cell). Returns the row's index. The month's workbook writes ~160,000 cells:
        this is its hot path."""
        row, styles, widths, texts = self.row, self.styles, self.widths, self.texts
        # XlsxWriter's undecorated writers: its public ones first check for "A1" notation,
        # a third of the time of each of these ~160,000 cells.
        write_string, write_number = self.sheet._write_string, self.sheet._write_number
        largest = self.largest
        for column, value in enumerate(values):
            if value is None:
                continue
            kind = type(value)
            if kind is str or kind is bool:
                if kind is bool:
                    value = self.answers[value]
                cell = texts.get(value)
                if cell is None:
                    cell = texts[value] = _cell_text(value)
                write_string(row, column, cell[0], styles[column])
                if cell[1] > widths[column]:
                    widths[column] = cell[1]
            elif kind is int or kind is float:
                write_number(row, column, value, styles[column])
                if value > largest[column]:
                    largest[column] = value
            elif kind is datetime:
                serial = (value - EPOCH).total_seconds() / 86_400
                write_number(row, column, serial, styles[column] or self.formats["moment"])
                if widths[column] < MOMENT_WIDTH:
                    widths[column] = MOMENT_WIDTH
            else:  # a date
                serial = (value - EPOCH_DAY).days
                write_number(row, column, serial, styles[column] or self.formats["date"])
                if widths[column] < DATE_WIDTH:
                    widths[column] = DATE_WIDTH
        self.row += 1
        return row

    def finish(self) -> None:
        """Column widths from the widest cell, and an autofilter over the rows written."""
        for column, width in enumerate(self.widths):
            number = min(len(f"{self.largest[column]:,}") + 2, MAX_WIDTH)
            self.sheet.set_column(column, column, max(width, number, MIN_WIDTH))
        self.sheet.autofilter(0, 0, max(self.row - 1, 0), self.columns - 1)

    def reference(self, column: int, first: int, last: int) -> list[Any]:
        """A chart range: [sheet, first row, column, last row, column] (0-based)."""
        return [self.name, first, column, last, column]


def _cell_text(text: str) -> tuple[str, int]:
    """The text as a cell holds it (disguising characters replaced, cut to Excel's longest)
    and the column width its widest line needs (at most MAX_WIDTH)."""
    cell = disarm(text)[:MAX_CELL]
    widest = max(text_width(line) for line in cell[:200].split("\n"))
    return cell, min(widest + 1, MAX_WIDTH)


def _formats(workbook) -> dict[str, Any]:
    """The formats the sheets of one workbook share."""
    return {
        "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "date": workbook.add_format({"num_format": DATE_FORMAT}),
        "moment": workbook.add_format({"num_format": MOMENT_FORMAT}),
        "percent": workbook.add_format({"num_format": "0%"}),
        "good": workbook.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"}),
        "bad": workbook.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
    }
