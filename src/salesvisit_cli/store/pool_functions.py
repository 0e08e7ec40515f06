"""The public pool in team mode (PostgreSQL): the database makes the releases and every claim,
so a salesperson's own login can neither release someone else's customer early, hide one from
the rule, take a customer that is not in the pool, nor own more than `pool.claim_limit`.

The rules are the team's, kept in `meta` (`pool.release_days`, `pool.claim_limit`,
`pool.reclaim_days`, `pool.hold_open_followups`: written by `team init` from the owner's
configuration). Each function is SECURITY DEFINER with a fixed search_path and knows the caller
only as the salesperson mapped to the session's login. The customer log trigger writes each
change; a release by the rule is then dated the day the rule says, by nobody.

The claim limit holds for every change of owner, not only claims: a trigger refuses a manager's
assignment that would leave the salesperson with more than `pool.claim_limit` customers. A new
customer goes to whoever it is added for, past the limit too (R8: the one who first contacted
it); so does a pool customer the front desk's duty rotation hands on.
"""

from __future__ import annotations

from salesvisit_cli.store.guards import TRUSTED, create_function

_SETTING = "coalesce((SELECT m.value FROM meta m WHERE m.key = '{key}'), '{default}')"
_ME = "(SELECT r.id FROM rep r WHERE r.db_role = session_user)"

_RELEASE_DUE = f"""
DECLARE
    days integer := {_SETTING.format(key="pool.release_days", default="0")}::integer;
    hold boolean := {_SETTING.format(key="pool.hold_open_followups", default="true")}::boolean;
    today text := current_date::text;
    released integer := 0;
    day date;
    c record;
BEGIN
    IF days <= 0 OR {_SETTING.format(key="pool.settled", default="")} = today THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('salesvisit.pool'));
    IF {_SETTING.format(key="pool.settled", default="")} = today THEN
        RETURN 0;
    END IF;
    FOR c IN
        SELECT k.id, greatest(k.created_at::date,
            (SELECT max(l.at)::date FROM customer_log l
             WHERE l.customer_id = k.id AND l.to_id = k.owner_id
             AND l.event IN ('assigned', 'claimed')),
            (SELECT max(v.date) FROM visit v WHERE v.customer_id = k.id
             AND v.rep_id = k.owner_id AND v.status = 'done')) AS start,
            EXISTS (SELECT 1 FROM followup f WHERE f.customer_id = k.id
                    AND f.kind IN ('booking', 'complaint') AND f.done_at IS NULL) AS held,
            (SELECT max(f.done_at)::date FROM followup f WHERE f.customer_id = k.id
             AND f.kind IN ('booking', 'complaint')) AS closed
        FROM customer k WHERE k.owner_id IS NOT NULL
        FOR UPDATE OF k
    LOOP
        day := c.start + days + 1;
        IF hold AND c.held THEN
            CONTINUE;
        END IF;
        IF hold AND c.closed >= day THEN
            day := c.closed + 1;
        END IF;
        IF day <= current_date THEN
            PERFORM set_config('salesvisit.reason', format('no visit for %s days', days), true);
            UPDATE customer SET owner_id = NULL WHERE id = c.id;
            UPDATE customer_log SET at = day, by_id = NULL WHERE id = (SELECT max(l.id)
                FROM customer_log l WHERE l.customer_id = c.id AND l.event = 'released');
            released := released + 1;
        END IF;
    END LOOP;
    PERFORM set_config('salesvisit.reason', '', true);
    INSERT INTO meta (key, value) VALUES ('pool.settled', today)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    RETURN released;
END"""

