"""Follow-up use cases: the work list, done, add by hand, snooze (R5)."""

from __future__ import annotations

from datetime import date

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
from salesvisit_cli.domain.messages import date_label
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.i18n import _
from salesvisit_cli.services.context import Work
from salesvisit_cli.store import followups as rows


def worklist(work: Work, *, every: bool = False) -> list[FollowupItem]:
    """Open follow-ups due today and overdue (or every open one), overdue first, by kind."""
    with work.store.read() as connection:
        me = work.rep_id(connection)
        if me is None:
            return []
        found = rows.open_for_rep(connection, me, work.today, every=every)
    return worklist_order([followup_item(row, work.today) for row in found])


def team_worklist(work: Work, *, every: bool = False, listed: bool = True) -> list[RepFollowups]:
    """Every salesperson's overdue follow-ups (counts by kind, the oldest due date), with the
    overdue ones listed, or every open one (`every`); most overdue first. Without `listed`
    only the counts are read (the team's overdue follow-ups run to thousands).

    On PostgreSQL in team mode each login counts only the follow-ups its policies show.
    """
    from salesvisit_cli.store.quota import list_reps

    today = work.today
    with work.store.read() as connection:
        team = list_reps(connection)
        counts = rows.open_counts(connection, today)
        items = rows.open_of_team(connection, today, every=every) if listed else []
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
        raise NotFoundError(_("no follow-up {followup_id}").format(followup_id=followup_id))
    if item.rep != rep:
        raise ValidationError(
            _("follow-up {followup_id} is {rep}'s, not yours ({rep2})").format(
                followup_id=followup_id, rep=item.rep, rep2=rep
            )
        )
    return item


def done(work: Work, followup_id: int, note: str | None) -> FollowupItem:
    """Tick a follow-up off (once)."""
    text = check_text("note", note, max_length=20_000, multiline=True)
    with work.store.write() as connection:
        item = _mine(connection, work.rep, followup_id, work.today)
        if item.done_at is not None:
            raise ValidationError(
                _("follow-up {followup_id} is already done ({done_at})").format(
                    followup_id=followup_id,
                    done_at=f"{date_label(item.done_at.date())} {item.done_at:%H:%M}",
                )
            )
        rows.mark_done(connection, followup_id, work.now, text)
        return _item(connection, followup_id, work.today)  # type: ignore[return-value]


def add(work: Work, ref: str, due_text: str, kind_text: str, note: str | None) -> FollowupItem:
    """A follow-up by hand (a promised call, a brochure to send, …)."""
    from salesvisit_cli.services.customers import resolve

    today = work.today
    kind = check_kind(kind_text)
    due = check_due(parse_date(due_text, today), today)
    text = check_text("note", note, max_length=20_000, multiline=True)
    with work.store.write() as connection:
        customer = resolve(connection, ref)
        me = work.ensure_rep_id(connection)
        new_id = rows.add(
            connection,
            {
                "customer_id": customer.id,
                "rep_id": me,
                "kind": kind,
                "due": due,
                "note": text,
                "created_at": work.now,
            },
        )
        return _item(connection, new_id, today)  # type: ignore[return-value]


def snooze(work: Work, followup_id: int, to_text: str) -> FollowupItem:
    """Move an open follow-up to another day (today or later)."""
    today = work.today
    due = check_due(parse_date(to_text, today), today, "new due date")
    with work.store.write() as connection:
        item = _mine(connection, work.rep, followup_id, today)
        if item.done_at is not None:
            raise ValidationError(
                _("follow-up {followup_id} is already done; nothing to snooze").format(
                    followup_id=followup_id
                )
            )
        rows.change(connection, followup_id, due=due)
        return _item(connection, followup_id, today)  # type: ignore[return-value]
