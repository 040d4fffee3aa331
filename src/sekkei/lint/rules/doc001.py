"""DOC001: tables have a comment."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    min_length: int = Field(1, description="Shortest comment that counts (in characters).")


class TableWithoutComment(Rule):
    """Tables have a comment that says what a row is.

    Why:
        A table's name rarely says what one row stands for, when rows are
        created or removed, or who owns the data.  The comment travels with the
        schema into generated documentation, ER diagrams and database clients.

    Instead:
        Add ``comment:`` to the table — one sentence on what a row is is enough.
    """

    code = "DOC001"
    name = "table-without-comment"
    summary = "Tables have a comment."
    summary_ja = "テーブルにコメント(説明)があること。"
    doc_ja = """
    理由:
        テーブル名だけでは、1 行が何を表すか、いつ作られ消えるか、誰のデータかはほとんど分かりません。
        コメントはスキーマと一緒に、生成されるドキュメント・ER 図・データベースクライアントへ伝わります。

    代わりに:
        テーブルに ``comment:`` を書いてください。1 行が何かを一文で書けば十分です。
    """
    category = "documentation"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue  # a partition is documented by its parent
            comment = (table.comment or "").strip()
            if len(comment) < options.min_length:
                yield self.finding(
                    Target("table", key),
                    "table has no comment"
                    if not comment
                    else f"table comment is shorter than {options.min_length} characters",
                )
