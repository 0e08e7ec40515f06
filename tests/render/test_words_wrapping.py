"""Line flow by patterns over the classes of the characters (`render.words.shape`), not the
ranges of wide ones (compiling those took ~42 M instructions on every screen Rich wraps): the
pieces a line never breaks inside, and so every screen's wrapping, are the ones the former
patterns found."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from salesvisit_cli.render import words
from salesvisit_cli.render.words import CLOSING, OPENING, WIDE_RANGES

# The patterns the screens wrapped by before (the reference).
WIDE = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in WIDE_RANGES)
UNITS = re.compile(rf"\s*[{OPENING}]*(?:[{WIDE}]|[^\s{WIDE}]+)[{CLOSING}]*\s*")
TOKENS = re.compile(rf"[{WIDE}][{CLOSING}]*\s*|[^\s{WIDE}]+\s*|\s+")

EDGES = "".join(chr(code) for low, high in WIDE_RANGES for code in (low - 1, low, high, high + 1))
ALPHABET = "aoOcCW1-., \t\n\x1f\u3000\u00a0\x1cé😀中文号上" + OPENING + CLOSING + EDGES
texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=40)


def test_the_wide_characters_are_the_former_ranges():
    wide = re.compile(f"[{WIDE}]")
    for code in range(0x1_0000):
        assert words.is_wide(chr(code)) == bool(wide.fullmatch(chr(code))), hex(code)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_pieces_fall_where_the_former_patterns_put_them(text):
    shaped = words.shape(text)
    assert len(shaped) == len(text)
    assert _spans(words._units(), shaped) == _spans(UNITS, text)
    assert _spans(words._tokens(), shaped) == _spans(TOKENS, text)
