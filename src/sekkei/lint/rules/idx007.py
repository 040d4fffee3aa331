"""IDX007: no column appears twice in one index or key."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import replace_item
from sekkei.lint.rule import Finding, Fix, Rule, Target
from sekkei.lint.rules.idx001 import normalize_sql
from sekkei.model.schema import IndexElement


def _repeats(parts: Sequence[str | IndexElement], fold: bool) -> tuple[list[int], list[str]]:
    """Positions of parts that repeat an earlier one, and their names."""
    if len(parts) < 2:
        return [], []
    if not fold and len(set(parts)) == len(parts) and all(isinstance(p, str) for p in parts):
        return [], []  # the usual case, told without a loop in Python
    seen: set[str] = set()
    positions: list[int] = []
    names: list[str] = []
    for position, part in enumerate(parts):
        if isinstance(part, str):
            name = part
        else:
            name = part.column if part.column is not None else normalize_sql(part.sql) or ""
        identity = name.lower() if fold else name
        if identity in seen:
            positions.append(position)
            names.append(name)
        seen.add(identity)
    return positions, names


class RepeatedIndexColumn(Rule):
    """No column (or expression) appears twice in one index, unique constraint or primary key.

    Why:
        A repeated column adds nothing an index can use: the second copy is
        always equal to the first.  MySQL, SQL Server and Oracle refuse such an
        index (``Duplicate column name``), and every database refuses it in a
        primary key or unique constraint; PostgreSQL builds the index anyway,
        larger for nothing.  It is usually a typo for another column.

    Instead:
        Remove the repeated column (``sekkei lint --fix`` does), or name the
        column that was meant.
    """

    code = "IDX007"
    name = "repeated-index-column"
    summary = "No column appears twice in one index or key."
    summary_ja = "1 つのインデックスやキーに同じ列が二度現れないこと。"
    doc_ja = """
    理由:
        繰り返された列はインデックスに何も加えません(2 つ目は常に 1 つ目と等しい)。MySQL・SQL Server・
        Oracle はそのインデックスを拒否し(``Duplicate column name``)、主キーや一意制約ではどのデータベースも
        拒否します。PostgreSQL はインデックスを作りますが、無駄に大きくなるだけです。たいていは別の列の
        書き間違いです。

    代わりに:
        繰り返された列を削除するか(``sekkei lint --fix`` が削除します)、意図した列名に直してください。
    """
    category = "indexes"
    severity = "error"
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        fold = ctx.family in {"mysql", "mssql", "sqlite"}
        lenient = ctx.family in {"postgres", "sqlite"}  # they build such an index
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            pk = table.primary_key
            if pk is not None:
                positions, names = _repeats(pk.columns, fold)
                if positions:
                    new_pk = pk.model_copy(update={"columns": _without(pk.columns, positions)})
                    yield self._found(
                        Target("primary_key", key, pk.name, None, pk.columns),
                        names,
                        key,
                        "primary_key",
                        pk,
                        new_pk,
                        "error",
                    )
            for position, unique in enumerate(table.uniques):
                positions, names = _repeats(unique.columns, fold)
                if positions:
                    new_unique = unique.model_copy(update={"columns": _without(unique.columns, positions)})
                    yield self._found(
                        Target("unique", key, unique.name, position, unique.columns),
                        names,
                        key,
                        "uniques",
                        unique,
                        new_unique,
                        "error",
                    )
            for position, index in enumerate(table.indexes):
                positions, names = _repeats(index.columns, fold)
                if positions:
                    new_index = index.model_copy(update={"columns": _without(index.columns, positions)})
                    level = "warning" if lenient and not index.unique else "error"
                    target = Target("index", key, index.name, position, tuple(index.column_names()))
                    yield self._found(target, names, key, "indexes", index, new_index, level)

    def _found(
        self, target: Target, names: list[str], key: str, group: str, old: Any, new: Any, level: str
    ) -> Finding:
        shown = ", ".join(dict.fromkeys(names))
        what = {"primary_key": "primary key", "uniques": "unique constraint"}.get(group, "index")
        finding = self.finding(
            target,
            f"{shown} appears more than once",
            hint=f"remove the repeated {shown}, or name the column that was meant",
            fix=Fix(
                f"remove the repeated {shown} from the {what} of {key}", replace_item(key, group, old, new)
            ),
        )
        return replace(finding, severity=level) if self.level == self.severity else finding


def _without(parts: Sequence[Any], positions: list[int]) -> tuple[Any, ...]:
    dropped = set(positions)
    return tuple(part for number, part in enumerate(parts) if number not in dropped)
