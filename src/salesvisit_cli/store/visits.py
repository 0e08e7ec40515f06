"""Visit rows for planning: scheduled visits and the customer facts the plan and its suggestions
read (SQLAlchemy Core over the SQLModel tables); the preparation ticks are `store.checklist`'s."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.visits import FollowupRef
from salesvisit_cli.store.followups import refs_of_visits
from salesvisit_cli.store.planner import unindexed
from salesvisit_cli.store.tables import CUSTOMER, FOLLOWUP, REP, VISIT

if TYPE_CHECKING:
    from salesvisit_cli.domain.plan import CustomerFacts, Slot
    from salesvisit_cli.domain.suggestions import Candidate

CHUNK = 500


@dataclass(frozen=True)
class VisitRow:
    """The facts about a visit that decide what may be done with it."""

    id: int
    rep_id: int
    rep: str
    customer_id: int
    date: date
    status: str
    appointment: bool


def insert_planned(
    connection: Connection,
    *,
    customer_id: int,
    rep_id: int,
    day: date,
    at: str | None,
    purpose: str | None,
    appointment: bool,
    place: str | None,
    conflict: bool,
    now: datetime,
) -> int:
    values = {
        "customer_id": customer_id,
        "rep_id": rep_id,
        "date": day,
        "status": "planned",
        "at": at,
        "purpose": purpose,
        "appointment": appointment,
        "place": place,
        "conflict": conflict,
        "created_at": now,
    }
    return connection.execute(insert(VISIT).values(**values)).inserted_primary_key[0]


def get_row(connection: Connection, visit_id: int) -> VisitRow | None:
    row = connection.execute(
        select(
            VISIT.c.id,
            VISIT.c.rep_id,
            REP.c.name.label("rep"),
            VISIT.c.customer_id,
            VISIT.c.date,
            VISIT.c.status,
            VISIT.c.appointment,
        )
        .select_from(VISIT.join(REP, REP.c.id == VISIT.c.rep_id))
        .where(VISIT.c.id == visit_id)
    ).first()
    return VisitRow(**row._mapping) if row else None


def cancel(connection: Connection, visit_id: int, reason: str | None) -> None:
    connection.execute(
        update(VISIT).where(VISIT.c.id == visit_id).values(status="cancelled", cancel_reason=reason)
    )


def move(connection: Connection, visit_id: int, day: date, at: str | None) -> None:
    """Put a planned visit on another day (and at `at`, when given)."""
    values: dict[str, Any] = {"date": day, "moves": VISIT.c.moves + 1}
    if at is not None:
        values["at"] = at
    connection.execute(update(VISIT).where(VISIT.c.id == visit_id).values(**values))


def set_appointment(connection: Connection, visit_id: int, made: bool) -> None:
    connection.execute(update(VISIT).where(VISIT.c.id == visit_id).values(appointment=made))


def same_day(
    connection: Connection,
    customer_id: int,
    day: date,
    *,
    rep_id: int | None = None,
    statuses: Sequence[str] = ("planned",),
) -> list[int]:
    """Visits of a customer on a day (of one salesperson when `rep_id` is given)."""
    query = select(VISIT.c.id).where(
        VISIT.c.customer_id == customer_id, VISIT.c.date == day, VISIT.c.status.in_(statuses)
    )
    if rep_id is not None:
        query = query.where(VISIT.c.rep_id == rep_id)
    return list(connection.execute(query.order_by(VISIT.c.id)).scalars())


def slots(connection: Connection, rep_id: int | None, day: date) -> list[Slot]:
    """The salesperson's planned visits of a day (for overlap warnings)."""
    from salesvisit_cli.domain.plan import Slot  # (the plan's rules: not for listing visits)

    if rep_id is None:
        return []
    rows = connection.execute(
        select(VISIT.c.id, VISIT.c.at, CUSTOMER.c.name, CUSTOMER.c.lat, CUSTOMER.c.lon)
        .select_from(VISIT.join(CUSTOMER, CUSTOMER.c.id == VISIT.c.customer_id))
        .where(VISIT.c.rep_id == rep_id, VISIT.c.date == day, VISIT.c.status == "planned")
        .order_by(VISIT.c.at, VISIT.c.id)
    )
    return [
        Slot(row.id, row.at, row.name, None if row.lat is None else (row.lat, row.lon))
        for row in rows
    ]


