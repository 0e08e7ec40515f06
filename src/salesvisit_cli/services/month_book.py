"""`report month --xlsx`: the month of one salesperson, or of the team, gathered in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.followups import MonthFollowup, month_followup
from salesvisit_cli.domain.quota import Quota
from salesvisit_cli.domain.visits import MonthVisit, month_visit
from salesvisit_cli.services.context import Work
from salesvisit_cli.services.quota import quotas_of, team_quotas
from salesvisit_cli.store import month_book as book_rows
from salesvisit_cli.store import quota as quota_rows
from salesvisit_cli.store.daily import changed_between


@dataclass(frozen=True)
class MonthBook:
    """Everything the workbook shows: the quotas in `quota --team` order, the completed visits,
    the follow-ups due in the month, the new customers registered in the month by salesperson
    and source (as `quota --team`), and the (salesperson, day) whose reports changed after they
    were handed in."""

    month: Month
    team: bool
    quotas: list[Quota]
    visits: list[MonthVisit]
    followups: list[MonthFollowup]
    new_by_source: dict[str, dict[str, int]]
    changed: set[tuple[str, date]]
    working_days: list[date]
    today: date
    made_at: datetime


def month_book(work: Work, month: Month, *, team: bool) -> MonthBook:
    """The month of the current salesperson, or (`team`) of every salesperson one may see."""
    with work.store.read() as connection:
        own = work.rep_id(connection)
        members = quota_rows.list_reps(connection) if team else [(own, work.rep)]
        if team:
            quotas = team_quotas(connection, work, month)
        else:
            quotas = quotas_of(connection, work, month, members)
        ids = {rep_id: name for rep_id, name in members if rep_id is not None}
        sources = quota_rows.new_by_source(connection, month, list(ids))
        filters = {} if team else {"rep_id": own}
        visits, followups = [], []
        if team or own is not None:
            visits = book_rows.done_visits(connection, month.first, month.last, **filters)
            followups = book_rows.due_followups(connection, month.first, month.last, **filters)
        changed = changed_between(connection, month.first, month.last)
    return MonthBook(
        month=month,
        team=team,
        quotas=quotas,
        visits=[month_visit(row, work.max_minutes) for row in visits],
        followups=[month_followup(row, work.today) for row in followups],
        new_by_source={name: sources[rep_id] for rep_id, name in ids.items() if sources[rep_id]},
        changed=changed,
        working_days=work.calendar.working_days(month),
        today=work.today,
        made_at=work.now,
    )
