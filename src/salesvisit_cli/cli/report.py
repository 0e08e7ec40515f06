"""`salesvisit report …`: files for others (the month as a workbook, the day as a file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salesvisit_cli.cli.context import work_of
from salesvisit_cli.cli.options import Force
from salesvisit_cli.i18n import _

app = typer.Typer(
    help="Files for others: the month as an Excel workbook, the day's report as a file.",
    no_args_is_help=True,
)


@app.command("month")
def month(
    ctx: typer.Context,
    xlsx: Annotated[
        Path,
        typer.Option("--xlsx", help="The Excel workbook to write (0600).", dir_okay=False),
    ],
    month_text: Annotated[
        str | None,
        typer.Option("--month", "-m", metavar="YYYY-MM", help="The month (default: this month)."),
    ] = None,
    team: Annotated[
        bool,
        typer.Option("--team", help="Every salesperson (default: only you)."),
    ] = False,
    force: Force = False,
) -> None:
    """Write the month as an Excel workbook: summary, visits, hand-ins, follow-ups, charts.

    The summary has one row per salesperson in the order of `quota --team`; the charts show
    customers and new customers against the targets, and completed visits per working day.

    \b
    Examples:
      salesvisit report month --team --xlsx 2026-11.xlsx
      salesvisit report month --month 2026-10 --xlsx october.xlsx --force
    """
    from salesvisit_cli.domain.dates import Month, parse_month
    from salesvisit_cli.render.console import success
    from salesvisit_cli.render.month_book import write_month_book
    from salesvisit_cli.services.month_book import month_book
    from salesvisit_cli.services.private_file import private_file

    work = work_of(ctx)
    chosen = parse_month(month_text) if month_text is not None else Month.of(work.today)
    data = month_book(work, chosen, team=team)
    with private_file(xlsx, force=force) as handle:
        sheets = write_month_book(data, handle)
    success(
        _("Wrote {file}: {sheets} ({count} visit(s))").format(
            file=xlsx, sheets=_(", ").join(sheets), count=len(data.visits)
        )
    )


@app.command("day")
def day(
    ctx: typer.Context,
    day_text: Annotated[
        str | None,
        typer.Argument(metavar="[D]", help="The day (default today): YYYY-MM-DD, yesterday, mon…"),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The file to write: .md or .xlsx (0600).", dir_okay=False
        ),
    ] = ...,
    force: Force = False,
) -> None:
    """Write the day's report (as `daily` shows it) as a Markdown file or an Excel workbook.

    \b
    Examples:
      salesvisit report day yesterday --output report.md
      salesvisit report day 2026-11-20 --output 2026-11-20.xlsx
    """
    from salesvisit_cli.render.console import success
    from salesvisit_cli.render.day_file import day_markdown, write_day_book
    from salesvisit_cli.services import daily
    from salesvisit_cli.services.private_file import private_file, write_private

    kind = output.suffix.lower()
    if kind not in (".md", ".markdown", ".xlsx"):
        raise typer.BadParameter(_("name a .md or .xlsx file"), param_hint="--output")
    summary = daily.summary(work_of(ctx), day_text)
    if kind == ".xlsx":
        with private_file(output, force=force) as handle:
            write_day_book(summary, handle)
    else:
        write_private(output, day_markdown(summary), force=force)
    from salesvisit_cli.render.words import day_label

    success(
        _("Wrote the report of {day} to {file}").format(day=day_label(summary.date), file=output)
    )
