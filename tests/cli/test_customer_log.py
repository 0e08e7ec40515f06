"""`customer log REF`: created, assigned, claimed and edited, who and when (SQLite: the
services write it in the same transaction as the change)."""

from __future__ import annotations


def test_the_log_follows_a_customer_through_owners_and_edits(cli, clock, tmp_path):
    clock("2026-03-02 09:00")
    assert cli("rep", "add", "alice").exit_code == 0
    assert cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    assert cli("--rep", "Wang Li", "rep", "add", "bob").exit_code == 0
    cid = cli("customer", "add", "Acme", "--json").json()["id"]
    clock("2026-03-02 10:00")
    assert (
        cli("customer", "edit", "Acme", "--phone", "021 5555 0101", "--tier", "key").exit_code == 0
    )
    assert cli("customer", "edit", "Acme", "--tier", "key").exit_code == 0  # no change: no entry
    clock("2026-03-03 09:00")
    moved = cli("--rep", "Wang Li", "customer", "assign", "Acme", "bob")
    assert moved.exit_code == 0, moved.stderr
    clock("2026-03-03 17:00")
    reported = cli("--rep", "bob", "visit", "report", "-c", "Acme", "--start", "10:00",
                   "-m", "20", "-n", "order", "--booking", "20 boxes")  # fmt: skip
    assert reported.exit_code == 0, reported.stderr
    log = cli("customer", "log", str(cid), "--json")
    assert log.exit_code == 0, log.stderr
    assert log.json() == [
        {"at": "2026-03-02T09:00:00", "by": "alice", "event": "created", "from": None,
         "to": "alice", "fields": [], "reason": None},
        {"at": "2026-03-02T10:00:00", "by": "alice", "event": "edited", "from": None,
         "to": None, "fields": ["phone", "tier"], "reason": None},
        {"at": "2026-03-03T09:00:00", "by": "Wang Li", "event": "assigned", "from": "alice",
         "to": "bob", "fields": [], "reason": None},
        {"at": "2026-03-03T17:00:00", "by": "bob", "event": "edited", "from": None, "to": None,
         "fields": ["status"], "reason": "booking"},
    ]  # fmt: skip
    shown = cli("customer", "log", "Acme")
    assert shown.exit_code == 0 and "assigned" in shown.stdout and "Wang Li" in shown.stdout
    missing = cli("customer", "log", "Nobody Ltd")
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: ")


def test_an_import_logs_every_customer_it_creates(cli, clock, tmp_path):
    clock("2026-03-02 09:00")
    source = tmp_path / "leads.csv"
    source.write_text("name,owner\nFirst Co,\nSecond Co,\n", encoding="utf-8")
    assert cli("customer", "import", str(source)).exit_code == 0
    log = cli("customer", "log", "Second Co", "--json").json()
    assert [(e["event"], e["by"], e["to"]) for e in log] == [("created", "alice", "alice")]
