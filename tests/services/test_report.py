"""`visit report`: the report (R4) and what it creates (R5), in one transaction."""

from __future__ import annotations

from datetime import date

import pytest

from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.services import followups, reports, visits
from salesvisit_cli.services.reports import ReportRequest
from salesvisit_cli.services.visits import NewVisit

FRIDAY = "2026-11-27 16:00"
CALL = {"start": "15:00", "minutes": "25", "notes": "Met the buyer"}


def _followups(work) -> list[tuple[str, date]]:
    return sorted((item.kind, item.due) for item in followups.worklist(work, every=True))


def test_an_unplanned_call_creates_its_followups(work_at, add_customer):
    work = work_at(FRIDAY)
    add_customer("Acme")  # a prospect
    raw = {**CALL, "booking": "200 cartons", "complaint": "late delivery"}
    done = reports.report(work, ReportRequest(customer="Acme", raw=raw))
    assert (done.visit.status, done.visit.minutes, done.visit.new_customer) == ("done", 25, True)
    monday = date(2026, 11, 30)  # the next working day after Friday
    expected = [("booking", date(2026, 11, 27)), ("complaint", monday), ("thanks", monday)]
    assert sorted((ref.kind, ref.due) for ref in done.created) == expected
    assert _followups(work) == expected
    assert any("now a client" in note for note in done.notes)


def test_a_planned_visit_is_completed_and_the_next_meeting_planned(work_at, add_customer):
    work = work_at(FRIDAY)
    add_customer("Acme")
    planned = visits.schedule(work, "Acme", NewVisit(day=work.today, at="15:00")).visit
    raw = {"minutes": "25", "notes": "Met", "next": "2026-12-03 10:00", "next_place": "office"}
    done = reports.report(work, ReportRequest(visit_id=planned.id, raw=raw))
    assert done.visit.id == planned.id and done.visit.start == "15:00"  # the planned time
    listed = visits.listing(work, start=None, end=None, customer_ref=None, statuses=["planned"])
    (following,) = listed
    assert following.id == done.next_visit_id
    assert (following.date, following.at, following.place) == (date(2026, 12, 3), "10:00", "office")


def test_amending_moves_the_followups_with_the_report(work_at, add_customer):
    work = work_at(FRIDAY)
    add_customer("Acme")
    first = reports.report(work, ReportRequest(customer="Acme", raw={**CALL, "booking": "5"}))
    amended = reports.report(
        work, ReportRequest(visit_id=first.visit.id, amend=True, raw={"booking": ""})
    )
    assert amended.amended and amended.visit.booking is None
    assert [kind for kind, _ in _followups(work)] == ["thanks"]  # the booking's is gone
    assert len(amended.history) == 1


def test_refusals_write_nothing(work_at, add_customer):
    work = work_at(FRIDAY)
    add_customer("Acme")
    planned = visits.schedule(work, "Acme", NewVisit(day=work.today)).visit
    bob = work_at(FRIDAY, rep="bob")
    with pytest.raises(ValidationError, match="alice's, not yours"):
        reports.report(bob, ReportRequest(visit_id=planned.id, raw=CALL))
    with pytest.raises(ValidationError, match="notes"):
        reports.report(work, ReportRequest(customer="Acme", raw={**CALL, "notes": " "}))
    with pytest.raises(ValidationError, match="--amend"):
        reports.report(work, ReportRequest(visit_id=planned.id, amend=True, raw=CALL))
    assert _followups(work) == []
    assert visits.listing(work, start=None, end=None, customer_ref=None, statuses=["done"]) == []


def test_prepare_names_what_is_missing(work, add_customer):
    add_customer("Acme")
    draft = reports.prepare(work, ReportRequest(customer="Acme", raw={"start": "09:00"}))
    assert draft.missing == ["minutes", "notes"] and draft.customer == "Acme"
