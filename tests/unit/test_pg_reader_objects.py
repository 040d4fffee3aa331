"""PostgreSQL DDL reader: enums, domains, sequences, views, comments, schemas and routines."""

from __future__ import annotations

import pytest

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.postgres import read_postgres
from sekkei.model import InputError, Notes, Schema, Severity, SqlExpr


def read(sql: str, *, strict: bool = True) -> tuple[Schema, Notes]:
    notes = Notes()
    return read_postgres(sql, ReadOptions(source="t.sql", strict=strict), notes), notes


def test_enums_and_alter_type() -> None:
    s, _ = read("""
        CREATE TYPE public.mood AS ENUM ('sad', 'happy');
        ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy';
        ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy';
        ALTER TYPE mood ADD VALUE IF NOT EXISTS 'sad';
        ALTER TYPE mood ADD VALUE 'last';
        ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
        CREATE TYPE app.state AS ENUM ();
        CREATE TABLE t (m mood DEFAULT 'ok'::mood);
    """)
    assert s.enums["mood"].values == ("blue", "ok", "happy", "ecstatic", "last")
    assert s.enums["app.state"].values == ()
    assert s.tables["t"].columns["m"].type == "mood"
    assert s.tables["t"].columns["m"].default == "ok"


def test_other_types_are_kept_as_text() -> None:
    s, _ = read("""
        CREATE TYPE pair AS (a int, b text);
        CREATE TYPE floatrange AS RANGE (subtype = float8);
        CREATE TABLE t (p pair);
    """)
    assert [(r.name, r.kind) for r in s.routines] == [("pair", "other"), ("floatrange", "other")]
    assert s.routines[0].sql == "CREATE TYPE pair AS (a int, b text)"
    assert s.tables["t"].columns["p"].type == "postgres:pair"


def test_domains() -> None:
    s, _ = read("""
        CREATE DOMAIN public."bıgınt" AS bigint;
        CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
        CREATE DOMAIN email AS text COLLATE "C" NOT NULL DEFAULT 'none'
            CONSTRAINT has_at CHECK (VALUE LIKE '%@%') CHECK (length(VALUE) < 200);
        CREATE TABLE t (id "bıgınt", y year, e email);
    """)
    assert s.domains["bıgınt"].type == "bigint"
    assert [(c.name, c.sql) for c in s.domains["year"].checks] == [(None, "VALUE >= 1901 AND VALUE <= 2155")]
    email = s.domains["email"]
    assert (email.nullable, email.default, email.collation) == (False, "none", "C")
    assert [c.name for c in email.checks] == ["has_at", None]
    assert [c.type for c in s.tables["t"].columns.values()] == ["bıgınt", "year", "email"]


def test_sequences_and_owned_by() -> None:
    s, _ = read("""
        CREATE TABLE t (id bigint, n int);
        CREATE SEQUENCE s1 AS integer START WITH 100 INCREMENT BY 10 MINVALUE 5 MAXVALUE 1000 CACHE 20 CYCLE;
        CREATE SEQUENCE s2 START 1 INCREMENT 1 NO MINVALUE NO MAXVALUE CACHE 1;
        CREATE SEQUENCE s3;
        ALTER SEQUENCE s3 OWNED BY t.n;
        CREATE SEQUENCE s4 INCREMENT BY -1;
    """)
    s1 = s.sequences["s1"]
    assert (s1.type, s1.start, s1.increment, s1.min_value, s1.max_value, s1.cache, s1.cycle) == (
        "integer",
        100,
        10,
        5,
        1000,
        20,
        True,
    )
    s2 = s.sequences["s2"]
    assert (s2.type, s2.start, s2.increment, s2.min_value, s2.max_value, s2.cache) == (None,) * 6
    assert s.sequences["s3"].owned_by == "t.n"
    s4 = s.sequences["s4"]
    assert (s4.increment, s4.start, s4.max_value) == (-1, None, None)


