"""The round: exact optimum on small days (every order enumerated), office hours, appointments
that collide, the time limit; the pure timetable every answer passes."""

from __future__ import annotations

import itertools
import math
import random
import sys
import time

import pytest

from salesvisit_cli.domain.route import (
    COLLIDES,
    NO_ROOM,
    Collision,
    RouteProblem,
    Stop,
    collision,
    haversine_km,
    keep_feasible,
    round_plan,
    straight_line_travel,
    timetable,
    travel_of,
)
from salesvisit_cli.domain.route_beam import beam_round
from salesvisit_cli.domain.route_exact import EXACT_UP_TO, exact_order
from salesvisit_cli.domain.route_polish import Day, _two_for_one, polished, turned_round
from salesvisit_cli.domain.route_solver import best_order

OFFICE = (31.2304, 121.4737)


def generated_day(seed: int, size: int, fixed: int = 0, spread: float = 0.12) -> RouteProblem:
    """A day of `size` visits around the office; `fixed` of them with an appointment time."""
    rng = random.Random(seed)
    stops = []
    for number in range(size):
        point = (OFFICE[0] + rng.uniform(-spread, spread), OFFICE[1] + rng.uniform(-spread, spread))
        at = rng.randrange(9 * 60, 17 * 60, 15) if number < fixed else None
        opens, closes = rng.choice([(None, None), (540, 1050), (600, 1140), (510, 720)])
        stops.append(Stop(number + 1, f"客户{number + 1}", point, at, opens, closes))
    points = [OFFICE, *(stop.point for stop in stops), OFFICE]
    return RouteProblem(OFFICE, OFFICE, 510, 30, stops, straight_line_travel(points, 25, 1.3))


def exact_best(problem: RouteProblem) -> tuple[int, float]:
    """The most visits any feasible round holds, and the least travel among those rounds."""
    size = len(problem.stops)
    for count in range(size, -1, -1):
        costs = [
            travel_of(problem, order)
            for order in itertools.permutations(range(size), count)
            if timetable(problem, order) is not None
        ]
        if costs:
            return count, min(costs)
    raise AssertionError("the empty round is always feasible")


def test_haversine():
    assert haversine_km((31.2304, 121.4737), (30.2741, 120.1551)) == pytest.approx(164, abs=1)
    assert haversine_km(OFFICE, OFFICE) == 0


def test_each_start_on_screen_adds_up_from_the_one_before():
    """start = the one before + the visit + the leg's minutes as shown (or its window opens)."""
    problem = generated_day(4, 8, fixed=2)
    found = round_plan(problem, "haversine", best_order(problem), {})
    ready = problem.day_start
    for visit_id, leg in zip(found.order, found.legs, strict=False):
        index = next(i for i, stop in enumerate(problem.stops) if stop.visit_id == visit_id)
        assert found.etas[visit_id] == max(ready + leg.minutes, problem.window(index)[0])
        ready = found.etas[visit_id] + problem.service


def test_timetable_waits_for_windows_and_misses_none():
    problem = generated_day(1, 3)
    order = [0, 1, 2]
    starts = timetable(problem, order)
    assert starts is not None
    for index, start in zip(order, starts, strict=True):
        opens, closes = problem.window(index)
        assert opens <= start <= closes


@pytest.mark.slow
@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 8, 9])
def test_small_days_get_the_exact_optimum(size):
    for seed in range(3 if size < 9 else 1):
        problem = generated_day(seed, size, fixed=min(2, size))
        kept, _ = keep_feasible(problem, best_order(problem))
        count, least = exact_best(problem)
        assert len(kept) == count
        assert travel_of(problem, kept) == pytest.approx(least, abs=0.05)


@pytest.mark.parametrize(("size", "fixed", "spread"), [(6, 2, 0.12), (7, 3, 0.25), (7, 0, 0.05)])
def test_small_days_are_solved_exactly_without_the_solver(monkeypatch, size, fixed, spread):
    monkeypatch.setitem(sys.modules, "pyvrp", None)  # importing it would fail
    for seed in range(3):
        problem = generated_day(seed, size, fixed=fixed, spread=spread)
        order = best_order(problem)
        count, least = exact_best(problem)
        assert timetable(problem, order) is not None and len(order) == count
        assert travel_of(problem, order) == pytest.approx(least, abs=1e-9)


