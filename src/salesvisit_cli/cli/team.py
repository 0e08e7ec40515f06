"""`salesvisit team …`: the shared PostgreSQL database and per-rep access."""

from __future__ import annotations

import typer

app = typer.Typer(help="Team mode on PostgreSQL: per-salesperson access.", no_args_is_help=True)
