"""Real schemas read by the DDL reader agree with what the databases themselves make of them.

MySQL files are loaded into a fresh MariaDB database and SQLite files into a
fresh SQLite file; the counts the catalogs report (tables, columns, foreign
keys, explicit non-unique indexes) must equal the model's.  SQL Server,
Oracle and Db2 cannot run on this machine, so their files are compared with
the same schema in a dialect that can.  The DBML project's SQL fixtures are
read as a parse-all check, per dialect.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.generic import read_generic
from sekkei.formats.sql.generic.classify import classify
from sekkei.formats.sql.generic.context import DialectRules
from sekkei.formats.sql.split import split_statements
from sekkei.model.diagnostics import InputError, Notes
from sekkei.model.schema import Schema
from tests.helpers.compare import without_database_defaults
from tests.helpers.db import CatalogCounts, catalog_counts, run_script

pytestmark = [pytest.mark.integration, pytest.mark.corpus]

MYSQL_FILES = ["sakila/mysql-sakila-schema.sql", "chinook/Chinook_MySql.schema.sql",
               "chinook/Chinook_MySql_AutoIncrementPKs.schema.sql"]
SQLITE_FILES = ["sakila/sqlite-sakila-schema.sql", "chinook/Chinook_Sqlite.schema.sql",
                "chinook/Chinook_Sqlite_AutoIncrementPKs.schema.sql", "synapse/main.full.sql.sqlite.sql",
                "synapse/state.full.sql.sqlite.sql", "synapse/common.full.sql.sqlite.sql"]
OTHER_FILES = {"sakila/sql-server-sakila-schema.sql": "mssql", "sakila/oracle-sakila-schema.sql": "oracle",
               "sakila/oracle-sakila-schema-pl-sql.sql": "oracle", "sakila/db2-sakila-schema.sql": "db2",
               "chinook/Chinook_SqlServer.schema.sql": "mssql",
               "chinook/Chinook_SqlServer_AutoIncrementPKs.schema.sql": "mssql",
               "chinook/Chinook_Oracle.schema.sql": "oracle", "chinook/Chinook_Db2.schema.sql": "db2"}


def read(path: Path, dialect: str) -> tuple[Schema, Notes]:
    notes = Notes()
    schema = read_generic(path.read_text(encoding="utf-8"), ReadOptions(source=path.name), notes, dialect)
    return schema, notes


def model_counts(schema: Schema, *, unique_indexes: bool) -> CatalogCounts:
    """The model's counts, counted the way `catalog_counts` counts the database's."""
    tables = list(schema.tables.values())
    return CatalogCounts(
        tables=len(tables),
        columns=sum(len(t.columns) for t in tables),
        foreign_keys=sum(len(t.foreign_keys) for t in tables),
        indexes=sum(1 for t in tables for i in t.indexes if unique_indexes or not i.unique),
    )


def test_every_non_postgres_file_reads(corpus: Path) -> None:
    files = {**dict.fromkeys(MYSQL_FILES, "mysql"), **dict.fromkeys(SQLITE_FILES, "sqlite"), **OTHER_FILES}
    found = {str(p.relative_to(corpus / "real-world")) for p in (corpus / "real-world").rglob("*.sql")
             if not re.search(r"postgres|pagila|danbooru|northwind|adventureworks|cockroach|yugabyte",
                              str(p), re.I)}
    assert found == set(files)  # nothing left unread
    for name, dialect in files.items():
        schema, notes = read(corpus / "real-world" / name, dialect)
        assert schema.dialect == dialect
        assert not [n for n in notes if n.code in {"syntax", "internal", "statement-not-understood"}], name


# -- MySQL files against MariaDB ------------------------------------------------------


def _loadable_in_a_fresh_database(text: str) -> str:
    """The script without its database switching, so that it fills the test's database.

    Sakila creates and uses a database of its own (and its views name it), Chinook
    drops and creates one: those statements are taken out; nothing else changes.
    """
    rules = DialectRules.of("mysql")
    kept: list[str] = []
    cursor = 0
    for stmt in split_statements(text, "mysql"):
        kind = classify(stmt.text, rules)
        if kind.label in {"USE", "CREATE SCHEMA", "CREATE DATABASE", "DROP DATABASE"}:
            kept.append(text[cursor:stmt.start])
            cursor = stmt.end
    kept.append(text[cursor:])
    return "".join(kept).replace("sakila.", "")


@pytest.mark.parametrize("name", MYSQL_FILES)
def test_mysql_file_matches_mariadb(corpus: Path, mysql_url: str, name: str) -> None:
    path = corpus / "real-world" / name
    run_script(mysql_url, _loadable_in_a_fresh_database(path.read_text(encoding="utf-8")))
    schema, _ = read(path, "mysql")
    # MySQL keeps every UNIQUE KEY as a unique constraint, so `indexes` are the non-unique ones
    assert model_counts(schema, unique_indexes=False) == catalog_counts(mysql_url)


@pytest.mark.parametrize("name", MYSQL_FILES)
def test_mariadb_dump_reads_like_the_live_database(corpus: Path, mysql_url: str, name: str) -> None:
    """What mysqldump writes of a database reads as the same schema as the live database."""
    live = pytest.importorskip("sekkei.formats.live")
    dump_tool = shutil.which("mariadb-dump") or shutil.which("mysqldump")
    if dump_tool is None:
        pytest.skip("mariadb-dump / mysqldump is not installed")
    run_script(mysql_url, _loadable_in_a_fresh_database((corpus / "real-world" / name).read_text("utf-8")))
    url = sa.engine.make_url(mysql_url)
    dumped = subprocess.run(
        [dump_tool, f"--host={url.host}", f"--port={url.port or 3306}", f"--user={url.username}",
         *([f"--password={url.password}"] if url.password else []), "--no-data", "--routines",
         "--triggers", str(url.database)],
        capture_output=True, text=True, check=True, timeout=120).stdout
    from_dump = read_generic(dumped, ReadOptions(source="dump.sql"), Notes(), "mariadb")
    engine = sa.create_engine(mysql_url)
    try:
        from_live = live.read_database(engine, notes=Notes())
    finally:
        engine.dispose()
    # a dump states every table's character set; the live reader leaves out the database's own
    assert without_database_defaults(from_dump, "utf8mb4", "utf8mb4_unicode_ci").tables == from_live.tables
    assert from_dump.views == from_live.views
    assert from_dump.routines == from_live.routines


# -- SQLite files against sqlite3 ------------------------------------------------------


def _virtual_tables(url: str) -> CatalogCounts:
    """Virtual tables and their shadow tables, which the reader leaves out (with a warning)."""
    path = url.split("///", 1)[1]
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("select name from pragma_table_list where type in ('virtual', 'shadow')").fetchall()
        columns = sum(len(conn.execute(f'pragma table_info("{name}")').fetchall()) for (name,) in rows)
    finally:
        conn.close()
    return CatalogCounts(len(rows), columns, 0, 0)


@pytest.mark.parametrize("name", SQLITE_FILES)
def test_sqlite_file_matches_sqlite(corpus: Path, sqlite_url: str, name: str) -> None:
    path = corpus / "real-world" / name
    run_script(sqlite_url, path.read_text(encoding="utf-8"))
    schema, notes = read(path, "sqlite")
    catalog = catalog_counts(sqlite_url)
    virtual = _virtual_tables(sqlite_url)
    expected = CatalogCounts(catalog.tables - virtual.tables, catalog.columns - virtual.columns,
                             catalog.foreign_keys, catalog.indexes)
    # SQLite counts every CREATE [UNIQUE] INDEX; UNIQUE constraints are not indexes there either
    assert model_counts(schema, unique_indexes=True) == expected
    warned = [n for n in notes if n.code == "virtual-table-skipped"]
    if "main.full" in name:
        # two FTS4 tables (event_search, user_directory_search) with five shadow tables each
        assert (len(warned), virtual.tables) == (2, 12)
    else:
        assert (len(warned), virtual.tables) == (0, 0)


# -- SQL Server, Oracle, Db2 against the same schema in another dialect ---------------------

NOT_LOADABLE = ("SQL Server, Oracle and Db2 do not run on this machine: these files are compared with "
                "the same schema read from its MySQL or SQLite version, which is checked against a real "
                "database above")


@dataclass(frozen=True)
class Port:
    name: str
    dialect: str
    reference: str
    reference_dialect: str
    index_delta: int
    why: str


PORTS = [
    # The sakila ports index differently from the MySQL original: they drop KEY idx_title and the
    # FULLTEXT index of film_text (-2), index film_actor.actor_id, film_category.film_id and
    # film_category.category_id (+3), and index store.manager_staff_id with a plain index where MySQL
    # has UNIQUE KEY (+1; SQL Server makes it a unique index: +0).  Db2 also has no index on city.
    Port("sakila/sql-server-sakila-schema.sql", "mssql", "sakila/mysql-sakila-schema.sql", "mysql", +1,
         "-2 +3, store's index stays unique"),
    Port("sakila/oracle-sakila-schema.sql", "oracle", "sakila/mysql-sakila-schema.sql", "mysql", +2,
         "-2 +3 +1"),
    Port("sakila/db2-sakila-schema.sql", "db2", "sakila/mysql-sakila-schema.sql", "mysql", +1,
         "-2 +3 +1, and no index on city.country_id"),
    Port("chinook/Chinook_SqlServer.schema.sql", "mssql", "chinook/Chinook_MySql.schema.sql", "mysql", 0,
         "the same design"),
    Port("chinook/Chinook_SqlServer_AutoIncrementPKs.schema.sql", "mssql",
         "chinook/Chinook_MySql_AutoIncrementPKs.schema.sql", "mysql", 0, "the same design"),
    Port("chinook/Chinook_Db2.schema.sql", "db2", "chinook/Chinook_MySql.schema.sql", "mysql", 0,
         "the same design"),
    # Chinook's Oracle script creates no IFK_ indexes for its foreign keys (11 in the others)
    Port("chinook/Chinook_Oracle.schema.sql", "oracle", "chinook/Chinook_MySql.schema.sql", "mysql", -11,
         "no foreign key indexes"),
]


@pytest.mark.parametrize("port", PORTS, ids=lambda p: p.name)
def test_ports_match_their_loaded_original(corpus: Path, port: Port) -> None:
    """SQL Server, Oracle and Db2 cannot be loaded here; see NOT_LOADABLE."""
    schema, _ = read(corpus / "real-world" / port.name, port.dialect)
    reference, _ = read(corpus / "real-world" / port.reference, port.reference_dialect)
    mine = model_counts(schema, unique_indexes=False)
    theirs = model_counts(reference, unique_indexes=False)
    assert (mine.tables, mine.columns, mine.foreign_keys) == (theirs.tables, theirs.columns,
                                                              theirs.foreign_keys), NOT_LOADABLE
    assert mine.indexes == theirs.indexes + port.index_delta, port.why
    # Oracle and Db2 store unquoted names in upper case; the tables are the same ones
    assert sorted(k.lower() for k in schema.tables) == sorted(k.lower() for k in reference.tables)


def test_oracle_plsql_file_holds_types_and_packages_only(corpus: Path) -> None:
    schema, notes = read(corpus / "real-world" / "sakila/oracle-sakila-schema-pl-sql.sql", "oracle")
    assert not schema.tables
    kinds = {r.name: r.kind for r in schema.routines}
    assert kinds["RENTALS"] == "other" and kinds["CUSTOMERS"] == "other" and kinds["FILM_T"] == "other"
    assert len(schema.routines) == 17  # 15 object types, 2 packages (each with its body)
    assert any("PL/SQL block" in n.message for n in notes)  # the leading anonymous block


# -- the DBML project's SQL fixtures ---------------------------------------------------------

DBML_DIRS = {
    "mysql": ["parser/mysql-parse", "importer/mysql_importer"],
    "mssql": ["parser/mssql-parse", "importer/mssql_importer"],
    "oracle": ["parser/oracle-parse", "importer/oracle_importer"],
    "snowflake": ["parser/snowflake-parse", "importer/snowflake_importer"],
}
#: These inputs are parser fixtures, not scripts a database ran: many rename, alter or comment on
#: tables they never created.  A file "succeeds" when every statement is understood and every
#: schema statement parses (read leniently, so that such references are warnings, not errors).
_FAILURE_CODES = {"syntax", "internal", "statement-not-understood", "too-deep"}
#: Where the expected outputs count tables differently, and why (file: (expected, ours)).
KNOWN_TABLE_COUNT_DIFFERENCES = {
    # RENAME TABLE is applied (the old name is gone); DBML keeps both names, and also tables
    # renamed although they never existed
    "parser/mysql-parse/input/rename_truncate.in.sql": (19, 10),
    # a TEMPORARY table lives for a session and is left out; CREATE TABLE t (columns) AS SELECT
    # creates a table with those columns (DBML leaves out t2, t_not_exist_3 and t_not_exist_4)
    "importer/snowflake_importer/input/create_table.in.sql": (88, 90),
    # three CREATE TEMP TABLE statements
    "importer/snowflake_importer/input/ids.in.sql": (10, 7),
}
EXAMPLES = "dbml/examples"


def _dbml_inputs(corpus: Path, dialect: str) -> list[Path]:
    return sorted(p for sub in DBML_DIRS[dialect] for p in (corpus / EXAMPLES / sub / "input").glob("*.sql"))


def _expected_tables(path: Path) -> int | None:
    stem = path.name[: -len(".in.sql")]
    output = path.parent.parent / "output"
    as_json = output / f"{stem}.out.json"
    if as_json.exists():
        return len(json.loads(as_json.read_text(encoding="utf-8")).get("tables", []))
    as_dbml = output / f"{stem}.out.dbml"
    if as_dbml.exists():
        return len(re.findall(r"(?m)^Table\s", as_dbml.read_text(encoding="utf-8")))
    return None


@pytest.mark.parametrize("dialect", list(DBML_DIRS))
def test_dbml_sql_fixtures(corpus: Path, dialect: str, record_property: Callable[[str, object], None]) -> None:
    inputs = _dbml_inputs(corpus, dialect)
    assert inputs
    failed: list[str] = []
    strict_ok = 0
    count_mismatch: list[str] = []
    for path in inputs:
        text = path.read_text(encoding="utf-8")
        notes = Notes()
        schema = read_generic(text, ReadOptions(source=path.name, strict=False), notes, dialect)
        bad = [str(n) for n in notes if n.code in _FAILURE_CODES]
        relative = str(path.relative_to(corpus / EXAMPLES))
        if bad:
            failed.append(f"{relative}: {bad[0]}")
        try:
            read_generic(text, ReadOptions(source=path.name), Notes(), dialect)
            strict_ok += 1
        except InputError:
            pass  # references to tables the fixture never created, two primary keys …
        expected = _expected_tables(path)
        if expected is not None and expected != len(schema.tables):
            if KNOWN_TABLE_COUNT_DIFFERENCES.get(relative) != (expected, len(schema.tables)):
                count_mismatch.append(f"{relative}: expected {expected} tables, read {len(schema.tables)}")
    record_property("summary", f"DBML SQL inputs, {dialect}: {len(inputs) - len(failed)}/{len(inputs)} read "
                               f"(strict: {strict_ok}/{len(inputs)})")
    assert not failed, failed
    assert not count_mismatch, count_mismatch
