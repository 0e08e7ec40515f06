"""Team mode for the front desk (前台): what a front-desk login may do, enforced by PostgreSQL.

A front-desk login is in the group `salesvisit_reception`, not in the salespeople's group. It
reads the names, phones and owners of every customer (to find who a walk-in or caller is) and
nothing else of them: no contacts, notes or addresses, no visits, no follow-ups, no customer
log. It writes nothing itself: it registers a walk-in or a call through
`salesvisit_register` (`store.reception_functions`), which finds the customer on file, picks
who receives it by R8's rotation (or the `--contacted` salesperson it records) and writes the
customer, the owner's follow-up and the register row. So it never chooses an owner otherwise,
never changes one afterwards, never edits a customer's file, and never changes or deletes a
registration (a manager marks market research).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from salesvisit_cli.domain.team import RECEPTION_GROUP

# What the front desk reads of a customer: enough to match a name or a phone to its owner.
DESK_SEES = ("id", "name", "name_key", "phone", "owner_id", "status")
# (table, policy, command, USING, WITH CHECK) for the front-desk group.
DESK_POLICIES: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("customer", "sv_desk_read", "SELECT", "true", None),
    ("reception", "sv_desk_read", "SELECT", "true", None),
)
# (privileges, table): column lists in parentheses are column privileges.
_DESK_GRANTS = (
    ("SELECT", "meta"),
    ("SELECT", "rep"),
    ("SELECT", "duty"),
    ("SELECT", "reception"),
    (f"SELECT ({', '.join(DESK_SEES)})", "customer"),
)
# Tables the front desk wrote before the database registered for it (privileges revoked).
_NO_LONGER = ("followup",)


def apply_desk_access(connection: Connection, database: str, here: str, zone: str) -> None:
    """The front-desk group, its grants and its policies (idempotent; after the team's
    policies, which replace every policy of the private tables)."""
    from psycopg import sql

    from salesvisit_cli.store.access import _run, _sql, ensure_group
    from salesvisit_cli.store.reception_functions import apply_reception_functions

    def run(statement: Any) -> None:
        _run(connection, statement)

    sql_of = _sql
    ensure_group(connection, RECEPTION_GROUP)
    run(sql_of("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}", database, RECEPTION_GROUP))
    run(sql_of("GRANT USAGE ON SCHEMA {} TO {}", here, RECEPTION_GROUP))
    for table in {table for _, table in _DESK_GRANTS} | set(_NO_LONGER):
        run(sql_of("REVOKE ALL ON {} FROM {}", table, RECEPTION_GROUP))
    for privileges, table in _DESK_GRANTS:
        run(sql_of(f"GRANT {privileges} ON {{}} TO {{}}", table, RECEPTION_GROUP))
    apply_reception_functions(run, here, zone, RECEPTION_GROUP)
    for table, name, command, using, check in DESK_POLICIES:
        run(sql_of("DROP POLICY IF EXISTS {} ON {}", name, table))
        parts = [sql_of(f"CREATE POLICY {{}} ON {{}} FOR {command} TO {{}}", name, table,
                        RECEPTION_GROUP)]  # fmt: skip
        if using:
            parts.append(sql.SQL(f" USING ({using})"))
        if check:
            parts.append(sql.SQL(f" WITH CHECK ({check})"))
        run(sql.Composed(parts))
