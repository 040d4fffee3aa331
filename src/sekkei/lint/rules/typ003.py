"""TYP003: varchar limits — text with a CHECK on PostgreSQL, and a policy maximum everywhere."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.typ001 import typed_columns, typed_domains
from sekkei.model.types import TypeSpec


class Options(RuleOptions):
    prefer_text: bool = Field(
        True, description="On PostgreSQL, report every varchar(n) (text with a CHECK is preferred)."
    )
    max_length: int | None = Field(
        None,
        description="Longest varchar(n) allowed on any database (none: no limit); longer strings "
        "belong in text columns.",
    )


class VarcharLength(Rule):
    """Length limits on strings are CHECK constraints on PostgreSQL, and stay below a maximum.

    Why:
        On PostgreSQL ``varchar(n)`` is ``text`` plus a length check that is
        part of the type: raising the limit later is an ``ALTER COLUMN … TYPE``
        that takes an ACCESS EXCLUSIVE lock on the table (and lowering it
        rewrites the table), while a CHECK constraint can be replaced with
        ``NOT VALID`` and validated without blocking writes.  Both are equally
        fast to read and write.  On every database, a very long ``varchar``
        limit (``varchar(100000)``) is no real limit and only confuses: such
        values belong in a ``text`` column.

    Instead:
        On PostgreSQL write ``text`` with ``CHECK (char_length(name) <= 100)``
        (turn this off with ``prefer_text = false``).  Set ``max_length`` to cap
        ``varchar`` lengths on any database.
    """

    code = "TYP003"
    name = "varchar-length"
    summary = "String limits are CHECKs on PostgreSQL, and varchar stays below a maximum length."
    summary_ja = "PostgreSQL では文字列長の制限を CHECK で表し、varchar は上限を超えないこと。"
    doc_ja = """
    理由:
        PostgreSQL の ``varchar(n)`` は ``text`` に型として長さ検査を付けたものです。後で上限を
        上げるには ``ALTER COLUMN … TYPE`` が必要で、テーブルに ACCESS EXCLUSIVE ロックがかかります
        (下げる場合はテーブルの書き換えも起きます)。CHECK 制約なら ``NOT VALID`` で付け替え、書き込みを
        止めずに検証できます。読み書きの速さは同じです。どのデータベースでも、``varchar(100000)`` の
        ような長すぎる上限は制限として意味がなく紛らわしいだけで、そうした値は ``text`` 列に置くべきです。

    代わりに:
        PostgreSQL では ``text`` と ``CHECK (char_length(name) <= 100)`` を使ってください
        (``prefer_text = false`` で無効にできます)。どのデータベースでも ``max_length`` で
        ``varchar`` の長さの上限を設定できます。
    """
    category = "types"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        # PostgreSQL itself: CockroachDB and YugabyteDB change column types their own way
        prefer_text = options.prefer_text and ctx.dialect == "postgres"
        limit = options.max_length
        if not prefer_text and limit is None:
            return

        def wanted(spec: TypeSpec) -> bool:
            length = spec.length
            if spec.kind != "canonical" or spec.base != "varchar" or length is None:
                return False
            return prefer_text or (limit is not None and length > limit)

        for info in typed_columns(ctx, wanted):
            if info.kind != "domain":
                assert info.spec is not None
                yield self._finding(info.target, info.spec, info.column.name, limit, prefer_text)
        for key, _domain, spec in typed_domains(ctx, wanted):
            yield self._finding(Target("domain", key), spec, "VALUE", limit, prefer_text)

    def _finding(
        self, target: Target, spec: TypeSpec, name: str, limit: int | None, prefer_text: bool
    ) -> Finding:
        length = spec.length
        assert length is not None
        text = TypeSpec("canonical", "text", dims=spec.dims)
        if limit is not None and length > limit:
            return self.finding(
                target,
                f"{spec.element()} is longer than the allowed {limit:,} characters",
                hint=f"use {text} for long strings, or varchar({limit}) at most",
            )
        hint = f"use {text}" if spec.dims else f"use {text} with CHECK (char_length({name}) <= {length})"
        return self.finding(
            target, f"{spec.element()}: changing the limit later locks the table; a CHECK does not", hint=hint
        )
