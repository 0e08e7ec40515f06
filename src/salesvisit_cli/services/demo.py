"""A demo database: a team, a customer file and (as the tool grows) their history."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from salesvisit_cli.domain import demo_data
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.store import customers as customer_rows
from salesvisit_cli.store.engine import Store
from salesvisit_cli.store.reps import ensure_rep


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


def build(
    store: Store,
    spec: DemoSpec,
    today: date,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo team and customers, in one transaction."""
    spec.validate()
    rng = random.Random(spec.seed)
    names = demo_data.rep_names(spec.reps)
    with store.write() as connection:
        if customer_rows.count(connection):
            raise ValidationError("the database already has customers; use a new --db for the demo")
        rep_ids = [ensure_rep(connection, name, now) for name in names]
        made = demo_data.customers(rng, spec.customers)
        for index, rep_id in enumerate(rep_ids):
            own = made[index :: len(rep_ids)]
            customer_rows.add_many(connection, own, rep_id, now)
            if progress:
                progress(index + 1, len(rep_ids))
    return DemoSummary(reps=len(names), customers=len(made))
