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


_M002_SQLITE = (
    """CREATE TABLE IF NOT EXISTS customer_log (
    id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    at DATETIME NOT NULL,
    by_id INTEGER,
    event VARCHAR(10) NOT NULL,
    from_id INTEGER,
    to_id INTEGER,
    fields VARCHAR,
    reason VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(customer_id) REFERENCES customer (id),
    FOREIGN KEY(by_id) REFERENCES rep (id),
    FOREIGN KEY(from_id) REFERENCES rep (id),
    FOREIGN KEY(to_id) REFERENCES rep (id)
)""",
    "CREATE INDEX IF NOT EXISTS ix_customer_log_customer_id ON customer_log (customer_id)",
)
_M002_POSTGRES = (
    _M002_SQLITE[0]
    .replace("id INTEGER NOT NULL,\n    customer_id", "id SERIAL NOT NULL,\n    customer_id")
    .replace("DATETIME", "TIMESTAMP WITHOUT TIME ZONE"),
    _M002_SQLITE[1],
    # The database writes the log: the acting salesperson is the one mapped to the login; a
    # login mapped to none (the owner) names them in `salesvisit.actor` (store.customer_log).
    """CREATE OR REPLACE FUNCTION salesvisit_log_customer() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_catalog, pg_temp AS $$
DECLARE
    actor integer := (SELECT r.id FROM rep r WHERE r.db_role = session_user);
    given text := current_setting('salesvisit.actor', true);
    why text := nullif(current_setting('salesvisit.reason', true), '');
    changed text;
BEGIN
    IF actor IS NULL AND given ~ '^[0-9]{1,9}$' THEN
        actor := (SELECT r.id FROM rep r WHERE r.id = given::integer);
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO customer_log (customer_id, at, by_id, event, to_id, reason)
        VALUES (NEW.id, localtimestamp, actor, 'created', NEW.owner_id, why);
        RETURN NULL;
    END IF;
    IF NEW.owner_id IS DISTINCT FROM OLD.owner_id THEN
        INSERT INTO customer_log (customer_id, at, by_id, event, from_id, to_id, reason)
        VALUES (NEW.id, localtimestamp, actor, CASE
            WHEN NEW.owner_id IS NULL THEN 'released'
            WHEN OLD.owner_id IS NULL AND NEW.owner_id = actor THEN 'claimed'
            ELSE 'assigned' END, OLD.owner_id, NEW.owner_id, why);
    END IF;
    SELECT string_agg(n.key, ',' ORDER BY n.key) INTO changed
    FROM jsonb_each(to_jsonb(NEW)) n JOIN jsonb_each(to_jsonb(OLD)) o ON o.key = n.key
    WHERE n.value IS DISTINCT FROM o.value AND n.key NOT IN ('id', 'owner_id', 'name_key',
        'created_at', 'client_since', 'first_visit_on', 'first_visit_as_prospect');
    IF changed IS NOT NULL THEN
        INSERT INTO customer_log (customer_id, at, by_id, event, fields, reason)
        VALUES (NEW.id, localtimestamp, actor, 'edited', changed, why);
    END IF;
    RETURN NULL;
END $$""",
    "REVOKE ALL ON FUNCTION salesvisit_log_customer() FROM PUBLIC",
    "DROP TRIGGER IF EXISTS salesvisit_log ON customer",
    "CREATE TRIGGER salesvisit_log AFTER INSERT OR UPDATE ON customer "
    "FOR EACH ROW EXECUTE FUNCTION salesvisit_log_customer()",
)


def m002_customer_log(connection: Connection) -> None:
    """The customer log (`customer log REF`): ownership changes and edits of the file.

    On PostgreSQL a trigger writes it; on SQLite the services do, in the same transaction.
    Tolerates a database that already has the table (a new one gets it from the models).
    """
    if connection.dialect.name != "postgresql":
        for statement in _M002_SQLITE:
            connection.exec_driver_sql(statement)
        return
    here = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    schema = '"' + here.replace('"', '""') + '"'  # quoted: pg_temp is searched last
    for statement in _M002_POSTGRES:
        connection.exec_driver_sql(statement.replace("{schema}", schema))


# (version, name, step). Version 1 is the first schema that shipped.
STEPS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema", _initial_schema),
    (2, "customer log", m002_customer_log),
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
