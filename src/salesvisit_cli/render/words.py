"""Dates, counts and line flow for screens in either language, CJK-aware.

`day_label` (`12月2日 周三` / `Wed 2026-12-02`) and `date_label` (`2026年12月2日` /
`2026-12-02`, where the year matters; both from `domain.messages`, which errors use too),
`month_label` (`2026年12月`), `weekday`, and `flow`: items laid out on lines of at most a width
in terminal cells (a CJK character counts two), breaking only between items, so a list never
wraps in the middle of an item and nothing is cut.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache

from salesvisit_cli.domain import messages
from salesvisit_cli.domain.messages import date_label, day_label  # noqa: F401 (the screens' helpers)
from salesvisit_cli.i18n import N_, _


def weekday(day: date) -> str:
    """The short weekday name: `Wed` / `周三`."""
    return messages.weekday(day).translated()


def month_label(month: object) -> str:
    """A month (a `Month`, or `YYYY-MM`) as a person reads it: `2026-12` / `2026年12月`."""
    year, number = (int(part) for part in str(month).split("-"))
    return _("{year}-{month:02}").format(year=year, month=number)


def moment(when: datetime) -> str:
    """A date and time: `Wed 2026-12-02 09:00` / `12月2日 周三 09:00`."""
    return f"{day_label(when.date())} {when:%H:%M}"


def cells(text: str) -> int:
    """The width of `text` in terminal cells (CJK characters take two)."""
    from rich.cells import cell_len

    return cell_len(text)


def screen_width() -> int:
    """The stdout console's width (COLUMNS when set)."""
    from salesvisit_cli.render.console import out

    return out().width


