"""IDX004: tables have at most a few indexes."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    max_indexes: int = Field(
        10, description="Most indexes a table may have, counting its primary key and unique constraints."
    )


class TooManyIndexes(Rule):
    """Tables have at most ``max_indexes`` indexes (10 by default), keys included.

    Why:
        Every insert and delete writes every index of the table, and every
        update writes those on the changed columns (in PostgreSQL, all of them
        unless the update is HOT).  Many indexes slow writes, inflate WAL or the
        binary log and replication, and take memory that hot data needs.  Past
        ten or so, some of them are usually unused or redundant.

    Instead:
        Check which indexes queries use (``pg_stat_user_indexes``,
        ``sys.schema_unused_indexes``), drop unused and redundant ones (IDX001),
        and combine those that share leading columns.
    """

    code = "IDX004"
    name = "too-many-indexes"
    summary = "Tables have at most a few indexes."
    summary_ja = "テーブルのインデックスが多すぎないこと(既定は主キー・一意制約を含めて 10 個まで)。"
    doc_ja = """
    理由:
        INSERT と DELETE はテーブルのすべてのインデックスに書き込み、UPDATE は変更した列のインデックスに
        (PostgreSQL では HOT 更新でない限りすべてに)書き込みます。インデックスが多いと書き込みが遅くなり、
        WAL やバイナリログとレプリケーションが膨らみ、よく使うデータのためのメモリが奪われます。10 個を
        超えるころには、使われていないものや冗長なものがたいてい含まれています。

    代わりに:
        クエリが使っているインデックスを確認し(``pg_stat_user_indexes``、``sys.schema_unused_indexes``)、
        使われていないものと冗長なもの(IDX001)を削除し、先頭列が同じものはまとめてください。
    """
    category = "indexes"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            keys = (1 if table.primary_key is not None else 0) + len(table.uniques)
            count = keys + len(table.indexes)
            if count <= options.max_indexes:
                continue
            detail = f" ({len(table.indexes)} indexes, {keys} keys)" if keys else ""
            yield self.finding(
                Target("table", key),
                f"table has {count} indexes{detail}, at most {options.max_indexes}: every write updates them",
                hint="drop indexes queries do not use, and redundant ones (IDX001)",
            )
