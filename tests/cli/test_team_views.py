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
    cli("--rep", "bob", "customer", "add", "Bob Own")
    _report(cli, "alice", "acme", "09:00")
    _report(cli, "bob", "bob own", "10:00")
    warned = _report(cli, "bob", "acme", "11:00")
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
