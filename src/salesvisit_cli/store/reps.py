"""Salesperson rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, func, insert, select
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.reps import front_desk_owns_nothing, unknown_rep
from salesvisit_cli.store.tables import REP


def rep_id(connection: Connection, name: str) -> int | None:
    """The id of a salesperson, or None when they have no row yet."""
    return connection.execute(select(REP.c.id).where(REP.c.name == name)).scalar()


def ensure_rep(connection: Connection, name: str, now: datetime) -> int:
    """The id of a salesperson named by a write (inside its transaction).

    Only the very first salesperson of a new SQLite database is created here; any other unknown
    name is refused, so a mistyped `--rep` never creates a phantom salesperson. A front-desk
    login is refused too: it owns no customers, visits, follow-ups or hand-ins.
    """
    found = connection.execute(select(REP.c.id, REP.c.is_reception).where(REP.c.name == name))
    row = found.first()
    if row is not None and row.is_reception:
        raise front_desk_owns_nothing(name)
    if row is not None:
        return row.id
    first = (
        connection.dialect.name == "sqlite"
        and not connection.execute(select(exists().select_from(REP))).scalar()
    )
    if not first:
        raise unknown_rep(name)
    return connection.execute(insert(REP).values(name=name, created_at=now)).inserted_primary_key[0]


def rep_names(connection: Connection) -> list[str]:
    """Every salesperson, by name."""
    return list(connection.execute(select(REP.c.name).order_by(func.lower(REP.c.name))).scalars())


def current_role_rep(connection: Connection) -> str | None:
    """The salesperson mapped to the connection's role (PostgreSQL), else None."""
    if connection.dialect.name != "postgresql":
        return None
    mapped = select(REP.c.name).where(REP.c.db_role == func.current_user())
    return connection.execute(mapped).scalar()
