"""Month end (R1): one salesperson's quota, or the whole team's, in one read transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from salesvisit_cli.config import Config
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.quota import MonthActivity, Quota, QuotaRules, month_quota, rank
from salesvisit_cli.services.context import Work
from salesvisit_cli.store import quota as rows


def rules_of(config: Config) -> QuotaRules:
    """The quota policies of a configuration."""
    return QuotaRules(
        target=config.quota.target,
        share=config.quota.share,
        unit=config.quota.unit,
        max_minutes=config.visit.max_minutes,
        deadline=config.report.deadline,
    )


def rep_quota(work: Work, month: Month) -> Quota:
    """The salesperson's month; one with no row yet has targets and zero progress."""
    rules = rules_of(work.config)
    with work.store.read() as connection:
        found = work.rep_id(connection)
        activity = (
            rows.month_activity(connection, month, [found], rules.max_minutes)[found]
            if found is not None
            else MonthActivity()
        )
    return month_quota(work.rep, month, activity, rules, work.calendar, work.today, work.now)


@dataclass
class TeamMonth:
    """The team's quotas, and the new customers registered in the month by source."""

    quotas: list[Quota]
    new_by_source: dict[str, dict[str, int]]  # salesperson → source → customers

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {**q.to_json(), "new_by_source": self.new_by_source.get(q.rep, {})} for q in self.quotas
        ]


def team_quota(work: Work, month: Month) -> list[Quota]:
    """Every salesperson in the rep table, furthest along first."""
    return team_month(work, month).quotas


def team_month(work: Work, month: Month) -> TeamMonth:
    """Every salesperson's quota, furthest along first, and where their new customers of the
    month came from (信息获取渠道: the measure for the advertising plan)."""
    rules = rules_of(work.config)
    with work.store.read() as connection:
        team = rows.list_reps(connection)
        ids = [rep_id for rep_id, _ in team]
        activity = rows.month_activity(connection, month, ids, rules.max_minutes)
        sources = rows.new_by_source(connection, month, ids)
    quotas = rank(
        month_quota(name, month, activity[rep_id], rules, work.calendar, work.today, work.now)
        for rep_id, name in team
    )
    return TeamMonth(quotas, {name: sources[rep_id] for rep_id, name in team if sources[rep_id]})
