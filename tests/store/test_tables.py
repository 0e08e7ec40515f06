"""store/tables.py (plain SQLAlchemy Core, what queries import) is the SQLModel schema exactly.

Commands import `store.tables` instead of `store.models` so that they never pay for importing
SQLModel and building its classes (~0.15 s a run); `store.models` stays the declared schema
(migrations create the tables from it). After changing models.py regenerate tables.py:
    .venv/bin/python -m tests.store.test_tables
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

TABLES_PY = Path(__file__).resolve().parents[2] / "src" / "salesvisit_cli" / "store" / "tables.py"
HEADER = '''"""The tables in plain SQLAlchemy Core, for queries (generated: do not edit).

The schema is declared once, in `store.models` (SQLModel); this module is generated from it by
`python -m tests.store.test_tables` and tests/store/test_tables.py proves the two identical. It
exists for start-up time: importing it costs a few milliseconds, importing SQLModel and building
its model classes about 0.15 s on every command.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
)

metadata = MetaData()
'''


def _type(column) -> str:
    name = type(column.type).__name__
    if name in ("AutoString", "String"):
        return f"String({column.type.length})" if column.type.length else "String()"
    if name == "DateTime":
        return "DateTime(timezone=True)" if column.type.timezone else "DateTime()"
    return f"{name}()"


def render() -> str:
    from salesvisit_cli.store.models import SQLModel

    parts = [HEADER]
    for table in SQLModel.metadata.sorted_tables:
        lines = [f"{table.name.upper()} = Table(", f'    "{table.name}",', "    metadata,"]
        for column in table.columns:
            args = [f'"{column.name}"', _type(column)]
            args += [f'ForeignKey("{fk.target_fullname}")' for fk in column.foreign_keys]
            if column.primary_key:
                args.append("primary_key=True")
            args.append(f"nullable={column.nullable}")
            if column.unique:
                args.append("unique=True")
            if column.index:
                args.append("index=True")
            if column.default is not None:
                args.append(f"default={column.default.arg!r}")
            lines.append(f"    Column({', '.join(args)}),")
        for index in sorted(table.indexes, key=lambda i: i.name):
            if any(column.index for column in index.columns) and len(index.columns) == 1:
                continue  # made by index=True
            names = ", ".join(f'"{c.name}"' for c in index.columns)
            lines.append(f'    Index("{index.name}", {names}),')
        lines.append(")")
        parts.append("\n" + "\n".join(lines) + "\n")
    return "\n".join(parts)


def _ddl(metadata, dialect) -> list[str]:
    found = []
    for table in metadata.sorted_tables:
        found.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        found += sorted(
            str(CreateIndex(index).compile(dialect=dialect)).strip() for index in table.indexes
        )
    return found


def test_tables_py_is_generated_from_the_models():
    written = ast.dump(ast.parse(TABLES_PY.read_text(encoding="utf-8")))
    assert written == ast.dump(ast.parse(render())), (
        "store/tables.py is stale: run .venv/bin/python -m tests.store.test_tables"
    )


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "pg"])
def test_the_same_ddl_on_every_database(dialect):
    from salesvisit_cli.store import tables
    from salesvisit_cli.store.models import SQLModel

    assert _ddl(tables.metadata, dialect) == _ddl(SQLModel.metadata, dialect)


def test_the_same_column_defaults_and_types():
    from salesvisit_cli.store import tables
    from salesvisit_cli.store.models import SQLModel

    for table in SQLModel.metadata.sorted_tables:
        core = tables.metadata.tables[table.name]
        for column in table.columns:
            twin = core.c[column.name]
            assert _type(twin) == _type(column), column
            assert (twin.default.arg if twin.default is not None else None) == (
                column.default.arg if column.default is not None else None
            ), column


if __name__ == "__main__":
    TABLES_PY.write_text(render(), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(TABLES_PY)], check=False)
    print(f"wrote {TABLES_PY}")
