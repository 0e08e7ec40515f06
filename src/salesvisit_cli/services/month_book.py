"""`report month --xlsx`: the month of one salesperson, or of the team, gathered in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.followups import FollowupItem, followup_item
from salesvisit_cli.domain.quota import Quota
from salesvisit_cli.domain.visits import VisitView
from salesvisit_cli.services.context import Work
from salesvisit_cli.services.quota import quotas_of, team_quotas
from salesvisit_cli.services.visits import views
from salesvisit_cli.store import followups as followup_rows
from salesvisit_cli.store import month_book as book_rows
from salesvisit_cli.store import quota as quota_rows


@dataclass(frozen=True)
class MonthBook:
    """Everything the workbook shows: the quotas in `quota --team` order, the completed visits,
    the customers' districts (None: the schema has none), the follow-ups due in the month, and
    the new customers registered in the month by salesperson and source (as `quota --team`)."""

    month: Month
    team: bool
    quotas: list[Quota]
    visits: list[VisitView]
    districts: dict[int, str | None] | None
    followups: list[FollowupItem]
    new_by_source: dict[str, dict[str, int]]
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
            visits = views(
                connection,
                max_minutes=work.max_minutes,
                start=month.first,
                end=month.last,
                statuses=["done"],
                **filters,
            )
            followups = followup_rows.due_between(connection, month.first, month.last, **filters)
        found = book_rows.districts(connection, [v.customer_id for v in visits])
    return MonthBook(
        month=month,
        team=team,
        quotas=quotas,
        visits=visits,
        districts=found if book_rows.has_districts() else None,
        followups=[followup_item(row, work.today) for row in followups],
        new_by_source={name: sources[rep_id] for rep_id, name in ids.items() if sources[rep_id]},
        working_days=work.calendar.working_days(month),
        today=work.today,
        made_at=work.now,
    )
