"""Types, defaults, expressions, table options, and a warning for everything a target lacks."""

from __future__ import annotations

from typing import Any

import pytest

from sekkei.formats.base import WriteOptions
from sekkei.formats.sql.writer import WRITERS, write_sql
from sekkei.model import Note, Notes, Schema, UsageError


def write(data: dict[str, Any], dialect: str) -> tuple[str, list[Note]]:
    notes = Notes()
    sql = write_sql(Schema.model_validate(data), dialect, notes, WriteOptions(dialect))
    return sql, list(notes)


def codes(notes: list[Note]) -> list[str]:
    return [n.code for n in notes]


def one_table(columns: dict[str, Any], dialect: str | None = "postgres", **table: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"tables": {"t": {"columns": columns, **table}}}
    if dialect:
        data["dialect"] = dialect
    return data


def test_unknown_dialect_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        write_sql(Schema(), "db2", Notes(), WriteOptions())


# -- types ------------------------------------------------------------------------------


def test_native_spelling_wins_for_its_dialect_and_family() -> None:
    data = one_table({"flag": {"type": "tinyint", "native": {"mysql": "tinyint(1) unsigned"}}})
    assert "flag tinyint(1) unsigned" in write(data, "mysql")[0]
    assert "flag tinyint(1) unsigned" in write(data, "mariadb")[0]
    assert "flag smallint" in write(data, "postgres")[0]


def test_lossy_types_are_warned_with_the_column() -> None:
    _, notes = write(one_table({"ip": "inet", "tags": "text[]"}), "mysql")
    lossy = [(n.subject, n.message) for n in notes if n.code == "lossy-type"]
    assert lossy == [("table t column ip", "mysql has no inet type; written as varchar(43)"),
                     ("table t column tags", "mysql has no array type; written as json")]


def test_dialect_types_pass_only_within_their_family() -> None:
    data = one_table({"doc": "postgres:tsvector"})
    assert "doc tsvector" in write(data, "postgres")[0]
    sql, notes = write(data, "sqlite")
    assert "doc text" in sql and "lossy-type" in codes(notes)


# -- defaults ------------------------------------------------------------------------------


@pytest.mark.parametrize(("dialect", "expected"), [
    ("postgres", "at timestamp(6) DEFAULT now()"),
    ("mysql", "at datetime(6) DEFAULT CURRENT_TIMESTAMP(6)"),
    ("sqlite", "at timestamp(6) DEFAULT CURRENT_TIMESTAMP"),
    ("mssql", "at datetime2(6) DEFAULT SYSDATETIME()"),
    ("oracle", "at timestamp(6) DEFAULT CURRENT_TIMESTAMP"),
    ("snowflake", "at timestamp_ntz(6) DEFAULT CURRENT_TIMESTAMP()"),
    ("bigquery", "`at` DATETIME DEFAULT CURRENT_DATETIME()"),
])
def test_now_is_spelled_per_dialect(dialect: str, expected: str) -> None:
    sql, _ = write(one_table({"at": {"type": "timestamp(6)", "default": {"sql": "now()"}}}), dialect)
    assert expected in sql


def test_literal_defaults() -> None:
    columns = {"n": {"type": "integer", "default": 5}, "f": {"type": "real", "default": 0.5},
               "s": {"type": "text", "default": "it's"}, "b": {"type": "boolean", "default": True},
               "d": {"type": "date", "default": "2024-01-31"}}
    sql, _ = write(one_table(columns), "postgres")
    assert "n integer DEFAULT 5" in sql and "f real DEFAULT 0.5" in sql
    assert "s text DEFAULT 'it''s'" in sql and "b boolean DEFAULT true" in sql
    sql, _ = write(one_table(columns), "mysql")
    assert "s text DEFAULT ('it''s')" in sql and "b tinyint(1) DEFAULT 1" in sql
    sql, _ = write(one_table(columns), "oracle")
    assert "d date DEFAULT DATE '2024-01-31'" in sql


