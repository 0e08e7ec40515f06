"""Promise 4: bad files are refused without damage."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.safety.helpers import assert_clean_error, run


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _real_database(tmp_path: Path) -> Path:
    db = tmp_path / "real.db"
    assert (
        run(["customer", "add", "Acme Trading Ltd", "--phone", "021 5555 0101"], db).returncode == 0
    )
    for index in range(30):
        assert (
            run(["customer", "add", f"Filler Company {index}", "--note", "x" * 2000], db).returncode
            == 0
        )
    return db


@pytest.mark.parametrize(
    "command", [["customer", "list"], ["customer", "add", "New Co"], ["db", "check"]]
)
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path, command):
    db = tmp_path / "notes.db"
    db.write_bytes(b"these are my meeting notes, not a database\n" * 50)
    before = _digest(db)
    line = assert_clean_error(run(command, db))
    assert "not a salesvisit database" in line or "not a database" in line
    assert _digest(db) == before
    assert not (tmp_path / "notes.db-wal").exists()


@pytest.mark.slow
def test_a_truncated_database_is_refused_untouched(tmp_path):
    db = _real_database(tmp_path)
    data = db.read_bytes()
    assert len(data) > 8192
    db.write_bytes(data[: len(data) // 3 + 17])
    before = _digest(db)
    for command in (
        ["customer", "list"],
        ["db", "check", "--full"],
        ["customer", "add", "Zed Ltd"],
    ):
        result = run(command, db)
        assert result.returncode == 1, result
        assert b"Traceback" not in result.stderr
        assert result.stderr.startswith(b"Error: ")
    assert _digest(db) == before


@pytest.fixture
def open_to_all():
    """A folder everyone can reach (pytest's own tmp folders are root's alone)."""
    base = Path(tempfile.mkdtemp(prefix="salesvisit-ro-"))
    os.chmod(base, 0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def test_a_database_in_a_directory_the_user_cannot_write(open_to_all):
    """The salesperson `nobody` owns the file but not its folder: SQLite cannot make its WAL.
    Reads work (opened read-only); a write says in one line why it cannot, and changes nothing."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to act as another user")
    tmp_path = open_to_all
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "salesvisit.db"
    assert run(["customer", "add", "Acme Trading Ltd"], db).returncode == 0
    os.chown(db, 65534, 65534)
    for sidecar in folder.glob("salesvisit.db-*"):
        sidecar.unlink()
    os.chmod(tmp_path, 0o755)
    os.chmod(folder, 0o755)  # root's folder: nobody cannot create salesvisit.db-wal there
    before = _digest(db)
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    home = {"HOME": str(tmp_path), "SALESVISIT_CONFIG": str(tmp_path / "config.toml")}
    listed = run(["customer", "list", "--json"], db, prefix=prefix, **home)
    assert listed.returncode == 0, listed.stderr
    assert b"Acme Trading Ltd" in listed.stdout and listed.stderr == b""
    result = run(["customer", "add", "Blocked Ltd"], db, prefix=prefix, **home)
    line = assert_clean_error(result)
    assert f"{db} is read-only here (its folder {folder} cannot be written)" in line
    assert _digest(db) == before
    assert sorted(path.name for path in folder.iterdir()) == ["salesvisit.db"]


@pytest.mark.slow
def test_a_full_disk_is_a_clear_error_and_changes_nothing(tmp_path):
    """A real tiny filesystem: the write that does not fit is refused and the file is intact."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tiny filesystem here: {mounted.stderr.decode().strip()}")
    try:
        db = mount / "salesvisit.db"
        assert run(["customer", "add", "Acme Trading Ltd"], db).returncode == 0
        before = _digest(db)
        csv = tmp_path / "big.csv"
        csv.write_text(
            "name,note\n" + "".join(f"Company {i},{'n' * 400}\n" for i in range(3000)),
            encoding="utf-8",
        )
        line = assert_clean_error(run(["customer", "import", str(csv)], db))
        assert "disk is full" in line
        assert _digest(db) == before
        listed = run(["customer", "list", "--json"], db)
        assert listed.returncode == 0 and listed.stdout.count(b'"id"') == 1
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_injected_in_sqlite_rolls_back(tmp_path):
    """SQLite's own SQLITE_FULL path (max_page_count), in-process: one clear error, no rows."""
    from sqlalchemy import event

    from salesvisit_cli.domain.errors import StoreError
    from salesvisit_cli.services import customer_io
    from salesvisit_cli.services.context import Work
    from salesvisit_cli.store import customers as rows
    from salesvisit_cli.store.engine import open_store

    store = open_store(tmp_path / "full.db")
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def _tiny(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA max_page_count = 40")

    csv = tmp_path / "many.csv"
    csv.write_text("name,note\n" + "".join(f"Firm {i},{'z' * 300}\n" for i in range(2000)))
    from datetime import datetime

    with pytest.raises(StoreError, match="disk is full"):
        customer_io.import_csv(Work.of(store, "alice", datetime(2026, 11, 26, 9, 0)), csv)
    with store.read() as connection:
        assert rows.count(connection) == 0
    store.close()


@pytest.mark.parametrize("options", ["mode=rwc", "uri=true&mode=ro", "timeout=1"])
def test_options_in_an_sqlite_url_are_one_error_line_never_a_library_warning(tmp_path, options):
    target = tmp_path / "x.db"
    refused = run(["customer", "list"], f"sqlite:///{target}?{options}")
    line = assert_clean_error(refused)  # exactly one line: no SAWarning beside it
    assert line == (
        f"Error: SQLite URLs take no options (?{options}): give the file path, or sqlite:///PATH"
    )
    assert not target.exists()
