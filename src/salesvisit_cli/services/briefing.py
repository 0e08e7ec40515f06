"""The morning briefing, read inside the plan's transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesvisit_cli.domain.briefing import Briefing, Releasing, reports_due
from salesvisit_cli.store import briefing as rows
from salesvisit_cli.store.daily import changed_days

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.services.context import Work


def releasing_soon(connection: Connection, work: Work, own_id: int) -> list[Releasing]:
    """The salesperson's customers that go to the pool within 7 days, soonest first."""
    from salesvisit_cli.services.pool import releasing

    soon = releasing(connection, work, own_id)
    if not soon:  # the rule is off by default: the customer queries are not even imported
        return []
    from salesvisit_cli.store.customers import names_of

    names = names_of(connection, [customer_id for customer_id, _ in soon])
    return [Releasing(customer_id, names[customer_id], day) for customer_id, day in soon]


def briefing(connection: Connection, work: Work) -> Briefing:
    """What the salesperson should deal with first today (whatever day the plan shows)."""
    today = work.today
    own_id = work.rep_id(connection)
    if own_id is None:
        return Briefing(today)
    counts = rows.followup_counts(connection, own_id, today)
    return Briefing(
        today=today,
        pending_reports=reports_due(
            rows.unsubmitted_days(connection, own_id, today)
            + changed_days(connection, own_id, today),
            work.calendar,
            work.config.report.deadline,
            today,
        ),
        followups_due=int(counts.due),
        followups_overdue=int(counts.overdue),
        bookings_open=int(counts.bookings),
        missed=rows.missed_visits(connection, own_id, today),
        releasing=releasing_soon(connection, work, own_id),
        calls=rows.phone_followups(connection, own_id, today),
    )
