"""What the month workbook reads beyond the quota: the month's completed visits and follow-ups,
one query each, with the names joined in."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from salesvisit_cli.store.tables import CUSTOMER, FOLLOWUP, REP, VISIT


def done_visits(
    connection: Connection, first: date, last: date, rep_id: int | None = None
) -> list[Any]:
    """The completed visits from `first` to `last` (of one salesperson, or of all the reader may
    see) with the customer's name, district and first-visit facts and the salesperson's name:
    the columns `visit list` shows them from, without the follow-ups each created; in the
    order of `visit list`."""
    columns = [
        VISIT.c.id, VISIT.c.date, VISIT.c.start, VISIT.c.minutes, VISIT.c.status,
        VISIT.c.as_prospect, VISIT.c.notes, VISIT.c.booking, VISIT.c.complaint,
        VISIT.c.next_date, VISIT.c.next_at, REP.c.name.label("rep"),
        CUSTOMER.c.name.label("customer"), CUSTOMER.c.district,
        CUSTOMER.c.first_visit_on, CUSTOMER.c.first_visit_as_prospect,
    ]  # fmt: skip
    query = (
        select(*columns)
        .select_from(
            VISIT.join(CUSTOMER, CUSTOMER.c.id == VISIT.c.customer_id).join(
                REP, REP.c.id == VISIT.c.rep_id
            )
        )
        .where(VISIT.c.status == "done", VISIT.c.date >= first, VISIT.c.date <= last)
        .order_by(VISIT.c.date, func.coalesce(VISIT.c.start, VISIT.c.at, "99:99"), VISIT.c.id)
    )
    if rep_id is not None:
        query = query.where(VISIT.c.rep_id == rep_id)
    return connection.execute(query).all()


def due_followups(
    connection: Connection, first: date, last: date, rep_id: int | None = None
) -> list[Any]:
    """The follow-ups due from `first` to `last`, open and done (of one salesperson, or of all
    the reader may see), with the customer's and the salesperson's names; by salesperson, due
    date and id."""
    columns = [
        FOLLOWUP.c.id, FOLLOWUP.c.due, REP.c.name.label("rep"), CUSTOMER.c.name.label("customer"),
        FOLLOWUP.c.kind, FOLLOWUP.c.note, FOLLOWUP.c.done_at, FOLLOWUP.c.visit_id,
    ]  # fmt: skip
    query = (
        select(*columns)
        .select_from(
            FOLLOWUP.join(CUSTOMER, CUSTOMER.c.id == FOLLOWUP.c.customer_id).join(
                REP, REP.c.id == FOLLOWUP.c.rep_id
            )
        )
        .where(FOLLOWUP.c.due >= first, FOLLOWUP.c.due <= last)
        .order_by(REP.c.name, FOLLOWUP.c.due, FOLLOWUP.c.id)
    )
    if rep_id is not None:
        query = query.where(FOLLOWUP.c.rep_id == rep_id)
    return connection.execute(query).all()
