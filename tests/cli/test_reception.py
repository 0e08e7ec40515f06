"""The front desk through the real commands: the duty group, walk-ins and calls, market
research (补客户), the day's figures, and what is refused (nothing written)."""

from __future__ import annotations

import sqlite3

import pytest

DESK = ("--rep", "Desk")
MANAGER = ("--rep", "Wang Li")


@pytest.fixture
def office(cli, clock, tmp_path):
    """A manager, three salespeople, a front-desk login; Thursday's group is Zhang and Li Na."""
    clock("2026-12-03 08:30")
    assert cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    for name in ("Zhang", "Li Na", "Chen"):
        assert cli(*MANAGER, "rep", "add", name).exit_code == 0
    added = cli(*MANAGER, "rep", "add", "Desk", "--reception", "--json")
    assert added.exit_code == 0 and added.json()["reception"] is True
    assert cli(*MANAGER, "duty", "set", "thu", "Zhang", "Li Na").exit_code == 0
    return tmp_path / "salesvisit.db"


def _walkin(cli, name, *options):
    result = cli(*DESK, "reception", "walkin", name, *options, "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()


def _rows(db, query):
    with sqlite3.connect(db) as connection:
        return connection.execute(query).fetchall()


def test_new_walk_ins_go_round_the_group_on_duty(cli, clock, office):
    clock("2026-12-03 09:00")
    reps = [_walkin(cli, f"Walker {n}", "--source", "web")["rep"] for n in range(4)]
    assert reps == ["Li Na", "Zhang", "Li Na", "Zhang"]
    duty = cli("duty", "--json").json()
    assert duty["group"] == ["Li Na", "Zhang"] and duty["received"] == {"Li Na": 2, "Zhang": 2}
    assert duty["next"] == "Li Na"


def test_a_salesperson_added_to_the_group_at_noon_receives_until_level(cli, clock, office):
    clock("2026-12-03 09:00")
    _walkin(cli, "Morning One", "--source", "web")
    _walkin(cli, "Morning Two", "--source", "web")
    clock("2026-12-03 12:00")
    assert cli(*MANAGER, "duty", "set", "today", "Zhang", "Li Na", "Chen").exit_code == 0
    reps = [_walkin(cli, f"Afternoon {n}", "--source", "referral")["rep"] for n in range(3)]
    assert reps == ["Chen", "Chen", "Li Na"]
    assert cli("duty", "tomorrow", "--json").json()["group"] == []  # Friday: no pattern set


def test_a_returning_customer_goes_to_its_owner_with_a_follow_up_today(cli, clock, office):
    clock("2026-12-03 09:00")
    first = _walkin(cli, "Huamei Trading Co., Ltd.", "--source", "trade fair",
                    "--phone", "021 5555 0101")  # fmt: skip
    clock("2026-12-03 10:00")
    again = _walkin(cli, "HUAMEI TRADING")  # the duplicate-name rule; no source needed
    called = cli(*DESK, "reception", "call", "(021) 5555-0101", "--json").json()
    for entry in (again, called):
        assert entry["customer_id"] == first["customer_id"] and entry["rep"] == first["rep"]
        assert entry["new"] is False and entry["how"] == "owner"
    due = cli("--rep", first["rep"], "followup", "--json").json()
    assert sorted((f["kind"], f["note"], f["due"]) for f in due) == [
        ("call", "called", "2026-12-03"), ("other", "walked in", "2026-12-03"),
    ]  # fmt: skip
    # the day's register names the follow-up each returning customer gave its owner
    entries = cli(*DESK, "reception", "--json").json()["entries"]
    by_id = {f["id"]: (f["kind"], f["note"]) for f in due}
    assert entries[0]["followup_id"] is None  # the first walk-in was a new customer
    assert [by_id[e["followup_id"]] for e in entries[1:]] == [
        ("other", "walked in"), ("call", "called"),
    ]  # fmt: skip
    assert [e["followup_id"] for e in entries[1:]] == [again["followup_id"], called["followup_id"]]


def test_contacted_gives_a_new_customer_to_that_salesperson(cli, clock, office):
    clock("2026-12-03 09:00")
    entry = _walkin(cli, "Blue River", "--contacted", "Chen", "--source", "referral")
    assert (entry["rep"], entry["how"], entry["new"]) == ("Chen", "contacted", True)
    shown = cli(*MANAGER, "customer", "show", "Blue River", "--json").json()
    assert (shown["owner"], shown["source"], shown["status"]) == ("Chen", "referral", "prospect")


def test_market_research_releases_the_customer_and_credits_the_next_walk_in(cli, clock, office):
    clock("2026-12-03 09:00")
    research = _walkin(cli, "Price Checker", "--source", "web")  # → Li Na
    _walkin(cli, "Second", "--source", "web")  # → Zhang
    refused = cli(*DESK, "reception", "research", str(research["id"]), "--reason", "x")
    assert refused.exit_code == 1 and "manager" in refused.stderr
    clock("2026-12-03 09:30")
    marked = cli(*MANAGER, "reception", "research", str(research["id"]), "--reason",
                 "a competitor checking prices", "--json")  # fmt: skip
    assert marked.exit_code == 0, marked.stderr
    assert marked.json()["approved_by"] == "Wang Li"
    assert cli(*MANAGER, "customer", "show", "Price Checker", "--json").json()["owner"] is None
    _walkin(cli, "Third", "--source", "web")  # Li Na: fewest now, and owed one
    cli(*MANAGER, "duty", "set", "today", "Zhang")  # even off duty, the credit is owed once
    assert cli(*DESK, "reception", "call", "Caller", "--source", "web", "--json").json()["rep"] == (
        "Zhang"
    )
    again = cli(*MANAGER, "reception", "research", str(research["id"]), "--reason", "twice")
    assert again.exit_code == 1 and "already" in again.stderr
    log = cli(*MANAGER, "customer", "log", "Price Checker", "--json").json()
    assert [(e["event"], e["by"], e["to"] or e["from"]) for e in log] == [
        ("created", "Desk", "Li Na"), ("received", "Desk", "Li Na"),
        ("released", "Wang Li", "Li Na"),
    ]  # fmt: skip
    assert log[-1]["reason"] == "market research: a competitor checking prices"


def test_the_credit_goes_to_the_researched_salesperson_out_of_turn(cli, clock, office):
    clock("2026-12-03 09:00")
    for n in range(4):
        _walkin(cli, f"W{n}", "--source", "web")  # Li Na, Zhang, Li Na, Zhang
    cli(*MANAGER, "reception", "research", "2", "--reason", "survey")  # Zhang's first
    cli(*MANAGER, "duty", "set", "today", "Zhang", "Li Na", "Chen")  # Chen: 0 received
    entry = _walkin(cli, "Owed", "--source", "web")
    assert (entry["rep"], entry["how"]) == ("Zhang", "replacement")
    assert _walkin(cli, "Next", "--source", "web")["rep"] == "Chen"


def test_the_days_figures(cli, clock, office):
    clock("2026-12-03 09:00")
    _walkin(cli, "Huamei", "--source", "web", "--phone", "021 5555 0101")
    _walkin(cli, "Acme", "--source", "展会")
    cli(*DESK, "reception", "call", "021 5555 0101")
    cli(*DESK, "reception", "call", "Blue", "--source", "referral", "--contacted", "Chen")
    cli(*MANAGER, "reception", "research", "2", "--reason", "survey")
    figures = cli("reception", "--json").json()
    assert {k: figures[k] for k in ("date", "walkins", "new_walkins", "calls", "new_calls")} == {
        "date": "2026-12-03", "walkins": 2, "new_walkins": 2, "calls": 2, "new_calls": 1,
    }  # fmt: skip
    assert figures["by_rep"] == [
        {"rep": "Chen", "walkins": 0, "calls": 1, "new": 1},
        {"rep": "Li Na", "walkins": 1, "calls": 1, "new": 1},
        {"rep": "Zhang", "walkins": 1, "calls": 0, "new": 1},
    ]
    assert [(r["id"], r["rep"], r["approved_by"]) for r in figures["research"]] == [
        (2, "Zhang", "Wang Li")
    ]
    assert cli("reception", "2026-12-02", "--json").json()["walkins"] == 0
    screen = cli("reception")
    assert "Walk-ins 2 (new 2)" in screen.stdout and "survey" in screen.stdout
    sources = {q["rep"]: q["new_by_source"] for q in cli("quota", "--team", "--json").json()}
    assert sources["Chen"] == {"referral": 1} and sources["Li Na"] == {"web": 1}
    assert "Desk" not in sources  # the front desk is not a salesperson
    assert "New customers by source" in cli("quota", "--team").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("walkin", "New Co"), "--source"),
        (("walkin", "New Co", "--source", "web", "--contacted", "Nobody"), "no salesperson"),
        (("walkin", "New Co", "--source", "web", "--contacted", "Desk"), "front-desk"),
        (("call", "021 5555 0101"), "several customers"),
        (("call", "400 800 8888", "--source", "web"), "caller's name"),
        (("walkin", "New Co", "--source", "web", "--phone", "abc"), "invalid phone"),
    ],
)
def test_bad_input_is_one_error_and_nothing_is_written(cli, clock, office, args, message):
    clock("2026-12-03 09:00")
    for name in ("Shared One", "Shared Two"):
        assert cli(*MANAGER, "customer", "add", name, "--phone", "021-5555-0101").exit_code == 0
    before = _rows(office, "SELECT count(*) FROM customer UNION ALL SELECT count(*) FROM "
                   "reception UNION ALL SELECT count(*) FROM customer_log")  # fmt: skip
    result = cli(*DESK, "reception", *args)
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _rows(office, "SELECT count(*) FROM customer UNION ALL SELECT count(*) FROM "
                 "reception UNION ALL SELECT count(*) FROM customer_log") == before  # fmt: skip


