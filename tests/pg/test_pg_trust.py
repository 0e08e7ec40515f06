"""Issue 13, findings 1 and 2 and the customer log, against team mode on PostgreSQL."""

from __future__ import annotations

import psycopg
import pytest

from tests.pg.test_pg_team import _visit

pytestmark = pytest.mark.postgres

OWNER = "sv_trust_owner"


@pytest.fixture
def reassigned(make_pg_db, cli, monkeypatch):
    """Zhang Wei owned and visited customer "Acme"; the manager gave it to 李娜, who noted a
    phone and a note on it."""
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    assert cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    for name in ("Zhang Wei", "李娜"):
        assert cli("--rep", "Wang Li", "rep", "add", name).exit_code == 0
    acme = cli("--rep", "Zhang Wei", "customer", "add", "Acme", "--json").json()["id"]
    roles = {m["rep"]: m["role"] for m in cli("team", "init", "--yes", "--json").json()["members"]}
    with db.connect(OWNER, autocommit=True) as conn:
        reps = dict(conn.execute("SELECT name, id FROM rep").fetchall())
        _visit(conn, acme, reps["Zhang Wei"])
    moved = cli("--rep", "Wang Li", "customer", "assign", "Acme", "李娜")
    assert moved.exit_code == 0, moved.stderr
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles["李娜"]))
    monkeypatch.setenv("SALESVISIT_REP", "李娜")
    edited = cli("customer", "edit", "Acme", "--phone", "021 5555 0101", "--note", "new terms")
    assert edited.exit_code == 0, edited.stderr
    return db, roles, reps, acme


def test_a_former_owner_reads_only_what_their_visits_need_and_changes_nothing(
    reassigned, cli, monkeypatch
):
    db, roles, _reps, acme = reassigned
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles["Zhang Wei"]))
    monkeypatch.setenv("SALESVISIT_REP", "Zhang Wei")
    edit = cli("customer", "edit", str(acme), "--phone", "000", "--status", "client")
    assert edit.exit_code == 1 and edit.stderr.startswith("Error: ")
    shown = cli("customer", "show", str(acme), "--json")
    assert shown.exit_code == 0, shown.stderr  # their past visit still shows its customer
    file = shown.json()["customer"] if "customer" in shown.json() else shown.json()
    assert file["name"] == "Acme" and file["owner"] == "李娜"
    assert file["phone"] is None and file["note"] is None
    with db.connect(roles["Zhang Wei"], autocommit=True) as conn:
        updated = conn.execute("UPDATE customer SET status = 'client' WHERE id = %s", [acme])
        assert updated.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT phone, note FROM customer WHERE id = %s", [acme])
        assert conn.execute("SELECT phone FROM customer_private").fetchall() == []
        assert conn.execute("SELECT name, tier, status, address FROM customer").fetchall() == [
            ("Acme", "normal", "prospect", None)
        ]
    with db.connect(roles["李娜"]) as conn:  # the new owner reads the whole file
        assert conn.execute("SELECT phone, note FROM customer_private").fetchall() == [
            ("021 5555 0101", "new terms")
        ]


def test_derived_facts_and_times_are_set_by_the_database(reassigned):
    """The forgeries of issue 13 through a salesperson's own login."""
    db, roles, reps, acme = reassigned
    li = reps["李娜"]
    with db.connect(roles["李娜"], autocommit=True) as conn:
        visit = _visit(conn, acme, li, "2026-03-02")  # as_prospect=true, conflict=false asked
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "UPDATE customer SET first_visit_on = '2020-01-01', first_visit_as_prospect = "
                "true, created_at = '2020-01-01' WHERE id = %s",
                [acme],
            )
        conn.execute("UPDATE customer SET client_since = '2020-01-01' WHERE id = %s", [acme])
        conn.execute("UPDATE visit SET conflict = true, as_prospect = false WHERE id = %s", [visit])
        conn.execute(
            "INSERT INTO visit_revision (visit_id, revised_at, report) "
            "VALUES (%s, '2020-01-01', '{}')",
            [visit],
        )
        conn.execute(
            "INSERT INTO daily_submission (rep_id, date, submitted_at, forced) "
            "VALUES (%s, '2026-03-02', '2026-03-02 17:00', false)",
            [li],
        )
        for statement in (
            "DELETE FROM visit_revision",
            "UPDATE visit_revision SET revised_at = '2020-01-01'",
            "DELETE FROM daily_submission",
            "UPDATE daily_submission SET submitted_at = '2020-01-01'",
            "DELETE FROM visit",
            "INSERT INTO daily_submission (rep_id, date, submitted_at, forced) "
            f"VALUES ({li}, '2999-01-01', '2999-01-01 08:00', false)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE visit SET status = 'planned' WHERE id = %s", [visit])
    with db.connect(OWNER) as conn:
        now = conn.execute("SELECT localtimestamp").fetchone()[0]
        customer = conn.execute(
            "SELECT first_visit_on, first_visit_as_prospect, created_at, client_since "
            "FROM customer WHERE id = %s",
            [acme],
        ).fetchone()
        assert customer[0] is None and customer[1] is False  # only the refresh function sets it
        assert customer[2].year == now.year - 0 and customer[2].year != 2020 and customer[3] is None
        row = conn.execute(
            "SELECT conflict, as_prospect FROM visit WHERE id = %s", [visit]
        ).fetchone()
        assert row == (False, True)  # her own customer, still a prospect: what was true
        revised = conn.execute("SELECT revised_at FROM visit_revision").fetchone()[0]
        submitted = conn.execute("SELECT submitted_at FROM daily_submission").fetchone()[0]
        for stamp in (revised, submitted):
            assert abs((stamp - now).total_seconds()) < 600


def test_the_customer_log_shows_every_change_of_owner_and_edit(reassigned, cli, monkeypatch):
    db, roles, reps, acme = reassigned
    log = cli("customer", "log", str(acme), "--json")
    assert log.exit_code == 0, log.stderr
    entries = [(e["event"], e["by"], e["from"], e["to"], e["fields"]) for e in log.json()]
    assert entries == [
        ("created", "Zhang Wei", None, "Zhang Wei", []),
        ("assigned", "Wang Li", "Zhang Wei", "李娜", []),
        ("edited", "李娜", None, None, ["note", "phone"]),
    ]
    assert set(log.json()[0]) == {"at", "by", "event", "from", "to", "fields", "reason"}
    shown = cli("customer", "log", "Acme")
    assert shown.exit_code == 0 and "assigned" in shown.stdout
    with db.connect(roles["李娜"], autocommit=True) as conn:
        conn.execute("SELECT set_config('salesvisit.actor', %s, false)", [str(reps["Wang Li"])])
        conn.execute("UPDATE customer SET tier = 'key' WHERE id = %s", [acme])
        for statement in (
            "DELETE FROM customer_log",
            "UPDATE customer_log SET by_id = NULL",
            "INSERT INTO customer_log (customer_id, at, event) VALUES (1, now(), 'created')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    last = cli("customer", "log", str(acme), "--json").json()[-1]
    assert (last["by"], last["fields"]) == ("李娜", ["tier"])
