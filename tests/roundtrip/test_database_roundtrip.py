"""Round trips through PostgreSQL, on the real-world corpus.

Read a corpus file, write it as PostgreSQL DDL, apply that to a fresh
database, read the database back, and get the same model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.roundtrip import same_dialect

pytestmark = [pytest.mark.integration, pytest.mark.corpus]

POSTGRES = [
    "sakila/postgres-sakila-schema.sql",
    "chinook/Chinook_PostgreSql.schema.sql",
    "chinook/Chinook_PostgreSql_AutoIncrementPKs.schema.sql",
    "chinook/Chinook_PostgreSql_SerialPKs.schema.sql",
    "danbooru/structure.sql",
    "northwind/northwind.sql",
    "synapse/main.full.sql.postgres.sql",
    "adventureworks-pg/install.sql",
]


@pytest.mark.parametrize("relative", POSTGRES)
def test_postgres_round_trip(corpus: Path, pg_url: str, pg_url2: str, relative: str) -> None:
    found = same_dialect(corpus, relative, "postgres", pg_url, pg_url2)
    assert not found, "\n".join(found[:40])


