"""The front desk's rows: the duty group and the register of walk-ins and calls."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.customers import name_key, phone_key
from salesvisit_cli.domain.reception import Credit, Known, Registered
from salesvisit_cli.store.tables import CUSTOMER, DUTY, RECEPTION, REP


def duty_slots(connection: Connection) -> dict[str, list[str]]:
    """Every duty slot (`mon`…`sun`, `YYYY-MM-DD`) → the salespeople in it."""
    slots: dict[str, list[str]] = {}
    rows = connection.execute(
        select(DUTY.c.slot, REP.c.name).join(REP, REP.c.id == DUTY.c.rep_id).order_by(DUTY.c.slot)
    )
    for slot, name in rows:
        slots.setdefault(slot, []).append(name)
    return slots


def set_duty(
    connection: Connection, slot: str, rep_ids: list[int], by: int | None, at: datetime
) -> None:
    """Replace the group of one slot."""
    connection.execute(delete(DUTY).where(DUTY.c.slot == slot))
    connection.execute(
        insert(DUTY), [{"slot": slot, "rep_id": r, "set_by": by, "set_at": at} for r in rep_ids]
    )


def _day(day: date):
    start = datetime.combine(day, time())
    return RECEPTION.c.at >= start, RECEPTION.c.at < start + timedelta(days=1)


def received(connection: Connection, day: date) -> dict[str, int]:
    """New customers each salesperson received that day (not counting market research)."""
    rows = connection.execute(
        select(REP.c.name, func.count())
        .join(REP, REP.c.id == RECEPTION.c.rep_id)
        .where(*_day(day), RECEPTION.c.assigned.is_(True), RECEPTION.c.research_at.is_(None))
        .group_by(REP.c.name)
    )
    return {name: count for name, count in rows}


def pending_credits(connection: Connection) -> list[Credit]:
    """Market-research marks not yet made up by a replacement walk-in (补客户)."""
    later = RECEPTION.alias("later")
    rows = connection.execute(
        select(RECEPTION.c.id, REP.c.name, RECEPTION.c.research_at)
        .join(REP, REP.c.id == RECEPTION.c.rep_id)
        .where(
            RECEPTION.c.research_at.is_not(None),
            ~select(later.c.id).where(later.c.replaces_id == RECEPTION.c.id).exists(),
        )
    )
    return [Credit(id_, name, at) for id_, name, at in rows]


def known_by_name(connection: Connection, name: str) -> Known | None:
    """The customer the duplicate-name rule says this is (the oldest, if several)."""
    row = connection.execute(
        _known().where(CUSTOMER.c.name_key == name_key(name)).order_by(CUSTOMER.c.id).limit(1)
    ).first()
    return Known(*row) if row else None


def known_by_phone(connection: Connection, phone: str) -> list[Known]:
    """Customers whose phone has the same digits."""
    digits = phone_key(phone)
    if not digits:
        return []
    rows = connection.execute(_known().where(CUSTOMER.c.phone.is_not(None)))
    return [Known(*row) for row in rows if phone_key(row[2]) == digits]


def _known():
    return select(CUSTOMER.c.id, CUSTOMER.c.name, CUSTOMER.c.phone, REP.c.name).select_from(
        CUSTOMER.outerjoin(REP, REP.c.id == CUSTOMER.c.owner_id)
    )


def add(connection: Connection, **values: Any) -> int:
    return connection.execute(insert(RECEPTION).values(**values)).inserted_primary_key[0]


def get(connection: Connection, reception_id: int) -> Any:
    """The register row (with the customer's current owner id), or None."""
    return connection.execute(
        select(RECEPTION, CUSTOMER.c.owner_id)
        .join(CUSTOMER, CUSTOMER.c.id == RECEPTION.c.customer_id)
        .where(RECEPTION.c.id == reception_id)
    ).first()


def mark_research(
    connection: Connection, reception_id: int, by: int, at: datetime, reason: str
) -> None:
    connection.execute(
        update(RECEPTION)
        .where(RECEPTION.c.id == reception_id)
        .values(research_at=at, research_by=by, research_reason=reason)
    )


def of_day(connection: Connection, day: date) -> list[Registered]:
    """The day's registrations, in order."""
    rows = connection.execute(
        select(
            RECEPTION.c.id,
            RECEPTION.c.kind,
            RECEPTION.c.at,
            RECEPTION.c.customer_id,
            CUSTOMER.c.name,
            REP.c.name,
            RECEPTION.c.is_new,
            RECEPTION.c.how,
            RECEPTION.c.followup_id,
        )
        .join(CUSTOMER, CUSTOMER.c.id == RECEPTION.c.customer_id)
        .join(REP, REP.c.id == RECEPTION.c.rep_id)
        .where(*_day(day))
        .order_by(RECEPTION.c.at, RECEPTION.c.id)
    )
    return [Registered(*row) for row in rows]


def research_of_day(connection: Connection, day: date) -> list[dict[str, Any]]:
    """Walk-ins marked as market research that day: which, whose, who approved it and why."""
    rep, approver = REP.alias("rep"), REP.alias("approver")
    rows = connection.execute(
        select(
            RECEPTION.c.id,
            CUSTOMER.c.name,
            rep.c.name,
            approver.c.name,
            RECEPTION.c.research_reason,
            RECEPTION.c.research_at,
        )
        .join(CUSTOMER, CUSTOMER.c.id == RECEPTION.c.customer_id)
        .join(rep, rep.c.id == RECEPTION.c.rep_id)
        .outerjoin(approver, approver.c.id == RECEPTION.c.research_by)
        .where(RECEPTION.c.research_at.is_not(None), *_day(day))
        .order_by(RECEPTION.c.id)
    )
    return [
        {"id": id_, "customer": customer, "rep": who, "approved_by": by, "reason": reason,
         "at": at.isoformat(timespec="seconds")}
        for id_, customer, who, by, reason, at in rows
    ]  # fmt: skip


def registers_in_database(connection: Connection) -> bool:
    """Team mode and a front-desk login: the database registers (`store.reception_functions`;
    checked once per database connection)."""
    from salesvisit_cli.store.engine import postgres_fact
    from salesvisit_cli.store.reception_functions import REGISTER_SIGNATURE

    return postgres_fact(
        connection,
        "salesvisit_desk_registers",
        "SELECT to_regprocedure(:signature) IS NOT NULL AND coalesce((SELECT "
        "r.is_reception FROM rep r WHERE r.db_role = current_user), false)",
        {"signature": REGISTER_SIGNATURE},
    )


def register_in_database(connection: Connection, kind: str, fields: dict[str, Any]) -> Registered:
    """Register through `salesvisit_register` (name, phone, contacted, source, contact, note):
    the database finds the customer, picks who receives it and writes every row."""
    from salesvisit_cli.store.reception_functions import REGISTER

    name = fields.get("name")
    done = connection.execute(
        text(
            f"SELECT {REGISTER}(:kind, :name, :key, :phone, :contacted, :source, :contact, :note)"
        ),
        {"kind": kind, "key": name_key(name) if name else None, **fields},
    ).scalar_one()
    return Registered(
        done["id"], kind, datetime.fromisoformat(done["at"]), done["customer_id"],
        done["customer"], done["rep"], done["new"], done["how"], done["followup_id"],
    )  # fmt: skip
