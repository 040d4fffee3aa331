"""Real schemas from the shared corpus, read live: counts agree with the catalog, and a
database restored from its own dump reads back as the same model."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from sekkei.formats.live import read_database
from sekkei.model import Notes, Schema
from tests.helpers.db import catalog_counts, run_script

pytestmark = [pytest.mark.integration, pytest.mark.corpus]


def read(url: str) -> tuple[Schema, Notes]:
    notes = Notes()
    engine = sa.create_engine(url)
    try:
        schema = read_database(engine, notes=notes)
    finally:
        engine.dispose()
    return schema, notes


def assert_counts(schema: Schema, url: str) -> None:
    counts = catalog_counts(url)
    got = schema.counts()
    assert (got["tables"], got["columns"], got["foreign_keys"], got["indexes"]) == (
        counts.tables, counts.columns, counts.foreign_keys, counts.indexes)


@contextmanager
def another_database(url: str) -> Iterator[str]:
    """A second empty database on the same server as `url` (dropped afterwards)."""
    given = sa.engine.make_url(url)
    name = f"sekkei_t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(given.set(database="postgres" if given.drivername.startswith("postgresql")
                                       else ""), isolation_level="AUTOCOMMIT")
    quote = '"' if given.drivername.startswith("postgresql") else "`"
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {quote}{name}{quote}")
        try:
            yield given.set(database=name).render_as_string(hide_password=False)
        finally:
            force = " WITH (FORCE)" if quote == '"' else ""
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote}{name}{quote}{force}")
    finally:
        admin.dispose()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


@pytest.mark.parametrize("path", ["sakila/postgres-sakila-schema.sql", "danbooru/structure.sql",
                                  "synapse/main.full.sql.postgres.sql"])
def test_postgres_corpus(corpus: Path, pg_url: str, path: str) -> None:
    run_script(pg_url, (corpus / "real-world" / path).read_text(encoding="utf-8"))
    schema, notes = read(pg_url)
    assert_counts(schema, pg_url)
    assert not notes.items
    given = sa.engine.make_url(pg_url)
    dump = subprocess.run(
        [_tool("pg_dump"), "--schema-only", "-h", given.host or "127.0.0.1", "-p", str(given.port or 5432),
         "-U", given.username or "postgres", given.database or ""],
        capture_output=True, text=True, check=True).stdout
    # psql meta-commands (\restrict) are for psql only
    dump = "\n".join(line for line in dump.splitlines() if not line.startswith("\\"))
    with another_database(pg_url) as restored:
        run_script(restored, dump)
        again, _ = read(restored)
    assert again == schema


def test_mariadb_sakila(corpus: Path, mysql_url: str) -> None:
    text = (corpus / "real-world" / "sakila" / "mysql-sakila-schema.sql").read_text(encoding="utf-8")
    # the script makes and enters its own database; load it into the test's
    text = "\n".join(line for line in text.splitlines()
                     if not re.match(r"(?i)(drop schema|create schema|use )", line))
    run_script(mysql_url, text)
    schema, notes = read(mysql_url)
    assert_counts(schema, mysql_url)
    assert not notes.items
    assert schema.tables["film"].columns["rating"].type == "enum('G','PG','PG-13','R','NC-17')"
    assert schema.tables["film"].columns["rating"].default == "G"
    assert schema.tables["film"].columns["special_features"].type == (
        "set('Trailers','Commentaries','Deleted Scenes','Behind the Scenes')")
    assert len(schema.views) == 7 and len(schema.routines) == 6
    given = sa.engine.make_url(mysql_url)
    dump = subprocess.run(
        [_tool("mysqldump"), "--no-data", "--routines", "--triggers", "-h", given.host or "127.0.0.1",
         "-P", str(given.port or 3306), "-u", given.username or "root", given.database or ""]
        + ([f"--password={given.password}"] if given.password else []),
        capture_output=True, text=True, check=True).stdout
    with another_database(mysql_url) as restored:
        run_script(restored, dump)
        again, _ = read(restored)
    assert again == schema


@pytest.mark.parametrize("path", ["sakila/sqlite-sakila-schema.sql",
                                  "chinook/Chinook_Sqlite_AutoIncrementPKs.schema.sql"])
def test_sqlite_corpus(corpus: Path, sqlite_url: str, tmp_path: Path, path: str) -> None:
    run_script(sqlite_url, (corpus / "real-world" / path).read_text(encoding="utf-8"))
    schema, notes = read(sqlite_url)
    assert_counts(schema, sqlite_url)
    assert not notes.items
    source = sqlite3.connect(sqlite_url.split("///", 1)[1])
    try:
        dump = "\n".join(line for line in source.iterdump()
                         if not line.startswith(("INSERT", "DELETE FROM \"sqlite_sequence\"")))
    finally:
        source.close()
    restored = f"sqlite:///{tmp_path / 'restored.db'}"
    run_script(restored, dump)
    again, _ = read(restored)
    assert again == schema
