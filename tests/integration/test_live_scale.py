"""Reading a generated PostgreSQL database of 1,000 tables: complete and exact.

The time it takes is measured by bench/run.py (docs/benchmarks.md), not asserted here.
"""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from sekkei.formats.live import read_database
from sekkei.model import Notes
from tests.helpers.db import catalog_counts, run_script

pytestmark = [pytest.mark.integration, pytest.mark.slow]

_TYPES = ("integer", "bigint", "text", "varchar(80)", "numeric(12,2)", "boolean", "timestamptz", "date",
          "jsonb", "uuid", "text[]", "status", "smallint", "double precision")


def generated_schema(tables: int, seed: int = 7) -> list[str]:
    """Deterministic DDL in chunks of 100 tables: identity and serial keys, enums, arrays,
    jsonb, 0–3 foreign keys, checks, uniques, comments, partial, expression, GIN and
    INCLUDE indexes (the mix MEASUREMENTS.md was measured with)."""
    rnd = random.Random(seed)
    chunks: list[str] = []
    out = ["CREATE TYPE status AS ENUM ('new', 'active', 'closed');"]
    for number in range(tables):
        name = f"t{number:05d}"
        key = "bigint GENERATED ALWAYS AS IDENTITY" if number % 3 == 0 else "serial"
        columns = [f"id {key} PRIMARY KEY"]
        typed: list[tuple[str, str]] = []
        for position in range(rnd.randint(5, 25)):
            kind = rnd.choice(_TYPES)
            column = f"c{position}"
            typed.append((column, kind))
            extra = {"status": " DEFAULT 'new'", "boolean": " NOT NULL DEFAULT false",
                     "uuid": " DEFAULT gen_random_uuid()"}.get(kind, "")
            if kind == "timestamptz" and position % 2:
                extra = " DEFAULT now()"
            columns.append(f"{column} {kind}{extra}")
        for ref in range(rnd.randint(0, 3) if number else 0):
            columns.append(f"ref{ref} integer REFERENCES t{rnd.randrange(number):05d} (id) ON DELETE CASCADE")
        numbers = [c for c, k in typed if k in ("integer", "numeric(12,2)", "smallint")]
        texts = [c for c, k in typed if k in ("text", "varchar(80)")]
        if numbers:
            columns.append(f"CHECK ({numbers[0]} >= 0)")
        if texts:
            columns.append(f"UNIQUE ({texts[0]})")
        out.append(f"CREATE TABLE {name} (\n  " + ",\n  ".join(columns) + "\n);")
        out.append(f"COMMENT ON TABLE {name} IS 'table {number} テーブル';")
        if len(texts) > 1:
            out.append(f"CREATE INDEX ON {name} (lower({texts[1]})) WHERE {texts[1]} IS NOT NULL;")
        jsons = [c for c, k in typed if k == "jsonb"]
        if jsons:
            out.append(f"CREATE INDEX ON {name} USING gin ({jsons[0]});")
        if numbers:
            out.append(f"CREATE INDEX ON {name} ({numbers[0]}) INCLUDE ({typed[-1][0]});")
        if number % 100 == 99:
            chunks.append("\n".join(out))
            out = []
    if out:
        chunks.append("\n".join(out))
    return chunks


def test_thousand_tables(pg_url: str) -> None:
    for chunk in generated_schema(1000):
        run_script(pg_url, chunk)
    engine = sa.create_engine(pg_url)
    try:
        notes = Notes()
        schema = read_database(engine, notes=notes)
    finally:
        engine.dispose()
    counts = catalog_counts(pg_url)
    got = schema.counts()
    assert (got["tables"], got["columns"], got["foreign_keys"], got["indexes"]) == (
        counts.tables, counts.columns, counts.foreign_keys, counts.indexes)
    assert got["sequences"] == 0  # every serial column became an identity
    assert not notes.items
