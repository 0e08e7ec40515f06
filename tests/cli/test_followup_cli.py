"""`followup`: the work list (due and overdue, overdue first), done, add, snooze."""

import pytest

FOLLOWUP_KEYS = {"id", "customer_id", "customer", "kind", "due", "note", "done_at", "overdue"}


@pytest.fixture
def worked(cli, clock):
    """Acme visited Monday (complaint), Blue visited Wednesday; today is Thursday."""
    clock("2026-11-23 17:00")
    cli("customer", "add", "Acme Ltd", "--phone", "021 5555 0101", "--contact", "王经理")
    cli("customer", "add", "Blue River Foods")
    cli("visit", "report", "-c", "acme", "--start", "10:00", "-m", "20", "-n", "x",
        "--complaint", "late delivery")  # fmt: skip
    clock("2026-11-25 17:00")
    cli("visit", "report", "-c", "blue", "--start", "10:00", "-m", "20", "-n", "x")
    clock("2026-11-26 09:00")


def test_default_list_is_due_and_overdue_overdue_first(cli, worked):
    items = cli("followup", "--json").json()
    assert all(set(item) >= FOLLOWUP_KEYS for item in items)
    assert [(i["customer"], i["kind"], i["overdue"]) for i in items] == [
        ("Acme Ltd", "complaint", True),
        ("Acme Ltd", "thanks", True),
        ("Blue River Foods", "thanks", False),
    ]
    assert items[0]["phone"] == "021 5555 0101" and items[0]["note"] == "late delivery"
    shown = cli("followup")
    assert shown.exit_code == 0 and "OVERDUE 2d" in shown.stdout and "021 5555 0101" in shown.stdout


def test_all_includes_future_ones(cli, worked):
    cli("followup", "add", "blue", "--due", "2026-12-01", "--kind", "call", "--note", "prices")
    assert len(cli("followup", "--json").json()) == 3
    every = cli("followup", "--all", "--json").json()
    assert len(every) == 4 and every[-1]["due"] == "2026-12-01"


def test_done_once(cli, worked):
    first = cli("followup", "--json").json()[0]
    done = cli("followup", "done", str(first["id"]), "--note", "called back", "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["done_at"] == "2026-11-26T09:00:00"
    assert first["id"] not in [i["id"] for i in cli("followup", "--all", "--json").json()]
    twice = cli("followup", "done", str(first["id"]))
    assert twice.exit_code == 1 and "already done" in twice.stderr
    assert cli("followup", "done", "999").exit_code == 1


def test_add_checks_kind_and_due(cli, worked):
    added = cli("followup", "add", "acme", "--due", "tomorrow", "--kind", "other", "--json")
    assert added.exit_code == 0 and added.json()["due"] == "2026-11-27"
    bad = cli("followup", "add", "acme", "--due", "tomorrow", "--kind", "lunch")
    assert bad.exit_code == 1 and "invalid kind" in bad.stderr
    past = cli("followup", "add", "acme", "--due", "yesterday", "--kind", "call")
    assert past.exit_code == 1 and "past" in past.stderr
    assert cli("followup", "add", "nobody", "--due", "tomorrow").exit_code == 1


def test_add_takes_chinese_words_for_kind_and_due(cli, worked):
    added = cli("followup", "add", "acme", "--due", "后天", "--kind", "电话", "--json")
    assert added.exit_code == 0, added.stderr
    assert (added.json()["kind"], added.json()["due"]) == ("call", "2026-11-28")
    snoozed = cli("followup", "snooze", str(added.json()["id"]), "--to", "周五", "--json")
    assert snoozed.exit_code == 0, snoozed.stderr
    assert snoozed.json()["due"] == "2026-11-27"


def test_snooze_moves_the_due_date(cli, worked):
    first = cli("followup", "--json").json()[0]
    moved = cli("followup", "snooze", str(first["id"]), "--to", "mon", "--json")
    assert moved.json()["due"] == "2026-11-30" and moved.json()["overdue"] is False
    assert first["id"] not in [i["id"] for i in cli("followup", "--json").json()]
    past = cli("followup", "snooze", str(first["id"]), "--to", "2026-11-01")
    assert past.exit_code == 1
    cli("followup", "done", str(first["id"]))
    assert cli("followup", "snooze", str(first["id"]), "--to", "mon").exit_code == 1


def test_other_reps_followups_are_not_mine(cli, worked):
    first = cli("followup", "--json").json()[0]
    assert cli("--rep", "bob", "followup", "--json").json() == []
    refused = cli("--rep", "bob", "followup", "done", str(first["id"]))
    assert refused.exit_code == 1 and "alice's" in refused.stderr


def test_customer_show_lists_visits_and_open_followups(cli, worked):
    shown = cli("customer", "show", "acme", "--json").json()
    assert shown["name"] == "Acme Ltd" and shown["owner"] == "alice"  # customer keys kept
    assert [v["complaint"] for v in shown["visits"]] == ["late delivery"]
    assert {f["kind"] for f in shown["followups"]} == {"complaint", "thanks"}
    text = cli("customer", "show", "acme").stdout
    assert "Visits" in text and "complaint" in text and "Open follow-ups" in text


def test_empty_list(cli, clock):
    clock("2026-11-26 09:00")
    empty = cli("followup")
    assert empty.exit_code == 0 and "No follow-ups" in empty.stdout
    assert cli("followup", "--json").json() == []
