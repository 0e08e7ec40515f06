"""Salespeople and managers: add, list, and (managers only) assign customers to a salesperson."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from salesvisit_cli.domain.customers import Customer
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.reps import unknown_rep, validate_rep_name
from salesvisit_cli.domain.team import RepInfo, check_can_manage
from salesvisit_cli.i18n import N_, _
from salesvisit_cli.services.context import Work
from salesvisit_cli.store import customer_log
from salesvisit_cli.store import customers as customer_rows
from salesvisit_cli.store import team as rep_rows
from salesvisit_cli.store.engine import Store


@dataclass(frozen=True)
class Added:
    rep: RepInfo
    promoted: bool  # an existing salesperson was made a manager


def _info(connection, name: str) -> RepInfo:
    return next(r for r in rep_rows.listing(connection) if r.name == name)


def add(work: Work, name: str, *, manager: bool = False, reception: bool = False) -> Added:
    """Add a salesperson (or make an existing one a manager with `manager=True`), or with
    `reception=True` a front-desk login (前台: registers walk-ins and calls, owns no customers).

    Anyone may add the first people; once the team has a manager, only a manager may.
    """
    name = validate_rep_name(name)
    if manager and reception:
        raise ValidationError(_("--manager and --reception exclude each other"))
    with work.store.write() as connection:
        if rep_rows.any_manager(connection):
            me = rep_rows.get(connection, work.rep)
            check_can_manage(work.rep, bool(me and me.is_manager), N_("add salespeople"))
        existing = rep_rows.get(connection, name)
        if existing is not None:
            if manager and not existing.is_manager:
                rep_rows.set_manager(connection, existing.id, True)
                return Added(_info(connection, name), promoted=True)
            raise ValidationError(
                _("salesperson {name!r} already exists (id {id})").format(name=name, id=existing.id)
            )
        rep_rows.add(connection, name, manager, work.now, reception=reception)
        return Added(_info(connection, name), promoted=False)


def listing(store: Store) -> list[RepInfo]:
    with store.read() as connection:
        return rep_rows.listing(connection)


def assign(work: Work, ref: str, rep_name: str) -> tuple[Customer, bool]:
    """Give a customer to another salesperson (managers only). Returns (customer, changed)."""
    from salesvisit_cli.services.customers import resolve

    rep_name = validate_rep_name(rep_name)
    with work.store.write() as connection:
        customer = resolve(connection, ref)
        changed = move_customer(connection, work, customer, rep_name)
        return customer_rows.get(connection, customer.id), changed


def move_customer(connection: Connection, work: Work, customer: Customer, rep_name: str) -> bool:
    """Give `customer` to `rep_name` inside a write (managers only; not past `pool.claim_limit`:
    it limits what one salesperson holds, however they got it); False when already theirs."""
    from salesvisit_cli.services.pool import refuse_past_limit

    me = rep_rows.get(connection, work.rep)
    check_can_manage(work.rep, bool(me and me.is_manager), N_("assign customers"))
    target = rep_rows.get(connection, rep_name)
    if target is None:
        raise unknown_rep(rep_name)
    if customer.owner == target.name:
        return False
    refuse_past_limit(connection, work, target.id, target.name)
    old = rep_rows.get(connection, customer.owner).id if customer.owner else None
    customer_log.act(connection, me.id)
    customer_rows.set_owner(connection, customer.id, target.id)
    customer_log.record(
        connection, customer.id, customer_log.owner_event(old, target.id, me.id),
        by=me.id, at=work.now, from_id=old, to_id=target.id,
    )  # fmt: skip
    return True
