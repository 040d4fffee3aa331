"""KEY002: primary key columns have a type from the allow list."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.key003 import native_spelling
from sekkei.lint.rules.key010 import TOOL_TABLES, glob_matcher
from sekkei.model.schema import Table
from sekkei.model.types import TypeSpec

_WORD = re.compile(r'"([^"]+)"|`([^`]+)`|([A-Za-z_][\w$]*)')

#: Why a kind of type makes a poor key (by type family).
_WHY = {
    "float": "approximate numbers do not compare equal reliably",
    "decimal": "a decimal key is larger and slower to compare than an integer",
    "string": "long text keys make every index and every referencing row larger",
    "datetime": "time values collide and shift with time zones",
    "boolean": "a boolean key allows at most two rows",
    "json": "json values have no dependable equality",
    "binary": "long binary keys make every index and every referencing row larger",
    "enum": "its values are fixed in the type: a new one needs a schema change",
    "network": "addresses get reassigned, so they do not identify a row for good",
    "bit": "bit strings make awkward keys",
    "array": "an array is not a single value",
    "other": "it is not a type keys are usually made of",
}
_SIZED = {"char", "varchar", "binary", "varbinary"}


def partition_columns(table: Table) -> set[str]:
    """Columns named in the table's PARTITION BY clause (which PostgreSQL requires in every key)."""
    if not table.partition_by:
        return set()
    found: set[str] = set()
    for match in _WORD.finditer(table.partition_by):
        name = match.group(1) or match.group(2) or match.group(3)
        if name in table.columns:
            found.add(name)
        elif match.group(3):
            found.update(c for c in table.columns if c.lower() == name.lower())
    return found


class Options(RuleOptions):
    allow: list[str] = Field(
        default_factory=lambda: [
            "tinyint",
            "smallint",
            "integer",
            "bigint",
            "uuid",
            "char",
            "varchar",
            "binary",
            "varbinary",
        ],
        description="Types a primary key column may have: canonical names (bigint, uuid, varchar), a "
        "database's own name (mediumint, citext or postgres:citext), or an exact type (numeric(10)).",
    )
    max_text_length: int = Field(
        64, description="Longest allowed char/varchar (characters) or binary/varbinary (bytes) key."
    )
    ignore: list[str] = Field(
        default_factory=lambda: list(TOOL_TABLES),
        description="Globs of tables not to check (those of migration tools and frameworks by default).",
    )
    check_composite: bool = Field(
        True,
        description="Check the columns of composite keys too (their date/time and partition columns are "
        "always allowed: time-series keys, and PostgreSQL requires the partition key in the primary key).",
    )


class PrimaryKeyType(Rule):
    """Primary key columns have a type from the allow list (integers, uuid, short codes).

    Why:
        The primary key is copied into every index of the table (InnoDB) and
        into every row that references it.  Keys must compare exactly and stay
        put: ``float`` keys do not compare equal reliably, timestamps collide,
        a boolean allows two rows, long text makes every index and foreign key
        larger and slower, and a ``numeric`` key is bigger and slower than an
        integer of the same range.

    Instead:
        Use a ``bigint`` identity (or a ``uuid``) as the key and keep the natural
        value as a ``UNIQUE`` column.  Short codes (``char(2)`` country codes)
        are fine up to ``max_text_length``.  Change ``allow`` to set your own
        list.
    """

    code = "KEY002"
    name = "primary-key-type"
    summary = "Primary key columns have a type from the allow list."
    summary_ja = "主キー列の型が許可リスト(整数・uuid・短いコード)にあること。"
    doc_ja = """
    理由:
        主キーはテーブルのすべてのインデックス(InnoDB)と、それを参照するすべての行に複製されます。
        キーは厳密に比較でき、変わらないものでなければなりません。``float`` は等しさを正しく比較できず、
        タイムスタンプは衝突し、真偽値では 2 行しか入らず、長い文字列はすべてのインデックスと外部キーを
        大きく遅くし、``numeric`` は同じ範囲の整数より大きく遅くなります。

    代わりに:
        ``bigint`` の identity(または ``uuid``)をキーにして、自然な値は ``UNIQUE`` な列として残して
        ください。国コードの ``char(2)`` のような短いコードは ``max_text_length`` まで許可されます。
        独自のリストは ``allow`` で指定できます。
    """
    category = "keys"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allow = {a.strip().lower() for a in options.allow}
        verdicts: dict[tuple[object, ...], tuple[str | None, str | None]] = {}
        ignored = glob_matcher(options.ignore)
        oracle = ctx.family == "oracle" or (ctx.family is None and ctx.schema.dialect == "oracle")
        for key, table in ctx.schema.tables.items():
            pk = table.primary_key
            if pk is None or table.partition_of is not None:
                continue
            if ignored(table.name):
                continue
            composite = len(pk.columns) > 1
            if composite and not options.check_composite:
                continue
            exempt = partition_columns(table) if composite else set()
            for name in pk.columns:
                column = table.columns.get(name)
                if column is None or name in exempt:
                    continue
                cache_key = (
                    column.type,
                    table.namespace,
                    tuple(column.native.items()) if column.native else (),
                )
                verdict = verdicts.get(cache_key)
                if verdict is None:
                    spec, kind = ctx.base_spec(column.type, table.namespace)
                    native = native_spelling(column, spec, ctx.dialect)
                    problem = self._problem(
                        column.type, spec, kind, native, allow, options.max_text_length, oracle
                    )
                    verdict = verdicts[cache_key] = (problem, spec.family if spec is not None else None)
                problem, type_family = verdict
                if problem is None or (composite and type_family == "datetime"):
                    continue
                hint = (
                    f"make a bigint identity (or uuid) the key and keep {name} as a UNIQUE column"
                    if not composite
                    else f"key the table by a bigint identity and make ({', '.join(pk.columns)}) UNIQUE"
                )
                yield self.finding(Target("column", key, name), problem, hint=hint)

    @staticmethod
    def _problem(
        type_text: str,
        spec: TypeSpec | None,
        kind: str,
        native: str | None,
        allow: set[str],
        max_length: int,
        oracle: bool,
    ) -> str | None:
        """Why a type is not a good key (None if it is allowed, or unknown)."""
        if spec is None:
            return None
        spelled = str(spec) if spec.kind != "native" else f"{spec.dialect}:{spec.base}"
        names = {spelled.lower(), spec.base.lower(), type_text.lower()}
        if native:
            names.update({native, native.split("(")[0].split()[0]})
        if kind == "enum" and "enum" in allow:
            return None
        integer_like = spec.base == "numeric" and (
            len(spec.args) == 1 or spec.args[1:] == (0,) or not spec.args
        )
        if oracle and integer_like and "integer" in allow:
            return None  # Oracle's NUMBER(p) is its integer type
        if not names & allow:
            why = _WHY.get("enum" if kind == "enum" else spec.family, _WHY["other"])
            return f"{spelled} is not an allowed key type: {why}"
        if spec.base in _SIZED:
            length = spec.length
            if length is None and spec.base in {"varchar", "varbinary"}:
                return f"{spelled} key has no length limit"
            if length is not None and length > max_length:
                unit = "bytes" if spec.base in {"binary", "varbinary"} else "characters"
                return f"{spelled} key is longer than {max_length} {unit}"
        return None
