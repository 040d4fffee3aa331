"""IDX008: InnoDB index keys fit in 3072 bytes; also how many bytes a MySQL key part takes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from pydantic import Field

from sekkei.formats.sql.typemap import collation_charset, mysql_charset, mysql_collation
from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.key003 import native_spelling
from sekkei.model.schema import Column, Table

#: Longest character of each MySQL/MariaDB character set, in bytes (mbmaxlen).
CHARSET_BYTES: dict[str, int] = {
    **dict.fromkeys(
        """ascii binary latin1 latin2 latin5 latin7 cp850 cp852 cp866 cp1250 cp1251 cp1256 cp1257
        dec8 greek hebrew hp8 keybcs2 koi8r koi8u macce macroman swe7 tis620 armscii8 geostd8""".split(),
        1,
    ),
    **dict.fromkeys("big5 cp932 euckr gb2312 gbk sjis ucs2".split(), 2),
    **dict.fromkeys("utf8mb3 utf8 ujis eucjpms".split(), 3),
    **dict.fromkeys("utf8mb4 utf16 utf16le utf32 gb18030".split(), 4),
}

_FIXED_BYTES = {
    "tinyint": 1,
    "smallint": 2,
    "mediumint": 3,
    "int": 4,
    "integer": 4,
    "bigint": 8,
    "float": 4,
    "double": 8,
    "real": 8,
    "date": 3,
    "year": 1,
    "uuid": 16,
    "inet6": 16,
    "inet4": 4,
}
_TEMPORAL_BASE = {"time": 3, "datetime": 5, "timestamp": 4}
_CHARACTER = {"char", "varchar", "tinytext", "text", "mediumtext", "longtext"}
_BINARY = {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"}
_DIGIT_BYTES = (0, 1, 1, 2, 2, 3, 3, 4, 4, 4)
_NATIVE = re.compile(r"^([a-z0-9_]+)\s*(?:\(([^)]*)\))?")


def column_charset(table: Table, column: Column) -> str | None:
    """The character set a MySQL column has (None: the database's default, unknown here)."""
    if column.charset:
        return mysql_charset(column.charset)
    if column.collation:
        return collation_charset(column.collation)
    if table.charset:
        return mysql_charset(table.charset)
    if table.collation:
        return collation_charset(table.collation)
    return None


def column_collation(table: Table, column: Column) -> str | None:
    """The collation a MySQL column names (None: its character set's default or unknown)."""
    if column.collation:
        return mysql_collation(column.collation)
    if column.charset:
        return None
    return mysql_collation(table.collation) if table.collation else None


def _decimal_bytes(precision: int, scale: int) -> int:
    whole = precision - scale
    return whole // 9 * 4 + _DIGIT_BYTES[whole % 9] + scale // 9 * 4 + _DIGIT_BYTES[scale % 9]


def _numbers(args: str | None) -> list[int]:
    return [int(a) for a in (args or "").replace(" ", "").split(",") if a.isdigit()]


@lru_cache(maxsize=8192)
def key_part_bytes(native: str | None, char_bytes: int | None, prefix: int | None) -> int | None:
    """Bytes one key part takes in an InnoDB index (None when it cannot be told).

    `native` is the MySQL spelling of the column's type, `char_bytes` the
    longest character of its character set, `prefix` an index prefix length
    (characters for text, bytes for binary strings).
    """
    if native is None:
        return None
    match = _NATIVE.match(native)
    if match is None:
        return None
    name, args = match.group(1), match.group(2)
    numbers = _numbers(args)
    if name in _FIXED_BYTES:
        return _FIXED_BYTES[name]
    if name in _TEMPORAL_BASE:
        fraction = numbers[0] if numbers else 0
        return _TEMPORAL_BASE[name] + (fraction + 1) // 2
    if name in {"decimal", "numeric"}:
        precision = numbers[0] if numbers else 10
        scale = numbers[1] if len(numbers) > 1 else 0
        return _decimal_bytes(precision, scale)
    if name == "bit":
        return ((numbers[0] if numbers else 1) + 7) // 8
    if name == "enum":
        return 1 if (args or "").count("'") // 2 <= 255 else 2
    if name == "set":
        members = max(1, (args or "").count("'") // 2)
        return {1: 1, 2: 2, 3: 3, 4: 4}.get((members + 7) // 8, 8)
    declared = numbers[0] if numbers and name in {"char", "varchar", "binary", "varbinary"} else None
    if name in _CHARACTER:
        chars = prefix if prefix is not None else declared
        if chars is None or char_bytes is None:
            return None
        if declared is not None:
            chars = min(chars, declared)
        return chars * char_bytes
    if name in _BINARY:
        size = prefix if prefix is not None else declared
        if size is None:
            return None
        return min(size, declared) if declared is not None else size
    return None


def is_blob_or_text(native: str | None) -> bool:
    """True for MySQL types that need a prefix length in an index (TEXT, BLOB and JSON kinds)."""
    if native is None:
        return False
    match = _NATIVE.match(native)
    name = match.group(1) if match else native
    return name in {
        "tinytext",
        "text",
        "mediumtext",
        "longtext",
        "tinyblob",
        "blob",
        "mediumblob",
        "longblob",
        "json",
        "long",
    }


@dataclass(frozen=True)
class _Part:
    column: str
    type: str
    bytes: int | None
    prefix: int | None
    char_bytes: int | None


class _Parts:
    """The key parts of one table's columns; each distinct type is spelt and sized once per run."""

    def __init__(self, ctx: LintContext, default_bytes: int | None) -> None:
        self.ctx, self.default_bytes = ctx, default_bytes
        self.spelled: dict[tuple[object, ...], str | None] = {}

    def part(self, table: Table, name: str, prefix: int | None) -> _Part:
        column = table.columns.get(name)
        if column is None:
            return _Part(name, "?", None, prefix, None)
        cache_key = (column.type, table.namespace, tuple(column.native.items()) if column.native else ())
        if cache_key not in self.spelled:
            spec, _ = self.ctx.base_spec(column.type, table.namespace)
            self.spelled[cache_key] = native_spelling(column, spec, self.ctx.dialect or "mysql")
        native = self.spelled[cache_key]
        charset = column_charset(table, column)
        width = CHARSET_BYTES.get(charset) if charset else self.default_bytes
        return _Part(name, native or "?", key_part_bytes(native, width, prefix), prefix, width)


def _too_long(parts: list[_Part], part_limit: int, key_limit: int) -> bool:
    """True if the known key parts exceed a part's or the key's limit (unknown parts count nothing)."""
    total = 0
    for part in parts:
        if part.bytes is not None:
            if part.bytes > part_limit:
                return True
            total += part.bytes
    return total > key_limit


class Options(RuleOptions):
    max_key_bytes: int = Field(3072, description="Longest index key InnoDB accepts, in bytes.")
    max_part_bytes: int | None = Field(
        None,
        description="Longest key part (one column) in bytes; default 3072, or 767 for tables with "
        "ROW_FORMAT=COMPACT or REDUNDANT.",
    )
    default_charset: str = Field(
        "utf8mb4", description="Character set of columns and tables that name none (the database's)."
    )


class IndexKeyTooLong(Rule):
    """MySQL/MariaDB (InnoDB) index keys fit in 3072 bytes, each column in the key-part limit.

    Why:
        InnoDB limits an index key to 3072 bytes and one key part to 3072 bytes
        (767 with ``ROW_FORMAT=COMPACT`` or ``REDUNDANT``).  Lengths count the
        widest character of the character set: ``varchar(1000)`` in utf8mb4 is
        4000 bytes.  MySQL refuses such an index (``Specified key was too long``);
        MariaDB silently indexes only a prefix of a single column and refuses
        composite ones.  Primary keys and unique constraints are indexes too.

    Instead:
        Shorten the column to what the data needs, index a prefix (``KEY
        (email(191))``: a prefix index cannot enforce uniqueness of the whole
        value), index a hash of the value in a generated column, or use a
        narrower character set for codes (``ascii``).
    """

    code = "IDX008"
    name = "index-key-too-long"
    summary = "MySQL/MariaDB (InnoDB) index keys fit in 3072 bytes."
    summary_ja = "MySQL/MariaDB(InnoDB)のインデックスキーが 3072 バイトに収まること。"
    doc_ja = """
    理由:
        InnoDB のインデックスキーは 3072 バイトまで、1 列(キーパート)も 3072 バイトまで
        (``ROW_FORMAT=COMPACT`` と ``REDUNDANT`` では 767 バイト)です。長さは文字セットの最大文字幅で
        数えるので、utf8mb4 の ``varchar(1000)`` は 4000 バイトになります。MySQL はそのインデックスを
        拒否し(``Specified key was too long``)、MariaDB は単一列なら黙って先頭部分だけを索引し、
        複合インデックスは拒否します。主キーと一意制約もインデックスです。

    代わりに:
        列をデータに必要な長さに縮める、先頭部分だけを索引する(``KEY (email(191))``。ただし値全体の
        一意性は保証できません)、値のハッシュを生成列に持って索引する、コード類には狭い文字セット
        (``ascii``)を使う、のいずれかにしてください。
    """
    category = "indexes"
    severity = "error"
    dialects = frozenset({"mysql"})
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        mariadb = ctx.dialect == "mariadb"
        default_bytes = CHARSET_BYTES.get(mysql_charset(options.default_charset) or "")
        parts_of = _Parts(ctx, default_bytes)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            row_format = ""
            for dialect in ("mysql", "mariadb"):
                row_format = row_format or table.options.get(dialect, {}).get("row_format", "").lower()
            part_limit = options.max_part_bytes or (767 if row_format in {"compact", "redundant"} else 3072)

            pk = table.primary_key
            if pk is not None:
                parts = [parts_of.part(table, c, None) for c in pk.columns]
                if _too_long(parts, part_limit, options.max_key_bytes):
                    target = Target("primary_key", key, pk.name, None, pk.columns)
                    yield self._finding(target, parts, "primary", mariadb, part_limit, options.max_key_bytes)
            for position, unique in enumerate(table.uniques):
                if mariadb:
                    break  # MariaDB enforces long unique keys with a hidden hash
                parts = [parts_of.part(table, c, None) for c in unique.columns]
                if _too_long(parts, part_limit, options.max_key_bytes):
                    target = Target("unique", key, unique.name, position, unique.columns)
                    yield self._finding(target, parts, "unique", mariadb, part_limit, options.max_key_bytes)
            for position, index in enumerate(table.indexes):
                if index.kind is not None or (mariadb and index.unique):
                    continue
                parts = []
                for element in index.columns:
                    if isinstance(element, str):
                        parts.append(parts_of.part(table, element, None))
                    elif element.column is not None:
                        parts.append(parts_of.part(table, element.column, element.length))
                if _too_long(parts, part_limit, options.max_key_bytes):
                    target = Target("index", key, index.name, position, tuple(index.column_names()))
                    kind = "unique" if index.unique else "plain"
                    yield self._finding(target, parts, kind, mariadb, part_limit, options.max_key_bytes)

    def _finding(
        self, target: Target, parts: list[_Part], kind: str, mariadb: bool, part_limit: int, key_limit: int
    ) -> Finding:
        known = [p for p in parts if p.bytes is not None]
        total = sum(p.bytes or 0 for p in known)
        widest = max(known, key=lambda p: p.bytes or 0)
        assert widest.bytes is not None
        over_part = widest.bytes > part_limit
        rest = total - widest.bytes
        room = min(part_limit, key_limit - rest)
        per_char = widest.char_bytes if widest.type.split("(")[0] in _CHARACTER else 1
        fits = max(0, room // (per_char or 1))
        width = f"{widest.type} = {widest.bytes:,} bytes" + (
            f" ({per_char} per character)" if per_char and per_char > 1 else ""
        )
        if over_part:
            message = (
                f"column {widest.column} takes {width} in the key; InnoDB allows {part_limit:,} per column"
            )
        else:
            message = f"key is {total:,} bytes ({width}); InnoDB allows {key_limit:,}"
        level = self.level
        if mariadb and kind == "plain" and len(parts) == 1 and self.level == self.severity:
            level = "warning"
            message += " (MariaDB silently indexes only a prefix)"
        hint = (
            f"index a prefix, ({widest.column}({fits})), shorten {widest.column}, or use a narrower "
            "character set"
            if kind == "plain"
            else f"shorten {widest.column} (at most {fits} characters fit) or use a narrower character set; "
            "a prefix index cannot enforce uniqueness of the whole value"
        )
        return replace(self.finding(target, message, hint=hint), severity=level)
