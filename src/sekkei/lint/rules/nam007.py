"""NAM007: check constraint names match a pattern; namespace (schema) names follow a style."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field, field_validator

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import rename_item
from sekkei.lint.naming import STYLES, convert, taken_names
from sekkei.lint.rule import Finding, Fix, Rule, RuleOptions, Target


class Options(RuleOptions):
    pattern: str = Field(
        "^ck_",
        description="Regular expression a check constraint name must match; {table} stands for the "
        "table (or domain) name.",
    )
    require_names: bool = Field(False, description="Report unnamed check constraints too.")
    namespace_style: str = Field(
        "snake_case",
        description="Style of namespace (schema) names: snake_case, camelCase, PascalCase or UPPER_SNAKE.",
    )
    namespace_pattern: str | None = Field(
        None, description="A regular expression for namespace names that overrides `namespace_style`."
    )

    @field_validator("pattern", "namespace_pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value.replace("{table}", "t"))
            except re.error as exc:
                raise ValueError(f"not a regular expression: {exc}") from None
        return value

    @field_validator("namespace_style")
    @classmethod
    def _style(cls, value: str) -> str:
        if value not in STYLES:
            raise ValueError(f"unknown style {value!r} (expected one of: {', '.join(STYLES)})")
        return value


NamingOptions = Options
_LITERAL_PREFIX = re.compile(r"\^([A-Za-z0-9_]+)\Z")


class CheckAndNamespaceNames(Rule):
    """Check constraint names match a pattern (``^ck_``) and namespace names follow snake_case.

    Why:
        A failed check reports only its name: ``violates check constraint
        "ck_orders_total_not_negative"`` tells the developer what rule the row
        broke, ``"orders_check1"`` sends them to read the DDL.  A common prefix
        tells checks apart from other constraints in catalogs and migrations.
        Namespaces (PostgreSQL and SQL Server schemas) prefix every qualified
        name in every query: one convention there avoids quoting
        ``"Sales"."Orders"`` forever.

    Instead:
        Name checks after what they ensure, with the prefix:
        ``CONSTRAINT ck_orders_total_not_negative CHECK (total >= 0)``; when the
        pattern is a plain prefix, ``sekkei lint --fix`` prefixes the existing
        name.  Patterns ignore case (``CK_Orders_Total`` matches ``^ck_``: case
        is NAM010's concern).  ``{table}`` in ``pattern`` stands for the table name
        (``^ck_{table}_``).  Unnamed checks are fine unless ``require_names`` is
        set.  Rename namespaces to ``namespace_style`` (or match
        ``namespace_pattern``).
    """

    code = "NAM007"
    name = "check-and-namespace-names"
    summary = "Check constraint names match a pattern; namespace names follow a style."
    summary_ja = "CHECK 制約の名前がパターン(既定は ^ck_)に合い、名前空間(スキーマ)名が命名規則に従うこと。"
    doc_ja = """
    理由:
        CHECK 違反のエラーには制約名しか出ません。``violates check constraint
        "ck_orders_total_not_negative"`` なら行がどの規則に反したか分かりますが、``"orders_check1"`` では
        DDL を読みに行くことになります。共通の接頭辞があれば、カタログやマイグレーションの中で CHECK を
        他の制約と区別できます。名前空間(PostgreSQL・SQL Server のスキーマ)はすべてのクエリで修飾名の
        先頭に付くので、規則を揃えれば ``"Sales"."Orders"`` のような引用符をずっと書かずに済みます。

    代わりに:
        CHECK には接頭辞を付け、何を保証するかを名前にしてください
        (``CONSTRAINT ck_orders_total_not_negative CHECK (total >= 0)``)。パターンが単純な接頭辞なら
        ``sekkei lint --fix`` が既存の名前に接頭辞を付けます。パターンは大文字・小文字を区別しません
        (``CK_Orders_Total`` も ``^ck_`` に合います。大文字・小文字は NAM010 の対象です)。
        ``pattern`` の ``{table}`` はテーブル名に置き換わります(``^ck_{table}_``)。名前のない CHECK は
        ``require_names`` を設定しない限り対象外です。
        名前空間は ``namespace_style`` に合わせて(または ``namespace_pattern`` に合うように)変更してください。
    """
    category = "naming"
    severity = "info"
    Options = Options
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        yield from self._checks(ctx, options)
        yield from self._namespaces(ctx, options)

    def _checks(self, ctx: LintContext, options: NamingOptions) -> Iterator[Finding]:
        per_table = "{table}" in options.pattern
        fixed = None if per_table else re.compile(options.pattern, re.IGNORECASE)
        prefix_match = _LITERAL_PREFIX.match(options.pattern)
        base = prefix_match.group(1) if prefix_match else None
        taken: set[tuple[str | None, str]] | None = None  # worked out when the first fix is offered
        claimed: set[tuple[str | None, str]] = set()
        owners = [
            (key, t.name, t.namespace, t.checks, False)
            for key, t in ctx.schema.tables.items()
            if t.partition_of is None  # a partition's checks are its parent's
        ]
        owners += [(key, d.name, d.namespace, d.checks, True) for key, d in ctx.schema.domains.items()]
        for key, owner_name, namespace, checks, is_domain in owners:
            if not checks:
                continue
            pattern = fixed or re.compile(
                options.pattern.replace("{table}", re.escape(owner_name)), re.IGNORECASE
            )
            for position, check in enumerate(checks):
                if check.name is None:
                    if options.require_names and not is_domain:
                        yield self.finding(
                            Target("check", key, None, position),
                            f"has no name (names must match {options.pattern})",
                            hint=f"CONSTRAINT {base or 'ck_'}{owner_name}_… CHECK ({check.sql})",
                        )
                    continue
                if pattern.search(check.name):
                    continue
                # the prefix in the name's own case, so that CHK_X becomes CK_CHK_X, not ck_CHK_X
                prefix = base.upper() if base and check.name.isupper() else base
                new = f"{prefix}{_without_marker(check.name)}" if prefix else None
                fix = None
                if new and not is_domain and pattern.search(new):
                    slot = (namespace, new.lower())
                    if taken is None:
                        taken = taken_names(ctx)
                    if slot not in taken and slot not in claimed:
                        claimed.add(slot)
                        fix = Fix(
                            f"rename check {check.name} of {key} to {new}",
                            rename_item(key, "checks", check, new),
                        )
                hint = f"rename it to {new}" if new else f"rename it to match {options.pattern}"
                if is_domain:
                    yield self.finding(
                        Target("domain", key),
                        f"check name {check.name!r} does not match {options.pattern}",
                        hint=hint,
                    )
                else:
                    yield self.finding(
                        Target("check", key, check.name, position),
                        f"name does not match {options.pattern}",
                        hint=hint,
                        fix=fix,
                    )

    def _namespaces(self, ctx: LintContext, options: NamingOptions) -> Iterator[Finding]:
        pattern = re.compile(options.namespace_pattern or STYLES[options.namespace_style])
        schema = ctx.schema
        names = set(schema.namespaces)
        for mapping in (schema.tables, schema.views, schema.enums, schema.domains, schema.sequences):
            names.update(item.namespace for item in mapping.values() if item.namespace)
        for name in sorted(names):
            if pattern.search(name):
                continue
            convention = (
                f"the pattern {options.namespace_pattern}"
                if options.namespace_pattern
                else options.namespace_style
            )
            suggestion = None if options.namespace_pattern else convert(name, options.namespace_style)
            yield self.finding(
                Target("namespace", name),
                f"namespace name does not follow {convention}",
                hint=f"rename it to {suggestion}" if suggestion and suggestion != name else None,
            )


_MARKER = re.compile(r"^(?:check|chk|ck|cc)_(?=.)|_(?:check|chk|ck)\d*$", re.IGNORECASE)


def _without_marker(name: str) -> str:
    """A check name without another convention's marker (``CHECK_rating``, ``film_rating_check``)."""
    return _MARKER.sub("", name) or name
