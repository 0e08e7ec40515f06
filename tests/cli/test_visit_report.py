"""`visit report` end to end: follow-ups, next meeting, refusals, prompts, amend, ownership."""

import os
from datetime import date, datetime

import pytest

from salesvisit_cli.store.engine import open_store
from salesvisit_cli.store.reps import ensure_rep
from tests.factories import add_done_visit, add_rep

REPORT_KEYS = {
    "id", "customer_id", "date", "start", "minutes", "over_time", "notes", "booking",
    "complaint", "suggestion", "next", "followups",
}  # fmt: skip


@pytest.fixture
def acme(cli, clock):
    clock("2026-11-26 12:00")  # a Thursday
    added = cli("customer", "add", "Acme Ltd", "--phone", "021 5555 0101", "--json")
    return added.json()["id"]


def report(cli, *args):
    return cli("visit", "report", *args)


def store():
    return open_store(os.environ["SALESVISIT_DB"])


def test_unplanned_visit_json_shape_and_followups(cli, acme):
    done = report(cli, "--customer", "acme", "--start", "10:00", "--minutes", "25",
                  "--notes", "Met the buyer", "--booking", "200 cartons",
                  "--complaint", "late delivery", "--json")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    visit = done.json()
    assert set(visit) >= REPORT_KEYS
    assert (visit["customer_id"], visit["date"], visit["start"]) == (acme, "2026-11-26", "10:00")
    assert visit["over_time"] is False and visit["next"] is None
    assert {f["kind"]: f["due"] for f in visit["followups"]} == {
        "booking": "2026-11-26",
        "complaint": "2026-11-27",
        "thanks": "2026-11-27",
    }
    assert set(visit["followups"][0]) == {"id", "kind", "due"}


def test_booking_makes_the_prospect_a_client_and_the_first_visit_still_counts_as_new(cli, acme):
    done = report(cli, "-c", "acme", "--start", "10:00", "-m", "20", "-n", "x",
                  "--booking", "trial order", "--json").json()  # fmt: skip
    assert done["new_customer"] is True
    customer = cli("customer", "show", str(acme), "--json").json()
    assert customer["status"] == "client" and customer["client_since"] == "2026-11-26"
    assert customer["first_visit_on"] == "2026-11-26"
    quota_visit = customer["visits"][0]
    assert quota_visit["id"] == done["id"] and quota_visit["new_customer"] is True


def test_over_time_is_flagged_kindly(cli, acme):
    done = report(cli, "-c", "acme", "--start", "10:00", "--end", "10:50", "-n", "long talk")
    assert done.exit_code == 0, done.stderr
    assert "20 min over the 30-minute guideline" in done.stdout
    again = report(
        cli, "-c", "acme", "--start", "11:00", "-m", "30", "-n", "x", "--again", "--json"
    )
    assert again.json()["over_time"] is False


def test_one_thank_you_per_customer_and_day(cli, acme):
    first = report(cli, "-c", "acme", "--start", "09:00", "-m", "20", "-n", "a", "--json").json()
    second = report(
        cli, "-c", "acme", "--start", "10:00", "-m", "20", "-n", "b", "--again", "--json"
    ).json()
    assert [f["kind"] for f in first["followups"]] == ["thanks"]
    assert second["followups"] == []


def test_next_meeting_plans_a_visit_that_can_be_completed(cli, acme, clock):
    done = report(cli, "-c", "acme", "--start", "10:00", "-m", "20", "-n", "x",
                  "--next", "2026-11-27 10:00", "--next-place", "their office",
                  "--json").json()  # fmt: skip
    assert done["next"] == "2026-11-27 10:00" and done["next_place"] == "their office"
    planned_id = done["next_visit_id"]
    clock("2026-11-27 11:00")
    completed = report(cli, str(planned_id), "-m", "25", "-n", "follow-up meeting", "--json")
    assert completed.exit_code == 0, completed.stderr
    visit = completed.json()
    assert visit["id"] == planned_id and visit["status"] == "done"
    assert (visit["date"], visit["start"]) == ("2026-11-27", "10:00")  # planned day and time
    assert visit["place"] == "their office"


