"""User text made inert: no control bytes, no bidi tricks, never read as Rich markup."""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls but TAB/LF, DEL, C1 controls, and the bidi embedding/override/isolate marks.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that terminals may act on even inside a JSON string (C1, bidi, line separators).
_JSON_ESCAPE = re.compile(r"[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Printable text: control characters and bidi overrides are replaced by U+FFFD."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\t", " ")
    return _UNSAFE.sub("\ufffd", value)


def one_line(text: object) -> str:
    """`clean` text on a single line (for table cells and error messages)."""
    return " ".join(clean(text).split("\n"))


def inert(text: object, style: str = ""):
    """A Rich Text that displays the user's text literally (markup is not interpreted)."""
    from rich.text import Text

    return Text(clean(text), style=style)


def to_json(document: Any) -> str:
    """One JSON document, UTF-8 readable, with every terminal-active character escaped."""
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    return _JSON_ESCAPE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
