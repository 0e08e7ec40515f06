"""The smaller things of issue 15: a day that does not exist, `db path --json`, one "Did you
mean", a missing `--db` folder named, a new file noted (or removed when the command failed), one
situation per visit, each with a frozen clock."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def frozen(clock):
    clock("2026-11-26 09:00")


def test_a_day_that_does_not_exist_says_so(cli):
    ran = cli("visit", "list", "--from", "2026-02-30")
    assert ran.exit_code == 1
    assert "the day '2026-02-30' does not exist: 2026-02 has 28 days" in ran.stderr
    assert "there is no month 13" in cli("visit", "list", "--from", "2026-13-01").stderr


def test_db_path_takes_json(cli, isolated_env):
    ran = cli("db", "path", "--json")
    assert ran.exit_code == 0, ran.stderr
    assert ran.json() == {"path": str(isolated_env / "salesvisit.db"), "url": None}
    assert cli("db", "path").stdout.strip() == str(isolated_env / "salesvisit.db")


def test_a_mistyped_command_gets_one_suggestion(cli):
    ran = cli("visit", "plna")
    assert ran.exit_code == 2 and ran.stderr.count("Did you mean 'plan'?") == 1
    ran = cli("vist", "plan")
    assert ran.exit_code == 2 and "Did you mean 'visit'?" in ran.stderr


def test_a_missing_database_folder_is_an_error_naming_it(cli, isolated_env):
    target = isolated_env / "nope" / "sub" / "x.db"
    ran = cli("--db", str(target), "visit", "list")
    assert ran.exit_code == 1
    assert f"the folder {target.parent} does not exist" in ran.stderr
    assert not (isolated_env / "nope").exists()


def test_a_new_database_file_is_noted_once_on_stderr(cli, isolated_env):
    target = isolated_env / "new.db"
    ran = cli("--db", str(target), "visit", "list", "--json")
    assert ran.exit_code == 0 and ran.json() == []
    assert ran.stderr == f"created a new database: {target}\n"
    assert cli("--db", str(target), "visit", "list", "--json").stderr == ""


def test_a_command_that_fails_on_a_new_database_file_creates_nothing(cli, isolated_env):
    """The error stays the only line: the file made for the command is removed again."""
    target = isolated_env / "new.db"
    ran = cli("--db", str(target), "visit", "report", "--customer", "无锡", "--minutes", "20")
    assert ran.exit_code == 1
    assert ran.stderr.startswith("Error: no customer matches") and ran.stderr.count("\n") == 1
    assert sorted(path.name for path in isolated_env.iterdir() if "new.db" in path.name) == []


@pytest.mark.parametrize("command", [["visit", "plan"], ["visit", "list"], ["quota"]])
def test_a_closed_pipe_ends_quietly(command, cli):
    """`salesvisit … | head`: the reader is gone before the output comes (exit 0 or 141)."""
    import subprocess
    import sys

    assert cli("customer", "add", "Acme").exit_code == 0
    run = subprocess.Popen(
        [sys.executable, "-m", "salesvisit_cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    run.stdout.close()  # before the interpreter has even started
    _, stderr = run.communicate(timeout=60)
    assert run.returncode in (0, 141) and stderr == b""


def test_one_open_thank_you_per_customer_its_due_date_moved(cli, clock):
    clock("2026-11-23 17:00")  # Monday
    assert cli("customer", "add", "Acme").exit_code == 0
    args = ("--customer", "Acme", "--start", "10:00", "--minutes", "20", "--notes", "x")
    assert cli("visit", "report", *args).exit_code == 0
    clock("2026-11-25 17:00")  # Wednesday: Tuesday's thank-you call was not made
    assert cli("visit", "report", *args).exit_code == 0
    thanks = [f for f in cli("followup", "--all", "--json").json() if f["kind"] == "thanks"]
    assert [(f["id"], f["due"]) for f in thanks] == [(1, "2026-11-26")]


def test_weekday_names_in_a_range_are_the_days_of_this_week(cli, clock):
    clock("2026-12-18 09:00")  # a Friday: `mon` is the 14th, not the 21st
    assert cli("customer", "add", "Acme").exit_code == 0
    assert cli("visit", "schedule", "Acme", "--date", "today").exit_code == 0
    ran = cli("visit", "list", "--from", "mon", "--to", "fri", "--json")
    assert ran.exit_code == 0, ran.stderr
    assert [v["date"] for v in ran.json()] == ["2026-12-18"]


def test_managers_are_listed_apart_in_the_team_quota_and_never_counted(cli):
    assert cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    for name in ("alice", "bob"):
        assert cli("--rep", "Wang Li", "rep", "add", name).exit_code == 0
    team = cli("--rep", "Wang Li", "quota", "--team", "--json").json()
    assert [(q["rep"], q["manager"]) for q in team][-1] == ("Wang Li", True)
    assert [q["manager"] for q in team].count(True) == 1
    screen = cli("--rep", "Wang Li", "quota", "--team").stdout
    assert "0 of 2 salespeople met the quota" in screen
    row = next(line for line in screen.splitlines() if "Wang Li" in line)
    assert "manager" in row and "at risk" not in row


def test_one_situation_per_visit(cli):
    """A registered client nobody has visited is a known customer (past business to thank
    for), not also a first meeting; a prospect nobody has visited is a first meeting only."""
    assert cli("customer", "add", "华美贸易", "--tier", "key", "--status", "client").exit_code == 0
    assert cli("customer", "add", "无锡机电", "--status", "prospect").exit_code == 0
    for name in ("华美", "无锡"):
        assert cli("visit", "schedule", name, "--date", "today").exit_code == 0
    visits = {v["customer"]["name"]: v for v in cli("visit", "plan", "--json").json()["visits"]}
    kinds = {
        name: [point.split(":")[0] for point in v["talking_points"][:-1]]
        for name, v in visits.items()
    }
    assert kinds == {"华美贸易": ["Known customer"], "无锡机电": ["First meeting"]}
    screen = cli("visit", "plan").stdout
    line = next(line for line in screen.splitlines() if "华美贸易" in line)
    assert "known customer" in line and "first meeting" not in line


def test_a_hand_in_on_the_next_morning_calls_the_plan_today_s(cli, clock):
    assert cli("customer", "add", "华美贸易", "--status", "client").exit_code == 0
    clock("2026-11-27 10:00")  # Friday
    report = ("visit", "report", "--customer", "华美", "--minutes", "20", "--notes", "ok")
    assert cli(*report).exit_code == 0
    assert cli("visit", "schedule", "华美", "--date", "2026-11-30", "--at", "10:00").exit_code == 0
    clock("2026-11-30 07:50")  # Monday, before the 09:00 deadline
    ran = cli("daily", "2026-11-27", "--submit")
    assert ran.exit_code == 0, ran.stderr
    assert "Today's plan (" in ran.stdout and "Tomorrow's plan" not in ran.stdout
