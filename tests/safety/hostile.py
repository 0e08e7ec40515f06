"""A corpus of hostile text: markup, escapes, control bytes, bidi, huge, SQL, formulas, Unicode."""

from __future__ import annotations

BASE = [
    # Rich markup, balanced, unbalanced, links
    "[red]red[/red]", "[bold magenta]x", "[/x]", "[/]", "[link=https://evil.example]click[/link]",
    "[[double]]", "\\[escaped]", "[blink]Acme[/blink]", "[on red]   [/on red]", ":warning: Acme",
    # ANSI CSI / OSC / other escapes
    "\x1b[31mred\x1b[0m", "\x1b[2J\x1b[H", "\x1b]0;owned\x07", "\x1bc", "\x1b[6n",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "\x1bP+q\x1b\\", "\x1b[?1049h",
    # C0 / C1 control bytes
    "\x9b31m", "\x85next", "\x90dcs", "\x9d osc", "bell\x07", "back\x08space", "\x7fdel",
    "a\x00b", "\x00", "form\x0cfeed", "vert\x0btab",
    # bidi overrides and isolates
    "\u202eevil\u202c", "\u2066iso\u2069", "abc\u200fdef", "\u202dLTR override", "\u2067x",
    # line structure
    "line\nbreak", "carriage\rreturn", "tab\tinside", "  padded  ",
    # SQL fragments
    "'; DROP TABLE customer; --", "Robert'); DROP TABLE visit;--", "%", "_", "\\", "1' OR '1'='1",
    "\" OR \"\"=\"", "%%%___\\\\", "NULL", "null",
    # format strings
    "{0}", "%s%s%s%n", "{name!r}", "%(x)s", "{{}}", "${HOME}", "$(rm -rf /)", "`id`",
    # spreadsheet formulas
    "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", '=HYPERLINK("http://x","y")', "\t=1",
    # width, combining, emoji, scripts
    "ＡＣＭＥ有限公司", "e\u0301te\u0301", "Z\u0364\u0351\u0313a\u0308lgo", "🚀 Rocket Ltd",
    "👨\u200d👩\u200d👧 Family Co", "🇨🇳🇺🇸", "مرحبا شركة", "שלום", "ﷺ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\ufeffbom", "\u00a0nbsp\u00a0", "\u2028sep\u2029", "上海\u3000华美",
]  # fmt: skip
HUGE = ["x" * 1_000_000, "長" * 200_000]


def corpus() -> list[str]:
    """At least 200 inputs: each base item alone, inside a company name, and at the start."""
    inputs = []
    for item in BASE:
        inputs += [item, f"Acme {item} Ltd", f"{item} Trading", f"上海{item}公司"]
    return inputs + HUGE
