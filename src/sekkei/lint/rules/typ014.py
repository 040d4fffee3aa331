"""TYP014: PostgreSQL column order does not waste alignment padding."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import Column, Table
from sekkei.model.types import TypeSpec

#: (typlen, typalign) of PostgreSQL's fixed-width types, by canonical name.
_FIXED: dict[str, tuple[int, int]] = {
    "boolean": (1, 1),
    "tinyint": (2, 2),  # written as smallint
    "smallint": (2, 2),
    "integer": (4, 4),
    "bigint": (8, 8),
    "real": (4, 4),
    "double": (8, 8),
    "money": (8, 8),
    "date": (4, 4),
    "time": (8, 8),
    "timetz": (12, 8),
    "timestamp": (8, 8),
    "timestamptz": (8, 8),
    "interval": (16, 8),
    "uuid": (16, 1),
    "macaddr": (6, 4),
}
#: Unsigned integers are written one size up (tinyint unsigned is smallint …).
_UNSIGNED = {"tinyint": (2, 2), "smallint": (4, 4), "integer": (8, 8), "bigint": (8, 8)}
#: PostgreSQL-only fixed-width types.
_NATIVE: dict[str, tuple[int, int]] = {
    "oid": (4, 4),
    "xid": (4, 4),
    "cid": (4, 4),
    "xid8": (8, 8),
    "tid": (6, 2),
    "pg_lsn": (8, 8),
    "macaddr8": (8, 4),
    "point": (16, 8),
    "line": (24, 8),
    "lseg": (32, 8),
    "box": (32, 8),
    "circle": (24, 8),
    "name": (64, 1),
    **dict.fromkeys(
        "regclass regproc regprocedure regoper regoperator regtype regrole regnamespace regconfig "
        "regdictionary".split(),
        (4, 4),
    ),
}
#: A value whose width varies (text, numeric, arrays …): the offset after it is unknown.
VARIABLE = None
Layout = tuple[int, int] | None


def layout_of(spec: TypeSpec | None, kind: str) -> Layout:
    """PostgreSQL's (length, alignment) of a type, or VARIABLE."""
    if spec is None or spec.dims:
        return VARIABLE
    if kind == "enum":
        return (4, 4)  # an enum value is stored as its 4-byte oid
    if spec.kind == "canonical":
        if spec.unsigned and spec.base in _UNSIGNED:
            return _UNSIGNED[spec.base]
        return _FIXED.get(spec.base, VARIABLE)
    if spec.kind == "native" and spec.dialect == "postgres":
        return _NATIVE.get(spec.base.lower(), VARIABLE)
    return VARIABLE


