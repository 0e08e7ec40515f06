"""Use cases called directly: a temp SQLite store, a Work context, a frozen clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from salesvisit_cli.config import Config
from salesvisit_cli.services import customers
from salesvisit_cli.services.context import Work
from salesvisit_cli.store.engine import open_store

THURSDAY = "2026-11-26 10:00"  # the working day the tests live on (Mon-Fri calendar)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "services.db")
    yield opened
    opened.close()


@pytest.fixture
def work_at(store, clock):
    """`work_at("2026-11-26 10:00", rep="alice", config=...)`: freezes the clock there and
    returns the Work context a command would build at that moment."""

    def make(moment: str = THURSDAY, *, rep: str = "alice", config: Config | None = None) -> Work:
        clock(moment)
        if rep != "alice":  # alice is the database's first salesperson; others are added
            from salesvisit_cli.store import team as rep_rows

            with store.write() as connection:
                if rep_rows.get(connection, rep) is None:
                    rep_rows.add(connection, rep, False, datetime.fromisoformat(moment))
        return Work.of(store, rep, datetime.fromisoformat(moment), config)

    return make


@pytest.fixture
def work(work_at) -> Work:
    return work_at()


@pytest.fixture
def add_customer(work):
    """`add_customer("Acme", tier="key", status="client")` through the use case; its id."""

    def add(name: str, **fields: str) -> int:
        return customers.add(work, {"name": name, **fields}).customer.id

    return add
