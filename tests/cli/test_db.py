"""`db path | check | backup` end to end."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest


def _db() -> Path:
    return Path(os.environ["SALESVISIT_DB"])


def test_path_follows_salesvisit_db_and_the_option(cli, tmp_path):
    assert cli("db", "path").stdout.strip() == str(_db())
    other = tmp_path / "other.db"
    assert cli("--db", other, "db", "path").stdout.strip() == str(other)
    assert not other.exists()  # path does not open or create anything


def test_path_defaults_to_the_user_data_dir(cli, isolated_env, monkeypatch):
    monkeypatch.delenv("SALESVISIT_DB")
    expected = isolated_env / "data" / "salesvisit" / "salesvisit.db"
    assert cli("db", "path").stdout.strip() == str(expected)


def test_path_hides_a_server_password(cli):
    shown = cli("--db", "postgresql+psycopg://bob:secret@db.example/sales", "db", "path")
    assert "secret" not in shown.stdout and "db.example/sales" in shown.stdout


def test_check_a_sound_database(cli):
    cli("customer", "add", "Acme")
    quick = cli("db", "check")
    assert quick.exit_code == 0 and "quick_check" in quick.stdout
    full = cli("db", "check", "--full")
    assert full.exit_code == 0 and "integrity_check" in full.stdout
    assert cli("db", "check", "--json").json() == {"ok": True, "problems": [], "full": False}


def test_check_finds_a_foreign_key_violation(cli):
    cli("customer", "add", "Acme")
    with sqlite3.connect(_db()) as connection:  # foreign keys are off in a plain connection
        connection.execute("UPDATE customer SET owner_id = 42")
    result = cli("db", "check")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the database has 1 problem(s)")
    assert "foreign key violation in customer" in result.stderr
    as_json = cli("db", "check", "--json")
    assert as_json.exit_code == 1 and as_json.json()["ok"] is False


def test_full_check_finds_a_damaged_index_that_quick_check_misses(cli):
    for name in ("Acme", "Blue River", "Cathay"):
        cli("customer", "add", name)
    with sqlite3.connect(_db()) as connection:
        # Point the index at another column: its entries no longer match the table.
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_customer_name_key ON customer (name)' "
            "WHERE name = 'ix_customer_name_key'"
        )
    assert cli("db", "check").exit_code == 0
    full = cli("db", "check", "--full")
    assert full.exit_code == 1
    assert "ix_customer_name_key" in full.stderr


def test_check_a_file_that_is_not_a_database(cli, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 1000)
    result = cli("--db", junk, "db", "check")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the file is not a salesvisit database")


def test_backup(cli, tmp_path):
    cli("customer", "add", "Acme")
    target = tmp_path / "backups" / "copy.db"
    (tmp_path / "backups").mkdir()
    made = cli("db", "backup", target)
    assert made.exit_code == 0, made.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT name FROM customer").fetchall() == [("Acme",)]

    cli("customer", "add", "Blue River")
    again = cli("db", "backup", target)
    assert again.exit_code == 1 and "already exists; use --force" in again.stderr
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT count(*) FROM customer").fetchone()[0] == 1

    forced = cli("db", "backup", target, "--force")
    assert forced.exit_code == 0
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT count(*) FROM customer").fetchone()[0] == 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_backup_refuses_the_database_itself_and_directories(cli, tmp_path):
    cli("customer", "add", "Acme")
    itself = cli("db", "backup", _db(), "--force")
    assert itself.exit_code == 1 and "cannot overwrite the database itself" in itself.stderr
    folder = cli("db", "backup", tmp_path)
    assert folder.exit_code == 1 and "is a directory" in folder.stderr
    assert cli("customer", "list", "--json").json()[0]["name"] == "Acme"


@pytest.mark.parametrize("command", [("db", "backup"), ("customer", "export", "--output")])
def test_a_missing_output_folder_is_one_error_naming_it(cli, tmp_path, monkeypatch, command):
    """`db backup` and `customer export` alike: nothing is created, no temporary file named."""
    cli("customer", "add", "Acme")
    monkeypatch.chdir(tmp_path)
    refused = cli(*command, "missing/dir/out.csv")
    assert refused.exit_code == 1
    assert refused.stderr == "Error: the folder missing/dir does not exist; create it first\n"
    assert not (tmp_path / "missing").exists()
