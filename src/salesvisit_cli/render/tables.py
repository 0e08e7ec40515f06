"""The house table: one look for every listing."""

from __future__ import annotations

from collections.abc import Iterable

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
    from rich.table import Table

    from salesvisit_cli.i18n import _
    from salesvisit_cli.render.safe import inert

    table = Table(
        header_style="bold",
        title=inert(title) if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD if team else box.HEAVY_HEAD,
    )
    aligned_right = set((_("ID"),) if right is None else right)
    for column in columns:
        table.add_column(column, justify="right" if column in aligned_right else "left")
    return table
