"""The PostgreSQL reader on real schemas, checked against what PostgreSQL 15 itself reports.

Each real-world file is read by Sekkei and loaded into a fresh database; the
tables (partitions included), columns, foreign keys and explicit indexes of
the model must equal the database's own catalog counts.  Files that cannot
load on PostgreSQL 15 as they are get a skip with the reason, and are
compared with the database after removing or replacing only what PostgreSQL
15 rejects (the replacements keep every table, column, key and index).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.postgres import read_postgres
from sekkei.model import Notes, Schema, Severity
from tests.helpers.db import CatalogCounts, catalog_counts, run_script

pytestmark = [pytest.mark.integration, pytest.mark.corpus]

REAL = "real-world"

#: Every PostgreSQL-family file of the corpus, with the dialect to read it as.
FILES: dict[str, str] = {
    "sakila/postgres-sakila-schema.sql": "postgres",
    "sakila/cockroachdb-sakila-schema.sql": "cockroachdb",
    "sakila/yugabytedb-sakila-schema.sql": "yugabytedb",
    "pagila/pagila-schema.sql": "postgres",
    "pagila/pagila-schema-jsonb.sql": "postgres",
    "chinook/Chinook_PostgreSql.schema.sql": "postgres",
    "chinook/Chinook_PostgreSql_AutoIncrementPKs.schema.sql": "postgres",
    "chinook/Chinook_PostgreSql_SerialPKs.schema.sql": "postgres",
    "synapse/common.full.sql.postgres.sql": "postgres",
    "synapse/main.full.sql.postgres.sql": "postgres",
    "synapse/state.full.sql.postgres.sql": "postgres",
    "danbooru/structure.sql": "postgres",
    "adventureworks-pg/install.sql": "postgres",
    "northwind/northwind.sql": "postgres",
}

_PSQL_COMMAND = re.compile(r"(?m)^\\.*$")
_OWN_DATABASE = re.compile(r"(?m)^(?:DROP DATABASE IF EXISTS \w+|CREATE DATABASE \w+);$")


def _as_psql_would_run_it(sql: str) -> str:
    """What the server sees from psql: meta-commands (``\\c``, ``\\copy``) are psql's own.

    The chinook files create their own database and connect to it (``CREATE
    DATABASE chinook; \\c chinook``); the test database is already fresh, so
    those two statements are left out as well.
    """
    return _OWN_DATABASE.sub("", _PSQL_COMMAND.sub("", sql))


def _pagila_for_15(sql: str) -> str:
    sql = sql.replace("uuidv7()", "gen_random_uuid()").replace(") VIRTUAL", ") STORED")
    sql = re.sub(r"(?m)^(?:CREATE EXTENSION IF NOT EXISTS vector|COMMENT ON EXTENSION vector) .*$", "", sql)
    sql = sql.replace("public.vector(20)", "real[]")
    return sql.replace("USING hnsw (embedding public.vector_cosine_ops)", "USING btree (embedding)")


def _yugabyte_for_15(sql: str) -> str:
    return sql.replace("INDEX NONCONCURRENTLY", "INDEX").replace("USING lsm", "USING btree")


def _adventureworks_for_15(sql: str) -> str:
    return re.sub(r"(?ms)^INSERT INTO Production\.ProductReview .*?;$", "", sql)


#: Files PostgreSQL 15 rejects as they are: why, and the smallest change that loads them.
ADAPTED: dict[str, tuple[str, Callable[[str], str]]] = {
    "pagila/pagila-schema.sql": (
        "pagila needs PostgreSQL 18 (uuidv7(), VIRTUAL generated columns) and the pgvector "
        "extension (vector type, hnsw index), which PostgreSQL 15 here does not have",
        _pagila_for_15,
    ),
    "sakila/yugabytedb-sakila-schema.sql": (
        "YugabyteDB syntax (CREATE INDEX NONCONCURRENTLY, USING lsm) is not PostgreSQL",
        _yugabyte_for_15,
    ),
    "adventureworks-pg/install.sql": (
        "adventureworks loads CSV files that are not in the corpus (\\copy); without them its "
        "INSERT INTO Production.ProductReview fails a foreign key",
        _adventureworks_for_15,
    ),
}


def read(corpus: Path, path: str) -> tuple[Schema, Notes]:
    notes = Notes()
    text = (corpus / REAL / path).read_text(encoding="utf-8")
    return read_postgres(text, ReadOptions(source=path), notes, FILES[path]), notes


def model_counts(schema: Schema) -> CatalogCounts:
    """The model's counts in the catalog's terms (indexes of materialized views count too)."""
    counts = schema.counts()
    view_indexes = sum(len(view.indexes) for view in schema.views.values())
    return CatalogCounts(
        counts["tables"], counts["columns"], counts["foreign_keys"], counts["indexes"] + view_indexes
    )


@pytest.mark.parametrize("path", list(FILES))
def test_reads_without_error(corpus: Path, path: str) -> None:
    schema, notes = read(corpus, path)
    assert schema.tables
    assert not [n for n in notes if n.code in {"syntax", "reader-error"}]
    warnings = {n.code for n in notes.of(Severity.WARNING)}
    assert warnings <= {"dialect-syntax", "not-modelled"}, [str(n) for n in notes]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p, marks=pytest.mark.skip(reason=f"cannot load on PostgreSQL 15 as it is: {ADAPTED[p][0]}")
        )
        if p in ADAPTED
        else p
        for p in FILES
    ],
)
def test_counts_match_postgres(corpus: Path, pg_url: str, path: str) -> None:
    schema, _ = read(corpus, path)
    run_script(pg_url, _as_psql_would_run_it((corpus / REAL / path).read_text(encoding="utf-8")))
    assert model_counts(schema) == catalog_counts(pg_url)


@pytest.mark.parametrize("path", list(ADAPTED))
def test_counts_match_postgres_after_adapting(corpus: Path, pg_url: str, path: str) -> None:
    """The model of the original file against PostgreSQL 15 loaded with the adapted file."""
    schema, _ = read(corpus, path)
    adapt = ADAPTED[path][1]
    original = (corpus / REAL / path).read_text(encoding="utf-8")
    adapted = adapt(original)
    assert adapted != original
    run_script(pg_url, _as_psql_would_run_it(adapted))
    assert model_counts(schema) == catalog_counts(pg_url)


DBML_INPUTS = ("dbml/examples/parser/postgres-parse/input", "dbml/examples/importer/postgres_importer/input")


def test_dbml_project_inputs_all_read(corpus: Path, record_property: Callable[[str, object], None]) -> None:
    """The DBML project's PostgreSQL fixtures: syntax catalogues, read with strict off.

    Several name tables they never create (``ALTER TABLE distributors …``,
    ``INHERITS (b)``), which strict reading rightly refuses; every file must
    still read, and the ones that do not refer to missing objects read strictly.
    """
    files = sorted(f for folder in DBML_INPUTS for f in (corpus / folder).glob("*.sql"))
    assert len(files) == 35
    strict_ok = 0
    for file in files:
        text = file.read_text(encoding="utf-8")
        notes = Notes()
        read_postgres(text, ReadOptions(source=file.name, strict=False), notes)
        assert not [n for n in notes if n.code == "reader-error"], file
        try:
            read_postgres(text, ReadOptions(source=file.name), Notes())
            strict_ok += 1
        except Exception as exc:
            assert type(exc).__name__ == "InputError", exc
    record_property("summary", f"DBML SQL inputs, postgres: {len(files)}/{len(files)} read "
                               f"(strict: {strict_ok}/{len(files)})")
    assert strict_ok >= 27
