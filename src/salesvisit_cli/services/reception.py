"""The front desk (前台接待): the duty group, registering walk-ins and calls, market research
(补客户), and the day's reception figures.

Each registration is one write transaction: on SQLite `BEGIN IMMEDIATE`, on PostgreSQL the
write lock, so two front-desk processes registering at the same minute are served one after
the other and the round goes on in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.engine import Connection

from salesvisit_cli.domain import reception as rules
from salesvisit_cli.domain.customers import check_phone, clean_fields
from salesvisit_cli.domain.dates import parse_date, weekday_name
from salesvisit_cli.domain.errors import SalesvisitError, ValidationError
from salesvisit_cli.domain.followups import CALLED_NOTE, WALKED_IN_NOTE
from salesvisit_cli.domain.reps import unknown_rep, validate_rep_name
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.i18n import _
from salesvisit_cli.services.context import Work
from salesvisit_cli.store import customer_log
from salesvisit_cli.store import customers as customer_rows
from salesvisit_cli.store import followups as followup_rows
from salesvisit_cli.store import pool as pool_rows
from salesvisit_cli.store import reception as rows
from salesvisit_cli.store import team as rep_rows

# The follow-up the owner of a returning customer gets, due today (a message id: shown
# translated).
RETURNING_NOTE = {rules.WALKIN: WALKED_IN_NOTE, rules.CALL: CALLED_NOTE}
_FOLLOWUP_KIND = {rules.WALKIN: "other", rules.CALL: "call"}


@dataclass
class Registration:
    """What the front desk typed about a walk-in or a caller."""

    kind: str
    name: str | None
    phone: str | None = None
    contacted: str | None = None
    source: str | None = None
    contact: str | None = None
    note: str | None = None


@dataclass
class Received:
    """A registration and what the front desk should be told."""

    entry: rules.Registered
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return self.entry.to_json()


def _day(work: Work, text: str | None) -> date:
    return parse_date(text, work.today) if text else work.today


def _me(connection: Connection, work: Work, *, front_desk: bool, action: str) -> Any:
    """The acting person's row; a manager (or, with `front_desk`, a front-desk login)."""
    me = rep_rows.get(connection, work.rep)
    if me is None:
        raise unknown_rep(work.rep)
    if not (me.is_manager or (front_desk and me.is_reception)):
        raise ValidationError(
            _("only the front desk or a manager can {action}; {name!r} is neither").format(
                action=action, name=work.rep
            )
            if front_desk
            else _("only a manager can {action}; {name!r} is not a manager").format(
                action=action, name=work.rep
            )
        )
    return me


def _salesperson(connection: Connection, name: str) -> Any:
    """A salesperson who can receive customers (not a front-desk login)."""
    row = rep_rows.get(connection, validate_rep_name(name))
    if row is None:
        raise unknown_rep(name)
    if row.is_reception:
        raise ValidationError(
            _("{name!r} is a front-desk login, not a salesperson").format(name=name)
        )
    return row


def duty(work: Work, day_text: str | None) -> rules.Duty:
    """The duty group of a day and how many new customers each has received."""
    day = _day(work, day_text)
    with work.store.read() as connection:
        slots = rows.duty_slots(connection)
        received = rows.received(connection, day)
    pattern = {slot: names for slot, names in slots.items() if not slot[0].isdigit()}
    group = rules.duty_group(slots, day)
    return rules.Duty(day, group, received, pattern, day.isoformat() in slots)


def set_duty(work: Work, day_text: str, names: list[str]) -> rules.Duty:
    """Set the group of a weekday (the weekly pattern) or of one date (managers)."""
    weekday = weekday_name(day_text)
    slot = weekday or _day(work, day_text).isoformat()
    if not names:
        raise ValidationError(_("name at least one salesperson for the duty group"))
    with work.store.write() as connection:
        me = _me(connection, work, front_desk=False, action=_("set the duty group"))
        ids = sorted({_salesperson(connection, name).id for name in names})
        rows.set_duty(connection, slot, ids, me.id, work.now)
    return duty(work, None if weekday else slot)


