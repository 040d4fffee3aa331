"""Building blocks of the DDL writer: quoting, ordering, script layout, expressions."""

from __future__ import annotations

import pytest
from sqlglot import exp

from sekkei.formats.sql.keywords import reserved_words
from sekkei.formats.sql.writer.expressions import ExpressionWriter, TranspileError, replace_word
from sekkei.formats.sql.writer.functions import recognise
from sekkei.formats.sql.writer.order import referenced_names, stable_topological, view_order
from sekkei.formats.sql.writer.quoting import Quoter
from sekkei.formats.sql.writer.script import Script, Statement
from sekkei.model import View


def quoter(target: str, source: str = "lower") -> Quoter:
    folding = {"postgres": "lower", "oracle": "upper", "snowflake": "upper"}.get(target)
    marks = {"mysql": ("`", "`"), "mssql": ("[", "]")}.get(target, ('"', '"'))
    return Quoter(folding, source, reserved_words(target), *marks)


# -- quoting -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("users", "users"),
    ("UserId", '"UserId"'),        # PostgreSQL folds bare names to lower case
    ("user", '"user"'),            # reserved
    ("order", '"order"'),
    ("name", "name"),              # unreserved keyword
    ("1st", '"1st"'),              # leading digit
    ("first name", '"first name"'),
    ("名前", '"名前"'),
    ('say "hi"', '"say ""hi"""'),
])
def test_postgres_quoting(name: str, expected: str) -> None:
    assert quoter("postgres").ident(name) == expected


def test_mysql_quoting_uses_backticks_and_its_reserved_words() -> None:
    q = quoter("mysql")
    assert q.ident("key") == "`key`"
    assert q.ident("UserId") == "UserId"      # MySQL keeps case
    assert q.ident("offset") == "`offset`"     # MariaDB reserves it
    assert q.ident("a`b") == "`a``b`"


def test_mssql_quoting_uses_brackets() -> None:
    q = quoter("mssql")
    assert q.ident("order") == "[order]"
    assert q.ident("a]b") == "[a]]b]"
    assert q.ident("Name") == "Name"


def test_upper_folding_targets_keep_case_insensitive_names_bare() -> None:
    # from a lower-folding source, user_id is a case-insensitive name: bare in Oracle
    q = quoter("oracle", "lower")
    assert q.ident("user_id") == "user_id"
    assert q.ident("UserId") == '"UserId"'
    assert q.ident("level") == '"LEVEL"'       # reserved: quoted in the case Oracle stores
    assert q.ident("USER_ID") == "USER_ID"


def test_upper_folding_source_round_trips_exactly() -> None:
    # a schema read from Oracle: a lower-case name was created quoted
    q = quoter("oracle", "upper")
    assert q.ident("EMPLOYEES") == "EMPLOYEES"
    assert q.ident("employees") == '"employees"'
    # and EMPLOYEES from Oracle stays a case-insensitive name in PostgreSQL
    assert quoter("postgres", "upper").ident("EMPLOYEES") == "EMPLOYEES"


def test_reserved_words_come_from_the_parsers() -> None:
    assert "select" in reserved_words("postgres")
    assert "name" not in reserved_words("postgres")
    assert "interval" in reserved_words("mysql")
    assert "level" in reserved_words("oracle")
    assert "qualify" in reserved_words("snowflake")
    assert "struct" in reserved_words("bigquery")


# -- ordering --------------------------------------------------------------------


def test_stable_topological_keeps_schema_order_and_survives_cycles() -> None:
    keys = ["c", "a", "b", "x", "y"]
    depends = {"c": ["b"], "a": [], "b": ["a"], "x": ["y"], "y": ["x"]}
    assert stable_topological(keys, depends) == ["a", "b", "c", "x", "y"]


def test_views_are_ordered_by_the_names_their_sql_uses() -> None:
    views = {
        "top": View(name="top", sql="SELECT * FROM middle WHERE x > 1"),
        "middle": View(name="middle", sql='SELECT * FROM "base"'),
        "base": View(name="base", sql="SELECT 1 AS x FROM t WHERE s = 'middle'"),
    }
    assert view_order(views) == ["base", "middle", "top"]


def test_referenced_names_skip_string_literals() -> None:
    assert "other" not in referenced_names("SELECT 'other' FROM t")
    assert {"t", "x"} <= referenced_names("SELECT `x` FROM [t]")