def test_next_meeting_in_the_past_is_refused_and_nothing_is_written(cli, acme):
    refused = report(cli, "-c", "acme", "--start", "10:00", "-m", "20", "-n", "x",
                     "--next", "2026-11-26 11:00")  # fmt: skip
    assert refused.exit_code == 1 and "past" in refused.stderr
    assert cli("customer", "show", "acme", "--json").json()["visits"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-11-27", "--start", "10:00", "-m", "20", "-n", "x"], "future"),
        (["--start", "11:50", "-m", "20", "-n", "x"], "in the future"),
        (["--start", "10:00", "-m", "0", "-n", "x"], "between 1 and 600"),
        (["--start", "01:00", "-m", "601", "-n", "x"], "between 1 and 600"),
        (["--start", "10:00", "-m", "20"], "missing --notes"),
        (["--start", "10:00", "-n", "x"], "missing --minutes"),
        (["--date", "2026-11-20", "-m", "20", "-n", "x"], "missing --start"),
        (["--start", "10:00", "-m", "20", "--end", "10:30", "-n", "x"], "either --minutes"),
        (["--start", "10:00", "-m", "20", "-n", "x", "--next-place", "office"], "--next-place"),
    ],
)
def test_refusals_write_nothing(cli, acme, args, message):
    refused = report(cli, "-c", "acme", *args)
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: ") and message in refused.stderr
    assert cli("customer", "show", "acme", "--json").json()["visits"] == []
    assert cli("followup", "--all", "--json").json() == []


def test_visit_or_customer_is_required(cli, acme):
    refused = report(cli, "--start", "10:00", "-m", "20", "-n", "x")
    assert refused.exit_code == 1 and "--customer" in refused.stderr
    assert report(cli, "999", "-m", "5", "-n", "x").exit_code == 1


def test_already_reported_needs_amend(cli, acme):
    done = report(cli, "-c", "acme", "--start", "10:00", "-m", "20", "-n", "x", "--json").json()
    again = report(cli, str(done["id"]), "--start", "10:00", "-m", "20", "-n", "y")
    assert again.exit_code == 1 and "--amend" in again.stderr


def test_cancelled_and_other_reps_visits_are_refused(cli, acme):
    with store().write() as conn:
        alice = ensure_rep(conn, "alice", datetime(2026, 11, 26, 8))
        bob = add_rep(conn, "bob")
        cancelled = add_done_visit(conn, alice, acme, date(2026, 11, 26), status="cancelled")
        bobs = add_done_visit(conn, bob, acme, date(2026, 11, 26), status="planned")
    refused = report(cli, str(cancelled), "--start", "10:00", "-m", "20", "-n", "x")
    assert refused.exit_code == 1 and "cancelled" in refused.stderr
    refused = report(cli, str(bobs), "--start", "10:00", "-m", "20", "-n", "x")
    assert refused.exit_code == 1 and "bob's" in refused.stderr


def test_amend_keeps_the_old_version_and_shows_history(cli, acme):
    done = report(cli, "-c", "acme", "--start", "10:00", "-m", "20", "-n", "first",
                  "--complaint", "damaged", "--json").json()  # fmt: skip
    visit_id = str(done["id"])
    planned = report(cli, visit_id, "--amend", "--json")  # nothing to change: show
    assert planned.json()["history"] == []
    amended = report(cli, visit_id, "--amend", "-n", "second", "--complaint", "", "--json")
    assert amended.exit_code == 0, amended.stderr
    data = amended.json()
    assert data["notes"] == "second" and data["complaint"] is None and data["minutes"] == 20
    assert [f["kind"] for f in data["followups"]] == ["thanks"]  # the open complaint went
    assert len(data["history"]) == 1
    old = data["history"][0]["report"]
    assert (old["notes"], old["complaint"]) == ("first", "damaged")
    shown = report(cli, visit_id, "--amend")
    assert shown.exit_code == 0 and "Earlier versions" in shown.stdout and "first" in shown.stdout


def test_amend_of_a_planned_visit_or_without_id_is_refused(cli, acme):
    done = report(cli, "-c", "acme", "--start", "10:00", "-m", "20", "-n", "x",
                  "--next", "2026-12-01", "--json").json()  # fmt: skip
    refused = report(cli, str(done["next_visit_id"]), "--amend", "-n", "y")
    assert refused.exit_code == 1 and "not reported yet" in refused.stderr
    refused = report(cli, "--amend", "-c", "acme", "-n", "y")
    assert refused.exit_code == 1 and "VISIT_ID" in refused.stderr


