"""R2: the morning checklist — the carry list (configured), the five preparation steps of each
planned customer, what the customer file alone cannot tick, and items typed by the user."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.i18n import N_, _

# R2 steps for each planned customer: short, stable keys (the `visit prep` items, JSON keys).
PREP_ITEMS = ("screen", "materials", "address", "outline", "appointment")
# How each step reads on screen (message ids): its short word, then the source's wording.
PREP_NAMES = {
    "screen": (N_("screen"), N_("screen the customers")),
    "materials": (N_("materials"), N_("prepare the materials")),
    "address": (N_("address"), N_("confirm the address and office hours")),
    "outline": (N_("outline"), N_("prepare a talk outline")),
    "appointment": (N_("appointment"), N_("make an appointment beforehand")),
}
# The Chinese words users may type for them, in every language (CLI.md "Language").
PREP_WORDS = {
    "筛选": "screen",
    "资料": "materials",
    "地址": "address",
    "提纲": "outline",
    "预约": "appointment",
}
ALL = "all"
# R2: what to carry, unless the company sets its own list (message ids: shown translated).
DEFAULT_CARRY = (
    N_("work ID"),
    N_("price list"),
    N_("customer files"),
    N_("company brochures (several sets)"),
    N_("business cards"),
    N_("notebook"),
    N_("pen"),
    N_("calculator"),
)


def missing_from_file(address: str | None, hours: str | None) -> list[str]:
    """What step 3 (confirm address and office hours) cannot take from the file (message ids,
    JSON values)."""
    facts = ((N_("address"), address), (N_("office hours"), hours))
    return [label for label, value in facts if not value]


def prep_state(done: Iterable[str], appointment: bool) -> dict[str, bool]:
    """Every R2 step ticked or not; `appointment` follows the visit's appointment flag."""
    ticked = set(done)
    state = {item: item in ticked for item in PREP_ITEMS}
    state["appointment"] = bool(appointment)
    return state


def match_items(
    given: Sequence[str], valid: Sequence[str], what: str, words: Mapping[str, str] | None = None
) -> list[str]:
    """Items by name (case-insensitive), by another word for them (`words`: word → item) or
    1-based number, or `all`; unknown ones are an error that lists the valid ones (`what`: a
    message id naming the list). Returned in checklist order, without repeats."""
    if not given:
        raise ValidationError(
            _("name at least one {what} item: {value}").format(what=_(what), value=_listing(valid))
        )
    by_name = {word.casefold(): item for word, item in (words or {}).items()}
    by_name.update((item.casefold(), item) for item in valid)
    chosen: set[str] = set()
    for raw in given:
        token = raw.strip()
        if token.casefold() == ALL:
            chosen.update(valid)
        elif token.isascii() and token.isdigit() and 1 <= int(token) <= len(valid):
            chosen.add(valid[int(token) - 1])
        elif token.casefold() in by_name:
            chosen.add(by_name[token.casefold()])
        else:
            raise ValidationError(
                _("unknown {what} item {raw!r}; valid: {value}").format(
                    what=_(what), raw=raw, value=_listing(valid)
                )
            )
    return [item for item in valid if item in chosen]


def _listing(valid: Sequence[str]) -> str:
    """The items one may name, numbered, in the interface language (`1 筛选、2 资料…`)."""
    named = _(", ").join(f"{number} {_(item)}" for number, item in enumerate(valid, 1))
    return _("{items} (or {all})").format(items=named, all=ALL)
