"""`make bench` (team): a 200-salesperson, 36-month team on a throwaway PostgreSQL 15 cluster.

The cluster is the tests' own (`tests/pg/cluster.py`: unix socket only, trust auth), started
here with durable writes (fsync and synchronous commit on) and room for 100 clients. The team
is built by `salesvisit demo` (COPY into the tables) as the database owner, a manager is
added, and `team init` gives everyone their own login with row-level security on. Then, over
the unix socket, each through their own login:

- the manager: `quota --team`, `daily --team`, `followup --team`;
- a salesperson: `visit plan`, `visit report`;
  each goal: <= 1.5x the floor `python -c "import typer, rich.table, sqlalchemy"`, timed in
  the same rounds;
- 100 `visit report` processes at once from 20 salesperson logins (5 each, each its own
  customer, each a valid report: yesterday at a night-time minute of its own, 3 minutes long,
  so no report overlaps another nor a visit of the demo history): goal zero errors and zero
  lost reports, every stored report at its own time; p50/p95 latency (launch to exit).

The built cluster (stopped) is kept in the benchmark cache once a day per schema version; a
re-run copies it and starts the copy.

Usage: python benchmarks/team_pg.py [--runs N] [--skip-big] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from figures import (
    FLOOR,
    FLOOR_LABEL,
    NICE,
    PYTHON,
    ROOT,
    SALESVISIT,
    Table,
    cache_dir,
    cache_key,
    forget_stale,
    night_call,
    ratio,
    rounds,
)

sys.path.insert(0, str(ROOT))

from tests.pg.cluster import Cluster, bin_dir, start_cluster, stop_cluster

# The team: a 20-salesperson demo ten times over (`replicate.py`), 200 salespeople, 36 months.
TEAM = {"reps": 20, "customers": 8_000, "months": 36, "copies": 10}
SMALL_TEAM = {"reps": 21, "customers": 2_000, "months": 3, "copies": 1}  # --skip-big
OWNER, DATABASE, MANAGER = "sv_bench_owner", "salesvisit", "Manager Wang"
FLOOR_GOAL = 1.5
CONCURRENT, LOGINS = 100, 20
HERE = Path(__file__).resolve().parent
SETTINGS = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on",
            "max_connections": "130", "shared_buffers": "128MB"}  # fmt: skip
# The floor with the PostgreSQL driver and SQLAlchemy's dialect for it: what any client pays.
DRIVER_FLOOR = [PYTHON, "-c", "import typer, rich.table, sqlalchemy, psycopg, "
                "sqlalchemy.dialects.postgresql.psycopg"]  # fmt: skip
REPORT = ["visit", "report", "--again", "--date", "yesterday"]
# The concurrent reports' times: the n-th starts at 00:00 + n * SLOT_MINUTES and lasts
# REPORT_MINUTES, all before the demo's working day; none overlaps another.
SLOT_MINUTES, REPORT_MINUTES = 4, 3


def environment(url: str | None = None, rep: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESVISIT")}
    home = cache_dir() / "home"
    home.mkdir(exist_ok=True)
    (home / "config.toml").touch()
    env.update(SALESVISIT_CONFIG=str(home / "config.toml"), NO_COLOR="1", COLUMNS="120",
               XDG_DATA_HOME=str(home / "data"))  # fmt: skip
    if url:
        env["SALESVISIT_DB"] = url
    if rep:
        env["SALESVISIT_REP"] = rep
    return env


def salesvisit(env: dict[str, str], *arguments: str, nice: bool = False) -> str:
    done = subprocess.run(
        [*(NICE if nice else []), *SALESVISIT, *arguments], env=env, capture_output=True,
        text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"salesvisit {' '.join(arguments)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def build(cluster: Cluster, size: dict[str, int]) -> dict[str, str]:
    """The team in a new database: demo history, a manager, `team init`; the logins by name."""
    with cluster.connect(autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE")
        admin.execute(f"CREATE DATABASE {DATABASE} OWNER {OWNER}")
    owner = environment(cluster.url(DATABASE, OWNER), "demo")
    started = time.perf_counter()
    arguments = [f"--{key}={value}" for key, value in size.items() if key != "copies"]
    salesvisit(owner, "demo", *arguments, "--seed", "7", nice=True)
    if size["copies"] > 1:
        code = f"import replicate; replicate.replicate_database({owner['SALESVISIT_DB']!r}, "
        code += f"{size['copies']})"
        subprocess.run([*NICE, PYTHON, "-c", code], cwd=HERE, env=owner, check=True)
    built = time.perf_counter() - started
    salesvisit(owner, "rep", "add", MANAGER, "--manager")
    members = json.loads(salesvisit(owner, "team", "init", "--yes", "--json"))["members"]
    with cluster.connect(DATABASE, OWNER, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    print(f"built the team {size} in {built:.0f} s (+ team init)", flush=True)
    return {member["rep"]: member["role"] for member in members}


def team_size(size: dict[str, int]) -> int:
    return size["reps"] * size["copies"]


def cached_cluster(bin_path: Path, size: dict[str, int]) -> tuple[Cluster, dict[str, str]]:
    """A running cluster holding the team: a copy of the cached one, or built (and cached)."""
    prefix = f"team-pg-{team_size(size)}x{size['months']}"
    name = f"{prefix}-{cache_key()}"
    kept = cache_dir() / name
    forget_stale(prefix, name)
    if not (kept / "logins.json").exists():
        cluster = start_cluster(bin_path, SETTINGS)
        try:
            logins = build(cluster, size)
        except BaseException:
            stop_cluster(cluster)
            raise
        stop_cluster(cluster, remove=False)
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir()
        subprocess.run(["cp", "-a", str(cluster.root / "data"), str(kept / "data")], check=True)
        (kept / "logins.json").write_text(json.dumps(logins), encoding="utf-8")
        shutil.rmtree(cluster.root, ignore_errors=True)
    copy = Path(tempfile.mkdtemp(prefix="svpg-copy-", dir="/tmp"))
    subprocess.run(["cp", "-a", str(kept / "data"), str(copy / "data")], check=True)
    try:
        cluster = start_cluster(bin_path, SETTINGS, data=copy / "data")
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return cluster, json.loads((kept / "logins.json").read_text(encoding="utf-8"))


def customers_of(cluster: Cluster, role: str, count: int) -> list[int]:
    with cluster.connect(DATABASE, OWNER) as connection:
        found = connection.execute(
            "SELECT c.id FROM customer c JOIN rep r ON r.id = c.owner_id WHERE r.db_role = %s "
            "ORDER BY c.id LIMIT %s",
            [role, count],
        ).fetchall()
    return [row[0] for row in found]


def commands(cluster: Cluster, logins: dict[str, str], table: Table, runs: int) -> None:
    manager = environment(cluster.url(DATABASE, logins[MANAGER]))
    salesperson = environment(cluster.url(DATABASE, logins["demo"]))
    (customer,) = customers_of(cluster, logins["demo"], 1)

    def report() -> list[str]:
        return [*SALESVISIT, *night_call(), "--customer", str(customer)]

    measured = [
        ("manager", "quota --team", ["quota", "--team"], manager),
        ("manager", "daily --team", ["daily", "--team"], manager),
        ("manager", "followup --team", ["followup", "--team"], manager),
        ("salesperson", "visit plan", ["visit", "plan"], salesperson),
        ("salesperson", "visit report (write)", None, salesperson),
    ]
    for who, label, arguments, env in measured:
        mine, floor, driver = rounds(
            [([*SALESVISIT, *arguments] if arguments else report, env), (FLOOR, environment()),
             (DRIVER_FLOOR, environment())], runs,
        )  # fmt: skip
        share = mine.seconds / floor.seconds
        table.add(
            f"`{label}` as the {who}: {mine.seconds:.2f} s (cpu {mine.cpu_seconds:.2f} s), floor "
            f"{floor.seconds:.2f} s (cpu {floor.cpu_seconds:.2f} s); "
            f"{ratio(mine.seconds, driver.seconds)} the floor + psycopg",
            f"{share:.2f}x (cpu {ratio(mine.cpu_seconds, floor.cpu_seconds)})",
            f"<= {FLOOR_GOAL}x floor", share <= FLOOR_GOAL,
        )  # fmt: skip


# The minute of the day a visit starts and ends ('HH:MM' start, minutes long).
_FROM = "(split_part({v}.start, ':', 1)::int * 60 + split_part({v}.start, ':', 2)::int)"
_TO = f"({_FROM} + {{v}}.minutes)"


def _reported(cluster: Cluster, notes: str) -> tuple[int, int]:
    """How many reports of the run are stored, and how many of them overlap another completed
    visit of their salesperson that day (the report's own check, asked again of what landed)."""
    overlaps = (
        f"EXISTS (SELECT 1 FROM visit o WHERE o.rep_id = v.rep_id AND o.date = v.date "
        f"AND o.status = 'done' AND o.id <> v.id AND {_FROM.format(v='o')} < {_TO.format(v='v')} "
        f"AND {_FROM.format(v='v')} < {_TO.format(v='o')})"
    )
    with cluster.connect(DATABASE, OWNER) as connection:
        return connection.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {overlaps}) FROM visit v "
            "WHERE v.notes = %s AND v.status = 'done'",
            [notes],
        ).fetchone()