def _clean(reg: Registration) -> Registration:
    """The typed values checked; a call may give just a phone number."""
    name = check_text("name", reg.name, max_length=200)
    phone = check_phone(reg.phone)
    if reg.kind == rules.CALL and name and phone is None and _looks_like_phone(name):
        name, phone = None, check_phone(name)
    if not name and not phone:
        raise ValidationError(_("give the customer's name (or, for a call, a phone number)"))
    source = rules.clean_source(check_text("source", reg.source))
    contact = check_text("contact", reg.contact)
    note = check_text("note", reg.note, multiline=True)
    return Registration(reg.kind, name, phone, reg.contacted, source, contact, note)


def _looks_like_phone(text: str) -> bool:
    try:
        return check_phone(text) is not None and sum(map(str.isdigit, text)) >= 5
    except ValidationError:
        return False


def register(work: Work, typed: Registration) -> Received:
    """A walk-in or a call: a returning customer to its owner, a new one to `--contacted` or
    the next salesperson on duty (or a market-research replacement); logged, in one write."""
    with work.store.write() as connection:
        return register_in(connection, work, typed)


def register_in(connection: Connection, work: Work, typed: Registration) -> Received:
    """`register` inside a write transaction (the demo registers its day in its own)."""
    reg = _clean(typed)
    me = _me(connection, work, front_desk=True, action=_("register walk-ins and calls"))
    by_name = rows.known_by_name(connection, reg.name) if reg.name else None
    by_phone = rows.known_by_phone(connection, reg.phone) if reg.phone else []
    known = rules.existing_customer(by_name, by_phone)
    contacted = _salesperson(connection, reg.contacted) if reg.contacted else None
    if known is None:
        _check_new(reg)
    warnings = _owned_elsewhere(known, contacted)
    if rows.registers_in_database(connection):  # a front-desk login in team mode
        fields = {"name": reg.name, "phone": reg.phone, "source": reg.source,
                  "contact": reg.contact, "note": reg.note,
                  "contacted": contacted and contacted.name}  # fmt: skip
        return Received(rows.register_in_database(connection, reg.kind, fields), warnings)
    customer_log.act(connection, me.id, f"reception {reg.kind}")
    if known is not None and known.owner is not None:
        return _returning(connection, work, me.id, reg, known, warnings)
    return _assign(connection, work, me.id, reg, known, contacted)


def _check_new(reg: Registration) -> None:
    """A new customer needs a name (a call may give just a phone on file) and a source."""
    if not reg.name:
        raise ValidationError(
            _("no customer has the phone {phone}: give the caller's name and --phone").format(
                phone=reg.phone
            )
        )
    rules.require_source(reg.source)


def _owned_elsewhere(known: rules.Known | None, contacted) -> list[str]:
    """The warning when `--contacted` names someone else than the customer's owner."""
    if known is None or known.owner is None or contacted is None or contacted.name == known.owner:
        return []
    return [
        _("{customer} is {owner}'s customer: it goes to {owner}, not {contacted}").format(
            customer=known.name, owner=known.owner, contacted=contacted.name
        )
    ]


def _returning(connection, work: Work, me: int, reg, known: rules.Known, warnings) -> Received:
    """A customer on file with an owner: the owner receives them and gets a follow-up today."""
    owner = rep_rows.get(connection, known.owner)
    followup = followup_rows.add(
        connection,
        {
            "customer_id": known.id, "rep_id": owner.id, "kind": _FOLLOWUP_KIND[reg.kind],
            "due": work.today, "note": RETURNING_NOTE[reg.kind], "created_at": work.now,
        },
    )  # fmt: skip
    entry = _record(connection, work, me, reg, (known.id, known.name), owner, new=False,
                    assigned=False, how="owner", followup=followup)  # fmt: skip
    return Received(entry, warnings)


