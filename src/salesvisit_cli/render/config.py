"""The configuration screen."""

from __future__ import annotations

from pathlib import Path

from salesvisit_cli.config import Config, display_value, keys
from salesvisit_cli.i18n import _
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert


def config_table(config: Config, path: Path) -> None:
    from salesvisit_cli.render.tables import data_table

    table = data_table((_("Key"), _("Value")), title=_("Configuration ({path})").format(path=path))
    for key in keys():
        table.add_row(key, inert(_shown(config, key)))
    out().print(table)


def _shown(config: Config, key: str) -> str:
    """A setting as text; the carry list's default items (message ids) in the interface
    language, as the plan shows them."""
    if key == "checklist.carry":
        return _(", ").join(_(item) for item in config.checklist.carry)
    return display_value(config, key)
