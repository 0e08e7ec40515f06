"""Import and export reports."""

from __future__ import annotations

from pathlib import Path

from salesvisit_cli.domain.customers import ImportResult
from salesvisit_cli.i18n import _
from salesvisit_cli.render.console import err, out, warn
from salesvisit_cli.render.safe import inert

MAX_LISTED = 50


def import_report(result: ImportResult, file: Path, *, failed: bool) -> None:
    """Every bad row (line and reason) on stderr, then one summary line.

    `failed`: the import was refused (invalid rows without --skip-invalid); the summary is then
    an `Error:` line and nothing was written.
    """
    if result.ignored_columns:
        warn(_("ignored column(s): {columns}").format(columns=", ".join(result.ignored_columns)))
    for problem in result.skipped[:MAX_LISTED]:
        line = inert(_("  line {line}: ").format(line=problem.line), style="bold")
        line.append_text(inert(problem.reason))
        err().print(line, soft_wrap=True)
    if len(result.skipped) > MAX_LISTED:
        more = len(result.skipped) - MAX_LISTED
        err().print(inert(_("  … and {count} more").format(count=more)))
    name = inert(str(file))
    if failed:
        refused = _("{count} invalid row(s) in ").format(count=len(result.skipped))
        summary = inert(_("Error: ") + refused, style="bold red")
        summary.append_text(name)
        summary.append_text(inert(_("; nothing was imported (--skip-invalid imports the rest)")))
        err().print(summary, soft_wrap=True)
        return
    verb = _("Would import") if result.dry_run else _("Imported")
    counts = _("{verb} {imported} of {rows} row(s) from ")
    summary = inert(
        counts.format(verb=verb, imported=result.imported, rows=result.rows), style="green"
    )
    summary.append_text(name)
    summary.append_text(inert(f" ({result.encoding})"))
    if result.skipped:
        summary.append_text(
            inert(
                _("; skipped {count} invalid row(s)").format(count=len(result.skipped)),
                style="yellow",
            )
        )
    out().print(summary, soft_wrap=True)
