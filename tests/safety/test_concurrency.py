"""Promise 1: concurrent writers lose nothing; a lock held too long is one clear error."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from tests.safety.helpers import assert_clean_error, env_for, run

WRITERS = 3
REPORTS_EACH = 200
CUSTOMERS = 12

# Each worker is a separate process running the real CLI in-process, REPORTS_EACH times.
WORKER = textwrap.dedent(
    """
    import sys
    from typer.testing import CliRunner
    from salesvisit_cli.cli.app import app
    worker, count, customers = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    runner = CliRunner()
    failures = []
    for number in range(count):
        # 20 reports a day, 25 minutes apart (no overlaps); --again: a customer comes back
        customer = f"Shared Customer {(worker + number) % customers}"
        day, slot = divmod(number, 20)
        start = 7 * 60 + 25 * slot
        result = runner.invoke(app, [
            "visit", "report", "--customer", customer, "--date", f"2026-10-{day + 1:02d}",
            "--start", f"{start // 60:02d}:{start % 60:02d}", "--minutes", "20", "--again",
            "--notes", f"worker {worker} report {number}",
        ] + (["--complaint", "late delivery"] if number % 10 == 0 else []))
        if result.exit_code != 0:
            failures.append(f"{number}: {result.exit_code} {result.output.strip()[:200]}")
    print("\\n".join(failures))
    sys.exit(1 if failures else 0)
    """
)


@pytest.mark.slow
def test_concurrent_writers_lose_nothing(tmp_path):
    db = tmp_path / "shared.db"
    for index in range(CUSTOMERS):
        assert run(["customer", "add", f"Shared Customer {index}"], db).returncode == 0
    for worker in range(WRITERS):
        assert run(["rep", "add", f"writer{worker}"], db).returncode == 0
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(worker), str(REPORTS_EACH), str(CUSTOMERS)],
            env=env_for(db, rep=f"writer{worker}"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(WRITERS)
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=900)
        assert worker.returncode == 0, (out[-2000:], err[-2000:])
        assert "locked" not in out + err
    with sqlite3.connect(db) as connection:
        done = connection.execute("SELECT count(*) FROM visit WHERE status = 'done'").fetchone()[0]
        complaints = connection.execute(
            "SELECT count(*) FROM followup WHERE kind = 'complaint'"
        ).fetchone()[0]
        thanks = connection.execute(
            "SELECT count(*) FROM followup WHERE kind = 'thanks'"
        ).fetchone()[0]
        orphans = connection.execute(
            "SELECT count(*) FROM visit v WHERE status = 'done' AND NOT EXISTS "
            "(SELECT 1 FROM followup f WHERE f.customer_id = v.customer_id AND f.kind = 'thanks')"
        ).fetchone()[0]
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    assert done == WRITERS * REPORTS_EACH
    assert complaints == WRITERS * (REPORTS_EACH // 10)
    # one open thank-you call per customer (its due date moves), whoever visited
    assert orphans == 0 and thanks == CUSTOMERS
    assert integrity == "ok"
    print(f"{WRITERS} writers x {REPORTS_EACH} reports: {done} stored, integrity ok")


@pytest.mark.slow
def test_a_lock_held_past_the_busy_timeout_is_one_clear_error(tmp_path):
    db = tmp_path / "held.db"
    assert run(["customer", "add", "Held Customer"], db).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('held', 'yes')")
    try:
        started = time.monotonic()
        result = run(
            ["visit", "report", "--customer", "Held Customer", "--date", "2026-11-02",
             "--start", "10:00", "--minutes", "20", "--notes", "blocked"],
            db,
        )  # fmt: skip
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    line = assert_clean_error(result)
    assert "locked" in line and "nothing was written" in line
    assert waited >= 5, waited  # it waited out the busy timeout before giving up
    listed = run(["visit", "list", "--from", "2026-11-01", "--to", "2026-11-30", "--json"], db)
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
