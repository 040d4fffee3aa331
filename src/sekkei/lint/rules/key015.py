"""KEY015: no unique constraint repeats the primary key or another key, or contains one."""

from __future__ import annotations

from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import drop_item
from sekkei.lint.rule import Finding, Fix, Rule, Target
from sekkei.model.schema import Table, Unique


def _label(kind: str, name: str | None, columns: tuple[str, ...]) -> str:
    return f"{kind} {name}" if name else f"{kind} ({', '.join(columns)})"


def _with_columns(label: str, columns: tuple[str, ...]) -> str:
    return label if label.endswith(")") else f"{label} ({', '.join(columns)})"


def _referenced_sets(ctx: LintContext, key: str) -> set[frozenset[str]]:
    """Column sets of this table that foreign keys reference (they need a key of exactly those columns)."""
    return {frozenset(ctx.referenced_columns(fk)) for _, fk in ctx.incoming.get(key, ())}


class RedundantKey(Rule):
    """No unique constraint repeats the primary key or another unique key, or contains one.

    Why:
        A unique constraint on the primary key's columns, or on the columns of
        another unique key, enforces nothing new but is a second index that
        every write maintains.  One whose columns include a whole key is always
        satisfied: ``UNIQUE (id, email)`` cannot fail while ``id`` is the
        primary key.

    Instead:
        Drop the redundant constraint; ``sekkei lint --fix`` drops exact
        repeats.  A constraint that contains a key is kept when a foreign key
        references exactly its columns (composite foreign keys need one);
        otherwise drop it, or keep a plain index if queries use it.
    """

    code = "KEY015"
    name = "redundant-key"
    summary = "No unique constraint repeats or contains the primary key or another key."
    summary_ja = "一意制約が主キーや他の一意キーと重複せず、それらを包含もしないこと。"
    doc_ja = """
    理由:
        主キーや別の一意キーと同じ列の一意制約は、何も新しく保証しないのに、書き込みのたびに維持される
        2 つ目のインデックスです。キー全体を含む一意制約は常に満たされます(``id`` が主キーなら
        ``UNIQUE (id, email)`` は決して違反しません)。

    代わりに:
        冗長な制約を削除してください。完全な重複は ``sekkei lint --fix`` が削除します。キーを包含する制約は、
        外部キーがちょうどその列を参照している場合は残します(複合外部キーには必要です)。そうでなければ
        削除するか、クエリが使うなら通常のインデックスにしてください。
    """
    category = "keys"
    severity = "warning"
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for key, table in ctx.schema.tables.items():
            if not table.uniques or table.partition_of is not None:
                continue
            yield from self._table(ctx, key, table)

    def _table(self, ctx: LintContext, key: str, table: Table) -> Iterator[Finding]:
        # keys seen so far: (label, columns, the unique constraint or None for the primary key, position)
        earlier: list[tuple[str, tuple[str, ...], Unique | None, int]] = []
        if table.primary_key is not None:
            pk = table.primary_key
            label = "the primary key" if not pk.name else f"primary key {pk.name}"
            earlier.append((label, pk.columns, None, -1))
        keys = [
            *earlier,
            *(
                (_label("unique constraint", u.name, u.columns), u.columns, u, n)
                for n, u in enumerate(table.uniques)
            ),
        ]
        referenced: set[frozenset[str]] | None = None
        for position, unique in enumerate(table.uniques):
            columns = set(unique.columns)
            this = _label("unique constraint", unique.name, unique.columns)
            same = next(
                (k for k in earlier if set(k[1]) == columns and len(k[1]) == len(unique.columns)), None
            )
            inner = next((k for k in keys if set(k[1]) < columns), None) if same is None else None
            earlier.append((this, unique.columns, unique, position))
            if same is not None:
                label, key_columns, other, other_position = same
                if key_columns != unique.columns:
                    yield self.finding(
                        Target("unique", key, unique.name, position, unique.columns),
                        f"has the columns of {label} in another order: as a constraint it adds nothing",
                        hint=f"drop it; if lookups by {unique.columns[0]} need it, keep a plain index "
                        f"({', '.join(unique.columns)})",
                    )
                elif self._implied(unique, other):
                    yield self._repeat(key, unique, position, label)
                elif other is not None and self._implied(other, unique):
                    yield self._repeat(key, other, other_position, this)
            elif inner is not None:
                if referenced is None:
                    referenced = _referenced_sets(ctx, key)
                if frozenset(columns) not in referenced:
                    yield self.finding(
                        Target("unique", key, unique.name, position, unique.columns),
                        f"contains all of {_with_columns(inner[0], inner[1])}: it can never be violated",
                        hint="drop it, or keep a plain index if queries use it",
                    )

    def _repeat(self, key: str, unique: Unique, position: int, covering: str) -> Finding:
        label = _label("unique constraint", unique.name, unique.columns)
        return self.finding(
            Target("unique", key, unique.name, position, unique.columns),
            f"repeats {covering}",
            hint=f"drop {label}",
            fix=Fix(f"drop the redundant {label} of {key}", drop_item(key, "uniques", unique)),
        )

    @staticmethod
    def _implied(unique: Unique, other: Unique | None) -> bool:
        """True if `other` (None: the primary key) enforces everything `unique` does."""
        if other is None:
            return not unique.deferrable
        if unique.deferrable != other.deferrable or unique.initially_deferred != other.initially_deferred:
            return False
        # NULLS NOT DISTINCT is the stricter one: it implies the default, not the other way round
        return other.nulls_distinct is False or unique.nulls_distinct is True
