"""A throwaway PostgreSQL cluster on a unix socket: found, started and stopped here, for the
test sessions (`tests/pg/conftest.py`) and the team benchmark (`benchmarks/team_pg.py`).

The cluster listens only on a unix socket in its own temp dir (no TCP, trust auth) and starts
with fsync off. As root the server runs as the `postgres` OS user (created here if absent).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_SERVER_TOOLS = ("initdb", "pg_ctl", "postgres")


def bin_dir() -> Path | None:
    """Where initdb/pg_ctl live: $SALESVISIT_PG_BIN, `pg_config --bindir`, Debian's layout."""
    candidates: list[str] = []
    if os.environ.get("SALESVISIT_PG_BIN"):
        candidates.append(os.environ["SALESVISIT_PG_BIN"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if found.returncode == 0:
            candidates.append(found.stdout.strip())
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).parent))
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True
    )
    candidates += ["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin"]
    for candidate in candidates:
        path = Path(candidate)
        if all((path / tool).is_file() for tool in _SERVER_TOOLS):
            return path
    return None


def _server_user() -> str | None:
    """The OS user to run the server as: `postgres` when we are root (created if missing)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home", "--shell",
             "/usr/sbin/nologin", "postgres"],
            check=True, capture_output=True,
        )  # fmt: skip
    return "postgres"


@dataclass
class Cluster:
    bin: Path
    root: Path  # the temp dir: data/, the socket, the log
    user: str | None
    superuser: str = "postgres"

    @property
    def socket_dir(self) -> str:
        return str(self.root)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        extra = {}
        if self.user:
            entry = pwd.getpwnam(self.user)
            extra = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC"}
        done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=self.root, **extra)  # type: ignore[call-overload]
        if check and done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}\n{tail}")
        return done

    def url(self, database: str, user: str | None = None) -> str:
        return f"postgresql+psycopg://{user or self.superuser}@/{database}?host={self.root}"

    def connect(self, database: str = "postgres", user: str | None = None, **kwargs):
        import psycopg

        return psycopg.connect(
            host=self.socket_dir, dbname=database, user=user or self.superuser, **kwargs
        )


SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            "max_connections": "60", "shared_buffers": "16MB"}  # fmt: skip


def own(cluster: Cluster, path: Path) -> None:
    """Hand `path` (and what is under it) to the server's OS user."""
    if cluster.user:
        entry = pwd.getpwnam(cluster.user)
        for place in [path, *path.rglob("*")]:
            os.chown(place, entry.pw_uid, entry.pw_gid, follow_symlinks=False)


def start_cluster(
    bin_dir: Path, settings: dict[str, str] | None = None, data: Path | None = None
) -> Cluster:
    """initdb (unless `data`, an existing data directory, is given: it is moved in) and start a
    cluster in a new temp dir; `settings` override `SETTINGS`. Removed again if it fails."""
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="svpg-", dir="/tmp"))
    cluster = Cluster(bin_dir, root, user)
    try:
        if data is not None:
            shutil.move(str(data), root / "data")
        own(cluster, root)
        if data is None:
            cluster.run(
                str(bin_dir / "initdb"), "-D", str(root / "data"), "--username=postgres",
                "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync",
            )  # fmt: skip
        options = f"-c listen_addresses='' -k {root} " + " ".join(
            f"-c {name}={value}" for name, value in {**SETTINGS, **(settings or {})}.items()
        )
        cluster.run(
            str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-l", str(root / "server.log"),
            "-w", "-t", "60", "-o", options, "start",
        )  # fmt: skip
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster


def stop_cluster(cluster: Cluster, remove: bool = True) -> None:
    """Stop the server at once (`remove`: and delete its temp dir)."""
    cluster.run(
        str(cluster.bin / "pg_ctl"), "-D", str(cluster.root / "data"), "-m",
        "immediate" if remove else "fast", "-w", "stop", check=False,
    )  # fmt: skip
    if remove:
        shutil.rmtree(cluster.root, ignore_errors=True)
