"""`salesvisit visit report`: record what happened on a call (R4) and create its follow-ups (R5)."""

from __future__ import annotations

import typer


def report(ctx: typer.Context) -> None:
    """Not built yet."""
    raise typer.Exit(1)
