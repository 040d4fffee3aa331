"""TYP020: MySQL tables fit in MySQL's 65,535-byte row size limit.

Also home of what the other MySQL rules need to know about a column as MySQL
stores it: its MySQL type, its character set and its width in bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.formats.sql.typemap import write_type
from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.typ009 import charset_of
from sekkei.model.dialects import family
from sekkei.model.schema import Table

ROW_LIMIT = 65_535
#: Bytes of the widest character of each MySQL character set.
CHARSET_BYTES: dict[str, int] = {
    **dict.fromkeys(
        """armscii8 ascii binary cp1250 cp1251 cp1256 cp1257 cp850 cp852 cp866 dec8 geostd8 greek hebrew hp8
        keybcs2 koi8r koi8u latin1 latin2 latin5 latin7 macce macroman swe7 tis620""".split(),
        1,
    ),
    **dict.fromkeys("big5 cp932 euckr gb2312 gbk sjis ucs2".split(), 2),
    **dict.fromkeys("eucjpms ujis utf8mb3 utf8".split(), 3),
    **dict.fromkeys("gb18030 utf16 utf16le utf32 utf8mb4".split(), 4),
}
#: Types stored off the row: the bytes each leaves in it (length bytes plus an 8-byte pointer).
OFF_ROW: dict[str, int] = {
    "tinyblob": 9, "tinytext": 9, "blob": 10, "text": 10, "mediumblob": 11, "mediumtext": 11,
    "longblob": 12, "longtext": 12, "json": 12, "geometry": 12, "point": 12, "linestring": 12,
    "polygon": 12, "multipoint": 12, "multilinestring": 12, "multipolygon": 12,
    "geometrycollection": 12, "geomcollection": 12, "vector": 12,
}
_FIXED: dict[str, int] = {
    "tinyint": 1, "bool": 1, "boolean": 1, "smallint": 2, "mediumint": 3, "int": 4, "integer": 4,
    "bigint": 8, "double": 8, "real": 8, "date": 3, "year": 1, "uuid": 16, "inet4": 4, "inet6": 16,
}
_TYPE = re.compile(r"^\s*([a-z][a-z0-9_]*(?:\s+precision)?)\s*(?:\(([^)]*)\))?", re.I)
_DIGIT_BYTES = (0, 1, 1, 2, 2, 3, 3, 4, 4)


def mysql_type(info: ColumnInfo, dialect: str) -> str | None:
    """The column's type as MySQL spells it: its native spelling, else how it is written."""
    for key, text in info.column.native.items():
        if family(key) == "mysql":
            return text.lower()
    spec = info.spec
    if spec is None or spec.kind not in {"canonical", "native"}:
        return None
    if info.kind == "enum":
        return None
    try:
        return write_type(spec, dialect).text.lower()
    except ValueError:
        return None


def charset_bytes(table: Table, info: ColumnInfo, default: str) -> tuple[str, int]:
    """(character set, bytes of its widest character) of a text column."""
    column = info.column
    name = (
        charset_of(column.charset, column.collation) or charset_of(table.charset, table.collation) or default
    )
    return name, CHARSET_BYTES.get(name, 4)