def test_nobody_on_duty_says_how_to_set_the_group(cli, clock, office):
    clock("2026-12-04 09:00")  # Friday: no group
    result = cli(*DESK, "reception", "walkin", "New Co", "--source", "web")
    assert result.exit_code == 1 and "salesvisit duty set" in result.stderr


def test_only_the_front_desk_and_managers_register_and_managers_set_duty(cli, clock, office):
    clock("2026-12-03 09:00")
    refused = cli("--rep", "Zhang", "reception", "walkin", "New Co", "--source", "web")
    assert refused.exit_code == 1 and "front desk or a manager" in refused.stderr
    assert cli(*MANAGER, "reception", "walkin", "By Manager", "--source", "web").exit_code == 0
    for who in ("Zhang", "Desk"):
        denied = cli("--rep", who, "duty", "set", "thu", who)
        assert denied.exit_code == 1 and "manager" in denied.stderr
    assert cli(*MANAGER, "duty", "set", "fri", "Desk").exit_code == 1  # not a salesperson


def test_the_front_desk_cannot_change_an_owner(cli, clock, office):
    clock("2026-12-03 09:00")
    entry = _walkin(cli, "Kept", "--source", "web")
    moved = cli(*DESK, "customer", "assign", "Kept", "Chen")
    assert moved.exit_code == 1
    edited = cli(*DESK, "customer", "edit", "Kept", "--owner", "Chen")
    assert edited.exit_code == 1
    shown = cli(*MANAGER, "customer", "show", "Kept", "--json").json()
    assert shown["owner"] == entry["rep"]


