"""The same day's round by OR-Tools and by VROOM (pyvroom), for `benchmarks/route.py` to measure
them against PyVRP ("measure before choosing"). Benchmark-only: `pip install -e '.[bench]'`.

Each takes a `domain.route.RouteProblem` and returns the stop indexes (0-based) in round order,
like `domain.route_solver.best_order`, with the same rules: one vehicle leaving the start at the
day's start, `service` minutes per visit, windows from `RouteProblem.window`, whole minutes of
driving per leg (as `domain.route.timetable` counts them), travel seconds as the cost, and every
visit optional but worth more than any travel it adds.
"""

from __future__ import annotations

import importlib.util
import math
import time

from salesvisit_cli.domain.route import DAY_END, RouteProblem


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _seconds(problem: RouteProblem) -> tuple[list[list[int]], list[list[int]]]:
    """Cost (travel seconds) and duration (whole minutes of driving, in seconds) matrices."""
    minutes = problem.travel.minutes
    cost = [[round(m * 60) for m in row] for row in minutes]
    duration = [[math.ceil(m - 1e-9) * 60 for m in row] for row in minutes]
    return cost, duration


def _prize(problem: RouteProblem) -> int:
    return round(2 * max(max(row) for row in problem.travel.minutes) * 60) + 60


def ortools_order(problem: RouteProblem, time_limit: float) -> list[int]:
    """OR-Tools' routing library: cheapest-arc start, guided local search until the limit."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    deadline = time.perf_counter() + time_limit
    size = len(problem.stops)
    cost, duration = _seconds(problem)
    manager = pywrapcp.RoutingIndexManager(size + 2, 1, [0], [size + 1])
    routing = pywrapcp.RoutingModel(manager)

    def node(index: int) -> int:
        return manager.IndexToNode(index)

    def travel_cost(a: int, b: int) -> int:
        return cost[node(a)][node(b)]

    def busy(a: int, b: int) -> int:
        here = node(a)
        return (problem.service * 60 if 1 <= here <= size else 0) + duration[here][node(b)]

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(travel_cost))
    horizon = 2 * DAY_END * 60
    routing.AddDimension(routing.RegisterTransitCallback(busy), horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")
    clock.CumulVar(routing.Start(0)).SetRange(problem.day_start * 60, problem.day_start * 60)
    prize = _prize(problem)
    for index in range(size):
        opens, closes = problem.window(index)
        place = manager.NodeToIndex(index + 1)
        clock.CumulVar(place).SetRange(opens * 60, closes * 60)
        routing.AddDisjunction([place], prize)
    search = pywrapcp.DefaultRoutingSearchParameters()
    search.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    search.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    search.time_limit.FromMilliseconds(max(1, int((deadline - time.perf_counter()) * 1000)))
    solution = routing.SolveWithParameters(search)
    if solution is None:
        return []
    order, index = [], solution.Value(routing.NextVar(routing.Start(0)))
    while not routing.IsEnd(index):
        order.append(node(index) - 1)
        index = solution.Value(routing.NextVar(index))
    return order


def vroom_order(problem: RouteProblem, exploration: int = 5) -> list[int]:
    """VROOM: it places as many visits as it can, then the least cost; no time limit, only an
    exploration level (5: its most thorough)."""
    import vroom

    size = len(problem.stops)
    cost, duration = _seconds(problem)
    instance = vroom.Input()
    instance.set_durations_matrix(profile="car", matrix_input=duration)
    instance.set_costs_matrix(profile="car", matrix_input=cost)
    day = vroom.TimeWindow(problem.day_start * 60, 2 * DAY_END * 60)
    instance.add_vehicle(vroom.Vehicle(0, start=0, end=size + 1, time_window=day))
    for index in range(size):
        opens, closes = problem.window(index)
        window = vroom.TimeWindow(opens * 60, closes * 60)
        instance.add_job(
            vroom.Job(
                index + 1,
                location=index + 1,
                default_service=problem.service * 60,
                time_windows=[window],
            )
        )
    routes = instance.solve(exploration_level=exploration, nb_threads=1).routes
    jobs = routes[routes["type"] == "job"]
    return [int(job_id) - 1 for job_id in jobs["id"]]
