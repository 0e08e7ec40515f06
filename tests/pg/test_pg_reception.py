"""The front desk in team mode: a front-desk login registers through the CLI, and with raw SQL
through its own login it finds names and phones, never notes or visits, and never changes an
owner afterwards; two front-desk logins at the same minute keep the round in order."""

from __future__ import annotations

import psycopg
import pytest

from tests.safety.front_desks import (
    assert_each_assigned_once_in_round_order,
    set_up_office,
    two_desks_at_once,
)

pytestmark = pytest.mark.postgres

OWNER = "sv_desk_owner"


@pytest.fixture
def office(make_pg_db, cli, clock, monkeypatch):
    """Team mode: a manager, Zhang Wei and 李娜 on duty on Thursdays, a front-desk login; a
    customer of Zhang Wei with a phone and a note, visited."""
    clock("2026-12-03 08:30")
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    assert cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    for name in ("Zhang Wei", "李娜"):
        assert cli("--rep", "Wang Li", "rep", "add", name).exit_code == 0
    assert cli("--rep", "Wang Li", "rep", "add", "Xiao Chen", "--reception").exit_code == 0
    assert cli("--rep", "Wang Li", "duty", "set", "thu", "Zhang Wei", "李娜").exit_code == 0
    acme = cli("--rep", "Zhang Wei", "customer", "add", "Acme", "--phone", "021 5555 0101",
               "--note", "secret terms", "--json").json()["id"]  # fmt: skip
    visited = cli("--rep", "Zhang Wei", "visit", "report", "-c", "Acme", "--start", "08:00",
                  "-m", "20", "-n", "private notes")  # fmt: skip
    assert visited.exit_code == 0, visited.stderr
    init = cli("team", "init", "--yes", "--json")
    assert init.exit_code == 0, init.stderr
    roles = {m["rep"]: m["role"] for m in init.json()["members"]}
    monkeypatch.delenv("SALESVISIT_REP")
    return db, roles, acme


def _as(monkeypatch, db, role):
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(role))


def test_the_front_desk_registers_through_its_own_login(office, cli, clock, monkeypatch):
    db, roles, acme = office
    clock("2026-12-03 09:00")
    _as(monkeypatch, db, roles["Xiao Chen"])
    new = cli("reception", "walkin", "Blue River", "--source", "web", "--json")
    assert new.exit_code == 0, new.stderr
    assert (new.json()["rep"], new.json()["how"]) == ("Zhang Wei", "duty")  # z before 李
    back = cli("reception", "call", "021-5555-0101", "--json")
    assert back.exit_code == 0, back.stderr
    assert (back.json()["customer_id"], back.json()["rep"]) == (acme, "Zhang Wei")
    figures = cli("reception", "--json").json()
    assert (figures["walkins"], figures["calls"], figures["new_calls"]) == (1, 1, 0)
    _as(monkeypatch, db, roles["Zhang Wei"])
    due = cli("followup", "--json").json()
    assert [(f["customer_id"], f["kind"], f["note"]) for f in due if f["kind"] == "call"] == [
        (acme, "call", "called")
    ]
    _as(monkeypatch, db, roles["Wang Li"])
    log = cli("customer", "log", "Blue River", "--json").json()
    assert [(e["event"], e["by"], e["to"]) for e in log] == [
        ("created", "Xiao Chen", "Zhang Wei"), ("received", "Xiao Chen", "Zhang Wei"),
    ]  # fmt: skip
    marked = cli("reception", "research", str(new.json()["id"]), "--reason", "survey")
    assert marked.exit_code == 0, marked.stderr
    log = cli("customer", "log", "Blue River", "--json").json()  # the database's clock
    released = [(e["by"], e["from"], e["reason"]) for e in log if e["event"] == "released"]
    assert released == [("Wang Li", "Zhang Wei", "market research: survey")]
    assert cli("reception", "--json").json()["research"][0]["approved_by"] == "Wang Li"


def test_the_front_desk_sees_names_and_phones_only_and_moves_no_owner(office):
    db, roles, acme = office
    with db.connect(OWNER) as conn:
        reps = dict(conn.execute("SELECT name, id FROM rep").fetchall())
    with db.connect(roles["Xiao Chen"], autocommit=True) as conn:
        assert conn.execute("SELECT name, phone, owner_id FROM customer").fetchall() == [
            ("Acme", "021 5555 0101", reps["Zhang Wei"])
        ]
        hidden = ("SELECT note FROM customer", "SELECT contact FROM customer",
                  "SELECT notes FROM visit", "SELECT note FROM followup",
                  "SELECT note FROM customer_private", "SELECT * FROM customer_log")  # fmt: skip
        for query in hidden:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(query)
        moved = conn.execute("UPDATE customer SET owner_id = %s WHERE id = %s",
                             [reps["李娜"], acme])  # fmt: skip
        assert moved.rowcount == 0  # an owned customer is not the front desk's to move
        for statement, values in (
            ("UPDATE customer SET note = 'x' WHERE id = %s", [acme]),
            ("DELETE FROM customer WHERE id = %s", [acme]),
            ("UPDATE reception SET rep_id = %s", [reps["李娜"]]),
            ("DELETE FROM reception", []),
            ("INSERT INTO customer_log (customer_id, at, event) VALUES (%s, now(), 'x')", [acme]),
            ("UPDATE duty SET rep_id = %s", [reps["李娜"]]),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, values)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not to itself
            conn.execute(
                "INSERT INTO customer (name, name_key, tier, status, owner_id, created_at, "
                "first_visit_as_prospect) VALUES ('Mine', 'mine', 'normal', 'prospect', %s, "
                "now(), false)",
                [reps["Xiao Chen"]],
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a follow-up for a non-owner
            conn.execute(
                "INSERT INTO followup (customer_id, rep_id, kind, due, created_at) "
                "VALUES (%s, %s, 'call', current_date, now())",
                [acme, reps["李娜"]],
            )
    with db.connect(OWNER) as conn:
        kept = conn.execute("SELECT owner_id, note FROM customer WHERE id = %s", [acme])
        assert kept.fetchone() == (reps["Zhang Wei"], "secret terms")


@pytest.mark.slow
def test_two_front_desk_logins_at_the_same_minute(make_pg_db, cli, monkeypatch):
    db = make_pg_db(owner=OWNER)
    set_up_office(db.url, as_rep="Wang Li")
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    init = cli("team", "init", "--yes", "--json")
    assert init.exit_code == 0, init.stderr
    roles = {m["rep"]: m["role"] for m in init.json()["members"]}
    two_desks_at_once({desk: db.url_for(roles[desk]) for desk in ("Desk A", "Desk B")})
    assert_each_assigned_once_in_round_order(db.url_for(roles["Wang Li"]), as_rep="Wang Li")