def _assign(connection, work: Work, me: int, reg, known: rules.Known | None, contacted) -> Received:
    """A new customer (or one on file that nobody owns): to `contacted`, to the salesperson a
    market-research credit is owed (walk-ins), else to the next on duty."""
    credit = None
    if contacted is not None:
        target, how = contacted, "contacted"
    else:
        credit = rules.replacement_due(rows.pending_credits(connection))
        if reg.kind != rules.WALKIN or credit is None:
            credit = None
            group = rules.duty_group(rows.duty_slots(connection), work.today)
            name, how = rules.next_on_duty(group, rows.received(connection, work.today)), "duty"
        else:
            name, how = credit.rep, "replacement"
        target = rep_rows.get(connection, name)
    if known is None:
        fields = clean_fields(
            {"name": reg.name, "phone": reg.phone, "contact": reg.contact, "note": reg.note,
             "source": reg.source}
        )  # fmt: skip
        customer_id = customer_rows.add(connection, fields, target.id, work.now)
        customer_log.record(connection, customer_id, "created", by=me, at=work.now,
                            to_id=target.id, reason=f"reception {reg.kind}")  # fmt: skip
    else:
        customer_id = known.id
        customer_rows.set_owner(connection, customer_id, target.id)
        customer_log.record(connection, customer_id, "assigned", by=me, at=work.now,
                            to_id=target.id, reason=f"reception {reg.kind}")  # fmt: skip
    name = known.name if known else reg.name
    entry = _record(connection, work, me, reg, (customer_id, name), target, new=known is None,
                    assigned=True, how=how, replaces=credit and credit.reception_id)  # fmt: skip
    return Received(entry)


def _record(connection, work: Work, me: int, reg, customer: tuple[int, str], rep, *, new: bool,
            assigned: bool, how: str, replaces: int | None = None,
            followup: int | None = None) -> rules.Registered:  # fmt: skip
    """The register row, and the customer log's `received` entry (SQLite; a trigger on
    PostgreSQL)."""
    customer_id, name = customer
    reception_id = rows.add(
        connection, at=work.now, kind=reg.kind, customer_id=customer_id, rep_id=rep.id,
        by_id=me, is_new=new, assigned=assigned, how=how, replaces_id=replaces,
        followup_id=followup,
    )  # fmt: skip
    customer_log.record(connection, customer_id, "received", by=me, at=work.now, to_id=rep.id,
                        reason=f"reception {reg.kind} ({how})")  # fmt: skip
    return rules.Registered(reception_id, reg.kind, work.now, customer_id, name, rep.name, new,
                            how, followup)  # fmt: skip


def research(work: Work, reception_id: int, reason: str | None) -> dict[str, Any]:
    """Mark a new customer's walk-in as market research (managers): the customer is released
    to the pool and its salesperson gets the next new walk-in out of turn."""
    why = check_text("reason", reason, multiline=True)
    if not why:
        raise ValidationError(_("give the reason with --reason"))
    with work.store.write() as connection:
        me = _me(connection, work, front_desk=False, action=_("approve market research"))
        row = rows.get(connection, reception_id)
        if row is None:
            raise SalesvisitError(_("no registration {id}").format(id=reception_id))
        rules.check_research(row.kind, row.is_new, row.research_at is not None, reception_id)
        rows.mark_research(connection, reception_id, me.id, work.now, why)
        if row.owner_id is not None:  # to the public pool (公海), logged as released
            pool_rows.release(connection, row.customer_id, row.owner_id, on=work.now, by=me.id,
                              reason=f"market research: {why}")  # fmt: skip
        found = [r for r in rows.research_of_day(connection, row.at.date()) if r["id"] == row.id]
        return found[0]


def day_figures(work: Work, day_text: str | None) -> rules.ReceptionDay:
    """The day's walk-ins (new ones), calls (new ones), per salesperson, and market research."""
    day = _day(work, day_text)
    with work.store.read() as connection:
        return rules.ReceptionDay(day, rows.of_day(connection, day),
                                  rows.research_of_day(connection, day))  # fmt: skip
