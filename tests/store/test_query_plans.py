"""Day- and month-scoped commands read through indexes, never by scanning the history.

Every SELECT the commands issue is captured and put through SQLite's EXPLAIN QUERY PLAN: a
`SCAN` of visit, followup, daily_submission or customer (a walk over the whole table or a whole
index) would make the command slower as the history grows. Not timed: the plan is the proof.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from salesvisit_cli.services.context import Work
from salesvisit_cli.services.demo import DemoSpec, build
from salesvisit_cli.store.engine import open_store

GROWING = ("visit", "followup", "daily_submission", "customer", "carry_check", "visit_prep",
           "customer_log")  # fmt: skip
TODAY = "2026-11-26"


@pytest.fixture
def demo_db(clock):
    clock(f"{TODAY} 08:00")
    store = open_store(os.environ["SALESVISIT_DB"])
    try:
        build(
            Work.of(store, "demo", datetime(2026, 11, 26, 8, 0)),
            DemoSpec(seed=5, reps=3, customers=300, months=3),
        )
    finally:
        store.close()
    return os.environ["SALESVISIT_DB"]


@pytest.fixture
def captured():
    statements: list[tuple[str, tuple]] = []

    def record(_conn, _cursor, statement, parameters, _context, executemany):
        if not executemany and statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, tuple(parameters or ())))

    event.listen(Engine, "before_cursor_execute", record)
    yield statements
    event.remove(Engine, "before_cursor_execute", record)


def _scans(db: str, statements) -> list[str]:
    found = []
    with sqlite3.connect(db) as connection:
        for statement, parameters in statements:
            if "sqlite_master" in statement or "PRAGMA" in statement.upper():
                continue
            for row in connection.execute("EXPLAIN QUERY PLAN " + statement, parameters):
                detail = row[-1]
                match = re.match(r"SCAN (\w+)", detail)
                if match and match[1] in GROWING:
                    found.append(f"{detail}  <-  {' '.join(statement.split())[:300]}")
    return found


@pytest.mark.parametrize(
    "args",
    [
        ("visit", "plan"),
        ("visit", "plan", "--date", "2026-11-20"),
        ("followup",),
        ("daily",),
        ("daily", "2026-11-20"),
        ("quota",),
        ("quota", "--month", "2026-10"),
        ("quota", "--team"),
        ("daily", "--team"),
        ("followup", "--team"),
        ("customer", "show", "1"),
        ("visit", "list", "--from", "2026-11-02", "--to", "2026-11-06"),
        ("customer", "pool"),
        ("customer", "list", "--due"),
    ],
    ids=lambda args: " ".join(args),
)
def test_reads_use_indexes(cli, demo_db, captured, args):
    ran = cli("--rep", "demo", *args, "--json")
    assert ran.exit_code == 0, ran.stderr
    assert captured, "the capture works"
    assert _scans(demo_db, captured) == []


@pytest.mark.parametrize(
    "args",
    [("customer", "pool"), ("customer", "list", "--due"), ("visit", "plan")],
    ids=lambda args: " ".join(args),
)
def test_the_pool_rule_reads_through_indexes(cli, demo_db, captured, args):
    """With `pool.release_days` on: the briefing's `releasing` too. The day's releases are the
    exception: the first command of a day reads every owned customer once (the rule is about
    what did not happen to each), then nothing does until the next day."""
    assert cli("config", "set", "pool.release_days", "60").exit_code == 0
    assert cli("--rep", "demo", "customer", "pool", "--json").exit_code == 0  # the day's releases
    captured.clear()
    ran = cli("--rep", "demo", *args, "--json")
    assert ran.exit_code == 0, ran.stderr
    assert _scans(demo_db, captured) == []


def test_a_report_writes_through_indexes(cli, demo_db, captured):
    ran = cli("--rep", "demo", "visit", "report", "--customer", "1", "--start", "07:00",
              "--minutes", "20", "--notes", "met the buyer")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert _scans(demo_db, captured) == []


def test_the_check_would_see_a_scan(demo_db):
    """Guard against a vacuous pass: a search on an unindexed column is a scan."""
    statement = "SELECT count(*) FROM visit WHERE notes = ?"
    assert _scans(demo_db, [(statement, ("x",))])


@pytest.mark.parametrize("team", [(), ("--team",)], ids=["own", "team"])
def test_the_month_workbook_reads_through_indexes(cli, demo_db, captured, tmp_path, team):
    """`report month --xlsx` reads the month's visits, follow-ups and hand-ins, not the history."""
    ran = cli("--rep", "demo", "report", "month", *team, "--xlsx", tmp_path / "month.xlsx")
    assert ran.exit_code == 0, ran.stderr
    assert _scans(demo_db, captured) == []


def _indexes_used(db: str, statements) -> set[str]:
    used = set()
    with sqlite3.connect(db) as connection:
        for statement, parameters in statements:
            for row in connection.execute("EXPLAIN QUERY PLAN " + statement, parameters):
                used.update(re.findall(r"USING (?:COVERING )?INDEX (\w+)", row[-1]))
    return used


@pytest.mark.parametrize(
    "args",
    [("visit", "plan"), ("followup",), ("followup", "--all"), ("customer", "show", "1")],
    ids=lambda args: " ".join(args),
)
def test_a_salespersons_follow_ups_are_not_read_through_the_teams(cli, demo_db, captured, args):
    """SQLite plans without statistics and would take the team's open follow-ups (done_at,
    due) for one salesperson's or customer's: `store.planner.unindexed` keeps it off."""
    ran = cli("--rep", "demo", *args, "--json")
    assert ran.exit_code == 0, ran.stderr
    used = _indexes_used(demo_db, captured)
    assert "ix_followup_open_due" not in used
    assert used & {"ix_followup_rep_due_done", "ix_followup_customer_id"}
