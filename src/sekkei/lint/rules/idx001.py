"""IDX001: no index duplicates another or is a left prefix of one (the other serves its lookups)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import drop_item
from sekkei.lint.rule import Finding, Fix, Rule, Target
from sekkei.model.schema import Index, IndexElement, Table

_PIECES = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\s+|[^'\"`\s]+")
_SPACE_AROUND = re.compile(r" ?([(),=<>+*/|:-]) ?")
_IN_MEMORY = {"memory", "heap", "ndb", "ndbcluster"}

Part = tuple[str | None, str | None, str | None, str | None, str | None, str | None, int | None]


def normalize_sql(text: str | None) -> str | None:
    """An expression in a form where spelling differences that mean nothing compare equal.

    Case outside quotes, runs of white space, spaces around punctuation and
    parentheses around the whole expression do not matter; quoted text does.
    """
    if text is None:
        return None
    pieces: list[str] = []
    for piece in _PIECES.findall(text.strip()):
        if piece[0] in "'\"`":
            pieces.append(piece)
        elif piece.isspace():
            pieces.append(" ")
        else:
            pieces.append(_SPACE_AROUND.sub(r"\1", piece.lower()))
    result = _SPACE_AROUND.sub(r"\1", "".join(pieces)).strip()
    while result.startswith("(") and result.endswith(")") and _wraps(result):
        result = result[1:-1].strip()
    return result


def _wraps(text: str) -> bool:
    """True if the first parenthesis closes at the very end (``(a)`` yes, ``(a) and (b)`` no)."""
    depth = 0
    quote = ""
    for position, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and position != len(text) - 1:
                return False
    return True


def _part(element: str | IndexElement) -> Part:
    if isinstance(element, str):
        return (element, None, None, None, None, None, None)
    order, nulls = element.order, element.nulls
    if (order is None and nulls == "last") or (order == "desc" and nulls == "first"):
        nulls = None  # the default placement for that order
    return (
        element.column,
        normalize_sql(element.sql),
        order,
        nulls,
        element.opclass.lower() if element.opclass else None,
        element.collation.strip('"').lower() if element.collation else None,
        element.length,
    )


@dataclass(frozen=True)
class _Shape:
    """An index, primary key or unique constraint, as far as lookups are concerned."""

    label: str
    position: int  # in the owner's indexes; -1 for keys, which come first
    method: str
    parts: tuple[Part, ...]
    where: str | None
    include: frozenset[str]
    unique: bool
    nulls_distinct: bool
    index: Index | None

    @property
    def columns(self) -> str:
        return ", ".join(p[0] or p[1] or "?" for p in self.parts)

    def covers(self, other: _Shape) -> str | None:
        """How this one makes `other` redundant: ``same``, ``prefix`` or None."""
        if self.method != other.method or self.where != other.where:
            return None
        if not other.include <= self.include | {p[0] for p in self.parts if p[0]}:
            return None
        if self.parts == other.parts:
            if other.unique and not (
                self.unique and (self.nulls_distinct is False or other.nulls_distinct is True)
            ):
                return None
            return "same"
        if (
            self.method == "btree"
            and not other.unique
            and len(other.parts) < len(self.parts)
            and self.parts[: len(other.parts)] == other.parts
        ):
            return "prefix"
        return None


def _method(index: Index, hash_is_btree: bool) -> str:
    if index.kind is not None:
        return index.kind
    method = index.method or "btree"
    return "btree" if method == "hash" and hash_is_btree else method


def _shapes(owner: Table | None, indexes: Sequence[Index], hash_is_btree: bool) -> list[_Shape]:
    shapes: list[_Shape] = []
    if owner is not None:
        pk = owner.primary_key
        if pk is not None:
            label = f"primary key {pk.name}" if pk.name else "the primary key"
            shapes.append(
                _Shape(
                    label,
                    -1,
                    "btree",
                    tuple(_part(c) for c in pk.columns),
                    None,
                    frozenset(),
                    True,
                    False,
                    None,
                )
            )
        for unique in owner.uniques:
            label = f"unique constraint {unique.name}" if unique.name else "a unique constraint"
            shapes.append(
                _Shape(
                    label,
                    -1,
                    "btree",
                    tuple(_part(c) for c in unique.columns),
                    None,
                    frozenset(),
                    True,
                    unique.nulls_distinct,
                    None,
                )
            )
    for position, index in enumerate(indexes):
        label = f"index {index.name}" if index.name else f"index #{position + 1}"
        shapes.append(
            _Shape(
                label,
                position,
                _method(index, hash_is_btree),
                tuple(_part(c) for c in index.columns),
                normalize_sql(index.where),
                frozenset(index.include),
                index.unique,
                index.nulls_distinct,
                index,
            )
        )
    return shapes


def _leading(part: str | IndexElement) -> str | None:
    if isinstance(part, str):
        return part
    return part.column if part.column is not None else normalize_sql(part.sql)


def _may_overlap(owner: Table | None, indexes: Sequence[Index]) -> bool:
    """A quick test before the real one: does some index start like another index or key?"""
    starts: list[str | None] = [_leading(index.columns[0]) if index.columns else None for index in indexes]
    seen = set(starts)
    if len(seen) < len(starts):
        return True
    if owner is not None:
        keys = [owner.primary_key.columns] if owner.primary_key is not None else []
        keys.extend(unique.columns for unique in owner.uniques)
        return any(columns and columns[0] in seen for columns in keys)
    return False


def redundant_indexes(
    owner: Table | None, indexes: Sequence[Index], hash_is_btree: bool
) -> Iterator[tuple[_Shape, _Shape, str]]:
    """(redundant index, the key or index that covers it, how) for one table's or view's indexes."""
    if not _may_overlap(owner, indexes):
        return
    shapes = _shapes(owner, indexes, hash_is_btree)
    for shape in shapes:
        if shape.index is None:
            continue
        best: tuple[_Shape, str] | None = None
        for other in shapes:
            if other is shape:
                continue
            how = other.covers(shape)
            if how is None:
                continue
            if (
                how == "same"
                and other.index is not None
                and other.position > shape.position
                and shape.covers(other)
            ):
                continue  # of two identical indexes, the later one is the redundant one
            if best is None or len(other.parts) > len(best[0].parts):
                best = (other, how)
        if best is not None:
            yield shape, best[0], best[1]


class RedundantIndex(Rule):
    """No index duplicates another, or is a left prefix of another index or key.

    Why:
        Every index is written on every insert, on updates of its columns and
        on deletes, takes memory and disk, and must be vacuumed and backed up.
        An index identical to another, or whose columns are the leading columns
        of another B-tree index (or of the primary key or a unique constraint)
        with the same condition, serves no lookup the other does not: ``(a)`` is
        redundant next to ``(a, b)``.  A unique index is never redundant next
        to a wider one — it enforces something — and indexes that differ in
        method, condition (``WHERE``), expression, order, operator class,
        collation or prefix length are different indexes.  InnoDB builds
        ``USING HASH`` as a B-tree, so that difference does not count there.

    Instead:
        Drop the redundant index; ``sekkei lint --fix`` does.  The message names
        the index or key that covers it.
    """

    code = "IDX001"
    name = "redundant-index"
    summary = "No index duplicates another or is a left prefix of another."
    summary_ja = "インデックスが他と重複したり、他のインデックスの先頭部分と同じだったりしないこと。"
    doc_ja = """
    理由:
        インデックスは INSERT のたび、列の UPDATE と DELETE のたびに書き込まれ、メモリとディスクを使い、
        VACUUM やバックアップの対象にもなります。他と同一のインデックスや、列が別の B-tree インデックス
        (または主キー・一意制約)の先頭列と同じで条件も同じインデックスは、他方が扱えない検索を一つも
        担いません。``(a, b)`` があれば ``(a)`` は冗長です。一意インデックスは何かを保証しているので、より
        広いインデックスがあっても冗長ではありません。方式・条件(``WHERE``)・式・並び順・演算子クラス・
        照合順序・プレフィックス長が違うものは別のインデックスです。InnoDB は ``USING HASH`` を B-tree として
        作るので、そこではその違いは数えません。

    代わりに:
        冗長なインデックスを削除してください。``sekkei lint --fix`` が削除します。メッセージに、それを
        包含するインデックスやキーを示します。
    """
    category = "indexes"
    severity = "warning"
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        mysql = ctx.family == "mysql"
        for key, table in ctx.schema.tables.items():
            if not table.indexes or table.partition_of is not None:
                continue
            engine = table.options.get("mysql", table.options.get("mariadb", {})).get("engine", "").lower()
            for shape, other, how in redundant_indexes(
                table, table.indexes, mysql and engine not in _IN_MEMORY
            ):
                index = shape.index
                assert index is not None
                target = Target("index", key, index.name, shape.position, tuple(index.column_names()))
                label = index.name or f"({shape.columns})"
                yield self.finding(
                    target,
                    self._message(other, how),
                    hint=self._hint(ctx, key, index),
                    fix=Fix(f"drop the redundant index {label} of {key}", drop_item(key, "indexes", index)),
                )
        for key, view in ctx.schema.views.items():
            if len(view.indexes) < 2:
                continue
            for shape, other, how in redundant_indexes(None, view.indexes, False):
                index = shape.index
                assert index is not None
                target = Target("view_index", key, index.name, shape.position, tuple(index.column_names()))
                yield self.finding(target, self._message(other, how), hint=self._hint(ctx, key, index))

    @staticmethod
    def _message(other: _Shape, how: str) -> str:
        if how == "same":
            return f"duplicates {other.label} ({other.columns})"
        return f"{other.label} ({other.columns}) starts with the same columns and serves the same lookups"

    @staticmethod
    def _hint(ctx: LintContext, key: str, index: Index) -> str:
        if index.name is None:
            return f"drop the index on {key} ({', '.join(index.column_names()) or 'its expressions'})"
        if ctx.family == "mysql":
            return f"ALTER TABLE {key} DROP INDEX {index.name}"
        if ctx.family == "mssql":
            return f"DROP INDEX {index.name} ON {key}"
        return f"DROP INDEX {index.name}"
