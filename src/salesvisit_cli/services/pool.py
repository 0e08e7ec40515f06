"""Cadence and the public pool (CLI.md "Cadence and the pool"): the daily releases, `customer
pool`, `claim`, `release`, `list --due` and the briefing's `releasing`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain import cadence, pool
from salesvisit_cli.domain.errors import SalesvisitError, ValidationError
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.i18n import _
from salesvisit_cli.store import pool as rows
from salesvisit_cli.store.pool import midnight

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.config import CadencePolicy, Config, PoolPolicy
    from salesvisit_cli.domain.customers import Customer
    from salesvisit_cli.services.context import Work
    from salesvisit_cli.store.engine import Store

SETTLED = "pool.settled"  # meta: the day (and rule) the releases were last made for


def with_due(customers: Iterable[Customer], policy: CadencePolicy) -> list[Customer]:
    """The customers with `due_since` filled in from the cadence rule."""
    found = list(customers)
    for customer in found:
        if customer.started is not None:
            customer.due_since = cadence.due_since(
                customer.started, customer.tier, policy.key_days, policy.normal_days
            )
    return found


# --- releases --------------------------------------------------------------------------------


def _rule(policy: PoolPolicy, today: date) -> str:
    return f"{today.isoformat()} {policy.release_days} {int(policy.hold_open_followups)}"


def policy(connection: Connection, config: Config) -> PoolPolicy:
    """The pool rules: the team's (`meta`, from `team init`) in team mode, else the config's.

    The team's rules as `team init` writes them are read as they are; anything else is
    validated by the configuration's model (which costs importing pydantic)."""
    if not rows.in_database(connection):
        return config.pool
    settings = vars(config.pool)
    team = rows.team_rules(connection)
    given = {key: team[key] for key in settings if team.get(key) is not None}
    read = {key: as_written(settings[key], value) for key, value in given.items()}
    if None not in read.values():
        return SimpleNamespace(**{**settings, **read})
    from salesvisit_cli.config import PoolPolicy

    return PoolPolicy.model_validate({**settings, **given})


_WORDS = {"true": True, "false": False}


def as_written(default: Any, value: str) -> Any:
    """A team's pool rule as `team init` writes it (`true`/`false`, a whole number below 1000:
    the configuration's model reads them the same), or None for anything else."""
    if isinstance(default, bool):
        return _WORDS.get(value)
    if isinstance(default, int) and value.isascii() and value.isdigit() and len(value) <= 3:
        return int(value)
    return None


def settle_in_database(store: Store) -> int:
    """Team mode: the database makes the day's releases (nothing elsewhere)."""
    with store.read() as connection:
        if rows.in_database(connection):
            return rows.release_due_in_database(connection)
    return 0


def settle(store: Store, config: Config, today: date) -> int:
    """Make the releases the rule has made by `today` (once a day: every command of the day then
    sees the same pool); how many customers went to the pool."""
    from salesvisit_cli.store.team import meta_value, set_meta

    policy = config.pool
    if policy.release_days <= 0:
        return 0
    rule = _rule(policy, today)
    with store.read() as connection:
        if meta_value(connection, SETTLED) == rule:
            return 0
    with store.write() as connection:
        if meta_value(connection, SETTLED) == rule:
            return 0
        released = sum(
            rows.release(connection, clock.id, clock.owner_id, on=midnight(day), by=None,
                         reason=pool.rule_reason(policy.release_days))
            for clock, day in _release_days(connection, policy, today)
        )  # fmt: skip
        set_meta(connection, SETTLED, rule)
    return released


def _release_days(
    connection: Connection, policy: PoolPolicy, until: date, owner_id: int | None = None
) -> list[tuple[rows.Clock, date]]:
    """Owned customers the rule releases by `until` (as things stand now), with the day."""
    cutoff = until - timedelta(days=policy.release_days)
    condition = rows.started_before(cutoff)
    if owner_id is not None:
        condition = condition & (rows.CUSTOMER.c.owner_id == owner_id)
    clocks = rows.clocks(connection, condition)
    holds = rows.holds(connection, [clock.id for clock in clocks]) if clocks else {}
    found = []
    for clock in clocks:
        held, ended = holds.get(clock.id, (False, None))
        if not policy.hold_open_followups:
            held, ended = False, None
        day = pool.release_day(clock.start, policy.release_days, held, ended)
        if day is not None and day <= until:
            found.append((clock, day))
    return found


def releasing(connection: Connection, work: Work, rep_id: int | None) -> list[tuple[int, date]]:
    """The salesperson's customers the rule sends to the pool within `pool.WARN_DAYS` days
    (the briefing's `releasing`), soonest first: (customer id, release day)."""
    rules = policy(connection, work.config)
    if rep_id is None or rules.release_days <= 0:
        return []
    until = work.today + timedelta(days=pool.WARN_DAYS)
    soon = [
        (day, clock.id)
        for clock, day in _release_days(connection, rules, until, rep_id)
        if pool.releasing_soon(day, work.today)
    ]
    return [(id_, day) for day, id_ in sorted(soon)]


# --- the pool, claims, releases by hand --------------------------------------------------------


@dataclass(frozen=True)
class PoolEntry:
    """A customer in the pool (`customer pool --json`)."""

    row: rows.PoolRow

    def to_json(self) -> dict[str, Any]:
        row = self.row
        return {
            "id": row.id,
            "name": row.name,
            "district": row.district,
            "tier": row.tier,
            "status": row.status,
            "address": row.address,
            "last_visit": row.last_visit.isoformat() if row.last_visit else None,
            "released_at": row.released_at.isoformat(timespec="seconds")
            if row.released_at
            else None,
            "released_from": row.released_from,
        }


