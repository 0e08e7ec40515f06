"""`salesvisit visit export --ics`: the planned and cancelled visits for a phone's calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salesvisit_cli.cli.context import work_of
from salesvisit_cli.cli.options import Force
from salesvisit_cli.i18n import _


def export(
    ctx: typer.Context,
    ics: Annotated[
        bool, typer.Option("--ics", help="iCalendar (RFC 5545), for phone calendars.")
    ] = False,
    start: Annotated[
        str | None, typer.Option("--from", help="First day (a date; default: every day).")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (a date).")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    force: Force = False,
) -> None:
    """Export your planned and cancelled visits as calendar events.

    Each visit keeps its UID, so importing again updates the same events; a moved visit's
    SEQUENCE goes up and a cancelled one is marked CANCELLED. Times are in calendar.time_zone
    (e.g. Asia/Shanghai), else in UTC; untimed visits are all-day events.

    \b
    Examples:
      salesvisit visit export --ics --from mon --to fri --output week.ics
      salesvisit config set calendar.time_zone Asia/Shanghai
    """
    import sys

    from salesvisit_cli.domain.dates import parse_date
    from salesvisit_cli.render.console import success
    from salesvisit_cli.render.ics import ics_document
    from salesvisit_cli.services.calendar_feed import calendar_entries
    from salesvisit_cli.services.private_file import write_private

    if not ics:
        raise typer.BadParameter(_("choose a format: --ics"), param_hint="--ics")
    work = work_of(ctx)
    entries = calendar_entries(
        work,
        parse_date(start, work.today, this_week=True) if start else None,
        parse_date(end, work.today, this_week=True) if end else None,
    )
    document = ics_document(entries, work.config.calendar.time_zone, work.now)
    if output is None:
        sys.stdout.buffer.write(document)
        sys.stdout.flush()
        return
    write_private(output, document, force=force)
    success(_("Exported {count} visit(s) to {file}").format(count=len(entries), file=output))