# -- script ------------------------------------------------------------------------


def test_script_batches_and_terminators() -> None:
    script = Script(["header"])
    section = script.section("Views", spaced=True)
    section.statements.extend([Statement("CREATE TABLE t (a int)"),
                               Statement("CREATE VIEW v AS SELECT 1", "batch")])
    text = script.render(batches=True)
    assert "CREATE TABLE t (a int);\n\nGO\nCREATE VIEW v AS SELECT 1;\nGO" in text


def test_script_plsql_and_delimiters() -> None:
    script = Script([])
    section = script.section("Routines")
    section.statements.append(Statement("CREATE FUNCTION f RETURN NUMBER IS BEGIN RETURN 1; END;",
                                        "plsql"))
    section.statements.append(Statement("CREATE PROCEDURE p() BEGIN SELECT 1; END", "compound"))
    text = script.render()
    assert "END;\n/" in text
    assert "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END\n//\nDELIMITER ;" in text


# -- expressions -------------------------------------------------------------------


def expressions(source: str | None, target: str) -> ExpressionWriter:
    return ExpressionWriter(source, target, quoter(target))


def test_same_family_expressions_are_verbatim() -> None:
    assert expressions("postgres", "postgres").expression("now()::date") == "now()::date"
    assert expressions("mysql", "mariadb").expression("curdate()") == "curdate()"


def test_cross_family_expressions_are_transpiled_and_cleaned() -> None:
    ew = expressions("postgres", "mysql")
    assert ew.expression("lower((name)::text)") == "LOWER(name)"
    assert ew.condition("(status)::text = ANY ((ARRAY['a'::character varying, 'b'])::text[])") \
        == "status IN ('a', 'b')"
    assert ew.condition("kind <> ALL (ARRAY['x'])") == "NOT kind IN ('x')"


def test_cross_family_identifiers_are_requoted_for_the_target() -> None:
    assert expressions("postgres", "mysql").condition("key > 0") == "`key` > 0"
    assert expressions("mysql", "postgres").condition("`UserId` > 0") == '"UserId" > 0'


def test_unknown_functions_are_refused_across_families() -> None:
    with pytest.raises(TranspileError, match="my_func"):
        expressions("postgres", "sqlite").expression("my_func(a)")
    sqlite = ExpressionWriter("postgres", "sqlite", quoter("sqlite"), unsupported=(exp.Interval,))
    with pytest.raises(TranspileError, match="INTERVAL"):
        sqlite.expression("created_at + interval '1 day'")


def test_numeric_booleans_for_oracle() -> None:
    ew = ExpressionWriter("postgres", "oracle", quoter("oracle"), numeric_booleans=True)
    assert ew.condition("active AND NOT deleted") == "active = 1 AND NOT deleted = 1"
    assert ew.query("SELECT a FROM t WHERE flag = true") == "SELECT\n  a\nFROM t\nWHERE\n  flag = 1"


def test_schema_without_dialect_keeps_what_the_target_reads() -> None:
    assert expressions(None, "sqlite").expression("datetime('now')") == "datetime('now')"


def test_replace_word_leaves_literals_and_quoted_names_alone() -> None:
    sql = "VALUE > 0 AND \"value\" <> 'value' AND value < 9"
    assert replace_word(sql, "value", "price") == "price > 0 AND \"value\" <> 'value' AND price < 9"


@pytest.mark.parametrize(("sql", "kind"), [
    ("now()", "now"), ("CURRENT_TIMESTAMP", "now"), ("GETDATE()", "now"), ("SYSDATE", "now"),
    ("datetime('now')", "now"), ("(now())", "now"), ("CURRENT_DATE", "today"),
    ("curdate()", "today"), ("gen_random_uuid()", "uuid"), ("NEWID()", "uuid"),
    ("uuid_generate_v4()", "uuid"), ("nextval('s'::regclass)", "nextval"),
    ("NEXT VALUE FOR dbo.s", "nextval"), ("s.NEXTVAL", "nextval"),
])
def test_well_known_defaults_are_recognised(sql: str, kind: str) -> None:
    found = recognise(sql)
    assert found is not None and found.kind == kind


def test_other_defaults_are_not_recognised() -> None:
    assert recognise("lower(x)") is None
