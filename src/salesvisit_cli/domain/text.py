"""Rules for free text typed by users."""

from __future__ import annotations

import re

from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.i18n import _

# Control characters other than TAB, LF and CR (C0, DEL and C1).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_TEXT = 100_000
# Characters that rearrange or break the text around them wherever it is shown (a regex class
# body): the bidi controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069), the line and paragraph
# separators, the deprecated format controls and the interlinear annotation marks.
DISPLAY_CONTROLS = (
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u206a-\u206f\ufff9-\ufffb"
)


def check_text(
    label: str, value: str | None, *, max_length: int = MAX_TEXT, multiline: bool = False
) -> str | None:
    """Trimmed text, or None when blank; control characters and overlong text are refused."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if _CONTROL.search(text):
        raise ValidationError(
            _("{label} contains control characters; remove them and try again").format(label=label)
        )
    if not multiline and ("\n" in text or "\r" in text):
        raise ValidationError(_("{label} must be a single line").format(label=label))
    if len(text) > max_length:
        raise ValidationError(
            _("{label} is too long ({count} characters, at most {max_length})").format(
                label=label, count=len(text), max_length=max_length
            )
        )
    return text
