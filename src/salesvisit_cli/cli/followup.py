"""`salesvisit followup …`: thank-you calls, bookings and complaints to work off."""

from __future__ import annotations

import typer

app = typer.Typer(help="Follow-ups due today and overdue; done, add, snooze.")
