"""Bulk writes: customers.add_many with mixed rows, store.bulk inserts and first-visit refresh."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from salesvisit_cli.store import bulk
from salesvisit_cli.store import customers as customer_rows
from salesvisit_cli.store.engine import open_store
from salesvisit_cli.store.models import Customer, Visit
from salesvisit_cli.store.progress import refresh_first_visit
from tests.factories import add_customer, add_done_visit, add_rep

NOW = datetime(2026, 3, 18, 8, 0)
CUSTOMER = Customer.__table__
VISIT = Visit.__table__


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "x.db")
    yield opened
    opened.close()


def _stored(store):
    with store.read() as conn:
        return {
            row.name: row
            for row in conn.execute(
                select(CUSTOMER.c.name, CUSTOMER.c.status, CUSTOMER.c.client_since, CUSTOMER.c.note)
            )
        }


@pytest.mark.parametrize("first", ["prospect", "client"])
def test_add_rows_keeps_every_rows_own_columns(store, first):
    """A client after a prospect (or before) is a client since now; a field only some rows
    give is kept for them and blank for the others; a tier or status not given is the
    default; the owner's name and the district given are the import's, not columns."""
    other = "client" if first == "prospect" else "prospect"
    fields = ("name", "owner", "tier", "status", "note", "district")
    with store.write() as conn:
        rep = add_rep(conn, "alice")
        rows = [
            ("First Co", "bob", "", first, "", "", "first co", None, rep),
            ("Second Co", "", "key", other, "call after 10", "x", "second co", "西湖区", rep),
            ("Third Co", None, None, None, None, None, "third co", None, rep),
        ]
        customer_rows.add_rows(conn, fields, rows, NOW)
    found = _stored(store)
    for name in ("First Co", "Second Co"):
        row = found[name]
        assert row.client_since == (NOW.date() if row.status == "client" else None)
    assert found["Second Co"].note == "call after 10" and found["First Co"].note is None
    with store.read() as conn:
        stored = conn.execute(
            select(CUSTOMER.c.name, CUSTOMER.c.tier, CUSTOMER.c.status, CUSTOMER.c.district,
                   CUSTOMER.c.name_key, CUSTOMER.c.owner_id, CUSTOMER.c.created_at)
            .order_by(CUSTOMER.c.id)
        ).all()  # fmt: skip
    assert [row.tier for row in stored] == ["normal", "key", "normal"]
    assert stored[2].status == "prospect" and stored[1].district == "西湖区"
    assert [row.name_key for row in stored] == ["first co", "second co", "third co"]
    assert {row.owner_id for row in stored} == {rep} and stored[0].created_at == NOW


def test_insert_rows_stores_dates_as_sqlalchemy_does(store):
    with store.write() as conn:
        rep = add_rep(conn, "alice")
        customer = add_customer(conn, "Acme")
        columns = ("customer_id", "rep_id", "date", "status", "start", "minutes", "as_prospect",
                   "appointment", "conflict", "created_at", "reported_at")  # fmt: skip
        moment = datetime(2026, 3, 2, 10, 5)
        bulk.insert_rows(
            conn,
            VISIT,
            columns,
            [
                (
                    customer,
                    rep,
                    date(2026, 3, 2),
                    "done",
                    "10:00",
                    20,
                    True,
                    False,
                    False,
                    moment,
                    None,
                )
            ],
        )
        add_done_visit(conn, rep, customer, date(2026, 3, 3))
        raw = conn.exec_driver_sql(
            "SELECT date, created_at, typeof(as_prospect) FROM visit ORDER BY id"
        ).all()
        typed = conn.execute(select(VISIT.c.date, VISIT.c.created_at).order_by(VISIT.c.id)).all()
    assert raw[0][0] == "2026-03-02" and raw[0][1] == "2026-03-02 10:05:00.000000"
    assert len(raw[0][1]) == len(raw[1][1])  # the same text shape as a Core insert
    assert raw[0][2] == "integer"
    assert typed[0] == (date(2026, 3, 2), moment)


def test_refresh_all_first_visits_matches_the_one_by_one_rule(store):
    with store.write() as conn:
        rep = add_rep(conn, "alice")
        ids = [add_customer(conn, f"Customer {n}") for n in range(4)]
        add_done_visit(conn, rep, ids[0], date(2026, 3, 5), start="14:00")
        add_done_visit(conn, rep, ids[0], date(2026, 3, 5), start="09:00")
        add_done_visit(conn, rep, ids[1], date(2026, 3, 9))
        add_done_visit(conn, rep, ids[1], date(2026, 3, 2), status="cancelled")
        add_done_visit(conn, rep, ids[2], date(2026, 3, 1), status="planned")
        conn.execute(CUSTOMER.update().values(first_visit_on=date(1999, 1, 1)))
        bulk.refresh_all_first_visits(conn)
        columns = (CUSTOMER.c.id, CUSTOMER.c.first_visit_on, CUSTOMER.c.first_visit_as_prospect)
        set_based = conn.execute(select(*columns).order_by(CUSTOMER.c.id)).all()
        for customer in ids:
            refresh_first_visit(conn, customer)
        one_by_one = conn.execute(select(*columns).order_by(CUSTOMER.c.id)).all()
    assert set_based == one_by_one
    assert set_based[0][1] == date(2026, 3, 5) and set_based[3][1] is None


def test_bulk_load_restores_the_indexes(store):
    with store.write() as conn:
        before = sorted(
            conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars()
        )
        with bulk.bulk_load(conn, (VISIT,)):
            during = set(
                conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='index'").scalars()
            )
            assert "ix_visit_rep_date" not in during
        after = sorted(
            conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars()
        )
    assert after == before
