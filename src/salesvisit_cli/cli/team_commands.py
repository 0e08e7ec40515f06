"""Team commands that live on other groups: `salesvisit customer assign REF REP`."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context
from salesvisit_cli.cli.options import Json


def assign(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Customer id, exact name, or part of the name.")],
    rep: Annotated[str, typer.Argument(help="The salesperson who will own the customer.")],
    as_json: Json = False,
) -> None:
    """Give a customer to another salesperson (managers only).

    \b
    Example:
      salesvisit --rep "Wang Li" customer assign 华美 "Zhang Wei"
    """
    from salesvisit_cli.render.console import emit_json, success
    from salesvisit_cli.services import reps

    app_ctx = app_context(ctx)
    customer, changed = reps.assign(app_ctx.store, app_ctx.rep, ref, rep, app_ctx.now())
    if as_json:
        emit_json(customer.to_json())
    elif changed:
        success(f"Customer {customer.id} {customer.name} now belongs to {customer.owner}")
    else:
        success(f"Customer {customer.id} {customer.name} already belongs to {customer.owner}")
