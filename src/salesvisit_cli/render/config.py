"""The configuration screen."""

from __future__ import annotations

from pathlib import Path

from salesvisit_cli.config import Config, display_value, keys
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert


def config_table(config: Config, path: Path) -> None:
    from rich.table import Table

    table = Table(title=inert(f"Configuration ({path})"), header_style="bold", title_justify="left")
    table.add_column("Key")
    table.add_column("Value")
    for key in keys():
        table.add_row(key, inert(display_value(config, key)))
    out().print(table)
