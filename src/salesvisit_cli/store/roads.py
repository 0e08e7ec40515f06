"""Road travel times from pgRouting (`route.engine = "pgrouting"`): a network loaded by
osm2pgrouting (tables `ways` and `ways_vertices_pgr`) in PostgreSQL.

Each place is snapped to the nearest vertex of the network; `pgr_dijkstra` (many to many) finds
the fastest path between every two (`cost_s`; a one-way street is closed against its direction)
and gives its seconds and metres.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesvisit_cli.domain.errors import SalesvisitError
from salesvisit_cli.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.domain.route import Point, Travel

_EDGES = (
    "SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ways"
)
_NEAREST = """
SELECT id, lat, lon FROM ways_vertices_pgr
ORDER BY (lat - %(lat)s) ^ 2 + ((lon - %(lon)s) * cos(radians(%(lat)s))) ^ 2 LIMIT 1
"""
_PATHS = """
SELECT path.start_vid, path.end_vid, sum(path.cost) AS seconds, sum(ways.length_m) AS metres
FROM pgr_dijkstra(%(edges)s, %(vids)s, %(vids)s, directed => true) AS path
JOIN ways ON ways.gid = path.edge
GROUP BY path.start_vid, path.end_vid
"""
# A place farther than this from every road of the network is not in it (another city's
# customer, a network of the wrong city): an error, not a road time from somewhere else.
SNAP_KM = 2.0


def road_travel(url: str, points: list[Point]) -> Travel:
    """Kilometres and minutes by road between every two places (a place no road reaches from
    another is an error naming both)."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    if not url.startswith("postgresql"):
        raise SalesvisitError(
            _(
                "route.engine = pgrouting needs the road network in PostgreSQL: set "
                "route.roads_url (or use the team database)"
            )
        )
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            _require_network(connection)
            return _matrices(connection, points)
    except SQLAlchemyError as error:
        raise SalesvisitError(
            _("the road network cannot be read: {error}").format(error=error.orig or error)
        ) from None
    finally:
        engine.dispose()


def _require_network(connection: Connection) -> None:
    have = connection.exec_driver_sql(
        "SELECT to_regclass('ways') IS NOT NULL, to_regclass('ways_vertices_pgr') IS NOT NULL, "
        "EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'pgr_dijkstra')"
    ).one()
    if not have[2]:
        raise SalesvisitError(
            _("pgRouting is not installed in the road database: CREATE EXTENSION pgrouting")
        )
    loaded = have[0] and have[1]
    if loaded:
        loaded = connection.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM ways)").scalar()
    if not loaded:
        raise SalesvisitError(
            _(
                "no road network loaded (tables ways, ways_vertices_pgr): "
                "load one with osm2pgrouting"
            )
        )


def _matrices(connection: Connection, points: list[Point]) -> Travel:
    from salesvisit_cli.domain.route import Travel

    vertices = [_nearest_vertex(connection, point) for point in points]
    rows = connection.exec_driver_sql(_PATHS, {"edges": _EDGES, "vids": sorted(set(vertices))})
    found = {(row.start_vid, row.end_vid): (row.seconds, row.metres) for row in rows}
    size = len(points)
    km = [[0.0] * size for _ in range(size)]
    minutes = [[0.0] * size for _ in range(size)]
    for a, frm in enumerate(vertices):
        for b, to in enumerate(vertices):
            if frm == to:
                continue
            if (frm, to) not in found:
                raise SalesvisitError(
                    _("no road leads from place {a} to place {b} in the road network").format(
                        a=a, b=b
                    )
                )
            seconds, metres = found[frm, to]
            minutes[a][b], km[a][b] = seconds / 60, metres / 1000
    return Travel(km=km, minutes=minutes)


def _nearest_vertex(connection: Connection, point: Point) -> int:
    """The network's vertex nearest the place (an error when the place is off the network)."""
    from salesvisit_cli.domain.locations import haversine_km

    vertex, lat, lon = connection.exec_driver_sql(
        _NEAREST, {"lat": point[0], "lon": point[1]}
    ).one()
    away = haversine_km(point, (lat, lon))
    if away > SNAP_KM:
        raise SalesvisitError(
            _(
                "{lat},{lon} is {km} km from the nearest road of the network: "
                "is the network of the right city loaded?"
            ).format(lat=point[0], lon=point[1], km=f"{away:.1f}")
        )
    return vertex
