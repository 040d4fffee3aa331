"""NAM009: identifiers are no longer than the target dialect allows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.naming import (
    dialect_label,
    entries_of,
    identifier_limit,
    name_size,
    subject_name,
    target_of,
    truncate_bytes,
)
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    max_length: int | None = Field(
        None,
        ge=1,
        description="A limit of your own instead of the dialect's (e.g. 30 for Oracle before 12.2).",
    )
    count: Literal["auto", "bytes", "characters"] = Field(
        "auto",
        description="How `max_length` counts: bytes of UTF-8, or characters (auto: as the dialect does).",
    )


class IdentifierTooLong(Rule):
    """Identifiers are no longer than the target database allows.

    Why:
        Every database limits the length of names.  PostgreSQL counts 63
        *bytes* and silently truncates longer names: a Japanese name of 22
        characters is 66 bytes in UTF-8 and loses its end, the database then
        holds a name that differs from the design, and two long names that
        start alike can collide.  MySQL (64 characters), SQL Server (128) and
        Oracle (128 bytes) reject the statement instead.  MySQL and MariaDB also
        give an unnamed foreign key the name ``<table>_ibfk_1``, which fails
        for table names near the limit.  The rule needs a target dialect (or
        ``max_length``).

    Instead:
        Shorten the name: drop words that repeat the table name, use
        abbreviations your team agrees on, or an English/romaji name with the
        long Japanese text kept in the comment.  Name foreign keys of long
        tables explicitly.  ``max_length`` sets a stricter limit (e.g. 30 for
        Oracle before 12.2).
    """

    code = "NAM009"
    name = "identifier-too-long"
    summary = "Identifiers are no longer than the target dialect allows."
    summary_ja = "識別子の長さが対象データベースの上限を超えないこと。"
    doc_ja = """
    理由:
        どのデータベースにも名前の長さの上限があります。PostgreSQL は 63 *バイト* までで、超えた分は
        黙って切り捨てます。日本語 22 文字の名前は UTF-8 で 66 バイトになり末尾が失われ、データベース上の
        名前が設計と食い違い、先頭が同じ長い名前どうしは衝突することもあります。MySQL(64 文字)・
        SQL Server(128 文字)・Oracle(128 バイト)は文そのものをエラーにします。MySQL・MariaDB は名前の
        ない外部キーに ``<テーブル名>_ibfk_1`` という名前を付けるため、上限に近い長さのテーブル名では
        これも失敗します。対象の方言(または ``max_length``)が必要です。

    代わりに:
        名前を短くしてください。テーブル名の繰り返しを省く、チームで決めた略語を使う、英語やローマ字の
        名前にして長い日本語はコメントに残す、などの方法があります。長いテーブルの外部キーには明示的に
        名前を付けてください。``max_length`` でより厳しい上限を設定できます(例: 12.2 より前の Oracle は 30)。
    """
    category = "naming"
    severity = "error"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        found = identifier_limit(ctx.family)
        if found is None and options.max_length is None:
            return
        limit, counts_bytes = found or (options.max_length or 0, False)
        if options.max_length is not None:
            limit = options.max_length
        if options.count != "auto":
            counts_bytes = options.count == "bytes"
        unit = "bytes" if counts_bytes else "characters"
        label = dialect_label(ctx.dialect)
        truncates = ctx.family == "postgres" and options.max_length is None
        sizes: dict[str, int] = {}  # names repeat (id, created_at): measure each once
        for kind, name, _, owner, _, position, where, columns in entries_of(ctx):
            if name is None:
                continue
            size = sizes.get(name)
            if size is None:
                size = sizes[name] = name_size(name, counts_bytes)
            if size <= limit:
                continue
            what = subject_name(kind, where, name)
            if truncates:
                message = f"{what} is {size} {unit} long; {label} truncates names to {limit} {unit}"
                hint = f"{label} would store it as {truncate_bytes(name, limit)!r}: choose a shorter name"
            else:
                message = f"{what} is {size} {unit} long; {label} allows at most {limit}"
                hint = "choose a shorter name (keep the long form in the comment)"
            yield self.finding(target_of(where, owner, name, position, columns), message, hint=hint)
        if ctx.family == "mysql":
            yield from self._generated_foreign_keys(ctx)

    def _generated_foreign_keys(self, ctx: LintContext) -> Iterator[Finding]:
        """MySQL/MariaDB name unnamed foreign keys ``<table>_ibfk_<n>`` and reject it when too long.

        MariaDB 10.11 fails at 64 characters already (tested), MySQL beyond 64.
        """
        limit = 63 if ctx.dialect == "mariadb" else 64
        for key, table in ctx.schema.tables.items():
            number = 0
            for position, fk in enumerate(table.foreign_keys):
                if fk.name is not None:
                    continue
                number += 1
                generated = f"{table.name}_ibfk_{number}"
                if len(generated) > limit:
                    yield self.finding(
                        Target("foreign_key", key, None, position, fk.columns),
                        f"{dialect_label(ctx.dialect)} names this foreign key {generated!r} "
                        f"({len(generated)} characters), too long: CREATE TABLE fails",
                        hint=f"name the foreign key explicitly (at most {limit} characters)",
                    )
