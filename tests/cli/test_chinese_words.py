"""zh-CN screens write dates, months and lists as a Chinese reader does (issue #14)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def chinese_day(cli, clock, monkeypatch, tmp_path):
    """A day in zh-CN: one reported visit (a booking, a thank-you call), one cancelled."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    clock("2026-12-02 17:00")
    for name in ("上海华美贸易", "苏州新科电子"):
        assert cli("customer", "add", name, "--status", "client").exit_code == 0
    assert cli("visit", "schedule", "新科", "--date", "今天", "--at", "15:00").exit_code == 0
    reported = cli(
        "visit", "report", "--customer", "华美", "--start", "10:00", "--minutes", "25",
        "--notes", "介绍新价格", "--booking", "200 箱",
    )  # fmt: skip
    assert reported.exit_code == 0, reported.stderr
    return cli


def test_a_cancel_reason_in_chinese_brackets(chinese_day):
    shown = chinese_day("visit", "cancel", "1", "--reason", "客户推迟").stdout
    assert "12月2日 周三" in shown and "（客户推迟）" in shown
    assert "(客户推迟)" not in shown


def test_the_day_lists_its_follow_ups_with_the_chinese_comma(chinese_day):
    shown = chinese_day("daily").stdout
    assert "预订立即处理、" in shown
    assert ", " not in shown


def test_files_and_months_say_their_day_and_month_in_chinese(chinese_day):
    wrote = chinese_day("report", "day", "今天", "--output", "day.md")
    assert wrote.exit_code == 0, wrote.stderr
    assert "12月2日 周三" in wrote.stdout
    day_file = Path("day.md").read_text(encoding="utf-8")
    assert "预订" in day_file  # the follow-up's kind, not `booking`
    assert "2026年12月" in chinese_day("quota").stdout
    assert "2026年12月" in chinese_day("quota", "--team").stdout


def test_config_show_lists_the_default_carry_list_in_chinese(chinese_day):
    shown = chinese_day("config", "show").stdout
    assert "工作证、价格资料" in shown
    assert "work ID" not in shown
