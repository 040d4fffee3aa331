"""PRV005: personal data is not a primary key, nor the target of foreign keys."""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import Literal

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import Table


class Options(RuleOptions):
    levels: list[Literal["personal", "sensitive", "confidential"]] = Field(
        default=["personal", "sensitive"],
        description="Classifications that must not be used as keys.",
    )


def _classified(table: Table, columns: tuple[str, ...], levels: Container[str]) -> list[str]:
    found = []
    for name in columns:
        column = table.columns.get(name)
        if column is not None and column.privacy is not None and column.privacy.classification in levels:
            found.append(name)
    return found


class PersonalDataAsKey(Rule):
    """Personal data is not a primary key, nor the target of foreign keys.

    Why:
        A key is copied: every foreign key that references ``users(email)``
        stores the email again, in every order, log line and audit row.  The
        personal data then spreads to tables nobody classified, and erasing or
        correcting it (a changed email address, a deletion request) means
        rewriting every referencing row — or is impossible when history tables
        must not change.  Keys also end up in URLs, logs and caches.

    Instead:
        Give the table a surrogate key (``id bigint GENERATED ALWAYS AS
        IDENTITY`` or a UUID) as its primary key, keep the personal column
        ``UNIQUE`` for lookups, and reference the surrogate key.  Unique
        constraints on personal data are fine: they are not copied.
    """

    code = "PRV005"
    name = "personal-data-as-key"
    summary = "Personal data is not a primary key, nor the target of foreign keys."
    summary_ja = "個人データを主キーにしたり、外部キーの参照先にしたりしないこと。"
    doc_ja = """
    理由:
        キーは複製されます。``users(email)`` を参照する外部キーは、注文・ログ・監査のすべての行にメール
        アドレスをもう一度保存します。個人データは誰も分類していないテーブルへ広がり、訂正や削除
        (メールアドレスの変更、削除請求)には参照するすべての行の書き換えが必要で、履歴テーブルを変え
        られない場合は不可能になります。キーは URL・ログ・キャッシュにも現れます。

    代わりに:
        テーブルにはサロゲートキー(``id bigint GENERATED ALWAYS AS IDENTITY`` や UUID)を主キーとして
        持たせ、個人データの列は検索用に ``UNIQUE`` にして、参照にはサロゲートキーを使ってください。
        個人データへの一意制約は複製されないので問題ありません。
    """
    category = "privacy"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        levels = set(options.levels)
        # only tables with classified columns matter: find them in one pass over the columns
        holders = dict.fromkeys(
            info.key
            for info in ctx.classified
            if info.column.privacy is not None and info.column.privacy.classification in levels
        )
        for key in holders:
            table = ctx.schema.tables[key]
            if table.partition_of is not None:
                continue
            pk = table.primary_key
            if pk is not None:
                found = _classified(table, pk.columns, levels)
                if found:
                    referencing = len(ctx.incoming.get(key, ()))
                    spread = (
                        f"it is copied into {referencing} referencing table{'s' if referencing != 1 else ''}"
                        if referencing
                        else "every foreign key to this table will copy it"
                    )
                    yield self.finding(
                        Target("primary_key", key, pk.name, None, pk.columns),
                        f"primary key uses personal data ({', '.join(found)}): {spread}",
                        hint="add a surrogate key (id bigint GENERATED ALWAYS AS IDENTITY) as the primary "
                        f"key and keep ({', '.join(pk.columns)}) UNIQUE",
                    )
            for source, fk in ctx.incoming.get(key, ()):
                found = _classified(table, ctx.referenced_columns(fk), levels)
                if not found or ctx.schema.tables[source].partition_of is not None:
                    continue  # a partition's foreign key is its parent's
                position = ctx.schema.tables[source].foreign_keys.index(fk)
                yield self.finding(
                    Target("foreign_key", source, fk.name, position, fk.columns),
                    f"references personal data {key} ({', '.join(found)}): the values are copied here",
                    hint=f"reference a surrogate key of {key} instead",
                )
