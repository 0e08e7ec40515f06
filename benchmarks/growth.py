"""`make bench` (growth): the team's and the salesperson's commands on a 500-salesperson,
60-month SQLite file (~4M visits) against the same on a 50-salesperson one (~0.4M visits).

Goal: each command on the big file within 1.2x of the 50-salesperson figure (indexes, not
scans). `quota --team` lists every salesperson, so it may grow with how many there are: the
table says by how much (per salesperson listed). Every command also shows its ratio to the
floor `python -c "import typer, rich.table, sqlalchemy"`, run in the same rounds.

The 50-salesperson file is built by `salesvisit demo` (bulk inserts, indexes rebuilt after the
load); the 500-salesperson one is that team ten times over, copied inside SQLite
(`replicate.py`: INSERT … SELECT, minutes instead of an hour of Python). Both under `nice`,
once a day per schema version, kept in the benchmark cache (`figures.cache_dir()`).

Usage: python benchmarks/growth.py [--runs N] [--skip-big] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import time
from pathlib import Path

from figures import (
    FLOOR,
    FLOOR_LABEL,
    NICE,
    PYTHON,
    SALESVISIT,
    Table,
    cache_dir,
    cache_key,
    forget_stale,
    night_call,
    ratio,
    rounds,
)

BASE = {"reps": 50, "customers": 20_000, "months": 60}
COPIES = 10  # the 500-salesperson file: the 50 ten times over
HERE = Path(__file__).resolve().parent
GROWTH_GOAL = 1.2
COMMANDS = [
    # (label, arguments, lists every salesperson)
    ("quota --team", ["quota", "--team"], True),
    ("daily --team", ["daily", "--team"], True),
    ("followup --team", ["followup", "--team"], True),
    ("visit plan", ["visit", "plan"], False),
    ("visit report (write)", None, False),
]


def report_customer_1() -> list[str]:
    return [*SALESVISIT, *night_call(), "--customer", "1"]


def environment(db: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESVISIT")}
    work = cache_dir() / "home"
    work.mkdir(exist_ok=True)
    (work / "config.toml").touch()
    env.update(
        SALESVISIT_CONFIG=str(work / "config.toml"), SALESVISIT_REP="demo", NO_COLOR="1",
        COLUMNS="120", XDG_DATA_HOME=str(work / "data"),
    )  # fmt: skip
    if db is not None:
        env["SALESVISIT_DB"] = str(db)
    return env


def _cached(name: str, make) -> Path:
    """The cached file `name` (older days and schemas forgotten), made by `make(path)` if absent."""
    path = cache_dir() / f"{name}-{cache_key()}.db"
    forget_stale(name, path.name)
    if path.exists():
        return path
    partial = path.with_suffix(".building")
    for leftover in cache_dir().glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    make(partial)
    partial.rename(path)
    print(f"built {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def base_file() -> Path:
    def make(path: Path) -> None:
        arguments = [f"--{key}={value}" for key, value in BASE.items()]
        subprocess.run(
            [*NICE, *SALESVISIT, "--db", str(path), "demo", *arguments, "--seed", "7"],
            env=environment(), check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    return _cached(f"growth-{BASE['reps']}x{BASE['months']}", make)


def big_file(base: Path) -> Path:
    def make(path: Path) -> None:
        shutil.copyfile(base, path)
        code = f"import replicate; replicate.replicate_database({str(path)!r}, {COPIES})"
        subprocess.run([*NICE, PYTHON, "-c", code], cwd=HERE, env=environment(), check=True)

    return _cached(f"growth-{BASE['reps'] * COPIES}x{BASE['months']}", make)


def visits(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM visit").fetchone()[0]


def _figures(label: str, command: list[str], base: Path, big: Path | None, runs: int, table):
    """One row: the command on both files and the floor, in the same rounds."""
    if big is None:
        (small,) = rounds([(command, environment(base))], runs)
        table.add_row(f"`{label}`", f"{small.seconds:.3f}", "not run", "", f"<= {GROWTH_GOAL}x",
                      "not run", "")  # fmt: skip
        return small, None
    small, large, floor = rounds(
        [(command, environment(base)), (command, environment(big)), (FLOOR, environment())], runs
    )
    grows = large.seconds / small.seconds
    table.add_row(f"`{label}`", f"{small.seconds:.3f}", f"{large.seconds:.3f}",
                  f"{grows:.2f}x (cpu {ratio(large.cpu_seconds, small.cpu_seconds)})",
                  f"<= {GROWTH_GOAL}x", "met" if grows <= GROWTH_GOAL else "**missed**",
                  ratio(large.seconds, floor.seconds))  # fmt: skip
    return small, large


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-big", action="store_true", help="no 500-salesperson file")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    options = parser.parse_args()
    reps = BASE["reps"] * COPIES
    table = Table(
        f"Growth (goal 4): SQLite, {reps} salespeople x {BASE['months']} months against "
        f"{BASE['reps']} x {BASE['months']} (median of {options.runs} interleaved runs; "
        f"floor {FLOOR_LABEL})",
        header=("command", f"{BASE['reps']} reps s", f"{reps} reps s", "growth", "goal", "met",
                f"{reps} reps / floor", "load"),
    )  # fmt: skip
    base = base_file()
    big = None if options.skip_big else big_file(base)
    table.notes.append(
        f"Visits: {visits(base):,} ({BASE['reps']} reps)"
        + (f", {visits(big):,} ({reps} reps)." if big else f"; {reps} reps not run (--skip-big).")
    )
    for label, arguments, lists_team in COMMANDS:
        command = [*SALESVISIT, *arguments] if arguments else report_customer_1
        small, large = _figures(label, command, base, big, options.runs, table)
        if lists_team and large:
            extra, cpu = large.seconds - small.seconds, large.cpu_seconds - small.cpu_seconds
            added = reps - BASE["reps"]
            table.notes.append(
                f"`{label}` lists every salesperson: from {BASE['reps']} to {reps} listed it "
                f"takes {extra:+.3f} s ({extra / added * 1000:+.2f} ms per salesperson listed), "
                f"CPU {cpu:+.3f} s ({cpu / added * 1000:+.2f} ms per salesperson listed)."
            )
    table.finish(options.markdown)


if __name__ == "__main__":
    main()
