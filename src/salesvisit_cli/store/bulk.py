"""Bulk writes for large loads (the demo): tuples in, one executemany per chunk, set-based updates.

On SQLite the rows go straight through the DBAPI cursor of the transaction's connection (no
per-row SQLAlchemy parameter processing); dates and moments are stored exactly as SQLAlchemy
stores them there (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS.ffffff`). On PostgreSQL the demo's rows go
through COPY (and the id sequences follow explicit ids). Otherwise Core.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table, insert
from sqlalchemy.engine import Connection

from salesvisit_cli.store.rules import refresh_first_visits

CHUNK = 20_000


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment_text(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(" ", "microseconds")


def _converters(table: Table, columns: Sequence[str]) -> list[tuple[int, Callable]]:
    found = []
    for index, name in enumerate(columns):
        kind = table.c[name].type
        if isinstance(kind, DateTime):
            found.append((index, _moment_text))
        elif isinstance(kind, Date):
            found.append((index, _date_text))
    return found


def _row_converter(
    converters: list[tuple[int, Callable]], width: int, constants: Sequence[Any] = ()
) -> Callable:
    """One compiled function turning a row into its SQLite values (no per-row loop), with
    `constants` appended (the Python-side defaults of the columns a row leaves out)."""
    converting = dict(converters)
    parts = [f"c{i}(r[{i}])" if i in converting else f"r[{i}]" for i in range(width)]
    parts += [f"k{j}" for j in range(len(constants))]
    namespace = {f"c{i}": convert for i, convert in converters}
    namespace.update({f"k{j}": value for j, value in enumerate(constants)})
    # Our own text (column indexes), not user input.
    return eval(f"lambda r: ({', '.join(parts)},)", namespace)


def _appended(
    table: Table, columns: Sequence[str], same: dict[str, Any]
) -> tuple[list[str], list[Any]]:
    """The columns a raw insert appends to each row and their values: those of `same`, then the
    columns neither gives that have a Python-side scalar default (SQLAlchemy, not the table,
    applies those: a raw insert must supply them)."""
    given = {*columns, *same}
    defaults = [
        column
        for column in table.columns
        if column.name not in given and column.default is not None and column.default.is_scalar
    ]
    names = [*same, *(column.name for column in defaults)]
    return names, [*same.values(), *(column.default.arg for column in defaults)]


def insert_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    same: dict[str, Any] | None = None,
    copy: bool = False,
) -> int:
    """Insert `rows` (tuples in `columns` order), each with the values in `same` (converted
    once); returns how many. `copy`: on PostgreSQL through COPY (for the tables' owner: row
    level security refuses COPY FROM to everyone else)."""
    rows = list(rows) if not isinstance(rows, list) else rows
    if not rows:
        return 0
    same = same or {}
    if connection.dialect.name == "sqlite":
        _sqlite_insert(connection, table, columns, rows, same)
    elif copy and connection.dialect.name == "postgresql":
        _copy_rows(connection, table, columns, rows, same)
    else:
        for begin in range(0, len(rows), CHUNK):
            chunk = rows[begin : begin + CHUNK]
            connection.execute(
                insert(table), [dict(zip(columns, r, strict=True)) | same for r in chunk]
            )
    return len(rows)


def _sqlite_insert(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: list[Sequence[Any]],
    same: dict[str, Any],
) -> None:
    """One executemany per chunk on the DBAPI cursor, values converted as SQLAlchemy would."""
    appended, values = _appended(table, columns, same)
    constants = [
        _stored_as(table, name, value) for name, value in zip(appended, values, strict=True)
    ]
    width = len(columns)
    columns = [*columns, *appended]
    names = ", ".join('"' + name + '"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    cursor = connection.connection.driver_connection.cursor()
    try:
        converters = _converters(table, columns[:width])
        convert = _row_converter(converters, width, constants) if converters or constants else None
        for begin in range(0, len(rows), CHUNK):
            chunk = rows[begin : begin + CHUNK]
            cursor.executemany(sql, map(convert, chunk) if convert else chunk)
    finally:
        cursor.close()


def _stored_as(table: Table, name: str, value: Any) -> Any:
    """`value` as SQLite stores it in column `name` (dates as SQLAlchemy's text)."""
    converters = _converters(table, [name])
    return converters[0][1](value) if converters else value


def _copy_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: list[Sequence[Any]],
    same: dict[str, Any],
) -> None:
    """PostgreSQL: COPY FROM STDIN in the transaction (psycopg adapts dates and moments); when
    the rows bring their own ids, the id sequence is moved past them."""
    from psycopg import sql

    appended, constants = _appended(table, columns, same)
    names = [*columns, *appended]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    with connection.connection.driver_connection.cursor() as cursor:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row((*row, *constants) if constants else row)
        if "id" in columns:
            cursor.execute(
                sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'), max(id)) FROM {}").format(
                    sql.Literal(table.name), sql.Identifier(table.name)
                )
            )


@contextlib.contextmanager
def bulk_load(
    connection: Connection,
    tables: Sequence[Table] = (),
    cache_mib: int = 64,
    keep: Sequence[str] = (),
) -> Iterator[None]:
    """One large load on SQLite: a bigger page cache (connection-scoped, restored after), and
    the secondary indexes of `tables` dropped for the load and rebuilt at the end (a sort is
    much cheaper than millions of random index insertions). All inside the caller's
    transaction: if the load fails, the rollback brings the indexes back too. The indexes named
    in `keep` stay (the load reads them)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {-1024 * cache_mib}")
    indexes = [
        index
        for table in tables
        for index in sorted(table.indexes, key=_name)
        if index.name not in keep
    ]
    try:
        for index in indexes:
            index.drop(connection)
        yield
        for index in indexes:
            index.create(connection)
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def _name(index) -> str:
    return index.name or ""


def refresh_all_first_visits(connection: Connection) -> None:
    """customer.first_visit_on / first_visit_as_prospect for every customer in one UPDATE (the
    rule of `store.rules.refresh_first_visits`, correlated over the (customer_id, date) index)."""
    connection.execute(refresh_first_visits())