# Closing punctuation never starts a line (it stays with the character before it).
CLOSING = "，。、；：！？）」』》】〕…"
OPENING = "（「『《【〔“‘"  # opening punctuation never ends a line
# The wide (CJK) characters, two cells each: inclusive ranges of code points.
WIDE_RANGES = ((0x1100, 0x115F), (0x2E80, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
               (0xFE30, 0xFE4F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6))  # fmt: skip
_WIDE_EDGES = tuple(edge for low, high in WIDE_RANGES for edge in (low, high + 1))


def is_wide(character: str) -> bool:
    """Whether `character` is a wide (CJK) one, two cells on a terminal."""
    return bisect_right(_WIDE_EDGES, ord(character)) % 2 == 1


# The patterns below read a text as the classes of its characters, an ASCII letter each
# (`shape`): a pattern holding the wide ranges, or any character past U+00FF, takes milliseconds
# to compile (a character at a time). Opening and closing marks: wide (O, C) or not (o, c).
_WIDE, _OPENING, _CLOSING = r"WOC\x1f", "oO", "cC"  # \x1f: the ideographic space (wide)


def _class_of(code: int) -> int:
    """The class letter of a character: an opening or closing mark, a space, other."""
    character = chr(code)
    wide = is_wide(character)
    if character in OPENING:
        return ord("O" if wide else "o")
    if character in CLOSING:
        return ord("C" if wide else "c")
    if character.isspace():
        return ord("\x1f" if wide else " ")
    return ord("W" if wide else "a")


class _Classes(dict):
    """Code point → its class letter, worked out once per character."""

    def __missing__(self, code: int) -> int:
        self[code] = letter = _class_of(code)
        return letter


_CLASSES = _Classes()


def shape(text: str) -> str:
    """`text` as the patterns read it: each character as its class letter (same length, so a
    match falls where the characters' own would)."""
    return text.translate(_CLASSES)


@cache
def _tokens() -> re.Pattern[str]:
    """A wide (CJK) character with the closing marks after it, a run of other non-space
    characters, each with its trailing spaces; spaces (of a `shape`d text)."""
    return re.compile(rf"[{_WIDE}][{_CLOSING}]*\s*|[^\s{_WIDE}]+\s*|\s+")


@cache
def _units() -> re.Pattern[str]:
    """What a line never breaks inside: a wide character or a run of other non-space ones,
    with the opening marks before it, the closing marks after it and the spaces around it (of
    a `shape`d text)."""
    return re.compile(rf"\s*[{_OPENING}]*(?:[{_WIDE}]|[^\s{_WIDE}]+)[{_CLOSING}]*\s*")


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where to break `text` into lines of `width` cells: `rich._wrap.divide_line` (the same
    for text without CJK), but a line may also break between two wide characters, never
    before closing punctuation nor after opening punctuation."""
    from rich.cells import cell_len, chop_cells

    breaks: list[int] = []
    used = 0  # cells on the current line
    for match in _units().finditer(shape(text)):
        start, unit = match.start(), text[match.start() : match.end()]
        size = cell_len(unit.rstrip())
        if width - used >= size:
            used += cell_len(unit)
        elif size > width:  # wider than a line: folded (or cropped)
            pieces = chop_cells(unit, width) if fold else [unit]
            for piece in pieces:
                if start:
                    breaks.append(start)
                start += len(piece)
            used = cell_len(pieces[-1])
        elif used and start:
            breaks.append(start)
            used = cell_len(unit)
    return breaks


def install_line_breaks() -> None:
    """Make Rich wrap every text (table cells included) by `divide_line`."""
    import rich.text

    rich.text.divide_line = divide_line


def _break(piece, room: int, width: int) -> list:
    """`piece` cut into parts: the first at most `room` cells, the others `width`; breaks fall
    between words or wide characters (a word wider than a line is folded)."""
    from rich.cells import cell_len

    parts, start, used, limit = [], 0, 0, room
    plain = piece.plain
    for match in _tokens().finditer(shape(plain)):
        at, end = match.span()
        size = cell_len(plain[at:end].rstrip())
        if used and used + size > limit:
            parts.append(piece[start:at])
            start, used, limit = at, 0, width
        while size > limit:  # one word wider than the line: fold it
            cut = at + max(1, _fitting(plain[at:], limit))
            parts.append(piece[start:cut])
            start, size, limit = cut, cell_len(plain[cut:end].rstrip()), width
        used += cell_len(plain[at:end])
    parts.append(piece[start:])
    return parts


def _fitting(text: str, width: int) -> int:
    """How many characters of `text` fit in `width` cells."""
    from rich.cells import cell_len

    count = 0
    while count < len(text) and cell_len(text[: count + 1]) <= width:
        count += 1
    return count


def flow(items: Iterable, *, width: int, head=None, indent: int = 0, separator: str = "  "):
    """Rich Text lines holding `head` then the items, each line at most `width` cells; a line
    breaks between items (continuation lines start with `indent` spaces), and inside an item
    only when it is wider than a whole line. Nothing is cut."""
    from rich.text import Text

    lines: list[Text] = []
    line = head.copy() if head is not None else Text()
    started = False  # the line holds an item (a separator goes before the next one)
    for item in items:
        piece = item if isinstance(item, Text) else Text(str(item))
        joined = Text(separator) + piece if started else piece
        if line.cell_len + joined.cell_len <= width:
            line.append_text(joined)
            started = True
            continue
        if started and piece.cell_len <= width - indent:
            lines.append(line)
            line = Text(" " * indent).append_text(piece)
            started = True
            continue
        room = width - line.cell_len - (len(separator) if started else 0)
        parts = _break(piece, room, width - indent)
        if parts[0].plain.strip():
            line.append_text(Text(separator) + parts[0] if started else parts[0])
        lines.append(line)
        lines += [Text(" " * indent).append_text(part) for part in parts[1:-1]]
        line = Text(" " * indent).append_text(parts[-1])
        started = True
    if started or line.plain.strip():
        lines.append(line)
    for each in lines:
        each.rstrip()
    return [each for each in lines if each.plain.strip()]


def print_flow(items: Iterable, *, head=None, indent: int = 0, separator: str = "  ") -> None:
    """`flow` at the screen's width, printed."""
    from salesvisit_cli.render.console import out

    for line in flow(items, width=screen_width(), head=head, indent=indent, separator=separator):
        out().print(line, soft_wrap=True)


# Enum values (English in JSON and in the database) as the words a screen shows.
ENUM_WORDS = {
    "tier": {"key": N_("key customer"), "normal": N_("normal customer")},
    "status": {"prospect": N_("prospect"), "client": N_("client")},
    "visit": {
        "planned": N_("planned"),
        "done": N_("done"),
        "cancelled": N_("cancelled"),
        "void": N_("void"),
    },
    "kind": {
        "thanks": N_("thanks"),
        "booking": N_("booking"),
        "complaint": N_("complaint"),
        "call": N_("call"),
        "other": N_("other"),
    },
    "log": {
        "created": N_("created"),
        "edited": N_("edited"),
        "assigned": N_("assigned"),
        "claimed": N_("claimed"),
        "released": N_("released"),
        "received": N_("received"),
        "booking": N_("booking"),  # the reason of a status change a booking made
    },
    "quota": {
        "met": N_("met"),
        "on track": N_("on track"),
        "at risk": N_("at risk"),
        "missed": N_("missed"),
        "upcoming": N_("upcoming"),
    },
    # Where a customer heard of the company (domain.reception.SOURCES); free text as typed.
    "source": {
        "web": N_("web"),
        "trade fair": N_("trade fair"),
        "referral": N_("referral"),
        "directory": N_("directory"),
        "news report": N_("news report"),
    },
    "daily": {
        "on_time": N_("on time"),
        "late": N_("late"),
        "missing": N_("missing"),
        "pending": N_("pending"),
    },
}


def word(field: str, value: str) -> str:
    """The screen word of an enum value (`tier`, `status`, `visit`, `daily`, follow-up `kind`,
    customer `log` event, `quota` status); unknown: as is."""
    known = ENUM_WORDS.get(field, {}).get(value)
    return _(known) if known else value


def source_label(source: str | None) -> str:
    """A customer's source as shown: a known one translated, free text as typed, none as such."""
    return word("source", source) if source else _("(none)")


def labelled(label: str) -> str:
    """`label: ` with the language's colon (`标签：`)."""
    return _("{label}: ").format(label=label)


def note_text(note: str | None) -> str:
    """A follow-up note for the screen: one the program wrote (the thank-you note) in the
    interface language, the salesperson's own as written (one line)."""
    from salesvisit_cli.domain.followups import GENERATED_NOTES
    from salesvisit_cli.render.safe import one_line

    if note in GENERATED_NOTES:
        return _(note)
    return one_line(note or "")


def outcome_text(outcome: str) -> str:
    """A visit's outcome (`booking, next meeting`, JSON) in the interface language."""
    return _(", ").join(_(part) for part in outcome.split(", "))


def shorten(text: str, width: int) -> str:
    """One line of user text in at most `width` cells, an ellipsis marking what is left out
    (right after the last character kept: no padding before it when a wide one did not fit)."""
    from rich.cells import cell_len, set_cell_size

    from salesvisit_cli.render.safe import one_line

    line = one_line(text)
    if cell_len(line) <= width:
        return line
    return set_cell_size(line, width - 1).rstrip() + "…"
