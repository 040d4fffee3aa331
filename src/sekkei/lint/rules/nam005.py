"""NAM005: primary key constraint names follow a template."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from sekkei.lint.context import LintContext
from sekkei.lint.naming import Named, follows, template_findings, template_list
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

TOKENS = frozenset({"table", "columns"})


class Options(RuleOptions):
    template: str | list[str] = Field(
        "pk_{table}",
        description="The name a primary key constraint must have: {table}, {columns} (column names "
        "joined by _). A list allows several; --fix uses the first.",
    )
    require_names: bool = Field(False, description="Report unnamed primary keys too.")

    columns_separator: str = Field(
        "_", description="What joins column names in {columns} (Rails names indexes with _and_)."
    )

    @field_validator("template")
    @classmethod
    def _known_tokens(cls, value: str | list[str]) -> str | list[str]:
        template_list(value, TOKENS)
        return value


class PrimaryKeyNameTemplate(Rule):
    """Primary key constraint names follow a template (``pk_{table}`` by default).

    Why:
        The primary key's name appears in duplicate-key errors and in every
        migration that drops or recreates the key.  A name derived from the
        table makes those errors and scripts readable and keeps names the same
        across environments, so migrations written against one database work
        on the next.

    Instead:
        Name the key by the template: ``CONSTRAINT pk_orders PRIMARY KEY (id)``.
        ``sekkei lint --fix`` renames it.  Unnamed keys are fine unless
        ``require_names`` is set.  The rule does not run for MySQL and MariaDB,
        whose primary key is always called ``PRIMARY``.
    """

    code = "NAM005"
    name = "primary-key-name-template"
    summary = "Primary key constraint names follow a template."
    summary_ja = "主キー制約の名前がテンプレート(既定は pk_{table})に従うこと。"
    doc_ja = """
    理由:
        主キーの名前は重複キーのエラーや、キーを削除・再作成するすべてのマイグレーションに現れます。
        テーブルから導ける名前なら、エラーやスクリプトが読みやすくなり、環境ごとに名前が揃うので、
        あるデータベース向けに書いたマイグレーションが別の環境でもそのまま動きます。

    代わりに:
        テンプレートどおりに名付けてください(``CONSTRAINT pk_orders PRIMARY KEY (id)``)。
        ``sekkei lint --fix`` で名前を変更できます。名前のない主キーは ``require_names`` を設定しない限り
        対象外です。MySQL と MariaDB では主キー名が常に ``PRIMARY`` なので、このルールは動きません。
    """
    category = "naming"
    severity = "info"
    Options = Options
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if ctx.family == "mysql":
            return
        templates = template_list(options.template, TOKENS)
        require = options.require_names
        sep = options.columns_separator
        objects: list[Named] = []
        for key, table in ctx.schema.tables.items():
            pk = table.primary_key
            if pk is None or table.partition_of is not None:
                continue
            values: dict[str, str | None] = {"table": table.name, "columns": sep.join(pk.columns)}
            if not follows(templates, values, pk.name, require):
                target = Target("primary_key", key, pk.name, None, pk.columns)
                objects.append(Named(key, "primary_key", pk, target, "primary key", values))
        yield from template_findings(self, ctx, objects, templates, require)
