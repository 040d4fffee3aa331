"""PostgreSQL DDL reader: scripts and dumps (ALTER, search_path, psql commands, errors, positions)."""

from __future__ import annotations

import pytest

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.format import SqlFormat
from sekkei.formats.sql.postgres import read_postgres
from sekkei.model import Identity, InputError, Location, Notes, Schema, Severity, SqlExpr


def read(sql: str, *, strict: bool = True, dialect: str = "postgres") -> tuple[Schema, Notes]:
    notes = Notes()
    return read_postgres(sql, ReadOptions(source="t.sql", strict=strict), notes, dialect), notes


def infos(notes: Notes) -> list[str]:
    return [n.message for n in notes.of(Severity.INFO)]


def test_alter_table_commands_change_the_design() -> None:
    s, notes = read("""
        CREATE TABLE p (id int);
        CREATE TABLE t (a int, b text, c int, d int DEFAULT 1, old int);
        ALTER TABLE IF EXISTS ONLY t
            ADD CONSTRAINT t_p FOREIGN KEY (a) REFERENCES p (id) NOT VALID,
            ADD COLUMN e numeric(5, 2) DEFAULT 0.5 NOT NULL,
            ALTER COLUMN b SET DEFAULT 'x,y',
            ALTER COLUMN d DROP DEFAULT,
            ALTER c SET NOT NULL,
            ALTER COLUMN b TYPE varchar(10),
            DROP COLUMN old;
        ALTER TABLE p ADD PRIMARY KEY (id);
        ALTER TABLE t ADD CONSTRAINT t_u UNIQUE (c), ADD CHECK (c > 0);
        ALTER TABLE t OWNER TO bob, REPLICA IDENTITY FULL, CLUSTER ON t_u, SET (fillfactor = 50);
    """)
    t = s.tables["t"]
    assert list(t.columns) == ["a", "b", "c", "d", "e"]
    assert (t.columns["b"].type, t.columns["b"].default) == ("varchar(10)", "x,y")
    assert t.columns["d"].default is None and not t.columns["c"].nullable
    assert (t.columns["e"].default, t.columns["e"].nullable) == (0.5, False)
    assert t.foreign_keys[0].name == "t_p"
    assert [u.name for u in t.uniques] == ["t_u"] and t.checks[0].sql == "c > 0"
    assert any("NOT VALID" in m for m in infos(notes))
    assert any(m.startswith("skipped 1 ALTER TABLE … REPLICA IDENTITY") for m in infos(notes))
    assert any(m.startswith("skipped 1 ALTER … OWNER TO") for m in infos(notes))


def test_drop_and_rename() -> None:
    s, _ = read("""
        CREATE TABLE p (id int PRIMARY KEY);
        CREATE TABLE t (a int REFERENCES p, b int CHECK (b > 0), c int);
        CREATE INDEX t_c ON t (c);
        ALTER TABLE t DROP CONSTRAINT t_b_check, DROP CONSTRAINT IF EXISTS nothing;
        ALTER TABLE t RENAME COLUMN a TO p_id;
        ALTER TABLE t RENAME CONSTRAINT t_a_fkey TO t_to_p;
        ALTER INDEX t_c RENAME TO t_by_c;
        ALTER TABLE p RENAME TO parent;
        CREATE TABLE gone (x int);
        DROP TABLE gone;
        DROP TABLE IF EXISTS never_created;
        CREATE TYPE e AS ENUM ('a');
        CREATE TABLE u (v e);
        ALTER TYPE e RENAME TO e2;
    """)
    t = s.tables["t"]
    assert list(t.columns) == ["p_id", "b", "c"] and t.checks == ()
    fk = t.foreign_keys[0]
    assert (fk.name, fk.columns, fk.references.table) == ("t_to_p", ("p_id",), "parent")
    assert t.indexes[0].name == "t_by_c"
    assert set(s.tables) == {"parent", "t", "u"}
    assert s.tables["u"].columns["v"].type == "e2"