def _decimal_bytes(digits: int) -> int:
    return 4 * (digits // 9) + _DIGIT_BYTES[digits % 9]


def type_bytes(text: str, char_bytes: int, enum_values: int = 0) -> int | None:
    """Bytes a value of MySQL type `text` can take in the row (None when unknown)."""
    match = _TYPE.match(text)
    if match is None:
        return None
    base = " ".join(match.group(1).lower().split())
    args = [a.strip() for a in (match.group(2) or "").split(",") if a.strip()]
    numbers = [int(a) for a in args if a.isdigit()]
    if base in OFF_ROW:
        return OFF_ROW[base]
    if base in _FIXED:
        return _FIXED[base]
    if base in {"double precision"}:
        return 8
    if base == "float":
        return 8 if numbers and numbers[0] > 24 else 4
    if base in {"decimal", "numeric", "dec", "fixed"}:
        precision = numbers[0] if numbers else 10
        scale = numbers[1] if len(numbers) > 1 else 0
        return _decimal_bytes(precision - scale) + _decimal_bytes(scale)
    fsp = (numbers[0] + 1) // 2 if numbers else 0
    if base in {"time", "datetime", "timestamp"}:
        return {"time": 3, "datetime": 5, "timestamp": 4}[base] + fsp
    if base in {"char", "varchar", "binary", "varbinary"}:
        length = numbers[0] if numbers else 1
        width = length * (char_bytes if base in {"char", "varchar"} else 1)
        if base.startswith("var"):
            width += 1 if width <= 255 else 2
        return width
    if base == "bit":
        return ((numbers[0] if numbers else 1) + 7) // 8
    if base == "enum":
        return 1 if len(args) <= 255 else 2
    if base == "set":
        size = (len(args) + 7) // 8
        return 8 if size > 4 else size
    return None


def column_bytes(table: Table, info: ColumnInfo, dialect: str, default_charset: str) -> tuple[int, str]:
    """(bytes toward the row limit, how they were counted) of one column."""
    text = mysql_type(info, dialect)
    if text is None:
        spec = info.spec
        if info.kind == "enum" and spec is not None:
            return 1, "enum"  # at least one byte; two past 255 values
        return 0, "unknown"
    _, per_char = charset_bytes(table, info, default_charset)
    size = type_bytes(text, per_char)
    return (size or 0), text


class Options(RuleOptions):
    default_charset: str = Field(
        "utf8mb4",
        description="Character set assumed for tables and columns that name none (MySQL 8's default).",
    )


class MySqlRowSize(Rule):
    """MySQL tables fit in MySQL's 65,535-byte row size limit.

    Why:
        MySQL limits the declared width of a row to 65,535 bytes, counted from
        the types, not the data: ``varchar(n)`` counts n times the widest
        character of its character set (4 bytes in ``utf8mb4``) plus one or two
        length bytes, ``char(n)`` the same without them, NULL flags one bit per
        nullable column.  ``TEXT``, ``BLOB`` and ``JSON`` count only 9 to 12
        bytes because their values are stored apart.  A table over the limit
        cannot be created: "Row size too large".  Five ``varchar(4000)``
        columns in ``utf8mb4`` are enough.  (InnoDB's own, lower limit on what
        stays in the page is not checked: it depends on the row format.)

    Instead:
        Make long free text ``text`` (or ``mediumtext``), which leaves 10 to 12
        bytes in the row, and give the remaining ``varchar`` columns the
        lengths the data needs.
    """

    code = "TYP020"
    name = "mysql-row-size"
    summary = "MySQL tables fit in MySQL's 65,535-byte row size limit."
    summary_ja = "MySQL のテーブルが行サイズの上限(65,535 バイト)に収まること。"
    doc_ja = """
    理由:
        MySQL は行の宣言上の幅を 65,535 バイトまでに制限しており、データではなく型から数えます。
        ``varchar(n)`` は n × 文字セットの最大バイト数(``utf8mb4`` なら 4)に長さの 1〜2 バイト、
        ``char(n)`` は長さバイトなしで同じく、NULL 可の列は 1 列 1 ビットを数えます。``TEXT``・``BLOB``・
        ``JSON`` は値が別に保存されるため 9〜12 バイトだけです。上限を超えたテーブルは作成できません
        ("Row size too large")。``utf8mb4`` の ``varchar(4000)`` が 5 列あれば超えます(ページ内に
        残す量についての InnoDB 独自のより低い上限は行フォーマットに依存するため検査しません)。

    代わりに:
        長い自由記述は ``text``(または ``mediumtext``)にして行に残るのを 10〜12 バイトにし、残りの
        ``varchar`` にはデータに必要な長さを指定してください。
    """
    category = "types"
    severity = "error"
    dialects = frozenset({"mysql"})
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        dialect = ctx.dialect or "mysql"
        default = charset_of(options.default_charset, None) or "utf8mb4"
        # most columns share a type and the table's character set: size each pair once
        sized: dict[tuple[str, int], tuple[int, str]] = {}
        for key, infos in ctx.columns_by_table.items():
            table = infos[0].table
            if table.partition_of is not None:
                continue
            table_bytes = CHARSET_BYTES.get(charset_of(table.charset, table.collation) or default, 4)
            sizes: list[tuple[int, ColumnInfo]] = []
            nullable = 0
            for info in infos:
                column = info.column
                if column.native or column.charset or column.collation or info.kind != "canonical":
                    size, _ = column_bytes(table, info, dialect, default)
                else:
                    seen = (column.type, table_bytes)
                    found = sized.get(seen)
                    if found is None:
                        found = sized[seen] = column_bytes(table, info, dialect, default)
                    size = found[0]
                sizes.append((size, info))
                nullable += column.nullable
            total = sum(size for size, _ in sizes) + (nullable + 7) // 8
            if total <= ROW_LIMIT:
                continue
            widest = sorted(sizes, key=lambda item: -item[0])[:3]
            shown = "; ".join(
                f"{info.column.name} {column_bytes(table, info, dialect, default)[1]} = {size:,} bytes"
                for size, info in widest
            )
            yield self.finding(
                Target("table", key),
                f"rows may take {total:,} bytes, over MySQL's {ROW_LIMIT:,}-byte limit: CREATE TABLE fails",
                hint=f"widest: {shown}; make long strings text (10 to 12 bytes in the row)",
            )
