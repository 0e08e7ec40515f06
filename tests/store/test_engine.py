"""The SQLite store: pragmas read back, BEGIN IMMEDIATE writes, private files, indexes."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event, insert, text

from salesvisit_cli.domain.errors import StoreError
from salesvisit_cli.store import engine as engine_module
from salesvisit_cli.store.engine import backup_sqlite, describe, open_store
from salesvisit_cli.store.models import Customer, Rep

NOW = datetime(2026, 11, 26, 9, 0)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "s.db")
    yield opened
    opened.close()


def _add_customer(connection, name="Acme") -> int:
    rep = connection.execute(
        insert(Rep.__table__).values(name="alice", created_at=NOW)
    ).inserted_primary_key[0]
    return connection.execute(
        insert(Customer.__table__).values(
            name=name, name_key=name.lower(), owner_id=rep, created_at=NOW
        )
    ).inserted_primary_key[0]


def test_every_connection_has_the_pragmas(store):
    for open_transaction in (store.read, store.write):
        with open_transaction() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA busy_timeout").scalar() >= 5000
            assert pragma("PRAGMA foreign_keys").scalar() == 1


def test_pragmas_that_do_not_stick_fail_loudly(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    with pytest.raises(StoreError, match="busy_timeout is 100 ms"):
        open_store(tmp_path / "s.db")


def test_settings_check_names_each_problem():
    with pytest.raises(StoreError, match=r"foreign_keys is off.*journal_mode is delete, not wal"):
        engine_module.check_sqlite_settings(
            {"busy_timeout": 10_000, "foreign_keys": 0, "journal_mode": "delete"}
        )
    engine_module.check_sqlite_settings(
        {"busy_timeout": 5_000, "foreign_keys": 1, "journal_mode": "wal"}
    )


def test_writes_begin_immediate_and_reads_do_not(store):
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    with store.write() as connection:
        connection.execute(text("SELECT 1"))
    with store.read() as connection:
        connection.execute(text("SELECT 1"))
    begins = [statement for statement in seen if statement.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]


def test_a_write_takes_the_write_lock_before_its_first_statement(store):
    """Read-then-write rules hold: a second writer cannot start while a write is open."""
    other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
    try:
        with store.write(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the write is over
        other.execute("ROLLBACK")
        with store.read():  # a reader does not block writers (WAL)
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_failed_write_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.write() as connection:
        _add_customer(connection)
        raise RuntimeError("boom")
    with store.read() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM customer").scalar() == 0
        assert connection.exec_driver_sql("SELECT count(*) FROM rep").scalar() == 0


def test_foreign_keys_are_enforced(store):
    with pytest.raises(StoreError, match="FOREIGN KEY"), store.write() as connection:
        connection.execute(
            insert(Customer.__table__).values(
                name="Acme", name_key="acme", owner_id=999, created_at=NOW
            )
        )


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_database_wal_and_shm_are_private_and_a_new_directory_is_0700(tmp_path, umask):
    old = os.umask(umask)
    try:
        path = tmp_path / "new" / "deeper" / "s.db"
        store = open_store(path)
        with store.write() as connection:
            _add_customer(connection)
        holder = store.engine.connect()  # keep -wal/-shm in place while we look
        holder.exec_driver_sql("SELECT count(*) FROM customer").all()
        for name in ("s.db", "s.db-wal", "s.db-shm"):
            assert _mode(path.with_name(name)) == 0o600, name
        assert _mode(path.parent) == 0o700
        assert _mode(path.parent.parent) == 0o700
        holder.close()
        store.close()
    finally:
        os.umask(old)


def test_an_existing_directory_keeps_its_mode(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    open_store(shared / "s.db").close()
    assert _mode(shared) == 0o755
    assert _mode(shared / "s.db") == 0o600


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not SQLite\n" * 100)
    with pytest.raises(StoreError, match="not a salesvisit database"):
        open_store(path)
    assert path.read_text().startswith("hello")
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)


def test_in_memory_sqlite_gets_foreign_keys_too():
    store = open_store("sqlite://")
    with store.read() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_describe_turns_driver_errors_into_advice():
    assert "locked by another salesvisit" in describe(
        sqlite3.OperationalError("database is locked")
    )
    assert "disk is full" in describe(sqlite3.OperationalError("database or disk is full"))
    assert "permissions" in describe(
        sqlite3.OperationalError("attempt to write a readonly database")
    )


def test_online_backup_is_private_consistent_and_never_clobbers(store, tmp_path):
    with store.write() as connection:
        _add_customer(connection)
    holder = store.engine.connect()  # the database stays in use during the backup
    copy = tmp_path / "backups" / "copy.db"
    copy.parent.mkdir()
    backup_sqlite(store.path, copy)
    assert _mode(copy) == 0o600
    with sqlite3.connect(copy) as check:
        assert check.execute("SELECT name FROM customer").fetchall() == [("Acme",)]
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with pytest.raises(FileExistsError):
        backup_sqlite(store.path, copy)
    backup_sqlite(store.path, copy, overwrite=True)
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.db"]  # no temporary left
    holder.close()


QUERIES = [
    (
        "SELECT * FROM visit WHERE rep_id = 1 AND date BETWEEN '2026-11-01' AND '2026-11-30'",
        "ix_visit_rep_date",
    ),
    ("SELECT * FROM visit WHERE rep_id = 1 AND date = '2026-11-26'", "ix_visit_rep_date"),
    ("SELECT * FROM visit WHERE customer_id = 7 ORDER BY date DESC", "ix_visit_customer_date"),
    (
        "SELECT * FROM followup WHERE rep_id = 1 AND due <= '2026-11-26' AND done_at IS NULL",
        "ix_followup_rep_due_done",
    ),
    ("SELECT * FROM customer WHERE name_key = 'acme'", "ix_customer_name_key"),
]


@pytest.mark.parametrize(("query", "index"), QUERIES)
def test_hot_queries_use_their_index(store, query, index):
    with store.read() as connection:
        plan = " ".join(
            str(row[-1]) for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + query)
        )
    assert f"USING INDEX {index}" in plan or f"USING COVERING INDEX {index}" in plan, plan
