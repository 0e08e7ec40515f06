"""Generated ownership histories for the cadence clock and the pool's release rule: the Python
rules (`domain.cadence.anchor`, `due_since`, `domain.pool.is_released`) and their SQL forms
(`store.pool.clocks`, `started_before`, `due_condition`) must agree on every day, at the edges.

A history: two salespeople, customers created at some hour of a January day (owned by either,
or by nobody), later given to someone (`assigned`, `claimed`) or released, and visits done,
planned or cancelled by the owner or by the other salesperson. The cadences and the release
rule are short (`KEY`, `NORMAL`, `RELEASE` days), so every edge falls within `CHECKED`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, insert, true

from salesvisit_cli.domain import cadence, pool
from salesvisit_cli.domain.customers import name_key
from salesvisit_cli.store import pool as rows
from salesvisit_cli.store.tables import CUSTOMER, CUSTOMER_LOG, REP, VISIT
from tests.factories import add_rep

START = date(2026, 1, 1)
DAYS = [START + timedelta(days=offset) for offset in range(20)]  # the history's days
CHECKED = [START + timedelta(days=offset) for offset in range(40)]  # the days compared
KEY, NORMAL, RELEASE = 4, 9, 6


@dataclass(frozen=True)
class Owned:
    """An owned customer and its clock by the Python rule."""

    tier: str
    start: date


def load(conn, seed: int) -> dict[int, Owned]:
    """Replace the database's history by the one of `seed`; the owned customers' clocks."""
    rng = random.Random(seed)
    for table in (VISIT, CUSTOMER_LOG, CUSTOMER, REP):
        conn.execute(delete(table))
    reps = [add_rep(conn, f"rep {seed}-{n}") for n in range(2)]
    owned: dict[int, Owned] = {}
    for number in range(rng.randint(3, 10)):
        owner, tier = rng.choice([*reps, None]), rng.choice(("key", "normal"))
        created = datetime.combine(rng.choice(DAYS[:8]), time(rng.randint(0, 23)))
        name = f"customer {seed}-{number}"
        customer = conn.execute(
            insert(CUSTOMER).values(name=name, name_key=name_key(name), status="prospect",
                                    tier=tier, owner_id=owner, created_at=created)
        ).inserted_primary_key[0]  # fmt: skip
        owned_since = created.date()
        for _ in range(rng.randint(0, 2)):
            at = datetime.combine(rng.choice(DAYS), time(rng.randint(0, 23)))
            event, to = rng.choice(("assigned", "claimed", "released")), rng.choice(reps)
            conn.execute(insert(CUSTOMER_LOG).values(customer_id=customer, at=at, event=event,
                                                     to_id=to))  # fmt: skip
            if to == owner and event in rows.GIVEN:
                owned_since = max(owned_since, at.date())
        last_visit = None
        for _ in range(rng.randint(0, 4)):
            rep, day = rng.choice(reps), rng.choice(DAYS)
            status = rng.choice(("done", "done", "planned", "cancelled"))
            conn.execute(insert(VISIT).values(customer_id=customer, rep_id=rep, date=day,
                                              status=status, created_at=created))  # fmt: skip
            if rep == owner and status == "done":
                last_visit = max(last_visit or day, day)
        if owner is not None:
            owned[customer] = Owned(tier, cadence.anchor(owned_since, last_visit))
    return owned


def _ids(conn, condition) -> set[int]:
    return {clock.id for clock in rows.clocks(conn, condition)}


def check(conn, owned: dict[int, Owned]) -> None:
    """The SQL forms give the Python rule's clocks, releases and due customers on every day."""
    assert {clock.id: clock.start for clock in rows.clocks(conn, true())} == {
        customer: facts.start for customer, facts in owned.items()
    }
    for day in CHECKED:
        released = {c for c, facts in owned.items() if pool.is_released(facts.start, RELEASE, day)}
        assert _ids(conn, rows.started_before(day - timedelta(days=RELEASE))) == released, day
        due = {
            c
            for c, facts in owned.items()
            if cadence.due_since(facts.start, facts.tier, KEY, NORMAL) <= day
        }
        assert _ids(conn, rows.due_condition(day, KEY, NORMAL)) == due, day
