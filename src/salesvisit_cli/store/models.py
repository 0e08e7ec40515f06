"""The tables (SQLModel). Times of day are `HH:MM` text; moments are naive local datetimes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, text
from sqlmodel import Field, SQLModel

NAIVE_MOMENT = DateTime(timezone=False)


class Meta(SQLModel, table=True):
    """Key/value facts about the database itself (schema version)."""

    key: str = Field(primary_key=True, max_length=64)
    value: str


class Rep(SQLModel, table=True):
    """A salesperson or sales manager."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)
    is_manager: bool = False
    db_role: str | None = Field(default=None, max_length=63)
    created_at: dt.datetime = Field(sa_type=NAIVE_MOMENT)
    is_reception: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})


class Customer(SQLModel, table=True):
    """The customer file (R8)."""

    __table_args__ = (
        Index("ix_customer_name_key", "name_key"),
        Index("ix_customer_created_at", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(description="normalised name for the duplicate rule")
    tier: str = Field(default="normal", max_length=10)
    status: str = Field(default="prospect", max_length=10)
    contact: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    industry: str | None = None
    size: str | None = None
    source: str | None = None
    hours: str | None = Field(default=None, max_length=11)
    web: str | None = None
    note: str | None = None
    owner_id: int | None = Field(default=None, foreign_key="rep.id", index=True)
    created_at: dt.datetime = Field(sa_type=NAIVE_MOMENT)
    client_since: dt.date | None = None
    first_visit_on: dt.date | None = Field(default=None, index=True)
    first_visit_as_prospect: bool = False
    lat: float | None = Field(default=None, description="WGS-84 latitude")
    lon: float | None = Field(default=None, description="WGS-84 longitude")
    district: str | None = Field(default=None, max_length=40, index=True)


class Visit(SQLModel, table=True):
    """A planned, completed or cancelled visit and its report (R4)."""

    __table_args__ = (
        Index("ix_visit_rep_date", "rep_id", "date"),
        Index("ix_visit_customer_date", "customer_id", "date"),
        Index("ix_visit_date", "date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id")
    rep_id: int = Field(foreign_key="rep.id")
    date: dt.date
    status: str = Field(default="planned", max_length=10)
    at: str | None = Field(default=None, max_length=5)
    purpose: str | None = None
    appointment: bool = False
    place: str | None = None
    start: str | None = Field(default=None, max_length=5)
    minutes: int | None = None
    notes: str | None = None
    booking: str | None = None
    complaint: str | None = None
    suggestion: str | None = None
    next_date: dt.date | None = None
    next_at: str | None = Field(default=None, max_length=5)
    next_place: str | None = None
    as_prospect: bool = False
    conflict: bool = False
    cancel_reason: str | None = None
    from_visit_id: int | None = Field(default=None, foreign_key="visit.id")
    moves: int = Field(
        default=0,
        sa_column_kwargs={"server_default": text("0")},
        description="times the planned visit was moved (calendar SEQUENCE)",
    )
    created_at: dt.datetime = Field(sa_type=NAIVE_MOMENT)
    reported_at: dt.datetime | None = Field(default=None, sa_type=NAIVE_MOMENT)


class VisitRevision(SQLModel, table=True):
    """A superseded version of a visit report, kept when it is amended."""

    __tablename__ = "visit_revision"

    id: int | None = Field(default=None, primary_key=True)
    visit_id: int = Field(foreign_key="visit.id", index=True)
    revised_at: dt.datetime = Field(sa_type=NAIVE_MOMENT)
    report: str = Field(description="the previous report as JSON")


class VisitPrep(SQLModel, table=True):
    """A ticked pre-visit preparation step (R2)."""

    __tablename__ = "visit_prep"

    visit_id: int = Field(foreign_key="visit.id", primary_key=True)
    item: str = Field(primary_key=True, max_length=32)
    done_at: dt.datetime = Field(sa_type=NAIVE_MOMENT)


class CarryCheck(SQLModel, table=True):
    """A ticked carry-list item for one salesperson's day (R2)."""

    __tablename__ = "carry_check"

    rep_id: int = Field(foreign_key="rep.id", primary_key=True)
    date: dt.date = Field(primary_key=True)
    item: str = Field(primary_key=True, max_length=200)
    done_at: dt.datetime = Field(sa_type=NAIVE_MOMENT)


class Followup(SQLModel, table=True):
    """A follow-up task created by a report or by hand (R5)."""

    __table_args__ = (
        Index("ix_followup_rep_due_done", "rep_id", "due", "done_at"),
        Index("ix_followup_open_due", "done_at", "due"),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    rep_id: int = Field(foreign_key="rep.id")
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    kind: str = Field(max_length=10)
    due: dt.date
    note: str | None = None
    created_at: dt.datetime = Field(sa_type=NAIVE_MOMENT)
    done_at: dt.datetime | None = Field(default=None, sa_type=NAIVE_MOMENT)
    done_note: str | None = None


class DailySubmission(SQLModel, table=True):
    """One hand-in of a day's reports (R6); the first one decides punctuality."""

    __tablename__ = "daily_submission"

    __table_args__ = (
        Index("ix_daily_submission_rep_date", "rep_id", "date"),
        Index("ix_daily_submission_date", "date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep_id: int = Field(foreign_key="rep.id")
    date: dt.date
    submitted_at: dt.datetime = Field(sa_type=NAIVE_MOMENT)
    forced: bool = False
    market: str | None = Field(default=None, description="market notes (市场动态)")


class CustomerLog(SQLModel, table=True):
    """One change of a customer's owner or file, written by the tool/database only."""

    __tablename__ = "customer_log"
    __table_args__ = (Index("ix_customer_log_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    at: dt.datetime = Field(sa_type=NAIVE_MOMENT)
    by_id: int | None = Field(default=None, foreign_key="rep.id")
    event: str = Field(max_length=10, description="created, assigned, released, claimed, edited")
    from_id: int | None = Field(default=None, foreign_key="rep.id")
    to_id: int | None = Field(default=None, foreign_key="rep.id")
    fields: str | None = Field(default=None, description="edited columns, comma-separated")
    reason: str | None = None


class Duty(SQLModel, table=True):
    """Who is on the duty group (当天接待客户的小组): a weekday (`mon`…) or one date."""

    slot: str = Field(primary_key=True, max_length=10, description="mon…sun or YYYY-MM-DD")
    rep_id: int = Field(foreign_key="rep.id", primary_key=True)
    set_by: int | None = Field(default=None, foreign_key="rep.id")
    set_at: dt.datetime = Field(sa_type=NAIVE_MOMENT)


class Reception(SQLModel, table=True):
    """A walk-in or call registered by the front desk, and who received it."""

    __table_args__ = (Index("ix_reception_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(sa_type=NAIVE_MOMENT)
    kind: str = Field(max_length=10, description="walkin or call")
    customer_id: int = Field(foreign_key="customer.id")
    rep_id: int = Field(foreign_key="rep.id")
    by_id: int | None = Field(default=None, foreign_key="rep.id")
    is_new: bool = Field(description="the customer was first registered here")
    assigned: bool = Field(description="this registration gave the customer to rep_id")
    how: str = Field(max_length=12, description="owner, contacted, duty or replacement")
    replaces_id: int | None = Field(default=None, foreign_key="reception.id", unique=True)
    research_at: dt.datetime | None = Field(default=None, sa_type=NAIVE_MOMENT)
    research_by: int | None = Field(default=None, foreign_key="rep.id")
    research_reason: str | None = None
    followup_id: int | None = Field(default=None, foreign_key="followup.id")


TABLES = (
    Meta,
    Rep,
    Customer,
    Visit,
    VisitRevision,
    VisitPrep,
    CarryCheck,
    Followup,
    DailySubmission,
    CustomerLog,
    Duty,
    Reception,
)
__all__ = [table.__name__ for table in TABLES] + ["TABLES"]
