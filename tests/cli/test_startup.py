"""Fast start: --help and shell completion import no database, calendar or table code."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "holidays", "rich.table", "psycopg", "xlsxwriter", "icalendar")
# Libraries only the commands that write files for others import (CLI.md "Files for others").
FILE_WRITERS = ("xlsxwriter", "icalendar", "openpyxl")


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("_SALESVISIT")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "salesvisit_cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def _imported(importtime: str) -> set[str]:
    """Module names from `-X importtime` lines: `import time: self | cumulative | name`."""
    names = set()
    for line in importtime.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize(("lang", "usage"), [("C.UTF-8", "Usage:"), ("zh_CN.UTF-8", "用法：")])
@pytest.mark.parametrize(
    "args", [["--help"], ["customer", "--help"], ["customer", "add", "--help"], ["db", "--help"]]
)
def test_help_imports_nothing_heavy(args, lang, usage):
    ran = _run(args, LANG=lang)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert usage in ran.stdout
    modules = _imported(ran.stderr)
    assert "salesvisit_cli.cli.app" in modules  # the measurement works
    assert _heavy(modules) == []


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("salesvisit cu", "1", "customer"),
        ("salesvisit customer ex", "2", "export"),
        ("salesvisit customer list --ti", "3", "--tier"),
        ("salesvisit db ", "2", "backup"),
    ],
)
def test_bash_completion_imports_nothing_heavy(words, cword, expected):
    ran = _run([], _SALESVISIT_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=cword)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert expected in ran.stdout.split()
    modules = _imported(ran.stderr)
    assert "salesvisit_cli.cli.app" in modules
    assert _heavy(modules) == []


def test_the_measurement_would_see_a_heavy_import():
    """Guard against a vacuous pass: a command that opens the database does import them."""
    ran = _run(["db", "check"], SALESVISIT_DB=os.environ["SALESVISIT_DB"])
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert "sqlalchemy" in _heavy(_imported(ran.stderr))


def test_help_builds_no_command_group():
    """`salesvisit --help` lists the groups from the root's table: no cli module is imported."""
    ran = _run(["--help"])
    assert ran.returncode == 0, ran.stderr[-2000:]
    modules = _imported(ran.stderr)
    # The root, its context, the help translation, the completion wiring (click only) and
    # help_wrap (the help formatter's cell-aware wrapping) are all a --help needs: no group.
    allowed = (
        "salesvisit_cli.cli.app",
        "salesvisit_cli.cli.context",
        "salesvisit_cli.cli.help",
        "salesvisit_cli.cli.completion",
        "salesvisit_cli.cli.help_wrap",
    )
    loaded = sorted(m for m in modules if m.startswith("salesvisit_cli.cli.") and m not in allowed)
    assert loaded == []
    assert "pydantic" not in modules
    for name in ("customer", "visit", "followup", "daily", "quota", "db", "config"):
        assert f"\n  {name} " in ran.stdout