def test_expression_defaults_are_parenthesised_where_required() -> None:
    data = one_table({"v": {"type": "integer", "default": {"sql": "(1 + 2)"}},
                      "w": {"type": "varchar(10)", "default": {"sql": "'a' || 'b'"}}})
    sql, _ = write(data, "sqlite")
    assert "v integer DEFAULT (1 + 2)" in sql and "w varchar(10) DEFAULT ('a' || 'b')" in sql
    sql, _ = write(data, "mysql")
    assert "w varchar(10) DEFAULT (CONCAT('a', 'b'))" in sql


def test_defaults_that_cannot_be_written_are_left_out_with_a_warning() -> None:
    data = one_table({"id": {"type": "uuid", "default": {"sql": "gen_random_uuid()"}},
                      "x": {"type": "integer", "default": {"sql": "my_counter()"}}})
    sql, notes = write(data, "sqlite")
    assert "DEFAULT" not in sql
    assert codes(notes) == ["default-dropped", "expression-skipped"]


def test_schema_without_dialect_keeps_expressions_the_target_reads() -> None:
    data = one_table({"at": {"type": "text", "default": {"sql": "datetime('now', 'localtime')"}}},
                     dialect=None)
    sql, notes = write(data, "sqlite")
    assert "DEFAULT (datetime('now', 'localtime'))" in sql and notes == []


def test_on_update_is_mysql_only() -> None:
    data = one_table({"at": {"type": "timestamp(3)", "on_update": {"sql": "CURRENT_TIMESTAMP"}}},
                     dialect="mysql")
    assert "at datetime(3) ON UPDATE CURRENT_TIMESTAMP(3)" in write(data, "mysql")[0]
    sql, notes = write(data, "postgres")
    assert "ON UPDATE" not in sql and codes(notes) == ["on-update-dropped"]


# -- generated columns, checks ---------------------------------------------------------------


@pytest.mark.parametrize(("dialect", "expected", "warned"), [
    ("postgres", "total numeric(10,2) GENERATED ALWAYS AS (price * qty) STORED", False),
    ("mysql", "total decimal(10,2) GENERATED ALWAYS AS (price * qty) STORED", False),
    ("sqlite", "total numeric(10,2) GENERATED ALWAYS AS (price * qty) STORED", False),
    ("mssql", "total AS (price * qty) PERSISTED", False),
    ("oracle", "total number(10,2) GENERATED ALWAYS AS (price * qty)", True),
    ("snowflake", "total number(10,2) AS (price * qty)", True),
    ("bigquery", "total NUMERIC(10,2)\n", True),
])
def test_generated_columns(dialect: str, expected: str, warned: bool) -> None:
    data = one_table({"price": "numeric(10,2)", "qty": "integer",
                      "total": {"type": "numeric(10,2)", "generated": {"sql": "price * qty"}}})
    sql, notes = write(data, dialect)
    assert expected in sql
    assert any(c.startswith("generated-") for c in codes(notes)) is warned


def test_non_deterministic_checks_are_refused_where_the_target_refuses_them() -> None:
    data = one_table({"born": "date"}, checks=[{"sql": "born < CURRENT_DATE"}])
    assert "CHECK (born < CURRENT_DATE)" in write(data, "sqlite")[0]
    for dialect in ("mariadb", "oracle"):
        sql, notes = write(data, dialect)
        assert "CHECK" not in sql and codes(notes) == ["expression-skipped"]


def test_checks_are_transpiled_or_reported() -> None:
    data = one_table({"code": "varchar(3)"},
                     checks=[{"name": "code_len", "sql": "char_length((code)::text) = 3"}])
    assert "CONSTRAINT code_len CHECK (LENGTH(code) = 3)" in write(data, "sqlite")[0]
    assert "CONSTRAINT code_len CHECK (LEN(code) = 3)" in write(data, "mssql")[0]
    for dialect in ("snowflake", "bigquery"):
        sql, notes = write(data, dialect)
        assert "CHECK" not in sql and "check-dropped" in codes(notes)


# -- indexes ------------------------------------------------------------------------------------

