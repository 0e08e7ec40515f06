"""A big team from a demo team: the whole history copied `times` times inside the database.

Generating millions of visits row by row in Python is what makes a large demo slow (~0.3 ms a
visit on a quiet core: 4M visits would take most of an hour on a shared machine). A team that
is N copies of one demo team has the same shape per salesperson (the same days, visits,
follow-ups, hand-ins, first visits) and is made by the database itself: one
`INSERT … SELECT` per table and copy, every id shifted past the original's largest, every
reference shifted with the row it points to, salesperson and customer names suffixed (` #2`…).
Copy k's salespeople own copy k's customers and visit only them, as in the original.
On SQLite the secondary indexes are dropped for the load and rebuilt after
(`store.bulk.bulk_load`); on PostgreSQL the id sequences are moved past the copies. Run it
as the database owner, before `team init` (the copies have no logins).
"""

from __future__ import annotations

from sqlalchemy import (
    Integer,
    String,
    cast,
    func,
    insert,
    literal,
    null,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.engine import Connection

from salesvisit_cli.store import bulk
from salesvisit_cli.store.engine import open_store
from salesvisit_cli.store.tables import metadata

SKIPPED = ("meta", "schema_migration")
RENAMED = {("rep", "name"), ("customer", "name"), ("customer", "name_key")}
CLEARED = {("rep", "db_role"), ("rep", "is_manager")}


def _copied_tables():
    return [table for table in metadata.sorted_tables if table.name not in SKIPPED]


def _shifted(table, field, copy, largest: dict[str, int]):
    """The expression for `field` in copy number `copy` (a column: 1, 2, … for the copies)."""
    if (table.name, field.name) in CLEARED:
        return null() if field.name == "db_role" else literal(False)
    if (table.name, field.name) in RENAMED:
        return field + literal(" #", String) + cast(copy + 1, String)
    targets = [key.column.table.name for key in field.foreign_keys]
    if field.name == "id" and field.primary_key and isinstance(field.type, Integer):
        targets = [table.name]
    if targets and largest.get(targets[0]):
        return field + copy * literal(largest[targets[0]], Integer)
    return field


def replicate(connection: Connection, times: int) -> None:
    """Make the team in the database `times` times as large (in the caller's transaction)."""
    tables = _copied_tables()
    largest = {
        table.name: connection.execute(select(func.max(table.c.id))).scalar() or 0
        for table in tables
        if "id" in table.c
    }
    copies = union_all(*(select(literal(k, Integer).label("k")) for k in range(1, times)))
    copies = copies.cte("copies")
    if connection.dialect.name == "postgresql":  # the copies' log rows are copied, not made
        for table in tables:
            connection.execute(text(f"ALTER TABLE {table.name} DISABLE TRIGGER USER"))
    with bulk.bulk_load(connection, tables, cache_mib=256):
        for table in tables:
            # One statement a table: the original rows (read before any is written) x copies.
            fields = list(table.columns)
            shifted = (_shifted(table, f, copies.c.k, largest) for f in fields)
            rows = select(*shifted).select_from(table.join(copies, true()))
            connection.execute(insert(table).from_select([f.name for f in fields], rows))
    if connection.dialect.name == "postgresql":
        for table in tables:
            connection.execute(text(f"ALTER TABLE {table.name} ENABLE TRIGGER USER"))
            if "id" in table.c and largest.get(table.name):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
                )


def replicate_database(target: str, times: int) -> None:
    store = open_store(target)
    try:
        with store.write() as connection:
            replicate(connection, times)
    finally:
        store.close()
