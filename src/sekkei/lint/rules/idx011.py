"""IDX011: an index's INCLUDE list does not repeat its key columns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import replace_item
from sekkei.lint.rule import Finding, Fix, Rule, Target


class IncludedKeyColumn(Rule):
    """An index's ``INCLUDE`` list does not repeat its key columns (or itself).

    Why:
        ``INCLUDE`` adds columns to the index's leaf entries so queries can read
        them without visiting the table.  A key column is stored there already:
        including it again stores it twice in every entry, for nothing.  SQL
        Server refuses it (``Cannot use duplicate column names in index``);
        PostgreSQL builds the larger index.  It usually means the key or the
        INCLUDE list is not what was intended.

    Instead:
        Remove the column from ``INCLUDE`` (``sekkei lint --fix`` does), or, if
        it was meant as a plain stored column, drop it from the key.
    """

    code = "IDX011"
    name = "included-key-column"
    summary = "An index's INCLUDE list does not repeat its key columns."
    summary_ja = "インデックスの INCLUDE 列がキー列と重複しないこと。"
    doc_ja = """
    理由:
        ``INCLUDE`` は、テーブルを見に行かずに読めるよう、インデックスの葉に列を追加します。キー列はすでに
        そこに格納されているので、重ねて含めるとすべてのエントリに無駄に 2 回格納されます。SQL Server は
        拒否し(``Cannot use duplicate column names in index``)、PostgreSQL は大きなインデックスを作ります。
        たいていキーか INCLUDE のどちらかが意図と違っています。

    代わりに:
        列を ``INCLUDE`` から外すか(``sekkei lint --fix`` が外します)、単に格納したい列だったのならキーから
        外してください。
    """
    category = "indexes"
    severity = "warning"
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for position, index in enumerate(table.indexes):
                if not index.include:
                    continue
                seen = set(index.column_names())
                kept: list[str] = []
                repeated: list[str] = []
                for name in index.include:
                    (repeated if name in seen else kept).append(name)
                    seen.add(name)
                if not repeated:
                    continue
                shown = ", ".join(dict.fromkeys(repeated))
                new = index.model_copy(update={"include": tuple(kept)})
                finding = self.finding(
                    Target("index", key, index.name, position, tuple(index.column_names())),
                    f"INCLUDE repeats {shown}, already stored in the index",
                    hint=f"remove {shown} from INCLUDE",
                    fix=Fix(
                        f"remove {shown} from INCLUDE of index {index.name or position + 1} of {key}",
                        replace_item(key, "indexes", index, new),
                    ),
                )
                if ctx.family == "mssql" and self.level == self.severity:
                    finding = replace(finding, severity="error")
                yield finding
