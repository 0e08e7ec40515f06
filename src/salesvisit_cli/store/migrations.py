"""Schema versions: ordered, named steps run on open, after a backup of the SQLite file.

A new database gets the current tables and is stamped with the latest version; an older one
runs every step above its version, in one transaction. Add a step by appending to STEPS and
committing a fixture database of the version it starts from under tests/fixtures/.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from salesvisit_cli.domain.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.store.engine import Store


def _initial_schema(connection: Connection) -> None:
    """The current tables, as declared in store.models (SQLModel). They are created from
    store.tables, the Core copy generated from those models (tests/store/test_tables.py proves
    the DDL identical), which spares a new database the ~0.25 s of importing SQLModel."""
    from salesvisit_cli.store.tables import metadata

    metadata.create_all(connection)


# (version, name, step). Version 1 is the first schema that shipped.
STEPS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema", _initial_schema),
]
CURRENT_VERSION = STEPS[-1][0]


def schema_version(connection: Connection) -> int | None:
    """The recorded version; 0 for an empty database; None for tables we do not know.

    "Empty" means no schema objects at all (SQLite: nothing in sqlite_master), so the current
    tables are never created over a file that holds anything else.
    """
    from sqlalchemy import inspect, text

    if connection.dialect.name == "sqlite":
        objects = connection.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).scalar()
        if not objects:
            return 0
        tables = set(inspect(connection).get_table_names())
    else:
        tables = set(inspect(connection).get_table_names())
        if not tables:
            return 0
    if "meta" not in tables:
        return None
    value = connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'"))
    row = value.first()
    try:
        return int(row[0]) if row else None
    except (TypeError, ValueError):
        return None


def _refuse(found: int | None) -> None:
    """A database this salesvisit must not touch: not ours, or from a newer release."""
    if found is None:
        raise StoreError(
            "this database was not made by salesvisit (it has tables but no schema version); "
            "nothing was changed"
        )
    if found > CURRENT_VERSION:
        raise StoreError(
            f"the database has schema version {found}, newer than this salesvisit knows "
            f"({CURRENT_VERSION}); upgrade salesvisit to use it"
        )


def _stamp(connection: Connection, version: int) -> None:
    from sqlalchemy import text

    updated = connection.execute(
        text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(version)}
    )
    if updated.rowcount == 0:
        connection.execute(
            text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)}
        )


def migrate(store: Store) -> int:
    """Bring the database to CURRENT_VERSION; returns the version it had (0: new)."""
    with store.read() as connection:
        found = schema_version(connection)
    if found == CURRENT_VERSION:
        return found
    _refuse(found)
    if found > 0 and store.path is not None:
        backup_before_migration(store, found)
    if found > 0 and not store.is_sqlite:
        _require_owner(store, found)
    with store.write() as connection:
        again = schema_version(connection)  # another process may have migrated meanwhile
        if again == CURRENT_VERSION:
            return found
        _refuse(again)
        if again == 0:
            _initial_schema(connection)
        else:
            for version, _name, step in STEPS:
                if version > again:
                    step(connection)  # one transaction: a failing step leaves the old version
        _stamp(connection, CURRENT_VERSION)
        if not store.is_sqlite and again > 0:
            from salesvisit_cli.store.access import reapply_after_migration

            reapply_after_migration(connection)  # team mode: grants and policies on new tables
    return found


def _require_owner(store: Store, found: int) -> None:
    """On a server only the tables' owner changes the schema; others get a clear message."""
    from sqlalchemy import text

    with store.read() as connection:
        allowed = connection.execute(
            text(
                "SELECT pg_has_role(current_user, c.relowner, 'USAGE') "
                "FROM pg_class c WHERE c.oid = to_regclass('meta')"
            )
        ).scalar()
    if not allowed:
        raise StoreError(
            f"the database has schema version {found} and this salesvisit needs "
            f"{CURRENT_VERSION}: the database owner must run salesvisit once to upgrade it"
        )


def backup_before_migration(store: Store, version: int) -> None:
    """Copy the SQLite file to `NAME.vN-YYYYmmddHHMMSS.bak` before changing its schema."""
    from salesvisit_cli.store.engine import backup_sqlite

    stamp = datetime.now().strftime("%Y%m%d%H%M%S")
    try:
        for attempt in range(100):
            suffix = f"-{attempt}" if attempt else ""
            destination = store.path.with_name(f"{store.path.name}.v{version}-{stamp}{suffix}.bak")
            try:
                backup_sqlite(store.path, destination)
                return
            except FileExistsError:
                continue
        raise StoreError(f"cannot back up the database before upgrading it: {destination} exists")
    except OSError as error:
        raise StoreError(f"cannot back up the database before upgrading it: {error}") from None
