"""Visit reports and their revisions (SQLAlchemy Core); visits as views live in store.visits."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.visit_report import ReportedSlot
from salesvisit_cli.store.tables import CUSTOMER, REP, VISIT
from salesvisit_cli.store.tables import VISIT_REVISION as REVISION


def visit_row(connection: Connection, visit_id: int) -> Any | None:
    """A visit with its salesperson's name, or None."""
    return connection.execute(
        select(VISIT, REP.c.name.label("rep"))
        .select_from(VISIT.join(REP, REP.c.id == VISIT.c.rep_id))
        .where(VISIT.c.id == visit_id)
    ).first()


def customer_owner(connection: Connection, customer_id: int) -> Any:
    """What a report or a plan needs to know of its customer: name, status, owner (id and
    name), client_since."""
    return connection.execute(
        select(
            CUSTOMER.c.id,
            CUSTOMER.c.name,
            CUSTOMER.c.status,
            CUSTOMER.c.owner_id,
            CUSTOMER.c.client_since,
            REP.c.name.label("owner"),
        )
        .select_from(CUSTOMER.outerjoin(REP, REP.c.id == CUSTOMER.c.owner_id))
        .where(CUSTOMER.c.id == customer_id)
    ).one()


def make_client(connection: Connection, customer_id: int, since: date) -> None:
    connection.execute(
        update(CUSTOMER)
        .where(CUSTOMER.c.id == customer_id)
        .values(status="client", client_since=since)
    )


def insert_visit(connection: Connection, values: dict[str, Any]) -> int:
    return connection.execute(insert(VISIT).values(**values)).inserted_primary_key[0]


def update_visit(connection: Connection, visit_id: int, values: dict[str, Any]) -> None:
    connection.execute(update(VISIT).where(VISIT.c.id == visit_id).values(**values))


def add_revision(
    connection: Connection, visit_id: int, revised_at: datetime, report: dict[str, Any]
) -> None:
    connection.execute(
        insert(REVISION).values(
            visit_id=visit_id,
            revised_at=revised_at,
            report=json.dumps(report, ensure_ascii=False, sort_keys=True),
        )
    )


def revisions(connection: Connection, visit_id: int) -> list[dict[str, Any]]:
    """Superseded versions of a report, oldest first: {revised_at, report}."""
    rows = connection.execute(
        select(REVISION.c.revised_at, REVISION.c.report)
        .where(REVISION.c.visit_id == visit_id)
        .order_by(REVISION.c.id)
    )
    return [
        {"revised_at": row.revised_at.isoformat(), "report": json.loads(row.report)} for row in rows
    ]


def planned_ids(connection: Connection, rep_id: int, customer_id: int, day: date) -> list[int]:
    """The salesperson's still-planned visits to a customer on a day."""
    return list(
        connection.execute(
            select(VISIT.c.id).where(
                VISIT.c.rep_id == rep_id,
                VISIT.c.customer_id == customer_id,
                VISIT.c.date == day,
                VISIT.c.status == "planned",
            )
        ).scalars()
    )


def done_on_day(connection: Connection, rep_id: int, day: date) -> list[ReportedSlot]:
    """The salesperson's completed visits of a day, by start time."""
    rows = connection.execute(
        select(VISIT.c.id, VISIT.c.customer_id, CUSTOMER.c.name, VISIT.c.start, VISIT.c.minutes)
        .select_from(VISIT.join(CUSTOMER, CUSTOMER.c.id == VISIT.c.customer_id))
        .where(VISIT.c.rep_id == rep_id, VISIT.c.date == day, VISIT.c.status == "done")
        .order_by(VISIT.c.start, VISIT.c.id)
    )
    return [ReportedSlot(*row) for row in rows]


def next_meeting_of(connection: Connection, visit_id: int) -> Any | None:
    """The planned visit a report's next meeting created (the latest one)."""
    return connection.execute(
        select(VISIT.c.id, VISIT.c.status)
        .where(VISIT.c.from_visit_id == visit_id)
        .order_by(VISIT.c.id.desc())
        .limit(1)
    ).first()
