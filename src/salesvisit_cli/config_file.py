"""The configuration file as TOML: read as raw data, written atomically and private to the
user, and keys a release renamed moved to their new names (no pydantic here: `config`
validates)."""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from salesvisit_cli.domain.errors import SalesvisitError
from salesvisit_cli.i18n import _

# Keys a release renamed: (old section, old key) -> (new section, new key).
RENAMED = {("plan", "key_revisit_days"): ("cadence", "key_days")}


def read_raw(path: Path) -> dict[str, Any]:
    """The file's TOML as a dict ({} when it does not exist)."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SalesvisitError(
            _("cannot read configuration {path}: {error}").format(path=path, error=error)
        ) from None


def move_renamed(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Move renamed keys to their new names in raw data; the (old, new) names moved."""
    moved = []
    for (section, key), (new_section, new_key) in RENAMED.items():
        old = data.get(section)
        if not isinstance(old, dict) or key not in old:
            continue
        value = old.pop(key)
        target = data.setdefault(new_section, {})
        if isinstance(target, dict):
            target.setdefault(new_key, value)
        if not old:
            del data[section]
        moved.append((f"{section}.{key}", f"{new_section}.{new_key}"))
    return moved


def rewrite_renamed(path: Path, data: dict[str, Any], moved: list[tuple[str, str]]) -> None:
    """Write the renamed keys into the file: line by line when that gives exactly `data` (the
    comments stay), else the data as TOML; a one-line note on stderr for each key moved."""
    from salesvisit_cli.render.console import warn

    text = path.read_text(encoding="utf-8")
    for (section, key), (new_section, new_key) in RENAMED.items():
        has_new = re.search(rf"(?m)^\s*\[{new_section}\]\s*$", text) is not None
        header = rf"(?m)^(\s*)\[{section}\](\s*(?:#.*)?)$"
        line = rf"(?m)^(\s*){key}(\s*=.*)\n?"
        if has_new:
            text = re.sub(line, "", re.sub(header, "", text, count=1), count=1)
        else:
            text = re.sub(header, rf"\1[{new_section}]\2", text, count=1)
            text = re.sub(line, rf"\1{new_key}\2\n", text, count=1)
    try:
        same = tomllib.loads(text) == data
    except tomllib.TOMLDecodeError:
        same = False
    if same:
        write_bytes(text.encode("utf-8"), path)
    else:
        write_toml(data, path)
    for old, new in moved:
        warn(_("{old} is now {new}: {path} updated").format(old=old, new=new, path=path))


def write_toml(data: dict[str, Any], path: Path) -> None:
    """Write TOML atomically (temp file + fsync + rename), mode 0600."""
    import tomli_w

    write_bytes(tomli_w.dumps(data).encode("utf-8"), path)


def write_bytes(content: bytes, path: Path) -> None:
    """Replace the file atomically (temp file + fsync + rename), mode 0600; the settings cached
    for it are dropped."""
    from salesvisit_cli.paths import make_private_dir
    from salesvisit_cli.policies import forget

    make_private_dir(path.parent)
    handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    forget(path)
