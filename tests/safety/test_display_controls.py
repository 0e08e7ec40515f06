"""Promise 7: no character that rearranges or breaks the text reaches a screen, a JSON
document or an exported CSV cell raw. The list is generated from `unicodedata`, not by hand."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from salesvisit_cli.domain.spreadsheet import neutralise, restore
from salesvisit_cli.render.safe import clean, to_json

EXPLICIT_BIDI = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
DIRECTION_MARKS = ("LEFT-TO-RIGHT MARK", "RIGHT-TO-LEFT MARK", "ARABIC LETTER MARK")
# Also neutralised, beyond the generated rule: deprecated format controls (symmetric swapping,
# shaping, digit shapes) and the interlinear annotation marks (they hide text).
EXTRAS = {chr(cp) for cp in (*range(0x206A, 0x2070), *range(0xFFF9, 0xFFFC))}


def disguising(char: str) -> bool:
    """Control characters (Cc), line and paragraph separators (Zl, Zp), and the bidi controls:
    format characters (Cf) of an explicit bidi class, and the directional marks (Cf, strong)."""
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp"):
        return True
    if category != "Cf":
        return False
    bidi = unicodedata.bidirectional(char)
    if bidi in EXPLICIT_BIDI:
        return True
    return bidi in ("L", "R", "AL") and unicodedata.name(char, "").endswith(DIRECTION_MARKS)


EVERY = "".join(
    chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) != "Cs"
)
DISGUISING = {char for char in EVERY if disguising(char)}


def test_the_generated_list_has_the_known_members():
    bidi = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F))}
    bidi |= set(map(chr, range(0x2066, 0x206A)))
    assert bidi | {"\u2028", "\u2029", "\x1b", "\x85", "\x9b"} <= DISGUISING


def _replaced(original: str, cleaned: str) -> set[str]:
    assert len(cleaned) == len(original)
    return {a for a, b in zip(original, cleaned, strict=True) if b == "\ufffd" != a}


def test_screens_show_every_disguising_character_as_a_replacement_mark():
    text = "".join(char for char in EVERY if char not in "\t\n\r")
    replaced = _replaced(text, clean(text))
    assert replaced >= DISGUISING - {"\t", "\n", "\r"}
    assert replaced - DISGUISING == EXTRAS  # nothing else: ZWJ, soft hyphen, emoji tags stay
    assert clean("a\tb\r\nc\rd") == "a b\nc\ufffdd"  # tab a space, newlines kept, a lone CR not


def test_json_escapes_every_disguising_character_and_keeps_the_data():
    document = to_json({"text": EVERY})
    raw = set(document) & (DISGUISING | EXTRAS)
    assert raw == {"\n"}  # only the document's own line breaks (indentation)
    assert json.loads(document)["text"] == EVERY
    assert to_json(["\u061c\u2028"]) == '[\n  "\\u061c\\u2028"\n]'


def test_csv_cells_never_carry_a_disguising_character():
    text = "".join(char for char in EVERY if char not in "\t\n\r")
    cell = neutralise(text)
    assert _replaced(text, cell) == (DISGUISING | EXTRAS) - {"\t", "\n", "\r"}
    assert neutralise("line\nbreak\tand\rreturn") == "line\nbreak\tand\rreturn"  # CSV quotes them


@pytest.mark.parametrize("cell", ["=1+1\u202e", "\u2066=cmd", "@\u200fx"])
def test_csv_cells_stay_formula_safe_after_neutralising(cell):
    safe = neutralise(cell)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore(safe) == cell.translate({ord(c): "\ufffd" for c in cell if c in DISGUISING})


def test_screens_and_json_of_a_customer_hide_letter_marks_and_separators(cli):
    name = "Evil\u061cCo\u2028Ltd\u2029Inc"
    assert cli("customer", "add", name, "--note", "a\u2028b").exit_code == 0
    for args in (("customer", "list"), ("customer", "show", "1")):
        screen = cli(*args).stdout
        assert not set(screen) & (DISGUISING - {"\n"}), args
        assert "Evil\ufffdCo\ufffdLtd" in screen
    wire = cli("customer", "show", "1", "--json").stdout
    assert "\\u061c" in wire and "\\u2028" in wire and not set(wire) & (DISGUISING - {"\n"})
    assert json.loads(wire)["name"] == name
