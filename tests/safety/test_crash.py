"""Promise 2: a SIGKILL at any moment loses nothing committed and leaves nothing half-done."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.safety.helpers import env_for, run

ROWS = 20_000
ROUNDS = 10


def _customer_count(db: Path) -> int:
    """Counted straight from the file (read-only): cheap however many rounds committed."""
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT count(*) FROM customer").fetchone()[0]


def _write_csv(path: Path, prefix: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("name,contact,phone,address,tier,status,hours,note\n")
        for i in range(ROWS):
            out.write(
                f"{prefix} Company {i},Contact {i},021 5555 {i % 10000:04d},{i} Main Street,"
                f"{'key' if i % 7 == 0 else 'normal'},prospect,09:00-17:30,note {i}\n"
            )


@pytest.mark.slow
def test_killed_imports_are_all_or_nothing(tmp_path):
    db = tmp_path / "crash.db"
    assert run(["customer", "add", "Existing Customer Ltd"], db).returncode == 0
    rng = random.Random(20261126)
    # Calibrate: how long does a whole import take on this machine right now?
    calibration = tmp_path / "calibration.csv"
    _write_csv(calibration, "Calibration")
    started = time.monotonic()
    assert run(["customer", "import", str(calibration)], tmp_path / "scratch.db").returncode == 0
    duration = time.monotonic() - started
    calibration.unlink()
    expected = 1
    outcomes = []
    for round_number in range(ROUNDS):
        csv_path = tmp_path / f"round{round_number}.csv"
        _write_csv(csv_path, f"R{round_number}")
        process = subprocess.Popen(
            [sys.executable, "-m", "salesvisit_cli", "customer", "import", str(csv_path)],
            env=env_for(db),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Spread the kills over start-up, validation, the inserts and the commit.
        time.sleep(duration * (0.08 + 0.16 * round_number) * rng.uniform(0.9, 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed = process.returncode == -signal.SIGKILL
        check = run(["db", "check", "--full"], db)
        assert check.returncode == 0, check.stderr
        count = _customer_count(db)
        assert count in (expected, expected + ROWS), (round_number, count, expected)
        outcomes.append("killed-before-commit" if count == expected else "committed")
        expected = count
        csv_path.unlink()
        if not killed:
            outcomes[-1] += " (finished before the kill)"
    print(f"crash rounds (import takes {duration:.1f} s):", outcomes)


@pytest.mark.slow
def test_killed_reports_leave_the_report_and_its_followups_together(tmp_path):
    """Each report creates a booking, a complaint and a thanks follow-up and a next visit."""
    import sqlite3

    db = tmp_path / "reports.db"
    for index in range(25):
        assert run(["customer", "add", f"Kill Customer {index}"], db).returncode == 0
    started = time.monotonic()
    assert run(["customer", "list"], db).returncode == 0
    startup = time.monotonic() - started
    rng = random.Random(7)
    for round_number in range(15):
        process = subprocess.Popen(
            [sys.executable, "-m", "salesvisit_cli", "visit", "report",
             "--customer", f"Kill Customer {round_number}", "--date", "2026-11-02",
             "--start", "10:00", "--minutes", "20", "--notes", "killed?",
             "--booking", "100 boxes", "--complaint", "slow delivery",
             "--next", "2030-01-07 10:00"],
            env=env_for(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.3, 1.6) * startup)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with sqlite3.connect(db) as connection:
            done = connection.execute(
                "SELECT customer_id FROM visit WHERE status = 'done' ORDER BY customer_id"
            ).fetchall()
            for kind in ("booking", "complaint", "thanks"):
                found = connection.execute(
                    "SELECT customer_id FROM followup WHERE kind = ? ORDER BY customer_id", (kind,)
                ).fetchall()
                assert found == done, (round_number, kind)
            planned = connection.execute(
                "SELECT customer_id FROM visit WHERE status = 'planned' ORDER BY customer_id"
            ).fetchall()
            assert planned == done, round_number
            clients = connection.execute(
                "SELECT id FROM customer WHERE status = 'client' ORDER BY id"
            ).fetchall()
            assert clients == done, round_number
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    print(f"report kill rounds: 15, reports that committed: {len(done)}")
