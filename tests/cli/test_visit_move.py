"""`visit move VISIT_ID… --date D [--at HH:MM]` and `visit cancel VISIT_ID…` (CLI.md "The day")."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def planned(cli, clock):
    """Thursday 26 November 2026: three visits planned for today."""
    clock("2026-11-26 08:00")
    for name in ("Acme", "Beta", "Gamma"):
        assert cli("customer", "add", name, "--hours", "09:00-17:00").exit_code == 0
    for name, at in (("Acme", "10:00"), ("Beta", "14:00"), ("Gamma", "16:00")):
        assert cli("visit", "schedule", name, "--at", at).exit_code == 0


def visits(cli):
    return {v["id"]: v for v in cli("visit", "list", "--json").json()}


def test_move_several_visits_to_another_day_keeping_their_times(cli):
    ran = cli("visit", "move", "1", "2", "--date", "tomorrow", "--json")
    assert ran.exit_code == 0, ran.stderr
    assert [(v["id"], v["date"], v["at"]) for v in ran.json()] == [
        (1, "2026-11-27", "10:00"), (2, "2026-11-27", "14:00"),
    ]  # fmt: skip
    assert visits(cli)[3]["date"] == "2026-11-26"


def test_move_one_visit_with_a_new_time_prints_it(cli):
    ran = cli("visit", "move", "3", "--date", "fri", "--at", "09:30")
    assert ran.exit_code == 0, ran.stderr
    assert "Moved visit 3: Gamma to Fri 2026-11-27 09:30" in ran.stdout
    assert cli("visit", "move", "3", "--date", "fri", "--json").json()["at"] == "09:30"


def test_move_follows_the_rules_of_schedule(cli):
    ran = cli("visit", "move", "1", "--date", "2026-11-25")
    assert ran.exit_code == 1 and "in the past" in ran.stderr
    cli("visit", "schedule", "Acme", "--date", "2026-11-27")
    ran = cli("visit", "move", "1", "--date", "2026-11-27")
    assert ran.exit_code == 1 and "Acme is already planned on 2026-11-27 (visit 4)" in ran.stderr
    ran = cli("visit", "move", "2", "--date", "2026-11-28")
    assert ran.exit_code == 0 and "not a working day" in ran.stderr
    ran = cli("visit", "move", "3", "--date", "today", "--at", "10:15")
    assert ran.exit_code == 0 and "overlaps visit 1" in ran.stderr


def test_move_refuses_all_when_one_cannot_move(cli):
    cli("visit", "cancel", "3")
    ran = cli("visit", "move", "1", "3", "--date", "tomorrow")
    assert ran.exit_code == 1 and "visit 3 is cancelled" in ran.stderr
    assert visits(cli)[1]["date"] == "2026-11-26"


def test_cancel_takes_several_ids(cli):
    ran = cli("visit", "cancel", "1", "2", "--reason", "ill")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.count("Cancelled visit") == 2
    assert [v["status"] for v in visits(cli).values()] == ["cancelled", "cancelled", "planned"]
    assert cli("visit", "cancel", "3", "--json").json()["status"] == "cancelled"
