"""The front desk in team mode (PostgreSQL): the database registers each walk-in and call.

A front-desk login writes no customer, follow-up or register row itself: it calls
`salesvisit_register`, a SECURITY DEFINER function with a fixed search_path that applies the
same rules as `services.reception` — the customer on file (by name key, by the exact name, or
by the phone's digits; a phone on file twice, or a name and a phone naming two customers, is
refused), its owner receives it with a follow-up due today; otherwise `--contacted`, a
market-research credit (walk-ins), or R8's rotation (`salesvisit_next_on_duty`, the SQL form of
`domain.reception.next_on_duty`, held equal to it by `tests/pg/test_pg_reception_rule.py`).
The time and day are the database's (in the team's zone), and the write lock of every writer
is taken first, so the round is served in order whoever calls it, app or `psql`.
"""

from __future__ import annotations

from salesvisit_cli.store.engine import PG_WRITE_LOCK
from salesvisit_cli.store.guards import create_function

# R8 on PostgreSQL: the salesperson on duty on `$1` who receives the next new customer — the
# group of that date, else of its weekday; the fewest new customers received that day (market
# research not counted), then the name (ASCII letters case-folded, then code points, exactly as
# `domain.reception.name_order`). NULL: nobody on duty.
NEXT_ON_DUTY = """
SELECT r.id FROM duty u JOIN rep r ON r.id = u.rep_id
WHERE u.slot = CASE
    WHEN EXISTS (SELECT 1 FROM duty d WHERE d.slot = to_char($1, 'YYYY-MM-DD'))
    THEN to_char($1, 'YYYY-MM-DD')
    ELSE (ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[extract(isodow FROM $1)::int]
END
ORDER BY (SELECT count(*) FROM reception x WHERE x.rep_id = r.id AND x.at >= $1
          AND x.at < $1 + 1 AND x.assigned AND x.research_at IS NULL),
    lower(r.name COLLATE "C"), r.name COLLATE "C"
LIMIT 1
"""

_DIGITS = "nullif(regexp_replace(coalesce({}, ''), '[^0-9]', '', 'g'), '')"

