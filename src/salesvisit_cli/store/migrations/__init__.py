"""Schema versions: frozen, named steps run on open, after a backup of the SQLite file.

Every database, new or old, runs the same steps (`steps.MIGRATIONS`, in order) from the version
recorded in `meta` up to the latest, in one transaction; each applied step is logged by name in
`schema_migration`. A database this release cannot vouch for is refused untouched.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from salesvisit_cli.domain.errors import StoreError
from salesvisit_cli.i18n import _
from salesvisit_cli.store.migrations.steps import MIGRATIONS

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.store.engine import Store

CURRENT_VERSION = len(MIGRATIONS)
LOG_TABLE = "schema_migration"
# PostgreSQL: `meta` is a table the inspector would list (one visible on the search path).
_META_HERE = (
    "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = to_regclass('meta') "
    "AND relkind IN ('r', 'p'))"
)


def schema_version(connection: Connection) -> int | None:
    """The recorded version; 0 for an empty database; None for tables we do not know.

    "Empty" means no schema objects at all (SQLite: nothing in sqlite_master), so no step ever
    runs over a file that holds anything else. A recorded version below 1 was never written by
    salesvisit: it is refused here, before anything is touched.
    """
    from sqlalchemy import inspect, text

    if connection.dialect.name == "sqlite":
        objects = connection.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).scalar()
        if not objects:
            return 0
        tables = set(inspect(connection).get_table_names())
    elif connection.exec_driver_sql(_META_HERE).scalar():
        tables = {"meta"}  # every command's check: no catalog reflection (~6 ms CPU, ~10 ms)
    else:
        tables = set(inspect(connection).get_table_names())
        if not tables:
            return 0
    if "meta" not in tables:
        return None
    row = connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    try:
        version = int(row[0]) if row else None
    except (TypeError, ValueError):
        return None
    if version is not None and version < 1:
        raise StoreError(
            _(
                "the database records schema version {version}, which no salesvisit writes; it may "
                "be damaged or half restored. Nothing was changed"
            ).format(version=version)
        )
    return version


def _refuse(found: int | None) -> None:
    """A database this salesvisit must not touch: not ours, or from a newer release."""
    if found is None:
        raise StoreError(
            _(
                "this database was not made by salesvisit (it has tables but no schema version); "
                "nothing was changed"
            )
        )
    if found > CURRENT_VERSION:
        raise StoreError(
            _(
                "the database has schema version {found}, newer than this salesvisit knows "
                "({CURRENT_VERSION}); upgrade salesvisit to use it"
            ).format(found=found, CURRENT_VERSION=CURRENT_VERSION)
        )


def upgrade(connection: Connection, found: int, target: int | None = None) -> None:
    """Run the steps from version `found` to `target` (default: the latest) in this transaction,
    log them and stamp the version. A failing step raises: the transaction keeps the old one."""
    target = CURRENT_VERSION if target is None else target
    for step in MIGRATIONS[found:target]:
        step(connection)
    _log(connection, found, target)
    _stamp(connection, target)


def _log(connection: Connection, found: int, target: int) -> None:
    """Record the steps up to `target` not logged yet: those run now with the time, earlier ones
    (run before the log existed) with none."""
    from sqlalchemy import DateTime, String, column, inspect, select, table

    if not inspect(connection).has_table(LOG_TABLE):
        return
    log = table(LOG_TABLE, column("name", String), column("applied_at", DateTime))
    logged = set(connection.execute(select(log.c.name)).scalars())
    now = datetime.now()
    rows = [
        {"name": step.__name__, "applied_at": now if version > found else None}
        for version, step in enumerate(MIGRATIONS[:target], start=1)
        if step.__name__ not in logged
    ]
    if rows:
        connection.execute(log.insert(), rows)


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
        upgrade(connection, again)
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
            _(
                "the database has schema version {found} and this salesvisit needs "
                "{CURRENT_VERSION}: the database owner must run salesvisit once to upgrade it"
            ).format(found=found, CURRENT_VERSION=CURRENT_VERSION)
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
        raise StoreError(
            _("cannot back up the database before upgrading it: {destination} exists").format(
                destination=destination
            )
        )
    except OSError as error:
        raise StoreError(
            _("cannot back up the database before upgrading it: {error}").format(error=error)
        ) from None
