"""A demo database: a team, a customer file and (as the tool grows) their history."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from salesvisit_cli.domain import demo_data
from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.store import customers as customer_rows
from salesvisit_cli.store.engine import Store
from salesvisit_cli.store.models import Customer, DailySubmission, Followup, Visit
from salesvisit_cli.store.reps import ensure_rep

CUSTOMER = Customer.__table__
VISIT = Visit.__table__
FOLLOWUP = Followup.__table__
SUBMISSION = DailySubmission.__table__


@dataclass(frozen=True)
class DemoSpec:
    """How big a demo to build."""

    seed: int = 7
    reps: int = 1
    customers: int = 300
    months: int = 2

    def validate(self) -> None:
        if not 1 <= self.reps <= 1000:
            raise ValidationError("--reps must be between 1 and 1000")
        if not 1 <= self.customers <= 1_000_000:
            raise ValidationError("--customers must be between 1 and 1,000,000")
        if not 0 <= self.months <= 120:
            raise ValidationError("--months must be between 0 and 120")


@dataclass
class DemoSummary:
    reps: int
    customers: int
    visits: int = 0
    followups: int = 0
    hand_ins: int = 0


def _history_start(today: date, months: int) -> date:
    """The same day `months` months back (clamped to the month's end)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    last = Month(year, month + 1).last.day
    return date(year, month + 1, min(today.day, last))


def build(
    store: Store,
    spec: DemoSpec,
    today: date,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
    *,
    calendar: WorkCalendar | None = None,
    max_minutes: int = 30,
) -> DemoSummary:
    """Fill an empty database with the demo team, customers and history, in one transaction.

    The history runs from `--months` ago to yesterday on working days: 5-7 reported visits a
    day (a third to prospects), bookings, complaints, over-time calls, follow-ups done and
    open, hand-ins on time, late and missing; then 5-8 planned visits today and a few on the
    next working day. Rows are made as dicts and inserted with executemany.
    """
    spec.validate()
    calendar = calendar or WorkCalendar()
    rng = random.Random(spec.seed)
    names = demo_data.rep_names(spec.reps)
    start = _history_start(today, spec.months)
    days = [
        start + timedelta(days=offset)
        for offset in range((today - start).days)
        if calendar.is_working_day(start + timedelta(days=offset))
    ]
    with store.write() as connection:
        if customer_rows.count(connection):
            raise ValidationError("the database already has customers; use a new --db for the demo")
        rep_ids = [ensure_rep(connection, name, now) for name in names]
        made = demo_data.customers(rng, spec.customers)
        registered = datetime.combine(start - timedelta(days=1), time(8, 0))
        for fields in made:
            # Every row names client_since: executemany takes its columns from the first row.
            fields["client_since"] = registered.date() if fields["status"] == "client" else None
        for index, rep_id in enumerate(rep_ids):
            customer_rows.add_many(connection, made[index :: len(rep_ids)], rep_id, registered)
        by_rep: dict[int, list[demo_data.DemoCustomer]] = {rep_id: [] for rep_id in rep_ids}
        for row in connection.execute(
            select(
                CUSTOMER.c.id, CUSTOMER.c.status, CUSTOMER.c.client_since, CUSTOMER.c.owner_id
            ).order_by(CUSTOMER.c.id)
        ):
            by_rep[row.owner_id].append(
                demo_data.DemoCustomer(row.id, row.status, row.client_since)
            )
        ids = demo_data.DemoIds(
            visit=(connection.execute(select(func.max(VISIT.c.id))).scalar() or 0) + 1,
            followup=(connection.execute(select(func.max(FOLLOWUP.c.id))).scalar() or 0) + 1,
        )
        tomorrow = calendar.next_working_day(today)
        summary = DemoSummary(reps=len(names), customers=len(made))
        for index, rep_id in enumerate(rep_ids):
            own = by_rep[rep_id]
            others = [
                customer
                for other_id, customers in by_rep.items()
                if other_id != rep_id
                for customer in customers[:50]
                if customer.status == "client"
            ]
            maker = demo_data.HistoryMaker(
                rng, rep_id, own, others, calendar.next_working_day, now, ids, max_minutes
            )
            if own:
                for position, day in enumerate(days):
                    # The last day is left for `daily --submit` to try.
                    maker.day(day, hand_in=position < len(days) - 1)
                maker.plan(today, rng.randint(5, 8))
                maker.plan(tomorrow, rng.randint(2, 4))
            _insert(connection, VISIT, maker.rows.visits)
            _insert(connection, FOLLOWUP, maker.rows.followups)
            _insert(connection, SUBMISSION, maker.rows.submissions)
            summary.visits += sum(1 for row in maker.rows.visits if row["status"] == "done")
            summary.followups += len(maker.rows.followups)
            summary.hand_ins += len(maker.rows.submissions)
            if progress:
                progress(index + 1, len(rep_ids))
        _update_customers(connection, [c for customers in by_rep.values() for c in customers])
    return summary


def _insert(connection: Connection, table, rows: list[dict], chunk: int = 5000) -> None:
    for begin in range(0, len(rows), chunk):
        connection.execute(insert(table), rows[begin : begin + chunk])


def _update_customers(connection: Connection, customers: list[demo_data.DemoCustomer]) -> None:
    """Statuses changed by bookings, then first-visit facts recomputed in bulk (one UPDATE)."""
    changed = [
        {"cid": c.id, "new_status": c.status, "since": c.client_since}
        for c in customers
        if c.status == "client" and c.client_since is not None
    ]
    for begin in range(0, len(changed), 5000):
        connection.execute(
            update(CUSTOMER)
            .where(CUSTOMER.c.id == bindparam("cid"))
            .values(status=bindparam("new_status"), client_since=bindparam("since")),
            changed[begin : begin + 5000],
        )
    refresh_all_first_visits(connection)


def refresh_all_first_visits(connection: Connection) -> None:
    """customer.first_visit_on / first_visit_as_prospect for every customer, set-based."""
    first = (
        select(VISIT.c.customer_id, func.min(VISIT.c.date).label("day"))
        .where(VISIT.c.status == "done")
        .group_by(VISIT.c.customer_id)
        .subquery()
    )
    rows = connection.execute(
        select(first.c.customer_id, first.c.day, func.max(VISIT.c.as_prospect).label("prospect"))
        .select_from(
            first.join(
                VISIT,
                (VISIT.c.customer_id == first.c.customer_id)
                & (VISIT.c.date == first.c.day)
                & (VISIT.c.status == "done"),
            )
        )
        .group_by(first.c.customer_id, first.c.day)
    ).all()
    values = [{"cid": r.customer_id, "day": r.day, "prospect": bool(r.prospect)} for r in rows]
    for begin in range(0, len(values), 5000):
        connection.execute(
            update(CUSTOMER)
            .where(CUSTOMER.c.id == bindparam("cid"))
            .values(first_visit_on=bindparam("day"), first_visit_as_prospect=bindparam("prospect")),
            values[begin : begin + 5000],
        )
