"""`visit prep`: tick the pre-visit steps of a planned visit (R2) or the day's carry list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain import checklist
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.i18n import N_, _
from salesvisit_cli.services.visits import own_planned
from salesvisit_cli.store import checklist as ticks
from salesvisit_cli.store import visits as rows

if TYPE_CHECKING:
    from salesvisit_cli.services.context import Work

CARRY = "carry"  # the pseudo-id of the day's carry list


@dataclass
class Prepared:
    """The checklist after `visit prep`: which items are ticked now."""

    target: str  # "visit" or "carry"
    changed: list[str]
    undo: bool
    state: dict[str, bool]
    visit_id: int | None = None
    customer: str | None = None
    date: date | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "visit_id": self.visit_id,
            "customer": self.customer,
            "date": self.date.isoformat() if self.date else None,
            "changed": self.changed,
            "undo": self.undo,
            "state": self.state,
        }


def parse_target(text: str) -> int | None:
    """`visit prep` target: a visit id, or None for the pseudo-id `carry`."""
    value = text.strip()
    if value.casefold() == CARRY:
        return None
    if value.isascii() and value.isdigit():
        return int(value)
    raise ValidationError(
        _("invalid visit id {text!r}: give a visit id (see `visit plan`) or carry").format(
            text=text
        )
    )


def prep_visit(work: Work, visit_id: int, items: Sequence[str], *, undo: bool) -> Prepared:
    """Tick (or untick) R2 steps of one planned visit; `appointment` is the visit's own flag."""
    chosen = checklist.match_items(
        items, checklist.PREP_ITEMS, N_("preparation"), checklist.PREP_WORDS
    )
    with work.store.write() as connection:
        (visit,) = own_planned(connection, work.rep, [visit_id], N_("prepare"), N_("prepared"))
        facts = rows.customer_facts(connection, visit.customer_id)
        warnings = []
        if "address" in chosen and not undo and facts.missing_file:
            text = _(
                "{customer} has no {missing} on file: record what you confirmed with "
                "`salesvisit customer edit {id}`"
            )
            missing = _(" and ").join(_(label) for label in facts.missing_file)
            warnings.append(text.format(customer=facts.name, missing=missing, id=facts.id))
        steps = [item for item in chosen if item != "appointment"]
        if undo:
            ticks.untick_prep(connection, visit_id, steps)
        else:
            ticks.tick_prep(connection, visit_id, steps, work.now)
        appointment = visit.appointment
        if "appointment" in chosen:
            appointment = not undo
            rows.set_appointment(connection, visit_id, appointment)
        done = ticks.prep_done(connection, [visit_id]).get(visit_id, set())
    return Prepared(
        target="visit",
        changed=chosen,
        undo=undo,
        state=checklist.prep_state(done, appointment),
        visit_id=visit_id,
        customer=facts.name,
        date=visit.date,
        warnings=warnings,
    )


def prep_carry(work: Work, items: Sequence[str], *, day: date, undo: bool) -> Prepared:
    """Tick (or untick) items of the day's carry list (R2)."""
    carry = work.config.checklist.carry
    own_words = {_(item): item for item in carry if item in checklist.DEFAULT_CARRY}
    chosen = checklist.match_items(items, carry, N_("carry"), own_words)
    with work.store.write() as connection:
        own_id = work.ensure_rep_id(connection)
        if undo:
            ticks.untick_carry(connection, own_id, day, chosen)
        else:
            ticks.tick_carry(connection, own_id, day, chosen, work.now)
        done = ticks.carry_done(connection, own_id, day)
    return Prepared(
        target=CARRY,
        changed=chosen,
        undo=undo,
        state={item: item in done for item in carry},
        date=day,
    )
