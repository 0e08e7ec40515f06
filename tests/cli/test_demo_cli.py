"""`demo`: a consistent, deterministic history ending yesterday, and a plan for today."""

import os
import sqlite3
from datetime import date

import pytest

TODAY = "2026-11-26"


def rows(query, path=None):
    with sqlite3.connect(path or os.environ["SALESVISIT_DB"]) as conn:
        return conn.execute(query).fetchall()


@pytest.fixture
def demo(cli, clock):
    clock(f"{TODAY} 07:30")
    built = cli("demo", "--customers", "120", "--months", "1", "--seed", "3")
    assert built.exit_code == 0, built.stderr
    return built


def test_history_ends_yesterday_and_today_is_planned(demo):
    ((first, last),) = rows("SELECT min(date), max(date) FROM visit WHERE status = 'done'")
    assert first >= "2026-10-26" and last == "2026-11-25"
    per_day = rows("SELECT count(*) FROM visit WHERE status = 'done' GROUP BY date")
    assert len(per_day) >= 18 and all(4 <= n <= 9 for (n,) in per_day)
    ((planned_today,),) = rows(
        f"SELECT count(*) FROM visit WHERE status='planned' AND date='{TODAY}'"
    )
    assert 5 <= planned_today <= 8
    ((tomorrow,),) = rows("SELECT count(*) FROM visit WHERE status='planned' AND date='2026-11-27'")
    assert tomorrow >= 2
    ((timed,),) = rows(f"SELECT count(*) FROM visit WHERE date='{TODAY}' AND at IS NOT NULL")
    assert timed >= 1
    done_today = "SELECT count(*) FROM visit WHERE status = 'done' AND date >= '2026-11-26'"
    assert rows(done_today) == [(0,)]


def test_outcomes_followups_and_hand_ins_are_all_there(demo):
    ((done, prospects, bookings, complaints, over),) = rows(
        "SELECT count(*), sum(as_prospect), sum(booking IS NOT NULL), "
        "sum(complaint IS NOT NULL), sum(minutes > 30) FROM visit WHERE status = 'done'"
    )
    assert 0.2 < prospects / done < 0.45
    assert bookings and complaints and over
    ((total, open_),) = rows("SELECT count(*), sum(done_at IS NULL) FROM followup")
    assert 0 < open_ < total
    # call / other: today's returning customers at the front desk (reception walkin / call)
    assert {k for (k,) in rows("SELECT DISTINCT kind FROM followup")} == {
        "booking", "complaint", "thanks", "call", "other"
    }  # fmt: skip
    # Every past working day with visits but the last is handed in on time, late or missing.
    states = [
        (day, submitted)
        for day, submitted in rows(
            "SELECT v.date, min(s.submitted_at) FROM visit v LEFT JOIN daily_submission s "
            "ON s.date = v.date AND s.rep_id = v.rep_id WHERE v.status = 'done' GROUP BY v.date"
        )
    ]
    assert any(s is None for _, s in states) and sum(s is not None for _, s in states) > 10


def test_statuses_seen_through_daily(cli, demo):
    days = [d for (d,) in rows("SELECT DISTINCT date FROM visit WHERE status='done' ORDER BY 1")]
    statuses = {cli("--rep", "demo", "daily", d, "--json").json()["status"] for d in days}
    assert {"on_time", "late", "missing"} <= statuses


def test_first_visit_facts_match_the_visits(demo):
    mismatched = rows(
        "SELECT c.id FROM customer c LEFT JOIN ("
        "  SELECT customer_id, min(date) AS first FROM visit WHERE status='done' "
        "  GROUP BY customer_id) f ON f.customer_id = c.id "
        "WHERE coalesce(c.first_visit_on, '') != coalesce(f.first, '')"
    )
    assert mismatched == []
    # Booked prospects became clients on the visit day.
    converted = rows(
        "SELECT count(*) FROM visit v JOIN customer c ON c.id = v.customer_id "
        "WHERE v.status='done' AND v.as_prospect AND v.booking IS NOT NULL "
        "AND (c.status != 'client' OR c.client_since > v.date)"
    )
    assert converted == [(0,)]


