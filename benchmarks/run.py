"""`make bench`: whole-process timings and peak memory of salesvisit against floors.

Every figure is the median of several runs of a whole process (start-up included) and is shown
as a ratio to a floor measured in the same run, alternating with it (command, floor, command,
floor, ...), so both see the same machine load and the ratios hold on a noisy machine:

- `python -c "import typer"` for `--help`;
- `python -c "import typer, rich.table, sqlalchemy"` for commands that open the database;
- `python -c "import typer, rich.table, sqlmodel"` (the first round's floor) for the files for
  others and completion (issue 18: the month's workbook within 3x, completion within 1.5x),
  and for `customer pool` and `customer list --due` (issue 17: within 1.3x, on a copy of each
  database under `pool.release_days = 60`, its first releases made and timed beforehand);
- for `customer import` of 100,000 and 1,000,000 rows: `sqlite-utils insert --csv` of the same
  file (installed into a throwaway venv, not a project dependency) and the sqlite3 shell's
  `.import --csv`.

Seconds are wall-clock; the CPU seconds (user + system, from `wait4`) are printed beside them,
since on a shared machine they move much less. Peak memory is each process's own max RSS, seen
from outside (`wait4`). Both sides run from compiled bytecode (`PYTHONDONTWRITEBYTECODE` is
dropped and the sources compiled first), as an installed package does. Every goal of the
performance issues is printed with met or missed.

Usage: python benchmarks/run.py [--runs N] [--workdir DIR] [--skip-import] [--markdown FILE]
       [--only LABEL…]   (labels: the commands', `import 100k`, `import 1M`)
The databases and CSV files are built once in the work directory (kept when --workdir is given).
"""

from __future__ import annotations

import argparse
import csv
import functools
import itertools
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SALESVISIT = [PYTHON, "-m", "salesvisit_cli"]
TYPER_FLOOR = [PYTHON, "-c", "import typer"]
DB_FLOOR = [PYTHON, "-c", "import typer, rich.table, sqlalchemy"]
SQLMODEL_FLOOR = [PYTHON, "-c", "import typer, rich.table, sqlmodel"]  # the first round's floor
SMALL = {"reps": 1, "customers": 500, "months": 3}
LARGE = {"reps": 50, "customers": 20_000, "months": 60}
# Rows of the imported CSV files: (rows, rounds, goal against sqlite-utils, peak MiB goal).
IMPORTS = ((100_000, 3, 0.4, 80), (1_000_000, 1, 0.4, 250))
START_UP_GOAL = 1.2  # issue 20: these commands on the large database, against the floor
START_UP_GOALS = ("visit plan", "visit report (write)", "followup", "daily", "quota",
                  "quota --team", "customer list --search", "customer show")  # fmt: skip
HELP_GOAL = 1.5  # the first round: --help and completion against `import typer`
# Issue 17: the pool and the cadence list on the large database, against the sqlmodel floor,
# with the README's rule switched on (`pool.release_days = 60`, as `make demo` does).
POOL_GOAL = 1.3
POOL_COMMANDS = ("customer pool", "customer list --due")
POOL_CONFIG = "[pool]\nrelease_days = 60\n"
# Issue 18, against the sqlmodel floor: (goal, peak MiB goal or None).
FILE_GOALS = {"report month --team --xlsx": (3.0, 150), "completion of": (1.5, None)}


@dataclass
class Measure:
    seconds: float
    max_rss_kib: int
    cpu_seconds: float = 0.0


