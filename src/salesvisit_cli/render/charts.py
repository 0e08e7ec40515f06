"""Terminal charts drawn with block characters: readable with colour, without it, and piped."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from rich.text import Text

from salesvisit_cli.i18n import _

NEW, KNOWN, PACE, EMPTY = "█", "▒", "┄", "░"
NEW_STYLE, KNOWN_STYLE, PACE_STYLE = "green", "cyan", "yellow"
MAX_ROWS = 12


def meter(value: int, target: int, width: int = 30, style: str = "green") -> Text:
    """A progress bar: `█` for the part done, `░` for the rest (full once the target is met)."""
    done = width if target <= 0 else min(width, (value * width) // target)
    if value and not done:
        done = 1  # any progress shows
    bar = Text()
    bar.append(NEW * done, style=style)
    bar.append(EMPTY * (width - done), style="dim")
    return bar


@dataclass(frozen=True)
class Column:
    """One day of the chart: `new` + `known` stacked; `working` False marks a worked day off."""

    day: date
    new: int
    known: int
    working: bool = True

    @property
    def total(self) -> int:
        return self.new + self.known


def _rows(value: int, step: int) -> int:
    """Rows a value fills at `step` per row (any non-zero value shows at least one)."""
    return 0 if value <= 0 else max(1, round(value / step))


def day_chart(columns: Sequence[Column], pace: Fraction | float, width: int = 80) -> list[Text]:
    """A vertical stacked bar chart, one column per day, with a horizontal pace line.

    The y axis counts visits; the x axis shows the day of the month and its weekday initial
    (`*`: not a working day). Columns are 3 characters wide, 2 when the terminal is narrow.
    """
    if not columns:
        return []
    pace = Fraction(pace).limit_denominator(1000)
    top = max(max(column.total for column in columns), math.ceil(pace), 1)
    step = max(1, math.ceil(top / MAX_ROWS))
    height = math.ceil(top / step)
    pace_row = max(1, math.ceil(pace / step)) if pace > 0 else 0  # first row at/above pace
    label_width = len(str(height * step))
    bar_width = 2 if label_width + 2 + 3 * len(columns) <= width else 1
    cell = bar_width + 1
    lines = []
    for row in range(height, 0, -1):
        is_pace = row == pace_row
        line = Text(f"{row * step:>{label_width}} ", style="dim")
        line.append("┤" if is_pace else "│", style="dim")
        for column in columns:
            new_rows = _rows(column.new, step)
            total_rows = max(_rows(column.total, step), new_rows)
            if row <= new_rows:
                line.append(NEW * bar_width, style=NEW_STYLE)
            elif row <= total_rows:
                line.append(KNOWN * bar_width, style=KNOWN_STYLE)
            elif is_pace:
                line.append(PACE * bar_width, style=PACE_STYLE)
            else:
                line.append(" " * bar_width)
            line.append(PACE if is_pace else " ", style=PACE_STYLE)
        lines.append(line)
    axis = Text(" " * label_width + " └" + "─" * (cell * len(columns)), style="dim")
    lines.append(axis)
    indent = " " * (label_width + 2)
    if bar_width == 2:
        lines.append(
            Text(indent + "".join(f"{column.day.day:02d} " for column in columns).rstrip())
        )
    else:  # narrow: tens and units of the day on two lines
        tens = "".join(f"{column.day.day // 10 or ' '} " for column in columns)
        lines.append(Text(indent + tens.rstrip()))
        lines.append(Text(indent + "".join(f"{column.day.day % 10} " for column in columns)))
    weekdays = "".join(_weekday_cell(column, cell) for column in columns)
    lines.append(Text(indent + weekdays.rstrip(), style="dim"))
    return lines


def _weekday_cell(column: Column, cell: int) -> str:
    """A column's weekday initial, `cell` terminal cells wide, `*` marking a worked day off
    (after the initial in a wide chart, in its place in a narrow one; a CJK initial takes two
    cells)."""
    from rich.cells import cell_len

    # Translators: the initials of Monday…Sunday, one character each.
    initial = _("MTWTFSS")[column.day.weekday()]
    mark = "" if column.working else "*"
    text = initial + mark if cell == 3 else mark or initial
    return text + " " * (cell - cell_len(text))


def chart_legend(pace: Fraction | float, pace_note: str = "", worked_off: bool = False) -> Text:
    """What the characters of `day_chart` mean."""
    legend = Text()
    legend.append(NEW, style=NEW_STYLE)
    legend.append(_(" new  "))
    legend.append(KNOWN, style=KNOWN_STYLE)
    legend.append(_(" known  "))
    legend.append(PACE, style=PACE_STYLE)
    legend.append(_(" pace {pace} a day").format(pace=f"{float(pace):.1f}") + pace_note)
    if worked_off:
        legend.append(_("  * day off"))
    return legend
