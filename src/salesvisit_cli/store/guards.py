"""Facts only the database sets, on PostgreSQL in team mode (applied by `store.access`).

What a salesperson is measured on must not be forgeable through their own login, so BEFORE
triggers overwrite whatever a login other than the tables' owner supplies:

- customer: `created_at` (now), `first_visit_on` / `first_visit_as_prospect` (kept: only the
  owner's SECURITY DEFINER `salesvisit_refresh_first_visit` recounts them), `client_since`
  (the booking visit's date, else today, when it becomes a client; kept while it stays one);
- visit: `created_at` (now), and when it is reported (becomes done, or moves to another
  customer or salesperson) `conflict` (the customer has another owner), `as_prospect` (the
  customer is still a prospect) and `reported_at` (now); a reported visit stays reported,
  or is voided with a reason (`visit void`), and a void one stays as it is;
- daily_submission: `submitted_at` (now); a day cannot be handed in before it starts;
- visit_revision: `revised_at` (now); its rows are never changed;
- reception: `by_id` (the login's salesperson row), no market-research mark on a new row; a
  registration is never changed, except its market-research mark (`research_by`: who).

"Now" is the database's clock in the zone recorded at `team init` (`meta team.timezone`), fixed
in each function, so a session's own `SET TimeZone` cannot move it. The functions run with a
fixed search_path (the schema, pg_catalog, then pg_temp: no temporary table can shadow ours).
"""

from __future__ import annotations

# The table owner (and roles it is granted to: superusers, migrations) writes as it likes.
TRUSTED = (
    "pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), "
    "'MEMBER')"
)

_CUSTOMER = f"""
BEGIN
    IF {TRUSTED} THEN RETURN NEW; END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.created_at := localtimestamp;
        NEW.first_visit_on := NULL;
        NEW.first_visit_as_prospect := false;
        NEW.client_since := CASE WHEN NEW.status = 'client' THEN current_date END;
        RETURN NEW;
    END IF;
    NEW.created_at := OLD.created_at;
    NEW.first_visit_on := OLD.first_visit_on;
    NEW.first_visit_as_prospect := OLD.first_visit_as_prospect;
    IF NEW.status IS DISTINCT FROM 'client' THEN
        NEW.client_since := NULL;
    ELSIF OLD.status = 'client' THEN
        NEW.client_since := OLD.client_since;
    ELSE
        NEW.client_since := coalesce((SELECT min(v.date) FROM visit v WHERE v.customer_id = NEW.id
            AND v.status = 'done' AND coalesce(v.booking, '') <> ''), current_date);
    END IF;
    RETURN NEW;
END"""

_VISIT = f"""
DECLARE
    owner integer;
    prospect boolean;
BEGIN
    IF {TRUSTED} THEN RETURN NEW; END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.created_at := localtimestamp;
    ELSE
        NEW.created_at := OLD.created_at;
        IF OLD.status = 'void' AND NEW IS DISTINCT FROM OLD THEN
            RAISE EXCEPTION 'a void report stays as it is' USING ERRCODE = '42501';
        END IF;
        IF OLD.status = 'done' AND NEW.status IS DISTINCT FROM 'done' AND (NEW.status <> 'void'
                OR coalesce(btrim(NEW.cancel_reason), '') = '') THEN
            RAISE EXCEPTION 'a reported visit stays reported (or is voided with a reason)'
                USING ERRCODE = '42501';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'done' AND NEW.status = 'done'
            OR NEW.customer_id <> OLD.customer_id OR NEW.rep_id <> OLD.rep_id THEN
        SELECT c.owner_id, c.status = 'prospect' INTO owner, prospect
        FROM customer c WHERE c.id = NEW.customer_id;
        NEW.conflict := coalesce(owner <> NEW.rep_id, false);
        NEW.as_prospect := NEW.status = 'done' AND coalesce(prospect, false);
        NEW.reported_at := CASE WHEN NEW.status = 'done' THEN localtimestamp END;
    ELSE
        NEW.conflict := OLD.conflict;
        NEW.as_prospect := OLD.as_prospect;
        IF NEW.reported_at IS DISTINCT FROM OLD.reported_at THEN
            NEW.reported_at := localtimestamp;  -- an amended report
        END IF;
    END IF;
    RETURN NEW;
END"""

_SUBMISSION = f"""
BEGIN
    IF {TRUSTED} THEN RETURN NEW; END IF;
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'a hand-in is never changed' USING ERRCODE = '42501';
    END IF;
    IF NEW.date > current_date THEN
        RAISE EXCEPTION 'a day cannot be handed in before it starts' USING ERRCODE = '42501';
    END IF;
    NEW.submitted_at := localtimestamp;
    RETURN NEW;
END"""

_REVISION = f"""
BEGIN
    IF {TRUSTED} THEN RETURN NEW; END IF;
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'the revision history is append-only' USING ERRCODE = '42501';
    END IF;
    NEW.revised_at := localtimestamp;
    RETURN NEW;
END"""

