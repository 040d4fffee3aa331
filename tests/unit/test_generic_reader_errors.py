"""Errors of the DDL reader: positions, all problems at once, strict and lenient modes, and fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.generic import read_generic
from sekkei.model.diagnostics import InputError, Notes, Severity
from sekkei.model.location import Location
from sekkei.model.schema import Schema

DIALECTS = ("mysql", "mariadb", "sqlite", "mssql", "oracle", "snowflake", "bigquery", "db2", "generic")

BROKEN = """\
CREATE TABLE ok (a INT);
CREATE TABLE bad (
  a INT,
  b VARCHAR(10) NOT NULL DEFAULT,
  c INT
);
CREATE TABLE bad2 (x INT CHECK (x >));
CREATE VIEW v AS garbage;
"""


def read(sql: str, dialect: str = "mysql", *, strict: bool = True) -> tuple[Schema, Notes]:
    notes = Notes()
    return read_generic(sql, ReadOptions(source="e.sql", strict=strict), notes, dialect), notes


def test_every_problem_is_reported_with_its_position() -> None:
    with pytest.raises(InputError) as caught:
        read(BROKEN)
    problems = caught.value.problems
    assert [(p.location, p.code) for p in problems] == [
        (Location("e.sql", 4, 33), "syntax"), (Location("e.sql", 7, 36), "syntax"),
        (Location("e.sql", 8, 18), "syntax")]
    assert problems[0].message == "syntax error: incomplete default clause"
    assert problems[1].message == "syntax error: incomplete comparison"
    assert problems[2].message == "view v: expected a query after AS"


def test_lenient_mode_reads_the_rest_and_warns() -> None:
    schema, notes = read(BROKEN, strict=False)
    assert list(schema.tables) == ["ok", "bad", "bad2"]
    assert list(schema.tables["bad"].columns) == ["a", "c"]
    warnings = [n for n in notes if n.severity is Severity.WARNING]
    assert [n.location for n in warnings] == [Location("e.sql", 4, 33), Location("e.sql", 7, 36),
                                              Location("e.sql", 8, 18)]


def test_statement_sqlglot_cannot_parse_points_at_the_token() -> None:
    with pytest.raises(InputError) as caught:
        read("CREATE TABLE t (\n  a INT,\n  b INT NOT NULL NOT,\n  c INT\n)", "sqlite")
    [problem] = caught.value.problems
    assert problem.location is not None and problem.location.line == 3


def test_unknown_statements_are_warnings_even_in_strict_mode() -> None:
    schema, notes = read("FROBNICATE everything;\nCREATE TABLE t (a INT);")
    assert list(schema.tables) == ["t"]
    [warning] = [n for n in notes if n.severity is Severity.WARNING]
    assert warning.code == "statement-not-understood" and warning.location == Location("e.sql", 1, 1)


def test_references_to_tables_never_created() -> None:
    with pytest.raises(InputError) as caught:
        read("ALTER TABLE missing ADD COLUMN a INT;")
    assert [p.message for p in caught.value.problems] == [
        "ALTER TABLE names table missing, which was not created before"]
    with pytest.raises(InputError) as caught:
        read("CREATE TABLE t (a INT REFERENCES nowhere (id));", "mariadb")
    assert "nowhere" in caught.value.problems[0].message


def test_types_and_functions_sqlglot_does_not_know_are_kept_with_a_warning() -> None:
    schema, notes = read("CREATE TABLE t (p POINT SRID 4326, j JSON, "
                         "v VARCHAR(36) AS (JSON_VALUE(j, '$.id' RETURNING CHAR(36))) VIRTUAL);")
    t = schema.tables["t"]
    assert t.columns["p"].type == "mysql:POINT SRID 4326"
    assert t.columns["v"].generated is not None
    assert t.columns["v"].generated.sql == "JSON_VALUE(j, '$.id' RETURNING CHAR(36))"
    assert [n.code for n in notes if n.severity is Severity.WARNING] == ["not-checked"]


def test_size_limit() -> None:
    with pytest.raises(InputError):
        read_generic("SELECT 1;" * 100, ReadOptions(max_bytes=100), Notes(), "mysql")


# -- fuzzing: any input reads or raises InputError, nothing else ----------------------------

VALID = {
    "mysql": "CREATE TABLE a (id INT UNSIGNED NOT NULL AUTO_INCREMENT, n VARCHAR(10) DEFAULT 'x', "
             "PRIMARY KEY (id), KEY k (n(3))) ENGINE=InnoDB;\nALTER TABLE a ADD COLUMN b INT AFTER id;\n"
             "CREATE VIEW v AS SELECT id FROM a;\nINSERT INTO a VALUES (1,'a');",
    "sqlite": "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT UNIQUE);\n"
              "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET n = 'y'; END;\n"
              "CREATE INDEX i ON a (lower(n)) WHERE n IS NOT NULL;",
    "mssql": "CREATE TABLE [dbo].[a] ([id] INT IDENTITY(1,1) NOT NULL, CONSTRAINT [pk] PRIMARY KEY "
             "CLUSTERED ([id]))\nGO\nALTER TABLE a ADD CONSTRAINT df DEFAULT (0) FOR id\nGO\n",
    "oracle": "CREATE TABLE a (id NUMBER(10) NOT NULL, n VARCHAR2(10 CHAR), CONSTRAINT pk PRIMARY KEY (id));\n"
              "CREATE SEQUENCE s;\n/\nCOMMENT ON TABLE a IS 'x';\n",
    "snowflake": "CREATE TABLE a (id NUMBER AUTOINCREMENT, v VARIANT) CLUSTER BY (id);\n",
    "bigquery": "CREATE TABLE `p.d.a` (id INT64, s STRUCT<x INT64>) PARTITION BY DATE(t);\n",
    "db2": "CREATE TABLE a (id INT NOT NULL GENERATED BY DEFAULT AS IDENTITY, f SMALLINT WITH DEFAULT 0);\n",
    "generic": "CREATE TABLE a (id INTEGER PRIMARY KEY, b INTEGER REFERENCES a (id));\n",
    "mariadb": "CREATE TABLE a (id INT PRIMARY KEY, b INT REFERENCES a (id));\n",
}

_ALPHABET = st.sampled_from(list("abcXYZ019 ,;()'\"`[]-/*#.=\n\t$@!<>") + [
    "CREATE ", "TABLE ", "INDEX ", "VIEW ", "ALTER ", "ADD ", "DROP ", " ON ", "PRIMARY KEY ", "INT ",
    "BEGIN ", "END", "GO\n", "\n/\n", "DELIMITER $$\n", "/*!40101 ", "*/", "CHECK (", "DEFAULT ",
    "REFERENCES ", "AS ", "SELECT ", "TRIGGER ", "PROCEDURE ", "CONSTRAINT ", "UNIQUE ", "NOT NULL",
    "GENERATED ALWAYS AS IDENTITY", "COMMENT ON TABLE a IS ", "EXEC sp_addextendedproperty ",
])


def _outcome(text: str, dialect: str) -> None:
    for strict in (True, False):
        notes = Notes()
        try:
            read_generic(text, ReadOptions(source="f.sql", strict=strict), notes, dialect)
        except InputError as error:
            assert error.problems  # every error carries what went wrong, and where
            assert all(p.location is not None for p in error.problems), error.problems
            assert not [p for p in error.problems if p.code == "internal"], error.problems
        assert not [n for n in notes if n.code == "internal"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dialect=st.sampled_from(DIALECTS), text=st.lists(_ALPHABET, max_size=40).map("".join))
def test_random_text_reads_or_raises_input_error(dialect: str, text: str) -> None:
    _outcome(text, dialect)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, str]:
    dialect = draw(st.sampled_from(DIALECTS))
    text = VALID[dialect]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(_ALPHABET)
        if action == "insert":
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 12)):]
        else:
            text = text[:at] + piece + text[at + len(piece):]
    return dialect, text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_mutated())
def test_mutated_ddl_reads_or_raises_input_error(case: tuple[str, str]) -> None:
    dialect, text = case
    _outcome(text, dialect)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_valid_fuzz_seeds_read(dialect: str) -> None:
    read(VALID[dialect], dialect)


def test_empty_items_in_a_column_list_are_errors() -> None:
    from sekkei.formats.base import ReadOptions
    from sekkei.formats.sql.generic import read_generic
    from sekkei.model import InputError, Notes

    for dialect in ("mysql", "sqlite", "oracle"):
        try:
            read_generic("CREATE TABLE b (id int, , c int);", ReadOptions(source="x.sql"), Notes(), dialect)
        except InputError as error:
            assert "comma" in str(error) and "x.sql:1:25" in str(error)
        else:
            raise AssertionError(f"{dialect}: a double comma was accepted")
    # SQL Server accepts a trailing comma; a double one is still wrong
    read_generic("CREATE TABLE c (id int,);", ReadOptions(), Notes(), "mssql")
