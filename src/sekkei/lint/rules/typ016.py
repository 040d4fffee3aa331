"""TYP016: PostgreSQL uses jsonb, not json."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import change_column_type
from sekkei.lint.rule import Finding, Fix, Rule, Target
from sekkei.lint.rules.typ001 import typed_columns, typed_domains
from sekkei.model.schema import Table
from sekkei.model.types import TypeSpec


def _json(spec: TypeSpec) -> bool:
    return spec.kind == "canonical" and spec.base == "json"


def used_in_expressions(table: Table, column: str) -> bool:
    """True if an expression of the table (check, index, generated column) names the column."""
    word = re.compile(rf"(?<![\w$])[\"`]?{re.escape(column)}[\"`]?(?![\w$])", re.I)
    texts: list[str] = [check.sql for check in table.checks]
    for index in table.indexes:
        texts.extend(part.sql for part in index.columns if not isinstance(part, str) and part.sql)
        if index.where:
            texts.append(index.where)
    texts.extend(c.generated.sql for c in table.columns.values() if c.generated is not None)
    return any(word.search(text) for text in texts)


class JsonNotJsonb(Rule):
    """PostgreSQL columns use jsonb rather than json.

    Why:
        ``json`` keeps the document as text and parses it again for every
        operator: queries are slower, there is no equality (so no ``DISTINCT``,
        ``GROUP BY`` or unique index), and GIN indexes — the way to search in
        documents with ``@>`` and ``?`` — exist only for ``jsonb``.  It also keeps
        duplicate keys, which ``->`` then resolves differently than most
        applications expect.  ``jsonb`` stores the parsed form and is what the
        PostgreSQL documentation recommends.

    Instead:
        ``jsonb``.  Keep ``json`` only when the exact text (key order, spaces,
        duplicate keys) must be returned as it was written.  ``sekkei lint
        --fix`` changes the type when no check, index or computed column uses
        the column (``json_*`` functions there would need their ``jsonb_*``
        twins); check views that call ``json_*`` functions on it.  In CockroachDB
        ``JSON`` is ``JSONB`` and nothing is reported.
    """

    code = "TYP016"
    name = "json-not-jsonb"
    summary = "PostgreSQL columns use jsonb rather than json."
    summary_ja = "PostgreSQL の列には json ではなく jsonb を使うこと。"
    doc_ja = """
    理由:
        ``json`` は文書をテキストのまま保持し、演算子のたびに解析し直すため、クエリが遅く、等値比較が
        なく(``DISTINCT``・``GROUP BY``・一意インデックスが使えません)、文書内の検索
        (``@>``・``?``)に使う GIN インデックスも ``jsonb`` にしかありません。重複したキーも保持し、
        ``->`` は多くのアプリケーションの想定と違う方を返します。``jsonb`` は解析済みの形で保存し、
        PostgreSQL のドキュメントも推奨しています。

    代わりに:
        ``jsonb`` を使ってください。書かれたとおりのテキスト(キーの順序・空白・重複キー)を返す必要が
        ある場合だけ ``json`` のままにします。``sekkei lint --fix`` は、CHECK・インデックス・計算列で
        使われていない列の型を変更します(そこでの ``json_*`` 関数は ``jsonb_*`` に変える必要があります)。
        その列に ``json_*`` 関数を使うビューは確認してください。CockroachDB の ``JSON`` は ``JSONB`` なので
        報告しません。
    """
    category = "types"
    severity = "warning"
    dialects = frozenset({"postgres"})
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if ctx.dialect == "cockroachdb":
            return  # CockroachDB's JSON is JSONB
        message = "json is re-parsed on every access and cannot be indexed with GIN or compared"
        for info in typed_columns(ctx, _json):
            if info.kind == "domain":
                continue
            spec = info.spec
            assert spec is not None
            column = info.column
            new_type = str(TypeSpec("canonical", "jsonb", dims=spec.dims))
            fix = None
            if info.kind == "canonical" and column.generated is None and not used_in_expressions(
                info.table, column.name
            ):
                fix = Fix(
                    f"change {info.key}.{column.name} to {new_type} (check views that use json "
                    "functions on it)",
                    change_column_type(info.key, column.name, column.type, new_type, {"postgres"}),
                )
            yield self.finding(info.target, message, hint=f"use {new_type}", fix=fix)
        for key, _domain, spec in typed_domains(ctx, _json):
            yield self.finding(
                Target("domain", key),
                message,
                hint=f"base the domain on {TypeSpec('canonical', 'jsonb', dims=spec.dims)}",
            )
