"""R4: report fields, refusals, amendments, prospect → client, ownership, the day's totals."""

from datetime import date, datetime

import pytest

from salesvisit_cli.domain.customers import ownership
from salesvisit_cli.domain.daily import DailySummary, DailyVisit
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.new_customer import is_new_customer
from salesvisit_cli.domain.visit_report import (
    ReportFields,
    check_complete,
    clean_changes,
    converts_to_client,
    is_over_time,
    merge,
    missing,
    over_time_message,
)

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 12, 0)


def fields(**changes):
    return merge(ReportFields(date=TODAY), clean_changes(changes, TODAY))


def test_a_complete_report():
    report = fields(start="9:30", minutes="1h10", notes=" Met the buyer ", next="2026-12-03 10:00")
    assert (report.start, report.minutes, report.notes) == ("09:30", 70, "Met the buyer")
    assert (report.next_date, report.next_at) == (date(2026, 12, 3), "10:00")
    check_complete(report, NOW)
    assert report.outcome == "next meeting"


def test_end_time_gives_the_minutes():
    assert fields(start="10:00", end="10:45", notes="n").minutes == 45
    with pytest.raises(ValidationError, match="either --minutes or --end"):
        fields(start="10:00", end="10:45", minutes=5)


def test_missing_fields_are_named():
    assert missing(fields(booking="x")) == ["start", "minutes", "notes"]
    with pytest.raises(ValidationError, match="--start, --minutes, --notes"):
        check_complete(fields(), NOW)


@pytest.mark.parametrize("minutes", [0, 601, -5])
def test_minutes_outside_1_to_600_are_refused(minutes):
    with pytest.raises(ValidationError, match="between 1 and 600"):
        fields(start="10:00", minutes=minutes, notes="n")


def test_empty_notes_are_refused():
    with pytest.raises(ValidationError, match="notes"):
        fields(notes="   ")


def test_future_date_and_future_end_are_refused():
    with pytest.raises(ValidationError, match="future"):
        check_complete(fields(date="2026-11-27", start="10:00", minutes=10, notes="n"), NOW)
    with pytest.raises(ValidationError, match="ends at 12:05"):
        check_complete(fields(start="11:40", minutes=25, notes="n"), NOW)
    check_complete(fields(start="11:35", minutes=25, notes="n"), NOW)  # ends exactly now


def test_amend_changes_only_what_is_given_and_blank_clears():
    old = fields(
        start="10:00", minutes=20, notes="n", booking="b", complaint="c", next="2026-12-01"
    )
    new = merge(old, clean_changes({"complaint": "", "minutes": "25"}, TODAY))
    assert (new.minutes, new.booking, new.complaint, new.notes) == (25, "b", None, "n")
    cleared = merge(old, clean_changes({"next": ""}, TODAY))
    assert cleared.next_date is None and cleared.next_place is None
    snapshot = old.snapshot()
    assert snapshot["date"] == "2026-11-26" and snapshot["next_date"] == "2026-12-01"


def test_next_place_needs_a_next_meeting():
    with pytest.raises(ValidationError, match="--next-place needs"):
        fields(next_place="their office")


def test_a_booking_turns_only_a_prospect_into_a_client():
    assert converts_to_client("prospect", "200 cartons")
    assert not converts_to_client("prospect", None)
    assert not converts_to_client("client", "200 cartons")


def test_ownership_rules():
    assert ownership(None, 1) == "assign"
    assert ownership(1, 1) == "own"
    assert ownership(2, 1) == "conflict"


def test_new_customer_is_the_first_visit_to_a_prospect():
    day = date(2026, 11, 2)
    assert is_new_customer(day, True, day, True)
    assert not is_new_customer(day, False, day, False)  # a registered client is never new
    assert not is_new_customer(date(2026, 11, 9), True, day, True)  # a later visit


def test_over_time_is_friendly():
    assert not is_over_time(30, 30) and is_over_time(31, 30)
    assert over_time_message(30, 30) is None
    message = over_time_message(45, 30)
    assert "15 min over" in message and "fine" in message


def test_daily_totals_and_json():
    visit = DailyVisit(1, 7, "Acme", "09:00", 45, True, True, "b", None, None, "n")
    other = DailyVisit(2, 8, "Blue", "10:00", 20, False, False, None, "c", None, "n")
    summary = DailySummary(TODAY, "alice", [visit, other], datetime(2026, 11, 27, 9), "pending")
    data = summary.to_json()
    assert {k: data[k] for k in ("visits", "new_customers", "minutes", "over_time")} == {
        "visits": 2,
        "new_customers": 1,
        "minutes": 65,
        "over_time": 1,
    }
    assert (data["bookings"], data["complaints"]) == (1, 1)
    assert data["deadline"] == "2026-11-27T09:00:00" and data["submitted_at"] is None
