"""A demo database: a team, a customer file and (as the tool grows) their history."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection

from salesvisit_cli.domain import demo_data
from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.customers import FIELDS
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.store import bulk
from salesvisit_cli.store import customers as customer_rows
from salesvisit_cli.store import team as rep_rows
from salesvisit_cli.store.engine import Store
from salesvisit_cli.store.tables import CUSTOMER, FOLLOWUP, VISIT
from salesvisit_cli.store.tables import DAILY_SUBMISSION as SUBMISSION

CUSTOMER_COLUMNS = ("id", *FIELDS, "name_key", "owner_id", "created_at", "client_since",
                    "first_visit_as_prospect")  # fmt: skip


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


def _demo_rep(connection, name: str, now: datetime) -> int:
    """The id of a salesperson of the demo team, added when missing (the demo makes its team)."""
    found = rep_rows.get(connection, name)
    return found.id if found else rep_rows.add(connection, name, False, now)


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
    day per salesperson (a third to prospects; new prospects keep arriving in the file),
    bookings, complaints, over-time calls, follow-ups done and open, hand-ins on time, late and
    missing; then 5-8 planned visits today and a few on the next working day. Rows are made as
    tuples and bulk inserted salesperson by salesperson; the first-visit facts of every
    customer are computed at the end in one UPDATE.
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
    steps = spec.reps + 2
    with store.write() as connection:
        if customer_rows.count(connection):
            raise ValidationError("the database already has customers; use a new --db for the demo")
        rep_ids = [_demo_rep(connection, name, now) for name in names]
        made = demo_data.customers(rng, spec.customers)
        arrivals = demo_data.arrivals(rng, made, start, (today - start).days)
        registered = datetime.combine(start - timedelta(days=1), time(8, 0))
        first_id = (connection.execute(select(func.max(CUSTOMER.c.id))).scalar() or 0) + 1
        by_rep: dict[int, list[demo_data.DemoCustomer]] = {rep_id: [] for rep_id in rep_ids}
        rows = []
        for number, (fields, arrival) in enumerate(zip(made, arrivals, strict=True)):
            customer_id, owner_id = first_id + number, rep_ids[number % len(rep_ids)]
            client = fields["status"] == "client"
            since = registered.date() if client else None
            created = registered if arrival is None else datetime.combine(arrival, time(8, 0))
            rows.append(
                (customer_id, *(fields[name] for name in FIELDS), fields["name_key"],
                 owner_id, created, since, False)
            )  # fmt: skip
            by_rep[owner_id].append(
                demo_data.DemoCustomer(customer_id, fields["status"], since, arrival=arrival)
            )
        bulk.insert_rows(connection, CUSTOMER, CUSTOMER_COLUMNS, rows)
        del rows
        if progress:
            progress(1, steps)
        ids = demo_data.DemoIds(
            visit=(connection.execute(select(func.max(VISIT.c.id))).scalar() or 0) + 1,
            followup=(connection.execute(select(func.max(FOLLOWUP.c.id))).scalar() or 0) + 1,
        )
        tomorrow = calendar.next_working_day(today)
        summary = DemoSummary(reps=len(names), customers=len(made))
        known_clients = {
            rep_id: [c for c in customers[:50] if c.status == "client"]
            for rep_id, customers in by_rep.items()
        }
        # Indexes are rebuilt when the history is in, before the first-visit UPDATE uses them.
        with bulk.bulk_load(connection, (VISIT, FOLLOWUP)):
            for index, rep_id in enumerate(rep_ids):
                own = by_rep[rep_id]
                others = [
                    customer
                    for other_id, customers in known_clients.items()
                    if other_id != rep_id
                    for customer in customers
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
                history = maker.rows
                bulk.insert_rows(connection, VISIT, demo_data.VISIT_COLUMNS, history.visits)
                bulk.insert_rows(
                    connection, FOLLOWUP, demo_data.FOLLOWUP_COLUMNS, history.followups
                )
                bulk.insert_rows(
                    connection, SUBMISSION, demo_data.SUBMISSION_COLUMNS, history.submissions
                )
                summary.visits += history.done
                summary.followups += len(history.followups)
                summary.hand_ins += len(history.submissions)
                if progress:
                    progress(index + 2, steps)
        _update_customers(connection, [c for customers in by_rep.values() for c in customers])
        if progress:
            progress(steps, steps)
    return summary


def _update_customers(connection: Connection, customers: list[demo_data.DemoCustomer]) -> None:
    """Prospects won by a booking become clients; then every customer's first-visit facts."""
    won = [{"cid": c.id, "since": c.client_since} for c in customers if c.won]
    for begin in range(0, len(won), bulk.CHUNK):
        connection.execute(
            update(CUSTOMER)
            .where(CUSTOMER.c.id == bindparam("cid"), CUSTOMER.c.status == "prospect")
            .values(status="client", client_since=bindparam("since")),
            won[begin : begin + bulk.CHUNK],
        )
    bulk.refresh_all_first_visits(connection)
