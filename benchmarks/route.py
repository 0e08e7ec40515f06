"""`make bench` (route part): the day's round — quality against a long solve, whole-process speed
against the sqlmodel import floor, and an infeasible day.

- Quality: 20 generated days of 30 visits (office hours, a few appointments); the round found
  with the default limits against the best the same solver finds in 10 s (mean and worst gap).
- Speed: `salesvisit visit plan --route` on a 30-visit day, paired with
  `python -c "import typer, rich.table, sqlmodel"` (the goal: at most 2.5x).
- Infeasible: 25 stops of 30 minutes across the city, 10 appointments that collide: the answer,
  its time against the limit, how many visits are placed and left out.

Usage: python benchmarks/route.py [--days N] [--long SECONDS] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import PYTHON, SQLMODEL_FLOOR, environment, paired  # noqa: E402

from salesvisit_cli.domain.route import hhmm, keep_feasible, travel_of  # noqa: E402
from salesvisit_cli.domain.route_solver import TIME_LIMIT, best_order  # noqa: E402
from tests.domain.test_route import OFFICE, generated_day  # noqa: E402

DAY = date(2026, 12, 7)


def quality(days: int, long: float) -> str:
    gaps, times, fewer = [], [], 0
    for seed in range(days):
        problem = generated_day(seed, 30, fixed=3, spread=0.1)
        started = time.perf_counter()
        quick, _ = keep_feasible(problem, best_order(problem))
        times.append(time.perf_counter() - started)
        best, _ = keep_feasible(problem, best_order(problem, time_limit=long, calm=None))
        if len(quick) < len(best):
            fewer += 1  # a visit left out that the long solve fits: reported apart
            continue
        gaps.append(travel_of(problem, quick) / travel_of(problem, best) - 1)
    return (
        f"quality, {days} days of 30 visits: travel over a {long:g} s solve mean "
        f"{statistics.mean(gaps):.2%}, worst {max(gaps):.2%} ({len(gaps)} days placing as many "
        f"visits; {fewer} placing fewer); solve time median {statistics.median(times):.2f} s, "
        f"worst {max(times):.2f} s (limit {TIME_LIMIT:g} s)"
    )


def infeasible() -> str:
    import pyvrp  # noqa: F401  (imported once before timing, as a command would)

    problem = generated_day(7, 25, fixed=10, spread=0.25)
    started = time.perf_counter()
    kept, _ = keep_feasible(problem, best_order(problem))
    took = time.perf_counter() - started
    return (
        f"infeasible day (25 stops, 10 colliding appointments): answered in {took:.2f} s "
        f"(limit {TIME_LIMIT:g} s), {len(kept)} placed, {25 - len(kept)} unplaced"
    )


def thirty_visit_day(workdir: Path) -> Path:
    """A database whose salesperson `demo` has 30 located visits planned on DAY."""
    from salesvisit_cli.services import customers, visits
    from salesvisit_cli.services.context import Work
    from salesvisit_cli.store.engine import open_store

    path = workdir / "route.db"
    store = open_store(path)
    work = Work.of(store, "demo", datetime(2026, 12, 4, 8, 0))
    problem = generated_day(3, 30, fixed=3, spread=0.1)
    for stop in problem.stops:
        hours = None if stop.opens is None else f"{hhmm(stop.opens)}-{hhmm(stop.closes)}"
        saved = customers.add(
            work,
            {"name": stop.name, "lat": stop.point[0], "lon": stop.point[1], "hours": hours},
        )
        at = hhmm(stop.at) if stop.at is not None else None
        visits.schedule(work, str(saved.customer.id), visits.NewVisit(day=DAY, at=at))
    store.close()
    (workdir / "config.toml").write_text(
        f'[route]\nstart = "{OFFICE[0]},{OFFICE[1]}"\n', encoding="utf-8"
    )
    return path


def speed(runs: int) -> str:
    with tempfile.TemporaryDirectory(prefix="salesvisit-route-") as folder:
        workdir = Path(folder)
        db = thirty_visit_day(workdir)
        env = environment(workdir, db)
        command = [PYTHON, "-m", "salesvisit_cli", "visit", "plan", "--route", "--date", str(DAY)]
        mine, floor = paired(command, env, SQLMODEL_FLOOR, env, runs)
    return (
        f"`visit plan --route`, 30 visits: {mine.seconds:.3f} s, floor {floor.seconds:.3f} s, "
        f"{mine.seconds / floor.seconds:.2f}x (goal <= 2.5x); "
        f"peak {mine.max_rss_kib / 1024:.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--long", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    for line in (speed(options.runs), infeasible(), quality(options.days, options.long)):
        print(line, flush=True)


if __name__ == "__main__":
    main()
