"""TYP019: numeric/decimal columns state their precision and scale."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.typ001 import typed_columns, typed_domains
from sekkei.model.dialects import family
from sekkei.model.types import TypeSpec

#: What DECIMAL without precision means where it rounds away every fraction.
_INTEGRAL_DEFAULT = {"mysql": "decimal(10,0)", "mssql": "decimal(18,0)", "snowflake": "NUMBER(38,0)"}
_TITLES = {"mysql": "MySQL", "mssql": "SQL Server", "snowflake": "Snowflake"}
#: A native spelling of a decimal type without precision: DECIMAL, NUMERIC, NUMBER, DEC, FIXED.
_BARE_DECIMAL = re.compile(r"^\s*(?:decimal|numeric|number|dec|fixed)\s*(?:unsigned|zerofill|\s)*$", re.I)


def _unsized(spec: TypeSpec) -> bool:
    return spec.kind == "canonical" and spec.base == "numeric" and not spec.args


class NumericWithoutPrecision(Rule):
    """numeric and decimal columns state their precision and scale.

    Why:
        Without a precision, what a decimal column holds depends on the
        database: MySQL's ``DECIMAL`` is ``DECIMAL(10,0)``, SQL Server's is
        ``decimal(18,0)`` and Snowflake's ``NUMBER`` is ``NUMBER(38,0)`` — every
        fraction is rounded away without an error, so ``19.99`` is stored as
        ``20``.  PostgreSQL's unconstrained ``numeric`` and Oracle's ``NUMBER``
        keep any value, which is exact but unbounded: nothing stops a price
        with 12 decimal places, and the design says nothing about the
        intended range.  Reported as an error where fractions are lost (MySQL,
        MariaDB, SQL Server, Snowflake) and as info elsewhere, unless a
        severity is configured.  SQLite ignores precision and is not checked.

    Instead:
        State both: ``numeric(12,2)`` for amounts, ``numeric(9,6)`` for
        coordinates, ``numeric(p,0)`` (or an integer type) for whole numbers.
    """

    code = "TYP019"
    name = "numeric-without-precision"
    summary = "numeric and decimal columns state their precision and scale."
    summary_ja = "numeric・decimal の列に精度と位取りを指定すること。"
    doc_ja = """
    理由:
        精度を指定しない decimal 列が何を保持するかはデータベース次第です。MySQL の ``DECIMAL`` は
        ``DECIMAL(10,0)``、SQL Server は ``decimal(18,0)``、Snowflake の ``NUMBER`` は ``NUMBER(38,0)`` で、
        小数部はエラーなしに丸めて捨てられ、``19.99`` は ``20`` として保存されます。PostgreSQL の
        制約なし ``numeric`` や Oracle の ``NUMBER`` はどんな値も正確に保持しますが上限がなく、小数点以下
        12 桁の価格も止められず、設計が想定する範囲も伝わりません。小数が失われる DB(MySQL・MariaDB・
        SQL Server・Snowflake)ではエラー、それ以外では情報として報告します(重大度を設定した場合は
        それに従います)。精度を無視する SQLite は対象外です。

    代わりに:
        両方を指定してください。金額なら ``numeric(12,2)``、座標なら ``numeric(9,6)``、整数なら
        ``numeric(p,0)``(または整数型)です。
    """
    category = "types"
    severity = "error"
    Options = RuleOptions

    def __init__(self, options: RuleOptions | None = None, severity: str | None = None) -> None:
        super().__init__(options, severity)
        #: A configured severity applies everywhere; the default one is lowered where nothing is lost.
        self.configured = severity is not None

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        fam = ctx.family
        if fam == "sqlite":
            return
        lossy = _INTEGRAL_DEFAULT.get(fam or "")
        for info in typed_columns(ctx, lambda spec: spec.kind == "canonical" and spec.base == "numeric"):
            spec = info.spec
            assert spec is not None
            native = next((t for d, t in info.column.native.items() if fam and family(d) == fam), None)
            if native is not None and lossy and _BARE_DECIMAL.match(native):
                yield self.finding(
                    info.target,
                    f"{native} without precision is {lossy}: fractions are rounded away",
                    hint="state precision and scale, e.g. decimal(12,2)",
                )
            elif native is None and not spec.args and info.kind != "domain":
                yield self._unsized(info.target, lossy, fam)
        for key, _domain, _spec in typed_domains(ctx, _unsized):
            yield self._unsized(Target("domain", key), lossy, fam)

    def _unsized(self, target: Target, lossy: str | None, fam: str | None) -> Finding:
        title = _TITLES.get(fam or "", "")
        if fam == "snowflake":
            message = f"numeric without precision is {lossy} in Snowflake: fractions are rounded away"
        elif lossy:
            message = f"numeric without precision: {title} needs one (its DECIMAL alone is {lossy})"
        else:
            message = "numeric without precision or scale: any value is accepted, the range is unstated"
        finding = self.finding(target, message, hint="state precision and scale, e.g. numeric(12,2)")
        if lossy is None and not self.configured:
            return dataclasses.replace(finding, severity="info")
        return finding
