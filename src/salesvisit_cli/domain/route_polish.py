"""A found round made exactly better: local moves on the solver's answer, each timed as
`domain.route.timetable` times it, so nothing the solver's model rounds differently can slip.

First more visits (a visit left out put in where it fits; one placed visit swapped for two left
out), then less travel (a visit left out in place of a placed one; one to three visits in a row
moved elsewhere, either way round; a stretch of the round reversed), the best move of each kind
each time, until none helps. At 30 visits a pass is a few thousand checks of a few additions each.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from salesvisit_cli.domain.route import RouteProblem, driving_minutes

SEGMENT = 3  # visits in a row moved at once (Or-opt)
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
        leaves = [self.day_start]
        for a, b in pairwise(path[:-1]):
            leaves.append(max(leaves[-1] + self.driving[a][b], self.opens[b]) + self.service)
        latest: list[float] = [math.inf] * len(path)
        for position in range(len(path) - 2, 0, -1):
            place, after = path[position], path[position + 1]
            by_next = latest[position + 1] - self.driving[place][after] - self.service
            latest[position] = min(self.closes[place], by_next)
        return leaves, latest

    def insertions(self, path: Sequence[int], place: int, leaves, latest):
        """(added travel, position) of every way to put `place` into the round on time."""
        for position in range(1, len(path)):
            before, after = path[position - 1], path[position]
            starts = max(leaves[position - 1] + self.driving[before][place], self.opens[place])
            if starts > self.closes[place]:
                continue
            if starts + self.service + self.driving[place][after] > latest[position]:
                continue
            added = self.minutes[before][place] + self.minutes[place][after]
            yield added - self.minutes[before][after], position


def polished(problem: RouteProblem, order: Sequence[int]) -> list[int]:
    """`order` (on time) with every improving move made: more visits first, then less travel."""
    day = Day(problem)
    path = day.path(order)
    while True:
        better = _more_visits(day, path) or _less_travel(day, path)
        if better is None:
            return [place - 1 for place in path[1:-1]]
        path = better


def _left_out(day: Day, path: Sequence[int]) -> list[int]:
    placed = set(path)
    return [place for place in range(1, day.end) if place not in placed]


def _more_visits(day: Day, path: list[int]) -> list[int] | None:
    """The round with a visit more and the least travel: one put in, or one placed visit
    taken out and two put in (it among them, elsewhere); None when neither fits."""
    leaves, latest = day.slack(path)
    best: Move | None = None
    for place in _left_out(day, path):
        for added, position in day.insertions(path, place, leaves, latest):
            if best is None or -added > best[0]:
                best = (-added, [*path[:position], place, *path[position:]])
    if best is not None:
        return best[1]
    return _two_for_one(day, path)


def _two_for_one(day: Day, path: list[int]) -> list[int] | None:
    left_out = _left_out(day, path)
    best: tuple[float, list[int]] | None = None
    for position in range(1, len(path) - 1):
        without = [*path[:position], *path[position + 1 :]]
        if not day.on_time(without):
            continue
        leaves, latest = day.slack(without)
        for first in left_out:
            for _added, at in day.insertions(without, first, leaves, latest):
                one_more = [*without[:at], first, *without[at:]]
                second_leaves, second_latest = day.slack(one_more)
                for second in (*left_out, path[position]):
                    if second == first:
                        continue
                    for _more, where in day.insertions(
                        one_more, second, second_leaves, second_latest
                    ):
                        found = [*one_more[:where], second, *one_more[where:]]
                        travel = day.travel(found)
                        if best is None or travel < best[0]:
                            best = (travel, found)
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
