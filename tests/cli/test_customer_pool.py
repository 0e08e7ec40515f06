"""`customer pool | claim | release`, `customer list --due`, and the renamed config key, end to
end (the releases happen on the first command of a day, dated by the rule)."""

from __future__ import annotations


def _team(cli, clock):
    clock("2026-01-01 09:00")
    assert cli("rep", "add", "alice").exit_code == 0
    assert cli("rep", "add", "bob").exit_code == 0
    assert cli("config", "set", "pool.release_days", "60").exit_code == 0
    assert cli("customer", "add", "上海华美贸易有限公司", "--tier", "key").exit_code == 0
    clock("2026-01-20 09:00")
    assert cli("customer", "add", "Acme").exit_code == 0


def test_a_customer_goes_to_the_pool_the_day_after_60_days_and_is_claimed(cli, clock):
    _team(cli, clock)
    clock("2026-03-02 08:00")
    assert cli("customer", "pool", "--json").json() == []
    clock("2026-03-03 08:00")
    pooled = cli("customer", "pool", "--json").json()
    assert [(e["name"], e["released_at"], e["released_from"]) for e in pooled] == [
        ("上海华美贸易有限公司", "2026-03-03T00:00:00", "alice")
    ]
    shown = cli("customer", "pool")
    assert "上海华美贸易有限公司" in shown.stdout and "2026-03-03" in shown.stdout
    refused = cli("customer", "claim", "华美")
    assert refused.exit_code == 1 and "2026-04-02" in refused.stderr
    taken = cli("--rep", "bob", "customer", "claim", "华美", "--json")
    assert taken.exit_code == 0, taken.stderr
    assert [(c["owner"], c["due_since"]) for c in taken.json()] == [("bob", "2026-03-17")]
    log = cli("customer", "log", "华美", "--json").json()
    assert [(e["event"], e["by"], e["from"], e["to"], e["reason"]) for e in log] == [
        ("created", "alice", None, "alice", None),
        ("released", None, "alice", None, "no visit for 60 days"),
        ("claimed", "bob", None, "bob", None),
    ]


def test_release_by_hand_and_the_due_list(cli, clock):
    _team(cli, clock)
    clock("2026-02-20 08:00")
    due = cli("customer", "list", "--due", "--json").json()
    assert [(c["name"], c["due_since"], c["days_overdue"]) for c in due] == [
        ("上海华美贸易有限公司", "2026-01-15", 36), ("Acme", "2026-02-19", 1),
    ]  # fmt: skip
    assert "Acme" in cli("customer", "list", "--due").stdout
    listed = cli("customer", "list", "--json").json()
    assert [c["last_visit"] for c in listed] == [None, None]
    missing = cli("customer", "release", "Acme", "--reason", "")
    assert missing.exit_code == 1 and "--reason" in missing.stderr
    given = cli("customer", "release", "Acme", "--reason", "closed down", "--json")
    assert given.exit_code == 0 and given.json()["owner"] is None
    pooled = cli("customer", "pool", "--json").json()
    assert [(e["name"], e["released_at"], e["released_from"]) for e in pooled] == [
        ("Acme", "2026-02-20T08:00:00", "alice")
    ]


def test_plan_key_revisit_days_becomes_cadence_key_days(cli, isolated_env):
    path = isolated_env / "config.toml"
    path.write_text("[plan]\n# every other week\nkey_revisit_days = 10\n", encoding="utf-8")
    shown = cli("config", "show", "--json")
    assert shown.exit_code == 0 and shown.json()["cadence"] == {"key_days": 10, "normal_days": 30}
    assert "plan.key_revisit_days is now cadence.key_days" in shown.stderr
    assert path.read_text(encoding="utf-8") == "[cadence]\n# every other week\nkey_days = 10\n"
    again = cli("config", "show", "--json")
    assert again.stderr == ""


def test_the_morning_briefing_warns_of_releases_within_seven_days(cli, clock):
    _team(cli, clock)
    clock("2026-02-23 08:00")
    assert cli("visit", "plan", "--json").json()["briefing"]["releasing"] == []
    clock("2026-02-24 08:00")  # 华美: released on 3 March (7 days ahead) unless visited
    plan = cli("visit", "plan", "--json").json()
    assert plan["briefing"]["releasing"] == [{"customer_id": 1, "release_on": "2026-03-03"}]
    shown = cli("visit", "plan").stdout
    assert "上海华美贸易有限公司 goes to the pool on Tue 2026-03-03" in shown


def test_the_pool_screen_shows_what_came_in_last_and_counts_the_rest(cli, clock, monkeypatch):
    monkeypatch.setattr("salesvisit_cli.render.pool.POOL_SHOWN", 1)
    _team(cli, clock)
    clock("2026-02-20 08:00")
    assert cli("customer", "release", "Acme", "--reason", "closed down").exit_code == 0
    clock("2026-03-03 08:00")  # 华美 goes by the rule, after Acme
    assert [e["name"] for e in cli("customer", "pool", "--json").json()] == [
        "上海华美贸易有限公司", "Acme"
    ]  # fmt: skip
    shown = cli("customer", "pool").stdout
    assert "上海华美贸易有限公司" in shown and "Acme" not in shown
    assert "2 customers in the pool · the 1 released last shown; --json lists them all" in shown
