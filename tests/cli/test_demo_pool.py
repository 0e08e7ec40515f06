"""`demo` shows the pool at work (`make demo` sets the README's `pool.release_days = 60`):
a few customers already in the pool, released by the rule on the day it says, and a few
about to enter it in this morning's briefing."""

import os
import sqlite3
from datetime import date, timedelta

TODAY = "2026-11-26"


def test_the_demo_has_customers_in_and_about_to_enter_the_pool(cli, clock):
    clock(f"{TODAY} 07:30")
    built = cli("demo", "--customers", "150", "--seed", "7")
    assert built.exit_code == 0, built.stderr
    assert cli("config", "set", "pool.release_days", "60").exit_code == 0
    pool = cli("--rep", "demo", "customer", "pool", "--json").json()
    assert pool and {entry["released_from"] for entry in pool} == {"demo"}
    assert all(entry["released_at"] <= f"{TODAY}T00:00:00" for entry in pool)
    releasing = cli("--rep", "demo", "visit", "plan", "--json").json()["briefing"]["releasing"]
    today = date.fromisoformat(TODAY)
    days = {soon["customer_id"]: date.fromisoformat(soon["release_on"]) for soon in releasing}
    assert all(today < day <= today + timedelta(days=7) for day in days.values())
    # the demo's own examples: assigned to demo just long enough ago (whatever the history)
    with sqlite3.connect(os.environ["SALESVISIT_DB"]) as conn:
        assigned = [
            id_
            for (id_,) in conn.execute(
                "SELECT customer_id FROM customer_log WHERE event = 'assigned' ORDER BY at"
            )
        ]
    assert [days.get(id_) for id_ in assigned] == [
        today + timedelta(days=n) for n in (2, 4, 6)
    ]  # fmt: skip
    screen = cli("--rep", "demo", "visit", "plan").stdout
    assert str(releasing[0]["customer_id"]) in screen or "pool" in screen.lower()