INDEXED = one_table(
    {"id": "integer", "name": "varchar(100)", "body": "text", "doc": "jsonb", "active": "boolean"},
    indexes=[
        {"name": "i_partial", "columns": ["name"], "where": "active"},
        {"name": "i_expr", "columns": [{"sql": "lower((name)::text)"}]},
        {"name": "i_include", "columns": ["id"], "include": ["name"]},
        {"name": "i_gin", "columns": ["doc"], "method": "gin"},
        {"name": "i_hash", "columns": ["name"], "method": "hash"},
        {"name": "i_body", "columns": ["body"]},
        {"name": "i_prefix", "columns": [{"column": "body", "length": 20}]},
        {"name": "i_nulls", "columns": [{"column": "name", "order": "desc", "nulls": "first"}]},
        {"name": "i_nnd", "columns": ["name"], "unique": True, "nulls_distinct": False},
    ])


def test_postgres_writes_every_index_form() -> None:
    sql, notes = write(INDEXED, "postgres")
    for text in ("CREATE INDEX i_partial ON t (name) WHERE active;",
                 "CREATE INDEX i_expr ON t ((lower((name)::text)));",
                 "CREATE INDEX i_include ON t (id) INCLUDE (name);",
                 "CREATE INDEX i_gin ON t USING gin (doc);",
                 "CREATE INDEX i_hash ON t USING hash (name);",
                 "CREATE INDEX i_nulls ON t (name DESC NULLS FIRST);",
                 "CREATE UNIQUE INDEX i_nnd ON t (name) NULLS NOT DISTINCT;"):
        assert text in sql
    assert codes(notes) == ["prefix-dropped"]


def warned(notes: list[Note], code: str) -> list[str]:
    return [n.subject.split(" index ")[1] for n in notes if n.code == code and n.subject]


def test_mysql_index_rules() -> None:
    sql, notes = write(INDEXED, "mysql")
    assert "i_partial" not in sql and warned(notes, "index-skipped") == ["i_partial", "i_gin"]
    assert "CREATE INDEX i_expr ON t ((LOWER(name)));" in sql
    assert "CREATE INDEX i_include ON t (id);" in sql and warned(notes, "include-dropped") == ["i_include"]
    assert "CREATE INDEX i_hash ON t (name) USING HASH;" in sql
    assert "CREATE INDEX i_body ON t (body(255));" in sql
    assert warned(notes, "index-prefix-added") == ["i_body"]
    assert "CREATE INDEX i_prefix ON t (body(20));" in sql
    assert "CREATE INDEX i_nulls ON t (name DESC);" in sql
    assert warned(notes, "nulls-order-dropped") == ["i_nulls"]
    assert warned(notes, "nulls-not-distinct-dropped") == ["i_nnd"]


def test_mariadb_has_no_expression_indexes() -> None:
    sql, notes = write(INDEXED, "mariadb")
    assert "i_expr" not in sql
    assert "i_expr" in warned(notes, "index-skipped")


def test_sqlite_index_rules() -> None:
    sql, notes = write(INDEXED, "sqlite")
    assert "CREATE INDEX i_partial ON t (name) WHERE active;" in sql
    assert "CREATE INDEX i_expr ON t ((LOWER(name)));" in sql
    assert "CREATE INDEX i_gin ON t (doc);" in sql
    assert set(warned(notes, "index-method-dropped")) == {"i_gin", "i_hash"}


def test_mssql_index_rules() -> None:
    sql, notes = write(INDEXED, "mssql")
    assert "CREATE INDEX i_partial ON t (name) WHERE active = 1;" in sql
    assert "CREATE INDEX i_include ON t (id) INCLUDE (name);" in sql
    assert "i_body" in warned(notes, "index-skipped")  # nvarchar(max) cannot be a key
    assert "i_expr" in warned(notes, "index-skipped")


def test_unnamed_indexes() -> None:
    data = one_table({"a": "integer", "b": "integer"},
                     indexes=[{"columns": ["a", "b"]}, {"columns": ["a"]}])
    sql, _ = write(data, "postgres")
    assert "CREATE INDEX ON t (a, b);" in sql
    sql, _ = write(data, "mysql")
    assert "CREATE INDEX a ON t (a, b);" in sql and "CREATE INDEX a_2 ON t (a);" in sql
    sql, _ = write(data, "sqlite")
    assert "CREATE INDEX t_a_b_idx ON t (a, b);" in sql and "CREATE INDEX t_a_idx ON t (a);" in sql


