"""Round trips through MariaDB and SQLite, and PostgreSQL designs on those databases.

Same dialect: read a corpus file, write it for its own database, apply it to a
fresh database, read the database back, and get the same model.  Across
dialects: the PostgreSQL Sakila and Chinook schemas written for MySQL and
SQLite apply cleanly on MariaDB and SQLite and read back with the same
tables, columns (types mapped), keys and indexes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sekkei.formats.base import WriteOptions
from sekkei.formats.registry import write_string
from sekkei.formats.sql.typemap import read_type, write_type
from sekkei.model import Notes, Schema, resolve_type
from tests.helpers.db import run_script
from tests.helpers.roundtrip import read_corpus, read_live, same_dialect

pytestmark = [pytest.mark.integration, pytest.mark.corpus]

MARIADB = [
    "sakila/mysql-sakila-schema.sql",
    "chinook/Chinook_MySql.schema.sql",
    "chinook/Chinook_MySql_AutoIncrementPKs.schema.sql",
]
SQLITE = [
    "sakila/sqlite-sakila-schema.sql",
    "chinook/Chinook_Sqlite.schema.sql",
    "chinook/Chinook_Sqlite_AutoIncrementPKs.schema.sql",
    "synapse/main.full.sql.sqlite.sql",
]


@pytest.mark.parametrize("relative", MARIADB)
def test_mariadb_round_trip(corpus: Path, mysql_url: str, relative: str) -> None:
    found = same_dialect(corpus, relative, "mariadb", mysql_url)
    assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("relative", SQLITE)
def test_sqlite_round_trip(corpus: Path, sqlite_url: str, relative: str) -> None:
    found = same_dialect(corpus, relative, "sqlite", sqlite_url)
    assert not found, "\n".join(found[:40])


# -- across dialects ---------------------------------------------------------------------


def _mapped_type(schema: Schema, type_text: str, namespace: str | None, target: str) -> str:
    """The canonical type a column of `type_text` has after a trip through `target`."""
    resolved = resolve_type(schema, type_text, namespace)
    if resolved.kind == "enum":
        assert resolved.enum is not None
        values = ",".join("'" + v.replace("'", "''") + "'" for v in resolved.enum.values)
        spec_text = f"enum({values})"
        from sekkei.model.types import parse_type

        spec = parse_type(spec_text)
    elif resolved.kind == "domain":
        assert resolved.domain is not None
        return _mapped_type(schema, resolved.domain.type, namespace, target)
    else:
        spec = resolved.spec
    written = write_type(spec, target).text
    return read_type(written, target).type


def _shape(schema: Schema, source: Schema | None = None, target: str | None = None) -> dict[str, object]:
    """Tables → columns (with mapped types), keys, foreign keys and indexes, by column names."""
    shape: dict[str, object] = {}
    for table in schema.tables.values():
        columns = {}
        for column in table.columns.values():
            if source is not None and target is not None:
                kind = _mapped_type(source, column.type, table.namespace, target)
            else:
                kind = column.type
            columns[column.name] = (kind, column.nullable)
        shape[table.name] = {
            "columns": columns,
            "primary_key": table.primary_key.columns if table.primary_key else None,
            "foreign_keys": sorted((fk.columns, fk.references.table, fk.references.columns)
                                   for fk in table.foreign_keys),
            "uniques": sorted(u.columns for u in table.uniques),
            "indexes": sorted((tuple(ix.column_names()), ix.unique) for ix in table.indexes),
        }
    return shape


CROSS = [
    ("sakila/postgres-sakila-schema.sql", "mariadb"),
    ("sakila/postgres-sakila-schema.sql", "sqlite"),
    ("chinook/Chinook_PostgreSql.schema.sql", "mariadb"),
    ("chinook/Chinook_PostgreSql.schema.sql", "sqlite"),
]


@pytest.mark.parametrize(("relative", "target"), CROSS)
def test_postgres_schema_on_other_databases(corpus: Path, relative: str, target: str,
                                            request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("mysql_url" if target == "mariadb" else "sqlite_url")
    designed = read_corpus(corpus, relative, "postgres")
    notes = Notes()
    ddl = write_string(designed, "sql", options=WriteOptions(dialect=target), notes=notes)
    run_script(url, ddl)  # must apply cleanly
    live = read_live(url)
    expected = _shape(designed, designed, target)
    actual = _shape(live)
    assert set(actual) == set(expected), "tables differ"
    problems = []
    for name, table in expected.items():
        if actual[name] != table:
            problems.append(f"{name}: expected {table}\n{' ' * len(name)}  got      {actual[name]}")
    assert not problems, "\n".join(problems)
