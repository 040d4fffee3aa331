"""NAM002: column names follow the naming convention."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import rename_column
from sekkei.lint.naming import STYLES, convert
from sekkei.lint.rule import Finding, Fix, Rule, RuleOptions


class Options(RuleOptions):
    style: str = Field("snake_case", description="snake_case, camelCase, PascalCase or UPPER_SNAKE")
    pattern: str | None = Field(None, description="A regular expression that overrides `style`.")
    max_length: int | None = Field(None, description="Longest allowed name, in characters.")


class ColumnNameConvention(Rule):
    """Column names follow the naming convention (lower snake_case by default).

    Why:
        Columns are typed in queries, ORMs and reports all day long; one
        convention spares every reader from checking how each one is spelt,
        and in PostgreSQL a mixed-case name must be quoted in every query.

    Instead:
        Rename the column; ``sekkei lint --fix`` renames it and its uses in
        keys, indexes, checks, generated columns and the foreign keys of other
        tables (view queries and routines are not rewritten: check them).
    """

    code = "NAM002"
    name = "column-name-convention"
    summary = "Column names follow the naming convention."
    summary_ja = "列名が命名規則(既定は小文字のスネークケース)に従うこと。"
    doc_ja = """
    理由:
        列名はクエリ・ORM・レポートで一日中書かれます。規則が一つなら綴りをいちいち確かめずに済みます。
        PostgreSQL では大文字を含む名前はすべてのクエリで引用符が必要です。

    代わりに:
        列名を変えてください。``sekkei lint --fix`` は列名と、キー・インデックス・CHECK・生成列・他テーブルの
        外部キーでの使用箇所を一緒に変更します(ビューのクエリとルーチンは書き換えないので確認が必要です)。
    """
    category = "naming"
    severity = "warning"
    Options = Options
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        pattern = re.compile(options.pattern or STYLES.get(options.style, STYLES["snake_case"]))
        verdicts: dict[str, bool] = {}  # column names repeat across tables: match each once
        for info in ctx.columns:
            name = info.column.name
            ok = verdicts.get(name)
            if ok is None:
                ok = verdicts[name] = bool(pattern.match(name))
            if options.max_length is not None and len(name) > options.max_length:
                yield self.finding(
                    info.target, f"column name is {len(name)} characters long (at most {options.max_length})"
                )
            if ok:
                continue
            target_name = None if options.pattern else convert(name, options.style)
            fix = None
            if target_name and target_name != name and target_name not in info.table.columns:
                fix = Fix(
                    f"rename column {info.key}.{name} to {target_name}",
                    rename_column(info.key, name, target_name),
                    moves=(
                        (("tables", info.key, "columns", name), ("tables", info.key, "columns", target_name)),
                    ),
                )
            convention = f"the pattern {options.pattern}" if options.pattern else options.style
            yield self.finding(
                info.target,
                f"column name {name!r} does not follow {convention}",
                hint=f"rename it to {target_name!r}" if target_name else None,
                fix=fix,
            )
