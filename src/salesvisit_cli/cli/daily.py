"""`salesvisit daily [D] [--submit]`: the day's report and its hand-in."""

from __future__ import annotations

import typer

HELP = "The day's report summary; --submit hands it in (deadline 09:00 next working day)."


def daily(ctx: typer.Context) -> None:
    """Not built yet."""
    raise typer.Exit(1)