def test_the_time_limit_counts_from_the_call(monkeypatch):
    """Building the model and the solver's first solution count against the limit too: the
    search stops at a moment fixed when the round is asked for, not a duration after it starts."""
    import pyvrp

    stops = []
    solve = pyvrp.solve

    def spying(data, stop, *args, **kwargs):
        stops.append(stop)
        return solve(data, stop, *args, **kwargs)

    monkeypatch.setattr(pyvrp, "solve", spying)
    problem = generated_day(2, EXACT_UP_TO + 3, fixed=2)
    asked = time.perf_counter()
    best_order(problem, time_limit=0.2, bounded=False)
    assert stops and all(stop.at <= asked + 0.2 for stop in stops)


@pytest.mark.parametrize(
    ("seed", "count", "least"), [(3, 20, 304.53), (2, 20, 274.38), (10, 21, 304.93)]
)
def test_thirty_visits_get_the_same_good_round_from_the_default_budget(seed, count, least):
    """The budget is in iterations with a fixed seed: the same round on any machine. The first
    is the best round known for its day (PyVRP's defaults needed 10 s for it and missed it by
    3.6% in 400 iterations); on the second the search placed 19 visits and the polish found
    the 20th (one visit out, two in); on the third the search's round did its morning the wrong
    way round (315.28 min) and turning it around found 304.93 (the best known: 304.34)."""
    problem = generated_day(seed, 30, fixed=3, spread=0.1)
    order = best_order(problem, time_limit=60)  # no clock limit reached on a busy machine
    assert timetable(problem, order) is not None
    assert len(order) == count
    assert travel_of(problem, order) == pytest.approx(least, abs=0.01)


@pytest.mark.parametrize(("size", "fixed", "spread"), [(6, 2, 0.12), (7, 3, 0.25), (9, 4, 0.25)])
def test_the_beam_round_is_on_time_and_places_the_most_visits_on_small_days(size, fixed, spread):
    """The solver's first round: never late, and as many visits as the exact optimum here."""
    for seed in range(4):
        problem = generated_day(seed, size, fixed=fixed, spread=spread)
        first = beam_round(problem)
        assert first is not None and timetable(problem, first) is not None
        assert len(first) == len(exact_order(problem))


def test_the_polish_puts_in_a_visit_that_fits_and_two_for_one():
    """A visit left out that fits goes in; a visit whose time keeps out two others is swapped
    for them (the far one at 09:15 collides with both near ones, at 09:00 and 09:45)."""
    near = (OFFICE[0] + 0.005, OFFICE[1])
    stops = [
        Stop(1, "远", (OFFICE[0] + 0.05, OFFICE[1]), at=555),
        Stop(2, "近一", near, at=540),
        Stop(3, "近二", (near[0] + 0.001, near[1]), at=585),
        Stop(4, "随时", (OFFICE[0] - 0.01, OFFICE[1])),
    ]
    travel = straight_line_travel([OFFICE, *(stop.point for stop in stops), OFFICE], 25, 1.3)
    problem = RouteProblem(OFFICE, OFFICE, 510, 30, stops, travel)
    assert polished(problem, [0]) == [1, 2, 3]
    assert polished(problem, [1, 2]) == [1, 2, 3]


@pytest.mark.parametrize("seed", range(4))
def test_the_polish_never_loses_a_visit_or_adds_travel_and_stays_on_time(seed):
    """From rounds in a poor order (a shuffle, kept on time), on days with windows."""
    problem = generated_day(seed, 14, fixed=2, spread=0.12)
    order = list(range(14))
    random.Random(seed).shuffle(order)
    kept, _ = keep_feasible(problem, order)
    better = polished(problem, kept)
    assert timetable(problem, better) is not None
    assert len(better) > len(kept) or (
        len(better) == len(kept) and travel_of(problem, better) <= travel_of(problem, kept)
    )


def test_a_round_the_wrong_way_round_is_turned():
    """The search's round of day 10 does its morning the wrong way round: no small move
    improves it, but driving its first visits the other way, then repairing, does."""
    problem = generated_day(10, 30, fixed=3, spread=0.1)
    stuck = [11, 13, 9, 5, 23, 27, 21, 6, 28, 17, 19, 15, 16, 29, 3, 8, 14, 22, 25, 26, 18]
    assert polished(problem, stuck) == stuck
    turned = turned_round(problem, stuck)
    assert timetable(problem, turned) is not None
    assert len(turned) == len(stuck)
    assert travel_of(problem, turned) < travel_of(problem, stuck) * 0.97


def every_two_for_one(day: Day, path: list[int]) -> float | None:
    """The least travel of any round with one placed visit taken out and two put in, trying
    every pair at every two positions."""
    best = None
    left_out = [place for place in range(1, day.end) if place not in path]
    for position in range(1, len(path) - 1):
        without = [*path[:position], *path[position + 1 :]]
        for first, second in itertools.permutations([*left_out, path[position]], 2):
            if first == path[position]:
                continue
            for at in range(1, len(without)):
                one_more = [*without[:at], first, *without[at:]]
                for where in range(1, len(one_more)):
                    found = [*one_more[:where], second, *one_more[where:]]
                    if day.on_time(found) and (best is None or day.travel(found) < best):
                        best = day.travel(found)
    return best


