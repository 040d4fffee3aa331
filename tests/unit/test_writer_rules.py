"""The DDL writer's rules: statement order, identity forms, enums, domains, comments, names."""

from __future__ import annotations

from typing import Any

import pytest

from sekkei.formats.base import WriteOptions
from sekkei.formats.sql.writer import write_sql
from sekkei.model import Note, Notes, Schema


def write(data: dict[str, Any], dialect: str, **options: str) -> tuple[str, list[Note]]:
    notes = Notes()
    sql = write_sql(Schema.model_validate(data), dialect, notes, WriteOptions(dialect, options))
    return sql, list(notes)


def codes(notes: list[Note]) -> list[str]:
    return [n.code for n in notes]


def positions(sql: str, *needles: str) -> list[int]:
    found = [sql.index(n) for n in needles]
    return found


# -- order ----------------------------------------------------------------------------

ORDERED = {
    "dialect": "postgres",
    "namespaces": {"app": {"comment": "application"}},
    "extensions": {"pgcrypto": {}},
    "enums": {"app.mood": {"values": ["a", "b"]}},
    "domains": {"posint": {"type": "integer", "checks": [{"sql": "VALUE > 0"}]}},
    "sequences": {"app.seq": {"start": 10}},
    "routines": [{"name": "f", "dialect": "postgres",
                  "sql": "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"}],
    "tables": {
        "app.child": {"columns": {"id": "integer", "parent_id": "integer", "m": "app.mood"},
                      "foreign_keys": [{"columns": ["parent_id"], "references": {"table": "app.parent"}}],
                      "indexes": [{"name": "child_m_idx", "columns": ["m"]}],
                      "triggers": [{"name": "t", "sql": "CREATE TRIGGER t BEFORE INSERT ON app.child "
                                    "FOR EACH ROW EXECUTE FUNCTION f()"}],
                      "comment": "the child"},
        "app.parent": {"columns": {"id": "posint"}, "primary_key": ["id"]},
    },
    "views": {"app.v2": {"sql": "SELECT * FROM app.v1"},
              "app.v1": {"sql": "SELECT id FROM app.parent"},
              "app.mv": {"sql": "SELECT id FROM app.parent", "materialized": True,
                         "indexes": [{"name": "mv_id", "columns": ["id"]}]}},
}


def test_postgres_statement_order_is_dependency_safe() -> None:
    sql, notes = write(ORDERED, "postgres")
    order = positions(
        sql, "SET check_function_bodies = false", "CREATE SCHEMA app", "CREATE EXTENSION",
        "CREATE TYPE app.mood", "CREATE DOMAIN posint", "CREATE SEQUENCE app.seq",
        "CREATE FUNCTION f()", "CREATE TABLE app.parent", "CREATE TABLE app.child",
        "CREATE INDEX child_m_idx", "ALTER TABLE app.child ADD FOREIGN KEY",
        "CREATE VIEW app.v1", "CREATE VIEW app.v2", "CREATE MATERIALIZED VIEW app.mv",
        "CREATE INDEX mv_id", "CREATE TRIGGER t", "COMMENT ON SCHEMA app",
        "COMMENT ON TABLE app.child")
    assert order == sorted(order)
    assert notes == []


def test_no_session_setting_without_routines() -> None:
    data = {k: v for k, v in ORDERED.items() if k != "routines"}
    sql, _ = write(data, "postgres")
    assert "check_function_bodies" not in sql


def test_tables_follow_foreign_keys_and_cycles_are_allowed() -> None:
    data = {"tables": {
        "a": {"columns": {"id": "integer", "b_id": "integer"},
              "foreign_keys": [{"columns": ["b_id"], "references": {"table": "b", "columns": ["id"]}}]},
        "b": {"columns": {"id": "integer", "a_id": "integer"},
              "foreign_keys": [{"columns": ["a_id"], "references": {"table": "a", "columns": ["id"]}}]},
        "c": {"columns": {"id": "integer", "d_id": "integer"},
              "foreign_keys": [{"columns": ["d_id"], "references": {"table": "d", "columns": ["id"]}}]},
        "d": {"columns": {"id": "integer"}},
    }}
    sql, _ = write(data, "postgres")
    a, b, c, d = positions(sql, "CREATE TABLE a", "CREATE TABLE b", "CREATE TABLE c",
                           "CREATE TABLE d")
    assert a < b and d < c
    assert sql.index("ALTER TABLE a ADD") > sql.index("CREATE TABLE d")


