"""NAM006: foreign key names follow a template."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from sekkei.lint.context import LintContext
from sekkei.lint.naming import Named, TableIndex, follows, template_findings, template_list
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import split_qualified

TOKENS = frozenset({"table", "columns", "ref_table", "ref_columns"})


class Options(RuleOptions):
    template: str | list[str] = Field(
        "fk_{table}_{columns}",
        description="The name a foreign key must have: {table}, {columns}, {ref_table}, {ref_columns} "
        "(column names joined by _). A list allows several; --fix uses the first.",
    )
    require_names: bool = Field(False, description="Report unnamed foreign keys too.")

    columns_separator: str = Field(
        "_", description="What joins column names in {columns} (Rails names indexes with _and_)."
    )

    @field_validator("template")
    @classmethod
    def _known_tokens(cls, value: str | list[str]) -> str | list[str]:
        template_list(value, TOKENS)
        return value


class ForeignKeyNameTemplate(Rule):
    """Foreign key names follow a template (``fk_{table}_{columns}`` by default).

    Why:
        A foreign key violation names the constraint, and so do the migrations
        that drop and recreate it.  A name that says which table and columns it
        belongs to (or which table it points at) makes ``violates foreign key
        constraint "fk_orders_customer_id"`` self-explanatory and keeps names
        stable across environments.  MySQL and MariaDB give unnamed foreign
        keys numbered names (``orders_ibfk_3``) that differ between databases
        built in a different order.

    Instead:
        Name the foreign key by the template: ``CONSTRAINT fk_orders_customer_id
        FOREIGN KEY (customer_id) REFERENCES customers (id)``.  ``sekkei lint
        --fix`` renames it.  Tokens: ``{table}``, ``{columns}``, ``{ref_table}``,
        ``{ref_columns}``; a list of templates accepts several conventions, e.g.
        ``["fk_{table}_{columns}", "fk_{table}_{ref_table}"]``.  Unnamed foreign
        keys are fine unless ``require_names`` is set.
    """

    code = "NAM006"
    name = "foreign-key-name-template"
    summary = "Foreign key names follow a template."
    summary_ja = "外部キーの名前がテンプレート(既定は fk_{table}_{columns})に従うこと。"
    doc_ja = """
    理由:
        外部キー違反のエラーには制約名が出ます。外部キーを削除・再作成するマイグレーションにも出ます。
        どのテーブル・列の(あるいはどのテーブルを参照する)キーかが名前から分かれば、``violates
        foreign key constraint "fk_orders_customer_id"`` だけで状況が分かり、環境をまたいでも名前が
        揃います。MySQL・MariaDB は名前のない外部キーに番号付きの名前(``orders_ibfk_3``)を付け、
        作成順が違うデータベースでは番号がずれます。

    代わりに:
        テンプレートどおりに名付けてください(``CONSTRAINT fk_orders_customer_id FOREIGN KEY
        (customer_id) REFERENCES customers (id)``)。``sekkei lint --fix`` で名前を変更できます。
        使えるトークンは ``{table}``・``{columns}``・``{ref_table}``・``{ref_columns}`` で、リストで複数の
        規約を許可できます(例: ``["fk_{table}_{columns}", "fk_{table}_{ref_table}"]``)。名前のない外部キーは
        ``require_names`` を設定しない限り対象外です。
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
        tables = TableIndex(ctx.schema)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for position, fk in enumerate(table.foreign_keys):
                if fk.name is None and not require:
                    continue
                target_table = tables.get(fk.references.table)
                ref_name = target_table.name if target_table else split_qualified(fk.references.table)[1]
                ref_columns = tables.referenced_columns(fk)
                values: dict[str, str | None] = {
                    "table": table.name,
                    "columns": sep.join(fk.columns),
                    "ref_table": ref_name,
                    "ref_columns": sep.join(ref_columns) if ref_columns else None,
                }
                if not follows(templates, values, fk.name, require):
                    target = Target("foreign_key", key, fk.name, position, fk.columns)
                    objects.append(Named(key, "foreign_keys", fk, target, "foreign key", values))
        yield from template_findings(self, ctx, objects, templates, require)
