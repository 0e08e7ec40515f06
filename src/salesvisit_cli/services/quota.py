"""Month end (R1): one salesperson's quota, or the whole team's, in one read transaction."""

from __future__ import annotations

from datetime import date, datetime

from salesvisit_cli.config import Config
from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.quota import MonthActivity, Quota, QuotaRules, month_quota, rank
from salesvisit_cli.store import quota as rows
from salesvisit_cli.store.engine import Store
from salesvisit_cli.store.reps import rep_id as find_rep


def rules_of(config: Config) -> QuotaRules:
    """The quota policies of a configuration."""
    return QuotaRules(
        target=config.quota.target,
        share=config.quota.share,
        unit=config.quota.unit,
        max_minutes=config.visit.max_minutes,
        deadline=config.report.deadline,
    )


def rep_quota(
    store: Store,
    rep: str,
    month: Month,
    config: Config,
    calendar: WorkCalendar,
    today: date,
    now: datetime,
) -> Quota:
    """`rep`'s month; a salesperson with no row yet has targets and zero progress."""
    rules = rules_of(config)
    with store.read() as connection:
        found = find_rep(connection, rep)
        activity = (
            rows.month_activity(connection, month, [found], rules.max_minutes)[found]
            if found is not None
            else MonthActivity()
        )
    return month_quota(rep, month, activity, rules, calendar, today, now)


def team_quota(
    store: Store,
    month: Month,
    config: Config,
    calendar: WorkCalendar,
    today: date,
    now: datetime,
) -> list[Quota]:
    """Every salesperson in the rep table, furthest along first."""
    rules = rules_of(config)
    with store.read() as connection:
        team = rows.list_reps(connection)
        activity = rows.month_activity(
            connection, month, [rep_id for rep_id, _ in team], rules.max_minutes
        )
    return rank(
        month_quota(name, month, activity[rep_id], rules, calendar, today, now)
        for rep_id, name in team
    )
