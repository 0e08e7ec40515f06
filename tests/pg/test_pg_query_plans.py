"""Team queries on PostgreSQL read through indexes, under row-level security.

A small demo team with `team init` logins; every SELECT that the manager's team commands and a
salesperson's own commands issue is captured and put through EXPLAIN by the same login, with
`enable_seqscan` off: the planner then takes an index whenever one can serve the query (on a
small table it would otherwise rightly prefer a scan), so a `Seq Scan` of a growing table
left in the plan means no index can, and the command slows as the history grows.
Not timed: the plan is the proof (`benchmarks/team_pg.py` has the timings).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

pytestmark = pytest.mark.postgres

OWNER = "sv_plans_owner"
GROWING = ("visit", "followup", "daily_submission", "customer", "carry_check", "visit_prep",
           "visit_revision", "customer_log", "reception")  # fmt: skip
MANAGER = "Manager Wang"


@pytest.fixture(scope="module")
def team_db(pg_cluster):
    """A 4-salesperson, 2-month demo team with logins (built once for the module)."""
    from psycopg import sql

    from tests.pg.conftest import Database

    database = Database(pg_cluster, "sv_plans", OWNER)
    with pg_cluster.connect(autocommit=True) as admin:
        before = {row[0] for row in admin.execute("SELECT rolname FROM pg_roles")}
        admin.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE")
        admin.execute(f"CREATE DATABASE sv_plans OWNER {OWNER}")
    yield database, {}
    with pg_cluster.connect(autocommit=True) as admin:
        admin.execute("DROP DATABASE sv_plans WITH (FORCE)")
        for (role,) in admin.execute("SELECT rolname FROM pg_roles").fetchall():
            if role not in before:
                admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


@pytest.fixture
def logins(team_db, cli, clock, monkeypatch):
    """Build the demo team (first test only; the pool's rule on: 60 days); `login(rep)` acts
    through that salesperson's role."""
    database, roles = team_db
    clock("2026-11-26 08:00")
    if not roles:
        monkeypatch.setenv("SALESVISIT_DB", database.url)
        made = cli("demo", "--reps", "4", "--customers", "400", "--months", "2", "--seed", "3")
        assert made.exit_code == 0, made.stderr
        assert cli("rep", "add", MANAGER, "--manager").exit_code == 0
        done = cli("team", "init", "--yes", "--json")
        assert done.exit_code == 0, done.stderr
        roles.update({member["rep"]: member["role"] for member in done.json()["members"]})
        with database.connect(OWNER, autocommit=True) as connection:
            # the pool's rule on: the briefing's `releasing` is read too
            connection.execute("UPDATE meta SET value = '60' WHERE key = 'pool.release_days'")
            connection.execute("ANALYZE")

    def login(rep: str) -> str:
        monkeypatch.setenv("SALESVISIT_DB", database.url_for(roles[rep]))
        monkeypatch.delenv("SALESVISIT_REP", raising=False)
        return roles[rep]

    return login


@pytest.fixture
def captured():
    statements: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, executemany):
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", record)
    yield statements
    event.remove(Engine, "before_cursor_execute", record)


def _scans(database, role: str, statements) -> list[str]:
    """The sequential scans of growing tables in the plans `role` gets for `statements`."""
    found = []
    with database.connect(role) as connection:
        connection.execute("SET enable_seqscan = off")
        for statement, parameters in statements:
            if "pg_catalog" in statement or "current_user" in statement.lower():
                continue
            plan = connection.execute("EXPLAIN " + statement, parameters or None).fetchall()
            for (line,) in plan:
                match = re.search(r"Seq Scan on (\w+)", line)
                if match and match[1] in GROWING:
                    found.append(f"{line.strip()}  <-  {' '.join(statement.split())[:300]}")
    return found


TEAM_COMMANDS = [("quota", "--team"), ("daily", "--team"), ("followup", "--team"),
                 ("customer", "pool")]  # fmt: skip
OWN_COMMANDS = [("visit", "plan"), ("followup",), ("daily",), ("quota",), ("customer", "pool"),
                ("customer", "list", "--due")]  # fmt: skip


@pytest.mark.parametrize(
    ("rep", "args"),
    [(MANAGER, args) for args in TEAM_COMMANDS] + [("demo", args) for args in OWN_COMMANDS],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else value,
)
def test_team_reads_use_indexes(team_db, logins, captured, cli, rep, args):
    role = logins(rep)
    ran = cli(*args, "--json")
    assert ran.exit_code == 0, ran.stderr
    assert captured, "the capture works"
    assert _scans(team_db[0], role, captured) == []


def test_a_report_reads_through_indexes(team_db, logins, captured, cli):
    role = logins("demo")
    ran = cli("visit", "report", "--customer", "1", "--start", "07:00", "--minutes", "20",
              "--notes", "met the buyer")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert _scans(team_db[0], role, captured) == []


def test_the_team_quota_binds_its_salespeople_as_one_array(team_db, logins, captured, cli):
    """`quota --team` asks for every salesperson's month at once: as `rep_id = ANY(array)`,
    one parameter, not an `IN` of one bound parameter per salesperson (`store.id_lists`)."""
    logins(MANAGER)
    ran = cli("quota", "--team", "--json")
    assert ran.exit_code == 0, ran.stderr
    by_rep = [statement for statement, _ in captured if "rep_id = ANY" in statement]
    assert len(by_rep) >= 4
    assert not [statement for statement, _ in captured if re.search(r"rep_id IN \(", statement)]


def test_the_morning_plan_reads_the_teams_pool_rules_without_pydantic(team_db, logins):
    """In team mode the briefing reads the team's pool rules (`meta`, as `team init` wrote
    them; the rule is on here): read as they are, not through the configuration's model,
    whose import (pydantic) cost a salesperson's `visit plan` ~0.15 s, a quarter of the floor."""
    logins("demo")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("_SALESVISIT")}

    def plan() -> set[str]:
        ran = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "salesvisit_cli", "visit", "plan"],
            capture_output=True, text=True, env=environment, timeout=60,
        )  # fmt: skip
        assert ran.returncode == 0, ran.stderr[-2000:]
        return {line.rsplit("|", 1)[1].strip() for line in ran.stderr.splitlines() if "|" in line}

    plan()  # validates the (default) configuration once
    modules = plan()
    assert "psycopg" in modules and "salesvisit_cli.services.pool" in modules
    assert "pydantic" not in modules


def test_the_check_would_see_a_scan(team_db, logins):
    """Guard against a vacuous pass: a search on an unindexed column is a scan (as the owner:
    a salesperson's policy alone would take the (rep_id, date) index)."""
    statement = "SELECT count(*) FROM visit WHERE notes = %(notes)s"
    assert _scans(team_db[0], OWNER, [(statement, {"notes": "x"})])
