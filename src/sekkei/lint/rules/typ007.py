"""TYP007: no deprecated MySQL numeric attributes (display width, ZEROFILL, FLOAT(M,D), UNSIGNED decimals)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sekkei.formats.sql.typemap import normalize_spelling, write_type
from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.fixes import set_column
from sekkei.lint.rule import Finding, Fix, Rule
from sekkei.model.dialects import family

_WIDTH = re.compile(r"^\s*(tinyint|smallint|mediumint|middleint|int|integer|bigint)\s*\(\s*(\d+)\s*\)", re.I)
_ZEROFILL = re.compile(r"\bzerofill\b", re.I)
_UNSIGNED = re.compile(r"\bunsigned\b", re.I)
_FLOAT_MD = re.compile(r"^\s*(float|double(?:\s+precision)?|real)\s*\(\s*\d+\s*,\s*\d+\s*\)", re.I)
_FRACTIONAL = re.compile(r"^\s*(decimal|numeric|dec|fixed|float|double|real)\b", re.I)


class MySqlDeprecatedNumericAttribute(Rule):
    """MySQL numeric columns do not use deprecated attributes.

    Why:
        MySQL 8.0.17 deprecated integer display widths (``int(11)``), the
        ``ZEROFILL`` attribute, ``FLOAT(M,D)``/``DOUBLE(M,D)`` and ``UNSIGNED`` on
        ``DECIMAL``, ``FLOAT`` and ``DOUBLE``; each raises a warning now and will
        stop working.  A display width never limited the values anyway —
        ``int(1)`` stores 2,147,483,647 — and since 8.0.19 MySQL no longer shows
        it (except for ``tinyint(1)``, the boolean idiom, which is accepted here).
        ``FLOAT(7,4)`` rounds every value on the way in, a hidden second rounding
        on top of the binary one.  MariaDB has not deprecated these; there a
        display width without ZEROFILL is only reported as doing nothing.

    Instead:
        Write ``int``, ``bigint`` … without a width (``sekkei lint --fix`` drops
        it); pad numbers when formatting them (``LPAD(n, 5, '0')``) instead of
        ZEROFILL; ``decimal(7,4)`` for exact fixed-point values or plain
        ``float``/``double``; and ``CHECK (x >= 0)`` instead of an unsigned
        decimal.
    """

    code = "TYP007"
    name = "mysql-deprecated-numeric-attribute"
    summary = "MySQL numeric columns do not use deprecated attributes (display width, ZEROFILL …)."
    summary_ja = "MySQL の数値列に非推奨の属性(表示幅・ZEROFILL など)を使わないこと。"
    doc_ja = """
    理由:
        MySQL 8.0.17 で整数の表示幅(``int(11)``)、``ZEROFILL`` 属性、``FLOAT(M,D)``/
        ``DOUBLE(M,D)``、``DECIMAL``・``FLOAT``・``DOUBLE`` の ``UNSIGNED`` が非推奨になりました。
        いずれも今は警告が出て、将来は使えなくなります。表示幅はもともと値を制限しておらず
        (``int(1)`` にも 2,147,483,647 が入ります)、8.0.19 以降は表示もされません(真偽値の慣用である
        ``tinyint(1)`` は例外で、ここでも許可します)。``FLOAT(7,4)`` は 2 進の丸めに加えて格納時にも
        丸める、見えない二重の丸めです。MariaDB ではこれらは非推奨ではないため、ZEROFILL のない
        表示幅だけを「効果がない」として報告します。

    代わりに:
        ``int`` や ``bigint`` は幅なしで書いてください(``sekkei lint --fix`` で削除できます)。
        ゼロ埋めは ZEROFILL ではなく表示時に(``LPAD(n, 5, '0')``)、厳密な固定小数点には
        ``decimal(7,4)`` か素の ``float``/``double`` を、符号なしの decimal の代わりには
        ``CHECK (x >= 0)`` を使ってください。
    """
    category = "types"
    severity = "warning"
    dialects = frozenset({"mysql"})
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        mariadb = ctx.dialect == "mariadb"
        for info in ctx.columns:
            if info.table.partition_of is not None:
                continue
            column = info.column
            spelling = None
            key = None
            for dialect, text in column.native.items():
                if family(dialect) == "mysql":
                    key, spelling = dialect, text
            spec = info.spec
            if spelling is None or key is None:
                if (
                    not mariadb
                    and spec is not None
                    and spec.unsigned
                    and spec.kind == "canonical"
                    and spec.base in {"numeric", "real", "double"}
                ):
                    yield self._unsigned(info, str(spec))
                continue
            yield from self._native(info, key, spelling, mariadb, ctx.dialect or key)

    def _native(
        self, info: ColumnInfo, key: str, spelling: str, mariadb: bool, dialect: str
    ) -> Iterator[Finding]:
        zerofill = bool(_ZEROFILL.search(spelling))
        width = _WIDTH.match(spelling)
        if width and not (
            width.group(1).lower() == "tinyint" and width.group(2) == "1" and not _UNSIGNED.search(spelling)
        ):
            if not zerofill:
                yield self._width(info, key, spelling, width, mariadb, dialect)
        if mariadb:
            return
        if zerofill:
            yield self.finding(
                info.target,
                f"{spelling}: ZEROFILL is deprecated since MySQL 8.0.17",
                hint="pad when formatting (LPAD(value, width, '0')) or store the formatted text in "
                "a char column",
            )
        if _FLOAT_MD.match(spelling):
            yield self.finding(
                info.target,
                f"{spelling}: FLOAT(M,D) and DOUBLE(M,D) are deprecated since MySQL 8.0.17 and "
                "round every value on the way in",
                hint="decimal(M,D) for exact values, or float/double without digits",
            )
        if _FRACTIONAL.match(spelling) and _UNSIGNED.search(spelling):
            yield self._unsigned(info, spelling)

    def _width(
        self, info: ColumnInfo, key: str, spelling: str, width: re.Match[str], mariadb: bool, dialect: str
    ) -> Finding:
        bare = (spelling[: width.end(1)] + spelling[width.end() :]).strip()
        bare = " ".join(bare.split())
        column = info.column
        native = dict(column.native)
        fix = None
        if info.spec is not None and info.kind == "canonical":
            try:
                written = write_type(info.spec, dialect).text
            except ValueError:
                written = None
            same = written is not None and normalize_spelling(written, dialect) == normalize_spelling(
                bare, dialect
            )
            if same:
                del native[key]
            else:
                native[key] = bare
            fix = Fix(
                f"drop the display width of {info.key}.{column.name} ({spelling} -> {bare})",
                set_column(info.key, column.name, native=native),
            )
        message = (
            f"{spelling}: the display width ({width.group(2)}) has no effect on the values stored"
            if mariadb
            else f"{spelling}: integer display widths are deprecated since MySQL 8.0.17 and do "
            "not limit the values"
        )
        return self.finding(info.target, message, hint=f"write {bare}", fix=fix)

    def _unsigned(self, info: ColumnInfo, spelling: str) -> Finding:
        return self.finding(
            info.target,
            f"{spelling}: UNSIGNED on DECIMAL, FLOAT and DOUBLE is deprecated since MySQL 8.0.17",
            hint=f"drop UNSIGNED and add CHECK ({info.column.name} >= 0)",
        )
