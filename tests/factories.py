"""Hand-built histories: rows inserted straight through SQLAlchemy Core (no commands needed).

with store.write() as conn:
    alice = add_rep(conn, "alice")
    acme = add_customer(conn, "Acme", status="prospect")
    add_done_visit(conn, alice, acme, date(2026, 3, 2))   # refreshes the first visit
    submit_day(conn, alice, date(2026, 3, 2), datetime(2026, 3, 3, 8, 30))
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.customers import name_key
from salesvisit_cli.store.models import Customer, DailySubmission, Rep, Visit
from salesvisit_cli.store.progress import refresh_first_visit

CREATED = datetime(2020, 1, 1, 8, 0)


def add_rep(conn: Connection, name: str, *, is_manager: bool = False) -> int:
    """A salesperson row (returns its id)."""
    return conn.execute(
        insert(Rep.__table__).values(name=name, is_manager=is_manager, created_at=CREATED)
    ).inserted_primary_key[0]


def add_customer(
    conn: Connection,
    name: str,
    *,
    status: str = "prospect",
    owner_id: int | None = None,
    tier: str = "normal",
) -> int:
    """A customer registered as a prospect (default) or an existing client."""
    return conn.execute(
        insert(Customer.__table__).values(
            name=name,
            name_key=name_key(name),
            status=status,
            tier=tier,
            owner_id=owner_id,
            created_at=CREATED,
        )
    ).inserted_primary_key[0]


def add_done_visit(
    conn: Connection,
    rep_id: int,
    customer_id: int,
    day: date,
    *,
    start: str = "10:00",
    minutes: int = 25,
    as_prospect: bool | None = None,
    booking: str | None = None,
    complaint: str | None = None,
    status: str = "done",
) -> int:
    """A completed visit (or `status="planned"/"cancelled"`); `as_prospect` defaults to the
    customer's current status. Refreshes the customer's first completed visit."""
    if as_prospect is None:
        current = conn.execute(
            select(Customer.__table__.c.status).where(Customer.__table__.c.id == customer_id)
        ).scalar_one()
        as_prospect = current == "prospect"
    visit_id = conn.execute(
        insert(Visit.__table__).values(
            customer_id=customer_id,
            rep_id=rep_id,
            date=day,
            status=status,
            start=start if status == "done" else None,
            at=start,
            minutes=minutes if status == "done" else None,
            booking=booking,
            complaint=complaint,
            as_prospect=as_prospect,
            created_at=datetime.combine(day, datetime.min.time()),
            reported_at=datetime.combine(day, datetime.min.time()) if status == "done" else None,
        )
    ).inserted_primary_key[0]
    refresh_first_visit(conn, customer_id)
    return visit_id


def submit_day(conn: Connection, rep_id: int, day: date, submitted_at: datetime) -> int:
    """One hand-in of `day`'s reports (the first one decides punctuality)."""
    return conn.execute(
        insert(DailySubmission.__table__).values(rep_id=rep_id, date=day, submitted_at=submitted_at)
    ).inserted_primary_key[0]
