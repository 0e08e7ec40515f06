"""`visit plan --route`: the day's visits as one round from `route.start` to `route.end`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesvisit_cli.domain import route as rules
from salesvisit_cli.domain.dates import hours_range
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.locations import parse_point
from salesvisit_cli.domain.plan import minute_of_day
from salesvisit_cli.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.domain.plan import Plan, PlanVisit
    from salesvisit_cli.services.context import Work


def ends(work: Work) -> tuple[rules.Point, rules.Point]:
    """Where the day starts and ends (`route.start`, `route.end`); no start is an error."""
    policy = work.config.route
    if policy.start is None:
        raise ValidationError(
            _(
                "route.start is not set: where does the day start? e.g. "
                "salesvisit config set route.start 31.2304,121.4737"
            )
        )
    start = parse_point(policy.start)
    return start, parse_point(policy.end) if policy.end else start


def stop_of(visit: PlanVisit) -> rules.Stop | None:
    """The visit as a stop of the round (None: its customer has no location on file)."""
    point = visit.customer.point
    if point is None:
        return None
    opens = closes = None
    if visit.customer.hours:
        opens, closes = (minute_of_day(t) for t in hours_range(visit.customer.hours))
    at = minute_of_day(visit.at) if visit.at else None
    return rules.Stop(visit.id, visit.customer.name, point, at, opens, closes)


def travel(work: Work, points: list[rules.Point]) -> rules.Travel:
    """Distances and times between the places, by the configured engine."""
    policy = work.config.route
    if policy.engine == "pgrouting":
        from salesvisit_cli.store.roads import road_travel

        team = work.store.engine.url.render_as_string(hide_password=False)
        return road_travel(policy.roads_url or team, points)
    return rules.straight_line_travel(points, policy.speed_kmh, policy.detour)


def solve_round(work: Work, visits: list[PlanVisit]) -> rules.RoundPlan:
    """The best round through the visits that have a location; the others are left out."""
    from salesvisit_cli.domain.route_solver import best_order

    start, end = ends(work)
    stops, left_out = [], {}
    for visit in visits:
        stop = stop_of(visit)
        if stop is None:
            left_out[visit.id] = rules.NO_LOCATION
        else:
            stops.append(stop)
    problem = rules.RouteProblem(
        start=start,
        end=end,
        day_start=minute_of_day(work.config.route.day_start),
        service=work.max_minutes,
        stops=stops,
        travel=travel(work, [start, *(stop.point for stop in stops), end]),
    )
    kept, _dropped = rules.keep_feasible(problem, best_order(problem))
    found = rules.round_plan(problem, work.config.route.engine, kept, left_out)
    found.names.update((visit.id, visit.customer.name) for visit in visits)
    return found


def in_route_order(plan: Plan, found: rules.RoundPlan) -> None:
    """Put the plan's visits in the round's order (those left out after) and attach the round."""
    position = {visit_id: index for index, visit_id in enumerate(found.order)}
    plan.visits.sort(key=lambda visit: position.get(visit.id, len(position)))
    plan.route = found


def apply_times(
    connection: Connection, plan: Plan, found: rules.RoundPlan, only: set[int] | None = None
) -> None:
    """Write the round's start time into each untimed visit of the plan (or of `only` those)."""
    from salesvisit_cli.store.visits import move

    for visit in plan.visits:
        if visit.at is None and visit.id in found.etas and (only is None or visit.id in only):
            visit.at = rules.hhmm(found.etas[visit.id])
            move(connection, visit.id, plan.date, visit.at)
