"""`config path | show | set` end to end, and where the current salesperson comes from."""

from __future__ import annotations

import getpass
import os
import stat
import tomllib

import pytest


def test_config_path_follows_salesvisit_config(cli, isolated_env):
    assert cli("config", "path").stdout.strip() == str(isolated_env / "config.toml")


def test_config_path_defaults_to_the_user_config_dir(cli, isolated_env, monkeypatch):
    monkeypatch.delenv("SALESVISIT_CONFIG")
    shown = cli("config", "path").stdout.strip()
    assert shown == str(isolated_env / "xdg-config" / "salesvisit" / "config.toml")


def test_show_json_has_every_default(cli):
    shown = cli("config", "show", "--json")
    assert shown.exit_code == 0
    data = shown.json()
    assert data["quota"] == {"target": 120, "new_share": "1/3", "unit": "customers"}
    assert data["visit"]["max_minutes"] == 30
    assert data["report"]["deadline"] == "09:00"
    assert data["calendar"]["country"] is None
    assert "calculator" in data["checklist"]["carry"]


def test_show_table_lists_every_key(cli):
    from salesvisit_cli.config import keys

    shown = cli("config", "show")
    for key in keys():
        assert key in shown.stdout
    assert "120" in shown.stdout


def test_set_then_show(cli, isolated_env):
    changed = cli("config", "set", "quota.target", "100")
    assert changed.exit_code == 0 and "quota.target = 100" in changed.stdout
    cli("config", "set", "calendar.country", "cn")
    data = cli("config", "show", "--json").json()
    assert data["quota"]["target"] == 100 and data["calendar"]["country"] == "CN"
    path = isolated_env / "config.toml"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "quota": {"target": 100},
        "calendar": {"country": "CN"},
    }


def test_set_unknown_key_lists_valid_keys(cli, isolated_env):
    result = cli("config", "set", "quota.goal", "5")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unknown configuration key 'quota.goal'; valid keys:")
    assert "quota.target" in result.stderr and "checklist.carry" in result.stderr
    assert not (isolated_env / "config.toml").exists()


def test_set_bad_value_is_an_error(cli):
    result = cli("config", "set", "quota.target", "lots")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert "quota.target" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_broken_config_file_is_one_error_line(cli, isolated_env):
    (isolated_env / "config.toml").write_text("[quota\n", encoding="utf-8")
    for command in (("config", "show"), ("config", "set", "quota.target", "5")):
        result = cli(*command)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: cannot read configuration")
        assert len(result.stderr.strip().splitlines()) == 1


def _owner_of_new_customer(cli, name: str, *root: str) -> str:
    added = cli(*root, "customer", "add", name, "--json")
    assert added.exit_code == 0, added.stderr
    return added.json()["owner"]


def test_current_rep_precedence(cli, monkeypatch):
    """--rep, else SALESVISIT_REP, else the config's rep, else the login name."""
    monkeypatch.delenv("SALESVISIT_REP")
    assert _owner_of_new_customer(cli, "One") == getpass.getuser()
    for rep in ("carol", "dave", "erin"):
        assert cli("rep", "add", rep).exit_code == 0
    cli("config", "set", "rep", "carol")
    assert _owner_of_new_customer(cli, "Two") == "carol"
    monkeypatch.setenv("SALESVISIT_REP", "dave")
    assert _owner_of_new_customer(cli, "Three") == "dave"
    assert _owner_of_new_customer(cli, "Four", "--rep", "erin") == "erin"


def test_a_rep_row_is_created_on_first_write_only(cli):
    import sqlite3

    assert cli("customer", "list", "--json").json() == []
    with sqlite3.connect(os.environ["SALESVISIT_DB"]) as connection:
        assert connection.execute("SELECT count(*) FROM rep").fetchone()[0] == 0
    cli("customer", "add", "Acme")
    with sqlite3.connect(os.environ["SALESVISIT_DB"]) as connection:
        assert connection.execute("SELECT name FROM rep").fetchall() == [("alice",)]


HOW_TO_ADD = "add them first with `salesvisit rep add NAME`"
UNKNOWN_REP_WRITES = [
    ("customer", "add", "Evil Co"),
    ("followup", "add", "Acme", "--due", "2026-03-20", "--kind", "call"),
    ("visit", "schedule", "Acme", "--date", "2026-03-12"),
    ("visit", "report", "-c", "Acme", "--start", "09:00", "-m", "20", "-n", "x"),
    ("daily", "--submit"),
]


@pytest.mark.parametrize("rep", ["Typo", "=EVIL()"])
def test_an_unknown_rep_is_refused_on_every_write_and_sees_nothing(cli, clock, rep, tmp_path):
    """Only the first salesperson of a new SQLite file is created implicitly (CLI.md)."""
    clock("2026-03-10 17:00")
    assert cli("customer", "add", "Acme").exit_code == 0  # alice: the first salesperson
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("name,owner\nImported Co,alice\n", encoding="utf-8")
    for write in [*UNKNOWN_REP_WRITES, ("customer", "import", str(csv_file))]:
        refused = cli("--rep", rep, *write)
        assert refused.exit_code == 1, write
        assert refused.stderr == f"Error: no salesperson named {rep!r}; {HOW_TO_ADD}\n", write
    assert [r["name"] for r in cli("rep", "list", "--json").json()] == ["alice"]
    assert [c["name"] for c in cli("customer", "list", "--json").json()] == ["Acme"]
    for read in (("visit", "list"), ("followup", "--all")):
        assert cli("--rep", rep, *read, "--json").json() == [], read
    assert cli("--rep", rep, "quota", "--json").json()["visited"] == 0
    assert cli("rep", "add", rep).exit_code == 0  # the way out the error names
    for write in UNKNOWN_REP_WRITES:
        assert cli("--rep", rep, *write).exit_code == 0, write


def test_an_import_naming_an_unknown_owner_imports_nothing(cli, tmp_path):
    assert cli("customer", "add", "Acme").exit_code == 0
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("name,owner\nMine Co,alice\nTheirs Co,Typo\n", encoding="utf-8")
    refused = cli("customer", "import", str(csv_file), "--json")
    assert refused.exit_code == 1
    assert refused.json()["invalid"] == [
        {"line": 3, "reason": f"no salesperson named 'Typo'; {HOW_TO_ADD}"}
    ]
    assert [c["name"] for c in cli("customer", "list", "--json").json()] == ["Acme"]
    assert [r["name"] for r in cli("rep", "list", "--json").json()] == ["alice"]


def test_a_bad_rep_name_is_refused(cli):
    result = cli("--rep", "bad\x07name", "customer", "add", "Acme")
    assert result.exit_code == 1 and "control characters" in result.stderr