def count_done(connection: Connection, rep_id: int | None, day: date) -> int:
    if rep_id is None:
        return 0
    return connection.execute(
        select(func.count()).where(
            VISIT.c.rep_id == rep_id, VISIT.c.date == day, VISIT.c.status == "done"
        )
    ).scalar_one()


# --- visits as every command shows them ---------------------------------------------------------


def visit_rows(
    connection: Connection,
    *,
    ids: Sequence[int] | None = None,
    rep_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    customer_id: int | None = None,
    statuses: Sequence[str] | None = None,
    newest_first: bool = False,
) -> list[tuple[Any, list[FollowupRef]]]:
    """Visits with their customer's and salesperson's names, the customer's status and first-visit
    facts, and the follow-ups each created; by date, time and id (or the reverse)."""
    query = select(
        VISIT,
        CUSTOMER.c.name.label("customer"),
        CUSTOMER.c.status.label("customer_status"),
        CUSTOMER.c.first_visit_on,
        CUSTOMER.c.first_visit_as_prospect,
        REP.c.name.label("rep"),
    ).select_from(
        VISIT.join(CUSTOMER, CUSTOMER.c.id == VISIT.c.customer_id).join(
            REP, REP.c.id == VISIT.c.rep_id
        )
    )
    if ids is not None:
        query = query.where(VISIT.c.id.in_(list(ids)))
    if rep_id is not None:
        query = query.where(VISIT.c.rep_id == rep_id)
    if start is not None:
        query = query.where(VISIT.c.date >= start)
    if end is not None:
        query = query.where(VISIT.c.date <= end)
    if customer_id is not None:
        query = query.where(VISIT.c.customer_id == customer_id)
    if statuses:
        query = query.where(VISIT.c.status.in_(list(statuses)))
    order = (VISIT.c.date, func.coalesce(VISIT.c.start, VISIT.c.at, "99:99"), VISIT.c.id)
    query = query.order_by(*(column.desc() for column in order) if newest_first else order)
    rows = connection.execute(query).all()
    followups = refs_of_visits(connection, [row.id for row in rows])
    return [(row, followups.get(row.id, [])) for row in rows]


def planned_of_day(connection: Connection, day: date) -> list[Any]:
    """The day's planned visits of every salesperson the caller may see (id, customer_id, the
    customer's name as customer, at, rep_id), in `visit_rows` order: what the team's day lists
    of them, without the facts and follow-ups of a visit view. No join to `rep`: PostgreSQL
    expects a handful of planned visits on a day (they are a sliver of the history) and
    compared each of them with every salesperson (1,310 x 211 at 200 salespeople)."""
    return connection.execute(
        select(
            VISIT.c.id,
            VISIT.c.customer_id,
            CUSTOMER.c.name.label("customer"),
            VISIT.c.at,
            VISIT.c.rep_id,
        )
        .select_from(VISIT.join(CUSTOMER, CUSTOMER.c.id == VISIT.c.customer_id))
        .where(VISIT.c.date == day, VISIT.c.status == "planned")
        .order_by(func.coalesce(VISIT.c.start, VISIT.c.at, "99:99"), VISIT.c.id)
    ).all()


# --- customer facts for the plan ----------------------------------------------------------------


def _facts_select():
    """Customer facts with the last completed visit (by anyone), one index lookup per customer."""
    last_visit = (
        select(func.max(VISIT.c.date))
        .where(VISIT.c.customer_id == CUSTOMER.c.id, VISIT.c.status == "done")
        .correlate(CUSTOMER)
        .scalar_subquery()
        .label("last_visit")
    )
    return select(
        CUSTOMER.c.id,
        CUSTOMER.c.name,
        CUSTOMER.c.tier,
        CUSTOMER.c.status,
        CUSTOMER.c.address,
        CUSTOMER.c.hours,
        CUSTOMER.c.first_visit_on,
        CUSTOMER.c.lat,
        CUSTOMER.c.lon,
        CUSTOMER.c.district,
        last_visit,
    )


