"""The one place that knows the routing solver (PyVRP, imported only when a round is asked for).

A small day (up to `route_exact.EXACT_UP_TO` visits) is solved exactly, without the solver.
A larger one goes to the solver as a prize-collecting vehicle-routing problem with time windows
(one vehicle; every visit optional with a prize far above any travel, so only what cannot fit is
left out), which returns the order it found within its budget. The caller times the order
with `domain.route.timetable`, so a solver's slip can never reach the screen.

The search is bounded by iterations (the same round on any machine, busy or idle, and the same
share of the start-up goal on a fast machine as on a slow one) and, whatever the load, by a time
limit on the clock counted from the call, so it never hangs. What it finds is then polished by
exact moves timed as the screen times them, and tried the other way round (`route_polish`).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from salesvisit_cli.domain.route import DAY_END, RouteProblem, keep_feasible
from salesvisit_cli.domain.route_beam import beam_round
from salesvisit_cli.domain.route_exact import EXACT_UP_TO, exact_order
from salesvisit_cli.domain.route_polish import turned_round

# The searches (seed, from the beam's round, iterations): a long one from the beam's round
# (`route_beam`), then a short one from PyVRP's own (a random round, improved): where one gets
# stuck the other often does not. Bounded by iterations, not time: the same round on any
# machine, busy or idle (~0.65 s and ~0.2 s of CPU for a 30-visit day on the 2-core machine).
SEARCHES = ((1, True, 700), (2, False, 200))
TIME_LIMIT = 5.0  # seconds on the clock: the most a round may take, however busy the machine
SEARCH_SHARE = 0.5  # of the time limit, from the call, for the searches
TURN_SHARE = 0.8  # … and up to here for trying the round the other way round; the rest for a
# search that overruns its share (the first solution cannot be interrupted) and the screen
# PyVRP's late-acceptance memory of 300 iterations would accept nearly any move in so short a
# search; 10 keeps it close to the best (measured in benchmarks/route.py).
HISTORY = 10


@dataclass(frozen=True)
class Deadline:
    """A stopping criterion for the solver: a moment on the clock (`time.perf_counter`) and one
    of the process's CPU time (`time.process_time`), not durations from when the search
    starts, so that building the model and the first round count too."""

    at: float
    cpu_at: float = math.inf

    def __call__(self, best_cost: float = 0) -> bool:
        return time.perf_counter() >= self.at or time.process_time() >= self.cpu_at


def best_order(
    problem: RouteProblem,
    bounded: bool = True,
    cpu: float = math.inf,
    time_limit: float = TIME_LIMIT,
) -> list[int]:
    """The stop indexes (0-based) in the order of the best round found, on time; stops left out
    are missing from it. Each search stops after its iterations (`bounded`; else only on time),
    all of them within `cpu` CPU seconds and a share of `time_limit` seconds, from the call."""
    asked, used = time.perf_counter(), time.process_time()
    if len(problem.stops) <= EXACT_UP_TO:
        return exact_order(problem)
    from pyvrp import Solution

    data = _model(problem).data()
    searching = asked + SEARCH_SHARE * time_limit
    first = beam_round(problem, late=Deadline(searching, used + cpu))
    start = Solution(data, [first]) if first else None
    best, done, total = start, 0, sum(iterations for *_, iterations in SEARCHES)
    for seed, from_beam, iterations in SEARCHES:
        done += iterations
        share = done / total  # of the clock and the CPU, as of the iterations
        stop = Deadline(asked + (searching - asked) * share, used + cpu * share)
        bound = iterations if bounded else None
        found = _search(data, stop, seed, start if from_beam else None, bound)
        if best is None or _cost(found) < _cost(best):
            best = found
    order = [activity.idx for route in best.routes() for activity in route if activity.is_client()]
    turning = Deadline(asked + TURN_SHARE * time_limit)
    return turned_round(problem, keep_feasible(problem, order)[0], late=turning)


def _search(data, deadline: Deadline, seed: int, start, iterations: int | None):
    """PyVRP's iterated local search from `start` (None: its own) until the deadline or after
    `iterations`: the best round it found."""
    from pyvrp import solve
    from pyvrp.IteratedLocalSearch import IteratedLocalSearchParams
    from pyvrp.solve import SolveParams
    from pyvrp.stop import MaxIterations, MultipleCriteria

    stop = deadline
    if iterations is not None:
        stop = MultipleCriteria([deadline, MaxIterations(iterations)])
    params = SolveParams(ils=IteratedLocalSearchParams(history_length=HISTORY))
    return solve(
        data, stop, seed=seed, collect_stats=False, params=params, initial_solution=start
    ).best


def _cost(solution) -> tuple[bool, int]:
    """Feasible first, then the solver's objective: travel plus the prizes of visits left out."""
    return (not solution.is_feasible(), solution.distance_cost() + solution.uncollected_prizes())


def _model(problem: RouteProblem):
    """The day as a PyVRP model: one vehicle from the start to the end, every visit optional."""
    from pyvrp import Model

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
    return model


def _points(problem: RouteProblem):
    return (stop.point for stop in problem.stops)
