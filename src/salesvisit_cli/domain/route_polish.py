"""A found round made exactly better: local moves on the solver's answer, each timed as
`domain.route.timetable` times it, so nothing the solver's model rounds differently can slip.

First more visits (a visit left out put in where it fits; one placed visit swapped for two left
out), then less travel (a visit left out in place of a placed one; one to three visits in a row
moved elsewhere, either way round; a stretch of the round reversed), the best move of each kind
each time, until none helps. At 30 visits a pass is a few thousand checks of a few additions each.

A polished round can still be the wrong way round: the same part of town done in the morning
that would be better done later, with other visits in the morning. No small move reaches that
round, so `turned_round` also tries the round with its first visits in the opposite order, the
visits that then miss their times left out and the rest polished.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise

from salesvisit_cli.domain.route import RouteProblem, driving_minutes, keep_feasible, travel_of

SEGMENT = 3  # visits in a row moved at once (Or-opt)
TURN_STEP = 2  # every other length of the round's beginning is tried the other way round
Move = tuple[float, list[int]]  # travel saved, the new order


class Day:
    """The problem's figures in plain lists, for the many small checks of a polish."""

    def __init__(self, problem: RouteProblem) -> None:
        self.size = len(problem.stops)
        self.end = self.size + 1
        self.minutes = problem.travel.minutes
        self.driving = [[driving_minutes(m) for m in row] for row in self.minutes]
        windows = [problem.window(index) for index in range(self.size)]
        self.opens = [0, *(w[0] for w in windows), 0]
        self.closes = [0, *(w[1] for w in windows), math.inf]
        self.day_start, self.service = problem.day_start, problem.service
        # the columns, to read the legs into one place as a list (the checks' inner loop)
        self.driving_into = [list(column) for column in zip(*self.driving, strict=True)]
        self.minutes_into = [list(column) for column in zip(*self.minutes, strict=True)]

    def path(self, order: Sequence[int]) -> list[int]:
        """The places of a round: the start, the visits (stop index + 1), the end."""
        return [0, *(index + 1 for index in order), self.end]

    def travel(self, path: Sequence[int]) -> float:
        return sum(self.minutes[a][b] for a, b in pairwise(path))

    def on_time(self, path: Sequence[int]) -> bool:
        clock = self.day_start - self.service
        for a, b in pairwise(path):
            arrives = clock + self.service + self.driving[a][b]
            if arrives > self.closes[b]:
                return False
            clock = max(arrives, self.opens[b])
        return True

    def slack(self, path: Sequence[int]) -> tuple[list[int], list[float]]:
        """When the round can leave each place, and the latest it may arrive at each so that the
        rest stays on time (the path is on time)."""
        driving, opens, closes, service = self.driving, self.opens, self.closes, self.service
        leaves = [self.day_start]
        clock = self.day_start
        for before, place in pairwise(path[:-1]):
            clock = max(clock + driving[before][place], opens[place]) + service
            leaves.append(clock)
        latest: list[float] = [math.inf] * len(path)
        for position in range(len(path) - 2, 0, -1):
            place = path[position]
            by_next = latest[position + 1] - driving[place][path[position + 1]] - service
            latest[position] = min(closes[place], by_next)
        return leaves, latest

    def insertions(self, path: Sequence[int], place: int, leaves, latest):
        """(added travel, position) of every way to put `place` into the round on time."""
        drive_in, drive_out = self.driving_into[place], self.driving[place]
        minutes_in, minutes_out = self.minutes_into[place], self.minutes[place]
        opens, closes, service, minutes = (
            self.opens[place],
            self.closes[place],
            self.service,
            self.minutes,
        )
        before = path[0]
        for position in range(1, len(path)):
            after = path[position]
            starts = leaves[position - 1] + drive_in[before]
            if starts < opens:
                starts = opens
            if starts <= closes and starts + service + drive_out[after] <= latest[position]:
                yield minutes_in[before] + minutes_out[after] - minutes[before][after], position
            before = after

    def fits_somewhere(self, path: Sequence[int], place: int, leaves, latest) -> bool:
        return next(self.insertions(path, place, leaves, latest), None) is not None


def polished(problem: RouteProblem, order: Sequence[int]) -> list[int]:
    """`order` (on time) with every improving move made: more visits first, then less travel."""
    day = Day(problem)
    path = day.path(order)
    failed_on: list[int] | None = None  # the round a one-out-two-in last found nothing in
    while True:
        better = _one_more(day, path)
        # tried once on each new set of visits, and again only where no other move helps
        if better is None and (failed_on is None or set(failed_on) != set(path)):
            better = _two_for_one(day, path)
            failed_on = None if better else path
        better = better or _less_travel(day, path)
        if better is None and failed_on != path:
            better = _two_for_one(day, path)
            failed_on = None if better else path
        if better is None:
            return [place - 1 for place in path[1:-1]]
        path = better


def turned_round(
    problem: RouteProblem, order: Sequence[int], late: Callable[[], bool] = lambda: False
) -> list[int]:
    """The best of `order` (polished) and of rounds that drive all of its visits, all but the
    last two, all but the last four, … the other way round, then keep what is on time and are
    polished: more visits first, then less travel (until `late()` says to stop). Every other
    length only: the polish after each closes the gap between two (benchmarks/route.py: half
    the time for one day in 40 more than 1% over the 10 s round)."""

    def worth(round_: list[int]) -> tuple[int, float]:
        return -len(round_), travel_of(problem, round_)

    start = best = polished(problem, order)
    for length in range(len(start), 1, -TURN_STEP):
        if late():
            break
        turned = [*start[:length][::-1], *start[length:]]
        found = polished(problem, keep_feasible(problem, turned)[0])
        if worth(found) < worth(best):
            best = found
    return best


