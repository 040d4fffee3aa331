"""PostgreSQL DDL reader: tables, columns, constraints and the normalisation contract."""

from __future__ import annotations

import pytest

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.postgres import read_postgres
from sekkei.model import Identity, IndexElement, InputError, Notes, Schema, Severity, SqlExpr


def read(sql: str, *, strict: bool = True, dialect: str = "postgres") -> tuple[Schema, Notes]:
    notes = Notes()
    schema = read_postgres(sql, ReadOptions(source="t.sql", strict=strict), notes, dialect)
    return schema, notes


def schema_of(sql: str, **kw: object) -> Schema:
    return read(sql, **kw)[0]  # type: ignore[arg-type]


def test_column_types_are_canonical() -> None:
    s = schema_of("""
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        CREATE TABLE t (
            a int, b int8, c smallint, d varchar(20), e character varying, f numeric(10,2),
            g text[], h int[][], i timestamptz(3), j timestamp without time zone,
            k interval day to second(3), l char, m double precision, n real, o boolean,
            p bytea, q uuid, r jsonb, s mood, t mood[], u tsvector, v public.citext,
            w time with time zone, x bit varying(8), y decimal, z ext.thing
        );""")
    types = {c.name: c.type for c in s.tables["t"].columns.values()}
    assert types == {
        "a": "integer",
        "b": "bigint",
        "c": "smallint",
        "d": "varchar(20)",
        "e": "varchar",
        "f": "numeric(10,2)",
        "g": "text[]",
        "h": "integer[][]",
        "i": "timestamptz(3)",
        "j": "timestamp",
        "k": "interval",
        "l": "char(1)",
        "m": "double",
        "n": "real",
        "o": "boolean",
        "p": "bytes",
        "q": "uuid",
        "r": "jsonb",
        "s": "mood",
        "t": "mood[]",
        "u": "postgres:tsvector",
        "v": "postgres:citext",
        "w": "timetz",
        "x": "varbit(8)",
        "y": "numeric",
        "z": "postgres:ext.thing",
    }
    assert s.tables["t"].columns["k"].native == {"postgres": "interval day to second(3)"}


def test_not_null_null_and_collate() -> None:
    s = schema_of('CREATE TABLE t (a int NOT NULL, b int NULL, c text COLLATE "C" NOT NULL);')
    cols = s.tables["t"].columns
    assert not cols["a"].nullable and cols["b"].nullable and not cols["c"].nullable
    assert cols["c"].collation == "C"


@pytest.mark.parametrize(
    ("default", "expected"),
    [
        ("0", 0),
        ("(0)", 0),
        ("'x'", "x"),
        ("'it''s'", "it's"),
        ("'x'::character varying", "x"),
        ("true", True),
        ("1.5", 1.5),
        ("NULL", None),
        ("now()", SqlExpr(sql="now()")),
        ("CURRENT_TIMESTAMP", SqlExpr(sql="CURRENT_TIMESTAMP")),
        ("('now'::text)::date", SqlExpr(sql="('now'::text)::date")),
        ("char_length('abc')", SqlExpr(sql="char_length('abc')")),
    ],
)
def test_defaults_keep_literals_and_original_spelling(default: str, expected: object) -> None:
    column_type = "integer" if default in {"0", "(0)"} else "text"
    if default == "true":
        column_type = "boolean"
    if default == "1.5":
        column_type = "numeric"
    s = schema_of(f"CREATE TABLE t (a {column_type} DEFAULT {default} NOT NULL, b int);")
    assert s.tables["t"].columns["a"].default == expected
    assert not s.tables["t"].columns["a"].nullable


def test_default_ends_at_next_clause_and_keeps_comments_inside() -> None:
    s = schema_of("""CREATE TABLE t (
        a int DEFAULT 1 + /* one */ 2 -- trailing
            CHECK (a > 0),
        b text DEFAULT 'a,b' COLLATE "C",
        c int DEFAULT (1)
    );""")
    cols = s.tables["t"].columns
    assert cols["a"].default == SqlExpr(sql="1 + /* one */ 2")
    assert cols["b"].default == "a,b"
    assert cols["c"].default == 1


def test_serial_types_become_serial_identities() -> None:
    s = schema_of("CREATE TABLE t (id serial PRIMARY KEY, big bigserial, small smallserial);")
    cols = s.tables["t"].columns
    assert (cols["id"].type, cols["id"].identity) == ("integer", Identity(generated="serial"))
    assert (cols["big"].type, cols["small"].type) == ("bigint", "smallint")
    assert not cols["big"].nullable
    assert s.sequences == {}