_RECEPTION = f"""
DECLARE
    actor integer := (SELECT r.id FROM rep r WHERE r.db_role = current_user);
BEGIN
    IF {TRUSTED} THEN RETURN NEW; END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.by_id := actor;
        NEW.research_at := NULL;
        NEW.research_by := NULL;
        NEW.research_reason := NULL;
        RETURN NEW;
    END IF;
    IF (NEW.id, NEW.at, NEW.kind, NEW.customer_id, NEW.rep_id, NEW.by_id, NEW.is_new,
        NEW.assigned, NEW.how, NEW.replaces_id) IS DISTINCT FROM (OLD.id, OLD.at, OLD.kind,
        OLD.customer_id, OLD.rep_id, OLD.by_id, OLD.is_new, OLD.assigned, OLD.how,
        OLD.replaces_id) THEN
        RAISE EXCEPTION 'a registration is never changed' USING ERRCODE = '42501';
    END IF;
    NEW.research_by := actor;
    RETURN NEW;
END"""

# (table, trigger function, body)
GUARDS: tuple[tuple[str, str, str], ...] = (
    ("customer", "salesvisit_guard_customer", _CUSTOMER),
    ("visit", "salesvisit_guard_visit", _VISIT),
    ("daily_submission", "salesvisit_guard_submission", _SUBMISSION),
    ("visit_revision", "salesvisit_guard_revision", _REVISION),
    ("reception", "salesvisit_guard_reception", _RECEPTION),
)
TRIGGER = "salesvisit_guard"


def create_function(
    run,
    here: str,
    name: str,
    body: str,
    *,
    arguments: str = "",
    returns: str = "trigger",
    language: str = "plpgsql",
    options: str = "",
    zone: str | None = None,
    grantee: str | None = None,
):
    """Create (or replace) the function `here.name(arguments)` with a fixed search_path (and time
    zone, when given), revoke it from PUBLIC and let `grantee` execute it; returns its qualified
    name. `options`: e.g. "SECURITY DEFINER", "STABLE"."""
    from psycopg import sql

    qualified = sql.SQL("{}.{}").format(sql.Identifier(here), sql.Identifier(name))
    signature = sql.SQL("{}({})").format(qualified, sql.SQL(arguments))
    settings = sql.SQL("SET search_path = {}, pg_catalog, pg_temp").format(sql.Identifier(here))
    if zone is not None:
        settings = sql.SQL("{} SET TimeZone = {}").format(settings, sql.Literal(zone))
    run(
        sql.SQL("CREATE OR REPLACE FUNCTION {} RETURNS {} LANGUAGE {} {} {} AS {}").format(
            signature, sql.SQL(returns), sql.SQL(language), sql.SQL(options), settings,
            sql.Literal(body),
        )
    )  # fmt: skip
    run(sql.SQL("REVOKE ALL ON FUNCTION {} FROM PUBLIC").format(signature))
    if grantee is not None:
        grant = sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}")
        run(grant.format(signature, sql.Identifier(grantee)))
    return qualified


def apply_guards(run, here: str, zone: str, team: str) -> None:
    """Create (or replace) the guard functions and their BEFORE triggers, and the first-visit
    function. `run` executes a psycopg.sql statement in the current transaction.
    """
    from psycopg import sql

    first_visit_function(run, here, team)
    for table, function, body in GUARDS:
        name = create_function(run, here, function, body, zone=zone)
        run(
            sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(
                sql.Identifier(TRIGGER), sql.Identifier(table)
            )
        )
        run(
            sql.SQL(
                "CREATE TRIGGER {} BEFORE INSERT OR UPDATE ON {} FOR EACH ROW EXECUTE FUNCTION {}()"
            ).format(sql.Identifier(TRIGGER), sql.Identifier(table), name)
        )


# Recomputes customer.first_visit_on / first_visit_as_prospect from every completed visit; the
# app calls it (store.progress.refresh_first_visit) when it exists.
FIRST_VISIT_FUNCTION = "salesvisit_refresh_first_visit"


def first_visit_function(run, here: str, team: str) -> None:
    """`salesvisit_refresh_first_visit(customer_id)`: the new-customer facts from all visits.

    Under row-level security a salesperson sees only their own visits, so a first visit
    recomputed from what they see would move a customer's first visit later (or forget it) when
    a colleague visited first. The function runs as the table owner (SECURITY DEFINER, fixed
    search_path), reads every completed visit of that one customer and only writes the derived
    columns; it returns nothing, so it reveals nothing about other salespeople's visits.
    """
    from salesvisit_cli.store.rules import refresh_first_visit_sql

    create_function(
        run, here, FIRST_VISIT_FUNCTION, refresh_first_visit_sql("$1"), arguments="target integer",
        returns="void", language="sql", options="VOLATILE SECURITY DEFINER", grantee=team,
    )  # fmt: skip
