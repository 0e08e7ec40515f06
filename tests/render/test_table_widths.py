"""The house table works its column widths out from the cells' text: the screen must be the one
Rich draws when it measures every cell itself, at every width, wrapped, folded or shrunk."""

from __future__ import annotations

import random

import pytest
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from salesvisit_cli.render.tables import text_table, text_widths

WORDS = (
    "上海华美国际贸易发展有限公司浦东分公司",
    "Acme Trading",
    "021-6888 1234 ext. 8024",
    "王经理",
    "OVERDUE 12d",
    "",
    "x",
    "送货晚了三天 Samples of the catalogue",
    "12/120",
)


def _tables(seed: int, kind: type[Table]) -> list[Table]:
    """Tables like the screens' (heavy and light frames, sections, folded, unwrapped and
    right-aligned columns, a least width, two-line cells) filled with random words."""
    chosen = random.Random(seed)
    found = []
    for frame in (box.HEAVY_HEAD, box.SIMPLE_HEAD):
        table = kind(box=frame, header_style="bold", title="Team · 团队")
        for number in range(chosen.randint(1, 7)):
            table.add_column(
                chosen.choice(("ID", "Salesperson", "客户", "Note")) + str(number),
                justify=chosen.choice(("left", "right")),
                overflow=chosen.choice(("fold", "ellipsis")),
                no_wrap=chosen.random() < 0.3,
                min_width=chosen.choice((None, None, 8)),
            )
        for row in range(chosen.randint(0, 6)):
            if row and chosen.random() < 0.2:
                table.add_section()
            cells = []
            for _column in table.columns:
                words = " ".join(chosen.choices(WORDS, k=chosen.randint(1, 3)))
                two = "\n".join(chosen.choices(WORDS, k=2))
                cells.append(chosen.choice((words, Text(words, style="red"), Text(two))))
            table.add_row(*cells)
        found.append(table)
    return found


def _drawn(table: Table, width: int) -> str:
    console = Console(width=width, markup=False, highlight=False, emoji=False)
    with console.capture() as captured:
        console.print(table)
    return captured.get()


@pytest.mark.parametrize("seed", range(16))
def test_the_widths_are_the_ones_rich_measures(seed):
    for ours, rich in zip(_tables(seed, text_table()), _tables(seed, Table), strict=True):
        assert type(ours) is not Table
        for width in (20, 40, 60, 80, 120):
            assert _drawn(ours, width) == _drawn(rich, width)


def test_a_cell_that_is_no_text_is_left_to_rich():
    table = Table()
    table.add_column("a")
    table.add_row(Table())
    assert text_widths(table, 80) is None
