"""Running the real program in subprocesses, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CONTROL_BYTES = (b"\x1b", b"\x9b", "\u009b".encode())


def env_for(db: Path | str, **extra: str) -> dict[str, str]:
    """The environment of a subprocess: this test's database and config, no colour."""
    env = dict(os.environ)
    env.update(
        SALESVISIT_DB=str(db),
        SALESVISIT_REP=extra.pop("rep", "alice"),
        NO_COLOR="1",
        COLUMNS="120",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def run(
    args: list[str], db: Path | str, *, timeout: float = 120, prefix: list[str] | None = None, **env
) -> subprocess.CompletedProcess[bytes]:
    """`salesvisit ARGS…` in a new process; raw bytes out so escape sequences can be checked."""
    command = [*(prefix or []), sys.executable, "-m", "salesvisit_cli", *args]
    return subprocess.run(
        command, env=env_for(db, **env), capture_output=True, timeout=timeout, check=False
    )


def assert_clean_error(result: subprocess.CompletedProcess[bytes]) -> str:
    """Exit 1 with exactly one `Error:` line on stderr and no traceback; returns the line."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, (result.returncode, stderr)
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    return lines[0]
