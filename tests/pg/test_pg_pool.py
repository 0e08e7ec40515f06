"""The public pool in team mode, through real logins: pool customers visible to everyone (not
the former owner's private fields), claims atomic and limited in the database itself, releases
made by the database on the date rule (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

pytestmark = pytest.mark.postgres

OWNER = "sv_pool_owner"
MANAGER = "Wang Li"
SALES = [f"Sales {n}" for n in range(10)]


@pytest.fixture
def team(make_pg_db, cli, monkeypatch):
    """A manager, ten salespeople and 李娜; five customers the manager gave back to the pool
    and 李娜's 上海华美 (with a phone and a note); the team's claim limit is 3."""
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    assert cli("rep", "add", MANAGER, "--manager").exit_code == 0
    for name in ("李娜", *SALES):
        assert cli("--rep", MANAGER, "rep", "add", name).exit_code == 0
    for number in range(5):
        name = f"Pool {number}"
        assert cli("--rep", MANAGER, "customer", "add", name).exit_code == 0
        given = cli("--rep", MANAGER, "customer", "release", name, "--reason", "for the team")
        assert given.exit_code == 0, given.stderr
    added = cli("--rep", "李娜", "customer", "add", "上海华美", "--phone", "021 5555 0101",
                "--note", "pays late")  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert cli("config", "set", "pool.claim_limit", "3").exit_code == 0
    roles = {m["rep"]: m["role"] for m in cli("team", "init", "--yes", "--json").json()["members"]}
    with db.connect(OWNER) as conn:
        reps = dict(conn.execute("SELECT name, id FROM rep").fetchall())
        ids = dict(conn.execute("SELECT name, id FROM customer").fetchall())
    return db, roles, reps, ids


def _as(monkeypatch, db, roles, name):
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles[name]))
    monkeypatch.setenv("SALESVISIT_REP", name)


def test_ten_salespeople_claiming_the_same_five_customers_at_once(team):
    db, roles, _reps, _ids = team
    refs = ["Pool 0", "Pool 1", "Pool 2"]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "salesvisit_cli", "--db", db.url_for(roles[name]), "--rep",
             name, "customer", "claim", *refs],
            env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for name in SALES
    ]  # fmt: skip
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    winners = [name for name, (code, _) in zip(SALES, outcomes, strict=True) if code == 0]
    assert len(winners) == 1, outcomes
    # the others no longer see it (it is the winner's now)
    assert all("someone may have claimed it" in err for code, err in outcomes if code), outcomes
    with db.connect(OWNER) as conn:
        owners = conn.execute(
            "SELECT r.name, count(*) FROM customer c JOIN rep r ON r.id = c.owner_id "
            "WHERE c.name LIKE 'Pool %' GROUP BY r.name"
        ).fetchall()
        claims = conn.execute(
            "SELECT count(*) FROM customer_log WHERE event = 'claimed'"
        ).fetchone()[0]
    assert owners == [(winners[0], 3)] and claims == 3


def test_the_claim_limit_and_the_owner_hold_against_raw_sql(team):
    db, roles, reps, ids = team
    me = reps["Sales 0"]
    with db.connect(roles["Sales 0"], autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE customer SET owner_id = %s WHERE id = %s", [me, ids["Pool 0"]])
        for name in ("Pool 0", "Pool 1", "Pool 2"):
            conn.execute("SELECT salesvisit_claim(%s)", [ids[name]])
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="claim_limit"):
            conn.execute("SELECT salesvisit_claim(%s)", [ids["Pool 3"]])
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not in the pool"):
            conn.execute("SELECT salesvisit_claim(%s)", [ids["上海华美"]])
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not yours"):
            conn.execute("SELECT salesvisit_release(%s, 'mine now')", [ids["上海华美"]])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE customer SET owner_id = NULL WHERE id = %s", [ids["上海华美"]])
    with db.connect(OWNER) as conn:
        assert (
            conn.execute("SELECT count(*) FROM customer WHERE owner_id = %s", [me]).fetchone()[0]
            == 3
        )
        assert (
            conn.execute(
                "SELECT owner_id FROM customer WHERE id = %s", [ids["上海华美"]]
            ).fetchone()[0]
            == reps["李娜"]
        )


def test_a_released_customer_is_everyones_to_see_but_its_notes_are_gone(team, cli, monkeypatch):
    db, roles, _reps, ids = team
    _as(monkeypatch, db, roles, "李娜")
    given = cli("customer", "release", "上海华美", "--reason", "moved to Suzhou")
    assert given.exit_code == 0, given.stderr
    again = cli("customer", "claim", "上海华美")  # within pool.reclaim_days
    assert again.exit_code == 1 and "claim it again" in again.stderr
    with db.connect(roles["李娜"], autocommit=True) as conn:
        assert conn.execute("SELECT phone, note FROM customer_private").fetchall() == []
    _as(monkeypatch, db, roles, "Sales 1")
    pooled = {e["name"]: e for e in cli("customer", "pool", "--json").json()}
    assert pooled["上海华美"]["released_from"] == "李娜"
    assert set(pooled) == {"上海华美", *(f"Pool {n}" for n in range(5))}
    with db.connect(roles["Sales 1"], autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT phone FROM customer WHERE id = %s", [ids["上海华美"]])
        assert (
            conn.execute(
                "SELECT phone FROM customer_private WHERE id = %s", [ids["上海华美"]]
            ).fetchall()
            == []
        )
    taken = cli("customer", "claim", "上海华美", "--json")
    assert taken.exit_code == 0, taken.stderr
    assert taken.json()[0]["owner"] == "Sales 1" and taken.json()[0]["phone"] == "021 5555 0101"
    log = cli("customer", "log", "上海华美", "--json").json()
    assert [(e["event"], e["by"], e["reason"]) for e in log[-2:]] == [
        ("released", "李娜", "moved to Suzhou"),
        ("claimed", "Sales 1", None),
    ]


def test_the_database_releases_by_the_rule_whoever_runs_a_command(team, cli, monkeypatch):
    db, roles, _reps, ids = team
    with db.connect(OWNER) as conn:
        conn.execute("UPDATE meta SET value = '60' WHERE key = 'pool.release_days'")
        conn.execute(
            "UPDATE customer SET created_at = localtimestamp - interval '100 days' WHERE id = %s",
            [ids["上海华美"]],
        )
        conn.execute("UPDATE customer_log SET at = localtimestamp - interval '100 days'")
        conn.commit()
    _as(monkeypatch, db, roles, "Sales 2")  # any salesperson's first command of the day
    pooled = {e["name"]: e for e in cli("customer", "pool", "--json").json()}
    assert pooled["上海华美"]["released_from"] == "李娜"
    with db.connect(OWNER) as conn:
        at, by, reason, expected = conn.execute(
            "SELECT l.at, l.by_id, l.reason, (c.created_at::date + 61)::timestamp "
            "FROM customer_log l JOIN customer c ON c.id = l.customer_id "
            "WHERE l.customer_id = %s AND l.event = 'released'",
            [ids["上海华美"]],
        ).fetchone()
    assert (at, by, reason) == (expected, None, "no visit for 60 days")
    with db.connect(roles["Sales 2"], autocommit=True) as conn:  # once a day
        assert conn.execute("SELECT salesvisit_release_due()").fetchone()[0] == 0


def test_a_visit_to_a_pool_customer_takes_it_one_to_a_claimed_customer_is_a_conflict(
    team, cli, monkeypatch
):
    db, roles, _reps, _ids = team
    _as(monkeypatch, db, roles, "Sales 3")
    report = ("visit", "report", "--date", "yesterday", "--start", "10:00", "--minutes", "20",
              "--notes", "met the buyer", "--json")  # fmt: skip
    taken = cli(*report[:2], "--customer", "Pool 4", *report[2:])
    assert taken.exit_code == 0, taken.stderr
    assert taken.json()["conflict"] is False
    with db.connect(OWNER) as conn:
        owner = conn.execute(
            "SELECT r.name FROM customer c JOIN rep r ON r.id = c.owner_id WHERE c.name = 'Pool 4'"
        ).fetchone()[0]
    assert owner == "Sales 3"
