"""The rows of the morning briefing: days not handed in, missed visits, open follow-ups."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.briefing import PHONE_KINDS, MissedVisit, PhoneFollowup
from salesvisit_cli.store.planner import unindexed
from salesvisit_cli.store.tables import CUSTOMER, FOLLOWUP, VISIT
from salesvisit_cli.store.tables import DAILY_SUBMISSION as SUBMISSION


def unsubmitted_days(connection: Connection, rep_id: int, before: date) -> list[date]:
    """Days before `before` with completed visits and no hand-in."""
    handed_in = select(SUBMISSION.c.id).where(
        SUBMISSION.c.rep_id == rep_id, SUBMISSION.c.date == VISIT.c.date
    )
    return list(
        connection.execute(
            select(VISIT.c.date)
            .where(
                VISIT.c.rep_id == rep_id,
                VISIT.c.status == "done",
                VISIT.c.date < before,
                ~handed_in.exists(),
            )
            .distinct()
            .order_by(VISIT.c.date)
        ).scalars()
    )


def missed_visits(connection: Connection, rep_id: int, before: date) -> list[MissedVisit]:
    """Visits planned before `before` that are still planned (neither reported nor cancelled)."""
    rows = connection.execute(
        select(VISIT.c.id, VISIT.c.date, VISIT.c.at, CUSTOMER.c.name)
        .select_from(VISIT.join(CUSTOMER, CUSTOMER.c.id == VISIT.c.customer_id))
        .where(VISIT.c.rep_id == rep_id, VISIT.c.status == "planned", VISIT.c.date < before)
        .order_by(VISIT.c.date, func.coalesce(VISIT.c.at, "99:99"), VISIT.c.id)
    )
    return [MissedVisit(row.id, row.date, row.at, row.name) for row in rows]


def followup_counts(connection: Connection, rep_id: int, today: date) -> Any:
    """The salesperson's open follow-ups: `due` today, `overdue`, open `bookings`."""
    open_ones = and_(FOLLOWUP.c.rep_id == rep_id, unindexed(FOLLOWUP.c.done_at).is_(None))
    return connection.execute(
        select(
            func.coalesce(func.sum(case((FOLLOWUP.c.due == today, 1), else_=0)), 0).label("due"),
            func.coalesce(func.sum(case((FOLLOWUP.c.due < today, 1), else_=0)), 0).label("overdue"),
            func.coalesce(func.sum(case((FOLLOWUP.c.kind == "booking", 1), else_=0)), 0).label(
                "bookings"
            ),
        ).where(open_ones)
    ).one()


def phone_followups(connection: Connection, rep_id: int, today: date) -> list[PhoneFollowup]:
    """Open thank-you and call follow-ups due today or earlier, oldest first."""
    rows = connection.execute(
        select(FOLLOWUP.c.id, FOLLOWUP.c.customer_id, CUSTOMER.c.name, FOLLOWUP.c.kind)
        .add_columns(FOLLOWUP.c.due)
        .select_from(FOLLOWUP.join(CUSTOMER, CUSTOMER.c.id == FOLLOWUP.c.customer_id))
        .where(
            FOLLOWUP.c.rep_id == rep_id,
            unindexed(FOLLOWUP.c.done_at).is_(None),
            FOLLOWUP.c.due <= today,
            FOLLOWUP.c.kind.in_(PHONE_KINDS),
        )
        .order_by(FOLLOWUP.c.due, FOLLOWUP.c.id)
    )
    return [PhoneFollowup(row.id, row.customer_id, row.name, row.kind, row.due) for row in rows]
