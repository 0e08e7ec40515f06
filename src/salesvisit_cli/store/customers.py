"""Customer queries and writes (SQLAlchemy Core over the SQLModel tables)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql import FromClause

from salesvisit_cli.domain.customers import FIELDS, Customer, name_key, phone_key
from salesvisit_cli.store.bulk import insert_rows
from salesvisit_cli.store.private_columns import with_owner_only
from salesvisit_cli.store.tables import CUSTOMER, REP


def _source(connection: Connection) -> tuple[FromClause, Any]:
    return with_owner_only(connection, CUSTOMER.outerjoin(REP, REP.c.id == CUSTOMER.c.owner_id))


def _select(connection: Connection):
    from salesvisit_cli.store.pool import last_visit_column, owned_at_column

    source, c = _source(connection)
    names = ("id", *FIELDS, "created_at", "client_since", "first_visit_on")
    return select(
        *(c[name] for name in names),
        REP.c.name.label("owner"),
        last_visit_column().label("last_visit"),
        owned_at_column().label("owned_at"),
    ).select_from(source)


def _customer(row: Any) -> Customer:
    from salesvisit_cli.store.pool import clock_start

    values = dict(row._mapping)
    owned_at = values.pop("owned_at")
    if values["owner"] is not None:
        values["started"] = clock_start(values["created_at"], owned_at, values["last_visit"])
    return Customer(**values)


def get(connection: Connection, customer_id: int) -> Customer | None:
    row = connection.execute(_select(connection).where(CUSTOMER.c.id == customer_id)).first()
    return _customer(row) if row else None


def find_by_name(connection: Connection, text: str, limit: int = 11) -> list[Customer]:
    """Customers whose name is exactly `text`, else those containing it (case-insensitive)."""
    exact = connection.execute(_select(connection).where(CUSTOMER.c.name == text)).all()
    if exact:
        return [_customer(row) for row in exact]
    pattern = "%" + _escape_like(text.lower()) + "%"
    rows = connection.execute(
        _select(connection)
        .where(func.lower(CUSTOMER.c.name).like(pattern, escape="\\"))
        .order_by(CUSTOMER.c.id)
        .limit(limit)
    ).all()
    return [_customer(row) for row in rows]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def same_name(connection: Connection, name: str, exclude_id: int | None = None) -> Customer | None:
    """An existing customer the duplicate rule says is the same company."""
    query = _select(connection).where(CUSTOMER.c.name_key == name_key(name))
    if exclude_id is not None:
        query = query.where(CUSTOMER.c.id != exclude_id)
    row = connection.execute(query.order_by(CUSTOMER.c.id).limit(1)).first()
    return _customer(row) if row else None


def same_phone(connection: Connection, phone: str, exclude_id: int | None = None) -> list[Customer]:
    """Customers whose phone has the same digits."""
    digits = phone_key(phone)
    if not digits:
        return []
    query = _select(connection).where(_source(connection)[1].phone.is_not(None))
    if exclude_id is not None:
        query = query.where(CUSTOMER.c.id != exclude_id)
    return [_customer(row) for row in connection.execute(query) if phone_key(row.phone) == digits]


def first_ids(connection: Connection, keys: Collection[str]) -> dict[str, int]:
    """Name key → the lowest id of a customer with it, for those of `keys` on file (one query
    over ix_customer_name_key: the import's duplicate check, this file's earlier rows included).
    On SQLite the keys go in as one JSON array (thousands of them: no bound parameter each)."""
    if connection.dialect.name == "sqlite":
        found = connection.exec_driver_sql(_FIRST_IDS, (json.dumps(list(keys)),))
        return dict(found.all())
    query = (
        select(CUSTOMER.c.name_key, func.min(CUSTOMER.c.id))
        .where(CUSTOMER.c.name_key.in_(list(keys)))
        .group_by(CUSTOMER.c.name_key)
    )
    return dict(connection.execute(query).all())


_FIRST_IDS = (
    "SELECT name_key, min(id) FROM customer "
    "WHERE name_key IN (SELECT value FROM json_each(?)) GROUP BY name_key"
)


def name_keys_on_file(connection: Connection) -> Iterator[str]:
    """The name key of every customer (streamed: an import's duplicate check starts from them)."""
    query = select(CUSTOMER.c.name_key).execution_options(yield_per=10_000)
    yield from connection.execute(query).scalars()


def first_id_after(connection: Connection, before: int) -> int | None:
    """The lowest customer id above `before` (where an import's rows start)."""
    return connection.execute(
        select(func.min(CUSTOMER.c.id)).where(CUSTOMER.c.id > before)
    ).scalar()


def add(connection: Connection, fields: dict[str, Any], owner_id: int | None, now: datetime) -> int:
    values = _stored(fields, now)
    values.update(owner_id=owner_id, created_at=now)
    return connection.execute(insert(CUSTOMER).values(**values)).inserted_primary_key[0]


CHUNK = 2000  # rows per executemany (an import holds one chunk of rows at a time)
# The columns of a file's row that are no customer column as they are: the import's row
# carries the owner's name (its id follows) and the district given (the one stored follows).
_NOT_STORED = ("owner", "district")
# What a row that leaves the tier or status out gets.
_DEFAULTS = {name: CUSTOMER.c[name].default.arg for name in ("tier", "status")}


def add_rows(
    connection: Connection, fields: Sequence[str], rows: Sequence[tuple], now: datetime
) -> None:
    """Insert checked customers, in order, in one executemany: each row the values of `fields`
    ('' or None: not given; the tier and status then their defaults), then its name key,
    district and owner id. A client is a client since `now`."""
    if connection.dialect.name != "sqlite":
        _add_rows_with_core(connection, fields, rows, now)
        return
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.executemany(_row_insert(tuple(fields), now), rows)
    finally:
        cursor.close()


def _row_insert(fields: tuple[str, ...], now: datetime) -> str:
    """The INSERT of `add_rows` on SQLite: '' becomes NULL (or the column's default) in SQL, a
    client's `client_since` is `now`'s day, constants are literals (no per-row Python work)."""
    values: dict[str, str] = {}
    for number, name in enumerate(fields, start=1):
        if name in _NOT_STORED:
            continue  # bound and not used
        values[name] = f"NULLIF(?{number}, '')"
        if name in ("tier", "status"):
            values[name] = f"COALESCE({values[name]}, {_literal(_DEFAULTS[name])})"
        if name == "status":
            values["client_since"] = f"CASE ?{number} WHEN 'client' THEN {_literal(now.date())} END"
    after = len(fields)
    for offset, name in enumerate(("name_key", "district", "owner_id"), start=1):
        values[name] = f"?{after + offset}"
    values["created_at"] = _literal(now)
    for kept in CUSTOMER.columns:  # what SQLAlchemy would fill in
        if kept.name not in values and kept.default is not None:
            values[kept.name] = _literal(kept.default.arg)
    names = ", ".join(f'"{name}"' for name in values)
    return f"INSERT INTO customer ({names}) VALUES ({', '.join(values.values())})"


def _literal(value: Any) -> str:
    """`value` as an SQLite literal, stored as SQLAlchemy stores it (our constants, not input)."""
    if isinstance(value, datetime):
        value = value.isoformat(" ", "microseconds")
    elif isinstance(value, date):
        value = value.isoformat()
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(int(value)) if isinstance(value, bool) else repr(value)


def _add_rows_with_core(
    connection: Connection, fields: Sequence[str], rows: Sequence[tuple], now: datetime
) -> None:
    """`add_rows` elsewhere (PostgreSQL): tuples of stored values through `insert_rows`."""
    kept = [(index, name) for index, name in enumerate(fields) if name not in _NOT_STORED]
    names = [name for _, name in kept]
    names += ["name_key", "district", "owner_id", "client_since"]
    today = now.date()
    stored = []
    for row in rows:
        given = {name: None if row[index] == "" else row[index] for index, name in kept}
        for name, default in _DEFAULTS.items():
            given[name] = given.get(name) or default
        since = today if given["status"] == "client" else None
        stored.append((*(given[name] for name in names[: len(kept)]), *row[len(fields) :], since))
    insert_rows(connection, CUSTOMER, names, stored, same={"created_at": now})


def bulk_loading(connection: Connection, cache_mib: int, *, first: bool):
    """Context for a large load: a page cache of `cache_mib` (the import promises bounded
    memory) and, for a `first` load into an empty table, the secondary indexes built once at
    the end instead of row by row, except the name key's (the duplicate check reads it)."""
    from salesvisit_cli.store.bulk import bulk_load

    tables = (CUSTOMER,) if first else ()
    return bulk_load(connection, tables, cache_mib=cache_mib, keep=("ix_customer_name_key",))


def _stored(fields: dict[str, Any], now: datetime) -> dict[str, Any]:
    values = dict(fields)
    if "name" in values and "name_key" not in values:  # bulk callers may have it already
        values["name_key"] = name_key(values["name"])
    if values.get("status") == "client":
        values.setdefault("client_since", now.date())
    return values


def edit(connection: Connection, customer_id: int, fields: dict[str, Any], now: datetime) -> bool:
    """Change the fields; False when no row may be changed (team mode: not its owner)."""
    values = _stored(fields, now)
    if fields.get("status") == "prospect":
        values["client_since"] = None
    elif fields.get("status") == "client":
        # keep an earlier client_since
        current = connection.execute(
            select(CUSTOMER.c.client_since).where(CUSTOMER.c.id == customer_id)
        ).scalar()
        values["client_since"] = current or now.date()
    changed = connection.execute(
        update(CUSTOMER).where(CUSTOMER.c.id == customer_id).values(**values)
    )
    return changed.rowcount > 0


def set_owner(connection: Connection, customer_id: int, owner_id: int | None) -> None:
    connection.execute(
        update(CUSTOMER).where(CUSTOMER.c.id == customer_id).values(owner_id=owner_id)
    )


def _filtered(query, tier: str | None, status: str | None, owner: str | None, district: str | None):
    if district:  # "西湖" finds 西湖区
        query = query.where(CUSTOMER.c.district.like(_escape_like(district) + "%", escape="\\"))
    if tier:
        query = query.where(CUSTOMER.c.tier == tier)
    if status:
        query = query.where(CUSTOMER.c.status == status)
    if owner:
        query = query.where(REP.c.name == owner)
    return query


def listing(
    connection: Connection,
    *,
    tier: str | None = None,
    status: str | None = None,
    search: str | None = None,
    owner: str | None = None,
    district: str | None = None,
) -> Iterator[Customer]:
    """Customers by name, filtered."""
    query = _filtered(_select(connection), tier, status, owner, district)
    if search:
        pattern = "%" + _escape_like(search.lower()) + "%"
        c = _source(connection)[1]
        columns = (c.name, c.contact, c.address, c.industry, c.phone, c.note)
        if connection.dialect.name == "postgresql":  # LIKE minds case there
            columns = tuple(func.lower(column) for column in columns)
        # SQLite's LIKE ignores ASCII case, the only case its lower() folds: lower() would cost
        # a string per column and row of the scan (~45% of its time on 20,000 customers).
        query = query.where(or_(*(column.like(pattern, escape="\\") for column in columns)))
    for row in connection.execute(query.order_by(func.lower(CUSTOMER.c.name), CUSTOMER.c.id)):
        yield _customer(row)


def names(
    connection: Connection,
    *,
    tier: str | None = None,
    status: str | None = None,
    owner: str | None = None,
    district: str | None = None,
) -> list[tuple[int, str]]:
    """(id, name) of the customers the filters keep, by id: what a look-up by pinyin scans."""
    query = select(CUSTOMER.c.id, CUSTOMER.c.name)
    if owner:
        query = query.select_from(CUSTOMER.join(REP, REP.c.id == CUSTOMER.c.owner_id))
    query = _filtered(query, tier, status, owner, district).order_by(CUSTOMER.c.id)
    return [(row.id, row.name) for row in connection.execute(query)]


IN_CHUNK = 500  # ids per IN (...) list


def by_ids(connection: Connection, ids: list[int]) -> list[Customer]:
    """These customers, in the order of `ids`."""
    found: dict[int, Customer] = {}
    for begin in range(0, len(ids), IN_CHUNK):
        query = _select(connection).where(CUSTOMER.c.id.in_(ids[begin : begin + IN_CHUNK]))
        found.update((row.id, _customer(row)) for row in connection.execute(query))
    return [found[customer_id] for customer_id in ids if customer_id in found]


def names_of(connection: Connection, ids: list[int]) -> dict[int, str]:
    """Customer id → name, for these customers."""
    found: dict[int, str] = {}
    for begin in range(0, len(ids), IN_CHUNK):
        chunk = ids[begin : begin + IN_CHUNK]
        query = select(CUSTOMER.c.id, CUSTOMER.c.name).where(CUSTOMER.c.id.in_(chunk))
        found.update((row.id, row.name) for row in connection.execute(query))
    return found


def count(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(CUSTOMER)).scalar_one()