def test_alter_sequence_of_an_implicit_sequence_is_passed_over() -> None:
    s, notes = read("CREATE TABLE t (id serial); ALTER SEQUENCE t_id_seq RESTART WITH 100;")
    assert s.sequences == {}
    assert any("ALTER SEQUENCE" in n.message for n in notes)


def test_views_keep_their_query_as_written() -> None:
    s, _ = read("""
        CREATE TABLE t (a int, b text);
        CREATE OR REPLACE VIEW v (x, y) WITH (security_barrier) AS
            SELECT a, upper(b) -- shout
            FROM t WHERE a > 0
            WITH LOCAL CHECK OPTION;
        CREATE VIEW w AS WITH data AS (SELECT a FROM t) SELECT * FROM data;
        CREATE MATERIALIZED VIEW m AS SELECT count(*) AS n FROM t WITH NO DATA;
        CREATE UNIQUE INDEX m_n ON m (n);
        COMMENT ON MATERIALIZED VIEW m IS 'totals';
    """)
    v = s.views["v"]
    assert v.sql == "SELECT a, upper(b) -- shout\n            FROM t WHERE a > 0"
    assert v.columns == ("x", "y") and v.check_option == "local"
    assert s.views["w"].sql == "WITH data AS (SELECT a FROM t) SELECT * FROM data"
    m = s.views["m"]
    assert m.materialized and m.sql == "SELECT count(*) AS n FROM t" and m.comment == "totals"
    assert [(i.name, i.unique) for i in m.indexes] == [("m_n", True)]


def test_comments_land_on_their_objects() -> None:
    s, notes = read("""
        CREATE SCHEMA app;
        CREATE TYPE app.mood AS ENUM ('a');
        CREATE DOMAIN d AS int CONSTRAINT d_positive CHECK (VALUE > 0);
        CREATE SEQUENCE q;
        CREATE TABLE app.t (id int CONSTRAINT t_pk PRIMARY KEY, note text);
        CREATE INDEX t_note ON app.t (note);
        CREATE VIEW v AS SELECT 1 AS one;
        CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        COMMENT ON SCHEMA app IS 'the app';
        COMMENT ON SCHEMA public IS 'standard public schema';
        COMMENT ON TYPE app.mood IS 'feelings';
        COMMENT ON DOMAIN d IS 'positive';
        COMMENT ON CONSTRAINT d_positive ON DOMAIN d IS 'must be positive';
        COMMENT ON SEQUENCE q IS 'numbers';
        COMMENT ON TABLE app.t IS '表';
        COMMENT ON COLUMN app.t.note IS 'メモ';
        COMMENT ON CONSTRAINT t_pk ON app.t IS 'key';
        COMMENT ON INDEX app.t_note IS 'by note';
        COMMENT ON VIEW v IS 'a view';
        COMMENT ON FUNCTION f() IS 'not kept';
        COMMENT ON EXTENSION pg_trgm IS 'not kept';
        COMMENT ON COLUMN app.t.note IS NULL;
    """)
    t = s.tables["app.t"]
    assert s.namespaces["app"].comment == "the app" and s.comment is None
    assert s.enums["app.mood"].comment == "feelings"
    assert s.domains["d"].comment == "positive" and s.domains["d"].checks[0].comment == "must be positive"
    assert s.sequences["q"].comment == "numbers"
    assert t.comment == "表" and t.columns["note"].comment is None
    assert t.primary_key is not None and t.primary_key.comment == "key"
    assert t.indexes[0].comment == "by note"
    assert s.views["v"].comment == "a view"
    skipped = [n.message for n in notes if n.code == "comment-skipped"]
    assert skipped == ["comment on function is not kept", "comment on extension is not kept"]


def test_comment_on_a_missing_table_is_an_error() -> None:
    with pytest.raises(InputError, match="COMMENT ON TABLE names nowhere"):
        read("COMMENT ON TABLE nowhere IS 'x';")


