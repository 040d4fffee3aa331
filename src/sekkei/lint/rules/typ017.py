"""TYP017: yes/no flags use the boolean type where the database has one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.personal import words_of
from sekkei.lint.rule import Finding, Rule, RuleOptions
from sekkei.lint.rules.typ001 import typed_columns
from sekkei.model.schema import Table
from sekkei.model.types import TypeSpec

#: Families without a boolean type (MySQL's BOOLEAN is tinyint(1); SQLite stores 0/1;
#: Oracle has BOOLEAN only from 23ai).
_NO_BOOLEAN = frozenset({"mysql", "sqlite", "oracle"})
#: First words of flag names: is_active, has_children, can_edit …
_PREFIXES = frozenset(
    "is has have can should allow allows was were will enable needs need must show hide".split()
)
#: Last words of flag names: delete_flag, 削除フラグ …
_SUFFIXES = frozenset({"flag", "flg", "yn"})
#: Whole names that are flags by themselves.
_WORDS = frozenset(
    """
    active inactive enabled disabled deleted deactivated activated visible hidden locked archived
    published verified approved banned blocked suspended discontinued obsolete
    """.split()
)
_JA = ("フラグ", "有無", "可否")
#: Pairs of values that spell true and false.
_PAIRS = frozenset(
    frozenset(p) for p in ({"0", "1"}, {"y", "n"}, {"t", "f"}, {"yes", "no"}, {"true", "false"})
)
#: ``column IN (a, b)`` in a CHECK: the column and the two values.
_IN_LIST = re.compile(
    r"[\"`\[]?(\w+)[\"`\]]?\s+in\s*\(\s*'?(\w+)'?\s*,\s*'?(\w+)'?\s*\)", re.I
)


def flag_name(name: str) -> bool:
    """True if a column name reads as a yes/no question: is_active, deleted, has_children, 削除フラグ."""
    if any(name.endswith(ja) for ja in _JA):
        return True
    words = words_of(name)
    if not words or "count" in words or words[-1] in {"flags", "id", "at", "on", "date", "by"}:
        return False
    if len(words) > 1 and words[0] in _PREFIXES:
        return True
    return words[-1] in _SUFFIXES or (len(words) == 1 and words[0] in _WORDS)


def _candidate(spec: TypeSpec) -> bool:
    if spec.kind != "canonical" or spec.dims:
        return False
    if spec.base in {"tinyint", "smallint", "integer", "bigint"}:
        return True
    if spec.base in {"char", "varchar", "bit"}:
        return spec.length == 1
    return spec.base == "numeric" and spec.args in {(1,), (1, 0)}


def two_valued(table: Table) -> frozenset[str]:
    """Columns (lower case) that a CHECK limits to a true/false pair: IN (0, 1), IN ('Y', 'N') …"""
    found: set[str] = set()
    for check in table.checks:
        for match in _IN_LIST.finditer(check.sql):
            if frozenset({match.group(2).lower(), match.group(3).lower()}) in _PAIRS:
                found.add(match.group(1).lower())
    return frozenset(found)


class Options(RuleOptions):
    names: list[str] = Field(
        default_factory=list, description="More column names that are flags (whole names, e.g. 'admin')."
    )


class FlagWithoutBoolean(Rule):
    """Yes/no flags use the boolean type where the database has one.

    Why:
        A flag kept in ``smallint``, ``integer`` or ``char(1)`` accepts 2, -1,
        ``'y'`` and ``'X'`` next to 0/1 or Y/N; every query has to know the
        convention (``WHERE active = 1``? ``= 'Y'``? ``<> 0``?) and ORMs map it to a
        number or a string instead of true/false.  PostgreSQL, SQL Server
        (``bit``), Snowflake and BigQuery have a real boolean type.  Columns are
        recognised by names that ask a yes/no question (``is_active``,
        ``has_children``, ``deleted``, ``delete_flag``, ``削除フラグ``) or by a CHECK
        that allows exactly two values such as ``IN (0, 1)`` or ``IN ('Y', 'N')``.
        MySQL (where ``BOOLEAN`` is ``tinyint(1)``), SQLite and Oracle before
        23ai have no boolean type and are not checked.

    Instead:
        ``boolean`` (``bit`` in SQL Server), ``NOT NULL`` with a default where
        "unknown" makes no sense.  Converting existing data needs ``USING``:
        ``ALTER TABLE t ALTER COLUMN active TYPE boolean USING active <> 0``.
    """

    code = "TYP017"
    name = "flag-without-boolean"
    summary = "Yes/no flags use the boolean type where the database has one."
    summary_ja = "真偽値のフラグは、DB に boolean 型があればそれを使うこと。"
    doc_ja = """
    理由:
        ``smallint``・``integer``・``char(1)`` で持つフラグには 0/1 や Y/N 以外に 2・-1・``'y'``・
        ``'X'`` も入ります。すべてのクエリが表現の約束(``WHERE active = 1``? ``= 'Y'``?
        ``<> 0``?)を知る必要があり、ORM も真偽値ではなく数値や文字列として扱います。
        PostgreSQL・SQL Server(``bit``)・Snowflake・BigQuery には本物の boolean 型があります。
        はい/いいえを問う名前(``is_active``・``has_children``・``deleted``・``delete_flag``・
        ``削除フラグ``)か、``IN (0, 1)`` や ``IN ('Y', 'N')`` のように 2 値だけを許す CHECK で
        判定します。boolean 型のない MySQL(``BOOLEAN`` は ``tinyint(1)``)・SQLite・23ai より前の
        Oracle は対象外です。

    代わりに:
        ``boolean``(SQL Server では ``bit``)を使い、「不明」があり得ないなら ``NOT NULL`` と既定値を
        付けてください。既存データの変換には ``USING`` が必要です:
        ``ALTER TABLE t ALTER COLUMN active TYPE boolean USING active <> 0``。
    """
    category = "types"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if ctx.family in _NO_BOOLEAN:
            return
        extra = {n.lower() for n in options.names}
        boolean = "bit" if ctx.family == "mssql" else "boolean"
        verdicts: dict[str, bool] = {}
        checked: dict[str, frozenset[str]] = {}  # two-valued columns by table, worked out once
        for info in typed_columns(ctx, _candidate):
            name = info.column.name
            flag = verdicts.get(name)
            if flag is None:
                flag = verdicts[name] = flag_name(name) or name.lower() in extra
            if not flag:
                if not info.table.checks:
                    continue
                pairs = checked.get(info.key)
                if pairs is None:
                    pairs = checked[info.key] = two_valued(info.table)
                if info.lname not in pairs:
                    continue
            if any(name in fk.columns for fk in info.table.foreign_keys):
                continue
            spec = info.spec
            assert spec is not None
            using = f"{name} <> 0" if spec.family == "integer" or spec.base == "numeric" else f"{name} = 'Y'"
            yield self.finding(
                info.target,
                f"yes/no flag stored as {spec}",
                hint=f"use {boolean} (convert existing values with USING {using})",
            )
