"""The attack suite: a salesperson's own login, with raw SQL, against every table and column.

The team's history (tests/pg/test_pg_parity.py) is built through the CLI, `team init` applied,
and then bob, through his own PostgreSQL login, tries every INSERT / UPDATE / DELETE / TRUNCATE
on every table and every column, as the schema lists them (information_schema, not a hand
list): on everybody else's rows, on the derived columns of his own rows and on the append-only
tables; then SET ROLE, GRANT, disabling row-level security or the guards, shadowing tables with
temporary ones and calling the SECURITY DEFINER functions with hostile arguments. Afterwards
every figure of `quota --team --json` and `daily --team --json` (read by the manager) and every
row of the database are what they were. The same runs on a database upgraded from schema
version 2 by its owner (the upgrade re-applies the grants, policies and guards).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.pg.test_pg_parity import _ok, build_history

pytestmark = pytest.mark.postgres

OWNER = "sv_attack_owner"
ATTACKER = "bob"
MANAGER = "Wang Li"
# Columns the database derives or stamps (attacked on the attacker's own rows too).
DERIVED = {
    "customer": ("created_at", "first_visit_on", "first_visit_as_prospect", "client_since"),
    "visit": ("conflict", "as_prospect", "created_at", "reported_at"),
    "daily_submission": ("submitted_at", "date", "forced", "rep_id"),
    "visit_revision": ("revised_at", "report", "visit_id"),
    "customer_log": ("at", "by_id", "event", "from_id", "to_id", "fields", "reason"),
}
APPEND_ONLY = ("daily_submission", "visit_revision", "customer_log", "meta", "rep")
DAYS = ("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06")


def _figures(cli) -> dict[str, Any]:
    """Every figure the manager reads: the month's quota and each day's hand-ins."""
    figures = {"quota": _ok(cli("quota", "--team", "--json"))}
    for day in DAYS:
        figures[day] = _ok(cli("daily", day, "--team", "--json"))
        for summary in figures[day]:
            # An attacker's own report stamped as amended (`reported_at`, see `stamped`) asks
            # for a new hand-in of their own day: a request, not a figure.
            summary.pop("changed_since_submit")
    return figures


class Schema:
    """Tables, columns (name → type) and primary keys, from information_schema."""

    def __init__(self, conn) -> None:
        rows = conn.execute(
            "SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length "
            "FROM information_schema.columns c "
            "JOIN information_schema.tables t USING (table_schema, table_name) "
            "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
            "ORDER BY c.table_name, c.ordinal_position"
        ).fetchall()
        self.columns: dict[str, dict[str, str]] = {}
        for table, column, kind, length in rows:
            self.columns.setdefault(table, {})[column] = (
                kind if length is None else f"{kind}:{length}"
            )
        keys = conn.execute(
            "SELECT k.table_name, k.column_name FROM information_schema.table_constraints c "
            "JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name) "
            "WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema() "
            "ORDER BY k.table_name, k.ordinal_position"
        ).fetchall()
        self.keys: dict[str, list[str]] = {}
        for table, column in keys:
            self.keys.setdefault(table, []).append(column)


def _mine(table: str, columns: dict[str, str], me: int) -> sql.Composable:
    """The attacker's own rows of a table (nothing for the tables nobody owns)."""
    if table in APPEND_ONLY:
        return sql.SQL("false")
    if "rep_id" in columns:
        return sql.SQL("rep_id = {}").format(me)
    if table == "customer":
        return sql.SQL("owner_id = {}").format(me)
    if "visit_id" in columns:
        return sql.SQL("visit_id IN (SELECT id FROM visit WHERE rep_id = {})").format(me)
    return sql.SQL("false")


def _rows(conn, schema: Schema, table: str, where: sql.Composable) -> list[dict[str, Any]]:
    cursor = conn.cursor(row_factory=psycopg.rows.dict_row)
    order = sql.SQL(", ").join(map(sql.Identifier, schema.keys[table]))
    return cursor.execute(
        sql.SQL("SELECT * FROM {} WHERE {} ORDER BY {}").format(sql.Identifier(table), where, order)
    ).fetchall()


