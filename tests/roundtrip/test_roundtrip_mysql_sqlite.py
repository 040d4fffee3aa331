"""Round trips through MariaDB and SQLite, and PostgreSQL designs on those databases.

Same dialect: read a corpus file, write it for its own database, apply it to a
fresh database, read the database back, and get the same model.  Across
dialects: the PostgreSQL Sakila and Chinook schemas written for MySQL and
SQLite apply cleanly on MariaDB and SQLite and read back with the same
tables, columns (types mapped), keys and indexes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sekkei.formats.base import WriteOptions
from sekkei.formats.registry import write_string
from sekkei.formats.sql.typemap import read_type, write_type
from sekkei.model import Notes, Schema, resolve_type
from sekkei.model.schema import Table
from tests.conftest import MY_HOST, MY_PASSWORD, MY_PORT, MY_USER
from tests.helpers.compare import differences, without_database_defaults
from tests.helpers.db import run_script
from tests.helpers.roundtrip import read_corpus, read_live, same_dialect, write_and_apply

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


def _admin(statement: str) -> None:
    import pymysql

    conn = pymysql.connect(host=MY_HOST, port=MY_PORT, user=MY_USER, password=MY_PASSWORD,
                           autocommit=True, connect_timeout=5)
    try:
        with conn.cursor() as cur:
            cur.execute(statement)
    finally:
        conn.close()


@pytest.fixture
def mysql_url2(mysql_available: bool) -> Iterator[str]:
    """A second fresh MariaDB database, made like `mysql_url`'s (for the view fixpoint)."""
    name = f"sekkei_t_{uuid.uuid4().hex[:12]}"
    _admin(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    try:
        password = f":{MY_PASSWORD}" if MY_PASSWORD else ""
        yield f"mysql+pymysql://{MY_USER}{password}@{MY_HOST}:{MY_PORT}/{name}?charset=utf8mb4"
    finally:
        _admin(f"DROP DATABASE IF EXISTS `{name}`")


def database_defaults(url: str) -> tuple[str, str]:
    """The database's default character set and collation (what its tables inherit)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            row = conn.execute(sa.text(
                "select DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
                "from information_schema.SCHEMATA where SCHEMA_NAME = database()")).one()
    finally:
        engine.dispose()
    return str(row[0]), str(row[1])


@pytest.mark.parametrize("relative", MARIADB)
def test_mariadb_round_trip(corpus: Path, mysql_url: str, mysql_url2: str, relative: str) -> None:
    """File → DDL → MariaDB → live read gives the file's design; view queries, which
    MariaDB stores rewritten (backticks, ``_utf8mb3`` introducers, explicit aliases),
    are checked by a fixpoint: MariaDB's own text, written into a second database,
    comes back unchanged."""
    designed = read_corpus(corpus, relative, "mariadb")
    write_and_apply(designed, "mariadb", mysql_url)
    live = read_live(mysql_url)
    # a table that states the database's default character set and one that inherits it
    # are the same design there; the file may say it, the live reader leaves it out
    defaults = database_defaults(mysql_url)
    found = differences(without_database_defaults(designed, *defaults),
                        without_database_defaults(live, *defaults), views=False)
    write_and_apply(live, "mariadb", mysql_url2)
    found += [f"fixpoint: {d}" for d in differences(live, read_live(mysql_url2))]
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


def _as_on_mariadb(table: Table, shape: dict[str, Any]) -> None:
    """What a design's table is on MariaDB by the database's own rules (no design change).

    - A plain unique index is a unique key there, which the normalisation
      contract reads as a unique constraint.
    - MariaDB needs an index for every foreign key and creates one when no index
      (primary key, unique or plain) starts with the key's columns, named after the
      foreign key (the live reader then leaves it out as the key's own) or, for an
      unnamed key, after its first column: those unnamed ones appear as indexes.
    """
    indexes: list[tuple[tuple[str, ...], bool]] = list(shape["indexes"])
    uniques: list[tuple[str, ...]] = list(shape["uniques"])
    for index in table.indexes:
        plain = index.where is None and index.kind is None and all(isinstance(p, str) for p in index.columns)
        if index.unique and plain:
            indexes.remove((tuple(index.column_names()), True))
            uniques.append(tuple(index.column_names()))
    leading = [tuple(table.primary_key.columns)] if table.primary_key else []
    leading += uniques + [columns for columns, _ in indexes]
    for fk in table.foreign_keys:
        width = len(fk.columns)
        if fk.name is None and not any(tuple(key[:width]) == tuple(fk.columns) for key in leading):
            indexes.append((tuple(fk.columns), False))
            leading.append(tuple(fk.columns))
    shape["uniques"] = sorted(uniques)
    shape["indexes"] = sorted(indexes)


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
        entry: dict[str, Any] = {
            "columns": columns,
            "primary_key": table.primary_key.columns if table.primary_key else None,
            "foreign_keys": sorted((fk.columns, fk.references.table, fk.references.columns)
                                   for fk in table.foreign_keys),
            "uniques": sorted(u.columns for u in table.uniques),
            "indexes": sorted((tuple(ix.column_names()), ix.unique) for ix in table.indexes),
        }
        if target == "mariadb":
            _as_on_mariadb(table, entry)
        shape[table.name] = entry
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
