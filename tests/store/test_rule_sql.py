"""R1 on SQLite: the Python new-customer rule and every SQL form of it agree on generated
histories (the one-customer refresh, the bulk refresh, the month and day counts, visit flags)."""

from __future__ import annotations

import pytest

from salesvisit_cli.store.bulk import refresh_all_first_visits
from salesvisit_cli.store.engine import open_store
from salesvisit_cli.store.progress import refresh_first_visit
from tests.rule_histories import check_sql_forms, load

SEEDS = range(60)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = open_store(tmp_path_factory.mktemp("rules") / "rules.db")
    yield opened
    opened.close()


@pytest.mark.parametrize("seed", SEEDS)
def test_refresh_one_by_one_agrees_with_the_python_rule(store, seed):
    with store.write() as conn:
        history = load(conn, seed)
        for customer in history.status:
            refresh_first_visit(conn, customer)
        check_sql_forms(conn, history)


@pytest.mark.parametrize("seed", SEEDS)
def test_bulk_refresh_agrees_with_the_python_rule(store, seed):
    with store.write() as conn:
        history = load(conn, seed)
        refresh_all_first_visits(conn)
        check_sql_forms(conn, history)
