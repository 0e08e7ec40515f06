"""`visit prep`: the R2 steps of a visit and the day's carry list."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from salesvisit_cli.store.reps import ensure_rep
from tests.factories import add_done_visit, add_rep

NOW = "2026-11-26 07:45"


@pytest.fixture(autouse=True)
def planned(cli, clock):
    clock(NOW)
    cli("customer", "add", "Acme Ltd", "--address", "1 Main St", "--hours", "09:00-17:00")
    cli("customer", "add", "Nofile Co")
    assert cli("visit", "schedule", "Acme", "--at", "10:00").exit_code == 0
    assert cli("visit", "schedule", "Nofile", "--at", "14:00").exit_code == 0


def prep_of(cli, visit_id: int) -> dict:
    doc = cli("visit", "plan", "--json").json()
    return next(v["prep"] for v in doc["visits"] if v["id"] == visit_id)


def test_tick_and_untick_steps_by_name_or_number(cli):
    ran = cli("visit", "prep", "1", "Screen", "4", "--json")
    assert ran.exit_code == 0, ran.stderr
    assert ran.json()["state"] == {
        "screen": True, "materials": False, "address": False, "outline": True,
        "appointment": False,
    }  # fmt: skip
    assert prep_of(cli, 1)["outline"] is True
    assert prep_of(cli, 2) == dict.fromkeys(prep_of(cli, 2), False)
    assert cli("visit", "prep", "1", "screen").exit_code == 0  # ticking twice is harmless
    undone = cli("visit", "prep", "1", "outline", "--undo")
    assert undone.exit_code == 0
    assert "1/5 ready" in undone.stdout
    assert prep_of(cli, 1)["outline"] is False and prep_of(cli, 1)["screen"] is True


def test_all_and_the_appointment_follows_the_visit(cli):
    assert cli("visit", "prep", "1", "all").exit_code == 0
    assert all(prep_of(cli, 1).values())
    visit = cli("visit", "list", "--json").json()[0]
    assert visit["appointment"] is True
    cli("visit", "prep", "1", "appointment", "--undo")
    assert prep_of(cli, 1)["appointment"] is False
    assert cli("visit", "list", "--json").json()[0]["appointment"] is False


def test_steps_by_their_chinese_words(cli):
    ran = cli("visit", "prep", "1", "筛选", "预约", "--json")
    assert ran.exit_code == 0, ran.stderr
    assert [step for step, done in ran.json()["state"].items() if done] == ["screen", "appointment"]
    assert cli("visit", "list", "--json").json()[0]["appointment"] is True
    assert prep_of(cli, 1)["screen"] is True


def test_unknown_item_lists_the_valid_ones_and_writes_nothing(cli):
    ran = cli("visit", "prep", "1", "screen", "coffee")
    assert ran.exit_code == 1
    assert "unknown preparation item 'coffee'" in ran.stderr
    assert "1 screen, 2 materials, 3 address, 4 outline, 5 appointment" in ran.stderr
    assert prep_of(cli, 1)["screen"] is False
    assert cli("visit", "prep", "1").exit_code == 2  # ITEM... is required


def test_address_without_a_file_warns(cli):
    ran = cli("visit", "prep", "2", "address")
    assert ran.exit_code == 0
    assert "no address and office hours on file" in ran.stderr
    assert prep_of(cli, 2)["address"] is True


def test_only_own_planned_visits_can_be_prepared(cli, isolated_env):
    from salesvisit_cli.store.engine import open_store

    store = open_store(isolated_env / "salesvisit.db")
    with store.write() as conn:
        alice = ensure_rep(conn, "alice", datetime(2026, 11, 26))
        bob = add_rep(conn, "bob")
        done = add_done_visit(conn, alice, 1, date(2026, 11, 25))
        bobs = add_done_visit(conn, bob, 1, date(2026, 11, 26), status="planned")
    store.close()
    assert "is done" in cli("visit", "prep", str(done), "screen").stderr
    assert "bob's, not yours" in cli("visit", "prep", str(bobs), "screen").stderr
    cli("visit", "cancel", "2")
    assert "visit 2 is cancelled" in cli("visit", "prep", "2", "screen").stderr
    assert "no visit with id 99" in cli("visit", "prep", "99", "screen").stderr
    assert "invalid visit id" in cli("visit", "prep", "first", "screen").stderr
    assert (
        "--date applies to `visit prep carry`"
        in cli("visit", "prep", "1", "screen", "--date", "today").stderr
    )


def test_carry_items_by_name_or_number_per_day(cli):
    ran = cli("visit", "prep", "carry", "WORK ID", "2", "Pen", "--json")
    assert ran.exit_code == 0, ran.stderr
    state = ran.json()["state"]
    assert [item for item, done in state.items() if done] == ["work ID", "price list", "pen"]
    doc = cli("visit", "plan", "--json").json()
    assert doc["carry_done"] == ["work ID", "price list", "pen"]
    # Another day has its own list.
    assert cli("visit", "plan", "--date", "tomorrow", "--json").json()["carry_done"] == []
    cli("visit", "prep", "carry", "all", "--date", "tomorrow")
    tomorrow = cli("visit", "plan", "--date", "tomorrow", "--json").json()
    assert tomorrow["carry_done"] == tomorrow["carry"]
    cli("visit", "prep", "carry", "pen", "--undo")
    assert cli("visit", "plan", "--json").json()["carry_done"] == ["work ID", "price list"]


def test_carry_follows_the_configured_list(cli, isolated_env):
    (isolated_env / "config.toml").write_text('[checklist]\ncarry = ["Samples", "Tablet"]\n')
    ran = cli("visit", "prep", "carry", "pen")
    assert ran.exit_code == 1
    assert "unknown carry item 'pen'; valid: 1 Samples, 2 Tablet (or all)" in ran.stderr
    assert cli("visit", "prep", "carry", "2").exit_code == 0
    doc = cli("visit", "plan", "--json").json()
    assert doc["carry"] == ["Samples", "Tablet"] and doc["carry_done"] == ["Tablet"]
