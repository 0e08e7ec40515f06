"""No double reports (CLI.md "The day"): a report for a customer planned that day completes
the planned visit; a second completed visit the same day needs --again; overlapping times are
refused; a change after the hand-in sets `changed_since_submit` and asks for a new hand-in."""

from __future__ import annotations

import pytest


def ok(ran):
    assert ran.exit_code == 0, ran.stderr
    return ran.json() if ran.stdout.lstrip().startswith(("{", "[")) else ran.stdout


@pytest.fixture(autouse=True)
def planned(cli, clock):
    """Thursday 26 November 2026: 无锡 planned at 10:00, 华美 known too; 17:00 reporting."""
    clock("2026-11-26 08:00")
    ok(cli("customer", "add", "无锡机电"))
    ok(cli("customer", "add", "华美贸易"))
    ok(cli("visit", "schedule", "无锡", "--at", "10:00"))
    clock("2026-11-26 17:00")


def report(cli, *args):
    return cli("visit", "report", *args, "--notes", "x", "--json")


def test_a_report_by_customer_completes_the_planned_visit(cli):
    done = ok(report(cli, "--customer", "无锡", "--start", "10:05", "--minutes", "30"))
    assert done["id"] == 1
    assert [v["status"] for v in ok(cli("visit", "list", "--json"))] == ["done"]
    assert ok(cli("daily", "--json"))["visits"] == 1


def test_a_second_visit_the_same_day_is_refused_naming_the_first_unless_again(cli):
    ok(report(cli, "--customer", "华美", "--start", "09:00", "--minutes", "20"))
    ran = report(cli, "--customer", "华美", "--start", "15:00", "--minutes", "20")
    assert ran.exit_code == 1
    assert "visit 2" in ran.stderr and "--again" in ran.stderr
    again = ok(report(cli, "--customer", "华美", "--start", "15:00", "--minutes", "20", "--again"))
    assert again["id"] == 3


def test_overlapping_reports_are_refused_naming_the_other_visit(cli):
    ok(report(cli, "--customer", "华美", "--start", "11:00", "--minutes", "20"))
    ran = report(cli, "1", "--start", "11:10", "--minutes", "20")
    assert ran.exit_code == 1
    assert "visit 2" in ran.stderr and "华美贸易" in ran.stderr and "11:00" in ran.stderr
    ok(report(cli, "1", "--start", "11:20", "--minutes", "20"))  # back to back is fine
    ran = cli("visit", "report", "1", "--amend", "--start", "11:15")
    assert ran.exit_code == 1 and "visit 2" in ran.stderr


def test_a_change_after_the_hand_in_asks_for_a_new_one(cli, clock):
    ok(report(cli, "1", "--start", "10:00", "--minutes", "30"))
    ok(cli("daily", "--submit"))
    assert ok(cli("daily", "--json"))["changed_since_submit"] is False
    clock("2026-11-26 18:00")
    ok(report(cli, "--customer", "华美", "--start", "15:00", "--minutes", "20"))
    daily = ok(cli("daily", "--json"))
    assert daily["changed_since_submit"] is True and daily["status"] == "on_time"
    clock("2026-11-27 08:00")
    assert ok(cli("visit", "plan", "--json"))["briefing"]["pending_reports"] == ["2026-11-26"]
    ok(cli("daily", "yesterday", "--submit"))
    assert ok(cli("daily", "yesterday", "--json"))["changed_since_submit"] is False
    assert ok(cli("visit", "plan", "--json"))["briefing"]["pending_reports"] == []


def test_a_void_after_the_hand_in_asks_for_a_new_one(cli, clock):
    ok(report(cli, "1", "--start", "10:00", "--minutes", "30"))
    ok(cli("daily", "--submit"))
    clock("2026-11-26 18:00")
    ok(cli("visit", "void", "1", "--reason", "did not happen"))
    assert ok(cli("daily", "--json"))["changed_since_submit"] is True
    handed = ok(cli("daily", "--submit", "--json"))
    assert handed["changed_since_submit"] is False and handed["visits"] == 0


def test_an_unknown_customer_says_how_to_add_it_on_the_spot(cli):
    ran = report(cli, "--customer", "苏州新科", "--start", "09:00", "--minutes", "20")
    assert ran.exit_code == 1
    assert "no customer matches" in ran.stderr and "--new-customer NAME" in ran.stderr


def test_new_customer_is_added_with_the_report_in_one_go(cli):
    done = ok(report(cli, "--new-customer", "苏州新科电子", "--start", "09:00", "--minutes", "20"))
    shown = ok(cli("customer", "show", "苏州新科", "--json"))
    customer = shown.get("customer", shown)
    assert done["customer_id"] == customer["id"] and customer["owner"] == "alice"
    assert done["new_customer"] is True
    assert ok(cli("quota", "--json"))["new_visited"] == 1


def test_new_customer_has_the_checks_of_customer_add_and_writes_nothing_when_refused(cli):
    ran = report(cli, "--new-customer", "华美贸易", "--start", "09:00", "--minutes", "20")
    assert ran.exit_code == 1 and "already on file" in ran.stderr and "--customer 2" in ran.stderr
    ran = report(cli, "--new-customer", "  ", "--start", "09:00", "--minutes", "20")
    assert ran.exit_code == 1
    ran = report(cli, "--new-customer", "Neu GmbH", "--start", "09:00", "--minutes", "0")
    assert ran.exit_code == 1
    assert len(ok(cli("customer", "list", "--json"))) == 2
