"""The one place that knows the routing solver (PyVRP, imported only when a round is asked for).

`best_order` hands the problem to the solver as a prize-collecting vehicle-routing problem with
time windows (one vehicle; every visit optional with a prize far above any travel, so only what
cannot fit is left out) and returns the order it found within the time limit. The caller times
the order with `domain.route.timetable`, so a solver's slip can never reach the screen.
"""

from __future__ import annotations

import math

from salesvisit_cli.domain.route import DAY_END, RouteProblem

TIME_LIMIT = 1.0  # seconds: the most a round may take to solve
CALM_ITERATIONS = 1500  # stop sooner when this many iterations bring nothing better


def best_order(
    problem: RouteProblem, time_limit: float = TIME_LIMIT, calm: int | None = CALM_ITERATIONS
) -> list[int]:
    """The stop indexes (0-based) in the order of the best round found; stops left out are
    missing from it. Stops within the time limit (or sooner, after `calm` idle iterations)."""
    if not problem.stops:
        return []
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime, MultipleCriteria, NoImprovement

    model = Model()
    ends = (problem.start, problem.end)
    places = [model.add_location(x=p[1], y=p[0]) for p in (ends[0], *_points(problem), ends[1])]
    day_start = problem.day_start * 60
    start = model.add_depot(places[0], tw_early=day_start, tw_late=2 * DAY_END * 60)
    end = model.add_depot(places[-1], tw_early=day_start, tw_late=2 * DAY_END * 60)
    minutes = problem.travel.minutes
    # What a visit is worth: more than the travel any one visit adds (so only what cannot fit is
    # left out), yet not so much that lateness looks cheap to the search.
    prize = round(2 * max(max(row) for row in minutes) * 60) + 60
    for index, place in enumerate(places[1:-1]):
        opens, closes = problem.window(index)
        model.add_client(
            place,
            service_duration=problem.service * 60,
            tw_early=opens * 60,
            tw_late=closes * 60,
            prize=prize,
            required=False,
        )
    model.add_vehicle_type(
        1, start_depot=start, end_depot=end, tw_early=day_start, start_late=day_start,
        tw_late=2 * DAY_END * 60, unit_distance_cost=1, unit_duration_cost=0,
    )  # fmt: skip
    for a, frm in enumerate(places):
        for b, to in enumerate(places):
            if a != b:
                # cost: seconds of travel; duration: whole minutes, as `timetable` counts them
                model.add_edge(
                    frm,
                    to,
                    distance=round(minutes[a][b] * 60),
                    duration=math.ceil(minutes[a][b] - 1e-9) * 60,
                )
    stop = MaxRuntime(time_limit)
    if calm is not None:
        stop = MultipleCriteria([stop, NoImprovement(calm)])
    result = model.solve(stop, seed=1, display=False, collect_stats=False)
    return [
        activity.idx for route in result.best.routes() for activity in route if activity.is_client()
    ]


def _points(problem: RouteProblem):
    return (stop.point for stop in problem.stops)
