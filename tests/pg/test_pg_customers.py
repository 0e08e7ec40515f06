"""The customer commands, `db check` and migrations against PostgreSQL through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres


def test_add_show_edit_list_on_postgres(pg_cli):
    added = pg_cli(
        "customer", "add", "上海华美贸易有限公司", "--tier", "key", "--status", "client",
        "--contact", "王经理", "--phone", "021 5555 0101", "--hours", "09:00-17:30", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    customer = added.json()
    assert customer["owner"] == "alice" and customer["tier"] == "key"
    assert customer["created_at"]

    shown = pg_cli("customer", "show", "华美", "--json")
    assert shown.exit_code == 0, shown.stderr
    assert shown.json()["id"] == customer["id"] and shown.json()["hours"] == "09:00-17:30"

    edited = pg_cli("customer", "edit", str(customer["id"]), "--tier", "normal", "--json")
    assert edited.exit_code == 0, edited.stderr
    assert edited.json()["tier"] == "normal" and edited.json()["contact"] == "王经理"

    again = pg_cli("customer", "add", "上海华美贸易 公司")
    assert again.exit_code == 1 and again.stderr.startswith("Error: ")
    assert f"id {customer['id']}" in again.stderr
    assert "Traceback" not in again.stderr

    listed = pg_cli("customer", "list", "--tier", "normal", "--json")
    assert [c["id"] for c in listed.json()] == [customer["id"]]
    assert pg_cli("customer", "list", "--tier", "key", "--json").json() == []


def test_search_treats_like_wildcards_literally(pg_cli):
    for name in (
        "100% Cotton Ltd",
        "1000 Cottons",
        "under_score Co",
        "underXscore Co",
        "back\\slash",
    ):
        assert pg_cli("customer", "add", name).exit_code == 0
    assert [c["name"] for c in pg_cli("customer", "list", "-s", "0%", "--json").json()] == [
        "100% Cotton Ltd"
    ]
    assert [c["name"] for c in pg_cli("customer", "list", "-s", "r_s", "--json").json()] == [
        "under_score Co"
    ]
    assert [c["name"] for c in pg_cli("customer", "list", "-s", "k\\s", "--json").json()] == [
        "back\\slash"
    ]
    shown = pg_cli("customer", "show", "0% cot", "--json")
    assert shown.exit_code == 0, shown.stderr
    assert shown.json()["name"] == "100% Cotton Ltd"


def test_import_then_export_round_trip(pg_cli, tmp_path: Path):
    source = tmp_path / "leads.csv"
    source.write_text(
        "企业名称,地址,负责人,电话,行业\n"
        "杭州绿叶食品有限公司,杭州市西湖区1号,李女士,0571 8888 0001,食品\n"
        "Blue River Foods,1 Main St,Ann,+1 555 0101,food\n",
        encoding="gb18030",
    )
    imported = pg_cli("customer", "import", str(source), "--json")
    assert imported.exit_code == 0, imported.stderr
    rows = pg_cli("customer", "list", "--json").json()
    assert {c["name"] for c in rows} == {"杭州绿叶食品有限公司", "Blue River Foods"}

    bad = tmp_path / "bad.csv"
    bad.write_text("name,hours\nGood Co,09:00-17:00\nBad Co,25:00-26:00\n", encoding="utf-8")
    refused = pg_cli("customer", "import", str(bad))
    assert refused.exit_code == 1
    assert len(pg_cli("customer", "list", "--json").json()) == 2  # all or nothing

    out = tmp_path / "out.json"
    exported = pg_cli("customer", "export", "--format", "json", "--output", str(out))
    assert exported.exit_code == 0, exported.stderr
    assert {c["name"] for c in json.loads(out.read_text())} == {c["name"] for c in rows}
    as_csv = pg_cli("customer", "export")
    assert as_csv.exit_code == 0 and "杭州绿叶食品有限公司" in as_csv.stdout


def test_db_check_and_path(pg_cli, pg_db):
    checked = pg_cli("db", "check", "--json")
    assert checked.exit_code == 0, checked.stderr
    assert checked.json()["ok"] is True
    shown = pg_cli("db", "path")
    assert shown.stdout.strip().startswith("postgresql+psycopg://") and pg_db.name in shown.stdout


def test_a_fresh_database_is_created_once_and_reopened(pg_db):
    from sqlalchemy import text

    from salesvisit_cli.store.engine import open_store
    from salesvisit_cli.store.migrations import CURRENT_VERSION, migrate

    store = open_store(pg_db.url)
    try:
        with store.read() as connection:
            version = connection.execute(
                text("SELECT value FROM meta WHERE key = 'schema_version'")
            ).scalar()
        assert int(version) == CURRENT_VERSION
        assert migrate(store) == CURRENT_VERSION  # nothing to do the second time
    finally:
        store.close()
    second = open_store(pg_db.url)
    second.close()


def test_a_newer_schema_is_refused(pg_cli, pg_db):
    from salesvisit_cli.store.migrations import CURRENT_VERSION

    assert pg_cli("customer", "add", "Acme").exit_code == 0
    with pg_db.connect(autocommit=True) as admin:
        admin.execute(
            "UPDATE meta SET value = %s WHERE key = 'schema_version'", [str(CURRENT_VERSION + 1)]
        )
    refused = pg_cli("customer", "list")
    assert refused.exit_code == 1
    assert "newer than this salesvisit knows" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.slow
def test_first_open_by_several_processes_at_once(pg_db):
    """Four processes open a brand-new database together: one creates it, none fails."""
    script = textwrap.dedent(
        """
        import sys
        from salesvisit_cli.store.engine import open_store
        open_store(sys.argv[1]).close()
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, pg_db.url], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()


