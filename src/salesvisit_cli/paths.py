"""Where salesvisit keeps its files (platformdirs), overridable by environment."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from salesvisit_cli.i18n import _

APP_NAME = "salesvisit"


def config_path() -> Path:
    """`SALESVISIT_CONFIG`, else `config.toml` in the user config directory."""
    explicit = os.environ.get("SALESVISIT_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    return _user_dir("XDG_CONFIG_HOME", ".config", "user_config_dir") / "config.toml"


def default_database() -> Path:
    """`salesvisit.db` in the user data directory."""
    return _user_dir("XDG_DATA_HOME", ".local/share", "user_data_dir") / "salesvisit.db"


def require_folder(path: Path) -> None:
    """Refuse to write `path` when its folder does not exist: a mistyped folder is not created."""
    if not path.parent.is_dir():
        from salesvisit_cli.domain.errors import ValidationError

        raise ValidationError(
            _("the folder {parent} does not exist; create it first").format(parent=path.parent)
        )


def cache_dir() -> Path:
    """The user cache directory: files that can be deleted at any time."""
    return _user_dir("XDG_CACHE_HOME", ".cache", "user_cache_dir")


def _user_dir(variable: str, under_home: str, platform_dirs: str) -> Path:
    """Our folder in a user directory. On Linux it is the XDG rule (the variable when it holds
    an absolute path, else the folder under the home directory), worked out here because
    importing platformdirs costs every command a few milliseconds; elsewhere platformdirs."""
    if sys.platform == "linux":
        base, home = os.environ.get(variable, ""), os.environ.get("HOME", "")
        if os.path.isabs(base):
            return Path(base) / APP_NAME
        if os.path.isabs(home):
            return Path(home) / under_home / APP_NAME
    import platformdirs

    return Path(getattr(platformdirs, platform_dirs)(APP_NAME))


def make_private_dir(directory: Path) -> None:
    """Create a directory (and parents) readable by its owner only (0700, whatever the umask).

    A directory that already exists is left as it is: it is the user's.
    """
    if directory.exists():
        return
    make_private_dir(directory.parent)
    try:
        directory.mkdir(mode=0o700)
    except FileExistsError:
        return  # another process created it meanwhile
    os.chmod(directory, 0o700)
