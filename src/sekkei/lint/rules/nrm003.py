"""NRM003: the declared text widths of a table stay within a budget (and MySQL's row size limit)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import Table

#: MySQL/MariaDB: the declared widths of all columns of a row must fit in this many bytes.
MYSQL_ROW_LIMIT = 65_535
# bytes of the widest character, per MySQL character set (the common ones; others count as 4)
_CHAR_BYTES = {
    **dict.fromkeys("ascii binary latin1 latin2 latin5 latin7 cp1250 cp1251 cp1256 cp1257".split(), 1),
    **dict.fromkeys("big5 cp932 euckr gb2312 gbk sjis ucs2".split(), 2),
    **dict.fromkeys("utf8 utf8mb3 ujis eucjpms".split(), 3),
}
# bytes a value of a fixed-width type takes (a lower bound where the width varies)
_FIXED = {
    "boolean": 1, "tinyint": 1, "smallint": 2, "mediumint": 3, "integer": 4, "bigint": 8, "real": 4,
    "double": 8, "date": 3, "time": 3, "timetz": 3, "timestamp": 4, "timestamptz": 4, "year": 1,
    "uuid": 16, "enum": 1, "set": 1, "bit": 1,
}
# TEXT, BLOB, JSON and geometry values live off the row: each costs 9 to 12 bytes of it
_OFF_ROW = 9


class Options(RuleOptions):
    max_total_length: int = Field(
        0,
        ge=0,
        description="Most characters the char/varchar columns of one table may declare in total "
        "(0: no budget; MySQL's 65,535-byte row limit is checked anyway when the target is MySQL).",
    )


def _charset_bytes(table: Table, info: ColumnInfo) -> int:
    column = info.column
    name = column.charset or (column.collation or "").split("_")[0] or table.charset
    if not name and table.collation:
        name = table.collation.split("_")[0]
    return _CHAR_BYTES.get((name or "utf8mb4").lower(), 4)


def _row_bytes(table: Table, info: ColumnInfo) -> int:
    """A lower bound of the bytes a column takes of a MySQL row (its declared width)."""
    spec = info.spec
    if spec is None or spec.dims:
        return 0
    base = spec.base.lower()
    length = spec.length
    if base in {"char", "varchar"} and length is not None:
        width = length * _charset_bytes(table, info)
        return width + (0 if base == "char" else 1 if width <= 255 else 2)
    if base in {"binary", "varbinary"} and length is not None:
        return length + (0 if base == "binary" else 1 if length <= 255 else 2)
    if base == "numeric":
        precision = spec.args[0] if spec.args and isinstance(spec.args[0], int) else 10
        return (precision + 1) // 2
    if base in _FIXED:
        return _FIXED[base]
    return _OFF_ROW if spec.family in {"string", "binary", "json", "other"} else 0


class TextWidthBudget(Rule):
    """The declared widths of a table's text columns stay within a budget (and MySQL's row limit).

    Why:
        MySQL and MariaDB add up the declared widths of all columns of a row —
        ``varchar(n)`` counts ``n`` times the widest character of its character
        set, 4 bytes in utf8mb4 — and refuse a table above 65,535 bytes: twenty
        ``varchar(1000)`` columns in utf8mb4 already fail to create.  Other
        databases accept them, but a table whose columns declare tens of
        thousands of characters is usually free text in the wrong place, and
        wide rows make every scan, sort and memory temp table more expensive.

    Instead:
        Declare lengths the data needs; keep long free text in ``TEXT`` columns
        (stored off the row) or a side table.  MySQL's limit is checked
        whenever the target dialect is MySQL or MariaDB; set
        ``max_total_length`` to also cap the total characters in every database.
    """

    code = "NRM003"
    name = "text-width-budget"
    summary = "The declared widths of a table's text columns stay within a budget."
    summary_ja = "テーブルの文字列列の宣言長の合計が上限(と MySQL の行サイズ制限)以内であること。"
    doc_ja = """
    理由:
        MySQL・MariaDB は行のすべての列の宣言長を合計します(``varchar(n)`` は ``n`` × 文字セットの最大
        バイト数、utf8mb4 なら 4 バイト)。65,535 バイトを超えるテーブルは作成できず、utf8mb4 の
        ``varchar(1000)`` が 20 列あるだけで失敗します。他のデータベースは受け付けますが、数万文字を
        宣言する列を持つテーブルは、たいてい自由記述が場違いな所にあり、幅の広い行はスキャン・ソート・
        一時テーブルを高くつかせます。

    代わりに:
        データに必要な長さを宣言し、長い自由記述は ``TEXT`` 列(行の外に格納)か別テーブルに置いて
        ください。対象方言が MySQL・MariaDB なら行サイズ制限を常に検査します。``max_total_length`` を
        設定すると、どのデータベースでも文字数の合計に上限を設けられます。
    """
    category = "design"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        budget = options.max_total_length
        mysql = ctx.family == "mysql"
        if not budget and not mysql:
            return
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            columns = ctx.columns_by_table.get(key, ())
            if budget:
                declared = [
                    (info.spec.length or 0, info.column.name)
                    for info in columns
                    if info.spec is not None and not info.spec.dims and info.spec.base in {"char", "varchar"}
                ]
                total = sum(length for length, _ in declared)
                if total > budget:
                    top = sorted(declared, reverse=True)[:3]
                    widest = ", ".join(f"{name} ({length})" for length, name in top)
                    yield self.finding(
                        Target("table", key),
                        f"char/varchar columns declare {total:,} characters in total (more than {budget:,})",
                        hint=f"shorten the widest ({widest}) to what the data needs, "
                        "or make long free text TEXT",
                    )
            if mysql:
                sizes = [(_row_bytes(table, info), info.column.name) for info in columns]
                row = sum(size for size, _ in sizes)
                if row > MYSQL_ROW_LIMIT:
                    texts = [
                        (size, info.column.name)
                        for (size, _), info in zip(sizes, columns, strict=True)
                        if info.spec is not None and info.spec.family in {"string", "binary"}
                    ]
                    widest = ", ".join(name for _, name in sorted(texts, reverse=True)[:3])
                    yield self.finding(
                        Target("table", key),
                        f"declared column widths take at least {row:,} bytes per row: over MySQL's "
                        f"{MYSQL_ROW_LIMIT:,}-byte row size limit, so CREATE TABLE fails",
                        hint=f"make the widest columns ({widest}) TEXT, which is stored off the row, "
                        "or shorten them",
                    )
