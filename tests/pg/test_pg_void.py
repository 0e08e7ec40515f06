"""`visit void` in team mode on PostgreSQL: through a salesperson's own login the new-customer
facts are recounted by the same database-side function as reports, and the guard lets a
reported visit become void (with a reason) and nothing else."""

from __future__ import annotations

import psycopg
import pytest

pytestmark = pytest.mark.postgres

OWNER = "sv_void_owner"


@pytest.fixture
def voidable(make_pg_db, cli, clock, monkeypatch):
    """李娜 (team mode, her own login) reported a first visit to a prospect."""
    clock("2026-03-02 16:00")
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    assert cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    assert cli("--rep", "Wang Li", "rep", "add", "李娜").exit_code == 0
    acme = cli("--rep", "李娜", "customer", "add", "Acme", "--json").json()["id"]
    roles = {m["rep"]: m["role"] for m in cli("team", "init", "--yes", "--json").json()["members"]}
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles["李娜"]))
    monkeypatch.setenv("SALESVISIT_REP", "李娜")
    ran = cli("visit", "report", "--customer", "Acme", "--start", "10:00", "--minutes", "30",
              "--notes", "x", "--json")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    return db, roles, acme, ran.json()["id"]


def test_void_recounts_the_first_visit_through_the_database_function(voidable, cli):
    db, _roles, acme, visit = voidable
    assert cli("quota", "--json").json()["new_visited"] == 1
    ran = cli("visit", "void", str(visit), "--reason", "wrong customer")
    assert ran.exit_code == 0, ran.stderr
    assert cli("quota", "--json").json()["new_visited"] == 0
    with db.connect(OWNER) as conn:
        facts = conn.execute(
            "SELECT first_visit_on, first_visit_as_prospect FROM customer WHERE id = %s", [acme]
        ).fetchone()
        assert facts == (None, False)
        assert conn.execute("SELECT count(*) FROM followup WHERE done_at IS NULL").fetchone() == (
            0,
        )


def test_the_guard_allows_void_with_a_reason_only_and_keeps_it_void(voidable):
    db, roles, _acme, visit = voidable
    with db.connect(roles["李娜"], autocommit=True) as conn:
        for statement in (
            "UPDATE visit SET status = 'cancelled' WHERE id = %s",
            "UPDATE visit SET status = 'void' WHERE id = %s",
            "UPDATE visit SET status = 'void', cancel_reason = ' ' WHERE id = %s",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, [visit])
        conn.execute(
            "UPDATE visit SET status = 'void', cancel_reason = 'oops' WHERE id = %s", [visit]
        )
        for statement in (
            "UPDATE visit SET status = 'done' WHERE id = %s",
            "UPDATE visit SET minutes = 5 WHERE id = %s",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, [visit])
