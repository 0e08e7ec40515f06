"""The customer log: who created a customer, changed its owner or edited its file, and when.

On PostgreSQL the database writes it (the trigger of migration m002); the app only names the
acting salesperson for a login mapped to none, such as the owner's (`act`; a salesperson's own
login is always logged as themselves). SQLite has no logins: there the services write it in the
same transaction as the change (`record`, `record_created`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, literal, select, text
from sqlalchemy.engine import Connection

from salesvisit_cli.store.tables import CUSTOMER, CUSTOMER_LOG, REP

# Columns that follow from others (or from visits) and are not edits of the file.
DERIVED = ("id", "owner_id", "name_key", "created_at", "client_since", "first_visit_on",
           "first_visit_as_prospect")  # fmt: skip


def _database_writes_it(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def act(connection: Connection, by: int | None, reason: str | None = None) -> None:
    """Name who acts (and why) for the rest of this transaction (PostgreSQL)."""
    if _database_writes_it(connection):
        connection.execute(
            text("SELECT set_config('salesvisit.actor', :by, true), "
                 "set_config('salesvisit.reason', :reason, true)"),
            {"by": "" if by is None else str(by), "reason": reason or ""},
        )  # fmt: skip


def owner_event(old: int | None, new: int | None, by: int | None) -> str:
    """released (to nobody), claimed (from nobody, by the new owner) or assigned."""
    if new is None:
        return "released"
    return "claimed" if old is None and new == by else "assigned"


def record(
    connection: Connection,
    customer_id: int,
    event: str,
    *,
    by: int | None,
    at: datetime,
    from_id: int | None = None,
    to_id: int | None = None,
    fields: Iterable[str] = (),
    reason: str | None = None,
) -> None:
    """One log entry (SQLite; on PostgreSQL the database has written it already)."""
    if _database_writes_it(connection):
        return
    changed = sorted(set(fields) - set(DERIVED))
    if event == "edited" and not changed:
        return
    connection.execute(
        insert(CUSTOMER_LOG).values(
            customer_id=customer_id, at=at, by_id=by, event=event, from_id=from_id,
            to_id=to_id, fields=",".join(changed) or None, reason=reason,
        )
    )  # fmt: skip


def record_created(connection: Connection, after_id: int, *, by: int | None, at: datetime) -> None:
    """`created` for every customer with an id above `after_id` (a bulk import; SQLite)."""
    if _database_writes_it(connection):
        return
    connection.execute(
        insert(CUSTOMER_LOG).from_select(
            ["customer_id", "at", "by_id", "event", "to_id"],
            select(
                CUSTOMER.c.id,
                literal(at, CUSTOMER_LOG.c.at.type),
                literal(by, CUSTOMER_LOG.c.by_id.type),
                literal("created"),
                CUSTOMER.c.owner_id,
            ).where(CUSTOMER.c.id > after_id),
        )
    )


def last_customer_id(connection: Connection) -> int:
    return connection.execute(select(func.coalesce(func.max(CUSTOMER.c.id), 0))).scalar_one()


def history(connection: Connection, customer_id: int) -> list[dict[str, Any]]:
    """The customer's log, oldest first: {at, by, event, from, to, fields, reason}."""
    by, old, new = REP.alias("by_rep"), REP.alias("from_rep"), REP.alias("to_rep")
    log = CUSTOMER_LOG
    rows = connection.execute(
        select(log.c.at, by.c.name, log.c.event, old.c.name, new.c.name, log.c.fields,
               log.c.reason)
        .select_from(
            log.outerjoin(by, by.c.id == log.c.by_id)
            .outerjoin(old, old.c.id == log.c.from_id)
            .outerjoin(new, new.c.id == log.c.to_id)
        )
        .where(log.c.customer_id == customer_id)
        .order_by(log.c.at, log.c.id)
    ).all()  # fmt: skip
    return [
        {
            "at": at.isoformat(timespec="seconds"),
            "by": who,
            "event": event,
            "from": source,
            "to": target,
            "fields": fields.split(",") if fields else [],
            "reason": reason,
        }
        for at, who, event, source, target, fields, reason in rows
    ]
