"""Shared fixtures: an isolated environment per test, a CLI runner, a frozen clock."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

# The suite runs on shared, loaded machines and no test is timed: Hypothesis' own timing checks
# (slow input generation, per-example deadlines) would fail a correct test under load.
settings.register_profile("shared", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("shared")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config file, database and salesperson; no colour, fixed width."""
    monkeypatch.setenv("SALESVISIT_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("SALESVISIT_DB", str(tmp_path / "salesvisit.db"))
    monkeypatch.setenv("SALESVISIT_REP", "alice")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("SALESVISIT_DEBUG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    # English unless a test says otherwise (CLI.md "Language": LC_ALL, LC_MESSAGES, LANG).
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("LANGUAGE", "en")
    from salesvisit_cli import i18n

    i18n.reset()
    # The consoles are cached per process; tests need fresh ones bound to the runner's streams.
    from salesvisit_cli.render import console

    console.out.cache_clear()
    console.err.cache_clear()
    return tmp_path


@dataclass
class Ran:
    """The outcome of one CLI invocation."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    def json(self):
        return json.loads(self.stdout)


@pytest.fixture
def cli() -> Callable[..., Ran]:
    """Run `salesvisit ARGS…` in-process; returns exit code, stdout, stderr."""
    from salesvisit_cli.cli.app import app

    def run(*args: str, input: str | None = None) -> Ran:
        from salesvisit_cli.render import console

        console.out.cache_clear()
        console.err.cache_clear()
        result = CliRunner().invoke(app, [str(a) for a in args], input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Ran(result.exit_code, result.stdout, result.stderr, result.exception)

    return run


@pytest.fixture
def clock():
    """Freeze the local clock: `clock("2026-11-26 10:00")` (ticking stays off)."""
    import time_machine

    travellers = []

    def freeze(moment: str) -> None:
        while travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(datetime.fromisoformat(moment), tick=False)
        traveller.start()
        travellers.append(traveller)

    yield freeze
    while travellers:
        travellers.pop().stop()