def run_once(command: list[str], env: dict[str, str], cwd: Path | None = None) -> Measure:
    """One whole process: wall time and its own peak RSS (wait4 gives this child's rusage)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{error[-2000:]}")
    return Measure(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def median(
    command: list[str], env: dict[str, str], runs: int, prepare=None, warmup: bool = True
) -> Measure:
    if warmup:
        if prepare:
            prepare()
        run_once(command, env)
    found = []
    for _ in range(runs):
        if prepare:
            prepare()
        found.append(run_once(command, env))
    return middle(found)


def middle(found: list[Measure]) -> Measure:
    """The median of each figure."""
    return Measure(
        statistics.median(m.seconds for m in found),
        int(statistics.median(m.max_rss_kib for m in found)),
        statistics.median(m.cpu_seconds for m in found),
    )


def paired(
    command: list[str] | Callable[[], list[str]],
    env: dict[str, str],
    floor: list[str],
    floor_env: dict[str, str],
    runs: int,
) -> tuple[Measure, Measure]:
    """The command (or a function giving each run's command) and its floor run alternately, so
    both see the same machine load."""
    each = command if callable(command) else lambda: command
    run_once(each(), env)
    run_once(floor, floor_env)
    mine, base = [], []
    for _ in range(runs):
        mine.append(run_once(each(), env))
        base.append(run_once(floor, floor_env))
    return middle(mine), middle(base)


def environment(workdir: Path, db: Path | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SALESVISIT") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        SALESVISIT_CONFIG=str(workdir / "config.toml"),
        SALESVISIT_REP="demo",
        NO_COLOR="1",
        COLUMNS="120",
        XDG_DATA_HOME=str(workdir / "data"),
        XDG_CACHE_HOME=str(workdir / "cache"),
    )
    if db is not None:
        env["SALESVISIT_DB"] = str(db)
    return env


def build_demo(workdir: Path, name: str, size: dict[str, int]) -> Path:
    path = workdir / f"{name}.db"
    marker = workdir / f"{name}.built"
    if marker.exists() and path.exists():
        return path
    for leftover in workdir.glob(f"{name}.db*"):
        leftover.unlink()
    arguments = [f"--{key}={value}" for key, value in size.items()]
    started = time.perf_counter()
    subprocess.run(
        [*SALESVISIT, "--db", str(path), "demo", *arguments, "--seed", "7"],
        env=environment(workdir),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"built {name} demo ({size}) in {time.perf_counter() - started:.1f} s", flush=True)
    marker.touch()
    return path


def search_term(db: Path) -> str:
    import sqlite3

    with sqlite3.connect(db) as connection:
        (name,) = connection.execute("SELECT name FROM customer WHERE id = 42").fetchone()
    return name.split()[0] if name.isascii() else name[:4]


COMMANDS = [
    # (label, arguments, floor, scope): scope "day"/"month" must not grow with the history.
    ("--help", ["--help"], "typer", None),
    ("completion (bash)", None, "typer", None),
    ("completion of customer names", None, "sqlmodel", None),
    ("completion of visit ids", None, "sqlmodel", None),
    ("visit plan", ["visit", "plan"], "db", "day"),
    ("visit report (write)", None, "db", "day"),
    ("followup", ["followup"], "db", "day"),
    ("daily", ["daily"], "db", "day"),
    ("quota", ["quota"], "db", "month"),
    ("quota --team", ["quota", "--team"], "db", "month"),
    ("customer list --search", None, "db", None),
    ("customer show", ["customer", "show", "1"], "db", None),
    ("customer pool", ["customer", "pool"], "sqlmodel", None),
    ("customer list --due", ["customer", "list", "--due"], "sqlmodel", None),
    ("report month --team --xlsx", None, "sqlmodel", "month"),
]


def command_line(
    label: str, arguments: list[str] | None, db: Path
) -> tuple[list[str] | Callable[[], list[str]], dict]:
    extra: dict[str, str] = {}
    if label == "completion (bash)":
        extra = {
            "_SALESVISIT_COMPLETE": "complete_bash",
            "COMP_WORDS": "salesvisit customer li",
            "COMP_CWORD": "2",
        }
        return SALESVISIT, extra
    if label.startswith("completion of"):
        words = {
            "completion of customer names": f"salesvisit customer show {search_term(db)}",
            "completion of visit ids": "salesvisit visit cancel ",
        }[label]
        extra = {
            "_SALESVISIT_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
        }
        return SALESVISIT, extra
    if label == "report month --team --xlsx":
        # Last month: a whole month of the team's visits (~6,500 on the large database).
        last_month = (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
        target = db.with_suffix(".xlsx")
        arguments = ["report", "month", "--team", "--month", last_month]
        arguments += ["--xlsx", str(target), "--force"]
    if label == "visit report (write)":
        return _reports(db), extra
    if label in POOL_COMMANDS:
        extra = _pool_rule(db)
    if label == "customer list --search":
        arguments = ["customer", "list", "--search", search_term(db)]
    return [*SALESVISIT, *arguments], extra


@functools.cache  # one copy per database and run
def _pool_rule(db: Path) -> dict[str, str]:
    """The environment of a fresh copy of `db` under the pool's rule (`POOL_CONFIG`), its
    releases made first (the first command of a day makes them; every later one reads)."""
    copy, config = db.with_name(f"{db.stem}-pool.db"), db.with_name("pool.toml")
    config.write_text(POOL_CONFIG, encoding="utf-8")
    extra = {"SALESVISIT_DB": str(copy), "SALESVISIT_CONFIG": str(config)}
    for leftover in db.parent.glob(f"{copy.name}*"):
        leftover.unlink()
    shutil.copyfile(db, copy)
    settled = run_once([*SALESVISIT, "customer", "pool", "--json"],
                       {**environment(db.parent, copy), **extra})  # fmt: skip
    print(f"the rule's first releases on {copy.name}: {settled.seconds:.1f} s "
          f"(CPU {settled.cpu_seconds:.1f} s)", flush=True)  # fmt: skip
    return extra


def _reports(db: Path) -> Callable[[], list[str]]:
    """Each run reports another 3-minute call yesterday night (a call already over whatever the
    time of day, never overlapping the last) into a fresh copy of `db`."""
    copy = db.with_name(f"{db.stem}-write.db")
    for leftover in db.parent.glob(f"{copy.name}*"):
        leftover.unlink()
    shutil.copyfile(db, copy)
    slots = itertools.count()

    def next_report() -> list[str]:
        minute = next(slots) * 5
        start = f"{minute // 60:02d}:{minute % 60:02d}"
        arguments = ["visit", "report", "--customer", "1", "--date", "yesterday"]
        arguments += ["--start", start, "--minutes", "3", "--notes", "bench", "--again"]
        return [*SALESVISIT, "--db", str(copy), *arguments]

    return next_report


def csv_file(workdir: Path, rows: int) -> Path:
    """`rows` realistic, unique customers (as the demo makes them) in UTF-8."""
    path = workdir / f"customers-{rows // 1000}k.csv"
    if path.exists():
        return path
    sys.path.insert(0, str(ROOT / "src"))
    from salesvisit_cli.domain.demo_data import customer

    rng = random.Random(11)
    fields = ["name", "tier", "status", "contact", "phone", "address", "industry", "size",
              "source", "hours", "web"]  # fmt: skip
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        for number in range(1, rows + 1):
            row = customer(rng, number)
            row["name"] = f"{row['name']} No.{number}"
            writer.writerow(["" if row[f] is None else row[f] for f in fields])
    partial.replace(path)
    return path


def sqlite_utils(workdir: Path) -> list[str] | None:
    """sqlite-utils from a throwaway venv in the work directory (installed on first use)."""
    venv = workdir / "sqlite-utils-venv"
    tool = venv / "bin" / "sqlite-utils"
    if not tool.exists():
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        installed = subprocess.run(
            [
                str(venv / "bin" / "pip"),
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "sqlite-utils",
            ],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if installed.returncode != 0 or not tool.exists():
            return None
    return [str(tool)]


def import_rows(workdir: Path, rows: int, rounds: int) -> list[tuple[str, Measure | None]]:
    """Each tool loads the same CSV file into a new database, `rounds` times (after a warm-up
    round when there are several), the tools taking turns so that they see the same load."""
    source = csv_file(workdir, rows)
    target = workdir / "import.db"

    def fresh() -> None:
        for leftover in workdir.glob("import.db*"):
            leftover.unlink()

    env = environment(workdir, target)
    tool = sqlite_utils(workdir)
    shell = shutil.which("sqlite3")
    tools: list[tuple[str, list[str] | None]] = [
        ("salesvisit customer import", [*SALESVISIT, "customer", "import", str(source)]),
        ("sqlite-utils insert --csv",
         [*tool, "insert", str(target), "customer", str(source), "--csv"] if tool else None),
        ("sqlite3 .import --csv",
         [shell, str(target), f".import --csv {source} customer"] if shell else None),
    ]  # fmt: skip
    runs_of: dict[str, list[Measure]] = {label: [] for label, _ in tools}
    warm_up = rounds > 1
    for round_number in range(rounds + warm_up):
        for label, command in tools:
            if command is None:
                continue
            fresh()
            measure = run_once(command, env)
            if round_number or not warm_up:
                runs_of[label].append(measure)
    fresh()
    return [(label, middle(runs_of[label]) if runs_of[label] else None) for label, _ in tools]


def file_goals(label: str, ratio: float, cpu: float, peak: float) -> list[tuple[str, str, str]]:
    """Issue 18's goal lines for the files for others and completion (large database)."""
    found = []
    for start, (goal, peak_goal) in FILE_GOALS.items():
        if not label.startswith(start):
            continue
        found.append(
            (f"`{label}` (large) ≤ {goal}x the sqlmodel floor", f"{ratio:.2f}x (CPU {cpu:.2f}x)",
             verdict(ratio, goal))
        )  # fmt: skip
        if peak_goal:
            found.append(
                (f"`{label}` (large): peak ≤ {peak_goal} MiB", f"{peak:.1f} MiB",
                 verdict(peak, peak_goal))
            )  # fmt: skip
    return found


def verdict(value: float, goal: float) -> str:
    return "met" if value <= goal else "**missed**"


def import_section(workdir: Path, rows: int, rounds: int, goal: float, peak_goal: int):
    """The import table of `rows` rows and its goal lines."""
    found = import_rows(workdir, rows, rounds)
    baseline = dict(found)
    utils, shell = baseline["sqlite-utils insert --csv"], baseline["sqlite3 .import --csv"]
    lines = [
        "",
        f"Import of {rows:,} CSV rows into a new database ({uptime()}; median of {rounds}):",
        "",
        "| tool | s | CPU s | / sqlite-utils | CPU / sqlite-utils | / sqlite3 shell | peak MiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, measure in found:
        if measure is None:
            lines.append(f"| {label} | (not available) | | | | | |")
            continue
        lines.append(
            f"| {label} | {measure.seconds:.2f} | {measure.cpu_seconds:.2f} | "
            f"{_ratio(measure.seconds, utils and utils.seconds)} | "
            f"{_ratio(measure.cpu_seconds, utils and utils.cpu_seconds)} | "
            f"{_ratio(measure.seconds, shell and shell.seconds)} | "
            f"{measure.max_rss_kib / 1024:.1f} |"
        )
    mine = baseline["salesvisit customer import"]
    goals = []
    if mine and utils:
        ratio = mine.seconds / utils.seconds
        goals.append(
            (f"import of {rows:,} rows ≤ {goal}x sqlite-utils", f"{ratio:.2f}x "
             f"(CPU {mine.cpu_seconds / utils.cpu_seconds:.2f}x)", verdict(ratio, goal))
        )  # fmt: skip
    if mine:
        peak = mine.max_rss_kib / 1024
        goals.append(
            (f"import of {rows:,} rows: peak ≤ {peak_goal} MiB", f"{peak:.1f} MiB",
             verdict(peak, peak_goal))
        )  # fmt: skip
    return lines, goals


def _ratio(value: float, base: float | None) -> str:
    return f"{value / base:.2f}x" if base else ""


def uptime() -> str:
    """The machine's load while the figures were taken."""
    try:
        one, five, _ = Path("/proc/loadavg").read_text().split()[:3]
    except (OSError, ValueError):
        return "load unknown"
    return f"load average {one} (1 min), {five} (5 min)"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument(
        "--only", action="append", help="only the commands whose label holds this (repeatable)"
    )
    options = parser.parse_args()
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="salesvisit-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    runs = options.runs

    def wanted(label: str) -> bool:
        return not options.only or any(part in label for part in options.only)

    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    small, large = build_demo(workdir, "small", SMALL), build_demo(workdir, "large", LARGE)
    env = environment(workdir)
    floor_commands = {"typer": TYPER_FLOOR, "db": DB_FLOOR, "sqlmodel": SQLMODEL_FLOOR}
    floors = {name: median(command, env, runs) for name, command in floor_commands.items()}
    lines = [
        f"Machine: {machine()}; {uptime()} at the start; median of {runs} runs each (after one "
        "warm-up run); each ratio to a floor uses the floor's runs interleaved with that "
        "command's.",
        f"Large database: {LARGE['reps']} reps, {LARGE['customers']:,} customers, "
        f"{LARGE['months']} months; small: {SMALL['reps']} rep, {SMALL['customers']} customers, "
        f"{SMALL['months']} months.",
        "",
        "| command | floor | small s | large s | large / floor | CPU / floor | large / small "
        "| peak MiB | peak / floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| floor `import typer` | | {floors['typer'].seconds:.3f} | | | | | "
        f"{floors['typer'].max_rss_kib / 1024:.1f} | |",
        f"| floor `import typer, rich.table, sqlalchemy` | | {floors['db'].seconds:.3f} | | | | "
        f"| {floors['db'].max_rss_kib / 1024:.1f} | |",
        f"| floor `import typer, rich.table, sqlmodel` | | {floors['sqlmodel'].seconds:.3f} | | | "
        f"| | {floors['sqlmodel'].max_rss_kib / 1024:.1f} | |",
    ]
    goals: list[tuple[str, str, str]] = []
    for label, arguments, floor_name, scope in COMMANDS:
        if not wanted(label):
            continue
        figures, bases = {}, {}
        for name, db in (("small", small), ("large", large)):
            command, extra = command_line(label, arguments, db)
            figures[name], bases[name] = paired(
                command, {**environment(workdir, db), **extra}, floor_commands[floor_name], env,
                runs,
            )  # fmt: skip
        floor = bases["large"]
        big, little = figures["large"], figures["small"]
        ratio, cpu = big.seconds / floor.seconds, big.cpu_seconds / floor.cpu_seconds
        lines.append(
            f"| `{label}` | {floor_name} | {little.seconds:.3f} | {big.seconds:.3f} | "
            f"{ratio:.2f}x | {cpu:.2f}x | "
            f"{big.seconds / little.seconds:.2f}x{' (' + scope + ')' if scope else ''} | "
            f"{big.max_rss_kib / 1024:.1f} | {big.max_rss_kib / floor.max_rss_kib:.2f}x |"
        )
        print(lines[-1], flush=True)
        goal = (
            START_UP_GOAL
            if label in START_UP_GOALS
            else POOL_GOAL
            if label in POOL_COMMANDS
            else HELP_GOAL
            if floor_name == "typer"
            else None
        )
        if goal:
            goals.append(
                (f"`{label}` (large) ≤ {goal}x the {floor_name} floor",
                 f"{ratio:.2f}x (CPU {cpu:.2f}x)", verdict(ratio, goal))
            )  # fmt: skip
        goals += file_goals(label, ratio, cpu, big.max_rss_kib / 1024)
    for rows, rounds, goal, peak_goal in IMPORTS:
        label = f"import {rows // 1000}k" if rows < 1_000_000 else f"import {rows // 1_000_000}M"
        if options.skip_import or not wanted(label):
            continue
        found, met = import_section(workdir, rows, rounds, goal, peak_goal)
        lines += found
        goals += met
        print("\n".join(found), flush=True)
    lines += ["", f"Goals ({uptime()} at the end):", "", "| goal | result | |", "|---|---|---|"]
    lines += [f"| {goal} | {result} | {met} |" for goal, result, met in goals]
    text = "\n".join(lines)
    print()
    print(text)
    if options.markdown:
        options.markdown.write_text(text + "\n", encoding="utf-8")
    if not options.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
