"""The rows of the visit calendar (`visit export --ics`): planned and cancelled visits with the
customer's address, the ticked preparation steps and how often the visit was revised."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from salesvisit_cli.store.checklist import prep_done
from salesvisit_cli.store.tables import CUSTOMER, VISIT, VISIT_REVISION


def calendar_rows(
    connection: Connection, rep_id: int, start: date | None, end: date | None
) -> list[tuple[Any, set[str]]]:
    """The salesperson's planned and cancelled visits from `start` to `end` (either open), by
    date, time and id, each with its ticked preparation steps."""
    revisions = (
        select(func.count())
        .where(VISIT_REVISION.c.visit_id == VISIT.c.id)
        .scalar_subquery()
        .label("revisions")
    )
    query = (
        select(
            VISIT.c.id,
            VISIT.c.date,
            VISIT.c.at,
            VISIT.c.status,
            VISIT.c.purpose,
            VISIT.c.place,
            VISIT.c.appointment,
            VISIT.c.cancel_reason,
            VISIT.c.moves,
            CUSTOMER.c.name.label("customer"),
            CUSTOMER.c.address,
            revisions,
        )
        .select_from(VISIT.join(CUSTOMER, CUSTOMER.c.id == VISIT.c.customer_id))
        .where(VISIT.c.rep_id == rep_id, VISIT.c.status.in_(["planned", "cancelled"]))
        .order_by(VISIT.c.date, func.coalesce(VISIT.c.at, "99:99"), VISIT.c.id)
    )
    if start is not None:
        query = query.where(VISIT.c.date >= start)
    if end is not None:
        query = query.where(VISIT.c.date <= end)
    rows = connection.execute(query).all()
    ticked = prep_done(connection, [row.id for row in rows])
    return [(row, ticked.get(row.id, set())) for row in rows]
