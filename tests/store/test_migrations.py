"""Schema versions: v1 opens and keeps its rows; upgrades back up first; newer is refused."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from salesvisit_cli.domain.customers import name_key
from salesvisit_cli.domain.errors import StoreError
from salesvisit_cli.store import migrations
from salesvisit_cli.store.engine import open_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V1 = FIXTURES / "schema_v1.db"
COUNTS = {"rep": 3, "customer": 5, "visit": 5, "followup": 4, "visit_prep": 1}


@pytest.fixture
def v1(tmp_path) -> Path:
    copy = tmp_path / "old.db"
    shutil.copyfile(V1, copy)
    return copy


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _version(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def _shape(store) -> dict[str, object]:
    """Tables → columns (name, type, nullable) and index names → columns."""
    with store.read() as connection:
        inspector = inspect(connection)
        shape = {}
        for table in inspector.get_table_names():
            shape[table] = (
                sorted(
                    (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)
                ),
                sorted((i["name"], tuple(i["column_names"])) for i in inspector.get_indexes(table)),
            )
        return shape


def test_the_fixture_is_what_make_v1_writes(tmp_path):
    again = tmp_path / "again.db"
    subprocess.run([sys.executable, str(FIXTURES / "make_v1.py"), str(again)], check=True)
    with sqlite3.connect(V1) as committed, sqlite3.connect(again) as rebuilt:
        assert list(committed.iterdump()) == list(rebuilt.iterdump())


def test_the_v1_fixture_opens_and_keeps_every_row(v1):
    assert _version(v1) == "1"
    store = open_store(v1)
    with store.read() as connection:
        assert migrations.schema_version(connection) == migrations.CURRENT_VERSION
        for table, count in COUNTS.items():
            assert connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == count
        names = dict(connection.exec_driver_sql("SELECT name, name_key FROM customer").all())
    store.close()
    assert names["上海华美贸易有限公司"] == "上海华美贸易"
    assert all(name_key(name) == key for name, key in names.items())  # the rule did not drift


def test_the_customer_commands_work_on_the_v1_fixture(v1, cli):
    listed = cli("--db", v1, "customer", "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert len(listed.json()) == COUNTS["customer"]
    shown = cli("--db", v1, "customer", "show", "华美", "--json").json()
    assert shown["owner"] == "alice" and shown["hours"] == "09:00-17:30"
    added = cli("--db", v1, "customer", "add", "New Co", "--json")
    assert added.json()["id"] == 6
    assert cli("--db", v1, "db", "check").exit_code == 0


def test_upgrading_the_fixture_gives_the_schema_of_a_new_database(v1, tmp_path):
    """Every model change needs a migration step: a migrated v1 equals a fresh database."""
    old, new = open_store(v1), open_store(tmp_path / "fresh.db")
    try:
        assert _shape(old) == _shape(new)
    finally:
        old.close()
        new.close()


def test_steps_are_ordered_and_named():
    versions = [version for version, _name, _step in migrations.STEPS]
    assert versions == list(range(1, len(versions) + 1))
    assert all(name for _version, name, _step in migrations.STEPS)
    assert versions[-1] == migrations.CURRENT_VERSION


def test_a_new_database_is_stamped_with_the_current_version(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    assert _version(path) == str(migrations.CURRENT_VERSION)


def _add_step(monkeypatch, step) -> int:
    target = migrations.CURRENT_VERSION + 1
    steps = [*migrations.STEPS, (target, "test step", step)]
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(migrations, "CURRENT_VERSION", target)
    return target


def test_an_upgrade_backs_up_first_then_runs_the_new_steps(v1, monkeypatch):
    def add_column(connection):
        connection.exec_driver_sql("ALTER TABLE customer ADD COLUMN region VARCHAR")
        connection.exec_driver_sql("UPDATE customer SET region = 'east'")

    target = _add_step(monkeypatch, add_column)
    store = open_store(v1)
    store.close()
    assert _version(v1) == str(target)
    assert all(_count(v1, table) == count for table, count in COUNTS.items())
    with sqlite3.connect(v1) as connection:
        assert {r[0] for r in connection.execute("SELECT region FROM customer")} == {"east"}
    backups = list(v1.parent.glob("old.db.v1-*.bak"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    assert _version(backups[0]) == "1"
    assert all(_count(backups[0], table) == count for table, count in COUNTS.items())
    open_store(v1).close()  # already current: no second backup
    assert len(list(v1.parent.glob("old.db.v1-*.bak"))) == 1


def test_a_failing_step_changes_nothing(v1, monkeypatch):
    def half_done(connection):
        connection.exec_driver_sql("ALTER TABLE customer ADD COLUMN region VARCHAR")
        connection.exec_driver_sql("DELETE FROM followup")
        raise RuntimeError("step failed")

    _add_step(monkeypatch, half_done)
    with pytest.raises(RuntimeError, match="step failed"):
        open_store(v1)
    assert _version(v1) == "1"
    assert _count(v1, "followup") == COUNTS["followup"]
    with sqlite3.connect(v1) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(customer)")]
    assert "region" not in columns


def test_a_newer_database_is_refused_untouched(v1):
    with sqlite3.connect(v1) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = _dump(v1)
    with pytest.raises(StoreError, match=r"schema version 99, newer than this salesvisit knows"):
        open_store(v1)
    assert _dump(v1) == before
    assert not list(v1.parent.glob("*.bak"))


def test_a_database_that_is_not_ours_is_never_overwritten(tmp_path):
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    with pytest.raises(StoreError, match="not made by salesvisit"):
        open_store(foreign)
    with sqlite3.connect(foreign) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"invoices"}


def test_a_database_with_only_a_view_is_not_empty(tmp_path):
    foreign = tmp_path / "view.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE VIEW answer AS SELECT 42 AS value")
    with pytest.raises(StoreError, match="not made by salesvisit"):
        open_store(foreign)
