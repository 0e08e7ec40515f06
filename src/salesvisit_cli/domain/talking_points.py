"""R3: what to say on a visit, chosen from the customer's situation; R9: the visit techniques,
shown as tips and never enforced."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salesvisit_cli.domain.plan import CustomerFacts

# R9: shown as tips, never enforced.
TIPS = (
    "Be prepared: know the customer's business before you walk in.",
    "Present the company: bring the brochure and any positive press.",
    "Tell the story of a customer you helped.",
    "Mention referrals and major clients; carry a client list.",
    "Thank the customer for their time and their business.",
    "Build a long-term relationship before asking for an order.",
    "Mutual benefit, not selling.",
)


def talking_points(customer: CustomerFacts) -> list[str]:
    """R3: what to say to this customer, chosen from their situation."""
    points: list[str] = []
    if customer.never_visited:
        points.append(
            "First meeting: introduce yourself, show your work ID, state the purpose, "
            '"I won\'t take much of your time".'
        )
    if not customer.never_visited or customer.status == "client":
        points.append(
            "Known customer: thank them for past business, apologise for any service "
            "shortfall, ask for suggestions."
        )
    for note in customer.open_complaints:
        detail = f" ({note})" if note else ""
        points.append(f"Open complaint{detail}: say what was done about it.")
    for note in customer.open_bookings:
        detail = f" ({note})" if note else ""
        points.append(f"Pending booking{detail}: report its progress, confirm the next step.")
    return points


def every_call(max_minutes: int = 30) -> str:
    """R3: the talking point for every call."""
    return (
        "Let them talk about their company, don't hard-sell; aim for a booking or commitment "
        f"and a next meeting; keep to {max_minutes} minutes."
    )


def tip_of_the_day(day: date) -> str:
    """One R9 tip, the same all day."""
    return TIPS[day.toordinal() % len(TIPS)]
