"""Team mode for the front desk (前台): what a front-desk login may do, enforced by PostgreSQL.

A front-desk login is in the group `salesvisit_reception`, not in the salespeople's group. It
reads the names, phones and owners of every customer (to find who a walk-in or caller is) and
nothing else of them: no contacts, notes or addresses, no visits, no follow-up notes. It adds
new customers owned by a salesperson, gives a customer nobody owns to a salesperson, adds the
"walked in / called" follow-up for a customer's own salesperson, and adds register rows in its
own name. It never changes an owner afterwards, never edits a customer's file, and never
changes or deletes a registration (a manager marks market research).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.team import RECEPTION_GROUP

_ME = "(SELECT r.id FROM rep r WHERE r.db_role = current_user)"
# What the front desk reads of a customer: enough to match a name or a phone to its owner.
DESK_SEES = ("id", "name", "name_key", "phone", "owner_id", "status")
_A_SALESPERSON = "owner_id IN (SELECT r.id FROM rep r WHERE NOT r.is_reception)"
_OWNERS_CALL = (
    "kind IN ('call', 'other') "
    "AND rep_id = (SELECT c.owner_id FROM customer c WHERE c.id = customer_id)"
)
# (table, policy, command, USING, WITH CHECK) for the front-desk group.
DESK_POLICIES: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("customer", "sv_desk_read", "SELECT", "true", None),
    ("customer", "sv_desk_insert", "INSERT", None, _A_SALESPERSON),
    ("customer", "sv_desk_assign", "UPDATE", "owner_id IS NULL", _A_SALESPERSON),
    ("followup", "sv_desk_read", "SELECT", _OWNERS_CALL, None),
    ("followup", "sv_desk_insert", "INSERT", None, _OWNERS_CALL),
    ("reception", "sv_desk_read", "SELECT", "true", None),
    ("reception", "sv_desk_insert", "INSERT", None, f"by_id = {_ME}"),
)
# (privileges, table): column lists in parentheses are column privileges.
_DESK_GRANTS = (
    ("SELECT", "meta"),
    ("SELECT", "rep"),
    ("SELECT", "duty"),
    ("SELECT, INSERT", "reception"),
    ("INSERT", "customer"),
    (f"SELECT ({', '.join(DESK_SEES)}), UPDATE (owner_id)", "customer"),
    ("SELECT (id), INSERT", "followup"),
)
_DESK_SEQUENCES = ("customer", "followup", "reception")


def apply_desk_access(connection: Connection, database: str, here: str) -> None:
    """The front-desk group, its grants and its policies (idempotent; after the team's
    policies, which replace every policy of the private tables)."""
    from psycopg import sql

    from salesvisit_cli.store.access import _run, _sql, ensure_group

    def run(statement: Any) -> None:
        _run(connection, statement)

    sql_of = _sql
    ensure_group(connection, RECEPTION_GROUP)
    run(sql_of("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}", database, RECEPTION_GROUP))
    run(sql_of("GRANT USAGE ON SCHEMA {} TO {}", here, RECEPTION_GROUP))
    for table in {table for _, table in _DESK_GRANTS}:
        run(sql_of("REVOKE ALL ON {} FROM {}", table, RECEPTION_GROUP))
    for privileges, table in _DESK_GRANTS:
        run(sql_of(f"GRANT {privileges} ON {{}} TO {{}}", table, RECEPTION_GROUP))
    for table in _DESK_SEQUENCES:
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table}
        ).scalar()
        if sequence:  # quoted and schema-qualified already
            run(
                sql.SQL("GRANT USAGE, SELECT ON SEQUENCE {} TO {}").format(
                    sql.SQL(sequence), sql.Identifier(RECEPTION_GROUP)
                )
            )
    for table, name, command, using, check in DESK_POLICIES:
        run(sql_of("DROP POLICY IF EXISTS {} ON {}", name, table))
        parts = [sql_of(f"CREATE POLICY {{}} ON {{}} FOR {command} TO {{}}", name, table,
                        RECEPTION_GROUP)]  # fmt: skip
        if using:
            parts.append(sql.SQL(f" USING ({using})"))
        if check:
            parts.append(sql.SQL(f" WITH CHECK ({check})"))
        run(sql.Composed(parts))
