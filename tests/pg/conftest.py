"""A throwaway PostgreSQL cluster per test session (per xdist worker), a database per test.

The cluster (`tests/pg/cluster.py`) listens only on a unix socket in its own temp dir and is
removed afterwards. Without the server binaries the tests are skipped with a visible reason,
except under CI=true, where that is a failure.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from tests.pg.cluster import Cluster, bin_dir, start_cluster, stop_cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """Start a private cluster for this session (each xdist worker gets its own)."""
    found = bin_dir()
    if found is None:
        reason = "PostgreSQL server binaries (initdb, pg_ctl) not found; set SALESVISIT_PG_BIN"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    cluster = start_cluster(found)
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


_numbers = itertools.count(1)


@dataclass
class Database:
    cluster: Cluster
    name: str
    owner: str

    @property
    def url(self) -> str:
        """The URL of the database owner (runs migrations and `team init`)."""
        return self.cluster.url(self.name, self.owner)

    def url_for(self, role: str) -> str:
        return self.cluster.url(self.name, role)

    def connect(self, role: str | None = None, **kwargs):
        return self.cluster.connect(self.name, role or self.cluster.superuser, **kwargs)


@pytest.fixture
def make_pg_db(pg_cluster: Cluster) -> Iterator[Callable[..., Database]]:
    """Create fresh databases; `owner=` makes a non-superuser owner role (with CREATEROLE).

    Afterwards the databases and every role the test created are dropped (roles are
    cluster-wide, so each test starts clean).
    """
    made: list[str] = []
    with pg_cluster.connect(autocommit=True) as admin:
        before = {row[0] for row in admin.execute("SELECT rolname FROM pg_roles")}

    def make(owner: str | None = None) -> Database:
        from psycopg import sql

        name = f"sv_{os.getpid()}_{next(_numbers)}"
        with pg_cluster.connect(autocommit=True) as admin:
            if owner:
                admin.execute(
                    sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(sql.Identifier(owner))
                )
            admin.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(name), sql.Identifier(owner or pg_cluster.superuser)
                )
            )
        made.append(name)
        return Database(pg_cluster, name, owner or pg_cluster.superuser)

    yield make

    from psycopg import sql

    with pg_cluster.connect(autocommit=True) as admin:
        for name in made:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        roles = [row[0] for row in admin.execute("SELECT rolname FROM pg_roles")]
        for role in roles:
            if role not in before:
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture
def pg_db(make_pg_db: Callable[..., Database]) -> Database:
    """A fresh, empty database owned by the cluster superuser."""
    return make_pg_db()


@pytest.fixture
def pg_cli(cli, pg_db: Database, monkeypatch: pytest.MonkeyPatch):
    """The `cli` fixture with SALESVISIT_DB pointing at a fresh PostgreSQL database, where the
    salesperson alice has been added (a server database creates nobody implicitly)."""
    monkeypatch.setenv("SALESVISIT_DB", pg_db.url)
    assert cli("rep", "add", "alice").exit_code == 0
    return cli
