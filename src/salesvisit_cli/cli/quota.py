"""`salesvisit quota`: the month against the quota."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import work_of
from salesvisit_cli.cli.output import emit, json_output


@json_output
def quota(
    ctx: typer.Context,
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", metavar="YYYY-MM", help="The month (default: this month)."),
    ] = None,
    team: Annotated[
        bool, typer.Option("--team", help="Every salesperson, one row each, furthest along first.")
    ] = False,
) -> None:
    """This month's customers visited (and new ones) against the quota.

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
    from salesvisit_cli.domain.dates import Month, parse_month
    from salesvisit_cli.render.quota import quota_screen, team_month_screen
    from salesvisit_cli.services import quota as service

    work = work_of(ctx)
    chosen = parse_month(month) if month is not None else Month.of(work.today)
    if team:
        emit(service.team_month(work, chosen), team_month_screen)
    else:
        emit(service.rep_quota(work, chosen), quota_screen)
