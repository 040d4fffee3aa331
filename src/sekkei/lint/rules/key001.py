"""KEY001: every table has a primary key."""

from __future__ import annotations

from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target


class TableWithoutPrimaryKey(Rule):
    """Every table has a primary key.

    Why:
        Without a primary key a row cannot be named: updates and deletes from
        applications, replication (logical replication and most CDC tools need a
        key), ORMs and foreign keys from other tables all depend on one.
        Duplicate rows creep in and cannot be removed one at a time.

    Instead:
        Add a primary key: a surrogate ``id bigint GENERATED ALWAYS AS IDENTITY``,
        or the natural key if the table has one (for a link table, the pair of
        foreign key columns).  A table that is truly an append-only log can say
        so with ``nolint: {KEY001: "…"}``.
    """

    code = "KEY001"
    name = "table-without-primary-key"
    summary = "Every table has a primary key."
    summary_ja = "すべてのテーブルに主キーがあること。"
    doc_ja = """
    理由:
        主キーがないと行を一意に指せません。アプリケーションからの更新・削除、レプリケーション
        (論理レプリケーションや多くの CDC ツールはキーを必要とします)、ORM、他テーブルからの外部キーは
        すべて主キーに依存します。重複行が紛れ込み、1 行ずつ消すこともできなくなります。

    代わりに:
        主キーを追加してください。サロゲートキー(``id bigint GENERATED ALWAYS AS IDENTITY``)か、
        自然キーがあればそれを(関連テーブルなら外部キー列の組)。本当に追記専用のログなら
        ``nolint: {KEY001: "…"}`` で理由を書いて除外できます。
    """
    category = "keys"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for key, table in ctx.schema.tables.items():
            if table.primary_key is None and table.partition_of is None:
                unique = next(
                    (
                        u
                        for u in table.uniques
                        if all(not table.columns[c].nullable for c in u.columns if c in table.columns)
                    ),
                    None,
                )
                hint = (
                    f"the unique key ({', '.join(unique.columns)}) on NOT NULL columns could be the "
                    "primary key"
                    if unique
                    else "add a primary key, e.g. an identity column"
                )
                yield self.finding(Target("table", key), "table has no primary key", hint=hint)
