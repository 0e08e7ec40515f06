"""`salesvisit quota` end to end: JSON shape, --team, months, errors, the plain-text screen."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest

from salesvisit_cli.store.engine import open_store
from tests.factories import add_customer, add_done_visit, add_rep, submit_day

CONTRACT_KEYS = {
    "rep", "month", "unit", "target", "visited", "new_target", "new_visited", "visits",
    "working_days", "working_days_left", "over_time_visits", "reports", "met",
}  # fmt: skip


def build(history) -> None:
    """Run `history(conn)` against the database the CLI will open (SALESVISIT_DB)."""
    store = open_store(os.environ["SALESVISIT_DB"])
    try:
        with store.write() as conn:
            history(conn)
    finally:
        store.close()


def configure(text: str) -> None:
    Path(os.environ["SALESVISIT_CONFIG"]).write_text(text, encoding="utf-8")


@pytest.fixture
def march(clock):
    """alice and bob in March 2026; today is Wednesday 18 March, 08:00."""
    clock("2026-03-18 08:00")

    def history(conn):
        alice, bob = add_rep(conn, "alice"), add_rep(conn, "bob")
        old = add_customer(conn, "Old Client", status="client")
        fresh = add_customer(conn, "Fresh Prospect")
        other = add_customer(conn, "Other Prospect")
        add_done_visit(conn, alice, fresh, date(2026, 3, 2), booking="20 boxes")
        add_done_visit(conn, alice, old, date(2026, 3, 2), start="11:00", minutes=50)
        add_done_visit(conn, alice, old, date(2026, 3, 9), complaint="wrong colour")
        add_done_visit(conn, alice, fresh, date(2026, 3, 17))
        add_done_visit(conn, bob, other, date(2026, 3, 3))
        add_done_visit(conn, bob, old, date(2026, 3, 4))
        add_done_visit(conn, bob, fresh, date(2026, 3, 5))
        submit_day(conn, alice, date(2026, 3, 2), datetime(2026, 3, 3, 8, 30))
        submit_day(conn, alice, date(2026, 3, 9), datetime(2026, 3, 10, 9, 45))

    build(history)


def test_json_has_the_contract_shape(cli, march):
    ran = cli("quota", "--json")
    assert ran.exit_code == 0, ran.stderr
    data = ran.json()
    assert set(data) >= CONTRACT_KEYS
    assert {k: data[k] for k in ("rep", "month", "unit", "target", "new_target")} == {
        "rep": "alice", "month": "2026-03", "unit": "customers", "target": 120, "new_target": 40,
    }  # fmt: skip
    assert (data["visited"], data["new_visited"], data["visits"]) == (2, 1, 4)
    assert (data["working_days"], data["working_days_left"]) == (22, 10)
    assert data["over_time_visits"] == 1 and data["met"] is False
    assert data["reports"] == {"days": 3, "on_time": 1, "late": 1, "missing": 0, "pending": 1}
    assert (data["bookings"], data["complaints"], data["status"]) == (1, 1, "at risk")


def test_unit_visits_and_a_small_target_from_the_config(cli, march):
    configure('[quota]\ntarget = 4\nnew_share = "1/4"\nunit = "visits"\n')
    data = cli("quota", "--json").json()
    assert (data["unit"], data["visited"], data["target"], data["new_target"]) == (
        "visits", 4, 4, 1
    )  # fmt: skip
    assert data["met"] is True and data["status"] == "met"


def test_team_json_lists_every_rep_sorted_by_progress(cli, march):
    build(lambda conn: add_rep(conn, "carol"))
    team = cli("quota", "--team", "--json").json()
    assert [q["rep"] for q in team] == ["bob", "alice", "carol"]  # bob: 3 customers, 2 new
    assert all(set(q) >= CONTRACT_KEYS for q in team)
    assert [q["visited"] for q in team] == [3, 2, 0]


def test_past_and_future_months(cli, march):
    past = cli("quota", "--month", "2026-02", "--json").json()
    assert (past["month"], past["visited"], past["working_days_left"]) == ("2026-02", 0, 0)
    assert past["status"] == "missed"
    future = cli("quota", "--month", "2026-05", "--json").json()
    assert (future["visited"], future["new_visited"], future["target"]) == (0, 0, 120)
    assert future["working_days_left"] == future["working_days"] == 21
    assert future["status"] == "upcoming"


def test_a_salesperson_without_any_data_sees_targets(cli, clock):
    clock("2026-03-18 10:00")
    data = cli("--rep", "newbie", "quota", "--json").json()
    assert (data["rep"], data["visited"], data["target"], data["reports"]["days"]) == (
        "newbie", 0, 120, 0
    )  # fmt: skip


def test_chinese_calendar_month(cli, clock):
    clock("2026-10-09 12:00")
    configure('[calendar]\ncountry = "CN"\n')
    data = cli("quota", "--json").json()
    assert (data["working_days"], data["working_days_left"]) == (18, 17)


@pytest.mark.parametrize("month", ["2026-13", "13-2026", "2026-1", "March"])
def test_invalid_month_is_an_error(cli, clock, month):
    clock("2026-03-18 10:00")
    ran = cli("quota", "--month", month)
    assert ran.exit_code == 1
    assert ran.stderr.startswith("Error: invalid month") and ran.stdout == ""
    assert "Traceback" not in ran.stderr


def test_plain_text_screen_shows_bars_chart_and_reports(cli, march):
    ran = cli("quota")
    assert ran.exit_code == 0, ran.stderr
    text = ran.stdout
    assert "\x1b[" not in text  # NO_COLOR: no escape sequences
    lines = text.splitlines()
    assert lines[0] == "alice · 2026-03 · at risk"
    customers = next(line for line in lines if line.startswith("Customers"))
    assert "2 / 120" in customers and "█" in customers and "░" in customers
    assert "12 a day needed" in customers  # ceil(118 / 10)
    assert any(line.startswith("New ") and "1 / 40" in line for line in lines)
    # The chart: day labels, 2 March has one new (█) and one known (▒) visit stacked.
    days = next(line for line in lines if line.strip().startswith("02 03 04"))
    column = days.index("02")
    bottom = next(line for line in lines if line.startswith("1 │"))
    second = next(line for line in lines if line.startswith("2 │"))
    assert bottom[column : column + 2] == "██" and second[column : column + 2] == "▒▒"
    pace = next(line for line in lines if "┤" in line)
    assert pace.startswith("6 ┤") and "┄" in pace  # ceil(120 / 22) = 6
    assert any("█ new" in line and "▒ known" in line and "┄ pace 5.5" in line for line in lines)
    assert "Late: Mon 2026-03-09 (in Tue 2026-03-10 09:45)" in text
    assert "Pending: Tue 2026-03-17 (due Wed 2026-03-18 09:00)" in text
    assert "Over time (> 30 min): 1 visit(s) · Bookings: 1 · Complaints: 1" in text
    assert max(len(line) for line in lines) <= 120


def test_team_table_in_plain_text(cli, march):
    ran = cli("quota", "--team")
    assert ran.exit_code == 0, ran.stderr
    rows = [line.split() for line in ran.stdout.splitlines()]
    names = [row[0] for row in rows if row and row[0] in ("alice", "bob")]
    assert names == ["bob", "alice"]
    alice = next(row for row in rows if row and row[0] == "alice")
    assert alice[1:3] == ["2/120", "1/40"] and alice[-1] == "no"


def test_help_is_available_without_a_database(cli):
    ran = cli("quota", "--help")
    assert ran.exit_code == 0 and "--month" in ran.stdout and "--team" in ran.stdout
