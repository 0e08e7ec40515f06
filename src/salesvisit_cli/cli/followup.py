"""`salesvisit followup …`: thank-you calls, bookings and complaints to work off."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import work_of
from salesvisit_cli.cli.output import emit, json_output, json_wanted

app = typer.Typer(help="Follow-ups due today and overdue; done, add, snooze.")

FollowupId = Annotated[int, typer.Argument(help="Follow-up id (see `salesvisit followup`).")]


@app.callback(invoke_without_command=True)
@json_output
def worklist(
    ctx: typer.Context,
    every: Annotated[bool, typer.Option("--all", "-a", help="Every open follow-up.")] = False,
    team: Annotated[
        bool,
        typer.Option("--team", help="Overdue follow-ups per salesperson (with --all: every one)."),
    ] = False,
) -> None:
    """Follow-ups due today and overdue (overdue first), grouped by kind, with phones to call.

    \b
    Examples:
      salesvisit followup
      salesvisit followup --all --json
      salesvisit followup --team               # overdue per salesperson
      salesvisit followup done 17 --note "Thanked Mr Wang by phone"
    """
    if ctx.invoked_subcommand is not None:
        return
    from salesvisit_cli.render.followups import followup_list, team_followups
    from salesvisit_cli.services import followups

    work = work_of(ctx)
    today = work.today
    if team:  # the screen lists the follow-ups only with --all; the JSON always does
        rows = followups.team_worklist(work, every=every, listed=every or json_wanted())
        emit(
            rows,
            lambda found: team_followups(found, today, every=every),
            document=[row.to_json(today) for row in rows],
        )
    else:
        items = followups.worklist(work, every=every)
        emit(items, lambda found: followup_list(found, today, every=every))


def _show(item, message: str) -> None:
    from salesvisit_cli.render.console import success
    from salesvisit_cli.render.followups import followup_line

    def screen(item) -> None:
        success(message)
        followup_line(item)

    emit(item, screen)


@app.command("done")
@json_output
def done(
    ctx: typer.Context,
    followup_id: FollowupId,
    note: Annotated[str | None, typer.Option("--note", help="What was done.")] = None,
) -> None:
    """Tick a follow-up off.

    \b
    Example:
      salesvisit followup done 17 --note "Faxed the thank-you letter"
    """
    from salesvisit_cli.i18n import _
    from salesvisit_cli.render.followups import kind_name
    from salesvisit_cli.services import followups

    item = followups.done(work_of(ctx), followup_id, note)
    message = _("Done: follow-up {id} ({kind}) for {customer}")
    _show(item, message.format(id=item.id, kind=kind_name(item.kind), customer=item.customer))


@app.command("add")
@json_output
def add(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Customer id, exact name, or part of the name.")],
    due: Annotated[str, typer.Option("--due", help="Due date (YYYY-MM-DD, tomorrow, fri, …).")],
    kind: Annotated[
        str, typer.Option("--kind", help="thanks, booking, complaint, call or other.")
    ] = "call",
    note: Annotated[str | None, typer.Option("--note", help="What to do.")] = None,
) -> None:
    """Add a follow-up by hand.

    \b
    Examples:
      salesvisit followup add 华美 --due tomorrow --kind call --note "Send the price list"
      salesvisit followup add 12 --due 2026-12-01 --kind other
    """
    from salesvisit_cli.i18n import _
    from salesvisit_cli.render.followups import kind_name
    from salesvisit_cli.services import followups

    item = followups.add(work_of(ctx), ref, due, kind, note)
    message = _("Added follow-up {id} ({kind}) for {customer}")
    _show(item, message.format(id=item.id, kind=kind_name(item.kind), customer=item.customer))


@app.command("snooze")
@json_output
def snooze(
    ctx: typer.Context,
    followup_id: FollowupId,
    to: Annotated[str, typer.Option("--to", help="New due date (today or later).")],
) -> None:
    """Move an open follow-up to another day.

    \b
    Example:
      salesvisit followup snooze 17 --to mon
    """
    from salesvisit_cli.i18n import _
    from salesvisit_cli.services import followups

    item = followups.snooze(work_of(ctx), followup_id, to)
    from salesvisit_cli.render.words import day_label

    _show(item, _("Snoozed follow-up {id} to {day}").format(id=item.id, day=day_label(item.due)))
