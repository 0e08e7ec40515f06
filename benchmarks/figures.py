"""What the scale benchmarks (`team_pg.py`, `growth.py`) share: the floor, interleaved timing
rounds, the cache of built databases, and a table of figures with their goals.

Timing is `run.run_once` (a whole process, wall time and its own peak RSS).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DB_FLOOR, Measure, machine, middle, run_once

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SALESVISIT = [PYTHON, "-m", "salesvisit_cli"]
FLOOR = DB_FLOOR
FLOOR_LABEL = "`import typer, rich.table, sqlalchemy`"
NICE = ["nice", "-n", "10"]  # builds yield the shared cores to measurements and other work


def cache_dir() -> Path:
    """Built databases are kept here, outside git ($SALESVISIT_BENCH_CACHE or
    ~/.cache/salesvisit-bench), so re-runs on the same day and schema skip the build."""
    place = os.environ.get("SALESVISIT_BENCH_CACHE")
    root = Path(place) if place else Path.home() / ".cache" / "salesvisit-bench"
    root.mkdir(parents=True, exist_ok=True)
    return root


def cache_key() -> str:
    """Today (the demo's history ends yesterday, its plans are today's) and the schema version."""
    from salesvisit_cli.store.migrations.steps import MIGRATIONS

    return f"{date.today().isoformat()}-s{len(MIGRATIONS)}"


def forget_stale(prefix: str, keep: str) -> None:
    """Remove cached builds of `prefix` other than `keep` (an older day or schema)."""
    for old in cache_dir().glob(f"{prefix}-*"):
        if old.name != keep and not old.name.startswith(keep):
            subprocess.run(["rm", "-rf", str(old)], check=False)


def night_call(day_back: int = 20) -> list[str]:
    """`visit report` arguments for a 1-minute call at a random night-time minute of one of the
    last `day_back` days: a new report each run, overlapping no demo visit (nor, almost
    surely, an earlier run's)."""
    day = date.today() - timedelta(days=random.randint(1, day_back))
    start = f"{random.randint(0, 6):02d}:{random.randint(0, 58):02d}"
    return ["visit", "report", "--again", "--date", day.isoformat(), "--start", start,
            "--minutes", "1", "--notes", "bench"]  # fmt: skip


def rounds(commands: list[tuple], runs: int) -> list[Measure]:
    """The median of `runs` runs of each command (a list, or a function making one for each
    run), run in turn (one warm-up round first), so every command sees the same load."""
    found: list[list[Measure]] = [[] for _ in commands]
    for number in range(runs + 1):
        for index, (command, env) in enumerate(commands):
            measure = run_once(command() if callable(command) else command, env)
            if number:
                found[index].append(measure)
    return [middle(runs_of) for runs_of in found]


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} (1/5 min) on {os.cpu_count()} cores"


@dataclass
class Table:
    """Figures with their goals, printed as a markdown table (and each row as it comes)."""

    title: str
    header: tuple[str, ...] = ("figure", "value", "goal", "met", "load")
    rows: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, figure: str, value: str, goal: str = "", met: bool | None = None) -> None:
        self.add_row(figure, value, goal, "" if met is None else ("met" if met else "**missed**"))

    def add_row(self, *cells: str) -> None:
        """A row of the table's own columns but the last (the machine load, added here)."""
        self.rows.append((*cells, load()))
        print(" | ".join(self.rows[-1]), flush=True)

    def markdown(self) -> str:
        lines = [self.title, "", f"Machine: {machine()}.", ""]
        lines.append("| " + " | ".join(self.header) + " |")
        lines.append("|" + "---|" * len(self.header))
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        if self.notes:
            lines += ["", *self.notes]
        return "\n".join(lines)

    def finish(self, markdown: Path | None) -> None:
        text = self.markdown()
        print()
        print(text, flush=True)
        if markdown:
            markdown.write_text(text + "\n", encoding="utf-8")


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x"
