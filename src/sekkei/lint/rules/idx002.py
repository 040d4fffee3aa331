"""IDX002: foreign key columns are covered by an index."""

from __future__ import annotations

from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import add_index
from sekkei.lint.rule import Finding, Fix, Rule, Target


class ForeignKeyWithoutIndex(Rule):
    """Foreign key columns are covered by an index.

    Why:
        Deleting or updating a referenced row makes the database look for the
        rows that point at it; without an index on the foreign key columns that
        is a full scan of the referencing table, for every such row, under lock.
        Joins along the relationship — the most common join there is — are slow
        for the same reason.  PostgreSQL, SQL Server and Oracle do not create
        these indexes by themselves (MySQL does).

    Instead:
        Index the foreign key columns (an index whose leading columns are the
        foreign key's, in any order, will do).  ``sekkei lint --fix`` adds one.
        The rule is silent for MySQL and MariaDB targets, where InnoDB creates
        the index itself.
    """

    code = "IDX002"
    name = "foreign-key-without-index"
    summary = "Foreign key columns are covered by an index."
    summary_ja = "外部キーの列にインデックスがあること。"
    doc_ja = """
    理由:
        参照先の行を削除・更新すると、データベースはそれを参照している行を探します。外部キー列に
        インデックスがないと、その行ごとに参照元テーブルの全件走査がロックを伴って起きます。関連に沿った
        結合(もっとも多い結合です)も同じ理由で遅くなります。PostgreSQL・SQL Server・Oracle はこの
        インデックスを自動では作りません(MySQL は作ります)。

    代わりに:
        外部キー列にインデックスを張ってください(先頭の列が外部キーの列であれば順序は問いません)。
        ``sekkei lint --fix`` で追加できます。MySQL・MariaDB では InnoDB が自動で作るため、
        このルールは報告しません。
    """
    category = "indexes"
    severity = "warning"
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if ctx.family == "mysql":
            return  # InnoDB creates (and keeps) an index for every foreign key by itself
        for key, table in ctx.schema.tables.items():
            for position, fk in enumerate(table.foreign_keys):
                if not fk.columns or ctx.is_covered(table, fk.columns):
                    continue
                columns = ", ".join(fk.columns)
                fix = Fix(f"add an index on {key} ({columns})", add_index(key, fk.columns))
                yield self.finding(
                    Target("foreign_key", key, fk.name, position, fk.columns),
                    f"no index covers the foreign key columns ({columns})",
                    hint=f"CREATE INDEX ON {key} ({columns})",
                    fix=fix,
                )
