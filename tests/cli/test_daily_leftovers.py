"""`daily --submit` with visits still planned: move them to the next working day or cancel
them in one go (`--leftovers move|cancel`, `--yes`), or hand in anyway (`--force`)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def friday(cli, clock):
    """Friday 27 November 2026: three visits planned, one reported; 18:00, handing in."""
    clock("2026-11-27 08:00")
    for name in ("Acme", "Beta", "Gamma"):
        assert cli("customer", "add", name).exit_code == 0
    for name, at in (("Acme", "10:00"), ("Beta", "14:00"), ("Gamma", "16:00")):
        assert cli("visit", "schedule", name, "--at", at).exit_code == 0
    clock("2026-11-27 18:00")
    ran = cli("visit", "report", "1", "--start", "10:00", "--minutes", "30", "--notes", "ok")
    assert ran.exit_code == 0, ran.stderr


def statuses(cli):
    return {v["id"]: (v["status"], v["date"]) for v in cli("visit", "list", "--json").json()}


def test_without_a_choice_the_hand_in_is_refused_naming_the_options(cli):
    ran = cli("daily", "--submit")
    assert ran.exit_code == 1
    assert "2 planned visits of 2026-11-27 not reported: 2 Beta 14:00, 3 Gamma 16:00" in ran.stderr
    assert "--leftovers move" in ran.stderr and "2026-11-30" in ran.stderr
    assert cli("daily", "--json").json()["submitted_at"] is None


def test_leftovers_move_to_the_next_working_day_with_the_hand_in(cli):
    ran = cli("daily", "--submit", "--leftovers", "move", "--json")
    assert ran.exit_code == 0, ran.stderr
    handed = ran.json()
    assert handed["moved"] == [2, 3] and handed["moved_to"] == "2026-11-30"
    assert handed["status"] == "on_time" and handed["not_reported"] == []
    assert statuses(cli) == {
        1: ("done", "2026-11-27"), 2: ("planned", "2026-11-30"), 3: ("planned", "2026-11-30"),
    }  # fmt: skip


def test_yes_moves_them_without_asking_and_the_screen_says_so(cli):
    ran = cli("daily", "--submit", "--yes")
    assert ran.exit_code == 0, ran.stderr
    assert "Moved 2 visits to Mon 2026-11-30" in ran.stdout


def test_leftovers_cancel(cli):
    ran = cli("daily", "--submit", "--leftovers", "cancel", "--json")
    assert ran.exit_code == 0, ran.stderr
    assert ran.json()["cancelled"] == [2, 3]
    assert [status for status, _day in statuses(cli).values()] == ["done", "cancelled", "cancelled"]


def test_contradicting_or_unknown_choices_are_usage_errors(cli):
    assert cli("daily", "--submit", "--leftovers", "burn").exit_code == 2
    assert cli("daily", "--submit", "--leftovers", "cancel", "--yes").exit_code == 2
    assert cli("daily", "--leftovers", "move").exit_code == 2
    assert cli("daily", "--json").json()["submitted_at"] is None
