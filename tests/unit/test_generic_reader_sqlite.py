"""The DDL reader on SQLite scripts: rowid aliases, AUTOINCREMENT, loose types, triggers."""

from __future__ import annotations

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.generic import read_generic
from sekkei.model.diagnostics import Notes, Severity
from sekkei.model.schema import Identity, IndexElement, Schema, SqlExpr


def read(sql: str, *, strict: bool = True) -> tuple[Schema, Notes]:
    notes = Notes()
    return read_generic(sql, ReadOptions(source="s.sql", strict=strict), notes, "sqlite"), notes


def test_integer_primary_key_is_a_rowid_alias_not_an_identity() -> None:
    schema, _ = read("CREATE TABLE a (id INTEGER PRIMARY KEY, b TEXT);\n"
                     "CREATE TABLE c (id INTEGER PRIMARY KEY AUTOINCREMENT, d TEXT);")
    assert schema.tables["a"].columns["id"].identity is None
    assert schema.tables["a"].columns["id"].nullable is False  # a primary key column
    assert schema.tables["c"].columns["id"].identity == Identity(generated="by_default")


def test_loose_types_and_typeless_columns() -> None:
    schema, _ = read("CREATE TABLE t (a BLOB SUB_TYPE TEXT, b UNSIGNED BIG INT, c, d VARYING CHARACTER(20), "
                     "e DATETIME DEFAULT CURRENT_TIMESTAMP, f DOUBLE PRECISION);")
    cols = schema.tables["t"].columns
    assert cols["b"].type in {"bigint", "sqlite:UNSIGNED BIG INT"}  # typemap's call; passed as written
    assert cols["c"].type == "sqlite:ANY"
    assert cols["d"].type == "varchar(20)"
    assert cols["e"].type == "timestamp" and cols["e"].default == SqlExpr(sql="CURRENT_TIMESTAMP")
    assert cols["f"].type == "double"
    assert cols["a"].type.startswith("sqlite:") or cols["a"].type == "bytes"


def test_table_options_and_conflict_clauses() -> None:
    schema, _ = read("CREATE TABLE t (k TEXT PRIMARY KEY ON CONFLICT REPLACE, v TEXT NOT NULL ON CONFLICT "
                     "IGNORE, u INT UNIQUE ON CONFLICT ABORT) WITHOUT ROWID, STRICT;")
    t = schema.tables["t"]
    assert t.options == {"sqlite": {"without_rowid": "true", "strict": "true"}}
    assert t.primary_key is not None and t.primary_key.columns == ("k",)
    assert t.columns["v"].nullable is False
    assert [u.columns for u in t.uniques] == [("u",)]


def test_indexes_keep_expressions_and_conditions_as_written() -> None:
    sql = """\
CREATE TABLE t (a TEXT, b INT, c INT, UNIQUE (a, b), CONSTRAINT named UNIQUE (c));
CREATE UNIQUE INDEX ux ON t (lower(a)) WHERE b IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix ON t (b DESC, c COLLATE NOCASE);
"""
    t = read(sql)[0].tables["t"]
    assert [(u.name, u.columns) for u in t.uniques] == [(None, ("a", "b")), ("named", ("c",))]
    ux, ix = t.indexes
    assert ux.unique and ux.columns == (IndexElement(sql="lower(a)"),) and ux.where == "b IS NOT NULL"
    assert ix.columns == (IndexElement(column="b", order="desc"), IndexElement(column="c", collation="NOCASE"))


def test_triggers_views_and_foreign_keys() -> None:
    sql = """\
CREATE TABLE parent (id INTEGER PRIMARY KEY);
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent ON DELETE CASCADE);
CREATE TRIGGER child_ai AFTER INSERT ON child
BEGIN
  UPDATE child SET parent_id = CASE WHEN new.parent_id IS NULL THEN 0 ELSE new.parent_id END
   WHERE rowid = new.rowid;
END;
CREATE VIEW v AS SELECT c.id, p.id AS pid FROM child c JOIN parent p ON p.id = c.parent_id;
"""
    schema, _ = read(sql)
    child = schema.tables["child"]
    [fk] = child.foreign_keys
    assert fk.references.table == "parent" and fk.references.columns == ("id",) and fk.on_delete == "cascade"
    assert child.triggers[0].name == "child_ai" and child.triggers[0].sql.endswith("END")
    assert schema.views["v"].sql.startswith("SELECT c.id")


def test_session_statements_and_virtual_tables() -> None:
    sql = """\
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE t (a INT);
INSERT INTO t VALUES (1);
CREATE VIRTUAL TABLE search USING fts5(body);
COMMIT;
"""
    schema, notes = read(sql)
    assert list(schema.tables) == ["t"]
    warnings = [n for n in notes if n.severity is Severity.WARNING]
    assert [n.code for n in warnings] == ["virtual-table-skipped"]
    infos = {n.message for n in notes if n.code == "statement-skipped"}
    assert infos == {"skipped 1 PRAGMA statement (session or tool setting, not schema)",
                     "skipped 2 transaction control statements (session or tool setting, not schema)",
                     "skipped 1 INSERT statement (data, not schema)"}


def test_quoted_names() -> None:
    schema, _ = read('CREATE TABLE IF NOT EXISTS "my table" ([my col] INT, `other` TEXT);')
    assert list(schema.tables["my table"].columns) == ["my col", "other"]
