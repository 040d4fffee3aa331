"""SQLite: foreign keys inside CREATE TABLE, AUTOINCREMENT on the rowid, no comments.

SQLite has no ALTER TABLE … ADD CONSTRAINT, so foreign keys are written in the
table (it does not check their targets at creation, so table order is free),
and has nowhere to keep comments (one note says how many were left out).
"""

from __future__ import annotations

import re
from typing import ClassVar

from sqlglot import exp

from sekkei.formats.sql.defaults import strip_parens
from sekkei.formats.sql.writer.base import DdlWriter
from sekkei.formats.sql.writer.core import ColumnType
from sekkei.formats.sql.writer.functions import KnownDefault
from sekkei.formats.sql.writer.tables import IdentityParts
from sekkei.model.schema import Column, Identity, Table

_INTEGER = {"integer", "int", "bigint", "smallint", "tinyint", "mediumint"}
_KEYWORD_DEFAULT = {"CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME"}
_STRICT_TYPES = (
    (re.compile(r"int", re.I), "INTEGER"),
    (re.compile(r"char|clob|text|json|uuid|date|time", re.I), "TEXT"),
    (re.compile(r"blob|binary|bytes", re.I), "BLOB"),
    (re.compile(r"real|floa|doub", re.I), "REAL"),
)


#: SQLite's built-in scalar, aggregate, window, date, math and JSON functions.
FUNCTIONS = frozenset("""
    ABS CHANGES CHAR COALESCE CONCAT CONCAT_WS FORMAT GLOB HEX IFNULL IIF INSTR
    LAST_INSERT_ROWID LENGTH LIKE LIKELIHOOD LIKELY LOWER LTRIM MAX MIN NULLIF OCTET_LENGTH
    PRINTF QUOTE RANDOM RANDOMBLOB REPLACE ROUND RTRIM SIGN SOUNDEX SQLITE_VERSION SUBSTR
    SUBSTRING TOTAL_CHANGES TRIM TYPEOF UNHEX UNICODE UNLIKELY UPPER ZEROBLOB
    DATE TIME DATETIME JULIANDAY UNIXEPOCH STRFTIME TIMEDIFF
    AVG COUNT GROUP_CONCAT STRING_AGG SUM TOTAL
    ROW_NUMBER RANK DENSE_RANK PERCENT_RANK CUME_DIST NTILE LAG LEAD FIRST_VALUE LAST_VALUE
    NTH_VALUE
    ACOS ACOSH ASIN ASINH ATAN ATAN2 ATANH CEIL CEILING COS COSH DEGREES EXP FLOOR LN LOG
    LOG10 LOG2 MOD PI POW POWER RADIANS SIN SINH SQRT TAN TANH TRUNC
    JSON JSON_ARRAY JSON_ARRAY_LENGTH JSON_EXTRACT JSON_INSERT JSON_OBJECT JSON_PATCH
    JSON_REMOVE JSON_REPLACE JSON_SET JSON_TYPE JSON_VALID JSON_QUOTE JSON_GROUP_ARRAY
    JSON_GROUP_OBJECT JSON_EACH JSON_TREE
""".split())


class SqliteWriter(DdlWriter):
    title = "SQLite"
    has_namespaces = False
    comment_style = "none"
    inline_foreign_keys = True
    deferrable_constraints = True
    partial_indexes = True
    element_collation = True
    check_options: ClassVar[frozenset[str]] = frozenset()
    functions = FUNCTIONS
    unsupported_expressions: ClassVar[tuple[type[exp.Expression], ...]] = (
        exp.Interval, exp.TimestampTrunc, exp.DateTrunc, exp.Uuid, exp.RegexpLike, exp.Array,
        exp.JSONExtract, exp.JSONExtractScalar, exp.RegexpReplace, exp.RegexpExtract,
        exp.ArrayAgg, exp.Unnest,
    )
    unsupported_casts: ClassVar[frozenset[exp.DType]] = frozenset(
        {exp.DataType.Type.INTERVAL})

    def unsupported_node(self, node: exp.Expression) -> str | None:
        if isinstance(node, exp.SetOperation) and isinstance(node.expression, exp.Subquery):
            return "SQLite takes no parentheses around the parts of a UNION"
        # group_concat takes ORDER BY only from SQLite 3.44, and DISTINCT with one argument
        if isinstance(node, exp.GroupConcat):
            if isinstance(node.this, exp.Order):
                return "group_concat(... ORDER BY ...) needs SQLite 3.44"
            if isinstance(node.this, exp.Distinct) and node.args.get("separator") is not None:
                return "SQLite's group_concat(DISTINCT …) takes no separator"
        return None

    def identity(self, table: Table, column: Column, identity: Identity, ctype: ColumnType,
                 subject: str) -> IdentityParts | None:
        pk = table.primary_key
        single = pk is not None and pk.columns == (column.name,)
        base = re.split(r"[\s(]", ctype.text.strip().lower(), maxsplit=1)[0]
        if single and base in _INTEGER:
            if identity.start not in (None, 1) or identity.increment not in (None, 1):
                self.warn("identity-options-dropped", "SQLite AUTOINCREMENT always starts at 1 "
                          "and counts by 1", subject=subject)
            return IdentityParts(type_text="INTEGER", inline_primary_key=True)
        self.warn("identity-dropped", "SQLite generates values only for a single-column INTEGER "
                  "PRIMARY KEY; written without generated values", subject=subject)
        return None

    def inline_primary_key_clause(self) -> str:
        return "PRIMARY KEY AUTOINCREMENT"

    def column_type(self, table: Table, column: Column) -> ColumnType:
        ctype = super().column_type(table, column)
        if not _true(self.own_options(table).get("strict")):
            return ctype
        # STRICT tables accept only INTEGER, REAL, TEXT, BLOB and ANY
        for pattern, strict in _STRICT_TYPES:
            if pattern.search(ctype.text):
                return ColumnType(strict, ctype.family, ctype.check_values, ctype.domain, ctype.spec)
        return ColumnType("ANY", ctype.family, ctype.check_values, ctype.domain, ctype.spec)

    def collate_clause(self, collation: str) -> str:
        return f"COLLATE {collation}"

    def known_default(self, known: KnownDefault, ctype: ColumnType) -> str | None:
        if known.kind in {"uuid", "nextval"}:
            return None
        return super().known_default(known, ctype)

    def wrap_default(self, text: str, ctype: ColumnType) -> str:
        # SQLite takes an expression default only in parentheses
        if text.upper() in _KEYWORD_DEFAULT or strip_parens(text) != text:
            return text
        return f"({text})"

    def table_options(self, table: Table, options: dict[str, str]) -> list[str]:
        given = {k.lower().replace(" ", "_"): v for k, v in options.items()}
        words: list[str] = []
        if _true(given.pop("without_rowid", None)):
            if any(c.identity is not None for c in table.columns.values()):
                self.warn("table-option-dropped", "WITHOUT ROWID tables cannot use "
                          "AUTOINCREMENT; WITHOUT ROWID not written", subject=f"table {table.key}")
            else:
                words.append("WITHOUT ROWID")
        if _true(given.pop("strict", None)):
            words.append("STRICT")
        for key in sorted(given):
            self.warn("table-option-dropped", f"table option {key}={given[key]} is not "
                      "understood for SQLite; not written", subject=f"table {table.key}")
        return [", ".join(words)] if words else []

def _true(value: str | None) -> bool:
    return value is not None and str(value).strip().lower() in {"1", "true", "yes", "on"}
