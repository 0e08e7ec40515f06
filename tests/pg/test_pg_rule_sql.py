"""R1 on PostgreSQL: the Python new-customer rule and every SQL form of it agree on generated
histories, including the team-mode function `salesvisit_refresh_first_visit` (PL/pgSQL body
from `store.rules`) that `team init` installs."""

from __future__ import annotations

import pytest

from salesvisit_cli.store import access, guards
from salesvisit_cli.store.bulk import refresh_all_first_visits
from salesvisit_cli.store.engine import open_store
from salesvisit_cli.store.progress import refresh_first_visit
from tests.rule_histories import check_sql_forms, load

pytestmark = pytest.mark.postgres

SEEDS = range(25)
TEAM = "sv_rule_team"


@pytest.fixture
def store(pg_db):
    opened = open_store(pg_db.url)
    yield opened
    opened.close()


def _install_team_function(conn) -> None:
    conn.exec_driver_sql(f"CREATE ROLE {TEAM}")
    guards.first_visit_function(
        lambda statement: access._run(conn, statement), access.schema(conn), TEAM
    )


def test_every_sql_form_agrees_with_the_python_rule(store):
    with store.write() as conn:
        for seed in SEEDS:
            history = load(conn, seed)
            for customer in history.status:
                refresh_first_visit(conn, customer)
            check_sql_forms(conn, history)
            history = load(conn, seed)
            refresh_all_first_visits(conn)
            check_sql_forms(conn, history)


def test_the_team_mode_function_agrees_with_the_python_rule(store):
    with store.write() as conn:
        _install_team_function(conn)
        for seed in SEEDS:
            history = load(conn, seed)
            for customer in history.status:
                refresh_first_visit(conn, customer)  # calls the function once it exists
            assert conn.info.get("salesvisit_first_visit_function")
            check_sql_forms(conn, history)
