"""The day's round (`visit plan --route`): the routing problem, its answer, and the pure checks
every answer passes (a round is timed here, whatever solver ordered it).

Times are minutes of the day; places are (lat, lon) in WGS-84. Index 0 of a travel matrix is
the start, 1..n the stops in problem order, n+1 the end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from salesvisit_cli.domain.locations import Point, haversine_km

DAY_END = 24 * 60  # no visit is planned past midnight

# Why a visit is left out of the round (the screen says it in words; JSON has only the ids).
NO_LOCATION, COLLIDES, NO_ROOM = "no_location", "collides", "no_room"


def hhmm(minute: int) -> str:
    """A minute of the day as HH:MM."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True)
class Stop:
    """A visit as the round sees it: where, and when it may start (minutes of the day)."""

    visit_id: int
    name: str
    point: Point
    at: int | None = None  # a fixed start (an appointment time)
    opens: int | None = None  # office hours, when on file
    closes: int | None = None


@dataclass(frozen=True)
class Travel:
    """Kilometres and minutes between every two places (start, stops…, end)."""

    km: list[list[float]]
    minutes: list[list[float]]


@dataclass(frozen=True)
class RouteProblem:
    start: Point
    end: Point
    day_start: int
    service: int  # minutes each visit takes
    stops: list[Stop]
    travel: Travel

    def window(self, index: int) -> tuple[int, int]:
        """When stop `index` (0-based) may start: its appointment, or its office hours so that it
        ends by closing time, or any time of the day."""
        stop = self.stops[index]
        if stop.at is not None:
            return stop.at, stop.at
        opens = max(self.day_start, stop.opens if stop.opens is not None else 0)
        closes = stop.closes if stop.closes is not None else DAY_END
        return opens, max(opens, closes - self.service)


@dataclass(frozen=True)
class Leg:
    to: int | str  # a visit id, or "end"
    km: float
    minutes: int

    def to_json(self) -> dict[str, Any]:
        return {"to": self.to, "km": self.km, "minutes": self.minutes}


@dataclass
class RoundPlan:
    """The answer: the visits in order with their start times, the legs, and what did not fit."""

    engine: str
    start: Point
    end: Point
    order: list[int]
    etas: dict[int, int]
    legs: list[Leg]
    unplaced: dict[int, str] = field(default_factory=dict)  # visit id -> reason (message id)
    collisions: dict[int, Collision] = field(default_factory=dict)  # appointments left out
    names: dict[int, str] = field(default_factory=dict)
    office_hours: dict[int, tuple[int, int]] = field(default_factory=dict)  # of those left out

    def eta(self, visit_id: int) -> str | None:
        """When the visit starts in the round (None: left out)."""
        minute = self.etas.get(visit_id)
        return None if minute is None else hhmm(minute)

    @property
    def total_km(self) -> float:
        return round(sum(leg.km for leg in self.legs), 1)

    @property
    def travel_minutes(self) -> int:
        return sum(leg.minutes for leg in self.legs)

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "start": f"{self.start[0]},{self.start[1]}",
            "end": f"{self.end[0]},{self.end[1]}",
            "order": list(self.order),
            "total_km": self.total_km,
            "travel_minutes": self.travel_minutes,
            "legs": [leg.to_json() for leg in self.legs],
            "unplaced": list(self.unplaced),
        }


def straight_line_travel(points: Sequence[Point], speed_kmh: float, detour: float) -> Travel:
    """Road distance guessed as the straight line × `detour`, driven at `speed_kmh`."""
    km = [[haversine_km(a, b) * detour for b in points] for a in points]
    return Travel(km=km, minutes=[[d / speed_kmh * 60 for d in row] for row in km])


def driving_minutes(minutes: float) -> int:
    """A leg's minutes as the round counts them (whole minutes, rounded up): each start time on
    the screen is the one before, plus the visit, plus this (or the window's opening)."""
    return math.ceil(minutes - 1e-9)


def timetable(problem: RouteProblem, order: Sequence[int]) -> list[int] | None:
    """The start time of each stop (0-based indexes, in `order`) when leaving at the day's start
    and waiting for each window to open; None when a window is missed."""
    starts = []
    for _index, _arrives, start in _walk(problem, order):
        if start is None:
            return None
        starts.append(start)
    return starts


