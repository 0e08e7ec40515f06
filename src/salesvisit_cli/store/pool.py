"""The cadence clock and the public pool in SQL: when each owned customer's clock started,
the releases the rule makes, claims and the pool itself.

A customer's clock starts on its owner's last completed visit, or on the day that owner got it
(the latest log entry giving it to them, else its creation) when that is later
(`domain.cadence.anchor`). The filters below say "started before a cut-off day" as three
conditions each answered by one index look-up (`ix_visit_customer_date`,
`ix_customer_log_customer_id`), so the whole file is never sorted by a computed date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, text, update
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.cadence import anchor
from salesvisit_cli.store.tables import CUSTOMER, CUSTOMER_LOG, FOLLOWUP, META, REP, VISIT

HOLDING_KINDS = ("booking", "complaint")


def midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def last_visit_column():
    """The owner's last completed visit (anyone's, for a customer without an owner)."""
    return (
        select(func.max(VISIT.c.date))
        .where(
            VISIT.c.customer_id == CUSTOMER.c.id,
            VISIT.c.status == "done",
            or_(CUSTOMER.c.owner_id.is_(None), VISIT.c.rep_id == CUSTOMER.c.owner_id),
        )
        .correlate(CUSTOMER)
        .scalar_subquery()
    )


# Log events that give a customer to a new owner after its creation (`created_at` says when).
GIVEN = ("assigned", "claimed")


def owned_at_column():
    """When the owner last got the customer from someone (the log), None if never."""
    return (
        select(func.max(CUSTOMER_LOG.c.at))
        .where(
            CUSTOMER_LOG.c.customer_id == CUSTOMER.c.id,
            CUSTOMER_LOG.c.to_id == CUSTOMER.c.owner_id,
            CUSTOMER_LOG.c.event.in_(GIVEN),
        )
        .correlate(CUSTOMER)
        .scalar_subquery()
    )


def started_before(cutoff: date):
    """Owned, and the clock started before the day `cutoff`."""
    visited = (
        select(VISIT.c.id)
        .where(
            VISIT.c.customer_id == CUSTOMER.c.id,
            VISIT.c.rep_id == CUSTOMER.c.owner_id,
            VISIT.c.status == "done",
            VISIT.c.date >= cutoff,
        )
        .correlate(CUSTOMER)
        .exists()
    )
    given = (
        select(CUSTOMER_LOG.c.id)
        .where(
            CUSTOMER_LOG.c.customer_id == CUSTOMER.c.id,
            CUSTOMER_LOG.c.to_id == CUSTOMER.c.owner_id,
            CUSTOMER_LOG.c.event.in_(GIVEN),
            CUSTOMER_LOG.c.at >= midnight(cutoff),
        )
        .correlate(CUSTOMER)
        .exists()
    )
    return and_(
        CUSTOMER.c.owner_id.is_not(None), CUSTOMER.c.created_at < midnight(cutoff), ~visited, ~given
    )


@dataclass(frozen=True)
class Clock:
    """An owned customer and the day its cadence clock started."""

    id: int
    owner_id: int
    tier: str
    last_visit: date | None
    start: date


def clock_start(created_at: datetime, owned_at: datetime | None, last_visit: date | None) -> date:
    owned_since = max(created_at, owned_at or created_at).date()
    return anchor(owned_since, last_visit)


def clocks(connection: Connection, condition: Any) -> list[Clock]:
    """The owned customers `condition` keeps, with their clocks, by id."""
    rows = connection.execute(
        select(
            CUSTOMER.c.id,
            CUSTOMER.c.owner_id,
            CUSTOMER.c.tier,
            CUSTOMER.c.created_at,
            owned_at_column().label("owned_at"),
            last_visit_column().label("last_visit"),
        )
        .where(CUSTOMER.c.owner_id.is_not(None), condition)
        .order_by(CUSTOMER.c.id)
    )
    return [
        Clock(row.id, row.owner_id, row.tier, row.last_visit,
              clock_start(row.created_at, row.owned_at, row.last_visit))
        for row in rows
    ]  # fmt: skip


def due_condition(today: date, key_days: int, normal_days: int) -> Any:
    """Owned customers due for a visit on `today`: the clock started `cadence.key_days` (key
    customers) or `cadence.normal_days` (the others) days ago or more."""
    key = CUSTOMER.c.tier == "key"
    return or_(
        and_(key, started_before(today - timedelta(days=key_days - 1))),
        and_(~key, started_before(today - timedelta(days=normal_days - 1))),
    )


def holds(connection: Connection, customer_ids: list[int]) -> dict[int, tuple[bool, date | None]]:
    """Per customer: an open booking or complaint follow-up, and when the last one closed."""
    found: dict[int, tuple[bool, date | None]] = {}
    for begin in range(0, len(customer_ids), 500):
        rows = connection.execute(
            select(
                FOLLOWUP.c.customer_id,
                func.count().filter(FOLLOWUP.c.done_at.is_(None)).label("open"),
                func.max(FOLLOWUP.c.done_at).label("closed"),
            )
            .where(
                FOLLOWUP.c.customer_id.in_(customer_ids[begin : begin + 500]),
                FOLLOWUP.c.kind.in_(HOLDING_KINDS),
            )
            .group_by(FOLLOWUP.c.customer_id)
        )
        for row in rows:
            found[row.customer_id] = (row.open > 0, row.closed.date() if row.closed else None)
    return found


def in_database(connection: Connection) -> bool:
    """Team mode: the database makes the releases and claims (`store.pool_functions`), and this
    login may call them (checked once per database connection)."""
    from salesvisit_cli.store.engine import postgres_fact

    return postgres_fact(
        connection,
        "salesvisit_pool_functions",
        "SELECT to_regprocedure('salesvisit_release_due()') IS NOT NULL AND "
        "has_function_privilege('salesvisit_release_due()', 'EXECUTE')",
    )


def team_rules(connection: Connection) -> dict[str, str]:
    """The team's pool rules as `team init` stored them (`meta` keys `pool.*`), by name."""
    rows = connection.execute(select(META.c.key, META.c.value).where(META.c.key.like("pool.%")))
    return {key.removeprefix("pool."): value for key, value in rows}


