"""`salesvisit customer pool | claim | release`: the public pool (公海)."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context, work_of
from salesvisit_cli.cli.customer import app
from salesvisit_cli.cli.output import emit, json_output

Ref = Annotated[str, typer.Argument(help="Customer id, exact name, or part of the name.")]


@app.command(
    "pool",
    help="List the customers in the public pool (公海): nobody owns them, anyone may claim "
           "them.\n\n\b\nExample:\n  salesvisit customer pool --json",
)  # fmt: skip
@json_output
def pool_list(ctx: typer.Context) -> None:
    from salesvisit_cli.render.pool import pool_table
    from salesvisit_cli.services.pool import listing

    emit(listing(app_context(ctx).store), pool_table)


@app.command(
    "claim",
    help="Take customers from the public pool (refused past pool.claim_limit, or within "
           "pool.reclaim_days of losing the customer).\n\n\b\nExample:\n"
           "  salesvisit customer claim 华美 12",
)  # fmt: skip
@json_output
def claim(
    ctx: typer.Context,
    refs: Annotated[list[str], typer.Argument(help="Customer ids or names.")],
) -> None:
    from salesvisit_cli.render.pool import claimed
    from salesvisit_cli.services.pool import claim as take

    emit(take(work_of(ctx), refs), claimed)


@app.command(
    "release",
    help="Give a customer back to the public pool (its owner or a manager).\n\n\b\nExample:\n"
           '  salesvisit customer release 华美 --reason "moved to another city"',
)  # fmt: skip
@json_output
def release(
    ctx: typer.Context,
    ref: Ref,
    reason: Annotated[str, typer.Option("--reason", help="Why it goes back to the pool.")],
) -> None:
    from salesvisit_cli.render.pool import released
    from salesvisit_cli.services.pool import release as give_back

    emit(give_back(work_of(ctx), ref, reason), released)