@pytest.mark.parametrize("seed", range(6))
def test_the_two_for_one_skips_only_what_cannot_fit_or_cost_less(seed):
    """The polish's one-out-two-in, which tries only visits that fit and pairs that may cost
    less, finds as little travel as trying every pair everywhere."""
    problem = generated_day(seed, 10, fixed=2, spread=0.12)
    day = Day(problem)
    order = list(range(10))
    random.Random(seed).shuffle(order)
    path = day.path(keep_feasible(problem, order)[0])
    found = _two_for_one(day, path)
    least = every_two_for_one(day, path)
    assert (found is None) == (least is None)
    if found is not None:
        assert day.on_time(found) and len(found) == len(path) + 1
        assert day.travel(found) == pytest.approx(least)


def test_colliding_appointments_are_left_out_with_a_reason():
    stops = [
        # two appointments at the same time far apart: one cannot be kept
        Stop(1, "甲", (OFFICE[0] + 0.1, OFFICE[1]), at=600),
        Stop(2, "乙", (OFFICE[0] - 0.1, OFFICE[1]), at=600),
        # open 07:00-08:20, the day starts 08:30: no room
        Stop(3, "丙", (OFFICE[0], OFFICE[1] + 0.05), opens=420, closes=500),
        Stop(4, "丁", (OFFICE[0], OFFICE[1] - 0.05)),
    ]
    points = [OFFICE, *(stop.point for stop in stops), OFFICE]
    travel = straight_line_travel(points, 25, 1.3)
    problem = RouteProblem(OFFICE, OFFICE, 510, 30, stops, travel)
    kept, _ = keep_feasible(problem, best_order(problem))
    found = round_plan(problem, "haversine", kept, {})
    assert len(found.order) == 2 and 4 in found.order
    assert set(found.unplaced) == {3, ({1, 2} - set(found.order)).pop()}
    assert found.unplaced[3] == NO_ROOM
    assert COLLIDES in found.unplaced.values()
    assert found.legs[-1].to == "end" and len(found.legs) == 3
    assert found.travel_minutes == sum(leg.minutes for leg in found.legs)
    assert found.eta(found.order[0]) is not None and found.eta(3) is None


def test_a_left_out_appointment_is_explained_in_figures_one_can_check():
    """West at 09:30, east at 10:00 and 11:30: keeping 09:30 would make 10:00 late; 10:00 after
    the start point is fine; an appointment right after another, across town, is reached late."""
    west, east = (OFFICE[0], OFFICE[1] - 0.1), (OFFICE[0], OFFICE[1] + 0.1)
    stops = [
        Stop(1, "西", west, at=570),
        Stop(2, "东", east, at=600),
        Stop(3, "东二", (east[0] + 0.001, east[1]), at=690),
        Stop(4, "东三", (east[0] - 0.05, east[1]), at=620),
    ]
    travel = straight_line_travel([OFFICE, *(stop.point for stop in stops), OFFICE], 25, 1.3)
    problem = RouteProblem(OFFICE, OFFICE, 510, 30, stops, travel)
    pushed = collision(problem, [1, 2], 0)
    assert pushed is not None and pushed.pushed == 2 and pushed.after is None
    assert pushed.earliest == 600 + math.ceil(travel.minutes[1][2]) > 600
    late = collision(problem, [1, 2], 3)
    assert late == Collision(
        at=620, after=2, leaves=630, km=round(travel.km[2][4], 1),
        drive=math.ceil(travel.minutes[2][4]), earliest=630 + math.ceil(travel.minutes[2][4]),
    )  # fmt: skip
    assert late.leaves + late.drive == late.earliest  # each figure is on the screen
    assert collision(problem, [1], 2) is None  # it fits: nothing to explain
    found = round_plan(problem, "haversine", [1, 2], {})
    assert set(found.collisions) == {1, 4} and found.collisions[4] == late


def test_an_infeasible_day_answers_within_the_time_limit():
    """25 stops of 30 minutes across the city, appointments that collide: a partial round."""
    problem = generated_day(7, 25, fixed=10, spread=0.25)
    order = best_order(problem, time_limit=0.5)
    kept, _ = keep_feasible(problem, order)
    found = round_plan(problem, "haversine", kept, {})
    assert found.order and found.unplaced
    assert len(found.order) + len(found.unplaced) == 25
    assert timetable(problem, kept) is not None
