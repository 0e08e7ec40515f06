"""Dates, months, times and office hours as users type them."""

from datetime import date

import pytest

from salesvisit_cli.domain.dates import Month, parse_date, parse_hours, parse_month, parse_time
from salesvisit_cli.domain.errors import ValidationError

THURSDAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", THURSDAY),
        ("Tomorrow", date(2026, 11, 27)),
        (" yesterday ", date(2026, 11, 25)),
        ("2026-02-28", date(2026, 2, 28)),
        ("thu", THURSDAY),  # the nearest Thursday from today on is today
        ("fri", date(2026, 11, 27)),
        ("sun", date(2026, 11, 29)),
        ("mon", date(2026, 11, 30)),
        ("wed", date(2026, 12, 2)),  # never in the past
        ("Monday", date(2026, 11, 30)),
        ("今天", THURSDAY),
        ("明天", date(2026, 11, 27)),
        ("后天", date(2026, 11, 28)),
        (" 昨天 ", date(2026, 11, 25)),
        ("前天", date(2026, 11, 24)),
        ("周五", date(2026, 11, 27)),
        ("周四", THURSDAY),
        ("星期一", date(2026, 11, 30)),
        ("周日", date(2026, 11, 29)),
        ("星期天", date(2026, 11, 29)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, THURSDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon", date(2026, 11, 23)),  # this week's Monday, in the past
        ("周三", date(2026, 11, 25)),
        ("thursday", THURSDAY),
        ("星期日", date(2026, 11, 29)),
        ("明天", date(2026, 11, 27)),  # words that are not weekdays keep their meaning
    ],
)
def test_weekdays_of_this_week(text, expected):
    assert parse_date(text, THURSDAY, this_week=True) == expected


@pytest.mark.parametrize(
    "text", ["", "26-02-01", "2026/02/01", "someday", "１２", "周八", "大后天"]
)
def test_bad_dates_say_what_was_expected(text):
    with pytest.raises(ValidationError, match=r"expected YYYY-MM-DD, today, tomorrow, yesterday"):
        parse_date(text, THURSDAY)


def test_a_day_that_does_not_exist_says_so():
    with pytest.raises(ValidationError, match=r"'2026-02-30' does not exist: 2026-02 has 28 days"):
        parse_date("2026-02-30", THURSDAY)


def test_parse_month():
    month = parse_month("2026-02")
    assert month == Month(2026, 2)
    assert str(month) == "2026-02"
    assert month.first == date(2026, 2, 1) and month.last == date(2026, 2, 28)
    assert len(month.days()) == 28
    assert Month(2026, 12).next() == Month(2027, 1)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-2", "02-2026", "2026-02-01", ""])
def test_bad_months(text):
    with pytest.raises(ValidationError, match="expected YYYY-MM"):
        parse_month(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("09:00", "09:00"), ("9:05", "09:05"), ("23:59", "23:59"), ("00:00", "00:00")],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "12:60", "9", "9am", "09-00", "", "０９:００"])
def test_bad_times(text):
    with pytest.raises(ValidationError, match="expected HH:MM, 24-hour"):
        parse_time(text)


def test_office_hours():
    assert parse_hours("9:00-17:30") == "09:00-17:30"
    assert parse_hours("09:00 - 17:30") == "09:00-17:30"
    for bad in ("17:30-09:00", "09:00", "9-5", "09:00-17:30-18:00"):
        with pytest.raises(ValidationError, match="expected HH:MM-HH:MM"):
            parse_hours(bad)


def test_the_last_month_of_the_calendar():
    december = Month(9999, 12)
    assert december.last == date(9999, 12, 31)
    assert len(december.days()) == 31
    assert Month(2024, 2).last == date(2024, 2, 29)


def test_years_outside_a_working_life_are_refused():
    for text in ("9999-12", "1899-12", "0001-01"):
        with pytest.raises(ValidationError, match="out of range"):
            parse_month(text)
    for text in ("9999-12-31", "1066-10-14"):
        with pytest.raises(ValidationError, match="out of range"):
            parse_date(text, date(2026, 11, 26))
    assert parse_date("2999-12-31", date(2026, 11, 26)) == date(2999, 12, 31)