def _walk(problem: RouteProblem, order: Sequence[int]):
    """(stop index, arrival minute, start minute or None when its window is missed) along
    `order`, leaving at the day's start; it stops at the first window missed."""
    minutes = problem.travel.minutes
    clock, here = problem.day_start, 0
    for index in order:
        arrives = clock + driving_minutes(minutes[here][index + 1])
        opens, closes = problem.window(index)
        if arrives > closes:
            yield index, arrives, None
            return
        clock = max(arrives, opens)
        yield index, arrives, clock
        clock += problem.service
        here = index + 1


@dataclass(frozen=True)
class Collision:
    """Why an appointment at `at` did not fit, in figures a person can check on the screen:
    leaving `after` (a placed visit's id; None: the start point) at `leaves` and driving `km`
    (`drive` minutes), it could start at `earliest` at the earliest; or, when `pushed` is set,
    keeping it would make that placed visit start at `earliest`, too late for its time."""

    at: int
    after: int | None
    leaves: int
    km: float
    drive: int
    earliest: int
    pushed: int | None = None


def collision(problem: RouteProblem, kept: Sequence[int], index: int) -> Collision | None:
    """What keeps the appointment of stop `index` out of the round `kept`: the appointment put
    after the placed visits that start before it, the first time the round then misses (None:
    it would fit there; the solver left it out to place more visits elsewhere)."""
    at = problem.stops[index].at
    assert at is not None, "collision explains an appointment"
    starts = timetable(problem, kept) or []
    position = sum(1 for start in starts if start <= at)
    missed, arrives, start = list(_walk(problem, [*kept[:position], index, *kept[position:]]))[-1]
    if start is not None:
        return None
    here = kept[position - 1] + 1 if position else 0
    return Collision(
        at=at,
        after=problem.stops[here - 1].visit_id if position else None,
        leaves=starts[position - 1] + problem.service if position else problem.day_start,
        km=round(problem.travel.km[here][index + 1], 1),
        drive=driving_minutes(problem.travel.minutes[here][index + 1]),
        earliest=arrives,
        pushed=None if missed == index else problem.stops[missed].visit_id,
    )


def travel_of(problem: RouteProblem, order: Sequence[int]) -> float:
    """Minutes of travel of a round: start, the stops in `order`, end."""
    path = [0, *(index + 1 for index in order), len(problem.stops) + 1]
    return sum(problem.travel.minutes[a][b] for a, b in pairwise(path))


def keep_feasible(problem: RouteProblem, order: Sequence[int]) -> tuple[list[int], list[int]]:
    """The stops of `order` that can be kept on time (in order), and those dropped to get there:
    a stop whose window is missed is dropped, the rest keep their order."""
    kept: list[int] = []
    dropped: list[int] = []
    for index in order:
        if timetable(problem, [*kept, index]) is None:
            dropped.append(index)
        else:
            kept.append(index)
    return kept, dropped


def unplaced_reason(problem: RouteProblem, index: int) -> str:
    return COLLIDES if problem.stops[index].at is not None else NO_ROOM


def round_plan(
    problem: RouteProblem, engine: str, order: Sequence[int], left_out: dict[int, str]
) -> RoundPlan:
    """The answer for a feasible `order` of stop indexes, `left_out` already known."""
    starts = timetable(problem, order)
    assert starts is not None, "round_plan takes a feasible order"
    path = [0, *(index + 1 for index in order), len(problem.stops) + 1]
    targets: list[int | str] = [problem.stops[index].visit_id for index in order] + ["end"]
    legs = [
        Leg(
            to=target,
            km=round(problem.travel.km[a][b], 1),
            minutes=driving_minutes(problem.travel.minutes[a][b]),
        )
        for target, (a, b) in zip(targets, pairwise(path), strict=True)
    ]
    placed = set(order)
    unplaced = dict(left_out)
    collisions, office_hours = {}, {}
    for index, stop in enumerate(problem.stops):
        if index not in placed:
            unplaced.setdefault(stop.visit_id, unplaced_reason(problem, index))
            why = collision(problem, order, index) if stop.at is not None else None
            if why is not None:
                collisions[stop.visit_id] = why
            if stop.opens is not None and stop.closes is not None:
                office_hours[stop.visit_id] = (stop.opens, stop.closes)
    return RoundPlan(
        engine=engine,
        start=problem.start,
        end=problem.end,
        order=[problem.stops[index].visit_id for index in order],
        etas={problem.stops[i].visit_id: start for i, start in zip(order, starts, strict=True)},
        legs=legs,
        unplaced=unplaced,
        collisions=collisions,
        names={stop.visit_id: stop.name for stop in problem.stops},
        office_hours=office_hours,
    )
