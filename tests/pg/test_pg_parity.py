"""Parity: the same history, built through the real CLI on a frozen clock, reads the same on
SQLite and on PostgreSQL, and in team mode each login's own view matches the single-file one.

The history: a manager and two salespeople; customers known and prospects (Chinese names too);
visit reports with new customers, over time, a booking (prospect → client), complaints, a next
meeting, a conflict (a visit to the other salesperson's customer), a scheduled visit completed
and one cancelled; hand-ins on time, late, and a missing day; a follow-up done and one added.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.postgres

OWNER = "sv_parity_owner"
REPS = ("alice", "bob")


def _ok(ran) -> Any:
    assert ran.exit_code == 0, ran.stderr
    return ran.json() if ran.stdout.lstrip().startswith(("{", "[")) else ran.stdout


def _report(cli, rep: str, *args: str) -> dict:
    return _ok(cli("--rep", rep, "visit", "report", *args, "--json"))


def build_history(cli, clock) -> None:
    clock("2026-03-02 08:00")  # Monday
    _ok(cli("rep", "add", "Wang Li", "--manager"))
    for rep in REPS:
        _ok(cli("--rep", "Wang Li", "rep", "add", rep))
    _ok(cli("--rep", "alice", "customer", "add", "Known Client", "--status", "client", "--json"))
    _ok(cli("--rep", "alice", "customer", "add", "Prospect A", "--tier", "key", "--json"))
    _ok(cli("--rep", "alice", "customer", "add", "Prospect B", "--json"))
    _ok(cli("--rep", "bob", "customer", "add", "华美贸易", "--json"))
    _ok(cli("--rep", "bob", "customer", "add", "Bob Prospect", "--json"))
    planned = _ok(
        cli("--rep", "alice", "visit", "schedule", "Prospect B", "--date", "2026-03-04",
            "--at", "10:00", "--appointment", "--json")
    )  # fmt: skip
    dropped = _ok(
        cli("--rep", "bob", "visit", "schedule", "Bob Prospect", "--date", "2026-03-05", "--json")
    )

    clock("2026-03-02 17:00")
    _report(cli, "alice", "-c", "Known Client", "--start", "09:00", "-m", "20", "-n", "catch-up")
    _report(
        cli, "alice", "-c", "Prospect A", "--start", "10:00", "-m", "45", "-n", "first talk",
        "--booking", "20 boxes", "--next", "2026-03-09 14:00", "--next-place", "their office",
    )  # fmt: skip
    _report(
        cli, "bob", "-c", "华美", "--start", "09:30", "-m", "25", "-n", "intro",
        "--complaint", "late delivery", "--suggestion", "faster trucks",
    )  # fmt: skip
    conflict = _report(cli, "bob", "-c", "Prospect A", "--start", "14:00", "-m", "15", "-n", "x")
    assert conflict["conflict"] is True
    _ok(cli("--rep", "alice", "daily", "--submit"))  # on time

    clock("2026-03-03 09:30")
    _ok(cli("--rep", "bob", "daily", "yesterday", "--submit"))  # late

    clock("2026-03-04 16:00")
    _report(
        cli, "alice", str(planned["id"]), "--start", "10:05", "-m", "30", "-n", "planned call",
    )  # fmt: skip
    _report(cli, "bob", "-c", "Bob Prospect", "--start", "11:00", "-m", "31", "-n", "over")
    _ok(cli("--rep", "bob", "visit", "cancel", str(dropped["id"]), "--reason", "done early"))
    # bob never hands 2026-03-04 in: missing after 2026-03-05 09:00

    clock("2026-03-05 08:30")
    thanks = next(
        f
        for f in _ok(cli("--rep", "alice", "followup", "--all", "--json"))
        if f["kind"] == "thanks"
    )
    _ok(cli("--rep", "alice", "followup", "done", str(thanks["id"]), "--note", "called"))
    _ok(cli("--rep", "alice", "followup", "add", "Known Client", "--due", "2026-03-10",
            "--kind", "call", "--note", "send the price list"))  # fmt: skip
    _ok(cli("--rep", "alice", "daily", "2026-03-04", "--submit"))  # on time

    clock("2026-03-06 10:00")  # Friday: bob's 2026-03-04 report is missing


def _without(document: Any, keys: frozenset[str] = frozenset({"created_at"})) -> Any:
    """The document without generated timestamps."""
    if isinstance(document, dict):
        return {k: _without(v, keys) for k, v in document.items() if k not in keys}
    if isinstance(document, list):
        return [_without(v, keys) for v in document]
    return document


def rep_view(cli, *rep_option: str) -> dict[str, Any]:
    """What one salesperson reads (`--rep NAME`, or nothing: the login's salesperson)."""

    def read(*args: str) -> Any:
        return _without(_ok(cli(*rep_option, *args, "--json")))

    return {
        "quota": read("quota"),
        "quota_feb": read("quota", "--month", "2026-02"),
        "daily_0302": read("daily", "2026-03-02"),
        "daily_0304": read("daily", "2026-03-04"),
        "daily_today": read("daily"),
        "followup": read("followup"),
        "followup_all": read("followup", "--all"),
        "visits": read("visit", "list"),
        "plan_0309": {k: v for k, v in read("visit", "plan", "--date", "2026-03-09").items()},
    }


def team_view(cli, *rep_option: str) -> dict[str, Any]:
    def read(*args: str) -> Any:
        return _without(_ok(cli(*rep_option, *args, "--json")))

    return {
        "quota_team": read("quota", "--team"),
        "daily_team_0302": read("daily", "2026-03-02", "--team"),
        "daily_team_0304": read("daily", "2026-03-04", "--team"),
        "followup_team": read("followup", "--team", "--all"),
        "customers": read("customer", "list"),
        "prospect_a": read("customer", "show", "Prospect A"),
    }


@pytest.mark.slow
def test_the_same_history_reads_the_same_on_sqlite_and_postgres(
    cli, clock, make_pg_db, monkeypatch
):
    build_history(cli, clock)
    on_sqlite = {rep: rep_view(cli, "--rep", rep) for rep in REPS}
    team_on_sqlite = team_view(cli, "--rep", "Wang Li")
    # The history is what it claims to be.
    alice, bob = on_sqlite["alice"], on_sqlite["bob"]
    assert (alice["quota"]["visited"], alice["quota"]["new_visited"]) == (3, 2)
    assert alice["quota"]["over_time_visits"] == 1 and alice["quota"]["reports"]["on_time"] == 2
    assert bob["quota"]["reports"] == {
        "days": 2,
        "on_time": 0,
        "late": 1,
        "missing": 1,
        "pending": 0,
    }
    assert bob["quota"]["conflicts"] == 1 and bob["quota"]["complaints"] == 1
    assert [v["status"] for v in bob["visits"]] == ["done", "done", "done", "cancelled"]
    assert {d["rep"]: d["status"] for d in team_on_sqlite["daily_team_0304"]} == {
        "alice": "on_time", "bob": "missing", "Wang Li": None,  # the manager made no visits
    }  # fmt: skip

    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    build_history(cli, clock)
    for rep in REPS:
        assert rep_view(cli, "--rep", rep) == on_sqlite[rep], rep
    assert team_view(cli, "--rep", "Wang Li") == team_on_sqlite

    # Team mode: each salesperson through their own login (the rep the login maps to, no
    # --rep) reads exactly their single-file view; the manager reads the whole team's.
    roles = {m["rep"]: m["role"] for m in _ok(cli("team", "init", "--yes", "--json"))["members"]}
    monkeypatch.delenv("SALESVISIT_REP")
    for rep in REPS:
        monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles[rep]))
        assert rep_view(cli) == on_sqlite[rep], rep
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles["Wang Li"]))
    assert team_view(cli) == team_on_sqlite
