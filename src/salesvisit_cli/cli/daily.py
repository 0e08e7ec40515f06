"""`salesvisit daily [D] [--submit]`: the day's report and its hand-in."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import work_of
from salesvisit_cli.cli.output import emit, json_output, json_wanted
from salesvisit_cli.i18n import _


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
    market: Annotated[
        str | None,
        typer.Option(
            "--market", help="Market notes (市场动态) handed in with the day (with --submit)."
        ),
    ] = None,
    leftovers: Annotated[
        str | None,
        typer.Option(
            "--leftovers",
            metavar="move|cancel",
            help="The day's visits still planned: move them to the next working day, "
            "or cancel them.",
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Move the visits still planned, without asking.",
        ),
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
      salesvisit daily --submit --market "a competitor cut prices by 5%"
      salesvisit daily 2026-11-20 --json
      salesvisit daily yesterday --team        # one row per salesperson
    """
    from salesvisit_cli.render.daily import daily_report, submitted, team_table
    from salesvisit_cli.services import daily as service

    if team and (submit or force):
        raise typer.BadParameter(_("--team shows the team's day; it cannot hand in"))
    if market is not None and not submit:
        raise typer.BadParameter(_("--market goes with --submit"))
    if (force or leftovers or yes) and not submit:
        raise typer.BadParameter(_("--force, --leftovers and --yes only go with --submit"))
    choice = _leftover_choice(force=force, leftovers=leftovers, yes=yes)
    work = work_of(ctx)
    if team:
        emit(service.team_summary(work, day), lambda found: team_table(found, work.now))
    elif submit:
        try:
            result = service.submit(work, day, leftovers=choice, market=market)
        except service.LeftoverVisits as refused:
            if not _can_ask():
                raise
            result = service.submit(work, day, leftovers=_ask(refused), market=market)
        emit(result, submitted, warnings=result.warnings)
    else:
        emit(service.summary(work, day), daily_report)


def _leftover_choice(*, force: bool, leftovers: str | None, yes: bool) -> str | None:
    """`move`, `cancel` or `keep` from the options (None: none given)."""
    chosen = {"keep"} if force else set()
    if yes:
        chosen.add("move")
    if leftovers is not None:
        value = leftovers.strip().lower()
        if value not in ("move", "cancel"):
            raise typer.BadParameter(_("choose move or cancel"), param_hint="--leftovers")
        chosen.add(value)
    if len(chosen) > 1:
        raise typer.BadParameter(_("--force, --leftovers and --yes say different things"))
    return chosen.pop() if chosen else None


def _can_ask() -> bool:
    import sys

    return sys.stdin.isatty() and not json_wanted()


def _ask(refused) -> str:
    """Offer to move the day's leftover visits, cancel them, or hand in anyway."""
    from salesvisit_cli.render.console import warn

    warn(refused.listed)
    answer = typer.prompt(
        _("Move them to {day} (m), cancel them (c), or hand in anyway (k)?").format(
            day=refused.move_to.isoformat()
        ),
        default="m",
        err=True,
    )
    choice = {"m": "move", "c": "cancel", "k": "keep"}.get(answer.strip().lower()[:1])
    if choice is None:
        raise typer.Abort()
    return choice
