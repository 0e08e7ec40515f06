"""Two front desks register walk-ins at the same minute on one SQLite file: each walk-in is
assigned once, and the round goes on in order (the registrations are serialised)."""

from __future__ import annotations

import pytest

from tests.safety.front_desks import (
    assert_each_assigned_once_in_round_order,
    set_up_office,
    two_desks_at_once,
)


@pytest.mark.slow
def test_two_front_desks_at_the_same_minute(tmp_path):
    db = str(tmp_path / "office.db")
    set_up_office(db, as_rep="Wang Li")
    two_desks_at_once({"Desk A": db, "Desk B": db})
    assert_each_assigned_once_in_round_order(db, as_rep="Wang Li")
