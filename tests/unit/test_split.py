"""The statement splitter: quotes, comments, delimiters, batches and bodies, with exact offsets."""

from __future__ import annotations

import time

import pytest

from sekkei.formats.sql.split import Statement, split_statements


def texts(sql: str, dialect: str) -> list[str]:
    found = split_statements(sql, dialect)
    for stmt in found:
        assert sql[stmt.start:stmt.end] == stmt.text  # offsets are exact
    return [s.text for s in found]


def test_offsets_point_at_first_and_last_code_character() -> None:
    sql = "  -- lead\n  /* c */ CREATE TABLE a (x int) ;\n\nSELECT 1 -- tail\n;"
    first, second = split_statements(sql, "mysql")
    assert first == Statement(sql.index("CREATE"), sql.index(" ;"), "CREATE TABLE a (x int)", ";")
    assert second.text == "SELECT 1"
    assert second.start == sql.index("SELECT")
    assert second.terminator == ";"


def test_last_statement_without_terminator() -> None:
    [only] = split_statements("SELECT 1\n\n", "sqlite")
    assert only.text == "SELECT 1"
    assert only.terminator == ""


def test_blank_and_comment_only_input() -> None:
    assert split_statements("", "mysql") == []
    assert split_statements(" ;; ; -- x\n/* y */", "mysql") == []


@pytest.mark.parametrize(("dialect", "sql", "expected"), [
    ("mysql", "SELECT 'a;b', \"c;d\", `e;f`; SELECT 2", ["SELECT 'a;b', \"c;d\", `e;f`", "SELECT 2"]),
    ("mysql", "SELECT 'it''s ;', 'x\\';y'; SELECT 2", ["SELECT 'it''s ;', 'x\\';y'", "SELECT 2"]),
    ("mysql", "SELECT \"a\\\";b\"; SELECT 2", ["SELECT \"a\\\";b\"", "SELECT 2"]),
    ("sqlite", "CREATE TABLE [a;b] (\"c;d\" int, `e;f` int); SELECT 2",
     ["CREATE TABLE [a;b] (\"c;d\" int, `e;f` int)", "SELECT 2"]),
    ("mssql", "SELECT [a]];b], N'x;''y'; SELECT 2", ["SELECT [a]];b], N'x;''y'", "SELECT 2"]),
    ("oracle", "SELECT q'[it's; fine]', q'{a;b}', 'c;d' FROM dual; SELECT 2 FROM dual",
     ["SELECT q'[it's; fine]', q'{a;b}', 'c;d' FROM dual", "SELECT 2 FROM dual"]),
    ("snowflake", "CREATE FUNCTION f() RETURNS INT AS $$ select 1; $$; SELECT 'a\\';b'",
     ["CREATE FUNCTION f() RETURNS INT AS $$ select 1; $$", "SELECT 'a\\';b'"]),
    ("bigquery", "SELECT '''a;b''', \"c\\\";\", `d;e`; SELECT 1",
     ["SELECT '''a;b''', \"c\\\";\", `d;e`", "SELECT 1"]),
    ("db2", "SELECT 'a;b' FROM t; SELECT 2", ["SELECT 'a;b' FROM t", "SELECT 2"]),
])
def test_quotes_hide_semicolons(dialect: str, sql: str, expected: list[str]) -> None:
    assert texts(sql, dialect) == expected


def test_backslash_is_no_escape_outside_mysql() -> None:
    assert texts("SELECT 'a\\'; SELECT 2", "sqlite") == ["SELECT 'a\\'", "SELECT 2"]


@pytest.mark.parametrize(("dialect", "sql", "expected"), [
    ("mysql", "SELECT 1; # a ; comment\nSELECT 2; -- b;\nSELECT 3", ["SELECT 1", "SELECT 2", "SELECT 3"]),
    ("mysql", "SELECT 5--1;\nSELECT 2", ["SELECT 5--1", "SELECT 2"]),  # MySQL needs a space after --
    ("sqlite", "SELECT 1; /* a ; b */ SELECT 2; -- c ;\n", ["SELECT 1", "SELECT 2"]),
    ("snowflake", "SELECT 1; // a ; comment\nSELECT 2", ["SELECT 1", "SELECT 2"]),
    ("bigquery", "SELECT 1; # a ; comment\nSELECT 2", ["SELECT 1", "SELECT 2"]),
    ("mssql", "SELECT #t.a FROM #t; SELECT 2", ["SELECT #t.a FROM #t", "SELECT 2"]),  # # is no comment
])
def test_comments_hide_semicolons(dialect: str, sql: str, expected: list[str]) -> None:
    assert texts(sql, dialect) == expected