def test_sqlite_writes_foreign_keys_inside_the_table() -> None:
    sql, _ = write({"tables": {
        "p": {"columns": {"id": "integer"}, "primary_key": ["id"]},
        "c": {"columns": {"p_id": "integer"},
              "foreign_keys": [{"columns": ["p_id"], "references": {"table": "p"},
                                "on_delete": "cascade", "deferrable": True}]},
    }}, "sqlite")
    assert "FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE DEFERRABLE\n);" in sql
    assert "ALTER TABLE" not in sql


def test_routines_and_triggers_of_another_family_are_named_in_warnings() -> None:
    sql, notes = write(ORDERED, "mysql")
    assert "CREATE FUNCTION" not in sql and "CREATE TRIGGER" not in sql
    subjects = {n.subject for n in notes if n.code in {"routine-skipped", "trigger-skipped"}}
    assert subjects == {"function f", "table app.child trigger t"}


def test_routines_of_the_same_family_keep_their_text() -> None:
    body = "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND"
    sql, _ = write({"dialect": "mysql", "routines": [{"name": "p", "kind": "procedure", "sql": body}]},
                   "mariadb")
    assert f"DELIMITER //\n{body}\n//\nDELIMITER ;" in sql
    sql, _ = write({"dialect": "mssql", "routines": [{"name": "f", "sql": "CREATE FUNCTION f() "
                                                      "RETURNS int AS BEGIN RETURN 1 END"}]}, "mssql")
    assert "CREATE FUNCTION f() RETURNS int AS BEGIN RETURN 1 END;\nGO" in sql
    sql, _ = write({"dialect": "oracle", "routines": [{"name": "f", "sql": "CREATE FUNCTION f RETURN "
                                                       "NUMBER IS BEGIN RETURN 1; END;"}]}, "oracle")
    assert "RETURN 1; END;\n/" in sql


def test_partitions_follow_their_parent_in_postgres_only() -> None:
    data = {"tables": {
        "m_2024": {"partition_of": {"parent": "m", "bound": "FOR VALUES FROM (1) TO (10)"}},
        "m": {"columns": {"k": "integer"}, "partition_by": "RANGE (k)"},
    }}
    sql, _ = write(data, "postgres")
    assert sql.index("CREATE TABLE m (") < sql.index("CREATE TABLE m_2024 PARTITION OF m\n"
                                                      "FOR VALUES FROM (1) TO (10);")
    assert ")\nPARTITION BY RANGE (k);" in sql
    sql, notes = write(data, "sqlite")
    assert "m_2024" not in sql
    assert {"partitioning-dropped", "partition-skipped"} <= set(codes(notes))


def test_views_that_cannot_be_written_are_skipped_with_their_dependents() -> None:
    data = {"dialect": "postgres", "tables": {"t": {"columns": {"at": "timestamp"}}},
            "views": {"recent": {"sql": "SELECT at FROM t WHERE at > now() - interval '1 day'"},
                      "recent2": {"sql": "SELECT * FROM recent"},
                      "plain": {"sql": "SELECT at FROM t"}}}
    sql, notes = write(data, "sqlite")
    assert "CREATE VIEW plain" in sql and "recent" not in sql
    skipped = {n.subject for n in notes if n.code == "view-skipped"}
    assert skipped == {"view recent", "view recent2"}


# -- identity -----------------------------------------------------------------------------


def table_with(column: dict[str, Any], pk: bool = True) -> dict[str, Any]:
    table: dict[str, Any] = {"columns": {"id": column, "x": "integer"}}
    if pk:
        table["primary_key"] = ["id"]
    return {"tables": {"t": table}}


@pytest.mark.parametrize(("kind", "expected"), [
    ("integer", "id serial"), ("bigint", "id bigserial"), ("smallint", "id smallserial")])
def test_postgres_serial(kind: str, expected: str) -> None:
    sql, _ = write(table_with({"type": kind, "identity": {"generated": "serial"}}), "postgres")
    assert expected in sql


@pytest.mark.parametrize(("dialect", "expected"), [
    ("postgres", "id bigint GENERATED ALWAYS AS IDENTITY (START WITH 5 INCREMENT BY 2)"),
    ("oracle", "id number(19) GENERATED ALWAYS AS IDENTITY (START WITH 5 INCREMENT BY 2)"),
    ("mssql", "id bigint IDENTITY(5,2)"),
    ("snowflake", "id bigint AUTOINCREMENT START 5 INCREMENT 2"),
])
def test_identity_always_with_options(dialect: str, expected: str) -> None:
    column = {"type": "bigint", "identity": {"generated": "always", "start": 5, "increment": 2}}
    sql, _ = write(table_with(column), dialect)
    assert expected in sql


def test_postgres_by_default_identity() -> None:
    sql, _ = write(table_with({"type": "integer", "identity": {}}), "postgres")
    assert "id integer GENERATED BY DEFAULT AS IDENTITY" in sql