def _left_out(day: Day, path: Sequence[int]) -> list[int]:
    placed = set(path)
    return [place for place in range(1, day.end) if place not in placed]


def _one_more(day: Day, path: list[int]) -> list[int] | None:
    """The round with a visit left out put in where it adds the least travel (None: none fits)."""
    leaves, latest = day.slack(path)
    best: Move | None = None
    for place in _left_out(day, path):
        for added, position in day.insertions(path, place, leaves, latest):
            if best is None or -added > best[0]:
                best = (-added, [*path[:position], place, *path[position:]])
    return None if best is None else best[1]


def _two_for_one(day: Day, path: list[int]) -> list[int] | None:
    """The round with one placed visit taken out and two put in (it may be one of them,
    elsewhere) with the least travel; None when no pair fits. Only visits that fit into the
    round without the one taken out are tried, first or second, and no pair is followed once
    it costs more than the best found: taking a visit out of a round on time keeps it on time
    and adds no travel (waiting is allowed and no leg is longer than a detour through another
    place), so a visit that does not fit there cannot fit once another is in, nor a second
    visit cost less than nothing."""
    left_out = _left_out(day, path)
    best: tuple[float, list[int]] | None = None
    for position in range(1, len(path) - 1):
        without = [*path[:position], *path[position + 1 :]]
        base = day.travel(without)
        if (best is not None and base >= best[0]) or not day.on_time(without):
            continue
        leaves, latest = day.slack(without)
        fits = [
            place
            for place in (*left_out, path[position])
            if day.fits_somewhere(without, place, leaves, latest)
        ]
        for first in fits:
            if first == path[position]:
                continue
            for added, at in day.insertions(without, first, leaves, latest):
                if best is not None and base + added >= best[0]:
                    continue
                one_more = [*without[:at], first, *without[at:]]
                second_leaves, second_latest = day.slack(one_more)
                for second in fits:
                    if second == first:
                        continue
                    for more, where in day.insertions(
                        one_more, second, second_leaves, second_latest
                    ):
                        if best is None or base + added + more < best[0]:
                            best = (
                                base + added + more,
                                [*one_more[:where], second, *one_more[where:]],
                            )
    return None if best is None else best[1]


def _less_travel(day: Day, path: list[int]) -> list[int] | None:
    """The best of each kind of move that saves travel, the best of them (None: none saves)."""
    moves = [_exchange(day, path), _relocate(day, path), _reverse(day, path)]
    found = [move for move in moves if move is not None]
    return max(found)[1] if found else None


def _exchange(day: Day, path: list[int]) -> Move | None:
    """A placed visit replaced by one left out, anywhere in the round."""
    best: Move | None = None
    left_out = _left_out(day, path)
    for position in range(1, len(path) - 1):
        without = [*path[:position], *path[position + 1 :]]
        before, gone, after = path[position - 1 : position + 2]
        removed = day.minutes[before][gone] + day.minutes[gone][after] - day.minutes[before][after]
        if not day.on_time(without):
            continue
        leaves, latest = day.slack(without)
        for place in left_out:
            for added, at in day.insertions(without, place, leaves, latest):
                saved = removed - added
                if saved > 1e-9 and (best is None or saved > best[0]):
                    best = (saved, [*without[:at], place, *without[at:]])
    return best


def _relocate(day: Day, path: list[int]) -> Move | None:
    """One to `SEGMENT` visits in a row moved elsewhere in the round, either way round."""
    best: Move | None = None
    minutes = day.minutes
    for length in range(1, SEGMENT + 1):
        for first in range(1, len(path) - length):
            last = first + length - 1
            segment = path[first : last + 1]
            rest = [*path[:first], *path[last + 1 :]]
            before, after = path[first - 1], path[last + 1]
            inside = day.travel(segment)
            removed = minutes[before][segment[0]] + inside + minutes[segment[-1]][after]
            removed -= minutes[before][after]
            for way in (segment, segment[::-1]):
                kept_inside = inside if way is segment else day.travel(way)
                for at in range(1, len(rest)):
                    a, b = rest[at - 1], rest[at]
                    added = minutes[a][way[0]] + kept_inside + minutes[way[-1]][b] - minutes[a][b]
                    saved = removed - added
                    if saved <= 1e-9 or (best is not None and saved <= best[0]):
                        continue
                    moved = [*rest[:at], *way, *rest[at:]]
                    if day.on_time(moved):
                        best = (saved, moved)
    return best


def _reverse(day: Day, path: list[int]) -> Move | None:
    """A stretch of the round driven the other way (2-opt)."""
    best: Move | None = None
    minutes = day.minutes
    for first in range(1, len(path) - 2):
        forward = backward = 0.0
        for last in range(first + 1, len(path) - 1):
            forward += minutes[path[last - 1]][path[last]]
            backward += minutes[path[last]][path[last - 1]]
            before, after = path[first - 1], path[last + 1]
            old = minutes[before][path[first]] + forward + minutes[path[last]][after]
            new = minutes[before][path[last]] + backward + minutes[path[first]][after]
            saved = old - new
            if saved <= 1e-9 or (best is not None and saved <= best[0]):
                continue
            turned = [*path[:first], *path[first : last + 1][::-1], *path[last + 1 :]]
            if day.on_time(turned):
                best = (saved, turned)
    return best
