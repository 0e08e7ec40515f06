"""What the month workbook reads beyond the quota and the visits: the customers' districts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.engine import Connection

from salesvisit_cli.store.tables import CUSTOMER

CHUNK = 500


def has_districts() -> bool:
    """Whether customers carry a district (CLI.md "Where customers are")."""
    return "district" in CUSTOMER.c


def districts(connection: Connection, customer_ids: Sequence[int]) -> dict[int, str | None]:
    """The district of each customer (empty when the schema has none)."""
    if not has_districts():
        return {}
    ids = sorted(set(customer_ids))
    found: dict[int, str | None] = {}
    for begin in range(0, len(ids), CHUNK):
        rows = connection.execute(
            select(CUSTOMER.c.id, CUSTOMER.c.district).where(
                CUSTOMER.c.id.in_(ids[begin : begin + CHUNK])
            )
        )
        found.update((row.id, row.district) for row in rows)
    return found
