"""Salesperson rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from salesvisit_cli.store.tables import REP


def rep_id(connection: Connection, name: str) -> int | None:
    """The id of a salesperson, or None when they have no row yet."""
    return connection.execute(select(REP.c.id).where(REP.c.name == name)).scalar()


def ensure_rep(connection: Connection, name: str, now: datetime) -> int:
    """The id of a salesperson, creating the row on first use (inside a write transaction)."""
    found = rep_id(connection, name)
    if found is not None:
        return found
    return connection.execute(insert(REP).values(name=name, created_at=now)).inserted_primary_key[0]


def rep_names(connection: Connection) -> list[str]:
    """Every salesperson, by name."""
    return list(connection.execute(select(REP.c.name).order_by(func.lower(REP.c.name))).scalars())
