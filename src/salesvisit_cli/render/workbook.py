"""Excel workbooks for others to open (XlsxWriter): typed cells, user text always stored as
text (never a formula, a number or a link), frozen header rows, an autofilter, and column
widths that fit Chinese text (a wide character counts twice)."""

from __future__ import annotations

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
# Day 0 of Excel's serial dates (1900 system, past its 1900-02-29 bug): dates and times are
# written as serial numbers in a date format, which is what Excel stores.
EPOCH = datetime(1899, 12, 30)


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
    """A workbook written row by row (constant memory), its strings never turned into formulas,
    numbers or links, with the formats its sheets share."""

    def __init__(self, handle: BinaryIO) -> None:
        import xlsxwriter

        self.workbook = xlsxwriter.Workbook(
            handle,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.formats = _formats(self.workbook)

    def sheet(self, name: str, headers: Sequence[str]) -> Sheet:
        return Sheet(self, name, headers)

    def chart(self, kind: str):
        return self.workbook.add_chart({"type": kind})

    def close(self) -> None:
        self.workbook.close()


class Sheet:
    """One worksheet written top to bottom: a bold, frozen header row, then typed rows."""

    def __init__(self, book: Book, name: str, headers: Sequence[str]) -> None:
        self.sheet = book.workbook.add_worksheet(name[:31])
        self.name = self.sheet.get_name()
        self.headers = list(headers)
        self.columns = len(headers)
        self.widths = [text_width(header) + 2 for header in headers]
        self.formats = book.formats
        for column, header in enumerate(headers):
            self.sheet.write_string(0, column, header, self.formats["header"])
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def add(self, values: Sequence[Any], styles: dict[int, str] | None = None) -> int:
        """Write one row (str: text, int/float: number, date/datetime: date, bool: yes/no,
        None: empty); `styles` names a format per column. Returns the row's index."""
        for column, value in enumerate(values):
            style = self.formats.get((styles or {}).get(column, ""))
            self._cell(self.row, column, value, style)
        self.row += 1
        return self.row - 1

    def _cell(self, row: int, column: int, value: Any, style) -> None:
        if value is None:
            return
        if isinstance(value, str):
            text = disarm(value)[:MAX_CELL]
            self.sheet.write_string(row, column, text, style)
            if self.widths[column] < MAX_WIDTH:
                self._fit(column, max(text_width(line) for line in text[:200].split("\n")))
        elif isinstance(value, bool):
            self._cell(row, column, yes_no(value), style)
        elif isinstance(value, int | float):
            self.sheet.write_number(row, column, value, style)
            if self.widths[column] < MAX_WIDTH:
                self._fit(column, len(f"{value:,}") + 1)
        elif isinstance(value, datetime):
            serial = (value - EPOCH).total_seconds() / 86_400
            self.sheet.write_number(row, column, serial, style or self.formats["moment"])
            self._fit(column, len(MOMENT_FORMAT))
        else:  # a date
            serial = (value - EPOCH.date()).days
            self.sheet.write_number(row, column, serial, style or self.formats["date"])
            self._fit(column, len(DATE_FORMAT))

    def _fit(self, column: int, width: int) -> None:
        self.widths[column] = max(self.widths[column], min(width + 1, MAX_WIDTH))

    def finish(self) -> None:
        """Column widths from the widest cell, and an autofilter over the rows written."""
        for column, width in enumerate(self.widths):
            self.sheet.set_column(column, column, max(width, MIN_WIDTH))
        self.sheet.autofilter(0, 0, max(self.row - 1, 0), self.columns - 1)

    def reference(self, column: int, first: int, last: int) -> list[Any]:
        """A chart range: [sheet, first row, column, last row, column] (0-based)."""
        return [self.name, first, column, last, column]


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
