"""Cadence and the pool at their edges (calendar days, CLI.md "Cadence and the pool")."""

from __future__ import annotations

from datetime import date

import pytest

from salesvisit_cli.domain import cadence, pool


def test_the_clock_starts_at_the_last_visit_or_when_the_owner_got_the_customer():
    assert cadence.anchor(date(2026, 3, 1), None) == date(2026, 3, 1)
    assert cadence.anchor(date(2026, 3, 1), date(2026, 3, 9)) == date(2026, 3, 9)
    # visited before it was theirs (a colleague's customer then): the assignment counts
    assert cadence.anchor(date(2026, 3, 1), date(2026, 2, 20)) == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("visited", "tier", "due"),
    [
        (date(2026, 1, 31), "key", date(2026, 2, 14)),  # across a month end
        (date(2026, 2, 20), "key", date(2026, 3, 6)),  # across February
        (date(2026, 1, 31), "normal", date(2026, 3, 2)),  # 30 calendar days
        (date(2026, 12, 20), "key", date(2027, 1, 3)),  # across a year end
        # calendar days: due on a Saturday / on National Day stays that day
        (date(2026, 9, 5), "key", date(2026, 9, 19)),
        (date(2026, 9, 17), "key", date(2026, 10, 1)),
    ],
)
def test_cadence_counts_calendar_days_across_month_ends_and_days_off(visited, tier, due):
    assert cadence.due_since(visited, tier, 14, 30) == due
    assert cadence.days_overdue(due, due) == 0
    assert cadence.days_overdue(due, date.fromordinal(due.toordinal() + 3)) == 3


def test_release_on_day_n_plus_one_not_day_n():
    last = date(2026, 1, 1)
    assert pool.release_on(last, 60) == date(2026, 3, 3)  # 60 days without a visit: 2 March
    assert not pool.is_released(last, 60, date(2026, 3, 2))  # day N: still owned
    assert pool.is_released(last, 60, date(2026, 3, 3))  # day N + 1: in the pool
    assert pool.release_on(last, 0) is None and not pool.is_released(last, 0, date(2030, 1, 1))


def test_a_visit_on_the_release_day_restarts_nothing_already_released():
    # the customer went to the pool at the start of 3 March; a visit that day is a visit to a
    # pool customer (its clock would start on 3 March only for whoever then owns it)
    assert pool.is_released(date(2026, 1, 1), 60, date(2026, 3, 3))
    assert not pool.is_released(date(2026, 3, 3), 60, date(2026, 3, 3))


def test_a_visit_on_the_last_owned_day_keeps_the_customer_for_another_round():
    start = cadence.anchor(date(2026, 1, 1), date(2026, 3, 2))  # visited on day N
    assert start == date(2026, 3, 2)
    assert not pool.is_released(start, 60, date(2026, 3, 3))
    assert pool.release_on(start, 60) == date(2026, 5, 2)


def test_due_on_the_cadence_day_not_the_day_before():
    due = cadence.due_since(date(2026, 2, 28), "normal", 14, 30)
    assert due == date(2026, 3, 30)  # 30 calendar days across the end of February
    assert cadence.days_overdue(due, date(2026, 3, 29)) == -1  # not due yet
    assert cadence.days_overdue(due, due) == 0


def test_an_open_booking_or_complaint_holds_the_customer_until_the_day_after_it_closes():
    last = date(2026, 1, 1)
    assert pool.release_day(last, 60, held=True) is None
    assert pool.release_day(last, 60, held=False, hold_ended=date(2026, 3, 10)) == date(2026, 3, 11)
    assert pool.release_day(last, 60, held=False, hold_ended=date(2026, 2, 1)) == date(2026, 3, 3)


def test_releasing_warns_seven_days_ahead():
    today = date(2026, 3, 1)
    assert pool.releasing_soon(date(2026, 3, 8), today)
    assert not pool.releasing_soon(date(2026, 3, 9), today)
    assert not pool.releasing_soon(today, today)  # already released today
    assert not pool.releasing_soon(None, today)


def _refusal(owned=0, claiming=1, limit=0, released=None, reclaim=30, today=date(2026, 4, 1)):
    return pool.claim_refusal(
        owned=owned, claiming=claiming, claim_limit=limit, released_from_me_on=released,
        reclaim_days=reclaim, today=today,
    )  # fmt: skip


def test_the_claim_limit_counts_what_one_owns_plus_what_one_claims():
    assert _refusal(owned=9, limit=10) is None  # the tenth customer
    assert "pool.claim_limit" in _refusal(owned=10, limit=10)
    assert "pool.claim_limit" in _refusal(owned=8, claiming=3, limit=10)
    assert _refusal(owned=10_000, limit=0) is None  # 0: no limit


def test_the_reclaim_lockout_ends_reclaim_days_after_the_release():
    released = date(2026, 3, 3)
    assert pool.reclaim_from(released, 30) == date(2026, 4, 2)
    assert "2026-04-02" in _refusal(released=released, today=date(2026, 4, 1))
    assert _refusal(released=released, today=date(2026, 4, 2)) is None
    assert _refusal(released=released, reclaim=0, today=released) is None
