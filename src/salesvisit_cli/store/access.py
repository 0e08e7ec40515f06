"""Per-salesperson access on PostgreSQL: login roles, group roles, grants, row-level security.

Every salesperson connects with their own login role (`rep.db_role`). Two group roles carry the
privileges: the team group (every salesperson, managers included) and the manager group. Row
level security on the salesperson-owned tables lets a team member read and write only their own
rows; the manager group's policy lets managers see and change every row. The database owner (who
runs migrations and `team init`) owns the tables and so is not subject to the policies.

DDL cannot take bind parameters, so identifiers are composed with `psycopg.sql.Identifier` (which
quotes them) and run on the driver connection of the current SQLAlchemy transaction; user text is
never formatted into SQL unquoted. Queries with values use bound parameters through `text()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from salesvisit_cli.domain.team import PRIVATE_TABLES

# The salesperson behind the current connection (NULL for unmapped roles: they see nothing).
_ME = "(SELECT r.id FROM rep r WHERE r.db_role = current_user)"
# A customer this salesperson may see: owned, in the public pool (no owner), or visited (the
# visit check runs in a SECURITY DEFINER function, which breaks the customer → visit → customer
# policy recursion). Only the owner changes it; a past visitor, or anyone for a pool customer,
# reads just the columns of FORMER_OWNER_SEES.
_MY_CUSTOMER = f"owner_id = {_ME}"
_SEEN_CUSTOMER = f"({_MY_CUSTOMER} OR owner_id IS NULL OR salesvisit_visited_by_me(id))"
# Row by row through the primary key (an `IN (SELECT …)` would build the whole visible set).
_VISIBLE_CUSTOMER = "EXISTS (SELECT 1 FROM customer c WHERE c.id = customer_id)"
_MY_VISIT = "EXISTS (SELECT 1 FROM visit v WHERE v.id = visit_id)"
_MINE = f"rep_id = {_ME}"

# (table, policy name, command, USING, WITH CHECK) for the team group.
TEAM_POLICIES: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("customer", "sv_read", "SELECT", _SEEN_CUSTOMER, None),
    ("customer", "sv_insert", "INSERT", None, _MY_CUSTOMER),
    ("customer", "sv_update", "UPDATE", _MY_CUSTOMER, _MY_CUSTOMER),
    ("visit", "sv_read", "SELECT", _MINE, None),
    ("visit", "sv_insert", "INSERT", None, f"{_MINE} AND {_VISIBLE_CUSTOMER}"),
    ("visit", "sv_update", "UPDATE", _MINE, f"{_MINE} AND {_VISIBLE_CUSTOMER}"),
    ("visit_revision", "sv_read", "SELECT", _MY_VISIT, None),
    ("visit_revision", "sv_insert", "INSERT", None, _MY_VISIT),
    ("visit_prep", "sv_own", "ALL", _MY_VISIT, _MY_VISIT),
    ("carry_check", "sv_own", "ALL", _MINE, _MINE),
    ("followup", "sv_read", "SELECT", _MINE, None),
    ("followup", "sv_insert", "INSERT", None, f"{_MINE} AND {_VISIBLE_CUSTOMER}"),
    ("followup", "sv_update", "UPDATE", _MINE, f"{_MINE} AND {_VISIBLE_CUSTOMER}"),
    ("followup", "sv_delete", "DELETE", _MINE, None),
    ("daily_submission", "sv_read", "SELECT", _MINE, None),
    ("daily_submission", "sv_insert", "INSERT", None, _MINE),
    ("customer_log", "sv_read", "SELECT", _VISIBLE_CUSTOMER, None),
    ("reception", "sv_read", "SELECT", _MINE, None),
)
MANAGER_POLICY = "sv_manager"
_ALL = "SELECT, INSERT, UPDATE, DELETE"
# Table privileges of (the team, the managers); customer columns are granted apart. Hand-ins
# and report revisions are append-only, the customer log is written by the database only.
_GRANTS = {
    "customer": ("INSERT", _ALL),
    "visit": ("SELECT, INSERT, UPDATE", _ALL),
    "visit_revision": ("SELECT, INSERT", "SELECT, INSERT"),
    "visit_prep": (_ALL, _ALL),
    "carry_check": (_ALL, _ALL),
    "followup": (_ALL, _ALL),
    "daily_submission": ("SELECT, INSERT", "SELECT, INSERT"),
    "customer_log": ("SELECT", "SELECT"),
    "duty": ("SELECT", _ALL),
    "reception": ("SELECT", _ALL),
}
# Customer columns a salesperson may change (their own customers): not the owner (managers
# reassign) and not the facts the database derives.
_CUSTOMER_LOCKED = ("id", "owner_id", "created_at", "first_visit_on", "first_visit_as_prospect")
# The view that shows the other columns of a customer to its owner and managers only.
PRIVATE_VIEW = "customer_private"
# The tables with a serial id (their sequences need USAGE for inserts).
_SERIAL_TABLES = ("rep", "customer", "visit", "visit_revision", "followup", "daily_submission",
                  "reception")  # fmt: skip


@dataclass(frozen=True)
class RoleInfo:
    name: str
    exists: bool
    login: bool = False
    superuser: bool = False
    bypass_rls: bool = False


def _run(connection: Connection, statement: Any) -> None:
    """Run composed DDL (psycopg.sql) in the current transaction."""
    raw = connection.connection.driver_connection
    with raw.cursor() as cursor:
        cursor.execute(statement)


def _ident(name: str):
    from psycopg import sql

    return sql.Identifier(name)


def _sql(template: str, *identifiers: str):
    """A statement whose `{}` placeholders are filled with quoted identifiers."""
    from psycopg import sql

    return sql.SQL(template).format(*(_ident(name) for name in identifiers))


def current_user(connection: Connection) -> str:
    return connection.execute(text("SELECT current_user")).scalar_one()


def schema(connection: Connection) -> str:
    return connection.execute(text("SELECT current_schema()")).scalar_one()


def role(connection: Connection, name: str) -> RoleInfo:
    row = connection.execute(
        text("SELECT rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :name"),
        {"name": name},
    ).first()
    if row is None:
        return RoleInfo(name, exists=False)
    return RoleInfo(name, True, login=row[0], superuser=row[1], bypass_rls=row[2])


def can_administer(connection: Connection) -> tuple[bool, str]:
    """Whether the current role may set up team access: it must own the tables and be able
    to create roles. Returns (ok, reason when not)."""
    user = current_user(connection)
    row = connection.execute(
        text(
            "SELECT r.rolsuper, r.rolcreaterole, pg_get_userbyid(c.relowner) "
            "FROM pg_roles r, pg_class c "
            "WHERE r.rolname = current_user AND c.oid = to_regclass('customer')"
        )
    ).first()
    if row is None:
        return False, "the salesvisit tables were not found"
    superuser, createrole, owner = row
    if owner != user and not superuser:
        return False, f"run it as the database owner ({owner}); you are connected as {user}"
    if not (superuser or createrole):
        return False, f"the role {user} needs CREATEROLE (ALTER ROLE {user} CREATEROLE)"
    return True, ""


def member_of(connection: Connection, member: str, group: str) -> bool:
    return bool(
        connection.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_auth_members m "
                "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
                "WHERE g.rolname = :group AND u.rolname = :member)"
            ),
            {"group": group, "member": member},
        ).scalar()
    )


def ensure_group(connection: Connection, name: str) -> bool:
    """Create a NOLOGIN group role unless it exists; True when created."""
    if role(connection, name).exists:
        return False
    _run(connection, _sql("CREATE ROLE {} NOLOGIN", name))
    return True


def ensure_login(connection: Connection, name: str) -> bool:
    """Create a LOGIN role (no password: set one, or use peer/cert auth) unless it exists."""
    if role(connection, name).exists:
        return False
    _run(connection, _sql("CREATE ROLE {} LOGIN", name))
    return True


def set_password(connection: Connection, name: str, password: str) -> None:
    from psycopg import sql

    _run(
        connection,
        sql.SQL("ALTER ROLE {} PASSWORD {}").format(_ident(name), sql.Literal(password)),
    )


def grant_membership(connection: Connection, group: str, member: str) -> None:
    if not member_of(connection, member, group):
        _run(connection, _sql("GRANT {} TO {}", group, member))


def revoke_membership(connection: Connection, group: str, member: str) -> None:
    if member_of(connection, member, group):
        _run(connection, _sql("REVOKE {} FROM {}", group, member))


def apply_privileges(connection: Connection, team: str, managers: str) -> None:
    """Grants, the helper functions, the guards and the row-level security policies
    (idempotent: everything is revoked and granted again)."""
    from psycopg import sql

    from salesvisit_cli.store.guards import apply_guards
    from salesvisit_cli.store.pool_functions import apply_pool_functions

    here = schema(connection)
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    _run(connection, _sql("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}", database, team))
    _run(connection, _sql("GRANT USAGE ON SCHEMA {} TO {}", here, team))
    _run(connection, _sql("GRANT SELECT ON meta, rep TO {}", team))
    _run(connection, _sql("GRANT INSERT, UPDATE (name, is_manager) ON rep TO {}", managers))
    for table in _SERIAL_TABLES:
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table}
        ).scalar()
        if sequence:
            # pg_get_serial_sequence returns a quoted, schema-qualified name.
            _run(
                connection,
                sql.SQL("GRANT USAGE, SELECT ON SEQUENCE {} TO {}").format(
                    sql.SQL(sequence), _ident(team)
                ),
            )
    _grant_tables(connection, team, managers)
    _create_visited_function(connection, here, team)
    _create_private_view(connection, team, managers)
    zone = _team_zone(connection)
    apply_guards(lambda statement: _run(connection, statement), here, zone, team)
    apply_pool_functions(lambda statement: _run(connection, statement), here, zone, team)
    if connection.execute(text("SELECT to_regprocedure('salesvisit_log_customer()')")).scalar():
        _run(connection, sql.SQL("ALTER FUNCTION salesvisit_log_customer() SET TimeZone = {}")
             .format(sql.Literal(zone)))  # fmt: skip
    _create_policies(connection, team, managers)
    from salesvisit_cli.store.access_desk import apply_desk_access

    apply_desk_access(connection, database, here, zone)


def _customer_columns(connection: Connection) -> list[str]:
    return list(
        connection.execute(
            text(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = 'customer' ORDER BY ordinal_position"
            )
        ).scalars()
    )


def _columns(names: list[str]):
    from psycopg import sql

    return sql.SQL(", ").join(_ident(name) for name in names)


def _grant_tables(connection: Connection, team: str, managers: str) -> None:
    """Table privileges from _GRANTS (earlier ones revoked first); a salesperson reads only
    the customer columns FORMER_OWNER_SEES from the table, the others through the view."""
    from psycopg import sql

    from salesvisit_cli.store.private_columns import FORMER_OWNER_SEES

    for table, (for_team, for_managers) in _GRANTS.items():
        _run(connection, _sql("REVOKE ALL ON {} FROM {}, {}", table, team, managers))
        _run(connection, sql.SQL(f"GRANT {for_team} ON {{}} TO {{}}").format(
            _ident(table), _ident(team)))  # fmt: skip
        _run(connection, sql.SQL(f"GRANT {for_managers} ON {{}} TO {{}}").format(
            _ident(table), _ident(managers)))  # fmt: skip
    columns = _customer_columns(connection)
    readable = [name for name in columns if name in FORMER_OWNER_SEES]
    writable = [name for name in columns if name not in _CUSTOMER_LOCKED]
    for privilege, names in (("SELECT", readable), ("UPDATE", writable)):
        _run(
            connection,
            sql.SQL(f"GRANT {privilege} ({{}}) ON customer TO {{}}").format(
                _columns(names), _ident(team)
            ),
        )


def _create_private_view(connection: Connection, team: str, managers: str) -> None:
    """`customer_private`: the columns a past visitor may not read, shown (a security barrier
    view run as the owner) only for customers the caller owns, to managers and to the owner."""
    from psycopg import sql

    from salesvisit_cli.store.private_columns import FORMER_OWNER_SEES

    hidden = [n for n in _customer_columns(connection) if n not in FORMER_OWNER_SEES]
    _run(connection, _sql("DROP VIEW IF EXISTS {}", PRIVATE_VIEW))
    _run(
        connection,
        sql.SQL(
            "CREATE VIEW {} WITH (security_barrier) AS SELECT c.id, {} FROM customer c "
            f"WHERE c.owner_id = {_ME} OR pg_has_role(current_user, {{}}, 'MEMBER') "
            "OR pg_has_role(current_user, (SELECT t.relowner FROM pg_class t "
            "WHERE t.oid = 'customer'::regclass), 'MEMBER')"
        ).format(
            _ident(PRIVATE_VIEW),
            sql.SQL(", ").join(sql.SQL("c.") + _ident(n) for n in hidden),
            sql.Literal(managers),
        ),
    )
    _run(connection, _sql("GRANT SELECT ON {} TO {}", PRIVATE_VIEW, team))
    connection.connection.info.pop("salesvisit_private_view", None)


def _team_zone(connection: Connection) -> str:
    """The time zone of the times the database sets: recorded at the first `team init`."""
    from salesvisit_cli.store import team as rep_rows

    zone = rep_rows.meta_value(connection, "team.timezone")
    if not zone:
        zone = connection.execute(text("SELECT current_setting('TimeZone')")).scalar_one()
        rep_rows.set_meta(connection, "team.timezone", zone)
    return zone


def _create_policies(connection: Connection, team: str, managers: str) -> None:
    from psycopg import sql

    for table in PRIVATE_TABLES:
        _run(connection, _sql("ALTER TABLE {} ENABLE ROW LEVEL SECURITY", table))
        for name in _policy_names(connection, table):
            _run(connection, _sql("DROP POLICY {} ON {}", name, table))
        _run(
            connection,
            _sql("CREATE POLICY {} ON {} FOR ALL TO {} USING (true) WITH CHECK (true)",
                 MANAGER_POLICY, table, managers),
        )  # fmt: skip
    for table, name, command, using, check in TEAM_POLICIES:
        parts = [_sql(f"CREATE POLICY {{}} ON {{}} FOR {command} TO {{}}", name, table, team)]
        if using:
            parts.append(sql.SQL(f" USING ({using})"))
        if check:
            parts.append(sql.SQL(f" WITH CHECK ({check})"))
        _run(connection, sql.Composed(parts))


def _create_visited_function(connection: Connection, here: str, team: str) -> None:
    """`salesvisit_visited_by_me(customer_id)`: has the connected salesperson visited it?

    SECURITY DEFINER (reads visit without its policies) with a fixed search_path; the caller is
    the session's login role, so the function answers only about the caller's own visits.
    """
    from salesvisit_cli.store.guards import create_function

    create_function(
        lambda statement: _run(connection, statement), here, "salesvisit_visited_by_me",
        "SELECT EXISTS (SELECT 1 FROM visit v JOIN rep r ON r.id = v.rep_id "
        "WHERE v.customer_id = $1 AND r.db_role = session_user)",
        arguments="target integer", returns="boolean", language="sql",
        options="STABLE SECURITY DEFINER", grantee=team,
    )  # fmt: skip


def _policy_names(connection: Connection, table: str) -> list[str]:
    return list(
        connection.execute(
            text(
                "SELECT policyname FROM pg_policies "
                "WHERE schemaname = current_schema() AND tablename = :table"
            ),
            {"table": table},
        ).scalars()
    )


def rls_enabled(connection: Connection) -> dict[str, bool]:
    """Row-level security on/off for each salesperson-owned table."""
    rows = connection.execute(
        text(
            "SELECT c.relname, c.relrowsecurity FROM pg_class c "
            "WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relkind = 'r'"
        )
    ).all()
    found = dict(rows)
    return {table: bool(found.get(table, False)) for table in PRIVATE_TABLES}


def reapply_after_migration(connection: Connection) -> None:
    """After a schema upgrade by the owner: re-grant and re-create the policies in team mode."""
    from salesvisit_cli.store import team as rep_rows

    team = rep_rows.meta_value(connection, "team.role")
    managers = rep_rows.meta_value(connection, "team.manager_role")
    if team and managers and role(connection, team).exists and role(connection, managers).exists:
        apply_privileges(connection, team, managers)
