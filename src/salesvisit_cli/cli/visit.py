"""`salesvisit visit …`: schedule, plan, prepare, report, cancel and list visits."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Visits: schedule, plan the day, prepare, report, cancel, list.", no_args_is_help=True
)
