"""Schema versions: every fixture upgrades to the schema of a new database and keeps its rows;
upgrades back up first; the models match the migrated schema; what we cannot vouch for is
refused untouched."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from salesvisit_cli.domain.customers import name_key
from salesvisit_cli.domain.errors import StoreError
from salesvisit_cli.store import migrations
from salesvisit_cli.store.engine import open_store
from tests.store.schema_shape import schema_shape

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V1 = FIXTURES / "schema_v1.db"
SHIPPED = sorted(FIXTURES.glob("schema_v*.db"))
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


def _sqlite_schema(path: Path) -> dict[str, object]:
    """The normalised shape plus SQLite's own text of every table and index."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            master = connection.exec_driver_sql(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
            ).all()
            return {"shape": schema_shape(connection), "sqlite_master": master}
    finally:
        engine.dispose()


def _logged(path: Path) -> list[tuple[str, bool]]:
    """The migration log: (name, has a time) in version order."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(f"SELECT name, applied_at FROM {migrations.LOG_TABLE}").fetchall()
    return sorted((name, applied is not None) for name, applied in rows)


@pytest.mark.parametrize("fixture", SHIPPED, ids=lambda path: path.stem)
def test_each_fixture_is_what_make_fixture_writes(fixture, tmp_path):
    """The steps a fixture was made with are frozen: rebuilding it gives the same database."""
    version = fixture.stem.removeprefix("schema_v")
    again = tmp_path / "again.db"
    script = FIXTURES / "make_fixture.py"
    subprocess.run([sys.executable, str(script), version, str(again)], check=True)
    with sqlite3.connect(fixture) as committed, sqlite3.connect(again) as rebuilt:
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


def test_a_fixture_ships_for_every_version_before_the_current_one():
    """A new step comes with the fixture of the version it starts from."""
    shipped = {int(path.stem.removeprefix("schema_v")) for path in SHIPPED}
    missing = set(range(1, migrations.CURRENT_VERSION)) - shipped
    assert not missing, (
        f"no fixture of schema version(s) {sorted(missing)}: write it with "
        "`python tests/fixtures/make_fixture.py N` and commit tests/fixtures/schema_vN.db"
    )


@pytest.mark.parametrize("fixture", SHIPPED, ids=lambda path: path.stem)
def test_every_fixture_upgrades_to_the_schema_of_a_new_database(fixture, tmp_path):
    """A new database and an old one run the same frozen steps and end up identical."""
    old, fresh = tmp_path / "old.db", tmp_path / "fresh.db"
    shutil.copyfile(fixture, old)
    open_store(old).close()
    open_store(fresh).close()
    assert _sqlite_schema(old) == _sqlite_schema(fresh)
    assert _version(old) == _version(fresh) == str(migrations.CURRENT_VERSION)
    assert [name for name, _ in _logged(old)] == [name for name, _ in _logged(fresh)]


def test_the_models_declare_the_migrated_schema(tmp_path):
    """A change to store/models.py without a migration step (or the reverse) fails here."""
    from salesvisit_cli.store.models import SQLModel

    migrated = tmp_path / "migrated.db"
    open_store(migrated).close()
    declared = create_engine(f"sqlite:///{tmp_path / 'declared.db'}")
    SQLModel.metadata.create_all(declared)
    engine = create_engine(f"sqlite:///{migrated}")
    try:
        with engine.connect() as ours, declared.connect() as theirs:
            skip = (migrations.LOG_TABLE,)
            assert schema_shape(ours, skip=skip, ordered=False) == schema_shape(
                theirs, ordered=False
            )
    finally:
        engine.dispose()
        declared.dispose()


def test_the_shape_sees_a_column_the_migrations_lack(tmp_path):
    from sqlalchemy import Column, MetaData, String

    from salesvisit_cli.store.tables import metadata

    changed = MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["customer"].append_column(Column("region", String(40)))
    engines = [create_engine(f"sqlite:///{tmp_path / name}") for name in ("a.db", "b.db")]
    metadata.create_all(engines[0])
    changed.create_all(engines[1])
    with engines[0].connect() as before, engines[1].connect() as after:
        assert schema_shape(before, ordered=False) != schema_shape(after, ordered=False)
    for engine in engines:
        engine.dispose()


def test_steps_are_named_in_order_and_documented():
    for version, step in enumerate(migrations.MIGRATIONS, start=1):
        assert step.__name__.startswith(f"m{version:03d}_"), step.__name__
        assert step.__doc__, step.__name__
    assert len(migrations.MIGRATIONS) == migrations.CURRENT_VERSION


def test_a_new_database_runs_and_logs_every_step(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    assert _version(path) == str(migrations.CURRENT_VERSION)
    assert _logged(path) == [(step.__name__, True) for step in migrations.MIGRATIONS]


def test_the_v1_fixture_logs_m001_as_run_before_the_log(v1):
    open_store(v1).close()
    assert _logged(v1) == [
        ("m001_initial_schema", False),
        *((step.__name__, True) for step in migrations.MIGRATIONS[1:]),
    ]


def _add_step(monkeypatch, step) -> int:
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, step])
    monkeypatch.setattr(migrations, "CURRENT_VERSION", migrations.CURRENT_VERSION + 1)
    return migrations.CURRENT_VERSION


def test_an_upgrade_backs_up_first_then_runs_the_new_steps(v1, monkeypatch):
    def m099_region(connection):
        connection.exec_driver_sql("ALTER TABLE customer ADD COLUMN region VARCHAR")
        connection.exec_driver_sql("UPDATE customer SET region = 'east'")

    target = _add_step(monkeypatch, m099_region)
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
    assert ("m099_region", True) in _logged(v1)
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


@pytest.mark.parametrize("recorded", ["0", "-1"])
def test_a_version_below_one_is_refused_untouched(v1, recorded):
    """Never restamped nor rebuilt: no backup, not one byte of the schema or rows changed."""
    with sqlite3.connect(v1) as connection:
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [recorded])
    before = _dump(v1)
    with pytest.raises(StoreError, match=rf"schema version {recorded}, which no salesvisit writes"):
        open_store(v1)
    assert _dump(v1) == before
    assert not list(v1.parent.glob("*.bak"))


def test_a_version_zero_is_one_error_line_for_the_user(v1, cli):
    with sqlite3.connect(v1) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    refused = cli("--db", v1, "customer", "list")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: the database records schema version 0")
    assert "Traceback" not in refused.stderr and _version(v1) == "0"


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
