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


def print_table(table) -> None:
    """Print a `data_table`. A plain one (below) is drawn here, line by line, in the characters
    and styles Rich would give it (tests/render/test_plain_tables.py holds the two equal); Rich
    lays out every cell on its own, ~0.15 ms a cell: 0.3 s of CPU for the 200 rows of a team
    view. Any other table (a cell to wrap, a title wider than the table, …) goes to Rich."""
    from salesvisit_cli.render.console import out

    console = out()
    drawn = _plain_drawing(table, console)
    if drawn is None:
        console.print(table)
    else:
        console.print(drawn, soft_wrap=True)


def _plain_drawing(table, console):
    """The whole table as one Text, or None unless it is plain: header, edge, one-line cells of
    text (no tabs) that fit their columns as they are, no footer, caption, row styles or lines,
    padding (0, 1), and the table within the console's width."""
    from rich.cells import cell_len
    from rich.text import Text

    options = console.options
    if not _plain_layout(table) or options.ascii_only or options.legacy_windows:
        return None
    if any(column.justify not in ("left", "right") for column in table.columns):
        return None
    get_style = console.get_style
    if get_style(table.style or "") or get_style(table.border_style or ""):
        return None
    columns = []  # (width, justify, [(text, cell style)] header first)
    for column in table.columns:
        texts = [Text(cell) if isinstance(cell, str) else cell for cell in column.cells]
        header = Text(column.header) if isinstance(column.header, str) else column.header
        cells = [(header, get_style(table.header_style or "") + get_style(column.header_style))]
        cells += [(text, get_style(column.style or "")) for text in texts]
        if not all(isinstance(text, Text) and _one_line(text) for text, _ in cells):
            return None
        widest = max(cell_len(text.plain) for text, _ in cells)
        width = max(widest, column.min_width or 0)
        if column.max_width is not None and width > column.max_width:
            return None
        columns.append((width + 2, column.justify, cells))
    widths = [width for width, _, _ in columns]
    table_width = sum(widths) + len(widths) + 1
    title = table.title
    if table_width > options.max_width or not (title is None or isinstance(title, Text)):
        return None
    if title is not None and (not _one_line(title) or cell_len(title.plain) > table_width):
        return None
    return _draw(table, console, columns, widths)


def _draw(table, console, columns, widths):
    """Rich's drawing of a plain table (Table._render, one line a row): the title padded to the
    table's width, the top edge, the header, the rule under it, the rows, the bottom edge."""
    from rich.cells import cell_len
    from rich.text import Span, Text

    box = table.box.substitute(console.options, safe=table.safe_box is not False)
    pieces: list[str] = []
    spans: list[Span] = []
    at = 0

    def put(text: str, *styles) -> int:
        nonlocal at
        pieces.append(text)
        start, at = at, at + len(text)
        spans.extend(Span(start, at, style) for style in styles if style)
        return start

    if table.title is not None:
        title = table.title
        start = put(title.plain + " " * (sum(widths) + len(widths) + 1 - cell_len(title.plain)))
        spans.extend([Span(start, at, title.style), *(span.move(start) for span in title.spans)])
        put("\n")
    put(box.get_top(widths) + "\n")
    rows = len(table.rows) + 1
    for index in range(rows):
        if index == 0:
            left, divider, right = box.head_left, box.head_vertical, box.head_right
        elif index == rows - 1:
            left, divider, right = box.foot_left, box.foot_vertical, box.foot_right
        else:
            left, divider, right = box.mid_left, box.mid_vertical, box.mid_right
        put(left)
        for number, (width, justify, cells) in enumerate(columns):
            text, style = cells[index]
            room = width - 2 - cell_len(text.plain)
            before = room if (text.justify or justify) == "right" else 0
            start = put(" " + " " * before + text.plain + " " * (room - before) + " ", style)
            if text.style:
                spans.append(Span(start + 1, at - 1, text.style))
            spans.extend(span.move(start + 1 + before) for span in text.spans)
            put(divider if number < len(columns) - 1 else right)
        put("\n")
        if index == 0:
            put(box.get_row(widths, "head", edge=True) + "\n")
    put(box.get_bottom(widths))
    return Text("".join(pieces), spans=spans, end="\n")


def _plain_layout(table) -> bool:
    return (
        table.box is not None
        and table.show_header
        and table.show_edge
        and not (table.show_footer or table.show_lines or table.leading or table.caption)
        and not (table.expand or table.width or table.min_width or table.collapse_padding)
        and table.pad_edge
        and table.title_justify == "left"
        and tuple(table.padding) == (0, 1, 0, 1)
        and not table.row_styles
        and all(row.style is None and not row.end_section for row in table.rows)
        and all(column.width is None for column in table.columns)
    )


def _one_line(text) -> bool:
    """One line Rich draws as it is (left- or right-justified, nothing to strip)."""
    plain = text.plain
    return (
        "\n" not in plain
        and "\t" not in plain
        and text.justify in (None, "left", "right")
        and plain == plain.rstrip()
    )


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