def padding(layouts: list[Layout]) -> tuple[int, int]:
    """(padding bytes that are certain, end offset) of fields stored in this order.

    The row's data starts at an 8-byte boundary.  After a variable-length value
    the offset is unknown, so padding there is not counted: the result is a
    lower bound.  `known` is the alignment the current offset is known modulo.
    """
    offset = 0
    known = 8
    total = 0
    for item in layouts:
        if item is VARIABLE:
            known = 1
            continue
        length, align = item
        if align <= known:
            aligned = -(-offset // align) * align
            total += aligned - offset
            offset = aligned + length
        else:  # unknown padding; from here the offset is known modulo `align`
            known, offset = align, length
    return total, offset


def best_order(columns: list[tuple[Column, Layout]]) -> list[tuple[Column, Layout]]:
    """Fixed-width columns by alignment (8, 4, 2, 1; odd lengths last), then variable-length ones."""

    def key(item: tuple[Column, Layout]) -> tuple[int, int]:
        layout = item[1]
        if layout is VARIABLE:
            return (1, 0)
        length, align = layout
        return (-align, length % align)  # timetz (12 bytes) last among the 8-byte ones

    return sorted(columns, key=key)


class Options(RuleOptions):
    min_saving: int = Field(
        8, description="Report a table only if reordering saves at least this many bytes per row."
    )


class AlignmentPadding(Rule):
    """PostgreSQL column order does not waste alignment padding.

    Why:
        PostgreSQL stores a row's columns in declared order and aligns each
        fixed-width value to its size: a ``boolean`` followed by a ``bigint``
        wastes 7 bytes, in every row.
        ``(flag boolean, id bigint, active boolean, created_at timestamptz)``
        takes 32 bytes of row data instead of 24.  On a table with hundreds of millions
        of rows that is gigabytes of disk, cache and backup.  The estimate
        counts only padding that is certain (after a variable-length value the
        offset depends on the data) and assumes no NULLs.

    Instead:
        Declare 8-byte columns (``bigint``, ``timestamptz``, ``double``) first,
        then 4-byte (``integer``, ``date``, ``real``), 2-byte, 1-byte
        (``boolean``) and ``uuid``, then variable-length columns (``text``,
        ``numeric``, ``jsonb``).  Column order can only change by rebuilding
        the table, so do it when creating it.  CockroachDB and YugabyteDB store
        rows differently and are not checked.
    """

    code = "TYP014"
    name = "alignment-padding"
    summary = "PostgreSQL column order does not waste alignment padding."
    summary_ja = "PostgreSQL の列の順序でアラインメントの詰め物を無駄にしないこと。"
    doc_ja = """
    理由:
        PostgreSQL は行の列を宣言順に格納し、固定長の値をそのサイズ境界に揃えます。``boolean`` の後に
        ``bigint`` があると 7 バイトが無駄になり、それがすべての行で起きます。
        ``(flag boolean, id bigint, active boolean, created_at timestamptz)`` は 24 バイトで済むところを
        32 バイト使います。数億行のテーブルでは、ディスク・キャッシュ・バックアップが
        ギガバイト単位で増えます。見積もりは確実な詰め物だけを数え(可変長の値の後の位置はデータ次第
        です)、NULL がないものとしています。

    代わりに:
        8 バイトの列(``bigint``・``timestamptz``・``double``)を先に、次に 4 バイト(``integer``・
        ``date``・``real``)、2 バイト、1 バイト(``boolean``)と ``uuid``、最後に可変長の列(``text``・
        ``numeric``・``jsonb``)を宣言してください。列の順序はテーブルを作り直さないと変えられないため、
        作成時に決めてください。行の格納方式が異なる CockroachDB と YugabyteDB は対象外です。
    """
    category = "types"
    severity = "info"
    dialects = frozenset({"postgres"})
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if ctx.dialect in {"cockroachdb", "yugabytedb"}:
            return  # PostgreSQL's wire protocol, not its row format
        by_namespace: dict[str | None, dict[str, Layout]] = {}
        minimum = options.min_saving
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None or len(table.columns) < 2:
                continue
            layouts = by_namespace.setdefault(table.namespace, {})
            columns: list[tuple[Column, Layout]] = []
            for column in table.columns.values():
                if column.generated is not None and not column.generated.stored:
                    continue  # a virtual column takes no space in the row
                layout = layouts.get(column.type, 0)
                if layout == 0:
                    resolved = ctx.resolved(column.type, table.namespace)
                    spec, kind = ctx.base_spec(column.type, table.namespace)
                    layout = layouts[column.type] = layout_of(spec, resolved.kind if resolved else kind)
                columns.append((column, layout))  # type: ignore[arg-type]
            saving = _saving(columns, minimum)
            if saving >= minimum:
                yield self._finding(key, table, columns, saving)

    def _finding(self, key: str, table: Table, columns: list[tuple[Column, Layout]], saving: int) -> Finding:
        order = [column.name for column, _ in best_order(columns)]
        shown = ", ".join(order[:12]) + (", …" if len(order) > 12 else "")
        return self.finding(
            Target("table", key),
            f"column order wastes at least {saving} bytes of alignment padding per row",
            hint=f"when (re)creating the table, order the columns: {shown}",
        )


def _saving(columns: list[tuple[Column, Layout]], minimum: int) -> int:
    """Bytes per row that the best order saves (0 when it cannot reach `minimum`)."""
    declared = [layout for _, layout in columns]
    declared_pad, declared_end = padding(declared)
    fixed = VARIABLE not in declared
    if declared_pad == 0 or (not fixed and declared_pad < minimum):
        return 0  # reordering cannot save padding that is not there
    best = [layout for _, layout in best_order(columns)]
    best_pad, best_end = padding(best)
    if fixed:
        # all fixed-width: the row is padded to 8 bytes at the end anyway
        return -(-declared_end // 8) * 8 - -(-best_end // 8) * 8
    return declared_pad - best_pad
