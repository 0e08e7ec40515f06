"""Daily hand-ins (DailySubmission rows)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from salesvisit_cli.store.tables import DAILY_SUBMISSION as SUBMISSION
from salesvisit_cli.store.tables import VISIT


def submissions(connection: Connection, rep_id: int, day: date) -> list[datetime]:
    """Every hand-in of a day, first first."""
    return list(
        connection.execute(
            select(SUBMISSION.c.submitted_at)
            .where(SUBMISSION.c.rep_id == rep_id, SUBMISSION.c.date == day)
            .order_by(SUBMISSION.c.submitted_at, SUBMISSION.c.id)
        ).scalars()
    )


def submissions_of_day(connection: Connection, day: date) -> dict[int, list[datetime]]:
    """Every hand-in of a day by salesperson id, first first (the rows this login may see)."""
    found: dict[int, list[datetime]] = {}
    for row in connection.execute(
        select(SUBMISSION.c.rep_id, SUBMISSION.c.submitted_at)
        .where(SUBMISSION.c.date == day)
        .order_by(SUBMISSION.c.rep_id, SUBMISSION.c.submitted_at, SUBMISSION.c.id)
    ):
        found.setdefault(row.rep_id, []).append(row.submitted_at)
    return found


def add(
    connection: Connection,
    rep_id: int,
    day: date,
    at: datetime,
    forced: bool,
    market: str | None = None,
) -> None:
    connection.execute(
        insert(SUBMISSION).values(
            rep_id=rep_id, date=day, submitted_at=at, forced=forced, market=market
        )
    )


def market_notes(connection: Connection, rep_id: int, day: date) -> str | None:
    """The market notes (市场动态) of the day's latest hand-in that has some."""
    return connection.execute(
        select(SUBMISSION.c.market)
        .where(
            SUBMISSION.c.rep_id == rep_id,
            SUBMISSION.c.date == day,
            SUBMISSION.c.market.is_not(None),
        )
        .order_by(SUBMISSION.c.submitted_at.desc(), SUBMISSION.c.id.desc())
        .limit(1)
    ).scalar()


def add_many(connection: Connection, rows: Sequence[dict[str, Any]], chunk: int = 5000) -> None:
    for begin in range(0, len(rows), chunk):
        connection.execute(insert(SUBMISSION), list(rows[begin : begin + chunk]))


def last_unsubmitted_day(connection: Connection, rep_id: int, before: date) -> date | None:
    """The latest day before `before` with completed visits and no hand-in yet."""
    handed_in = select(SUBMISSION.c.id).where(
        SUBMISSION.c.rep_id == rep_id, SUBMISSION.c.date == VISIT.c.date
    )
    return connection.execute(
        select(func.max(VISIT.c.date)).where(
            VISIT.c.rep_id == rep_id,
            VISIT.c.status == "done",
            VISIT.c.date < before,
            ~handed_in.exists(),
        )
    ).scalar()


# The visits whose reports a hand-in covers (a void one changed the day too).
REPORTED = ("done", "void")


def last_changes(connection: Connection, day: date, rep_id: int | None = None) -> dict[int, Any]:
    """When each salesperson's reports of a day last changed (reported, amended, voided)."""
    query = select(VISIT.c.rep_id, func.max(VISIT.c.reported_at)).where(
        VISIT.c.date == day, VISIT.c.status.in_(REPORTED)
    )
    if rep_id is not None:
        query = query.where(VISIT.c.rep_id == rep_id)
    return dict(connection.execute(query.group_by(VISIT.c.rep_id)).all())


def changed_days(connection: Connection, rep_id: int, before: date) -> list[date]:
    """Days before `before` whose reports changed after their last hand-in."""
    last_hand_in = (
        select(func.max(SUBMISSION.c.submitted_at))
        .where(SUBMISSION.c.rep_id == rep_id, SUBMISSION.c.date == VISIT.c.date)
        .scalar_subquery()
    )
    return list(
        connection.execute(
            select(VISIT.c.date)
            .where(VISIT.c.rep_id == rep_id, VISIT.c.status.in_(REPORTED), VISIT.c.date < before)
            .group_by(VISIT.c.date)
            .having(func.max(VISIT.c.reported_at) > last_hand_in)
            .order_by(VISIT.c.date)
        ).scalars()
    )
