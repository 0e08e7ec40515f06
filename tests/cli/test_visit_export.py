"""visit export --ics: every file parsed back with icalendar (UIDs, times, status, sequence)."""

from __future__ import annotations

import stat
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def planned(cli, clock):
    clock("2026-12-03 08:00")
    cli("customer", "add", "上海华美贸易", "--address", "上海市浦东新区世纪大道 100 号")
    cli("customer", "add", "=cmd|' /C calc'!A0", "--address", "\u202eevil")
    cli("visit", "schedule", "1", "--date", "2026-12-04", "--at", "10:00", "--purpose", "新目录")
    cli("visit", "schedule", "2", "--date", "2026-12-04")
    cli("visit", "schedule", "2", "--date", "2026-12-07", "--at", "14:30")
    assert cli("visit", "cancel", "3").exit_code == 0


def _events(text: str | bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_uids_stay_and_times_are_in_the_configured_zone(cli, planned):
    assert cli("config", "set", "calendar.time_zone", "Asia/Shanghai").exit_code == 0
    first = cli("visit", "export", "--ics")
    assert first.exit_code == 0, first.stderr
    events = _events(first.stdout)
    assert set(events) == {"visit-1@salesvisit", "visit-2@salesvisit", "visit-3@salesvisit"}
    timed = events["visit-1@salesvisit"]
    start, end = timed.decoded("DTSTART"), timed.decoded("DTEND")
    assert start == datetime(2026, 12, 4, 10, 0, tzinfo=SHANGHAI)
    assert start.tzinfo.key == "Asia/Shanghai" and end - start == timedelta(minutes=30)
    assert str(timed["SUMMARY"]) == "上海华美贸易"
    assert str(timed["LOCATION"]) == "上海市浦东新区世纪大道 100 号"
    assert "新目录" in str(timed["DESCRIPTION"]) and "make an appointment" in str(
        timed["DESCRIPTION"]
    )
    assert str(timed["STATUS"]) == "CONFIRMED" and int(timed["SEQUENCE"]) == 0
    assert "TZID:Asia/Shanghai" in first.stdout and "BEGIN:VTIMEZONE" in first.stdout
    again = _events(cli("visit", "export", "--ics").stdout)
    assert set(again) == set(events)
    assert again["visit-1@salesvisit"].decoded("DTSTART") == start


def test_untimed_visits_are_all_day_and_cancelled_ones_say_so(cli, planned):
    events = _events(cli("visit", "export", "--ics").stdout)
    untimed = events["visit-2@salesvisit"]
    assert untimed.decoded("DTSTART") == date(2026, 12, 4)
    assert untimed.decoded("DTEND") == date(2026, 12, 5)
    assert str(untimed["SUMMARY"]) == "=cmd|' /C calc'!A0"
    assert "\u202e" not in str(untimed["LOCATION"])
    cancelled = events["visit-3@salesvisit"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 1  # raised over the copy a phone imported before


def test_without_a_zone_times_are_utc(cli, planned):
    event = _events(cli("visit", "export", "--ics").stdout)["visit-1@salesvisit"]
    start = event.decoded("DTSTART")
    assert start.utcoffset() == timedelta(0) and start.tzname() == "UTC"
    assert start == datetime(2026, 12, 4, 10, 0).astimezone()


def test_a_moved_visit_raises_its_sequence(cli, planned):
    before = _events(cli("visit", "export", "--ics").stdout)["visit-1@salesvisit"]
    assert cli("visit", "move", "1", "--date", "2026-12-08", "--at", "11:00").exit_code == 0
    after = _events(cli("visit", "export", "--ics").stdout)["visit-1@salesvisit"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 12, 8, 11, 0)


def test_range_and_private_file(cli, planned, tmp_path):
    target = tmp_path / "week.ics"
    done = cli("visit", "export", "--ics", "--from", "2026-12-05", "--to", "2026-12-31",
               "--output", target)  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert "Exported 1 visit(s)" in done.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert set(_events(target.read_bytes())) == {"visit-3@salesvisit"}
    refused = cli("visit", "export", "--ics", "--output", target)
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert cli("visit", "export", "--ics", "--output", target, "--force").exit_code == 0
    assert len(_events(target.read_bytes())) == 3
    missing = cli("visit", "export", "--ics", "--output", tmp_path / "nowhere" / "a.ics")
    assert missing.exit_code == 1 and missing.stderr.count("Error") == 1
    assert "does not exist" in missing.stderr


def test_a_format_is_required_and_ranges_are_checked(cli, planned):
    assert cli("visit", "export").exit_code == 2
    reversed_range = cli("visit", "export", "--ics", "--from", "2026-12-09", "--to", "2026-12-01")
    assert reversed_range.exit_code == 1 and "after" in reversed_range.stderr


def test_the_description_speaks_the_interface_language(cli, planned):
    assert cli("config", "set", "ui.language", "zh-CN").exit_code == 0
    event = _events(cli("visit", "export", "--ics").stdout)["visit-1@salesvisit"]
    assert "目的：新目录" in str(event["DESCRIPTION"])
    assert "事先做好预约" in str(event["DESCRIPTION"])
