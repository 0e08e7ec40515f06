"""A good first round for the solver: a beam search over rounds in time order (restricted
dynamic programming), vectorised with numpy (which the solver brings along).

A label is a round so far: the visits done (a bit mask), the last one, when it can leave and
the travel. Each step extends every label by every visit still open to it; of the labels with
the same visits and the same last one only the best is kept, and of all of them only `width`:
those that can still reach the most visits (each on time, counted one by one), then the
soonest free with the least travel. It is not exact, but places about as many visits as the
best round known and gives the solver's search a start near it (`benchmarks/route.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from salesvisit_cli.domain.route import RouteProblem

WIDTH = 300  # labels kept at each step: ~0.05 s for 30 visits
MOST_STOPS = 63  # the visits of a label are the bits of one 64-bit integer


def beam_round(
    problem: RouteProblem, width: int = WIDTH, late: Callable[[], bool] = lambda: False
) -> list[int] | None:
    """The stop indexes (0-based) of the round with the most visits the beam finds, then the
    least travel (None: the day has too many stops, or `late()` said to stop)."""
    import numpy as np

    size = len(problem.stops)
    if size > MOST_STOPS:
        return None
    minutes = np.array(problem.travel.minutes, dtype=float)
    driving = np.ceil(minutes - 1e-9).astype(np.int64)  # as `domain.route.timetable` counts
    windows = np.array([problem.window(index) for index in range(size)], dtype=np.int64)
    opens, closes = windows[:, 0], windows[:, 1]
    bits = np.left_shift(np.uint64(1), np.arange(size, dtype=np.uint64))
    done, last = np.zeros(1, dtype=np.uint64), np.zeros(1, dtype=np.int64)
    ready, travel = np.array([problem.day_start], dtype=np.int64), np.zeros(1)
    steps: list[tuple] = []
    end = size + 1
    while not late():
        starts = np.maximum(ready[:, None] + driving[last][:, 1:end], opens)
        before, stop = np.nonzero(((done[:, None] & bits) == 0) & (starts <= closes))
        if before.size == 0:
            break
        done_now = done[before] | bits[stop]
        ready_now = starts[before, stop] + problem.service
        travel_now = travel[before] + minutes[last[before], stop + 1]
        reach = (ready_now[:, None] + driving[stop + 1][:, 1:end] <= closes) & (
            (done_now[:, None] & bits) == 0
        )
        rank = -reach.sum(axis=1) * 1e6 + ready_now + travel_now
        kept = _best_of_each(done_now, stop, rank)
        if kept.size > width:
            kept = kept[np.argpartition(rank[kept], width)[:width]]
        steps.append((before[kept], stop[kept]))
        done, last = done_now[kept], stop[kept] + 1
        ready, travel = ready_now[kept], travel_now[kept]
    else:
        return None
    if not steps:
        return []
    label = int(np.argmin(travel + minutes[last, end]))
    order = []
    for before, stop in reversed(steps):
        order.append(int(stop[label]))
        label = int(before[label])
    return order[::-1]


def _best_of_each(done, last, rank):
    """The index of the best-ranked label of each (visits done, last visit)."""
    import numpy as np

    order = np.lexsort((rank, last, done))
    done, last = done[order], last[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = (done[1:] != done[:-1]) | (last[1:] != last[:-1])
    return order[first]