def test_completion_builds_only_the_named_group():
    ran = _run(
        [], _SALESVISIT_COMPLETE="complete_bash", COMP_WORDS="salesvisit db ", COMP_CWORD="2"
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    modules = _imported(ran.stderr)
    assert "salesvisit_cli.cli.db" in modules
    assert "salesvisit_cli.cli.customer" not in modules and "pydantic" not in modules


def test_the_help_table_matches_every_command():
    """The one-line help the root lists without loading a group is the group's own help."""
    import click

    from salesvisit_cli.cli.app import COMMANDS, load_command

    for name, (_module, _attribute, line) in COMMANDS.items():
        command = load_command(name)
        assert command.name == name
        assert command.get_short_help_str(1000) == click.Command(
            name, help=line
        ).get_short_help_str(1000), name


@pytest.mark.parametrize("args", [["quota", "--json"], ["visit", "plan", "--json"], ["followup"]])
def test_commands_on_an_existing_database_do_not_import_sqlmodel(args):
    """Queries (and creating a database) use store.tables, the generated Core copy of the
    SQLModel models."""
    env = {"SALESVISIT_DB": os.environ["SALESVISIT_DB"]}
    created = _run(["db", "check"], **env)
    assert created.returncode == 0, created.stderr[-2000:]
    ran = _run(args, **env)
    assert ran.returncode == 0, ran.stderr[-2000:]
    modules = _imported(ran.stderr)
    assert "sqlalchemy" in modules
    assert not [m for m in modules if m.split(".")[0] == "sqlmodel" or m == "sqlalchemy.orm"]
    assert not [m for m in modules if m.split(".")[0] in FILE_WRITERS]


@pytest.mark.parametrize(
    ("args", "library"),
    [
        (["visit", "export", "--ics"], "icalendar"),
        (["report", "month", "--xlsx", "{tmp}/month.xlsx"], "xlsxwriter"),
        (["report", "day", "--output", "{tmp}/day.xlsx"], "xlsxwriter"),
    ],
)
def test_only_the_file_commands_import_their_writer(args, library, tmp_path):
    """The writer libraries are loaded by the commands that write those files, and only them."""
    env = {"SALESVISIT_DB": os.environ["SALESVISIT_DB"]}
    ran = _run([arg.format(tmp=tmp_path) for arg in args], **env)
    assert ran.returncode == 0, ran.stderr[-2000:]
    modules = {m.split(".")[0] for m in _imported(ran.stderr)}
    assert library in modules
    assert not (set(FILE_WRITERS) - {library}) & modules


def _quota_target(env: dict[str, str]) -> tuple[int, set[str]]:
    ran = _run(["quota", "--json"], **env)
    assert ran.returncode == 0, ran.stderr[-2000:]
    return json.loads(ran.stdout)["target"], _imported(ran.stderr)


def test_a_valid_configuration_is_validated_once_per_change(tmp_path):
    """pydantic checks a new or changed configuration file; the commands after it read the
    validated settings back from the cache without importing pydantic, and see a change at
    once."""
    env = {"SALESVISIT_DB": os.environ["SALESVISIT_DB"]}
    assert _run(["config", "set", "quota.target", "90"], **env).returncode == 0
    target, modules = _quota_target(env)
    assert target == 90 and "pydantic" in modules  # the changed file is validated
    target, modules = _quota_target(env)
    assert target == 90 and "pydantic" not in modules and "sqlalchemy" in modules
    assert _run(["config", "set", "quota.target", "80"], **env).returncode == 0
    assert _quota_target(env)[0] == 80
    config = os.environ["SALESVISIT_CONFIG"]
    with open(config, "a", encoding="utf-8") as handle:  # edited by hand: validated again
        handle.write("[visit]\nmax_minutes = 0\n")
    broken = _run(["quota", "--json"], **env)
    assert broken.returncode == 1 and "visit.max_minutes" in broken.stderr


def test_holidays_only_with_a_country_and_rich_only_on_screen():
    env = {"SALESVISIT_DB": os.environ["SALESVISIT_DB"]}
    assert _run(["visit", "plan", "--json"], **env).returncode == 0  # validates the defaults
    as_json = _run(["visit", "plan", "--json"], **env)
    assert as_json.returncode == 0, as_json.stderr[-2000:]
    modules = {m.split(".")[0] for m in _imported(as_json.stderr)}
    assert "sqlalchemy" in modules and not {"holidays", "rich", "pydantic"} & modules
    assert _run(["config", "set", "calendar.country", "CN"], **env).returncode == 0
    on_screen = _run(["visit", "plan"], **env)
    assert on_screen.returncode == 0, on_screen.stderr[-2000:]
    modules = {m.split(".")[0] for m in _imported(on_screen.stderr)}
    assert {"holidays", "rich"} <= modules


def test_the_morning_plan_imports_only_what_it_shows():
    """`visit plan`, the hottest command, loads neither the suggestions (--suggest), the
    scheduling use cases (--accept), the customer search (pinyin), the customer file's rules
    and queries (no customer is about to go to the pool), the other visit commands, what a
    report does to follow-ups nor platformdirs."""
    env = {"SALESVISIT_DB": os.environ["SALESVISIT_DB"]}
    assert _run(["db", "check"], **env).returncode == 0
    ran = _run(["visit", "plan"], **env)
    assert ran.returncode == 0, ran.stderr[-2000:]
    modules = _imported(ran.stderr)
    assert "salesvisit_cli.render.plan" in modules
    unused = {
        "platformdirs",
        "salesvisit_cli.domain.suggestions",
        "salesvisit_cli.services.visits",
        "salesvisit_cli.services.customers",
        "salesvisit_cli.domain.pinyin",
        "salesvisit_cli.store.customers",
        "salesvisit_cli.domain.reception",
        "salesvisit_cli.cli.visit_report",
        "salesvisit_cli.cli.visit_export",
        "salesvisit_cli.domain.report_followups",
    }
    assert not unused & modules


@pytest.mark.parametrize(
    "env",
    [
        {"HOME": "/home/li"},
        {
            "HOME": "/home/li",
            "XDG_CACHE_HOME": "/c",
            "XDG_DATA_HOME": "/d",
            "XDG_CONFIG_HOME": "/e",
        },
        {"HOME": "/home/li/", "XDG_CACHE_HOME": "relative", "XDG_DATA_HOME": ""},
    ],
)
def test_the_user_folders_are_the_ones_platformdirs_names(env, monkeypatch):
    """The XDG folders worked out without importing platformdirs are the same as its own."""
    import platformdirs

    from salesvisit_cli import paths

    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "SALESVISIT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(paths.cache_dir()) == platformdirs.user_cache_dir("salesvisit")
    assert str(paths.default_database().parent) == platformdirs.user_data_dir("salesvisit")
    assert str(paths.config_path().parent) == platformdirs.user_config_dir("salesvisit")


def test_the_customer_screens_load_neither_the_plan_the_quota_nor_the_front_desk():
    """`customer show` and `customer list` load neither the plan's rules (only writing a visit
    warns by them), the quota's (the file's visits say which won a new customer by
    `domain.new_customer`), the front desk's (only a changed source is spelled by them) nor
    what a report does to follow-ups."""
    env = {"SALESVISIT_DB": os.environ["SALESVISIT_DB"]}
    report = "visit report --customer 1 --date today --start 00:00 --minutes 3 --notes met"
    for args in (["customer", "add", "Acme Trading", "--source", "web"], report.split()):
        done = _run(args, **env)
        assert done.returncode == 0, done.stderr[-2000:]
    unused = {f"salesvisit_cli.domain.{name}" for name in ("plan", "quota", "reception")}
    unused.add("salesvisit_cli.domain.report_followups")  # what a report writes
    for args, needed in (
        (["customer", "show", "1"], "salesvisit_cli.domain.new_customer"),  # the file's visit
        (["customer", "list", "--search", "Acme"], "salesvisit_cli.domain.customers"),
    ):
        ran = _run(args, **env)
        assert ran.returncode == 0 and "Acme Trading" in ran.stdout, ran.stderr[-2000:]
        modules = _imported(ran.stderr)
        assert needed in modules and not unused & modules, args


def test_the_team_quota_reads_the_sources_without_the_customer_queries():
    """`quota --team` shows where the month's new customers came from (an owner-only column in
    team mode, `store.private_columns`) without loading the customer queries and rules."""
    env = {"SALESVISIT_DB": os.environ["SALESVISIT_DB"]}
    assert _run(["db", "check"], **env).returncode == 0
    ran = _run(["quota", "--team"], **env)
    assert ran.returncode == 0, ran.stderr[-2000:]
    modules = _imported(ran.stderr)
    assert "salesvisit_cli.store.private_columns" in modules
    assert not {"salesvisit_cli.store.customers", "salesvisit_cli.domain.customers"} & modules
