"""`quota`: the month's figures from reported visits, under the configured policies (R1)."""

from __future__ import annotations

import pytest

from salesvisit_cli.config import Config
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.services import quota, reports
from salesvisit_cli.services.reports import ReportRequest

NOVEMBER = Month(2026, 11)
CONFIG = Config.model_validate({"quota": {"target": 4, "new_share": "1/2"}})


def _report(work, ref: str, day: str, minutes: str = "20") -> None:
    raw = {"date": day, "start": "09:00", "minutes": minutes, "notes": "met"}
    reports.report(work, ReportRequest(customer=ref, raw=raw))


@pytest.fixture
def month(work_at, add_customer):
    work = work_at("2026-11-26 18:00", config=CONFIG)
    for name in ("Fresh", "Again"):
        add_customer(name)
    add_customer("Client", status="client")
    _report(work, "Fresh", "2026-11-02", minutes="45")
    _report(work, "Again", "2026-11-03")
    _report(work, "Again", "2026-11-10")
    _report(work, "Client", "2026-11-26")
    return work


def test_the_reps_month(month):
    figures = quota.rep_quota(month, NOVEMBER)
    assert (figures.rep, figures.target, figures.new_target) == ("alice", 4, 2)
    assert (figures.visited, figures.new_visited, figures.visits) == (3, 2, 4)
    assert figures.over_time_visits == 1  # 45 min against visit.max_minutes 30
    assert figures.working_days_left == 3 and not figures.met


def test_a_rep_without_rows_has_targets_and_nothing_done(month, work_at):
    carol = quota.rep_quota(work_at("2026-11-26 18:00", rep="carol", config=CONFIG), NOVEMBER)
    assert (carol.rep, carol.target, carol.visited, carol.new_visited) == ("carol", 4, 0, 0)


def test_the_team_furthest_along_first(month, work_at):
    bob = work_at("2026-11-26 18:00", rep="bob", config=CONFIG)
    _report(bob, "Client", "2026-11-20")
    team = quota.team_quota(bob, NOVEMBER)
    assert [(q.rep, q.visited) for q in team] == [("alice", 3), ("bob", 1)]
