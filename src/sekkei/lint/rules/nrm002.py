"""NRM002: tables have the standard columns the team requires (policy; off until configured)."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from pydantic import Field, field_validator

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.types import CANONICAL, TypeSpec, parse_type

FAMILIES = frozenset(CANONICAL.values()) | {"array"}


class Options(RuleOptions):
    required: list[str] = Field(
        default_factory=lambda: ["created_at", "updated_at"],
        description="Columns every table must have (case-insensitive); `a|b` accepts either name, "
        "e.g. `created_at|inserted_at`.",
    )
    tables: list[str] = Field(
        default_factory=lambda: ["*"], description="Globs of the tables the rule applies to (name or key)."
    )
    exclude_tables: list[str] = Field(
        default_factory=list, description="Globs of tables that need not have the columns."
    )
    types: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="Allowed types per required column: a type family (`datetime`, `integer`, `string` …), "
        "a base type (`timestamptz`, `bigint`) or an exact type (`varchar(36)`); a list accepts any of them.",
    )

    @field_validator("types")
    @classmethod
    def _known_types(cls, value: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        for column, allowed in value.items():
            for text in [allowed] if isinstance(allowed, str) else allowed:
                if text.lower() in FAMILIES:
                    continue
                try:
                    parse_type(text)
                except ValueError as exc:
                    raise ValueError(f"types.{column}: {exc}") from None
        return value


def _matches(info: ColumnInfo, allowed: str) -> bool:
    """True if the column's type is the family, base type or exact type `allowed`."""
    spec = info.spec
    wanted = allowed.strip().lower()
    if spec is None:
        return info.column.type.lower() == wanted
    if wanted in FAMILIES:
        return spec.family == wanted
    if info.column.type.lower() == wanted:  # an enum or domain named directly
        return True
    parsed: TypeSpec = parse_type(allowed)
    if parsed.kind == "canonical" and not parsed.args and not parsed.unsigned:
        return spec.base == parsed.base and spec.dims == parsed.dims
    return str(spec) == str(parsed)


class RequiredColumns(Rule):
    """Tables have the standard columns the team requires (``created_at``, ``updated_at`` …).

    Why:
        Columns that every table is expected to have — audit timestamps, a
        tenant id, a row version — are what tooling relies on: incremental
        extracts read ``updated_at``, multi-tenant queries filter on
        ``tenant_id``, optimistic locking needs ``version``.  A table that
        forgot one breaks that tooling quietly, and a timestamp stored as text
        or without a time zone sorts or converts wrongly.

    Instead:
        Add the missing column, with the type the team agreed on (``types``).
        This is a team policy, so the rule is off until configured: set
        ``required`` (default ``created_at``, ``updated_at``), ``tables`` and
        ``exclude_tables`` to choose where it applies, and ``types`` to require
        a type, e.g. ``types = {created_at = "timestamptz"}``.
    """

    code = "NRM002"
    name = "required-columns"
    summary = "Tables have the standard columns the team requires."
    summary_ja = "チームが定めた標準列(``created_at``・``updated_at`` など)がテーブルにあること。"
    doc_ja = """
    理由:
        すべてのテーブルにあるはずの列(監査用タイムスタンプ、テナント ID、行バージョンなど)には
        ツールが依存しています。差分抽出は ``updated_at`` を読み、マルチテナントのクエリは ``tenant_id``
        で絞り込み、楽観ロックには ``version`` が必要です。どれかを忘れたテーブルはそれらを静かに壊し、
        文字列やタイムゾーンなしで持ったタイムスタンプは並び順や変換を誤ります。

    代わりに:
        不足している列を、チームで決めた型(``types``)で追加してください。チームの方針なので、設定する
        までこのルールは無効です。``required``(既定は ``created_at``・``updated_at``)、適用範囲を選ぶ
        ``tables`` と ``exclude_tables``、型を求める ``types``(例: ``types = {created_at = "timestamptz"}``)
        を設定します。
    """
    category = "design"
    severity = "off"
    Options = Options

    def __init__(self, options: RuleOptions | None = None, severity: str | None = None) -> None:
        super().__init__(options, severity)
        # a policy rule: configuring it (any option) without a severity turns it on
        if severity is None and self.options.model_fields_set:
            self.level = "warning"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        required = [[n.strip() for n in spec.split("|") if n.strip()] for spec in options.required]
        types = {name.lower(): [t] if isinstance(t, str) else list(t) for name, t in options.types.items()}
        # which tables have each required name: one lookup per name, not a scan of every table
        having: dict[str, dict[str, ColumnInfo]] = {}
        for names in required:
            for name in names:
                having[name.lower()] = {info.key: info for info in ctx.columns_by_name.get(name.lower(), ())}
        every_table = options.tables == ["*"] and not options.exclude_tables
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None or not (every_table or _applies(key, table.name, options)):
                continue
            missing: list[list[str]] = []
            for names in required:
                info = next((having[n.lower()][key] for n in names if key in having[n.lower()]), None)
                if info is None:
                    missing.append(names)
                    continue
                allowed = types.get(info.lname) or next(
                    (types[n.lower()] for n in names if n.lower() in types), None
                )
                if allowed and not any(_matches(info, a) for a in allowed):
                    shown = str(info.spec) if info.spec is not None else info.column.type
                    yield self.finding(
                        info.target,
                        f"type {shown} is not the required {' or '.join(allowed)}",
                        hint=f"change {info.column.name} to {allowed[0]}",
                    )
            if missing:
                wanted = ", ".join(" or ".join(names) for names in missing)
                hints = [
                    names[0] + (f" {types[names[0].lower()][0]}" if names[0].lower() in types else "")
                    for names in missing
                ]
                plural = "s" if len(missing) > 1 else ""
                yield self.finding(
                    Target("table", key),
                    f"required column{plural} {wanted} {'are' if plural else 'is'} missing",
                    hint=f"add the column{plural} " + ", ".join(hints),
                )


def _applies(key: str, name: str, options: Options) -> bool:
    def hit(patterns: list[str]) -> bool:
        return any(fnmatch.fnmatchcase(key, p) or fnmatch.fnmatchcase(name, p) for p in patterns)

    return hit(options.tables) and not hit(options.exclude_tables)