def concurrent_reports(cluster: Cluster, logins: dict[str, str], table: Table) -> None:
    """CONCURRENT `visit report` processes at once, LOGINS salespeople, each its own customer."""
    each = CONCURRENT // LOGINS
    with cluster.connect(DATABASE, OWNER) as connection:
        people = [
            name
            for (name,) in connection.execute(
                "SELECT r.name FROM rep r WHERE NOT r.is_manager AND NOT r.is_reception "
                "AND r.name <> 'demo' AND (SELECT count(*) FROM customer c "
                "WHERE c.owner_id = r.id) >= %s ORDER BY r.id LIMIT %s",
                [each, LOGINS],
            )
        ]
    notes = f"concurrent {time.time_ns()}"
    jobs = []
    for person in people:
        env = environment(cluster.url(DATABASE, logins[person]))
        for customer in customers_of(cluster, logins[person], each):
            start = divmod(len(jobs) * SLOT_MINUTES, 60)
            command = [*SALESVISIT, *REPORT, "--customer", str(customer), "--start",
                       "{:02d}:{:02d}".format(*start), "--minutes", str(REPORT_MINUTES),
                       "--notes", notes]  # fmt: skip
            jobs.append((command, env))

    def run(job) -> tuple[float, int, str]:
        command, env = job
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        return time.perf_counter() - started, done.returncode, done.stderr

    with ThreadPoolExecutor(len(jobs)) as pool:
        results = list(pool.map(run, jobs))
    errors = [stderr.strip().splitlines()[-1:] for _, code, stderr in results if code != 0]
    stored, overlapping = _reported(cluster, notes)
    lost = len(jobs) - len(errors) - stored
    latencies = sorted(seconds for seconds, _, _ in results)
    p50 = statistics.median(latencies)
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    table.add(f"{len(jobs)} concurrent `visit report` from {len(people)} logins: errors",
              str(len(errors)), "0", not errors)  # fmt: skip
    table.add("... reports lost (exit 0, no row)", str(lost), "0", lost == 0)
    table.add("... stored reports overlapping another visit", str(overlapping), "0",
              overlapping == 0)  # fmt: skip
    table.add("... latency p50 / p95 / max (launch to exit)",
              f"{p50:.2f} s / {p95:.2f} s / {latencies[-1]:.2f} s")  # fmt: skip
    if errors:
        table.notes.append(f"First errors: {errors[:3]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-big", action="store_true", help=f"a small team {SMALL_TEAM}")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    options = parser.parse_args()
    size = SMALL_TEAM if options.skip_big else TEAM
    table = Table(
        f"Team on PostgreSQL (goal 3): {team_size(size)} salespeople, "
        f"{size['customers'] * size['copies']:,} customers, {size['months']} months, logins "
        "with row-level security, unix socket; "
        f"median of {options.runs} runs interleaved with the floor {FLOOR_LABEL}"
    )
    bin_path = bin_dir()
    if bin_path is None:
        table.add("team benchmark", "not run: no PostgreSQL server binaries", "", False)
        table.finish(options.markdown)
        return
    cluster, logins = cached_cluster(bin_path, size)
    try:
        with cluster.connect(DATABASE, OWNER) as connection:
            visits = connection.execute("SELECT count(*) FROM visit").fetchone()[0]
        table.notes.append(f"{visits:,} visits; {len(logins)} logins (one manager).")
        commands(cluster, logins, table, options.runs)
        concurrent_reports(cluster, logins, table)
    finally:
        stop_cluster(cluster)
    table.finish(options.markdown)


if __name__ == "__main__":
    main()