def test_unterminated_quote_and_comment_run_to_the_end() -> None:
    assert texts("SELECT 1; SELECT 'abc; def", "mysql") == ["SELECT 1", "SELECT 'abc; def"]
    assert texts("SELECT 1; /* open ; comment", "sqlite") == ["SELECT 1"]


def test_mysql_executable_comments_are_code() -> None:
    sql = "/*!40101 SET NAMES utf8 */;\nCREATE TABLE t (a int) /*!50100 PARTITION BY HASH(a) */;"
    assert texts(sql, "mysql") == ["/*!40101 SET NAMES utf8 */",
                                   "CREATE TABLE t (a int) /*!50100 PARTITION BY HASH(a) */"]


def test_mysql_delimiter() -> None:
    sql = ("DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$\n"
           "DELIMITER ;\nSELECT 3;\nDELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW "
           "BEGIN SET NEW.a = 1; END;;\nDELIMITER ;\n")
    found = split_statements(sql, "mysql")
    assert [s.text for s in found] == [
        "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "SELECT 3",
        "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END"]
    assert [s.terminator for s in found] == ["$$", ";", ";;"]


def test_mysql_delimiter_of_quote_and_comment_characters() -> None:
    sql = "DELIMITER '\nCREATE TABLE a (id INT)'\nDELIMITER --\nCREATE TABLE b (id INT)--\nDELIMITER ;\n"
    assert texts(sql, "mysql") == ["CREATE TABLE a (id INT)", "CREATE TABLE b (id INT)"]


def test_a_column_called_delimiter_is_not_a_command() -> None:
    sql = "CREATE TABLE t (\n  delimiter VARCHAR(5),\n  x INT\n);"
    assert texts(sql, "mysql") == ["CREATE TABLE t (\n  delimiter VARCHAR(5),\n  x INT\n)"]


@pytest.mark.parametrize("dialect", ["mysql", "sqlite", "db2"])
def test_trigger_and_routine_bodies_keep_their_semicolons(dialect: str) -> None:
    sql = ("CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW BEGIN\n"
           "  UPDATE x SET a = CASE WHEN 1 THEN 2 END;\n"
           "  IF a THEN SET b = 1; END IF;\n"
           "END;\nSELECT 4;")
    body, query = texts(sql, dialect)
    assert body.endswith("END") and body.count(";") == 3
    assert query == "SELECT 4"


def test_nested_begin_and_case_statement() -> None:
    sql = ("CREATE PROCEDURE p() BEGIN\n  BEGIN SELECT 1; END;\n  CASE x WHEN 1 THEN SELECT 2; END CASE;\n"
           "  WHILE a DO SET a = a - 1; END WHILE;\nEND;\nCREATE TABLE z (a int);")
    assert texts(sql, "mysql")[1] == "CREATE TABLE z (a int)"


def test_single_statement_routine_ends_at_its_semicolon() -> None:
    sql = "CREATE FUNCTION f() RETURNS INT RETURN 1;\nCREATE TABLE z (a int);"
    assert texts(sql, "mysql") == ["CREATE FUNCTION f() RETURNS INT RETURN 1", "CREATE TABLE z (a int)"]


def test_tsql_go_batches() -> None:
    sql = ("CREATE TABLE a (x int)\nGO\nCREATE PROC p AS\nBEGIN\n SELECT 1;\n SELECT 2;\nEND\nGO 2\n"
           "CREATE VIEW v AS SELECT 1 AS one\ngo\n")
    found = split_statements(sql, "mssql")
    assert [s.text for s in found] == ["CREATE TABLE a (x int)",
                                       "CREATE PROC p AS\nBEGIN\n SELECT 1;\n SELECT 2;\nEND",
                                       "CREATE VIEW v AS SELECT 1 AS one"]
    assert [s.terminator for s in found] == ["GO", "GO", "GO"]


def test_tsql_statements_without_semicolons() -> None:
    sql = "CREATE TABLE a (x int)\n\n-- next\nCREATE TABLE b (y int)\nALTER TABLE b ADD z int\nGO"
    assert texts(sql, "mssql") == ["CREATE TABLE a (x int)", "CREATE TABLE b (y int)",
                                   "ALTER TABLE b ADD z int"]