def listing(store: Store) -> list[PoolEntry]:
    """The customers in the pool, by id."""
    with store.read() as connection:
        return [PoolEntry(row) for row in rows.pool(connection)]


def claim_refusal(
    connection: Connection, work: Work, customer_id: int, me: int, claiming: int = 1
) -> str | None:
    """Why `me` may not take this customer from the pool now (None: they may)."""
    rules = policy(connection, work.config)
    return pool.claim_refusal(
        owned=rows.owned_count(connection, me), claiming=claiming,
        claim_limit=rules.claim_limit,
        released_from_me_on=rows.last_release_from(connection, customer_id, me),
        reclaim_days=rules.reclaim_days, today=work.today,
    )  # fmt: skip


def refuse_past_limit(connection: Connection, work: Work, rep_id: int, rep_name: str) -> None:
    """`pool.claim_limit` for a customer a manager gives `rep_name`: refused when they would own
    more than the limit. A new customer goes to whoever it is added for (R8: first contact), and
    the front desk's duty rotation hands on a pool customer, past the limit too."""
    limit = policy(connection, work.config).claim_limit
    if pool.past_limit(rows.owned_count(connection, rep_id), 1, limit):
        raise SalesvisitError(
            _(
                "{rep} already owns {limit} customers, the most one may own (pool.claim_limit)"
            ).format(rep=rep_name, limit=limit)
        )


def claim(work: Work, refs: list[str]) -> list[Customer]:
    """Take customers from the pool, all or none (`pool.claim_limit`, `pool.reclaim_days`)."""
    from salesvisit_cli.store import customers as customer_rows

    with work.store.write() as connection:
        me = work.ensure_rep_id(connection)
        chosen = _distinct(_in_pool(connection, ref) for ref in refs)
        for customer in chosen:
            if customer.owner is not None:
                whose = _("yours") if customer.owner == work.rep else customer.owner
                raise SalesvisitError(
                    _("{name} is not in the pool: it belongs to {owner}").format(
                        name=customer.name, owner=whose
                    )
                )
            refusal = claim_refusal(connection, work, customer.id, me, len(chosen))
            if refusal:
                raise SalesvisitError(
                    _("cannot claim {name}: {why}").format(name=customer.name, why=refusal)
                )
        for customer in chosen:
            if not rows.claim(connection, customer.id, me, work.now):
                raise SalesvisitError(
                    _("{name} was claimed by someone else a moment ago").format(name=customer.name)
                )
        found = customer_rows.by_ids(connection, [customer.id for customer in chosen])
    return with_due(found, work.config.cadence)


def _in_pool(connection: Connection, ref: str) -> Customer:
    """The customer REF names; in team mode a customer someone claimed is out of sight."""
    from salesvisit_cli.domain.errors import NotFoundError
    from salesvisit_cli.services.customers import resolve

    try:
        return resolve(connection, ref)
    except NotFoundError:
        raise NotFoundError(
            _("no customer in the pool matches {ref} (someone may have claimed it)").format(
                ref=repr(ref)
            )
        ) from None


def _distinct(customers: Iterable[Customer]) -> list[Customer]:
    seen: dict[int, Customer] = {}
    for customer in customers:
        seen.setdefault(customer.id, customer)
    return list(seen.values())


def release(work: Work, ref: str, reason: str) -> Customer:
    """Give a customer back to the pool (its owner, or a manager), with the reason."""
    from salesvisit_cli.services.customers import resolve
    from salesvisit_cli.store import customers as customer_rows
    from salesvisit_cli.store import team as rep_rows

    why = check_text("reason", reason, max_length=500)
    if not why:
        raise ValidationError(_("give a reason: --reason TEXT"))
    with work.store.write() as connection:
        customer = resolve(connection, ref)
        me = rep_rows.get(connection, work.rep)
        if customer.owner is None:
            raise SalesvisitError(_("{name} is already in the pool").format(name=customer.name))
        if customer.owner != work.rep and not (me and me.is_manager):
            raise SalesvisitError(
                _("{name} belongs to {owner}: only its owner or a manager releases it").format(
                    name=customer.name, owner=customer.owner
                )
            )
        owner = rep_rows.get(connection, customer.owner)
        if not rows.release(connection, customer.id, owner.id, on=work.now, by=me.id, reason=why):
            raise SalesvisitError(
                _("{name} belongs to {owner}: only its owner or a manager releases it").format(
                    name=customer.name, owner=customer.owner
                )
            )
        return customer_rows.get(connection, customer.id)


# --- cadence ----------------------------------------------------------------------------------


def due(work: Work, owner: str | None = None) -> list[Customer]:
    """The customers of `owner` (default: the salesperson acting) due for a visit, most overdue
    first; each has `days_overdue` among its JSON keys."""
    from sqlalchemy import select

    from salesvisit_cli.store import customers as customer_rows
    from salesvisit_cli.store.tables import CUSTOMER, REP

    policy = work.config.cadence
    condition = rows.due_condition(work.today, policy.key_days, policy.normal_days)
    whose = select(REP.c.id).where(REP.c.name == (owner or work.rep)).scalar_subquery()
    condition = condition & (CUSTOMER.c.owner_id == whose)
    with work.store.read() as connection:
        ids = [clock.id for clock in rows.clocks(connection, condition)]
        found = with_due(customer_rows.by_ids(connection, ids), policy)
    for customer in found:
        customer.extra["days_overdue"] = cadence.days_overdue(customer.due_since, work.today)
    return sorted(found, key=lambda c: (c.due_since, c.id))
