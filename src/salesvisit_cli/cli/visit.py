"""`salesvisit visit …`: schedule, plan, prepare, report, cancel and list visits."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import work_of
from salesvisit_cli.cli.output import emit, json_output
from salesvisit_cli.i18n import _

app = typer.Typer(
    help="Visits: schedule, plan the day, prepare, report, move, cancel, void, list.",
    no_args_is_help=True,
)

DateOption = Annotated[
    str | None,
    typer.Option("--date", "-d", help="YYYY-MM-DD, today, tomorrow or a weekday (default: today)."),
]


@app.command("schedule")
@json_output
def schedule(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Customer id, exact name, or part of the name.")],
    day: DateOption = None,
    at: Annotated[str | None, typer.Option("--at", help="Time of the call, HH:MM.")] = None,
    purpose: Annotated[str | None, typer.Option("--purpose", help="What the visit is for.")] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Where to meet (default: their address).")
    ] = None,
    appointment: Annotated[
        bool, typer.Option("--appointment", help="An appointment is already made (R2 step 5).")
    ] = False,
    allow_duplicate: Annotated[
        bool,
        typer.Option("--allow-duplicate", help="Plan even if the customer is planned that day."),
    ] = False,
) -> None:
    """Plan a visit to a customer.

    Refused for a past date or a customer already planned that day; warned for a non-working
    day, a time outside the customer's office hours, or a time overlapping another visit.

    \b
    Examples:
      salesvisit visit schedule 华美 --date tomorrow --at 09:30 --appointment
      salesvisit visit schedule 12 --date fri --purpose "Show the new catalogue"
    """
    from salesvisit_cli.domain.dates import parse_date, parse_time
    from salesvisit_cli.render.visits import scheduled
    from salesvisit_cli.services import visits

    work = work_of(ctx)
    new = visits.NewVisit(
        day=parse_date(day, work.today) if day else work.today,
        at=parse_time(at) if at is not None else None,
        purpose=purpose,
        place=place,
        appointment=appointment,
        allow_duplicate=allow_duplicate,
    )
    result = visits.schedule(work, ref, new)
    emit(result, lambda done: scheduled(done.visit), warnings=result.warnings)


@app.command("plan")
@json_output
def plan(
    ctx: typer.Context,
    day: DateOption = None,
    suggest: Annotated[
        int | None,
        typer.Option("--suggest", metavar="N", help="Propose up to N customers for the day."),
    ] = None,
    accept: Annotated[
        bool, typer.Option("--accept", help="Schedule the suggested customers.")
    ] = False,
    route: Annotated[
        bool,
        typer.Option("--route", help="Order the visits into the shortest round (config route.*)."),
    ] = False,
    apply: Annotated[
        bool, typer.Option("--apply", help="With --route: give untimed visits the round's times.")
    ] = False,
) -> None:
    """The morning plan: pace, visits, checklists.

    Visits come in time order (untimed ones after: key customers first, then the longest
    unvisited), each with its R2 preparation checklist and R3 talking points.

    \b
    Examples:
      salesvisit visit plan
      salesvisit visit plan --date tomorrow --suggest 5
      salesvisit visit plan --suggest 5 --accept
      salesvisit visit plan --route --apply
    """
    from salesvisit_cli.domain.dates import parse_date
    from salesvisit_cli.render.plan import plan_screen
    from salesvisit_cli.services import plan as plans

    if accept and suggest is None:
        raise typer.BadParameter(_("--accept needs --suggest N"), param_hint="--accept")
    if apply and not route:
        raise typer.BadParameter(_("--apply needs --route"), param_hint="--apply")
    if route and suggest is not None and not accept:
        raise typer.BadParameter(
            _("--route orders planned visits: add --accept"), param_hint="--route"
        )
    work = work_of(ctx)
    chosen = parse_date(day, work.today) if day else work.today
    warnings: list[str] = []
    if accept:
        result, warnings = plans.accept(work, chosen, suggest)
    elif not route:
        result = plans.show(work, chosen, suggest)
    if not route:
        emit(result, plan_screen, warnings=warnings)
        return
    from salesvisit_cli.render.route import route_screen

    ordered = plans.routed(work, chosen, apply=apply)
    if accept:
        ordered.suggestions, ordered.accepted = result.suggestions, result.accepted
    emit(ordered, route_screen, warnings=warnings)


@app.command("prep")
@json_output
def prep(
    ctx: typer.Context,
    target: Annotated[
        str, typer.Argument(metavar="VISIT_ID", help="A planned visit's id, or `carry`.")
    ],
    items: Annotated[
        list[str],
        typer.Argument(
            metavar="ITEM...",
            help="screen, materials, address, outline, appointment (or their number, or all); "
            "for `carry`: the carry-list items by name or number.",
        ),
    ],
    undo: Annotated[bool, typer.Option("--undo", help="Untick the items.")] = False,
    day: Annotated[
        str | None,
        typer.Option("--date", "-d", help="The day of the carry list (default: today)."),
    ] = None,
) -> None:
    """Tick a visit's preparation steps (R2) or the day's carry list.

    \b
    Examples:
      salesvisit visit prep 12 screen materials outline
      salesvisit visit prep 12 all
      salesvisit visit prep 12 appointment --undo
      salesvisit visit prep carry "work ID" 2 3
      salesvisit visit prep carry all --date tomorrow
    """
    from salesvisit_cli.domain.dates import parse_date
    from salesvisit_cli.domain.errors import ValidationError
    from salesvisit_cli.render.visits import prepared
    from salesvisit_cli.services import visit_prep

    visit_id = visit_prep.parse_target(target)
    if visit_id is not None and day is not None:
        raise ValidationError(_("--date applies to `visit prep carry` only (a visit has its own)"))
    work = work_of(ctx)
    if visit_id is None:
        chosen = parse_date(day, work.today) if day else work.today
        result = visit_prep.prep_carry(work, items, day=chosen, undo=undo)
    else:
        result = visit_prep.prep_visit(work, visit_id, items, undo=undo)
    emit(result, prepared, warnings=result.warnings)


@app.command("cancel")
@json_output
def cancel(
    ctx: typer.Context,
    visit_ids: Annotated[
        list[int], typer.Argument(metavar="VISIT_ID...", help="Planned visits' ids.")
    ],
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is cancelled.")] = None,
) -> None:
    """Cancel planned visits of yours (all or none).

    \b
    Examples:
      salesvisit visit cancel 12 --reason "Customer asked to move it"
      salesvisit visit cancel 12 13 14
    """
    from salesvisit_cli.render.visits import cancelled
    from salesvisit_cli.services import visits

    found = visits.cancel(work_of(ctx), visit_ids, reason)
    emit(found, lambda done: [cancelled(visit) for visit in done], document=_one_or_all(found))


@app.command("void")
@json_output
def void(
    ctx: typer.Context,
    visit_id: Annotated[int, typer.Argument(metavar="VISIT_ID", help="A reported visit's id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the report is withdrawn.")],
) -> None:
    """Withdraw a completed report (a mistake, a visit that did not happen).

    The visit stays in the history with the reason and no longer counts anywhere (quota,
    daily report, new customers); the open follow-ups it created are closed as void and its
    planned next meeting is cancelled.

    \b
    Example:
      salesvisit visit void 12 --reason "reported for the wrong customer"
    """
    from salesvisit_cli.render.visits import voided
    from salesvisit_cli.services.void import void as withdraw

    emit(withdraw(work_of(ctx), visit_id, reason), voided)


@app.command("move")
@json_output
def move(
    ctx: typer.Context,
    visit_ids: Annotated[
        list[int], typer.Argument(metavar="VISIT_ID...", help="Planned visits' ids.")
    ],
    day: Annotated[
        str,
        typer.Option("--date", "-d", help="The new day: YYYY-MM-DD, today, tomorrow or a weekday."),
    ],
    at: Annotated[
        str | None, typer.Option("--at", help="The new time, HH:MM (default: keep the time).")
    ] = None,
) -> None:
    """Move planned visits to another day (all or none).

    The rules of `visit schedule` apply: no past day, no second visit to a customer that day;
    warned for a non-working day, office hours and overlapping times.

    \b
    Examples:
      salesvisit visit move 12 --date tomorrow --at 10:00
      salesvisit visit move 12 13 --date mon
    """
    from salesvisit_cli.domain.dates import parse_date, parse_time
    from salesvisit_cli.render.visits import moved
    from salesvisit_cli.services import visits

    work = work_of(ctx)
    chosen = parse_date(day, work.today)
    found = visits.move(work, visit_ids, chosen, parse_time(at) if at is not None else None)
    warnings = [message for result in found for message in result.warnings]
    emit(
        found,
        lambda done: [moved(result.visit) for result in done],
        document=_one_or_all([result.visit for result in found]),
        warnings=list(dict.fromkeys(warnings)),
    )


def _one_or_all(found: list) -> object:
    """One visit as its object (the shape of `visit schedule --json`), several as a list."""
    return found[0].to_json() if len(found) == 1 else [item.to_json() for item in found]


@app.command("list")
@json_output
def list_visits(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help="First day (a date).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (a date).")] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", "-c", help="Only this customer (REF).")
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", help="planned, done or cancelled (repeat or comma-separate)."),
    ] = None,
) -> None:
    """List your visits: planned, done and cancelled.

    \b
    Examples:
      salesvisit visit list --from mon --to fri
      salesvisit visit list --customer 华美 --status done --json
    """
    from salesvisit_cli.domain.dates import parse_date
    from salesvisit_cli.render.visits import visit_table
    from salesvisit_cli.services import visits

    work = work_of(ctx)
    found = visits.listing(
        work,
        start=parse_date(start, work.today, this_week=True) if start else None,
        end=parse_date(end, work.today, this_week=True) if end else None,
        customer_ref=customer,
        statuses=visits.parse_statuses(status),
    )
    emit(found, visit_table)
