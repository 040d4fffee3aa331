"""IDX009: no plain single-column index on a boolean or a column with a handful of values."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    max_values: int = Field(
        3, description="Enums with at most this many values count as low-cardinality (0: booleans only)."
    )


def _values(ctx: LintContext, type_text: str, namespace: str | None) -> tuple[int | None, bool]:
    """(how many distinct values the type allows, or None for many; whether it is boolean)."""
    spec, kind = ctx.base_spec(type_text, namespace)
    if spec is None or spec.dims:
        return None, False
    if spec.kind == "canonical" and spec.base == "boolean":
        return 2, True
    if spec.kind == "canonical" and spec.base == "enum":
        return len(spec.values), False
    if kind == "enum":
        resolved = ctx.resolved(type_text, namespace)
        if resolved is not None and resolved.enum is not None:
            return len(resolved.enum.values), False
    return None, False


class LowCardinalityIndex(Rule):
    """No plain single-column index on a boolean, or on an enum with a few values.

    Why:
        An index on a column with two or three values matches a large share of
        the table for most values; the planner prefers a scan, so the index is
        rarely used but is still written on every insert and every change of
        the flag.  When it is used, it is for the rare value (``WHERE NOT
        processed``) — which a partial index serves at a fraction of the size.

    Instead:
        Index the rows queries look for: ``CREATE INDEX ON jobs (created_at)
        WHERE NOT processed`` (PostgreSQL, SQLite), or put the flag after a
        selective column in a composite index (``(user_id, is_active)``).
    """

    code = "IDX009"
    name = "low-cardinality-index"
    summary = "No plain single-column index on a boolean or a few-valued enum."
    summary_ja = "真偽値や値の少ない列挙型の列だけに通常のインデックスを張らないこと。"
    doc_ja = """
    理由:
        値が 2〜3 種類しかない列のインデックスは、ほとんどの値でテーブルの大きな割合に一致します。
        プランナーは全件走査を選ぶので、インデックスはめったに使われないのに、INSERT やフラグの変更の
        たびに書き込まれます。使われるのは少ない方の値(``WHERE NOT processed``)のときで、それなら
        部分インデックスがずっと小さく済みます。

    代わりに:
        クエリが探す行だけを索引してください: ``CREATE INDEX ON jobs (created_at) WHERE NOT processed``
        (PostgreSQL・SQLite)。あるいは選択性の高い列の後ろにフラグを置いた複合インデックス
        (``(user_id, is_active)``)にしてください。
    """
    category = "indexes"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        partial = ctx.family in {"postgres", "sqlite", "mssql"} or ctx.family is None
        verdicts: dict[tuple[str, str | None], tuple[int | None, bool]] = {}
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for position, index in enumerate(table.indexes):
                if (
                    index.unique
                    or index.where is not None
                    or index.kind is not None
                    or len(index.columns) != 1
                ):
                    continue
                if index.method not in {None, "btree", "hash", "bitmap"}:
                    continue
                names = index.column_names()
                if not names:
                    continue
                column = table.columns.get(names[0])
                if column is None:
                    continue
                cache_key = (column.type, table.namespace)
                if cache_key not in verdicts:
                    verdicts[cache_key] = _values(ctx, column.type, table.namespace)
                count, boolean = verdicts[cache_key]
                if count is None or (not boolean and count > options.max_values):
                    continue
                kind = "boolean" if boolean else f"{count}-value enum"
                hint = (
                    f"a partial index for the rare value, e.g. CREATE INDEX ON {key} (…) WHERE {names[0]} = …"
                    if partial
                    else f"a composite index that starts with a selective column, e.g. (…, {names[0]})"
                )
                yield self.finding(
                    Target("index", key, index.name, position, tuple(names)),
                    f"index on {kind} column {names[0]}: too few distinct values to be worth an index",
                    hint=hint,
                )
