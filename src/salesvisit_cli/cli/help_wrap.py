"""Help text wrapped by terminal cells: a CJK character takes two columns, and Chinese (which has
no spaces) may break between any two characters, but never before closing punctuation.

click measures and wraps `--help` by characters, so a Chinese page runs past the terminal's
width. `install()` (called once per run) puts `wrap_text` and `cells` in place of click's own,
and a formatter whose Chinese headings and usage prefix take a full-width colon (click appends
an ASCII one: `选项:`, `用法： `); all plain Python (unicodedata), cheap on the `--help` path.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # CJK, kana, fullwidth forms
# Breakable units: a run of spaces; a wide character with the closing marks that follow it (never
# at the start of a line); a word.
_CHUNKS = rf"\s+|[{_WIDE}][，。、；：！？）」』》】〕…]*|[^\s{_WIDE}]+"


@cache
def _chunks() -> re.Pattern[str]:
    """`_CHUNKS` compiled on first use: its character classes take milliseconds that a run
    without help text would pay."""
    return re.compile(_CHUNKS)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def cells(text: str) -> int:
    """The width of `text` in terminal cells."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if _is_wide(char) else 1
    return width


def _fill(text: str, width: int, initial: str, subsequent: str) -> str:
    """One paragraph filled to `width` cells (a unit wider than a line is cut by cells)."""
    lines: list[str] = []
    line, used, gap = initial, cells(initial), ""
    for chunk in _chunks().findall(text):
        if chunk.isspace():
            gap = chunk
            continue
        # A line break between two Chinese characters in the source is no space (a space is).
        joined = "\n" in gap and _is_wide(line[-1]) and _is_wide(chunk[0])
        spaced = gap and line.strip() and not joined
        joiner = " " if spaced else ""
        size = cells(chunk)
        if used + len(joiner) + size <= width or not line.strip():
            line, used = line + joiner + chunk, used + len(joiner) + size
        else:
            lines.append(line)
            line, used = subsequent + chunk, cells(subsequent) + size
        gap = ""
        while used > width and cells(line.strip()) > 1:
            head, line = _cut(line, width)
            lines.append(head)
            line = subsequent + line
            used = cells(line)
    lines.append(line)
    return "\n".join(part.rstrip() for part in lines)


def _cut(line: str, width: int) -> tuple[str, str]:
    """`line` split where it reaches `width` cells."""
    used = 0
    for index, char in enumerate(line):
        used += cells(char)
        if used > width:
            return line[:index], line[index:]
    return line, ""


def _raw(line: str, width: int) -> str:
    """A line of a `\\b` block (kept as written) that fits: a too wide example puts its
    `# comment` on the next line, and what is still too wide wraps under its own indent."""
    if cells(line) <= width:
        return line
    indent = " " * (len(line) - len(line.lstrip()) + 4)
    command, mark, comment = line.partition("  # ")
    if mark:
        return "\n".join(_raw(part, width) for part in (command.rstrip(), indent + "# " + comment))
    return _fill(line.strip(), width, line[: len(line) - len(line.lstrip())], indent)


def wrap_text(
    text: str,
    width: int = 78,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """click.formatting.wrap_text measured in cells (same paragraphs and `\\b` blocks)."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return _fill(text, width, initial_indent, subsequent_indent)
    paragraphs: list[tuple[int, bool, list[str]]] = []
    for block in re.split(r"\n\s*\n", text):
        rows = [row for row in block.splitlines() if row.strip() or row == "\b"]
        if not rows:
            continue
        indent = len(rows[0]) - len(rows[0].lstrip())
        raw = rows[0].strip() == "\b"
        paragraphs.append((indent, raw, rows[1:] if raw else rows))
    out = []
    for indent, raw, rows in paragraphs:
        pad = " " * indent
        if raw:
            out.append("\n".join(_raw(initial_indent + pad + row, width) for row in rows))
        else:
            joined = "\n".join(row.strip() for row in rows)
            out.append(_fill(joined, width, initial_indent + pad, subsequent_indent + pad))
    return "\n\n".join(out)


def _colon(label: str) -> str:
    """The colon after `label`: full-width after a Chinese one (`选项：`), as every other
    Chinese label."""
    return "：" if label and _is_wide(label[-1]) else ":"


def install() -> None:
    """Make click's help formatter measure and wrap in terminal cells, with full-width colons
    after Chinese headings and `用法：`."""
    import click
    from click import _textwrap, formatting

    class Formatter(formatting.HelpFormatter):
        def write_heading(self, heading: str) -> None:
            """A section heading (`Options:`, `选项：`)."""
            self.write(f"{'':>{self.current_indent}}{heading}{_colon(heading)}\n")

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            """The usage line (`Usage: salesvisit …`, `用法：salesvisit …`)."""
            if prefix is None:
                from gettext import gettext

                usage = gettext("Usage:")  # click's own message id
                prefix = usage if usage.endswith("：") else usage + " "
            super().write_usage(prog, args, prefix)

    click.Context.formatter_class = Formatter
    formatting.wrap_text = wrap_text
    formatting.term_len = cells
    _textwrap.term_len = cells
