"""Shell completion of customer names (and their pinyin), visit ids and salespeople, for bash,
zsh and fish, read from the database without loading SQLAlchemy."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.cli.test_startup import _heavy, _imported


def _complete(shell: str, words: str, cword: int | None = None) -> tuple[list[str], set[str]]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("_SALESVISIT")}
    environment["_SALESVISIT_COMPLETE"] = f"complete_{shell}"
    if shell == "bash":
        split = words.split(" ")
        environment.update(
            COMP_WORDS=words, COMP_CWORD=str(len(split) - 1 if cword is None else cword)
        )
    else:
        environment["_TYPER_COMPLETE_ARGS"] = words
        environment["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    ran = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "salesvisit_cli"],
        capture_output=True, text=True, env=environment, timeout=60,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-2000:]
    return [line for line in ran.stdout.splitlines() if line], _imported(ran.stderr)


@pytest.fixture
def customers(cli, clock):
    clock("2026-12-03 08:00")
    for name in ("上海华美贸易有限公司", "Acme Trading", "Acme Logistics", "北京恒通"):
        assert cli("customer", "add", name).exit_code == 0
    assert cli("rep", "add", "Wang Li").exit_code == 0
    cli("visit", "schedule", "acme trading", "--date", "2026-12-04", "--at", "10:00")
    cli("visit", "schedule", "华美", "--date", "2026-12-05")
    cli("--rep", "Wang Li", "customer", "add", "Other Co")
    cli("--rep", "Wang Li", "visit", "schedule", "other co", "--date", "2026-12-04")
    assert cli("customer", "list", "--search", "shhm").exit_code == 0  # warms the pinyin cache


def test_bash_completes_customer_names_without_sqlalchemy(customers):
    found, modules = _complete("bash", "salesvisit customer show Acme")
    assert found == ["Acme\\ Logistics", "Acme\\ Trading"]  # bash inserts them as one word
    assert _heavy(modules) == [] and "sqlite3" in modules
    found, _ = _complete("bash", "salesvisit visit schedule 上海")
    assert found == ["上海华美贸易有限公司"]


def test_pinyin_initials_and_full_pinyin_complete_chinese_names(customers):
    assert _complete("bash", "salesvisit customer show shhm")[0] == ["上海华美贸易有限公司"]
    assert _complete("bash", "salesvisit customer show beijing")[0] == ["北京恒通"]


def test_visit_ids_are_the_current_salespersons_planned_visits(customers):
    found, modules = _complete("bash", "salesvisit visit cancel ")
    assert found == ["1", "2"] and _heavy(modules) == []
    assert _complete("bash", "salesvisit --rep 'Wang Li' visit move ")[0] == ["3"]
    fish, _ = _complete("fish", "salesvisit visit report ")
    assert fish[0].startswith("1\t2026-12-04 10:00 Acme Trading")


def test_zsh_and_fish_complete_names_and_reps(customers):
    zsh, _ = _complete("zsh", "salesvisit customer show Acme")
    script = "\n".join(zsh)
    assert '"Acme Logistics"' in script and '"Acme Trading"' in script
    fish, _ = _complete("fish", "salesvisit customer assign acme W")
    assert fish == ["Wang Li"]
    assert _complete("fish", "salesvisit --rep a")[0] == ["alice"]


def test_no_database_no_completions_and_nothing_created(tmp_path, monkeypatch):
    missing = tmp_path / "none.db"
    monkeypatch.setenv("SALESVISIT_DB", str(missing))
    assert _complete("bash", "salesvisit customer show A")[0] == []
    assert not missing.exists()
