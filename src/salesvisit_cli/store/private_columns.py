"""The customer columns only a customer's owner (and managers) may read, in team mode.

Apart from the customer queries (`store.customers`) so that a team view that shows one of them
(the month's new customers by source) reads it without importing the customer file's rules.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import column, select, table, text, true
from sqlalchemy.engine import Connection
from sqlalchemy.sql import FromClause

from salesvisit_cli.store.tables import CUSTOMER

# Team mode: what a salesperson who visited a customer, but does not own it, may read of it
# (what their own past visits show). The other columns (contact, phone, note, …) only its owner
# and managers read, through the `customer_private` view (store.access).
FORMER_OWNER_SEES = (
    *("id", "name", "name_key", "tier", "status", "address", "hours", "owner_id", "created_at"),
    *("client_since", "first_visit_on", "first_visit_as_prospect", "lat", "lon", "district"),
)
OWNER_ONLY = tuple(c.name for c in CUSTOMER.c if c.name not in FORMER_OWNER_SEES)
_PRIVATE = table("customer_private", column("id"), *(column(name) for name in OWNER_ONLY))


def _private_view(connection: Connection) -> bool:
    """Team mode on PostgreSQL: the owner-only columns come from the view (checked once per
    database connection)."""
    if connection.dialect.name != "postgresql":
        return False
    info = connection.connection.info
    if "salesvisit_private_view" not in info:
        found = connection.execute(text("SELECT to_regclass('customer_private') IS NOT NULL"))
        info["salesvisit_private_view"] = bool(found.scalar())
    return info["salesvisit_private_view"]


def with_owner_only(connection: Connection, source: FromClause) -> tuple[FromClause, Any]:
    """`source` (which has the customer table) and the customer columns to read from it: in
    team mode the owner-only ones come from the view, empty where the caller may not see them.

    The view is a security barrier, so PostgreSQL cannot push a join condition into it: a plain
    join would read every customer the caller may see. A LATERAL subquery looks each row up by
    id inside the view (the id test is leakproof, so it goes in, through the primary key); its
    OFFSET 0 keeps the planner from flattening it back into that join."""
    if not _private_view(connection):
        return source, CUSTOMER.c
    private = select(_PRIVATE).where(_PRIVATE.c.id == CUSTOMER.c.id).offset(0).lateral()
    columns = {c.name: c for c in CUSTOMER.c} | {name: private.c[name] for name in OWNER_ONLY}
    return source.outerjoin(private, true()), _Columns(columns)


class _Columns(dict):
    """Columns by name, by attribute too (like `Table.c`)."""

    __getattr__ = dict.__getitem__
