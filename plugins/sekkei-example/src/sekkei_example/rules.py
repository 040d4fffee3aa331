"""EXA001: every table records when its rows were created and last changed."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint import Finding, Rule, RuleOptions, Target
from sekkei.lint.context import LintContext


class Options(RuleOptions):
    columns: list[str] = Field(
        default_factory=lambda: ["created_at", "updated_at"],
        description="Columns every table has.",
    )
    types: list[str] = Field(
        default_factory=lambda: ["timestamptz"],
        description="Types they may have (canonical names, precision ignored; domains are followed).",
    )
    not_null: bool = Field(True, description="They must be NOT NULL.")


class AuditTimestamps(Rule):
    """Every table has created_at and updated_at timestamps with a time zone, NOT NULL.

    Why:
        When a row appeared and when it last changed is the first question of
        every incident, support ticket and data fix, and the basis of
        incremental exports.  Added later, the history before that day is lost
        for good.  Without a time zone, the same value means different
        instants on servers and clients in different zones.

    Instead:
        Add ``created_at: {type: timestamptz, nullable: false, default: {sql:
        CURRENT_TIMESTAMP}}`` and the same for ``updated_at`` (kept current by
        the application or a trigger).  Set the ``columns`` and ``types``
        options to your team's convention, e.g. ``types = ["timestamp"]`` on
        MySQL, where ``timestamp`` columns are stored in UTC.
    """

    code = "EXA001"
    name = "audit-timestamps"
    summary = "Every table has created_at and updated_at timestamps with a time zone."
    summary_ja = "すべてのテーブルにタイムゾーン付きの created_at と updated_at があること。"
    doc_ja = """
    理由:
        行がいつ作られ、いつ最後に変更されたかは、障害調査・問い合わせ対応・データ修正で最初に
        知りたいことであり、差分エクスポートの基準にもなります。後から列を足しても、それ以前の
        履歴は戻りません。タイムゾーンがないと、同じ値がサーバーとクライアントで違う時刻を指します。

    代わりに:
        ``created_at: {type: timestamptz, nullable: false, default: {sql: CURRENT_TIMESTAMP}}``
        を追加し、``updated_at`` も同様に(アプリケーションかトリガーで更新)追加してください。
        チームの規約に合わせて ``columns`` と ``types`` オプションを設定できます
        (例: MySQL では ``types = ["timestamp"]``。MySQL の ``timestamp`` 列は UTC で保存されます)。
    """
    category = "design"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allowed = {t.strip().lower() for t in options.types}
        shown = ", ".join(options.types)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue  # a partition has its parent's columns
            by_name = {name.lower(): column for name, column in table.columns.items()}
            for wanted in options.columns:
                column = by_name.get(wanted.lower())
                if column is None:
                    yield self.finding(
                        Target("table", key),
                        f"no {wanted} column",
                        hint=f"add {wanted}: {{type: {options.types[0] if options.types else 'timestamptz'}, "
                        "nullable: false, default: {sql: CURRENT_TIMESTAMP}}",
                    )
                    continue
                target = Target("column", key, column.name)
                spec, _ = ctx.base_spec(column.type, table.namespace)
                if allowed and (spec is None or spec.dims or spec.base not in allowed):
                    yield self.finding(
                        target, f"type {column.type} is not {shown}", hint=f"change the type to {shown}"
                    )
                if options.not_null and column.nullable:
                    yield self.finding(target, "may be null", hint="make it NOT NULL (nullable: false)")