def _snapshot(conn, schema: Schema) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (as the owner)."""
    return {table: _rows(conn, schema, table, sql.SQL("true")) for table in schema.columns}


def _hostile(column: str, kind: str, ids: dict[str, int], *, update: bool = True) -> sql.Composable:
    """A value that would help the attacker (or hurt a colleague) in this column."""
    if column in ("rep_id", "owner_id", "by_id", "from_id", "to_id"):
        return sql.Literal(ids["colleague"])
    if column == "customer_id":
        return sql.Literal(ids["their_customer"])
    if column == "visit_id":
        return sql.Literal(ids["their_visit"])
    if kind == "boolean":
        return sql.SQL("NOT {}").format(sql.Identifier(column)) if update else sql.Literal(True)
    if kind == "integer":
        return sql.Literal(999_999)
    if kind == "date":
        return sql.Literal(dt.date(2026, 3, 1))
    if kind.startswith("timestamp"):
        return sql.Literal(dt.datetime(2026, 3, 1, 8, 0))
    length = int(kind.split(":")[1]) if ":" in kind else None
    return sql.Literal("forged"[:length])


class Attacker:
    """Runs each attempt in its own transaction and counts what became of it."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.outcomes: Counter[str] = Counter()
        self.got_through: list[str] = []

    def attempt(self, statement: sql.Composable, *, allowed_rows: bool = False) -> None:
        """`allowed_rows`: the statement may match rows if the database absorbs it (a guard
        keeps or derives the value); the row snapshot afterwards proves nothing changed."""
        text = statement.as_string(self.conn)
        try:
            with self.conn.transaction():
                count = self.conn.execute(statement).rowcount
        except psycopg.Error as error:
            self.outcomes[type(error).__name__] += 1
            return
        if count in (0, -1) or allowed_rows:
            self.outcomes["matched nothing" if count in (0, -1) else "absorbed"] += 1
        else:
            self.got_through.append(f"{text} -> {count} row(s)")

    @property
    def total(self) -> int:
        return sum(self.outcomes.values()) + len(self.got_through)


def _writes(attacker: Attacker, schema: Schema, owner_conn, ids: dict[str, int]) -> None:
    """INSERT / UPDATE / DELETE / TRUNCATE on every table and column."""
    me = ids["me"]
    for table, columns in schema.columns.items():
        name = sql.Identifier(table)
        mine = _mine(table, columns, me)
        theirs = _rows(owner_conn, schema, table, sql.SQL("NOT ({})").format(mine))
        keys = schema.keys[table]
        for row in theirs:
            where = sql.SQL(" AND ").join(
                sql.SQL("{} = {}").format(sql.Identifier(k), sql.Literal(row[k])) for k in keys
            )
            for column, kind in columns.items():
                value = _hostile(column, kind, ids)
                if column in ("owner_id", "rep_id") and row.get(column) != me:
                    value = sql.Literal(me)  # take it over
                attacker.attempt(
                    sql.SQL("UPDATE {} SET {} = {} WHERE {}").format(
                        name, sql.Identifier(column), value, where
                    )
                )
            attacker.attempt(sql.SQL("DELETE FROM {} WHERE {}").format(name, where))
            # The row again, in its owner's name, each column in turn made hostile.
            writable = [c for c in columns if not (c == "id" and keys == ["id"])]
            for changed in [None, *writable]:
                values = [
                    _hostile(c, columns[c], ids, update=False)
                    if c == changed
                    else sql.Literal(row[c])
                    for c in writable
                ]
                attacker.attempt(
                    sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
                        name,
                        sql.SQL(", ").join(map(sql.Identifier, writable)),
                        sql.SQL(", ").join(values),
                    )
                )
            break  # one row of each table in someone else's name is enough for INSERT…
        for row in theirs[1:]:  # …but every row for UPDATE and DELETE
            where = sql.SQL(" AND ").join(
                sql.SQL("{} = {}").format(sql.Identifier(k), sql.Literal(row[k])) for k in keys
            )
            for column, kind in columns.items():
                attacker.attempt(
                    sql.SQL("UPDATE {} SET {} = {} WHERE {}").format(
                        name, sql.Identifier(column), _hostile(column, kind, ids), where
                    )
                )
            attacker.attempt(sql.SQL("DELETE FROM {} WHERE {}").format(name, where))
        _own_rows(attacker, table, columns, mine, ids)
        attacker.attempt(sql.SQL("DELETE FROM {} WHERE NOT ({})").format(name, mine))
        attacker.attempt(sql.SQL("TRUNCATE {}").format(name))
        attacker.attempt(sql.SQL("TRUNCATE {} CASCADE").format(name))


def _own_rows(attacker: Attacker, table: str, columns, mine, ids) -> None:
    """The derived columns of the attacker's own rows (absorbed by the guards at best)."""
    name = sql.Identifier(table)
    own = mine if table not in APPEND_ONLY else sql.SQL("true")
    for column in DERIVED.get(table, ()):
        if column in columns and not (table in DERIVED and column in ("rep_id", "visit_id")):
            value = _hostile(column, columns[column], ids)
            attacker.attempt(
                sql.SQL("UPDATE {} SET {} = {} WHERE {}").format(
                    name, sql.Identifier(column), value, own
                ),
                allowed_rows=table in ("customer", "visit"),
            )
    if table in APPEND_ONLY:
        attacker.attempt(sql.SQL("DELETE FROM {} WHERE {}").format(name, own))


