"""R3: what to say on a visit, chosen from the customer's situation; R9: the visit techniques,
shown as tips and never enforced.

The texts are message ids (English; the screens show them translated, in the source's words);
JSON carries them in English in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from salesvisit_cli.i18n import N_

if TYPE_CHECKING:
    from salesvisit_cli.domain.plan import CustomerFacts

# R9: shown as tips, never enforced.
TIPS = (
    N_("Be prepared: know the customer's business before you walk in."),
    N_("Present the company: bring the brochure and any positive press."),
    N_("Tell the story of a customer you helped."),
    N_("Mention referrals and major clients; carry a client list."),
    N_("Thank the customer for their time and their business."),
    N_("Build a long-term relationship before asking for an order."),
    N_("Mutual benefit, not selling."),
)
# R3 by situation: its tag (a visit's line shows it) and the advice (said once per screen).
POINTS = {
    "first_meeting": (
        N_("first meeting"),
        N_(
            "introduce yourself, show your work ID, state the purpose, "
            '"I won\'t take much of your time".'
        ),
    ),
    "known": (
        N_("known customer"),
        N_(
            "thank them for past business, apologise for any service shortfall, "
            "ask for suggestions."
        ),
    ),
    "complaint": (N_("open complaint"), N_("say what was done about it.")),
    "booking": (N_("pending booking"), N_("report its progress, confirm the next step.")),
}
EVERY_CALL = N_(
    "Let them talk about their company, don't hard-sell; aim for a booking or commitment "
    "and a next meeting; keep to {max_minutes} minutes."
)


@dataclass(frozen=True)
class TalkingPoint:
    """One R3 point for one visit: its situation (a `POINTS` key) and the customer's note."""

    kind: str
    note: str | None = None

    @property
    def text(self) -> str:
        """The point in English (the JSON form)."""
        tag, advice = POINTS[self.kind]
        head = tag[0].upper() + tag[1:]
        return f"{head} ({self.note}): {advice}" if self.note else f"{head}: {advice}"


def situation(customer: CustomerFacts) -> str:
    """R3: one situation per visit: a first meeting (a prospect nobody has visited yet) or a
    known customer (visited before, or registered as a client: past business to thank for)."""
    return "first_meeting" if customer.never_visited and customer.status != "client" else "known"


def talking_points(customer: CustomerFacts) -> list[TalkingPoint]:
    """R3: what to say to this customer, chosen from their situation."""
    points = [TalkingPoint(situation(customer))]
    points += [TalkingPoint("complaint", note or None) for note in customer.open_complaints]
    points += [TalkingPoint("booking", note or None) for note in customer.open_bookings]
    return points


def every_call(max_minutes: int = 30) -> str:
    """R3: the talking point for every call (in English; shown translated)."""
    return EVERY_CALL.format(max_minutes=max_minutes)


def tip_of_the_day(day: date) -> str:
    """One R9 tip, the same all day (a message id)."""
    return TIPS[day.toordinal() % len(TIPS)]
