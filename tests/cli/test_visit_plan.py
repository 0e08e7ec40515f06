"""`visit plan` end to end: the JSON contract, pace, order, the screen, suggestions."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import insert

from salesvisit_cli.store.models import Followup
from salesvisit_cli.store.reps import ensure_rep
from tests.factories import add_customer, add_done_visit, add_rep

# Thursday 26 November 2026: working days left in November (Mon–Fri) are 26, 27 and 30.
NOW = "2026-11-26 07:30"
MOMENT = datetime(2026, 11, 26, 7, 30)
VISIT_KEYS = {"id", "at", "purpose", "appointment", "new_customer", "prep", "customer"}
CUSTOMER_KEYS = {"id", "name", "tier", "status", "address", "hours"}
PACE_KEYS = {
    "target", "visited", "new_target", "new_visited", "working_days_left", "needed_per_day",
    "new_needed_per_day",
}  # fmt: skip
PREP = ["screen", "materials", "address", "outline", "appointment"]


@pytest.fixture
def store(isolated_env):
    from salesvisit_cli.store.engine import open_store

    opened = open_store(isolated_env / "salesvisit.db")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def frozen(clock):
    clock(NOW)


def plan(cli, *args):
    ran = cli("visit", "plan", *args, "--json")
    assert ran.exit_code == 0, ran.stderr
    return ran.json()


def followup(conn, rep_id, customer_id, kind, due, note=None):
    conn.execute(
        insert(Followup.__table__).values(
            customer_id=customer_id, rep_id=rep_id, kind=kind, due=due, note=note,
            created_at=MOMENT,
        )
    )  # fmt: skip


def test_json_has_exactly_the_contract_keys(cli):
    cli("customer", "add", "Acme Ltd", "--address", "1 Main St", "--hours", "09:00-17:00")
    cli("visit", "schedule", "Acme", "--at", "10:00", "--purpose", "Intro", "--appointment")
    doc = plan(cli)
    assert {"date", "rep", "visits", "carry", "pace"} <= set(doc)
    assert doc["date"] == "2026-11-26" and doc["rep"] == "alice"
    (visit,) = doc["visits"]
    assert set(visit) >= VISIT_KEYS
    assert set(visit["customer"]) >= CUSTOMER_KEYS
    assert set(doc["pace"]) >= PACE_KEYS
    assert list(visit["prep"]) == PREP
    assert visit["prep"] == {item: item == "appointment" for item in PREP}
    assert visit["at"] == "10:00" and visit["purpose"] == "Intro"
    assert visit["appointment"] is True and visit["new_customer"] is True
    assert visit["customer"]["name"] == "Acme Ltd"
    assert visit["customer"]["hours"] == "09:00-17:00"
    assert doc["carry"][0] == "work ID" and len(doc["carry"]) == 8
    assert all(isinstance(item, str) for item in doc["carry"])


def test_empty_day_shows_the_pace_and_suggests_suggest(cli):
    doc = plan(cli)
    assert doc["visits"] == []
    assert doc["pace"] == {
        "target": 120,
        "visited": 0,
        "new_target": 40,
        "new_visited": 0,
        "working_days_left": 3,
        "needed_per_day": 40,
        "new_needed_per_day": 14,
        "unit": "customers",
    }
    screen = cli("visit", "plan")
    assert screen.exit_code == 0
    assert "No visits planned" in screen.stdout
    assert "--suggest" in screen.stdout
    assert "3 working days left" in screen.stdout


def test_pace_counts_customers_and_new_ones_this_month(cli, store):
    with store.write() as conn:
        alice = ensure_rep(conn, "alice", MOMENT)
        bob = add_rep(conn, "bob")
        fresh = add_customer(conn, "Fresh", owner_id=alice)  # prospect → new in November
        old = add_customer(conn, "Old", owner_id=alice, status="client")
        seen = add_customer(conn, "Seen", owner_id=alice)  # first visit in October
        add_done_visit(conn, alice, seen, date(2026, 10, 5))
        add_done_visit(conn, alice, fresh, date(2026, 11, 2))
        add_done_visit(conn, alice, fresh, date(2026, 11, 9))
        add_done_visit(conn, alice, old, date(2026, 11, 3))
        add_done_visit(conn, alice, seen, date(2026, 11, 4))
        add_done_visit(conn, bob, old, date(2026, 11, 5))  # bob's does not count
    pace = plan(cli)["pace"]
    assert (pace["visited"], pace["new_visited"]) == (3, 1)
    assert pace["needed_per_day"] == 39  # ceil(117 / 3)
    assert pace["new_needed_per_day"] == 13  # ceil(39 / 3)


def test_pace_in_visits_unit_with_a_custom_target(cli, store, isolated_env):
    (isolated_env / "config.toml").write_text(
        '[quota]\ntarget = 10\nnew_share = "1/2"\nunit = "visits"\n'
    )
    with store.write() as conn:
        alice = ensure_rep(conn, "alice", MOMENT)
        acme = add_customer(conn, "Acme", owner_id=alice, status="client")
        for day in (2, 3, 4, 5):
            add_done_visit(conn, alice, acme, date(2026, 11, day))
    pace = plan(cli)["pace"]
    assert (pace["target"], pace["visited"], pace["new_target"]) == (10, 4, 5)
    assert (pace["needed_per_day"], pace["new_needed_per_day"]) == (2, 2)


def test_non_working_plan_date_is_flagged_and_not_counted(cli):
    cli("customer", "add", "Acme Ltd")
    cli("visit", "schedule", "Acme", "--date", "sat")
    doc = plan(cli, "--date", "sat")
    assert doc["working_day"] is False
    assert doc["pace"]["working_days_left"] == 1  # only Monday 30
    assert "not a working day" in doc["warnings"]
    screen = cli("visit", "plan", "--date", "2026-11-28")
    assert "Not a working day" in screen.stdout
    assert "Sat 2026-11-28" in screen.stdout


def test_no_working_days_left_needs_zero(cli, isolated_env):
    (isolated_env / "config.toml").write_text('[calendar]\nextra_holidays = ["2026-11-30"]\n')
    pace = plan(cli, "--date", "2026-11-28")["pace"]
    assert pace["working_days_left"] == 0
    assert (pace["needed_per_day"], pace["new_needed_per_day"]) == (0, 0)
    assert "no working days left" in cli("visit", "plan", "--date", "2026-11-28").stdout


def test_visits_are_ordered_timed_then_key_then_longest_unvisited(cli, store):
    with store.write() as conn:
        alice = ensure_rep(conn, "alice", MOMENT)
        recent = add_customer(conn, "Recent", owner_id=alice, status="client")
        stale = add_customer(conn, "Stale", owner_id=alice, status="client")
        key = add_customer(conn, "Keyco", owner_id=alice, tier="key", status="client")
        add_done_visit(conn, alice, recent, date(2026, 11, 20))
        add_done_visit(conn, alice, stale, date(2026, 9, 1))
        add_done_visit(conn, alice, key, date(2026, 11, 25))
    cli("customer", "add", "Timed Late")
    cli("customer", "add", "Timed Early")
    for name in ("Recent", "Stale", "Keyco"):
        cli("visit", "schedule", name)
    cli("visit", "schedule", "Timed Late", "--at", "15:00")
    cli("visit", "schedule", "Timed Early", "--at", "09:00")
    names = [v["customer"]["name"] for v in plan(cli)["visits"]]
    assert names == ["Timed Early", "Timed Late", "Keyco", "Stale", "Recent"]


def test_warnings_and_talking_points_follow_the_customers(cli, store):
    with store.write() as conn:
        alice = ensure_rep(conn, "alice", MOMENT)
        known = add_customer(conn, "Known", owner_id=alice, status="client")
        add_done_visit(conn, alice, known, date(2026, 11, 2))
        followup(conn, alice, known, "complaint", date(2026, 11, 3), "late delivery")
        followup(conn, alice, known, "booking", date(2026, 11, 2), "200 chairs")
    cli("customer", "add", "Newco", "--address", "2 Side St", "--hours", "09:00-18:00")
    cli("visit", "schedule", "Known", "--at", "10:00", "--appointment")
    cli("visit", "schedule", "Newco", "--at", "10:30")
    doc = plan(cli)
    first, second = doc["visits"]
    assert first["new_customer"] is False and second["new_customer"] is True
    points = " ".join(first["talking_points"])
    assert "thank them" in points and "late delivery" in points and "200 chairs" in points
    assert second["talking_points"][0].startswith("First meeting")
    assert "keep to 30 minutes" in second["talking_points"][-1]
    assert doc["warnings"] == [
        "10:00 and 10:30 overlap (visits 2, 3)",  # visit 1 is the November report
        "1 without appointment (visit 3)",
        "1 missing address or office hours (visit 2)",
    ]
    assert first["missing"] == ["address", "office hours"]


def test_plain_screen_shows_the_checklists(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    cli("customer", "add", "Acme <b>[bold]Ltd[/bold]", "--tier", "key")
    cli("visit", "schedule", "Acme", "--at", "09:30", "--purpose", "Price list", "--appointment")
    cli("visit", "prep", "1", "screen", "outline")
    cli("visit", "prep", "carry", "work id", "2")
    ran = cli("visit", "plan")
    assert ran.exit_code == 0, ran.stderr
    text = ran.stdout
    assert "\x1b[" not in text  # NO_COLOR: no escape sequences
    assert max(len(line) for line in text.splitlines()) <= 100
    lines = text.splitlines()
    assert lines[0] == "Plan for Thu 2026-11-26 — alice"
    assert lines[1].startswith("Pace: customers 0/120, new 0/40 · 3 working days left")
    assert "Carry (2/8): ✓1 work ID  ✓2 price list  ✗3 customer files" in text
    visit = lines[lines.index("─" * 100) + 1 :][:2]
    assert visit[0] == (
        "#1 09:30 Acme <b>[bold]Ltd[/bold]  key customer · new customer  office hours missing"
    )
    assert visit[1] == ("   address missing · purpose: Price list · to do: materials address")
    assert " first meeting: introduce yourself" in text
    assert " every call: Let them talk" in text and "keep to 30 minutes" in text
    assert "Steps: screen = screen the customers · materials = prepare the materials" in text
    assert "Tip: " in text
    assert lines[-1].startswith("Warnings: 1 missing address or office hours (visit 1)")


# --- suggestions ---------------------------------------------------------------------------------


@pytest.fixture
def book(cli, store):
    """alice's file: a call due, an overdue key customer, prospects, clients, and others'."""
    with store.write() as conn:
        alice = ensure_rep(conn, "alice", MOMENT)
        bob = add_rep(conn, "bob")
        ids = {
            "client old": add_customer(conn, "Client Old", owner_id=alice, status="client"),
            "prospect": add_customer(conn, "Prospect", owner_id=alice),
            "key stale": add_customer(conn, "Key Stale", owner_id=alice, tier="key"),
            "called": add_customer(conn, "Called", owner_id=alice, status="client"),
            "client new": add_customer(conn, "Client New", owner_id=alice, status="client"),
            "key fresh": add_customer(conn, "Key Fresh", owner_id=alice, tier="key"),
            "bobs": add_customer(conn, "Bobs", owner_id=bob, tier="key"),
            "unowned": add_customer(conn, "Unowned", status="client"),
            "planned": add_customer(conn, "Planned", owner_id=alice, status="client"),
        }
        add_done_visit(conn, alice, ids["client old"], date(2026, 8, 1))
        add_done_visit(conn, alice, ids["key stale"], date(2026, 11, 12))  # 14 days ago
        add_done_visit(conn, alice, ids["called"], date(2026, 11, 25))
        add_done_visit(conn, alice, ids["client new"], date(2026, 11, 24))
        add_done_visit(conn, alice, ids["key fresh"], date(2026, 11, 20))  # 6 days ago
        add_done_visit(conn, alice, ids["unowned"], date(2026, 10, 1))
        followup(conn, alice, ids["called"], "thanks", date(2026, 11, 26))
        followup(conn, alice, ids["client new"], "booking", date(2026, 11, 25))  # not a call
    cli("visit", "schedule", "Planned")
    return ids


def test_suggestions_come_in_priority_order_with_reasons(cli, book):
    doc = plan(cli, "--suggest", "10")
    got = [(s["customer"]["name"], s["priority"]) for s in doc["suggestions"]]
    assert got == [
        ("Key Stale", 1),
        ("Prospect", 2),
        ("Client Old", 3),
        ("Unowned", 3),
        ("Key Fresh", 3),
        ("Client New", 3),
        ("Called", 3),  # its thank-you call is in the briefing, no reason for a visit
    ]
    reasons = [s["reason"] for s in doc["suggestions"]]
    assert reasons[0] == "key customer, last visited 2026-11-12 (14 days ago)"
    assert [call["kind"] for call in doc["briefing"]["calls"]] == ["thanks"]
    assert doc["accepted"] == []
    assert [v["customer"]["name"] for v in doc["visits"]] == ["Planned"]  # nothing scheduled
    assert plan(cli, "--suggest", "10") == doc  # deterministic


def test_prospects_wait_when_the_new_pace_is_met(cli, book, isolated_env):
    (isolated_env / "config.toml").write_text('[quota]\nnew_share = "0"\n')
    names = [s["customer"]["name"] for s in plan(cli, "--suggest", "10")["suggestions"]]
    assert "Prospect" not in names and names[:2] == ["Key Stale", "Client Old"]


def test_accept_schedules_the_suggestions(cli, book):
    ran = cli("visit", "plan", "--suggest", "2", "--accept", "--json")
    assert ran.exit_code == 0, ran.stderr
    doc = ran.json()
    assert len(doc["accepted"]) == 2
    names = [v["customer"]["name"] for v in doc["visits"]]
    assert sorted(names) == ["Key Stale", "Planned", "Prospect"]
    accepted = [v for v in doc["visits"] if v["id"] in doc["accepted"]]
    # the purpose is a purpose; the reason stays in the suggestion
    assert {v["purpose"] for v in accepted} == {
        "Key customer visit",
        "First visit: introduce the company",
    }
    # each gets a time of the working day, an hour apart (30 min call + 30 min travel)
    assert sorted(v["at"] for v in accepted) == ["09:00", "10:00"]
    # Once planned, they are never proposed again for that day.
    again = [s["customer"]["name"] for s in plan(cli, "--suggest", "2")["suggestions"]]
    assert again == ["Client Old", "Unowned"]
    screen = cli("visit", "plan", "--suggest", "1", "--accept")
    assert screen.exit_code == 0 and "Scheduled (1):" in screen.stdout


def test_suggest_tomorrow_and_refusals(cli, book):
    names = [
        s["customer"]["name"] for s in plan(cli, "--suggest", "3", "--date", "fri")["suggestions"]
    ]
    assert names[:2] == ["Key Stale", "Prospect"]
    assert "15 days ago" in plan(cli, "--suggest", "1", "--date", "fri")["suggestions"][0]["reason"]
    past = cli("visit", "plan", "--date", "yesterday", "--suggest", "2", "--accept")
    assert past.exit_code == 1 and "in the past" in past.stderr
    assert cli("visit", "plan", "--suggest", "0").exit_code == 1
    assert cli("visit", "plan", "--accept").exit_code == 2
    screen = cli("visit", "plan", "--suggest", "2")
    assert "Suggested (2):" in screen.stdout and "--accept" in screen.stdout


def test_a_reported_visit_leaves_the_plan_and_counts_in_the_pace(cli, clock):
    cli("customer", "add", "Acme Ltd", "--address", "1 Main St", "--hours", "09:00-17:00")
    cli("visit", "schedule", "Acme", "--at", "10:00")
    clock("2026-11-26 11:00")
    reported = cli(
        "visit", "report", "1", "--start", "10:00", "--minutes", "25", "--notes", "Met them",
        "--next", "2026-11-30 11:00", "--json",
    )  # fmt: skip
    assert reported.exit_code == 0, reported.stderr
    doc = plan(cli)
    assert doc["visits"] == [] and doc["done_today"] == 1
    assert (doc["pace"]["visited"], doc["pace"]["new_visited"]) == (1, 1)
    # The next meeting the report agreed is in Monday's plan, a known customer now.
    (monday,) = plan(cli, "--date", "mon")["visits"]
    assert monday["at"] == "11:00" and monday["customer"]["name"] == "Acme Ltd"
    assert monday["new_customer"] is False
    assert monday["talking_points"][0].startswith("Known customer")


def test_a_customer_planned_within_the_cadence_window_is_not_suggested(cli, book):
    """Planned next week (within 14 days for a key customer): it is coming anyway."""
    assert cli("visit", "schedule", "Key Stale", "--date", "2026-12-03").exit_code == 0
    names = [s["customer"]["name"] for s in plan(cli, "--suggest", "10")["suggestions"]]
    assert "Key Stale" not in names
    tomorrow = plan(cli, "--suggest", "10", "--date", "tomorrow")["suggestions"]
    assert "Key Stale" not in [s["customer"]["name"] for s in tomorrow]


def test_accepted_suggestions_fit_around_the_days_visits_and_office_hours(cli, book):
    cli("visit", "schedule", "Unowned", "--at", "09:00")
    cli("customer", "edit", "Key Stale", "--hours", "14:00-18:00")
    doc = plan(cli, "--suggest", "2", "--accept")
    at = {v["customer"]["name"]: v["at"] for v in doc["visits"] if v["id"] in doc["accepted"]}
    assert at == {"Key Stale": "14:00", "Prospect": "10:00"}
