"""The tables in plain SQLAlchemy Core, for queries (generated: do not edit).

The schema is declared once, in `store.models` (SQLModel); this module is generated from it by
`make tables` (scripts/gen_tables.py) and tests/store/test_tables.py proves the two identical. It
exists for start-up time: importing it costs a few milliseconds, importing SQLModel and building
its model classes about 0.15 s on every command.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    text,
)

metadata = MetaData()


META = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True, nullable=False),
    Column("value", String(), nullable=False),
)


REP = Table(
    "rep",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("name", String(200), nullable=False, unique=True),
    Column("is_manager", Boolean(), nullable=False, default=False),
    Column("db_role", String(63), nullable=True),
    Column("created_at", DateTime(), nullable=False),
    Column("is_reception", Boolean(), nullable=False, default=False, server_default=text("false")),
)


CARRY_CHECK = Table(
    "carry_check",
    metadata,
    Column("rep_id", Integer(), ForeignKey("rep.id"), primary_key=True, nullable=False),
    Column("date", Date(), primary_key=True, nullable=False),
    Column("item", String(200), primary_key=True, nullable=False),
    Column("done_at", DateTime(), nullable=False),
)


CUSTOMER = Table(
    "customer",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("name", String(), nullable=False),
    Column("name_key", String(), nullable=False),
    Column("tier", String(10), nullable=False, default="normal"),
    Column("status", String(10), nullable=False, default="prospect"),
    Column("contact", String(), nullable=True),
    Column("phone", String(), nullable=True),
    Column("email", String(), nullable=True),
    Column("address", String(), nullable=True),
    Column("industry", String(), nullable=True),
    Column("size", String(), nullable=True),
    Column("source", String(), nullable=True),
    Column("hours", String(11), nullable=True),
    Column("web", String(), nullable=True),
    Column("note", String(), nullable=True),
    Column("owner_id", Integer(), ForeignKey("rep.id"), nullable=True, index=True),
    Column("created_at", DateTime(), nullable=False),
    Column("client_since", Date(), nullable=True),
    Column("first_visit_on", Date(), nullable=True, index=True),
    Column("first_visit_as_prospect", Boolean(), nullable=False, default=False),
    Column("lat", Float(), nullable=True),
    Column("lon", Float(), nullable=True),
    Column("district", String(40), nullable=True, index=True),
    Index("ix_customer_created_at", "created_at"),
    Index("ix_customer_name_key", "name_key"),
)


DAILY_SUBMISSION = Table(
    "daily_submission",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("rep_id", Integer(), ForeignKey("rep.id"), nullable=False),
    Column("date", Date(), nullable=False),
    Column("submitted_at", DateTime(), nullable=False),
    Column("forced", Boolean(), nullable=False, default=False),
    Column("market", String(), nullable=True),
    Index("ix_daily_submission_date", "date"),
    Index("ix_daily_submission_rep_date", "rep_id", "date"),
)


DUTY = Table(
    "duty",
    metadata,
    Column("slot", String(10), primary_key=True, nullable=False),
    Column("rep_id", Integer(), ForeignKey("rep.id"), primary_key=True, nullable=False),
    Column("set_by", Integer(), ForeignKey("rep.id"), nullable=True),
    Column("set_at", DateTime(), nullable=False),
)


CUSTOMER_LOG = Table(
    "customer_log",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("customer_id", Integer(), ForeignKey("customer.id"), nullable=False, index=True),
    Column("at", DateTime(), nullable=False),
    Column("by_id", Integer(), ForeignKey("rep.id"), nullable=True),
    Column("event", String(10), nullable=False),
    Column("from_id", Integer(), ForeignKey("rep.id"), nullable=True),
    Column("to_id", Integer(), ForeignKey("rep.id"), nullable=True),
    Column("fields", String(), nullable=True),
    Column("reason", String(), nullable=True),
    Index("ix_customer_log_at", "at"),
)


VISIT = Table(
    "visit",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("customer_id", Integer(), ForeignKey("customer.id"), nullable=False),
    Column("rep_id", Integer(), ForeignKey("rep.id"), nullable=False),
    Column("date", Date(), nullable=False),
    Column("status", String(10), nullable=False, default="planned"),
    Column("at", String(5), nullable=True),
    Column("purpose", String(), nullable=True),
    Column("appointment", Boolean(), nullable=False, default=False),
    Column("place", String(), nullable=True),
    Column("start", String(5), nullable=True),
    Column("minutes", Integer(), nullable=True),
    Column("notes", String(), nullable=True),
    Column("booking", String(), nullable=True),
    Column("complaint", String(), nullable=True),
    Column("suggestion", String(), nullable=True),
    Column("next_date", Date(), nullable=True),
    Column("next_at", String(5), nullable=True),
    Column("next_place", String(), nullable=True),
    Column("as_prospect", Boolean(), nullable=False, default=False),
    Column("conflict", Boolean(), nullable=False, default=False),
    Column("cancel_reason", String(), nullable=True),
    Column("from_visit_id", Integer(), ForeignKey("visit.id"), nullable=True),
    Column("moves", Integer(), nullable=False, default=0, server_default=text("0")),
    Column("created_at", DateTime(), nullable=False),
    Column("reported_at", DateTime(), nullable=True),
    Index("ix_visit_customer_date", "customer_id", "date"),
    Index("ix_visit_date", "date"),
    Index("ix_visit_rep_date", "rep_id", "date"),
)


FOLLOWUP = Table(
    "followup",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("customer_id", Integer(), ForeignKey("customer.id"), nullable=False, index=True),
    Column("rep_id", Integer(), ForeignKey("rep.id"), nullable=False),
    Column("visit_id", Integer(), ForeignKey("visit.id"), nullable=True, index=True),
    Column("kind", String(10), nullable=False),
    Column("due", Date(), nullable=False),
    Column("note", String(), nullable=True),
    Column("created_at", DateTime(), nullable=False),
    Column("done_at", DateTime(), nullable=True),
    Column("done_note", String(), nullable=True),
    Index("ix_followup_open_due", "done_at", "due"),
    Index("ix_followup_rep_due_done", "rep_id", "due", "done_at"),
)


VISIT_PREP = Table(
    "visit_prep",
    metadata,
    Column("visit_id", Integer(), ForeignKey("visit.id"), primary_key=True, nullable=False),
    Column("item", String(32), primary_key=True, nullable=False),
    Column("done_at", DateTime(), nullable=False),
)


VISIT_REVISION = Table(
    "visit_revision",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("visit_id", Integer(), ForeignKey("visit.id"), nullable=False, index=True),
    Column("revised_at", DateTime(), nullable=False),
    Column("report", String(), nullable=False),
)


RECEPTION = Table(
    "reception",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("at", DateTime(), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("customer_id", Integer(), ForeignKey("customer.id"), nullable=False),
    Column("rep_id", Integer(), ForeignKey("rep.id"), nullable=False),
    Column("by_id", Integer(), ForeignKey("rep.id"), nullable=True),
    Column("is_new", Boolean(), nullable=False),
    Column("assigned", Boolean(), nullable=False),
    Column("how", String(12), nullable=False),
    Column("replaces_id", Integer(), ForeignKey("reception.id"), nullable=True, unique=True),
    Column("research_at", DateTime(), nullable=True),
    Column("research_by", Integer(), ForeignKey("rep.id"), nullable=True),
    Column("research_reason", String(), nullable=True),
    Column("followup_id", Integer(), ForeignKey("followup.id"), nullable=True),
    Index("ix_reception_at", "at"),
)
