"""`salesvisit rep …`: salespeople and managers."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context, work_of
from salesvisit_cli.cli.output import emit, json_output
from salesvisit_cli.i18n import _

app = typer.Typer(help="Salespeople and managers.", no_args_is_help=True)


@app.command("add")
@json_output
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The salesperson's name.")],
    manager: Annotated[
        bool, typer.Option("--manager", help="A sales manager (sees the whole team).")
    ] = False,
    reception: Annotated[
        bool,
        typer.Option(
            "--reception",
            help="A front-desk login (前台): registers walk-ins and calls.",
        ),
    ] = False,
) -> None:
    """Add a salesperson, or make an existing one a manager with --manager.

    Once the team has a manager, only a manager (--rep) may add people. --reception adds a
    front-desk login: it registers walk-ins and calls (`reception walkin`) and owns no customers.

    \b
    Examples:
      salesvisit rep add "Wang Li" --manager
      salesvisit --rep "Wang Li" rep add "Zhang Wei"
      salesvisit --rep "Wang Li" rep add "Front Desk" --reception
    """
    from salesvisit_cli.render.console import success
    from salesvisit_cli.services import reps

    added = reps.add(work_of(ctx), name, manager=manager, reception=reception)
    if added.promoted:
        message = _("{name} is now a manager").format(name=added.rep.name)
    elif added.rep.reception:
        message = _("Added front-desk login {id}: {name}").format(
            id=added.rep.id, name=added.rep.name
        )
    else:
        kind = _("manager") if added.rep.manager else _("salesperson")
        message = _("Added {kind} {id}: {name}").format(
            kind=kind, id=added.rep.id, name=added.rep.name
        )
    emit(added.rep, lambda _: success(message))


@app.command("list")
@json_output
def list_reps(ctx: typer.Context) -> None:
    """List salespeople: manager or not, customers owned, database login (team mode).

    \b
    Example:
      salesvisit rep list --json
    """
    from salesvisit_cli.render.team import rep_table
    from salesvisit_cli.services import reps

    emit(reps.listing(app_context(ctx).store), rep_table)
