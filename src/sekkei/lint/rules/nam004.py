"""NAM004: unique constraint and unique index names follow a template."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from sekkei.lint.context import LintContext
from sekkei.lint.naming import Named, follows, index_values, template_findings, template_list
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

TOKENS = frozenset({"table", "columns"})


class Options(RuleOptions):
    template: str | list[str] = Field(
        "uq_{table}_{columns}",
        description="The name a unique constraint or unique index must have: {table}, {columns} "
        "(column names joined by _). A list allows several; --fix uses the first.",
    )
    require_names: bool = Field(False, description="Report unnamed unique constraints and indexes too.")

    columns_separator: str = Field(
        "_", description="What joins column names in {columns} (Rails names indexes with _and_)."
    )

    @field_validator("template")
    @classmethod
    def _known_tokens(cls, value: str | list[str]) -> str | list[str]:
        template_list(value, TOKENS)
        return value


class UniqueNameTemplate(Rule):
    """Unique constraint and unique index names follow a template (``uq_{table}_{columns}``).

    Why:
        A unique violation reports the constraint's name, and that message is
        often all an application, a log line or a user sees:
        ``duplicate key value violates unique constraint "uq_users_email"`` says
        what went wrong, ``"users_idx3"`` does not.  A predictable name also
        lets application code map violations to friendly messages.

    Instead:
        Name it by the template: ``CONSTRAINT uq_users_email UNIQUE (email)``.
        ``sekkei lint --fix`` renames it.  Set ``template`` to your convention
        (a list accepts several; the first is used by --fix).  Unnamed ones are
        fine unless ``require_names`` is set: the database's own name
        (``users_email_key``) is predictable too.
    """

    code = "NAM004"
    name = "unique-name-template"
    summary = "Unique constraint and unique index names follow a template."
    summary_ja = "一意制約・ユニークインデックスの名前がテンプレート(既定は uq_{table}_{columns})に従うこと。"
    doc_ja = """
    理由:
        一意制約の違反はエラーに制約名を出し、アプリケーションやログ、利用者が目にするのはその
        メッセージだけということがよくあります。``duplicate key value violates unique constraint
        "uq_users_email"`` なら何が起きたか分かりますが、``"users_idx3"`` では分かりません。
        名前が予測できれば、アプリケーション側で違反を分かりやすいメッセージに対応付けることもできます。

    代わりに:
        テンプレートどおりに名付けてください(``CONSTRAINT uq_users_email UNIQUE (email)``)。
        ``sekkei lint --fix`` で名前を変更できます。``template`` で規約を設定できます(リストで複数可、
        --fix は先頭を使います)。名前のないものは ``require_names`` を設定しない限り対象外です
        (データベースが付ける名前 ``users_email_key`` も予測できるため)。
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
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for position, unique in enumerate(table.uniques):
                values: dict[str, str | None] = {"table": table.name, "columns": sep.join(unique.columns)}
                if not follows(templates, values, unique.name, require):
                    target = Target("unique", key, unique.name, position, unique.columns)
                    objects.append(Named(key, "uniques", unique, target, "unique constraint", values))
        owners = [
            (k, t.name, t.indexes, "index") for k, t in ctx.schema.tables.items() if t.partition_of is None
        ]
        owners += [(key, v.name, v.indexes, "view_index") for key, v in ctx.schema.views.items()]
        for key, owner_name, indexes, where in owners:
            for position, index in enumerate(indexes):
                if not index.unique:
                    continue
                values = index_values(owner_name, index, sep)
                if not follows(templates, values, index.name, require):
                    target = Target(where, key, index.name, position, tuple(index.column_names()))
                    objects.append(Named(key, "indexes", index, target, "unique index", values))
        yield from template_findings(self, ctx, objects, templates, require)
