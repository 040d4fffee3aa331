"""TYP008: no zero-date defaults ('0000-00-00')."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.model.types import TypeSpec

#: A MySQL "zero" date or datetime, or one with a zero month or day.
ZERO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$")
DATE_TYPES = frozenset({"date", "timestamp", "timestamptz"})


def zero_date(value: str) -> str | None:
    """``zero`` for '0000-00-00…', ``zero-in-date`` for a zero month or day, else None."""
    match = ZERO_DATE.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    if year == "0000" and month == "00" and day == "00":
        return "zero"
    if month == "00" or day == "00":
        return "zero-in-date"
    return None


def _dated(spec: TypeSpec | None) -> bool:
    return spec is not None and spec.kind == "canonical" and not spec.dims and spec.base in DATE_TYPES


class ZeroDateDefault(Rule):
    """Date and time columns do not default to a zero date ('0000-00-00').

    Why:
        ``'0000-00-00'`` is not a date.  MySQL accepts it only with the
        ``NO_ZERO_DATE`` and ``NO_ZERO_IN_DATE`` SQL modes switched off; both are
        on by default in strict mode since MySQL 5.7, so ``CREATE TABLE`` fails
        with "Invalid default value" and dumps from old servers no longer
        load (MariaDB's default mode still accepts it, until someone turns
        the modes on).  PostgreSQL, SQL Server and Oracle reject it outright, drivers
        turn it into errors or ``null`` (JDBC, Python), and it sorts before
        every real date.

    Instead:
        Make the column nullable and let ``NULL`` mean "no date", or give it a
        real default such as ``CURRENT_TIMESTAMP``.
    """

    code = "TYP008"
    name = "zero-date-default"
    summary = "Date and time columns do not default to a zero date ('0000-00-00')."
    summary_ja = "日付・日時の列の既定値をゼロ日付('0000-00-00')にしないこと。"
    doc_ja = """
    理由:
        ``'0000-00-00'`` は日付ではありません。MySQL は SQL モードの ``NO_ZERO_DATE`` と
        ``NO_ZERO_IN_DATE`` を外したときだけ受け付けますが、MySQL 5.7 以降は厳格モードで両方が既定で
        有効なため、``CREATE TABLE`` は "Invalid default value" で失敗し、古いサーバーのダンプも
        読み込めなくなります(MariaDB の既定のモードは、誰かがモードを有効にするまでは受け付けます)。
        PostgreSQL・SQL Server・Oracle は受け付けず、ドライバーはエラーや
        ``null`` に変換し(JDBC・Python)、すべての実在する日付より前に並びます。

    代わりに:
        列を NULL 可にして「日付なし」を ``NULL`` で表すか、``CURRENT_TIMESTAMP`` のような実在する
        既定値を指定してください。
    """
    category = "types"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for info in ctx.columns:
            default = info.column.default
            if isinstance(default, str) and info.table.partition_of is None and _dated(info.spec):
                kind = zero_date(default)
                if kind is not None:
                    yield self._finding(info.target, default, kind, info.column.nullable)
        for key, domain in ctx.schema.domains.items():
            if isinstance(domain.default, str):
                spec, _ = ctx.base_spec(domain.type, domain.namespace)
                kind = zero_date(domain.default) if _dated(spec) else None
                if kind is not None:
                    yield self._finding(Target("domain", key), domain.default, kind, domain.nullable)

    def _finding(self, target: Target, value: str, kind: str, nullable: bool) -> Finding:
        if kind == "zero":
            message = (
                f"default {value!r} is a zero date: MySQL 5.7+ rejects it in its default SQL mode "
                "(NO_ZERO_DATE), and so do PostgreSQL, SQL Server and Oracle"
            )
        else:
            message = (
                f"default {value!r} has a zero month or day: MySQL 5.7+ rejects it in its default SQL "
                "mode (NO_ZERO_IN_DATE), and so do PostgreSQL, SQL Server and Oracle"
            )
        hint = "drop the default: NULL means no date" if nullable else (
            "make the column nullable and drop the default (NULL means no date), or default to "
            "CURRENT_TIMESTAMP"
        )
        return self.finding(target, message, hint=hint)
