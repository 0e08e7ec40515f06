"""User text made inert: no control bytes, no bidi tricks, never read as Rich markup."""

from __future__ import annotations

import json
import re
from typing import Any

from salesvisit_cli.domain.text import DISPLAY_CONTROLS

# C0 controls but TAB/LF, DEL, C1 controls, bidi controls, line separators and the like.
_UNSAFE = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{DISPLAY_CONTROLS}]")
# What terminals may act on even inside a JSON string (json.dumps escapes C0 itself).
_JSON_ESCAPE = re.compile(rf"[\x7f-\x9f{DISPLAY_CONTROLS}]")


def clean(text: object) -> str:
    """Printable text: control characters, bidi controls and line separators become U+FFFD."""
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
