"""NAM001: table names follow the naming convention."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import rename_table
from sekkei.lint.naming import STYLES, convert
from sekkei.lint.rule import Finding, Fix, Rule, RuleOptions, Target
from sekkei.model.schema import qualified


class Options(RuleOptions):
    style: str = Field("snake_case", description="snake_case, camelCase, PascalCase or UPPER_SNAKE")
    pattern: str | None = Field(None, description="A regular expression that overrides `style`.")
    max_length: int | None = Field(None, description="Longest allowed name, in characters.")


class TableNameConvention(Rule):
    """Table names follow the naming convention (lower snake_case by default).

    Why:
        One convention makes names guessable: nobody wonders whether it is
        ``OrderItem``, ``order_item`` or ``orderItems``.  In PostgreSQL and Oracle
        a name outside the database's folded case must be quoted in every query
        forever.

    Instead:
        Rename the table to the convention; ``sekkei lint --fix`` renames it and
        every foreign key, partition and diagram entry that refers to it (view
        queries and routines are not rewritten: check them).
    """

    code = "NAM001"
    name = "table-name-convention"
    summary = "Table names follow the naming convention."
    summary_ja = "テーブル名が命名規則(既定は小文字のスネークケース)に従うこと。"
    doc_ja = """
    理由:
        規則が一つなら名前を推測できます(``OrderItem``・``order_item``・``orderItems`` のどれかで迷わない)。
        PostgreSQL や Oracle では、データベースが畳み込む大文字・小文字と違う名前は、すべてのクエリで
        引用符が必要になります。

    代わりに:
        規則に合わせて名前を変えてください。``sekkei lint --fix`` はテーブル名と、それを参照する
        外部キー・パーティション・ER 図の配置を一緒に変更します
        (ビューのクエリとルーチンは書き換えないので確認が必要です)。
    """
    category = "naming"
    severity = "warning"
    Options = Options
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        pattern = re.compile(options.pattern or STYLES.get(options.style, STYLES["snake_case"]))
        for key, table in ctx.schema.tables.items():
            name = table.name
            if options.max_length is not None and len(name) > options.max_length:
                yield self.finding(
                    Target("table", key),
                    f"table name is {len(name)} characters long (at most {options.max_length})",
                )
            if pattern.match(name):
                continue
            target_name = None if options.pattern else convert(name, options.style)
            fix = None
            if target_name and target_name != name:
                new_key = qualified(table.namespace, target_name)
                fix = Fix(
                    f"rename table {key} to {target_name}",
                    rename_table(key, target_name),
                    moves=((("tables", key), ("tables", new_key)),),
                )
            convention = f"the pattern {options.pattern}" if options.pattern else options.style
            yield self.finding(
                Target("table", key),
                f"table name {name!r} does not follow {convention}",
                hint=f"rename it to {target_name!r}" if target_name else None,
                fix=fix,
            )
