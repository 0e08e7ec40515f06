"""The cadence clock and the release rule on SQLite: the SQL forms of `store.pool` agree with
the Python rules on generated histories, day by day (`tests/pool_clocks.py`)."""

from __future__ import annotations

import pytest

from salesvisit_cli.store.engine import open_store
from tests.pool_clocks import check, load


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = open_store(tmp_path_factory.mktemp("clocks") / "clocks.db")
    yield opened
    opened.close()


@pytest.mark.parametrize("seed", range(30))
def test_the_sql_clocks_agree_with_the_python_rule(store, seed):
    with store.write() as conn:
        check(conn, load(conn, seed))
