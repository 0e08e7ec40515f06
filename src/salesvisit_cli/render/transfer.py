"""Import and export reports."""

from __future__ import annotations

from pathlib import Path

from salesvisit_cli.domain.customers import ImportResult
from salesvisit_cli.render.console import err, out
from salesvisit_cli.render.safe import inert

MAX_LISTED = 50


def import_report(result: ImportResult, file: Path) -> None:
    console = err() if result.skipped else out()
    for problem in result.skipped[:MAX_LISTED]:
        line = inert(f"  line {problem.line}: ", style="bold")
        line.append_text(inert(problem.reason))
        console.print(line)
    if len(result.skipped) > MAX_LISTED:
        console.print(inert(f"  … and {len(result.skipped) - MAX_LISTED} more"))
    name = inert(str(file))
    if result.skipped and not result.imported:
        summary = inert(f"Error: {len(result.skipped)} invalid row(s) in ", style="bold red")
        summary.append_text(name)
        summary.append_text(inert("; nothing was imported (--skip-invalid imports the rest)"))
        err().print(summary)
        return
    verb = "Would import" if result.dry_run else "Imported"
    summary = inert(f"{verb} {result.imported} of {result.rows} row(s) from ", style="green")
    summary.append_text(name)
    summary.append_text(inert(f" ({result.encoding})"))
    if result.skipped:
        summary.append_text(
            inert(f"; skipped {len(result.skipped)} invalid row(s)", style="yellow")
        )
    out().print(summary)
