"""`salesvisit demo`: a realistic demo database to try every screen on."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context, work_of
from salesvisit_cli.i18n import _


def demo(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="The new database to fill (same as the root --db)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same data).")] = 7,
    reps: Annotated[int, typer.Option("--reps", help="Salespeople (the first is 'demo').")] = 1,
    customers: Annotated[int, typer.Option("--customers", help="Customers in the file.")] = 300,
    months: Annotated[int, typer.Option("--months", help="Months of visit history.")] = 2,
) -> None:
    """Build a demo database (use a new --db).

    \b
    Examples:
      salesvisit demo --db demo.db
      salesvisit demo --db big.db --reps 50 --customers 20000 --months 60
      salesvisit --db demo.db --rep demo visit plan
    """
    from salesvisit_cli.render.console import success
    from salesvisit_cli.render.progress import progress_reporter
    from salesvisit_cli.services.demo import DemoSpec, build

    app_ctx = app_context(ctx)
    if db:
        app_ctx.db_option = db
    from salesvisit_cli.i18n import language

    spec = DemoSpec(
        seed=seed, reps=reps, customers=customers, months=months, chinese=language() == "zh-CN"
    )
    with progress_reporter(_("Building demo")) as report:
        summary = build(work_of(ctx), spec, report)
    ready = _(
        "Demo ready: {reps} salesperson(s), {customers} customers, {visits} reported visits, "
        "{hand_ins} daily hand-ins in {target}"
    )
    success(
        ready.format(
            reps=summary.reps,
            customers=f"{summary.customers:,}",
            visits=f"{summary.visits:,}",
            hand_ins=f"{summary.hand_ins:,}",
            target=app_ctx.db_target,
        )
    )
    success(
        _(
            "Front desk: {count} walk-ins and calls registered today "
            "(`--rep desk reception`, `duty`)"
        ).format(count=summary.registrations)
    )
