"""Quota figures from hand-built histories: rows in a temp database → SQL → the domain."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from salesvisit_cli.config import Config
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.services.context import Work
from salesvisit_cli.services.quota import rep_quota, team_quota
from salesvisit_cli.store.engine import open_store
from salesvisit_cli.store.progress import month_counts, month_counts_by_rep
from tests.factories import add_customer, add_done_visit, add_rep, submit_day

MARCH = Month(2026, 3)
TODAY = date(2026, 3, 18)  # a Wednesday
NOW = datetime(2026, 3, 18, 8, 0)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "x.db")
    yield opened
    opened.close()


def figures(store, rep="alice", *, config=None, month=MARCH, now=NOW):
    return rep_quota(Work.of(store, rep, now, config), month)


@pytest.fixture
def history(store):
    """alice's March: every kind of customer the new-customer rule tells apart."""
    with store.write() as conn:
        alice, bob = add_rep(conn, "alice"), add_rep(conn, "bob")
        fresh = add_customer(conn, "Fresh Prospect")  # first visited in March: new
        twice = add_customer(conn, "Twice Prospect")  # visited twice in March: one new customer
        february = add_customer(conn, "February Prospect")  # first visit 28 Feb: not new
        client = add_customer(conn, "Old Client", status="client")  # never new
        bobs = add_customer(conn, "Bob's Find")  # first visited by bob in March: new for both
        add_done_visit(conn, alice, fresh, date(2026, 3, 2), minutes=45, booking="10 cases")
        add_done_visit(conn, alice, twice, date(2026, 3, 2), start="14:00")
        add_done_visit(conn, alice, twice, date(2026, 3, 9), complaint="late delivery")
        add_done_visit(conn, alice, february, date(2026, 2, 28))
        add_done_visit(conn, alice, february, date(2026, 3, 3), minutes=31)
        add_done_visit(conn, alice, client, date(2026, 3, 3), booking="  ")
        add_done_visit(conn, bob, bobs, date(2026, 3, 4))
        add_done_visit(conn, alice, bobs, date(2026, 3, 9), minutes=30)
        # Not counted: planned and cancelled visits, another month, another salesperson.
        add_done_visit(conn, alice, client, date(2026, 3, 10), status="planned")
        add_done_visit(conn, alice, client, date(2026, 3, 11), status="cancelled")
        add_done_visit(conn, alice, client, date(2026, 4, 1))
        add_done_visit(conn, bob, client, date(2026, 3, 12))
        add_done_visit(conn, alice, client, date(2026, 3, 13))
        add_done_visit(conn, alice, client, date(2026, 3, 17))
        # Reports: 2 Mar on time; 3 Mar on time by its first hand-in (stored after a late
        # re-submission); 9 Mar late; 13 Mar missing; 17 Mar pending (due 18 Mar 09:00, now 08:00).
        submit_day(conn, alice, date(2026, 3, 2), datetime(2026, 3, 3, 8, 55))
        submit_day(conn, alice, date(2026, 3, 3), datetime(2026, 3, 4, 9, 30))
        submit_day(conn, alice, date(2026, 3, 3), datetime(2026, 3, 3, 18, 0))
        submit_day(conn, alice, date(2026, 3, 9), datetime(2026, 3, 10, 11, 0))
        submit_day(conn, alice, date(2026, 3, 10), datetime(2026, 3, 10, 18, 0))  # no visits
    return store


def test_distinct_customers_versus_visits(history):
    q = figures(history)
    assert q.visits == 8  # 2 + 2 + 2 + 1 + 1 completed visits in March
    assert q.visited == 5  # fresh, twice, february, client, bob's find
    by_visits = figures(history, config=Config.model_validate({"quota": {"unit": "visits"}}))
    assert (by_visits.unit, by_visits.visited, by_visits.visits) == ("visits", 8, 8)


def test_new_customers_follow_the_first_visit_ever(history):
    # fresh + twice (once) + bob's find (first visited by bob in March);
    # not the February prospect, not the client.
    assert figures(history).new_visited == 3
    assert figures(history, "bob").new_visited == 1
    # In February the February prospect was new.
    assert figures(history, month=Month(2026, 2)).new_visited == 1


