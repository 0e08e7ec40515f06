"""Where salesvisit keeps its files (platformdirs), overridable by environment."""

from __future__ import annotations

import os
from pathlib import Path

from salesvisit_cli.i18n import _

APP_NAME = "salesvisit"


def config_path() -> Path:
    """`SALESVISIT_CONFIG`, else `config.toml` in the user config directory."""
    explicit = os.environ.get("SALESVISIT_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "config.toml"


def default_database() -> Path:
    """`salesvisit.db` in the user data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME)) / "salesvisit.db"


def require_folder(path: Path) -> None:
    """Refuse to write `path` when its folder does not exist: a mistyped folder is not created."""
    if not path.parent.is_dir():
        from salesvisit_cli.domain.errors import ValidationError

        raise ValidationError(
            _("the folder {parent} does not exist; create it first").format(parent=path.parent)
        )


def cache_dir() -> Path:
    """The user cache directory: files that can be deleted at any time."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME))


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
