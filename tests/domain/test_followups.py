"""R5: what a visit report creates, on working days (weekends, CN holidays, make-up days)."""

from datetime import date, datetime

import pytest

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.followups import (
    FollowupItem,
    check_due,
    check_kind,
    check_next_meeting,
    parse_next_meeting,
    worklist_order,
)
from salesvisit_cli.domain.report_followups import (
    ExistingFollowup,
    NewFollowup,
    reconcile,
    report_followups,
)

MON_FRI = WorkCalendar()
CN = WorkCalendar("CN")


def kinds(followups):
    return {f.kind: (f.due, f.note) for f in followups}


def test_every_visit_gets_a_thank_you_call_the_next_working_day():
    made = report_followups(date(2026, 11, 25), None, None, MON_FRI)
    assert made == [NewFollowup("thanks", date(2026, 11, 26), "thank-you call or fax")]


def test_booking_is_due_the_visit_day_and_complaint_the_next_working_day():
    made = kinds(report_followups(date(2026, 11, 25), "200 cartons", "late delivery", MON_FRI))
    assert made["booking"] == (date(2026, 11, 25), "200 cartons")
    assert made["complaint"] == (date(2026, 11, 26), "late delivery")
    assert made["thanks"][0] == date(2026, 11, 26)


def test_a_friday_visit_is_followed_up_on_monday():
    made = kinds(report_followups(date(2026, 11, 27), None, "broken carton", MON_FRI))
    assert made["complaint"][0] == made["thanks"][0] == date(2026, 11, 30)


def test_no_second_thank_you_for_the_same_customer_and_day():
    made = report_followups(date(2026, 11, 25), "x", None, MON_FRI, thanks_already_due=True)
    assert [f.kind for f in made] == ["booking"]


def test_cn_national_day_is_skipped():
    # 2026: Oct 1-3, 5-7 are holidays, Oct 4 a Sunday; Oct 8 (Thursday) is a working day
    # (the official notice makes up Sep 20 and Oct 10 instead).
    made = kinds(report_followups(date(2026, 9, 30), None, "c", CN))
    assert made["thanks"][0] == made["complaint"][0] == date(2026, 10, 8)


def test_cn_make_up_saturday_is_a_working_day():
    # Saturday 2026-02-14 is an official make-up working day before Spring Festival.
    assert kinds(report_followups(date(2026, 2, 13), None, None, CN))["thanks"][0] == date(
        2026, 2, 14
    )
    # ... and after the Spring Festival week the next one is Tuesday 2026-02-24.
    assert CN.next_working_day(date(2026, 2, 14)) == date(2026, 2, 24)


def test_company_extra_holiday_and_workday():
    calendar = WorkCalendar(
        extra_holidays=[date(2026, 11, 26)], extra_workdays=[date(2026, 11, 28)]
    )
    assert kinds(report_followups(date(2026, 11, 25), None, None, calendar))["thanks"][0] == date(
        2026, 11, 27
    )
    assert calendar.next_working_day(date(2026, 11, 27)) == date(2026, 11, 28)


def test_reconcile_creates_updates_and_removes_open_followups_only():
    existing = [
        ExistingFollowup(1, "booking", date(2026, 11, 25), "old booking", done=False),
        ExistingFollowup(2, "complaint", date(2026, 11, 26), "gone", done=False),
        ExistingFollowup(3, "thanks", date(2026, 11, 26), "thank-you call or fax", done=True),
    ]
    wanted = [
        NewFollowup("booking", date(2026, 11, 25), "new booking"),
        NewFollowup("thanks", date(2026, 11, 27), "thank-you call or fax"),
    ]
    changes = reconcile(wanted, existing)
    assert changes.create == []
    assert changes.update == [(1, wanted[0])]  # the done thank-you call stays as it was
    assert changes.delete == [2]


def test_reconcile_keeps_a_done_booking_even_when_removed():
    existing = [ExistingFollowup(1, "booking", date(2026, 11, 25), "b", done=True)]
    assert reconcile([], existing).delete == []
    changes = reconcile([NewFollowup("complaint", date(2026, 11, 26), "c")], existing)
    assert [c.kind for c in changes.create] == ["complaint"]


def test_next_meeting_parsing_and_past_refusal():
    today = date(2026, 11, 26)
    assert parse_next_meeting("2026-12-03 9:30", today) == (date(2026, 12, 3), "09:30")
    assert parse_next_meeting("tomorrow", today) == (date(2026, 11, 27), None)
    with pytest.raises(ValidationError):
        parse_next_meeting("2026-12-03 10:00 office", today)
    now = datetime(2026, 11, 26, 10, 0)
    check_next_meeting(date(2026, 11, 26), None, now)
    check_next_meeting(date(2026, 11, 26), "10:30", now)
    with pytest.raises(ValidationError, match="past"):
        check_next_meeting(date(2026, 11, 25), None, now)
    with pytest.raises(ValidationError, match="past"):
        check_next_meeting(date(2026, 11, 26), "09:00", now)


def test_kind_and_due_checks():
    assert check_kind(" Call ") == "call"
    chinese = ("感谢", "预订", "投诉", "电话", "其他")
    assert [check_kind(word) for word in chinese] == [
        "thanks",
        "booking",
        "complaint",
        "call",
        "other",
    ]
    with pytest.raises(ValidationError, match="thanks, booking"):
        check_kind("lunch")
    with pytest.raises(ValidationError, match="past"):
        check_due(date(2026, 11, 25), date(2026, 11, 26))


def _item(number, kind, due, overdue):
    return FollowupItem(number, 1, "Acme", kind, due, None, None, overdue)


def test_worklist_is_overdue_first_then_by_kind():
    items = [
        _item(1, "thanks", date(2026, 11, 26), False),
        _item(2, "thanks", date(2026, 11, 20), True),
        _item(3, "booking", date(2026, 11, 26), False),
        _item(4, "complaint", date(2026, 11, 24), True),
    ]
    assert [i.id for i in worklist_order(items)] == [4, 2, 3, 1]
