"""Team mode rules: login-role names for salespeople."""

import pytest

from salesvisit_cli.domain.team import MAX_ROLE, derive_role


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("王伟", "sv_wang_wei"),
        ("Zhang Wei", "sv_zhang_wei"),
        ("José O'Brien-Smith", "sv_jose_o_brien_smith"),
        ("李娜 (Lina)", "sv_li_na_lina"),
        ("★", "sv_rep7"),  # neither Latin letters nor Chinese
    ],
)
def test_role_from_the_name_in_ascii_chinese_by_pinyin(name, role):
    assert derive_role(name, 7, set()) == role


def test_a_taken_role_gets_the_next_number():
    assert derive_role("王伟", 3, {"sv_wang_wei"}) == "sv_wang_wei_2"
    assert derive_role("Wang Wei", 4, {"sv_wang_wei", "sv_wang_wei_2"}) == "sv_wang_wei_3"


def test_long_names_fit_postgresql_identifiers():
    long_name = "王" * 40
    role = derive_role(long_name, 1, set())
    assert len(role) <= MAX_ROLE and not role.endswith("_")
    numbered = derive_role(long_name, 1, {role})
    assert len(numbered) <= MAX_ROLE and numbered.endswith("_2") and numbered != role
