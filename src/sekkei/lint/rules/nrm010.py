"""NRM010: tables with exactly the same columns are likely duplicates (found by hashing, not pairs)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    min_columns: int = Field(4, ge=1, description="Fewest columns two tables must share to be reported.")
    include_same_name: bool = Field(
        False,
        description="Also report tables of the same name in different namespaces (usually deliberate "
        "archive or staging copies).",
    )


class DuplicateTables(Rule):
    """Tables with exactly the same columns are likely duplicates.

    Why:
        Two tables with the same set of columns usually hold the same kind of
        thing split by some value — ``orders_2023`` and ``orders_2024``,
        ``active_users`` and ``deleted_users`` — or a copy that was never
        removed.  Every query that wants all of them needs a ``UNION``, every
        change has to be made twice (and drifts when it is not), and constraints
        cannot span the copies.

    Instead:
        Merge them into one table with a column for what told them apart
        (``year``, ``status``), partitioned if size is the concern — the
        database then routes rows for you.  Drop a leftover copy.  Partitions and
        inheriting tables are not reported, nor (unless ``include_same_name``)
        same-named tables in different namespaces; a deliberate copy can say
        so with ``nolint: {NRM010: "…"}``.
    """

    code = "NRM010"
    name = "duplicate-tables"
    summary = "Tables with exactly the same columns are likely duplicates."
    summary_ja = "列の構成がまったく同じテーブルは重複の可能性が高い。"
    doc_ja = """
    理由:
        同じ列の組を持つ二つのテーブルは、たいてい同じ種類のものを何かの値で分けたもの
        (``orders_2023`` と ``orders_2024``、``active_users`` と ``deleted_users``)か、消し忘れた写しです。
        全体を見るクエリには ``UNION`` が必要になり、変更は二度行わなければならず(忘れればずれ)、
        制約は写しをまたげません。

    代わりに:
        分けていた値の列(``year``・``status`` など)を持つ一つのテーブルにまとめてください。大きさが
        問題ならパーティション化すれば、行の振り分けはデータベースが行います。残った写しは削除して
        ください。パーティションと継承したテーブルは対象外で、``include_same_name`` を設定しない限り
        別の名前空間にある同名のテーブルも対象外です。意図的な写しは ``nolint: {NRM010: "…"}`` で
        その旨を書けます。
    """
    category = "design"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        groups: dict[frozenset[str], list[str]] = defaultdict(list)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None or table.inherits or len(table.columns) < options.min_columns:
                continue
            # case-insensitive; names already in lower case (the usual) are taken as they are
            joined = "".join(table.columns)
            lowered = table.columns.keys() if joined == joined.lower() else [n.lower() for n in table.columns]
            groups[frozenset(lowered)].append(key)
        for columns, keys in groups.items():
            if len(keys) < 2:
                continue
            names = {ctx.schema.tables[k].name.lower() for k in keys}
            if len(names) == 1 and not options.include_same_name:
                continue
            first, others = keys[0], keys[1:]
            shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
            yield self.finding(
                Target("table", first),
                f"table has the same {len(columns)} columns as table{'s' if len(others) > 1 else ''} {shown}",
                hint="merge them into one table with a column for what tells the rows apart "
                "(partitioned if size is the concern), or drop the copy",
            )