@pytest.mark.parametrize("dialect", ["snowflake", "bigquery"])
def test_warehouses_have_no_indexes(dialect: str) -> None:
    sql, notes = write(INDEXED, dialect)
    assert "CREATE INDEX" not in sql
    assert codes(notes).count("index-skipped") == 9


# -- constraints ---------------------------------------------------------------------------------

KEYS = {"tables": {
    "p": {"columns": {"id": "integer", "a": "integer", "b": "integer"}, "primary_key": ["id"],
          "uniques": [{"name": "p_ab", "columns": ["a", "b"], "nulls_distinct": False}]},
    "c": {"columns": {"p_id": "integer"},
          "foreign_keys": [{"name": "c_p", "columns": ["p_id"], "references": {"table": "p"},
                            "on_delete": "restrict", "on_update": "cascade", "match": "full",
                            "deferrable": True, "initially_deferred": True}]}}}


def test_postgres_keeps_every_key_option() -> None:
    sql, notes = write(KEYS, "postgres")
    assert "CONSTRAINT p_ab UNIQUE NULLS NOT DISTINCT (a, b)" in sql
    assert ("ALTER TABLE c ADD CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id) MATCH FULL "
            "ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;") in sql
    assert notes == []


@pytest.mark.parametrize(("dialect", "expected", "expected_codes"), [
    ("mysql", "REFERENCES p (id) ON DELETE RESTRICT ON UPDATE CASCADE;",
     {"nulls-not-distinct-dropped", "match-dropped", "deferrable-dropped"}),
    ("oracle", "REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED;",
     {"nulls-not-distinct-dropped", "match-dropped", "fk-action-changed", "fk-action-dropped"}),
    ("mssql", "REFERENCES p (id) ON UPDATE CASCADE;",
     {"match-dropped", "fk-action-changed", "deferrable-dropped"}),
    ("bigquery", "REFERENCES p (id) NOT ENFORCED;",
     {"unique-dropped", "match-dropped", "fk-action-changed", "fk-action-dropped",
      "deferrable-dropped", "dataset-needed"}),
])
def test_key_options_a_target_lacks_are_reported(dialect: str, expected: str,
                                                  expected_codes: set[str]) -> None:
    sql, notes = write(KEYS, dialect)
    assert expected in sql
    assert set(codes(notes)) == expected_codes


def test_mssql_refuses_cascades_on_self_references() -> None:
    data = {"tables": {"n": {"columns": {"id": "integer", "up": "integer"}, "primary_key": ["id"],
                             "foreign_keys": [{"columns": ["up"], "references": {"table": "n"},
                                               "on_delete": "cascade"}]}}}
    sql, notes = write(data, "mssql")
    assert "REFERENCES n (id);" in sql and "fk-action-dropped" in codes(notes)


# -- other constructs ------------------------------------------------------------------------------


def test_extensions_are_postgres_only() -> None:
    data = {"extensions": {"uuid-ossp": {"name": "uuid-ossp", "namespace": "ext",
                                             "version": "1.1"}}}
    sql, _ = write(data, "postgres")
    assert 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA ext VERSION \'1.1\';' in sql
    assert sql.index("CREATE SCHEMA ext") < sql.index("CREATE EXTENSION")
    _, notes = write(data, "mysql")
    assert "extension-skipped" in codes(notes)


def test_inherits_is_postgres_only() -> None:
    data = {"tables": {"base": {"columns": {"id": "integer"}},
                       "sub": {"columns": {"id": "integer", "extra": "text"}, "inherits": ["base"]}}}
    assert ")\nINHERITS (base);" in write(data, "postgres")[0]
    sql, notes = write(data, "mysql")
    assert "INHERITS" not in sql and "inherits-dropped" in codes(notes)


def test_sequences() -> None:
    data = {"sequences": {"s": {"type": "bigint", "start": 5, "increment": 2, "min_value": 1,
                                "max_value": 100, "cache": 1, "cycle": True}}}
    assert ("CREATE SEQUENCE s AS bigint START WITH 5 INCREMENT BY 2 MINVALUE 1 MAXVALUE 100 "
            "CACHE 1 CYCLE;") in write(data, "postgres")[0]
    assert ("CREATE SEQUENCE s START WITH 5 INCREMENT BY 2 MINVALUE 1 MAXVALUE 100 CYCLE "
            "NOCACHE;") in write(data, "oracle")[0]
    assert "CREATE SEQUENCE s START WITH 5" in write(data, "mariadb")[0]
    sql, notes = write(data, "snowflake")
    assert "CREATE SEQUENCE s START = 5 INCREMENT = 2;" in sql
    assert "sequence-option-dropped" in codes(notes)
    for dialect in ("mysql", "sqlite", "bigquery"):
        sql, notes = write(data, dialect)
        assert "SEQUENCE" not in sql and "sequence-skipped" in codes(notes)