_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from typer.testing import CliRunner
    from salesvisit_cli.cli.app import app

    worker, count, gate, what = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    while not os.path.exists(gate):  # start together
        time.sleep(0.01)
    failures = 0
    for n in range(count):
        if what == "report":
            args = ["visit", "report", "--customer", f"Worker {worker} customer",
                    "--date", f"2025-01-{n + 1:02d}", "--start", "10:00", "--minutes", "20",
                    "--notes", f"call {n}"] + (["--booking", "10 cartons"] if n % 5 == 0 else [])
        else:
            args = ["customer", "add", f"Worker {worker} customer {n}"]
        result = CliRunner().invoke(app, ["--rep", f"rep{worker}", *args])
        if result.exit_code != 0:
            failures += 1
            sys.stderr.write(f"{n}: {result.output}\\n")
    sys.exit(1 if failures else 0)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("what", ["report", "customer"])
def test_four_writers_at_once_lose_nothing(what, pg_db, pg_cli, tmp_path: Path):
    """4 processes × 25 writes (`visit report`, or `customer add`) at once: all stored."""
    for worker in range(4):
        assert pg_cli("rep", "add", f"rep{worker}").exit_code == 0
        if what == "report":
            made = pg_cli("--rep", f"rep{worker}", "customer", "add", f"Worker {worker} customer")
            assert made.exit_code == 0, made.stderr
    assert pg_cli("db", "check").exit_code == 0  # the schema exists before the race
    gate = tmp_path / "go"
    env = {**os.environ, "SALESVISIT_DB": pg_db.url, "SALESVISIT_CONFIG": str(tmp_path / "c.toml")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(worker), "25", str(gate), what],
            env=env,
            stderr=subprocess.PIPE,
        )
        for worker in range(4)
    ]
    gate.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    with pg_db.connect() as conn:
        if what == "report":
            per_rep = dict(
                conn.execute(
                    "SELECT r.name, count(*) FROM visit v JOIN rep r ON r.id = v.rep_id "
                    "WHERE v.status = 'done' GROUP BY r.name"
                ).fetchall()
            )
            assert per_rep == {f"rep{w}": 25 for w in range(4)}
            bookings = conn.execute("SELECT count(*) FROM followup WHERE kind = 'booking'")
            assert bookings.fetchone()[0] == 4 * 5
            firsts = conn.execute("SELECT DISTINCT first_visit_on FROM customer").fetchall()
            assert [str(row[0]) for row in firsts] == ["2025-01-01"]
        else:
            rows = conn.execute("SELECT r.name FROM customer c JOIN rep r ON r.id = c.owner_id")
            names = [row[0] for row in rows]
            assert len(names) == 100
            assert set(names) == {f"rep{w}" for w in range(4)}