def test_mysql_auto_increment_and_its_key() -> None:
    sql, notes = write(table_with({"type": "bigint", "identity": {"start": 1000, "increment": 5}}),
                       "mysql")
    assert "id bigint NOT NULL AUTO_INCREMENT" in sql and "AUTO_INCREMENT=1000" in sql
    assert "identity-increment-dropped" in codes(notes)
    sql, notes = write(table_with({"type": "bigint", "identity": {}}, pk=False), "mysql")
    assert "KEY (id)" in sql and "identity-key-added" in codes(notes)


def test_mysql_allows_one_auto_increment_column() -> None:
    data = {"tables": {"t": {"columns": {"a": {"type": "integer", "identity": {}},
                                         "b": {"type": "integer", "identity": {}}},
                             "primary_key": ["a"]}}}
    sql, notes = write(data, "mariadb")
    assert sql.count("AUTO_INCREMENT") == 1
    assert [n.subject for n in notes if n.code == "identity-dropped"] == ["table t column b"]


def test_sqlite_autoincrement_only_on_a_single_integer_primary_key() -> None:
    sql, notes = write(table_with({"type": "bigint", "identity": {}}), "sqlite")
    assert "id INTEGER PRIMARY KEY AUTOINCREMENT," in sql and "PRIMARY KEY (id)" not in sql
    data = {"tables": {"t": {"columns": {"a": {"type": "integer", "identity": {}}, "b": "integer"},
                             "primary_key": ["a", "b"]}}}
    sql, notes = write(data, "sqlite")
    assert "AUTOINCREMENT" not in sql and "identity-dropped" in codes(notes)


def test_bigquery_has_no_identity() -> None:
    _, notes = write(table_with({"type": "bigint", "identity": {}}), "bigquery")
    assert "identity-dropped" in codes(notes)


# -- enums and domains ------------------------------------------------------------------------

ENUMS = {"enums": {"mood": {"values": ["happy", "sad"]}},
         "tables": {"t": {"columns": {"m": {"type": "mood", "default": "sad"},
                                      "ms": "mood[]",
                                      "size": "enum('s','m','xl')"}}}}


def test_postgres_enum_types() -> None:
    sql, notes = write(ENUMS, "postgres")
    assert "CREATE TYPE mood AS ENUM ('happy', 'sad');" in sql
    assert "CREATE TYPE t_size AS ENUM ('s', 'm', 'xl');" in sql
    assert "m mood DEFAULT 'sad'" in sql and "ms mood[]" in sql and "size t_size" in sql
    assert codes(notes) == ["enum-type-created"]


def test_mysql_inline_enums() -> None:
    sql, notes = write(ENUMS, "mysql")
    assert "m enum('happy', 'sad') DEFAULT 'sad'" in sql
    assert "size enum('s', 'm', 'xl')" in sql
    assert "CHECK" not in sql
    assert [n.subject for n in notes if n.code == "lossy-type"] == ["table t column ms"]


@pytest.mark.parametrize(("dialect", "text"), [
    ("sqlite", "m text DEFAULT 'sad' CHECK (m IN ('happy', 'sad'))"),
    ("mssql", "m nvarchar(5) DEFAULT 'sad' CHECK (m IN ('happy', 'sad'))"),
    ("oracle", "m varchar2(5) DEFAULT 'sad' CHECK (m IN ('happy', 'sad'))"),
])
def test_enums_elsewhere_are_strings_with_a_check(dialect: str, text: str) -> None:
    sql, notes = write(ENUMS, dialect)
    assert text in sql
    assert "IN ('s', 'm', 'xl')" in sql
    assert "enum-as-check" in codes(notes)


DOMAINS = {"dialect": "postgres",
           "domains": {"price": {"type": "numeric(10,2)", "nullable": False, "default": 0,
                                 "checks": [{"name": "price_positive", "sql": "VALUE >= 0"}]}},
           "tables": {"t": {"columns": {"cost": "price", "Net Price": "price"}}}}


def test_postgres_domains() -> None:
    sql, _ = write(DOMAINS, "postgres")
    assert ("CREATE DOMAIN price AS numeric(10,2) DEFAULT 0 NOT NULL CONSTRAINT price_positive "
            "CHECK (VALUE >= 0);") in sql
    assert "cost price," in sql


def test_domains_elsewhere_are_inlined() -> None:
    sql, notes = write(DOMAINS, "mysql")
    assert "cost decimal(10,2) NOT NULL DEFAULT 0 CHECK (cost >= 0)" in sql
    assert "`Net Price` decimal(10,2) NOT NULL DEFAULT 0 CHECK (`Net Price` >= 0)" in sql
    assert codes(notes).count("domain-inlined") == 1


