"""The front-desk rules at their edges: the duty group, the rotation, matching a customer on
file, the market-research credit, the day's figures."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from salesvisit_cli.domain import reception as rules
from salesvisit_cli.domain.errors import ValidationError

THURSDAY = date(2026, 12, 3)


def test_a_group_of_one_receives_every_new_customer():
    received: dict[str, int] = {}
    for _ in range(5):
        chosen = rules.next_on_duty(["Li Na"], received)
        received[chosen] = received.get(chosen, 0) + 1
    assert received == {"Li Na": 5}


def test_the_round_goes_to_the_fewest_received_then_by_name():
    group = ["Zhang Wei", "li na", "Chen"]
    received: dict[str, int] = {}
    order = []
    for _ in range(7):
        chosen = rules.next_on_duty(group, received)
        order.append(chosen)
        received[chosen] = received.get(chosen, 0) + 1
    assert order == ["Chen", "li na", "Zhang Wei"] * 2 + ["Chen"]


def test_a_salesperson_added_at_noon_catches_up_before_the_round_goes_on():
    received = {"Chen": 3, "Li Na": 3}
    group = ["Chen", "Li Na", "Zhang"]  # Zhang joined at noon, nothing received yet
    order = []
    for _ in range(4):
        chosen = rules.next_on_duty(group, received)
        order.append(chosen)
        received[chosen] = received.get(chosen, 0) + 1
    assert order == ["Zhang", "Zhang", "Zhang", "Chen"]


def test_the_rule_is_deterministic_whatever_the_order_given():
    counts = {"b": 1, "a": 1, "c": 0}
    assert {rules.next_on_duty(g, counts) for g in (["a", "b", "c"], ["c", "b", "a"])} == {"c"}
    assert rules.next_on_duty(["b", "a"], counts) == "a"


def test_nobody_on_duty_says_how_to_set_the_group():
    with pytest.raises(ValidationError, match="duty set"):
        rules.next_on_duty([], {})


def test_a_date_overrides_the_weekly_pattern():
    slots = {"thu": ["Zhang", "Li Na"], "2026-12-10": ["Chen"]}
    assert rules.duty_group(slots, THURSDAY) == ["Li Na", "Zhang"]
    assert rules.duty_group(slots, date(2026, 12, 10)) == ["Chen"]
    assert rules.duty_group(slots, date(2026, 12, 4)) == []


def _known(id_: int, name: str, owner: str | None = "Zhang") -> rules.Known:
    return rules.Known(id_, name, "021 5555 0101", owner)


def test_a_customer_on_file_is_found_by_name_or_by_phone():
    huamei = _known(1, "Huamei")
    assert rules.existing_customer(huamei, []) is huamei
    assert rules.existing_customer(None, [huamei]) is huamei
    assert rules.existing_customer(huamei, [huamei]) is huamei
    assert rules.existing_customer(None, []) is None


def test_a_phone_on_file_for_two_customers_is_an_error():
    with pytest.raises(ValidationError, match="several customers"):
        rules.existing_customer(None, [_known(1, "Huamei"), _known(2, "Acme")])


def test_a_name_and_a_phone_naming_two_customers_is_an_error():
    with pytest.raises(ValidationError, match=r"1 Huamei.*2 Acme"):
        rules.existing_customer(_known(1, "Huamei"), [_known(2, "Acme")])


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Web", "web"), (" trade  fair ", "trade fair"), ("展会", "trade fair"), ("黄页", "directory"),
     ("新闻报道", "news report"), ("a friend at the gym", "a friend at the gym"), ("  ", None)],
)  # fmt: skip
def test_sources_are_the_known_ones_or_free_text(typed, stored):
    assert rules.clean_source(typed) == stored


def test_a_new_customer_needs_a_source():
    with pytest.raises(ValidationError, match="--source"):
        rules.require_source(None)


def test_the_oldest_research_credit_is_served_first():
    early = rules.Credit(4, "Li Na", datetime(2026, 12, 3, 9, 0))
    late = rules.Credit(2, "Zhang", datetime(2026, 12, 3, 11, 0))
    assert rules.replacement_due([late, early]) is early
    assert rules.replacement_due([]) is None


def test_only_a_new_customers_walk_in_can_be_market_research_once():
    rules.check_research("walkin", True, False, 1)
    for kind, new, done in (("call", True, False), ("walkin", False, False)):
        with pytest.raises(ValidationError, match="not a new customer's walk-in"):
            rules.check_research(kind, new, done, 1)
    with pytest.raises(ValidationError, match="already"):
        rules.check_research("walkin", True, True, 1)


def test_the_days_figures_count_walk_ins_calls_and_new_ones():
    at = datetime(2026, 12, 3, 10, 0)
    entries = [
        rules.Registered(1, "walkin", at, 1, "A", "Zhang", True, "duty"),
        rules.Registered(2, "walkin", at, 2, "B", "Li Na", False, "owner"),
        rules.Registered(3, "call", at, 3, "C", "Zhang", True, "duty"),
        rules.Registered(4, "call", at, 2, "B", "Li Na", False, "owner"),
    ]
    figures = rules.ReceptionDay(THURSDAY, entries).to_json()
    assert {k: figures[k] for k in ("walkins", "new_walkins", "calls", "new_calls")} == {
        "walkins": 2, "new_walkins": 1, "calls": 2, "new_calls": 1,
    }  # fmt: skip
    assert figures["by_rep"] == [
        {"rep": "Li Na", "walkins": 1, "calls": 1, "new": 0},
        {"rep": "Zhang", "walkins": 1, "calls": 1, "new": 2},
    ]


def test_names_are_ordered_with_ascii_letters_folded_then_by_code_point():
    """The order the database can reproduce whatever its locale (`lower(name COLLATE "C")`):
    `Li Na` and `li na` together, Latin before Chinese, accented letters as their code points."""
    names = ["李娜", "Zhang", "li na", "Émile", "Li Na", "anna", "ß", "ss"]
    assert sorted(names, key=rules.name_order) == [
        "anna", "Li Na", "li na", "ss", "Zhang", "Émile", "ß", "李娜",
    ]  # fmt: skip
    assert rules.next_on_duty(["Émile", "Zhang"], {}) == "Zhang"
