"""Customers by pinyin (CLI.md "Language"): REF and `--search` by full pinyin or initials,
`customer list` in pinyin order."""

from __future__ import annotations

import pytest

NAMES = ("上海华美贸易有限公司", "上海华美科技有限公司", "北京华美贸易", "Acme Ltd", "Delta Co")


@pytest.fixture(autouse=True)
def customers(cli):
    for name in NAMES:
        assert cli("customer", "add", name).exit_code == 0


def shown_name(cli, ref: str) -> str:
    ran = cli("customer", "show", ref, "--json")
    assert ran.exit_code == 0, ran.stderr
    return ran.json()["name"]


@pytest.mark.parametrize(
    ("ref", "name"),
    [
        ("shhmmy", "上海华美贸易有限公司"),  # initials
        ("SHANGHAIHUAMEIKEJI", "上海华美科技有限公司"),  # full pinyin, any case
        ("bjhm", "北京华美贸易"),
        ("beijing", "北京华美贸易"),
        ("acme", "Acme Ltd"),  # a part of the name is looked for first
    ],
)
def test_ref_by_pinyin_when_exactly_one_matches(cli, ref, name):
    assert shown_name(cli, ref) == name


def test_several_pinyin_matches_are_listed(cli):
    ran = cli("customer", "show", "shhm")
    assert ran.exit_code == 1
    assert (
        "'shhm' matches several customers: 1 上海华美贸易有限公司, 2 上海华美科技有限公司"
        in ran.stderr
    )
    assert "no customer matches 'xyz'" in cli("customer", "show", "xyz").stderr


def test_other_commands_take_a_pinyin_ref(cli, clock):
    clock("2026-11-26 08:00")
    planned = cli("visit", "schedule", "bjhmmy", "--date", "明天", "--json")
    assert planned.exit_code == 0, planned.stderr
    assert (planned.json()["customer"], planned.json()["date"]) == ("北京华美贸易", "2026-11-27")


def test_search_matches_pinyin_as_well_as_the_fields(cli):
    def found(text):
        return [c["name"] for c in cli("customer", "list", "--search", text, "--json").json()]

    assert found("hm") == ["北京华美贸易", "上海华美科技有限公司", "上海华美贸易有限公司"]
    assert found("shanghaihuameimaoyi") == ["上海华美贸易有限公司"]
    assert found("co") == ["Delta Co"]
    assert found("华美贸易") == ["北京华美贸易", "上海华美贸易有限公司"]
    assert cli("customer", "list", "--search", "hm", "--tier", "key", "--json").json() == []


def test_list_sorts_chinese_names_by_pinyin_among_latin_ones(cli):
    listed = [c["name"] for c in cli("customer", "list", "--json").json()]
    assert listed == [
        "Acme Ltd", "北京华美贸易", "Delta Co", "上海华美科技有限公司", "上海华美贸易有限公司",
    ]  # fmt: skip
    table = cli("customer", "list").stdout
    assert table.index("北京华美贸易") < table.index("Delta Co") < table.index("上海华美科技")