def test_alter_table_of_a_missing_table() -> None:
    s, _ = read("ALTER TABLE IF EXISTS nowhere ADD COLUMN a int;")
    assert s.tables == {}
    with pytest.raises(InputError, match="ALTER TABLE names table nowhere") as info:
        read("ALTER TABLE nowhere ADD COLUMN a int;\nCREATE INDEX i ON elsewhere (a);")
    assert len(info.value.problems) == 2
    assert info.value.problems[0].location == Location("t.sql", 1, 13)


def test_search_path_places_unqualified_names() -> None:
    s, _ = read("""
        CREATE SCHEMA app;
        SET search_path = app, public;
        CREATE TABLE t (id int PRIMARY KEY);
        CREATE TABLE public.u (t_id int REFERENCES t);
        SET search_path TO DEFAULT;
        CREATE TABLE v (id int);
    """)
    assert set(s.tables) == {"app.t", "u", "v"}
    assert s.tables["u"].foreign_keys[0].references.table == "app.t"


def test_pg_dump_set_config_and_sakila_search_path() -> None:
    s, notes = read("""
        SELECT pg_catalog.set_config('search_path', '', false);
        CREATE TABLE public.a (id int);
        SET search_path = public, pg_catalog;
        CREATE TABLE b (id int);
    """)
    assert set(s.tables) == {"a", "b"}
    assert any(m.startswith("skipped 1 SELECT") for m in infos(notes))


def test_statements_that_are_not_schema_get_one_note_per_kind() -> None:
    sql = (
        "CREATE TABLE t (a int);\n"
        + "INSERT INTO t VALUES (1);\n" * 3362
        + """
        UPDATE t SET a = 2; DELETE FROM t; GRANT SELECT ON t TO bob; REVOKE ALL ON t FROM bob;
        ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO bob; BEGIN; COMMIT; ANALYZE t; VACUUM t;
        CREATE DATABASE other; DROP DATABASE other; SET client_encoding = 'UTF8'; SELECT 1;
        COPY t FROM '/tmp/x.csv';
    """
    )
    _, notes = read(sql)
    messages = infos(notes)
    assert "skipped 3,362 INSERT statements (data, not schema)" in messages
    assert len([m for m in messages if "INSERT" in m]) == 1
    for kind in (
        "UPDATE",
        "DELETE",
        "GRANT",
        "REVOKE",
        "ALTER DEFAULT PRIVILEGES",
        "transaction",
        "ANALYZE",
        "VACUUM",
        "CREATE DATABASE",
        "DROP DATABASE",
        "SET",
        "SELECT",
        "COPY",
    ):
        assert any(
            m.startswith("skipped 1 " + kind) or m.startswith("skipped 2 " + kind) for m in messages
        ), kind
    assert not notes.of(Severity.WARNING)


def test_psql_commands_and_copy_data_are_blanked() -> None:
    sql = (
        "\\restrict abc\n"
        "\\connect shop\n"
        "CREATE TABLE t (a int, b text);\n"
        "COPY public.t (a, b) FROM stdin;\n"
        "1\tx; DROP TABLE t; 'unclosed\n"
        "2\t\\N\n"
        "\\.\n"
        "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$\n"
        "\\not a command inside a body\n"
        "$$;\n"
        "CREATE INDEX t_b ON t (b);\n"
        "\\unrestrict abc\n"
    )
    s, notes = read(sql)
    assert s.tables["t"].indexes[0].loc == Location("t.sql", 11, 1)
    assert "\\not a command" in s.routines[0].sql
    messages = infos(notes)
    assert "skipped 1 COPY data block (data, not schema)" in messages
    assert any(
        m.startswith("skipped 3 psql meta-commands (\\connect, \\restrict, \\unrestrict)") for m in messages
    )


def test_psql_copy_from_stdin_data_is_blanked_too() -> None:
    s, notes = read(
        "CREATE TABLE t (a text);\n\\copy t from stdin\nx'); DROP TABLE t; --\n\\.\n"
        "CREATE INDEX t_a ON t (a);\n"
    )
    assert s.tables["t"].indexes[0].loc == Location("t.sql", 5, 1)
    assert "skipped 1 COPY data block (data, not schema)" in infos(notes)


