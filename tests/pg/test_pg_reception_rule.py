"""R8's rotation on PostgreSQL: `salesvisit_next_on_duty` (the SQL form the front desk's
registration uses in team mode) names the same salesperson as `domain.reception.next_on_duty`
on generated duty groups and days of registrations, names in any case and script included."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, text

from salesvisit_cli.domain.dates import WEEKDAYS
from salesvisit_cli.domain.reception import duty_group, next_on_duty
from salesvisit_cli.store import access
from salesvisit_cli.store import reception as rows
from salesvisit_cli.store.engine import open_store
from salesvisit_cli.store.reception_functions import next_on_duty_function
from salesvisit_cli.store.tables import CUSTOMER, DUTY, RECEPTION, REP

pytestmark = pytest.mark.postgres

SEEDS = range(40)
# Names whose order differs between case-folding rules, scripts and code points.
NAMES = ("Zhang", "zhang", "li na", "Li Na", "李娜", "Émile", "Ömer", "émile", "ß", "ss", "Anna",
         "anna")  # fmt: skip
THURSDAY = date(2026, 12, 3)
NOON = datetime(2026, 12, 3, 12, 0)


@pytest.fixture
def store(pg_db):
    opened = open_store(pg_db.url)
    with opened.write() as conn:
        next_on_duty_function(lambda statement: access._run(conn, statement), access.schema(conn))
        conn.execute(insert(REP), [{"name": n, "is_manager": False, "created_at": NOON}
                                   for n in NAMES])  # fmt: skip
        conn.execute(insert(CUSTOMER).values(
            id=1, name="Acme", name_key="acme", tier="normal", status="prospect",
            created_at=NOON, first_visit_as_prospect=False))  # fmt: skip
    yield opened
    opened.close()


def _generate(conn, seed: int) -> None:
    """Duty slots (weekly pattern and date overrides) and registrations around the Thursday."""
    pick = random.Random(seed)
    ids = dict(conn.execute(text("SELECT name, id FROM rep")).all())
    conn.execute(text("DELETE FROM reception"))
    conn.execute(text("DELETE FROM duty"))
    slots = pick.sample(WEEKDAYS, pick.randint(0, 7))
    slots += [(THURSDAY + timedelta(days=d)).isoformat() for d in (0, 7) if pick.random() < 0.4]
    if slots:
        conn.execute(insert(DUTY), [
            {"slot": slot, "rep_id": ids[name], "set_at": NOON}
            for slot in slots for name in pick.sample(NAMES, pick.randint(1, 6))
        ])  # fmt: skip
    registrations = [
        {"at": datetime.combine(THURSDAY + timedelta(days=pick.choice((-1, 0, 0, 0, 1))),
                                datetime.min.time()) + timedelta(minutes=pick.randrange(1440)),
         "kind": "walkin", "customer_id": 1, "rep_id": ids[pick.choice(NAMES)], "is_new": True,
         "assigned": pick.random() < 0.8, "how": "duty",
         "research_at": NOON if pick.random() < 0.15 else None}
        for _ in range(pick.randint(0, 30))
    ]  # fmt: skip
    if registrations:
        conn.execute(insert(RECEPTION), registrations)


def test_the_sql_rotation_names_the_same_salesperson_as_the_python_rule(store):
    checked = set()
    with store.write() as conn:
        names = dict(conn.execute(text("SELECT id, name FROM rep")).all())
        for seed in SEEDS:
            _generate(conn, seed)
            for day in (THURSDAY, THURSDAY + timedelta(days=1), THURSDAY + timedelta(days=7)):
                group = duty_group(rows.duty_slots(conn), day)
                chosen = conn.execute(text("SELECT salesvisit_next_on_duty(:day)"), {"day": day})
                found = names.get(chosen.scalar())
                expected = next_on_duty(group, rows.received(conn, day)) if group else None
                assert found == expected, (seed, day, group)
                checked.add(expected is None)
    assert checked == {True, False}  # both an empty day and a chosen salesperson were seen
