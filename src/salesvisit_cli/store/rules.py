"""The SQL forms of the new-customer rule (R1), all in one place.

The rule itself is `domain.new_customer` (`first_visit`, `is_new_customer`,
`is_new_in_month`); every query, bulk update and the team-mode PostgreSQL function takes its SQL
from here, and tests/store/test_rule_sql.py and tests/pg/test_pg_rule_sql.py hold each form
equal to the Python.
"""

from __future__ import annotations

from sqlalchemy import and_, func, literal_column, select, update

from salesvisit_cli.domain.dates import Month
from salesvisit_cli.store.tables import CUSTOMER, VISIT


def first_visit_ordering() -> tuple:
    """`domain.new_customer.first_visit_order`: by date, then start time (unknown last), then id."""
    return (VISIT.c.date, VISIT.c.start.asc().nulls_last(), VISIT.c.id)


def _first_done(column):
    """`column` of the customer's first completed visit (correlated with the customer row)."""
    return (
        select(column)
        .where(VISIT.c.customer_id == CUSTOMER.c.id, VISIT.c.status == "done")
        .order_by(*first_visit_ordering())
        .limit(1)
        .correlate(CUSTOMER)
        .scalar_subquery()
    )


def refresh_first_visits():
    """UPDATE customer.first_visit_on / first_visit_as_prospect from each customer's first
    completed visit (`domain.new_customer.first_visit`); add `.where(...)` to refresh fewer."""
    return update(CUSTOMER).values(
        first_visit_on=_first_done(VISIT.c.date),
        first_visit_as_prospect=func.coalesce(_first_done(VISIT.c.as_prospect), False),
    )


def refresh_first_visit_sql(parameter: str = "$1") -> str:
    """The one-customer refresh as PostgreSQL text, the customer's id in `parameter` (the body of
    the team-mode function `salesvisit_refresh_first_visit`)."""
    from sqlalchemy.dialects import postgresql

    statement = refresh_first_visits().where(CUSTOMER.c.id == literal_column(parameter))
    compiled = statement.compile(
        dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
    )
    return str(compiled)


def wins_new_customer():
    """`domain.new_customer.is_new_customer` of a visit row, its customer looked up by primary key
    only for a visit to a prospect (a join, or an EXISTS the planner may hash, reads every
    customer on PostgreSQL: ~60 ms for a team's 80,000)."""
    first_visit_of_customer = (
        select(
            and_(
                CUSTOMER.c.first_visit_as_prospect.is_(True),
                CUSTOMER.c.first_visit_on == VISIT.c.date,
            )
        )
        .where(CUSTOMER.c.id == VISIT.c.customer_id)
        .correlate(VISIT)
        .scalar_subquery()
    )
    return and_(
        VISIT.c.status == "done",
        VISIT.c.as_prospect.is_(True),
        first_visit_of_customer.is_(True),
    )


def new_in_month(month: Month):
    """`domain.new_customer.is_new_in_month` of a customer row."""
    return and_(
        CUSTOMER.c.first_visit_as_prospect.is_(True),
        CUSTOMER.c.first_visit_on >= month.first,
        CUSTOMER.c.first_visit_on <= month.last,
    )
