"""The front desk in team mode: a front-desk login registers through the CLI, and with raw SQL
through its own login it finds names and phones, never notes or visits, and never changes an
owner afterwards; two front-desk logins at the same minute keep the round in order."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from salesvisit_cli.domain.dates import WEEKDAYS
from tests.safety.front_desks import (
    assert_each_assigned_once_in_round_order,
    set_up_office,
    two_desks_at_once,
)

pytestmark = pytest.mark.postgres

OWNER = "sv_desk_owner"


def _database_today(db) -> date:
    """The database's date (registrations by a front-desk login are on its clock)."""
    with db.connect(OWNER) as conn:
        return conn.execute("SELECT current_date").fetchone()[0]


@pytest.fixture
def office(make_pg_db, cli, clock, monkeypatch):
    """Team mode: a manager, Zhang Wei and 李娜 on duty on the database's weekday, a front-desk
    login; a customer of Zhang Wei with a phone and a note, visited. The app's clock is set to
    the database's day."""
    db = make_pg_db(owner=OWNER)
    today = _database_today(db)
    clock(f"{today} 08:30")
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    assert cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    for name in ("Zhang Wei", "李娜"):
        assert cli("--rep", "Wang Li", "rep", "add", name).exit_code == 0
    assert cli("--rep", "Wang Li", "rep", "add", "Xiao Chen", "--reception").exit_code == 0
    weekday = WEEKDAYS[today.weekday()]
    assert cli("--rep", "Wang Li", "duty", "set", weekday, "Zhang Wei", "李娜").exit_code == 0
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
    _as(monkeypatch, db, roles["Xiao Chen"])
    new = cli("reception", "walkin", "Blue River", "--source", "web", "--json")
    assert new.exit_code == 0, new.stderr
    assert (new.json()["rep"], new.json()["how"]) == ("Zhang Wei", "duty")  # z before 李
    back = cli("reception", "call", "021-5555-0101", "--json")
    assert back.exit_code == 0, back.stderr
    assert (back.json()["customer_id"], back.json()["rep"]) == (acme, "Zhang Wei")
    figures = cli("reception", "--json").json()
    assert (figures["walkins"], figures["calls"], figures["new_calls"]) == (1, 1, 0)
    assert [e["followup_id"] for e in figures["entries"]] == [None, back.json()["followup_id"]]
    _as(monkeypatch, db, roles["Zhang Wei"])
    due = cli("followup", "--json").json()
    assert [(f["id"], f["customer_id"], f["note"]) for f in due if f["kind"] == "call"] == [
        (back.json()["followup_id"], acme, "called")
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
    _as(monkeypatch, db, roles["Xiao Chen"])  # the credit: Zhang Wei's out of turn
    again = cli("reception", "walkin", "Green Hill", "--source", "展会", "--json").json()
    assert (again["rep"], again["how"]) == ("Zhang Wei", "replacement")
    wrong = cli("reception", "walkin", "Red Sun", "--contacted", "Nobody", "--source", "web")
    assert wrong.exit_code == 1 and "Nobody" in wrong.stderr
    assert len(cli("reception", "--json").json()["entries"]) == 3  # nothing written


def _register(conn, kind, name, key, phone=None, contacted=None, source="web"):
    found = conn.execute(
        "SELECT salesvisit_register(%s, %s, %s, %s, %s, %s, NULL, NULL)",
        [kind, name, key, phone, contacted, source],
    )
    return found.fetchone()[0]


def test_raw_sql_registers_only_by_the_rotation_or_a_recorded_contact(office):
    """With psql the front desk can only call `salesvisit_register`: R8's rotation picks the
    salesperson, `contacted` is recorded as such, a customer on file goes to its owner even
    under a forged name key, and nobody else may call it."""
    db, roles, acme = office
    with db.connect(OWNER) as conn:
        reps = dict(conn.execute("SELECT name, id FROM rep").fetchall())
    with db.connect(roles["Xiao Chen"], autocommit=True) as conn:
        first = _register(conn, "walkin", "Raw One", "rawone")
        second = _register(conn, "walkin", "Raw Two", "rawtwo")
        assert [(r["rep"], r["how"]) for r in (first, second)] == [
            ("Zhang Wei", "duty"), ("李娜", "duty"),
        ]  # fmt: skip
        chosen = _register(conn, "call", "Raw Three", "rawthree", contacted="李娜")
        assert (chosen["rep"], chosen["how"], chosen["new"]) == ("李娜", "contacted", True)
        forged = _register(conn, "walkin", "acme", "not-acme")  # the exact name still matches
        assert (forged["customer_id"], forged["rep"], forged["how"]) == (acme, "Zhang Wei",
                                                                          "owner")  # fmt: skip
        assert forged["followup_id"] is not None
        for bad in (("walkin", "Raw Four", "rawfour", None, "Wang Li X"),
                    ("walkin", "Raw Four", "rawfour", None, "Xiao Chen"),  # not a salesperson
                    ("visit", "Raw Four", "rawfour"),
                    ("walkin", "Raw Four", "rawfour", None, None, None)):  # fmt: skip
            with pytest.raises(psycopg.errors.InvalidParameterValue):
                _register(conn, *bad)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT salesvisit_next_on_duty(current_date)")
    salesperson = db.connect(roles["Zhang Wei"], autocommit=True)
    with salesperson as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        _register(conn, "walkin", "Mine", "mine")  # a salesperson may not
    with db.connect(OWNER) as conn:
        logged = conn.execute(
            "SELECT c.name, l.event, b.name, t.name, l.reason FROM customer_log l "
            "JOIN customer c ON c.id = l.customer_id JOIN rep b ON b.id = l.by_id "
            "JOIN rep t ON t.id = l.to_id WHERE c.name = 'Raw Three' ORDER BY l.id"
        ).fetchall()
        assert logged == [
            ("Raw Three", "created", "Xiao Chen", "李娜", "reception call"),
            ("Raw Three", "received", "Xiao Chen", "李娜", "reception call (contacted)"),
        ]
        counted = conn.execute("SELECT count(*), count(DISTINCT by_id) FROM reception")
        assert counted.fetchone() == (4, 1)
        assert reps["Xiao Chen"] == conn.execute("SELECT min(by_id) FROM reception").fetchone()[0]
        conn.execute("UPDATE customer SET phone = '021 5555 0101' WHERE name = 'Raw One'")
        conn.execute("UPDATE customer SET phone = '0571 8888 1234' WHERE name = 'Raw Three'")
        conn.commit()
    with db.connect(roles["Xiao Chen"], autocommit=True) as conn:
        ambiguous = (
            ("call", None, None, "(021) 5555-0101"),  # a phone on file for two customers
            ("walkin", "Raw Two", "rawtwo", "0571-8888-1234"),  # a name and another's phone
        )
        for typed in ambiguous:
            with pytest.raises(psycopg.errors.InvalidParameterValue):
                _register(conn, *typed)
        assert conn.execute("SELECT count(*) FROM reception").fetchone()[0] == 4


def test_the_front_desk_sees_names_and_phones_only_and_moves_no_owner(office):
    db, roles, acme = office
    with db.connect(OWNER) as conn:
        reps = dict(conn.execute("SELECT name, id FROM rep").fetchall())
    with db.connect(roles["Xiao Chen"], autocommit=True) as conn:
        assert conn.execute("SELECT name, phone, owner_id FROM customer").fetchall() == [
            ("Acme", "021 5555 0101", reps["Zhang Wei"])
        ]
        hidden = ("SELECT note FROM customer", "SELECT contact FROM customer",
                  "SELECT address FROM customer", "SELECT notes FROM visit",
                  "SELECT id FROM visit", "SELECT note FROM followup", "SELECT id FROM followup",
                  "SELECT note FROM customer_private", "SELECT * FROM customer_log")  # fmt: skip
        for query in hidden:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(query)
        for statement, values in (
            ("UPDATE customer SET owner_id = %s WHERE id = %s", [reps["李娜"], acme]),
            ("UPDATE customer SET owner_id = NULL WHERE id = %s", [acme]),
            ("UPDATE customer SET note = 'x' WHERE id = %s", [acme]),
            ("DELETE FROM customer WHERE id = %s", [acme]),
            (
                "INSERT INTO customer (name, name_key, tier, status, owner_id, created_at, "
                "first_visit_as_prospect) VALUES ('Mine', 'mine', 'normal', 'prospect', %s, "
                "now(), false)",
                [reps["李娜"]],
            ),
            (
                "INSERT INTO reception (at, kind, customer_id, rep_id, is_new, assigned, how) "
                "VALUES (now(), 'walkin', %s, %s, false, true, 'duty')",
                [acme, reps["李娜"]],
            ),
            ("UPDATE reception SET rep_id = %s", [reps["李娜"]]),
            ("DELETE FROM reception", []),
            (
                "INSERT INTO followup (customer_id, rep_id, kind, due, created_at) "
                "VALUES (%s, %s, 'call', current_date, now())",
                [acme, reps["Zhang Wei"]],
            ),
            ("INSERT INTO customer_log (customer_id, at, event) VALUES (%s, now(), 'x')", [acme]),
            ("UPDATE duty SET rep_id = %s", [reps["李娜"]]),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, values)
    with db.connect(OWNER) as conn:
        kept = conn.execute("SELECT owner_id, note FROM customer WHERE id = %s", [acme])
        assert kept.fetchone() == (reps["Zhang Wei"], "secret terms")


@pytest.mark.slow
def test_two_front_desk_logins_at_the_same_minute(make_pg_db, cli, monkeypatch):
    """The database registers each walk-in (on its own clock and day) under the write lock."""
    db = make_pg_db(owner=OWNER)
    day = _database_today(db).isoformat()
    set_up_office(db.url, as_rep="Wang Li", day=day)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    init = cli("team", "init", "--yes", "--json")
    assert init.exit_code == 0, init.stderr
    roles = {m["rep"]: m["role"] for m in init.json()["members"]}
    two_desks_at_once({desk: db.url_for(roles[desk]) for desk in ("Desk A", "Desk B")})
    assert_each_assigned_once_in_round_order(db.url_for(roles["Wang Li"]), as_rep="Wang Li",
                                             day=day)  # fmt: skip
