"""The morning's rules: pace arithmetic, visit order, suggestion priority, checklists."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from salesvisit_cli.domain import checklist, quota, suggestions, talking_points
from salesvisit_cli.domain import plan as rules
from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.suggestions import Candidate

THIRD = Fraction(1, 3)


def facts(id: int, **values) -> rules.CustomerFacts:
    values.setdefault("name", f"Customer {id}")
    return rules.CustomerFacts(id=id, **values)


def visit(id: int, at: str | None = None, **customer) -> rules.PlanVisit:
    return rules.PlanVisit(
        id=id, at=at, purpose=None, appointment=False, customer=facts(100 + id, **customer)
    )


# --- pace ---------------------------------------------------------------------------------


def test_pace_rounds_needs_up_and_the_new_target_is_a_third_rounded_up():
    pace = rules.pace(target=120, share=THIRD, visited=50, new_visited=10, working_days_left=8)
    assert pace.new_target == 40
    assert pace.needed_per_day == 9  # 70 / 8 = 8.75
    assert pace.new_needed_per_day == 4  # 30 / 8 = 3.75
    assert quota.new_target(100, THIRD) == 34


def test_pace_met_needs_nothing_more():
    pace = rules.pace(target=120, share=THIRD, visited=130, new_visited=41, working_days_left=5)
    assert (pace.needed_per_day, pace.new_needed_per_day) == (0, 0)


def test_no_working_days_left_needs_zero_not_a_division_by_zero():
    pace = rules.pace(target=120, share=THIRD, visited=3, new_visited=0, working_days_left=0)
    assert (pace.working_days_left, pace.needed_per_day, pace.new_needed_per_day) == (0, 0, 0)


def test_exact_division_is_not_rounded_up():
    assert quota.needed_per_day(120, 0, 20) == 6
    assert quota.needed_per_day(121, 0, 20) == 7


def test_working_days_left_count_a_working_plan_date_and_stop_at_month_end():
    calendar = WorkCalendar()  # Monday to Friday
    november = Month(2026, 11)
    # Monday 30 November 2026 is the month's last day and a working day: it counts.
    assert calendar.working_days_left(november, date(2026, 11, 30)) == 1
    # Friday 27 November: Fri + Mon 30.
    assert calendar.working_days_left(november, date(2026, 11, 27)) == 2
    # Saturday 28 November (not a working day): only Monday 30 is left.
    assert calendar.working_days_left(november, date(2026, 11, 28)) == 1
    pace = rules.pace(
        target=120,
        share=THIRD,
        visited=100,
        new_visited=30,
        working_days_left=calendar.working_days_left(november, date(2026, 11, 28)),
    )
    assert (pace.needed_per_day, pace.new_needed_per_day) == (20, 10)


def test_company_extra_holiday_at_month_end_leaves_no_working_day():
    calendar = WorkCalendar(extra_holidays=[date(2026, 11, 30)])
    assert calendar.working_days_left(Month(2026, 11), date(2026, 11, 28)) == 0


# --- order, overlaps and warnings ----------------------------------------------------------


def test_timed_visits_first_in_time_order_then_key_then_longest_unvisited():
    visits = [
        visit(1, last_visit=date(2026, 11, 1)),
        visit(2, at="14:00"),
        visit(3, tier="key", last_visit=date(2026, 11, 20)),
        visit(4, at="09:30"),
        visit(5),  # never visited: longest since a visit
        visit(6, tier="key", last_visit=date(2026, 10, 2)),
        visit(7, last_visit=date(2026, 11, 1)),
    ]
    assert [v.id for v in rules.order_visits(visits)] == [4, 2, 6, 3, 5, 1, 7]


def test_overlaps_use_call_plus_travel_minutes():
    visits = [visit(1, "09:00"), visit(2, "09:59"), visit(3, "11:00"), visit(4)]
    assert [(a.id, b.id) for a, b in rules.overlaps(visits, 60)] == [(1, 2)]
    assert rules.overlaps(visits, 59) == []


def test_plan_warnings_name_overlaps_appointments_and_missing_addresses():
    a = visit(1, "09:00", address="1 Main St", hours="09:00-17:00")
    a.appointment = True
    b = visit(2, "09:30", address=None, hours="09:00-17:00")
    warnings = [str(w) for w in rules.plan_warnings([a, b], occupy_minutes=60, working_day=False)]
    assert warnings[0] == "not a working day"
    assert "09:00 and 09:30 overlap (visits 1, 2)" in warnings
    assert "1 without appointment (visit 2)" in warnings
    assert "1 missing address or office hours (visit 2)" in warnings


def test_plan_warnings_in_chinese_list_with_the_enumeration_comma(monkeypatch):
    """JSON keeps `visit 1, 2`; a Chinese screen reads `拜访 1、2` and a date as 2026年11月28日."""
    from salesvisit_cli import i18n

    late = [visit(1, "09:00"), visit(2, "11:00")]
    found = rules.plan_warnings(late, occupy_minutes=60, working_day=True)
    saturday = rules.schedule_warnings(day=date(2026, 11, 28), at=None, working_day=False,
                                       customer=facts(1), others=[], max_minutes=30,
                                       travel_minutes=30)  # fmt: skip
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    i18n.reset()
    try:
        assert str(found[0]) == "2 without appointment (visit 1, 2)"
        assert found[0].translated() == "2 位未预约（拜访 1、2）"
        assert str(saturday[0]) == "2026-11-28 (Sat) is not a working day"
        assert saturday[0].translated().startswith("2026年11月28日（周六）")
    finally:
        i18n.reset()


def test_schedule_warnings():
    customer = facts(1, hours="09:00-17:00")
    others = [rules.Slot(7, "10:00", "Other"), rules.Slot(8, None, "Untimed")]
    common = {"customer": customer, "others": others, "max_minutes": 30, "travel_minutes": 30}
    saturday = date(2026, 11, 28)

    def warnings(**given):
        return [str(w) for w in rules.schedule_warnings(day=saturday, **given, **common)]

    assert warnings(at=None, working_day=False) == ["2026-11-28 (Sat) is not a working day"]
    warned = warnings(at="08:30", working_day=True)
    assert warned == ["08:30 is outside the customer's office hours 09:00-17:00"]
    warned = warnings(at="10:45", working_day=True)
    assert len(warned) == 1 and "overlaps visit 7 at 10:00" in warned[0]
    assert warnings(at="11:00", working_day=True) == []
    warned = warnings(at="16:45", working_day=True)
    assert warned == ["a 30-minute call at 16:45 runs past closing time (09:00-17:00)"]


# --- talking points and checklists ----------------------------------------------------------


def test_talking_points_follow_the_situation():
    first = [point.text for point in talking_points.talking_points(facts(1))]
    assert first[0].startswith("First meeting") and "work ID" in first[0]
    assert not any(p.startswith("Known customer") for p in first)
    assert "keep to 45 minutes" in talking_points.every_call(45)
    known = talking_points.talking_points(
        facts(
            2,
            status="client",
            last_visit=date(2026, 11, 1),
            first_visit_on=date(2026, 1, 5),
            open_complaints=("late delivery",),
            open_bookings=("200 units",),
        ),
    )
    known = [point.text for point in known]
    assert known[0].startswith("Known customer") and "thank" in known[0]
    assert any("late delivery" in p and "what was done" in p for p in known)
    assert any("200 units" in p and "booking" in p.lower() for p in known)
    assert talking_points.tip_of_the_day(date(2026, 11, 26)) in talking_points.TIPS


def test_prep_state_follows_the_visits_appointment_flag():
    state = checklist.prep_state({"screen", "appointment"}, appointment=False)
    assert list(state) == list(checklist.PREP_ITEMS)
    assert state == {
        "screen": True,
        "materials": False,
        "address": False,
        "outline": False,
        "appointment": False,
    }


def test_match_items_by_name_number_or_all():
    carry = ["work ID", "price list", "pen"]
    assert checklist.match_items(["PEN", "1", "work id"], carry, "carry") == ["work ID", "pen"]
    assert checklist.match_items(["all"], carry, "carry") == carry
    with pytest.raises(ValidationError) as error:
        checklist.match_items(["4"], carry, "carry")
    assert "1 work ID, 2 price list, 3 pen" in str(error.value)
    with pytest.raises(ValidationError):
        checklist.match_items([], carry, "carry")


def test_prep_items_also_by_their_chinese_words():
    given = ["预约", "筛选", "Materials", "提纲", "地址"]
    chosen = checklist.match_items(given, checklist.PREP_ITEMS, "prep", checklist.PREP_WORDS)
    assert chosen == list(checklist.PREP_ITEMS)
    assert checklist.match_items(["资料"], checklist.PREP_ITEMS, "prep", checklist.PREP_WORDS) == [
        "materials"
    ]
    with pytest.raises(ValidationError, match="unknown prep item '资料'"):
        checklist.match_items(
            ["资料"], checklist.PREP_ITEMS, "prep"
        )  # no words given: only the names


# --- suggestions ------------------------------------------------------------------------------

DAY = date(2026, 11, 26)


def suggest(candidates, limit=10, *, new_behind=True):
    return suggestions.suggest(
        candidates, limit, day=DAY, cadence=suggestions.Cadence(14, 30), new_behind=new_behind
    )


def test_suggestion_priority_key_then_prospects_then_longest_unvisited():
    seen = {"first_visit_on": date(2026, 1, 5)}
    candidates = [
        Candidate(facts(1, status="client", last_visit=date(2026, 11, 1), **seen)),
        Candidate(facts(2)),  # prospect never visited
        Candidate(facts(3, tier="key", last_visit=date(2026, 11, 12), **seen)),  # 14 days
        Candidate(facts(4, tier="key", last_visit=date(2026, 11, 13), **seen)),  # 13 days
        Candidate(facts(6, status="client", last_visit=date(2026, 10, 1), **seen)),
        Candidate(facts(7, tier="key")),  # key, never visited
    ]
    got = suggest(candidates)
    assert [s.customer.id for s in got] == [7, 3, 2, 6, 1, 4]
    assert [s.priority for s in got] == [1, 1, 2, 3, 3, 3]
    assert str(got[0].reason) == "key customer, never visited"
    assert "14 days ago" in str(got[1].reason)
    assert str(got[3].reason).startswith("client, last visited 2026-10-01")


def test_a_customer_planned_within_its_cadence_window_is_not_suggested():
    candidates = [
        Candidate(facts(1, tier="key"), next_planned=DAY + timedelta(days=14)),  # within 14
        Candidate(facts(2, tier="key"), next_planned=DAY + timedelta(days=15)),
        Candidate(facts(3, status="client"), next_planned=DAY + timedelta(days=30)),  # within 30
        Candidate(facts(4, status="client"), next_planned=DAY + timedelta(days=31)),
    ]
    assert [s.customer.id for s in suggest(candidates)] == [2, 4]


def test_suggested_times_fit_office_hours_and_the_other_visits():
    customers = [facts(1, hours="09:00-17:00"), facts(2, hours="14:00-15:00"), facts(3)]
    times = suggestions.suggest_times(
        customers, ["09:00", "10:30"], max_minutes=30, travel_minutes=30
    )
    # 09:00 and 10:30 are taken (each occupies an hour): 10:00 is too close to both
    assert times == ["11:30", "14:00", "12:30"]
    full = suggestions.suggest_times(
        [facts(4, hours="14:00-14:20")], [], max_minutes=30, travel_minutes=30
    )
    assert full == [None]  # a 30-minute call does not fit before closing


def test_prospects_are_proposed_only_when_the_new_pace_is_behind():
    candidates = [Candidate(facts(2)), Candidate(facts(1, status="client"))]
    assert [s.customer.id for s in suggest(candidates, new_behind=False)] == [1]
    assert [s.customer.id for s in suggest(candidates, new_behind=True)] == [2, 1]


def test_suggestions_are_limited_and_deterministic_with_ties_by_id():
    candidates = [Candidate(facts(i, status="client")) for i in (9, 3, 5, 1)]
    assert [s.customer.id for s in suggest(candidates, 3)] == [1, 3, 5]
    assert suggest(list(reversed(candidates)), 3) == suggest(candidates, 3)
    with pytest.raises(ValidationError):
        suggest(candidates, 0)
