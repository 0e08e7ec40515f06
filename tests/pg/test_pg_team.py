"""Team mode: reps and managers, `customer assign`, and per-salesperson access on PostgreSQL.

The access tests connect as real login roles (unix socket, trust auth in the test cluster) and
try raw SQL: row-level security, not the app, keeps one salesperson out of another's rows.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.postgres

OWNER = "sv_test_owner"


@pytest.fixture
def assign_cli(cli):
    """`salesvisit --rep REP customer assign ARGS…`."""
    return lambda *args, rep="alice": cli("--rep", rep, "customer", "assign", *args)


@pytest.fixture(params=["sqlite", "postgres"])
def any_cli(request, cli, monkeypatch):
    """The CLI on SQLite (the default test database) and on PostgreSQL."""
    if request.param == "postgres":
        monkeypatch.setenv("SALESVISIT_DB", request.getfixturevalue("pg_db").url)
    return cli


def test_rep_add_and_list(any_cli):
    assert any_cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    added = any_cli("rep", "add", "Zhang Wei", "--json")
    assert added.exit_code == 1  # the team has a manager now: alice may not add people
    assert "only a manager" in added.stderr
    added = any_cli("--rep", "Wang Li", "rep", "add", "Zhang Wei", "--json")
    assert added.exit_code == 0, added.stderr
    assert added.json()["manager"] is False
    again = any_cli("--rep", "Wang Li", "rep", "add", "Zhang Wei")
    assert again.exit_code == 1 and "already exists" in again.stderr
    any_cli("--rep", "Zhang Wei", "customer", "add", "Acme")
    any_cli("--rep", "Zhang Wei", "customer", "add", "Beta")
    listed = {r["name"]: r for r in any_cli("rep", "list", "--json").json()}
    assert listed["Wang Li"]["manager"] is True and listed["Wang Li"]["customers"] == 0
    assert listed["Zhang Wei"]["manager"] is False and listed["Zhang Wei"]["customers"] == 2
    shown = any_cli("rep", "list")
    assert shown.exit_code == 0 and "Zhang Wei" in shown.stdout and "manager" in shown.stdout
    promoted = any_cli("--rep", "Wang Li", "rep", "add", "Zhang Wei", "--manager")
    assert promoted.exit_code == 0 and "now a manager" in promoted.stdout


def test_customer_assign_is_for_managers(any_cli, assign_cli):
    any_cli("rep", "add", "Wang Li", "--manager")
    any_cli("--rep", "Wang Li", "rep", "add", "Zhang Wei")
    any_cli("--rep", "Wang Li", "rep", "add", "alice")
    cid = any_cli("customer", "add", "华美贸易", "--json").json()["id"]
    refused = assign_cli("华美", "Zhang Wei")  # alice is not a manager
    assert refused.exit_code == 1 and "only a manager" in refused.stderr
    assert any_cli("customer", "show", str(cid), "--json").json()["owner"] == "alice"
    done = assign_cli("华美", "Zhang Wei", "--json", rep="Wang Li")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["owner"] == "Zhang Wei"
    assert any_cli("customer", "show", str(cid), "--json").json()["owner"] == "Zhang Wei"
    again = assign_cli(str(cid), "Zhang Wei", rep="Wang Li")
    assert again.exit_code == 0 and "already belongs" in again.stdout
    unknown = assign_cli(str(cid), "Nobody", rep="Wang Li")
    assert unknown.exit_code == 1 and "rep add" in unknown.stderr


def test_team_commands_refuse_sqlite(cli):
    for args in (("team", "init", "--yes"), ("team", "status")):
        refused = cli(*args)
        assert refused.exit_code == 1
        assert refused.stderr.startswith("Error: team mode needs PostgreSQL")


def _visit(conn, customer_id: int, rep_id: int, day: str = "2026-03-02") -> int:
    return conn.execute(
        "INSERT INTO visit (customer_id, rep_id, date, status, appointment, as_prospect, "
        "conflict, created_at, notes) VALUES (%s, %s, %s, 'done', false, true, false, now(), "
        "'secret notes') RETURNING id",
        [customer_id, rep_id, day],
    ).fetchone()[0]


@pytest.fixture
def team(make_pg_db, cli, monkeypatch):
    """A database owned by an ordinary role, a manager and two salespeople, team mode on."""
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    assert cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    for name in ("Zhang Wei", "李娜"):
        assert cli("--rep", "Wang Li", "rep", "add", name).exit_code == 0
    ids = {}
    for owner, customer in (("Zhang Wei", "Zhang Customer"), ("李娜", "Li Customer")):
        made = cli("--rep", owner, "customer", "add", customer, "--json")
        assert made.exit_code == 0, made.stderr
        ids[customer] = made.json()["id"]
    done = cli("team", "init", "--yes", "--json")
    assert done.exit_code == 0, done.stderr
    roles = {m["rep"]: m for m in done.json()["members"]}
    with db.connect(OWNER, autocommit=True) as conn:
        reps = dict(conn.execute("SELECT name, id FROM rep").fetchall())
        ids["zhang_visit"] = _visit(conn, ids["Zhang Customer"], reps["Zhang Wei"])
        ids["li_visit"] = _visit(conn, ids["Li Customer"], reps["李娜"])
    return db, roles, ids, reps


def test_team_init_creates_safe_login_roles(team):
    db, roles, _ids, _reps = team
    assert roles["Zhang Wei"]["role"] == "sv_zhang_wei"
    assert roles["李娜"]["role"] == "sv_li_na"  # a Chinese name by its pinyin
    assert roles["Wang Li"]["manager"] is True and roles["Zhang Wei"]["created"] is True
    from sqlalchemy.engine import make_url

    assert make_url(roles["Zhang Wei"]["url"]) == make_url(db.url_for("sv_zhang_wei"))
    with db.connect() as admin:
        stored = dict(admin.execute("SELECT name, db_role FROM rep").fetchall())
    assert stored == {name: member["role"] for name, member in roles.items()}


def test_a_salesperson_cannot_see_or_change_anothers_rows_even_with_raw_sql(team):
    import psycopg

    db, roles, ids, reps = team
    zhang = roles["Zhang Wei"]["role"]
    with db.connect(zhang, autocommit=True) as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == zhang
        visits = conn.execute("SELECT id, rep_id FROM visit").fetchall()
        assert visits == [(ids["zhang_visit"], reps["Zhang Wei"])]
        customers = [row[0] for row in conn.execute("SELECT name FROM customer")]
        assert customers == ["Zhang Customer"]
        # Change or delete the other's rows: nothing matches.
        hit = conn.execute(
            "UPDATE visit SET notes = 'hacked' WHERE id = %s", [ids["li_visit"]]
        ).rowcount
        assert hit == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # visits are never deleted
            conn.execute("DELETE FROM visit WHERE id = %s", [ids["li_visit"]])
        assert (
            conn.execute("UPDATE customer SET note = 'x' WHERE name = 'Li Customer'").rowcount == 0
        )
        # Write rows in the other's name, or on their customer: refused by the policies.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _visit(conn, ids["Zhang Customer"], reps["李娜"])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _visit(conn, ids["Li Customer"], reps["Zhang Wei"])  # would reveal Li's customer
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "UPDATE visit SET rep_id = %s WHERE id = %s", [reps["李娜"], ids["zhang_visit"]]
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # only managers reassign
            conn.execute(
                "UPDATE customer SET owner_id = %s WHERE id = %s",
                [reps["Zhang Wei"], ids["Li Customer"]],
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO followup (customer_id, rep_id, kind, due, created_at) "
                "VALUES (%s, %s, 'thanks', '2026-03-03', now())",
                [ids["Li Customer"], reps["李娜"]],
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO visit_prep (visit_id, item, done_at) VALUES (%s, 'address', now())",
                [ids["li_visit"]],
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no way around the policies
            conn.execute("ALTER TABLE visit DISABLE ROW LEVEL SECURITY")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SET ROLE salesvisit_managers")
        # Their own rows work as usual.
        conn.execute(
            "INSERT INTO visit_prep (visit_id, item, done_at) VALUES (%s, 'address', now())",
            [ids["zhang_visit"]],
        )
        assert (
            conn.execute(
                "UPDATE visit SET notes = 'mine' WHERE id = %s", [ids["zhang_visit"]]
            ).rowcount
            == 1
        )
    with db.connect(OWNER) as conn:
        li_notes = conn.execute("SELECT notes FROM visit WHERE id = %s", [ids["li_visit"]])
        assert li_notes.fetchone()[0] == "secret notes"
        assert conn.execute("SELECT count(*) FROM visit").fetchone()[0] == 2


def test_the_other_salesperson_is_kept_out_too_and_the_manager_sees_all(team):
    db, roles, ids, _reps = team
    with db.connect(roles["李娜"]["role"]) as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM visit")] == [ids["li_visit"]]
        assert conn.execute("SELECT count(*) FROM visit_prep").fetchone()[0] == 0
    with db.connect(roles["Wang Li"]["role"], autocommit=True) as conn:
        assert {r[0] for r in conn.execute("SELECT id FROM visit")} == {
            ids["zhang_visit"],
            ids["li_visit"],
        }
        assert conn.execute("SELECT count(*) FROM customer").fetchone()[0] == 2
        assert conn.execute("UPDATE visit SET notes = 'reviewed'").rowcount == 2


def test_salespeople_use_the_cli_with_their_own_url(team, cli, monkeypatch, assign_cli):
    db, roles, ids, _reps = team
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles["Zhang Wei"]["role"]))
    monkeypatch.setenv("SALESVISIT_REP", "Zhang Wei")
    listed = cli("customer", "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [c["name"] for c in listed.json()] == ["Zhang Customer"]
    added = cli("customer", "add", "Zhang Second", "--json")  # sequences, advisory lock, meta
    assert added.exit_code == 0, added.stderr
    hidden = cli("customer", "show", str(ids["Li Customer"]))
    assert hidden.exit_code == 1 and "no customer" in hidden.stderr
    stolen = cli("customer", "add", "For Li", "--owner", "李娜")
    assert stolen.exit_code == 1 and stolen.stderr.startswith("Error: ")
    assert "Traceback" not in stolen.stderr
    posing = assign_cli("Zhang Second", "李娜", rep="Wang Li")  # claims to be the manager
    assert posing.exit_code == 1 and "not allowed" in posing.stderr, posing.stderr
    assert "only write your own rows" in stolen.stderr
    reported = cli(
        "visit", "report", "--customer", "Zhang Customer", "--date", "2026-03-03",
        "--start", "10:00", "--minutes", "20", "--notes", "met the buyer", "--json",
    )  # fmt: skip
    assert reported.exit_code == 0, reported.stderr
    assert reported.json()["followups"]  # follow-ups written under the policies too
    not_mine = cli(
        "visit", "report", "--customer", str(ids["Li Customer"]), "--minutes", "20",
        "--start", "10:00", "--notes", "x",
    )  # fmt: skip
    assert not_mine.exit_code == 1 and "no customer" in not_mine.stderr
    refused = cli("team", "init", "--yes")
    assert refused.exit_code == 1 and "database owner" in refused.stderr
    status = cli("team", "status", "--json").json()
    assert status["you"] == "Zhang Wei" and status["enabled"] is True

    with db.connect(roles["李娜"]["role"]) as conn:
        assert conn.execute("SELECT count(*) FROM visit").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM followup").fetchone()[0] == 0

    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles["Wang Li"]["role"]))
    monkeypatch.setenv("SALESVISIT_REP", "Wang Li")
    assert len(cli("customer", "list", "--json").json()) == 3
    moved = assign_cli("Zhang Second", "李娜", "--json", rep="Wang Li")
    assert moved.exit_code == 0, moved.stderr
    assert json.loads(moved.stdout)["owner"] == "李娜"
    counts = {r["name"]: r["customers"] for r in cli("rep", "list", "--json").json()}
    assert counts == {"Wang Li": 0, "Zhang Wei": 1, "李娜": 2}


def test_team_status_and_rerun_after_adding_a_salesperson(team, cli):
    db, _roles, _ids, _reps = team
    status = cli("team", "status", "--json").json()
    assert status["enabled"] is True and all(status["tables"].values())
    by_name = {r["name"]: r for r in status["reps"]}
    assert by_name["Wang Li"]["in_managers"] is True
    assert by_name["Zhang Wei"]["in_team"] and not by_name["Zhang Wei"]["in_managers"]
    assert cli("--rep", "Wang Li", "rep", "add", "Chen Jie").exit_code == 0
    again = cli("team", "init", "--yes", "--json")
    assert again.exit_code == 0, again.stderr
    members = {m["rep"]: m for m in again.json()["members"]}
    assert members["Chen Jie"]["created"] is True and members["Zhang Wei"]["created"] is False
    with db.connect(members["Chen Jie"]["role"]) as conn:
        assert conn.execute("SELECT count(*) FROM customer").fetchone()[0] == 0
    shown = cli("team", "status")
    assert shown.exit_code == 0 and "sv_chen_jie" in shown.stdout
    printed = cli("team", "init", "--yes")
    assert printed.exit_code == 0, printed.stderr
    assert f"Chen Jie: postgresql+psycopg://sv_chen_jie@/{db.name}?host=" in printed.stdout


def test_map_an_existing_role_with_an_awkward_name(make_pg_db, cli, monkeypatch):
    from psycopg import sql

    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    cli("rep", "add", "Zhao")
    odd = 'o\'dd "name" %s:x'
    with db.connect(autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(odd)))
    bad = cli("team", "init", "--yes", "--map", "Zhao=postgres")
    assert bad.exit_code == 1 and "bypasses row-level security" in bad.stderr
    missing = cli("team", "init", "--yes", "--map", "Nobody=x")
    assert missing.exit_code == 1 and "no salesperson" in missing.stderr
    done = cli("team", "init", "--yes", "--map", f"Zhao={odd}", "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["members"][0]["role"] == odd
    with db.connect(odd) as conn:
        assert conn.execute("SELECT count(*) FROM customer").fetchone()[0] == 0


def test_team_init_refuses_a_reserved_or_shared_role_and_warns_of_one_without_login(
    make_pg_db, cli, monkeypatch
):
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    cli("rep", "add", "Zhao")
    cli("--rep", "Zhao", "rep", "add", "Qian")
    with db.connect(autocommit=True) as admin:
        admin.execute("CREATE ROLE sv_nologin NOLOGIN")
    reserved = cli("team", "init", "--yes", "--map", f"Zhao={OWNER}")  # the owner
    assert reserved.exit_code == 1 and "it is reserved" in reserved.stderr, reserved.stderr
    absent = cli("team", "init", "--yes", "--map", "Zhao=sv_absent")
    assert absent.exit_code == 1 and "there is no role 'sv_absent'" in absent.stderr
    done = cli("team", "init", "--yes", "--map", "Zhao=sv_nologin", "--json")
    assert done.exit_code == 0, done.stderr
    assert "role 'sv_nologin' cannot log in (NOLOGIN); Zhao cannot connect" in done.stderr
    qian = {m["rep"]: m["role"] for m in done.json()["members"]}["Qian"]
    shared = cli("team", "init", "--yes", "--map", f"Zhao={qian}")  # Qian keeps it
    assert shared.exit_code == 1, shared.stderr
    assert f"role '{qian}' would belong to both 'Qian' and 'Zhao'" in shared.stderr


def test_passwords_are_set_when_asked(make_pg_db, cli, monkeypatch):
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    cli("rep", "add", "Zhao")
    done = cli("team", "init", "--yes", "--passwords", "--json")
    assert done.exit_code == 0, done.stderr
    member = done.json()["members"][0]
    assert len(member["password"]) >= 20
    from sqlalchemy.engine import make_url

    assert make_url(member["url"]).password == member["password"]
    assert make_url(member["url"]).username == member["role"]
    with db.connect() as admin:
        row = admin.execute(
            "SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = %s", [member["role"]]
        ).fetchone()
    assert row[0] is True


def test_team_init_asks_first(make_pg_db, cli, monkeypatch):
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    cli("rep", "add", "Zhao")
    declined = cli("team", "init", input="n\n")
    assert declined.exit_code == 1 and "sv_zhao" in declined.stdout
    assert cli("team", "status", "--json").json()["enabled"] is False


def test_login_names_from_pinyin_stay_unique(make_pg_db, cli, monkeypatch):
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    for name in ("王伟", "Wang Wei"):
        assert cli("rep", "add", name).exit_code == 0
    done = cli("team", "init", "--yes", "--json")
    assert done.exit_code == 0, done.stderr
    roles = {m["rep"]: m["role"] for m in done.json()["members"]}
    assert set(roles) == {"王伟", "Wang Wei"}
    assert sorted(roles.values()) == ["sv_wang_wei", "sv_wang_wei_2"]


def test_only_the_owner_upgrades_the_schema_and_team_access_follows(team, cli, monkeypatch):
    """A salesperson opening an older schema gets a clear error; the owner's upgrade re-applies
    the grants and policies, so the salesperson can work again afterwards."""
    from sqlalchemy import text

    from salesvisit_cli.store import migrations

    db, roles, _ids, _reps = team

    def add_column(connection) -> None:
        connection.execute(text("ALTER TABLE customer ADD COLUMN region varchar(40)"))

    newer = migrations.CURRENT_VERSION + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, add_column])
    monkeypatch.setattr(migrations, "CURRENT_VERSION", newer)
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles["Zhang Wei"]["role"]))
    monkeypatch.setenv("SALESVISIT_REP", "Zhang Wei")
    refused = cli("customer", "list")
    assert refused.exit_code == 1
    assert "the database owner must run salesvisit once to upgrade it" in refused.stderr

    monkeypatch.setenv("SALESVISIT_DB", db.url)
    assert cli("db", "check").exit_code == 0  # the owner migrates
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles["Zhang Wei"]["role"]))
    listed = cli("customer", "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [c["name"] for c in listed.json()] == ["Zhang Customer"]
    with db.connect(roles["Zhang Wei"]["role"], autocommit=True) as conn:
        # the new column is writable by the salesperson (re-granted), owner_id still is not
        changed = conn.execute("UPDATE customer SET region = 'east'").rowcount
        assert changed == 1