def test_pg_dump_serial_shape() -> None:
    s = schema_of("""
        CREATE TABLE public.t (id integer NOT NULL, name text);
        CREATE SEQUENCE public.t_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE
            NO MAXVALUE CACHE 1;
        ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;
        ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);
        ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
    """)
    column = s.tables["t"].columns["id"]
    assert column.identity == Identity(generated="serial")
    assert column.default is None
    assert s.sequences == {}
    assert s.tables["t"].primary_key is not None and s.tables["t"].primary_key.name is None


def test_old_pg_dump_serial_without_owned_by() -> None:
    s = schema_of("""
        CREATE SEQUENCE actor_actor_id_seq START WITH 1 INCREMENT BY 1 NO MAXVALUE NO MINVALUE CACHE 1;
        CREATE TABLE actor (actor_id integer DEFAULT nextval('actor_actor_id_seq'::regclass) NOT NULL);
    """)
    assert s.tables["actor"].columns["actor_id"].identity == Identity(generated="serial")


def test_identity_inline_and_by_alter_table() -> None:
    s = schema_of("""
        CREATE TABLE a (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5),
                        n int GENERATED ALWAYS AS IDENTITY);
        CREATE TABLE public.b (id integer NOT NULL);
        ALTER TABLE public.b ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
            SEQUENCE NAME public.b_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1);
    """)
    assert s.tables["a"].columns["id"].identity == Identity(generated="by_default", start=10, increment=5)
    assert s.tables["a"].columns["n"].identity == Identity(generated="always")
    assert not s.tables["a"].columns["n"].nullable
    assert s.tables["b"].columns["id"].identity == Identity(generated="always")


def test_generated_columns_keep_their_expression() -> None:
    s = schema_of("""CREATE TABLE t (a numeric, b numeric GENERATED ALWAYS AS (round(a / 60.0, 2)) STORED,
                     c numeric GENERATED ALWAYS AS (a * 2) VIRTUAL);""")
    cols = s.tables["t"].columns
    assert cols["b"].generated is not None and cols["b"].generated.sql == "round(a / 60.0, 2)"
    assert cols["b"].generated.stored
    assert cols["c"].generated is not None and not cols["c"].generated.stored


def test_inline_and_table_constraints() -> None:
    s = schema_of("""
        CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE NULLS NOT DISTINCT);
        CREATE TABLE c (
            id int CONSTRAINT c_pk PRIMARY KEY,
            p_id int REFERENCES p (id) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL
                DEFERRABLE INITIALLY DEFERRED,
            q int CONSTRAINT positive CHECK (q > 0),
            r int CHECK (r < q),
            CONSTRAINT c_u UNIQUE (q, r) DEFERRABLE,
            FOREIGN KEY (q) REFERENCES p
        );""")
    p, c = s.tables["p"], s.tables["c"]
    assert p.primary_key is not None and p.primary_key.columns == ("id",)
    assert p.uniques[0].columns == ("code",) and p.uniques[0].nulls_distinct is False
    assert c.primary_key is not None and c.primary_key.name == "c_pk"
    fk = c.foreign_keys[0]
    assert (fk.columns, fk.references.table, fk.references.columns) == (("p_id",), "p", ("id",))
    assert (fk.on_delete, fk.on_update, fk.match, fk.deferrable, fk.initially_deferred) == (
        "cascade",
        "set null",
        "full",
        True,
        True,
    )
    assert c.foreign_keys[1].references.columns == ("id",)  # filled from the target's key
    assert [(k.name, k.sql) for k in c.checks] == [("positive", "q > 0"), (None, "r < q")]
    assert c.uniques[0].name == "c_u" and c.uniques[0].deferrable


def test_default_names_are_dropped() -> None:
    s = schema_of("""
        CREATE TABLE p (id int, CONSTRAINT p_pkey PRIMARY KEY (id));
        CREATE TABLE t (id int CONSTRAINT t_pkey PRIMARY KEY, a int CONSTRAINT t_a_key UNIQUE,
            b int CONSTRAINT t_b_fkey REFERENCES p, c int CONSTRAINT t_c_check CHECK (c > 0),
            d int CONSTRAINT custom CHECK (d > 0));
        CREATE INDEX t_a_idx ON t (a);
        CREATE INDEX t_custom ON t (b);
    """)
    t = s.tables["t"]
    assert t.primary_key is not None and t.primary_key.name is None
    assert t.uniques[0].name is None and t.foreign_keys[0].name is None
    assert [c.name for c in t.checks] == [None, "custom"]
    assert [i.name for i in t.indexes] == [None, "t_custom"]


