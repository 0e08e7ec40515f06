"""The morning briefing of `visit plan` (CLI.md "The day"): reports to hand in, follow-ups due
and overdue, open bookings, missed visits; each item with the command that deals with it."""

from __future__ import annotations

import re

import pytest

BRIEFING_KEYS = {
    "pending_reports", "followups_due", "followups_overdue", "bookings_open", "missed",
    "releasing",
}  # fmt: skip


@pytest.fixture
def week(cli, clock):
    """Thursday: plan Friday's two visits; Friday: report one with a booking, miss the other;
    Monday morning 07:30, before the 09:00 deadline of Friday's report."""
    clock("2026-11-26 10:00")
    for name in ("华美商贸", "无锡机电"):
        assert cli("customer", "add", name, "--tier", "key").exit_code == 0
    assert cli("visit", "schedule", "华美", "--date", "2026-11-27", "--at", "10:00").exit_code == 0
    assert cli("visit", "schedule", "无锡", "--date", "2026-11-27", "--at", "14:00").exit_code == 0
    clock("2026-11-27 11:00")
    ran = cli("visit", "report", "1", "--start", "10:00", "--minutes", "30", "--notes", "ok",
              "--booking", "20 boxes")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    clock("2026-11-30 07:30")


def test_briefing_json_has_the_contract_keys_and_counts(cli, week):
    ran = cli("visit", "plan", "--json")
    assert ran.exit_code == 0, ran.stderr
    briefing = ran.json()["briefing"]
    assert set(briefing) >= BRIEFING_KEYS
    assert briefing["pending_reports"] == ["2026-11-27"]
    assert briefing["missed"] == [2]
    assert briefing["bookings_open"] == 1
    # the booking was due on Friday (overdue now), the thank-you call is due today
    assert (briefing["followups_overdue"], briefing["followups_due"]) == (1, 1)
    assert briefing["releasing"] == []
    assert [call["kind"] for call in briefing["calls"]] == ["thanks"]


def test_the_screen_shows_the_briefing_first_with_commands(cli, week):
    ran = cli("visit", "plan")
    assert ran.exit_code == 0, ran.stderr
    screen = ran.stdout
    assert screen.index("First things first") < screen.index("Plan for")
    assert "Report of Fri 2026-11-27 not handed in: due today at 09:00" in screen
    assert "salesvisit daily 2026-11-27 --submit" in screen
    assert "Follow-ups: 1 overdue, 1 due today" in screen
    assert "1 booking not processed yet" in screen
    assert "Visit 2 to 无锡机电 (Fri 2026-11-27) was neither reported nor cancelled" in screen
    assert "salesvisit visit report 2 (or: visit move 2 --date today" in screen
    assert "salesvisit followup done" in screen


def test_handing_in_and_dealing_with_everything_empties_the_briefing(cli, week):
    assert cli("daily", "2026-11-27", "--submit", "--force").exit_code == 0
    assert cli("visit", "cancel", "2").exit_code == 0
    for item in cli("followup", "--json").json():
        assert cli("followup", "done", item["id"]).exit_code == 0
    briefing = cli("visit", "plan", "--json").json()["briefing"]
    assert briefing["pending_reports"] == [] and briefing["missed"] == []
    assert briefing["followups_due"] == briefing["followups_overdue"] == 0
    assert "First things first" not in cli("visit", "plan").stdout


def test_a_report_whose_deadline_has_not_come_is_not_pending(cli, clock, week):
    clock("2026-11-27 18:00")
    assert cli("visit", "plan", "--json").json()["briefing"]["pending_reports"] == []


def test_a_new_user_has_an_empty_briefing(cli, clock):
    clock("2026-11-30 07:30")
    briefing = cli("visit", "plan", "--json").json()["briefing"]
    assert briefing["pending_reports"] == [] and briefing["missed"] == []


def test_months_of_reports_not_handed_in_stay_one_screen(cli, clock, monkeypatch):
    """The latest five are listed with their commands; the earlier ones are counted, with the
    command for the first; the JSON lists them all."""
    clock("2026-10-01 10:00")
    assert cli("customer", "add", "华美商贸").exit_code == 0
    for day in (12, 13, 14, 15, 16, 19, 20, 21):  # eight working days, no report handed in
        clock(f"2026-10-{day} 11:00")
        ran = cli("visit", "report", "--customer", "1", "--start", "10:00", "--minutes", "20",
                  "--notes", "ok")  # fmt: skip
        assert ran.exit_code == 0, ran.stderr
    clock("2026-10-26 08:00")
    pending = cli("visit", "plan", "--json").json()["briefing"]["pending_reports"]
    assert len(pending) == 8
    screen = cli("visit", "plan").stdout
    assert f"3 earlier reports not handed in (the first: {pending[0]})" in screen
    assert f"salesvisit daily {pending[0]} --submit" in screen
    assert screen.count("not handed in:") == 5 and f"Report of Wed {pending[-1]}" in screen
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    chinese = cli("visit", "plan").stdout  # every date in Chinese but the command to type
    assert "另有 3 份更早的日报未交（最早：2026年10月12日）" in chinese
    dated = [line for line in chinese.splitlines() if re.search(r"\d{4}-\d\d-\d\d", line)]
    assert dated and all("salesvisit " in line for line in dated)  # commands to type only
