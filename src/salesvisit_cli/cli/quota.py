"""`salesvisit quota`: the month against the quota."""

from __future__ import annotations

import typer

HELP = "This month's customers visited (and new ones) against the quota."


def quota(ctx: typer.Context) -> None:
    """Not built yet."""
    raise typer.Exit(1)
