"""The normalisation contract: a live database reads as the same model as its dump.

The live reader and the DDL readers meet in the schema builder; what the
database spells its own way (pg_dump's parentheses and casts, generated
names, serial shapes) must come out the same from both.  Each case loads DDL,
dumps it with the database's own tool, and compares the two models.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from sekkei.formats.base import ReadOptions
from sekkei.formats.live import read_database
from sekkei.model import Notes, Schema
from tests.helpers.db import run_script

pytestmark = pytest.mark.integration

ROUTINES_AND_OBJECTS = """
CREATE EXTENSION pg_trgm;
CREATE SCHEMA "App";
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TYPE pair AS (a int, b text);
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE DOMAIN positive AS numeric(10,2) NOT NULL DEFAULT 1 CHECK (VALUE > 0);
CREATE TABLE item (
    id serial PRIMARY KEY,
    code text UNIQUE,
    qty int CHECK (qty > 0 AND qty < 100),
    price positive,
    total numeric GENERATED ALWAYS AS (price * 2) STORED,
    m mood DEFAULT 'ok',
    tags text[] DEFAULT '{}',
    created timestamptz DEFAULT now(),
    label text COLLATE "C",
    CONSTRAINT named CHECK (qty <> 5)
) WITH (fillfactor = 70);
CREATE UNLOGGED TABLE scratch (k text PRIMARY KEY);
CREATE INDEX item_trgm ON item USING gin (label gin_trgm_ops);
CREATE INDEX item_pattern ON item (code text_pattern_ops, (lower(label)) COLLATE "POSIX");
CREATE TABLE part (id int, day date NOT NULL, PRIMARY KEY (id, day)) PARTITION BY RANGE (day);
CREATE TABLE part_2020 PARTITION OF part FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE INDEX ON part (day);
CREATE INDEX item_expr ON item (lower(code), (qty + 1) DESC) WHERE qty IS NOT NULL;
CREATE VIEW v1 AS SELECT id, code FROM item;
CREATE VIEW v2 AS SELECT * FROM v1 WHERE id > 1;
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a $$;
CREATE FUNCTION g(a int, b text DEFAULT 'x') RETURNS SETOF text LANGUAGE sql STABLE ROWS 10
    AS $$ SELECT b || $1 $$;
CREATE FUNCTION h() RETURNS TABLE (x int) LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $b$ BEGIN RETURN QUERY SELECT 1; END $b$;
CREATE FUNCTION j(a int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a + 1;
CREATE PROCEDURE "App"."Do It"(INOUT n int) LANGUAGE plpgsql AS $$ BEGIN n := n + 1; END $$;
CREATE FUNCTION pair_text(pair) RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;
CREATE CAST (pair AS text) WITH FUNCTION pair_text(pair) AS ASSIGNMENT;
CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
CREATE OPERATOR === (FUNCTION = texteq, LEFTARG = text, RIGHTARG = text, COMMUTATOR = ===, HASHES);
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER item_bi BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION trg();
CREATE TRIGGER v1_ii INSTEAD OF INSERT ON v1 FOR EACH ROW EXECUTE FUNCTION trg();
CREATE RULE keep AS ON DELETE TO item DO INSTEAD NOTHING;
CREATE SEQUENCE counter START 5 INCREMENT 2;
COMMENT ON TABLE item IS '品目';
COMMENT ON COLUMN item.qty IS '数量';
"""


def live(url: str) -> Schema:
    engine = sa.create_engine(url)
    try:
        return read_database(engine, notes=Notes())
    finally:
        engine.dispose()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def postgres_dump(url: str) -> str:
    given = sa.engine.make_url(url)
    return subprocess.run(
        [_tool("pg_dump"), "--schema-only", "-h", given.host or "127.0.0.1", "-p", str(given.port or 5432),
         "-U", given.username or "postgres", given.database or ""],
        capture_output=True, text=True, check=True).stdout


def from_postgres_dump(url: str) -> Schema:
    reader = pytest.importorskip("sekkei.formats.sql.postgres")
    return reader.read_postgres(postgres_dump(url), ReadOptions(strict=False), Notes())  # type: ignore[no-any-return]


def assert_same(live_schema: Schema, dumped: Schema) -> None:
    """Equal, with a readable account of where they differ when they are not."""
    if live_schema == dumped:
        return
    lines = []
    for field in ("namespaces", "extensions", "enums", "domains", "sequences", "views", "routines"):
        if getattr(live_schema, field) != getattr(dumped, field):
            lines.append(f"{field}: live {getattr(live_schema, field)!r}\n   dump {getattr(dumped, field)!r}")
    for key in sorted(set(live_schema.tables) | set(dumped.tables)):
        if live_schema.tables.get(key) != dumped.tables.get(key):
            lines.append(f"table {key}: live {live_schema.tables.get(key)!r}\n   dump {dumped.tables.get(key)!r}")
    pytest.fail("live and dump differ:\n" + "\n".join(lines))


def test_postgres_objects(pg_url: str) -> None:
    run_script(pg_url, ROUTINES_AND_OBJECTS)
    assert_same(live(pg_url), from_postgres_dump(pg_url))


def test_postgres_film(pg_url: str) -> None:
    from tests.integration.test_live_postgres import FILM

    run_script(pg_url, FILM)
    assert_same(live(pg_url), from_postgres_dump(pg_url))


@pytest.mark.corpus
@pytest.mark.parametrize("path", ["sakila/postgres-sakila-schema.sql", "synapse/main.full.sql.postgres.sql",
                                  "danbooru/structure.sql"])
def test_postgres_corpus(corpus: Path, pg_url: str, path: str) -> None:
    run_script(pg_url, (corpus / "real-world" / path).read_text(encoding="utf-8"))
    assert_same(live(pg_url), from_postgres_dump(pg_url))


def from_sqlite_dump(url: str) -> Schema:
    reader = pytest.importorskip("sekkei.formats.sql.generic")
    connection = sqlite3.connect(url.split("///", 1)[1])
    try:
        dump = "\n".join(connection.iterdump())
    finally:
        connection.close()
    return reader.read_generic(dump, ReadOptions(strict=False), Notes(), "sqlite")  # type: ignore[no-any-return]


def test_sqlite_shop(sqlite_url: str) -> None:
    from tests.integration.test_live_sqlite import SHOP

    run_script(sqlite_url, SHOP)
    assert_same(live(sqlite_url), from_sqlite_dump(sqlite_url))


@pytest.mark.corpus
@pytest.mark.parametrize("path", ["sakila/sqlite-sakila-schema.sql",
                                  "chinook/Chinook_Sqlite_AutoIncrementPKs.schema.sql"])
def test_sqlite_corpus(corpus: Path, sqlite_url: str, path: str) -> None:
    run_script(sqlite_url, (corpus / "real-world" / path).read_text(encoding="utf-8"))
    assert_same(live(sqlite_url), from_sqlite_dump(sqlite_url))
