"""`visit schedule`, `visit cancel` and `visit list` end to end: refusals, warnings, JSON."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from salesvisit_cli.store.reps import ensure_rep
from tests.factories import add_customer, add_done_visit, add_rep

MOMENT = datetime(2026, 11, 26, 8, 0)

# Thursday 26 November 2026; Saturday 28 is not a working day (no calendar country: Mon–Fri).
NOW = "2026-11-26 08:00"
REPORT_KEYS = {
    "id", "customer_id", "date", "start", "minutes", "over_time", "notes", "booking",
    "complaint", "suggestion", "next", "followups",
}  # fmt: skip


@pytest.fixture
def store(isolated_env):
    from salesvisit_cli.store.engine import open_store

    opened = open_store(isolated_env / "salesvisit.db")
    yield opened
    opened.close()


@pytest.fixture
def acme(cli, clock):
    clock(NOW)
    added = cli("customer", "add", "Acme Ltd", "--hours", "09:00-17:00", "--address", "1 Main St")
    assert added.exit_code == 0, added.stderr
    return "Acme"


def schedule(cli, *args):
    return cli("visit", "schedule", *args)


def test_schedule_json_is_the_report_shape_with_status_planned(cli, acme):
    ran = schedule(
        cli, acme, "--date", "tomorrow", "--at", "9:30", "--purpose", "Catalogue",
        "--appointment", "--place", "Their showroom", "--json",
    )  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert ran.stderr == ""
    visit = ran.json()
    assert set(visit) >= REPORT_KEYS
    assert visit["date"] == "2026-11-27" and visit["at"] == "09:30"
    assert visit["status"] == "planned" and visit["appointment"] is True
    assert visit["purpose"] == "Catalogue" and visit["place"] == "Their showroom"
    assert visit["start"] is None and visit["minutes"] is None and visit["followups"] == []
    assert visit["new_customer"] is True  # a prospect never visited


def test_default_date_is_today_and_plain_output_confirms(cli, acme):
    ran = schedule(cli, acme)
    assert ran.exit_code == 0
    assert "Planned visit 1: Acme Ltd on Thu 2026-11-26" in ran.stdout


def test_past_date_is_refused_and_nothing_is_written(cli, acme):
    ran = schedule(cli, acme, "--date", "yesterday")
    assert ran.exit_code == 1
    assert ran.stderr.startswith("Error: 2026-11-25 is in the past")
    assert "visit report" in ran.stderr
    assert cli("visit", "list", "--json").json() == []


def test_same_customer_same_day_is_refused_unless_allowed(cli, acme):
    assert schedule(cli, acme, "--at", "09:00").exit_code == 0
    again = schedule(cli, acme, "--at", "15:00")
    assert again.exit_code == 1
    assert "already planned on 2026-11-26 (visit 1)" in again.stderr
    assert "--allow-duplicate" in again.stderr
    assert len(cli("visit", "list", "--json").json()) == 1
    allowed = schedule(cli, acme, "--at", "15:00", "--allow-duplicate")
    assert allowed.exit_code == 0
    assert schedule(cli, acme, "--date", "tomorrow").exit_code == 0  # another day is fine


@pytest.mark.parametrize("bad", ["24:00", "12:60", "7pm", "-1:00"])
def test_time_outside_the_day_is_refused(cli, acme, bad):
    ran = schedule(cli, acme, f"--at={bad}")
    assert ran.exit_code == 1
    assert "00:00 to 23:59" in ran.stderr
    assert cli("visit", "list", "--json").json() == []


def test_bad_date_and_unknown_customer_are_refused(cli, acme):
    assert "'2026-02-30' does not exist" in schedule(cli, acme, "--date", "2026-02-30").stderr
    unknown = schedule(cli, "Nobody")
    assert unknown.exit_code == 1 and "no customer matches" in unknown.stderr


def test_non_working_day_is_warned_not_refused(cli, acme):
    ran = schedule(cli, acme, "--date", "sat", "--json")
    assert ran.exit_code == 0
    assert ran.json()["date"] == "2026-11-28"
    assert "Warning: 2026-11-28 (Sat) is not a working day" in ran.stderr


def test_company_extra_holiday_is_warned(cli, acme, isolated_env):
    (isolated_env / "config.toml").write_text('[calendar]\nextra_holidays = ["2026-11-27"]\n')
    ran = schedule(cli, acme, "--date", "2026-11-27")
    assert ran.exit_code == 0 and "not a working day" in ran.stderr


def test_time_outside_office_hours_is_warned(cli, acme):
    early = schedule(cli, acme, "--at", "08:00")
    assert early.exit_code == 0
    assert "08:00 is outside the customer's office hours 09:00-17:00" in early.stderr
    late = schedule(cli, acme, "--at", "16:50", "--date", "tomorrow")
    assert late.exit_code == 0 and "runs past closing time" in late.stderr
    fine = schedule(cli, acme, "--at", "10:00", "--date", "mon")
    assert fine.exit_code == 0 and fine.stderr == ""


def test_overlap_with_another_planned_visit_is_warned(cli, acme):
    cli("customer", "add", "Beta Co")
    cli("customer", "add", "Gamma Co")
    assert schedule(cli, acme, "--at", "10:00").stderr == ""
    # Each call occupies visit.max_minutes (30) + visit.travel_minutes (30).
    close = schedule(cli, "Beta", "--at", "10:45")
    assert close.exit_code == 0
    assert "10:45 overlaps visit 1 at 10:00 (Acme Ltd)" in close.stderr
    assert schedule(cli, "Gamma", "--at", "11:45").stderr == ""


def test_overlap_follows_the_configured_minutes(cli, acme, isolated_env):
    (isolated_env / "config.toml").write_text("[visit]\nmax_minutes = 30\ntravel_minutes = 0\n")
    cli("customer", "add", "Beta Co")
    schedule(cli, acme, "--at", "10:00")
    assert schedule(cli, "Beta", "--at", "10:30").stderr == ""


def test_a_cancelled_visit_frees_the_day(cli, acme):
    schedule(cli, acme, "--at", "10:00")
    assert cli("visit", "cancel", "1").exit_code == 0
    again = schedule(cli, acme, "--at", "10:15")
    assert again.exit_code == 0 and again.stderr == ""


def test_another_reps_customer_is_planned_with_a_conflict_warning(cli, acme):
    assert cli("rep", "add", "bob").exit_code == 0
    cli("customer", "add", "Bob's Client", "--owner", "bob")
    ran = schedule(cli, "Bob's Client", "--json")
    assert ran.exit_code == 0
    assert "belongs to bob" in ran.stderr
    assert ran.json()["conflict"] is True


# --- cancel -------------------------------------------------------------------------------------


def test_cancel_a_planned_visit_then_again_is_an_error(cli, acme):
    schedule(cli, acme)
    ran = cli("visit", "cancel", "1", "--reason", "Customer is away", "--json")
    assert ran.exit_code == 0
    assert ran.json()["status"] == "cancelled"
    assert ran.json()["cancel_reason"] == "Customer is away"
    twice = cli("visit", "cancel", "1")
    assert twice.exit_code == 1 and "already cancelled" in twice.stderr


def test_cancel_refuses_done_unknown_and_others_visits(cli, acme, store):
    with store.write() as conn:
        alice = ensure_rep(conn, "alice", MOMENT)
        bob = add_rep(conn, "bob")
        done = add_done_visit(conn, alice, 1, date(2026, 11, 25))
        bobs = add_done_visit(conn, bob, 1, date(2026, 11, 27), status="planned")
    ran = cli("visit", "cancel", str(done))
    assert ran.exit_code == 1 and "is done" in ran.stderr
    ran = cli("visit", "cancel", str(bobs))
    assert ran.exit_code == 1 and "bob's, not yours" in ran.stderr
    ran = cli("visit", "cancel", "999")
    assert ran.exit_code == 1 and "no visit with id 999" in ran.stderr
    assert cli("visit", "cancel", "x").exit_code == 2


# --- list ---------------------------------------------------------------------------------------


def test_list_shows_planned_done_and_cancelled_with_status(cli, acme, store):
    with store.write() as conn:
        alice = ensure_rep(conn, "alice", MOMENT)
        bob = add_rep(conn, "bob")
        beta = add_customer(conn, "Beta Co", status="client")
        add_done_visit(conn, alice, beta, date(2026, 11, 20), minutes=45)
        add_done_visit(conn, bob, beta, date(2026, 11, 21))  # not alice's
    schedule(cli, acme, "--date", "tomorrow", "--at", "09:00")
    schedule(cli, "Beta", "--date", "mon")
    cli("visit", "cancel", "4")
    listed = cli("visit", "list", "--json").json()
    assert [(v["date"], v["status"]) for v in listed] == [
        ("2026-11-20", "done"),
        ("2026-11-27", "planned"),
        ("2026-11-30", "cancelled"),
    ]
    assert set(listed[0]) >= REPORT_KEYS
    assert listed[0]["over_time"] is True and listed[0]["minutes"] == 45
    assert [v["id"] for v in cli("visit", "list", "--status", "planned,done", "--json").json()] == [
        1,
        3,
    ]
    assert len(cli("visit", "list", "--status", "cancelled", "--json").json()) == 1
    ranged = cli("visit", "list", "--from", "2026-11-21", "--to", "fri", "--json").json()
    assert [v["id"] for v in ranged] == [3]
    this_week = cli("visit", "list", "--from", "周一", "--to", "sun", "--json").json()
    assert [v["date"] for v in this_week] == ["2026-11-27"]  # Monday 23 to Sunday 29 November
    assert [v["id"] for v in cli("visit", "list", "--customer", "beta", "--json").json()] == [1, 4]
    table = cli("visit", "list")
    assert "cancelled" in table.stdout and "3 visits" in table.stdout


def test_list_rejects_bad_filters(cli, acme):
    assert "invalid status" in cli("visit", "list", "--status", "open").stderr
    ran = cli("visit", "list", "--from", "2026-11-30", "--to", "2026-11-01")
    assert ran.exit_code == 1 and "after --to" in ran.stderr
    assert cli("visit", "list", "--json").json() == []