def test_schemas_with_elements_and_extensions() -> None:
    s, _ = read("""
        CREATE SCHEMA AUTHORIZATION alice;
        CREATE SCHEMA hr AUTHORIZATION bob
            CREATE TABLE staff (id int PRIMARY KEY, boss int REFERENCES staff)
            CREATE VIEW bosses AS SELECT boss FROM staff
            CREATE INDEX staff_boss ON staff (boss)
            GRANT SELECT ON staff TO bob;
        CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA ext VERSION '1.1' CASCADE;
        CREATE OR REPLACE PROCEDURAL LANGUAGE plpgsql;
    """)
    assert set(s.namespaces) >= {"alice", "hr"}
    assert s.tables["hr.staff"].foreign_keys[0].references.table == "hr.staff"
    assert s.views["hr.bosses"].sql == "SELECT boss FROM staff"
    assert s.tables["hr.staff"].indexes[0].name == "staff_boss"
    ext = s.extensions["uuid-ossp"]
    assert ext.version == "1.1"  # WITH SCHEMA waits for a model fix (see the reader)
    assert "plpgsql" not in s.extensions


def test_routines_are_kept_with_their_signature() -> None:
    s, _ = read("""
        CREATE FUNCTION public.add(a integer, b character varying, OUT c text, VARIADIC d int[])
            RETURNS text LANGUAGE sql AS $$ SELECT 'x; y' $$;
        CREATE OR REPLACE FUNCTION add(a integer, b character varying, OUT c text, VARIADIC d int[])
            RETURNS text LANGUAGE sql AS $$ SELECT 'replaced' $$;
        CREATE PROCEDURE app.p(int, INOUT x text) LANGUAGE sql AS 'select 1';
        CREATE AGGREGATE group_concat(text) (SFUNC = textcat, STYPE = text);
        CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);
        CREATE CAST (text AS int) WITH INOUT;
        CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
    """)
    got = [(r.key, r.kind, r.signature) for r in s.routines]
    assert got == [
        ("add(integer, character varying, integer[])", "function", "(integer, character varying, integer[])"),
        ("app.p(integer, text)", "procedure", "(integer, text)"),
        ("group_concat(text)", "aggregate", "(text)"),
        ("===(integer, integer)", "operator", "(integer, integer)"),
        ("cast(text AS integer)", "cast", "(text AS integer)"),
        ("f()", "function", "()"),
    ]
    assert "'replaced'" in s.routines[0].sql
    assert s.routines[-1].sql.endswith("SELECT 1; SELECT 2; END")


def test_triggers_and_rules_stay_on_their_table() -> None:
    s, _ = read("""
        CREATE TABLE t (a int);
        CREATE VIEW v AS SELECT a FROM t;
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE RULE t_no_delete AS ON DELETE TO t DO INSTEAD NOTHING;
        CREATE TRIGGER v_insert INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION touch();
    """)
    triggers = s.tables["t"].triggers
    assert [t.name for t in triggers] == ["t_touch", "t_no_delete"]
    assert triggers[0].sql.startswith("CREATE TRIGGER t_touch BEFORE UPDATE ON t")
    assert [r.name for r in s.routines if r.kind == "other"] == ["v_insert"]


def test_unmodelled_objects_are_warnings() -> None:
    _, notes = read("""
        CREATE TABLE t (a int);
        ALTER TABLE t ENABLE ROW LEVEL SECURITY;
        CREATE POLICY p ON t USING (true);
        CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f();
        CREATE PUBLICATION pub FOR TABLE t;
    """)
    warned = {n.message.split(" is not part")[0] for n in notes.of(Severity.WARNING)}
    assert warned == {
        "row level security (ALTER TABLE … ROW LEVEL SECURITY)",
        "CREATE POLICY",
        "CREATE EVENT TRIGGER",
        "CREATE PUBLICATION",
    }


def test_default_expression_on_domain_column() -> None:
    s, _ = read("CREATE DOMAIN d AS int; CREATE TABLE t (a d DEFAULT 5, b d DEFAULT abs(-5));")
    assert s.tables["t"].columns["a"].default == 5
    assert s.tables["t"].columns["b"].default == SqlExpr(sql="abs(-5)")
