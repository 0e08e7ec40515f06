"""The working context of one command: the store, who works, when, and under which policies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.config import Config
    from salesvisit_cli.domain.calendar import WorkCalendar
    from salesvisit_cli.store.engine import Store


@dataclass(frozen=True)
class Work:
    """Built once at the command's edge; every use case takes it plus what is its own."""

    store: Store
    rep: str  # the salesperson acting (a name; `rep_id` finds the row)
    now: datetime  # local time, to the second
    # Has `config` and `calendar`, read on first use: a use case that needs no policy never
    # pays for loading (and validating) the configuration.
    policies: Any

    @classmethod
    def of(cls, store: Store, rep: str, now: datetime, config: Config | None = None) -> Work:
        """A context whose calendar comes from `config` (default: the default policies)."""
        from salesvisit_cli.config import Config

        config = config or Config()
        return cls(store, rep, now, SimpleNamespace(config=config, calendar=config.work_calendar()))

    @property
    def config(self) -> Config:
        """The company's policies (PROCESS.md defaults or the configuration file)."""
        return self.policies.config

    @property
    def calendar(self) -> WorkCalendar:
        """R7: the working days."""
        return self.policies.calendar

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def max_minutes(self) -> int:
        """R4: the longest a call should take (`visit.max_minutes`)."""
        return self.config.visit.max_minutes

    def rep_id(self, connection: Connection) -> int | None:
        """The salesperson's row id; None while they have none (reads write nothing)."""
        from salesvisit_cli.store.reps import rep_id

        return rep_id(connection, self.rep)

    def ensure_rep_id(self, connection: Connection) -> int:
        """The salesperson's row id, the row created on first use (inside a write)."""
        from salesvisit_cli.store.reps import ensure_rep

        return ensure_rep(connection, self.rep, self.now)
