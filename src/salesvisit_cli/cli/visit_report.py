"""`salesvisit visit report`: record what happened on a call (R4) and create its follow-ups (R5)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from salesvisit_cli.cli.context import work_of
from salesvisit_cli.cli.options import given
from salesvisit_cli.cli.output import emit, json_output
from salesvisit_cli.i18n import N_, _

PROMPTS = {
    "start": N_("Start time (HH:MM)"),
    "minutes": N_("Minutes spent (e.g. 25 or 1h10)"),
    "notes": N_("Key points discussed"),
}


def _interactive() -> bool:
    """Prompts only when a person is typing (tests monkeypatch this)."""
    return sys.stdin.isatty()


def _ask(name: str, today) -> str:
    """Prompt for one required field until it is valid (prompts go to stderr)."""
    import click

    from salesvisit_cli.domain.errors import ValidationError
    from salesvisit_cli.domain.visit_report import clean_changes

    def check(text: str) -> str:
        try:
            clean_changes({name: text}, today)
        except ValidationError as error:
            raise click.UsageError(str(error)) from None
        return text

    return typer.prompt(_(PROMPTS[name]), value_proc=check, err=True)


@json_output
def report(
    ctx: typer.Context,
    visit_id: Annotated[
        int | None, typer.Argument(help="The planned visit to complete (omit with --customer).")
    ] = None,
    customer: Annotated[
        str | None,
        typer.Option(
            "--customer", "-c", help="Customer REF: an unplanned visit (walk-in, cold call)."
        ),
    ] = None,
    new_customer: Annotated[
        str | None,
        typer.Option(
            "--new-customer",
            metavar="NAME",
            help="A customer not on file yet: add it (as `customer add NAME`) with the report.",
        ),
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Visit date (default: today, or the planned day).")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Start time HH:MM (today: default now − minutes).")
    ] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", "-m", help="Minutes spent (1-600), e.g. 25 or 1h10.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--end", help="End time HH:MM (instead of --minutes).")
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", "-n", help="Key points discussed (required).")
    ] = None,
    booking: Annotated[
        str | None,
        typer.Option("--booking", help="Booking / order taken (makes a prospect a client)."),
    ] = None,
    complaint: Annotated[
        str | None, typer.Option("--complaint", help="The customer's complaint.")
    ] = None,
    suggestion: Annotated[
        str | None, typer.Option("--suggestion", help="The customer's suggestions.")
    ] = None,
    next_meeting: Annotated[
        str | None,
        typer.Option("--next", help="Next meeting: 'YYYY-MM-DD [HH:MM]' (plans a visit)."),
    ] = None,
    next_place: Annotated[
        str | None, typer.Option("--next-place", help="Where the next meeting is.")
    ] = None,
    amend: Annotated[
        bool,
        typer.Option(
            "--amend", help="Change a reported visit (old version kept); alone: show its history."
        ),
    ] = False,
    again: Annotated[
        bool,
        typer.Option("--again", help="Record a second visit to the same customer on the same day."),
    ] = False,
) -> None:
    """Report a call right after it: complete a planned visit, or record an unplanned one.

    Creates the follow-ups: a booking to process today, a complaint and a thank-you call for the
    next working day, and a planned visit for the next meeting. Without --start, a call reported
    today is taken to have just ended. On a terminal, missing start time, minutes and notes are
    asked for; elsewhere they are errors.

    \b
    Examples:
      salesvisit visit report 12 --start 10:00 --minutes 25 --notes "Met the buyer"
      salesvisit visit report --customer 华美 --start 14:30 --end 15:10 --notes "Cold call" \\
          --booking "200 cartons" --next "2026-12-03 10:00" --next-place "their office"
      salesvisit visit report --new-customer "苏州新科电子" --minutes 20 --notes "Walk-in"
      salesvisit visit report 12 --amend --complaint "Late delivery in May"
      salesvisit visit report 12 --amend            # show the report and its history
    """
    from dataclasses import replace

    from salesvisit_cli.render.report import report_history, reported
    from salesvisit_cli.services import reports

    raw = given(
        date=day, start=start, minutes=minutes, end=end, notes=notes, booking=booking,
        complaint=complaint, suggestion=suggestion, next=next_meeting, next_place=next_place,
    )  # fmt: skip
    work = work_of(ctx)
    if amend and visit_id is not None and not raw and customer is None:
        emit(reports.show(work, visit_id), report_history)
        return
    request = reports.ReportRequest(
        visit_id=visit_id,
        customer=customer,
        amend=amend,
        again=again,
        new_customer=new_customer,
        raw=raw,
    )
    draft = reports.prepare(work, request)
    if draft.missing and _interactive():
        asked = {name: _ask(name, work.today) for name in draft.missing}
        request = replace(request, raw={**raw, **asked})
        work = work_of(ctx)  # the call was reported when the answers were in
    result = reports.report(work, request)
    emit(result, reported, warnings=result.warnings)
