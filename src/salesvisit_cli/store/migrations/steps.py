"""The schema steps, frozen: step N takes a database from version N-1 to version N.

Never edit a step that has shipped: databases out there already ran it. A schema change is a new
function `mNNN_what_it_does(connection)` appended to MIGRATIONS (its position is its version),
plus a fixture of the previous version (see CONTRIBUTING.md). Each step is plain DDL valid on
SQLite and PostgreSQL; `_ddl` fills in the two types they spell differently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

# How each database spells an auto-numbered id column and a naive moment (what SQLAlchemy
# emitted for Integer primary keys and DateTime() when version 1 shipped).
_SPELLING = {
    "sqlite": {"serial": "INTEGER", "moment": "DATETIME"},
    "postgresql": {"serial": "SERIAL", "moment": "TIMESTAMP WITHOUT TIME ZONE"},
}


def _ddl(connection: Connection, script: str) -> None:
    """Run DDL statements (each ending with `;` at the end of a line) with `{serial}` and
    `{moment}` spelled for this dialect."""
    spelled = script.format(**_SPELLING[connection.dialect.name])
    for statement in re.split(r";[ \t]*$", spelled, flags=re.MULTILINE):
        if statement.strip():
            connection.exec_driver_sql(statement.strip())


_V1_SCHEMA = """
CREATE TABLE meta (
    "key" VARCHAR(64) NOT NULL,
    value VARCHAR NOT NULL,
    PRIMARY KEY ("key")
);
CREATE TABLE rep (
    id {serial} NOT NULL,
    name VARCHAR(200) NOT NULL,
    is_manager BOOLEAN NOT NULL,
    db_role VARCHAR(63),
    created_at {moment} NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name)
);
CREATE TABLE customer (
    id {serial} NOT NULL,
    name VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL,
    tier VARCHAR(10) NOT NULL,
    status VARCHAR(10) NOT NULL,
    contact VARCHAR,
    phone VARCHAR,
    email VARCHAR,
    address VARCHAR,
    industry VARCHAR,
    size VARCHAR,
    source VARCHAR,
    hours VARCHAR(11),
    web VARCHAR,
    note VARCHAR,
    owner_id INTEGER,
    created_at {moment} NOT NULL,
    client_since DATE,
    first_visit_on DATE,
    first_visit_as_prospect BOOLEAN NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(owner_id) REFERENCES rep (id)
);
CREATE INDEX ix_customer_owner_id ON customer (owner_id);
CREATE INDEX ix_customer_name_key ON customer (name_key);
CREATE INDEX ix_customer_first_visit_on ON customer (first_visit_on);
CREATE TABLE carry_check (
    rep_id INTEGER NOT NULL,
    date DATE NOT NULL,
    item VARCHAR(200) NOT NULL,
    done_at {moment} NOT NULL,
    PRIMARY KEY (rep_id, date, item),
    FOREIGN KEY(rep_id) REFERENCES rep (id)
);
CREATE TABLE daily_submission (
    id {serial} NOT NULL,
    rep_id INTEGER NOT NULL,
    date DATE NOT NULL,
    submitted_at {moment} NOT NULL,
    forced BOOLEAN NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(rep_id) REFERENCES rep (id)
);
CREATE INDEX ix_daily_submission_rep_date ON daily_submission (rep_id, date);
CREATE TABLE visit (
    id {serial} NOT NULL,
    customer_id INTEGER NOT NULL,
    rep_id INTEGER NOT NULL,
    date DATE NOT NULL,
    status VARCHAR(10) NOT NULL,
    at VARCHAR(5),
    purpose VARCHAR,
    appointment BOOLEAN NOT NULL,
    place VARCHAR,
    start VARCHAR(5),
    minutes INTEGER,
    notes VARCHAR,
    booking VARCHAR,
    complaint VARCHAR,
    suggestion VARCHAR,
    next_date DATE,
    next_at VARCHAR(5),
    next_place VARCHAR,
    as_prospect BOOLEAN NOT NULL,
    "conflict" BOOLEAN NOT NULL,
    cancel_reason VARCHAR,
    from_visit_id INTEGER,
    created_at {moment} NOT NULL,
    reported_at {moment},
    PRIMARY KEY (id),
    FOREIGN KEY(customer_id) REFERENCES customer (id),
    FOREIGN KEY(rep_id) REFERENCES rep (id),
    FOREIGN KEY(from_visit_id) REFERENCES visit (id)
);
CREATE INDEX ix_visit_rep_date ON visit (rep_id, date);
CREATE INDEX ix_visit_customer_date ON visit (customer_id, date);
CREATE TABLE visit_revision (
    id {serial} NOT NULL,
    visit_id INTEGER NOT NULL,
    revised_at {moment} NOT NULL,
    report VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(visit_id) REFERENCES visit (id)
);
CREATE INDEX ix_visit_revision_visit_id ON visit_revision (visit_id);
CREATE TABLE visit_prep (
    visit_id INTEGER NOT NULL,
    item VARCHAR(32) NOT NULL,
    done_at {moment} NOT NULL,
    PRIMARY KEY (visit_id, item),
    FOREIGN KEY(visit_id) REFERENCES visit (id)
);
CREATE TABLE followup (
    id {serial} NOT NULL,
    customer_id INTEGER NOT NULL,
    rep_id INTEGER NOT NULL,
    visit_id INTEGER,
    kind VARCHAR(10) NOT NULL,
    due DATE NOT NULL,
    note VARCHAR,
    created_at {moment} NOT NULL,
    done_at {moment},
    done_note VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(customer_id) REFERENCES customer (id),
    FOREIGN KEY(rep_id) REFERENCES rep (id),
    FOREIGN KEY(visit_id) REFERENCES visit (id)
);
CREATE INDEX ix_followup_visit_id ON followup (visit_id);
CREATE INDEX ix_followup_rep_due_done ON followup (rep_id, due, done_at);
CREATE INDEX ix_followup_customer_id ON followup (customer_id);
"""


def m001_initial_schema(connection: Connection) -> None:
    """The tables version 1 shipped with (then made by SQLModel's create_all)."""
    _ddl(connection, _V1_SCHEMA)


def m002_migration_log(connection: Connection) -> None:
    """The log of applied steps (name, when; NULL for steps run before the log existed)."""
    _ddl(
        connection,
        """
CREATE TABLE schema_migration (
    name VARCHAR(200) NOT NULL,
    applied_at {moment},
    PRIMARY KEY (name)
);
""",
    )


_M003_LOG_TRIGGER = (
    # The database writes the log: the acting salesperson is the one mapped to the login; a
    # login mapped to none (the owner) names them in `salesvisit.actor` (store.customer_log).
    """CREATE OR REPLACE FUNCTION salesvisit_log_customer() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_catalog, pg_temp AS $$
DECLARE
    actor integer := (SELECT r.id FROM rep r WHERE r.db_role = session_user);
    given text := current_setting('salesvisit.actor', true);
    why text := nullif(current_setting('salesvisit.reason', true), '');
    changed text;
BEGIN
    IF actor IS NULL AND given ~ '^[0-9]{1,9}$' THEN
        actor := (SELECT r.id FROM rep r WHERE r.id = given::integer);
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO customer_log (customer_id, at, by_id, event, to_id, reason)
        VALUES (NEW.id, localtimestamp, actor, 'created', NEW.owner_id, why);
        RETURN NULL;
    END IF;
    IF NEW.owner_id IS DISTINCT FROM OLD.owner_id THEN
        INSERT INTO customer_log (customer_id, at, by_id, event, from_id, to_id, reason)
        VALUES (NEW.id, localtimestamp, actor, CASE
            WHEN NEW.owner_id IS NULL THEN 'released'
            WHEN OLD.owner_id IS NULL AND NEW.owner_id = actor THEN 'claimed'
            ELSE 'assigned' END, OLD.owner_id, NEW.owner_id, why);
    END IF;
    SELECT string_agg(n.key, ',' ORDER BY n.key) INTO changed
    FROM jsonb_each(to_jsonb(NEW)) n JOIN jsonb_each(to_jsonb(OLD)) o ON o.key = n.key
    WHERE n.value IS DISTINCT FROM o.value AND n.key NOT IN ('id', 'owner_id', 'name_key',
        'created_at', 'client_since', 'first_visit_on', 'first_visit_as_prospect');
    IF changed IS NOT NULL THEN
        INSERT INTO customer_log (customer_id, at, by_id, event, fields, reason)
        VALUES (NEW.id, localtimestamp, actor, 'edited', changed, why);
    END IF;
    RETURN NULL;
END $$""",
    "REVOKE ALL ON FUNCTION salesvisit_log_customer() FROM PUBLIC",
    "DROP TRIGGER IF EXISTS salesvisit_log ON customer",
    "CREATE TRIGGER salesvisit_log AFTER INSERT OR UPDATE ON customer "
    "FOR EACH ROW EXECUTE FUNCTION salesvisit_log_customer()",
)


def m003_customer_log(connection: Connection) -> None:
    """The customer log (`customer log REF`): ownership changes and edits of the file.

    On PostgreSQL a trigger writes it (the statements below); on SQLite the services do, in the
    same transaction.
    """
    _ddl(
        connection,
        """
CREATE TABLE customer_log (
    id {serial} NOT NULL,
    customer_id INTEGER NOT NULL,
    at {moment} NOT NULL,
    by_id INTEGER,
    event VARCHAR(10) NOT NULL,
    from_id INTEGER,
    to_id INTEGER,
    fields VARCHAR,
    reason VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(customer_id) REFERENCES customer (id),
    FOREIGN KEY(by_id) REFERENCES rep (id),
    FOREIGN KEY(from_id) REFERENCES rep (id),
    FOREIGN KEY(to_id) REFERENCES rep (id)
);
CREATE INDEX ix_customer_log_customer_id ON customer_log (customer_id);
""",
    )
    if connection.dialect.name != "postgresql":
        return
    here = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    schema = '"' + here.replace('"', '""') + '"'  # quoted: pg_temp is searched last
    for statement in _M003_LOG_TRIGGER:
        connection.exec_driver_sql(statement.replace("{schema}", schema))


def m004_customer_location(connection: Connection) -> None:
    """Where customers are: WGS-84 coordinates (both or neither) and the district (区/县)."""
    _ddl(
        connection,
        """
ALTER TABLE customer ADD COLUMN lat FLOAT;
ALTER TABLE customer ADD COLUMN lon FLOAT;
ALTER TABLE customer ADD COLUMN district VARCHAR(40);
CREATE INDEX ix_customer_district ON customer (district);
""",
    )


def m005_reception(connection: Connection) -> None:
    """The front desk (前台接待): front-desk logins, the duty group, the register of walk-ins
    and calls (with market-research marks), and the market notes handed in with a day."""
    _ddl(
        connection,
        """
ALTER TABLE rep ADD COLUMN is_reception BOOLEAN DEFAULT false NOT NULL;
ALTER TABLE daily_submission ADD COLUMN market VARCHAR;
CREATE TABLE duty (
    slot VARCHAR(10) NOT NULL,
    rep_id INTEGER NOT NULL,
    set_by INTEGER,
    set_at {moment} NOT NULL,
    PRIMARY KEY (slot, rep_id),
    FOREIGN KEY(rep_id) REFERENCES rep (id),
    FOREIGN KEY(set_by) REFERENCES rep (id)
);
CREATE TABLE reception (
    id {serial} NOT NULL,
    at {moment} NOT NULL,
    kind VARCHAR(10) NOT NULL,
    customer_id INTEGER NOT NULL,
    rep_id INTEGER NOT NULL,
    by_id INTEGER,
    is_new BOOLEAN NOT NULL,
    assigned BOOLEAN NOT NULL,
    how VARCHAR(12) NOT NULL,
    replaces_id INTEGER,
    research_at {moment},
    research_by INTEGER,
    research_reason VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(customer_id) REFERENCES customer (id),
    FOREIGN KEY(rep_id) REFERENCES rep (id),
    FOREIGN KEY(by_id) REFERENCES rep (id),
    FOREIGN KEY(replaces_id) REFERENCES reception (id),
    FOREIGN KEY(research_by) REFERENCES rep (id),
    UNIQUE (replaces_id)
);
CREATE INDEX ix_reception_at ON reception (at);
""",
    )
    if connection.dialect.name != "postgresql":
        return
    here = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    schema = '"' + here.replace('"', '""') + '"'  # quoted: pg_temp is searched last
    for statement in _M005_LOG_RECEPTION:
        connection.exec_driver_sql(statement.replace("{schema}", schema))


_M005_LOG_RECEPTION = (
    # Every registration is in the customer log (`received`), written by the database.
    """CREATE OR REPLACE FUNCTION salesvisit_log_reception() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO customer_log (customer_id, at, by_id, event, to_id, reason)
    VALUES (NEW.customer_id, NEW.at, NEW.by_id, 'received', NEW.rep_id,
            'reception ' || NEW.kind || ' (' || NEW.how || ')');
    RETURN NULL;
END $$""",
    "REVOKE ALL ON FUNCTION salesvisit_log_reception() FROM PUBLIC",
    "CREATE TRIGGER salesvisit_log AFTER INSERT ON reception "
    "FOR EACH ROW EXECUTE FUNCTION salesvisit_log_reception()",
)


def m006_visit_moves(connection: Connection) -> None:
    """Planned visits count their moves (`visit move`): calendar files raise the event's
    SEQUENCE with each one, so a phone replaces its older copy."""
    _ddl(connection, "ALTER TABLE visit ADD COLUMN moves INTEGER DEFAULT 0 NOT NULL;")


def m007_team_scale_indexes(connection: Connection) -> None:
    """Indexes for the whole team's day and hand-ins, open follow-ups, the month's new
    customers and releases (`daily/followup/quota --team`), which otherwise read every row."""
    _ddl(
        connection,
        """
        CREATE INDEX ix_visit_date ON visit (date);
        CREATE INDEX ix_daily_submission_date ON daily_submission (date);
        CREATE INDEX ix_followup_open_due ON followup (done_at, due);
        CREATE INDEX ix_customer_created_at ON customer (created_at);
        CREATE INDEX ix_customer_log_at ON customer_log (at);
        """,
    )


def m008_reception_followup(connection: Connection) -> None:
    """A returning customer's registration keeps the "walked in / called" follow-up it gave
    the owner (`reception --json`: `entries[].followup_id`)."""
    _ddl(
        connection, "ALTER TABLE reception ADD COLUMN followup_id INTEGER REFERENCES followup (id);"
    )


# In order: the position of a step (from 1) is the schema version it leads to. Append only.
MIGRATIONS: list[Callable[[Connection], None]] = [
    m001_initial_schema,
    m002_migration_log,
    m003_customer_log,
    m004_customer_location,
    m005_reception,
    m006_visit_moves,
    m007_team_scale_indexes,
    m008_reception_followup,
]
