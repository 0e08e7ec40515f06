"""`salesvisit rep …`: salespeople and managers."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context
from salesvisit_cli.cli.options import Json

app = typer.Typer(help="Salespeople and managers.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The salesperson's name.")],
    manager: Annotated[
        bool, typer.Option("--manager", help="A sales manager (sees the whole team).")
    ] = False,
    as_json: Json = False,
) -> None:
    """Add a salesperson, or make an existing one a manager with --manager.

    Once the team has a manager, only a manager (--rep) may add people.

    \b
    Examples:
      salesvisit rep add "Wang Li" --manager
      salesvisit --rep "Wang Li" rep add "Zhang Wei"
    """
    from salesvisit_cli.render.console import emit_json, success
    from salesvisit_cli.services import reps

    app_ctx = app_context(ctx)
    added = reps.add(app_ctx.store, app_ctx.rep, name, app_ctx.now(), manager=manager)
    if as_json:
        emit_json(added.rep.to_json())
    elif added.promoted:
        success(f"{added.rep.name} is now a manager")
    else:
        kind = "manager" if added.rep.manager else "salesperson"
        success(f"Added {kind} {added.rep.id}: {added.rep.name}")


@app.command("list")
def list_reps(ctx: typer.Context, as_json: Json = False) -> None:
    """List salespeople: manager or not, customers owned, database login (team mode).

    \b
    Example:
      salesvisit rep list --json
    """
    from salesvisit_cli.render.console import emit_json
    from salesvisit_cli.render.team import rep_table
    from salesvisit_cli.services import reps

    found = reps.listing(app_context(ctx).store)
    if as_json:
        emit_json([r.to_json() for r in found])
    else:
        rep_table(found)