def _escapes(attacker: Attacker, schema: Schema, ids: dict[str, int], owner: str) -> None:
    """Roles, grants, switching the protections off, the functions with hostile arguments."""
    me = sql.Identifier(attacker.conn.info.user)
    for role in ("salesvisit_managers", "salesvisit_team", owner, "postgres"):
        attacker.attempt(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
        attacker.attempt(sql.SQL("SET SESSION AUTHORIZATION {}").format(sql.Identifier(role)))
        attacker.attempt(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), me))
    attacker.attempt(sql.SQL("SET session_replication_role = replica"))
    attacker.attempt(sql.SQL("ALTER ROLE {} BYPASSRLS").format(me))
    attacker.attempt(sql.SQL("ALTER ROLE {} SUPERUSER").format(me))
    for table in schema.columns:
        name = sql.Identifier(table)
        for statement in (
            "GRANT ALL ON {} TO {}",
            "GRANT ALL ON {} TO PUBLIC",
            "ALTER TABLE {} DISABLE ROW LEVEL SECURITY",
            "ALTER TABLE {} NO FORCE ROW LEVEL SECURITY",
            "ALTER TABLE {} DISABLE TRIGGER ALL",
            "ALTER TABLE {} OWNER TO {}",
            "DROP POLICY IF EXISTS sv_manager ON {}",
            "DROP TRIGGER IF EXISTS salesvisit_guard ON {}",
            "CREATE POLICY sv_mine ON {} USING (true) WITH CHECK (true)",
            "DROP TABLE {} CASCADE",
        ):
            attacker.attempt(sql.SQL(statement).format(name, me) if statement.count("{}") == 2
                             else sql.SQL(statement).format(name))  # fmt: skip
    for function in ("salesvisit_guard_visit()", "salesvisit_log_customer()",
                     "salesvisit_refresh_first_visit(integer)", "salesvisit_release_due()",
                     "salesvisit_claim(integer)", "salesvisit_release(integer, text)"):  # fmt: skip
        attacker.attempt(sql.SQL(f"ALTER FUNCTION {function} SECURITY INVOKER"))
        attacker.attempt(sql.SQL(f"DROP FUNCTION {function} CASCADE"))
    attacker.attempt(sql.SQL(
        "CREATE OR REPLACE FUNCTION salesvisit_refresh_first_visit(target integer) RETURNS void "
        "LANGUAGE sql AS $$ SELECT 1 $$"
    ))  # fmt: skip
    attacker.attempt(sql.SQL("DROP VIEW customer_private"))
    # Temporary tables that shadow ours, then the functions that run as the owner.
    for table in ("visit", "customer", "rep", "customer_log"):
        attacker.attempt(sql.SQL("CREATE TEMP TABLE IF NOT EXISTS {} (LIKE public.{})").format(
            sql.Identifier(table), sql.Identifier(table)))  # fmt: skip
    attacker.attempt(sql.SQL("SET search_path = pg_temp, public"))
    for target in (None, -1, 0, 2**31 - 1, ids["their_customer"], ids["my_customer"]):
        for function in ("salesvisit_refresh_first_visit", "salesvisit_visited_by_me"):
            call = sql.SQL("SELECT {}({})").format(sql.Identifier(function), sql.Literal(target))
            attacker.attempt(call, allowed_rows=True)  # runs, changes nothing
    # The pool (issue 17): claim owned customers, release a colleague's, run the rule early.
    for target in (None, -1, 0, 2**31 - 1, ids["their_customer"], ids["my_customer"]):
        attacker.attempt(sql.SQL("SELECT salesvisit_claim({})").format(sql.Literal(target)))
    for target in (None, ids["their_customer"]):
        attacker.attempt(
            sql.SQL("SELECT salesvisit_release({}, 'mine now')").format(sql.Literal(target))
        )
    attacker.attempt(sql.SQL("SELECT salesvisit_release(NULL, NULL)"))
    attacker.attempt(sql.SQL("SELECT salesvisit_release_due()"), allowed_rows=True)
    attacker.attempt(sql.SQL("SELECT salesvisit_refresh_first_visit('1; DELETE FROM visit')"))
    attacker.attempt(sql.SQL("SELECT salesvisit_guard_visit()"))
    attacker.attempt(sql.SQL("SELECT salesvisit_log_customer()"))
    attacker.attempt(sql.SQL("RESET search_path"))


def _history_with_team(cli, clock, make_pg_db, monkeypatch, *, upgraded: bool):
    db = make_pg_db(owner=OWNER)
    monkeypatch.setenv("SALESVISIT_DB", db.url)
    build_history(cli, clock)
    roles = {m["rep"]: m["role"] for m in _ok(cli("team", "init", "--yes", "--json"))["members"]}
    if upgraded:
        _back_to_version_2(db)
        assert _ok(cli("db", "check", "--json"))["ok"] is True  # the owner upgrades
    return db, roles