def test_amend_removing_the_next_meeting_cancels_its_planned_visit(cli, acme):
    done = report(cli, "-c", "acme", "--start", "10:00", "-m", "20", "-n", "x",
                  "--next", "2026-12-01 10:00", "--json").json()  # fmt: skip
    report(cli, str(done["id"]), "--amend", "--next", "")
    visits = cli("customer", "show", "acme", "--json").json()["visits"]
    planned = next(v for v in visits if v["id"] == done["next_visit_id"])
    assert planned["status"] == "cancelled"
    refused = report(cli, str(planned["id"]), "--start", "10:00", "-m", "5", "-n", "x")
    assert refused.exit_code == 1 and "cancelled" in refused.stderr


def test_another_reps_customer_is_a_conflict_and_no_owner_becomes_mine(cli, acme):
    assert cli("rep", "add", "bob").exit_code == 0
    cli("--rep", "bob", "customer", "add", "Bob Corp")
    done = report(cli, "-c", "bob corp", "--start", "10:00", "-m", "20", "-n", "x", "--json")
    assert done.exit_code == 0
    assert done.json()["conflict"] is True and "belongs to bob" in done.stderr
    with store().write() as conn:
        conn.exec_driver_sql("UPDATE customer SET owner_id = NULL WHERE id = ?", (acme,))
    report(cli, "-c", "acme", "--start", "11:00", "-m", "20", "-n", "x")
    assert cli("customer", "show", "acme", "--json").json()["owner"] == "alice"


def test_prompts_on_a_terminal(cli, acme, monkeypatch):
    from salesvisit_cli.cli import visit_report

    monkeypatch.setattr(visit_report, "_interactive", lambda: True)
    done = cli("visit", "report", "-c", "acme", "--json", input="25:00\n10:00\nabc\n25\nMet Wang\n")
    assert done.exit_code == 0, done.stderr
    visit = done.json()  # prompts went to stderr: stdout is one JSON document
    assert (visit["start"], visit["minutes"], visit["notes"]) == ("10:00", 25, "Met Wang")
    assert "invalid time" in done.stderr and "invalid duration" in done.stderr


def test_prompts_stop_at_end_of_input_without_writing(cli, acme, monkeypatch):
    from salesvisit_cli.cli import visit_report

    monkeypatch.setattr(visit_report, "_interactive", lambda: True)
    aborted = cli("visit", "report", "-c", "acme", "--start", "10:00", input="20\n")
    assert aborted.exit_code == 1
    assert cli("customer", "show", "acme", "--json").json()["visits"] == []


def test_a_call_reported_today_without_a_start_just_ended(cli, acme):
    """R4: the report is written right after the call, so it began `minutes` ago."""
    done = report(cli, "-c", "acme", "-m", "25", "-n", "quick call", "--json")
    assert done.exit_code == 0, done.stderr
    assert (done.json()["date"], done.json()["start"]) == ("2026-11-26", "11:35")
    past = report(cli, "-c", "acme", "--date", "2026-11-20", "-m", "25", "-n", "backfill")
    assert past.exit_code == 1 and "missing --start" in past.stderr


@pytest.fixture
def los_angeles():
    """The computer's time zone is America/Los_Angeles (clocks go 02:00 → 03:00 on 2026-03-08)."""
    import time

    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_call_that_just_ended_across_the_spring_forward_starts_at_a_real_time(
    cli, clock, los_angeles
):
    clock("2026-03-08 03:10-07:00")  # 03:10 PDT, 10 minutes after the clocks went forward
    assert datetime.now() == datetime(2026, 3, 8, 3, 10)  # the local clock the CLI reads
    assert cli("customer", "add", "Acme Ltd").exit_code == 0
    done = report(cli, "-c", "acme", "-m", "25", "-n", "x", "--json")
    assert done.exit_code == 0, done.stderr
    assert (done.json()["start"], done.json()["minutes"]) == ("01:45", 25)  # 01:45 PST, not 02:45


def test_a_start_time_the_clocks_skipped_is_refused(cli, clock, los_angeles):
    clock("2026-03-08 12:00-07:00")
    assert cli("customer", "add", "Acme Ltd").exit_code == 0
    refused = report(cli, "-c", "acme", "--start", "02:30", "-m", "20", "-n", "x")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: 02:30 does not exist on 2026-03-08 here: the clocks went forward at daylight "
        "saving time; give the time the clock showed (e.g. 03:30)\n",
    )
    assert cli("visit", "list", "--json").json() == []
    ok = report(cli, "-c", "acme", "--start", "03:30", "-m", "20", "-n", "x", "--json")
    assert ok.exit_code == 0 and ok.json()["start"] == "03:30"
