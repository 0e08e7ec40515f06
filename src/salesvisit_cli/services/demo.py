"""A demo database: a team, a customer file and (as the tool grows) their history."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection

from salesvisit_cli.domain import demo_data, demo_history
from salesvisit_cli.domain.customers import FIELDS
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.i18n import _
from salesvisit_cli.services.context import Work
from salesvisit_cli.services.demo_reception import reception_day
from salesvisit_cli.store import bulk
from salesvisit_cli.store import customers as customer_rows
from salesvisit_cli.store import team as rep_rows
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
    chinese: bool = False  # Chinese customers and visit texts (the interface is Chinese)

    def validate(self) -> None:
        if not 1 <= self.reps <= 1000:
            raise ValidationError(_("--reps must be between 1 and 1000"))
        if not 1 <= self.customers <= 1_000_000:
            raise ValidationError(_("--customers must be between 1 and 1,000,000"))
        if not 0 <= self.months <= 120:
            raise ValidationError(_("--months must be between 0 and 120"))


@dataclass
class DemoSummary:
    reps: int
    customers: int
    visits: int = 0
    followups: int = 0
    hand_ins: int = 0
    registrations: int = 0  # walk-ins and calls at the front desk today


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
    work: Work, spec: DemoSpec, progress: Callable[[int, int], None] | None = None
) -> DemoSummary:
    """Fill an empty database with the demo team, customers and history, in one transaction.

    The history runs from `--months` ago to yesterday on working days: 5-7 reported visits a
    day per salesperson (a third to prospects; new prospects keep arriving in the file),
    bookings, complaints, over-time calls, follow-ups done and open, hand-ins on time, late and
    missing; then 5-8 planned visits today and a few on the next working day; and this
    morning's walk-ins and calls at the front desk (`--rep desk`). Rows are made as
    tuples and bulk inserted salesperson by salesperson; the first-visit facts of every
    customer are computed at the end in one UPDATE.
    """
    spec.validate()
    calendar, today, now, max_minutes = work.calendar, work.today, work.now, work.max_minutes
    rng = random.Random(spec.seed)
    names = demo_data.rep_names(spec.reps)
    start = _history_start(today, spec.months)
    days = [day for day in _days(start, today) if calendar.is_working_day(day)]
    steps = spec.reps + 2
    with work.store.write() as connection:
        if customer_rows.count(connection):
            raise ValidationError(
                _("the database already has customers; use a new --db for the demo")
            )
        rep_ids = [_demo_rep(connection, name, now) for name in names]
        made = demo_data.customers(rng, spec.customers, spec.chinese)
        arrivals = demo_history.arrivals(rng, made, start, (today - start).days)
        by_rep = _insert_customers(connection, made, arrivals, rep_ids, start)
        if progress:
            progress(1, steps)
        ids = demo_history.DemoIds(
            visit=_next_id(connection, VISIT), followup=_next_id(connection, FOLLOWUP)
        )
        summary = DemoSummary(reps=len(names), customers=len(made))
        known = {rep_id: _known_clients(customers) for rep_id, customers in by_rep.items()}
        # Indexes are rebuilt when the history is in, before the first-visit UPDATE uses them.
        with bulk.bulk_load(connection, (VISIT, FOLLOWUP)):
            for index, rep_id in enumerate(rep_ids):
                maker = demo_history.HistoryMaker(
                    rng, rep_id, by_rep[rep_id], _others_clients(known, rep_id),
                    calendar.next_working_day, now, ids, max_minutes,
                )  # fmt: skip
                if by_rep[rep_id]:
                    for position, day in enumerate(days):
                        # The last day is left for `daily --submit` to try.
                        maker.day(day, hand_in=position < len(days) - 1)
                    maker.plan(today, rng.randint(5, 8))
                    maker.plan(calendar.next_working_day(today), rng.randint(2, 4))
                _insert_history(connection, maker.rows, summary, spec.chinese)
                if progress:
                    progress(index + 2, steps)
        _update_customers(connection, [c for customers in by_rep.values() for c in customers])
        _pool_examples(connection, rep_ids[0], today)
        summary.registrations = reception_day(connection, work, made, rep_ids)
        if progress:
            progress(steps, steps)
    return summary


DEMO_RELEASE_DAYS = 60  # the README's example: `config set pool.release_days 60`
DEMO_RELEASED = 3
DEMO_RELEASING_IN = (2, 4, 6)  # days from today: customers the briefing warns about


def _pool_examples(connection: Connection, rep_id: int, today: date) -> None:
    """Under the rule of `DEMO_RELEASE_DAYS`: a few of the first salesperson's customers went
    to the pool (on the day the rule says), and a few more were assigned to them just long
    enough ago to go within the week (the briefing's `releasing`). Other customers left
    unvisited go to the pool when the rule is switched on, as in a real file."""
    from salesvisit_cli.domain.pool import release_on, rule_reason
    from salesvisit_cli.store import customer_log
    from salesvisit_cli.store import pool as pool_rows

    cutoff = today - timedelta(days=DEMO_RELEASE_DAYS)
    clocks = pool_rows.clocks(
        connection, pool_rows.started_before(cutoff) & (CUSTOMER.c.owner_id == rep_id)
    )
    for clock in clocks[:DEMO_RELEASED]:
        day = release_on(clock.start, DEMO_RELEASE_DAYS)
        pool_rows.release(connection, clock.id, rep_id, on=pool_rows.midnight(day), by=None,
                          reason=rule_reason(DEMO_RELEASE_DAYS))  # fmt: skip
    soon = clocks[DEMO_RELEASED : DEMO_RELEASED + len(DEMO_RELEASING_IN)]
    for clock, days in zip(soon, DEMO_RELEASING_IN, strict=False):
        given = today + timedelta(days=days) - timedelta(days=DEMO_RELEASE_DAYS + 1)
        customer_log.record(connection, clock.id, "assigned", by=None,
                            at=pool_rows.midnight(given), to_id=rep_id)  # fmt: skip


def _days(start: date, end: date) -> list[date]:
    """Every day from `start` up to (not including) `end`."""
    return [start + timedelta(days=offset) for offset in range((end - start).days)]


def _next_id(connection: Connection, table) -> int:
    return (connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1


def _known_clients(customers: list[demo_history.DemoCustomer]) -> list[demo_history.DemoCustomer]:
    """A salesperson's clients among their first 50 customers (others may visit them)."""
    return [customer for customer in customers[:50] if customer.status == "client"]


def _insert_customers(
    connection: Connection,
    made: list[dict],
    arrivals: list,
    rep_ids: list[int],
    start: date,
) -> dict[int, list[demo_history.DemoCustomer]]:
    """Bulk insert the demo customers (registered the day before `start`), owned in turn by the
    salespeople, each in their own city; each one's customers."""
    registered = datetime.combine(start - timedelta(days=1), time(8, 0))
    first_id = _next_id(connection, CUSTOMER)
    by_rep: dict[int, list[demo_history.DemoCustomer]] = {rep_id: [] for rep_id in rep_ids}
    rows = []
    for number, (fields, arrival) in enumerate(zip(made, arrivals, strict=True)):
        owner_index = number % len(rep_ids)
        customer_id, owner_id = first_id + number, rep_ids[owner_index]
        fields = demo_data.locate(fields, demo_data.city_of(owner_index), customer_id)
        since = registered.date() if fields["status"] == "client" else None
        created = registered if arrival is None else datetime.combine(arrival, time(8, 0))
        rows.append(
            (customer_id, *(fields[name] for name in FIELDS), fields["name_key"],
             owner_id, created, since, False)
        )  # fmt: skip
        by_rep[owner_id].append(
            demo_history.DemoCustomer(customer_id, fields["status"], since, arrival=arrival)
        )
    bulk.insert_rows(connection, CUSTOMER, CUSTOMER_COLUMNS, rows, copy=True)
    return by_rep


def _others_clients(
    known: dict[int, list[demo_history.DemoCustomer]], rep_id: int
) -> list[demo_history.DemoCustomer]:
    """The other salespeople's known clients, for the odd conflict."""
    return [
        customer
        for other_id, customers in known.items()
        if other_id != rep_id
        for customer in customers
    ]


def _insert_history(
    connection: Connection, history: demo_history.DemoHistory, summary: DemoSummary, chinese: bool
) -> None:
    """Bulk insert one salesperson's history (`chinese`: its texts in Chinese) and count it in
    `summary`."""
    for table, columns, rows in (
        (VISIT, demo_history.VISIT_COLUMNS, history.visits),
        (FOLLOWUP, demo_history.FOLLOWUP_COLUMNS, history.followups),
    ):
        rows = demo_data.in_chinese(rows, columns) if chinese else rows
        bulk.insert_rows(connection, table, columns, rows, copy=True)
    bulk.insert_rows(connection, SUBMISSION, demo_history.SUBMISSION_COLUMNS, history.submissions,
                     copy=True)  # fmt: skip
    summary.visits += history.done
    summary.followups += len(history.followups)
    summary.hand_ins += len(history.submissions)


def _update_customers(connection: Connection, customers: list[demo_history.DemoCustomer]) -> None:
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
