"""Team mode on PostgreSQL with real logins: the first-visit rule under row-level security, the
salesperson a login stands for, and the manager views (`daily/followup/quota --team`)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.postgres

OWNER = "sv_views_owner"


@pytest.fixture
def team(make_pg_db, cli, monkeypatch):
    """A manager and two salespeople with their own logins; Zhang Wei owns a prospect."""
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    assert cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    for name in ("Zhang Wei", "Li Na"):
        assert cli("--rep", "Wang Li", "rep", "add", name).exit_code == 0
    made = cli("--rep", "Zhang Wei", "customer", "add", "Prospect Co", "--json")
    assert made.exit_code == 0, made.stderr
    done = cli("team", "init", "--yes", "--json")
    assert done.exit_code == 0, done.stderr
    roles = {m["rep"]: m["role"] for m in done.json()["members"]}

    def login(rep: str | None) -> None:
        """Act through a salesperson's own login, without --rep or SALESVISIT_REP."""
        monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles[rep]) if rep else db.url)
        monkeypatch.delenv("SALESVISIT_REP", raising=False)

    return db, login, made.json()["id"]


def _first_visit(db, customer_id: int):
    with db.connect(OWNER) as conn:
        return conn.execute(
            "SELECT first_visit_on::text, first_visit_as_prospect FROM customer WHERE id = %s",
            [customer_id],
        ).fetchone()


def _report(cli, customer: str, *extra: str):
    done = cli(
        "visit", "report", "--customer", customer, "--start", "10:00", "--minutes", "20",
        "--notes", "talked", "--json", *extra,
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    return done.json()


def test_a_later_visitor_does_not_move_the_first_visit(team, cli, clock):
    """Under RLS Li Na cannot see Zhang Wei's earlier visit; her report must still leave the
    customer's first visit where it was (the recount runs in the SECURITY DEFINER function)."""
    db, login, customer_id = team
    login("Zhang Wei")
    clock("2026-02-27 12:00")
    first = _report(cli, "Prospect Co")
    assert first["rep"] == "Zhang Wei"  # the login's salesperson, no --rep needed
    assert first["new_customer"] is True
    assert _first_visit(db, customer_id) == ("2026-02-27", True)

    login("Wang Li")
    moved = cli("customer", "assign", "Prospect Co", "Li Na")
    assert moved.exit_code == 0, moved.stderr

    login("Li Na")
    clock("2026-03-05 12:00")
    later = _report(cli, "Prospect Co")
    assert later["rep"] == "Li Na" and later["conflict"] is False  # she owns it now
    assert later["new_customer"] is False
    assert _first_visit(db, customer_id) == ("2026-02-27", True)
    li = cli("quota", "--month", "2026-03", "--json").json()
    assert (li["rep"], li["visited"], li["new_visited"]) == ("Li Na", 1, 0)  # not new in March
    # Cancelling or amending her visit recounts over everyone's visits too.
    amended = cli("visit", "report", str(later["id"]), "--amend", "--minutes", "25", "--json")
    assert amended.exit_code == 0, amended.stderr
    assert _first_visit(db, customer_id) == ("2026-02-27", True)

    login("Zhang Wei")
    zhang = cli("quota", "--month", "2026-02", "--json").json()
    assert (zhang["rep"], zhang["visited"], zhang["new_visited"]) == ("Zhang Wei", 1, 1)

    # Manager views: each login sees what its policies allow; the manager sees everyone.
    def team_day(day: str) -> dict:
        ran = cli("daily", day, "--team", "--json")
        assert ran.exit_code == 0, ran.stderr
        return {d["rep"]: d["visits"] for d in ran.json()}

    assert team_day("2026-02-27") == {"Li Na": 0, "Wang Li": 0, "Zhang Wei": 1}
    assert team_day("2026-03-05") == {"Li Na": 0, "Wang Li": 0, "Zhang Wei": 0}  # Li's: hidden
    login("Wang Li")
    assert team_day("2026-03-05") == {"Li Na": 1, "Wang Li": 0, "Zhang Wei": 0}
    calls = {
        r["rep"]: (r["overdue"], r["open"]) for r in cli("followup", "--team", "--json").json()
    }
    assert calls == {"Zhang Wei": (1, 1), "Li Na": (0, 1), "Wang Li": (0, 0)}  # thank-you calls


def test_an_unmapped_login_falls_back_to_the_login_name(team, cli):
    _db, login, _customer = team
    login(None)  # the database owner is no salesperson
    shown = cli("quota", "--json")
    assert shown.exit_code == 0, shown.stderr
    import getpass

    assert shown.json()["rep"] == getpass.getuser()
    login("Li Na")
    assert cli("--rep", "Someone Else", "quota", "--json").json()["rep"] == "Someone Else"
