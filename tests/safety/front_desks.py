"""Two front-desk processes registering walk-ins at the same minute (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from salesvisit_cli.domain.reception import next_on_duty
from tests.safety.helpers import env_for, run

WALKINS_EACH = 6
GROUP = ("Zhang", "Li Na", "Chen")
# Each desk is its own process running the real CLI, its clock frozen at the same minute.
DESK = textwrap.dedent(
    """
    import sys, datetime, time_machine
    from typer.testing import CliRunner
    from salesvisit_cli.cli.app import app
    desk, count = sys.argv[1], int(sys.argv[2])
    failures = []
    with time_machine.travel(datetime.datetime(2026, 12, 3, 9, 0), tick=False):
        runner = CliRunner()
        for number in range(count):
            result = runner.invoke(app, ["reception", "walkin", f"{desk} walk-in {number}",
                                         "--source", "web"])
            if result.exit_code != 0:
                failures.append(f"{number}: {result.output.strip()[:200]}")
    print("\\n".join(failures))
    sys.exit(1 if failures else 0)
    """
)


def set_up_office(db: str, *, as_rep: str, day: str = "2026-12-03", **env: str) -> None:
    """A manager, the duty group of `day` (the desks' day), two front-desk logins."""
    steps = [["rep", "add", "Wang Li", "--manager"]]
    steps += [["rep", "add", name] for name in GROUP]
    steps += [["rep", "add", desk, "--reception"] for desk in ("Desk A", "Desk B")]
    steps += [["duty", "set", day, *GROUP]]
    for step in steps:
        done = run(step, db, rep=as_rep, **env)
        assert done.returncode == 0, done.stderr


def two_desks_at_once(urls: dict[str, str], **env: str) -> None:
    """Desk A and Desk B (each with its own database URL) register at the same minute."""
    desks = [
        subprocess.Popen(
            [sys.executable, "-c", DESK, desk, str(WALKINS_EACH)],
            env=env_for(url, rep=desk, **env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for desk, url in urls.items()
    ]
    for desk in desks:
        out, err = desk.communicate(timeout=600)
        assert desk.returncode == 0, (out[-2000:], err[-2000:])


def assert_each_assigned_once_in_round_order(
    db: str, *, as_rep: str, day: str = "2026-12-03", **env: str
) -> None:
    """Every walk-in was registered once, to one salesperson, and the round, replayed in the
    order of registration, gives exactly the salespeople the desks were told."""
    shown = run(["reception", day, "--json"], db, rep=as_rep, **env)
    assert shown.returncode == 0, shown.stderr
    entries = json.loads(shown.stdout)["entries"]
    names = [entry["customer"] for entry in entries]
    assert sorted(names) == sorted(
        f"{desk} walk-in {n}" for desk in ("Desk A", "Desk B") for n in range(WALKINS_EACH)
    )
    assert len({entry["customer_id"] for entry in entries}) == len(entries)
    received: dict[str, int] = {}
    for entry in sorted(entries, key=lambda e: e["id"]):
        assert entry["rep"] == next_on_duty(GROUP, received)
        received[entry["rep"]] = received.get(entry["rep"], 0) + 1
    assert received == {name: 2 * WALKINS_EACH // len(GROUP) for name in GROUP}