def test_positions_count_characters_after_japanese_text() -> None:
    sql = (
        "-- 顧客テーブル（日本語のコメント）\n"
        'CREATE TABLE "顧客" (\n'
        "    \"名前\" text DEFAULT '山田' NOT NULL, -- 名前です\n"
        '    id int, CONSTRAINT "顧客_pk" PRIMARY KEY (id), CHECK ("名前" <> \'太郎\')\n'
        ");\n"
        "/* コメント */ COMMENT ON TABLE \"顧客\" IS 'お客様';\n"
    )
    s, _ = read(sql)
    table = s.tables["顧客"]
    assert table.loc == Location("t.sql", 2, 1)
    assert table.columns["名前"].loc == Location("t.sql", 3, 5)
    assert table.columns["名前"].default == "山田"
    assert table.columns["id"].loc == Location("t.sql", 4, 5)
    assert table.primary_key is not None and table.primary_key.loc == Location("t.sql", 4, 13)
    assert table.checks[0].sql == "\"名前\" <> '太郎'"
    assert table.checks[0].loc == Location("t.sql", 4, 50)
    assert table.comment == "お客様"


def test_syntax_errors_are_located_and_all_reported() -> None:
    sql = (
        "CREATE TABLE ok (a int);\n"
        "CREATE TABLE bad (a int,, b int);\n"
        "-- 日本語\n"
        "CREATE INDEX ON ok (a) WHERE;\n"
        "CREATE FUNCTION f( RETURNS int AS 'x' LANGUAGE sql;\n"
    )
    with pytest.raises(InputError) as info:
        read(sql)
    problems = info.value.problems
    assert [p.location for p in problems] == [Location("t.sql", 2, 25), Location("t.sql", 4, 29)]
    assert problems[0].message == ('PostgreSQL cannot parse this CREATE TABLE: syntax error at or near ","')
    assert 'at or near ";"' in problems[1].message or "end of input" in problems[1].message
    s, notes = read(sql, strict=False)
    assert list(s.tables) == ["ok"]
    warned = [n for n in notes.of(Severity.WARNING) if n.code == "syntax"]
    assert len(warned) == 3 and warned[2].message.endswith("; it was skipped")


def test_error_position_counts_characters_within_the_statement() -> None:
    # libpg_query reports a character index into the statement; the file position must match
    with pytest.raises(InputError) as info:
        read('SELECT 1;\nCREATE TABLE "日本語の表" (名前 text,, b int);')
    assert info.value.problems[0].location == Location("t.sql", 2, 31)  # the second comma


def test_a_bad_function_is_only_a_warning() -> None:
    # the unclosed "(" would make the scanner (like psql) run on to the end of the file;
    # the reader cuts the failed text at each ";" so that only the function is lost
    s, notes = read("CREATE FUNCTION f( RETURNS int;\nCREATE TABLE t (a int);")
    assert list(s.tables) == ["t"]
    warning = notes.of(Severity.WARNING)[0]
    assert warning.location is not None and warning.location.line == 1
    assert "CREATE FUNCTION" in warning.message


def test_unterminated_string_swallows_the_rest() -> None:
    with pytest.raises(InputError, match="unterminated quoted string") as info:
        read("CREATE TABLE t (a int);\nCREATE TABLE u (a text DEFAULT 'oops);\nCREATE TABLE v (a int);")
    assert info.value.problems[0].location == Location("t.sql", 2, 32)


def test_pagila_identity_shape_and_dump_header() -> None:
    s, _ = read("""
        SET statement_timeout = 0;
        SELECT pg_catalog.set_config('search_path', '', false);
        CREATE TABLE public.packages (id integer NOT NULL, data jsonb);
        ALTER TABLE public.packages OWNER TO postgres;
        ALTER TABLE public.packages ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
            SEQUENCE NAME public.newaptdata_id_seq START WITH 1 INCREMENT BY 1
            NO MINVALUE NO MAXVALUE CACHE 1);
    """)
    assert s.tables["packages"].columns["id"].identity == Identity(generated="always")