def test_primary_key_columns_are_not_null() -> None:
    s = schema_of("CREATE TABLE t (a int, b int); ALTER TABLE t ADD PRIMARY KEY (a, b);")
    assert not s.tables["t"].columns["a"].nullable and not s.tables["t"].columns["b"].nullable


def test_exclude_constraint_is_a_warning() -> None:
    _, notes = read("CREATE TABLE t (a int, EXCLUDE USING gist (a WITH =));")
    assert any(n.code == "not-modelled" and "EXCLUDE" in n.message for n in notes.of(Severity.WARNING))


def test_partitions_by_partition_of_and_attach() -> None:
    s = schema_of("""
        CREATE TABLE m (id int NOT NULL, at date NOT NULL, v text DEFAULT 'x') PARTITION BY RANGE (at);
        CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE m_rest PARTITION OF m (v NOT NULL) DEFAULT;
        CREATE TABLE l (k text) PARTITION BY LIST (k);
        CREATE TABLE l_ab (k text);
        ALTER TABLE ONLY l ATTACH PARTITION l_ab FOR VALUES IN ('a', 'b');
        CREATE TABLE h (k int) PARTITION BY HASH (k);
        CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
    """)
    m, m24, rest = s.tables["m"], s.tables["m_2024"], s.tables["m_rest"]
    assert m.partition_by == "RANGE (at)"
    assert m24.partition_of is not None and m24.partition_of.parent == "m"
    assert m24.partition_of.bound == "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
    assert list(m24.columns) == ["id", "at", "v"] and m24.columns["v"].default == "x"
    assert rest.partition_of is not None and rest.partition_of.bound == "DEFAULT"
    assert not rest.columns["v"].nullable
    assert s.tables["l_ab"].partition_of is not None
    assert s.tables["l_ab"].partition_of.bound == "FOR VALUES IN ('a', 'b')"
    assert s.tables["h0"].partition_of is not None
    assert s.tables["h0"].partition_of.bound == "FOR VALUES WITH (MODULUS 2, REMAINDER 0)"


def test_indexes_attached_to_a_parent_index_are_not_separate() -> None:
    s = schema_of("""
        CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
        CREATE TABLE m1 (id int, at date);
        ALTER TABLE ONLY m ATTACH PARTITION m1 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE INDEX m_at_idx ON ONLY m USING btree (at);
        CREATE INDEX m1_at_idx ON m1 USING btree (at);
        CREATE INDEX m1_id_idx ON m1 USING btree (id);
        ALTER INDEX m_at_idx ATTACH PARTITION m1_at_idx;
    """)
    assert len(s.tables["m"].indexes) == 1
    assert [i.columns for i in s.tables["m1"].indexes] == [("id",)]


def test_inherits_copies_parent_columns_and_merges() -> None:
    s = schema_of("""
        CREATE TABLE base (id int NOT NULL, note text);
        CREATE TABLE child (note text DEFAULT 'n', extra int) INHERITS (base);
    """)
    child = s.tables["child"]
    assert list(child.columns) == ["id", "note", "extra"]
    assert child.columns["note"].default == "n" and not child.columns["id"].nullable
    assert child.inherits == ("base",)


def test_like_expands_known_tables_and_rejects_unknown() -> None:
    s = schema_of("""
        CREATE TABLE src (a int NOT NULL DEFAULT 1, b text, CHECK (a > 0));
        CREATE TABLE plain (LIKE src, c int);
        CREATE TABLE full_copy (LIKE src INCLUDING ALL);
    """)
    plain, full = s.tables["plain"], s.tables["full_copy"]
    assert list(plain.columns) == ["a", "b", "c"] and plain.columns["a"].default is None
    assert not plain.columns["a"].nullable
    assert full.columns["a"].default == 1 and len(full.checks) == 1
    with pytest.raises(InputError, match="LIKE names table nowhere"):
        read("CREATE TABLE x (LIKE nowhere);")


def test_storage_options() -> None:
    s = schema_of("""
        CREATE UNLOGGED TABLE u (a int) WITH (fillfactor=70, autovacuum_enabled=false) TABLESPACE fast;
        CREATE TEMP TABLE tmp (a int) ON COMMIT DROP;
    """)
    assert s.tables["u"].options == {
        "postgres": {
            "unlogged": "true",
            "fillfactor": "70",
            "autovacuum_enabled": "false",
            "tablespace": "fast",
        }
    }
    assert s.tables["tmp"].options == {"postgres": {"temporary": "true", "on_commit": "drop"}}


