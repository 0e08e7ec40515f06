"""The public pool in team mode, through real logins: pool customers visible to everyone (not
the former owner's private fields), claims atomic and limited in the database itself, releases
made by the database on the date rule (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter

import psycopg
import pytest

pytestmark = pytest.mark.postgres

OWNER = "sv_pool_owner"
MANAGER = "Wang Li"
SALES = [f"Sales {n}" for n in range(10)]
DESK = "Xiao Chen"  # the front desk


@pytest.fixture
def team(make_pg_db, cli, monkeypatch):
    """A manager, ten salespeople, 李娜 and a front-desk login; five customers the manager gave
    back to the pool and 李娜's 上海华美 (with a phone and a note); the team's claim limit is 3."""
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    assert cli("rep", "add", MANAGER, "--manager").exit_code == 0
    for name in ("李娜", *SALES):
        assert cli("--rep", MANAGER, "rep", "add", name).exit_code == 0
    assert cli("--rep", MANAGER, "rep", "add", DESK, "--reception").exit_code == 0
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
    with db.connect(OWNER) as conn:  # each may take all five: the race decides, not the limit
        conn.execute("UPDATE meta SET value = '5' WHERE key = 'pool.claim_limit'")
        conn.commit()
    pooled = [f"Pool {n}" for n in range(5)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "salesvisit_cli", "--db", db.url_for(roles[name]), "--rep",
             name, "customer", "claim", *pooled[turn:], *pooled[:turn]],
            env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for turn, name in enumerate(SALES)
    ]  # fmt: skip
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    winners = [name for name, (code, _) in zip(SALES, outcomes, strict=True) if code == 0]
    assert len(winners) == 1, outcomes  # a claim is all or nothing
    # the others no longer see it (it is the winner's now)
    assert all("someone may have claimed it" in err for code, err in outcomes if code), outcomes
    assert _owners(db) == {name: winners[0] for name in pooled}
    assert _claims(db) == 5


def test_ten_logins_racing_for_five_customers_in_raw_sql(team):
    """No lock of the tool in between: ten logins call the claim function at the same moment,
    each for the five customers in its own order; each customer gets exactly one owner, nobody
    more than the limit (3)."""
    db, roles, _reps, ids = team
    pooled = [ids[f"Pool {n}"] for n in range(5)]
    start = threading.Barrier(len(SALES))
    refused: list[str] = []

    def race(turn: int, name: str) -> None:
        with db.connect(roles[name], autocommit=True) as conn:
            start.wait(timeout=60)
            for target in pooled[turn % 5 :] + pooled[: turn % 5]:
                try:
                    conn.execute("SELECT salesvisit_claim(%s)", [target])
                except psycopg.errors.InsufficientPrivilege as error:
                    refused.append(str(error).splitlines()[0])

    threads = [threading.Thread(target=race, args=pair) for pair in enumerate(SALES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    owners = _owners(db)
    assert sorted(owners) == [f"Pool {n}" for n in range(5)]
    assert max(Counter(owners.values()).values()) <= 3
    assert _claims(db) == 5 and len(refused) == len(SALES) * 5 - 5
    assert all("not in the pool" in why or "pool.claim_limit" in why for why in refused), refused


def _owners(db) -> dict[str, str]:
    """Each pool customer's owner now (name → salesperson), as the table owner sees it."""
    with db.connect(OWNER) as conn:
        return dict(
            conn.execute(
                "SELECT c.name, r.name FROM customer c JOIN rep r ON r.id = c.owner_id "
                "WHERE c.name LIKE 'Pool %'"
            ).fetchall()
        )


def _claims(db) -> int:
    with db.connect(OWNER) as conn:
        return conn.execute("SELECT count(*) FROM customer_log WHERE event = 'claimed'").fetchone()[
            0
        ]


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


def test_the_limit_holds_for_every_change_of_owner_but_not_for_a_new_customer(
    team, cli, monkeypatch
):
    """Sales 0 owns 3, the limit: a manager's assignment is refused with SQLite's error, and so
    is the manager login's raw UPDATE (one row or several); a customer Sales 0 adds or first
    visits is theirs all the same, as is a pool customer the front desk hands them (R8)."""
    db, roles, reps, ids = team
    me = reps["Sales 0"]
    with db.connect(roles["Sales 0"], autocommit=True) as conn:
        for name in ("Pool 0", "Pool 1", "Pool 2"):
            conn.execute("SELECT salesvisit_claim(%s)", [ids[name]])
    _as(monkeypatch, db, roles, MANAGER)
    refused = cli("customer", "assign", "上海华美", "Sales 0")
    assert refused.exit_code == 1
    assert "Sales 0 already owns 3 customers, the most one may own (pool.claim_limit)" in (
        refused.stderr
    )
    edited = cli("customer", "edit", "上海华美", "--owner", "Sales 0")
    assert edited.exit_code == 1 and "pool.claim_limit" in edited.stderr
    with db.connect(roles[MANAGER], autocommit=True) as conn:
        for statement, target in (
            ("UPDATE customer SET owner_id = %s WHERE id = %s", ids["上海华美"]),
            (
                "UPDATE customer SET owner_id = %s WHERE id = ANY(%s)",
                [ids["Pool 3"], ids["Pool 4"]],
            ),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=r"pool\.claim_limit"):
                conn.execute(statement, [me, target])
        conn.execute(
            "UPDATE customer SET owner_id = %s WHERE id = %s", [reps["Sales 1"], ids["Pool 3"]]
        )
    _as(monkeypatch, db, roles, "Sales 0")
    assert cli("customer", "add", "Found myself").exit_code == 0
    visited = cli("visit", "report", "--new-customer", "Met at a fair", "--start", "07:00",
                  "--minutes", "20", "--notes", "first contact")  # fmt: skip
    assert visited.exit_code == 0, visited.stderr
    _as(monkeypatch, db, roles, DESK)
    walked_in = cli("reception", "walkin", "Pool 4", "--contacted", "Sales 0", "--json")
    assert walked_in.exit_code == 0, walked_in.stderr
    with db.connect(OWNER) as conn:
        mine = conn.execute(
            "SELECT name FROM customer WHERE owner_id = %s ORDER BY name", [me]
        ).fetchall()
    assert [name for (name,) in mine] == [
        "Found myself",
        "Met at a fair",
        "Pool 0",
        "Pool 1",
        "Pool 2",
        "Pool 4",
    ]


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
