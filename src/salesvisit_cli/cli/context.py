"""What every command shares: the database, the configuration, the salesperson, the clock."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from salesvisit_cli.i18n import _

if TYPE_CHECKING:
    from salesvisit_cli.config import Config
    from salesvisit_cli.domain.calendar import WorkCalendar
    from salesvisit_cli.services.context import Work
    from salesvisit_cli.store.engine import Store


@dataclass
class AppContext:
    """Lazily opened resources: nothing heavy is imported until a command needs it."""

    db_option: str | None = None
    rep_option: str | None = None
    _closers: list[Any] = field(default_factory=list)
    _created: Path | None = None  # the SQLite file this run created (noted, or removed)

    @cached_property
    def config_path(self):
        from salesvisit_cli.paths import config_path

        return config_path()

    @cached_property
    def config(self) -> Config:
        """The settings in effect (validated when the file is new or changed, else cached)."""
        from salesvisit_cli import policies

        return policies.load(self.config_path)

    @cached_property
    def calendar(self) -> WorkCalendar:
        return self.config.work_calendar()

    @property
    def db_target(self) -> str:
        from salesvisit_cli.paths import default_database

        return self.db_option or str(default_database())

    @cached_property
    def store(self) -> Store:
        from salesvisit_cli.cli import start_up_done
        from salesvisit_cli.store.engine import open_store

        new_file = self._new_database_file()
        store = open_store(self.db_target)
        start_up_done()
        self._closers.append(store.close)
        self._created = new_file
        if not store.is_sqlite:
            from salesvisit_cli.services.pool import settle_in_database

            settle_in_database(store)
        elif store.read_only is None and _releases_on(self.config_path):
            from salesvisit_cli.services.pool import settle

            settle(store, self.config, self.now().date())
        return store

    def _new_database_file(self) -> Path | None:
        """The SQLite file about to be created (None: it exists, or is no file). The folder of
        the file `--db` / SALESVISIT_DB names must exist: a mistyped folder is an error that
        names it, and nothing is created (the default location is created on first use)."""
        from salesvisit_cli.store.engine import database_url, sqlite_path

        path = sqlite_path(database_url(self.db_target))
        if path is None or path.exists():
            return None
        folder = path.parent
        if self.db_option and not folder.is_dir():
            from salesvisit_cli.domain.errors import ValidationError

            raise ValidationError(
                _("the folder {folder} does not exist: no database there (nothing was created; "
                  "check --db or SALESVISIT_DB)").format(folder=folder)
            )  # fmt: skip
        return path

    @cached_property
    def rep(self) -> str:
        """`--rep` / SALESVISIT_REP, else the config's `rep`, else the salesperson mapped to the
        PostgreSQL login (`rep.db_role`, team mode), else the login name."""
        from salesvisit_cli.domain.reps import validate_rep_name

        name = self.rep_option or self.config.rep or self._role_rep() or _login_name()
        return validate_rep_name(name)

    def _role_rep(self) -> str | None:
        """On a database server: the salesperson mapped to the connected role (opens the store).
        SQLite files have no login roles: nothing is opened for them."""
        from salesvisit_cli.store.engine import database_url, is_sqlite_url

        if is_sqlite_url(database_url(self.db_target)):
            return None
        from salesvisit_cli.store.reps import current_role_rep

        with self.store.read() as connection:
            return current_role_rep(connection)

    def now(self) -> datetime:
        """The current local time, to the second."""
        return datetime.now().replace(microsecond=0)

    def work(self) -> Work:
        """The use cases' working context, at this moment (opens the store, finds the rep)."""
        from salesvisit_cli.services.context import Work

        return Work(self.store, self.rep, self.now(), policies=self)

    def close(self, *, failed: bool = False) -> None:
        """Close the database. A file this run created is noted on stderr (one line) when the
        command worked; when it failed before writing anything, the file is removed again, so
        the error stays the only line and nothing was created."""
        created, self._created = self._created, None
        empty = failed and created is not None and _holds_nothing(self.store)
        for closer in self._closers:
            closer()
        self._closers.clear()
        if created is None:
            return
        if empty:
            for name in (created.name, *(created.name + end for end in ("-wal", "-shm"))):
                created.with_name(name).unlink(missing_ok=True)
        elif not failed:
            from salesvisit_cli.render.console import note

            note(_("created a new database: {path}").format(path=created))


def _releases_on(path) -> bool:
    """Does the config file set `pool.release_days` (read cheaply: most commands never load the
    whole configuration)?"""
    try:
        with path.open("rb") as handle:
            import tomllib  # only for a file that exists

            section = tomllib.load(handle).get("pool")
    except (OSError, ValueError):
        return False
    return isinstance(section, dict) and bool(section.get("release_days"))


SCHEMA_TABLES = ("meta", "schema_migration")


def _holds_nothing(store: Store) -> bool:
    """No table of the database holds a row but the schema's own (`meta`, `schema_migration`)."""
    from sqlalchemy import inspect, text

    try:
        with store.read() as connection:
            names = [
                name for name in inspect(connection).get_table_names() if name not in SCHEMA_TABLES
            ]
            return not any(
                connection.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first()
                for name in names
            )
    except Exception:  # whatever went wrong: a file we cannot read is kept
        return False


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "salesperson"


def app_context(ctx: typer.Context) -> AppContext:
    """The AppContext the root callback stored."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppContext):
        root.obj = AppContext()
    return root.obj


def work_of(ctx: typer.Context) -> Work:
    """The working context of the running command (see AppContext.work)."""
    return app_context(ctx).work()
