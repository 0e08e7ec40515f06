"""URL → engine: SQLite pragmas, `BEGIN IMMEDIATE` writes, private files, migrations on open."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from salesvisit_cli.domain.errors import StoreError, os_reason
from salesvisit_cli.i18n import _
from salesvisit_cli.paths import make_private_dir

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

BUSY_TIMEOUT_MS = 10_000
PRIVATE = 0o600
# Every writer on PostgreSQL takes this transaction-scoped advisory lock: writes are serialised
# exactly as SQLite's BEGIN IMMEDIATE serialises them, so read-then-write rules hold.
PG_WRITE_LOCK = 0x5A1E5


def database_url(target: str | os.PathLike[str]) -> str:
    """A `--db` value (path or SQLAlchemy URL) as an SQLAlchemy URL."""
    text = os.fspath(target)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().absolute())


def is_sqlite_url(url: str) -> bool:
    return url.split(":", 1)[0].split("+", 1)[0].lower() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL; None for other databases and in-memory SQLite."""
    if not is_sqlite_url(url):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def postgres_fact(connection, key: str, query: str, params: dict | None = None) -> bool:
    """A yes/no fact about a PostgreSQL database and this login (`query`), asked once per
    database connection and kept under `key`; False on SQLite."""
    if connection.dialect.name != "postgresql":
        return False
    info = connection.connection.info
    if key not in info:
        from sqlalchemy import text

        info[key] = bool(connection.execute(text(query), params or {}).scalar())
    return info[key]


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 from the start (whatever the umask), unless it exists."""
    make_private_dir(path.parent)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE)
    except FileExistsError:
        return
    try:
        os.fchmod(descriptor, PRIVATE)
    finally:
        os.close(descriptor)


def describe(error: BaseException) -> str:
    """A database exception as one line a user can act on."""
    text = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    lowered = text.lower()
    if "database is locked" in lowered or "database is busy" in lowered:
        return (
            f"the database stayed locked by another salesvisit for {BUSY_TIMEOUT_MS // 1000} s; "
            "nothing was written, try again"
        )
    if "not a database" in lowered or "malformed" in lowered:
        return f"the file is not a salesvisit database or is damaged ({text})"
    if "readonly" in lowered or "read-only" in lowered:
        return f"the database cannot be written ({text}); check the file and folder permissions"
    if "row-level security" in lowered:
        return f"your database login may only write your own rows; nothing was written ({text})"
    if "permission denied" in lowered or "must be owner" in lowered:
        return (
            f"your database login is not allowed to do this; nothing was written ({text}). "
            "In team mode only managers reassign customers and only the owner changes the schema"
        )
    if "disk" in lowered and "full" in lowered:
        return "the disk is full; nothing was written"
    return f"database error: {text}"


class Store:
    """An open, migrated database; `read()` and `write()` hand out transactions. A read-only
    store (`read_only`: why it cannot be written) reads, and refuses every write in one line."""

    def __init__(self, engine: Engine, path: Path | None, read_only: str | None = None) -> None:
        self.engine = engine
        self.path = path
        self.dialect = engine.dialect.name
        self.read_only = read_only

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (a consistent snapshot)."""
        with self._translated(), self.engine.connect() as connection, connection.begin():
            yield connection

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: all of it is committed or none of it."""
        if self.read_only is not None:
            from salesvisit_cli.i18n import _

            raise StoreError(
                _("the database {path} is read-only here ({why}): reads work, nothing was "
                  "written").format(path=self.path, why=self.read_only)
            )  # fmt: skip
        with self._translated():
            connection = self.engine.connect().execution_options(salesvisit_write=True)
            with connection, connection.begin():
                if not self.is_sqlite:
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
                yield connection

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        from sqlalchemy.exc import DBAPIError, OperationalError

        try:
            yield
        except (OperationalError, DBAPIError, sqlite3.Error) as error:
            raise StoreError(describe(error)) from error

    def close(self) -> None:
        self.engine.dispose()


REQUIRED_BUSY_TIMEOUT_MS = 5_000


def check_sqlite_settings(settings: dict[str, object], *, in_memory: bool = False) -> None:
    """Refuse to work on a connection that did not take the settings we rely on."""
    wanted_journal = "memory" if in_memory else "wal"
    problems = []
    if int(settings["busy_timeout"]) < REQUIRED_BUSY_TIMEOUT_MS:
        problems.append(_("busy_timeout is {ms} ms").format(ms=settings["busy_timeout"]))
    if settings["foreign_keys"] != 1:
        problems.append(_("foreign_keys is off"))
    if str(settings["journal_mode"]).lower() != wanted_journal:
        problems.append(
            _("journal_mode is {mode}, not {wanted}").format(
                mode=settings["journal_mode"], wanted=wanted_journal
            )
        )
    if problems:
        raise StoreError(
            _(
                "the database refused the settings salesvisit needs ({problems}); "
                "is it on a network or read-only file system?"
            ).format(problems=_("; ").join(problems))
        )


def why_read_only(path: Path) -> str | None:
    """Why an existing database file cannot be written here (None: it can). SQLite writes
    beside the file (its -wal and -shm), so the folder must be writable too."""
    from salesvisit_cli.i18n import _

    if not os.access(path, os.W_OK):
        return _("the file cannot be written")
    if not os.access(path.parent, os.W_OK):
        return _("its folder {folder} cannot be written").format(folder=path.parent)
    return None


def _read_only_url(path: Path) -> str:
    """An SQLite URI that opens `path` read-only; immutable when its folder cannot hold the
    -shm file and no writer has a -wal open there (nobody can be writing it then)."""
    from urllib.parse import quote

    live = path.with_name(path.name + "-wal").exists() or os.access(path.parent, os.W_OK)
    flags = "mode=ro" if live else "mode=ro&immutable=1"
    return f"sqlite:///file:{quote(str(path))}?{flags}&uri=true"


def _sqlite_engine(url: str, *, in_memory: bool = False, read_only: bool = False) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:  # a reader takes the file's journal mode as it is
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        settings = {
            name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("busy_timeout", "foreign_keys", "journal_mode")
        }
        cursor.close()
        if read_only:
            settings["journal_mode"] = "memory" if in_memory else "wal"
        check_sqlite_settings(settings, in_memory=in_memory)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        write = connection.get_execution_options().get("salesvisit_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def open_store(target: str | os.PathLike[str], *, migrate: bool = True) -> Store:
    """Open (creating if needed) the database at a path or URL, migrated to the current schema."""
    url = database_url(target)
    if is_sqlite_url(url) and "?" in url:  # the driver would ignore them with a warning
        raise StoreError(
            _(
                "SQLite URLs take no options (?{value}): give the file path, or sqlite:///PATH"
            ).format(value=url.split("?", 1)[1])
        )
    path = sqlite_path(url)
    read_only = None
    if path is not None:
        if path.is_dir():
            raise StoreError(_("{path} is a directory, not a database file").format(path=path))
        read_only = why_read_only(path) if path.exists() else None
        if read_only is not None:
            engine = _sqlite_engine(_read_only_url(path), read_only=True)
        else:
            try:
                create_private_file(path)
            except OSError as error:
                raise StoreError(
                    _("cannot create the database {path}: {strerror}").format(
                        path=path, strerror=os_reason(error)
                    )
                ) from None
            engine = _sqlite_engine(url)
    elif is_sqlite_url(url):
        engine = _sqlite_engine(url, in_memory=True)
    else:
        engine = _server_engine(url)
    store = Store(engine, path, read_only)
    if migrate:
        from salesvisit_cli.store.migrations import migrate as run_migrations

        try:
            with store._translated():
                run_migrations(store)
        except BaseException:
            store.close()
            raise
    return store


def _server_engine(url: str) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        return create_engine(url, pool_pre_ping=False)
    except (ArgumentError, NoSuchModuleError) as error:
        raise StoreError(
            _("unsupported database URL {url!r}: {error}").format(url=url, error=error)
        ) from None
    except ModuleNotFoundError as error:
        raise StoreError(
            _(
                "the driver for {value} is not installed ({name}); for PostgreSQL install "
                "salesvisit[postgres]"
            ).format(value=url.split(":", 1)[0], name=error.name)
        ) from None


def link_new(temporary: Path, destination: Path) -> None:
    """Move a finished file to a name that must not exist yet (atomic where links work)."""
    try:
        os.link(temporary, destination)  # fails if destination exists: never clobbers
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if destination.exists():
            raise FileExistsError(17, "File exists", str(destination)) from None
        os.replace(temporary, destination)
    else:
        temporary.unlink()


def backup_sqlite(source: Path, destination: Path, *, overwrite: bool = False) -> None:
    """An online, consistent copy of an SQLite database into a 0600 file.

    The copy is made in a temporary file beside `destination` and renamed into place only when
    complete, so a failed backup never leaves a half file nor destroys an older backup. Without
    `overwrite` an existing `destination` is an error (FileExistsError), checked atomically.
    """
    temporary = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE)
    os.close(descriptor)
    try:
        with contextlib.closing(sqlite3.connect(source)) as src:
            src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            with contextlib.closing(sqlite3.connect(temporary)) as dst:
                src.backup(dst)
                # A standalone copy: one file, no -wal beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
        os.chmod(temporary, PRIVATE)
        if overwrite:
            os.replace(temporary, destination)
        else:
            link_new(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
