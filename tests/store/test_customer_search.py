"""`customer list --search` on SQLite matches by LIKE alone: the same customers as
`lower(column) LIKE` (SQLite's lower() folds ASCII only, as its LIKE does), for names in any
case and script."""

from __future__ import annotations

import pytest
from sqlalchemy import func, or_, select

from salesvisit_cli.store.customers import _escape_like, listing
from salesvisit_cli.store.engine import open_store
from salesvisit_cli.store.tables import CUSTOMER
from tests.factories import add_customer

NAMES = ("Blue River", "BLUE RIVER Ltd", "École Centrale", "ÉCOLE du Nord", "Straße GmbH",
         "STRASSE AG", "上海华美贸易", "Ωmega", "ωmega", "100%_Pure", "a\\b Co")  # fmt: skip
TERMS = ("river", "RIVER", "École", "école", "ÉCOLE", "straße", "STRASSE", "华美", "ωMEGA",
         "Ω", "%", "_", "0%_p", "\\", "e")  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = open_store(tmp_path_factory.mktemp("search") / "x.db")
    with opened.write() as connection:
        for name in NAMES:
            add_customer(connection, name)
    yield opened
    opened.close()


@pytest.mark.parametrize("term", TERMS)
def test_search_finds_what_lower_like_found(store, term):
    pattern = "%" + _escape_like(term.lower()) + "%"
    with store.read() as connection:
        found = [customer.name for customer in listing(connection, search=term)]
        folded = connection.execute(
            select(CUSTOMER.c.name)
            .where(or_(func.lower(CUSTOMER.c.name).like(pattern, escape="\\")))
            .order_by(func.lower(CUSTOMER.c.name), CUSTOMER.c.id)
        ).scalars()
        assert found == list(folded)
