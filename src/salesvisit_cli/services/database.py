"""Database maintenance: integrity check and online backup."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from salesvisit_cli.domain.errors import SalesvisitError, ValidationError, os_reason
from salesvisit_cli.i18n import _
from salesvisit_cli.paths import require_folder
from salesvisit_cli.store.engine import Store, backup_sqlite


def check(store: Store, *, full: bool = False) -> list[str]:
    """Problems found (empty when the database is sound)."""
    with store.read() as connection:
        if not store.is_sqlite:
            connection.execute(text("SELECT 1"))
            return []
        pragma = "integrity_check" if full else "quick_check"
        found = [row[0] for row in connection.exec_driver_sql(f"PRAGMA {pragma}")]
        found += [
            f"foreign key violation in {row[0]} row {row[1]}"
            for row in connection.exec_driver_sql("PRAGMA foreign_key_check")
        ]
    return [] if found == ["ok"] else [item for item in found if item != "ok"]


def backup(store: Store, destination: Path, *, force: bool = False) -> Path:
    """An online, consistent 0600 copy of the SQLite database."""
    if store.path is None:
        raise SalesvisitError(_("db backup works on SQLite files; for PostgreSQL use pg_dump"))
    destination = destination.expanduser()
    if destination.is_dir():
        raise ValidationError(
            _("{destination} is a directory; give a file name").format(destination=destination)
        )
    if destination.resolve() == store.path.resolve():
        raise ValidationError(_("the backup cannot overwrite the database itself"))
    if destination.exists() and not force:
        raise ValidationError(
            _("{destination} already exists; use --force to overwrite it").format(
                destination=destination
            )
        )
    require_folder(destination)
    try:
        backup_sqlite(store.path, destination, overwrite=force)
    except FileExistsError:
        raise ValidationError(
            _("{destination} already exists; use --force to overwrite it").format(
                destination=destination
            )
        ) from None
    except OSError as error:
        raise SalesvisitError(
            _("cannot write {destination}: {strerror}").format(
                destination=destination, strerror=os_reason(error)
            )
        ) from None
    return destination