def test_tsql_body_without_go_ends_at_its_end() -> None:
    sql = "CREATE PROC p AS\nBEGIN\n SELECT 1;\nEND\nCREATE TABLE z (a int);"
    assert texts(sql, "mssql") == ["CREATE PROC p AS\nBEGIN\n SELECT 1;\nEND", "CREATE TABLE z (a int)"]


def test_oracle_slash_ends_plsql() -> None:
    sql = ("CREATE TABLE a (x int);\n/\nCREATE OR REPLACE TRIGGER t BEFORE INSERT ON a FOR EACH ROW\n"
           "BEGIN\n  :new.x := 1;\nEND;\n/\nCREATE PACKAGE BODY p AS\n  PROCEDURE q IS BEGIN NULL; END q;\n"
           "END p;\n/\nCREATE TABLE b (y int)\n/\n")
    found = split_statements(sql, "oracle")
    assert [s.text.split()[:4] for s in found] == [
        ["CREATE", "TABLE", "a", "(x"], ["CREATE", "OR", "REPLACE", "TRIGGER"],
        ["CREATE", "PACKAGE", "BODY", "p"], ["CREATE", "TABLE", "b", "(y"]]
    assert found[1].text.endswith("END;")
    assert [s.terminator for s in found] == [";", "/", "/", "/"]


def test_oracle_plsql_without_slash_uses_begin_end() -> None:
    sql = "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN :new.x := 1; END;\nCREATE TABLE b (y int);"
    assert texts(sql, "oracle")[1] == "CREATE TABLE b (y int)"


def test_sqlplus_line_commands() -> None:
    sql = "SET DEFINE OFF\nPROMPT creating tables;\nREM note\nCREATE TABLE a (x int);\nSPOOL off"
    found = split_statements(sql, "oracle")
    assert [s.text for s in found] == ["SET DEFINE OFF", "PROMPT creating tables", "REM note",
                                       "CREATE TABLE a (x int)", "SPOOL off"]


def test_sqlplus_words_inside_a_statement_are_code() -> None:
    sql = "UPDATE t\nSET a = 1\nWHERE b = 2;"
    assert texts(sql, "oracle") == ["UPDATE t\nSET a = 1\nWHERE b = 2"]


def test_db2_slash_and_begin_atomic() -> None:
    sql = ("CREATE TRIGGER t BEFORE UPDATE ON a REFERENCING NEW AS n FOR EACH ROW BEGIN ATOMIC "
           "SET n.x = 1; END\n/\nCREATE TABLE c (d int);")
    assert texts(sql, "db2")[1] == "CREATE TABLE c (d int)"


def test_begin_transaction_is_no_block() -> None:
    sql = "BEGIN TRANSACTION;\nCREATE TABLE a (x int);\nCOMMIT;"
    assert texts(sql, "sqlite") == ["BEGIN TRANSACTION", "CREATE TABLE a (x int)", "COMMIT"]


def test_offsets_with_japanese_text() -> None:
    sql = "-- 説明\nCREATE TABLE 顧客 (名前 TEXT); SELECT '；';"
    first, second = split_statements(sql, "sqlite")
    assert sql[first.start:first.start + 6] == "CREATE"
    assert second.text == "SELECT '；'"


# -- linear time ---------------------------------------------------------------------

_MB = 1_000_000


@pytest.mark.parametrize(("dialect", "sql"), [
    ("mysql", "INSERT INTO t VALUES " + ",".join(["(1,'a;b',\"c\")"] * (_MB // 14)) + ";"),
    ("mysql", "'" + "\\'" * (_MB // 2)),  # one unterminated string of escapes
    ("mysql", "/*" + "*" * _MB),  # unterminated comment
    ("oracle", "q'[" * (_MB // 3)),  # many unterminated q-quotes
    ("mssql", "[" * _MB),
    ("sqlite", ";" * _MB),
    ("sqlite", "CREATE TRIGGER t BEGIN " + "CASE END " * (_MB // 9)),
    ("mssql", "GO\n" * (_MB // 3)),
    ("oracle", "/\n" * (_MB // 2)),
    ("db2", "BEGIN END; " * (_MB // 11)),
])
def test_one_megabyte_in_linear_time(dialect: str, sql: str) -> None:
    started = time.perf_counter()
    split_statements(sql, dialect)
    assert time.perf_counter() - started < 5.0
