"""The month's progress figures, aggregated in SQL (shared by the plan pace and the quota)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.dates import Month
from salesvisit_cli.store.id_lists import among
from salesvisit_cli.store.rules import new_in_month, refresh_first_visits
from salesvisit_cli.store.tables import CUSTOMER, VISIT


@dataclass(frozen=True)
class MonthCounts:
    """Completed visits of one salesperson in one month."""

    visits: int = 0
    customers: int = 0
    new_customers: int = 0


def month_counts(connection: Connection, rep_id: int | None, month: Month) -> MonthCounts:
    """Visits, distinct customers and new customers (R1) of `rep_id` in `month`.

    New customers: `domain.new_customer.is_new_in_month` (SQL from `store.rules`), over the facts
    `customer.first_visit_on` / `first_visit_as_prospect` keep current.
    """
    if rep_id is None:
        return MonthCounts()
    return month_counts_by_rep(connection, month, [rep_id]).get(rep_id, MonthCounts())


def refresh_first_visit(connection: Connection, customer_id: int) -> None:
    """Recompute a customer's first completed visit (call after any report, amend or cancel).

    On PostgreSQL in team mode a salesperson sees only their own visits, so the recount runs in
    the SECURITY DEFINER function `team init` creates, over every salesperson's visits.
    """
    from sqlalchemy import text

    if connection.dialect.name == "postgresql" and _has_first_visit_function(connection):
        connection.execute(
            text("SELECT salesvisit_refresh_first_visit(:customer)"), {"customer": customer_id}
        )
        return
    connection.execute(refresh_first_visits().where(CUSTOMER.c.id == customer_id))


def _has_first_visit_function(connection: Connection) -> bool:
    """Has `team init` created the first-visit function in this schema? (remembered per
    connection once found: team mode is not switched off again)"""
    from sqlalchemy import text

    if connection.info.get("salesvisit_first_visit_function"):
        return True
    found = connection.execute(
        text("SELECT to_regprocedure('salesvisit_refresh_first_visit(integer)') IS NOT NULL")
    ).scalar()
    if found:
        connection.info["salesvisit_first_visit_function"] = True
    return bool(found)


def month_counts_by_rep(
    connection: Connection, month: Month, rep_ids: list[int] | None = None
) -> dict[int, MonthCounts]:
    """Month counts for several salespeople at once (all with visits when `rep_ids` is None),
    two GROUP BY queries; salespeople without completed visits in the month are left out."""
    in_month = and_(
        VISIT.c.status == "done",
        VISIT.c.date >= month.first,
        VISIT.c.date <= month.last,
    )
    if rep_ids is not None:
        if not rep_ids:
            return {}
        in_month = and_(in_month, among(VISIT.c.rep_id, rep_ids))
    totals = connection.execute(
        select(VISIT.c.rep_id, func.count(), func.count(distinct(VISIT.c.customer_id)))
        .where(in_month)
        .group_by(VISIT.c.rep_id)
    ).all()
    new = dict(
        connection.execute(
            select(VISIT.c.rep_id, func.count(distinct(VISIT.c.customer_id)))
            .select_from(VISIT.join(CUSTOMER, CUSTOMER.c.id == VISIT.c.customer_id))
            .where(in_month, new_in_month(month))
            .group_by(VISIT.c.rep_id)
        ).all()
    )
    return {
        rep: MonthCounts(visits=visits, customers=customers, new_customers=new.get(rep, 0))
        for rep, visits, customers in totals
    }
