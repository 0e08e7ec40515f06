"""`make bench` (route part): every figure of the day's round with its goal, met or missed.

- Speed: `salesvisit visit plan --route` on a 30-visit day, paired with
  `python -c "import typer, rich.table, sqlmodel"` (goal: at most 2.5x); `visit plan` without
  `--route` imports no solver (goal: none of pyvrp, numpy).
- Small days: up to 9 visits are solved exactly (the test enumerates every order); the time of a
  9-visit day against the limit.
- Infeasible: 25 stops of 30 minutes across the city, 10 appointments that collide: the answer,
  its time against the limit, how many visits are placed and left out.
- Quality: 20 generated days of 30 visits (office hours, a few appointments); the round found
  within the limit against the best the same solver finds in 10 s (goal: within 1%, mean and
  worst), and the three solvers the issue names (PyVRP, OR-Tools, pyvroom) on the same days
  against the best round any of them found (OR-Tools and pyvroom: `pip install -e '.[bench]'`).

Usage: python benchmarks/route.py [--days N] [--long SECONDS] [--runs N] [--skip-solvers]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.route_solvers import installed, ortools_order, vroom_order  # noqa: E402
from benchmarks.run import PYTHON, SQLMODEL_FLOOR, environment, paired  # noqa: E402

from salesvisit_cli.domain.route import hhmm, keep_feasible, travel_of  # noqa: E402
from salesvisit_cli.domain.route_exact import EXACT_UP_TO  # noqa: E402
from salesvisit_cli.domain.route_solver import TIME_LIMIT, best_order  # noqa: E402
from tests.domain.test_route import OFFICE, generated_day  # noqa: E402

DAY = date(2026, 12, 7)
OTHERS_SECONDS = 0.8  # the time limit of OR-Tools here: about what PyVRP's searches take


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def gaps(
    rounds: list[tuple[int, float]], best: list[tuple[int, float]]
) -> tuple[dict[int, float], list[int], int]:
    """Travel over the best round's, by day (its seed), on the days placing as many visits; the
    days placing fewer (those count as missed: a visit left out that could have been placed) and
    how many place more (better whatever the travel)."""
    found, fewer, more = {}, [], 0
    for day, ((count, travel), (most, least)) in enumerate(zip(rounds, best, strict=True)):
        if count < most:
            fewer.append(day)
        elif count > most:
            more += 1
        else:
            found[day] = travel / least - 1
    return found, fewer, more


def gap_line(label: str, rounds, best) -> tuple[str, bool]:
    found, fewer, more = gaps(rounds, best)
    mean = statistics.mean(found.values()) if found else float("nan")
    worst = max(found.values()) if found else float("nan")
    over = ", ".join(f"day {day} ({gap:.2%})" for day, gap in found.items() if gap > 0.01)
    named = f" (days {', '.join(map(str, fewer))})" if fewer else ""
    met = not fewer and (not found or (mean <= 0.01 and worst <= 0.01))
    return (
        f"{label}: mean {mean:.2%}, worst {worst:.2%} on {len(found)} days placing as many "
        f"visits, {len(fewer)} days placing fewer{named}, {more} more; over 1%: {over or 'none'}",
        met,
    )


def solved(problem, order: list[int]) -> tuple[int, float]:
    kept, _ = keep_feasible(problem, order)
    return len(kept), travel_of(problem, kept)


def quality(days: int, long: float, others: bool) -> list[str]:
    """The solver within the limit against itself in `long` s; the three solvers on the same
    days against the best round any of them found."""
    solvers = {"PyVRP": lambda problem: best_order(problem)}
    if others and installed("ortools"):
        solvers["OR-Tools"] = lambda problem: ortools_order(problem, OTHERS_SECONDS)
    if others and installed("vroom"):
        solvers["pyvroom"] = vroom_order
    rounds: dict[str, list[tuple[int, float]]] = {name: [] for name in solvers}
    times: dict[str, list[float]] = {name: [] for name in solvers}
    cpu: dict[str, list[float]] = {name: [] for name in solvers}
    longest: list[tuple[int, float]] = []
    for seed in range(days):
        problem = generated_day(seed, 30, fixed=3, spread=0.1)
        for name, solver in solvers.items():
            started, used = time.perf_counter(), time.process_time()
            order = solver(problem)
            times[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - used)
            rounds[name].append(solved(problem, order))
        longer = best_order(problem, bounded=False, cpu=long, time_limit=10 * long)
        longest.append(solved(problem, longer))
    text, met = gap_line(
        f"30-visit days ({days}), travel over the same solver given {long:g} s of CPU",
        rounds["PyVRP"],
        longest,
    )
    lines = [f"{text} (goal: within 1%): {verdict(met)}"]
    best_known = [
        min((day[i] for day in (*rounds.values(), longest)), key=lambda r: (-r[0], r[1]))
        for i, day in enumerate(longest)
    ]
    for name in solvers:
        text, _ = gap_line(f"  {name:<8} over the best known", rounds[name], best_known)
        lines.append(
            f"{text}; median {statistics.median(times[name]):.2f} s "
            f"({statistics.median(cpu[name]):.2f} s CPU), worst {max(times[name]):.2f} s"
        )
    return lines


def small_day() -> str:
    problem = generated_day(1, EXACT_UP_TO, fixed=0, spread=0.05)
    started = time.perf_counter()
    best_order(problem)
    took = time.perf_counter() - started
    return (
        f"days of up to {EXACT_UP_TO} visits: exact (every order: tests/domain/test_route.py); "
        f"a {EXACT_UP_TO}-visit day in {took:.2f} s (goal: under the {TIME_LIMIT:g} s limit): "
        f"{verdict(took < TIME_LIMIT)}"
    )


def infeasible() -> str:
    import pyvrp  # noqa: F401  (imported once before timing, as a command would)

    problem = generated_day(7, 25, fixed=10, spread=0.25)
    started = time.perf_counter()
    kept, _ = keep_feasible(problem, best_order(problem))
    took = time.perf_counter() - started
    return (
        f"infeasible day (25 stops, 10 colliding appointments): {len(kept)} placed, "
        f"{25 - len(kept)} unplaced in {took:.2f} s (goal: under the {TIME_LIMIT:g} s limit): "
        f"{verdict(took < TIME_LIMIT and bool(kept))}"
    )


def import_sizes() -> list[str]:
    """What each solver costs to load: import time in a fresh process, and its files on disk."""
    lines = []
    for name, module in (("PyVRP", "pyvrp"), ("OR-Tools", "ortools.constraint_solver.pywrapcp"),
                         ("pyvroom", "vroom")):  # fmt: skip
        if not installed(module.split(".")[0]):
            lines.append(f"  {name:<8} not installed (pip install -e '.[bench]')")
            continue
        code = f"import time; t = time.perf_counter(); import {module}; "
        code += "print(time.perf_counter() - t)"
        took = float(subprocess.run([PYTHON, "-c", code], capture_output=True, check=True,
                                    text=True).stdout)  # fmt: skip
        folder = Path(importlib.util.find_spec(module.split(".")[0]).origin).parent
        size = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        lines.append(f"  {name:<8} imports in {took:.2f} s, {size / 2**20:.1f} MB on disk")
    return lines


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


def speed(runs: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="salesvisit-route-") as folder:
        workdir = Path(folder)
        db = thirty_visit_day(workdir)
        env = environment(workdir, db)
        command = [PYTHON, "-m", "salesvisit_cli", "visit", "plan", "--route", "--date", str(DAY)]
        mine, floor = paired(command, env, SQLMODEL_FLOOR, env, runs)
        plain = [PYTHON, "-X", "importtime", *command[1:5], "--date", str(DAY)]
        imported = subprocess.run(plain, env=env, capture_output=True, text=True, check=True)
    ratio = mine.seconds / floor.seconds
    heavy = sorted({name for name in ("pyvrp", "numpy") if f" {name}\n" in imported.stderr})
    return [
        f"`visit plan --route`, 30 visits: {mine.seconds:.3f} s, floor {floor.seconds:.3f} s, "
        f"{ratio:.2f}x, peak {mine.max_rss_kib / 1024:.1f} MiB (goal: at most 2.5x): "
        f"{verdict(ratio <= 2.5)}",
        f"`visit plan` without --route imports {', '.join(heavy) or 'no solver'} "
        f"(goal: no pyvrp, no numpy): {verdict(not heavy)}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--long", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-solvers", action="store_true", help="PyVRP only")
    options = parser.parse_args()
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(f"Route figures (goal: met / MISSED); load average {load} on {os.cpu_count()} cores",
          flush=True)  # fmt: skip
    for part in (
        lambda: speed(options.runs),
        lambda: [small_day(), infeasible()],
        lambda: quality(options.days, options.long, not options.skip_solvers),
        import_sizes,
    ):
        for line in part():
            print(line, flush=True)


if __name__ == "__main__":
    main()
