"""Salesperson rows for team management: managers, login roles, customer counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.team import RepInfo
from salesvisit_cli.store.tables import CUSTOMER, META, REP


def get(connection: Connection, name: str) -> Any:
    """The rep row (id, name, is_manager, db_role, is_reception) or None."""
    return connection.execute(
        select(REP.c.id, REP.c.name, REP.c.is_manager, REP.c.db_role, REP.c.is_reception).where(
            REP.c.name == name
        )
    ).first()


def any_manager(connection: Connection) -> bool:
    return (
        connection.execute(
            select(func.count()).select_from(REP).where(REP.c.is_manager.is_(True))
        ).scalar_one()
        > 0
    )


def add(
    connection: Connection, name: str, manager: bool, now: datetime, *, reception: bool = False
) -> int:
    return connection.execute(
        insert(REP).values(name=name, is_manager=manager, is_reception=reception, created_at=now)
    ).inserted_primary_key[0]


def set_manager(connection: Connection, rep_id: int, manager: bool) -> None:
    connection.execute(update(REP).where(REP.c.id == rep_id).values(is_manager=manager))


def set_db_role(connection: Connection, rep_id: int, role: str | None) -> None:
    connection.execute(update(REP).where(REP.c.id == rep_id).values(db_role=role))


def listing(connection: Connection) -> list[RepInfo]:
    """Every salesperson by name, with the number of customers they own (that you can see)."""
    owned = (
        select(CUSTOMER.c.owner_id, func.count().label("n"))
        .group_by(CUSTOMER.c.owner_id)
        .subquery()
    )
    rows = connection.execute(
        select(
            REP.c.id,
            REP.c.name,
            REP.c.is_manager,
            REP.c.db_role,
            func.coalesce(owned.c.n, 0),
            REP.c.is_reception,
        )
        .select_from(REP.outerjoin(owned, owned.c.owner_id == REP.c.id))
        .order_by(func.lower(REP.c.name), REP.c.id)
    ).all()
    return [RepInfo(r[0], r[1], bool(r[2]), r[3], int(r[4]), bool(r[5])) for r in rows]


def meta_value(connection: Connection, key: str) -> str | None:
    return connection.execute(select(META.c.value).where(META.c.key == key)).scalar()


def set_meta(connection: Connection, key: str, value: str) -> None:
    updated = connection.execute(update(META).where(META.c.key == key).values(value=value))
    if updated.rowcount == 0:
        connection.execute(insert(META).values(key=key, value=value))


def rep_for_role(connection: Connection, role: str) -> str | None:
    """The salesperson mapped to a database login role."""
    return connection.execute(select(REP.c.name).where(REP.c.db_role == role)).scalar()
