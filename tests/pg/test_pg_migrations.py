"""On PostgreSQL too, a new database and one upgraded from version 1 end up with one schema, and
the models declare exactly the migrated schema."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from salesvisit_cli.store import migrations
from salesvisit_cli.store.engine import open_store
from tests.store.schema_shape import schema_shape

pytestmark = pytest.mark.postgres


def _schema(url: str, **options) -> dict:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return schema_shape(connection, **options)
    finally:
        engine.dispose()


def _logged(url: str) -> list[str]:
    store = open_store(url, migrate=False)
    try:
        with store.read() as connection:
            return sorted(
                connection.execute(text(f"SELECT name FROM {migrations.LOG_TABLE}")).scalars()
            )
    finally:
        store.close()


def test_a_version_1_database_upgrades_to_the_schema_of_a_new_one(make_pg_db):
    fresh, old = make_pg_db(), make_pg_db()
    open_store(fresh.url).close()
    store = open_store(old.url, migrate=False)
    try:
        with store.write() as connection:
            migrations.upgrade(connection, found=0, target=1)  # what version 1 wrote
        with store.read() as connection:
            assert migrations.schema_version(connection) == 1
    finally:
        store.close()
    open_store(old.url).close()
    assert _schema(old.url) == _schema(fresh.url)
    assert _logged(old.url) == _logged(fresh.url) == [s.__name__ for s in migrations.MIGRATIONS]


def test_the_models_declare_the_migrated_schema(make_pg_db):
    from salesvisit_cli.store.models import SQLModel

    migrated, declared = make_pg_db(), make_pg_db()
    open_store(migrated.url).close()
    engine = create_engine(declared.url)
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    ours = _schema(migrated.url, skip=(migrations.LOG_TABLE,), ordered=False)
    assert ours == _schema(declared.url, ordered=False)


def test_the_version_is_read_from_the_meta_table_when_there_is_one(make_pg_db):
    """Nothing at all is a new database (0); tables without a `meta` table are not ours (None:
    refused untouched), nor is a `meta` view; the `meta` table visible on the search path
    records the version."""
    database = make_pg_db()
    engine = create_engine(database.url)
    try:
        with engine.begin() as connection:
            assert migrations.schema_version(connection) == 0
            connection.execute(text("CREATE TABLE orders (id integer)"))
            assert migrations.schema_version(connection) is None
            connection.execute(
                text("CREATE VIEW meta AS SELECT 'schema_version' AS key, '3' AS value")
            )
            assert migrations.schema_version(connection) is None
            connection.execute(text("DROP VIEW meta"))
            connection.execute(text("CREATE SCHEMA other"))
            connection.execute(text("CREATE TABLE other.meta (key text, value text)"))
            connection.execute(text("INSERT INTO other.meta VALUES ('schema_version', '3')"))
            connection.execute(text("SET LOCAL search_path = public, other"))
            assert migrations.schema_version(connection) == 3
    finally:
        engine.dispose()
