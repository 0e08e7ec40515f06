"""`salesvisit followup …`: thank-you calls, bookings and complaints to work off."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context
from salesvisit_cli.cli.options import Json

app = typer.Typer(help="Follow-ups due today and overdue; done, add, snooze.")

FollowupId = Annotated[int, typer.Argument(help="Follow-up id (see `salesvisit followup`).")]


@app.callback(invoke_without_command=True)
def worklist(
    ctx: typer.Context,
    every: Annotated[bool, typer.Option("--all", "-a", help="Every open follow-up.")] = False,
    team: Annotated[
        bool,
        typer.Option("--team", help="Overdue follow-ups per salesperson (with --all: every one)."),
    ] = False,
    as_json: Json = False,
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
    from salesvisit_cli.render.console import emit_json
    from salesvisit_cli.render.followups import followup_list
    from salesvisit_cli.services import followups

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    if team:
        from salesvisit_cli.render.followups import team_followups

        rows = followups.team_worklist(app_ctx.store, today, every=every)
        if as_json:
            emit_json([row.to_json(today) for row in rows])
        else:
            team_followups(rows, today, every=every)
        return
    items = followups.worklist(app_ctx.store, app_ctx.rep, today, every=every)
    if as_json:
        emit_json([item.to_json() for item in items])
    else:
        followup_list(items, today, every=every)


def _show(item, as_json: bool, message: str) -> None:
    from salesvisit_cli.render.console import emit_json, success
    from salesvisit_cli.render.followups import followup_line

    if as_json:
        emit_json(item.to_json())
    else:
        success(message)
        followup_line(item)


@app.command("done")
def done(
    ctx: typer.Context,
    followup_id: FollowupId,
    note: Annotated[str | None, typer.Option("--note", help="What was done.")] = None,
    as_json: Json = False,
) -> None:
    """Tick a follow-up off.

    \b
    Example:
      salesvisit followup done 17 --note "Faxed the thank-you letter"
    """
    from salesvisit_cli.services import followups

    app_ctx = app_context(ctx)
    item = followups.done(app_ctx.store, app_ctx.rep, followup_id, note, app_ctx.now())
    _show(item, as_json, f"Done: follow-up {item.id} ({item.kind}) for {item.customer}")


@app.command("add")
def add(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Customer id, exact name, or part of the name.")],
    due: Annotated[str, typer.Option("--due", help="Due date (YYYY-MM-DD, tomorrow, fri, …).")],
    kind: Annotated[
        str, typer.Option("--kind", help="thanks, booking, complaint, call or other.")
    ] = "call",
    note: Annotated[str | None, typer.Option("--note", help="What to do.")] = None,
    as_json: Json = False,
) -> None:
    """Add a follow-up by hand.

    \b
    Examples:
      salesvisit followup add 华美 --due tomorrow --kind call --note "Send the price list"
      salesvisit followup add 12 --due 2026-12-01 --kind other
    """
    from salesvisit_cli.services import followups

    app_ctx = app_context(ctx)
    item = followups.add(app_ctx.store, app_ctx.rep, ref, due, kind, note, app_ctx.now())
    _show(item, as_json, f"Added follow-up {item.id} ({item.kind}) for {item.customer}")


@app.command("snooze")
def snooze(
    ctx: typer.Context,
    followup_id: FollowupId,
    to: Annotated[str, typer.Option("--to", help="New due date (today or later).")],
    as_json: Json = False,
) -> None:
    """Move an open follow-up to another day.

    \b
    Example:
      salesvisit followup snooze 17 --to mon
    """
    from salesvisit_cli.services import followups

    app_ctx = app_context(ctx)
    item = followups.snooze(app_ctx.store, app_ctx.rep, followup_id, to, app_ctx.now())
    _show(item, as_json, f"Snoozed follow-up {item.id} to {item.due.isoformat()}")