_CLAIM = f"""
DECLARE
    me integer := {_ME};
    owner integer;
    lim integer := {_SETTING.format(key="pool.claim_limit", default="0")}::integer;
    lock_days integer := {_SETTING.format(key="pool.reclaim_days", default="30")}::integer;
    left_on date;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'this login is no salesperson' USING ERRCODE = '42501';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('salesvisit.claim'), me);
    SELECT k.owner_id INTO owner FROM customer k WHERE k.id = target FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no customer %', target USING ERRCODE = '42704';
    END IF;
    IF owner IS NOT NULL THEN
        RAISE EXCEPTION 'customer % is not in the pool', target USING ERRCODE = '42501';
    END IF;
    IF lim > 0 AND (SELECT count(*) FROM customer k WHERE k.owner_id = me) >= lim THEN
        RAISE EXCEPTION 'pool.claim_limit: at most % customers', lim USING ERRCODE = '42501';
    END IF;
    SELECT max(l.at)::date INTO left_on FROM customer_log l
    WHERE l.customer_id = target AND l.event = 'released' AND l.from_id = me;
    IF left_on IS NOT NULL AND current_date < left_on + lock_days THEN
        RAISE EXCEPTION 'pool.reclaim_days: customer % may be claimed again from %', target,
            left_on + lock_days USING ERRCODE = '42501';
    END IF;
    UPDATE customer SET owner_id = me WHERE id = target;
END"""

_RELEASE = f"""
DECLARE
    me integer := {_ME};
BEGIN
    IF coalesce(btrim(reason), '') = '' THEN
        RAISE EXCEPTION 'a release needs a reason' USING ERRCODE = '22023';
    END IF;
    PERFORM set_config('salesvisit.reason', reason, true);
    UPDATE customer SET owner_id = NULL WHERE id = target AND owner_id = me;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'customer % is not yours', target USING ERRCODE = '42501';
    END IF;
    PERFORM set_config('salesvisit.reason', '', true);
END"""

# BEFORE UPDATE OF owner_id ON customer, run as the caller. The table owner is trusted:
# migrations, and the SECURITY DEFINER functions (`salesvisit_claim` checks the limit itself
# under the same lock; the front desk's `salesvisit_register` hands a pool customer on past it,
# R8). Salespeople and the front desk cannot change an owner at all (column grants), so the
# callers counted for are managers, who see every customer.
_LIMIT = f"""
DECLARE
    lim integer := {_SETTING.format(key="pool.claim_limit", default="0")}::integer;
    holder text;
BEGIN
    IF lim <= 0 OR NEW.owner_id IS NULL OR NEW.owner_id IS NOT DISTINCT FROM OLD.owner_id
            OR {TRUSTED} THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('salesvisit.claim'), NEW.owner_id);
    IF (SELECT count(*) FROM customer k WHERE k.owner_id = NEW.owner_id AND k.id <> NEW.id)
            >= lim THEN
        SELECT r.name INTO holder FROM rep r WHERE r.id = NEW.owner_id;
        RAISE EXCEPTION '% already owns % customers, the most one may own (pool.claim_limit)',
            holder, lim USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END"""
LIMIT_TRIGGER = "salesvisit_claim_limit"

# (name, arguments, returns, body)
FUNCTIONS = (
    ("salesvisit_release_due", "", "integer", _RELEASE_DUE),
    ("salesvisit_claim", "target integer", "void", _CLAIM),
    ("salesvisit_release", "target integer, reason text", "void", _RELEASE),
)


def apply_pool_functions(run, here: str, zone: str, team: str) -> None:
    """Create (or replace) the pool functions; only the team may execute them."""
    for name, arguments, returns, body in FUNCTIONS:
        create_function(
            run, here, name, body, arguments=arguments, returns=returns,
            options="SECURITY DEFINER", zone=zone, grantee=team,
        )  # fmt: skip
    limit_trigger(run, here)


def limit_trigger(run, here: str) -> None:
    """`pool.claim_limit` on every change of owner (the trigger `LIMIT_TRIGGER`)."""
    from psycopg import sql

    name = create_function(run, here, LIMIT_TRIGGER, _LIMIT)
    run(sql.SQL("DROP TRIGGER IF EXISTS {} ON customer").format(sql.Identifier(LIMIT_TRIGGER)))
    run(
        sql.SQL(
            "CREATE TRIGGER {} BEFORE UPDATE OF owner_id ON customer "
            "FOR EACH ROW EXECUTE FUNCTION {}()"
        ).format(sql.Identifier(LIMIT_TRIGGER), name)
    )
