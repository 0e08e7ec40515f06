"""`visit void VISIT_ID --reason T` (CLI.md "The day"): a withdrawn report stays in the
history with its reason and no longer counts anywhere."""

from __future__ import annotations

import pytest


@pytest.fixture
def reported(cli, clock):
    """Thursday 26 November 2026: a prospect visited (a booking, a next meeting) by mistake."""
    clock("2026-11-26 16:00")
    assert cli("customer", "add", "Acme").exit_code == 0
    ran = cli("visit", "report", "--customer", "Acme", "--start", "10:00", "--minutes", "30",
              "--notes", "x", "--booking", "5 boxes", "--next", "2026-12-01 10:00",
              "--json")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    return ran.json()


def test_void_recounts_quota_daily_and_first_visit(cli, reported):
    before = cli("quota", "--json").json()
    assert (before["visited"], before["new_visited"]) == (1, 1)
    ran = cli("visit", "void", str(reported["id"]), "--reason", "wrong customer", "--json")
    assert ran.exit_code == 0, ran.stderr
    voided = ran.json()
    assert voided["status"] == "void" and voided["void_reason"] == "wrong customer"
    after = cli("quota", "--json").json()
    assert (after["visited"], after["new_visited"], after["visits"]) == (0, 0, 0)
    daily = cli("daily", "--json").json()
    assert daily["visits"] == 0 and daily["minutes"] == 0 and daily["bookings"] == 0
    listed = cli("visit", "list", "--status", "void", "--json").json()
    assert [(v["id"], v["cancel_reason"]) for v in listed] == [(reported["id"], "wrong customer")]


def test_void_closes_its_open_followups_and_cancels_its_next_meeting(cli, reported):
    created = {f["id"] for f in reported["followups"]}
    ran = cli("visit", "void", str(reported["id"]), "--reason", "wrong customer")
    assert ran.exit_code == 0, ran.stderr
    assert "Voided the report of visit 1: Acme on Thu 2026-11-26 (wrong customer)" in ran.stdout
    assert "Follow-ups closed as void" in ran.stdout
    still_open = {f["id"] for f in cli("followup", "--all", "--json").json()}
    assert not created & still_open
    next_meeting = reported["next_visit_id"]
    statuses = {v["id"]: v["status"] for v in cli("visit", "list", "--json").json()}
    assert statuses == {reported["id"]: "void", next_meeting: "cancelled"}


def test_void_refusals(cli, reported):
    visit = str(reported["id"])
    assert cli("visit", "void", visit).exit_code == 2  # --reason is required
    ran = cli("visit", "void", visit, "--reason", "  ")
    assert ran.exit_code == 1 and "--reason" in ran.stderr
    ran = cli("visit", "void", str(reported["next_visit_id"]), "--reason", "x")
    assert ran.exit_code == 1 and "visit cancel" in ran.stderr
    assert cli("visit", "void", visit, "--reason", "mistake").exit_code == 0
    ran = cli("visit", "void", visit, "--reason", "again")
    assert ran.exit_code == 1 and "already void" in ran.stderr
    ran = cli("visit", "report", visit, "--amend", "--notes", "y")
    assert ran.exit_code == 1 and "voided" in ran.stderr
    ran = cli("--rep", "bob", "visit", "void", visit, "--reason", "x")
    assert ran.exit_code == 1 and "alice's, not yours" in ran.stderr
