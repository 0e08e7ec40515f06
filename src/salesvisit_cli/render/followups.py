"""Follow-up screens: the work list, one follow-up, and the team's overdue follow-ups.

Below `NARROW` columns the tables fold: the contact goes under the phone and the note under the
customer, and the team table shows the overdue follow-ups by kind in one cell. Phones never wrap
and names are never cut (a long name wraps inside its cell).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from salesvisit_cli.domain.followups import KIND_LABELS, KIND_ORDER, FollowupItem, RepFollowups
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert
from salesvisit_cli.render.words import day_label, note_text, word

NARROW = 100  # columns: under this, the narrower layouts


def kind_name(kind: str) -> str:
    """A follow-up kind as a person reads it (the JSON keeps the English key)."""
    return word("kind", kind)


def kind_note(kind: str) -> str:
    """The default note of a follow-up kind, in the interface language."""
    label = KIND_LABELS.get(kind)
    return _(label) if label else ""


def _when(item: FollowupItem, today: date):
    if item.done_at is not None:
        return inert(_("done {day}").format(day=day_label(item.done_at.date())), style="dim")
    if item.overdue:
        days = item.days_overdue(today)
        return inert(_("OVERDUE {days}d").format(days=days), style="bold red")
    if item.due == today:
        return inert(_("today"), style="bold")
    return inert(day_label(item.due))


def _narrow() -> bool:
    return out().width < NARROW


def followup_list(items: Sequence[FollowupItem], today: date, *, every: bool = False) -> None:
    """Overdue first (marked), then by kind, each with the customer, the note and the phone."""
    if not items:
        done = (
            _("No open follow-ups. Nice work.")
            if every
            else _("No follow-ups due today or overdue. Nice work.")
        )
        out().print(inert(done, style="green"))
        return
    from salesvisit_cli.render.tables import data_table

    narrow = _narrow()
    table = data_table((_("ID"), _("Due"), _("Kind")))
    table.columns[1].no_wrap = True
    table.add_column(_("Customer"), overflow="fold")
    table.add_column(_("Phone"), no_wrap=True)
    if not narrow:
        table.add_column(_("Contact"))
        table.add_column(_("Note"))
    group = None
    for item in items:
        key = (item.overdue, item.kind)
        if group is not None and key != group:
            table.add_section()
        group = key
        note = inert(note_text(item.note) or kind_note(item.kind), style="dim" if narrow else "")
        customer, phone = inert(item.customer), inert(item.phone)
        if narrow:
            customer.append("\n").append_text(note)
            if item.contact:
                phone.append("\n").append_text(inert(item.contact))
        cells = [customer, phone] if narrow else [customer, phone, inert(item.contact), note]
        table.add_row(
            str(item.id),
            _when(item, today),
            inert(kind_name(item.kind), style="red" if item.kind == "complaint" else ""),
            *cells,
        )
    out().print(table)
    overdue = sum(1 for item in items if item.overdue)
    summary = ngettext("{count} follow-up", "{count} follow-ups", len(items)).format(
        count=len(items)
    )
    if overdue:
        summary += _(", {count} overdue").format(count=overdue)
    summary += _(" · `salesvisit followup done ID` when finished")
    out().print(inert(summary, style="dim"))


def followup_line(item: FollowupItem) -> None:
    """`#ID  kind  due DAY  note`, then the customer and the phone (on a line of its own when
    both do not fit: a phone is never broken)."""
    from rich.cells import cell_len

    parts = [f"#{item.id}", kind_name(item.kind), _("due {day}").format(day=day_label(item.due))]
    out().print(inert("  ".join([*parts, note_text(item.note)]).rstrip()))
    customer, phone = "    " + item.customer, item.phone or ""
    if cell_len(customer) + 2 + cell_len(phone) <= out().width:
        out().print(inert(f"{customer}  {phone}".rstrip()))
    else:
        out().print(inert(customer))
        out().print(inert("    " + phone), no_wrap=True, overflow="ignore")


def _oldest(row: RepFollowups, today: date) -> str:
    if not row.oldest_due:
        return ""
    days = _("{days}d").format(days=row.days_overdue(today))
    return f"{day_label(row.oldest_due)} ({days})"


def _by_kind(row: RepFollowups) -> str:
    """The overdue follow-ups by kind in one cell: `booking 1 complaint 2` (non-zero only)."""
    counts = ((kind, row.overdue_by_kind.get(kind, 0)) for kind in KIND_ORDER)
    return "  ".join(f"{kind_name(kind)} {count}" for kind, count in counts if count)


def team_followups(rows: Sequence[RepFollowups], today: date, *, every: bool = False) -> None:
    """One row per salesperson: overdue follow-ups by kind and the oldest; with --all, every
    open follow-up listed below, by salesperson."""
    from salesvisit_cli.render.tables import data_table, print_table

    if not rows:
        out().print(inert(_("No salespeople yet."), style="dim"))
        return
    narrow = _narrow()
    title = _("Team follow-ups overdue on {day}").format(day=day_label(today))
    table = data_table(title=title, team=True)
    table.add_column(_("Salesperson"), overflow="fold", min_width=8)
    table.add_column(_("Overdue"), justify="right")
    if narrow:
        table.add_column(_("By kind"))
    else:
        for kind in KIND_ORDER:
            table.add_column(kind_name(kind).capitalize(), justify="right")
    table.add_column(_("Oldest due"), no_wrap=True)
    table.add_column(_("Today"), justify="right")
    table.add_column(_("Open"), justify="right")
    for row in rows:
        oldest = _oldest(row, today)
        if narrow:
            kinds = [inert(_by_kind(row))]
        else:
            kinds = [inert(str(row.overdue_by_kind.get(kind, 0))) for kind in KIND_ORDER]
        table.add_row(
            inert(row.rep),
            inert(str(row.overdue), style="bold red" if row.overdue else "dim"),
            *kinds,
            inert(oldest, style="red" if oldest else ""),
            str(row.due_today),
            str(row.open),
        )
    print_table(table)
    late = sum(1 for row in rows if row.overdue)
    total = sum(row.overdue for row in rows)
    summary = _("{total} overdue follow-up(s) with {late} of {reps} salespeople")
    out().print(inert(summary.format(total=total, late=late, reps=len(rows)), style="dim"))
    if not every:
        return
    for row in rows:
        if row.items:
            out().print()
            out().print(inert(row.rep, style="bold"))
            followup_list(row.items, today, every=True)
