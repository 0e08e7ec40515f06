"""Import and export reports."""

from __future__ import annotations

from pathlib import Path

from salesvisit_cli.domain.customers import ImportResult
from salesvisit_cli.render.console import err, out, warn
from salesvisit_cli.render.safe import inert

MAX_LISTED = 50


def import_report(result: ImportResult, file: Path, *, failed: bool) -> None:
    """Every bad row (line and reason) on stderr, then one summary line.

    `failed`: the import was refused (invalid rows without --skip-invalid); the summary is then
    an `Error:` line and nothing was written.
    """
    if result.ignored_columns:
        warn("ignored column(s): " + ", ".join(result.ignored_columns))
    for problem in result.skipped[:MAX_LISTED]:
        line = inert(f"  line {problem.line}: ", style="bold")
        line.append_text(inert(problem.reason))
        err().print(line, soft_wrap=True)
    if len(result.skipped) > MAX_LISTED:
        err().print(inert(f"  … and {len(result.skipped) - MAX_LISTED} more"))
    name = inert(str(file))
    if failed:
        summary = inert(f"Error: {len(result.skipped)} invalid row(s) in ", style="bold red")
        summary.append_text(name)
        summary.append_text(inert("; nothing was imported (--skip-invalid imports the rest)"))
        err().print(summary, soft_wrap=True)
        return
    verb = "Would import" if result.dry_run else "Imported"
    summary = inert(f"{verb} {result.imported} of {result.rows} row(s) from ", style="green")
    summary.append_text(name)
    summary.append_text(inert(f" ({result.encoding})"))
    if result.skipped:
        summary.append_text(
            inert(f"; skipped {len(result.skipped)} invalid row(s)", style="yellow")
        )
    out().print(summary, soft_wrap=True)
