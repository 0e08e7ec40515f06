"""Follow-up use cases: the work list, done, add by hand, snooze (R5)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.engine import Connection

from salesvisit_cli.domain.dates import parse_date
from salesvisit_cli.domain.errors import NotFoundError, ValidationError
from salesvisit_cli.domain.followups import (
    FollowupItem,
    RepFollowups,
    check_due,
    check_kind,
    followup_item,
    team_order,
    worklist_order,
)
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.store import followups as rows
from salesvisit_cli.store.engine import Store
from salesvisit_cli.store.reps import ensure_rep, rep_id


def worklist(store: Store, rep: str, today: date, *, every: bool = False) -> list[FollowupItem]:
    """Open follow-ups due today and overdue (or every open one), overdue first, by kind."""
    with store.read() as connection:
        me = rep_id(connection, rep)
        if me is None:
            return []
        found = rows.open_for_rep(connection, me, today, every=every)
    return worklist_order([followup_item(row, today) for row in found])


def team_worklist(store: Store, today: date, *, every: bool = False) -> list[RepFollowups]:
    """Every salesperson's overdue follow-ups (counts by kind, the oldest due date), with the
    overdue ones listed, or every open one (`every`); most overdue first.

    On PostgreSQL in team mode each login counts only the follow-ups its policies show.
    """
    from salesvisit_cli.store.quota import list_reps

    with store.read() as connection:
        team = list_reps(connection)
        counts = rows.open_counts(connection, today)
        items = rows.open_of_team(connection, today, every=every)
    found = {number: RepFollowups(name) for number, name in team}
    names = {number: name for number, name in team}
    for row in counts:
        entry = found[row.rep_id]
        entry.open += int(row.open)
        entry.due_today += int(row.due_today)
        entry.overdue_by_kind[row.kind] = entry.overdue_by_kind.get(row.kind, 0) + int(row.overdue)
        oldest = _as_date(row.oldest)
        if oldest is not None and (entry.oldest_due is None or oldest < entry.oldest_due):
            entry.oldest_due = oldest
    by_name = {names[number]: entry for number, entry in found.items()}
    for row in items:
        by_name[row.rep].items.append(followup_item(row, today))
    for entry in found.values():
        entry.items = worklist_order(entry.items)
    return team_order(list(found.values()))


def _as_date(value) -> date | None:
    """MIN() over a CASE keeps the date type on PostgreSQL; SQLite may hand back text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _item(connection: Connection, followup_id: int, today: date) -> FollowupItem | None:
    row = rows.get(connection, followup_id)
    return None if row is None else followup_item(row, today)


def _mine(connection: Connection, rep: str, followup_id: int, today: date) -> FollowupItem:
    item = _item(connection, followup_id, today)
    if item is None:
        raise NotFoundError(f"no follow-up {followup_id}")
    if item.rep != rep:
        raise ValidationError(f"follow-up {followup_id} is {item.rep}'s, not yours ({rep})")
    return item


def done(store: Store, rep: str, followup_id: int, note: str | None, now: datetime) -> FollowupItem:
    """Tick a follow-up off (once)."""
    text = check_text("note", note, max_length=20_000, multiline=True)
    with store.write() as connection:
        item = _mine(connection, rep, followup_id, now.date())
        if item.done_at is not None:
            raise ValidationError(
                f"follow-up {followup_id} is already done ({item.done_at:%Y-%m-%d %H:%M})"
            )
        rows.mark_done(connection, followup_id, now, text)
        return _item(connection, followup_id, now.date())  # type: ignore[return-value]


def add(
    store: Store,
    rep: str,
    ref: str,
    due_text: str,
    kind_text: str,
    note: str | None,
    now: datetime,
) -> FollowupItem:
    """A follow-up by hand (a promised call, a brochure to send, …)."""
    from salesvisit_cli.services.customers import resolve

    today = now.date()
    kind = check_kind(kind_text)
    due = check_due(parse_date(due_text, today), today)
    text = check_text("note", note, max_length=20_000, multiline=True)
    with store.write() as connection:
        customer = resolve(connection, ref)
        me = ensure_rep(connection, rep, now)
        new_id = rows.add(
            connection,
            {
                "customer_id": customer.id,
                "rep_id": me,
                "kind": kind,
                "due": due,
                "note": text,
                "created_at": now,
            },
        )
        return _item(connection, new_id, today)  # type: ignore[return-value]


def snooze(store: Store, rep: str, followup_id: int, to_text: str, now: datetime) -> FollowupItem:
    """Move an open follow-up to another day (today or later)."""
    today = now.date()
    due = check_due(parse_date(to_text, today), today, "new due date")
    with store.write() as connection:
        item = _mine(connection, rep, followup_id, today)
        if item.done_at is not None:
            raise ValidationError(f"follow-up {followup_id} is already done; nothing to snooze")
        rows.change(connection, followup_id, due=due)
        return _item(connection, followup_id, today)  # type: ignore[return-value]
