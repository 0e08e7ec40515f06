"""The interface languages (issue #14): is Chinese as cheap as English?

`--help` in `en` and `zh-CN` against the `import typer` floor (goal <= 1.5x: the catalog is loaded
lazily), and the database commands in `zh-CN` against the same commands in `en` (goal <= 1.05x),
each run alternately with what it is compared to (benchmarks/run.py's `paired`), on the small
and the large demo database. Each row gives the wall-clock and the CPU seconds (user + system:
on a shared machine they move much less) and both ratios; a goal is met when the CPU ratio
meets it (the wall-clock ratio beside it). `make bench` runs it after benchmarks/run.py.

Usage: python benchmarks/languages.py [--runs N] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from run import (
    LARGE,
    SALESVISIT,
    SMALL,
    TYPER_FLOOR,
    Measure,
    build_demo,
    environment,
    paired,
    uptime,
)

HELP_GOAL, LANGUAGE_GOAL = 1.5, 1.05
LANGUAGE_COMMANDS = [["visit", "plan"], ["followup"], ["quota"], ["daily", "yesterday"]]


def in_language(env: dict[str, str], language: str) -> dict[str, str]:
    """`env` choosing the interface language as a user would (LANG; nothing overriding it)."""
    chosen = {k: v for k, v in env.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    chosen["LANG"] = "zh_CN.UTF-8" if language == "zh-CN" else "C.UTF-8"
    return chosen


def _row(
    command: str, language: str, mine: Measure, against: str, base: Measure, goal: float
) -> str:
    """One table row: seconds and CPU seconds of both sides, both ratios, the goal (on CPU)."""
    wall, cpu = mine.seconds / base.seconds, mine.cpu_seconds / base.cpu_seconds
    return (
        f"| {command} | {language} | {mine.seconds:.3f} | {mine.cpu_seconds:.3f} | {against} "
        f"{base.seconds:.3f} ({base.cpu_seconds:.3f}) | {wall:.2f}x | {cpu:.2f}x | <= {goal}x | "
        f"{'met' if cpu <= goal else 'MISSED'} |"
    )


def language_rows(workdir: Path, databases: dict[str, Path], runs: int) -> list[str]:
    """`--help` per language against `import typer`; database commands zh-CN against en."""
    env = environment(workdir)
    lines = [
        f"Interface languages (en, zh-CN; {uptime()}; median of {runs}):",
        "",
        "| command | language | s | CPU s | against: s (CPU s) | ratio | CPU ratio | goal | |",
        "|---|---|---:|---:|---|---:|---:|---:|---|",
    ]
    for arguments in (["--help"], ["visit", "plan", "--help"]):
        for language in ("en", "zh-CN"):
            mine, floor = paired(
                [*SALESVISIT, *arguments], in_language(env, language), TYPER_FLOOR, env, runs
            )
            command = f"`{' '.join(arguments)}`"
            lines.append(_row(command, language, mine, "`import typer`", floor, HELP_GOAL))
            print(lines[-1], flush=True)
    for size, db in databases.items():
        with_db = environment(workdir, db)
        for arguments in LANGUAGE_COMMANDS:
            chinese, english = paired(
                [*SALESVISIT, *arguments], in_language(with_db, "zh-CN"),
                [*SALESVISIT, *arguments], in_language(with_db, "en"), runs,
            )  # fmt: skip
            command = f"`{' '.join(arguments)}` ({size})"
            lines.append(_row(command, "zh-CN", chinese, "en", english, LANGUAGE_GOAL))
            print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--small-only", action="store_true", help="skip the large database")
    options = parser.parse_args()
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="salesvisit-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    databases = {"small": build_demo(workdir, "small", SMALL)}
    if not options.small_only:
        databases["large"] = build_demo(workdir, "large", LARGE)
    language_rows(workdir, databases, options.runs)


if __name__ == "__main__":
    main()