def test_client_is_never_new_even_on_a_first_visit(store):
    with store.write() as conn:
        alice = add_rep(conn, "alice")
        add_done_visit(conn, alice, add_customer(conn, "Client", status="client"), date(2026, 3, 5))
    q = figures(store)
    assert (q.visited, q.new_visited) == (1, 0)


def test_over_time_bookings_and_complaints(history):
    q = figures(history)
    assert q.over_time_visits == 2  # 45 and 31 minutes; exactly 30 is not over
    assert (q.bookings, q.complaints) == (1, 1)  # a blank booking is no booking
    strict = figures(history, config=Config.model_validate({"visit": {"max_minutes": 25}}))
    assert strict.over_time_visits == 3


def test_daily_reports_from_the_first_hand_in(history):
    q = figures(history)
    assert q.report_counts() == {"days": 5, "on_time": 2, "late": 1, "missing": 1, "pending": 1}
    statuses = {r.day.day: r.status for r in q.reports}
    assert statuses == {2: "on_time", 3: "on_time", 9: "late", 13: "missing", 17: "pending"}
    late = q.days_with("late")[0]
    assert late.submitted_at == datetime(2026, 3, 10, 11, 0)


def test_late_hand_in(store):
    with store.write() as conn:
        alice = add_rep(conn, "alice")
        add_done_visit(conn, alice, add_customer(conn, "Acme"), date(2026, 3, 6))  # Friday
        submit_day(conn, alice, date(2026, 3, 6), datetime(2026, 3, 9, 9, 1))  # Monday 09:01
    (report,) = figures(store).reports
    assert (report.status, report.deadline) == ("late", datetime(2026, 3, 9, 9, 0))


def test_chart_series_splits_new_and_known(history):
    q = figures(history)
    by_day = {p.day.day: (p.new, p.known) for p in q.series if p.visits}
    # 2 Mar: fresh and twice first visited; 9 Mar: twice again and bob's find (bob was first).
    assert by_day == {2: (2, 0), 3: (0, 2), 9: (0, 2), 13: (0, 1), 17: (0, 1)}


def test_unknown_salesperson_has_targets_and_zero_progress(history):
    q = figures(history, "zoe")
    assert (q.visited, q.new_visited, q.visits, q.target, q.new_target) == (0, 0, 0, 120, 40)
    assert q.reports == ()


def test_holidays_and_make_up_days_in_a_chinese_month(store):
    config = Config.model_validate({"calendar": {"country": "CN"}})
    with store.write() as conn:
        alice = add_rep(conn, "alice")
        acme = add_customer(conn, "Acme")
        add_done_visit(conn, alice, acme, date(2026, 9, 30))  # due 8 Oct 09:00, after the holiday
        add_done_visit(conn, alice, acme, date(2026, 10, 10))  # a make-up Saturday
        submit_day(conn, alice, date(2026, 9, 30), datetime(2026, 10, 8, 8, 59))
    october = figures(
        store, config=config, month=Month(2026, 10), now=datetime(2026, 10, 12, 10, 0),
    )  # fmt: skip
    assert (october.working_days, october.working_days_left) == (18, 15)
    assert october.report_counts()["missing"] == 1  # 10 Oct: due Mon 12 Oct 09:00
    assert next(p for p in october.series if p.day == date(2026, 10, 10)).working
    september = figures(
        store, config=config, month=Month(2026, 9), now=datetime(2026, 10, 12, 10, 0),
    )  # fmt: skip
    assert september.report_counts()["on_time"] == 1 and september.working_days_left == 0
    assert september.new_visited == 1 and october.new_visited == 0


def test_team_lists_every_rep_sorted_by_progress(history):
    config = Config.model_validate({"quota": {"target": 4, "new_share": "1/2"}})
    with history.write() as conn:
        add_rep(conn, "carol")  # no visits at all
    team = team_quota(Work.of(history, "alice", NOW, config), MARCH)
    assert [(q.rep, q.visited, q.new_visited, q.met) for q in team] == [
        ("alice", 5, 3, True),
        ("bob", 2, 1, False),
        ("carol", 0, 0, False),
    ]


def test_month_counts_by_rep_agrees_with_month_counts(history):
    with history.read() as conn:
        together = month_counts_by_rep(conn, MARCH)
        for rep_id, counts in together.items():
            assert month_counts(conn, rep_id, MARCH) == counts
        assert month_counts_by_rep(conn, MARCH, []) == {}
    assert len(together) == 2
