"""Follow-up rows (SQLAlchemy Core over the Followup table)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.followups import FollowupRef
from salesvisit_cli.store.planner import unindexed
from salesvisit_cli.store.tables import CUSTOMER, FOLLOWUP, REP

if TYPE_CHECKING:
    from salesvisit_cli.domain.report_followups import ExistingFollowup


def add(connection: Connection, values: dict[str, Any]) -> int:
    return connection.execute(insert(FOLLOWUP).values(**values)).inserted_primary_key[0]


def add_many(connection: Connection, rows: Sequence[dict[str, Any]], chunk: int = 5000) -> None:
    """Bulk insert (executemany per chunk); every row has the same keys."""
    for begin in range(0, len(rows), chunk):
        connection.execute(insert(FOLLOWUP), list(rows[begin : begin + chunk]))


def of_visit(connection: Connection, visit_id: int) -> list[ExistingFollowup]:
    """The follow-ups the visit's report created (for an amended report)."""
    from salesvisit_cli.domain.report_followups import ExistingFollowup

    rows = connection.execute(
        select(FOLLOWUP.c.id, FOLLOWUP.c.kind, FOLLOWUP.c.due, FOLLOWUP.c.note, FOLLOWUP.c.done_at)
        .where(FOLLOWUP.c.visit_id == visit_id)
        .order_by(FOLLOWUP.c.id)
    )
    return [
        ExistingFollowup(row.id, row.kind, row.due, row.note, row.done_at is not None)
        for row in rows
    ]


def refs_of_visits(
    connection: Connection, visit_ids: Iterable[int]
) -> dict[int, list[FollowupRef]]:
    """The follow-ups each visit created (id, kind, due), by visit id."""
    ids = list(visit_ids)
    found: dict[int, list[FollowupRef]] = {}
    for begin in range(0, len(ids), 500):
        rows = connection.execute(
            select(FOLLOWUP.c.visit_id, FOLLOWUP.c.id, FOLLOWUP.c.kind, FOLLOWUP.c.due)
            .where(FOLLOWUP.c.visit_id.in_(ids[begin : begin + 500]))
            .order_by(FOLLOWUP.c.id)
        )
        for row in rows:
            found.setdefault(row.visit_id, []).append(FollowupRef(row.id, row.kind, row.due))
    return found


def thanks_due(
    connection: Connection, customer_id: int, due: date, exclude_visit_id: int | None = None
) -> bool:
    """Is a thank-you follow-up already due that day for that customer?"""
    query = select(FOLLOWUP.c.id).where(
        FOLLOWUP.c.customer_id == customer_id, FOLLOWUP.c.kind == "thanks", FOLLOWUP.c.due == due
    )
    if exclude_visit_id is not None:
        query = query.where(
            (FOLLOWUP.c.visit_id.is_(None)) | (FOLLOWUP.c.visit_id != exclude_visit_id)
        )
    return connection.execute(query.limit(1)).first() is not None


def open_thanks(connection: Connection, customer_id: int, exclude_visit_id: int) -> int | None:
    """The customer's open thank-you follow-up from another visit, if any (the oldest)."""
    return connection.execute(
        select(FOLLOWUP.c.id)
        .where(
            FOLLOWUP.c.customer_id == customer_id,
            FOLLOWUP.c.kind == "thanks",
            unindexed(FOLLOWUP.c.done_at).is_(None),
            (FOLLOWUP.c.visit_id.is_(None)) | (FOLLOWUP.c.visit_id != exclude_visit_id),
        )
        .order_by(FOLLOWUP.c.id)
        .limit(1)
    ).scalar()


def change(connection: Connection, followup_id: int, **values: Any) -> None:
    connection.execute(update(FOLLOWUP).where(FOLLOWUP.c.id == followup_id).values(**values))


def remove(connection: Connection, ids: Sequence[int]) -> None:
    if ids:
        connection.execute(delete(FOLLOWUP).where(FOLLOWUP.c.id.in_(list(ids))))


