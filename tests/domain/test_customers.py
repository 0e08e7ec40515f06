"""The customer file's rules (R8): field validation and the duplicate-name rule."""

import pytest

from salesvisit_cli.domain.customers import (
    check_email,
    check_phone,
    clean_fields,
    name_key,
    phone_key,
)
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.spreadsheet import neutralise, restore


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Acme Trading Co., Ltd.", "ACME  trading ltd"),
        ("Acme Inc", "acme"),
        ("Acme Inc.", "ＡＣＭＥ"),  # full-width letters
        ("上海华美贸易有限公司", "上海华美贸易"),
        ("上海 华美贸易 有限公司", "上海华美贸易股份有限公司"),
        ("华美（上海）有限公司", "华美(上海)"),
        ("Blue River Foods Company Limited", "blue-river foods"),
    ],
)
def test_same_company_after_normalising(first, second):
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Tesco", "Tes"), ("Acme", "Acme Foods"), ("华美贸易", "华美物流"), ("Co", "Inc")],
)
def test_different_companies_stay_different(first, second):
    assert name_key(first) != name_key(second)


def test_a_name_that_is_only_a_suffix_keeps_it():
    assert name_key("Ltd") == "ltd"
    assert name_key("公司") == "公司"


@pytest.mark.parametrize(
    "phone",
    [
        "021 5555 0101",
        "+86 21 5555 0101",
        "(021) 5555-0101",
        "+1 (555) 010-1234 ext. 12",
        "555 0101 x12",
        "021-5555-0101转8",
        "13800138000",
    ],
)
def test_valid_phones(phone):
    assert check_phone(phone) == phone


@pytest.mark.parametrize(
    "phone",
    ["call me", "12", "021 5555 0101; rm", "+86 21 five", "１３８００１３８０００", "555\x07"],
)
def test_invalid_phones(phone):
    with pytest.raises(ValidationError, match="phone"):
        check_phone(phone)


def test_phone_key_is_the_digits():
    assert phone_key("+86 (21) 5555-0101") == "8621" + "55550101"
    assert phone_key(None) is None


def test_email():
    assert check_email(" buyer@example.com ") == "buyer@example.com"
    for bad in ("buyer", "buyer@", "a b@example.com", "@example.com", "a@b"):
        with pytest.raises(ValidationError, match="e-mail"):
            check_email(bad)


def test_clean_fields_for_a_new_customer():
    fields = clean_fields({"name": "  Acme  ", "tier": "KEY", "hours": "9:00-17:30"})
    assert fields == {"name": "Acme", "tier": "key", "status": "prospect", "hours": "09:00-17:30"}


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"name": "   "}, "name is empty"),
        ({"name": "Acme", "tier": "vip"}, "invalid tier 'vip': choose key or normal"),
        ({"name": "Acme", "status": "lead"}, "invalid status 'lead': choose prospect or client"),
        ({"name": "Acme", "hours": "17:30-09:00"}, "office hours"),
        ({"name": "Acme", "email": "nope"}, "e-mail"),
        ({"name": "Ac\x1b[31mme"}, "control characters"),
        ({"name": "Acme", "contact": "Wang\x00"}, "control characters"),
        ({"name": "Acme\nCorp"}, "single line"),
        ({"name": "Acme", "colour": "red"}, "unknown customer field"),
        ({"name": "x" * 201}, "too long"),
    ],
)
def test_clean_fields_refuses_bad_values(raw, problem):
    with pytest.raises(ValidationError, match=problem.replace("(", r"\(")):
        clean_fields(raw)


def test_partial_fields_for_edits():
    assert clean_fields({"phone": "021 5555 0101"}, partial=True) == {"phone": "021 5555 0101"}
    assert clean_fields({"note": ""}, partial=True) == {"note": None}  # clears the field
    with pytest.raises(ValidationError, match="name is empty"):
        clean_fields({"name": ""}, partial=True)
    with pytest.raises(ValidationError, match="tier"):
        clean_fields({"tier": "gold"}, partial=True)


def test_notes_and_addresses_may_span_lines():
    fields = clean_fields({"name": "Acme", "note": "line 1\nline 2", "address": "1 Main St\nSH"})
    assert fields["note"] == "line 1\nline 2"


@pytest.mark.parametrize("cell", ["=1+1", "+86 21", "-3", "@SUM(A1)", "\tx", "\rx", "'=x"])
def test_spreadsheet_cells_are_neutralised_and_restored(cell):
    safe = neutralise(cell)
    assert safe.startswith("'")
    assert restore(safe) == cell


def test_plain_cells_are_untouched():
    assert neutralise("Acme") == "Acme" and restore("Acme") == "Acme"
    assert neutralise("'quoted") == "'quoted"


def test_a_known_source_is_stored_in_one_spelling():
    """R8's sources (web, trade fair, …) are counted by source: 展会 and Trade Fair are one."""
    for typed in ("展会", " Trade  Fair ", "trade fair"):
        assert clean_fields({"name": "Acme", "source": typed})["source"] == "trade fair"
    assert clean_fields({"name": "Acme", "source": "朋友的朋友"})["source"] == "朋友的朋友"
    assert clean_fields({"source": ""}, partial=True) == {"source": None}
