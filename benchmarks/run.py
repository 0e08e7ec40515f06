"""`make bench`: whole-process timings and peak memory of salesvisit against floors.

Every figure is the median of several runs of a whole process (start-up included) and is shown
as a ratio to a floor measured in the same run, alternating with it (command, floor, command,
floor, ...), so both see the same machine load and the ratios hold on a noisy machine:

- `python -c "import typer"` for `--help`;
- `python -c "import typer, rich.table, sqlmodel"` for commands that open the database;
- for `customer import` of 100,000 rows: `sqlite-utils insert --csv` of the same file (installed
  into a throwaway venv, not a project dependency) and the sqlite3 shell's `.import --csv`.

The interface languages: `--help` in `en` and `zh-CN` against the `import typer` floor (goal
<= 1.5x), and the database commands in `zh-CN` against the same commands in `en` (goal <= 1.05x),
each with its goal and whether it was met.

Usage: python benchmarks/run.py [--runs N] [--workdir DIR] [--skip-import] [--languages-only]
                                [--markdown FILE] [--only LABEL…]
The databases are built once in the work directory (kept when --workdir is given).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SALESVISIT = [PYTHON, "-m", "salesvisit_cli"]
TYPER_FLOOR = [PYTHON, "-c", "import typer"]
DB_FLOOR = [PYTHON, "-c", "import typer, rich.table, sqlmodel"]
SMALL = {"reps": 1, "customers": 500, "months": 3}
LARGE = {"reps": 50, "customers": 20_000, "months": 60}
IMPORT_ROWS = 100_000


@dataclass
class Measure:
    seconds: float
    max_rss_kib: int


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
    return Measure(elapsed, usage.ru_maxrss)


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
    return Measure(
        statistics.median(m.seconds for m in found),
        int(statistics.median(m.max_rss_kib for m in found)),
    )


def paired(
    command: list[str], env: dict[str, str], floor: list[str], floor_env: dict[str, str], runs: int
) -> tuple[Measure, Measure]:
    """The command and its floor run alternately, so both see the same machine load."""
    run_once(command, env)
    run_once(floor, floor_env)
    mine, base = [], []
    for _ in range(runs):
        mine.append(run_once(command, env))
        base.append(run_once(floor, floor_env))

    def middle(found: list[Measure]) -> Measure:
        return Measure(
            statistics.median(m.seconds for m in found),
            int(statistics.median(m.max_rss_kib for m in found)),
        )

    return middle(mine), middle(base)


def environment(workdir: Path, db: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESVISIT")}
    env.update(
        SALESVISIT_CONFIG=str(workdir / "config.toml"),
        SALESVISIT_REP="demo",
        NO_COLOR="1",
        COLUMNS="120",
        XDG_DATA_HOME=str(workdir / "data"),
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
    ("completion of customer names", None, "db", None),
    ("completion of visit ids", None, "db", None),
    ("visit plan", ["visit", "plan"], "db", "day"),
    ("visit report (write)", None, "db", "day"),
    ("followup", ["followup"], "db", "day"),
    ("daily", ["daily"], "db", "day"),
    ("quota", ["quota"], "db", "month"),
    ("quota --team", ["quota", "--team"], "db", "month"),
    ("customer list --search", None, "db", None),
    ("customer show", ["customer", "show", "1"], "db", None),
    ("customer pool", ["customer", "pool"], "db", None),
    ("customer list --due", ["customer", "list", "--due"], "db", None),
    ("report month --team --xlsx", None, "db", "month"),
]


def command_line(label: str, arguments: list[str] | None, db: Path) -> tuple[list[str], dict]:
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
        # Yesterday: a call already over whatever the time of day.
        arguments = ["visit", "report", "--customer", "1", "--date", "yesterday"]
        arguments += ["--start", "10:00", "--minutes", "20", "--notes", "bench"]
    if label == "customer list --search":
        arguments = ["customer", "list", "--search", search_term(db)]
    return [*SALESVISIT, *arguments], extra


def csv_file(workdir: Path) -> Path:
    """100,000 realistic, unique customers (as the demo makes them) in UTF-8."""
    path = workdir / "customers-100k.csv"
    if path.exists():
        return path
    sys.path.insert(0, str(ROOT / "src"))
    from salesvisit_cli.domain.demo_data import customer

    rng = random.Random(11)
    fields = ["name", "tier", "status", "contact", "phone", "address", "industry", "size",
              "source", "hours", "web"]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        for number in range(1, IMPORT_ROWS + 1):
            row = customer(rng, number)
            row["name"] = f"{row['name']} No.{number}"
            writer.writerow(["" if row[f] is None else row[f] for f in fields])
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


def import_rows(workdir: Path, runs: int) -> list[tuple[str, Measure | None]]:
    source = csv_file(workdir)
    target = workdir / "import.db"

    def fresh() -> None:
        for leftover in workdir.glob("import.db*"):
            leftover.unlink()

    env = environment(workdir, target)
    tools: list[tuple[str, list[str] | None]] = [
        ("salesvisit customer import", [*SALESVISIT, "customer", "import", str(source)])
    ]
    tool = sqlite_utils(workdir)
    tools.append(
        (
            "sqlite-utils insert --csv",
            [*tool, "insert", str(target), "customer", str(source), "--csv"] if tool else None,
        )
    )
    shell = shutil.which("sqlite3")
    tools.append(
        (
            "sqlite3 .import --csv",
            [shell, str(target), f".import --csv {source} customer"] if shell else None,
        )
    )
    # Rounds of one run each, so every tool sees the same machine load.
    runs_of: dict[str, list[Measure]] = {label: [] for label, _ in tools}
    for round_number in range(runs + 1):
        for label, command in tools:
            if command is None:
                continue
            fresh()
            measure = run_once(command, env)
            if round_number:  # the first round warms the caches
                runs_of[label].append(measure)
    return [
        (
            label,
            Measure(
                statistics.median(m.seconds for m in runs_of[label]),
                int(statistics.median(m.max_rss_kib for m in runs_of[label])),
            )
            if runs_of[label]
            else None,
        )
        for label, _ in tools
    ]


HELP_GOAL, LANGUAGE_GOAL = 1.5, 1.05
LANGUAGE_COMMANDS = [
    ["visit", "plan"],
    ["followup"],
    ["quota"],
    ["daily", "yesterday"],
]


def in_language(env: dict[str, str], language: str) -> dict[str, str]:
    """`env` choosing the interface language as a user would (LANG; nothing overriding it)."""
    chosen = {k: v for k, v in env.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    chosen["LANG"] = "zh_CN.UTF-8" if language == "zh-CN" else "C.UTF-8"
    return chosen


def _goal(ratio: float, goal: float) -> str:
    return f"{ratio:.2f}x | <= {goal}x | {'met' if ratio <= goal else 'MISSED'}"


def language_rows(workdir: Path, db: Path, size: str, runs: int) -> list[str]:
    """`--help` per language against `import typer`; database commands zh-CN against en."""
    env = environment(workdir)
    lines = [
        "",
        "Interface languages (en, zh-CN):",
        "",
        "| command | language | s | against | ratio | goal | |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for arguments in (["--help"], ["visit", "plan", "--help"]):
        for language in ("en", "zh-CN"):
            mine, floor = paired(
                [*SALESVISIT, *arguments], in_language(env, language), TYPER_FLOOR, env, runs
            )
            lines.append(
                f"| `{' '.join(arguments)}` | {language} | {mine.seconds:.3f} | `import typer` "
                f"{floor.seconds:.3f} | {_goal(mine.seconds / floor.seconds, HELP_GOAL)} |"
            )
            print(lines[-1], flush=True)
    with_db = environment(workdir, db)
    for arguments in LANGUAGE_COMMANDS:
        chinese, english = paired(
            [*SALESVISIT, *arguments], in_language(with_db, "zh-CN"),
            [*SALESVISIT, *arguments], in_language(with_db, "en"), runs,
        )  # fmt: skip
        lines.append(
            f"| `{' '.join(arguments)}` ({size}) | zh-CN | {chinese.seconds:.3f} | en "
            f"{english.seconds:.3f} | {_goal(chinese.seconds / english.seconds, LANGUAGE_GOAL)} |"
        )
        print(lines[-1], flush=True)
    return lines


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
    parser.add_argument(
        "--languages-only", action="store_true", help="only the en / zh-CN comparison"
    )
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument(
        "--only", action="append", help="only the commands whose label holds this (repeatable)"
    )
    options = parser.parse_args()
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="salesvisit-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    runs = options.runs

    if options.languages_only:  # quick: the small database only
        print("\n".join(language_rows(workdir, build_demo(workdir, "small", SMALL), "small", runs)))
        return
    small, large = build_demo(workdir, "small", SMALL), build_demo(workdir, "large", LARGE)
    env = environment(workdir)
    floors = {"typer": median(TYPER_FLOOR, env, runs), "db": median(DB_FLOOR, env, runs)}
    lines = [
        f"Machine: {machine()}; median of {runs} runs each (after one warm-up run); each "
        "ratio to a floor uses the floor's runs interleaved with that command's.",
        f"Large database: {LARGE['reps']} reps, {LARGE['customers']:,} customers, "
        f"{LARGE['months']} months; small: {SMALL['reps']} rep, {SMALL['customers']} customers, "
        f"{SMALL['months']} months.",
        "",
        "| command | floor | small s | large s | large / floor | large / small "
        "| peak MiB | peak / floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        f"| floor `import typer` | | {floors['typer'].seconds:.3f} | | | | "
        f"{floors['typer'].max_rss_kib / 1024:.1f} | |",
        f"| floor `import typer, rich.table, sqlmodel` | | {floors['db'].seconds:.3f} | | | | "
        f"{floors['db'].max_rss_kib / 1024:.1f} | |",
    ]
    floor_commands = {"typer": TYPER_FLOOR, "db": DB_FLOOR}
    for label, arguments, floor_name, scope in COMMANDS:
        if options.only and not any(part in label for part in options.only):
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
        lines.append(
            f"| `{label}` | {floor_name} | {little.seconds:.3f} | {big.seconds:.3f} | "
            f"{big.seconds / floor.seconds:.2f}x | "
            f"{big.seconds / little.seconds:.2f}x{' (' + scope + ')' if scope else ''} | "
            f"{big.max_rss_kib / 1024:.1f} | {big.max_rss_kib / floor.max_rss_kib:.2f}x |"
        )
        print(lines[-1], flush=True)
    lines += language_rows(workdir, large, "large", runs)
    if not options.skip_import:
        found = import_rows(workdir, max(3, runs // 2))
        baseline = dict(found)
        utils, shell = (
            baseline.get("sqlite-utils insert --csv"),
            baseline.get("sqlite3 .import --csv"),
        )
        lines += [
            "",
            f"Import of {IMPORT_ROWS:,} CSV rows into a new database:",
            "",
            "| tool | s | / sqlite-utils | / sqlite3 shell | peak MiB |",
            "|---|---:|---:|---:|---:|",
        ]
        for label, measure in found:
            if measure is None:
                lines.append(f"| {label} | (not available) | | | |")
                continue
            lines.append(
                f"| {label} | {measure.seconds:.2f} | "
                f"{measure.seconds / utils.seconds if utils else float('nan'):.2f}x | "
                f"{measure.seconds / shell.seconds if shell else float('nan'):.2f}x | "
                f"{measure.max_rss_kib / 1024:.1f} |"
            )
    text = "\n".join(lines)
    print()
    print(text)
    if options.markdown:
        options.markdown.write_text(text + "\n", encoding="utf-8")
    if not options.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
