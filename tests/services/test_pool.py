"""The pool's use cases on SQLite: daily releases by the date rule, claims, releases by hand,
the cadence list and the briefing's `releasing` (frozen clock)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime

import pytest

from salesvisit_cli.config import Config
from salesvisit_cli.domain.errors import SalesvisitError, ValidationError
from salesvisit_cli.services import pool, reports
from salesvisit_cli.store import customer_log
from salesvisit_cli.store.engine import open_store
from tests.factories import add_customer, add_done_visit, add_rep

RULES = Config.model_validate({"pool": {"release_days": 60, "claim_limit": 3, "reclaim_days": 30}})


def _history(store) -> dict[str, int]:
    """alice owns A (visited 1 Jan), B (2 Jan), C (1 Jan, an open complaint); bob owns D
    (visited 20 Feb) and E (never, created 2020: long released); F is in the pool."""
    from salesvisit_cli.store.followups import add as add_followup

    with store.write() as conn:
        alice, bob = add_rep(conn, "alice"), add_rep(conn, "bob")
        add_rep(conn, "Wang Li", is_manager=True)
        ids = {}
        for name, owner in (("A", alice), ("B", alice), ("C", alice), ("D", bob), ("E", bob),
                            ("F", None)):  # fmt: skip
            ids[name] = add_customer(conn, name + " Trading", owner_id=owner)
        add_done_visit(conn, alice, ids["A"], date(2026, 1, 1))
        add_done_visit(conn, alice, ids["B"], date(2026, 1, 2))
        visit = add_done_visit(conn, alice, ids["C"], date(2026, 1, 1), complaint="late")
        add_followup(conn, {"customer_id": ids["C"], "rep_id": alice, "visit_id": visit,
                            "kind": "complaint", "due": date(2026, 1, 2), "note": "late",
                            "created_at": datetime(2026, 1, 1, 12)})  # fmt: skip
        add_done_visit(conn, bob, ids["D"], date(2026, 2, 20))
    return ids


@pytest.fixture
def ids(store):
    return _history(store)


def _settle(store, day: str) -> int:
    return pool.settle(store, RULES, date.fromisoformat(day))


def _pool(store) -> dict[str, tuple]:
    return {
        entry.row.name[0]: (
            entry.row.released_at.date().isoformat() if entry.row.released_at else None,
            entry.row.released_from,
        )
        for entry in pool.listing(store)
    }


def test_release_is_a_rule_on_dates_day_n_and_n_plus_one(store, ids):
    assert _settle(store, "2026-03-02") == 1  # E (2020); A has had 60 days without a visit
    assert set(_pool(store)) == {"E", "F"}
    assert _settle(store, "2026-03-02") == 0  # once a day
    assert _settle(store, "2026-03-03") == 1
    assert _pool(store)["A"] == ("2026-03-03", "alice")
    _settle(store, "2026-03-04")
    assert _pool(store)["B"] == ("2026-03-04", "alice")
    assert "C" not in _pool(store)  # the open complaint holds it
    with store.read() as conn:
        log = customer_log.history(conn, ids["A"])
    assert [e for e in log if e["event"] == "released"] == [
        {"at": "2026-03-03T00:00:00", "by": None, "event": "released", "from": "alice",
         "to": None, "fields": [], "reason": "no visit for 60 days"},
    ]  # fmt: skip


def test_every_day_sees_the_same_pool_whether_or_not_anything_ran_in_between(tmp_path):
    daily, once = open_store(tmp_path / "daily.db"), open_store(tmp_path / "once.db")
    try:
        _history(daily), _history(once)
        for day in ("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"):
            _settle(daily, day)
        _settle(once, "2026-03-05")
        assert _pool(daily) == _pool(once)
        assert _settle(once, "2026-03-06") == _settle(daily, "2026-03-06") == 0
    finally:
        daily.close(), once.close()


def test_claims_respect_the_limit_and_are_all_or_nothing(store, ids, work_at):
    _settle(store, "2026-03-05")  # A (3 Mar), B (4 Mar), E (2020) released; F never owned
    bob = work_at("2026-03-05 09:00", rep="bob", config=RULES)  # owns D: 1 of 3
    with pytest.raises(SalesvisitError, match=r"pool\.claim_limit"):
        pool.claim(bob, ["A Trading", "B Trading", "F Trading"])
    assert set(_pool(store)) == {"A", "B", "E", "F"}  # nothing claimed
    claimed = pool.claim(bob, ["A Trading", "E Trading"])  # E left bob in 2020: long unlocked
    assert [(c.name, c.owner) for c in claimed] == [("A Trading", "bob"), ("E Trading", "bob")]
    assert claimed[0].due_since == date(2026, 4, 4)  # the claim starts bob's clock
    with pytest.raises(SalesvisitError, match="belongs to bob"):
        pool.claim(work_at("2026-03-05 10:00", config=RULES), ["A Trading"])
    with pytest.raises(SalesvisitError, match=r"pool\.claim_limit"):
        pool.claim(work_at("2026-03-05 11:00", rep="bob", config=RULES), ["F Trading"])


def test_the_limit_holds_for_what_a_manager_assigns_too(store, ids, work_at):
    from salesvisit_cli.services.reps import assign

    manager = work_at("2026-03-01 09:00", rep="Wang Li", config=RULES)  # alice owns A, B, C
    with pytest.raises(SalesvisitError, match=r"alice already owns 3 .*pool\.claim_limit"):
        assign(manager, "F Trading", "alice")
    assert assign(manager, "F Trading", "bob")[0].owner == "bob"  # bob: D, E and now F
    unlimited = work_at("2026-03-01 10:00", rep="Wang Li")
    assert assign(unlimited, "D Trading", "alice")[0].owner == "alice"


def test_the_limit_is_on_changes_of_owner_not_on_new_customers(store, ids, work_at):
    """alice owns 3, the limit: a manager's `edit --owner` is refused as `assign` is; but a
    customer she adds or first visits, one a manager adds for her, and a pool customer the front
    desk hands her are hers past it (R8: whoever first contacted it)."""
    from salesvisit_cli.services import customers, reception
    from salesvisit_cli.store.pool import owned_count

    manager = work_at("2026-03-02 09:00", rep="Wang Li", config=RULES)
    with pytest.raises(SalesvisitError, match=r"alice already owns 3 .*pool\.claim_limit"):
        customers.edit(manager, "F Trading", {}, owner="alice")
    alice = work_at("2026-03-02 10:00", config=RULES)
    assert customers.add(alice, {"name": "G Found"}).customer.owner == "alice"
    first = reports.ReportRequest(
        new_customer="H Fair", raw={"start": "08:00", "minutes": "20", "notes": "met at a fair"}
    )
    assert reports.report(alice, first).visit.customer == "H Fair"
    assert customers.add(manager, {"name": "I Lead"}, owner="alice").customer.owner == "alice"
    desk = reception.register(manager, reception.Registration("walkin", "F Trading",
                                                              contacted="alice"))  # fmt: skip
    assert (desk.entry.customer_id, desk.entry.rep) == (ids["F"], "alice")
    with store.read() as conn:
        assert owned_count(conn, 1) == 7


def test_two_claims_of_one_customer_one_wins(store, ids):
    from salesvisit_cli.store import pool as rows

    with store.write() as conn:
        first = rows.claim(conn, ids["F"], 1, datetime(2026, 3, 5, 9))
        second = rows.claim(conn, ids["F"], 2, datetime(2026, 3, 5, 9))
    assert (first, second) == (True, False)


@contextmanager
def chinese():
    """The interface in Chinese for the block."""
    from salesvisit_cli import i18n

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LANG", "zh_CN.UTF-8")
        patch.setenv("LANGUAGE", "zh_CN")
        i18n.reset()
        yield
    i18n.reset()


def test_the_lockout_keeps_a_released_customer_from_its_former_owner(store, ids, work_at):
    _settle(store, "2026-03-05")  # A left alice on 3 March
    alice = work_at("2026-03-05 09:00", config=RULES)
    with pytest.raises(SalesvisitError, match="you may claim it again from 2026-04-02"):
        pool.claim(alice, ["A Trading"])
    with chinese(), pytest.raises(SalesvisitError, match=r"2026年3月3日 从你名下.*2026年4月2日 起"):
        pool.claim(alice, ["A Trading"])
    # her visit on a pool customer is no conflict, and does not take it back either
    request = reports.ReportRequest(
        customer="A Trading", raw={"start": "08:00", "minutes": "20", "notes": "dropped by"}
    )
    done = reports.report(alice, request)
    assert not done.visit.conflict
    assert any("stays in the pool" in note for note in done.notes)
    assert "A" in _pool(store)
    later = work_at("2026-04-02 09:00", config=RULES)
    assert [c.owner for c in pool.claim(later, ["A Trading"])] == ["alice"]


def test_a_release_by_hand_needs_the_owner_or_a_manager_and_a_reason(store, ids, work_at):
    bob = work_at("2026-03-05 09:00", rep="bob", config=RULES)
    with pytest.raises(ValidationError, match="reason"):
        pool.release(bob, "D Trading", "  ")
    with pytest.raises(SalesvisitError, match="only its owner or a manager"):
        pool.release(bob, "A Trading", "not mine")
    assert pool.release(bob, "D Trading", "moved to Suzhou").owner is None
    manager = work_at("2026-03-05 10:00", rep="Wang Li", config=RULES)
    assert pool.release(manager, "A Trading", "reorganised").owner is None
    assert _pool(store)["D"] == ("2026-03-05", "bob")
    with store.read() as conn:
        last = customer_log.history(conn, ids["A"])[-1]
    assert (last["event"], last["by"], last["from"], last["reason"]) == (
        "released", "Wang Li", "alice", "reorganised"
    )  # fmt: skip


def test_due_lists_the_most_overdue_first_with_days_overdue(store, ids, work_at):
    work = work_at("2026-03-02 09:00", config=RULES)  # no releases ran: all still owned
    due = pool.due(work)  # alice's
    assert [(c.name[0], c.due_since.isoformat(), c.extra["days_overdue"]) for c in due] == [
        ("A", "2026-01-31", 30), ("C", "2026-01-31", 30), ("B", "2026-02-01", 29),
    ]  # fmt: skip
    bobs = pool.due(work, "bob")  # D visited 20 Feb: due 22 Mar
    assert [(c.name[0], c.due_since.isoformat(), c.extra["days_overdue"]) for c in bobs] == [
        ("E", "2020-01-31", 2222)
    ]


def test_the_briefing_warns_seven_days_ahead(store, ids, work_at):
    work = work_at("2026-02-25 09:00", config=RULES)
    with store.read() as conn:
        soon = pool.releasing(conn, work, 1)
    assert soon == [(ids["A"], date(2026, 3, 3)), (ids["B"], date(2026, 3, 4))]
    # the 4th is 7 days ahead; C is held by its complaint


def test_the_team_quota_counts_each_salespersons_releases_in_the_month(store, ids, work_at):
    from salesvisit_cli.domain.dates import Month
    from salesvisit_cli.services.quota import team_quota

    _settle(store, "2026-03-05")
    quotas = team_quota(work_at("2026-03-05 09:00", config=RULES), Month(2026, 3))
    assert {q.rep: q.to_json()["released"] for q in quotas} == {"alice": 2, "bob": 0, "Wang Li": 0}


WRITTEN = ["0", "7", "60", "365", "999", "007", "1000", "3650", "3651", "-1", "", " 60", "60.0",
           "٣", "true", "false", "True", "1", "yes", "no"]  # fmt: skip


@pytest.mark.parametrize("written", WRITTEN)
@pytest.mark.parametrize("key", ["release_days", "claim_limit", "hold_open_followups"])
def test_a_teams_rule_is_read_as_the_configuration_would_read_it(key, written):
    """The team's pool rules (meta text) are read without pydantic only where the model would
    read them the same; anything else is left to the model (and its errors)."""
    from pydantic import ValidationError as ModelError

    from salesvisit_cli.config import PoolPolicy

    default = getattr(PoolPolicy(), key)
    read = pool.as_written(default, written)
    try:
        expected = getattr(PoolPolicy.model_validate({key: written}), key)
    except ModelError:
        assert read is None
    else:
        assert read is None or (read == expected and type(read) is type(expected))
