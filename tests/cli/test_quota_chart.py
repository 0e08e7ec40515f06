"""The block-character chart and meter, drawn as plain text (no colour needed to read them)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from salesvisit_cli.render.charts import Column, day_chart, meter


def plain(lines) -> list[str]:
    return [line.plain for line in lines]


def test_stacked_columns_and_pace_line():
    columns = [
        Column(date(2026, 3, 2), new=2, known=1),
        Column(date(2026, 3, 3), new=0, known=4),
        Column(date(2026, 3, 7), new=0, known=1, working=False),
    ]
    lines = plain(day_chart(columns, Fraction(3)))
    assert lines[:4] == [
        "4 │   ▒▒    ",
        "3 ┤▒▒┄▒▒┄┄┄┄",
        "2 │██ ▒▒    ",
        "1 │██ ▒▒ ▒▒ ",
    ]
    assert lines[4].startswith("  └")
    assert lines[5] == "   02 03 07"
    assert lines[6] == "   M  T  S*"


def test_large_days_are_scaled_and_narrow_terminals_get_thin_columns():
    columns = [Column(date(2026, 3, day), new=day % 3, known=24) for day in range(1, 32)]
    lines = plain(day_chart(columns, Fraction(120, 22), width=70))
    rows = [line for line in lines if "│" in line or "┤" in line]
    assert len(rows) == 9 and lines[0].startswith("27 │")  # steps of 3 visits up to 26
    assert rows[-1].startswith(" 3 │█ █ ▒ ")  # 3 Mar has no new customer: known only
    assert max(len(line) for line in lines) <= 70
    tens, units = lines[-3], lines[-2]
    assert tens.split()[:3] == ["1", "1", "1"] and units.split()[:3] == ["1", "2", "3"]


def test_meter():
    assert meter(30, 120, 12).plain == "███░░░░░░░░░"
    assert meter(1, 120, 12).plain == "█░░░░░░░░░░░"  # any progress shows
    assert meter(200, 120, 12).plain == "█" * 12
    assert meter(0, 40, 4).plain == "░░░░"
