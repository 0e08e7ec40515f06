"""`visit plan --route [--apply]`: the round in the JSON contract and on screen, what is left
out and why, bad input as one error line, and no solver import without --route."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

OFFICE = "31.2304,121.4737"
NOW = "2026-11-26 07:30"


@pytest.fixture(autouse=True)
def frozen(clock):
    clock(NOW)


def _day(cli) -> dict[str, int]:
    """Four visits today around People's Square: west, east, an appointment, one unlocated."""
    cli("config", "set", "route.start", OFFICE)
    customers = [
        ("西边", ("--lat", "31.2304", "--lon", "121.40", "--hours", "09:00-17:00"), ()),
        ("东边", ("--lat", "31.2304", "--lon", "121.55"), ()),
        ("北边", ("--lat", "31.30", "--lon", "121.4737"), ("--at", "14:00")),
        ("没有位置", ("--address", "上海市黄浦区"), ()),
    ]
    ids = {}
    for name, located, timed in customers:
        assert cli("customer", "add", name, *located).exit_code == 0
        ran = cli("visit", "schedule", name, *timed, "--json")
        assert ran.exit_code == 0, ran.stderr
        ids[name] = ran.json()["id"]
    return ids


def test_the_round_in_json(cli):
    ids = _day(cli)
    ran = cli("visit", "plan", "--route", "--json")
    assert ran.exit_code == 0, ran.stderr
    doc = ran.json()
    route = doc["route"]
    assert set(route) == {"engine", "start", "end", "order", "total_km", "travel_minutes",
                          "legs", "unplaced"}  # fmt: skip
    assert route["engine"] == "haversine" and route["start"] == route["end"] == OFFICE
    assert sorted(route["order"]) == sorted([ids["西边"], ids["东边"], ids["北边"]])
    assert route["unplaced"] == [ids["没有位置"]]
    assert [v["id"] for v in doc["visits"]] == [*route["order"], ids["没有位置"]]
    assert [leg["to"] for leg in route["legs"]] == [*route["order"], "end"]
    assert route["total_km"] == pytest.approx(sum(leg["km"] for leg in route["legs"]), abs=0.2)
    assert route["travel_minutes"] == sum(leg["minutes"] for leg in route["legs"])
    etas = {v["id"]: v["eta"] for v in doc["visits"]}
    assert etas[ids["北边"]] == "14:00" and etas[ids["没有位置"]] is None
    assert all(etas[i] >= "08:30" for i in route["order"])
    assert etas[ids["西边"]] >= "09:00"  # office hours
    # the plan is unchanged without --apply
    plain = cli("visit", "plan", "--json").json()
    assert "route" not in plain and all("eta" not in v for v in plain["visits"])
    assert {v["id"]: v["at"] for v in plain["visits"]}[ids["西边"]] is None


def test_apply_writes_the_untimed_start_times(cli):
    ids = _day(cli)
    routed = cli("visit", "plan", "--route", "--apply", "--json").json()
    etas = {v["id"]: v["eta"] for v in routed["visits"]}
    after = {v["id"]: v["at"] for v in cli("visit", "plan", "--json").json()["visits"]}
    assert after[ids["西边"]] == etas[ids["西边"]] and after[ids["东边"]] == etas[ids["东边"]]
    assert after[ids["北边"]] == "14:00" and after[ids["没有位置"]] is None


def test_the_round_on_screen_fits_80_columns(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    _day(cli)
    ran = cli("visit", "plan", "--route")
    assert ran.exit_code == 0, ran.stderr
    screen = ran.stdout
    assert "The round (straight line × detour): 3 visits" in screen
    assert "back at the end point" in screen
    assert "Not placed: visit 4 (没有位置): no location on file" in screen
    assert max(len(line) for line in screen.splitlines()) <= 80


@pytest.mark.parametrize(
    ("language", "said"),
    [("C.UTF-8", "no time left within its office hours (08:00–08:45)"),
     ("zh_CN.UTF-8", "办公时间（08:00–08:45）内已排不下")],
)  # fmt: skip
def test_a_visit_left_out_by_its_office_hours_says_them(cli, monkeypatch, language, said):
    """Open 08:00-08:45, the day starts at 08:30 and the visit takes 30 minutes: no room."""
    monkeypatch.setenv("LANG", language)
    monkeypatch.setenv("LANGUAGE", language.split(".")[0])
    monkeypatch.setenv("COLUMNS", "200")
    cli("config", "set", "route.start", OFFICE)
    where = ("--lat", "31.2304", "--lon", "121.40")
    cli("customer", "add", "早市", *where, "--hours", "08:00-08:45")
    cli("visit", "schedule", "早市")
    ran = cli("visit", "plan", "--route")
    assert ran.exit_code == 0, ran.stderr
    assert said in ran.stdout


def test_without_a_start_point_one_clear_error(cli):
    cli("customer", "add", "西边", "--lat", "31.23", "--lon", "121.40")
    cli("visit", "schedule", "西边")
    ran = cli("visit", "plan", "--route")
    assert ran.exit_code == 1
    assert "route.start is not set" in ran.stderr and "Traceback" not in ran.stderr
    assert cli("visit", "plan", "--apply").exit_code == 2  # --apply needs --route


@pytest.mark.parametrize(
    ("url", "said"),
    [(None, "route.engine = pgrouting needs the road network in PostgreSQL"),
     ("postgresql+psycopg://nobody@127.0.0.1:1/roads", "the road network cannot be read")],
)  # fmt: skip
def test_a_road_database_that_cannot_serve_is_one_clear_error(cli, url, said):
    """No fallback to straight lines: the round would differ without saying so."""
    _day(cli)
    cli("config", "set", "route.engine", "pgrouting")
    if url is not None:
        cli("config", "set", "route.roads_url", url)
    ran = cli("visit", "plan", "--route")
    assert ran.exit_code == 1 and said in ran.stderr
    assert len(ran.stderr.strip().splitlines()) <= 2 and "Traceback" not in ran.stderr


def test_an_empty_day_has_an_empty_round(cli):
    cli("config", "set", "route.start", OFFICE)
    doc = cli("visit", "plan", "--route", "--json").json()
    assert doc["route"]["order"] == [] and doc["route"]["legs"] == [
        {"to": "end", "km": 0.0, "minutes": 0}
    ]


def test_plan_without_route_imports_no_solver_or_geo_library():
    env = {k: v for k, v in os.environ.items() if not k.startswith("_SALESVISIT")}
    code = (
        "import sys\n"
        "from salesvisit_cli.cli.app import main\n"
        "sys.argv = ['salesvisit', 'visit', 'plan', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('pyvrp', 'numpy', 'vrplib', 'salesvisit_cli.domain.route_solver')"
        " or m in ('salesvisit_cli.domain.route', 'salesvisit_cli.store.roads')]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "HEAVY []" in ran.stderr, ran.stderr[-2000:]