_REGISTER = f"""
DECLARE
    me integer := (SELECT r.id FROM rep r WHERE r.db_role = session_user);
    moment timestamp := localtimestamp;
    digits text := {_DIGITS.format("in_phone")};
    by_name integer;
    by_phone integer;
    phones integer;
    found integer;
    owner integer;
    target integer;
    credit integer;
    mode text;
    fresh boolean := false;
    task integer;
    registered integer;
BEGIN
    IF me IS NULL OR NOT (SELECT r.is_reception OR r.is_manager FROM rep r WHERE r.id = me) THEN
        RAISE EXCEPTION 'only the front desk or a manager registers' USING ERRCODE = '42501';
    END IF;
    IF in_kind IS NULL OR in_kind NOT IN ('walkin', 'call') THEN
        RAISE EXCEPTION 'a registration is a walkin or a call' USING ERRCODE = '22023';
    END IF;
    PERFORM pg_advisory_xact_lock({PG_WRITE_LOCK});
    IF coalesce(btrim(in_name), '') <> '' THEN
        SELECT c.id INTO by_name FROM customer c WHERE c.name_key = in_key
            OR lower(btrim(c.name) COLLATE "C") = lower(btrim(in_name) COLLATE "C")
        ORDER BY c.id LIMIT 1;
    END IF;
    IF digits IS NOT NULL THEN
        SELECT count(*), min(c.id) INTO phones, by_phone FROM customer c
        WHERE {_DIGITS.format("c.phone")} = digits;
        IF phones > 1 THEN
            RAISE EXCEPTION 'this phone is on file for % customers; register by name', phones
                USING ERRCODE = '22023';
        END IF;
    END IF;
    IF by_name <> by_phone THEN
        RAISE EXCEPTION 'the name matches customer % but the phone matches %', by_name,
            by_phone USING ERRCODE = '22023';
    END IF;
    found := coalesce(by_name, by_phone);
    IF in_contacted IS NOT NULL THEN
        SELECT r.id INTO target FROM rep r WHERE r.name = in_contacted AND NOT r.is_reception;
        IF target IS NULL THEN
            RAISE EXCEPTION 'no salesperson %', in_contacted USING ERRCODE = '22023';
        END IF;
        mode := 'contacted';
    END IF;
    IF found IS NOT NULL THEN
        SELECT c.owner_id INTO owner FROM customer c WHERE c.id = found FOR UPDATE;
    END IF;
    PERFORM set_config('salesvisit.reason', 'reception ' || in_kind, true);
    IF owner IS NOT NULL THEN  -- a customer on file: its owner, with a follow-up due today
        INSERT INTO followup (customer_id, rep_id, kind, due, note, created_at)
        VALUES (found, owner, CASE in_kind WHEN 'walkin' THEN 'other' ELSE 'call' END,
                moment::date, CASE in_kind WHEN 'walkin' THEN 'walked in' ELSE 'called' END,
                moment)
        RETURNING id INTO task;
        target := owner;
        mode := 'owner';
    ELSIF target IS NULL THEN
        IF in_kind = 'walkin' THEN  -- the oldest market-research credit (补客户)
            SELECT x.id, x.rep_id INTO credit, target FROM reception x
            WHERE x.research_at IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM reception y WHERE y.replaces_id = x.id)
            ORDER BY x.research_at, x.id LIMIT 1;
        END IF;
        mode := CASE WHEN target IS NULL THEN 'duty' ELSE 'replacement' END;
        target := coalesce(target, salesvisit_next_on_duty(moment::date));
        IF target IS NULL THEN
            RAISE EXCEPTION 'nobody is on duty: a manager runs duty set' USING ERRCODE = '22023';
        END IF;
    END IF;
    IF found IS NULL THEN
        IF coalesce(btrim(in_name), '') = '' OR coalesce(btrim(in_source), '') = '' THEN
            RAISE EXCEPTION 'a new customer needs a name and a source' USING ERRCODE = '22023';
        END IF;
        INSERT INTO customer (name, name_key, tier, status, contact, phone, source, note,
                              owner_id, created_at, first_visit_as_prospect)
        VALUES (btrim(in_name), in_key, 'normal', 'prospect', in_contact, in_phone, in_source,
                in_note, target, moment, false)
        RETURNING id INTO found;
        fresh := true;
    ELSIF owner IS NULL THEN
        UPDATE customer SET owner_id = target WHERE id = found;
    END IF;
    INSERT INTO reception (at, kind, customer_id, rep_id, by_id, is_new, assigned, how,
                           replaces_id, followup_id)
    VALUES (moment, in_kind, found, target, me, fresh, owner IS NULL, mode, credit, task)
    RETURNING id INTO registered;
    PERFORM set_config('salesvisit.reason', '', true);
    RETURN json_build_object('id', registered, 'at', moment, 'customer_id', found,
        'customer', (SELECT c.name FROM customer c WHERE c.id = found),
        'rep', (SELECT r.name FROM rep r WHERE r.id = target), 'new', fresh, 'how', mode,
        'followup_id', task);
END"""

REGISTER = "salesvisit_register"
REGISTER_ARGUMENTS = (
    "in_kind text, in_name text, in_key text, in_phone text, in_contacted text, "
    "in_source text, in_contact text, in_note text"
)
REGISTER_SIGNATURE = f"{REGISTER}(text, text, text, text, text, text, text, text)"


def next_on_duty_function(run, here: str) -> None:
    """`salesvisit_next_on_duty(day)`: R8's rotation (NEXT_ON_DUTY), executable by nobody but
    the owner (and so by `salesvisit_register`, which runs as the owner)."""
    create_function(
        run, here, "salesvisit_next_on_duty", NEXT_ON_DUTY, arguments="date", returns="integer",
        language="sql", options="STABLE",
    )  # fmt: skip


def apply_reception_functions(run, here: str, zone: str, desk: str) -> None:
    """Create (or replace) the rotation and the registration; only `desk` (the front-desk
    group) may execute the registration."""
    next_on_duty_function(run, here)
    create_function(
        run, here, REGISTER, _REGISTER, arguments=REGISTER_ARGUMENTS, returns="json",
        options="SECURITY DEFINER", zone=zone, grantee=desk,
    )  # fmt: skip