def release_due_in_database(connection: Connection) -> int:
    """Team mode: the database makes today's releases by the team's rule (once a day)."""
    return connection.execute(text("SELECT salesvisit_release_due()")).scalar_one()


def release(
    connection: Connection,
    customer_id: int,
    owner_id: int,
    *,
    on: datetime,
    by: int | None,
    reason: str,
) -> bool:
    """Give the customer back to the pool (if `owner_id` still owns it) and log it."""
    from salesvisit_cli.store import customer_log

    if in_database(connection) and by is not None and by == owner_id:
        # a salesperson may not change owners: the database releases their own customer
        connection.execute(
            text("SELECT salesvisit_release(:id, :reason)"), {"id": customer_id, "reason": reason}
        )
        return True
    customer_log.act(connection, by, reason)
    changed = connection.execute(
        update(CUSTOMER)
        .where(CUSTOMER.c.id == customer_id, CUSTOMER.c.owner_id == owner_id)
        .values(owner_id=None)
    ).rowcount
    if changed:
        customer_log.record(
            connection, customer_id, "released", by=by, at=on, from_id=owner_id, reason=reason
        )
    return bool(changed)


def claim(connection: Connection, customer_id: int, me: int, now: datetime) -> bool:
    """Take a customer from the pool: False when someone owns it (the other claim won)."""
    from sqlalchemy.exc import DBAPIError

    from salesvisit_cli.store import customer_log

    if in_database(connection):  # the database checks the limit and the lock-out again
        try:
            with connection.begin_nested():
                connection.execute(text("SELECT salesvisit_claim(:id)"), {"id": customer_id})
        except DBAPIError:
            return False
        return True
    customer_log.act(connection, me)
    changed = connection.execute(
        update(CUSTOMER)
        .where(CUSTOMER.c.id == customer_id, CUSTOMER.c.owner_id.is_(None))
        .values(owner_id=me)
    ).rowcount
    if changed:
        customer_log.record(connection, customer_id, "claimed", by=me, at=now, to_id=me)
    return bool(changed)


def owned_count(connection: Connection, rep_id: int) -> int:
    return connection.execute(
        select(func.count()).select_from(CUSTOMER).where(CUSTOMER.c.owner_id == rep_id)
    ).scalar_one()


def last_release_from(connection: Connection, customer_id: int, rep_id: int) -> date | None:
    """The day the customer last left `rep_id` for the pool."""
    at = connection.execute(
        select(func.max(CUSTOMER_LOG.c.at)).where(
            CUSTOMER_LOG.c.customer_id == customer_id,
            CUSTOMER_LOG.c.event == "released",
            CUSTOMER_LOG.c.from_id == rep_id,
        )
    ).scalar()
    return at.date() if at else None


@dataclass(frozen=True)
class PoolRow:
    """A customer in the pool: what every salesperson may see of it."""

    id: int
    name: str
    district: str | None
    tier: str
    status: str
    address: str | None
    last_visit: date | None
    released_at: datetime | None
    released_from: str | None


def _latest_release(column: Any) -> Any:
    """`column` of the customer's latest release (the log, and the salesperson it left)."""
    return (
        select(column)
        .select_from(CUSTOMER_LOG.outerjoin(REP, REP.c.id == CUSTOMER_LOG.c.from_id))
        .where(CUSTOMER_LOG.c.customer_id == CUSTOMER.c.id, CUSTOMER_LOG.c.event == "released")
        .order_by(CUSTOMER_LOG.c.id.desc())
        .limit(1)
        .correlate(CUSTOMER)
        .scalar_subquery()
    )


def pool(connection: Connection) -> list[PoolRow]:
    """Customers without an owner, with the latest release of each (if any), by id. Each
    release is looked up per customer (a join on "the latest release" has PostgreSQL hash the
    whole log, and under row-level security every customer the caller may see)."""
    rows = connection.execute(
        select(
            CUSTOMER.c.id, CUSTOMER.c.name, CUSTOMER.c.district, CUSTOMER.c.tier, CUSTOMER.c.status,
            CUSTOMER.c.address, last_visit_column().label("last_visit"),
            _latest_release(CUSTOMER_LOG.c.at).label("released_at"),
            _latest_release(REP.c.name).label("released_from"),
        )
        .where(CUSTOMER.c.owner_id.is_(None))
        .order_by(CUSTOMER.c.id)
    ).all()  # fmt: skip
    return [PoolRow(*row) for row in rows]


def releases_by_rep(connection: Connection, start: date, end: date) -> dict[int, int]:
    """Releases from each salesperson between `start` and `end` (inclusive)."""
    rows = connection.execute(
        select(CUSTOMER_LOG.c.from_id, func.count())
        .where(
            CUSTOMER_LOG.c.event == "released",
            CUSTOMER_LOG.c.at >= midnight(start),
            CUSTOMER_LOG.c.at < midnight(end + timedelta(days=1)),
        )
        .group_by(CUSTOMER_LOG.c.from_id)
    )
    return {from_id: count for from_id, count in rows if from_id is not None}
