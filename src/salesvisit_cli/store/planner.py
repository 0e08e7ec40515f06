"""Hints to SQLite's query planner, which plans without statistics.

`ix_followup_open_due (done_at, due)` serves the team's open follow-ups. Without statistics
SQLite also takes it for one salesperson's or one customer's open follow-ups (`done_at IS
NULL` looks as selective as `rep_id = ?`), and then walks every open follow-up of the team: on
a 500-salesperson file 24,000 rows for 49 (`visit plan` 0.15 s slower at 500 salespeople than
at 50). `unindexed(FOLLOWUP.c.done_at).is_(None)` keeps that term off any index on SQLite
(`+done_at`, SQLite's documented way) so the salesperson's or the customer's index is used;
PostgreSQL plans by its statistics and gets the column as it is.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement


class unindexed(ColumnElement):
    """A column that the SQLite planner may not look up through an index."""

    inherit_cache = False  # a statement compiled once per process anyway

    def __init__(self, column: ColumnElement) -> None:
        self.column = column
        self.type = column.type


@compiles(unindexed)
def _as_it_is(element: unindexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_on_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)
