"""Month end (R1): one salesperson's quota, or the whole team's, in one read transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.quota import MonthActivity, Quota, QuotaRules, month_quota, rank
from salesvisit_cli.services.context import Work
from salesvisit_cli.store import quota as rows

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.config import Config


def rules_of(config: Config) -> QuotaRules:
    """The quota policies of a configuration."""
    return QuotaRules(
        target=config.quota.target,
        share=config.quota.share,
        unit=config.quota.unit,
        max_minutes=config.visit.max_minutes,
        deadline=config.report.deadline,
    )


def quotas_of(
    connection: Connection, work: Work, month: Month, members: list[tuple[int | None, str]]
) -> list[Quota]:
    """The month of each (rep id, name) in `members`, in that order; a salesperson with no row
    yet (id None) has the targets and zero progress; managers are marked (listed apart)."""
    rules = rules_of(work.config)
    ids = [rep_id for rep_id, _ in members if rep_id is not None]
    activity = rows.month_activity(connection, month, ids, rules.max_minutes)
    managers = rows.manager_ids(connection)
    return [
        replace(
            month_quota(
                name,
                month,
                activity[rep_id] if rep_id is not None else MonthActivity(),
                rules,
                work.calendar,
                work.today,
                work.now,
            ),
            manager=rep_id in managers,
        )
        for rep_id, name in members
    ]


def team_quotas(connection: Connection, work: Work, month: Month) -> list[Quota]:
    """Every salesperson in the rep table, furthest along first, the managers after them
    (inside a read)."""
    return rank(quotas_of(connection, work, month, rows.list_reps(connection)))


def rep_quota(work: Work, month: Month) -> Quota:
    """The salesperson's month; one with no row yet has targets and zero progress."""
    with work.store.read() as connection:
        return quotas_of(connection, work, month, [(work.rep_id(connection), work.rep)])[0]


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
    """Every salesperson in the rep table, furthest along first; the managers after them."""
    return team_month(work, month).quotas


def team_month(work: Work, month: Month) -> TeamMonth:
    """Every salesperson's quota, furthest along first (the managers after them), and where
    their new customers of the month came from (信息获取渠道: the measure for the advertising
    plan)."""
    with work.store.read() as connection:
        team = rows.list_reps(connection)
        quotas = rank(quotas_of(connection, work, month, team))
        sources = rows.new_by_source(connection, month, [rep_id for rep_id, _ in team])
    return TeamMonth(quotas, {name: sources[rep_id] for rep_id, name in team if sources[rep_id]})
