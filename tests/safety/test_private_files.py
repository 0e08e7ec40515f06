"""Promise 7: database, -wal, -shm, backups and exports are created 0600 whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.safety.helpers import env_for


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o002])
def test_every_file_we_create_is_private(tmp_path, umask):
    """One process holds the database open (so -wal and -shm exist) and writes each kind of file."""
    db = tmp_path / "new-dir" / "salesvisit.db"
    script = textwrap.dedent(
        f"""
        import os, sys
        os.umask({umask})
        from datetime import datetime
        from pathlib import Path
        from salesvisit_cli.store.engine import open_store
        from salesvisit_cli.services import customers, database, customer_io, private_file
        from salesvisit_cli.services.context import Work
        store = open_store({str(db)!r})
        customers.add(Work.of(store, "alice", datetime(2026, 11, 26, 9)), {{"name": "Acme Ltd"}})
        holder = store.engine.connect()  # keep -wal/-shm alive while we look
        holder.exec_driver_sql("SELECT count(*) FROM customer").all()
        database.backup(store, Path({str(tmp_path / "backup.db")!r}))
        rows = customer_io.export_rows(store)
        private_file.write_private(Path({str(tmp_path / "export.csv")!r}), customer_io.to_csv(rows))
        files = [p for p in Path({str(tmp_path)!r}).rglob("*") if p.is_file()]
        modes = {{p.name: oct(os.stat(p).st_mode & 0o777) for p in files}}
        modes["new-dir/"] = oct(os.stat({str(db.parent)!r}).st_mode & 0o777)
        print(modes)
        holder.close()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env_for(db), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    modes = eval(result.stdout.strip())  # a dict literal we printed ourselves
    for name in (
        "salesvisit.db",
        "salesvisit.db-wal",
        "salesvisit.db-shm",
        "backup.db",
        "export.csv",
    ):
        assert modes.get(name) == "0o600", (name, modes)
    assert modes["new-dir/"] == "0o700", modes


def test_cli_export_and_backup_are_private_and_never_overwrite(tmp_path, cli):
    os.umask(0o022)
    assert cli("customer", "add", "Acme Ltd").exit_code == 0
    target = tmp_path / "out.csv"
    assert cli("customer", "export", "--output", target).exit_code == 0
    assert _mode(target) == 0o600
    target.write_text("keep me")
    refused = cli("customer", "export", "--output", target)
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert target.read_text() == "keep me"
    assert cli("customer", "export", "--output", target, "--force").exit_code == 0
    assert "Acme Ltd" in target.read_text(encoding="utf-8-sig")
    backup = tmp_path / "b.db"
    assert cli("db", "backup", backup).exit_code == 0 and _mode(backup) == 0o600
    again = cli("db", "backup", backup)
    assert again.exit_code == 1 and again.stderr.startswith("Error:")
