"""Road travel times from pgRouting: a synthetic OpenStreetMap file (a one-way ring and a slow
diagonal) loaded by osm2pgrouting; the matrix and the chosen round follow the roads."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from salesvisit_cli.domain.errors import SalesvisitError
from salesvisit_cli.domain.route import (
    RouteProblem,
    Stop,
    haversine_km,
    keep_feasible,
    round_plan,
)
from salesvisit_cli.domain.route_solver import best_order
from salesvisit_cli.store.roads import road_travel

pytestmark = pytest.mark.slow

# O(31.00,121.00) → A(31.01,121.00) → B(31.01,121.01) → C(31.00,121.01) → O: a one-way ring at
# 50 km/h; O–B: a two-way diagonal, shorter in a straight line, at 5 km/h.
NODES = {1: (31.00, 121.00), 2: (31.01, 121.00), 3: (31.01, 121.01), 4: (31.00, 121.01)}
WAYS = [
    (11, (1, 2), {"oneway": "yes", "maxspeed": "50"}),
    (12, (2, 3), {"oneway": "yes", "maxspeed": "50"}),
    (13, (3, 4), {"oneway": "yes", "maxspeed": "50"}),
    (14, (4, 1), {"oneway": "yes", "maxspeed": "50"}),
    (15, (1, 3), {"maxspeed": "5"}),
]


def _osm(path: Path) -> None:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
    lines.append('<bounds minlat="30.99" minlon="120.99" maxlat="31.02" maxlon="121.02"/>')
    for node, (lat, lon) in NODES.items():
        lines.append(f'<node id="{node}" version="1" lat="{lat}" lon="{lon}"/>')
    for way, nodes, tags in WAYS:
        lines.append(f'<way id="{way}" version="1">')
        lines += [f'<nd ref="{node}"/>' for node in nodes]
        tags = {"highway": "residential", **tags}
        lines += [f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()]
        lines.append("</way>")
    lines.append("</osm>")
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def roads(make_pg_db, tmp_path):
    """A database with pgRouting and the synthetic network; its URL."""
    if shutil.which("osm2pgrouting") is None:
        reason = "osm2pgrouting is not installed (apt-get install osm2pgrouting)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    db = make_pg_db()
    with db.connect(autocommit=True) as conn:
        conn.execute("CREATE EXTENSION postgis")
        conn.execute("CREATE EXTENSION pgrouting")
    osm = tmp_path / "grid.osm"
    _osm(osm)
    loaded = subprocess.run(
        ["osm2pgrouting", "-f", str(osm), "-d", db.name, "-U", db.owner,
         "-h", db.cluster.socket_dir, "--clean"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    return db.url


def test_the_matrix_follows_the_roads(roads):
    points = list(NODES.values())
    travel = road_travel(roads, points)
    o, a, b = range(3)
    north, east = haversine_km(NODES[1], NODES[2]), haversine_km(NODES[2], NODES[3])
    # with the ring: one side; against it: the three other sides
    assert travel.km[o][a] == pytest.approx(north, rel=0.02)
    assert travel.km[a][o] == pytest.approx(north + 2 * east, rel=0.02)
    assert travel.minutes[a][o] > 2.5 * travel.minutes[o][a]
    # O to B: around the ring (two sides at 50 km/h), not the shorter, slow diagonal
    assert travel.km[o][b] == pytest.approx(north + east, rel=0.02)
    assert travel.km[o][b] > 1.3 * haversine_km(NODES[1], NODES[3])
    assert travel.minutes[o][b] < 6


def test_the_round_follows_the_one_way_ring(roads):
    points = list(NODES.values())
    stops = [
        Stop(20 + index, name, points[index]) for index, name in ((1, "A"), (2, "B"), (3, "C"))
    ]
    travel = road_travel(roads, [points[0], *points[1:], points[0]])
    problem = RouteProblem(points[0], points[0], 510, 30, stops, travel)
    kept, _ = keep_feasible(problem, best_order(problem))
    found = round_plan(problem, "pgrouting", kept, {})
    assert found.order == [21, 22, 23]  # clockwise, as the ring runs
    ring = 2 * (haversine_km(NODES[1], NODES[2]) + haversine_km(NODES[2], NODES[3]))
    assert found.total_km == pytest.approx(ring, rel=0.03)


def test_a_database_without_a_network_is_one_clear_error(make_pg_db):
    db = make_pg_db()
    with pytest.raises(SalesvisitError, match="pgRouting is not installed"):
        road_travel(db.url, [(31.0, 121.0)])
    with db.connect(autocommit=True) as conn:
        conn.execute("CREATE EXTENSION pgrouting CASCADE")  # with PostGIS
    with pytest.raises(SalesvisitError, match="no road network loaded"):
        road_travel(db.url, [(31.0, 121.0)])


def test_sqlite_is_not_a_road_database():
    with pytest.raises(SalesvisitError, match=r"route\.roads_url"):
        road_travel("sqlite:///x.db", [(31.0, 121.0)])


def test_a_place_off_the_network_is_one_clear_error(roads):
    """A customer in Beijing with Shanghai's roads: not a road time from 1,000 km away."""
    with pytest.raises(
        SalesvisitError, match=r"39\.9,116\.4 is 10\d\d\.\d km from the nearest road"
    ):
        road_travel(roads, [NODES[1], (39.9, 116.4)])


def test_an_emptied_network_is_not_loaded(roads):
    from sqlalchemy import create_engine

    engine = create_engine(roads)
    with engine.begin() as connection:
        connection.exec_driver_sql("TRUNCATE ways, ways_vertices_pgr CASCADE")
    engine.dispose()
    with pytest.raises(SalesvisitError, match="no road network loaded"):
        road_travel(roads, [NODES[1]])


def test_without_roads_url_the_team_database_serves_the_roads(roads):
    from types import SimpleNamespace

    from sqlalchemy import create_engine

    from salesvisit_cli.config import RoutePolicy
    from salesvisit_cli.services.route import travel

    engine = create_engine(roads)
    work = SimpleNamespace(
        config=SimpleNamespace(route=RoutePolicy(engine="pgrouting")),
        store=SimpleNamespace(engine=engine),
    )
    found = travel(work, [NODES[1], NODES[2]])
    engine.dispose()
    assert found.km[0][1] == pytest.approx(haversine_km(NODES[1], NODES[2]), rel=0.02)
