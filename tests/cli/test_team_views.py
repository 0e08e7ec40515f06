"""Manager views on a single-user SQLite file: `daily --team`, `followup --team`,
`quota --team`, and conflicts (R8: a visit to another salesperson's customer) in them."""

from __future__ import annotations

import pytest


def _report(cli, rep: str, ref: str, start: str, *extra: str):
    done = cli(
        "--rep", rep, "visit", "report", "-c", ref, "--start", start, "-m", "20", "-n", "x",
        *extra,
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    return done


@pytest.fixture
def conflict(cli, clock):
    """alice owns Acme; on Tuesday 10 March 2026 bob visits it too, and schedules another."""
    clock("2026-03-10 17:00")
    cli("customer", "add", "Acme Trading")
    assert cli("rep", "add", "bob").exit_code == 0
    cli("--rep", "bob", "customer", "add", "Bob Own")
    _report(cli, "alice", "acme", "09:00")
    _report(cli, "bob", "bob own", "10:00")
    warned = _report(cli, "bob", "acme", "11:00", "--complaint", "late delivery")
    assert "belongs to alice" in warned.stderr and "conflict" in warned.stderr
    planned = cli("--rep", "bob", "visit", "schedule", "acme", "--date", "2026-03-12", "--json")
    assert planned.exit_code == 0 and planned.json()["conflict"] is True


def test_conflicts_in_quota_team_and_customer_show(cli, conflict):
    team = {q["rep"]: q for q in cli("quota", "--team", "--json").json()}
    assert (team["bob"]["conflicts"], team["alice"]["conflicts"]) == (1, 0)  # done visits only
    assert (team["bob"]["visits"], team["alice"]["visits"]) == (2, 1)
    table = cli("quota", "--team")
    assert table.exit_code == 0 and "Conflicts" in table.stdout
    rows = {line.split()[0]: line.split() for line in table.stdout.splitlines() if line.strip()}
    header = rows["Salesperson"]
    assert rows["bob"][header.index("Conflicts")] == "1"
    assert rows["alice"][header.index("Conflicts")] == "0"
    assert "Conflicts: 1 visit(s)" in cli("--rep", "bob", "quota").stdout
    assert "Conflicts" not in cli("quota").stdout

    shown = cli("customer", "show", "acme", "--json").json()
    flags = {(v["rep"], v["status"]): v["conflict"] for v in shown["visits"]}
    assert flags == {("alice", "done"): False, ("bob", "done"): True, ("bob", "planned"): True}
    text = cli("customer", "show", "acme").stdout
    assert text.count("bob conflict") == 2 and "alice conflict" not in text
    assert "2 visit(s) by a salesperson other than the owner" in text
    assert "conflict" not in cli("customer", "show", "bob own").stdout


def _daily_team(cli, day: str = "2026-03-10"):
    ran = cli("daily", day, "--team", "--json")
    assert ran.exit_code == 0, ran.stderr
    return {d["rep"]: d for d in ran.json()}


def test_daily_team_who_handed_in_who_is_late_or_missing(cli, clock, conflict):
    for rep in ("carol", "dave"):
        assert cli("rep", "add", rep).exit_code == 0
    cli("--rep", "carol", "customer", "add", "Carol Prospect")  # carol: no visits that day
    cli("--rep", "dave", "customer", "add", "Dave Prospect")
    _report(cli, "dave", "dave prospect", "12:00")
    assert cli("daily", "--submit").exit_code == 0  # alice: on time, the same evening
    before = _daily_team(cli)
    assert {r: d["status"] for r, d in before.items()} == {
        "alice": "on_time", "bob": "pending", "carol": None, "dave": "pending",
    }  # fmt: skip
    clock("2026-03-11 09:30")
    assert cli("--rep", "bob", "daily", "yesterday", "--submit").exit_code == 0  # late
    team = _daily_team(cli)
    assert list(team) == ["alice", "bob", "carol", "dave"]
    figures = {
        r: (d["visits"], d["new_customers"], d["conflicts"], d["status"]) for r, d in team.items()
    }
    assert figures == {
        "alice": (1, 1, 0, "on_time"),
        "bob": (2, 2, 1, "late"),
        "carol": (0, 0, 0, None),  # no visits: nothing due, as `daily --json` says for her
        "dave": (1, 1, 0, "missing"),
    }
    assert team["bob"]["complaints"] == 1
    assert team["bob"]["submitted_at"] == "2026-03-11T09:30:00"
    assert team["alice"]["deadline"] == "2026-03-11T09:00:00"
    for rep, day in team.items():  # each row is that salesperson's `daily --json`
        assert cli("--rep", rep, "daily", "2026-03-10", "--json").json() == day
    table = cli("daily", "yesterday", "--team")
    assert table.exit_code == 0, table.stderr
    rows = {line.split()[0]: line for line in table.stdout.splitlines() if line.strip()}
    assert "on time" in rows["alice"] and "late" in rows["bob"]
    assert "missing" in rows["dave"] and "no visits" in rows["carol"]
    assert "3 of 4 with visits: 1 on time, 1 late, 1 missing, 0 pending" in table.stdout
    refused = cli("daily", "--team", "--submit")
    assert refused.exit_code == 2 and "--team" in refused.stderr


def test_followup_team_overdue_per_salesperson(cli, clock, conflict):
    assert cli("rep", "add", "carol").exit_code == 0
    cli("--rep", "carol", "customer", "add", "Carol Prospect")
    added = cli("--rep", "carol", "followup", "add", "carol", "--due", "2026-03-20", "--json")
    assert added.exit_code == 0, added.stderr
    clock("2026-03-13 10:00")
    team = cli("followup", "--team", "--json").json()
    assert [r["rep"] for r in team] == ["bob", "alice", "carol"]  # most overdue first
    bob, alice, carol = team
    assert bob["overdue"] == 2 and bob["oldest_due"] == "2026-03-11"
    assert bob["overdue_by_kind"] == {
        "booking": 0, "complaint": 1, "thanks": 1, "call": 0, "other": 0,
    }  # fmt: skip
    assert (bob["days_overdue"], bob["open"]) == (2, 2)
    assert {f["kind"] for f in bob["followups"]} == {"complaint", "thanks"}
    assert (alice["overdue"], alice["overdue_by_kind"]["thanks"]) == (1, 1)
    assert (carol["overdue"], carol["oldest_due"], carol["open"]) == (0, None, 1)
    assert carol["followups"] == []  # not overdue: listed with --all only
    every = {r["rep"]: r for r in cli("followup", "--team", "--all", "--json").json()}
    assert [f["due"] for f in every["carol"]["followups"]] == ["2026-03-20"]
    thanks = next(f for f in alice["followups"] if f["kind"] == "thanks")
    assert cli("followup", "done", str(thanks["id"])).exit_code == 0
    after = {r["rep"]: r for r in cli("followup", "--team", "--json").json()}
    assert (after["alice"]["overdue"], after["alice"]["open"]) == (0, 0)
    text = cli("followup", "--team")
    assert text.exit_code == 0, text.stderr
    rows = {line.split()[0]: line.split() for line in text.stdout.splitlines() if line.strip()}
    header = rows["Salesperson"]
    assert rows["bob"][header.index("Overdue")] == "2"
    assert rows["bob"][header.index("Complaint")] == "1"
    assert "2026-03-11" in rows["bob"]
    assert "2 overdue follow-up(s) with 1 of 3 salespeople" in text.stdout
    listed = cli("followup", "--team", "--all").stdout
    assert "late delivery" in listed and "Carol Prospect" in listed
