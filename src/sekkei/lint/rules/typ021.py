"""TYP021: MySQL text uses utf8mb4, not the 3-byte utf8 (utf8mb3)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sekkei.formats.sql.typemap import mysql_collation
from sekkei.lint.context import ColumnInfo, LintContext, column_info
from sekkei.lint.fixes import FixConflict, set_column, set_table
from sekkei.lint.rule import Finding, Fix, Rule, Target
from sekkei.lint.rules.typ009 import charset_of
from sekkei.lint.rules.typ020 import column_bytes
from sekkei.model.schema import IndexElement, Schema, Table

_OLD = "utf8mb3"
_NEW = "utf8mb4"
#: Longest index key InnoDB takes: 3072 bytes (DYNAMIC/COMPRESSED rows), 767 (REDUNDANT/COMPACT).
_KEY_LIMIT = {"redundant": 767, "compact": 767}
_DEFAULT_KEY_LIMIT = 3072


def _successor(collation: str) -> str:
    """The utf8mb4 collation that matches a utf8mb3 one (utf8mb3_unicode_ci -> utf8mb4_unicode_ci)."""
    name = mysql_collation(collation) or collation
    return _NEW + name[len(_OLD) :] if name.startswith(_OLD) else name


def _too_long_keys(table: Table, infos: list[ColumnInfo], dialect: str) -> list[str]:
    """Keys and indexes that would exceed InnoDB's key length once their text is utf8mb4."""
    options = table.options.get("mysql", {}) or table.options.get("mariadb", {})
    limit = _KEY_LIMIT.get(str(options.get("row_format", "")).lower(), _DEFAULT_KEY_LIMIT)
    by_name = {info.column.name: info for info in infos}

    def width(name: str, prefix: int | None) -> int:
        info = by_name.get(name)
        if info is None:
            return 0
        column = info.column
        widened = column.model_copy(update={"charset": _NEW, "collation": None})
        wide = column_info(info.key, table, widened, info.spec, info.kind)
        size, text = column_bytes(table, wide, dialect, _NEW)
        if prefix is not None and text.startswith(("char", "varchar", "text", "tinytext", "mediumtext")):
            return prefix * 4
        return size

    found: list[str] = []
    keys: list[tuple[str, list[tuple[str, int | None]]]] = []
    if table.primary_key is not None:
        keys.append(("primary key", [(c, None) for c in table.primary_key.columns]))
    keys.extend((f"unique ({', '.join(u.columns)})", [(c, None) for c in u.columns]) for u in table.uniques)
    for index in table.indexes:
        if index.kind is not None:
            continue
        parts: list[tuple[str, int | None]] = []
        for part in index.columns:
            if isinstance(part, str):
                parts.append((part, None))
            elif isinstance(part, IndexElement) and part.column is not None:
                parts.append((part.column, part.length))
        keys.append((f"index {index.name or ', '.join(index.column_names())}", parts))
    for label, parts in keys:
        if sum(width(name, prefix) for name, prefix in parts) > limit:
            found.append(label)
    return found


def _column_fix(key: str, name: str) -> Callable[[Schema], Schema]:
    """Set the column to utf8mb4, or leave the character set out when the table has it by then."""

    def apply(schema: Schema) -> Schema:
        table = schema.tables.get(key)
        if table is None:
            raise FixConflict(f"table {key} is no longer in the schema")
        inherited = charset_of(table.charset, table.collation) == _NEW
        return set_column(key, name, charset=None if inherited else _NEW)(schema)

    return apply


class Utf8mb3CharacterSet(Rule):
    """MySQL text uses utf8mb4, not utf8 (utf8mb3).

    Why:
        MySQL's ``utf8`` is ``utf8mb3``: UTF-8 cut down to 3 bytes per
        character.  It cannot store emoji, many CJK extension characters
        (such as 𠮷 in Japanese names) or other characters outside the Basic
        Multilingual Plane: inserting them fails in strict mode or truncates the
        text at that character.  It is deprecated since MySQL 8.0 and the
        server warns on every use.

    Instead:
        ``utf8mb4``.  ``sekkei lint --fix`` changes the character set of tables
        and columns that use the default collation; with an explicit collation
        pick its utf8mb4 twin (``utf8mb3_unicode_ci`` → ``utf8mb4_unicode_ci``).
        Converting an existing table is ``ALTER TABLE … CONVERT TO CHARACTER SET
        utf8mb4``; indexed ``varchar`` columns take up to 4 bytes per character
        afterwards (no fix is offered where a key would exceed InnoDB's 3,072
        bytes).
    """

    code = "TYP021"
    name = "utf8mb3-character-set"
    summary = "MySQL text uses utf8mb4, not utf8 (utf8mb3)."
    summary_ja = "MySQL の文字列には utf8(utf8mb3)ではなく utf8mb4 を使うこと。"
    doc_ja = """
    理由:
        MySQL の ``utf8`` は 1 文字 3 バイトまでに切り詰めた UTF-8(``utf8mb3``)です。絵文字や、
        人名に使われる「𠮷」のような CJK 拡張文字など、基本多言語面の外にある文字を保存できず、
        厳格モードでは挿入が失敗し、そうでなければその文字以降が切り捨てられます。MySQL 8.0 で非推奨に
        なり、使うたびにサーバーが警告を出します。

    代わりに:
        ``utf8mb4`` を使ってください。``sekkei lint --fix`` は既定の照合順序を使うテーブルと列の文字セットを
        変更します。照合順序を明示している場合は対応する utf8mb4 のもの
        (``utf8mb3_unicode_ci`` → ``utf8mb4_unicode_ci``)を選んでください。既存テーブルの変換は
        ``ALTER TABLE … CONVERT TO CHARACTER SET utf8mb4`` です。インデックスのある ``varchar`` 列は
        1 文字最大 4 バイトになります(InnoDB のキー長 3,072 バイトを超えるキーがある場合は修正を
        提案しません)。
    """
    category = "types"
    severity = "warning"
    dialects = frozenset({"mysql"})
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        dialect = ctx.dialect or "mysql"
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            infos = ctx.columns_by_table.get(key, [])
            blocked: list[str] | None = None  # keys too long for utf8mb4, worked out when needed
            if charset_of(table.charset, table.collation) == _OLD:
                blocked = _too_long_keys(table, infos, dialect)
                fix = set_table(key, charset=_NEW)
                yield self._finding(Target("table", key), table.collation, blocked, fix)
            for info in infos:
                column = info.column
                if charset_of(column.charset, column.collation) != _OLD:
                    continue
                if blocked is None:
                    blocked = _too_long_keys(table, infos, dialect)
                fix = _column_fix(key, column.name)
                yield self._finding(info.target, column.collation, blocked, fix)

    def _finding(
        self, target: Target, collation: str | None, blocked: list[str], apply: Callable[[Schema], Schema]
    ) -> Finding:
        message = "utf8mb3 (MySQL's utf8) cannot store emoji or characters outside the BMP (𠮷)"
        if collation and (mysql_collation(collation) or "").startswith(_OLD):
            return self.finding(target, message, hint=f"use collation {_successor(collation)}")
        if blocked:
            return self.finding(
                target,
                message,
                hint=f"use utf8mb4; {', '.join(blocked)} would exceed InnoDB's key length: shorten it or "
                "index a prefix",
            )
        what = f"table {target.table}" if target.kind == "table" else f"{target.table}.{target.name}"
        fix = Fix(f"set the character set of {what} to utf8mb4", apply)
        return self.finding(target, message, hint="charset: utf8mb4", fix=fix)
