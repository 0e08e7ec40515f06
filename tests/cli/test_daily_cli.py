"""`daily`: the day's summary, the hand-in and its four states."""

import pytest

DAILY_KEYS = {
    "date", "rep", "visits", "new_customers", "minutes", "over_time", "bookings", "complaints",
    "deadline", "submitted_at", "status",
}  # fmt: skip


@pytest.fixture
def thursday(cli, clock):
    """Thursday 2026-11-26: two prospects (one new, one booked) and a known client."""
    clock("2026-11-20 12:00")
    cli("customer", "add", "Known Client", "--status", "client")
    cli("customer", "add", "Old Prospect")
    cli("visit", "report", "-c", "old prospect", "--start", "10:00", "-m", "20", "-n", "x")
    cli("customer", "add", "New Prospect")
    clock("2026-11-26 17:00")
    for ref, start, extra in (
        ("known", "09:00", ["--complaint", "late"]),
        ("old prospect", "10:00", ["--booking", "trial"]),
        ("new prospect", "11:00", ["-m", "45"]),
    ):
        args = ["visit", "report", "-c", ref, "--start", start, "-n", "x", *extra]
        if "-m" not in extra:
            args += ["-m", "20"]
        assert cli(*args).exit_code == 0


def test_summary_json(cli, thursday):
    day = cli("daily", "--json").json()
    assert set(day) >= DAILY_KEYS
    assert {k: day[k] for k in ("date", "rep", "visits", "new_customers", "minutes")} == {
        "date": "2026-11-26", "rep": "alice", "visits": 3, "new_customers": 1, "minutes": 85,
    }  # fmt: skip
    assert (day["over_time"], day["bookings"], day["complaints"]) == (1, 1, 1)
    assert day["deadline"] == "2026-11-27T09:00:00"
    assert (day["submitted_at"], day["status"]) == (None, "pending")
    text = cli("daily").stdout
    assert "Known Client" in text and "new" in text and "not handed in yet" in text


def test_on_time_then_amendment_keeps_the_first(cli, clock, thursday):
    handed = cli("daily", "--submit", "--json").json()
    assert (handed["status"], handed["submitted_at"]) == ("on_time", "2026-11-26T17:00:00")
    clock("2026-11-27 10:00")
    again = cli("daily", "2026-11-26", "--submit")
    assert again.exit_code == 0 and "amendment" in again.stdout
    day = cli("daily", "yesterday", "--json").json()
    assert day["status"] == "on_time" and day["submitted_at"] == "2026-11-26T17:00:00"
    assert day["amended_at"] == ["2026-11-27T10:00:00"]


def test_late(cli, clock, thursday):
    clock("2026-11-27 09:01")
    handed = cli("daily", "yesterday", "--submit", "--json").json()
    assert handed["status"] == "late"


def test_missing_and_pending(cli, clock, thursday):
    clock("2026-11-27 08:59")
    assert cli("daily", "yesterday", "--json").json()["status"] == "pending"
    clock("2026-11-27 09:00:01")
    assert cli("daily", "yesterday", "--json").json()["status"] == "missing"


def test_friday_is_due_monday(cli, clock, thursday):
    clock("2026-11-27 12:00")
    cli("visit", "report", "-c", "known", "--start", "10:00", "-m", "20", "-n", "x")
    assert cli("daily", "--json").json()["deadline"] == "2026-11-30T09:00:00"


def test_submit_without_a_day_next_morning_hands_in_yesterday(cli, clock, thursday):
    clock("2026-11-27 08:30")
    handed = cli("daily", "--submit", "--json").json()
    assert handed["date"] == "2026-11-26" and handed["status"] == "on_time"


def test_submit_refusals(cli, clock, thursday):
    future = cli("daily", "tomorrow", "--submit")
    assert future.exit_code == 1 and "future" in future.stderr
    empty = cli("daily", "2026-11-25", "--submit")
    assert empty.exit_code == 1 and "no completed visits" in empty.stderr
    assert cli("daily", "--force").exit_code == 2


def test_unreported_planned_visits_need_force(cli, clock, thursday):
    # A next meeting agreed for later today is a planned visit not yet reported.
    cli("visit", "report", "-c", "known", "--start", "12:00", "-m", "20", "-n", "x",
        "--next", "2026-11-26 18:00", "--again")  # fmt: skip
    refused = cli("daily", "--submit")
    assert (
        refused.exit_code == 1 and "not reported" in refused.stderr and "--force" in refused.stderr
    )
    assert cli("daily", "--json").json()["submitted_at"] is None
    forced = cli("daily", "--submit", "--force", "--json")
    assert forced.exit_code == 0 and "not reported" in forced.stderr
    assert forced.json()["status"] == "on_time"


def test_a_day_without_visits_is_not_called_missing(cli, clock):
    clock("2026-03-20 10:00")
    as_json = cli("daily", "2026-03-10", "--json").json()
    assert as_json["visits"] == 0 and as_json["status"] is None
    text = cli("daily", "2026-03-10").stdout
    assert "nothing to hand in" in text and "MISSING" not in text


def test_the_hand_in_carries_market_notes_and_shows_tomorrows_plan(cli, clock, thursday):
    """业务员每日工作流程: the evening hands in the day with the market notes (市场动态) and
    looks at tomorrow's plan (明天的任务安排: the next working day's planned visits)."""
    assert cli("visit", "schedule", "Known Client", "--date", "2026-11-27", "--at", "10:00")
    assert cli("daily", "--json").json()["market"] is None
    handed = cli("daily", "--submit", "--market", "Rivals cut prices by 5%", "--json")
    assert handed.exit_code == 0, handed.stderr
    result = handed.json()
    assert result["market"] == "Rivals cut prices by 5%"
    assert result["tomorrow"]["date"] == "2026-11-27"
    assert [(v["customer"], v["at"]) for v in result["tomorrow"]["visits"]] == [
        ("Known Client", "10:00")
    ]
    assert cli("daily", "--json").json()["market"] == "Rivals cut prices by 5%"
    again = cli("daily", "--submit")  # an amendment without notes keeps the last ones
    assert "Tomorrow's plan (Fri 2026-11-27)" in again.stdout and "Known Client" in again.stdout
    assert "Rivals cut prices by 5%" in again.stdout
    refused = cli("daily", "--market", "x")
    assert refused.exit_code == 2 and "--market" in refused.stderr
