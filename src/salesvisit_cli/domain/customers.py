"""R8: the customer file — field validation, name normalisation, the duplicate rule, and
ownership (a customer belongs to the salesperson who first contacted them; another
salesperson's visit is a conflict)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from salesvisit_cli.domain.dates import parse_hours
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.locations import check_coordinates, district_of
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.i18n import _

TIERS = ("key", "normal")
STATUSES = ("prospect", "client")
TEXT_FIELDS = ("contact", "address", "industry", "size", "source", "web", "note")

_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "公司",
    "corporation",
    "company",
    "limited",
    "corp",
    "gmbh",
    "llc",
    "ltd",
    "inc",
    "co",
    "plc",
)
# Latin suffixes count only as a separate word ("Tesco" keeps its "co").
_ENDINGS = tuple(" " + suffix if suffix.isascii() else suffix for suffix in _SUFFIXES)
_PUNCTUATION = re.compile(r"[\s.,;:'\"()\[\]{}<>\-_/&·・、，。（）]+")
PHONE = re.compile(
    r"\+?[0-9(][0-9 ()\-]{2,30}(?:\s*(?:x|ext\.?|转|#)\s*[0-9]{1,6})?", re.ASCII | re.IGNORECASE
)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def name_key(name: str) -> str:
    """The name as the duplicate rule compares it: width, case, spaces and suffixes ignored."""
    return _key_of(_PUNCTUATION.sub(" ", unicodedata.normalize("NFKC", name).casefold()))


def name_keys(names: Sequence[str]) -> list[str]:
    """`name_key` of each name, normalised in one pass over them all (an import's chunk).

    NUL joins them: no name holds one (a checked name has no control character), and no
    character normalises into one or across one."""
    joined = "\x00".join(names)
    if joined.count("\x00") != len(names) - 1:
        return [name_key(name) for name in names]
    folded = _PUNCTUATION.sub(" ", unicodedata.normalize("NFKC", joined).casefold())
    return [_key_of(value) for value in folded.split("\x00")]


def _key_of(folded: str) -> str:
    """The key of a name already normalised and case-folded, its punctuation made spaces."""
    value = folded.strip()
    changed = value.endswith(_ENDINGS)  # most names end in none: one test
    while changed:
        changed = False
        for ending in _ENDINGS:
            if value.endswith(ending) and len(value) > len(ending):
                value = value[: -len(ending)].rstrip()
                changed = True
    return value.replace(" ", "")


def check_phone(value: str | None) -> str | None:
    """Digits, spaces and `+ - ( )`, optionally an extension (`x12`, `ext. 12`, `转12`)."""
    text = check_text("phone", value, max_length=40)
    if text is None:
        return None
    if not PHONE.fullmatch(text) or sum(map(str.isdigit, text)) < 3:
        raise ValidationError(
            _(
                "invalid phone {text!r}: use digits, spaces and + - ( ), optionally 'ext. 12'"
            ).format(text=text)
        )
    return text


def phone_key(phone: str | None) -> str | None:
    """The digits of a phone number, for the 'already on file' warning."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return digits or None


def check_email(value: str | None) -> str | None:
    text = check_text("e-mail", value, max_length=254)
    if text is not None and not EMAIL.fullmatch(text):
        raise ValidationError(
            _("invalid e-mail {text!r}: expected name@example.com").format(text=text)
        )
    return text


def one_of(choices: Sequence[str]) -> str:
    """`key or normal`, `a, b or c` in the interface language (`key 或 normal`)."""
    if len(choices) == 1:
        return choices[0]
    return _("{some} or {last}").format(some=_(", ").join(choices[:-1]), last=choices[-1])


def check_choice(label: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    text = value.strip().lower()
    if text not in choices:
        raise ValidationError(
            _("invalid {label} {value!r}: choose {value2}").format(
                label=label, value=value, value2=one_of(choices)
            )
        )
    return text


def clean_fields(raw: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validated customer fields; with `partial`, only those given (for edits)."""
    unknown = raw.keys() - _FIELD_NAMES
    if unknown:
        raise ValidationError(
            _("unknown customer field(s): {value}").format(value=", ".join(sorted(unknown)))
        )
    fields: dict[str, Any] = {}
    if "name" in raw or not partial:
        name = check_text("name", raw.get("name"), max_length=200)
        if not name:
            raise ValidationError(_("the customer name is empty"))
        fields["name"] = name
    for label, choices, default in (("tier", TIERS, "normal"), ("status", STATUSES, "prospect")):
        if label in raw or not partial:
            fields[label] = check_choice(label, raw.get(label), choices) or default
    if "phone" in raw:
        fields["phone"] = check_phone(raw["phone"])
    if "email" in raw:
        fields["email"] = check_email(raw["email"])
    if "hours" in raw:
        hours = check_text("hours", raw["hours"], max_length=40)
        fields["hours"] = parse_hours(hours) if hours else None
    for label in TEXT_FIELDS:
        if label in raw:
            fields[label] = check_text(label, raw[label], multiline=label in ("note", "address"))
    if "source" in fields:  # the known sources in one spelling (展会 → trade fair), for counting
        from salesvisit_cli.domain.reception import clean_source  # (reading needs none of it)

        fields["source"] = clean_source(fields["source"])
    return fields | _location(raw, fields, partial)


def _location(raw: dict[str, Any], fields: dict[str, Any], partial: bool) -> dict[str, Any]:
    """`lat`/`lon` (given together) and `district` (given, else from a new address)."""
    located: dict[str, Any] = {}
    if "lat" in raw or "lon" in raw:
        located["lat"], located["lon"] = check_coordinates(raw.get("lat"), raw.get("lon"))
    if "district" in raw:
        located["district"] = check_text("district", raw["district"], max_length=40)
    if not located.get("district") and fields.get("address"):
        derived = district_of(fields["address"])
        if derived or not partial:
            located["district"] = derived
    return located


ASSIGN, OWN, CONFLICT = "assign", "own", "conflict"


def ownership(owner_id: int | None, rep_id: int) -> str:
    """`assign` (no owner yet: the visit's salesperson takes the customer), `own`, or
    `conflict` (another salesperson's customer: the team view shows it)."""
    if owner_id is None:
        return ASSIGN
    return OWN if owner_id == rep_id else CONFLICT


@dataclass
class Customer:
    """One customer as the commands show it."""

    id: int
    name: str
    tier: str
    status: str
    contact: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    industry: str | None = None
    size: str | None = None
    source: str | None = None
    hours: str | None = None
    web: str | None = None
    note: str | None = None
    lat: float | None = None
    lon: float | None = None
    district: str | None = None
    owner: str | None = None
    created_at: datetime | None = None
    client_since: date | None = None
    first_visit_on: date | None = None
    last_visit: date | None = None  # the owner's last completed visit (anyone's: no owner)
    due_since: date | None = None  # the cadence (services.cadence fills it in)
    started: date | None = None  # the day the cadence clock started (owned customers)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        del data["started"]
        for key in ("created_at", "client_since", "first_visit_on", "last_visit", "due_since"):
            data[key] = data[key].isoformat() if data[key] else None
        data.update(extra)
        return data


# What the database keeps beside what the user types.
_KEPT = ("id", "owner", "created_at", "client_since", "first_visit_on", "last_visit", "due_since",
         "started", "extra")  # fmt: skip
# The fields of `customer add` / CSV columns / JSON keys, in display order.
FIELDS = tuple(f.name for f in fields(Customer) if f.name not in _KEPT)
_FIELD_NAMES = frozenset(FIELDS)


@dataclass
class ImportProblem:
    """A CSV row that cannot be imported."""

    line: int
    reason: str


@dataclass
class ImportResult:
    """What an import did (or, with --dry-run, would do)."""

    rows: int = 0
    imported: int = 0
    skipped: list[ImportProblem] = field(default_factory=list)
    dry_run: bool = False
    encoding: str = "utf-8"
    ignored_columns: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "imported": self.imported,
            "invalid": [asdict(problem) for problem in self.skipped],
            "dry_run": self.dry_run,
            "encoding": self.encoding,
            "ignored_columns": self.ignored_columns,
        }
