"""The interface languages (issue #14): is Chinese as cheap as English?

`--help` in `en` and `zh-CN` against the `import typer` floor (goal <= 1.5x: the catalog is loaded
lazily), and the database commands in `zh-CN` against the same commands in `en` (goal <= 1.05x),
each run alternately with what it is compared to (benchmarks/run.py's `paired`), each with its
goal and whether it was met. `make bench` runs it after benchmarks/run.py.

Usage: python benchmarks/languages.py [--runs N] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from run import LARGE, SALESVISIT, SMALL, TYPER_FLOOR, build_demo, environment, paired, uptime

HELP_GOAL, LANGUAGE_GOAL = 1.5, 1.05
LANGUAGE_COMMANDS = [["visit", "plan"], ["followup"], ["quota"], ["daily", "yesterday"]]


def in_language(env: dict[str, str], language: str) -> dict[str, str]:
    """`env` choosing the interface language as a user would (LANG; nothing overriding it)."""
    chosen = {k: v for k, v in env.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    chosen["LANG"] = "zh_CN.UTF-8" if language == "zh-CN" else "C.UTF-8"
    return chosen


def _goal(ratio: float, goal: float) -> str:
    return f"{ratio:.2f}x | <= {goal}x | {'met' if ratio <= goal else 'MISSED'}"


def language_rows(workdir: Path, databases: dict[str, Path], runs: int) -> list[str]:
    """`--help` per language against `import typer`; database commands zh-CN against en."""
    env = environment(workdir)
    lines = [
        f"Interface languages (en, zh-CN; {uptime()}; median of {runs}):",
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
    for size, db in databases.items():
        with_db = environment(workdir, db)
        for arguments in LANGUAGE_COMMANDS:
            chinese, english = paired(
                [*SALESVISIT, *arguments], in_language(with_db, "zh-CN"),
                [*SALESVISIT, *arguments], in_language(with_db, "en"), runs,
            )  # fmt: skip
            ratio = chinese.seconds / english.seconds
            lines.append(
                f"| `{' '.join(arguments)}` ({size}) | zh-CN | {chinese.seconds:.3f} | en "
                f"{english.seconds:.3f} | {_goal(ratio, LANGUAGE_GOAL)} |"
            )
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
