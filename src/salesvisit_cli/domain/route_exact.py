"""The exact round of a small day: dynamic programming over the sets of visits (Held–Karp with
time windows), no solver and no time limit needed.

A label is a way to have done a set of visits ending at one of them: when that visit started and
the travel so far. A label that starts later with more travel than another of the same set and
last visit can never lead to a better round (arriving earlier is never worse: one may wait), so
only the Pareto-best labels are kept. The answer holds the most visits any feasible round can,
and among those the least travel, timed exactly as `domain.route.timetable` times it.
"""

from __future__ import annotations

from salesvisit_cli.domain.route import RouteProblem, driving_minutes

EXACT_UP_TO = 9  # visits: up to this many, every day is solved exactly (~2^n × n² steps)

Label = tuple[int, float, tuple[int, ...]]  # start of the last visit, travel so far, the order


def exact_order(problem: RouteProblem) -> list[int]:
    """The stop indexes (0-based) of the best round in order: the most visits, then the least
    travel from the start through them to the end. Stops left out are missing from it."""
    minutes = problem.travel.minutes
    size = len(problem.stops)
    end = size + 1
    best: tuple[int, float, tuple[int, ...]] = (0, minutes[0][end], ())
    layer: dict[tuple[int, int], list[Label]] = {}
    for index in range(size):
        start = _start(problem, problem.day_start, minutes[0][index + 1], index)
        if start is not None:
            layer[(1 << index, index)] = [(start, minutes[0][index + 1], (index,))]
    while layer:
        following: dict[tuple[int, int], list[Label]] = {}
        for (done, last), labels in layer.items():
            for start, travel, order in labels:
                total = travel + minutes[last + 1][end]
                if (-len(order), total) < (-best[0], best[1]):
                    best = (len(order), total, order)
                leave = start + problem.service
                for index in range(size):
                    if done >> index & 1:
                        continue
                    leg = minutes[last + 1][index + 1]
                    begins = _start(problem, leave, leg, index)
                    if begins is not None:
                        key = (done | 1 << index, index)
                        label = (begins, travel + leg, (*order, index))
                        following[key] = _pareto(following.get(key, []), label)
        layer = following
    return list(best[2])


def _start(problem: RouteProblem, leave: int, leg: float, index: int) -> int | None:
    """When stop `index` starts after leaving at minute `leave` with `leg` minutes of travel
    (None: its window is missed); as `domain.route.timetable` counts it."""
    arrive = leave + driving_minutes(leg)
    opens, closes = problem.window(index)
    return None if arrive > closes else max(arrive, opens)


def _pareto(labels: list[Label], new: Label) -> list[Label]:
    """`labels` with `new` added, keeping only those no other starts earlier with less travel."""
    if any(start <= new[0] and travel <= new[1] for start, travel, _ in labels):
        return labels
    return [label for label in labels if not (new[0] <= label[0] and new[1] <= label[1])] + [new]
