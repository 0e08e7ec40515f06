"""`salesvisit quota`: the month against the quota."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context
from salesvisit_cli.cli.options import Json

HELP = """This month's customers visited (and new ones) against the quota.

Progress bars against the targets, the visits needed per remaining working day, a chart of the
month's visits (new and known customers, with the daily pace), daily-report punctuality, and the
month's over-time visits, bookings and complaints.

\b
Examples:
  salesvisit quota                         # this month
  salesvisit quota --month 2026-02         # a past month
  salesvisit quota --team                  # every salesperson, furthest along first
  salesvisit quota --json | jq .visited
"""


def quota(
    ctx: typer.Context,
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", metavar="YYYY-MM", help="The month (default: this month)."),
    ] = None,
    team: Annotated[
        bool, typer.Option("--team", help="Every salesperson, one row each, furthest along first.")
    ] = False,
    as_json: Json = False,
) -> None:
    """The month against the quota (the help text is HELP above)."""
    from salesvisit_cli.domain.dates import Month, parse_month
    from salesvisit_cli.render.console import emit_json
    from salesvisit_cli.services import quota as service

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    chosen = parse_month(month) if month is not None else Month.of(today)
    config, calendar = app_ctx.config, app_ctx.calendar
    if team:
        quotas = service.team_quota(app_ctx.store, chosen, config, calendar, today, app_ctx.now())
        if as_json:
            emit_json([q.to_json() for q in quotas])
            return
        from salesvisit_cli.render.quota import team_table

        team_table(quotas)
        return
    figures = service.rep_quota(
        app_ctx.store, app_ctx.rep, chosen, config, calendar, today, app_ctx.now()
    )
    if as_json:
        emit_json(figures.to_json())
        return
    from salesvisit_cli.render.quota import quota_screen

    quota_screen(figures)
