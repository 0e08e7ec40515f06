"""The house table: one look for every listing."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

NARROW = 100  # columns: under this, tables stack their lesser columns to leave names room


def narrow() -> bool:
    """The screen is narrower than NARROW columns."""
    from salesvisit_cli.render.console import out

    return out().width < NARROW


def data_table(
    columns: Iterable[str] = (),
    *,
    right: Iterable[str] | None = None,
    title: str | None = None,
    team: bool = False,
):
    """A Rich table with a bold header and the given columns (those in `right` right-aligned);
    `team` gives the lighter frame of the manager views; `right` by default: the id column."""
    from rich import box

    from salesvisit_cli.i18n import _
    from salesvisit_cli.render.safe import inert

    table = text_table()(
        header_style="bold",
        title=inert(title) if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD if team else box.HEAVY_HEAD,
    )
    aligned_right = set((_("ID"),) if right is None else right)
    for column in columns:
        table.add_column(column, justify="right" if column in aligned_right else "left")
    return table


@cache
def text_table():
    """Rich's Table, its column widths worked out from the cells' text (see `text_widths`)."""
    from rich.table import Table

    class TextTable(Table):
        def _calculate_column_widths(self, console, options) -> list[int]:
            widths = text_widths(self, options.max_width)
            if widths is None:
                return super()._calculate_column_widths(console, options)
            return widths

    return TextTable


def text_widths(table, available: int) -> list[int] | None:
    """The column widths (padding included) Rich gives `table` in `available` cells, worked out
    from the plain text of its cells: Rich measures every cell as a generic renderable, twice
    when the table must shrink, which is most of a long table's drawing time. None (Rich works
    them out) for what this does not follow: a cell that is no text, fixed or ratio widths."""
    from rich._ratio import ratio_reduce
    from rich.cells import cell_len
    from rich.text import Text

    columns = table.columns
    if table.expand or table.min_width is not None or available < 1:
        return None
    longest, pads = [], []
    for index, column in enumerate(columns):
        if column.width is not None or column.max_width is not None or column.ratio:
            return None
        cells = [*([column.header] if table.show_header else []), *column.cells]
        if table.show_footer:
            cells.append(column.footer)
        width = 0
        for cell in cells:
            text = cell.plain if isinstance(cell, Text) else cell
            if not isinstance(text, str) or ("[" in text and isinstance(cell, str)):
                return None  # a renderable, or markup Rich would read
            width = max(width, *(cell_len(line) for line in text.splitlines()), 0)
        longest.append(width)
        pads.append(table._get_padding_width(index))

    def measured(index: int, limit: int) -> int:
        """Rich's measurement of one column within `limit` cells (its maximum)."""
        if limit < 1:
            return 0
        pad = pads[index]
        width = limit if limit - pad < 1 else min(min(longest[index], limit) + pad, limit)
        least = columns[index].min_width
        return width if least is None else max(width, least + pad)

    widths = [measured(index, available) or 1 for index in range(len(columns))]
    if sum(widths) > available:
        wrapable = [not column.no_wrap for column in columns]
        widths = table._collapse_widths(widths, wrapable, available)
        if sum(widths) > available:
            widths = ratio_reduce(sum(widths) - available, [1] * len(widths), widths, widths)
        widths = [measured(index, width) for index, width in enumerate(widths)]
    return widths
