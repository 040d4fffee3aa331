"""KEY007: no foreign keys, for databases whose policy forbids them (off unless enabled)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.key010 import glob_matcher


class Options(RuleOptions):
    reason: str | None = Field(
        None, description="Why foreign keys are not used, shown in every message (e.g. 'Vitess shards')."
    )
    allow_for: list[str] = Field(
        default_factory=list,
        description="Globs of referencing tables whose foreign keys are allowed (e.g. unsharded tables).",
    )


class ForeignKeyForbidden(Rule):
    """No foreign keys, where the database or its operators forbid them (off unless enabled).

    Why:
        Some deployments cannot enforce foreign keys or choose not to: sharded
        MySQL (Vitess, PlanetScale) cannot check a reference that crosses
        shards, and online schema change tools (gh-ost, pt-online-schema-change)
        cannot copy tables that foreign keys point at.  A design that declares
        them there fails to deploy, or silently loses them.

    Instead:
        Keep the relationship in the design's documentation (a comment, or the
        diagram) and enforce it in the application; keep the referencing column
        indexed.  Turn this rule on with ``severity`` and, where some tables may
        keep their foreign keys, list them in ``allow_for``.
    """

    code = "KEY007"
    name = "foreign-key-forbidden"
    summary = "No foreign keys, where the deployment forbids them (off by default)."
    summary_ja = "外部キーを禁止する運用では外部キーを使わないこと(既定は無効)。"
    doc_ja = """
    理由:
        外部キーを強制できない、または使わない運用があります。シャーディングした MySQL(Vitess・PlanetScale)は
        シャードをまたぐ参照を検査できず、オンラインスキーマ変更ツール(gh-ost・pt-online-schema-change)は
        外部キーに参照されるテーブルをコピーできません。そこで外部キーを宣言した設計はデプロイに失敗するか、
        外部キーが黙って失われます。

    代わりに:
        関連は設計のドキュメント(コメントや ER 図)に残してアプリケーションで保証し、参照する列には
        インデックスを張ってください。このルールは ``severity`` で有効にし、外部キーを残してよいテーブルは
        ``allow_for`` に列挙してください。
    """
    category = "keys"
    severity = "off"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        because = f" ({options.reason})" if options.reason else ""
        allowed = glob_matcher(options.allow_for)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None or allowed(key):
                continue
            for position, fk in enumerate(table.foreign_keys):
                yield self.finding(
                    Target("foreign_key", key, fk.name, position, fk.columns),
                    f"foreign keys are not allowed here{because}",
                    hint=f"drop the constraint and keep an index on ({', '.join(fk.columns)}); enforce the "
                    f"reference to {fk.references.table} in the application",
                )
