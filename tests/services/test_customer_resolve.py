"""A customer reference (REF): the id, the exact name, or a part matching exactly one."""

from __future__ import annotations

import pytest

from salesvisit_cli.domain.errors import NotFoundError, ValidationError
from salesvisit_cli.services.customers import resolve


@pytest.fixture
def file(add_customer):
    return {
        name: add_customer(name)
        for name in ("上海华美贸易有限公司", "Acme Ltd", "Acme Trading", "Shop 12", "Blue River")
    }


def _resolve(work, ref: str):
    with work.store.read() as connection:
        return resolve(connection, ref)


def test_by_id_exact_name_and_unique_part(work, file):
    assert _resolve(work, str(file["Blue River"])).name == "Blue River"
    assert _resolve(work, "Acme Ltd").id == file["Acme Ltd"]  # exact, though "Acme" is ambiguous
    assert _resolve(work, "华美").id == file["上海华美贸易有限公司"]
    assert _resolve(work, "  blue RIVER ").id == file["Blue River"]  # case and spaces


def test_digits_that_are_no_id_are_searched_in_names(work, file):
    assert 12 not in file.values()
    assert _resolve(work, "12").id == file["Shop 12"]


def test_several_matches_are_listed_with_their_ids(work, file):
    with pytest.raises(ValidationError) as refused:
        _resolve(work, "acme")
    message = str(refused.value)
    assert f"{file['Acme Ltd']} Acme Ltd" in message
    assert f"{file['Acme Trading']} Acme Trading" in message
    assert "use the id" in message


@pytest.mark.parametrize(("ref", "error"), [("Nobody", NotFoundError), ("  ", ValidationError)])
def test_no_match_and_empty_reference(work, file, ref, error):
    with pytest.raises(error):
        _resolve(work, ref)
