"""NAM003: index names follow a template."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from sekkei.lint.context import LintContext
from sekkei.lint.naming import Named, follows, index_values, template_findings, template_list
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

TOKENS = frozenset({"table", "columns"})


class Options(RuleOptions):
    template: str | list[str] = Field(
        "idx_{table}_{columns}",
        description="The name an index must have: {table}, {columns} (column names joined by _). "
        "A list allows several; --fix uses the first.",
    )
    require_names: bool = Field(
        False, description="Report unnamed indexes too (by default the database or the writer names them)."
    )

    columns_separator: str = Field(
        "_", description="What joins column names in {columns} (Rails names indexes with _and_)."
    )

    @field_validator("template")
    @classmethod
    def _known_tokens(cls, value: str | list[str]) -> str | list[str]:
        template_list(value, TOKENS)
        return value


class IndexNameTemplate(Rule):
    """Index names follow a template (``idx_{table}_{columns}`` by default).

    Why:
        An index name shows up in query plans, lock waits, error messages and
        migrations.  When it says which table and columns it covers, a DBA
        reading ``EXPLAIN`` output or a failed migration knows at once what it
        is, and two people adding the same index pick the same name — so the
        duplicate is caught rather than created.

    Instead:
        Name the index by the template: ``CREATE INDEX idx_orders_customer_id ON
        orders (customer_id)``.  ``sekkei lint --fix`` renames it (unique indexes
        are NAM004's).  Set ``template`` to your convention — a list accepts
        several, e.g. ``["idx_{table}_{columns}", "{table}_{columns}_idx"]``;
        ``columns_separator`` joins the column names (``_and_`` for Rails'
        ``index_{table}_on_{columns}``).
        Unnamed indexes are fine unless ``require_names`` is set; partitions are
        skipped (their indexes follow the parent's).  Where the template gives a
        name longer than the target database allows, any name with its prefix
        is accepted.
    """

    code = "NAM003"
    name = "index-name-template"
    summary = "Index names follow a template."
    summary_ja = "インデックス名がテンプレート(既定は idx_{table}_{columns})に従うこと。"
    doc_ja = """
    理由:
        インデックス名は実行計画・ロック待ち・エラーメッセージ・マイグレーションに現れます。名前から
        テーブルと列が分かれば、``EXPLAIN`` の出力や失敗したマイグレーションを読む人がすぐに正体を
        つかめます。同じインデックスを二人が追加しようとしても同じ名前になるので、重複は作られずに
        気づけます。

    代わりに:
        テンプレートどおりに名付けてください(``CREATE INDEX idx_orders_customer_id ON orders
        (customer_id)``)。``sekkei lint --fix`` で名前を変更できます(ユニークインデックスは NAM004 の
        対象です)。``template`` で自分たちの規約を設定でき、リストで複数を許可できます
        (例: ``["idx_{table}_{columns}", "{table}_{columns}_idx"]``)。
        列名をつなぐ文字は ``columns_separator`` で変えられます(Rails の ``index_{table}_on_{columns}`` なら
        ``_and_``)。名前のないインデックスは ``require_names`` を設定しない限り対象外で、パーティションも
        対象外です(親のインデックスに従うため)。
        テンプレートが対象データベースの上限より長い名前になる場合は、接頭辞が合っていれば認めます。
    """
    category = "naming"
    severity = "info"
    Options = Options
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        templates = template_list(options.template, TOKENS)
        require = options.require_names
        sep = options.columns_separator
        objects: list[Named] = []
        owners = [
            (k, t.name, t.indexes, "index") for k, t in ctx.schema.tables.items() if t.partition_of is None
        ]
        owners += [(key, v.name, v.indexes, "view_index") for key, v in ctx.schema.views.items()]
        for key, owner_name, indexes, where in owners:
            for position, index in enumerate(indexes):
                if index.unique:
                    continue
                values = index_values(owner_name, index, sep)
                if not follows(templates, values, index.name, require):
                    target = Target(where, key, index.name, position, tuple(index.column_names()))
                    objects.append(Named(key, "indexes", index, target, "index", values))
        yield from template_findings(self, ctx, objects, templates, require)
