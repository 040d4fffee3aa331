"""KEY003: id columns use 64-bit integers; also how wide an integer column is in each database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field

from sekkei.formats.sql.typemap import write_type
from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.dialects import family as family_of
from sekkei.model.schema import Column, SqlExpr, Table, qualified
from sekkei.model.types import TypeSpec

#: Dialects that share a family's native spellings (a MariaDB spelling is a MySQL one).
_SIBLINGS: dict[str, tuple[str, ...]] = {
    "postgres": ("postgres", "cockroachdb", "yugabytedb"),
    "mysql": ("mysql", "mariadb"),
}

#: Storage bits of integer type names, as the databases spell them.
_NATIVE_BITS: dict[str, int] = {
    "tinyint": 8,
    "int1": 8,
    "smallint": 16,
    "int2": 16,
    "smallserial": 16,
    "mediumint": 24,
    "int3": 24,
    "int": 32,
    "integer": 32,
    "int4": 32,
    "serial": 32,
    "bigint": 64,
    "int8": 64,
    "bigserial": 64,
}
_CANONICAL_BITS = {"tinyint": 8, "smallint": 16, "integer": 32, "bigint": 64}
_UNKNOWN = object()
_ORACLE_NUMBER = re.compile(r"^number\((\d+)(?:,\s*0)?\)$")
_NEXTVAL = re.compile(r"^\s*nextval\s*\(", re.I)


def native_spelling(column: Column, spec: TypeSpec | None, dialect: str | None) -> str | None:
    """How `dialect` spells a column's type, in lower case (None when it cannot be told).

    The column's own spelling for that database family wins (``mediumint``,
    ``tinytext``: the canonical type does not say), else the writer's mapping
    of the canonical type, so a rule sees the type the database will really have.
    """
    if dialect is None:
        return None
    fam = family_of(dialect)
    if column.native:
        for name in (dialect, *_SIBLINGS.get(fam, (fam,))):
            text = column.native.get(name)
            if text:
                return " ".join(text.lower().split())
    if spec is None:
        return None
    if spec.kind == "native":
        return spec.base.lower() if family_of(spec.dialect or "") == fam else None
    if spec.kind != "canonical":
        return None
    return _written(spec, dialect)


@lru_cache(maxsize=4096)
def _written(spec: TypeSpec, dialect: str) -> str | None:
    try:
        return write_type(spec, dialect).text.lower()
    except ValueError:
        return None


def integer_range(
    spec: TypeSpec | None, native: str | None, fam: str | None, dialect: str | None = None
) -> tuple[int, int, bool] | None:
    """(storage bits, largest value, unsigned) of an integer column in family `fam`; None if not one.

    SQLite stores every integer in up to 8 bytes whatever the declared type;
    CockroachDB's ``INT``/``INTEGER`` are 64-bit; SQL Server's tinyint is
    unsigned; an Oracle NUMBER(p) holds p digits.
    """
    if spec is None or spec.kind != "canonical" or spec.dims or spec.base not in _CANONICAL_BITS:
        return None
    if fam == "sqlite":
        return 64, 2**63 - 1, False
    bits = _CANONICAL_BITS[spec.base]
    unsigned = spec.unsigned
    if native:
        words = native.replace("(", " (").split()
        word = words[0]
        number = _ORACLE_NUMBER.match(native.replace(" ", ""))
        if number:
            digits = int(number.group(1))
            return (10**digits).bit_length() + 1, 10**digits - 1, False
        if word in _NATIVE_BITS:
            bits = _NATIVE_BITS[word]
            unsigned = "unsigned" in words or (fam == "mssql" and word == "tinyint")
        if dialect == "cockroachdb" and word in {"int", "integer"}:
            bits = 64
    largest = 2**bits - 1 if unsigned else 2 ** (bits - 1) - 1
    return bits, largest, unsigned


class Options(RuleOptions):
    min_bits: int = Field(64, description="Smallest integer width (in bits) an id column may have.")
    only_identity: bool = Field(
        False,
        description="Check only identity / auto-increment / serial columns (not every primary key "
        "or column named id or *_id).",
    )


def _is_sequence_fed(column: Column) -> bool:
    return column.identity is not None or (
        isinstance(column.default, SqlExpr) and bool(_NEXTVAL.match(column.default.sql))
    )


class IdColumnTooNarrow(Rule):
    """Id columns (identities, integer primary keys, columns named id or *_id) are 64-bit integers.

    Why:
        A 32-bit ``integer`` id runs out at 2,147,483,647 (MySQL ``int unsigned``
        at 4,294,967,295).  Busy tables reach that in a few years — sooner when
        sequences skip values after rollbacks, upserts and failovers — and then
        every insert fails.  Widening later rewrites the table and every foreign
        key column that points at it, under lock.  The extra four bytes per row
        cost little.

    Instead:
        Use ``bigint`` (``bigint GENERATED ALWAYS AS IDENTITY`` on PostgreSQL,
        ``BIGINT UNSIGNED AUTO_INCREMENT`` on MySQL) for ids.  A foreign key
        column must have its referenced column's type, so change them together;
        the hint lists the foreign key columns that reference the id.  A small
        lookup table can say so with ``nolint: {KEY003: "…"}``, or lower
        ``min_bits``.
    """

    code = "KEY003"
    name = "id-column-too-narrow"
    summary = "Id columns are 64-bit integers."
    summary_ja = "ID 列(identity・整数の主キー・id や *_id という名前の列)が 64 ビット整数であること。"
    doc_ja = """
    理由:
        32 ビットの ``integer`` の ID は 2,147,483,647(MySQL の ``int unsigned`` は 4,294,967,295)で尽きます。
        よく書き込まれるテーブルなら数年で到達し(ロールバック・UPSERT・フェイルオーバーでシーケンスが
        飛ぶとさらに早く)、以後の INSERT はすべて失敗します。後から広げるにはテーブルと、それを参照する
        すべての外部キー列をロックしたまま書き直すことになります。1 行あたり 4 バイトの追加は小さな代償です。

    代わりに:
        ID には ``bigint`` を使ってください(PostgreSQL なら ``bigint GENERATED ALWAYS AS IDENTITY``、
        MySQL なら ``BIGINT UNSIGNED AUTO_INCREMENT``)。外部キー列は参照先の列と同じ型でなければならない
        ので、一緒に変更してください(ヒントに参照している外部キー列を挙げます)。小さなマスタテーブルなら
        ``nolint: {KEY003: "…"}`` で理由を書くか、``min_bits`` を下げてください。
    """
    category = "keys"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if ctx.family == "sqlite":
            return  # every SQLite integer is 64-bit
        # partitions and inheritance children may carry foreign keys their parent does not declare
        child_fk_columns: dict[str, set[str]] = {}
        for child, parents_of_child in ctx.parents.items():
            names = {name for fk in ctx.schema.tables[child].foreign_keys for name in fk.columns}
            for parent in parents_of_child:
                child_fk_columns.setdefault(parent.key, set()).update(names)
        integer_types: dict[str | None, dict[str, object]] = {}
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue  # a partition has its parent's columns
            pk = table.primary_key
            sole_key = pk.columns[0] if pk is not None and len(pk.columns) == 1 else None
            known = integer_types.setdefault(table.namespace, {})
            # cheap tests first: most columns are not integers, most integer columns are not ids
            candidates: list[tuple[Column, TypeSpec]] = []
            for column in table.columns.values():
                spec = known.get(column.type, _UNKNOWN)
                if spec is _UNKNOWN:
                    resolved, _ = ctx.base_spec(column.type, table.namespace)
                    integer = (
                        resolved is not None
                        and resolved.kind == "canonical"
                        and resolved.base in _CANONICAL_BITS
                    )
                    spec = known[column.type] = resolved if integer else None
                if spec is None:
                    continue
                name = column.name
                if (
                    column.identity is not None
                    or column.default is not None
                    or name == sole_key
                    or name.lower().endswith("_id")
                    or name.lower() == "id"
                ):
                    assert isinstance(spec, TypeSpec)
                    candidates.append((column, spec))
            if not candidates:
                continue
            parents = ctx.parents.get(key)
            inherited = {name for parent in parents for name in parent.columns} if parents else set()
            fk_columns = {name for fk in table.foreign_keys for name in fk.columns}
            fk_columns.update(child_fk_columns.get(key, ()))
            for column, spec in candidates:
                if column.name in inherited:
                    continue
                what = self._role(column, sole_key, fk_columns, options.only_identity)
                if what is None:
                    continue
                native = native_spelling(column, spec, ctx.dialect)
                width = integer_range(spec, native, ctx.family, ctx.dialect)
                if width is None or width[0] >= options.min_bits:
                    continue
                yield self._finding(ctx, key, table, column, spec, what, native, width)

    @staticmethod
    def _role(column: Column, sole_key: str | None, fk_columns: set[str], only_identity: bool) -> str | None:
        """What makes the column an id (None: it is not one, or it is reported elsewhere)."""
        if _is_sequence_fed(column):
            return "identity" if column.identity is not None else "sequence-fed id"
        if only_identity or column.name in fk_columns:
            return None  # a foreign key column follows the column it references
        if column.name == sole_key:
            return "primary key"
        lname = column.name.lower()
        if lname == "id" or lname.endswith("_id"):
            return "id column"
        return None

    def _finding(
        self,
        ctx: LintContext,
        key: str,
        table: Table,
        column: Column,
        spec: TypeSpec,
        what: str,
        native: str | None,
        width: tuple[int, int, bool],
    ) -> Finding:
        spelled = native or str(spec)
        referencing: dict[str, None] = {}
        for child, fk in ctx.incoming.get(key, ()):
            targets = ctx.referenced_columns(fk)
            if column.name in targets and len(targets) == len(fk.columns):
                parents = ctx.parents.get(child)
                owner = parents[0].key if parents else child  # a partition's column is its parent's
                referencing[f"{owner}.{fk.columns[targets.index(column.name)]}"] = None
        wide = "bigint unsigned" if width[2] and ctx.family == "mysql" else "bigint"
        if ctx.family == "postgres":
            hint = f"ALTER TABLE {key} ALTER COLUMN {column.name} TYPE bigint"
            if column.identity is not None and column.identity.generated == "serial":
                sequence = qualified(table.namespace, f"{table.name}_{column.name}_seq")
                hint += f"; ALTER SEQUENCE {sequence} AS bigint"
        elif ctx.family == "mysql":
            extra = " AUTO_INCREMENT" if column.identity is not None else ""
            required = " NOT NULL" if not column.nullable else ""
            hint = f"ALTER TABLE {key} MODIFY {column.name} {wide.upper()}{required}{extra}"
        else:
            hint = f"make {column.name} {wide}"
        if referencing:
            listed = list(referencing)
            shown = ", ".join(listed[:5]) + (
                f" and {len(referencing) - 5} more" if len(referencing) > 5 else ""
            )
            hint += f"; change the foreign key columns that reference it too: {shown}"
        return self.finding(
            Target("column", key, column.name),
            f"{spelled} {what} overflows at {width[1]:,}",
            hint=hint,
        )
