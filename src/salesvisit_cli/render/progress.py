"""Progress bars for long work, on stderr and only on a terminal."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from salesvisit_cli.render.console import err


@contextlib.contextmanager
def progress_reporter(label: str, *, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """A `report(done, total)` callback drawing a Rich progress bar with the share done (a no-op
    when piped); `done` and `total` may count steps, rows or bytes."""
    console = err()
    if not enabled or not console.is_terminal:
        yield lambda done, total: None
        return
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield report