def test_yugabyte_clauses_are_left_out_with_one_warning() -> None:
    s, notes = read(
        """
        CREATE TABLE t (a int, b text, PRIMARY KEY (a HASH)) SPLIT INTO 4 TABLETS;
        CREATE INDEX NONCONCURRENTLY t_b ON t USING lsm (b ASC);
        CREATE INDEX NONCONCURRENTLY t_b2 ON t USING lsm (b DESC);
    """,
        dialect="yugabytedb",
    )
    t = s.tables["t"]
    assert t.primary_key is not None and t.primary_key.columns == ("a",)
    assert [(i.name, i.method) for i in t.indexes] == [("t_b", None), ("t_b2", None)]
    warned = [n.message for n in notes.of(Severity.WARNING)]
    assert warned == [
        "yugabytedb syntax that PostgreSQL does not have was left out: HASH key "
        "ordering, SPLIT …, NONCONCURRENTLY (2 times)"
    ]


def test_cockroach_index_and_family_inside_create_table() -> None:
    s, notes = read(
        """
        CREATE TABLE t (
            id INT PRIMARY KEY,
            name STRING NOT NULL,
            tags STRING[],
            UNIQUE INDEX t_name_key (name ASC),
            INDEX t_tags (tags DESC) STORING (id),
            INVERTED INDEX t_inv (tags),
            FAMILY "primary" (id, name, tags)
        );
    """,
        dialect="cockroachdb",
    )
    t = s.tables["t"]
    assert (t.columns["id"].type, t.columns["name"].type, t.columns["tags"].type) == (
        "bigint",
        "text",
        "text[]",
    )
    assert all(not c.native for c in t.columns.values())  # no CockroachDB spelling kept as PostgreSQL's
    assert [(i.name, i.unique, i.method) for i in t.indexes] == [
        ("t_name_key", True, None),
        ("t_tags", False, None),
        ("t_inv", False, "gin"),
    ]
    assert t.indexes[1].include == ("id",)
    assert any("INDEX" in n.message and "FAMILY" in n.message for n in notes.of(Severity.WARNING))


def test_sql_format_routes_postgres_family_here() -> None:
    notes = Notes()
    schema = SqlFormat().read("CREATE TABLE t (id serial);", ReadOptions(dialect="yugabyte"), notes)
    assert schema.dialect == "yugabytedb"
    assert schema.tables["t"].columns["id"].identity == Identity(generated="serial")


def test_limits_and_encoding() -> None:
    with pytest.raises(InputError, match="more than the limit"):
        read_postgres("CREATE TABLE t (a int);", ReadOptions(max_bytes=5), Notes())
    with pytest.raises(InputError, match="not valid Unicode"):
        read("CREATE TABLE t (a text DEFAULT '\udc80');")


def test_default_keeps_expression_text_with_casts() -> None:
    s, _ = read("CREATE TABLE t (a text[] DEFAULT ARRAY[]::text[], b numeric DEFAULT (0)::numeric);")
    assert s.tables["t"].columns["a"].default == SqlExpr(sql="ARRAY[]::text[]")
    assert s.tables["t"].columns["b"].default == 0


def test_offsets_stay_exact_across_chunks_and_the_parsing_thread() -> None:
    # 600 tables fill more chunks than the threaded path needs; every line has Japanese text
    parts = []
    for i in range(600):
        parts.append(
            f"-- テーブル{i}の説明（日本語）\nCREATE TABLE t{i} (\n"
            f"    名前{i} text DEFAULT '値{i}' CHECK (名前{i} <> 'だめ'), id int\n);\n"
            f"COMMENT ON TABLE t{i} IS '表{i}';\n"
        )
    s, _ = read("".join(parts))
    last = s.tables["t599"]
    assert last.loc == Location("t.sql", 599 * 5 + 2, 1)
    assert last.columns["名前599"].loc == Location("t.sql", 599 * 5 + 3, 5)
    assert last.columns["名前599"].default == "値599"
    assert last.checks[0].sql == "名前599 <> 'だめ'" and last.comment == "表599"
    assert last.checks[0].loc == Location("t.sql", 599 * 5 + 3, 31)
