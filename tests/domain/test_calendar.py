"""Working days (R7): weekends, the country's holidays and make-up days, company extras."""

from datetime import date, timedelta

import pytest

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.errors import ValidationError

CN = WorkCalendar("CN")


def _days(first: str, last: str) -> list[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def test_no_country_means_monday_to_friday():
    plain = WorkCalendar()
    assert [plain.is_working_day(d) for d in _days("2026-10-01", "2026-10-07")] == [
        True, True, False, False, True, True, True,
    ]  # fmt: skip
    assert len(plain.working_days(Month(2026, 2))) == 20


@pytest.mark.parametrize("day", ["2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10"])
def test_cn_make_up_weekend_days_are_working_days(day):
    assert date.fromisoformat(day).weekday() >= 5
    assert CN.is_working_day(date.fromisoformat(day))


@pytest.mark.parametrize(
    "day", _days("2026-02-16", "2026-02-20") + _days("2026-10-01", "2026-10-07")
)
def test_cn_public_holidays_are_not_working_days(day):
    assert not CN.is_working_day(day)


def test_cn_ordinary_weekend_and_weekday():
    assert not CN.is_working_day(date(2026, 3, 7))  # a plain Saturday
    assert CN.is_working_day(date(2026, 3, 9))  # a plain Monday


def test_next_working_day_skips_the_spring_festival_and_uses_make_up_days():
    assert CN.next_working_day(date(2026, 2, 13)) == date(2026, 2, 14)  # Friday → make-up Sat
    assert CN.next_working_day(date(2026, 2, 14)) > date(2026, 2, 20)
    assert CN.next_working_day(date(2026, 9, 30)) == date(2026, 10, 8)
    assert WorkCalendar().next_working_day(date(2026, 11, 27)) == date(2026, 11, 30)


def test_working_days_of_a_month():
    february = CN.working_days(Month(2026, 2))
    assert date(2026, 2, 14) in february and date(2026, 2, 28) in february
    assert not set(_days("2026-02-16", "2026-02-20")) & set(february)
    assert february == sorted(february)
    october = CN.working_days(Month(2026, 10))
    assert date(2026, 10, 10) in october and date(2026, 10, 1) not in october
    assert CN.working_days_left(Month(2026, 10), date(2026, 10, 31)) == 0  # Saturday
    assert CN.working_days_left(Month(2026, 10), date(2026, 10, 1)) == len(october)


def test_company_extras_win_over_the_country_calendar():
    company = WorkCalendar(
        "CN", extra_holidays=[date(2026, 12, 24)], extra_workdays=[date(2026, 10, 2)]
    )
    assert not company.is_working_day(date(2026, 12, 24))
    assert company.is_working_day(date(2026, 10, 2))
    plain = WorkCalendar(extra_workdays=[date(2026, 11, 28)])
    assert plain.is_working_day(date(2026, 11, 28))
    assert plain.next_working_day(date(2026, 11, 27)) == date(2026, 11, 28)


def test_unknown_country_is_a_clear_error():
    with pytest.raises(ValidationError, match="unknown calendar country 'XX'"):
        WorkCalendar("xx").is_working_day(date(2026, 1, 5))
