"""`daily`: the day's hand-in status (R6) and the refusals of `--submit`."""

from __future__ import annotations

from datetime import datetime

import pytest

from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.services import daily, reports, visits
from salesvisit_cli.services.reports import ReportRequest
from salesvisit_cli.services.visits import NewVisit

CALL = {"start": "10:00", "minutes": "25", "notes": "Met"}


@pytest.fixture
def friday(work_at, add_customer):
    """alice reported one call on Friday 27 November; its report is due Monday 09:00."""
    work = work_at("2026-11-27 11:00")
    add_customer("Acme")
    reports.report(work, ReportRequest(customer="Acme", raw=CALL))
    return work


def test_a_day_without_visits_has_no_status(work):
    summary = daily.summary(work, None)
    assert (summary.rep, summary.visits, summary.status) == ("alice", [], None)


def test_pending_until_the_deadline_then_missing(friday, work_at):
    summary = daily.summary(friday, None)
    assert summary.deadline == datetime(2026, 11, 30, 9, 0)
    assert (summary.status, len(summary.visits)) == ("pending", 1)
    monday = work_at("2026-11-30 09:01")
    assert daily.summary(monday, "2026-11-27").status == "missing"


def test_the_first_hand_in_decides_punctuality(friday, work_at):
    handed = daily.submit(work_at("2026-11-30 08:30"), "2026-11-27")
    assert (handed.summary.status, handed.amendment) == ("on_time", False)
    again = daily.submit(work_at("2026-11-30 10:00"), "2026-11-27")
    assert (again.summary.status, again.amendment) == ("on_time", True)
    assert again.summary.amended_at == [datetime(2026, 11, 30, 10, 0)]


def test_a_late_hand_in(friday, work_at):
    assert daily.submit(work_at("2026-11-30 09:30"), "2026-11-27").summary.status == "late"


def test_submit_without_a_day_hands_in_the_last_open_day(friday, work_at):
    handed = daily.submit(work_at("2026-11-30 08:00"), None)  # Monday, nothing reported yet
    assert handed.summary.date.isoformat() == "2026-11-27"


def test_submit_refuses_an_empty_day_and_the_future(work, friday):
    with pytest.raises(ValidationError, match="no completed visits"):
        daily.submit(friday, "2026-11-26")
    with pytest.raises(ValidationError, match="future"):
        daily.submit(friday, "2026-11-28")


def test_planned_visits_not_reported_need_force(friday):
    visits.schedule(friday, "Acme", NewVisit(day=friday.today, at="15:00", allow_duplicate=True))
    with pytest.raises(ValidationError, match="not reported"):
        daily.submit(friday, None)
    assert daily.summary(friday, None).submitted_at is None  # refused: nothing written
    handed = daily.submit(friday, None, leftovers="keep")
    assert handed.summary.status == "on_time" and "not reported" in handed.warnings[0]


def test_the_team_summary_has_every_rep(friday, work_at):
    bob = work_at("2026-11-27 12:00", rep="bob")
    reports.report(bob, ReportRequest(customer="Acme", raw=CALL))  # alice's customer
    daily.submit(bob, None)
    team = {s.rep: s for s in daily.team_summary(bob, None)}
    assert (team["alice"].status, team["bob"].status) == ("pending", "on_time")
    assert team["bob"].conflicts == 1