def _back_to_version_2(db) -> None:
    """A team database of schema version 2 (before the customer log, locations and visit moves):
    no log, no customer locations, no visit moves, no guards, no private view, the broad grants
    and the old "owned or visited" customer policy."""
    with db.connect(OWNER, autocommit=True) as conn:
        conn.execute("DROP TABLE customer_log")
        conn.execute("DROP FUNCTION salesvisit_log_customer() CASCADE")
        conn.execute("DROP VIEW customer_private")
        for table in ("customer", "visit", "daily_submission", "visit_revision"):
            conn.execute(
                sql.SQL("DROP TRIGGER salesvisit_guard ON {}").format(sql.Identifier(table))
            )
            conn.execute(
                sql.SQL("GRANT ALL ON {} TO salesvisit_team").format(sql.Identifier(table))
            )
        conn.execute("DROP POLICY sv_update ON customer")
        conn.execute(
            "CREATE POLICY sv_update ON customer FOR UPDATE TO salesvisit_team "
            "USING (salesvisit_visited_by_me(id)) WITH CHECK (true)"
        )
        # … and before the front desk (m005): no duty group, no register, no front-desk logins
        conn.execute("DROP TABLE reception, duty")
        conn.execute("ALTER TABLE rep DROP COLUMN is_reception CASCADE")  # and desk policies
        conn.execute("ALTER TABLE daily_submission DROP COLUMN market")
        conn.execute("ALTER TABLE customer DROP COLUMN lat, DROP COLUMN lon, DROP COLUMN district")
        conn.execute("ALTER TABLE visit DROP COLUMN moves")
        conn.execute(  # … and before the team-scale indexes (m007)
            "DROP INDEX ix_visit_date, ix_daily_submission_date, ix_followup_open_due, "
            "ix_customer_created_at"
        )
        conn.execute(
            "DELETE FROM schema_migration WHERE name IN ('m003_customer_log', "
            "'m004_customer_location', 'm005_reception', 'm006_visit_moves', "
            "'m007_team_scale_indexes')"
        )
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


@pytest.mark.parametrize("upgraded", [False, True], ids=["fresh", "upgraded-from-v2"])
def test_a_salesperson_cannot_bend_the_team_figures(cli, clock, make_pg_db, monkeypatch, upgraded):
    db, roles = _history_with_team(cli, clock, make_pg_db, monkeypatch, upgraded=upgraded)
    monkeypatch.delenv("SALESVISIT_REP")
    monkeypatch.setenv("SALESVISIT_DB", db.url_for(roles[MANAGER]))
    before = _figures(cli)
    with db.connect(OWNER) as owner_conn:
        schema = Schema(owner_conn)
        reps = dict(owner_conn.execute("SELECT name, id FROM rep").fetchall())
        me = reps[ATTACKER]
        one = lambda query: owner_conn.execute(query, [me]).fetchone()[0]  # noqa: E731
        ids = {
            "me": me,
            "colleague": reps["alice"],
            "their_customer": one("SELECT min(id) FROM customer WHERE owner_id <> %s"),
            "my_customer": one("SELECT min(id) FROM customer WHERE owner_id = %s"),
            "their_visit": one("SELECT min(id) FROM visit WHERE rep_id <> %s"),
        }
        rows_before = _snapshot(owner_conn, schema)
        owner_conn.rollback()
        assert {"customer_log", "visit", "daily_submission"} <= set(schema.columns)
        with db.connect(roles[ATTACKER], autocommit=True) as conn:
            attacker = Attacker(conn)
            _writes(attacker, schema, owner_conn, ids)
            _escapes(attacker, schema, ids, OWNER)
        owner_conn.rollback()
        rows_after = _snapshot(owner_conn, schema)
    print(f"\n{attacker.total} attacks ({'upgraded' if upgraded else 'fresh'}): "
          f"{dict(attacker.outcomes)}")  # fmt: skip
    assert attacker.got_through == [], "\n".join(attacker.got_through)
    assert attacker.total > 500
    stamped = {("visit", "reported_at")}  # an "amended" report is stamped now, never forged
    for table, rows in rows_before.items():
        keep = [c for c in schema.columns[table] if (table, c) not in stamped]
        after = rows_after[table]
        assert [[r[c] for c in keep] for r in after] == [[r[c] for c in keep] for r in rows], table
    forged = dt.datetime(2026, 3, 1, 8, 0)
    assert all(r["reported_at"] != forged for r in rows_after["visit"])
    assert _figures(cli) == before
