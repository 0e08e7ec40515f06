"""A database schema as comparable data: tables, columns, keys, indexes (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import inspect


def schema_shape(connection, *, skip: tuple[str, ...] = (), ordered: bool = True) -> dict:
    """Table → its columns (name, type, nullable, server default), primary key, foreign keys,
    unique constraints and indexes. `ordered=False` ignores the order of the columns."""
    inspector = inspect(connection)
    shape = {}
    for table in sorted(set(inspector.get_table_names()) - set(skip)):
        columns = [
            (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
            for c in inspector.get_columns(table)
        ]
        shape[table] = {
            "columns": columns if ordered else sorted(columns),
            "primary key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign keys": sorted(
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
            "unique": sorted(
                tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
        }
    return shape
