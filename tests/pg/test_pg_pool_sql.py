"""The cadence clock and the release rule on PostgreSQL: the SQL forms of `store.pool` agree
with the Python rules on generated histories, day by day (`tests/pool_clocks.py`)."""

from __future__ import annotations

import pytest

from salesvisit_cli.store.engine import open_store
from tests.pool_clocks import check, load

pytestmark = pytest.mark.postgres


def test_the_sql_clocks_agree_with_the_python_rule(pg_db):
    store = open_store(pg_db.url)
    try:
        with store.write() as conn:
            for seed in range(4):
                check(conn, load(conn, seed))
    finally:
        store.close()
