"""Generated visit histories for the new-customer rule (R1): the Python rule of
`domain.new_customer` and every SQL form of it (`store.rules` and the queries built on it) must
give the same answers.

A history: salespeople, customers registered as prospects or clients (some prospects turn client
by a booking), and visits done, cancelled or planned on a handful of days in two months, several
on the same day, some done ones without a start time.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, insert, select, update

from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.new_customer import (
    DoneVisit,
    FirstVisit,
    first_visit,
    is_new_customer,
    is_new_in_month,
    would_be_new_customer,
)
from salesvisit_cli.store.tables import CUSTOMER, CUSTOMER_LOG, REP, VISIT
from tests.factories import add_customer, add_rep

MONTHS = (Month(2026, 2), Month(2026, 3))
# Few days, so that customers often have several visits on their first day.
DAYS = (date(2026, 2, 28), date(2026, 3, 2), date(2026, 3, 3))
STARTS = ("09:00", "09:00", "10:30", None, None)
MAX_MINUTES = 30


@dataclass(frozen=True)
class GenVisit:
    id: int
    rep_id: int
    customer_id: int
    date: date
    status: str
    start: str | None
    as_prospect: bool


@dataclass
class History:
    rep_ids: list[int]
    status: dict[int, str]  # customer id → current status
    visits: list[GenVisit]


def load(conn, seed: int) -> History:
    """Replace the database's reps, customers and visits by the history of `seed`."""
    rng = random.Random(seed)
    for table in (VISIT, CUSTOMER_LOG, CUSTOMER, REP):
        conn.execute(delete(table))
    rep_ids = [add_rep(conn, f"rep {seed}-{n}") for n in range(rng.randint(1, 3))]
    status, converted = {}, {}
    for number in range(rng.randint(1, 4)):
        registered = rng.choice(("prospect", "prospect", "client"))
        customer = add_customer(conn, f"customer {seed}-{number}", status=registered)
        booked = rng.choice(DAYS[:2]) if registered == "prospect" and rng.random() < 0.7 else None
        converted[customer] = booked
        status[customer] = "client" if registered == "client" or booked else "prospect"
        if status[customer] != registered:
            conn.execute(update(CUSTOMER).where(CUSTOMER.c.id == customer).values(status="client"))
    visits = []
    for _ in range(rng.randint(0, 30)):
        customer = rng.choice(list(status))
        day = rng.choice(DAYS)
        state = rng.choice(("done", "done", "done", "cancelled", "planned"))
        start = rng.choice(STARTS) if state == "done" else None
        booked = converted[customer]
        if booked is None:  # never booked: the status it was registered with
            as_prospect = status[customer] == "prospect"
        else:  # booked that day: before it a prospect, after it a client, that day either
            as_prospect = day < booked or (day == booked and rng.random() < 0.5)
        rep = rng.choice(rep_ids)
        visit_id = conn.execute(
            insert(VISIT).values(
                customer_id=customer,
                rep_id=rep,
                date=day,
                status=state,
                start=start,
                minutes=25 if state == "done" else None,
                as_prospect=as_prospect,
                created_at=datetime(2026, 2, 1),
            )
        ).inserted_primary_key[0]
        visits.append(GenVisit(visit_id, rep, customer, day, state, start, as_prospect))
    # Stale facts, so that a form that does not write them cannot pass.
    conn.execute(
        update(CUSTOMER).values(first_visit_on=date(1999, 1, 1), first_visit_as_prospect=True)
    )
    return History(rep_ids, status, visits)


def expected_first_visits(history: History) -> dict[int, FirstVisit | None]:
    """The Python rule: each customer's first completed visit."""
    done: dict[int, list[DoneVisit]] = defaultdict(list)
    for v in history.visits:
        if v.status == "done":
            done[v.customer_id].append(DoneVisit(v.id, v.date, v.start, v.as_prospect))
    return {customer: first_visit(done[customer]) for customer in history.status}


def stored_first_visits(conn) -> dict[int, FirstVisit | None]:
    rows = conn.execute(
        select(CUSTOMER.c.id, CUSTOMER.c.first_visit_on, CUSTOMER.c.first_visit_as_prospect)
    )
    return {
        row.id: FirstVisit(row.first_visit_on, bool(row.first_visit_as_prospect))
        if row.first_visit_on is not None
        else None
        for row in rows
    }


def _facts(first: FirstVisit | None) -> tuple[date | None, bool]:
    return (first.date, first.as_prospect) if first else (None, False)


def expected_month_new(history: History, firsts) -> dict[tuple[int, Month], int]:
    """New customers each salesperson visited in each month (`is_new_in_month`)."""
    found = defaultdict(set)
    for v in history.visits:
        for month in MONTHS:
            in_month = v.status == "done" and month.first <= v.date <= month.last
            if in_month and is_new_in_month(month, *_facts(firsts[v.customer_id])):
                found[v.rep_id, month].add(v.customer_id)
    return {key: len(customers) for key, customers in found.items()}


def expected_day_new(history: History, firsts) -> dict[tuple[int, date], int]:
    """Customers won on each salesperson's day (`is_new_customer` of their visits)."""
    found = defaultdict(set)
    for v in history.visits:
        if v.status == "done" and is_new_customer(
            v.date, v.as_prospect, *_facts(firsts[v.customer_id])
        ):
            found[v.rep_id, v.date].add(v.customer_id)
    return {key: len(customers) for key, customers in found.items()}


def expected_visit_flags(history: History, firsts) -> dict[int, bool]:
    """The new-customer flag of every visit as listed."""
    flags = {}
    for v in history.visits:
        on, as_prospect = _facts(firsts[v.customer_id])
        if v.status == "done":
            flags[v.id] = is_new_customer(v.date, v.as_prospect, on, as_prospect)
        elif v.status == "planned":
            flags[v.id] = would_be_new_customer(history.status[v.customer_id], on)
        else:
            flags[v.id] = False
    return flags


def check_sql_forms(conn, history: History) -> None:
    """Every SQL form of R1 against the Python rule, over the freshly refreshed facts."""
    from salesvisit_cli.services.visits import views
    from salesvisit_cli.store.progress import month_counts_by_rep
    from salesvisit_cli.store.quota import month_activity

    firsts = expected_first_visits(history)
    assert stored_first_visits(conn) == firsts
    for month in MONTHS:
        counted = month_counts_by_rep(conn, month, history.rep_ids)
        month_new = {(rep, month): c.new_customers for rep, c in counted.items() if c.new_customers}
        wanted = {
            key: n for key, n in expected_month_new(history, firsts).items() if key[1] == month
        }
        assert month_new == wanted, month
        activity = month_activity(conn, month, history.rep_ids, MAX_MINUTES)
        day_new = {
            (rep, count.day): count.new
            for rep, figures in activity.items()
            for count in figures.days
            if count.new
        }
        wanted_days = {
            key: n
            for key, n in expected_day_new(history, firsts).items()
            if month.first <= key[1] <= month.last
        }
        assert day_new == wanted_days, month
    flags = {view.id: view.new_customer for view in views(conn, max_minutes=MAX_MINUTES)}
    assert flags == expected_visit_flags(history, firsts)