def test_the_front_desk_does_no_salespersons_work_and_is_given_no_customer(cli, clock, office):
    """SQLite has no logins; the commands still keep a front-desk name to the front desk's
    work: it adds, edits, visits and follows up no customer, and no customer is given to it."""
    clock("2026-12-03 09:00")
    _walkin(cli, "Kept", "--source", "web")
    for args in (("customer", "add", "Mine"), ("customer", "edit", "Kept", "--note", "x"),
                 ("visit", "report", "-c", "Kept", "--start", "08:00", "-m", "20", "-n", "x"),
                 ("followup", "add", "Kept", "--due", "tomorrow")):  # fmt: skip
        refused = cli(*DESK, *args)
        assert refused.exit_code == 1, args
        assert "front-desk login" in refused.stderr and "\n" not in refused.stderr.strip()
    given = cli(*MANAGER, "customer", "add", "To Desk", "--owner", "Desk")
    assert given.exit_code == 1 and "front-desk login" in given.stderr
    names = [c["name"] for c in cli(*MANAGER, "customer", "list", "--json").json()]
    assert names == ["Kept"]
    assert _rows(office, "SELECT count(*) FROM visit UNION ALL SELECT count(*) FROM followup") == [
        (0,),
        (0,),
    ]


def test_the_screens_fit_80_columns(cli, clock, office, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    clock("2026-12-03 09:00")
    _walkin(cli, "上海华美贸易有限公司", "--source", "展会", "--phone", "021 5555 0101")
    cli(*DESK, "reception", "call", "021 5555 0101")
    for args in (("reception",), ("duty",), ("reception", "walkin", "Acme", "--source", "web")):
        shown = cli(*DESK, *args)
        assert shown.exit_code == 0, shown.stderr
        assert all(len(line) <= 80 for line in shown.stdout.splitlines()), shown.stdout


def test_the_log_the_follow_up_and_the_source_read_in_chinese(cli, clock, office, monkeypatch):
    clock("2026-12-03 09:00")
    entry = _walkin(cli, "Kept", "--source", "web", "--phone", "021 5555 0101")
    cli(*DESK, "reception", "call", "021 5555 0101")
    cli(*MANAGER, "reception", "research", str(entry["id"]), "--reason", "同行")
    english = cli(*MANAGER, "customer", "log", "Kept", "--json").json()
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    assert cli(*MANAGER, "customer", "log", "Kept", "--json").json() == english
    monkeypatch.setenv("COLUMNS", "200")
    log = cli(*MANAGER, "customer", "log", "Kept").stdout
    for shown in ("接待", "前台登记：来访，当班接待", "前台登记：电话，其业务员", "市场调查：同行"):
        assert shown in log, log
    assert "网络" in cli(*MANAGER, "customer", "show", "Kept").stdout
    monkeypatch.setenv("COLUMNS", "80")
    assert "…" not in cli(*MANAGER, "customer", "log", "Kept").stdout  # reasons fold, whole
    assert "来电" in cli("--rep", entry["rep"], "followup").stdout
