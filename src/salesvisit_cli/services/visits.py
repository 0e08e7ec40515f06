"""Visit use cases before the call: schedule, cancel, list, and tick the preparation (R2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain.customers import CONFLICT, ownership
from salesvisit_cli.domain.errors import NotFoundError, ValidationError
from salesvisit_cli.domain.locations import reach_warnings
from salesvisit_cli.domain.messages import date_label
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.domain.visits import STATUSES, VisitView, visit_view
from salesvisit_cli.i18n import N_, _
from salesvisit_cli.services.customers import resolve
from salesvisit_cli.store import visits as rows
from salesvisit_cli.store.reports import customer_owner
from salesvisit_cli.store.visits import VisitRow

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.services.context import Work


@dataclass
class Scheduled:
    """A visit written, with the warnings the salesperson should see."""

    visit: VisitView
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return self.visit.to_json()


def views(connection: Connection, *, max_minutes: int, **filters: Any) -> list[VisitView]:
    """Visits as every command shows them (`filters`: those of `store.visits.visit_rows`)."""
    return [
        visit_view(row, followups, max_minutes)
        for row, followups in rows.visit_rows(connection, **filters)
    ]


def view(connection: Connection, visit_id: int, *, max_minutes: int) -> VisitView:
    """One visit as every command shows it (the caller knows it exists)."""
    return views(connection, max_minutes=max_minutes, ids=[visit_id])[0]


def clean_purpose(purpose: str | None) -> str | None:
    return check_text("purpose", purpose, max_length=500)


def clean_place(place: str | None) -> str | None:
    return check_text("place", place, max_length=500)


def refuse_past(day: date, today: date) -> None:
    if day < today:
        raise ValidationError(
            _(
                "{day} is in the past: plan visits for today or later (record a past visit with "
                "`salesvisit visit report --customer REF --date D`)"
            ).format(day=date_label(day))
        )


@dataclass(frozen=True)
class NewVisit:
    """A visit to plan: the day and what the salesperson said about it."""

    day: date
    at: str | None = None
    purpose: str | None = None
    place: str | None = None
    appointment: bool = False
    allow_duplicate: bool = False


def plan_visit(
    connection: Connection, work: Work, customer_id: int, visit: NewVisit
) -> tuple[int, list[str]]:
    """Check and insert one planned visit inside an open write; returns its id and warnings."""
    facts = rows.customer_facts(connection, customer_id)
    if facts is None:
        raise NotFoundError(_("no customer with id {customer_id}").format(customer_id=customer_id))
    own_id = work.rep_id(connection)
    day = visit.day
    if not visit.allow_duplicate:
        existing = rows.same_day(connection, customer_id, day, rep_id=own_id) if own_id else []
        if existing:
            raise ValidationError(
                _(
                    "{name} is already planned on {day} (visit {value}); use --allow-duplicate to "
                    "plan another visit"
                ).format(name=facts.name, day=date_label(day), value=existing[0])
            )
    from salesvisit_cli.domain.plan import schedule_warnings  # (writes only: not `views`)

    others = rows.slots(connection, own_id, day)
    warned = schedule_warnings(
        day=day,
        at=visit.at,
        customer=facts,
        working_day=work.calendar.is_working_day(day),
        others=others,
        max_minutes=work.max_minutes,
        travel_minutes=work.config.visit.travel_minutes,
    )
    warnings = [message.translated() for message in warned]
    warnings += reach_warnings(
        visit.at, facts.point, facts.name, others, service=work.max_minutes,
        speed_kmh=work.config.route.speed_kmh, detour=work.config.route.detour,
    )  # fmt: skip
    me = work.ensure_rep_id(connection)
    owner = customer_owner(connection, customer_id)
    conflict = ownership(owner.owner_id, me) == CONFLICT
    if conflict:
        warnings.append(
            _("{customer} belongs to {owner}: the team view will show a conflict").format(
                customer=facts.name, owner=owner.owner
            )
        )
    new_id = rows.insert_planned(
        connection,
        customer_id=customer_id,
        rep_id=me,
        day=day,
        at=visit.at,
        purpose=visit.purpose,
        appointment=visit.appointment,
        place=visit.place,
        conflict=conflict,
        now=work.now,
    )
    return new_id, warnings


def schedule(work: Work, ref: str, visit: NewVisit) -> Scheduled:
    """Plan a visit to a customer for the current salesperson."""
    refuse_past(visit.day, work.today)
    visit = replace(visit, purpose=clean_purpose(visit.purpose), place=clean_place(visit.place))
    with work.store.write() as connection:
        customer = resolve(connection, ref)
        new_id, warnings = plan_visit(connection, work, customer.id, visit)
        scheduled = view(connection, new_id, max_minutes=work.max_minutes)
    return Scheduled(scheduled, warnings)


def _own_visit(connection: Connection, rep: str, visit_id: int, action: str, done: str) -> VisitRow:
    """A planned visit of this salesperson (`action`/`done`: message ids "cancel"/"cancelled")."""
    found = rows.get_row(connection, visit_id)
    if found is None:
        raise NotFoundError(_("no visit with id {visit_id}").format(visit_id=visit_id))
    if found.rep != rep:
        raise ValidationError(
            _("visit {visit_id} is {rep}'s, not yours: you cannot {action} it").format(
                visit_id=visit_id, rep=found.rep, action=_(action)
            )
        )
    if found.status == "cancelled":
        raise ValidationError(
            (
                _("visit {visit_id} is already cancelled")
                if action == "cancel"
                else _("visit {visit_id} is cancelled")
            ).format(visit_id=visit_id)
        )
    if found.status == "done":
        raise ValidationError(
            _(
                "visit {visit_id} is done (reported for {date}): only planned visits can be {done}"
            ).format(visit_id=visit_id, date=date_label(found.date), done=_(done))
        )
    return found


def own_planned(
    connection: Connection, rep: str, visit_ids: Sequence[int], action: str, done: str
) -> list[VisitRow]:
    """Several planned visits of this salesperson, each named once, all checked first."""
    unique = list(dict.fromkeys(visit_ids))
    return [_own_visit(connection, rep, visit_id, action, done) for visit_id in unique]


def cancel(work: Work, visit_ids: Sequence[int], reason: str | None) -> list[VisitView]:
    """Cancel planned visits of the salesperson (all or none)."""
    reason = check_text("reason", reason, max_length=500)
    with work.store.write() as connection:
        found = own_planned(connection, work.rep, visit_ids, N_("cancel"), N_("cancelled"))
        return cancel_planned(connection, work, found, reason)


def cancel_planned(
    connection: Connection, work: Work, found: Sequence[VisitRow], reason: str | None
) -> list[VisitView]:
    """Cancel checked planned visits inside an open write."""
    for visit in found:
        rows.cancel(connection, visit.id, reason)
    return views(connection, max_minutes=work.max_minutes, ids=[v.id for v in found])


def move(work: Work, visit_ids: Sequence[int], day: date, at: str | None) -> list[Scheduled]:
    """Move planned visits to another day (and time): the rules of `visit schedule` apply."""
    refuse_past(day, work.today)
    with work.store.write() as connection:
        found = own_planned(connection, work.rep, visit_ids, N_("move"), N_("moved"))
        return move_planned(connection, work, found, day, at)


def move_planned(
    connection: Connection, work: Work, found: Sequence[VisitRow], day: date, at: str | None
) -> list[Scheduled]:
    """Move checked planned visits inside an open write (refused: a customer already planned
    that day); each with the warnings of `visit schedule`."""
    own_id = work.rep_id(connection)
    moving = {visit.id for visit in found}
    for visit in found:
        existing = [
            other
            for other in rows.same_day(connection, visit.customer_id, day, rep_id=own_id)
            if other not in moving
        ]
        if existing:
            name = rows.customer_facts(connection, visit.customer_id).name
            raise ValidationError(
                _("{customer} is already planned on {day} (visit {id})").format(
                    customer=name, day=date_label(day), id=existing[0]
                )
            )
    for visit in found:
        rows.move(connection, visit.id, day, at)
    moved = views(connection, max_minutes=work.max_minutes, ids=sorted(moving))
    others = rows.slots(connection, own_id, day)
    return [Scheduled(visit, _move_warnings(connection, work, visit, others)) for visit in moved]


def _move_warnings(
    connection: Connection, work: Work, visit: VisitView, others: Sequence[Any]
) -> list[str]:
    from salesvisit_cli.domain.plan import schedule_warnings

    warned = schedule_warnings(
        day=visit.date,
        at=visit.at,
        customer=rows.customer_facts(connection, visit.customer_id),
        working_day=work.calendar.is_working_day(visit.date),
        others=[slot for slot in others if slot.visit_id != visit.id],
        max_minutes=work.max_minutes,
        travel_minutes=work.config.visit.travel_minutes,
    )
    return [message.translated() for message in warned]


def parse_statuses(values: Sequence[str] | None) -> list[str]:
    """`--status` values (repeated or comma-separated), checked."""
    chosen: list[str] = []
    for value in values or ():
        for part in value.split(","):
            status = part.strip().lower()
            if not status:
                continue
            if status not in STATUSES:
                raise ValidationError(
                    _("invalid status {part!r}: choose {value}").format(
                        part=part, value=", ".join(STATUSES)
                    )
                )
            if status not in chosen:
                chosen.append(status)
    return chosen


def listing(
    work: Work,
    *,
    start: date | None,
    end: date | None,
    customer_ref: str | None,
    statuses: Sequence[str],
) -> list[VisitView]:
    """The salesperson's visits (planned, done, cancelled), by date and time."""
    if start and end and start > end:
        raise ValidationError(_("--from {start} is after --to {end}").format(start=start, end=end))
    with work.store.read() as connection:
        customer_id = resolve(connection, customer_ref).id if customer_ref else None
        own_id = work.rep_id(connection)
        if own_id is None:
            return []
        return views(
            connection,
            max_minutes=work.max_minutes,
            rep_id=own_id,
            start=start,
            end=end,
            customer_id=customer_id,
            statuses=statuses,
        )
