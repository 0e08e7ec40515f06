"""R8 over a whole CSV row at once: the import's shortcut to `clean_fields`.

An import checks 100,000s of rows, nearly all of them plain text already in the form the
customer file stores. `PlainRows` accepts such a row with two steps in C over the whole row
(its cells joined by U+FFFD: all printable, then one pattern) and gives its values as they are
stored; a row it does not accept (a value to trim, convert, map or refuse, a character that is
not printable, a U+FFFD) goes through `clean_fields`, which gives the same fields or the
error. `tests/safety/test_parsers_hold.py` holds the two equal on
generated rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter

from salesvisit_cli.domain.customers import EMAIL, PHONE, STATUSES, TIERS
from salesvisit_cli.domain.reception import SOURCES
from salesvisit_cli.domain.text import MAX_TEXT

# Joins the cells of a row: printable (so that `str.isprintable` tests the whole row: no control
# character, line break or TAB); a row with one in a cell is not plain.
_SEPARATOR = "\ufffd"


def _trimmed(pattern: str) -> str:
    """A value matching `pattern` with no space at either end (what `check_text` leaves) and no
    leading ' (a spreadsheet's formula guard, which `restore` takes off)."""
    return rf"(?=[^\s'])(?:{pattern})(?<=\S)"


def _one_of(words: Sequence[str]) -> str:
    return "|".join(map(re.escape, words))


# field: a value `clean_fields` stores as it is (never the separator: it ends the cell); a field
# not named is text. A phone: `check_phone`'s pattern with at least three digits, at most 40
# characters (its spaces ASCII ones, as in a plain row); hours: `parse_hours`'s own form.
_AS_STORED = {
    "name": _trimmed(r"[^\ufffd]{1,200}"),
    "tier": _one_of(TIERS),
    "status": _one_of(STATUSES),
    "phone": r"(?=[^\ufffd]{3,40}(?:\ufffd|\Z))(?=(?:[^0-9\ufffd]*[0-9]){3})"
    + _trimmed(rf"(?ai:{PHONE.pattern.replace(chr(92) + 's', ' ')})"),
    "email": rf"(?=[^\ufffd]{{1,254}}(?:\ufffd|\Z)){_trimmed(EMAIL.pattern)}",
    "hours": r"(?:[01][0-9]|2[0-3]):[0-5][0-9]-(?:[01][0-9]|2[0-3]):[0-5][0-9]",
    "source": _one_of(SOURCES),  # `clean_source` keeps them as they are
    "district": _trimmed(r"[^\ufffd]{1,40}"),
}
_TEXT = _trimmed(r"[^\ufffd]*")
# Fields stored as something else than the text typed: never plain.
_CONVERTED = frozenset(("lat", "lon"))


class PlainRows:
    """The plain rows of a CSV file whose columns are `columns` (the field of each, None: a
    column the import does not use).

    Called with a row's cells, it gives the values of `fields` (the file's fields, in its
    order), '' where the row gives none, when `clean_fields` would store each as it is and
    accept the row; else None.
    """

    def __init__(self, columns: Sequence[str | None]):
        self.fields = tuple(field for field in columns if field)
        used = [index for index, field in enumerate(columns) if field]
        self._pick = itemgetter(*used) if len(used) > 1 else lambda cells: (cells[used[0]],)
        # Each field's value, or '' (not given; the name is required).
        cells = [
            r"[^\ufffd]*" if not field else _AS_STORED[field] if field == "name"
            else f"(?:{_AS_STORED.get(field, _TEXT)}|)"
            for field in columns
        ]  # fmt: skip
        plain = _CONVERTED.isdisjoint(self.fields)
        self._row = re.compile(_SEPARATOR.join(cells)) if plain else None
        self._width = len(columns)
        self._hours = self.fields.index("hours") if "hours" in self.fields else None

    def __call__(self, cells: list[str]) -> tuple[str, ...] | None:
        if self._row is None or len(cells) != self._width:
            return None
        joined = _SEPARATOR.join(cells)
        if (
            len(joined) > MAX_TEXT
            or not joined.isprintable()
            or joined.count(_SEPARATOR) != self._width - 1  # one in a cell
            or not self._row.fullmatch(joined)
        ):
            return None
        values = self._pick(cells)
        if self._hours is not None:  # opening before closing
            hours = values[self._hours]
            if hours and hours[:5] >= hours[6:]:
                return None
        return values