def test_materialized_views() -> None:
    data = {"tables": {"t": {"columns": {"a": "integer"}}},
            "views": {"m": {"sql": "SELECT a FROM t", "materialized": True, "columns": ["x"],
                            "check_option": "local",
                            "indexes": [{"name": "m_x", "columns": ["x"]}]}}}
    sql, _ = write(data, "postgres")
    assert "CREATE MATERIALIZED VIEW m (x) AS\nSELECT a FROM t\nWITH LOCAL CHECK OPTION;" in sql
    assert "CREATE INDEX m_x ON m (x);" in sql
    sql, notes = write(data, "mysql")
    assert "CREATE VIEW m (x) AS" in sql
    assert {"materialized-view-changed", "index-skipped"} <= set(codes(notes))


# -- table options -----------------------------------------------------------------------------------


def test_mysql_table_options_charset_and_collation() -> None:
    data = one_table({"name": {"type": "varchar(20)", "charset": "utf8mb4", "collation": "utf8mb4_bin"}},
                     dialect="mysql", options={"mysql": {"engine": "InnoDB", "row_format": "DYNAMIC"}},
                     charset="utf8mb4", collation="utf8mb4_unicode_ci")
    sql, notes = write(data, "mariadb")
    assert "name varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" in sql
    assert ")\nENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;" in sql
    assert notes == []
    sql, notes = write(data, "postgres")
    assert "ENGINE" not in sql and "utf8mb4" not in sql
    assert {"options-other-dialect", "table-collation-dropped", "collation-dropped",
            "charset-dropped"} <= set(codes(notes))


def test_mysql_character_sets_collations_and_engines_survive_a_rewrite() -> None:
    """What the DDL reader records of NVARCHAR, BINARY, table character sets and
    engines, written back for MariaDB, reads as the same design."""
    from sekkei.formats.base import ReadOptions
    from sekkei.formats.sql.generic import read_generic

    script = """
        CREATE TABLE a (b VARCHAR(40) BINARY, d VARCHAR(5) COLLATE utf8mb3_unicode_ci, y YEAR,
                        m MEDIUMBLOB, CONSTRAINT PK_a PRIMARY KEY (y)) ENGINE=InnoDB DEFAULT CHARSET=utf8;
        CREATE TABLE e (n NVARCHAR(10), c VARCHAR(5) CHARACTER SET utf8mb4)
            ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_bin;
    """
    first = read_generic(script, ReadOptions(), Notes(), "mariadb")
    notes = Notes()
    sql = write_sql(first, "mariadb", notes, WriteOptions("mariadb"))
    assert "n varchar(10) CHARACTER SET utf8mb3," in sql and "c varchar(5) CHARACTER SET utf8mb4" in sql
    assert "b varchar(40) COLLATE utf8mb3_bin," in sql and "y year NOT NULL" in sql
    assert "ENGINE=InnoDB" not in sql and "ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_bin" in sql
    assert [n for n in notes if n.severity.value != "info"] == []
    assert read_generic(sql, ReadOptions(), Notes(), "mariadb") == first


def test_sqlite_table_options() -> None:
    data = one_table({"id": "integer", "name": "varchar(20)", "at": "timestamp"},
                     primary_key=["id"], options={"sqlite": {"without_rowid": "true", "strict": "true"}})
    sql, _ = write(data, "sqlite")
    assert ")\nWITHOUT ROWID, STRICT;" in sql
    assert "name TEXT" in sql and "at TEXT" in sql and "id INTEGER" in sql


