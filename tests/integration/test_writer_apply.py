"""The DDL writer against real databases: the output applies, and the catalog shows the design.

tests/data/writer/rich.yaml uses every construct the writer knows.  Its DDL
for PostgreSQL, MariaDB/MySQL and SQLite is run on the real servers and the
databases' own catalogs (SQLAlchemy's inspector and catalog SQL, never
Sekkei's readers) are checked.  SQL Server, Oracle, Snowflake and BigQuery
have no server here: their output is parsed back with sqlglot.
"""

from __future__ import annotations

import re
import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import sqlglot
import yaml
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from sekkei.formats.base import WriteOptions
from sekkei.formats.sql.writer import write_sql
from sekkei.model import Note, Notes, Schema
from tests.helpers.db import run_script

pytestmark = pytest.mark.integration

RICH = Path(__file__).resolve().parent.parent / "data" / "writer" / "rich.yaml"


def rich() -> Schema:
    return Schema.model_validate(yaml.safe_load(RICH.read_text(encoding="utf-8")))


def write(schema: Schema, dialect: str) -> tuple[str, list[Note]]:
    notes = Notes()
    return write_sql(schema, dialect, notes, WriteOptions(dialect)), list(notes)


def inspector(url: str) -> tuple[sa.Engine, sa.Inspector]:
    engine = sa.create_engine(url)
    return engine, sa.inspect(engine)


