"""`salesvisit daily [D] [--submit]`: the day's report and its hand-in."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import work_of
from salesvisit_cli.cli.output import emit, json_output


@json_output
def daily(
    ctx: typer.Context,
    day: Annotated[
        str | None, typer.Argument(help="The day (default today): YYYY-MM-DD, yesterday, mon…")
    ] = None,
    submit: Annotated[bool, typer.Option("--submit", help="Hand the day's report in.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Hand in even with planned visits not reported.")
    ] = False,
    team: Annotated[
        bool,
        typer.Option("--team", help="Every salesperson's day: who handed in, who is late."),
    ] = False,
) -> None:
    """The day's visits, totals, follow-ups and hand-in status; --submit hands it in.

    The reports of a day are due by 09:00 (report.deadline) on the next working day; the first
    hand-in decides whether it was on time. Without a day, --submit hands in today's report, or
    this morning the last day not handed in yet.

    \b
    Examples:
      salesvisit daily
      salesvisit daily yesterday --submit
      salesvisit daily 2026-11-20 --json
      salesvisit daily yesterday --team        # one row per salesperson
    """
    from salesvisit_cli.render.daily import daily_report, submitted, team_table
    from salesvisit_cli.services import daily as service

    if team and (submit or force):
        raise typer.BadParameter("--team shows the team's day; it cannot hand in")
    if force and not submit:
        raise typer.BadParameter("--force only goes with --submit")
    work = work_of(ctx)
    if team:
        emit(service.team_summary(work, day), lambda found: team_table(found, work.now))
    elif submit:
        result = service.submit(work, day, force=force)
        emit(result, submitted, warnings=result.warnings)
    else:
        emit(service.summary(work, day), daily_report)