def test_postgres_table_options() -> None:
    data = one_table({"id": "integer"}, options={"postgres": {
        "unlogged": "true", "fillfactor": "70", "tablespace": "fast", "bogus": "1"}})
    sql, notes = write(data, "postgres")
    assert "CREATE UNLOGGED TABLE t (" in sql
    assert ")\nWITH (fillfactor=70)\nTABLESPACE fast;" in sql
    assert codes(notes) == ["table-option-dropped"]


@pytest.mark.parametrize("dialect", sorted(WRITERS))
def test_every_dialect_writes_an_empty_schema(dialect: str) -> None:
    sql, notes = write({}, dialect)
    assert sql.startswith("-- Generated by Sekkei for ") and notes == []


# -- keys on large types, and expressions only one database understands -------------------------


def test_keys_on_large_types() -> None:
    data = one_table({"code": "text", "doc": "json"}, uniques=[{"columns": ["code"]}],
                     indexes=[{"name": "ft", "columns": ["code"], "kind": "fulltext"}])
    sql, notes = write(data, "mysql")
    assert "UNIQUE (code(255))" in sql and "index-prefix-added" in codes(notes)
    assert "CREATE FULLTEXT INDEX ft ON t (code);" in sql
    sql, notes = write(data, "oracle")
    assert "UNIQUE" not in sql and "key-dropped" in codes(notes)
    data = one_table({"doc": "json"}, uniques=[{"columns": ["doc"]}])
    sql, notes = write(data, "mysql")
    assert "UNIQUE" not in sql and "key-dropped" in codes(notes)


def test_pseudo_columns_of_the_source_are_not_taken_for_columns() -> None:
    data = {"dialect": "oracle", "tables": {"T": {"columns": {"A": "integer"}}},
            "views": {"V": {"sql": "SELECT a FROM t WHERE ROWNUM < 10"}}}
    sql, notes = write(data, "postgres")
    assert "CREATE VIEW" not in sql and codes(notes) == ["view-skipped"]


def test_postgres_interval_literals_move_to_other_dialects() -> None:
    data = one_table({"at": "date", "due": "date"},
                     checks=[{"sql": "due <= (at + '7 days'::interval)"}])
    assert "CHECK (due <= (at + INTERVAL '7' DAY))" in write(data, "mysql")[0]
    sql, notes = write(data, "sqlite")
    assert "CHECK" not in sql and codes(notes) == ["expression-skipped"]


def test_well_known_defaults_use_the_target_spelling_without_a_schema_dialect() -> None:
    data = one_table({"at": {"type": "timestamp", "default": {"sql": "now()"}}}, dialect=None)
    assert "at timestamp DEFAULT CURRENT_TIMESTAMP" in write(data, "sqlite")[0]


def test_mysql_schema_written_for_postgres() -> None:
    data = {"dialect": "mysql", "tables": {"Users": {
        "columns": {"id": {"type": "integer unsigned", "identity": {}},
                    "UserName": {"type": "varchar(50)", "collation": "utf8mb4_bin"},
                    "flags": {"type": "integer", "default": 0}},
        "primary_key": ["id"], "checks": [{"sql": "`flags` < 200"}]}},
        "views": {"v": {"sql": "select `UserName`, IFNULL(`flags`, 0) as f from `Users`"}}}
    sql, notes = write(data, "postgres")
    assert 'CREATE TABLE "Users" (\n    id bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,' in sql
    assert "CHECK (flags < 200)" in sql
    assert 'SELECT\n  "UserName",\n  COALESCE(flags, 0) AS f\nFROM "Users"' in sql
    assert codes(notes) == ["collation-dropped"]
    sql, _ = write(data, "sqlite")
    assert "id INTEGER PRIMARY KEY AUTOINCREMENT" in sql


# -- lessons from real schemas (sakila, pagila, danbooru, synapse, adventureworks) ----------


def test_routines_returning_a_table_type_come_after_the_tables() -> None:
    data = {"dialect": "postgres", "tables": {"customer": {"columns": {"id": "integer"}}},
            "routines": [
                {"name": "rewards", "sql": "CREATE FUNCTION rewards() RETURNS SETOF customer "
                                           "LANGUAGE sql AS $$ SELECT * FROM customer $$"},
                {"name": "two", "sql": "CREATE FUNCTION two() RETURNS integer LANGUAGE sql "
                                       "AS $$ SELECT 2 FROM customer $$"}]}
    sql, _ = write(data, "postgres")
    assert sql.index("CREATE FUNCTION two()") < sql.index("CREATE TABLE customer")
    assert sql.index("CREATE TABLE customer") < sql.index("CREATE FUNCTION rewards()")


