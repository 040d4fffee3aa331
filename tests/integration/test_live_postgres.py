"""Reading a live PostgreSQL database: every construct the model carries, read exactly."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sekkei.formats.live import read_database
from sekkei.model import (
    Check,
    Domain,
    ForeignKey,
    Generated,
    Identity,
    Index,
    IndexElement,
    Notes,
    PartitionOf,
    PrimaryKey,
    Reference,
    Sequence,
    SqlExpr,
    Unique,
)
from tests.helpers.db import catalog_counts, run_script
from tests.helpers.live import read

pytestmark = pytest.mark.integration


FILM = """
CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE TABLE language (language_id serial PRIMARY KEY, name character(20) NOT NULL);
CREATE TABLE film (
    film_id serial PRIMARY KEY,
    title character varying(255) NOT NULL,
    description text,
    release_year year,
    language_id smallint NOT NULL REFERENCES language ON UPDATE CASCADE ON DELETE RESTRICT,
    rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,
    rating mpaa_rating DEFAULT 'G',
    last_update timestamp with time zone DEFAULT now() NOT NULL,
    special_features text[],
    ratings mpaa_rating[] DEFAULT '{G,PG}',
    fulltext tsvector NOT NULL,
    title_length integer GENERATED ALWAYS AS (length(title)) STORED,
    code text COLLATE "C"
);
"""


def test_film_columns_types_and_defaults(pg_url: str) -> None:
    run_script(pg_url, FILM)
    schema, notes = read(pg_url)
    film = schema.tables["film"]
    columns = film.columns
    assert list(columns) == ["film_id", "title", "description", "release_year", "language_id",
                             "rental_rate", "rating", "last_update", "special_features", "ratings",
                             "fulltext", "title_length", "code"]
    assert columns["film_id"].type == "integer"
    assert columns["film_id"].identity == Identity(generated="serial")
    assert columns["film_id"].default is None
    assert columns["title"].type == "varchar(255)"
    assert columns["title"].nullable is False
    assert columns["release_year"].type == "year"
    assert columns["rental_rate"].default == 4.99
    assert columns["rating"].type == "mpaa_rating"
    assert columns["rating"].default == "G"
    assert columns["last_update"].type == "timestamptz"
    assert columns["last_update"].default == SqlExpr(sql="now()")
    assert columns["special_features"].type == "text[]"
    assert columns["ratings"].type == "mpaa_rating[]"
    assert columns["fulltext"].type == "postgres:tsvector"
    assert columns["title_length"].generated == Generated(sql="length((title)::text)", stored=True)
    assert columns["code"].collation == "C"
    assert schema.tables["language"].columns["name"].type == "char(20)"
    assert film.primary_key == PrimaryKey(columns=("film_id",))
    assert film.foreign_keys == (ForeignKey(columns=("language_id",),
                                            references=Reference(table="language", columns=("language_id",)),
                                            on_update="cascade", on_delete="restrict"),)
    assert schema.enums["mpaa_rating"].values == ("G", "PG", "PG-13", "R", "NC-17")
    # expressions are spelled as pg_dump writes them, the server's parentheses kept
    assert schema.domains["year"] == Domain(
        name="year", type="integer", checks=(Check(sql="((VALUE >= 1901) AND (VALUE <= 2155))"),))
    # the serial columns' sequences are part of their columns
    assert schema.sequences == {}
    assert schema.dialect == "postgres"
    assert not notes.items


def test_serial_in_pg_dump_shape(pg_url: str) -> None:
    """Sequence, then OWNED BY, then SET DEFAULT nextval(): the way pg_dump writes serial."""
    run_script(pg_url, """
        CREATE TABLE public.actor (actor_id integer NOT NULL, name text);
        CREATE SEQUENCE public.actor_actor_id_seq AS integer START WITH 1 INCREMENT BY 1
            NO MINVALUE NO MAXVALUE CACHE 1;
        ALTER SEQUENCE public.actor_actor_id_seq OWNED BY public.actor.actor_id;
        ALTER TABLE ONLY public.actor ALTER COLUMN actor_id
            SET DEFAULT nextval('public.actor_actor_id_seq'::regclass);
        ALTER TABLE ONLY public.actor ADD CONSTRAINT actor_pkey PRIMARY KEY (actor_id);
        -- a sequence with its own options is a design decision, not a serial
        CREATE TABLE ticket (no bigint NOT NULL);
        CREATE SEQUENCE ticket_no_seq START WITH 1000 INCREMENT BY 10 CACHE 20 OWNED BY ticket.no;
        ALTER TABLE ticket ALTER COLUMN no SET DEFAULT nextval('ticket_no_seq');
        CREATE SEQUENCE invoice_seq AS smallint CYCLE;
    """)
    schema, _ = read(pg_url)
    actor = schema.tables["actor"]
    assert actor.columns["actor_id"].identity == Identity(generated="serial")
    assert actor.columns["actor_id"].default is None
    assert actor.primary_key == PrimaryKey(columns=("actor_id",))
    ticket = schema.tables["ticket"].columns["no"]
    assert ticket.identity is None
    assert ticket.default == SqlExpr(sql="nextval('public.ticket_no_seq'::regclass)")
    assert schema.sequences == {
        "ticket_no_seq": Sequence(name="ticket_no_seq", start=1000, increment=10, cache=20,
                                  owned_by="ticket.no"),
        "invoice_seq": Sequence(name="invoice_seq", type="smallint", cycle=True),
    }


def test_identity_columns(pg_url: str) -> None:
    run_script(pg_url, """
        CREATE TABLE a (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
        CREATE TABLE b (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY 5));
    """)
    schema, _ = read(pg_url)
    assert schema.tables["a"].columns["id"].identity == Identity(generated="always")
    assert schema.tables["b"].columns["id"].identity == Identity(generated="by_default", start=100,
                                                                 increment=5)
    assert schema.tables["b"].columns["id"].nullable is False
    # identity sequences belong to their column
    assert schema.sequences == {}


def test_domains_and_enums(pg_url: str) -> None:
    run_script(pg_url, """
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE DOMAIN positive AS numeric(10,2) NOT NULL DEFAULT 1 CHECK (VALUE > 0);
        CREATE DOMAIN code AS varchar(8) COLLATE "C" CONSTRAINT code_format CHECK (VALUE ~ '^[A-Z]+$');
        CREATE DOMAIN feeling AS mood DEFAULT 'ok';
        CREATE TABLE diary (id int, price positive, c code, f feeling, moods mood[] NOT NULL);
        COMMENT ON TYPE mood IS '気分';
        COMMENT ON DOMAIN positive IS '正の数';
    """)
    schema, _ = read(pg_url)
    assert schema.enums["mood"].values == ("sad", "ok", "happy")
    assert schema.enums["mood"].comment == "気分"
    assert schema.domains["positive"] == Domain(
        name="positive", type="numeric(10,2)", nullable=False, default=1,
        checks=(Check(sql="(VALUE > (0)::numeric)"),), comment="正の数")
    assert schema.domains["code"] == Domain(
        name="code", type="varchar(8)", collation="C",
        checks=(Check(name="code_format", sql="((VALUE)::text ~ '^[A-Z]+$'::text)"),))
    assert schema.domains["feeling"] == Domain(name="feeling", type="mood", default="ok")
    diary = schema.tables["diary"].columns
    # a domain's NOT NULL and default are the domain's, not the column's
    assert diary["price"].type == "positive"
    assert diary["price"].nullable is True
    assert diary["price"].default is None
    assert diary["f"].type == "feeling"
    assert diary["moods"].type == "mood[]"
    assert diary["moods"].nullable is False


def test_indexes(pg_url: str) -> None:
    run_script(pg_url, """
        CREATE TABLE doc (id int PRIMARY KEY, title text, body jsonb, owner int, created date,
                          tags text[], CONSTRAINT doc_title_key UNIQUE (title));
        CREATE INDEX doc_lower ON doc (lower(title) text_pattern_ops DESC NULLS LAST)
            INCLUDE (created) WHERE owner IS NOT NULL;
        CREATE INDEX ON doc USING gin (body jsonb_path_ops);
        CREATE INDEX ON doc USING gin (tags);
        CREATE UNIQUE INDEX doc_owner_title ON doc (owner, title COLLATE "C") NULLS NOT DISTINCT;
        CREATE INDEX doc_created ON doc USING brin (created) WITH (pages_per_range = 16);
        CREATE INDEX ON doc (created DESC, owner NULLS FIRST);
        CREATE INDEX ON doc (owner);
        COMMENT ON INDEX doc_created IS '作成日';
    """)
    schema, _ = read(pg_url)
    doc = schema.tables["doc"]
    assert doc.uniques == (Unique(columns=("title",)),)
    by_name = {index.name: index for index in doc.indexes}
    assert by_name["doc_lower"] == Index(
        name="doc_lower",
        columns=(IndexElement(sql="lower(title)", order="desc", nulls="last", opclass="text_pattern_ops"),),
        where="(owner IS NOT NULL)", include=("created",))
    assert by_name["doc_owner_title"] == Index(
        name="doc_owner_title", columns=("owner", IndexElement(column="title", collation="C")),
        unique=True, nulls_distinct=False)
    assert by_name["doc_created"] == Index(name="doc_created", columns=("created",), method="brin",
                                           options={"pages_per_range": "16"}, comment="作成日")
    # names PostgreSQL chose itself are left out
    unnamed = [index for index in doc.indexes if index.name is None]
    assert Index(columns=(IndexElement(column="body", opclass="jsonb_path_ops"),), method="gin") in unnamed
    assert Index(columns=("tags",), method="gin") in unnamed
    assert Index(columns=(IndexElement(column="created", order="desc"),
                          IndexElement(column="owner", nulls="first"))) in unnamed
    assert Index(columns=("owner",)) in unnamed
    assert len(doc.indexes) == 7
    assert catalog_counts(pg_url).indexes == 7


def test_constraints(pg_url: str) -> None:
    run_script(pg_url, """
        CREATE TABLE parent (a int, b int, CONSTRAINT parent_pk PRIMARY KEY (a, b),
                             CONSTRAINT late UNIQUE (b) DEFERRABLE INITIALLY DEFERRED,
                             UNIQUE NULLS NOT DISTINCT (a));
        CREATE TABLE child (
            id int PRIMARY KEY,
            a int, b int, qty int CHECK (qty > 0),
            CONSTRAINT to_parent FOREIGN KEY (a, b) REFERENCES parent MATCH FULL
                ON DELETE SET NULL DEFERRABLE,
            CONSTRAINT sane CHECK (a < b OR b IS NULL),
            FOREIGN KEY (a, b) REFERENCES parent (a, b) ON DELETE CASCADE
        );
        CREATE TABLE booking (during tsrange, EXCLUDE USING gist (during WITH &&));
        COMMENT ON CONSTRAINT sane ON child IS '整合';
        COMMENT ON CONSTRAINT to_parent ON child IS '親';
        COMMENT ON CONSTRAINT parent_pk ON parent IS '主キー';
    """)
    schema, notes = read(pg_url)
    parent = schema.tables["parent"]
    assert parent.primary_key == PrimaryKey(name="parent_pk", columns=("a", "b"), comment="主キー")
    assert Unique(name="late", columns=("b",), deferrable=True, initially_deferred=True) in parent.uniques
    assert Unique(columns=("a",), nulls_distinct=False) in parent.uniques
    child = schema.tables["child"]
    assert len(child.checks) == 2
    assert Check(sql="(qty > 0)") in child.checks
    assert Check(name="sane", sql="((a < b) OR (b IS NULL))", comment="整合") in child.checks
    assert ForeignKey(name="to_parent", columns=("a", "b"),
                      references=Reference(table="parent", columns=("a", "b")), match="full",
                      on_delete="set null", deferrable=True, comment="親") in child.foreign_keys
    assert ForeignKey(columns=("a", "b"), references=Reference(table="parent", columns=("a", "b")),
                      on_delete="cascade") in child.foreign_keys
    assert [n.code for n in notes if "exclusion" in n.message] == ["live-skipped"]


def test_partitions_and_inheritance(pg_url: str) -> None:
    run_script(pg_url, """
        CREATE TABLE customer (id int PRIMARY KEY);
        CREATE TABLE payment (
            payment_id int GENERATED ALWAYS AS IDENTITY,
            customer_id int REFERENCES customer,
            amount numeric(5,2) CHECK (amount >= 0),
            payment_date date NOT NULL,
            PRIMARY KEY (payment_id, payment_date)
        ) PARTITION BY RANGE (payment_date);
        CREATE TABLE payment_p2022_01 PARTITION OF payment
            FOR VALUES FROM ('2022-01-01') TO ('2022-02-01');
        CREATE TABLE payment_rest PARTITION OF payment DEFAULT;
        CREATE INDEX ON payment (customer_id);
        CREATE INDEX own_idx ON payment_rest (amount);
        CREATE TABLE city (name text, population int);
        CREATE TABLE capital (state char(2)) INHERITS (city);
    """)
    schema, _ = read(pg_url)
    payment = schema.tables["payment"]
    assert payment.partition_by == "RANGE (payment_date)"
    assert len(payment.indexes) == 1
    part = schema.tables["payment_p2022_01"]
    assert part.partition_of == PartitionOf(
        parent="payment", bound="FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')")
    assert schema.tables["payment_rest"].partition_of == PartitionOf(parent="payment", bound="DEFAULT")
    # what a partition has because its parent has it is stated on the parent only,
    # as pg_dump writes it; its primary key is its own (pg_dump writes that on it)
    assert part.indexes == ()
    assert part.foreign_keys == ()
    assert part.checks == ()
    assert part.primary_key == PrimaryKey(columns=("payment_id", "payment_date"))
    assert list(part.columns) == ["payment_id", "customer_id", "amount", "payment_date"]
    assert [i.name for i in schema.tables["payment_rest"].indexes] == ["own_idx"]
    capital = schema.tables["capital"]
    assert capital.inherits == ("city",)
    assert list(capital.columns) == ["name", "population", "state"]
    counts = catalog_counts(pg_url)
    assert schema.counts()["indexes"] == counts.indexes
    assert schema.counts()["foreign_keys"] == counts.foreign_keys
    assert schema.counts()["columns"] == counts.columns
    assert schema.counts()["tables"] == counts.tables


def test_comments_in_japanese(pg_url: str) -> None:
    run_script(pg_url, """
        CREATE SCHEMA sales;
        COMMENT ON SCHEMA sales IS '販売管理';
        CREATE TABLE sales.orders (id serial PRIMARY KEY, total int);
        COMMENT ON TABLE sales.orders IS '注文';
        COMMENT ON COLUMN sales.orders.total IS '合計金額（税込）';
        CREATE SEQUENCE sales.slip_no;
        COMMENT ON SEQUENCE sales.slip_no IS '伝票番号';
        CREATE VIEW sales.big_orders AS SELECT * FROM sales.orders WHERE total > 1000;
        COMMENT ON VIEW sales.big_orders IS '大口注文';
        COMMENT ON SCHEMA public IS '標準スキーマ';
    """)
    schema, _ = read(pg_url)
    assert schema.namespaces["sales"].comment == "販売管理"
    assert schema.comment == "標準スキーマ"
    orders = schema.tables["sales.orders"]
    assert orders.comment == "注文"
    assert orders.columns["total"].comment == "合計金額（税込）"
    assert orders.columns["id"].identity == Identity(generated="serial")
    assert schema.sequences["sales.slip_no"].comment == "伝票番号"
    assert schema.views["sales.big_orders"].comment == "大口注文"


def test_views(pg_url: str) -> None:
    run_script(pg_url, """
        CREATE TABLE film (film_id int PRIMARY KEY, title text, rating text);
        CREATE VIEW a_top AS SELECT film_id, title FROM film WHERE rating = 'G';
        CREATE VIEW b_base AS SELECT film_id, title FROM film;
        -- created in an order where names alone would put the dependent view first
        CREATE OR REPLACE VIEW a_top AS SELECT film_id, title FROM b_base WHERE film_id > 10;
        CREATE VIEW c_checked AS SELECT * FROM film WHERE rating = 'R' WITH CASCADED CHECK OPTION;
        CREATE MATERIALIZED VIEW m_ratings AS SELECT rating, count(*) AS n FROM film GROUP BY rating;
        CREATE UNIQUE INDEX ON m_ratings (rating);
    """)
    schema, _ = read(pg_url)
    assert list(schema.views) == ["b_base", "a_top", "c_checked", "m_ratings"]
    assert schema.views["a_top"].sql == ("SELECT b_base.film_id,\n    b_base.title\n   FROM public.b_base\n"
                                         "  WHERE (b_base.film_id > 10)")
    assert schema.views["c_checked"].check_option == "cascaded"
    ratings = schema.views["m_ratings"]
    assert ratings.materialized is True
    assert [(i.columns, i.unique) for i in ratings.indexes] == [(("rating",), True)]


def test_extension_objects_are_left_out(pg_url: str) -> None:
    run_script(pg_url, """
        CREATE EXTENSION citext;
        CREATE EXTENSION hstore;
        CREATE EXTENSION pg_trgm;
        CREATE TABLE member (email citext PRIMARY KEY, attrs hstore);
        CREATE INDEX member_trgm ON member USING gist (email gist_trgm_ops);
        CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) $$;
    """)
    schema, _ = read(pg_url)
    assert set(schema.extensions) == {"citext", "hstore", "pg_trgm"}
    assert [r.name for r in schema.routines] == ["shout"]
    assert schema.enums == {} and schema.domains == {}
    member = schema.tables["member"]
    assert member.columns["email"].type == "postgres:citext"
    assert member.columns["attrs"].type == "postgres:hstore"
    assert member.indexes == (Index(name="member_trgm",
                                    columns=(IndexElement(column="email", opclass="gist_trgm_ops"),),
                                    method="gist"),)


def test_routines_triggers_and_rules(pg_url: str) -> None:
    run_script(pg_url, """
        CREATE TABLE item (id int PRIMARY KEY, price int, updated timestamptz) PARTITION BY RANGE (id);
        CREATE TABLE item_low PARTITION OF item FOR VALUES FROM (0) TO (100);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.updated := now(); RETURN NEW; END $$;
        CREATE TRIGGER item_touch BEFORE UPDATE ON item FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS $$ SELECT a + b $$;
        CREATE FUNCTION add(a numeric, b numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT a + b $$;
        CREATE PROCEDURE reset_prices() LANGUAGE sql AS $$ UPDATE item SET price = 0 $$;
        CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
        CREATE TABLE log (msg text);
        CREATE RULE no_delete AS ON DELETE TO log DO INSTEAD NOTHING;
    """)
    schema, _ = read(pg_url)
    item = schema.tables["item"]
    assert [t.name for t in item.triggers] == ["item_touch"]
    assert item.triggers[0].sql == ("CREATE TRIGGER item_touch BEFORE UPDATE ON public.item "
                                    "FOR EACH ROW EXECUTE FUNCTION public.touch()")
    # the partition's copy of the trigger is the parent's
    assert schema.tables["item_low"].triggers == ()
    # functions are written as pg_dump writes them, functions before aggregates
    assert [(r.name, r.signature) for r in schema.routines] == [
        ("add", "(integer, integer)"), ("add", "(numeric, numeric)"), ("reset_prices", "()"),
        ("touch", "()"), ("total", "(integer)")]
    routines = {(r.name, r.signature): r for r in schema.routines}
    assert routines[("add", "(integer, integer)")].sql == (
        "CREATE FUNCTION public.add(a integer, b integer) RETURNS integer\n    LANGUAGE sql\n"
        "    AS $$ SELECT a + b $$")
    assert routines[("reset_prices", "()")].kind == "procedure"
    assert routines[("total", "(integer)")].kind == "aggregate"
    assert routines[("total", "(integer)")].sql == (
        "CREATE AGGREGATE public.total(integer) (\n    SFUNC = int4pl,\n    STYPE = integer,\n"
        "    INITCOND = '0'\n)")
    # a rule on a table is kept with the table, like its triggers
    assert [(t.name, t.sql) for t in schema.tables["log"].triggers] == [
        ("no_delete", "CREATE RULE no_delete AS\n    ON DELETE TO public.log DO INSTEAD NOTHING")]


def test_aggregate_is_recreated_exactly(pg_url: str) -> None:
    """The rebuilt CREATE AGGREGATE runs, and gives back the same aggregate."""
    run_script(pg_url, """
        CREATE FUNCTION avg_step(state numeric[], x numeric) RETURNS numeric[] LANGUAGE sql
            AS $$ SELECT ARRAY[state[1] + x, state[2] + 1] $$;
        CREATE FUNCTION avg_final(state numeric[]) RETURNS numeric LANGUAGE sql
            AS $$ SELECT state[1] / nullif(state[2], 0) $$;
        CREATE AGGREGATE my_avg(numeric) (SFUNC = avg_step, STYPE = numeric[],
                                          FINALFUNC = avg_final, INITCOND = '{0,0}');
    """)
    schema, _ = read(pg_url)
    aggregate = next(r for r in schema.routines if r.kind == "aggregate")
    run_script(pg_url, f"DROP AGGREGATE my_avg(numeric); {aggregate.sql}")
    again, _ = read(pg_url)
    assert next(r for r in again.routines if r.kind == "aggregate") == aggregate


def test_counts_match_the_catalog(pg_url: str) -> None:
    run_script(pg_url, FILM + """
        CREATE SCHEMA app;
        CREATE TABLE app.film (id int PRIMARY KEY, film_id int REFERENCES public.film);
        CREATE INDEX ON app.film (film_id);
        CREATE INDEX film_title ON public.film (title);
    """)
    schema, _ = read(pg_url)
    counts = catalog_counts(pg_url)
    got = schema.counts()
    assert (got["tables"], got["columns"], got["foreign_keys"], got["indexes"]) == (
        counts.tables, counts.columns, counts.foreign_keys, counts.indexes)


def test_connection_bind_keeps_the_callers_session(pg_url: str) -> None:
    run_script(pg_url, FILM)
    engine = sa.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            before = conn.execute(sa.text("show search_path")).scalar()
            schema = read_database(conn, notes=Notes())
            assert conn.execute(sa.text("show search_path")).scalar() == before
        assert schema.tables["film"].columns["rating"].default == "G"
        with engine.connect() as conn:
            assert conn.execute(sa.text("show search_path")).scalar() == before
    finally:
        engine.dispose()


def test_autocommit_connection_keeps_the_callers_session(pg_url: str) -> None:
    run_script(pg_url, FILM)
    engine = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            before = conn.execute(sa.text("show search_path")).scalar()
            schema = read_database(conn, notes=Notes())
            assert conn.execute(sa.text("show search_path")).scalar() == before
    finally:
        engine.dispose()
    assert schema.tables["film"].columns["film_id"].identity == Identity(generated="serial")
