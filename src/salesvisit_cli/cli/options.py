"""Option types shared by several commands (declared once, used in many signatures)."""

from __future__ import annotations

from typing import Annotated

import click
import typer
from typer.core import TyperGroup

Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]

Tier = Annotated[str | None, typer.Option("--tier", help="key or normal.")]
Status = Annotated[str | None, typer.Option("--status", help="prospect or client.")]
Contact = Annotated[str | None, typer.Option("--contact", help="Contact person (负责人).")]
Phone = Annotated[
    str | None, typer.Option("--phone", help="Phone, e.g. '+86 21 5555 0101 ext. 12'.")
]
Email = Annotated[str | None, typer.Option("--email", help="E-mail address.")]
Address = Annotated[str | None, typer.Option("--address", help="Street address.")]
Industry = Annotated[str | None, typer.Option("--industry", help="Industry.")]
Size = Annotated[str | None, typer.Option("--size", help="Company size, e.g. '50-200'.")]
Source = Annotated[
    str | None,
    typer.Option("--source", help="Where the lead came from: web, trade fair, referral, …"),
]
Hours = Annotated[str | None, typer.Option("--hours", help="Office hours, e.g. 09:00-17:30.")]
Lat = Annotated[
    str | None, typer.Option("--lat", help="Latitude, WGS-84 decimal degrees (with --lon).")
]
Lon = Annotated[
    str | None, typer.Option("--lon", help="Longitude, WGS-84 decimal degrees (with --lat).")
]
District = Annotated[
    str | None, typer.Option("--district", help="District (区/县); default: from the address.")
]
Web = Annotated[str | None, typer.Option("--web", help="Web shop address.")]
Note = Annotated[str | None, typer.Option("--note", help="Free notes.")]
Owner = Annotated[str | None, typer.Option("--owner", help="Owning salesperson (default: you).")]
AllowDuplicate = Annotated[
    bool, typer.Option("--allow-duplicate", help="Add even if a customer has the same name.")
]


def given(**values: object) -> dict[str, object]:
    """The options the user actually gave (None means not given)."""
    return {name: value for name, value in values.items() if value is not None}


class DefaultCommandGroup(TyperGroup):
    """A group whose arguments, when they name none of its commands, go to its `show` command
    (`reception 2026-12-03 --json` = `reception show 2026-12-03 --json`)."""

    default_command = "show"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.list_commands(ctx) and args[0] not in ("--help", "-h")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)
