"""`visit plan`: what the morning plan assembles (order, pace, carry list) and --accept."""

from __future__ import annotations

from datetime import date

import pytest

from salesvisit_cli.config import Config
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.services import plan, reports, visit_prep, visits
from salesvisit_cli.services.reports import ReportRequest
from salesvisit_cli.services.visits import NewVisit

TODAY = date(2026, 11, 26)  # a Thursday: 26, 27 and 30 November are left (3 working days)


def test_a_rep_without_rows_gets_an_empty_plan_and_no_row(work):
    shown = plan.show(work, TODAY)
    assert (shown.rep, shown.visits, shown.done_today) == ("alice", [], 0)
    assert (shown.pace.visited, shown.pace.target, shown.pace.new_target) == (0, 120, 40)
    with work.store.read() as connection:
        assert work.rep_id(connection) is None  # reading wrote nothing


def test_timed_visits_first_then_key_customers(work, add_customer):
    for name, tier in (("Normal Shop", "normal"), ("Key Account", "key"), ("Timed Co", "normal")):
        add_customer(name, tier=tier)
    visits.schedule(work, "Normal Shop", NewVisit(day=TODAY))
    visits.schedule(work, "Key Account", NewVisit(day=TODAY))
    visits.schedule(work, "Timed Co", NewVisit(day=TODAY, at="14:00"))
    visits.schedule(work, "Timed Co", NewVisit(day=date(2026, 11, 27)))  # another day
    shown = plan.show(work, TODAY)
    assert [v.customer.name for v in shown.visits] == ["Timed Co", "Key Account", "Normal Shop"]
    assert all(v.talking_points for v in shown.visits)
    assert not any(shown.visits[0].prep.values())  # nothing prepared yet


def test_pace_counts_this_months_customers_and_the_days_left(work_at, add_customer):
    config = Config.model_validate({"quota": {"target": 10, "new_share": "1/2"}})
    work = work_at(config=config)
    add_customer("Prospect")  # new on its first visit
    add_customer("Client", status="client")
    for ref, day, start in (
        ("Prospect", "2026-11-25", "08:00"), ("Client", "2026-11-26", "08:00"),
        ("Prospect", "today", "09:00"),
    ):  # fmt: skip
        raw = {"date": day, "start": start, "minutes": "20", "notes": "met"}
        reports.report(work, ReportRequest(customer=ref, raw=raw))
    pace = plan.show(work, TODAY).pace
    assert (pace.visited, pace.new_visited) == (2, 1)  # customers, not visits
    assert (pace.target, pace.new_target, pace.working_days_left) == (10, 5, 3)
    assert (pace.needed_per_day, pace.new_needed_per_day) == (3, 2)  # ceil(8/3), ceil(4/3)


def test_carry_list_comes_from_the_policies(work_at):
    work = work_at(config=Config.model_validate({"checklist": {"carry": ["samples", "ID"]}}))
    visit_prep.prep_carry(work, ["ID"], day=TODAY, undo=False)
    shown = plan.show(work, TODAY)
    assert (shown.carry, shown.carry_done) == (["samples", "ID"], ["ID"])


def test_accept_schedules_the_suggestions(work, add_customer):
    for name in ("Alpha", "Beta", "Gamma"):
        add_customer(name)
    before = plan.show(work, TODAY, suggest=2)
    assert len(before.suggestions) == 2 and before.visits == []
    after, warnings = plan.accept(work, TODAY, 2)
    assert after.accepted == [v.id for v in after.visits] and len(after.visits) == 2
    assert {v.customer.name for v in after.visits} == {s.customer.name for s in before.suggestions}
    assert warnings == []


def test_accept_refuses_a_past_day(work, add_customer):
    add_customer("Alpha")
    with pytest.raises(ValidationError, match="in the past"):
        plan.accept(work, date(2026, 11, 25), 1)
    assert plan.show(work, date(2026, 11, 25)).visits == []