def test_create_table_as_and_select_into_are_skipped_with_a_warning() -> None:
    s, notes = read("""
        CREATE TABLE t (a int);
        CREATE TABLE copy AS SELECT * FROM t;
        SELECT a INTO other FROM t;
        COMMENT ON TABLE copy IS 'ignored quietly';
    """)
    assert list(s.tables) == ["t"]
    warning = [n for n in notes.of(Severity.WARNING) if "CREATE TABLE … AS" in n.message]
    assert warning and "2 times" in warning[0].message


def test_schema_qualified_tables_and_default_namespace() -> None:
    s = schema_of("""
        CREATE SCHEMA sales;
        CREATE TABLE public.a (id int PRIMARY KEY);
        CREATE TABLE sales.b (id int PRIMARY KEY, a_id int REFERENCES public.a);
        CREATE TABLE "Mixed Case" ("Id" int);
    """)
    assert set(s.tables) == {"a", "sales.b", "Mixed Case"}
    assert s.tables["sales.b"].namespace == "sales"
    assert s.tables["sales.b"].foreign_keys[0].references.table == "a"
    assert list(s.tables["Mixed Case"].columns) == ["Id"]


def test_index_elements() -> None:
    s = schema_of("""
        CREATE TABLE t (a text, b text, c int, d int);
        CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_multi ON ONLY public.t USING btree
            (a text_pattern_ops DESC NULLS LAST, (lower(b)), upper(a) COLLATE "C", c ASC NULLS FIRST)
            INCLUDE (d) NULLS NOT DISTINCT WITH (fillfactor = 70) TABLESPACE fast
            WHERE c > 0 AND b <> 'x';
        CREATE INDEX t_gin ON t USING gin (to_tsvector('english', b));
        CREATE INDEX ON t (c DESC);
    """)
    multi, gin, plain = s.tables["t"].indexes
    assert multi.unique and multi.method is None and multi.include == ("d",)
    assert multi.nulls_distinct is False
    assert multi.options == {"fillfactor": "70", "tablespace": "fast"}
    assert multi.where == "c > 0 AND b <> 'x'"
    assert multi.columns == (
        IndexElement(column="a", order="desc", nulls="last", opclass="text_pattern_ops"),
        IndexElement(sql="lower(b)"),
        IndexElement(sql="upper(a)", collation="C"),
        IndexElement(column="c", nulls="first"),
    )
    assert gin.method == "gin" and gin.columns == (IndexElement(sql="to_tsvector('english', b)"),)
    assert plain.name is None and plain.columns == (IndexElement(column="c", order="desc"),)


def test_index_on_unknown_table_is_an_error() -> None:
    with pytest.raises(InputError, match="CREATE INDEX names table nowhere"):
        read("CREATE INDEX i ON nowhere (a);")


def test_index_on_a_partitioned_table_takes_in_equal_partition_indexes() -> None:
    # PostgreSQL attaches a partition's existing equal index rather than creating another
    s = schema_of("""
        CREATE TABLE m (a int, b int) PARTITION BY RANGE (a);
        CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10);
        CREATE INDEX m1_b ON m1 (b);
        CREATE INDEX m1_a ON m1 (a);
        CREATE INDEX m_b ON m (b);
        CREATE INDEX m_a_only ON ONLY m (a);
    """)
    assert [i.name for i in s.tables["m"].indexes] == ["m_b", "m_a_only"]
    assert [i.name for i in s.tables["m1"].indexes] == ["m1_a"]


def test_enum_with_a_space_in_its_name() -> None:
    s = schema_of("""CREATE TYPE "product status" AS ENUM ('in', 'out');
                     CREATE TABLE p (s "product status", t "product status"[]);""")
    assert s.tables["p"].columns["s"].type == '"product status"'
    assert s.tables["p"].columns["t"].type == '"product status"[]'


def test_partitions_have_their_parents_keys() -> None:
    # PostgreSQL creates the parent's primary key and unique constraints on every partition
    s = schema_of("""
        CREATE TABLE m (id int, at date, code text, PRIMARY KEY (id, at), UNIQUE (code, at))
            PARTITION BY RANGE (at);
        CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE m2 (id int NOT NULL, at date NOT NULL, code text);
        ALTER TABLE ONLY m ATTACH PARTITION m2 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
    """)
    for name in ("m1", "m2"):
        part = s.tables[name]
        assert part.primary_key is not None and part.primary_key.columns == ("id", "at")
        assert part.primary_key.name is None and [u.columns for u in part.uniques] == [("code", "at")]