def test_same_seed_same_data(cli, demo, tmp_path):
    other = tmp_path / "again.db"
    assert cli("--db", str(other), "demo", "--customers", "120", "--months", "1",
               "--seed", "3").exit_code == 0  # fmt: skip
    query = "SELECT customer_id, date, start, minutes, booking FROM visit ORDER BY id"
    assert rows(query) == rows(query, other)
    assert date.fromisoformat(rows("SELECT max(date) FROM visit")[0][0]) > date(2026, 11, 26)


def test_refuses_a_database_with_customers(cli, demo):
    again = cli("demo")
    assert again.exit_code == 1 and "already has customers" in again.stderr


def test_uses_the_configured_calendar_and_call_length(cli, clock):
    clock(f"{TODAY} 07:30")
    assert cli("config", "set", "visit.max_minutes", "60").exit_code == 0
    assert cli("config", "set", "calendar.extra_holidays", "2026-11-11,2026-11-12").exit_code == 0
    built = cli("demo", "--customers", "120", "--months", "1", "--seed", "3")
    assert built.exit_code == 0, built.stderr
    holidays = "SELECT count(*) FROM visit WHERE date IN ('2026-11-11', '2026-11-12')"
    assert rows(holidays) == [(0,)]
    ((normal, over),) = rows(
        "SELECT sum(minutes BETWEEN 31 AND 60), sum(minutes > 60) FROM visit WHERE status='done'"
    )
    assert normal > 0 and over > 0


def test_a_large_team_history(cli, clock, tmp_path):
    """Several salespeople: everyone has a history, ids and first visits stay consistent."""
    clock(f"{TODAY} 07:30")
    built = cli("demo", "--reps", "4", "--customers", "400", "--months", "3", "--seed", "5")
    assert built.exit_code == 0, built.stderr
    per_rep = rows("SELECT rep_id, count(*) FROM visit WHERE status='done' GROUP BY rep_id")
    assert len(per_rep) == 4 and all(n > 200 for _, n in per_rep)
    assert rows("PRAGMA foreign_key_check") == []
    assert rows("PRAGMA integrity_check") == [("ok",)]
    mismatched = rows(
        "SELECT count(*) FROM customer c WHERE coalesce(c.first_visit_on, '') != coalesce(("
        "SELECT min(date) FROM visit v WHERE v.customer_id = c.id AND v.status = 'done'), '')"
    )
    assert mismatched == [(0,)]
    # New prospects keep arriving: the history's last month still has first visits.
    ((fresh,),) = rows(
        "SELECT count(*) FROM customer WHERE first_visit_as_prospect AND first_visit_on >= "
        "'2026-10-26'"
    )
    assert fresh > 0


def test_demo_takes_its_own_db_option(cli, clock, tmp_path):
    """Issues and the README write `salesvisit demo --db PATH`; the root --db works too."""
    clock(f"{TODAY} 07:30")
    target = tmp_path / "own.db"
    built = cli("demo", "--db", target, "--customers", "40", "--months", "1")
    assert built.exit_code == 0, built.stderr
    # 40 in the file, and the 5 new visitors the front desk registered this morning
    assert rows("SELECT count(*) FROM customer", target) == [(45,)]
    assert not os.path.exists(os.environ["SALESVISIT_DB"])


def test_the_front_desk_registered_this_mornings_walk_ins_and_calls(demo, cli):
    """The demo's reception day: five new visitors and two returning customers, each new one
    to the salesperson on duty, each returning one to its owner (the demo has one: `demo`)."""
    figures = cli("--rep", "desk", "reception", "--json").json()
    assert {k: figures[k] for k in ("walkins", "new_walkins", "calls", "new_calls")} == {
        "walkins": 4, "new_walkins": 3, "calls": 3, "new_calls": 2,
    }  # fmt: skip
    assert figures["by_rep"] == [{"rep": "demo", "walkins": 4, "calls": 3, "new": 5}]
    assert all(e["at"] < f"{TODAY}T07:30" for e in figures["entries"])
    assert cli("duty", "--json").json()["group"] == ["demo"]
