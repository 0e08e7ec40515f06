"""A throwaway PostgreSQL cluster per test session (per xdist worker), a database per test.

The cluster listens only on a unix socket in its own temp dir (no TCP, trust auth), starts with
fsync off, and is removed afterwards. As root the server runs as the `postgres` OS user (created
here if absent). Without the server binaries the tests are skipped with a visible reason, except
under CI=true, where that is a failure.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

_SERVER_TOOLS = ("initdb", "pg_ctl", "postgres")


def _bin_dir() -> Path | None:
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


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """Start a private cluster for this session (each xdist worker gets its own)."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        reason = "PostgreSQL server binaries (initdb, pg_ctl) not found; set SALESVISIT_PG_BIN"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="svpg-", dir="/tmp"))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(bin_dir, root, user)
    data = root / "data"
    try:
        cluster.run(
            str(bin_dir / "initdb"), "-D", str(data), "--username=postgres", "--auth=trust",
            "--encoding=UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses='' -k {root} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=60 -c shared_buffers=16MB"
        )
        cluster.run(
            str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
            "-w", "-t", "60", "-o", options, "start",
        )  # fmt: skip
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    try:
        yield cluster
    finally:
        cluster.run(
            str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop", check=False
        )
        shutil.rmtree(root, ignore_errors=True)


_numbers = itertools.count(1)


@dataclass
class Database:
    cluster: Cluster
    name: str
    owner: str

    @property
    def url(self) -> str:
        """The URL of the database owner (runs migrations and `team init`)."""
        return self.cluster.url(self.name, self.owner)

    def url_for(self, role: str) -> str:
        return self.cluster.url(self.name, role)

    def connect(self, role: str | None = None, **kwargs):
        return self.cluster.connect(self.name, role or self.cluster.superuser, **kwargs)


@pytest.fixture
def make_pg_db(pg_cluster: Cluster) -> Iterator[Callable[..., Database]]:
    """Create fresh databases; `owner=` makes a non-superuser owner role (with CREATEROLE).

    Afterwards the databases and every role the test created are dropped (roles are
    cluster-wide, so each test starts clean).
    """
    made: list[str] = []
    with pg_cluster.connect(autocommit=True) as admin:
        before = {row[0] for row in admin.execute("SELECT rolname FROM pg_roles")}

    def make(owner: str | None = None) -> Database:
        from psycopg import sql

        name = f"sv_{os.getpid()}_{next(_numbers)}"
        with pg_cluster.connect(autocommit=True) as admin:
            if owner:
                admin.execute(
                    sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(sql.Identifier(owner))
                )
            admin.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(name), sql.Identifier(owner or pg_cluster.superuser)
                )
            )
        made.append(name)
        return Database(pg_cluster, name, owner or pg_cluster.superuser)

    yield make

    from psycopg import sql

    with pg_cluster.connect(autocommit=True) as admin:
        for name in made:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        roles = [row[0] for row in admin.execute("SELECT rolname FROM pg_roles")]
        for role in roles:
            if role not in before:
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture
def pg_db(make_pg_db: Callable[..., Database]) -> Database:
    """A fresh, empty database owned by the cluster superuser."""
    return make_pg_db()


@pytest.fixture
def pg_cli(cli, pg_db: Database, monkeypatch: pytest.MonkeyPatch):
    """The `cli` fixture with SALESVISIT_DB pointing at a fresh PostgreSQL database, where the
    salesperson alice has been added (a server database creates nobody implicitly)."""
    monkeypatch.setenv("SALESVISIT_DB", pg_db.url)
    assert cli("rep", "add", "alice").exit_code == 0
    return cli
