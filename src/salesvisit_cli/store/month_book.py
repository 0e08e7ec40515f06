"""What the month workbook reads beyond the quota: the month's completed visits and follow-ups,
one query each, with the names joined in."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.followups import MONTH_FOLLOWUP_COLUMNS
from salesvisit_cli.domain.visits import MONTH_VISIT_COLUMNS
from salesvisit_cli.store.tables import CUSTOMER, FOLLOWUP, REP, VISIT

# The columns of the names, the district and the customer's first-visit facts, by the names
# the domain reads them as; every other one is the visit's or the follow-up's own.
_JOINED = {
    "rep": REP.c.name,
    "customer": CUSTOMER.c.name,
    "district": CUSTOMER.c.district,
    "first_visit_on": CUSTOMER.c.first_visit_on,
    "first_visit_as_prospect": CUSTOMER.c.first_visit_as_prospect,
}


def _columns(table, names: tuple[str, ...]) -> list[Any]:
    return [_JOINED[name].label(name) if name in _JOINED else table.c[name] for name in names]


def done_visits(
    connection: Connection, first: date, last: date, rep_id: int | None = None
) -> list[Any]:
    """The completed visits from `first` to `last` (of one salesperson, or of all the reader may
    see) as `domain.visits.MONTH_VISIT_COLUMNS` (without the follow-ups each created), in the
    order of `visit list`."""
    query = (
        select(*_columns(VISIT, MONTH_VISIT_COLUMNS))
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
    the reader may see), as `domain.followups.MONTH_FOLLOWUP_COLUMNS`; by salesperson, due
    date and id."""
    query = (
        select(*_columns(FOLLOWUP, MONTH_FOLLOWUP_COLUMNS))
        .select_from(
            FOLLOWUP.join(CUSTOMER, CUSTOMER.c.id == FOLLOWUP.c.customer_id).join(
                REP, REP.c.id == FOLLOWUP.c.rep_id
            )
        )
        .where(FOLLOWUP.c.due >= first, FOLLOWUP.c.due <= last)
        .order_by(REP.c.name, FOLLOWUP.c.due, FOLLOWUP.c.id)
    )
    # Every follow-up has a salesperson: naming them lets the (rep_id, due) index find the
    # month instead of reading every follow-up ever made.
    salespeople = select(REP.c.id) if rep_id is None else [rep_id]
    query = query.where(FOLLOWUP.c.rep_id.in_(salespeople))
    return connection.execute(query).all()
