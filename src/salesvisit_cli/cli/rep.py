"""`salesvisit rep …`: salespeople and managers."""

from __future__ import annotations

import typer

app = typer.Typer(help="Salespeople and managers.", no_args_is_help=True)
