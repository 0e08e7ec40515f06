"""The configuration as commands read it: validated by pydantic (`config`) only when the file
is new or changed, otherwise read from a cache without importing pydantic.

The cache holds the validated settings (defaults included) of one configuration file, keyed on
the file's size, modification time, inode and change time, and on the modules that define the
settings (`SETTINGS_MODULES`: a release with other defaults or rules validates again). Every
write of the file through `config` drops it. Deleting the cache is always safe.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace
from typing import Any

_DATES = {"extra_holidays", "extra_workdays"}  # the [calendar] lists of dates


class QuotaRules:
    """What the quota settings mean (the validated model and the cached view share it)."""

    @property
    def share(self) -> Fraction:
        return Fraction(self.new_share)


class ConfigRules:
    """What the whole configuration means (the validated model and the cached view share it)."""

    def work_calendar(self):
        """The working-day calendar this configuration describes."""
        from salesvisit_cli.domain.calendar import WorkCalendar

        return WorkCalendar(
            self.calendar.country,
            self.calendar.subdivision,
            self.calendar.extra_holidays,
            self.calendar.extra_workdays,
        )


class _Quota(SimpleNamespace, QuotaRules):
    pass


class Policies(SimpleNamespace, ConfigRules):
    """Validated settings read back from the cache: the same attributes as `config.Config`."""


def view(data: dict[str, Any]) -> Policies:
    """Settings (as `Config.model_dump(mode="json")` gives them) as attributes."""
    values: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, dict):
            section = {k: _typed(k, v) for k, v in value.items()}
            value = (_Quota if name == "quota" else SimpleNamespace)(**section)
        values[name] = value
    return Policies(**values)


def _typed(key: str, value: Any) -> Any:
    return [date.fromisoformat(day) for day in value] if key in _DATES else value


def load(path: Path) -> Policies:
    """The configuration in `path` (defaults when it does not exist), validated once per
    version of the file."""
    cache = _cache_file(path)
    stamp = _stamp(path)
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if cached["stamp"] == stamp:
            return view(cached["settings"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache yet, or an unreadable one: validate
    from salesvisit_cli import config

    settings = config.load(path).model_dump(mode="json")
    _write(cache, {"stamp": _stamp(path), "settings": settings})  # a renamed key rewrote it
    return view(settings)


def forget(path: Path) -> None:
    """Drop the cached settings of `path` (its file was just written)."""
    _cache_file(path).unlink(missing_ok=True)


def _cache_file(path: Path) -> Path:
    from hashlib import sha256

    from salesvisit_cli.paths import cache_dir

    name = sha256(str(path.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir() / f"config-{name}.json"


# The modules that define the settings: `config` and every module it draws sections, defaults,
# renamed keys or normalised values from (tests/domain/test_config.py holds the list to its
# imports). A change to any of them validates the file again.
SETTINGS_MODULES = (
    "config.py",
    "config_file.py",
    "policies.py",
    "domain/checklist.py",
    "domain/dates.py",
    "domain/locations.py",
    "domain/reps.py",
)


def _stamp(path: Path) -> list[int]:
    """What changes whenever the file or the rules validating it do."""
    package = Path(__file__).parent
    rules = [
        part
        for name in SETTINGS_MODULES
        for found in [(package / name).stat()]
        for part in (found.st_size, found.st_mtime_ns)
    ]
    try:
        found = path.stat()
    except FileNotFoundError:
        return rules
    except OSError:
        return []  # unreadable: never matches a cache, the validation says why
    return [*rules, found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns]


def _write(cache: Path, content: dict[str, Any]) -> None:
    """Replace the cache atomically, private to the user; a cache that cannot be written is
    simply not kept."""
    from salesvisit_cli.paths import make_private_dir

    try:
        make_private_dir(cache.parent)
        handle, temporary = tempfile.mkstemp(prefix=".config-", dir=cache.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(content, out)
        os.replace(temporary, cache)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