def _select(connection: Connection):
    from salesvisit_cli.store.private_columns import with_owner_only

    source, customer = with_owner_only(
        connection,
        FOLLOWUP.join(CUSTOMER, CUSTOMER.c.id == FOLLOWUP.c.customer_id).join(
            REP, REP.c.id == FOLLOWUP.c.rep_id
        ),
    )
    return select(
        FOLLOWUP,
        CUSTOMER.c.name.label("customer"),
        customer.phone,
        customer.contact,
        REP.c.name.label("rep"),
    ).select_from(source)


def get(connection: Connection, followup_id: int) -> Any | None:
    """A follow-up with its customer's name, phone and contact and its salesperson's name."""
    return connection.execute(_select(connection).where(FOLLOWUP.c.id == followup_id)).first()


def open_for_rep(
    connection: Connection, rep_id: int, today: date, *, every: bool = False
) -> list[Any]:
    """The salesperson's open follow-ups: due today or earlier, or (`every`) all of them."""
    condition = and_(FOLLOWUP.c.rep_id == rep_id, unindexed(FOLLOWUP.c.done_at).is_(None))
    if not every:
        condition = and_(condition, FOLLOWUP.c.due <= today)
    return connection.execute(
        _select(connection).where(condition).order_by(FOLLOWUP.c.due, FOLLOWUP.c.id)
    ).all()


def open_of_team(connection: Connection, today: date, *, every: bool = False) -> list[Any]:
    """Every salesperson's open follow-ups: overdue ones, or (`every`) all of them."""
    condition = FOLLOWUP.c.done_at.is_(None)
    if not every:
        condition = and_(condition, FOLLOWUP.c.due < today)
    return connection.execute(
        _select(connection).where(condition).order_by(REP.c.name, FOLLOWUP.c.due, FOLLOWUP.c.id)
    ).all()


def open_counts(connection: Connection, today: date) -> list[Any]:
    """Open follow-ups per salesperson and kind: rep_id, kind, open, overdue, due_today and
    the oldest overdue due date (one GROUP BY)."""
    overdue = FOLLOWUP.c.due < today
    return connection.execute(
        select(
            FOLLOWUP.c.rep_id,
            FOLLOWUP.c.kind,
            func.count().label("open"),
            func.coalesce(func.sum(case((overdue, 1), else_=0)), 0).label("overdue"),
            func.coalesce(func.sum(case((FOLLOWUP.c.due == today, 1), else_=0)), 0).label(
                "due_today"
            ),
            func.min(case((overdue, FOLLOWUP.c.due), else_=None)).label("oldest"),
        )
        .where(FOLLOWUP.c.done_at.is_(None))
        .group_by(FOLLOWUP.c.rep_id, FOLLOWUP.c.kind)
    ).all()


def open_for_customer(connection: Connection, customer_id: int) -> list[Any]:
    return connection.execute(
        _select(connection)
        .where(FOLLOWUP.c.customer_id == customer_id, unindexed(FOLLOWUP.c.done_at).is_(None))
        .order_by(FOLLOWUP.c.due, FOLLOWUP.c.id)
    ).all()


def of_visits(connection: Connection, visit_ids: Sequence[int]) -> list[Any]:
    """The follow-ups created by these visits."""
    items: list[Any] = []
    ids = list(visit_ids)
    for begin in range(0, len(ids), 500):
        rows = connection.execute(
            _select(connection)
            .where(FOLLOWUP.c.visit_id.in_(ids[begin : begin + 500]))
            .order_by(FOLLOWUP.c.id)
        )
        items += rows.all()
    return items


def close_open_of_visit(
    connection: Connection, visit_id: int, when: datetime, note: str
) -> list[int]:
    """Close the open follow-ups a visit created (with `note`); returns their ids."""
    ids = list(
        connection.execute(
            select(FOLLOWUP.c.id).where(
                FOLLOWUP.c.visit_id == visit_id, unindexed(FOLLOWUP.c.done_at).is_(None)
            )
        ).scalars()
    )
    if ids:
        connection.execute(
            update(FOLLOWUP).where(FOLLOWUP.c.id.in_(ids)).values(done_at=when, done_note=note)
        )
    return ids


def mark_done(connection: Connection, followup_id: int, when: datetime, note: str | None) -> None:
    change(connection, followup_id, done_at=when, done_note=note)
