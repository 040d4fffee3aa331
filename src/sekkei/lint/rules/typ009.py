"""TYP009: MySQL character sets and collations come from an allow list and are not mixed."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from pydantic import Field

from sekkei.formats.sql.typemap import collation_charset, mysql_charset, mysql_collation
from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


def charset_of(charset: str | None, collation: str | None) -> str | None:
    """The character set an object uses, from its charset or its collation (catalog names)."""
    if charset:
        return mysql_charset(charset)
    if collation:
        return collation_charset(mysql_collation(collation) or collation)
    return None


class Options(RuleOptions):
    charsets: list[str] = Field(
        default_factory=lambda: ["utf8mb4"],
        description="Character sets tables and columns may use (binary is always allowed).",
    )
    collations: list[str] | None = Field(
        None,
        description="Collations tables and columns may name, as globs (e.g. ['utf8mb4_0900_*', "
        "'utf8mb4_bin']); none: any.",
    )
    mixed: bool = Field(True, description="Report a column whose character set differs from its table's.")


class CharacterSetPolicy(Rule):
    """MySQL tables and columns use allowed character sets and collations, and do not mix them.

    Why:
        A character set decides what text a column can hold: ``latin1`` cannot
        store Japanese, ``utf8mb3`` cannot store emoji.  Columns with different
        character sets or collations cannot be compared directly: MySQL converts
        one side (so an index on it is not used), or stops with "Illegal mix of
        collations".  A team that settles on one character set (``utf8mb4``) and
        a few collations never meets either problem.  ``utf8mb3`` is reported by
        TYP021 when ``utf8mb4`` is allowed.

    Instead:
        Declare ``utf8mb4`` on every table (``charset: utf8mb4``) and leave columns
        to inherit it; use a collation from the allowed list (set ``collations``
        to enforce one, e.g. ``utf8mb4_0900_ai_ci``).  Case-sensitive columns can
        use the character set's ``_bin`` collation.
    """

    code = "TYP009"
    name = "character-set-policy"
    summary = "MySQL tables and columns use allowed character sets and collations, and do not mix them."
    summary_ja = "MySQL のテーブルと列は許可された文字セットと照合順序を使い、混在させないこと。"
    doc_ja = """
    理由:
        文字セットは列に入る文字を決めます。``latin1`` には日本語が、``utf8mb3`` には絵文字が
        入りません。文字セットや照合順序が違う列同士はそのまま比較できず、MySQL は片側を変換する
        (その側のインデックスは使われません)か、"Illegal mix of collations" で止まります。
        文字セットを一つ(``utf8mb4``)と少数の照合順序に決めておけば、どちらの問題も起きません。
        ``utf8mb4`` が許可されているとき、``utf8mb3`` は TYP021 が報告します。

    代わりに:
        すべてのテーブルに ``utf8mb4`` を宣言し(``charset: utf8mb4``)、列はそれを継承させてください。
        照合順序は許可リストから選んでください(``collations`` で ``utf8mb4_0900_ai_ci`` などに
        限定できます)。大文字と小文字を区別する列には文字セットの ``_bin`` 照合順序が使えます。
    """
    category = "types"
    severity = "warning"
    dialects = frozenset({"mysql"})
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allowed = {mysql_charset(c) for c in options.charsets} | {"binary"}
        # utf8mb3 is TYP021's finding when its advice (utf8mb4) is what this policy wants
        left_to_typ021 = {"utf8mb3"} if "utf8mb4" in allowed else set()
        patterns = [p.lower() for p in options.collations] if options.collations is not None else None
        shown = ", ".join(options.charsets)

        def collation_ok(collation: str | None) -> bool:
            if patterns is None or not collation:
                return True
            name = mysql_collation(collation) or collation
            return any(fnmatch.fnmatchcase(name, p) for p in patterns)

        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            table_charset = charset_of(table.charset, table.collation)
            if table_charset and table_charset not in allowed and table_charset not in left_to_typ021:
                yield self.finding(
                    Target("table", key),
                    f"character set {table_charset} is not allowed ({shown})",
                    hint=f"charset: {options.charsets[0]}" if options.charsets else None,
                )
            if not collation_ok(table.collation):
                yield self.finding(
                    Target("table", key),
                    f"collation {table.collation} is not allowed ({', '.join(patterns or ())})",
                )
            for column in table.columns.values():
                if column.charset is None and column.collation is None:
                    continue
                target = Target("column", key, column.name)
                charset = charset_of(column.charset, column.collation)
                if charset in left_to_typ021:
                    pass
                elif charset and charset not in allowed:
                    yield self.finding(
                        target,
                        f"character set {charset} is not allowed ({shown})",
                        hint="leave the character set out so the column inherits the table's",
                    )
                elif options.mixed and charset not in {None, "binary", table_charset} and table_charset:
                    yield self.finding(
                        target,
                        f"character set {charset} differs from the table's {table_charset}: comparing "
                        "or joining with other columns converts values and cannot use an index",
                        hint="leave the character set out so the column inherits the table's",
                    )
                if not collation_ok(column.collation):
                    yield self.finding(
                        target,
                        f"collation {column.collation} is not allowed ({', '.join(patterns or ())})",
                    )
