"""The demo has geography: each salesperson works one city (real districts, points near the
office), so `visit plan --route` on the demo is a sensible round."""

from __future__ import annotations

import os
import sqlite3

from salesvisit_cli.domain.demo_data import DEMO_RADIUS_KM, OFFICES, city_of, office
from salesvisit_cli.domain.locations import CITY_DISTRICTS, haversine_km, parse_point


def test_each_salesperson_works_one_city(cli, clock):
    clock("2026-11-26 07:30")
    built = cli("demo", "--reps", "3", "--customers", "90", "--months", "1", "--seed", "3")
    assert built.exit_code == 0, built.stderr
    with sqlite3.connect(os.environ["SALESVISIT_DB"]) as conn:
        found = conn.execute(
            "SELECT rep.name, customer.lat, customer.lon, customer.district, customer.address "
            "FROM customer JOIN rep ON rep.id = customer.owner_id ORDER BY rep.id"
        ).fetchall()
    names = list(dict.fromkeys(row[0] for row in found))
    assert len(names) == 3
    # the customer file is placed; today's walk-ins at reception come without a location
    found = [row for row in found if row[1] is not None]
    assert len(found) >= 90
    for index, name in enumerate(names):
        city = city_of(index)
        centre = OFFICES[city][1]
        for _, lat, lon, district, address in (row for row in found if row[0] == name):
            assert district in CITY_DISTRICTS[city]
            assert haversine_km((lat, lon), centre) <= DEMO_RADIUS_KM + 3
            assert address is None or address.isascii() or address.startswith(f"{city}市{district}")


def test_the_demo_round_starts_at_the_office(cli, clock):
    clock("2026-11-26 07:30")
    assert cli("demo", "--customers", "60", "--months", "1", "--seed", "7").exit_code == 0
    assert parse_point(office(city_of(0))) == OFFICES["上海"][1]
    cli("config", "set", "route.start", office(city_of(0)))
    ran = cli("--rep", "demo", "visit", "plan", "--route", "--json")
    assert ran.exit_code == 0, ran.stderr
    route = ran.json()["route"]
    assert len(route["order"]) >= 4
    assert all(leg["km"] < 40 for leg in route["legs"])  # one city, not Hangzhou → Beijing
