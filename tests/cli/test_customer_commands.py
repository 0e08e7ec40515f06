"""customer add / list / show / edit: validation, the duplicate rule, filters and formats."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from pathlib import Path

import pytest


def _count() -> int:
    path = Path(os.environ["SALESVISIT_DB"])
    if not path.exists():  # a first command that failed leaves no database behind
        return 0
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM customer").fetchone()[0]


def test_add_with_every_field_as_json(cli):
    added = cli(
        "customer", "add", "上海华美贸易有限公司", "--tier", "key", "--status", "client",
        "--contact", "王经理", "--phone", "(021) 5555-0101 ext. 8", "--email", "wang@hm.example",
        "--address", "上海市浦东新区", "--industry", "贸易", "--size", "50-200",
        "--source", "trade fair", "--hours", "9:00-17:30", "--web", "https://hm.example/shop",
        "--note", "老客户", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    data = added.json()
    keys = "id name tier status contact phone email address industry size source hours web note"
    assert set(keys.split()) | {"owner", "created_at"} <= set(data)
    assert data["hours"] == "09:00-17:30" and data["owner"] == "alice"
    assert data["status"] == "client" and data["phone"] == "(021) 5555-0101 ext. 8"


def test_add_defaults_and_plain_output(cli):
    added = cli("customer", "add", "Acme")
    assert added.exit_code == 0
    assert "Added customer 1: Acme" in added.stdout
    assert cli("customer", "show", "1", "--json").json()["tier"] == "normal"
    assert cli("customer", "show", "1", "--json").json()["status"] == "prospect"


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--tier", "gold"], "invalid tier 'gold': choose key or normal"),
        (["--status", "lead"], "invalid status 'lead': choose prospect or client"),
        (["--phone", "call me maybe"], "invalid phone"),
        (["--email", "wang@"], "invalid e-mail"),
        (["--hours", "17:30-09:00"], "invalid office hours"),
        (["--hours", "all day"], "expected HH:MM-HH:MM"),
        (["--contact", "Wang\x1b[2J"], "contact contains control characters"),
        (["--owner", ""], "salesperson's name is empty"),
    ],
)
def test_add_refuses_bad_fields_and_writes_nothing(cli, args, problem):
    result = cli("customer", "add", "Acme", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and problem in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _count() == 0


@pytest.mark.parametrize("name", ["", "   ", "Acme\x00", "Line\nbreak"])
def test_add_refuses_bad_names(cli, name):
    result = cli("customer", "add", name)
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert _count() == 0


@pytest.mark.parametrize(
    "again",
    ["acme trading", "ACME TRADING LTD", "Acme Trading Inc.", "ａｃｍｅ　trading", "Acme-Trading"],
)
def test_duplicates_are_refused_with_the_existing_id(cli, again):
    cli("customer", "add", "Acme Trading Co., Ltd.")
    result = cli("customer", "add", again)
    assert result.exit_code == 1
    assert "(id 1) already has this name" in result.stderr and "--allow-duplicate" in result.stderr
    assert _count() == 1
    allowed = cli("customer", "add", again, "--allow-duplicate", "--json")
    assert allowed.exit_code == 0 and allowed.json()["id"] == 2


def test_chinese_company_suffix_is_a_duplicate(cli):
    cli("customer", "add", "上海华美贸易有限公司")
    result = cli("customer", "add", "上海华美贸易")
    assert result.exit_code == 1 and "id 1" in result.stderr


def test_a_phone_already_on_file_is_a_warning(cli):
    cli("customer", "add", "Acme", "--phone", "021 5555 0101")
    added = cli("customer", "add", "Blue River", "--phone", "021-5555-0101", "--json")
    assert added.exit_code == 0
    assert added.json()["name"] == "Blue River"  # stdout is still exactly one JSON document
    assert added.stderr.startswith(
        "Warning: phone 021-5555-0101 is already on file for Acme (id 1)"
    )


def test_owner_option_names_a_known_rep(cli):
    refused = cli("customer", "add", "Acme", "--owner", "bob")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: no salesperson named 'bob'; add them first with `salesvisit rep add NAME`\n"
    )
    assert cli("customer", "list", "--json").json() == []
    assert cli("rep", "list", "--json").json() == []  # not even alice: nothing was written
    assert cli("customer", "add", "First").exit_code == 0  # alice, the first salesperson
    assert cli("rep", "add", "bob").exit_code == 0
    added = cli("customer", "add", "Acme", "--owner", "bob", "--json").json()
    assert added["owner"] == "bob"
    assert [c["name"] for c in cli("customer", "list", "--owner", "bob", "--json").json()] == [
        "Acme"
    ]
    mine = cli("customer", "list", "--owner", "alice", "--json").json()
    assert [c["name"] for c in mine] == ["First"]


@pytest.fixture
def three(cli):
    cli("customer", "add", "Acme", "--tier", "key", "--contact", "Wang", "--industry", "食品")
    cli("customer", "add", "Blue River", "--status", "client", "--phone", "021 5555 0101")
    cli("customer", "add", "Cathay 贸易", "--tier", "key", "--status", "client")


def _names(result) -> list[str]:
    return [c["name"] for c in result.json()]


def test_list_filters(cli, three):
    assert _names(cli("customer", "list", "--json")) == ["Acme", "Blue River", "Cathay 贸易"]
    assert _names(cli("customer", "list", "--tier", "key", "--json")) == ["Acme", "Cathay 贸易"]
    assert _names(cli("customer", "list", "--status", "client", "--json")) == [
        "Blue River", "Cathay 贸易",
    ]  # fmt: skip
    assert _names(cli("customer", "list", "--tier", "key", "--status", "client", "--json")) == [
        "Cathay 贸易"
    ]
    assert _names(cli("customer", "list", "--search", "RIVER", "--json")) == ["Blue River"]
    assert _names(cli("customer", "list", "--search", "wang", "--json")) == ["Acme"]
    assert _names(cli("customer", "list", "--search", "贸易", "--json")) == ["Cathay 贸易"]
    assert _names(cli("customer", "list", "--search", "5555", "--json")) == ["Blue River"]
    assert _names(cli("customer", "list", "--search", "%", "--json")) == []
    bad = cli("customer", "list", "--tier", "gold")
    assert bad.exit_code == 1 and "invalid tier" in bad.stderr


def test_list_table_and_csv(cli, three):
    table = cli("customer", "list")
    assert "Blue River" in table.stdout and "3 customers" in table.stdout
    as_csv = cli("customer", "list", "--csv", "--tier", "key")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["name"] for r in rows] == ["Acme", "Cathay 贸易"]
    assert rows[0]["contact"] == "Wang" and rows[0]["owner"] == "alice"
    both = cli("customer", "list", "--csv", "--json")
    assert both.exit_code == 2


def test_show_by_id_name_and_part(cli, three):
    assert cli("customer", "show", "2", "--json").json()["name"] == "Blue River"
    assert cli("customer", "show", "blue", "--json").json()["id"] == 2
    assert cli("customer", "show", "Cathay 贸易", "--json").json()["id"] == 3
    several = cli("customer", "show", "a")
    assert several.exit_code == 1 and "matches several customers" in several.stderr
    missing = cli("customer", "show", "Zenith")
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: no customer matches")
    card = cli("customer", "show", "Acme")
    assert card.exit_code == 0 and "Wang" in card.stdout


def test_edit_changes_only_the_given_fields(cli, three):
    edited = cli(
        "customer", "edit", "Acme", "--phone", "021 6666 0202", "--hours", "8:30-17:00", "--json"
    )
    assert edited.exit_code == 0, edited.stderr
    data = edited.json()
    assert data["phone"] == "021 6666 0202" and data["hours"] == "08:30-17:00"
    assert data["contact"] == "Wang" and data["tier"] == "key" and data["industry"] == "食品"
    cleared = cli("customer", "edit", "1", "--contact", "", "--json").json()
    assert cleared["contact"] is None and cleared["phone"] == "021 6666 0202"
    renamed = cli("customer", "edit", "1", "--name", "Acme Foods", "--json").json()
    assert renamed["name"] == "Acme Foods"


def test_edit_validates_like_add(cli, three):
    before = cli("customer", "show", "1", "--json").json()
    for args, problem in (
        (["--tier", "vip"], "invalid tier"),
        (["--email", "nope"], "invalid e-mail"),
        (["--name", ""], "name is empty"),
        (["--name", "blue river ltd"], "(id 2) already has this name"),
        ([], "nothing to change"),
    ):
        result = cli("customer", "edit", "1", *args)
        assert result.exit_code == 1 and problem in result.stderr, args
    assert cli("customer", "show", "1", "--json").json() == before
    allowed = cli("customer", "edit", "1", "--name", "Blue River", "--allow-duplicate")
    assert allowed.exit_code == 0


def test_status_change_sets_client_since(cli, clock):
    clock("2026-11-26 10:00")
    cli("customer", "add", "Acme")
    became = cli("customer", "edit", "Acme", "--status", "client", "--json").json()
    assert became["client_since"] == "2026-11-26"


def test_edit_owner_follows_the_assign_rule_and_is_all_or_nothing(cli):
    """`customer edit` takes the same options as `add`, --owner included (managers only)."""
    assert cli("customer", "add", "Owned Ltd", "--phone", "021 5555 0101").exit_code == 0
    assert cli("rep", "add", "boss", "--manager").exit_code == 0
    assert cli("--rep", "boss", "rep", "add", "bob").exit_code == 0
    refused = cli("customer", "edit", "Owned", "--owner", "bob", "--phone", "021 5555 0199")
    assert refused.exit_code == 1 and "only a manager" in refused.stderr
    unchanged = cli("customer", "show", "Owned", "--json").json()
    assert (unchanged["owner"], unchanged["phone"]) == ("alice", "021 5555 0101")
    moved = cli("--rep", "boss", "customer", "edit", "Owned", "--owner", "bob", "--json")
    assert moved.exit_code == 0, moved.stderr
    assert moved.json()["owner"] == "bob"
    unknown = cli("--rep", "boss", "customer", "edit", "Owned", "--owner", "nobody")
    assert unknown.exit_code == 1 and "no salesperson named" in unknown.stderr
