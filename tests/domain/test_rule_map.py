"""CONTRIBUTING.md maps every rule of PROCESS.md (R1-R9) to the functions that implement it:
each rule has a row, and every function the table names exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

CONTRIBUTING = Path(__file__).parents[2] / "CONTRIBUTING.md"
ROW = re.compile(r"^\| (R[1-9]) [^|]*\| (.*) \|$")
NAME = re.compile(r"`((?:domain|store)\.[\w.]+)`")


def rule_map() -> dict[str, list[str]]:
    table = CONTRIBUTING.read_text(encoding="utf-8").split("## Where each rule")[1]
    found: dict[str, list[str]] = {}
    for line in table.splitlines():
        match = ROW.match(line)
        if match:
            found[match[1]] = NAME.findall(match[2])
    return found


def resolve(dotted: str) -> object:
    """Import `salesvisit_cli.<module>` and follow the remaining attributes (class methods)."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            target = importlib.import_module("salesvisit_cli." + ".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            target = getattr(target, attribute)
        return target
    raise ModuleNotFoundError(dotted)  # not even the top package


def test_every_rule_has_a_row_naming_functions():
    found = rule_map()
    assert sorted(found) == [f"R{number}" for number in range(1, 10)]
    assert all(found.values())


def test_every_named_function_exists():
    missing = []
    for rule, names in rule_map().items():
        for name in names:
            try:
                assert callable(resolve(name))
            except (ImportError, AttributeError, AssertionError):
                missing.append(f"{rule}: {name}")
    assert missing == []


def test_a_name_that_does_not_exist_is_caught():
    with pytest.raises(AttributeError):
        resolve("domain.quota.no_such_rule")
    with pytest.raises(AttributeError):
        resolve("domain.no_such_module.rule")


def test_r8_names_the_on_duty_rule():
    """PROCESS.md R8: "a new customer walking in goes to the salesperson on duty"."""
    assert "domain.reception.next_on_duty" in rule_map()["R8"]
