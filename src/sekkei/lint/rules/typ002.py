"""TYP002: no fixed-width char(n) beyond short codes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.typ001 import typed_columns, typed_domains
from sekkei.model.schema import Check
from sekkei.model.types import TypeSpec

#: Families where char(n) is not blank-padded (SQLite keeps text as given; Snowflake's
#: CHAR is VARCHAR; BigQuery has only STRING).
_NO_PADDING = frozenset({"sqlite", "snowflake", "bigquery"})


class Options(RuleOptions):
    allow_up_to: int = Field(
        3,
        description="Longest char(n) accepted: fixed-length codes such as ISO country (2) and "
        "currency (3) codes are what char is for.",
    )


def exact_length_checked(checks: tuple[Check, ...], column: str, length: int) -> bool:
    """True if a CHECK pins the column to exactly `length` characters (then char(n) never pads)."""
    name = re.escape(column)
    pattern = re.compile(
        rf"\b(?:char_length|character_length|length|len)\s*\(\s*[\"`\[]?{name}[\"`\]]?\s*\)"
        rf"\s*=\s*{length}\b",
        re.I,
    )
    return any(pattern.search(check.sql) for check in checks)


class CharField(Rule):
    """Text columns do not use fixed-width char(n) beyond short codes.

    Why:
        ``char(n)`` pads every value with spaces to n characters.  What the
        padding does differs by database and surprises everyone: PostgreSQL
        ignores trailing spaces in comparisons but not in ``LIKE`` or regular
        expressions, MySQL strips them when reading, SQL Server and Oracle keep
        them (Oracle compares ``char`` and ``varchar2`` values differently).
        ``char(n)`` is no faster or smaller than ``varchar(n)`` in PostgreSQL, and
        with multi-byte character sets not in MySQL either.

    Instead:
        Use ``varchar(n)`` (or ``text`` in PostgreSQL).  If values must have
        exactly n characters, say so with a CHECK such as
        ``CHECK (char_length(code) = 8)`` — a column with such a check is not
        reported.  Short codes (ISO country and currency codes) are accepted up
        to ``allow_up_to`` characters.  SQLite, Snowflake and BigQuery do not pad
        and are not checked.
    """

    code = "TYP002"
    name = "char-field"
    summary = "Text columns do not use fixed-width char(n) beyond short codes."
    summary_ja = "短いコード以外の文字列列に固定長 char(n) を使わないこと。"
    doc_ja = """
    理由:
        ``char(n)`` はすべての値を n 文字まで空白で埋めます。その空白の扱いはデータベースごとに違い、
        誰もが驚きます。PostgreSQL は比較では末尾の空白を無視しますが ``LIKE`` や正規表現では無視せず、
        MySQL は読み出し時に取り除き、SQL Server と Oracle は保持します(Oracle は ``char`` と
        ``varchar2`` の比較方法も異なります)。PostgreSQL では ``char(n)`` は ``varchar(n)`` より速くも
        小さくもなく、マルチバイト文字セットの MySQL でも同様です。

    代わりに:
        ``varchar(n)``(PostgreSQL なら ``text``)を使ってください。値がちょうど n 文字でなければ
        ならないなら ``CHECK (char_length(code) = 8)`` のように制約で表してください(そのような CHECK の
        ある列は報告しません)。国コードや通貨コードのような短いコードは ``allow_up_to`` 文字まで
        許可します。空白埋めをしない SQLite・Snowflake・BigQuery は対象外です。
    """
    category = "types"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if ctx.family in _NO_PADDING:
            return
        limit = options.allow_up_to

        def wanted(spec: TypeSpec) -> bool:
            length = spec.length
            return spec.base == "char" and spec.kind == "canonical" and length is not None and length > limit

        for info in typed_columns(ctx, wanted):
            spec = info.spec
            assert spec is not None and spec.length is not None
            name = info.column.name
            if info.kind == "domain" or exact_length_checked(info.table.checks, name, spec.length):
                continue
            yield self.finding(info.target, _message(spec), hint=_hint(spec, name))
        for key, domain, spec in typed_domains(ctx, wanted):
            assert spec.length is not None
            if not exact_length_checked(domain.checks, "value", spec.length):
                yield self.finding(Target("domain", key), _message(spec), hint=_hint(spec, "VALUE"))


def _message(spec: TypeSpec) -> str:
    return f"{spec.element()} pads values with spaces to {spec.length} characters"


def _hint(spec: TypeSpec, name: str) -> str:
    varchar = TypeSpec("canonical", "varchar", spec.args, dims=spec.dims)
    return (
        f"use {varchar}; if every value has exactly {spec.length} characters, add "
        f"CHECK (char_length({name}) = {spec.length})"
    )
