"""DOC002: columns have a comment."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.naming import inherited_columns
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    exclude: list[str] = Field(
        default_factory=lambda: ["id", "created_at", "updated_at"],
        description="Column names (globs, or TABLE.COLUMN globs) that need no comment.",
    )
    foreign_keys: str | None = Field(
        "*_id",
        description="Foreign key columns whose name matches this glob need no comment (the reference "
        "documents them); null to require comments on them too.",
    )
    min_length: int = Field(1, ge=1, description="Shortest comment that counts (in characters).")
    group_by_table: bool = Field(
        False,
        description="One finding per table listing its undocumented columns, instead of one per column.",
    )


def glob_regex(patterns: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive regular expression for a list of globs (None for an empty list)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(p.lower())})" for p in patterns))


class ColumnWithoutComment(Rule):
    """Columns have a comment.

    Why:
        A column's name says what it is called, rarely what it means: its unit
        (``amount`` in yen or cents, tax included?), its allowed values, where
        it comes from, when it is empty.  The comment lives in the database
        itself and travels into generated documentation, ER diagrams, BI tools
        and database clients, where people look for it.

    Instead:
        Add ``comment:`` to the column with its meaning, unit and allowed
        values.  Columns whose meaning is standard need none: ``exclude`` lists
        them (``id``, ``created_at``, ``updated_at`` by default; globs such as
        ``*_flag`` or ``audit_log.*`` work), and foreign key columns matching
        ``foreign_keys`` (``*_id``) are documented by their reference.  On a
        large undocumented schema, ``group_by_table`` reports one finding per
        table.
    """

    code = "DOC002"
    name = "column-without-comment"
    summary = "Columns have a comment."
    summary_ja = "列にコメント(説明)があること。"
    doc_ja = """
    理由:
        列名が伝えるのは呼び名であって、意味まではほとんど伝えません。単位(``amount`` は円かセントか、
        税込か)、取り得る値、値の出どころ、空になるのはどんなときか。コメントはデータベース自体に保存され、
        生成されるドキュメント・ER 図・BI ツール・データベースクライアントなど、人が探す場所に表示されます。

    代わりに:
        列に ``comment:`` を書き、意味・単位・取り得る値を説明してください。意味が決まりきっている列には
        不要です。``exclude`` に並べた列(既定は ``id``・``created_at``・``updated_at``。``*_flag`` や
        ``audit_log.*`` のような glob も使えます)と、``foreign_keys``(``*_id``)に合う外部キー列は参照先が
        説明になるので対象外です。説明のない大きなスキーマでは、``group_by_table`` でテーブルごとに
        一つにまとめて報告できます。
    """
    category = "documentation"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        by_name = glob_regex([p for p in options.exclude if "." not in p])
        by_table = glob_regex([p for p in options.exclude if "." in p])
        fk_glob = glob_regex([options.foreign_keys]) if options.foreign_keys else None
        excluded: dict[str, bool] = {}
        inherited = inherited_columns(ctx)  # documented on the parent
        for key, infos in ctx.columns_by_table.items():
            table = infos[0].table
            if table.partition_of is not None:
                continue
            fk_columns = {c for fk in table.foreign_keys for c in fk.columns} if fk_glob else set()
            missing: list[str] = []
            for info in infos:
                comment = (info.column.comment or "").strip()
                if len(comment) >= options.min_length:
                    continue
                name = info.lname
                if (key, info.column.name) in inherited:
                    continue
                skip = excluded.get(name)
                if skip is None:
                    skip = excluded[name] = bool(by_name and by_name.match(name))
                if skip or (by_table and by_table.match(f"{key.lower()}.{name}")):
                    continue
                if fk_glob and info.column.name in fk_columns and fk_glob.match(name):
                    continue
                if options.group_by_table:
                    missing.append(info.column.name)
                    continue
                yield self.finding(
                    info.target,
                    "column has no comment"
                    if not comment
                    else f"comment is shorter than {options.min_length} characters",
                    hint="comment: what it means, its unit and allowed values",
                )
            if missing:
                shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
                yield self.finding(
                    Target("table", key),
                    f"{len(missing)} of {len(infos)} columns have no comment: {shown}",
                    hint="comment each column: what it means, its unit and allowed values",
                )
