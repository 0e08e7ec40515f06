"""store/tables.py (plain SQLAlchemy Core, what queries import) is the SQLModel schema exactly.

tables.py is generated from store/models.py by scripts/gen_tables.py (`make tables`).
"""

from __future__ import annotations

import ast

import pytest
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

from scripts.gen_tables import TABLES_PY, render, type_source


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
        "store/tables.py is stale: run `make tables` (scripts/gen_tables.py)"
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
            assert type_source(twin) == type_source(column), column
            assert (twin.default.arg if twin.default is not None else None) == (
                column.default.arg if column.default is not None else None
            ), column
