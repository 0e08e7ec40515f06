"""Promise 8: exported cells are safe to open in a spreadsheet and come back unchanged."""

from __future__ import annotations

import csv
import io

import pytest

from salesvisit_cli.domain.spreadsheet import neutralise, restore

DANGEROUS = ["=1+1", "+86 21 5555", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", "'=already", "''+x"]


@pytest.mark.parametrize("cell", DANGEROUS)
def test_dangerous_cells_are_prefixed_and_restored(cell):
    safe = neutralise(cell)
    assert safe.startswith("'")
    assert restore(safe) == cell


@pytest.mark.parametrize("cell", ["Acme", "上海", "1 Main St", "'quoted", "", "a=b"])
def test_harmless_cells_are_untouched(cell):
    assert neutralise(cell) == cell and restore(cell) == cell


def test_exported_csv_has_no_cell_a_spreadsheet_would_run(cli):
    for name, note in [('=HYPERLINK("http://x")', "@x"), ("Plain Co", "-1"), ("+Plus Ltd", "ok")]:
        assert cli("customer", "add", name, "--note", note).exit_code == 0
    exported = cli("customer", "export")
    for row in csv.reader(io.StringIO(exported.stdout)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_export_then_import_brings_back_the_same_customers(cli, tmp_path):
    originals = {
        "=1+2 Trading": {"note": "-5 units", "phone": "+86 21 5555 0101"},
        "@Home Ltd": {"address": "=A1", "contact": "'=quoted"},
        "上海华美贸易有限公司": {"contact": "王经理", "hours": "09:00-17:30"},
    }
    for name, fields in originals.items():
        options = [item for key, value in fields.items() for item in (f"--{key}", value)]
        assert cli("customer", "add", name, *options).exit_code == 0, name
    path = tmp_path / "out.csv"
    assert cli("customer", "export", "--output", path).exit_code == 0
    before = {c["name"]: c for c in cli("customer", "list", "--json").json()}
    fresh = tmp_path / "fresh.db"
    imported = cli("--db", fresh, "customer", "import", path)
    assert imported.exit_code == 0, imported.stderr
    after = {c["name"]: c for c in cli("--db", fresh, "customer", "list", "--json").json()}
    assert after.keys() == before.keys() == originals.keys()
    for name, fields in originals.items():
        for key, value in fields.items():
            assert after[name][key] == value == before[name][key]


def test_exported_cells_carry_no_bidi_control_and_the_rest_comes_back(cli, tmp_path):
    """Bidi controls and separators become U+FFFD in the file; every other character returns."""
    name, note = "Evil\u202egnp.exe Co", "=SUM(1)\u2066x\u2069 -5"
    assert cli("customer", "add", name, "--note", note, "--contact", "王\u200f经理").exit_code == 0
    path = tmp_path / "out.csv"
    assert cli("customer", "export", "--output", path).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert not set(text) & {"\u202e", "\u2066", "\u2069", "\u200f"}
    assert "Evil\ufffdgnp.exe Co" in text and "'=SUM(1)\ufffdx\ufffd -5" in text
    listed = cli("customer", "list", "--csv").stdout
    assert "\u202e" not in listed and "Evil\ufffdgnp.exe Co" in listed
    fresh = tmp_path / "fresh.db"
    assert cli("--db", fresh, "customer", "import", path).exit_code == 0
    back = cli("--db", fresh, "customer", "show", "1", "--json").json()
    assert (back["name"], back["note"], back["contact"]) == (
        "Evil\ufffdgnp.exe Co", "=SUM(1)\ufffdx\ufffd -5", "王\ufffd经理",
    )  # fmt: skip