def _open_notes(connection: Connection, customer_ids: list[int]) -> dict[int, dict[str, list]]:
    """Open complaint and booking follow-ups of each customer (anyone's), oldest first."""
    found: dict[int, dict[str, list]] = {}
    for begin in range(0, len(customer_ids), CHUNK):
        rows = connection.execute(
            select(FOLLOWUP.c.customer_id, FOLLOWUP.c.kind, FOLLOWUP.c.note)
            .where(
                FOLLOWUP.c.customer_id.in_(customer_ids[begin : begin + CHUNK]),
                unindexed(FOLLOWUP.c.done_at).is_(None),
                FOLLOWUP.c.kind.in_(("complaint", "booking")),
            )
            .order_by(FOLLOWUP.c.due, FOLLOWUP.c.id)
        )
        for row in rows:
            found.setdefault(row.customer_id, {}).setdefault(row.kind, []).append(row.note or "")
    return found


def _facts(row: Any, notes: dict[str, list] | None = None) -> CustomerFacts:
    from salesvisit_cli.domain.plan import CustomerFacts

    notes = notes or {}
    return CustomerFacts(
        id=row.id,
        name=row.name,
        tier=row.tier,
        status=row.status,
        address=row.address,
        hours=row.hours,
        first_visit_on=row.first_visit_on,
        last_visit=row.last_visit,
        open_complaints=tuple(notes.get("complaint", ())),
        open_bookings=tuple(notes.get("booking", ())),
        lat=row.lat,
        lon=row.lon,
        district=row.district,
    )


def customer_facts(connection: Connection, customer_id: int) -> CustomerFacts | None:
    row = connection.execute(_facts_select().where(CUSTOMER.c.id == customer_id)).first()
    if row is None:
        return None
    return _facts(row, _open_notes(connection, [customer_id]).get(customer_id))


@dataclass(frozen=True)
class PlannedRow:
    """A planned visit of the day with its customer."""

    id: int
    at: str | None
    purpose: str | None
    appointment: bool
    place: str | None
    customer: CustomerFacts


def planned_on(connection: Connection, rep_id: int | None, day: date) -> list[PlannedRow]:
    """The salesperson's planned visits of a day, with the customers' facts."""
    if rep_id is None:
        return []
    visits = connection.execute(
        select(
            VISIT.c.id,
            VISIT.c.customer_id,
            VISIT.c.at,
            VISIT.c.purpose,
            VISIT.c.appointment,
            VISIT.c.place,
        )
        .where(VISIT.c.rep_id == rep_id, VISIT.c.date == day, VISIT.c.status == "planned")
        .order_by(VISIT.c.id)
    ).all()
    customer_ids = sorted({row.customer_id for row in visits})
    facts: dict[int, Any] = {}
    for begin in range(0, len(customer_ids), CHUNK):
        chunk = customer_ids[begin : begin + CHUNK]
        facts.update(
            (row.id, row)
            for row in connection.execute(_facts_select().where(CUSTOMER.c.id.in_(chunk)))
        )
    notes = _open_notes(connection, customer_ids)
    return [
        PlannedRow(
            id=row.id,
            at=row.at,
            purpose=row.purpose,
            appointment=bool(row.appointment),
            place=row.place,
            customer=_facts(facts[row.customer_id], notes.get(row.customer_id)),
        )
        for row in visits
    ]


def candidates(
    connection: Connection, rep_id: int | None, day: date, today: date
) -> list[Candidate]:
    """Customers the salesperson may be proposed for `day`: their own and unowned ones, without a
    planned or completed visit (by anyone) that day, each with its next visit planned from
    `today` on (by anyone)."""
    from salesvisit_cli.domain.suggestions import Candidate

    busy = select(VISIT.c.customer_id).where(
        VISIT.c.date == day, VISIT.c.status.in_(("planned", "done"))
    )
    owned = CUSTOMER.c.owner_id.is_(None)
    if rep_id is not None:
        owned = or_(owned, CUSTOMER.c.owner_id == rep_id)
    next_planned = (
        select(func.min(VISIT.c.date))
        .where(
            VISIT.c.customer_id == CUSTOMER.c.id,
            VISIT.c.status == "planned",
            VISIT.c.date >= today,
        )
        .correlate(CUSTOMER)
        .scalar_subquery()
        .label("next_planned")
    )
    rows = connection.execute(
        _facts_select().add_columns(next_planned).where(owned, CUSTOMER.c.id.not_in(busy))
    ).all()
    return [Candidate(_facts(row), row.next_planned) for row in rows]
