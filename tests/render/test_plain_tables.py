"""`render.tables.print_table` draws a plain table itself: the same characters in the same
styles as Rich's drawing of it (compared segment by segment, adjacent equal styles merged),
for generated tables at several widths; anything it does not draw goes to Rich."""

from __future__ import annotations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from salesvisit_cli.render.tables import _plain_drawing, data_table

WORDS = ["王经理", "上海华美国际贸易", "Acme", "rep009 #8", "12/40", "—", "", "欧阳娜娜", "3"]
STYLES = ["", "bold", "dim", "red", "bold red", "yellow", "green"]


def _console(width: int) -> Console:
    return Console(width=width, force_terminal=True, color_system="truecolor", markup=False,
                   highlight=False, emoji=False)  # fmt: skip


def _lines(console: Console, renderable, **options) -> list[list[tuple[str, Style]]]:
    """Each line as runs of (text, style): what the screen shows, however it is cut."""
    rendered = console.render(renderable, console.options.update(**options))
    lines = []
    for line in Segment.split_lines(rendered):
        runs: list[tuple[str, Style]] = []
        for segment in line:
            style = segment.style or Style.null()
            if runs and runs[-1][1] == style:
                runs[-1] = (runs[-1][0] + segment.text, style)
            elif segment.text:
                runs.append((segment.text, style))
        lines.append(runs)
    return lines


def _same_drawing(table, width: int) -> bool:
    """Whether the table was drawn here (True) or left to Rich (False); drawn, it must equal
    Rich's drawing."""
    console = _console(width)
    drawn = _plain_drawing(table, console)
    if drawn is None:
        return False
    assert _lines(console, drawn, no_wrap=True, overflow="ignore") == _lines(console, table)
    return True


def _cell(words: list[str], style: str, as_text: bool):
    return Text(" ".join(words), style=style) if as_text else " ".join(words)


cells = st.builds(
    _cell, st.lists(st.sampled_from(WORDS), max_size=3), st.sampled_from(STYLES), st.booleans()
)
columns = st.tuples(
    st.sampled_from(WORDS[:5]), st.sampled_from(["left", "right"]), st.sampled_from([None, 8])
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(columns, min_size=1, max_size=6),
    st.lists(st.lists(cells, min_size=6, max_size=6), max_size=6),
    st.sampled_from([None, "Team quota · 2026年12月", "A long title " * 6]),
    st.sampled_from([40, 80, 120]),
)
def test_a_plain_table_is_drawn_as_rich_draws_it(headers, rows, title, width):
    table = data_table(title=title, team=True)
    for header, justify, min_width in headers:
        table.add_column(header, justify=justify, min_width=min_width)
    for row in rows:
        table.add_row(*row[: len(headers)])
    event("drawn here" if _same_drawing(table, width) else "left to Rich")


def test_a_team_view_is_drawn_here_at_120_columns():
    table = data_table(title="Team daily reports", team=True)
    table.add_column("Salesperson", overflow="fold", min_width=8)
    table.add_column("Visits", justify="right")
    table.add_column("Hand-in", no_wrap=True)
    for number in range(200):
        table.add_row(Text(f"rep{number:03d} #8"), str(number), Text("on time", style="green"))
    assert _same_drawing(table, 120)


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.add_row("two\nlines", "x"),
        lambda t: t.add_row("x" * 200, "x"),
        lambda t: t.add_row("x", "x", end_section=True),
        lambda t: t.add_row("x", "x", style="red"),
    ],
)
def test_anything_else_is_left_to_rich(change):
    table = data_table(title="t", team=True)
    table.add_column("a")
    table.add_column("b", justify="right")
    change(table)
    assert not _same_drawing(table, 80)