# -- comments -------------------------------------------------------------------------------------

COMMENTS = {"dialect": "postgres",
            "tables": {"t": {"comment": "顧客の'表'",
                             "columns": {"c": {"type": "varchar(100)", "comment": "名前"}},
                             "indexes": [{"name": "t_c", "columns": ["c"], "comment": "索引"}]}},
            "views": {"v": {"sql": "SELECT c FROM t", "comment": "ビュー"}}}


def test_comment_on_statements() -> None:
    sql, _ = write(COMMENTS, "postgres")
    assert "COMMENT ON TABLE t IS '顧客の''表''';" in sql
    assert "COMMENT ON COLUMN t.c IS '名前';" in sql
    assert "COMMENT ON INDEX t_c IS '索引';" in sql
    assert "COMMENT ON VIEW v IS 'ビュー';" in sql
    sql, notes = write(COMMENTS, "oracle")
    assert "COMMENT ON TABLE v IS 'ビュー';" in sql
    assert "comment-skipped" in codes(notes)


def test_mysql_comments_are_inline() -> None:
    sql, notes = write(COMMENTS, "mysql")
    assert "c varchar(100) COMMENT '名前'" in sql
    assert "COMMENT='顧客の''表'''" in sql
    assert "COMMENT '索引'" in sql
    assert [n.subject for n in notes if n.code == "comment-skipped"] == ["view v"]


def test_mssql_comments_are_extended_properties() -> None:
    sql, _ = write(COMMENTS, "mssql")
    assert ("EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'名前', "
            "@level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', "
            "@level1name = N't', @level2type = N'COLUMN', @level2name = N'c';") in sql


def test_sqlite_counts_the_comments_it_cannot_keep() -> None:
    sql, notes = write(COMMENTS, "sqlite")
    assert "名前" not in sql
    assert [n.message for n in notes if n.code == "comments-not-stored"] == [
        "SQLite does not store comments; 4 comment(s) are not written"]


def test_bigquery_comments_are_options() -> None:
    sql, _ = write(COMMENTS, "bigquery")
    assert "c STRING(100) OPTIONS(description='名前')" in sql
    assert "OPTIONS(description='顧客の\\'表\\'')" in sql
    assert "CREATE VIEW v OPTIONS(description='ビュー') AS" in sql


# -- names ------------------------------------------------------------------------------------------


def test_qualified_and_quoted_names() -> None:
    data = {"tables": {"Sales.Order Items": {"columns": {"Line": "integer", "select": "integer"}}}}
    sql, _ = write(data, "postgres")
    assert 'CREATE TABLE "Sales"."Order Items" (\n    "Line" integer,\n    "select" integer' in sql


def test_mysql_drops_namespaces_with_a_warning_and_rewrites_views() -> None:
    data = {"dialect": "postgres",
            "tables": {"sales.orders": {"columns": {"id": "integer"}}},
            "views": {"sales.big": {"sql": "SELECT o.id FROM sales.orders o WHERE o.id > 10"}}}
    sql, notes = write(data, "mysql")
    assert "CREATE TABLE orders (" in sql
    assert "FROM orders AS o" in sql and "sales" not in sql.split("-- Views")[1]
    assert [n.code for n in notes] == ["namespace-dropped"]


def test_namespace_collisions_are_prefixed() -> None:
    data = {"tables": {"a.t": {"columns": {"x": "integer"}}, "b.t": {"columns": {"x": "integer"}},
                       "a.u": {"columns": {"x": "integer"}}}}
    sql, notes = write(data, "sqlite")
    assert "CREATE TABLE a_t" in sql and "CREATE TABLE b_t" in sql and "CREATE TABLE u" in sql
    assert codes(notes).count("namespace-prefixed") == 2
    sql, _ = write(data, "sqlite", namespaces="prefix")
    assert "CREATE TABLE a_u" in sql


@pytest.mark.parametrize(("dialect", "limit"), [("mysql", 64), ("postgres", 63)])
def test_long_names_are_truncated_with_a_warning(dialect: str, limit: int) -> None:
    long = "x" * 70
    data = {"tables": {"t": {"columns": {"a": "integer"},
                             "indexes": [{"name": long, "columns": ["a"]}]}}}
    sql, notes = write(data, dialect)
    assert f"INDEX {'x' * limit} ON" in sql
    assert "name-truncated" in codes(notes)


def test_postgres_limit_counts_bytes() -> None:
    name = "表" * 30  # 90 bytes
    sql, notes = write({"tables": {name: {"columns": {"a": "integer"}}}}, "postgres")
    assert f'CREATE TABLE "{"表" * 21}"' in sql
    assert "name-truncated" in codes(notes)