def rows(engine: sa.Engine, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


# -- PostgreSQL ----------------------------------------------------------------------------------


def test_rich_schema_applies_on_postgres(pg_url: str) -> None:
    sql, notes = write(rich(), "postgres")
    assert [n.code for n in notes] == ["enum-type-created"]
    run_script(pg_url, sql)
    engine, insp = inspector(pg_url)
    try:
        assert set(insp.get_table_names()) == {
            "categories", "products", "events", "events_2024", "events_other", "files"}
        assert set(insp.get_table_names(schema="sales")) == {
            "customers", "orders", "order_items", "item_notes"}
        types = dict(rows(engine, """
            select c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod)
            from pg_attribute a join pg_class c on c.oid = a.attrelid
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname in ('public', 'sales') and a.attnum > 0 and not a.attisdropped"""))
        assert types["products.price"] == "numeric(10,2)"
        assert types["products.sku"] == "character(12)"
        assert types["products.status"] == "products_status"
        assert types["customers.email"] == "email"
        assert types["customers.mood"] == "mood"
        assert types["customers.profile"] == "jsonb"
        assert types["customers.tags"] == "text[]"
        assert types["customers.external_id"] == "uuid"
        assert types["customers.created_at"] == "timestamp with time zone"
        assert types["orders.status"] == "sales.order_status"
        assert types["files.duration"] == "interval"

        customers = {c["name"]: c for c in insp.get_columns("customers", schema="sales")}
        assert customers["id"]["identity"]["always"] is True
        assert customers["id"]["identity"]["start"] == 100
        assert customers["email"]["comment"] == "メールアドレス"
        products = {c["name"]: c for c in insp.get_columns("products")}
        assert products["id"]["default"] == "nextval('products_id_seq'::regclass)"
        assert products["search_name"]["computed"]["persisted"] is True
        orders = {c["name"]: c for c in insp.get_columns("orders", schema="sales")}
        assert orders["id"]["identity"]["always"] is False
        # (catalog SQL: SQLAlchemy qualifies nextval() with the table's schema)
        assert rows(engine, "select pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d join "
                            "pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum "
                            "where d.adrelid = 'sales.orders'::regclass and a.attname = 'invoice_no'"
                    ) == [("nextval('invoice_seq'::regclass)",)]

        pk = insp.get_pk_constraint("order_items", schema="sales")
        assert pk["name"] == "order_items_pkey" and pk["constrained_columns"] == ["order_id", "line_no"]
        fk = insp.get_foreign_keys("item_notes", schema="sales")[0]
        assert fk["referred_columns"] == ["order_id", "line_no"]
        assert fk["options"] == {"onupdate": "CASCADE", "ondelete": "CASCADE"}
        fk = insp.get_foreign_keys("products")[0]
        assert fk["options"] == {"initially": "DEFERRED", "deferrable": True}
        uniques = {u["name"]: u for u in insp.get_unique_constraints("categories")}
        assert uniques["categories_parent_name_key"]["dialect_options"][
            "postgresql_nulls_not_distinct"] is True
        assert {c["name"] for c in insp.get_check_constraints("products")} == {
            "products_price_check", "products_currency_check"}

        indexes = {i["name"]: i for i in insp.get_indexes("products")}
        assert indexes["products_active_name_idx"]["dialect_options"]["postgresql_where"] == "is_active"
        assert indexes["products_lower_name_idx"]["expressions"] == ["lower(name::text)"]
        assert indexes["products_sku_price_idx"]["dialect_options"]["postgresql_include"] == ["price"]
        assert indexes["products_price_desc_idx"]["column_sorting"] == {"price": ("desc",)}
        methods = dict(rows(engine, "select c.relname, am.amname from pg_class c join pg_am am "
                                    "on am.oid = c.relam where c.relname like 'customers_%idx'"))
        assert methods == {"customers_tags_idx": "gin", "customers_created_idx": "btree"}

        assert set(insp.get_view_names()) == {"active_products", "expensive_active_products",
                                              "customer_orders"}
        assert insp.get_materialized_view_names() == ["product_stats"]
        assert insp.get_indexes("product_stats")[0]["name"] == "product_stats_category_idx"

        assert insp.get_table_comment("customers", schema="sales")["text"] == "顧客"
        comments = dict(rows(engine, """
            select 'view', obj_description('active_products'::regclass, 'pg_class')
            union all select 'index', obj_description('products_price_desc_idx'::regclass, 'pg_class')
            union all select 'schema', obj_description('sales'::regnamespace, 'pg_namespace')
            union all select 'type', obj_description('mood'::regtype, 'pg_type')"""))
        assert comments == {"view": "販売中の商品", "index": "価格の降順", "schema": "販売",
                            "type": "気分"}
        assert {e["name"] for e in insp.get_enums(schema="*")} == {
            "mood", "order_status", "products_status"}
        assert {d["name"] for d in insp.get_domains()} == {"email", "amount"}
        assert "invoice_seq" in insp.get_sequence_names()
        parents = dict(rows(engine, "select c.relname, p.relname from pg_inherits i "
                                    "join pg_class c on c.oid = i.inhrelid "
                                    "join pg_class p on p.oid = i.inhparent where c.relkind = 'r'"))
        assert parents == {"events_2024": "events", "events_other": "events"}
        assert rows(engine, "select tgname from pg_trigger where not tgisinternal") == [
            ("customers_touch",)]
        assert rows(engine, "select extname from pg_extension where extname = 'pg_trgm'") == [
            ("pg_trgm",)]
    finally:
        engine.dispose()


# -- MariaDB --------------------------------------------------------------------------------------

MARIADB_TYPES = {
    ("products", "price"): "decimal(10,2)",
    ("products", "status"): "enum('draft','active','retired')",
    ("products", "is_active"): "tinyint(1)",
    ("products", "weight"): "float",
    ("customers", "mood"): "enum('happy','sad','ok')",
    ("customers", "email"): "varchar(254)",
    ("customers", "balance"): "decimal(12,2)",
    ("customers", "profile"): "longtext",   # MariaDB's JSON
    ("customers", "created_at"): "timestamp",
    ("customers", "updated_at"): "datetime",
    ("orders", "status"): "enum('new','paid','shipped','cancelled')",
    ("files", "data"): "longblob",
}


def check_mariadb_catalog(url: str, *, uuid_type: str) -> None:
    engine, insp = inspector(url)
    warnings.simplefilter("ignore", sa.exc.SAWarning)  # types SQLAlchemy does not know (uuid)
    try:
        assert set(insp.get_table_names()) == {
            "categories", "products", "customers", "orders", "order_items", "item_notes",
            "events", "files"}
        columns = {(t, c): (ty, extra, comment) for t, c, ty, extra, comment in rows(engine, """
            select table_name, column_name, column_type, extra, column_comment
            from information_schema.columns where table_schema = database()""")}
        for key, expected in MARIADB_TYPES.items():
            assert columns[key][0] == expected, key
        assert columns[("customers", "external_id")][0] == uuid_type
        assert columns[("customers", "id")][1] == "auto_increment"
        assert columns[("products", "search_name")][1] == "STORED GENERATED"
        assert columns[("customers", "email")][2] == "メールアドレス"
        auto = dict(rows(engine, "select table_name, auto_increment from information_schema.tables "
                                 "where table_schema = database() and table_name = 'customers'"))
        assert auto == {"customers": 100}

        pk = insp.get_pk_constraint("order_items")
        assert pk["constrained_columns"] == ["order_id", "line_no"]
        fk = insp.get_foreign_keys("item_notes")[0]
        assert fk["name"] == "item_notes_item_fk"
        assert fk["options"] == {"onupdate": "CASCADE", "ondelete": "CASCADE"}
        assert {u["name"] for u in insp.get_unique_constraints("categories")} == {
            "categories_parent_name_key", "slug"}
        checks = {c["name"] for c in insp.get_check_constraints("products")}
        assert {"products_price_check", "products_currency_check"} <= checks
        indexes = {i["name"]: i for i in insp.get_indexes("products")}
        assert indexes["products_description_idx"]["dialect_options"]["mysql_length"] == {
            "description": 255}
        assert "products_price_desc_idx" in indexes

        assert set(insp.get_view_names()) == {"active_products", "expensive_active_products",
                                              "customer_orders", "product_stats"}
        assert insp.get_table_comment("customers")["text"] == "顧客"
        index_comments = dict(rows(engine, """
            select index_name, index_comment from information_schema.statistics
            where table_schema = database() and index_name = 'products_price_desc_idx'"""))
        assert index_comments == {"products_price_desc_idx": "価格の降順"}
    finally:
        engine.dispose()


def test_rich_schema_applies_on_mariadb(mysql_url: str) -> None:
    sql, notes = write(rich(), "mariadb")
    run_script(mysql_url, sql)
    check_mariadb_catalog(mysql_url, uuid_type="uuid")
    engine = sa.create_engine(mysql_url)
    try:
        assert rows(engine, "select table_name from information_schema.tables where "
                            "table_schema = database() and table_type = 'SEQUENCE'") == [("invoice_seq",)]
    finally:
        engine.dispose()
    warned = {n.code for n in notes if n.severity.value == "warning"}
    assert {"namespace-dropped", "routine-skipped", "trigger-skipped", "extension-skipped",
            "partition-skipped", "partitioning-dropped", "index-skipped", "include-dropped",
            "index-prefix-added", "nulls-order-dropped", "deferrable-dropped",
            "nulls-not-distinct-dropped", "lossy-type", "materialized-view-changed"} <= warned


def test_rich_schema_for_mysql_applies_on_mariadb(mysql_url: str) -> None:
    """MySQL 8 output runs on MariaDB, except MySQL's functional indexes (MariaDB has none)."""
    sql, _ = write(rich(), "mysql")
    functional = re.findall(r"^CREATE INDEX \w+ ON \w+ \(\(.*\)\);$", sql, re.M)
    assert functional == ["CREATE INDEX products_lower_name_idx ON products ((LOWER(name)));"]
    run_script(mysql_url, sql.replace(functional[0], ""))
    check_mariadb_catalog(mysql_url, uuid_type="char(36)")


# -- SQLite -----------------------------------------------------------------------------------------


def test_rich_schema_applies_on_sqlite(sqlite_url: str) -> None:
    sql, notes = write(rich(), "sqlite")
    run_script(sqlite_url, sql)
    engine, insp = inspector(sqlite_url)
    try:
        assert set(insp.get_table_names()) == {
            "categories", "products", "customers", "orders", "order_items", "item_notes",
            "events", "files"}
        products = {c["name"]: c for c in insp.get_columns("products")}
        assert str(products["price"]["type"]) == "NUMERIC(10, 2)"
        assert str(products["status"]["type"]) == "TEXT"
        assert products["search_name"]["computed"]["persisted"] is True
        assert insp.get_pk_constraint("order_items")["constrained_columns"] == ["order_id", "line_no"]
        fk = next(f for f in insp.get_foreign_keys("item_notes"))
        assert fk["referred_columns"] == ["order_id", "line_no"]
        assert fk["options"] == {"ondelete": "CASCADE", "onupdate": "CASCADE"}
        assert insp.get_foreign_keys("products")[0]["options"] == {
            "deferrable": True, "initially": "DEFERRED"}
        assert {u["name"] for u in insp.get_unique_constraints("categories")} >= {
            "categories_parent_name_key"}
        # catalog SQL: SQLAlchemy skips expression indexes on SQLite
        indexes = dict(rows(engine, "select name, sql from sqlite_master where type = 'index' "
                                    "and tbl_name = 'products' and sql is not null"))
        assert indexes["products_active_name_idx"].endswith("WHERE is_active")
        assert indexes["products_lower_name_idx"].endswith("((LOWER(name)))")
        assert indexes["products_price_desc_idx"].endswith("(price DESC, id)")
        assert set(insp.get_view_names()) == {"active_products", "expensive_active_products",
                                              "customer_orders", "product_stats"}
        autoincrement = rows(engine, "select name from sqlite_master where type = 'table' "
                                     "and sql like '%AUTOINCREMENT%' order by name")
        assert autoincrement == [("categories",), ("customers",), ("orders",), ("products",)]
    finally:
        engine.dispose()
    assert [n.message for n in notes if n.code == "comments-not-stored"] == [
        "SQLite does not store comments; 13 comment(s) are not written"]
    # the database really enforces what was written
    path = sqlite_url.split("///", 1)[1]
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("INSERT INTO categories (name, slug) VALUES ('本', 'books')")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO customers (email, name, external_id) VALUES ('x', 'n', 'u')")
        conn.execute("INSERT INTO customers (email, name, external_id) VALUES ('a@b.jp', 'n', 'u')")
        assert conn.execute("SELECT id, mood, balance FROM customers").fetchall() == [(1, "ok", 0)]
    finally:
        conn.close()


# -- a schema read from PostgreSQL, written for the others -------------------------------------------

PG_FLAVOURED: dict[str, Any] = {
    "dialect": "postgres",
    "tables": {
        "accounts": {
            "columns": {
                "id": {"type": "bigint", "nullable": False, "identity": {"generated": "serial"}},
                "name": {"type": "varchar(100)", "nullable": False,
                         "default": {"sql": "'anon'::character varying"}},
                "status": {"type": "varchar(20)", "nullable": False,
                           "default": {"sql": "'active'::character varying"}},
                "balance": {"type": "numeric(12,2)", "nullable": False,
                            "default": {"sql": "(0)::numeric"}},
                "meta": {"type": "jsonb", "default": {"sql": "'{}'::jsonb"}},
                "created_at": {"type": "timestamptz", "nullable": False,
                               "default": {"sql": "now()"}},
                "updated_at": {"type": "timestamp", "default": {"sql": "CURRENT_TIMESTAMP"}},
                "flags": {"type": "boolean", "nullable": False, "default": False},
            },
            "primary_key": ["id"],
            "checks": [
                {"name": "accounts_status_check",
                 "sql": "((status)::text = ANY ((ARRAY['active'::character varying, "
                        "'closed'::character varying])::text[]))"},
                {"name": "accounts_balance_check", "sql": "(balance >= (0)::numeric)"},
                {"name": "accounts_name_check", "sql": "(char_length((name)::text) > 0)"},
            ],
        },
        "entries": {
            "columns": {
                "id": {"type": "bigint", "nullable": False, "identity": {"generated": "serial"}},
                "account_id": {"type": "bigint", "nullable": False},
                "amount": {"type": "numeric(12,2)", "nullable": False},
                "memo": {"type": "text", "default": {"sql": "''::text"}},
                "posted_on": {"type": "date", "default": {"sql": "CURRENT_DATE"}},
            },
            "primary_key": ["id"],
            "foreign_keys": [{"columns": ["account_id"], "references": {"table": "accounts"},
                              "on_delete": "cascade"}],
            "indexes": [
                {"name": "entries_memo_lower_idx", "columns": [{"sql": "lower(memo)"}]},
                {"name": "entries_positive_idx", "columns": ["account_id"],
                 "where": "(amount > (0)::numeric)"},
            ],
        },
    },
    "views": {
        "account_totals": {"sql": "SELECT a.id, a.name, COALESCE(sum(e.amount), (0)::numeric) AS total "
                                  "FROM (accounts a LEFT JOIN entries e ON ((e.account_id = a.id))) "
                                  "GROUP BY a.id, a.name"},
        "account_labels": {"sql": "SELECT a.id, (((a.name)::text || ' ('::text) || (a.status)::text) "
                                  "|| ')'::text AS label FROM accounts a"},
        "recent_entries": {"sql": "SELECT e.id FROM entries e "
                                  "WHERE (e.posted_on > (CURRENT_DATE - '7 days'::interval))"},
    },
}


def test_postgres_flavoured_schema_applies_on_mariadb(mysql_url: str) -> None:
    sql, notes = write(Schema.model_validate(PG_FLAVOURED), "mariadb")
    run_script(mysql_url, sql)
    engine, insp = inspector(mysql_url)
    try:
        assert set(insp.get_table_names()) == {"accounts", "entries"}
        assert set(insp.get_view_names()) == {"account_totals", "account_labels", "recent_entries"}
        assert {c["name"] for c in insp.get_check_constraints("accounts")} == {
            "accounts_status_check", "accounts_balance_check", "accounts_name_check"}
    finally:
        engine.dispose()
    assert {n.subject for n in notes if n.code == "index-skipped"} == {
        "table entries index entries_memo_lower_idx", "table entries index entries_positive_idx"}
    engine = sa.create_engine(mysql_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("insert into accounts (name) values ('ann')"))
            conn.execute(sa.text("insert into entries (account_id, amount) values (1, 5)"))
            assert conn.execute(sa.text("select label from account_labels")).all() == [
                ("ann (active)",)]
            assert conn.execute(sa.text("select total from account_totals")).all() == [(5,)]
    finally:
        engine.dispose()


def test_postgres_flavoured_schema_applies_on_sqlite(sqlite_url: str) -> None:
    sql, notes = write(Schema.model_validate(PG_FLAVOURED), "sqlite")
    run_script(sqlite_url, sql)
    engine, insp = inspector(sqlite_url)
    try:
        assert {"accounts", "entries"} <= set(insp.get_table_names())
        assert set(insp.get_view_names()) == {"account_totals", "account_labels"}
        assert set(rows(engine, "select name from sqlite_master where type = 'index' "
                                "and tbl_name = 'entries' and sql is not null")) == {
            ("entries_memo_lower_idx",), ("entries_positive_idx",)}
        with engine.begin() as conn:
            conn.execute(sa.text("insert into accounts (name) values ('ann')"))
            conn.execute(sa.text("insert into entries (account_id, amount) values (1, 5)"))
            assert conn.execute(sa.text("select label from account_labels")).all() == [
                ("ann (active)",)]
            with pytest.raises(sa.exc.IntegrityError):
                conn.execute(sa.text("insert into accounts (name, status) values ('b', 'odd')"))
    finally:
        engine.dispose()
    assert [n.subject for n in notes if n.code == "view-skipped"] == ["view recent_entries"]


# -- dialects without a server: the output must parse --------------------------------------------

SPELLINGS = {
    "mssql": ("IDENTITY(100,1)", "search_name AS (LOWER(name)) PERSISTED",
              "DEFAULT NEXT VALUE FOR invoice_seq", "INCLUDE (price)", "WHERE is_active = 1",
              "GO\nCREATE VIEW active_products", "CREATE SCHEMA sales;\nGO",
              "@value = N'顧客', @level0type = N'SCHEMA', @level0name = N'sales'"),
    "oracle": ("GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 1)",
               "DEFAULT invoice_seq.NEXTVAL", "CREATE MATERIALIZED VIEW product_stats",
               "timestamp with time zone", "COMMENT ON TABLE sales.customers IS '顧客';",
               "CREATE INDEX products_lower_name_idx ON products (LOWER(name));"),
    "snowflake": ("AUTOINCREMENT START 100 INCREMENT 1", "CREATE SEQUENCE invoice_seq START = 1000",
                  "profile variant", "COMMENT ON COLUMN sales.customers.email IS 'メールアドレス';",
                  "CREATE MATERIALIZED VIEW product_stats"),
    "bigquery": ("PRIMARY KEY (id) NOT ENFORCED", "OPTIONS(description='顧客')",
                 "tags ARRAY<STRING>", "CREATE SCHEMA sales OPTIONS(description='販売');",
                 "REFERENCES sales.customers (id) NOT ENFORCED"),
}
SQLGLOT = {"mssql": "tsql", "oracle": "oracle", "snowflake": "snowflake", "bigquery": "bigquery"}


@pytest.mark.parametrize("dialect", sorted(SPELLINGS))
def test_rich_schema_parses_back(dialect: str) -> None:
    sql, _ = write(rich(), dialect)
    for spelling in SPELLINGS[dialect]:
        assert spelling in sql, spelling
    script = "\n".join(line for line in sql.splitlines() if line not in {"GO", "/"})
    # valid Oracle that sqlglot cannot read: the precision of INTERVAL DAY(0) TO SECOND
    script = script.replace("interval day(0) to second", "interval day to second")
    statements = [s for s in sqlglot.parse(script, read=SQLGLOT[dialect],
                                           error_level=ErrorLevel.RAISE) if s is not None]
    commands = [s.sql() for s in statements if isinstance(s, exp.Command)]
    assert commands == []
    assert len(statements) == sql.count(";")
