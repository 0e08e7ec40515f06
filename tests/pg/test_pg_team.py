"""Team mode: reps and managers, `customer assign`, and per-salesperson access on PostgreSQL.

The access tests connect as real login roles (unix socket, trust auth in the test cluster) and
try raw SQL: row-level security, not the app, keeps one salesperson out of another's rows.
"""

from __future__ import annotations

import json

import pytest
import typer

pytestmark = pytest.mark.postgres

OWNER = "sv_test_owner"


@pytest.fixture
def assign_cli(cli):
    """`customer assign` through the real root group once it is wired; until then a root group
    with the same options and error handling that carries just that command."""
    from salesvisit_cli.cli import customer

    if any(c.name == "assign" for c in customer.app.registered_commands):
        return lambda *args, rep="alice": cli("--rep", rep, "customer", "assign", *args)
    from typer.testing import CliRunner

    from salesvisit_cli.cli.app import SalesvisitGroup
    from salesvisit_cli.cli.context import AppContext
    from salesvisit_cli.cli.team_commands import assign

    mini = typer.Typer(cls=SalesvisitGroup)

    @mini.callback()
    def root(
        ctx: typer.Context,
        db: str = typer.Option(None, "--db", envvar="SALESVISIT_DB"),
        rep: str = typer.Option(None, "--rep", envvar="SALESVISIT_REP"),
    ) -> None:
        ctx.obj = AppContext(db_option=db, rep_option=rep)

    mini.command("assign")(assign)

    def run(*args: str, rep: str = "alice"):
        from salesvisit_cli.render import console

        console.out.cache_clear()
        console.err.cache_clear()
        result = CliRunner().invoke(mini, ["--rep", rep, "assign", *args])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    return run


@pytest.fixture(params=["sqlite", "postgres"])
def any_cli(request, cli, monkeypatch):
    """The CLI on SQLite (the default test database) and on PostgreSQL."""
    if request.param == "postgres":
        monkeypatch.setenv("SALESVISIT_DB", request.getfixturevalue("pg_db").url)
    return cli


def test_rep_add_and_list(any_cli):
    assert any_cli("rep", "add", "Wang Li", "--manager").exit_code == 0
    added = any_cli("rep", "add", "Zhang Wei", "--json")
    assert added.exit_code == 1  # the team has a manager now: alice may not add people
    assert "only a manager" in added.stderr
    added = any_cli("--rep", "Wang Li", "rep", "add", "Zhang Wei", "--json")
    assert added.exit_code == 0, added.stderr
    assert added.json()["manager"] is False
    again = any_cli("--rep", "Wang Li", "rep", "add", "Zhang Wei")
    assert again.exit_code == 1 and "already exists" in again.stderr
    any_cli("--rep", "Zhang Wei", "customer", "add", "Acme")
    any_cli("--rep", "Zhang Wei", "customer", "add", "Beta")
    listed = {r["name"]: r for r in any_cli("rep", "list", "--json").json()}
    assert listed["Wang Li"]["manager"] is True and listed["Wang Li"]["customers"] == 0
    assert listed["Zhang Wei"]["manager"] is False and listed["Zhang Wei"]["customers"] == 2
    shown = any_cli("rep", "list")
    assert shown.exit_code == 0 and "Zhang Wei" in shown.stdout and "manager" in shown.stdout
    promoted = any_cli("--rep", "Wang Li", "rep", "add", "Zhang Wei", "--manager")
    assert promoted.exit_code == 0 and "now a manager" in promoted.stdout


def test_customer_assign_is_for_managers(any_cli, assign_cli):
    any_cli("rep", "add", "Wang Li", "--manager")
    any_cli("--rep", "Wang Li", "rep", "add", "Zhang Wei")
    cid = any_cli("customer", "add", "华美贸易", "--json").json()["id"]
    refused = assign_cli("华美", "Zhang Wei")  # alice is not a manager
    assert refused.exit_code == 1 and "only a manager" in refused.stderr
    assert any_cli("customer", "show", str(cid), "--json").json()["owner"] == "alice"
    done = assign_cli("华美", "Zhang Wei", "--json", rep="Wang Li")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["owner"] == "Zhang Wei"
    assert any_cli("customer", "show", str(cid), "--json").json()["owner"] == "Zhang Wei"
    again = assign_cli(str(cid), "Zhang Wei", rep="Wang Li")
    assert again.exit_code == 0 and "already belongs" in again.stdout
    unknown = assign_cli(str(cid), "Nobody", rep="Wang Li")
    assert unknown.exit_code == 1 and "rep add" in unknown.stderr


def test_team_commands_refuse_sqlite(cli):
    for args in (("team", "init", "--yes"), ("team", "status")):
        refused = cli(*args)
        assert refused.exit_code == 1
        assert refused.stderr.startswith("Error: team mode needs PostgreSQL")
