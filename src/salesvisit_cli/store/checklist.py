"""The preparation of a visit (R2): the steps ticked for each visit and the carry list ticked
for each day (SQLAlchemy Core)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from salesvisit_cli.store.tables import CARRY_CHECK as CARRY
from salesvisit_cli.store.tables import VISIT_PREP as PREP

IN_CHUNK = 500  # ids per IN (...) list


def prep_done(connection: Connection, visit_ids: Sequence[int]) -> dict[int, set[str]]:
    """The ticked preparation steps of each visit."""
    found: dict[int, set[str]] = {}
    ids = list(visit_ids)
    for begin in range(0, len(ids), IN_CHUNK):
        rows = connection.execute(
            select(PREP.c.visit_id, PREP.c.item).where(
                PREP.c.visit_id.in_(ids[begin : begin + IN_CHUNK])
            )
        )
        for row in rows:
            found.setdefault(row.visit_id, set()).add(row.item)
    return found


def tick_prep(connection: Connection, visit_id: int, items: Iterable[str], now: datetime) -> None:
    already = prep_done(connection, [visit_id]).get(visit_id, set())
    new = [{"visit_id": visit_id, "item": item, "done_at": now} for item in items]
    new = [row for row in new if row["item"] not in already]
    if new:
        connection.execute(insert(PREP), new)


def untick_prep(connection: Connection, visit_id: int, items: Iterable[str]) -> None:
    connection.execute(
        delete(PREP).where(PREP.c.visit_id == visit_id, PREP.c.item.in_(list(items)))
    )


def carry_done(connection: Connection, rep_id: int | None, day: date) -> set[str]:
    if rep_id is None:
        return set()
    return set(
        connection.execute(
            select(CARRY.c.item).where(CARRY.c.rep_id == rep_id, CARRY.c.date == day)
        ).scalars()
    )


def tick_carry(
    connection: Connection, rep_id: int, day: date, items: Iterable[str], now: datetime
) -> None:
    already = carry_done(connection, rep_id, day)
    new = [
        {"rep_id": rep_id, "date": day, "item": item, "done_at": now}
        for item in items
        if item not in already
    ]
    if new:
        connection.execute(insert(CARRY), new)


def untick_carry(connection: Connection, rep_id: int, day: date, items: Iterable[str]) -> None:
    connection.execute(
        delete(CARRY).where(
            CARRY.c.rep_id == rep_id, CARRY.c.date == day, CARRY.c.item.in_(list(items))
        )
    )
