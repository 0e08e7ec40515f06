"""R6: the hand-in deadline and the four report states (the first hand-in decides)."""

from datetime import date, datetime

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.daily import report_deadline, report_status

DEADLINE = datetime(2026, 11, 27, 9, 0)


def test_deadline_is_nine_on_the_next_working_day():
    assert report_deadline(date(2026, 11, 26), WorkCalendar()) == DEADLINE
    assert report_deadline(date(2026, 11, 27), WorkCalendar()) == datetime(2026, 11, 30, 9, 0)
    assert report_deadline(date(2026, 11, 27), WorkCalendar(), "08:30") == datetime(
        2026, 11, 30, 8, 30
    )
    assert report_deadline(date(2026, 9, 30), WorkCalendar("CN")) == datetime(2026, 10, 8, 9, 0)


def test_on_time_includes_the_deadline_minute():
    assert report_status(DEADLINE, datetime(2026, 11, 26, 18, 0), DEADLINE) == "on_time"
    assert report_status(DEADLINE, DEADLINE, datetime(2026, 12, 1)) == "on_time"


def test_late_after_the_deadline():
    assert report_status(DEADLINE, datetime(2026, 11, 27, 9, 1), datetime(2026, 12, 1)) == "late"


def test_missing_once_the_deadline_passed_without_hand_in():
    assert report_status(DEADLINE, None, datetime(2026, 11, 27, 9, 1)) == "missing"


def test_pending_before_the_deadline():
    assert report_status(DEADLINE, None, datetime(2026, 11, 27, 8, 59)) == "pending"


def test_a_day_without_visits_has_nothing_due():
    from datetime import datetime

    from salesvisit_cli.domain.daily import report_status

    deadline = datetime(2026, 3, 11, 9, 0)
    long_after = datetime(2026, 4, 1, 12, 0)
    assert report_status(deadline, None, long_after, has_visits=False) is None
    assert report_status(deadline, None, long_after) == "missing"
    handed_in = datetime(2026, 3, 11, 8, 0)
    assert report_status(deadline, handed_in, long_after, has_visits=False) == "on_time"