def test_view_qualifiers_naming_the_default_namespace_or_database() -> None:
    data = {"dialect": "postgres", "tables": {"t": {"columns": {"a": "integer"}}},
            "views": {"v": {"sql": "SELECT a FROM public.t"}}}
    assert "FROM t" in write(data, "sqlite")[0]
    data["dialect"] = "mysql"
    data["views"] = {"v": {"sql": "SELECT a FROM shop.t"}}
    assert 'FROM t' in write(data, "postgres")[0]


def test_mysql_star_after_other_columns_is_qualified() -> None:
    data = {"dialect": "postgres", "tables": {"t": {"columns": {"a": "integer"}}},
            "views": {"v": {"sql": "SELECT a AS id, * FROM t"}}}
    assert "a AS id,\n  t.*\nFROM t" in write(data, "mariadb")[0]


def test_sqlite_refuses_functions_it_does_not_have() -> None:
    data = {"dialect": "postgres", "tables": {"t": {"columns": {"b": "bytes", "a": "integer"}}},
            "views": {"bits": {"sql": "SELECT get_bit(b, 1) AS x FROM t"},
                      "parts": {"sql": "SELECT a FROM t UNION ALL (SELECT a FROM t ORDER BY a)"}}}
    sql, notes = write(data, "sqlite")
    assert "CREATE VIEW" not in sql
    assert {n.subject for n in notes if n.code == "view-skipped"} == {"view bits", "view parts"}


def test_sql_server_string_plus_becomes_concatenation() -> None:
    data = {"dialect": "mssql", "tables": {"p": {"columns": {"f": "varchar(9)", "l": "varchar(9)"}}},
            "views": {"v": {"sql": "SELECT f + ' ' + l AS name FROM p"}}}
    assert "f || ' ' || l AS name" in write(data, "postgres")[0]
    assert "CONCAT(f, ' ', l) AS name" in write(data, "mysql")[0]


def test_postgres_refuses_distinct_aggregates_ordered_by_something_else() -> None:
    data = {"dialect": "mysql", "tables": {"c": {"columns": {"name": "text", "id": "integer"}}},
            "views": {"ok": {"sql": "SELECT GROUP_CONCAT(DISTINCT name ORDER BY name) AS n FROM c"},
                      "bad": {"sql": "SELECT GROUP_CONCAT(DISTINCT name ORDER BY id) AS n FROM c"}}}
    sql, notes = write(data, "postgres")
    assert "CREATE VIEW ok" in sql and "CREATE VIEW bad" not in sql
    assert [n.subject for n in notes if n.code == "view-skipped"] == ["view bad"]


MISMATCHED = {"tables": {
    "users": {"columns": {"id": "integer", "handle": "text"}, "primary_key": ["id"],
              "uniques": [{"columns": ["handle"]}]},
    "posts": {"columns": {"id": "integer", "user_id": "bigint", "author": {"type": "integer",
                                                                          "nullable": False},
                          "handle": "text"},
              "foreign_keys": [
                  {"name": "by_id", "columns": ["user_id"], "references": {"table": "users"}},
                  {"name": "by_author", "columns": ["author"], "references": {"table": "users"},
                   "on_delete": "set null"},
                  {"name": "by_handle", "columns": ["handle"],
                   "references": {"table": "users", "columns": ["handle"]}}]}}}


def test_mysql_foreign_keys_it_would_refuse() -> None:
    sql, notes = write(MISMATCHED, "mysql")
    skipped = {n.subject: n.message for n in notes if n.code == "foreign-key-skipped"}
    assert set(skipped) == {"table posts foreign key by_id", "table posts foreign key by_handle"}
    assert "bigint" in skipped["table posts foreign key by_id"]
    assert "ADD CONSTRAINT by_author FOREIGN KEY (author) REFERENCES users (id);" in sql
    assert "fk-action-dropped" in codes(notes)
    sql, notes = write(MISMATCHED, "postgres")
    assert sql.count("FOREIGN KEY") == 3 and notes == []
