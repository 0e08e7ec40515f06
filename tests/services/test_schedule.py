"""`visit schedule`: the refusals (nothing written) and the warnings (R2, R7, R8)."""

from __future__ import annotations

from datetime import date

import pytest

from salesvisit_cli.domain.errors import NotFoundError, ValidationError
from salesvisit_cli.services import visits
from salesvisit_cli.services.visits import NewVisit

TODAY = date(2026, 11, 26)


def _count(work) -> int:
    with work.store.read() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM visit").scalar()


def test_a_visit_is_planned_for_the_rep(work, add_customer):
    acme = add_customer("Acme", hours="09:00-17:00")
    done = visits.schedule(work, "Acme", NewVisit(day=TODAY, at="11:00", purpose="Intro"))
    assert (done.visit.customer_id, done.visit.rep, done.visit.status) == (acme, "alice", "planned")
    assert (done.visit.date, done.visit.at, done.visit.purpose) == (TODAY, "11:00", "Intro")
    assert done.warnings == []


def test_past_days_are_refused(work, add_customer):
    add_customer("Acme")
    with pytest.raises(ValidationError, match="in the past"):
        visits.schedule(work, "Acme", NewVisit(day=date(2026, 11, 25)))
    assert _count(work) == 0


def test_the_same_customer_twice_a_day_needs_allow_duplicate(work, add_customer):
    add_customer("Acme")
    first = visits.schedule(work, "Acme", NewVisit(day=TODAY))
    with pytest.raises(ValidationError, match=f"already planned .* \\(visit {first.visit.id}\\)"):
        visits.schedule(work, "Acme", NewVisit(day=TODAY, at="15:00"))
    assert _count(work) == 1
    visits.schedule(work, "Acme", NewVisit(day=TODAY, at="15:00", allow_duplicate=True))
    assert _count(work) == 2


def test_an_unknown_customer_is_refused(work, add_customer):
    with pytest.raises(NotFoundError):
        visits.schedule(work, "Nobody", NewVisit(day=TODAY))
    assert _count(work) == 0


def test_warnings_weekend_office_hours_and_overlap(work, add_customer):
    add_customer("Acme", hours="09:00-17:00")
    add_customer("Bolt")
    saturday = visits.schedule(work, "Acme", NewVisit(day=date(2026, 11, 28)))
    assert any("not a working day" in w for w in saturday.warnings), saturday.warnings
    late = visits.schedule(work, "Acme", NewVisit(day=TODAY, at="16:50"))
    assert any("past closing time" in w for w in late.warnings), late.warnings
    overlap = visits.schedule(work, "Bolt", NewVisit(day=TODAY, at="17:00"))
    assert any("overlap" in w for w in overlap.warnings), overlap.warnings


def test_another_reps_customer_is_planned_as_a_conflict(work_at, add_customer):
    add_customer("Acme")  # alice's
    bob = work_at(rep="bob")
    done = visits.schedule(bob, "Acme", NewVisit(day=TODAY))
    assert done.visit.conflict and done.visit.rep == "bob"
    assert any("belongs to alice" in w for w in done.warnings)
