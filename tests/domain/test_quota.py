"""R1/R6/R7 quota figures from aggregated month activity (pure functions, no database)."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

import pytest

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.quota import (
    DayCount,
    MonthActivity,
    QuotaRules,
    daily_reports,
    month_quota,
    needed_per_day,
    rank,
)

WEEKDAYS = WorkCalendar()  # Monday to Friday
CN = WorkCalendar("CN")
MARCH = Month(2026, 3)  # 22 weekdays, 2026-03-01 is a Sunday


def quota(activity=MonthActivity(), *, rules=QuotaRules(), calendar=WEEKDAYS, month=MARCH,
          today=date(2026, 3, 16), now=None, rep="alice"):  # fmt: skip
    now = now or datetime.combine(today, datetime.min.time()).replace(hour=10)
    return month_quota(rep, month, activity, rules, calendar, today, now)


@pytest.mark.parametrize(
    ("target", "share", "expected"),
    [(120, Fraction(1, 3), 40), (100, Fraction(1, 3), 34), (10, Fraction(1, 4), 3), (7, 0, 0)],
)
def test_new_target_is_the_ceiling_of_target_times_share(target, share, expected):
    assert QuotaRules(target=target, share=Fraction(share)).new_target == expected


def test_unit_customers_counts_distinct_customers_and_visits_stay_raw():
    activity = MonthActivity(visits=9, customers=5, new_customers=2)
    by_customer = quota(activity)
    assert (by_customer.unit, by_customer.visited, by_customer.visits) == ("customers", 5, 9)
    by_visit = quota(activity, rules=QuotaRules(unit="visits"))
    assert (by_visit.unit, by_visit.visited, by_visit.visits) == ("visits", 9, 9)
    assert by_visit.new_visited == 2


def test_working_days_and_days_left_in_a_current_month():
    q = quota(today=date(2026, 3, 16))  # a Monday: 16..31 holds 12 weekdays
    assert (q.working_days, q.working_days_left, q.working_days_elapsed) == (22, 12, 10)
    weekend = quota(today=date(2026, 3, 15))  # Sunday: not itself a working day
    assert (weekend.working_days_left, weekend.working_days_elapsed) == (12, 10)


def test_past_month_has_no_days_left_and_future_month_has_all_of_them():
    past = quota(today=date(2026, 4, 2))
    assert (past.working_days_left, past.status) == (0, "missed")
    future = quota(today=date(2026, 2, 10))
    assert (future.working_days_left, future.working_days_elapsed) == (22, 0)
    assert (future.visited, future.new_visited, future.status) == (0, 0, "upcoming")
    assert future.needed_per_day == 6  # ceil(120 / 22)


def test_needed_per_day_is_zero_when_no_working_day_is_left_as_in_the_plan():
    from salesvisit_cli.domain import plan

    assert plan.needed_per_day is needed_per_day  # one rule for the plan's pace and the quota
    last_working_day = quota(today=date(2026, 3, 31), month=MARCH)
    assert last_working_day.working_days_left == 1  # Tue 31 Mar counts itself
    saturday_after = quota(month=Month(2026, 2), today=date(2026, 2, 28))
    assert saturday_after.working_days_left == 0
    assert (saturday_after.needed_per_day, saturday_after.new_needed_per_day) == (0, 0)
    assert saturday_after.to_json()["needed_per_day"] == 0
    assert needed_per_day(120, 100, 3) == 7 and needed_per_day(120, 130, 3) == 0


def test_chinese_calendar_counts_holidays_and_make_up_working_days():
    # 2026-10: National Day 1-7 Oct (1, 2, 5, 6, 7 are weekdays off); Sat 10 Oct is worked.
    october = quota(calendar=CN, month=Month(2026, 10), today=date(2026, 10, 9))
    assert october.working_days == 18
    assert october.working_days_left == 17  # 9 Oct, the Saturday make-up day 10 Oct, …
    assert october.working_days_elapsed == 1  # 8 Oct, the first working day after the holiday
    days = {point.day for point in october.series}
    assert date(2026, 10, 10) in days and date(2026, 10, 5) not in days
    # 2026-02: Spring Festival 16-20 and 23 Feb off; Sat 14 and Sat 28 Feb worked.
    february = quota(calendar=CN, month=Month(2026, 2), today=date(2026, 3, 1))
    assert february.working_days == 16 and february.working_days_left == 0


def test_daily_reports_on_time_late_missing_and_pending():
    friday, monday, tuesday = date(2026, 3, 13), date(2026, 3, 16), date(2026, 3, 17)
    thursday = date(2026, 3, 12)
    first = {
        friday: datetime(2026, 3, 16, 9, 0),  # due Monday 09:00: exactly on time
        thursday: datetime(2026, 3, 13, 9, 1),  # a minute late
    }
    reports = daily_reports(
        [thursday, friday, monday, tuesday], first, WEEKDAYS, "09:00", datetime(2026, 3, 18, 8, 0)
    )
    assert [(r.day, r.status) for r in reports] == [
        (thursday, "late"),
        (friday, "on_time"),
        (monday, "missing"),  # due Tuesday 09:00, now is Wednesday
        (tuesday, "pending"),  # due Wednesday 09:00, now is 08:00
    ]
    assert reports[1].deadline == datetime(2026, 3, 16, 9, 0)


def test_report_before_a_holiday_is_due_after_it():
    # 30 Sep 2026 (CN): next working day is 8 Oct.
    (report,) = daily_reports([date(2026, 9, 30)], {}, CN, "09:00", datetime(2026, 10, 7, 20, 0))
    assert report.deadline == datetime(2026, 10, 8, 9, 0) and report.status == "pending"


def test_reports_counted_only_for_days_with_visits():
    activity = MonthActivity(
        visits=3,
        customers=3,
        days=(DayCount(date(2026, 3, 2), 2, 1), DayCount(date(2026, 3, 3), 1, 0)),
        first_submissions={
            date(2026, 3, 2): datetime(2026, 3, 3, 8, 0),
            date(2026, 3, 4): datetime(2026, 3, 5, 8, 0),  # no visits that day: ignored
        },
    )
    q = quota(activity, today=date(2026, 3, 16))
    assert q.report_counts() == {"days": 2, "on_time": 1, "late": 0, "missing": 1, "pending": 0}
    assert [r["date"] for r in q.to_json()["missing_days"]] == ["2026-03-03"]


def test_met_requires_both_targets():
    rules = QuotaRules(target=3, share=Fraction(1, 3))
    assert quota(MonthActivity(customers=3, new_customers=1), rules=rules).met
    assert not quota(MonthActivity(customers=5, new_customers=0), rules=rules).met
    assert not quota(MonthActivity(customers=2, new_customers=2), rules=rules).met
    done = quota(MonthActivity(customers=3, new_customers=1), rules=rules, today=date(2026, 4, 1))
    assert done.status == "met"


def test_on_track_and_at_risk_compare_the_needed_pace_with_the_pace_so_far():
    rules = QuotaRules(target=22, share=Fraction(0))
    # 10 working days done with 10 customers: 12 more in 12 days = 1/day = pace so far.
    on_track = quota(MonthActivity(customers=10), rules=rules, today=date(2026, 3, 16))
    assert on_track.status == "on track" and on_track.needed_per_day == 1
    behind = quota(MonthActivity(customers=9), rules=rules, today=date(2026, 3, 16))
    assert behind.status == "at risk" and behind.needed_per_day == 2  # ceil(13 / 12)
    # New customers lagging makes the month at risk too.
    new_rules = QuotaRules(target=22, share=Fraction(1, 2))
    lagging = quota(MonthActivity(customers=12, new_customers=1), rules=new_rules)
    assert lagging.status == "at risk" and lagging.new_needed_per_day == 1
    # First working day: nothing behind us yet.
    assert quota(today=date(2026, 3, 2)).status == "on track"


def test_series_has_every_working_day_plus_worked_weekends():
    activity = MonthActivity(
        visits=5,
        customers=4,
        new_customers=2,
        days=(DayCount(date(2026, 3, 2), 3, 2), DayCount(date(2026, 3, 7), 2, 0)),
    )
    q = quota(activity)
    assert len(q.series) == 23
    saturday = next(p for p in q.series if p.day == date(2026, 3, 7))
    assert not saturday.working and saturday.known == 2
    monday = q.series[0]
    assert (monday.day, monday.new, monday.known) == (date(2026, 3, 2), 2, 1)


def test_json_has_the_contract_keys():
    data = quota(MonthActivity(visits=4, customers=3, new_customers=1, over_time=2)).to_json()
    assert {
        "rep", "month", "unit", "target", "visited", "new_target", "new_visited", "visits",
        "working_days", "working_days_left", "over_time_visits", "reports", "met",
    } <= set(data)  # fmt: skip
    assert set(data["reports"]) == {"days", "on_time", "late", "missing", "pending"}
    assert data["month"] == "2026-03" and data["over_time_visits"] == 2
    assert data["target"] == 120 and data["new_target"] == 40 and data["met"] is False


def test_team_is_ranked_met_first_then_by_progress_then_name():
    rules = QuotaRules(target=4, share=Fraction(1, 2))
    quotas = [
        quota(MonthActivity(customers=2, new_customers=1), rules=rules, rep="carol"),
        quota(MonthActivity(customers=4, new_customers=2), rules=rules, rep="dave"),
        quota(MonthActivity(customers=3, new_customers=0), rules=rules, rep="bob"),
        quota(MonthActivity(customers=2, new_customers=1), rules=rules, rep="Anna"),
        quota(MonthActivity(), rules=rules, rep="erin"),
    ]
    assert [q.rep for q in rank(quotas)] == ["dave", "Anna", "carol", "bob", "erin"]
