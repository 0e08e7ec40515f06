"""`salesvisit daily [D] [--submit]`: the day's report and its hand-in."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context
from salesvisit_cli.cli.options import Json

HELP = "The day's report summary; --submit hands it in (deadline 09:00 next working day)."


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
    as_json: Json = False,
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
    from salesvisit_cli.render.console import emit_json, warn
    from salesvisit_cli.render.daily import daily_report, submitted
    from salesvisit_cli.services import daily as service

    app_ctx = app_context(ctx)
    if team:
        if submit or force:
            raise typer.BadParameter("--team shows the team's day; it cannot hand in")
        from salesvisit_cli.render.daily import team_table

        summaries = service.team_summary(
            app_ctx.store, day, app_ctx.now(), app_ctx.calendar, app_ctx.config
        )
        if as_json:
            emit_json([s.to_json() for s in summaries])
        else:
            team_table(summaries, app_ctx.now())
        return
    args = (app_ctx.store, app_ctx.rep, day, app_ctx.now(), app_ctx.calendar, app_ctx.config)
    if submit:
        result = service.submit(*args, force=force)
        if as_json:
            for message in result.warnings:
                warn(message)
            data = result.summary.to_json()
            data["amendment"] = result.amendment
            emit_json(data)
        else:
            submitted(result)
        return
    if force:
        raise typer.BadParameter("--force only goes with --submit")
    summary = service.summary(*args)
    if as_json:
        emit_json(summary.to_json())
    else:
        daily_report(summary)
